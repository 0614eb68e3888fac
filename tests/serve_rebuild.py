"""Rebuild a project the way `mkdocs serve` does, in one process, without the server.

    python tests/serve_rebuild.py PROJECT --edit FILE OLD NEW [--edit ...] [--out DIR] [--profile OUT]

mkdocs serve builds once, then, after each save, loads the config again and calls the same
build() in the same process: hook modules (and what they keep) live across rebuilds. This does
exactly that (mkdocs/commands/serve.py: the `builder` function), minus the HTTP server, so a
test can compare the folder a rebuild leaves with a fresh `mkdocs build`, and a profile can
see a rebuild alone. Each --edit replaces OLD by NEW in FILE (relative to PROJECT) before one
more rebuild; --out copies the served folder after the last one. Prints one line per build:
`build N: SECONDS s, CPU SECONDS s`. Run it in its own process: MkDocs imports the hook once per process.
"""
from __future__ import annotations

import argparse
import cProfile
import logging
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.livereload import _serve_url


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("--edit", nargs=3, action="append", default=[], metavar=("FILE", "OLD", "NEW"))
    parser.add_argument("--out", type=Path)
    parser.add_argument("--profile", type=Path, help="cProfile the rebuilds (not the first build) into this file")
    args = parser.parse_args()

    # As the mkdocs command does: INFO and above of MkDocs and the hooks, on stderr.
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)s - %(message)s"))
    logging.getLogger("mkdocs").addHandler(handler)
    logging.getLogger("mkdocs").setLevel(logging.INFO)
    os.chdir(args.project)
    site_dir = tempfile.mkdtemp(prefix="kb_serve_rebuild_")
    serve_url = None

    def get_config():
        config = load_config(config_file="mkdocs.yml", site_dir=site_dir)
        if serve_url is not None:
            config.site_url = serve_url
        return config

    config = get_config()
    config.plugins.on_startup(command="serve", dirty=False)
    host, port = config.dev_addr
    serve_url = _serve_url(host, port, "/")
    config.site_url = serve_url
    profile = cProfile.Profile() if args.profile else None
    try:
        for number, edit in enumerate([None, *args.edit]):
            if edit is not None:
                path = Path(edit[0])
                text = path.read_text(encoding="utf-8")
                if edit[1] not in text:
                    sys.exit(f"{edit[0]} does not hold {edit[1]!r}")
                path.write_text(text.replace(edit[1], edit[2], 1), encoding="utf-8")
                config = get_config()
            start, cpu = time.monotonic(), time.process_time()
            if profile is not None and number:
                profile.enable()
            build(config, serve_url=serve_url)
            if profile is not None:
                profile.disable()
            print(f"build {number}: {time.monotonic() - start:.2f} s, CPU {time.process_time() - cpu:.2f} s", flush=True)
        if profile is not None:
            profile.dump_stats(args.profile)
        if args.out:
            shutil.copytree(site_dir, args.out)
    finally:
        config.plugins.on_shutdown()
        shutil.rmtree(site_dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
