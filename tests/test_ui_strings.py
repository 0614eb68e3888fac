"""Interface strings: the same keys in every language, and the languages agree everywhere."""
from __future__ import annotations

import yaml

from helpers import LANGUAGES, ROOT
from kb.schema import Schemas


def test_every_language_has_exactly_the_keys_of_english():
    english = set(yaml.safe_load((ROOT / "site-data/ui/en.yml").read_text(encoding="utf-8")))
    for language in LANGUAGES:
        strings = yaml.safe_load((ROOT / f"site-data/ui/{language}.yml").read_text(encoding="utf-8"))
        assert set(strings) == english, (language, set(strings) ^ english)
        assert all(isinstance(v, str) and v.strip() for v in strings.values()), language


def test_placeholders_survive_translation():
    english = yaml.safe_load((ROOT / "site-data/ui/en.yml").read_text(encoding="utf-8"))
    for language in LANGUAGES:
        strings = yaml.safe_load((ROOT / f"site-data/ui/{language}.yml").read_text(encoding="utf-8"))
        for key, text in english.items():
            for name in ("{number}", "{date}"):
                assert (name in text) == (name in strings[key]), (language, key, name)


def test_schema_languages_match_the_site_languages():
    config_text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    # mkdocs.yml uses !ENV tags that safe_load cannot read; only the locales matter here.
    locales = [line.split(":", 1)[1].strip() for line in config_text.splitlines()
               if line.strip().startswith("- locale:")]
    assert locales == list(LANGUAGES)
    assert Schemas(ROOT / "site-data/schema").languages == LANGUAGES
