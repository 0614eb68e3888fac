"""Interface strings: the same keys in every language, and the languages agree everywhere."""
from __future__ import annotations

import yaml

from helpers import LANGUAGES, ROOT, SITE
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


def test_schema_and_mkdocs_languages_are_site_yml_languages():
    """The two files that cannot read site.yml agree with it (tests/test_site_declaration.py tests the checks)."""
    from mkdocs.utils.yaml import yaml_load
    from kb.site import engine_language_problems, schema_drift

    assert schema_drift(ROOT / "site-data", SITE) is None, "run `kb schema`"
    assert Schemas(ROOT / "site-data/schema").schema_languages == LANGUAGES
    with open(ROOT / "mkdocs.yml", encoding="utf-8") as config_file:
        config = yaml_load(config_file)
    languages = [(lang["locale"], lang["name"], lang.get("default", False))
                 for lang in config["plugins"]["i18n"]["languages"]]
    assert engine_language_problems(SITE, languages, "mkdocs.yml") == []
