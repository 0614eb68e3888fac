"""The search box's interface strings: in every language, with the placeholder the script fills in."""
from __future__ import annotations

import re

from helpers import LANGUAGES, SITE

KEYS = ("search.label", "search.placeholder", "search.results_label", "search.results_one",
        "search.results_other", "search.no_results", "search.unavailable", "search.more")


def test_every_language_has_the_search_strings_with_their_placeholders(real_kb):
    for language in LANGUAGES:
        strings = real_kb.ui[language]
        for key in KEYS:
            assert strings[key].strip(), (language, key)
            assert re.findall(r"\{\w+\}", strings[key]) == re.findall(r"\{\w+\}", real_kb.ui[SITE.source_language][key]), (language, key)
        assert "{count}" in strings["search.results_other"], language
