"""Length: a translation far longer or shorter than its language usually is, as a warning.

Each language says the same in a typical number of characters relative to the source
text: the `length_ratio` of its entry in site.yml. A translation outside that range is
worth a look: a sentence may be missing or added, or a passage left untranslated. It may
also be right (a quoted English message with its translation), so this is a warning,
never an error; a field that is right as it is can be exempted in the knowledge base's
qa-exemptions.yml (check "length"). A language without a length_ratio is not compared,
nor is a source text shorter than site.yml's length_check_min_characters.
"""
from __future__ import annotations

import re

from ..problems import format_key
from ..site import SITE_FILE
from .exemptions import EXEMPTIONS, LENGTH_CHECK, Exemptions
from .texts import TextField

# What is the same in every language, whatever its words: link targets, addresses, code,
# and the {placeholders} of interface strings (in a short string they are much of its length).
_NOT_WORDS = re.compile(r"\]\([^)]*\)|https?://\S+|`[^`]*`|\{[a-z_]+\}")
_MARKUP = re.compile(r"[*_#>\[\]]|^\s*(?:[-*+]|\d+[.)])\s+", re.MULTILINE)
_SPACES = re.compile(r"\s+")


def prose_length(text: str) -> int:
    """Characters a reader reads in a text: Markdown markup, link targets, addresses, code and placeholders left out."""
    return len(_SPACES.sub(" ", _MARKUP.sub("", _NOT_WORDS.sub("", text))).strip())


def length_warnings(field: TextField, site, languages, exemptions: Exemptions, data_dir_name: str = "site-data"):
    """A Problem (a warning) for each translation of field whose length is outside its language's range."""
    english = field.text(site.source_language)
    english_length = prose_length(english) if english else 0
    if english_length < site.length_check_min_characters:
        return
    key = format_key(field.key_path)
    for code in languages:
        language = site.language(code)
        expected = language.length_ratio
        text = field.text(code)
        if expected is None or not text or exemptions.exempt(field.lock_file, key, LENGTH_CHECK, code):
            continue
        ratio = prose_length(text) / english_length
        if not expected.min <= ratio <= expected.max:
            yield field.problem(
                code, f"{ratio:.2f} times as long as the English, where {language.name} is usually "
                      f"{expected.min:.2f} to {expected.max:.2f} times as long",
                "check that nothing was left out, added or left untranslated; if the text is right, "
                f"exempt this field in {_exemptions_file(site, data_dir_name)} (check \"{LENGTH_CHECK}\"); "
                f"if {language.name} texts are usually of such a length, change the `length_ratio` of "
                f"`{code}` in {data_dir_name}/{SITE_FILE}")


def _exemptions_file(site, data_dir_name: str) -> str:
    declared = site.files.get(EXEMPTIONS)
    if declared is None:
        return f"a file declared as `{EXEMPTIONS}` under `files:` of {data_dir_name}/{SITE_FILE}"
    return f"{data_dir_name}/{declared.file}"
