"""A broken knowledge base stops `mkdocs build` with a clear message and writes nothing."""
from __future__ import annotations

import re
import shutil

from helpers import make_fixture_kb, make_project, mkdocs_build


def test_missing_language_fails_the_build_naming_file_and_key(tmp_path):
    project = make_project(tmp_path / "project", make_fixture_kb(tmp_path / "kb"))
    cause = project / "site-data/causes/doc-expired.yml"
    cause.write_text(cause.read_text().replace('  fr: "[fr] The document is past its date."\n', ""))
    result = mkdocs_build(project)
    assert result.returncode != 0
    assert re.search(r"site-data/causes/doc-expired\.yml:\d+: summary\.fr: the French text is missing", result.stderr)
    assert not (project / "site").exists()


def _with_previous_site(tmp_path, fixture_site):
    """A project of the fixture knowledge base whose site/ holds a good build of it: the session's."""
    project = make_project(tmp_path / "project", make_fixture_kb(tmp_path / "kb"))
    shutil.copytree(fixture_site, project / "site")
    return project


def test_a_failed_build_leaves_the_previous_site_untouched(tmp_path, fixture_site):
    project = _with_previous_site(tmp_path, fixture_site)
    before = {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    faq = project / "site-data/faqs/which-documents.yml"
    faq.write_text(faq.read_text().replace("causes: [doc-expired]", "causes: [doc-lost]"))
    second = mkdocs_build(project)
    assert second.returncode != 0
    assert "refers to unknown cause `doc-lost`" in second.stderr
    after = {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    assert after == before


def test_a_build_failing_late_in_strict_mode_keeps_the_previous_site(tmp_path, fixture_site):
    """A broken link is only noticed while pages are written: the staging swap must still protect the site."""
    project = _with_previous_site(tmp_path, fixture_site)
    before = {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    about = project / "content/about.ja.md"
    about.write_text(about.read_text(encoding="utf-8") + "\n[壊れたリンク](missing-page.md)\n", encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode != 0 and "missing-page.md" in result.stderr
    after = {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    assert after == before
    assert not (project / "site.staging").exists()


def test_a_link_to_an_unofficial_domain_in_a_page_fails_before_writing(tmp_path):
    project = make_project(tmp_path / "project", make_fixture_kb(tmp_path / "kb"))
    about = project / "content/about.fr.md"
    about.write_text(about.read_text(encoding="utf-8") + "\n[offre](https://binance-bonus.example/ref)\n",
                     encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode != 0
    assert re.search(r"content/about\.fr\.md:\d+: `https://binance-bonus\.example/ref` is not on an allowed", result.stderr)
    assert not (project / "site").exists() and not (project / "site.staging").exists()
