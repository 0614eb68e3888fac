"""A reproducible zip of a built site, for the offline copy people carry around."""
from __future__ import annotations

import datetime
import zipfile
from pathlib import Path

# zip's oldest representable date, for callers that have no date of their own.
FIXED_TIMESTAMP = (1980, 1, 1, 0, 0, 0)


def entry_time(day: str) -> tuple[int, int, int, int, int, int]:
    """A zip entry time for a date (YYYY-MM-DD), at midnight: the same for every build of it."""
    date = datetime.date.fromisoformat(day)
    return (date.year, date.month, date.day, 0, 0, 0)


def zip_folder(folder: Path, archive: Path, top: str | None = None,
               date_time: tuple = FIXED_TIMESTAMP, beside: dict[str, bytes] | None = None) -> Path:
    """Write archive with every file under folder, in sorted order, inside one top folder
    (named `top`, by default the folder's own name), and the files of `beside` (name → bytes)
    at the top level next to that folder.

    Every entry gets the same date_time, so two builds of the same sources give
    byte-identical archives; callers pass the date of the content, so that unzipped
    files show when their content dates from.
    """
    folder = Path(folder)
    top = top or folder.name
    archive = Path(archive)
    partial = archive.with_suffix(archive.suffix + ".partial")
    entries = [(name, data) for name, data in sorted((beside or {}).items())]
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as bundle:
        for name, data in entries:
            bundle.writestr(_info(name, date_time), data)
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            bundle.writestr(_info(f"{top}/{path.relative_to(folder).as_posix()}", date_time), path.read_bytes())
    # Replace in one step so a reader never sees a half-written archive.
    partial.replace(archive)
    return archive


def _info(name: str, date_time: tuple) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=date_time)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info
