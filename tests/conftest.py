from __future__ import annotations

from pathlib import Path

import pytest

from helpers import ROOT, make_fixture_kb, make_project, mkdocs_build


@pytest.fixture
def fixture_kb(tmp_path) -> Path:
    return make_fixture_kb(tmp_path / "site-data")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built once per test session from a copy of the project."""
    project = make_project(tmp_path_factory.mktemp("real") / "project")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr[-5000:]
    assert "WARNING" not in result.stderr, result.stderr[-5000:]
    return project / "site"


@pytest.fixture(scope="session")
def real_kb():
    from kb.loader import load_knowledge_base
    return load_knowledge_base(ROOT / "site-data")
