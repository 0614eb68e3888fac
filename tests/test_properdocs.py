"""The site builds unchanged with ProperDocs, the maintained community fork of MkDocs 1.6."""
from __future__ import annotations

import gzip
import os
import re
import subprocess
import sys

from helpers import make_fixture_kb, make_project

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def test_properdocs_output_matches_mkdocs(tmp_path, fixture_site):
    # The MkDocs side is the session's build of the same project and data (fixture_site):
    # builds are the same in any folder (tests/test_reproducible.py), so only ProperDocs builds here.
    project = make_project(tmp_path / "project", make_fixture_kb(tmp_path / "kb"))
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("SITE_URL", None)
    result = subprocess.run([sys.executable, "-m", "properdocs", "build", "--strict", "-d", "site-properdocs"],
                            cwd=project, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    ours = {p.relative_to(fixture_site): p for p in fixture_site.rglob("*") if p.is_file()}
    theirs = {p.relative_to(project / "site-properdocs"): p for p in (project / "site-properdocs").rglob("*")
              if p.is_file()}
    assert set(ours) == set(theirs)
    differing = [name for name in ours
                 if GENERATOR.sub(b"", _content(ours[name])) != GENERATOR.sub(b"", _content(theirs[name]))]
    assert differing == []


def _content(path) -> bytes:
    """A file's bytes; a gzip copy's uncompressed, so the generator tag inside it can be set aside."""
    return gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
