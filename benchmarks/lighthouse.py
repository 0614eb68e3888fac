"""Lighthouse scores of the home page, a cause page and the troubleshooter, in en, zh and ja.

    make lighthouse                                  # installs Lighthouse from package-lock.json, then runs this
    python benchmarks/lighthouse.py                  # after `npm ci`
    python benchmarks/lighthouse.py --runs 3 --json out.json

The real site is built in a temporary folder with SITE_URL set to the local
address it is then served from, so canonical links and hreflang alternates point
at the pages Lighthouse loads, as they do on the public host. The server sends
text gzip-compressed when asked, as a static host does.

Lighthouse (npm, the version pinned in package.json) runs with its default
configuration, which is the mobile preset: a Moto G Power-sized screen, simulated
slow 4G and a 4x slower CPU. It drives Debian's Chromium (CHROME_PATH, or
KB_CHROMIUM as in the tests). With --runs N each page is measured N times and
the median performance score is kept (Lighthouse's own advice for noisy machines).

Prints performance, accessibility, best practices and SEO per page, and every
audit that cost points. Exits non-zero if a score is below its target
(performance 95, the others 100), unless --no-fail.
"""
from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from helpers import CHROMIUM, CJK_LANGUAGES, DEFAULT_LANGUAGE, make_project, mkdocs_build  # noqa: E402

LIGHTHOUSE = ROOT / "node_modules" / "lighthouse" / "cli" / "index.js"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
# A sample, not the site's list: the default language and two CJK page layouts (site.yml's script: cjk).
LANGUAGES = (DEFAULT_LANGUAGE, *CJK_LANGUAGES[:2])
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run"


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, text compressed with gzip when the client accepts it (as static hosts do)."""

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not urlsplit(self.path).path.endswith("/"):
                return super().send_head()  # the redirect to "dir/"
            path = path / "index.html"
        if ("gzip" not in self.headers.get("Accept-Encoding", "") or path.suffix not in COMPRESSIBLE
                or not path.is_file()):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=9, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)


class Server:
    """The site folder served on a free localhost port (the folder may be filled after start)."""

    def __init__(self, root: Path):
        handler = functools.partial(GzipHandler, directory=str(root))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def pages(data_dir: Path) -> dict[str, str]:
    from kb.loader import load_knowledge_base
    kb = load_knowledge_base(data_dir)
    return {"home": "", "cause": f"causes/{sorted(kb.causes)[0]}/", "tree": "troubleshoot/"}


def lighthouse(url: str, output: Path) -> dict:
    """Run Lighthouse once on url; returns its JSON report."""
    env = dict(os.environ, CHROME_PATH=os.environ.get("CHROME_PATH", CHROMIUM))
    command = ["node", str(LIGHTHOUSE), url, "--output=json", f"--output-path={output}", "--quiet",
               f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}"]
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    if result.returncode != 0 or not output.is_file():
        raise RuntimeError(f"lighthouse failed on {url}:\n{result.stderr[-3000:]}")
    return json.loads(output.read_text(encoding="utf-8"))


def lost_points(report: dict, category: str) -> list[str]:
    """The audits of a category that did not get full marks, with what they measured."""
    lost = []
    for ref in report["categories"][category]["auditRefs"]:
        audit = report["audits"][ref["id"]]
        if ref["weight"] == 0 or audit["score"] is None or audit["score"] >= 1:
            continue
        value = f" ({audit['displayValue']})" if audit.get("displayValue") else ""
        lost.append(f"{ref['id']}{value}: score {audit['score']:.2f}, weight {ref['weight']}")
    return lost


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=1, help="runs per page; the median performance is kept")
    parser.add_argument("--json", help="write the scores and lost points to this file")
    parser.add_argument("--no-fail", action="store_true", help="exit 0 even when a score is below target")
    parser.add_argument("--reports", help="keep Lighthouse's full JSON reports in this folder")
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.is_file():
        print("Lighthouse is not installed: run `npm ci` (or `make lighthouse`).", file=sys.stderr)
        return 2
    version = json.loads((LIGHTHOUSE.parent.parent / "package.json").read_text(encoding="utf-8"))["version"]

    results = []
    with tempfile.TemporaryDirectory(prefix="kb-lighthouse-") as workdir:
        project = make_project(Path(workdir) / "project")
        (project / "site").mkdir()
        server = Server(project / "site")
        try:
            os.environ["SITE_URL"] = server.url  # canonical links name the address Lighthouse loads
            build = mkdocs_build(project)
            if build.returncode != 0:
                print(build.stderr[-5000:], file=sys.stderr)
                return 2
            for language in LANGUAGES:
                for name, path in pages(ROOT / "site-data").items():
                    url = server.url + ("" if language == DEFAULT_LANGUAGE else f"{language}/") + path
                    keep = Path(args.reports) if args.reports else Path(workdir)
                    keep.mkdir(parents=True, exist_ok=True)
                    reports = [lighthouse(url, keep.resolve() / f"{language}-{name}-{run}.json")
                               for run in range(args.runs)]
                    scores = [{c: round(r["categories"][c]["score"] * 100) for c in CATEGORIES} for r in reports]
                    median = statistics.median_low([s["performance"] for s in scores])
                    chosen = scores.index(next(s for s in scores if s["performance"] == median))
                    report = reports[chosen]
                    results.append({
                        "language": language, "page": name, "url": url, "scores": scores[chosen],
                        "performance_runs": [s["performance"] for s in scores],
                        "lost": {c: lost_points(report, c) for c in CATEGORIES},
                        "metrics": {m: report["audits"][m].get("displayValue") for m in
                                    ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time",
                                     "cumulative-layout-shift", "speed-index")},
                        "chrome": report["environment"]["hostUserAgent"],
                    })
                    print(f"  {language} {name}: {scores[chosen]}", file=sys.stderr, flush=True)
        finally:
            server.close()

    print(f"Lighthouse {version}, mobile preset (default config), {args.runs} run(s) per page")
    print(f"Browser: {results[0]['chrome']}\n")
    print(f"{'page':<10}{'lang':<6}" + "".join(f"{c:>16}" for c in CATEGORIES) + "   FCP / LCP / TBT / CLS")
    below = []
    for result in results:
        row = f"{result['page']:<10}{result['language']:<6}"
        for category in CATEGORIES:
            score = result["scores"][category]
            row += f"{score:>16}"
            if score < TARGETS[category]:
                below.append(result)
        metrics = result["metrics"]
        row += (f"   {metrics['first-contentful-paint']} / {metrics['largest-contentful-paint']} / "
                f"{metrics['total-blocking-time']} / {metrics['cumulative-layout-shift']}")
        print(row)
    print()
    for result in results:
        for category in CATEGORIES:
            for line in result["lost"][category]:
                print(f"{result['page']} {result['language']} {category}: {line}")
    if args.json:
        Path(args.json).write_text(json.dumps({"lighthouse": version, "results": results}, indent=1,
                                              ensure_ascii=False), encoding="utf-8")
    if below and not args.no_fail:
        print(f"\n{len(set(id(r) for r in below))} page(s) below target "
              f"({', '.join(f'{c} {t}' for c, t in TARGETS.items())})", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
