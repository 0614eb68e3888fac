"""A broken knowledge base stops `mkdocs build` with a clear message and writes nothing."""
from __future__ import annotations

import re

from helpers import make_fixture_kb, make_project, mkdocs_build


def test_missing_language_fails_the_build_naming_file_and_key(tmp_path):
    project = make_project(tmp_path / "project", make_fixture_kb(tmp_path / "kb"))
    cause = project / "site-data/causes/doc-expired.yml"
    cause.write_text(cause.read_text().replace('  fr: "[fr] The document is past its date."\n', ""))
    result = mkdocs_build(project)
    assert result.returncode != 0
    assert re.search(r"site-data/causes/doc-expired\.yml:\d+: summary\.fr: the French text is missing", result.stderr)
    assert not (project / "site").exists()


def test_a_failed_build_leaves_the_previous_site_untouched(tmp_path):
    project = make_project(tmp_path / "project", make_fixture_kb(tmp_path / "kb"))
    first = mkdocs_build(project)
    assert first.returncode == 0, first.stderr[-3000:]
    before = {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    faq = project / "site-data/faqs/which-documents.yml"
    faq.write_text(faq.read_text().replace("causes: [doc-expired]", "causes: [doc-lost]"))
    second = mkdocs_build(project)
    assert second.returncode != 0
    assert "refers to unknown cause `doc-lost`" in second.stderr
    after = {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    assert after == before
