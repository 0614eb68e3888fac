"""site-data/site.yml is the one declaration of languages, kinds and files: what reads it, and the checks
that keep the files which cannot read it (defs.schema.json, mkdocs.yml) in step with it."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import LANGUAGES, ROOT, SITE, make_fixture_kb, make_project, mkdocs_build
from kb.loader import load_knowledge_base
from kb.problems import KnowledgeBaseError
from kb.site import load_site, schema_drift
from kb.yamlsource import parse_yaml


def kb_command(*args, data):
    return subprocess.run([sys.executable, "-m", "kb", "--data", str(data), *args],
                          capture_output=True, text=True, timeout=120)


def add_language(site_data: Path, code: str, name: str, native: str) -> None:
    """Add a language to site.yml the way CONTRIBUTING.md tells an editor to: one entry under languages:."""
    site_file = site_data / "site.yml"
    lines = site_file.read_text(encoding="utf-8").splitlines(keepends=True)
    # After the last language's entry: its `- code:` line and the indented lines of its keys.
    end = lines.index(f"  - code: {SITE.languages[-1].code}\n") + 1
    while lines[end].startswith("    "):
        end += 1
    lines[end:end] = [f"  - code: {code}\n    name: {name}\n    native: {native}\n"]
    site_file.write_text("".join(lines), encoding="utf-8")


def test_the_helpers_read_the_languages_from_site_yml():
    assert LANGUAGES == tuple(lang.code for lang in SITE.languages)
    assert SITE.default_language in LANGUAGES and SITE.source_language in LANGUAGES
    assert SITE.agent_language in LANGUAGES


def test_the_committed_schema_has_the_languages_of_site_yml():
    """The drift test: fails when site.yml's languages changed and `kb schema` was not run."""
    assert schema_drift(ROOT / "site-data", SITE) is None, "run `kb schema` and commit site-data/schema/defs.schema.json"
    assert kb_command("schema", "--check", data=ROOT / "site-data").returncode == 0


def test_a_new_language_is_reported_until_the_schema_is_regenerated(fixture_kb):
    add_language(fixture_kb, "de", "German", "Deutsch")
    defs_file = fixture_kb / "schema" / "defs.schema.json"
    before = json.loads(defs_file.read_text(encoding="utf-8"))

    with pytest.raises(KnowledgeBaseError) as raised:
        load_knowledge_base(fixture_kb)
    [problem] = raised.value.problems
    assert problem.file == "site-data/schema/defs.schema.json"
    assert f"({', '.join(LANGUAGES)}, de)" in problem.message and "kb schema" in problem.fix
    assert kb_command("schema", "--check", data=fixture_kb).returncode == 1

    result = kb_command("schema", data=fixture_kb)
    assert result.returncode == 0, result.stderr
    after = json.loads(defs_file.read_text(encoding="utf-8"))
    for block in ("text", "markdown"):
        assert after["$defs"][block]["required"] == [*LANGUAGES, "de"]
        assert after["$defs"][block]["properties"]["de"]["description"] == "German."
    # Nothing else in the file changed.
    assert {k: v for k, v in after["$defs"].items() if k not in ("text", "markdown")} == \
        {k: v for k, v in before["$defs"].items() if k not in ("text", "markdown")}
    assert kb_command("schema", "--check", data=fixture_kb).returncode == 0

    # Now every text lacks German, and the message names the language from site.yml.
    with pytest.raises(KnowledgeBaseError) as raised:
        load_knowledge_base(fixture_kb)
    messages = [str(p) for p in raised.value.problems]
    assert "site-data/causes/doc-expired.yml:2: title.de: the German text is missing — add `de:` with the " \
           f"German text (every text needs {', '.join(LANGUAGES)}, de)" in messages
    assert any(m.startswith("site-data/ui/de.yml:1: the interface strings file is missing") for m in messages)


@pytest.mark.parametrize("key", ["default_language", "source_language", "agent_language"])
def test_a_language_role_must_name_a_declared_language(fixture_kb, key):
    site_file = fixture_kb / "site.yml"
    text = site_file.read_text(encoding="utf-8")
    current = f"{key}: {getattr(SITE, key)}\n"
    assert text.count(current) == 1
    site_file.write_text(text.replace(current, f"{key}: pt-BR\n"), encoding="utf-8")
    line = parse_yaml(site_file.read_text(encoding="utf-8"), "site.yml").line_of((key,))
    with pytest.raises(KnowledgeBaseError) as raised:
        load_knowledge_base(fixture_kb)
    assert [str(p) for p in raised.value.problems] == [
        f"site-data/site.yml:{line}: {key}: `pt-BR` is not one of the site's languages — "
        f"use one of: {', '.join(LANGUAGES)}, or add it under languages:"]


def test_site_yml_is_checked_against_its_schema(fixture_kb):
    site_file = fixture_kb / "site.yml"
    text = site_file.read_text(encoding="utf-8")
    site_file.write_text(text.replace("    folder: faqs\n", "    folder: faqs\n    colour: blue\n"), encoding="utf-8")
    with pytest.raises(KnowledgeBaseError) as raised:
        load_knowledge_base(fixture_kb)
    [problem] = raised.value.problems
    assert (problem.file, problem.key) == ("site-data/site.yml", "kinds.faq.colour")
    assert problem.message == "unknown key `colour`"


def test_the_loader_and_the_scaffold_take_the_folders_from_site_yml(fixture_kb):
    """Renaming a kind's folder is one line in site.yml: nothing in the code names it."""
    faq_count = len(load_knowledge_base(fixture_kb).faqs)
    site_file = fixture_kb / "site.yml"
    site_file.write_text(site_file.read_text(encoding="utf-8").replace("folder: faqs\n", "folder: questions\n"),
                         encoding="utf-8")
    shutil.move(fixture_kb / "faqs", fixture_kb / "questions")
    kb = load_knowledge_base(fixture_kb)
    assert len(kb.faqs) == faq_count
    assert all(faq.path.startswith("site-data/questions/") for faq in kb.faqs.values())
    assert kb_command("new", "faq", "a-new-question", "--cause", "doc-expired", data=fixture_kb).returncode == 0
    assert (fixture_kb / "questions" / "a-new-question.yml").is_file()


def test_search_rules_give_each_page_the_weight_of_its_kind():
    """site.search_rules() is what the search indexer (hooks/kb/search/) can take its page weights from."""
    import re

    def weight_of(path):
        return next((weight, split) for pattern, weight, split in SITE.search_rules() if re.fullmatch(pattern, path))

    kinds, files = SITE.kinds, SITE.files
    expected = {
        "causes/kyc-doc-expired/": (kinds["cause"].search_weight, None),
        "causes/": (kinds["cause"].index.search_weight, None),
        "faq/": (kinds["faq"].search_weight, kinds["faq"].search_split_level),
        "checklists/face-check/": (kinds["checklist"].search_weight, None),
        "checklists/": (kinds["checklist"].index.search_weight, None),
        "troubleshoot/": (files["tree"].search_weight, None),
        "troubleshoot/what-happened/": (files["tree"].subpage_search_weight, None),
        "troubleshoot/what-happened/code-missing/": (files["tree"].subpage_search_weight, None),
        "support-request/": (files["support-request"].search_weight, None),
        "": (SITE.home_search_weight, None),
        "about/": (SITE.content_search_weight, None),
        "404/": (0.0, None),
    }
    assert {path: weight_of(path) for path in expected} == expected
    # The values the search was tuned with (BENCHMARKS.md).
    assert (kinds["cause"].search_weight, kinds["faq"].search_weight, kinds["faq"].search_split_level) == (1.0, 0.5, 3)


def test_mkdocs_yml_missing_a_language_stops_the_build_with_both_lists(tmp_path):
    project = make_project(tmp_path / "project", make_fixture_kb(tmp_path / "site-data"))
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    last = SITE.languages[-1]
    start = text.index(f"      - locale: {last.code}\n")
    end = text.find("\n      - locale:", start + 1)
    end = text.index("\n\n", start) if end == -1 else end
    config.write_text(text[:start] + text[end + 1:], encoding="utf-8")

    result = mkdocs_build(project)
    assert result.returncode != 0
    others = ", ".join(code for code in LANGUAGES[:-1] if code != SITE.default_language)
    want = ", ".join(f"{code} (default)" if code == SITE.default_language else code for code in LANGUAGES)
    assert f"the i18n languages of mkdocs.yml ({SITE.default_language} (default), {others}) are not those of " \
           f"site-data/site.yml ({want})" in result.stderr
    assert f"  - locale: {last.code}\n    name: {last.native}\n    build: true" in result.stderr
    assert not (project / "site").exists()


def test_the_project_exposes_the_declaration():
    from kb.project import load_project
    project = load_project(ROOT / "site-data")
    assert project.site == load_site(ROOT / "site-data")
    assert project.site.kinds["checklist"].search_weight == 0.5
    assert [page.path for page in project.renderer.pages()][:3] == ["causes/index.md", "faq.md", "checklists/index.md"]
