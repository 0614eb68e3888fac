"""Scaffold a new entry file with every required field and every language of the site as TODOs.

The TODO values are rejected by `validate` until someone writes the real text,
so a half-filled file can never reach the published site by accident.
"""
from __future__ import annotations

import datetime
import difflib
import io
import re
from pathlib import Path

import yaml
from ruamel.yaml import YAML, YAMLError

from .site import load_site
from .translations import TODO_PREFIX

# The kinds `kb new` can scaffold; their folders come from site.yml.
SCAFFOLD_KINDS = ("cause", "faq", "solution")
# The same rule as the loader's ids (lower-case words joined by hyphens).
ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


class ScaffoldError(ValueError):
    """Input the scaffold refuses before writing anything; the message says what to type instead."""


def _text(languages, indent: int, what: str) -> str:
    pad = " " * indent
    return "".join(f'{pad}{language}: "{TODO_PREFIX}: {what} ({language})"\n' for language in languages)


def scaffold(kind: str, entry_id: str, languages, causes=(), solutions=(), category: str = "TODO-category") -> str:
    """The text of a new entry file of the given kind."""
    schema = f"# yaml-language-server: $schema=../schema/{kind}.schema.json\n"
    if kind == "faq":
        return (schema + "# FAQ: replace every TODO, then run `kb validate` until the data is valid (it records the translations).\n"
                + "question:\n" + _text(languages, 2, "the question, as a reader would ask it")
                + "answer:\n" + _text(languages, 2, "the answer; mark unofficial figures as user reports")
                + "causes:\n" + "".join(f"  - {c}\n" for c in (causes or ["TODO-cause-id"])))
    if kind == "solution":
        return (schema + "# Solution: replace every TODO, then run `kb validate` until the data is valid (it records the translations).\n"
                + "title:\n" + _text(languages, 2, "what the fix does, as an instruction")
                + "steps:\n" + "  - " + _text(languages, 4, "first step").lstrip()
                + "  - " + _text(languages, 4, "second step").lstrip())
    if kind == "cause":
        today = datetime.date.today().isoformat()
        return (schema + "# Cause: replace every TODO, then run `kb validate` until the data is valid (it records the translations).\n"
                + f"category: {category}\n"
                + "title:\n" + _text(languages, 2, "the problem in a reader's words")
                + "summary:\n" + _text(languages, 2, "one or two sentences")
                + "symptoms:\n" + _text(languages, 2, "what the reader sees")
                + "why:\n" + _text(languages, 2, "why it happens")
                + "solutions:\n" + "".join(f"  - {s}\n" for s in (solutions or ["TODO-solution-id"]))
                + "if_still_failing:\n" + _text(languages, 2, "what to do when the fixes did not help")
                + "faqs: []\n"
                + "sources:\n  - kind: user-report\n    title:\n" + _text(languages, 6, "where the facts come from")
                + f"reviewed: {today}\n")
    raise ValueError(f"unknown kind {kind}")


def _check_ids(what: str, given, folder: Path) -> list[str]:
    """Problems with ids that must name existing files of folder, with close matches."""
    known = sorted(p.stem for p in folder.glob("*.yml"))
    problems = []
    for value in given:
        if "," in value:
            parts = " ".join(f"--{what} {v.strip()}" for v in value.split(",") if v.strip())
            problems.append(f"`{value}` is several ids joined by commas: give each one on its own ({parts}; "
                            f"with make, separate them by spaces)")
        elif value not in known:
            close = difflib.get_close_matches(value, known, n=3, cutoff=0.6)
            problems.append(f"unknown {what} `{value}`: "
                            + (f"did you mean {', '.join(f'`{c}`' for c in close)}?" if close
                               else f"known ids: {', '.join(known)}"))
    return problems


def create_entry(data_dir: Path, kind: str, entry_id: str, languages, **options) -> tuple[Path, list[Path]]:
    """Write the scaffold and, for a FAQ, link it from its causes; returns (new file, changed files).

    Every check runs before the first write, so a refused command changes nothing.
    Refuses to overwrite an existing file (FileExistsError) and bad input (ScaffoldError).
    """
    site = load_site(data_dir)
    data_dir = Path(data_dir)
    path = data_dir / site.folder_of(kind) / f"{entry_id}.yml"
    problems = []
    if not ID_PATTERN.match(entry_id):
        suggestion = "-".join(re.findall(r"[a-z0-9]+", entry_id.lower()))
        problems.append(f"`{entry_id}` is not a valid id: use lower-case words joined by hyphens"
                        + (f", e.g. `{suggestion}`" if suggestion else ""))
    cause_files = []
    if kind == "faq":
        causes = options.get("causes", ())
        problems += _check_ids("cause", causes, data_dir / site.folder_of("cause"))
        if not problems:
            cause_files = [data_dir / site.folder_of("cause") / f"{cause}.yml" for cause in causes]
            for cause_file in cause_files:
                problem = _cause_problem(cause_file)
                if problem:
                    problems.append(problem)
    if kind == "cause":
        problems += _check_ids("solution", options.get("solutions", ()), data_dir / site.folder_of("solution"))
        category = options.get("category")
        categories_file = data_dir / site.files["categories"].file
        if category and category != "TODO-category" and categories_file.exists():
            known = [c.get("id") for c in (yaml.safe_load(categories_file.read_text(encoding="utf-8")) or {})
                     .get("categories", [])]
            if category not in known:
                close = difflib.get_close_matches(category, known, n=3, cutoff=0.6)
                problems.append(f"unknown category `{category}`: "
                                + (f"did you mean {', '.join(f'`{c}`' for c in close)}?" if close
                                   else f"known ids: {', '.join(known)}"))
    if problems:
        raise ScaffoldError("\n".join(problems))
    if path.exists():
        raise FileExistsError(f"{path} already exists")
    path.write_text(scaffold(kind, entry_id, languages, **options), encoding="utf-8")
    changed = [cause_file for cause_file in cause_files if _add_faq_to_cause(cause_file, entry_id)]
    return path, changed


def _round_trip() -> YAML:
    """A ruamel.yaml round-trip reader/writer set to the layout of site-data/.

    Comments, key order, quotes, flow mappings and block texts survive a load and
    dump; the indentation (`  - item` under its key) and a width no line reaches
    keep the writer from re-indenting or re-wrapping lines nobody touched.
    """
    round_trip = YAML()
    round_trip.preserve_quotes = True
    round_trip.width = 100_000
    round_trip.indent(mapping=2, sequence=4, offset=2)
    return round_trip


def _dump(document) -> str:
    out = io.StringIO()
    _round_trip().dump(document, out)
    return out.getvalue()


def _cause_problem(cause_file: Path) -> str | None:
    """Why the FAQ cannot be added to this cause's `faqs:` without touching the rest of the file."""
    text = cause_file.read_text(encoding="utf-8")
    try:
        document = _round_trip().load(text)
    except YAMLError as error:
        return f"{cause_file} is not valid YAML ({str(error).splitlines()[0]}): run `kb validate` and fix it first"
    if not isinstance(document, dict) or not isinstance(document.get("faqs"), list):
        return f"{cause_file} has no top-level `faqs:` list to add the FAQ to: add `faqs: []` to it first"
    if _dump(document) != text:
        # The writer would change lines nobody asked to change: better to say so than to reformat.
        return (f"{cause_file} is laid out in a way the scaffold cannot keep as written: add the FAQ's id to "
                "its `faqs:` by hand")
    return None


def _add_faq_to_cause(cause_file: Path, faq_id: str) -> bool:
    """Append faq_id to the cause's `faqs:` list, keeping the rest of the file as written; False if already there."""
    document = _round_trip().load(cause_file.read_text(encoding="utf-8"))
    faqs = document["faqs"]
    if faq_id in faqs:
        return False
    if not faqs:
        # `faqs: []` becomes a block list, the way every filled list in site-data/ is written.
        faqs.fa.set_block_style()
    faqs.append(faq_id)
    cause_file.write_text(_dump(document), encoding="utf-8")
    return True
