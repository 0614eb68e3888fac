"""Shared helpers for the tests: fixture knowledge bases and real site builds."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_KB = Path(__file__).parent / "fixtures" / "kb"
LANGUAGES = ("en", "zh", "es", "fr", "ja", "ko")


def make_fixture_kb(target: Path) -> Path:
    """Copy the small fixture knowledge base, with the real schema and interface strings."""
    shutil.copytree(FIXTURE_KB, target, ignore=shutil.ignore_patterns("README.md"))
    shutil.copytree(ROOT / "site-data" / "schema", target / "schema")
    shutil.copytree(ROOT / "site-data" / "ui", target / "ui")
    return target


def make_project(target: Path, site_data: Path | None = None) -> Path:
    """A copy of the project (config, pages, theme, hooks) in target, optionally with other data."""
    target.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "content", "overrides", "hooks"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / name)
    shutil.copytree(site_data or ROOT / "site-data", target / "site-data")
    return target


def mkdocs_build(project: Path, *args: str) -> subprocess.CompletedProcess:
    """Run `mkdocs build --strict` in a project folder, as an editor would."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("KB_DATA_DIR", None)
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", *args],
                          cwd=project, env=env, capture_output=True, text=True, timeout=600)
