"""Command line for the people who edit site-data/ (the `kb` command that
`pip install -e .` installs; `python -m kb` is the same). Run from the project folder:

  kb validate                  check every file; print every problem (valid: record new translations)
  kb new faq ID --cause CAUSE  scaffold a new FAQ (or cause, solution)
  kb translations              the translations to update or confirm, field by field
  kb translations confirm FILE mark FILE's translations as checked (--all: every file)
  kb editions SITE_DIR         the ZIM and single-HTML editions of a built offline copy
  kb export --out DIR          the Markdown of every page of every language, as plain files
  kb index SITE_DIR            the search index of a built site (after any engine's build)
"""
from __future__ import annotations

import argparse
import datetime
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

from .loader import load_knowledge_base
from .problems import KnowledgeBaseError
from .scaffold import SCAFFOLD_KINDS, ScaffoldError, create_entry
from .schema import Schemas
from .site import DEFS_FILE, load_site, schema_drift, write_language_blocks
from .translations import (COMPLETE, LOCK_FILE, MISSING, OUTDATED, SEVERITY, UNCONFIRMED, ConfirmError, confirm,
                           earlier_source_texts, entry_status, field_statuses, read_lock,
                           record_first_translations, relative_file)

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
    warnings = kb.warnings
    elapsed = time.perf_counter() - started
    print(f"site-data is valid: {len(kb.causes)} causes, {len(kb.solutions)} solutions, "
          f"{len(kb.faqs)} FAQs, {len(kb.checklists)} checklists in {len(kb.languages)} languages "
          f"({elapsed:.2f} s).")
    if warnings:
        # Worth a look, but not errors: the exit status stays 0 and the build goes on.
        print(f"{len(warnings)} warnings (not errors):" if len(warnings) != 1 else "1 warning (not an error):")
        print("\n".join(f"  {warning}" for warning in warnings))
    for line in _record_first_translations(kb, Path(args.data)):
        print(line)
    notice = _translation_notice(kb, Path(args.data))
    if notice:
        print(notice)
    return 0


def _record_first_translations(kb, data_dir: Path) -> list[str]:
    """Lines saying which new translations valid data has just recorded as confirmed, per file.

    This is what makes a new entry's translations confirmed without a separate step: the
    recipe ends with a valid `kb validate`, and from then on an English change shows
    readers a note (translations.record_first_translations says why that is safe).
    """
    recorded = record_first_translations(kb, Schemas(data_dir / "schema"), data_dir, kb.draft_sources)
    if not recorded:
        return []
    by_file: dict = defaultdict(lambda: defaultdict(list))
    for item in recorded:
        by_file[item.file][item.key].append(item.language)
    lines = [f"Recorded {len(recorded)} new translated text{'' if len(recorded) == 1 else 's'} as confirmed "
             f"(first translations: no earlier {kb.site.name_of(kb.site.source_language)} to compare them with), "
             f"in {LOCK_FILE}:"]
    for file in sorted(by_file):
        lines.append(f"  {file}")
        lines += [f"    {key}: {', '.join(languages)}" for key, languages in by_file[file].items()]
    return lines


def _translation_notice(kb, data_dir: Path) -> str | None:
    """One line on translations that need the editor, or None: valid data may still need a review.

    A notice, not an error: an outdated translation is still a correct translation of
    an older English text, and the published page says so to its readers.
    """
    counts = {OUTDATED: 0, UNCONFIRMED: 0}
    for status in field_statuses(kb, Schemas(data_dir / "schema"), read_lock(data_dir)):
        if status.status in counts:
            counts[status.status] += 1
    if not any(counts.values()):
        return None
    parts = []
    if counts[OUTDATED]:
        parts.append(f"{counts[OUTDATED]} translated texts are outdated (the "
                     f"{kb.site.name_of(kb.site.source_language)} changed since they were confirmed; "
                     "readers see a note)")
    if counts[UNCONFIRMED]:
        parts.append(f"{counts[UNCONFIRMED]} {'are' if counts[OUTDATED] else 'translated texts are'} new "
                     "and not yet confirmed")
    return f"Notice: {' and '.join(parts)}. Run `kb translations` (make translations) to see them, field by field."


def new(args) -> int:
    schemas = Schemas(Path(args.data) / "schema")
    data = Path(args.data)
    try:
        path, changed = create_entry(data, args.kind, args.id, schemas.languages,
                                     **({"causes": args.cause} if args.kind == "faq" else
                                        {"solutions": args.solution, "category": args.category or "TODO-category"}
                                        if args.kind == "cause" else {}))
    except FileExistsError as error:
        print(f"{error}: choose another id or edit that file.", file=sys.stderr)
        return 1
    except ScaffoldError as error:
        print(f"{error}\nNothing was created or changed.", file=sys.stderr)
        return 1
    shown = lambda p: p.relative_to(data.parent).as_posix() if data.parent in p.parents else p.as_posix()
    print(f"Created {shown(path)}.")
    for cause_file in changed:
        print(f"Changed {shown(cause_file)}: added `{args.id}` to its faqs.")
    entry = path.relative_to(data).as_posix()
    print(f"Next: replace every TODO in all {len(schemas.languages)} languages; run `kb validate` "
          f"(make validate) until it reports no problem. The valid run records the new translations of "
          f"{entry} as confirmed, so that a later change to the English shows readers a note.")
    return 0


def _confirm(args, kb, schemas) -> int:
    data = Path(args.data)
    languages = [code for value in (args.language or []) for code in value.replace(",", " ").split()]
    languages = languages or list(kb.site.translation_languages)
    if not args.files and not args.all:
        print("Name the file(s) whose translations you checked: `kb translations confirm FILE` "
              "(make confirm FILE=...); `kb translations` lists the files to confirm, with the command for "
              "each. To confirm every translation of the site, add --all (make confirm ALL=1).", file=sys.stderr)
        return 2
    if args.files and args.all:
        print("Give either file names or --all, not both.", file=sys.stderr)
        return 2
    files = None if args.all else args.files
    try:
        planned = confirm(kb, schemas, data, files, languages, kb.draft_sources, dry_run=True)
    except ConfirmError as error:
        print(f"Nothing confirmed: {error}", file=sys.stderr)
        return 2
    changes = [c for c in planned if c.before != COMPLETE]
    if args.all and changes and not args.yes:
        question = (f"Confirm {len(changes)} translated texts in "
                    f"{len({c.file for c in changes})} files ({', '.join(languages)}) as checked against "
                    f"the current {kb.site.name_of(kb.site.source_language)} text")
        if not sys.stdin.isatty():
            print(f"{question}? Not without a terminal to ask: add --yes to confirm them all. "
                  "Nothing confirmed.", file=sys.stderr)
            return 2
        if input(f"{question}? [y/N] ").strip().lower() not in ("y", "yes"):
            print("Nothing confirmed.")
            return 1
    confirm(kb, schemas, data, files, languages, kb.draft_sources)
    by_file: dict = defaultdict(lambda: defaultdict(list))
    for c in changes:
        by_file[c.file][(c.language, c.before)].append(c.key)
    for file in sorted(by_file):
        print(file)
        for language, before in sorted(by_file[file], key=lambda k: (languages.index(k[0]), k[1])):
            print(f"  {language}, was {before}: {', '.join(by_file[file][(language, before)])}")
    unchanged = len(planned) - len(changes)
    source = kb.site.name_of(kb.site.source_language)
    print(f"Confirmed {len(changes)} translated text{'' if len(changes) == 1 else 's'} against the current "
          f"{source} text"
          + (f"; {unchanged} others in these files and languages were already confirmed." if unchanged else "."))
    return 0


def _short(text: str, limit: int = 160) -> str:
    """One line of a text for the terminal: whitespace collapsed, long texts cut with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _source_texts(kb, schemas):
    """(path, key, {language: text}) of every tracked text field, as translation status reads them."""
    from .translations import _text_fields, translated_files
    formats: dict = {}
    for path, kind in translated_files(kb):
        for key, texts in _text_fields(kb, schemas, path, kind, kb.draft_sources, formats):
            yield path, key, texts


def _problem_rows(statuses, languages):
    """file -> [(key, status, [languages])] for every field not complete, worst status first."""
    rows: dict = defaultdict(dict)
    for s in statuses:
        if s.status != COMPLETE:
            rows[relative_file(s.file)].setdefault((s.key, s.status), []).append(s.language)
    return {file: sorted(((key, state, sorted(langs, key=languages.index)) for (key, state), langs in fields.items()),
                         key=lambda row: SEVERITY.index(row[1]))
            for file, fields in rows.items()}


def translations(args) -> int:
    try:
        kb = load_knowledge_base(Path(args.data), draft=True)
    except KnowledgeBaseError as error:
        print(error, file=sys.stderr)
        return 1
    schemas = Schemas(Path(args.data) / "schema")
    if args.action == "confirm":
        return _confirm(args, kb, schemas)
    statuses = list(field_statuses(kb, schemas, read_lock(Path(args.data)), kb.draft_sources))
    by_entry = defaultdict(list)
    for status in statuses:
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
        shown = files if args.full else [f for f in files if any(v != COMPLETE for v in table[f].values())]
        if args.full:
            width = max(len(f) for f in files) + 2
            print("entry".ljust(width) + "".join(lang.ljust(12) for lang in languages))
            for file in shown:
                print(file.ljust(width) + "".join(table[file][lang].ljust(12) for lang in languages))
        else:
            lock = read_lock(Path(args.data))
            current = {(relative_file(path), key): texts.get(kb.site.source_language)
                       for path, key, texts in _source_texts(kb, schemas)}
            source = kb.site.name_of(kb.site.source_language)
            for file, rows in sorted(_problem_rows(statuses, languages).items()):
                print(file)
                outdated = {key: lock[file][key][langs[0]] for key, state, langs in rows if state == OUTDATED}
                before = earlier_source_texts(kb, schemas, Path(args.data), file, outdated)
                for key, state, langs in rows:
                    print(f"  {key}: {state} in {', '.join(langs)}")
                    if state == OUTDATED:
                        print(f"    {source} before: " + (_short(before[key]) if key in before else
                                                           "(not found in the git history of the file)"))
                        print(f"    {source} now:    {_short(current.get((file, key)) or '')}")
                to_confirm = sorted({lang for _, state, langs in rows if state in (OUTDATED, UNCONFIRMED)
                                     for lang in langs}, key=languages.index)
                if to_confirm:
                    only = "" if to_confirm == languages else " " + " ".join(f"--language {l}" for l in to_confirm)
                    print(f"  after checking: kb translations confirm {file}{only}")
            if shown:
                print()
        totals = {state: sum(1 for f in files for lang in languages if table[f][lang] == state)
                  for state in (COMPLETE, OUTDATED, UNCONFIRMED, MISSING)}
        print(f"{len(files)} entries x {len(languages)} languages: "
              + ", ".join(f"{count} {state}" for state, count in totals.items())
              + ("" if args.full else " (--full: every entry)"))
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


def editions(args) -> int:
    """Write the one-file editions of an offline copy that `make offline` built (kb/editions)."""
    from .editions import FORMS, write_editions
    site_dir = Path(args.site_dir)
    if not (site_dir / "index.html").is_file():
        print(f"{site_dir}/ holds no index.html: name the folder `make offline` wrote (site-offline/).",
              file=sys.stderr)
        return 2
    try:
        kb = _load(args)
        written = write_editions(site_dir, Path(args.out or site_dir.parent), args.name, kb.site, kb.ui,
                                 datetime.date.fromisoformat(kb.content_date), forms=tuple(args.form or FORMS),
                                 vocabulary=kb.search_vocabulary)
    except (KnowledgeBaseError, ValueError) as error:
        print(error, file=sys.stderr)
        return 1
    for edition in written:
        print(f"wrote {edition.describe()}")
    return 0


def export(args) -> int:
    from .export import export_site
    from .project import load_project
    content = Path(args.content)
    if not content.is_dir():
        print(f"{content}/ is not a folder: name the hand-written pages' folder with --content.", file=sys.stderr)
        return 2
    try:
        project = load_project(Path(args.data), draft=args.draft)
    except KnowledgeBaseError as error:
        print(error, file=sys.stderr)
        return 1
    unknown = [code for code in args.language or [] if code not in project.kb.languages]
    if unknown:
        print(f"unknown language {', '.join(unknown)}: use codes from {args.data}/site.yml "
              f"({', '.join(project.kb.languages)})", file=sys.stderr)
        return 2
    report = export_site(project.renderer, content, Path(args.out), args.language)
    print(report.summary(Path(args.out)))
    return 0


def index(args) -> int:
    from .search import index_built_site
    site_dir = Path(args.site_dir)
    if not site_dir.is_dir():
        print(f"{site_dir}/ is not a folder: build the site first, then index it.", file=sys.stderr)
        return 2
    try:
        kb = load_knowledge_base(Path(args.data), draft=args.draft)
    except KnowledgeBaseError as error:
        print(error, file=sys.stderr)
        return 1
    report = index_built_site(site_dir, kb, directory_urls=not args.file_urls)
    if not report.documents:
        print(f"{site_dir}/ has no page with <html lang>: nothing to index.", file=sys.stderr)
        return 1
    print(report.summary())
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

    status = commands.add_parser("translations",
                                 help="which translations are missing, outdated or unconfirmed, field by field")
    status.add_argument("action", nargs="?", choices=["status", "confirm"], default="status")
    status.add_argument("files", nargs="*", help="(confirm) files such as faqs/my-question.yml")
    status.add_argument("--all", action="store_true", help="(confirm) every translated file; asks first")
    status.add_argument("--yes", action="store_true", help="(confirm --all) do not ask")
    status.add_argument("--language", action="append",
                        help="(confirm) only these languages; repeatable or comma-separated")
    status.add_argument("--full", action="store_true", help="the table of every entry, complete ones too")
    status.add_argument("--json", action="store_true", help="machine-readable output")
    status.add_argument("--strict", action="store_true", help="exit 1 unless everything is complete")

    generate = commands.add_parser("schema", help="rewrite the language blocks of schema/defs.schema.json from site.yml")
    generate.add_argument("--check", action="store_true", help="only check: exit 1 if the file is out of date")

    one_file = commands.add_parser("editions", help="the ZIM (Kiwix) and single-HTML editions of a built offline copy")
    one_file.add_argument("site_dir", help="the offline copy, as `make offline` wrote it (site-offline/)")
    one_file.add_argument("--out", help="where to write them (default: beside the copy's folder)")
    one_file.add_argument("--name", default="kyc-help",
                          help="stem of the file names and of the ZIM Name (default: %(default)s, "
                               "as mkdocs.offline.yml's kb_edition_name)")
    one_file.add_argument("--form", action="append", choices=["zim", "html", "pdf"],
                          help="only this form; repeatable (default: zim and html; pdf, which prints the "
                               "html file, needs Chromium and Playwright)")
    exporter = commands.add_parser("export", help="write the Markdown of every page of every language as plain files")
    exporter.add_argument("--out", required=True, help="the folder to write: one sub-folder per language")
    exporter.add_argument("--content", default="content", help="the hand-written pages (default: %(default)s)")
    exporter.add_argument("--language", action="append", help="only this language; repeatable")
    exporter.add_argument("--draft", action="store_true",
                          help="allow missing translations (they fall back to the source language)")

    indexer = commands.add_parser("index", help="write the search index of a built site (assets/kb-search/)")
    indexer.add_argument("site_dir", help="the built site, every language in it")
    indexer.add_argument("--file-urls", action="store_true",
                         help="the site links to page.html rather than page/ (use_directory_urls: false)")
    indexer.add_argument("--draft", action="store_true", help="the site was built with --draft / KB_DRAFT=1")

    args = parser.parse_args(argv)
    if not Path(args.data, "schema").is_dir():
        print(f"{args.data}/ is not a site-data folder: run kb from the project folder, "
              f"or name the folder with --data.", file=sys.stderr)
        return 2
    return {"validate": validate, "new": new, "translations": translations, "schema": schema,
            "editions": editions, "export": export, "index": index}[args.command](args)
