"""The edit loop: seconds from saving a YAML file under `mkdocs serve` to the changed page being served.

    python benchmarks/edit_bench.py                  # six languages (make serve), then LANGS="fr ja"
    python benchmarks/edit_bench.py --rounds 5       # more saves per server (median and best)
    python benchmarks/edit_bench.py --no-cache       # without the page cache (KB_PAGE_CACHE=0)
    python benchmarks/edit_bench.py --site-data DIR  # other data (default: this project's site-data/)

For each setting it copies the project (config, pages, theme, hook, site-data) into a
temporary folder, starts `mkdocs serve` there on a free port, waits for the first
build, then `--rounds` times: changes the title of one cause in one language, saves
the file and polls that cause's page (every 0.05 s) until it shows the new title.
It prints the seconds of each save, what the rebuild converted, reused and derived
(the server's log), the load average at that moment (the machine is shared), and the
ratio of the median to a full `mkdocs build` of the same copy (measured once, at the start). The figures are in BENCHMARKS.md ("Edit loop").
Exits non-zero if a save was not served within --give-up seconds.
"""
from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from helpers import make_project  # noqa: E402
from kb.site import load_site  # noqa: E402

CAUSE = "kyc-doc-expired"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _env(extra: dict) -> dict:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **extra)
    for name in ("KB_DATA_DIR", "SITE_URL", "KB_BUILD_ONLY", "KB_LANGS", "KB_PAGE_CACHE"):
        if name not in extra:
            env.pop(name, None)
    return env


def _fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=120) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, OSError):
        return None


def _load() -> str:
    return "load average " + ", ".join(f"{value:.2f}" for value in os.getloadavg())


def _rebuilt(log_name: str) -> str:
    """What the last rebuild did, from the server's log (site_hooks.py writes the counts)."""
    time.sleep(0.5)  # the counts are logged just before the rebuild ends
    text = Path(log_name).read_text(encoding="utf-8")
    pages = re.findall(r"pages converted: (\d+), reused: (\d+), derived from a shared conversion: (\d+)", text)
    search = re.findall(r"search index languages reused: (\d+), indexed: (\d+)", text)
    rendered = re.findall(r"page templates rendered: (\d+), reused: (\d+)", text)
    found = []
    if pages:
        found.append("pages converted {} / reused {} / derived {}".format(*pages[-1]))
    if rendered:
        found.append("templates rendered {} / reused {}".format(*rendered[-1]))
    if search:
        found.append("search languages reused {} / indexed {}".format(*search[-1]))
    languages = re.findall(r"languages built: ([^;\n]*); replayed from their last build: (.*)", text)
    if languages:
        found.append("languages built {} / replayed {}".format(*languages[-1]))
    return "; ".join(found) or "no cache counts in the log"


def _cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a running process so far (Linux /proc): on a shared machine
    the CPU a rebuild needs says more than its wall time, which other work stretches."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def full_build(project: Path) -> tuple[float, float]:
    """Wall and CPU seconds of `mkdocs build --strict` of the project."""
    start, cpu = time.monotonic(), _children_cpu()
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(project / "full-build")],
                            cwd=project, env=_env({}), capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"the full build failed:\n{result.stderr[-3000:]}")
    return time.monotonic() - start, _children_cpu() - cpu


def edit_loop(project: Path, language: str, prefix: str, rounds: int, env: dict,
              give_up: float) -> list[tuple[float, float]]:
    """(wall, CPU) seconds from each save to the cause page (in language) serving the new title."""
    port = _free_port()
    log = open(project / f"serve-{port}.log", "w", encoding="utf-8")
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
                              cwd=project, env=_env(env), stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/{prefix}causes/{CAUSE}/"
    cause = project / "site-data" / "causes" / f"{CAUSE}.yml"
    try:
        deadline = time.monotonic() + 600
        while _fetch(url) is None:
            if server.poll() is not None or time.monotonic() > deadline:
                sys.exit(f"mkdocs serve did not start: see {log.name}")
            time.sleep(0.5)
        times = []
        for number in range(1, rounds + 1):
            text = cause.read_text(encoding="utf-8")
            # The title's text in this language, on its own line under `title:`.
            pattern = re.compile(rf"(^title:\n(?:  .*\n)*?  {re.escape(language)}: )(.*)$", re.MULTILINE)
            found = pattern.search(text)
            marker = f"edit {number} {time.time_ns()}"
            new_title = f'"{marker}"'
            text = text[: found.start(2)] + new_title + text[found.end(2):]
            time.sleep(1)  # the server's file watcher polls every 0.5 s: start from a quiet state
            start, cpu = time.monotonic(), _cpu_seconds(server.pid)
            cause.write_text(text, encoding="utf-8")
            while True:
                body = _fetch(url)
                if body is not None and marker in body:
                    break
                if time.monotonic() - start > give_up:
                    sys.exit(f"save {number} not served after {give_up:.0f} s: see {log.name}")
                time.sleep(0.05)
            times.append((time.monotonic() - start, _cpu_seconds(server.pid) - cpu))
            print(f"  save {number}: {times[-1][0]:.2f} s, CPU {times[-1][1]:.2f} s "
                  f"({_rebuilt(log.name)}; {_load()})", flush=True)
        return times
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--langs", default="fr ja", help="the languages of the serve-one run")
    parser.add_argument("--no-cache", action="store_true", help="turn the page cache off (KB_PAGE_CACHE=0)")
    parser.add_argument("--site-data", type=Path, default=ROOT / "site-data", help="the data to serve")
    parser.add_argument("--give-up", type=float, default=180)
    args = parser.parse_args()

    site = load_site(args.site_data)
    chosen = args.langs.replace(",", " ").split()
    cache = {"KB_PAGE_CACHE": "0"} if args.no_cache else {}
    with tempfile.TemporaryDirectory(prefix="kb-edit-bench-") as temp:
        project = Path(temp) / "project"
        make_project(project, args.site_data)
        # The kb package too, copied at the same moment as the data and put first on the
        # child processes' path: code and data that belong together, whatever is edited
        # in the checkout while the benchmark runs.
        shutil.copytree(ROOT / "hooks" / "kb", Path(temp) / "package" / "kb",
                        ignore=shutil.ignore_patterns("__pycache__"))
        os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(Path(temp) / "package"),
                                                                 os.environ.get("PYTHONPATH")]))
        print(f"before the full build: {_load()}", flush=True)
        build, build_cpu = full_build(project)
        print(f"full build (mkdocs build --strict, {len(site.codes)} languages): {build:.1f} s, "
              f"CPU {build_cpu:.1f} s; after it: {_load()}", flush=True)
        runs = [(f"make serve ({len(site.codes)} languages)", {}),
                (f'make serve-one LANGS="{" ".join(chosen)}"', {"KB_LANGS": " ".join(chosen)})]
        for name, env in runs:
            language = chosen[0]
            prefix = "" if language == site.default_language else f"{language}/"
            print(f"{name}, editing the {language} title of causes/{CAUSE}.yml"
                  f"{' (page cache off)' if cache else ''}:", flush=True)
            times = edit_loop(project, language, prefix, args.rounds, {**env, **cache}, args.give_up)
            median = statistics.median(wall for wall, _ in times)
            median_cpu = statistics.median(cpu for _, cpu in times)
            print(f"  median {median:.2f} s (CPU {median_cpu:.2f} s), best {min(w for w, _ in times):.2f} s; "
                  f"ratio to the full build {median / build:.3f} (CPU {median_cpu / build_cpu:.3f})", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
