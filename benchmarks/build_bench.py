"""Build speed: how the build grows with the knowledge base, and what our pipeline costs.

    python benchmarks/build_bench.py                    # 1x, 3x, 10x, overhead, one language
    python benchmarks/build_bench.py --repeat 3         # best of 3 builds each (for a busy machine)
    python benchmarks/build_bench.py --profile prof.out # also profile the largest build (cProfile)

Scaling: the real site-data is 1x; 3x and 10x are synthetic knowledge bases made
by benchmarks/synthetic_kb.py (same schema, all six languages, a valid tree).
Each is built with `mkdocs build --strict` in a copy of the project, in a child
process, and measured by wall time, CPU time (user + system) and peak memory
(the child's own resource usage, from wait4), and by output size and page count.
Growth must stay linear or better: the 10x build may take at most 11x the 1x time.

Pipeline overhead: the real build against the same pages rendered once to plain
Markdown files and built without our hooks (benchmarks/plain_site.py); target
at most 1.15x. One language: the real build with KB_BUILD_ONLY=<code> (what
`make build-one LANG_ONLY=<code>` runs), by default of the first language of
site.yml after the default one (--one-language; the figures of BENCHMARKS.md up
to 2026-12 were taken with fr); target at most 25 % of the full build.

Exits non-zero if a target is missed.
"""
from __future__ import annotations

import argparse
import json
import os
import pstats
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from helpers import LANGUAGES, SITE, make_project  # noqa: E402
from plain_site import export  # noqa: E402
from synthetic_kb import generate  # noqa: E402

MAX_SCALING = 11.0    # 10x knowledge base: at most 11x the time
MAX_OVERHEAD = 1.15   # real build / plain Markdown build
MAX_ONE_LANGUAGE = 0.25


@dataclass
class Build:
    name: str
    wall: float     # seconds
    cpu: float      # seconds, user + system of the build process
    memory: float   # MiB, peak resident set of the build process
    size: float     # MiB written to site/
    pages: int      # HTML files written


def run_build(project: Path, name: str, env: dict | None = None, profile: Path | None = None) -> Build:
    """`mkdocs build --strict` in project, in a child process measured on its own."""
    environment = dict(os.environ, NO_MKDOCS_2_WARNING="1", **(env or {}))
    environment.pop("KB_DATA_DIR", None)
    command = [sys.executable]
    if profile is not None:
        command += ["-m", "cProfile", "-o", str(profile)]
    command += ["-m", "mkdocs", "build", "--strict"]
    with tempfile.TemporaryFile() as log:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=project, env=environment, stdout=log, stderr=log)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            log.seek(0)
            raise RuntimeError(f"build of {name} failed:\n{log.read().decode(errors='replace')[-5000:]}")
    site = project / "site"
    # The site's own files: its precompressed .gz copies would count every text twice.
    files = [p for p in site.rglob("*") if p.is_file() and p.suffix != ".gz"]
    return Build(name, wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024,
                 sum(p.stat().st_size for p in files) / 2**20, sum(1 for p in files if p.suffix == ".html"))


def best_of(repeat: int, project: Path, name: str, **kwargs) -> Build:
    """The fastest of `repeat` builds: other load on the machine only ever adds time."""
    builds = [run_build(project, name, **kwargs) for _ in range(repeat)]
    return min(builds, key=lambda build: build.wall)


def scaling_table(builds: list[Build]) -> list[str]:
    base = builds[0]
    lines = ["| knowledge base | pages | wall time | CPU time | peak memory | output size | time / 1x | CPU / 1x "
             "| memory / 1x | size / 1x |", "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for build in builds:
        lines.append(f"| {build.name} | {build.pages} | {build.wall:.1f} s | {build.cpu:.1f} s | {build.memory:.0f} MiB "
                     f"| {build.size:.1f} MiB | {build.wall / base.wall:.2f} | {build.cpu / base.cpu:.2f} "
                     f"| {build.memory / base.memory:.2f} | {build.size / base.size:.2f} |")
    return lines


def print_profile(path: Path, limit: int = 25) -> None:
    stats = pstats.Stats(str(path))
    stats.sort_stats("cumulative").print_stats(limit)
    stats.sort_stats("tottime").print_stats(limit)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--factors", default="1,3,10", help="sizes to build, in multiples of the real one")
    parser.add_argument("--repeat", type=int, default=1, help="builds per measurement; the fastest counts")
    parser.add_argument("--profile", help="profile the largest build with cProfile into this file, and print it")
    parser.add_argument("--json", help="also write the figures to this file")
    parser.add_argument("--one-language", choices=LANGUAGES,
                        default=next(code for code in LANGUAGES if code != SITE.default_language),
                        help="the language of the one-language build (default: the first after the default language)")
    args = parser.parse_args(argv)
    factors = [int(f) for f in args.factors.split(",")]
    if factors[0] != 1:
        parser.error("--factors must start with 1 (the real knowledge base)")

    results: dict = {}
    failures = []
    with tempfile.TemporaryDirectory(prefix="kb-build-bench-") as workdir:
        work = Path(workdir)
        real = make_project(work / "real")

        scaling = []
        for factor in factors:
            if factor == 1:
                project = real
            else:
                data = work / f"site-data-{factor}x"
                generate(ROOT / "site-data", data, factor)
                project = make_project(work / f"project-{factor}x", data)
            profile = Path(args.profile).resolve() if args.profile and factor == factors[-1] else None
            build = best_of(args.repeat, project, f"{factor}x", profile=profile)
            if profile is not None:  # the profiled build is slower: measure it again without
                build = best_of(args.repeat, project, f"{factor}x")
            scaling.append(build)
            print(f"built {build.name}: {build.wall:.1f} s, {build.pages} pages", file=sys.stderr, flush=True)

        plain_project = work / "plain"
        export(real, plain_project)
        plain = best_of(args.repeat, plain_project, "plain Markdown, no hooks")
        one = best_of(args.repeat, real, f"real, KB_BUILD_ONLY={args.one_language}",
                      env={"KB_BUILD_ONLY": args.one_language})
        full = scaling[0]

    print("## Build scaling\n")
    print("\n".join(scaling_table(scaling)))
    largest = scaling[-1]
    ratio = largest.wall / full.wall
    print(f"\n{largest.name} / 1x wall time: {ratio:.2f} (target ≤ {MAX_SCALING:g} × {factors[-1]}/10)")
    if ratio > MAX_SCALING * factors[-1] / 10:
        failures.append(f"{largest.name} took {ratio:.2f}x the 1x time")

    print("\n## Pipeline overhead and one-language build\n")
    print("| build | pages | wall time | CPU time | peak memory | ratio (wall) | ratio (CPU) | target |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    print(f"| real (hooks, six languages) | {full.pages} | {full.wall:.1f} s | {full.cpu:.1f} s | {full.memory:.0f} MiB "
          f"| 1.00 | 1.00 | |")
    for build, target in ((plain, None), (one, MAX_ONE_LANGUAGE)):
        wall, cpu = build.wall / full.wall, build.cpu / full.cpu
        if target is None:
            # The overhead is real / plain.
            wall, cpu = full.wall / build.wall, full.cpu / build.cpu
            label, limit = f"real / plain = {wall:.2f}", MAX_OVERHEAD
        else:
            label, limit = f"{wall:.2f} of full", target
        print(f"| {build.name} | {build.pages} | {build.wall:.1f} s | {build.cpu:.1f} s | {build.memory:.0f} MiB "
              f"| {label} | {cpu:.2f} | ≤ {limit:g} |")
        if wall > limit:
            failures.append(f"{build.name}: {wall:.2f} > {limit:g}")

    results = {"scaling": [asdict(b) for b in scaling], "plain": asdict(plain), "one_language": asdict(one),
               "python": sys.version.split()[0]}
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1), encoding="utf-8")
    if args.profile:
        print(f"\n## Profile of the {largest.name} build ({args.profile})\n")
        print_profile(Path(args.profile))
    for failure in failures:
        print(f"TARGET MISSED: {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
