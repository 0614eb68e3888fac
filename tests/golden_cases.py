"""Apply one golden bad-input case to a copy of the fixture knowledge base.

A case is a YAML file in tests/golden/ with `file` (relative to site-data) and one
change: `replace: [old, new]` (old must occur exactly once), `write: text`
(create or overwrite), or `replace_line_starting: prefix` (delete that line);
`expect` lists every problem the validator must report, exactly.
"""
from __future__ import annotations

from pathlib import Path

import yaml

GOLDEN = Path(__file__).parent / "golden"


def load_case(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def apply_case(case: dict, site_data: Path) -> None:
    target = site_data / case["file"]
    if "write" in case:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(case["write"], encoding="utf-8")
        return
    text = target.read_text(encoding="utf-8")
    if "replace" in case:
        old, new = case["replace"]
        assert text.count(old) == 1, f"{case['file']}: the text to replace must occur once: {old!r}"
        text = text.replace(old, new)
    elif "replace_line_starting" in case:
        lines = text.splitlines(keepends=True)
        kept = [line for line in lines if not line.startswith(case["replace_line_starting"])]
        assert len(kept) == len(lines) - 1, "the line to delete must occur once"
        text = "".join(kept)
    else:
        raise AssertionError("a case needs replace, write or replace_line_starting")
    target.write_text(text, encoding="utf-8")
