"""SHA256SUMS for the offline artefacts, so a reader can check a copy against the published list.

The format is that of `sha256sum` (hash, two spaces, file name), so `sha256sum -c SHA256SUMS`
checks it on Linux, and `shasum -a 256 -c SHA256SUMS` on macOS.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

NAME = "SHA256SUMS"
# The offline editions a build can leave next to the site folder `<stem>/`: the zip of
# this build, and the one-file editions made from the same folder (a ZIM for Kiwix, one
# HTML file and, printed later, one PDF per language), named after `edition` (kb/editions).
EDITION_PATTERNS = ("{stem}.zip", "{edition}*.zim", "{edition}*.html", "{edition}*.pdf")


@dataclass(frozen=True)
class Artefact:
    path: Path
    size: int
    sha256: str

    def summary(self) -> str:
        return f"{self.path} ({self.size:,} bytes, {self.size / 1_000_000:.1f} MB) sha256 {self.sha256}"


def offline_artefacts(directory: Path, stem: str, edition: str | None = None) -> list[Path]:
    """The offline editions present in directory: the zip of the site folder `stem`, and the
    one-file editions named `edition`-… (by default named after the folder too)."""
    directory = Path(directory)
    found = {path for pattern in EDITION_PATTERNS
             for path in directory.glob(pattern.format(stem=stem, edition=edition or stem))}
    return sorted(path for path in found if path.is_file())


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_checksums(directory: Path, files) -> list[Artefact]:
    """Write directory/SHA256SUMS for files (paths in directory), sorted by name; return what it lists."""
    directory = Path(directory)
    artefacts = []
    for path in sorted(Path(f) for f in files):
        if path.parent.resolve() != directory.resolve():
            raise ValueError(f"{path} is not in {directory}: SHA256SUMS lists files next to it by name")
        artefacts.append(Artefact(path, path.stat().st_size, sha256_of(path)))
    text = "".join(f"{a.sha256}  {a.path.name}\n" for a in artefacts)
    (directory / NAME).write_text(text, encoding="utf-8", newline="\n")
    return artefacts


def read_checksums(directory: Path) -> dict[str, str]:
    """SHA256SUMS of directory as file name → hash."""
    lines = (Path(directory) / NAME).read_text(encoding="utf-8").splitlines()
    return {name: digest for digest, name in (line.split("  ", 1) for line in lines if line)}


def main(argv: list[str] | None = None) -> int:
    """`python -m kb.checksums [FOLDER] [STEM] [EDITION]`: rewrite SHA256SUMS after another edition
    was written next to the zip (the build writes it once, after the zip and the editions)."""
    import sys
    args = sys.argv[1:] if argv is None else argv
    directory = Path(args[0]) if args else Path(".")
    stem = args[1] if len(args) > 1 else "site-offline"
    edition = args[2] if len(args) > 2 else "kyc-help"
    for artefact in write_checksums(directory, offline_artefacts(directory, stem, edition)):
        print(f"wrote {artefact.summary()}")
    print(f"wrote {directory / NAME}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
