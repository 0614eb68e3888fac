"""Problems found in site-data/, worded for the people who edit it.

Every problem names the file, the line, the key and what to do, in the form
`file:line: key: message — fix`, because the editors of this guide work in YAML
and must be able to find and mend a mistake without reading Python.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    key: str
    message: str
    fix: str = ""

    def __str__(self) -> str:
        key = f" {self.key}:" if self.key else ""
        fix = f" — {self.fix}" if self.fix else ""
        return f"{self.file}:{self.line}:{key} {self.message}{fix}"


class KnowledgeBaseError(Exception):
    """Raised with every problem found, so an editor can fix them all in one pass."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        count = len(self.problems)
        heading = f"site-data has {count} problem{'s' if count != 1 else ''}:"
        super().__init__("\n".join([heading, *(f"  {p}" for p in self.problems)]))


def format_key(path: tuple) -> str:
    """Turn a path such as ('steps', 1, 'fr') into the `steps[1].fr` an editor reads."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text
