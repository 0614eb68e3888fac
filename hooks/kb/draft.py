"""Draft mode: build with translations still missing, falling back to English.

The default build is strict: every text in every language. A draft build (for
previews while translators work) fills each missing or TODO translation with the
English text and records where it did, so pages can tell readers that a part is
not translated yet and link to the English original.
"""
from __future__ import annotations

import copy

from .fields import iter_text_fields
from .translations import is_placeholder


def fill_missing_translations(value, formats: dict, languages, source_language: str) -> tuple[object, list[tuple]]:
    """A copy of value where missing translations hold the source-language text, and where that happened."""
    filled = copy.deepcopy(value)
    fallbacks = []
    for key_path, _, texts in iter_text_fields(filled, formats):
        english = texts.get(source_language)
        if is_placeholder(english):
            continue
        for language in languages:
            if language != source_language and is_placeholder(texts.get(language)):
                texts[language] = english
                fallbacks.append((key_path, language))
    return filled, fallbacks
