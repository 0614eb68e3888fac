"""Build time with MkDocs against the same site built with Zensical, side by side.

    python benchmarks/zensical_bench.py              # one build of each
    python benchmarks/zensical_bench.py --repeat 3   # the fastest of 3 each (for a busy machine)

MkDocs: `mkdocs build --strict` of a copy of the project (hooks, six languages through
mkdocs-static-i18n, search index), as `make build` runs it. Zensical: the three steps of
`make build-zensical` in the same copy: `kb export`, hooks/zensical_build.py (one Zensical
build per language, --clean so no cache from an earlier build helps) and `kb index`. Each
step runs in a child process, measured by wall time and CPU time (user + system, from wait4),
so the CPU figures hold even when other work shares the machine. Prints a Markdown table for
BENCHMARKS.md ("Zensical") with the ratio Zensical / MkDocs.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from helpers import make_project  # noqa: E402


@dataclass
class Step:
    name: str
    wall: float   # seconds
    cpu: float    # seconds, user + system of the step's process and its children


def run_step(name: str, command: list[str], cwd: Path) -> Step:
    environment = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    for name_ in ("KB_DATA_DIR", "SITE_URL", "KB_BUILD_ONLY", "KB_LANGS"):
        environment.pop(name_, None)
    with tempfile.TemporaryFile() as log:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=environment, stdout=log, stderr=log)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) != 0:
            log.seek(0)
            raise RuntimeError(f"{name} failed:\n{log.read().decode(errors='replace')[-5000:]}")
    return Step(name, wall, usage.ru_utime + usage.ru_stime)


def mkdocs_build(project: Path) -> list[Step]:
    return [run_step("MkDocs: mkdocs build --strict", [sys.executable, "-m", "mkdocs", "build", "--strict"], project)]


def zensical_build(project: Path) -> list[Step]:
    work = project / ".zensical"
    kb = [sys.executable, "-m", "kb"]
    return [
        run_step("Zensical: kb export", kb + ["export", "--out", str(work / "pages")], project),
        run_step("Zensical: zensical build, per language",
                 [sys.executable, str(project / "hooks" / "zensical_build.py"), "--pages", str(work / "pages"),
                  "--work", str(work), "--out", str(project / "site-zensical")], project),
        run_step("Zensical: kb index", kb + ["index", str(project / "site-zensical")], project),
    ]


def fastest(repeat: int, build, project: Path) -> list[Step]:
    """The run with the least wall time: other load on the machine only ever adds time."""
    runs = [build(project) for _ in range(repeat)]
    return min(runs, key=lambda steps: sum(step.wall for step in steps))


def table(mkdocs: list[Step], zensical: list[Step]) -> list[str]:
    lines = ["| build | wall time | CPU time |", "| --- | ---: | ---: |"]
    for step in mkdocs + zensical:
        lines.append(f"| {step.name} | {step.wall:.1f} s | {step.cpu:.1f} s |")
    m_wall, m_cpu = sum(s.wall for s in mkdocs), sum(s.cpu for s in mkdocs)
    z_wall, z_cpu = sum(s.wall for s in zensical), sum(s.cpu for s in zensical)
    lines.append(f"| **MkDocs, total** | {m_wall:.1f} s | {m_cpu:.1f} s |")
    lines.append(f"| **Zensical, total** (export + build + index) | {z_wall:.1f} s | {z_cpu:.1f} s |")
    lines.append(f"| **ratio Zensical / MkDocs** | {z_wall / m_wall:.2f} | {z_cpu / m_cpu:.2f} |")
    return lines


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=1, help="builds of each; the fastest counts")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="kb-zensical-bench-") as workdir:
        project = make_project(Path(workdir) / "project")
        mkdocs = fastest(args.repeat, mkdocs_build, project)
        zensical = fastest(args.repeat, zensical_build, project)
    print("\n".join(table(mkdocs, zensical)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
