"""Length: a translation far longer or shorter than its language usually is, as a warning.

Each language says the same in a typical number of characters relative to the English
(settings.LENGTH_RATIOS). A translation outside that range is worth a look: a sentence
may be missing or added, or a passage left untranslated. It may also be right (a quoted
English message with its translation), so this is a warning, never an error; a field
that is right as it is can be exempted in settings.FIELD_EXEMPTIONS (check "length").
"""
from __future__ import annotations

import re

from ..problems import format_key
from .settings import FIELD_EXEMPTIONS, LENGTH_MIN_ENGLISH, LENGTH_RATIOS
from .texts import TextField

LENGTH_CHECK = "length"
# What is the same in every language, whatever its words: link targets, addresses, code.
_NOT_WORDS = re.compile(r"\]\([^)]*\)|https?://\S+|`[^`]*`")
_MARKUP = re.compile(r"[*_#>\[\]]|^\s*(?:[-*+]|\d+[.)])\s+", re.MULTILINE)
_SPACES = re.compile(r"\s+")


def prose_length(text: str) -> int:
    """Characters a reader reads in a text: Markdown markup, link targets, addresses and code left out."""
    return len(_SPACES.sub(" ", _MARKUP.sub("", _NOT_WORDS.sub("", text))).strip())


def length_warnings(field: TextField, file: str, source_language: str, languages, language_names):
    """A Problem (a warning) for each translation of field whose length is outside its language's range."""
    english = field.text(source_language)
    english_length = prose_length(english) if english else 0
    if english_length < LENGTH_MIN_ENGLISH:
        return
    for language in languages:
        expected = LENGTH_RATIOS.get(language)
        text = field.text(language)
        if expected is None or not text or _exempt(file, field, language):
            continue
        ratio = prose_length(text) / english_length
        low, high = expected
        if not low <= ratio <= high:
            name = language_names(language)
            yield field.problem(
                language, f"{ratio:.2f} times as long as the English, where {name} is usually "
                          f"{low:.2f} to {high:.2f} times as long",
                "check that nothing was left out, added or left untranslated; if the text is right, "
                f"exempt this field in kb/qa/settings.py (check \"{LENGTH_CHECK}\")")


def _exempt(file: str, field: TextField, language: str) -> bool:
    entry = FIELD_EXEMPTIONS.get((file, format_key(field.key_path), LENGTH_CHECK))
    return entry is not None and language in entry[0]
