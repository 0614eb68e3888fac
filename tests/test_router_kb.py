"""Proof that the generator is not the KYC guide: a second knowledge base, built unchanged.

tests/router-kb/ is a small guide on another subject (a home router that will not
connect) in three languages, one of which (German) the main guide does not have.
Its site.yml also gives the roles other languages: German is served at the site
root and is the support agents' language, English is the source. It is built by
the same theme, hook and kb package as the main guide, in a temporary copy, and
passes the main guide's structural tests, called here on its build.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import test_build
import test_every_cause_has_a_fix
import test_tree
from helpers import LANGUAGES, ROOT, language_root, make_project
from kb.loader import load_knowledge_base
from kb.site import site_from_data

ROUTER_KB = Path(__file__).parent / "router-kb"
# Only its schema's language blocks differ from the main guide's; `kb schema` writes them
# into a copy of the generator's schemas, so the test KB follows the current schema.
ROUTER_SITE_DATA = ROUTER_KB / "site-data"


def _site_with_schema(target: Path) -> Path:
    shutil.copytree(ROUTER_KB, target)
    shutil.copytree(ROOT / "site-data" / "schema", target / "site-data" / "schema")
    return target / "site-data"


def kb_command(*args, data):
    return subprocess.run([sys.executable, "-m", "kb", "--data", str(data), *args],
                          capture_output=True, text=True, timeout=120)


# Read as plain YAML to parametrize the tests; the build checks it against its schema.
SITE = site_from_data(yaml.safe_load((ROUTER_SITE_DATA / "site.yml").read_text(encoding="utf-8")))
ROUTER_LANGUAGES = SITE.codes


# Its tests share a module fixture that reads many built pages: one worker runs them all
# (`make test` distributes by these groups, pytest-xdist's --dist loadgroup).
pytestmark = pytest.mark.xdist_group("test_router_kb")


@pytest.fixture(scope="module")
def router_project(tmp_path_factory) -> Path:
    """A copy of the generator (config, theme, hook) with the router guide in tests/router-kb/, built."""
    project = make_project(tmp_path_factory.mktemp("router") / "project")
    site_data = _site_with_schema(project / "tests" / "router-kb")
    generated = kb_command("schema", data=site_data)
    assert generated.returncode == 0, generated.stderr
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", KB_DATA_DIR=str(site_data))
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", "tests/router-kb/mkdocs.yml"],
                            cwd=project, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-5000:]
    assert "WARNING" not in result.stderr, result.stderr[-5000:]
    return project / "tests" / "router-kb"


@pytest.fixture(scope="module")
def router_site(router_project) -> Path:
    return router_project / "site"


@pytest.fixture(scope="module")
def router_kb(router_project):
    return load_knowledge_base(router_project / "site-data")


def test_the_router_guide_is_another_site():
    assert set(ROUTER_LANGUAGES) - set(LANGUAGES), "it must have a language the main guide lacks"
    # Roles the main guide gives one language are split here, so code that assumed them would show.
    assert SITE.default_language != SITE.source_language
    assert SITE.agent_language != SITE.source_language


def test_the_router_guide_validates_and_its_translations_are_confirmed(tmp_path):
    site_data = _site_with_schema(tmp_path / "router-kb")
    assert kb_command("schema", "--check", data=site_data).returncode == 1, "the copied schema has the main languages"
    assert kb_command("schema", data=site_data).returncode == 0
    validated = kb_command("validate", data=site_data)
    assert validated.returncode == 0, validated.stderr
    assert "in 3 languages" in validated.stdout
    status = kb_command("translations", "--strict", data=site_data)
    assert status.returncode == 0, status.stdout


def test_the_router_guide_declares_its_own_language_rules(tmp_path):
    """German is this guide's alone: its rules and its exemptions are in tests/router-kb/, none in the main guide."""
    german = SITE.language("de")
    assert german.words_allowed_twice == {"sie"} and german.length_ratio is not None
    assert "de" not in LANGUAGES
    main = yaml.safe_load((ROOT / "site-data" / "qa-exemptions.yml").read_text(encoding="utf-8"))["exemptions"]
    own = yaml.safe_load((ROUTER_SITE_DATA / "qa-exemptions.yml").read_text(encoding="utf-8"))["exemptions"]
    assert all("de" not in exemption["languages"] for exemption in main)
    assert any("de" in exemption["languages"] for exemption in own)
    # Its exemptions are its own: without them its checks report those fields (the main guide's do not apply).
    site_data = _site_with_schema(tmp_path / "router-kb")
    assert kb_command("schema", data=site_data).returncode == 0
    (site_data / "qa-exemptions.yml").write_text("exemptions: []\n", encoding="utf-8")
    validated = kb_command("validate", data=site_data)
    assert validated.returncode == 1
    assert "solutions/rejoin-home-wifi.yml:12: steps[1].de: has 2 bold spans" in validated.stderr + validated.stdout
    assert "support-request.yml:62: message.greeting.es:" in validated.stderr + validated.stdout


def test_the_router_guide_has_every_interface_string_of_the_generator():
    """The theme and the page templates use the keys of the main guide's ui/ files: a guide needs them all."""
    generator_keys = set(yaml.safe_load((ROOT / "site-data" / "ui" / "en.yml").read_text(encoding="utf-8")))
    for language in ROUTER_LANGUAGES:
        keys = set(yaml.safe_load((ROUTER_SITE_DATA / "ui" / f"{language}.yml").read_text(encoding="utf-8")))
        assert sorted(generator_keys - keys) == [], f"add these keys to tests/router-kb/site-data/ui/{language}.yml"


def test_default_language_at_the_root_and_no_language_of_the_main_guide(router_site):
    html = test_build.soup(router_site / "index.html")
    assert html.html["lang"] == SITE.default_language
    homes = {p.parent.name for p in router_site.glob("*/index.html") if (p.parent / "causes").is_dir()}
    assert homes == set(ROUTER_LANGUAGES) - {SITE.default_language}


def test_every_page_has_the_lang_of_its_folder(router_site):
    others = set(ROUTER_LANGUAGES) - {SITE.default_language}
    pages = sorted(router_site.rglob("*.html"))
    assert len(pages) > 30
    for path in pages:
        top = path.relative_to(router_site).parts[0]
        expected = top if top in others else SITE.default_language
        assert test_build.soup(path).html["lang"] == expected, path


@pytest.mark.parametrize("language", ROUTER_LANGUAGES)
def test_support_agents_get_the_message_in_the_agent_language(router_site, router_kb, language):
    html = test_build.soup(language_root(router_site, language, SITE.default_language) / "support-request" / "index.html")
    builder = html.select_one("[data-support-words]")
    assert builder["data-support-agent-language"] == SITE.agent_language
    words = json.loads(builder["data-support-words"])
    message = router_kb.support_request["message"]
    assert words["agent"]["greeting"] == message["greeting"][SITE.agent_language]
    assert words["local"]["greeting"] == message["greeting"][language]
    # A second copy of the message only where the page is not already in the agents' language.
    assert bool(html.select("[data-support-message='agent']")) == (language != SITE.agent_language)


# The main guide's structural tests, run on the router guide's build.

def test_every_cause_names_a_solution_with_steps_in_every_language(router_kb):
    test_every_cause_has_a_fix.test_every_cause_names_a_solution_with_steps_in_every_language(router_kb)


@pytest.mark.parametrize("language", ROUTER_LANGUAGES)
def test_every_cause_page_shows_its_numbered_fix_steps(router_site, router_kb, language):
    test_every_cause_has_a_fix.test_every_cause_page_shows_its_numbered_fix_steps(router_site, router_kb, language)


def test_tree_graph_is_sound(router_kb):
    test_tree.test_every_cause_is_reachable_within_the_answer_limit(router_kb)
    test_tree.test_every_question_offers_at_least_two_answers(router_kb)


@pytest.mark.parametrize("language", ROUTER_LANGUAGES)
def test_static_tree_reaches_every_cause_by_following_links(router_site, router_kb, language):
    test_tree.test_static_tree_reaches_every_cause_by_following_links(router_site, router_kb, language)
    test_tree.test_tree_is_linked_from_home_and_cause_index(router_site, router_kb, language)


def test_outcome_pages_summarise_the_answers_given(router_site, router_kb):
    test_tree.test_outcome_pages_summarise_the_answers_given(router_site, router_kb)


@pytest.mark.parametrize("language", ROUTER_LANGUAGES)
def test_pages_languages_and_switcher(router_site, router_kb, language):
    test_build.test_exact_set_of_cause_pages_per_language(router_site, router_kb, language)
    test_build.test_lang_attribute_switcher_and_hreflang(router_site, router_kb, language)
    test_build.test_faq_entries_are_addressable_by_id(router_site, router_kb, language)
    test_build.test_colour_scheme_toggles_speak_the_page_language(router_site, router_kb, language)


def test_sitemap_404_and_safety_notice(router_site, router_kb):
    test_build.test_sitemap_lists_every_language_of_every_cause(router_site, router_kb)
    test_build.test_404_is_in_the_default_language(router_site, router_kb)
    test_build.test_every_page_shows_the_safety_notice_in_its_language(router_site, router_kb)
    test_build.test_about_page_says_the_site_is_independent(router_site, router_kb)


def test_search_has_an_index_per_language(router_site):
    """The header search writes an index (a manifest and its parts) for each language of this site."""
    manifests = {path.parent.name: path for path in (router_site / "assets").rglob("manifest.js")}
    assert set(manifests) == set(ROUTER_LANGUAGES)
    # Each language drops the stop words its site.yml entry declares (German: none).
    for language, path in manifests.items():
        manifest = json.loads(path.read_text(encoding="utf-8").split("]=", 1)[1].rstrip(";\n"))
        assert manifest["stopwords"] == sorted(SITE.language(language).stop_words), language
