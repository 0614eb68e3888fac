"""Command line for editors: `python hooks/kb validate` checks site-data/ without building."""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from .loader import load_knowledge_base
from .problems import KnowledgeBaseError

ROOT = Path(__file__).resolve().parent.parent.parent


def validate(args) -> int:
    started = time.perf_counter()
    try:
        kb = load_knowledge_base(Path(args.data))
    except KnowledgeBaseError as error:
        print(error, file=sys.stderr)
        return 1
    elapsed = time.perf_counter() - started
    print(f"site-data is valid: {len(kb.causes)} causes, {len(kb.solutions)} solutions, "
          f"{len(kb.faqs)} FAQs, {len(kb.checklists)} checklists in {len(kb.languages)} languages "
          f"({elapsed:.2f} s).")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python hooks/kb", description=__doc__)
    parser.add_argument("--data", default=str(ROOT / "site-data"), help="the site-data folder (default: %(default)s)")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("validate", help="check every file in site-data/ and print every problem")
    args = parser.parse_args(argv)
    return {"validate": validate}[args.command](args)
