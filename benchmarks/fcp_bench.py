"""First contentful paint of a cause page on a phone over Slow 3G, uncompressed and gzipped.

    python benchmarks/fcp_bench.py                     # builds the real site in a temporary folder
    python benchmarks/fcp_bench.py --site .test-builds/site
    python benchmarks/fcp_bench.py --runs 5 --cpu 4    # more runs, a 4x slower processor

The page is loaded in headless Chromium with a phone's screen (390 x 844 CSS px at
DPR 2, touch) and an empty cache, over Chromium's own network emulation (DevTools
protocol, Network.emulateNetworkConditions): 400 kbit/s each way and 400 ms of
latency per request, the figures of DevTools' "Slow 3G" preset before its 5x
latency factor, as the outside review of the reader's experience measured.

The built site is served from localhost twice: as a plain static server sends it,
and as a host that sends the build's precompressed copies (page.html.gz, written
by the build; Content-Encoding: gzip). The figure is the median of several runs
of the browser's own first-contentful-paint entry, from the start of navigation.

Exits non-zero if the gzipped median is over the goal (2 s, BENCHMARKS.md), or if
the build has no gzip copies to send.
"""
from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from helpers import (CHROMIUM, CHROMIUM_ARGS, DEFAULT_LANGUAGE, StaticServer,  # noqa: E402
                     BuildFailed, page_types, site_to_measure)

GOAL_SECONDS = 2.0
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True,
         "has_touch": True}
SLOW_3G = {"offline": False, "latency": 400, "downloadThroughput": 400_000 / 8,
           "uploadThroughput": 400_000 / 8}


def first_paint(browser, url: str, latency: float, cpu: float) -> tuple[float, int, int]:
    """One cold load: (first contentful paint in seconds, responses, of which gzip-encoded)."""
    context = browser.new_context(**PHONE)
    try:
        page = context.new_page()
        session = context.new_cdp_session(page)
        session.send("Network.enable")
        session.send("Network.setCacheDisabled", {"cacheDisabled": True})
        session.send("Network.emulateNetworkConditions", dict(SLOW_3G, latency=latency))
        if cpu > 1:
            session.send("Emulation.setCPUThrottlingRate", {"rate": cpu})
        encodings = []
        page.on("response", lambda response: encodings.append(response.headers.get("content-encoding", "")))
        page.goto(url, wait_until="commit", timeout=120_000)
        page.wait_for_function("performance.getEntriesByName('first-contentful-paint').length > 0",
                               timeout=120_000, polling=50)
        start = page.evaluate("performance.getEntriesByName('first-contentful-paint')[0].startTime")
        return start / 1000, len(encodings), sum(1 for encoding in encodings if encoding == "gzip")
    finally:
        context.close()


def measure(site: Path, path: str, runs: int, latency: float, cpu: float) -> dict[str, list[tuple]]:
    """Every run of both ways of serving, alternating so that a busy moment hits both alike."""
    from playwright.sync_api import sync_playwright
    plain, gzipped = StaticServer(site), StaticServer(site, precompressed=True)
    results: dict[str, list[tuple]] = {"uncompressed": [], "gzip": []}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                for _ in range(runs):
                    results["uncompressed"].append(first_paint(browser, plain.url + path, latency, cpu))
                    results["gzip"].append(first_paint(browser, gzipped.url + path, latency, cpu))
            finally:
                browser.close()
    finally:
        plain.close()
        gzipped.close()
    return results


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", help="a built site to measure (default: build the real one in a temp folder)")
    parser.add_argument("--data", default=str(ROOT / "site-data"), help="the site-data the site was built from")
    parser.add_argument("--page", help="the page, as a path from the site root (default: the first cause)")
    parser.add_argument("--runs", type=int, default=3, help="loads per way of serving (default 3; the median counts)")
    parser.add_argument("--latency", type=float, default=SLOW_3G["latency"],
                        help=f"ms added to every request (default {SLOW_3G['latency']:g})")
    parser.add_argument("--cpu", type=float, default=1, help="processor slowdown factor (default 1: none)")
    parser.add_argument("--goal", type=float, default=GOAL_SECONDS,
                        help=f"seconds the gzipped median may take (default {GOAL_SECONDS:g})")
    args = parser.parse_args(argv)

    from kb.loader import load_knowledge_base
    path = args.page or page_types(load_knowledge_base(Path(args.data)))["cause"]
    try:
        with site_to_measure(args.site, prefix="kb-fcp-") as site:
            results = measure(site, path, args.runs, args.latency, args.cpu)
    except BuildFailed as error:
        print(error, file=sys.stderr)
        return 2

    print(f"First contentful paint, /{path} ({DEFAULT_LANGUAGE}), phone 390x844, "
          f"{SLOW_3G['downloadThroughput'] * 8 / 1000:g} kbit/s, {args.latency:g} ms latency"
          + (f", CPU {args.cpu:g}x slower" if args.cpu > 1 else "") + f", {args.runs} cold loads each")
    medians = {}
    for mode, loads in results.items():
        seconds = [load[0] for load in loads]
        medians[mode] = statistics.median(seconds)
        print(f"  {mode:<13} median {medians[mode]:.2f} s   (runs: {', '.join(f'{s:.2f}' for s in seconds)}; "
              f"{loads[0][2]} of the {loads[0][1]} responses before the paint gzip-encoded)")
    print(f"  gzip saves {medians['uncompressed'] - medians['gzip']:.2f} s "
          f"({medians['uncompressed'] / medians['gzip']:.1f}x faster)")

    if not any(load[2] for load in results["gzip"]):
        print("NO GZIP: the build has no .gz copies to send (mkdocs.yml, extra.kb_precompress)", file=sys.stderr)
        return 1
    if medians["gzip"] > args.goal:
        print(f"OVER GOAL: gzipped first contentful paint {medians['gzip']:.2f} s > {args.goal:g} s",
              file=sys.stderr)
        return 1
    print(f"\ngzipped median within the {args.goal:g} s goal")
    return 0


if __name__ == "__main__":
    sys.exit(main())
