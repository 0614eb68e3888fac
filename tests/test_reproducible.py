"""Two builds of the same sources are byte-identical, in another folder and at another time.

The session builds ran minutes earlier in other folders: any date taken from the
clock or any absolute path in the output would make the bytes differ.
"""
from __future__ import annotations

from helpers import make_project, mkdocs_build


def snapshot(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_served_build_is_byte_identical(tmp_path, built_site):
    project = make_project(tmp_path / "elsewhere" / "project")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr[-3000:]
    first, second = snapshot(built_site), snapshot(project / "site")
    assert set(first) == set(second)
    assert [name for name in first if first[name] != second[name]] == []


def test_offline_build_and_zip_are_byte_identical(tmp_path, built_offline_site):
    project = make_project(tmp_path / "again" / "project")
    result = mkdocs_build(project, "-f", "mkdocs.offline.yml")
    assert result.returncode == 0, result.stderr[-3000:]
    first, second = snapshot(built_offline_site), snapshot(project / "site-offline")
    assert set(first) == set(second)
    assert [name for name in first if first[name] != second[name]] == []
    assert (built_offline_site.with_name("site-offline.zip").read_bytes()
            == (project / "site-offline.zip").read_bytes())
