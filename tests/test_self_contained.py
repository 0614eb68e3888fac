"""The repository stands alone: `make test` and the publish workflow need nothing beside the clone."""
from __future__ import annotations

import os
import subprocess

import yaml

from helpers import ROOT


def test_make_test_uses_nothing_outside_the_repository():
    # A dry run prints every command `make test` would run, its sub-makes included.
    env = dict(os.environ, MAKEFLAGS="")
    dry = subprocess.run(["make", "-n", "test"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert dry.returncode == 0, dry.stderr
    assert "pytest" in dry.stdout and "kb validate" in dry.stdout
    assert "../" not in dry.stdout


def test_publish_workflow_is_valid_and_runs_the_test_command():
    workflow = yaml.safe_load((ROOT / ".github/workflows/publish.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["build"]["steps"]
    runs = [step["run"] for step in steps if "run" in step]
    assert all(isinstance(run, str) for run in runs)
    assert any(line.strip() == "make test" for run in runs for line in run.splitlines())
    assert not any("../" in run for run in runs)
