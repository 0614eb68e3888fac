"""A reproducible zip of a built site, for the offline copy people carry around."""
from __future__ import annotations

import zipfile
from pathlib import Path

# Every entry gets the same timestamp, so two builds of the same sources give
# byte-identical archives (zip's oldest representable date).
FIXED_TIMESTAMP = (1980, 1, 1, 0, 0, 0)


def zip_folder(folder: Path, archive: Path, top: str | None = None) -> Path:
    """Write archive with every file under folder, in sorted order, inside one top folder
    (named `top`, by default the folder's own name)."""
    folder = Path(folder)
    top = top or folder.name
    archive = Path(archive)
    partial = archive.with_suffix(archive.suffix + ".partial")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as bundle:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            name = f"{top}/{path.relative_to(folder).as_posix()}"
            info = zipfile.ZipInfo(name, date_time=FIXED_TIMESTAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            bundle.writestr(info, path.read_bytes())
    # Replace in one step so a reader never sees a half-written archive.
    partial.replace(archive)
    return archive
