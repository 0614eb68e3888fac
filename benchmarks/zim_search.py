"""How well Kiwix's own search finds the right cause in the ZIM editions (BENCHMARKS.md).

The same readers' queries as the site's search benchmark (search_queries.yml and
search_blind.yml), run through libzim's full-text searcher on each language's ZIM
file: top-1 and top-3 hit rates per language. It measures, it does not fail: the
ZIM's search is Xapian's, which the project does not tune.

  python benchmarks/zim_search.py --editions .test-builds
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml
from libzim.reader import Archive
from libzim.search import Query, Searcher

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from helpers import LANGUAGES, edition_path, offline_path  # noqa: E402

QUERY_SETS = ("search_queries.yml", "search_blind.yml")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--editions", default=str(ROOT / ".test-builds"),
                        help="the folder holding site-offline/ and the editions beside it")
    args = parser.parse_args()
    site = Path(args.editions) / "site-offline"
    print("set | language | queries | top-1 | top-3")
    for name in QUERY_SETS:
        queries = yaml.safe_load((ROOT / "benchmarks" / name).read_text(encoding="utf-8"))
        for language in LANGUAGES:
            searcher = Searcher(Archive(edition_path(site, "zim", language)))
            cases = queries.get(language) or []
            first = third = 0
            for case in cases:
                results = list(searcher.search(Query().set_query(case["q"])).getResults(0, 3))
                expected = offline_path(f"causes/{case['expect']}/")
                first += results[:1] == [expected]
                third += expected in results
            if cases:
                print(f"{name} | {language} | {len(cases)} | {first / len(cases):.0%} | {third / len(cases):.0%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
