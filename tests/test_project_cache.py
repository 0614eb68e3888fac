"""The loaded knowledge base is reused within a build and reloaded after an edit (mkdocs serve)."""
from __future__ import annotations

import os

from kb.project import load_project


def _touch_edit(path):
    """An edit an editor's save would make: new content, new modification time."""
    path.write_text(path.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))


def test_unchanged_data_is_loaded_once(fixture_kb):
    assert load_project(fixture_kb) is load_project(fixture_kb)


def test_an_edit_is_seen_by_the_next_checked_load(fixture_kb):
    before = load_project(fixture_kb)
    _touch_edit(next((fixture_kb / "faqs").glob("*.yml")))
    # Calls within a build (one per page) do not look at the files again...
    assert load_project(fixture_kb, recheck=False) is before
    # ...the next build's first, checked call does, and later calls get the new data.
    after = load_project(fixture_kb)
    assert after is not before
    assert load_project(fixture_kb, recheck=False) is after


def test_an_unchecked_first_load_reads_the_files(fixture_kb):
    project = load_project(fixture_kb, recheck=False)
    assert project.kb.faqs
