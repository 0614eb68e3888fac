"""Scaffold a new entry file with every required field and every language of the site as TODOs.

The TODO values are rejected by `validate` until someone writes the real text,
so a half-filled file can never reach the published site by accident.
"""
from __future__ import annotations

import datetime
from pathlib import Path

from .site import load_site
from .translations import TODO_PREFIX

# The kinds `kb new` can scaffold; their folders come from site.yml.
SCAFFOLD_KINDS = ("cause", "faq", "solution")


def _text(languages, indent: int, what: str) -> str:
    pad = " " * indent
    return "".join(f'{pad}{language}: "{TODO_PREFIX}: {what} ({language})"\n' for language in languages)


def scaffold(kind: str, entry_id: str, languages, causes=(), solutions=(), category: str = "TODO-category") -> str:
    """The text of a new entry file of the given kind."""
    schema = f"# yaml-language-server: $schema=../schema/{kind}.schema.json\n"
    if kind == "faq":
        return (schema + "# FAQ: replace every TODO, then run `python hooks/kb validate`.\n"
                + "question:\n" + _text(languages, 2, "the question, as a reader would ask it")
                + "answer:\n" + _text(languages, 2, "the answer; mark unofficial figures as user reports")
                + "causes:\n" + "".join(f"  - {c}\n" for c in (causes or ["TODO-cause-id"])))
    if kind == "solution":
        return (schema + "# Solution: replace every TODO, then run `python hooks/kb validate`.\n"
                + "title:\n" + _text(languages, 2, "what the fix does, as an instruction")
                + "steps:\n" + "  - " + _text(languages, 4, "first step").lstrip()
                + "  - " + _text(languages, 4, "second step").lstrip())
    if kind == "cause":
        today = datetime.date.today().isoformat()
        return (schema + "# Cause: replace every TODO, then run `python hooks/kb validate`.\n"
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


def create_entry(data_dir: Path, kind: str, entry_id: str, languages, **options) -> Path:
    """Write the scaffold; refuses to overwrite an existing file. For a FAQ, links it from its causes."""
    site = load_site(data_dir)
    path = Path(data_dir) / site.folder_of(kind) / f"{entry_id}.yml"
    if path.exists():
        raise FileExistsError(f"{path} already exists")
    path.write_text(scaffold(kind, entry_id, languages, **options), encoding="utf-8")
    if kind == "faq":
        for cause in options.get("causes", ()):
            _add_faq_to_cause(Path(data_dir) / site.folder_of("cause") / f"{cause}.yml", entry_id)
    return path


def _add_faq_to_cause(cause_file: Path, faq_id: str) -> None:
    """Append faq_id to the cause's `faqs:` list, keeping the rest of the file as written."""
    if not cause_file.exists():
        return
    lines = cause_file.read_text(encoding="utf-8").splitlines(keepends=True)
    for index, line in enumerate(lines):
        if line.startswith("faqs:"):
            if line.strip() == "faqs: []":
                lines[index] = f"faqs:\n  - {faq_id}\n"
            else:
                end = index + 1
                while end < len(lines) and lines[end].startswith("  - "):
                    end += 1
                lines.insert(end, f"  - {faq_id}\n")
            break
    cause_file.write_text("".join(lines), encoding="utf-8")
