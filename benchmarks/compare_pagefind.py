"""Run the search benchmark's queries through Pagefind instead of our engine, for comparison.

    pip install -r requirements-bench.txt
    python benchmarks/compare_pagefind.py --site site     # an existing build of mkdocs.yml

Pagefind (extended build, for Chinese and Japanese) indexes a copy of the built
site with the same scope as our indexer (the page's article, without the safety
notice, heading permalinks or 404.html); each query then runs through
Pagefind's own browser API in a page of its language, over http (Pagefind does
not work from file://). Two variants are measured: Pagefind as is, which
requires every word of a query, and with the fallback of ../shared/stack-notes.md
that, on zero results, searches each word found by Intl.Segmenter and merges.
Not part of `make test`: it only backs the choice recorded in BENCHMARKS.md.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from helpers import CHROMIUM, CHROMIUM_ARGS, LANGUAGES, StaticServer  # noqa: E402
from search_bench import classify, language_root, site_path  # noqa: E402

SEARCH = """
async ({query, lang, fallback}) => {
  const start = performance.now();
  const pagefind = window.__pf || (window.__pf = await import(document.querySelector("base-pf").dataset.url));
  let search = await pagefind.search(query);
  let results = search.results;
  if (fallback && results.length === 0) {
    const words = Array.from(new Intl.Segmenter(lang, {granularity: "word"}).segment(query))
      .filter(s => s.isWordLike).map(s => s.segment);
    const merged = new Map();
    for (const word of words) {
      for (const r of (await pagefind.search(word)).results) {
        const seen = merged.get(r.id);
        merged.set(r.id, {r, score: (seen ? seen.score : 0) + r.score});
      }
    }
    results = Array.from(merged.values()).sort((a, b) => b.score - a.score).map(x => x.r);
  }
  const data = await Promise.all(results.slice(0, 3).map(r => r.data()));
  return {urls: data.map(d => new URL(d.url, location.href).href), ms: performance.now() - start};
}
"""


def index(site: Path, workdir: Path, without_tree: bool) -> Path:
    copy = workdir / "site"
    shutil.copytree(site, copy)
    (copy / "404.html").unlink(missing_ok=True)
    if without_tree:
        # Pagefind has no per-page weight short of leaving pages out: this variant
        # leaves the troubleshooter's step pages out, which our engine weights down.
        for tree in [copy / "troubleshoot"] + [copy / lang / "troubleshoot" for lang in LANGUAGES]:
            shutil.rmtree(tree, ignore_errors=True)
    shutil.rmtree(copy / "assets" / "kb-search", ignore_errors=True)
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(copy), "--root-selector", "article",
                    "--exclude-selectors", "[data-kb-safety]", "--exclude-selectors", ".headerlink"],
                   check=True, capture_output=True)
    return copy


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", required=True, help="an existing build of mkdocs.yml")
    parser.add_argument("--queries", default=str(ROOT / "benchmarks" / "search_queries.yml"))
    parser.add_argument("--verbose", action="store_true", help="print every query whose first result is wrong")
    parser.add_argument("--without-tree", action="store_true", help="leave the troubleshooter's pages out of the index")
    args = parser.parse_args(argv)
    queries = yaml.safe_load(Path(args.queries).read_text(encoding="utf-8"))
    workdir = Path(tempfile.mkdtemp(prefix="pagefind-"))
    try:
        return compare(args, queries, index(Path(args.site).resolve(), workdir, args.without_tree))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def compare(args, queries, site: Path) -> int:

    from playwright.sync_api import sync_playwright
    server = StaticServer(site)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for fallback in (False, True):
            totals = [0, 0, 0]
            print(f"\n## Pagefind {'with the Intl.Segmenter fallback' if fallback else 'as is (all words required)'}")
            print(f"{'lang':<5} {'queries':>7} {'top-1':>7} {'top-3':>7} {'other-lang':>10} {'no result':>9}")
            for lang in LANGUAGES:
                context = browser.new_context()
                page = context.new_page()
                page.goto(server.url + language_root(lang))
                page.evaluate("url => { const m = document.createElement('base-pf'); m.dataset.url = url;"
                              " document.body.append(m); }", server.url + "pagefind/pagefind.js")
                top1 = top3 = foreign = empty = 0
                for item in queries[lang]:
                    outcome = page.evaluate(SEARCH, {"query": item["q"], "lang": lang, "fallback": fallback})
                    found = []
                    for url in outcome["urls"]:
                        target, elsewhere = classify(site_path(url, server.url), lang)
                        found.append(target)
                        foreign += elsewhere
                    if args.verbose and found[:1] != [item["expect"]]:
                        print(f"      {lang} {item['q']!r}: expected {item['expect']}, got {found}")
                    top1 += found[:1] == [item["expect"]]
                    top3 += item["expect"] in found
                    empty += not found
                count = len(queries[lang])
                print(f"{lang:<5} {count:>7} {top1 / count:>7.0%} {top3 / count:>7.0%} {foreign:>10} {empty:>9}")
                totals = [totals[0] + count, totals[1] + top1, totals[2] + top3]
                context.close()
            print(f"all   {totals[0]:>7} {totals[1] / totals[0]:>7.0%} {totals[2] / totals[0]:>7.0%}")
        browser.close()
    server.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
