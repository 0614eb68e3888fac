"""Run the search benchmark's queries through Material for MkDocs' built-in search, for comparison.

    python benchmarks/compare_material.py

Builds a copy of the project with Material's `search` plugin switched back on
and Material's own header (our search box and index removed), then types each
query into Material's search box in a page of the query's language and reads
the first three results. Not part of `make test`: it only backs the choice
recorded in BENCHMARKS.md.
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from helpers import CHROMIUM, CHROMIUM_ARGS, LANGUAGES, StaticServer, make_project, mkdocs_build  # noqa: E402
from search_bench import classify, language_root, site_path  # noqa: E402

# Material renders results as the worker answers; wait until the list stops changing.
RESULTS = """
async () => {
  const list = document.querySelector(".md-search-result__list");
  let last = null, stable = 0;
  for (let i = 0; i < 200 && stable < 4; i++) {
    await new Promise(r => setTimeout(r, 50));
    const now = Array.from(list.querySelectorAll("a.md-search-result__link"), a => a.href).join(" ");
    stable = now === last ? stable + 1 : 0;
    last = now;
  }
  return Array.from(list.querySelectorAll(":scope > li > a.md-search-result__link"), a => a.href);
}
"""


def build_with_material_search(workdir: Path) -> Path:
    project = make_project(workdir / "project")
    (project / "overrides" / "partials" / "header.html").unlink()
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace("\nplugins:\n", "\nplugins:\n  search: {}\n", 1)
    for script in ("kb-search-text.js", "kb-search-index.js", "kb-search.js"):
        text = text.replace(f"  - assets/{script}\n", "")
    config.write_text(text, encoding="utf-8")
    result = mkdocs_build(project)
    if result.returncode != 0:
        raise SystemExit(result.stderr[-3000:])
    return project / "site"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--queries", default=str(ROOT / "benchmarks" / "search_queries.yml"))
    args = parser.parse_args(argv)
    queries = yaml.safe_load(Path(args.queries).read_text(encoding="utf-8"))
    workdir = Path(tempfile.mkdtemp(prefix="material-search-"))
    try:
        return compare(queries, build_with_material_search(workdir))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def compare(queries, site: Path) -> int:

    from playwright.sync_api import sync_playwright
    server = StaticServer(site)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        print("\n## Material's built-in search (one index for all languages)")
        print(f"{'lang':<5} {'queries':>7} {'top-1':>7} {'top-3':>7} {'other-lang in top 3':>20} {'s to first result':>17}")
        totals = [0, 0, 0, 0]
        for lang in LANGUAGES:
            context = browser.new_context()
            page = context.new_page()
            page.goto(server.url + language_root(lang))
            # The worker builds its lunr index in the browser, for all six languages, before the first query.
            started = time.perf_counter()
            page.locator("input.md-search__input").click()
            page.locator("input.md-search__input").fill("binance")
            page.locator("input.md-search__input").press("End")
            page.wait_for_function("() => document.querySelector('.md-search-result__list a')", timeout=180_000)
            ready = time.perf_counter() - started
            top1 = top3 = foreign = 0
            for item in queries[lang]:
                box = page.locator("input.md-search__input")
                box.click()
                box.fill(item["q"])
                box.press("End")
                found = []
                for url in page.evaluate(RESULTS)[:3]:
                    target, elsewhere = classify(site_path(url.split("#")[0], server.url), lang)
                    found.append(target)
                    foreign += elsewhere
                top1 += found[:1] == [item["expect"]]
                top3 += item["expect"] in found
                page.keyboard.press("Escape")
            count = len(queries[lang])
            totals = [totals[0] + count, totals[1] + top1, totals[2] + top3, totals[3] + foreign]
            print(f"{lang:<5} {count:>7} {top1 / count:>7.0%} {top3 / count:>7.0%} {foreign:>20} {ready:>17.1f}")
            context.close()
        print(f"all   {totals[0]:>7} {totals[1] / totals[0]:>7.0%} {totals[2] / totals[0]:>7.0%} {totals[3]:>20}")
        browser.close()
    server.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
