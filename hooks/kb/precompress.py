"""Precompressed copies of a built site's text files, for hosts that serve them.

A static host such as nginx (gzip_static) or Caddy (precompressed) sends
`page.html.gz` with `Content-Encoding: gzip` to a browser that accepts it,
without compressing on every request. Text shrinks to a quarter or less, which
on a slow phone connection is most of the first paint (BENCHMARKS.md, first
contentful paint).

The copies are reproducible: gzip's header holds no file name and a zero
timestamp, so two builds of the same sources stay byte-identical.
"""
from __future__ import annotations

import gzip
from pathlib import Path

# The strongest level: it is paid once per build, and saved on every download.
LEVEL = 9


def precompress(folder: Path, suffixes) -> int:
    """Write NAME.gz beside every file of folder whose suffix is in suffixes; return how many.

    A .gz already there (MkDocs writes sitemap.xml.gz) is replaced by the same
    bytes compressed the same way as everything else.
    """
    wanted = {suffix.lower() for suffix in suffixes}
    written = 0
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.suffix.lower() in wanted:
            compressed = gzip.compress(path.read_bytes(), compresslevel=LEVEL, mtime=0)
            path.with_name(path.name + ".gz").write_bytes(compressed)
            written += 1
    return written
