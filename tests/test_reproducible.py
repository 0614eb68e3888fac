"""Two builds of the same sources are byte-identical, in another folder and at another time.

Each comparison builds the small fixture knowledge base (tests/fixtures/kb, every kind
of page the real site has) a second time, in another folder and seconds to minutes
after the first: any date taken from the clock or any absolute path in the output
would make the bytes differ. The real site is built once per test run; building it
again only to compare would cost as much as that build.
"""
from __future__ import annotations

from helpers import make_fixture_kb, make_project, mkdocs_build


def snapshot(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def build_fixture(folder, *args):
    project = make_project(folder / "project", make_fixture_kb(folder / "site-data"))
    result = mkdocs_build(project, *args)
    assert result.returncode == 0, result.stderr[-3000:]
    return project


def test_served_build_is_byte_identical(tmp_path, fixture_site):
    # fixture_site is the session's build, made when its first test ran.
    project = build_fixture(tmp_path / "elsewhere")
    first, second = snapshot(fixture_site), snapshot(project / "site")
    assert set(first) == set(second)
    assert [name for name in first if first[name] != second[name]] == []


def test_offline_build_and_zip_are_byte_identical(tmp_path):
    one = build_fixture(tmp_path / "one", "-f", "mkdocs.offline.yml")
    again = build_fixture(tmp_path / "again" / "deeper", "-f", "mkdocs.offline.yml")
    first, second = snapshot(one / "site-offline"), snapshot(again / "site-offline")
    assert set(first) == set(second)
    assert [name for name in first if first[name] != second[name]] == []
    assert (one / "site-offline.zip").read_bytes() == (again / "site-offline.zip").read_bytes()
