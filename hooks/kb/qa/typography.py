"""Typography of each language: the marks around punctuation that English habits get wrong.

Each language's entry in site.yml names the rule set it follows (`typography:`):
- `french`: French puts a no-break space before : ; ! ? and inside « »: a narrow one
  (U+202F) before ; ! ?, a full-width one (U+00A0) before :. With an ordinary
  space the browser may wrap the mark alone onto the next line, which on a phone
  happens often.
- `full-width`: Chinese and Japanese punctuation is full-width and carries its own spacing: a
  half-width colon after Chinese or Japanese text, or a space after 。 or 、, is a
  trace of English punctuation.
A language with no `typography:` gets none of these. Dates are written in each
language's own way (CLDR, through Babel), never as ISO.

The functions below take the rule set's name (Language.typography), not a language code.
"""
from __future__ import annotations

import datetime
import re

from babel import Locale
from babel.dates import format_date

from .texts import TextField

NARROW_NBSP, NBSP = "\u202f", "\u00a0"
NO_BREAK = NARROW_NBSP + NBSP
# The rule sets a language may name as its `typography:` in site.yml (schema/site.schema.json lists them).
FRENCH, FULL_WIDTH = "french", "full-width"
RULE_SETS = (FRENCH, FULL_WIDTH)
# Link targets and addresses are not prose (https: and ?query= are not punctuation).
_NOT_PROSE = re.compile(r"\]\([^)]*\)|https?://\S+")
# A {placeholder} of an interface string stands for a word or a figure.
_PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
_CJK = r"\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff"

# (pattern, message, fix) for French. An ordinary space is enough in site-data/: the build
# turns it into the right no-break space (no_break_spaces, applied by the renderer to every
# French text), so editors never type U+202F. What only the writer can fix is a missing space
# inside « », where a quotation would otherwise touch its marks.
_FRENCH_RULES = [
    (re.compile(rf"«(?=[^\s{NO_BREAK}])"), "no space after «",
     "put a space after « and before » (the build makes them no-break spaces)"),
    (re.compile(rf"(?<=[^\s{NO_BREAK}])»"), "no space before »",
     "put a space after « and before » (the build makes them no-break spaces)"),
]
# (pattern, message, fix) for Chinese and Japanese.
_FULL_WIDTH_RULES = [
    (re.compile(rf"(?<=[{_CJK}])(\**)[ \t]*:"), "a half-width colon after Chinese or Japanese text",
     "use the full-width colon ：(with no space after it)"),
    (re.compile(r"[。、，：；！？](\**)[ \t]+(?=\S)"), "a space after full-width punctuation",
     "remove the space: full-width punctuation carries its own spacing"),
]


_RULES = {FRENCH: _FRENCH_RULES, FULL_WIDTH: _FULL_WIDTH_RULES}


def typography_problems(field: TextField, languages):
    """Problems of field's texts in languages (Language objects of the site), by each one's rule set."""
    for declared in languages:
        rules = _RULES.get(declared.typography)
        language = declared.code
        text = field.text(language)
        if not rules or not text:
            continue
        prose = _PLACEHOLDER.sub("1", _NOT_PROSE.sub(" ", text))
        for pattern, message, fix in rules:
            found = pattern.search(prose)
            if found:
                count = len(pattern.findall(prose))
                where = re.sub(r"[ \t\n]+", " ", prose[max(0, found.start() - 12):found.end() + 12]).strip()
                yield field.problem(language, f"{message} ({count}×, first at «{where}»)", fix)


# What French puts in place of a breakable space beside a mark: a narrow no-break space
# before ; ! ?, a no-break space before : and inside « » (the forms typography_problems asks for).
_FRENCH_SPACES = [
    (re.compile(rf"[^\S{NARROW_NBSP}]+(?=[;!?])"), NARROW_NBSP),
    (re.compile(rf"[^\S{NBSP}]+(?=:)"), NBSP),
    (re.compile(r"(?<=«)[ \t\r\n\f\v]+"), NBSP),
    (re.compile(r"[ \t\r\n\f\v]+(?=»)"), NBSP),
]


def no_break_spaces(text: str, typography: str | None) -> str:
    """text with the no-break spaces its typography puts beside punctuation (french), others unchanged.

    The site engine collapses the whitespace of page titles and headings with str.split(),
    which takes no-break spaces for ordinary ones: the navigation, the table of contents
    and <title> then break « Quel est le problème ? » before the mark. This puts them back.
    """
    if typography != FRENCH or not text:
        return text
    for pattern, space in _FRENCH_SPACES:
        text = pattern.sub(space, text)
    return text


# A date written as ISO 8601 (2026-11-22): machine-readable, not how any language writes one.
ISO_DATE = re.compile(r"(?<![\d-])\d{4}-\d{2}-\d{2}(?![\d-])")
# (pattern, message) for the visible text of a built page, by language. Markdown is gone by
# then, so these are the typography rules above as a reader meets them in the page.
_PAGE_TEXT = {
    FRENCH: [(re.compile(rf"[^\S{NARROW_NBSP}]+(?=[;!?])"), "a breakable space (or U+00A0) before ; ! or ?"),
           (re.compile(rf"[^\S{NBSP}]+(?=:)"), "a breakable space (or U+202F) before :"),
           (re.compile(r"(?<=[\w)\]»*])[;:!?](?=\s|$)"), "no space before ; : ! or ?"),
           (re.compile(rf"«[^\S{NO_BREAK}]"), "a breakable space after «"),
           (re.compile(rf"[^\S{NO_BREAK}]»"), "a breakable space before »")],
    FULL_WIDTH: [(re.compile(rf"(?<=[{_CJK}])\s*:(?!//)"), "a half-width colon after Chinese or Japanese text")],
}


def page_text_faults(text: str, typography: str | None):
    """Yield (message, excerpt) for every fault of the typography rule set in a visible text of a page."""
    for pattern, message in _PAGE_TEXT.get(typography, ()):
        for found in pattern.finditer(text):
            excerpt = re.sub(r"[ \t\r\n]+", " ", text[max(0, found.start() - 30):found.end() + 10]).strip()
            yield message, excerpt


def local_date(day, language: str) -> str:
    """A review date (YYYY-MM-DD or a date) as the language writes it: 22 novembre 2026, 2026年11月22日."""
    if not isinstance(day, datetime.date):
        day = datetime.date.fromisoformat(str(day))
    return format_date(day, "long", locale=Locale.parse(language, sep="-" if "-" in language else "_"))


# A label then ": " in a template (`**title**: description`, `[title](url): description`):
# after Chinese or Japanese text the colon is the full-width ：, which carries its own space.
_TEMPLATE_COLON = re.compile(rf"(?<=[{_CJK}])((?:\*\*|\*)?(?:\]\([^)\s]*\))?(?:\*\*|\*)?): ")


def full_width_colons(markdown: str, typography: str | None) -> str:
    """Rendered Markdown with the colons that templates put after a label made full-width (full-width typography)."""
    return _TEMPLATE_COLON.sub(r"\1：", markdown) if typography == FULL_WIDTH else markdown


# A list item that templates write as "[label](page): description" (the cause list, the
# home page's categories, the support channels): French puts a no-break space before
# that colon. Only at the start of a list item, so that nothing else (front matter,
# JSON in attributes) is touched.
_FRENCH_LIST_LABEL_COLON = re.compile(r"^(\s*- \[(?:\*\*)?[^\n]*?(?:\*\*)?\]\([^)\s]*\)): ", re.MULTILINE)


def template_colons(markdown: str, typography: str | None) -> str:
    """Rendered Markdown with the colons templates put after a label in the typography's form:
    full-width (full_width_colons), after a no-break space in french."""
    if typography == FRENCH:
        return _FRENCH_LIST_LABEL_COLON.sub("\\1" + NBSP + ": ", markdown)
    return full_width_colons(markdown, typography)
