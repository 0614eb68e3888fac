"""The editors' commands: validate, new, translations; and the draft and outdated notices."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import yaml
from bs4 import BeautifulSoup

from helpers import LANGUAGES, make_fixture_kb, make_project, mkdocs_build


def kb_command(*args, data):
    # The console script that `pip install -e .` puts beside the interpreter.
    return subprocess.run([str(Path(sys.executable).with_name("kb")), "--data", str(data), *args],
                          capture_output=True, text=True, timeout=120)


def test_validate_reports_every_problem_with_file_line_key_and_fix(fixture_kb):
    assert kb_command("validate", data=fixture_kb).returncode == 0
    cause = fixture_kb / "causes/doc-expired.yml"
    text = cause.read_text().replace('  fr: "[fr] Document expired"\n', "").replace("category: documents", "category: document")
    cause.write_text(text)
    (fixture_kb / "faqs/which-documents.yml").write_text(
        (fixture_kb / "faqs/which-documents.yml").read_text().replace("answer:", "answr:"))
    result = kb_command("validate", data=fixture_kb)
    assert result.returncode == 1
    lines = [line.strip() for line in result.stderr.splitlines() if line.startswith("  ")]
    assert any(line.startswith("site-data/causes/doc-expired.yml:2: title.fr: the French text is missing — ") for line in lines)
    assert any(line.startswith("site-data/faqs/which-documents.yml:2: answr: unknown key") for line in lines)
    assert len(lines) >= 3


def test_new_faq_is_rejected_until_filled_then_accepted(fixture_kb):
    result = kb_command("new", "faq", "photo-too-dark", "--cause", "doc-expired", data=fixture_kb)
    assert result.returncode == 0, result.stderr
    created = fixture_kb / "faqs/photo-too-dark.yml"
    data = yaml.safe_load(created.read_text())
    assert set(data) == {"question", "answer", "causes"}
    assert set(data["question"]) == set(LANGUAGES)
    assert "photo-too-dark" in yaml.safe_load((fixture_kb / "causes/doc-expired.yml").read_text())["faqs"]
    refused = kb_command("validate", data=fixture_kb)
    # Two texts (question, answer) in every language.
    assert refused.returncode == 1 and refused.stderr.count("TODO placeholder") == 2 * len(LANGUAGES)
    created.write_text(created.read_text().replace('"TODO: the question, as a reader would ask it', '"Too dark')
                       .replace('"TODO: the answer; mark unofficial figures as user reports', '"Use daylight'))
    assert kb_command("validate", data=fixture_kb).returncode == 0
    assert kb_command("new", "faq", "photo-too-dark", data=fixture_kb).returncode == 1


def test_translations_table_outdated_and_confirm(fixture_kb):
    assert kb_command("translations", "confirm", "--all", "--yes", data=fixture_kb).returncode == 0
    table = json.loads(kb_command("translations", "--json", data=fixture_kb).stdout)
    assert table["causes/doc-expired.yml"]["fr"]["status"] == "complete"
    cause = fixture_kb / "causes/doc-expired.yml"
    cause.write_text(cause.read_text().replace('en: "[en] The document is past its date."', 'en: "[en] It expired."'))
    table = json.loads(kb_command("translations", "--json", data=fixture_kb).stdout)
    assert table["causes/doc-expired.yml"]["fr"] == {"status": "outdated", "fields": {"summary": "outdated"}}
    assert table["faqs/which-documents.yml"]["fr"]["status"] == "complete"
    cause.write_text(cause.read_text().replace('  ja: "[ja] Document expired"\n', ""))
    table = json.loads(kb_command("translations", "--json", data=fixture_kb).stdout)
    assert table["causes/doc-expired.yml"]["ja"]["fields"]["title"] == "missing"
    human = kb_command("translations", data=fixture_kb).stdout
    assert "causes/doc-expired.yml" in human and "missing" in human and "outdated" in human
    assert kb_command("translations", "--strict", data=fixture_kb).returncode == 1
    assert kb_command("translations", "confirm", "causes/doc-expired.yml", "--language", "fr", data=fixture_kb).returncode == 0
    table = json.loads(kb_command("translations", "--json", data=fixture_kb).stdout)
    assert table["causes/doc-expired.yml"]["fr"]["status"] == "complete"
    assert table["causes/doc-expired.yml"]["es"]["status"] == "outdated"


def test_draft_build_falls_back_to_english_with_notices(tmp_path):
    kb = make_fixture_kb(tmp_path / "kb")
    assert kb_command("translations", "confirm", "--all", "--yes", data=kb).returncode == 0
    cause = kb / "causes/doc-expired.yml"
    cause.write_text(cause.read_text().replace('  zh: "[zh] Only valid documents are accepted."\n', "")
                     .replace('en: "[en] The document is past its date."', 'en: "[en] It is past its date."'))
    project = make_project(tmp_path / "project", kb)
    strict = mkdocs_build(project)
    assert strict.returncode != 0 and "why.zh: the Chinese text is missing" in strict.stderr
    env = dict(os.environ, KB_DRAFT="1", NO_MKDOCS_2_WARNING="1")
    draft = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project, env=env,
                           capture_output=True, text=True, timeout=600)
    assert draft.returncode == 0, draft.stderr[-3000:]
    zh = BeautifulSoup((project / "site/zh/causes/doc-expired/index.html").read_text(), "lxml")
    notice = zh.select_one("article .admonition.warning")
    assert notice is not None and "尚未翻译" in notice.get_text()
    assert (project / "site/zh/causes/doc-expired" / notice.select_one("a")["href"] / "index.html").resolve() == \
        (project / "site/causes/doc-expired/index.html").resolve()
    assert "[en] Only valid documents are accepted." in zh.select_one("#why").find_next("p").get_text()
    # French is complete but translated from an older English summary: the quieter notice.
    fr = BeautifulSoup((project / "site/fr/causes/doc-expired/index.html").read_text(), "lxml")
    assert fr.select_one("article .admonition.warning") is None
    assert "L'original anglais" in fr.select_one(".kb-outdated-notice").get_text()
    # An untouched page in a complete language shows no notice at all.
    untouched = BeautifulSoup((project / "site/fr/causes/face-failed/index.html").read_text(), "lxml")
    assert untouched.select_one(".kb-outdated-notice, article .admonition.warning") is None
