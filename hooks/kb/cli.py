"""Command line for the people who edit site-data/ (the `kb` command that
`pip install -e .` installs; `python -m kb` is the same). Run from the project folder:

  kb validate                  check every file; print every problem
  kb new faq ID --cause CAUSE  scaffold a new FAQ (or cause, solution)
  kb translations              table of every entry x language
  kb translations confirm FILE mark FILE's translations as checked
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

from .loader import load_knowledge_base
from .problems import KnowledgeBaseError
from .scaffold import SCAFFOLD_KINDS, create_entry
from .schema import Schemas
from .site import DEFS_FILE, load_site, schema_drift, write_language_blocks
from .translations import (COMPLETE, MISSING, OUTDATED, confirm, entry_status, field_statuses, read_lock,
                           relative_file)

# The project folder is where the command runs, as for `mkdocs`: the package may be
# installed anywhere, so its own location says nothing about where site-data/ is.
DEFAULT_DATA = Path("site-data")


def _load(args):
    return load_knowledge_base(Path(args.data), draft=getattr(args, "draft", False))


def validate(args) -> int:
    started = time.perf_counter()
    try:
        kb = _load(args)
    except KnowledgeBaseError as error:
        print(error, file=sys.stderr)
        return 1
    elapsed = time.perf_counter() - started
    print(f"site-data is valid: {len(kb.causes)} causes, {len(kb.solutions)} solutions, "
          f"{len(kb.faqs)} FAQs, {len(kb.checklists)} checklists in {len(kb.languages)} languages "
          f"({elapsed:.2f} s).")
    return 0


def new(args) -> int:
    schemas = Schemas(Path(args.data) / "schema")
    try:
        path = create_entry(Path(args.data), args.kind, args.id, schemas.languages,
                            **({"causes": args.cause} if args.kind == "faq" else
                               {"solutions": args.solution, "category": args.category or "TODO-category"}
                               if args.kind == "cause" else {}))
    except FileExistsError as error:
        print(f"{error}: choose another id or edit that file.", file=sys.stderr)
        return 1
    print(f"Created {path.relative_to(Path(args.data).parent)}. Replace every TODO in all "
          f"{len(schemas.languages)} languages, then run `kb validate`.")
    if args.kind == "faq" and args.cause:
        print(f"Added `{args.id}` to the faqs of: {', '.join(args.cause)}.")
    return 0


def translations(args) -> int:
    try:
        kb = load_knowledge_base(Path(args.data), draft=True)
    except KnowledgeBaseError as error:
        print(error, file=sys.stderr)
        return 1
    schemas = Schemas(Path(args.data) / "schema")
    if args.action == "confirm":
        languages = args.language or list(kb.site.translation_languages)
        count = confirm(kb, schemas, Path(args.data), args.files, languages, kb.draft_sources)
        print(f"Confirmed {count} translated texts against the current "
              f"{kb.site.name_of(kb.site.source_language)} text.")
        return 0
    by_entry = defaultdict(list)
    for status in field_statuses(kb, schemas, read_lock(Path(args.data)), kb.draft_sources):
        by_entry[(relative_file(status.file), status.language)].append(status)
    languages = list(kb.site.translation_languages)
    files = sorted({file for file, _ in by_entry})
    table = {file: {lang: entry_status(by_entry[(file, lang)]) for lang in languages} for file in files}
    if args.json:
        detail = {file: {lang: {"status": table[file][lang],
                                "fields": {s.key: s.status for s in by_entry[(file, lang)] if s.status != COMPLETE}}
                         for lang in languages} for file in files}
        print(json.dumps(detail, ensure_ascii=False, indent=2))
    else:
        width = max(len(f) for f in files) + 2
        print("entry".ljust(width) + "".join(lang.ljust(10) for lang in languages))
        for file in files:
            print(file.ljust(width) + "".join(table[file][lang].ljust(10) for lang in languages))
        totals = {state: sum(1 for f in files for lang in languages if table[f][lang] == state)
                  for state in (COMPLETE, OUTDATED, MISSING)}
        print(f"\n{len(files)} entries x {len(languages)} languages: "
              + ", ".join(f"{count} {state}" for state, count in totals.items()))
    return 1 if args.strict and any(v != COMPLETE for row in table.values() for v in row.values()) else 0


def schema(args) -> int:
    try:
        site = load_site(Path(args.data))
    except KnowledgeBaseError as error:
        print(error, file=sys.stderr)
        return 1
    target = Path(args.data) / "schema" / DEFS_FILE
    if schema_drift(Path(args.data), site) is None:
        print(f"{target} already has the languages of site.yml ({', '.join(site.codes)}).")
        return 0
    if args.check:
        print(f"{target} is out of date with site.yml: run `kb schema` to rewrite it.", file=sys.stderr)
        return 1
    write_language_blocks(Path(args.data))
    print(f"Rewrote the language blocks of {target} for {', '.join(site.codes)}.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="kb", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", default=str(DEFAULT_DATA),
                        help="the site-data folder (default: %(default)s in the current folder)")
    commands = parser.add_subparsers(dest="command", required=True)

    check = commands.add_parser("validate", help="check every file in site-data/ and print every problem")
    check.add_argument("--draft", action="store_true",
                       help="allow missing translations (they fall back to the source language)")

    scaffold = commands.add_parser("new", help="create a new entry file with TODOs in every language")
    scaffold.add_argument("kind", choices=sorted(SCAFFOLD_KINDS))
    scaffold.add_argument("id", help="the new id: lower-case words joined by hyphens, e.g. selfie-too-dark")
    scaffold.add_argument("--cause", action="append", default=[], help="(faq) a cause it belongs to; repeatable")
    scaffold.add_argument("--solution", action="append", default=[], help="(cause) a solution id; repeatable")
    scaffold.add_argument("--category", help="(cause) the category id")

    status = commands.add_parser("translations", help="which translations are complete, missing or outdated")
    status.add_argument("action", nargs="?", choices=["status", "confirm"], default="status")
    status.add_argument("files", nargs="*", help="(confirm) files such as faqs/my-question.yml; none means all")
    status.add_argument("--language", action="append", help="(confirm) only these languages; repeatable")
    status.add_argument("--json", action="store_true", help="machine-readable output")
    status.add_argument("--strict", action="store_true", help="exit 1 unless everything is complete")

    generate = commands.add_parser("schema", help="rewrite the language blocks of schema/defs.schema.json from site.yml")
    generate.add_argument("--check", action="store_true", help="only check: exit 1 if the file is out of date")

    args = parser.parse_args(argv)
    if not Path(args.data, "schema").is_dir():
        print(f"{args.data}/ is not a site-data folder: run kb from the project folder, "
              f"or name the folder with --data.", file=sys.stderr)
        return 2
    return {"validate": validate, "new": new, "translations": translations, "schema": schema}[args.command](args)
