"""The rule that marks links to pages in another language (kb/link_languages.py).

The language of a linked page comes from its address, by the rule declared in
site-data/allowed-domains.yml; the words after the link come from ui
link.other_language and CLDR's name of the language in the reader's language.
"""
from __future__ import annotations

import pytest
import yaml

from helpers import LANGUAGES, ROOT, SITE
from kb.link_languages import LinkLanguages, language_name, mark_other_language_links

RULE = LinkLanguages({"language_in_path": ["binance.com"],
                      "page_languages": {"github.com/binance/binance-spot-api-docs": "en"}})


@pytest.mark.parametrize("url,language", [
    ("https://www.binance.com/en/support/faq/360027287111", "en"),
    ("https://www.binance.com/fr-AF/support/faq/detail/634951d6", "fr"),
    ("https://www.binance.com/zh-CN/support", "zh"),
    ("https://binance.com/en-AU/support/faq/x", "en"),
    # A path that does not start with a language tag says nothing.
    ("https://www.binance.com/support/faq/x", None),
    ("https://www.binance.com/faq/x", None),
    # Only the declared domains name the language in the path.
    ("https://www.binance.bh/en-JP/x", None),
    ("https://notbinance.com/en/x", None),
    # A declared prefix, as a whole path segment.
    ("https://github.com/binance/binance-spot-api-docs/blob/master/rest-api.md", "en"),
    ("https://github.com/binance/binance-spot-api-docs-fork/x", None),
])
def test_the_language_of_a_page_comes_from_its_address(url, language):
    assert RULE.language_of(url) == language


GOLDEN = [
    ("fr", "Voir [la FAQ](https://www.binance.com/en/x), puis [celle-ci](https://www.binance.com/fr/y).",
     'Voir [la FAQ](https://www.binance.com/en/x){ hreflang="en" } (page en anglais), '
     "puis [celle-ci](https://www.binance.com/fr/y)."),
    # Full-width brackets follow the link directly and carry their own spacing.
    ("zh", "先用 [Binance Verify](https://www.binance.com/en/x) 核实。",
     '先用 [Binance Verify](https://www.binance.com/en/x){ hreflang="en" }（英语页面）核实。'),
    ("en", "- [Face check](https://www.binance.com/fr-AF/z) — official page",
     '- [Face check](https://www.binance.com/fr-AF/z){ hreflang="fr" } (page in French) — official page'),
    # Escaped brackets are plain text, not a link; an unknown language and relative links stay as written.
    ("fr", r"\[x\](https://www.binance.com/en/x) [ici](../faq.md) [là](https://www.binance.com/support)",
     r"\[x\](https://www.binance.com/en/x) [ici](../faq.md) [là](https://www.binance.com/support)"),
]


@pytest.mark.parametrize("language,markdown,expected", GOLDEN)
def test_links_to_another_language_get_hreflang_and_the_language_name(language, markdown, expected):
    words = yaml.safe_load((ROOT / "site-data" / "ui" / f"{language}.yml").read_text(encoding="utf-8"))
    assert mark_other_language_links(markdown, language, RULE, words["link.other_language"],
                                     SITE.language(language).typography) == expected


def test_every_site_language_can_name_every_other():
    for reader in LANGUAGES:
        names = {language_name(other, reader) for other in LANGUAGES if other != reader}
        assert len(names) == len(LANGUAGES) - 1 and all(names), reader


def test_the_guide_declares_the_rule_for_the_official_sites_it_links():
    declared = yaml.safe_load((ROOT / "site-data" / "allowed-domains.yml").read_text(encoding="utf-8"))
    rule = LinkLanguages(declared)
    assert rule.language_of("https://www.binance.com/en/support/faq/360027287111") == "en"
    assert rule.language_of("https://www.binance.com/fr-AF/support/faq/detail/x") == "fr"
