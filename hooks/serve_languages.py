"""The preview server builds again only the languages an edit can change; the others replay their last build.

mkdocs-static-i18n builds the site once per language, one after the other: the default language
as MkDocs' own build, then each other language from its on_post_build. Under `mkdocs serve` every
save rebuilt all six, although a saved French title changes the French pages only. So every
language build is recorded here: each file it writes, in order. When a later
rebuild comes to that language and nothing its pages are made from has changed, the recorded writes
are made again instead of the build: byte for byte the files that build would write, at the point
of the rebuild where it would write them (the last language's sitemap.xml is the one left, as in a
full build). "Nothing has changed" is two hashes: the data as kb/language_inputs.py hashes it for
that language, and the listing (paths, times, sizes) of everything outside the data that a build
reads: mkdocs.yml, the hand-written pages, the theme overrides, the hooks and the kb package.

The default language's build is MkDocs' build itself, which also runs i18n's loop over the other
languages, so it cannot be skipped: when its language is unchanged, its pages are neither converted
nor rendered (MkDocs' _populate_page, _build_page and _build_theme_template are skipped for that
build) and its recorded files are written at the end of its pages, before the other languages.

A language build that warned is not recorded, so that --strict sees the warning again. Only for
the MkDocs and i18n versions this was read against; with any other, every language is built as before.
"""
from __future__ import annotations

import os
import shutil
from importlib import metadata
from pathlib import Path

from mkdocs import utils
from mkdocs.commands import build as mkdocs_build

from kb.render_cache import digest
from serve_cache import warning_count

CHECKED_VERSIONS = {"mkdocs-static-i18n": "1.3.1", "mkdocs": "1.6.1"}
# What MkDocs' build does for each page and theme template: skipped in a default-language build that is replayed.
_PAGE_STEPS = ("_populate_page", "_build_page", "_build_theme_template")


def listing_fingerprint(*roots: Path) -> str:
    """One hash of the paths, modification times and sizes of every file under roots (a file
    under two of them, such as the kb package inside hooks/, is counted once)."""
    paths: dict[Path, None] = {}
    for root in map(Path, roots):
        found = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
        paths.update((path.resolve(), None) for path in found if "__pycache__" not in path.parts)
    entries = []
    for path in paths:
        stat = path.stat()
        entries.append(f"{path}\t{stat.st_mtime_ns}\t{stat.st_size}")
    return digest(*entries)


class LanguageReplays:
    """The recorded build of each language, and whether the rebuild now running replays it (see the module)."""

    def __init__(self, keep_caches, default_outputs: dict) -> None:
        """keep_caches(language): tell the page caches that a replayed language still uses its entries.
        default_outputs: what the hooks keep of the default language's build, by site folder (its
        404 page, which the other languages' builds overwrite): recorded with it, and given back."""
        self._keep_caches = keep_caches
        self._default_outputs = default_outputs
        self._default: tuple | None = None
        self.installed = False
        # language -> (its key, its writes, what else its build left: the default language's
        # 404 page, another language's page list in i18n)
        self._records: dict[str, tuple[str, list, object]] = {}
        self._keys: dict[str, str] = {}
        self._recording: tuple[str, list] | None = None
        self._copied: set[tuple[str, str]] = set()
        self.built: list[str] = []
        self.replayed: list[str] = []

    def install(self) -> bool:
        """Route i18n's language builds and MkDocs' file writes through this; False (every language
        built as before) for other versions, or if another instance has them already."""
        if any(metadata.version(name) != version for name, version in CHECKED_VERSIONS.items()):
            return False
        from mkdocs_static_i18n import plugin

        owner = getattr(plugin, "_kb_replays", None)
        if owner is not None:
            self.installed = owner is self
            return self.installed
        build_language = plugin.build

        def build(config, dirty: bool = False):
            self._build(config, lambda: build_language(config, dirty=dirty))

        plugin.build = build
        plugin._kb_replays = self
        self.installed = True
        write_file, copy_file = utils.write_file, utils.copy_file

        def recording_write(content: bytes, output_path: str) -> None:
            if self._recording is not None:
                root, writes = self._recording
                writes.append((os.path.relpath(output_path, root), "write", content))
            write_file(content, output_path)

        def recording_copy(source_path: str, output_path: str) -> None:
            if self._recording is not None:
                root, writes = self._recording
                writes.append((os.path.relpath(output_path, root), "copy", source_path))
            self._copied.add((source_path, os.path.abspath(output_path)))
            copy_file(source_path, output_path)

        utils.write_file, utils.copy_file = recording_write, recording_copy
        return True

    def start_build(self, keys: dict[str, str]) -> None:
        """The hash of each language's inputs for the rebuild that starts (see the module)."""
        self._keys = dict(keys)
        self._copied = set()
        self.built, self.replayed = [], []
        self._default: tuple | None = None

    def replaying(self, language: str) -> bool:
        """Whether the build of language now running is a replay (its pages need no Markdown)."""
        return self._default is not None and self._default[0] == language and self._default[1] is not None

    def begin_default(self, config) -> None:
        """The default language's build starts: replay it if it is unchanged, else record it."""
        if not self.installed:
            return
        language = config.plugins["i18n"].current_language
        record = self._replayable(language)
        if record is not None:
            saved = {name: getattr(mkdocs_build, name) for name in _PAGE_STEPS}
            for name in _PAGE_STEPS:
                setattr(mkdocs_build, name, _skipped)
            self._default = (language, record, saved)
        else:
            self._default = (language, None, warning_count())
            self._recording = (config.site_dir, [])

    def end_default(self, config) -> None:
        """The default language's pages are written and the other languages not begun: called by the
        first of them, or after the build when there is none."""
        if self._default is None:
            return
        language, record, state = self._default
        self._default = None
        if record is not None:
            for name, step in state.items():
                setattr(mkdocs_build, name, step)
            self._replay(Path(config.site_dir), record[1])
            if record[2] is not None:
                self._default_outputs[config.site_dir] = record[2]
            self._keep_caches(language)
            self.replayed.append(language)
            return
        _, writes = self._recording
        self._recording = None
        self._keep(language, writes, warnings_before=state, extra=self._default_outputs.get(config.site_dir))
        self.built.append(language)

    def abort(self) -> None:
        """A build failed part-way: put MkDocs' own steps back and record nothing."""
        if self._default is not None and self._default[1] is not None:
            for name, step in self._default[2].items():
                setattr(mkdocs_build, name, step)
        self._default = None
        self._recording = None

    def _replayable(self, language: str):
        key = self._keys.get(language)
        record = self._records.get(language)
        return record if key is not None and record is not None and record[0] == key else None

    def _keep(self, language: str, writes: list, warnings_before: int, extra=None) -> None:
        key = self._keys.get(language)
        if key is not None and warning_count() == warnings_before:
            self._records[language] = (key, writes, extra)
        else:
            self._records.pop(language, None)

    def _build(self, config, build) -> None:
        self.end_default(config)
        i18n = config.plugins["i18n"]
        language = i18n.current_language
        record = self._replayable(language)
        if record is not None:
            self._replay(Path(config.site_dir), record[1])
            # i18n lists each language's pages as its build left them (their addresses, dates and
            # alternates), and the sitemap of a later language lists them all: as they were.
            i18n.i18n_files_per_language[language] = record[2]
            self._keep_caches(language)
            self.replayed.append(language)
            return
        writes: list = []
        self._recording = (config.site_dir, writes)
        warnings = warning_count()
        try:
            build()
        finally:
            self._recording = None
        self._keep(language, writes, warnings, extra=i18n.i18n_files_per_language.get(language))
        self.built.append(language)

    def _replay(self, site_dir: Path, writes: list) -> None:
        # Each folder made once: MkDocs' write_file makes the folders of every file it writes, a
        # quarter of a replay's time.
        for folder in {os.path.dirname(relative) for relative, _, _ in writes}:
            os.makedirs(site_dir / folder, exist_ok=True)
        for relative, how, payload in writes:
            target = str(site_dir / relative)
            if how == "write":
                with open(target, "wb") as output:
                    output.write(payload)
            elif (payload, os.path.abspath(target)) not in self._copied:
                # A theme file an earlier language of this rebuild has already copied to the same place is
                # the same bytes: the sources outside the data cannot change during a rebuild.
                self._copied.add((payload, os.path.abspath(target)))
                shutil.copyfile(payload, target)


def _skipped(*args, **kwargs) -> None:
    """In place of a page or theme-template step of a replayed build: its files are written from the record."""
