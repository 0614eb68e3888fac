"""Make plain text safe to place inside generated Markdown.

Plain fields from site-data/ are shown exactly as written: no emphasis, links,
headings or attribute lists may arise from them. HTML characters are escaped by
Jinja's autoescape; this module escapes what Markdown itself would interpret.
"""
from __future__ import annotations

import re

from markupsafe import Markup

# Characters Python-Markdown treats as markup anywhere in a line (and accepts
# backslash escapes for), plus the curly braces of the attr_list extension.
_INLINE = re.compile(r"([\\`*_\[\]{}])")
# Breakable whitespace only: str.split() would also take the no-break spaces that French
# puts before : ; ! ? and inside « », and let the browser wrap the mark onto a line of its own.
_BREAKABLE_RUN = re.compile(r"[ \t\r\n\f\v]+")
# Constructs that only count at the start of a line: headings, list markers.
_LINE_START = re.compile(r"^(\s*)([#+-]|\d+(?=[.)]))")


def escape_markdown(text: str) -> str:
    """Escape plain text for Markdown; runs of whitespace (newlines too) become one space."""
    text = _BREAKABLE_RUN.sub(" ", text).strip()
    text = _INLINE.sub(r"\\\1", text)
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2) if not m.group(2)[0].isdigit()
                           else m.group(1) + m.group(2) + "\\", text)


def finalize_for_markdown(value):
    """Jinja `finalize`: escape plain strings for Markdown; Markup (trusted Markdown) passes."""
    if isinstance(value, Markup) or not isinstance(value, str):
        return value
    return escape_markdown(value)
