"""Search benchmark: the real search box in headless Chromium, per language, over http:// and file://.

    python benchmarks/search_bench.py                 # builds the site and the offline copy in a temp folder
    python benchmarks/search_bench.py --scale 10      # also a synthetic knowledge base 10x the real one
    python benchmarks/search_bench.py --site site --offline site-offline   # use existing builds

Two sets of queries: the tuning set (benchmarks/search_queries.yml), which the
ranking may be tuned on, and the blind set (benchmarks/search_blind.yml),
written by people who had not seen the site, which it must never be tuned on.
For every query it opens a page in the query's language, types the query into
the header search box and reads the links in [data-search-results]. It prints,
per set and language, top-1 and top-3 hit rates (a hit is the expected page),
a safety line (safety questions, those whose expected page is a safety page of
site-data/search-rules.yml, that got a safety page first), every result that
points into another language, the time from typing to the first results, and
the bytes downloaded before the first result.

It exits non-zero if on the tuning set a language's top-3 is below 97 % or its
top-1 below 90 %, if any safety question of either set does not get a safety
page first, if any result is in another language, or (with --scale) if at
scale the first results take more than 1 s or the search downloads 300 KB or
more before showing them. The blind set's rates are printed against the same
goal, not enforced.
"""
from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from helpers import (CHROMIUM, CHROMIUM_ARGS, DEFAULT_LANGUAGE, LANGUAGES, TEST_CHROMIUM, StaticServer,  # noqa: E402
                     make_project, mkdocs_build)
from kb.loader import load_knowledge_base  # noqa: E402
from kb.search.documents import directory_form  # noqa: E402

TOP3_REQUIRED = 0.97
TOP1_REQUIRED = 0.90
MAX_FIRST_RESULT_MS = 1000
MAX_SEARCH_BYTES = 300 * 1024

# Types the query the way a person does, one key at a time, and resolves when the
# results for the whole query are on screen. Returns the times (ms, from the
# first key) of the first results shown and of the final results.
TYPE_AND_WAIT = """
async ({query, delay}) => {
  const form = document.querySelector("form[data-kb-search]");
  const input = form.querySelector("input[type=search]");
  const results = form.querySelector("[data-search-results]");
  // Index files arrive as <script> elements (the only way that also works from
  // file://, where Resource Timing records nothing): note each one added.
  const scripts = [document.querySelector("script[src*='kb-search.js']").src];
  const heads = new MutationObserver(records => records.forEach(r => r.addedNodes.forEach(node => {
    if (node.tagName === "SCRIPT" && node.src) scripts.push(node.src);
  })));
  heads.observe(document.head, {childList: true});
  const start = performance.now();
  input.focus();
  input.value = "";
  let first = null, firstScripts = null;
  const observer = new MutationObserver(() => {
    if (first === null && results.querySelector("[data-search-list] a[href]")) {
      first = performance.now() - start;
      firstScripts = scripts.length;
    }
  });
  observer.observe(results, {childList: true, subtree: true});
  const chars = Array.from(query);
  for (let i = 0; i < chars.length; i++) {
    input.value += chars[i];
    input.dispatchEvent(new Event("input", {bubbles: true}));
    if (delay && i < chars.length - 1) await new Promise(r => setTimeout(r, delay));
  }
  const typed = performance.now() - start;
  await new Promise((resolve, reject) => {
    const limit = performance.now() + 10000;
    (function check() {
      if (results.getAttribute("data-search-query") === query && !form.hasAttribute("aria-busy")) resolve();
      else if (performance.now() > limit) reject(new Error("no results for " + query));
      else requestAnimationFrame(check);
    })();
  });
  observer.disconnect();
  heads.disconnect();
  const done = performance.now() - start;
  return {
    first: first === null ? done : first, typed: typed, done: done,
    links: Array.from(results.querySelectorAll("[data-search-list] a[href]")).map(a => a.href),
    scripts: scripts,
    firstScripts: firstScripts === null ? scripts.length : firstScripts,
    resources: performance.getEntriesByType("resource").map(e => ({name: e.name, start: e.startTime - start})),
  };
}
"""


@dataclass
class QueryResult:
    lang: str
    query: str
    expect: list[str]           # cause ids or page keys ("faq/#id"); any of them is a hit
    kind: str
    found: list[str]            # cause ids (or page keys) of the results, in order
    foreign: list[str]          # results in another language
    ms: float
    safety: bool = False        # whether the expected page is a safety page

    def hit(self, top: int) -> bool:
        return any(target in self.found[:top] for target in self.expect)


@dataclass
class Run:
    name: str
    gated: bool = True          # the tuning set's rates are enforced; the blind set's only printed
    safety_pages: frozenset = frozenset()
    results: list[QueryResult] = field(default_factory=list)
    cold: dict[str, dict] = field(default_factory=dict)   # per language: bytes and times of a first query

    def rate(self, lang: str, top: int) -> float:
        rows = [r for r in self.results if r.lang == lang]
        return sum(r.hit(top) for r in rows) / len(rows) if rows else 0.0

    def safety_misses(self, lang: str | None = None) -> list[QueryResult]:
        return [r for r in self.results if r.safety and (lang is None or r.lang == lang)
                and not (r.found and r.found[0] in self.safety_pages)]

    def failures(self) -> list[str]:
        problems = []
        for lang in sorted({r.lang for r in self.results}):
            if self.gated and self.rate(lang, 3) < TOP3_REQUIRED:
                problems.append(f"{self.name}: top-3 in {lang} is {self.rate(lang, 3):.0%} (< {TOP3_REQUIRED:.0%})")
            if self.gated and self.rate(lang, 1) < TOP1_REQUIRED:
                problems.append(f"{self.name}: top-1 in {lang} is {self.rate(lang, 1):.0%} (< {TOP1_REQUIRED:.0%})")
        for r in self.safety_misses():
            problems.append(f"{self.name}: safety question {r.lang} {r.query!r} got {r.found[:1] or 'nothing'} first")
        foreign = sum(len(r.foreign) for r in self.results)
        if foreign:
            problems.append(f"{self.name}: {foreign} results in another language")
        return problems


def language_root(lang: str) -> str:
    return "" if lang == DEFAULT_LANGUAGE else f"{lang}/"


def site_path(url: str, base: str) -> str:
    """A result link as a path relative to the site root (no fragment)."""
    return unquote(urlsplit(url).path)[len(urlsplit(base).path):]


def classify(path: str, lang: str, fragment: str = "") -> tuple[str, bool]:
    """(cause id or the page key, whether the path is in another language).

    The page key is the form site data names pages by: "faq/#question-id",
    "checklists/face-check/" (the same for served and offline links).
    """
    other_roots = [f"{other}/" for other in LANGUAGES if other not in (DEFAULT_LANGUAGE, lang)]
    root = language_root(lang)
    foreign = any(path.startswith(r) for r in other_roots) or not path.startswith(root)
    inside = path[len(root):]
    if inside.startswith("causes/"):
        name = inside[len("causes/"):].removesuffix("/").removesuffix("/index.html").removesuffix(".html")
        if name and name != "index" and "/" not in name:
            return name, foreign
    key = directory_form(inside + "index.html" if inside.endswith("/") or not inside else inside)
    return key + (f"#{fragment}" if fragment else ""), foreign


def safety_pages() -> frozenset:
    """The pages the safety rules of site-data/search-rules.yml put first, as classify() names them."""
    vocabulary = load_knowledge_base(ROOT / "site-data").search_vocabulary
    return frozenset(key[len("causes/"):-1] if key.startswith("causes/") and key.endswith("/") else key
                     for key in vocabulary.safety_pages)


def file_bytes(site: Path, base: str, urls) -> int:
    """Bytes of the site files behind these URLs (uncompressed, as a plain static host sends them)."""
    total = 0
    for url in set(urls):
        path = site_path(url, base)
        if path.endswith("/") or path == "":
            path += "index.html"
        file = site / path
        if file.is_file():
            total += file.stat().st_size
    return total


def page_url(base: str, lang: str, offline: bool) -> str:
    return base + language_root(lang) + ("index.html" if offline else "")


def run_queries(browser, name: str, site: Path, base: str, offline: bool, queries: dict,
                gated: bool = True, safe: frozenset = frozenset()) -> Run:
    """Quality: every query in a page of its language (one page per language, fresh cache)."""
    run = Run(name, gated, safe)
    for lang, items in queries.items():
        context = browser.new_context()
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(page_url(base, lang, offline))
        for number, item in enumerate(items):
            outcome = page.evaluate(TYPE_AND_WAIT, {"query": item["q"], "delay": 0})
            found, foreign = [], []
            for link in outcome["links"]:
                target, elsewhere = classify(site_path(link, base), lang, urlsplit(link).fragment)
                found.append(target)
                if elsewhere:
                    foreign.append(link)
            expect = item["expect"] if isinstance(item["expect"], list) else [item["expect"]]
            run.results.append(QueryResult(lang, item["q"], expect, item["kind"], found, foreign,
                                           outcome["done"], any(e in safe for e in expect)))
            if number == 0:
                run.cold[lang] = measure_bytes(site, base, page, outcome)
        if errors:
            raise SystemExit(f"{name}: page errors in {lang}: {errors}")
        context.close()
    return run


def measure_bytes(site: Path, base: str, page, outcome) -> dict:
    """Bytes up to the results: the search files alone (script, index files), and the whole page.

    The whole page is known over http only (Resource Timing lists nothing for
    file://); it is None there.
    """
    search = outcome["scripts"]
    page_bytes = None
    if not base.startswith("file:"):
        before = [r["name"] for r in outcome["resources"] if r["start"] <= outcome["done"]]
        page_bytes = file_bytes(site, base, before + search + [page.url.split("?")[0].split("#")[0]])
    return {"page_bytes": page_bytes, "search_bytes": file_bytes(site, base, search),
            "search_bytes_first": file_bytes(site, base, search[:outcome["firstScripts"]]),
            "search_files": len(search), "first_ms": outcome["first"], "done_ms": outcome["done"]}


def run_typing(browser, site: Path, base: str, queries: dict, per_language: int, delay: int) -> dict:
    """Speed: fresh page per query, typed key by key; time to first results and bytes before them."""
    rows = {}
    for lang, items in queries.items():
        samples = []
        for item in items[:per_language]:
            context = browser.new_context()
            page = context.new_page()
            page.goto(page_url(base, lang, False))
            outcome = page.evaluate(TYPE_AND_WAIT, {"query": item["q"], "delay": delay})
            measured = measure_bytes(site, base, page, outcome)
            measured["after_typing_ms"] = outcome["done"] - outcome["typed"]
            samples.append(measured)
            context.close()
        rows[lang] = samples
    return rows


def build(project: Path, offline: bool) -> Path:
    args = ("-f", "mkdocs.offline.yml") if offline else ()
    started = time.perf_counter()
    result = mkdocs_build(project, *args)
    if result.returncode != 0:
        raise SystemExit(f"build failed:\n{result.stderr[-4000:]}")
    print(f"built {'offline copy' if offline else 'site'} of {project} in {time.perf_counter() - started:.0f} s",
          flush=True)
    return project / ("site-offline" if offline else "site")


def report_quality(run: Run) -> None:
    goal = "gated" if run.gated else "goal, not gated"
    print(f"\n## {run.name} (top-1 >= {TOP1_REQUIRED:.0%}, top-3 >= {TOP3_REQUIRED:.0%}: {goal}; "
          "safety: safety questions with a safety page first, always gated)")
    print(f"{'lang':<5} {'queries':>7} {'top-1':>7} {'top-3':>7} {'safety':>8} {'other-lang':>10} "
          f"{'median ms':>10} {'max ms':>7}")
    for lang in LANGUAGES:
        rows = [r for r in run.results if r.lang == lang]
        if not rows:
            continue
        times = [r.ms for r in rows]
        asked = sum(r.safety for r in rows)
        safety = f"{asked - len(run.safety_misses(lang))}/{asked}"
        print(f"{lang:<5} {len(rows):>7} {run.rate(lang, 1):>7.0%} {run.rate(lang, 3):>7.0%} {safety:>8} "
              f"{sum(len(r.foreign) for r in rows):>10} {statistics.median(times):>10.0f} {max(times):>7.0f}")
    total = len(run.results)
    asked = sum(r.safety for r in run.results)
    print(f"all   {total:>7} {sum(r.hit(1) for r in run.results) / total:>7.0%} "
          f"{sum(r.hit(3) for r in run.results) / total:>7.0%} {f'{asked - len(run.safety_misses())}/{asked}':>8} "
          f"{sum(len(r.foreign) for r in run.results):>10}")
    misses = [r for r in run.results if not r.hit(1)]
    if misses:
        print("not first:")
        for r in misses:
            position = next((r.found.index(e) + 1 for e in r.expect if e in r.found), "-")
            print(f"  {r.lang} [{r.kind}] {r.query!r}: expected {' or '.join(r.expect)} (position {position}); "
                  f"got {r.found[:3]}")
    for r in run.results:
        for link in r.foreign:
            print(f"  other language: {r.lang} {r.query!r} -> {link}")
    print("first query on a fresh page (cold cache): bytes before the results")
    for lang, cold in run.cold.items():
        whole = "" if cold["page_bytes"] is None else f"page {cold['page_bytes'] / 1024:.0f} KB, of which "
        print(f"  {lang}: {whole}search {cold['search_bytes'] / 1024:.0f} KB in {cold['search_files']} files "
              f"(script and index); results after {cold['done_ms']:.0f} ms")


def report_typing(name: str, rows: dict) -> list[str]:
    """Per language, the worst of the typed queries. Bytes are the search's own files
    (kb-search.js and index files); "all" is until the results of the whole query
    are shown, "page" adds the HTML, CSS and scripts of the page itself."""
    print(f"\n## {name}: typed key by key on a fresh page ({len(next(iter(rows.values())))} queries per language)")
    print(f"{'lang':<5} {'first results ms':>17} {'results after last key ms':>26} "
          f"{'search KB before first':>23} {'search KB all':>14} {'page KB all':>12}")
    problems = []
    for lang, samples in rows.items():
        first = max(s["first_ms"] for s in samples)
        after = max(s["after_typing_ms"] for s in samples)
        search_first = max(s["search_bytes_first"] for s in samples)
        search = max(s["search_bytes"] for s in samples)
        pages = max(s["page_bytes"] for s in samples)
        print(f"{lang:<5} {first:>17.0f} {after:>26.0f} {search_first / 1024:>23.0f} {search / 1024:>14.0f} "
              f"{pages / 1024:>12.0f}")
        if after > MAX_FIRST_RESULT_MS:
            problems.append(f"{name}: results in {lang} came {after:.0f} ms after the last key (> {MAX_FIRST_RESULT_MS})")
        if search >= MAX_SEARCH_BYTES:
            problems.append(f"{name}: search downloaded {search / 1024:.0f} KB in {lang} (>= 300 KB)")
    return problems


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--queries", default=str(ROOT / "benchmarks" / "search_queries.yml"),
                        help="the tuning set (gated)")
    parser.add_argument("--blind", default=str(ROOT / "benchmarks" / "search_blind.yml"),
                        help="the blind set (reported; only its safety questions are gated); '' for none")
    parser.add_argument("--site", help="an existing build of mkdocs.yml (default: build one in a temp folder)")
    parser.add_argument("--offline", help="an existing build of mkdocs.offline.yml (default: build one)")
    parser.add_argument("--scale", type=int, default=0, help="also measure speed on a synthetic KB this many times the real one")
    parser.add_argument("--typing-delay", type=int, default=120, help="ms between keys when typing (default 120)")
    parser.add_argument("--typed-per-language", type=int, default=5, help="queries typed key by key per language")
    parser.add_argument("--json", help="write the figures to this file")
    parser.add_argument("--keep", action="store_true", help="keep the temporary builds (their folder is printed)")
    parser.add_argument("--test-browser", action="store_true",
                        help="drive the tests' browser (chromium-headless-shell): the same hits in half the processor "
                             "time, but its timings are not a desktop browser's (make test, beside pytest)")
    args = parser.parse_args(argv)
    workdir = Path(tempfile.mkdtemp(prefix="search-bench-"))
    try:
        return run_benchmark(args, workdir)
    finally:
        if args.keep:
            print(f"builds kept in {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


def run_benchmark(args, workdir: Path) -> int:
    """Build what is missing into workdir, run every measure, print; 1 if a bar is missed."""
    queries = yaml.safe_load(Path(args.queries).read_text(encoding="utf-8"))
    blind = yaml.safe_load(Path(args.blind).read_text(encoding="utf-8")) if args.blind else None
    safe = safety_pages()
    site = Path(args.site).resolve() if args.site else None
    offline = Path(args.offline).resolve() if args.offline else None
    if site is None or offline is None:
        project = make_project(workdir / "project")
        site = site or build(project, offline=False)
        offline = offline or build(project, offline=True)

    from playwright.sync_api import sync_playwright

    problems: list[str] = []
    figures: dict = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=TEST_CHROMIUM if args.test_browser else CHROMIUM,
                                             args=CHROMIUM_ARGS)
        server = StaticServer(site)
        try:
            http = run_queries(browser, "tuning set, http (served site)", site, server.url, False, queries, True, safe)
            report_quality(http)
            runs = [http]
            if blind:
                runs.append(run_queries(browser, "blind set, http (served site)", site, server.url, False, blind,
                                        False, safe))
                report_quality(runs[-1])
            typed = run_typing(browser, site, server.url, queries, args.typed_per_language, args.typing_delay)
            problems += report_typing("http 1x", typed)
        finally:
            server.close()
        disk = run_queries(browser, "tuning set, file:// (offline copy)", offline, offline.as_uri() + "/", True,
                           queries, True, safe)
        report_quality(disk)
        runs.append(disk)
        if blind:
            runs.append(run_queries(browser, "blind set, file:// (offline copy)", offline, offline.as_uri() + "/",
                                    True, blind, False, safe))
            report_quality(runs[-1])
        for run in runs:
            problems += run.failures()
        figures = {run.name: _figures(run) for run in runs}
        figures["typed_1x"] = typed

        if args.scale:
            from synthetic_kb import generate
            data = workdir / f"site-data-{args.scale}x"
            counts = generate(ROOT / "site-data", data, args.scale)
            print(f"\nsynthetic knowledge base {args.scale}x: {counts}", flush=True)
            big = build(make_project(workdir / f"project-{args.scale}x", data), offline=False)
            server = StaticServer(big)
            try:
                scaled = run_typing(browser, big, server.url, queries, args.typed_per_language, args.typing_delay)
                problems += report_typing(f"http {args.scale}x", scaled)
                figures[f"typed_{args.scale}x"] = scaled
                # The index as downloaded uncompressed: the build's .gz copies left out.
                index_kb = {p.name: sum(f.stat().st_size for f in p.iterdir() if f.suffix != ".gz") // 1024
                            for p in sorted((big / "assets" / "kb-search").iterdir())}
                print(f"index size per language at {args.scale}x (KB): {index_kb}")
                figures[f"index_kb_{args.scale}x"] = index_kb
            finally:
                server.close()
        browser.close()

    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=1, ensure_ascii=False), encoding="utf-8")
    if problems:
        print("\nFAILED:\n  " + "\n  ".join(problems))
        return 1
    print("\nsearch benchmark passed")
    return 0


def _figures(run: Run) -> dict:
    return {"top1": {lang: run.rate(lang, 1) for lang in LANGUAGES},
            "top3": {lang: run.rate(lang, 3) for lang in LANGUAGES},
            "foreign": sum(len(r.foreign) for r in run.results),
            "cold": run.cold,
            "safety": {"asked": sum(r.safety for r in run.results), "missed": len(run.safety_misses())},
            "misses": [[r.lang, r.query, r.expect, r.found[:3]] for r in run.results if not r.hit(1)]}


if __name__ == "__main__":
    sys.exit(main())
