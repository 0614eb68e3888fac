"""Build into a staging folder and publish it in one step.

A build that fails half-way (bad data found late, a broken link in strict mode,
a crash) must leave the previous site exactly as it was, never a mix of old and
new pages. So the site is written to `<site>.staging/` and only swapped into
place once everything succeeded.
"""
from __future__ import annotations

import itertools
import os
import shutil
import threading
from pathlib import Path

STAGING_SUFFIX = ".staging"


def staging_dir_for(site_dir: str) -> str:
    return str(site_dir).rstrip("/\\") + STAGING_SUFFIX


def is_staging_dir(site_dir: str) -> bool:
    return str(site_dir).rstrip("/\\").endswith(STAGING_SUFFIX)


_retired = itertools.count()


def publish(staging: Path, site_dir: Path, remove_later: bool = False) -> None:
    """Replace site_dir by staging with two renames; the old site is removed afterwards.

    remove_later=True (the preview server, which lives on) removes it in the background:
    deleting ~800 files was a tenth of a profiled rebuild, and the new site is in place already.
    """
    staging, site_dir = Path(staging), Path(site_dir)
    retired = site_dir.with_name(f"{site_dir.name}.old-{os.getpid()}-{next(_retired)}")
    if site_dir.exists():
        site_dir.rename(retired)
    staging.rename(site_dir)
    if retired.exists():
        if remove_later:
            threading.Thread(target=shutil.rmtree, args=(retired,), kwargs={"ignore_errors": True},
                             daemon=True).start()
        else:
            shutil.rmtree(retired)
