"""Page weight: the bytes a first visit downloads, per page type and language, against a budget.

    python benchmarks/page_weight.py               # builds the real site in a temporary folder
    python benchmarks/page_weight.py --site site   # measures an existing build
    python benchmarks/page_weight.py --json out.json

Each page type (home, cause index, cause, FAQ, checklists, the troubleshooter's
start, a question step and an outcome, about, the support-request builder, a
page opened with its search results (?q=document) and the 404 page) is loaded in
every language in headless Chromium, with an empty cache, from the built site
served on localhost. Every response is recorded until the network has been quiet
for half a second, which is everything the page loads before any interaction.

A static host sends text compressed, so each text response (HTML, CSS,
JavaScript, JSON, SVG, XML) is counted as `gzip -9` of its body; binary responses
(images, fonts) count as they are. HTTP headers are not counted. Hosts that serve
brotli send a little less than these figures.

Exits non-zero if any page is over the budget (150 KB, issue 7).
"""
from __future__ import annotations

import argparse
import gzip
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from helpers import (CHROMIUM, CHROMIUM_ARGS, DEFAULT_LANGUAGE, LANGUAGES, StaticServer,  # noqa: E402
                     BuildFailed, page_types, site_to_measure)

BUDGET_KB = 150
KB = 1024
SEARCH_QUERY = "document"
TEXT_TYPES = ("text/", "application/javascript", "application/x-javascript", "application/json",
              "application/xml", "application/manifest+json", "image/svg+xml")


@dataclass
class Resource:
    url: str
    content_type: str
    raw: int
    gzip: int


@dataclass
class PageLoad:
    kind: str
    language: str
    url: str
    resources: list[Resource] = field(default_factory=list)

    @property
    def gzip(self) -> int:
        return sum(r.gzip for r in self.resources)

    @property
    def raw(self) -> int:
        return sum(r.raw for r in self.resources)


def is_text(content_type: str) -> bool:
    return content_type.split(";")[0].strip().lower().startswith(TEXT_TYPES)


def measure(body: bytes, content_type: str) -> int:
    """Bytes on the wire for one response body: gzip -9 if it is text, as is otherwise."""
    return len(gzip.compress(body, compresslevel=9, mtime=0)) if is_text(content_type) else len(body)


def page_paths(data_dir: Path) -> dict[str, str]:
    """Every page type, as a path below a language root (404 is handled apart)."""
    from kb.loader import load_knowledge_base
    paths = page_types(load_knowledge_base(data_dir))
    paths["support-request"] = "support-request/"
    paths["search"] = f"?q={SEARCH_QUERY}"
    paths["404"] = "404.html"
    return paths


def load(browser, base: str, kind: str, language: str, path: str) -> PageLoad:
    """Load one page with an empty cache and record every response it receives."""
    if kind == "404":
        url = base + path  # one 404.html serves every language
    else:
        url = base + ("" if language == DEFAULT_LANGUAGE else f"{language}/") + path
    context = browser.new_context()
    page = context.new_page()
    responses = []
    page.on("response", lambda response: responses.append(response))
    try:
        response = page.goto(url, wait_until="networkidle")
        if response is None or not response.ok:
            raise RuntimeError(f"{url}: HTTP {response and response.status}")
        if kind == "search":
            page.locator(f'[data-search-results][data-search-query="{SEARCH_QUERY}"]').wait_for(state="visible")
            page.wait_for_load_state("networkidle")
        result = PageLoad(kind, language, url)
        for item in responses:
            if item.status >= 300 or item.url.startswith("data:"):
                continue
            body = item.body()
            content_type = item.headers.get("content-type", "")
            result.resources.append(Resource(item.url[len(base) - 1:], content_type, len(body),
                                             measure(body, content_type)))
        return result
    finally:
        context.close()


def run(site: Path, data_dir: Path, languages=LANGUAGES) -> list[PageLoad]:
    from playwright.sync_api import sync_playwright
    paths = page_paths(data_dir)
    server = StaticServer(site)
    loads = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                for kind, path in paths.items():
                    for language in ((DEFAULT_LANGUAGE,) if kind == "404" else languages):
                        loads.append(load(browser, server.url, kind, language, path))
            finally:
                browser.close()
    finally:
        server.close()
    return loads


def report(loads: list[PageLoad], languages=LANGUAGES) -> str:
    """A table of KB per page type (rows) and language (columns), gzip figures."""
    kinds = list(dict.fromkeys(load.kind for load in loads))
    by_key = {(load.kind, load.language): load for load in loads}
    width = max(len(kind) for kind in kinds) + 2
    lines = [f"Page weight, first visit, KB transferred (gzip -9 of text; budget {BUDGET_KB} KB)", "",
             "page type".ljust(width) + "".join(language.rjust(8) for language in languages)
             + "requests".rjust(10) + "uncompr.".rjust(10)]
    for kind in kinds:
        row = kind.ljust(width)
        present = [by_key[kind, language] for language in languages if (kind, language) in by_key]
        for language in languages:
            load = by_key.get((kind, language))
            row += (f"{load.gzip / KB:8.1f}" if load else "-".rjust(8))
        row += f"{max(len(load.resources) for load in present):10d}"
        row += f"{max(load.raw for load in present) / KB:10.0f}"
        lines.append(row)
    heaviest = max(loads, key=lambda load: load.gzip)
    lines += ["", f"Heaviest: {heaviest.kind} ({heaviest.language}) {heaviest.gzip / KB:.1f} KB gzip, "
              f"{heaviest.raw / KB:.0f} KB uncompressed, {len(heaviest.resources)} requests:"]
    for resource in sorted(heaviest.resources, key=lambda r: -r.gzip):
        lines.append(f"  {resource.gzip / KB:7.1f} KB  {resource.url}")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", help="a built site to measure (default: build the real one in a temp folder)")
    parser.add_argument("--data", default=str(ROOT / "site-data"), help="the site-data the site was built from")
    parser.add_argument("--budget", type=float, default=BUDGET_KB, help=f"KB per page (default {BUDGET_KB})")
    parser.add_argument("--json", help="also write every page's figures and resources to this file")
    args = parser.parse_args(argv)

    try:
        with site_to_measure(args.site, prefix="kb-page-weight-") as site:
            loads = run(site, Path(args.data))
    except BuildFailed as error:
        print(error, file=sys.stderr)
        return 2

    print(report(loads))
    if args.json:
        Path(args.json).write_text(json.dumps([
            {"kind": load.kind, "language": load.language, "url": load.url, "gzip": load.gzip, "raw": load.raw,
             "resources": [vars(resource) for resource in load.resources]} for load in loads],
            indent=1), encoding="utf-8")
    over = [load for load in loads if load.gzip > args.budget * KB]
    for load in over:
        print(f"OVER BUDGET: {load.kind} ({load.language}) {load.gzip / KB:.1f} KB > {args.budget:g} KB",
              file=sys.stderr)
    print(f"\n{len(loads) - len(over)} of {len(loads)} pages within {args.budget:g} KB")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
