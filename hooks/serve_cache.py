"""MkDocs side of the preview server's caches: what `mkdocs serve` may reuse from the last rebuild.

The engine-free parts (hashes, the cache, relinking, tree-page forms, the search index and
template caches) live in kb/; this file knows MkDocs' Page and link processor. `mkdocs build`
never uses any of it (site_hooks.py turns it on under serve only).
"""
from __future__ import annotations

import contextlib
import copy
import logging

from mkdocs.structure.pages import _RelativePathTreeprocessor
from mkdocs.structure.toc import AnchorLink, TableOfContents
from mkdocs.utils import CountHandler, meta

from kb.render_cache import RenderCache, digest, listing_digest, relink
from kb.tree_pages import shared_form, show_step_html

_pages_log = logging.getLogger("mkdocs.structure.pages")


def warning_count() -> int:
    counters = [h for h in logging.getLogger("mkdocs").handlers if isinstance(h, CountHandler)]
    return sum(count for counter in counters for _, count in counter.get_counts())


@contextlib.contextmanager
def _links_recorded():
    """(link as written, link as converted) of every <a>/<img> MkDocs rewrites meanwhile, in order."""
    calls: list[tuple[str, str]] = []
    original = _RelativePathTreeprocessor.path_to_url

    def path_to_url(self, url):
        converted = original(self, url)
        calls.append((url, converted))
        return converted

    _RelativePathTreeprocessor.path_to_url = path_to_url
    try:
        yield calls
    finally:
        _RelativePathTreeprocessor.path_to_url = original


class PageConversions:
    """Markdown→HTML results of one serve session, reused while what they were made from is the same.

    Two levels. A page whose Markdown, address, file listing and mkdocs.yml are unchanged gets
    its last result. A troubleshooter page (54 per language, each 140 KB holding every step) is
    otherwise its language's shared text with one panel shown (kb/tree_pages.py): the shared text
    is converted once, as the first such page, and each other page gets that HTML with its own
    panel shown and its links converted by MkDocs for that page. A cause title is on every tree
    page, so without this one save converted 54 large pages per language.
    """

    def __init__(self) -> None:
        self.cache = RenderCache()
        self.listings: dict[str, str] = {}
        self.settings: dict[str, str] = {}
        self.counts = {"converted": 0, "reused": 0, "derived": 0}

    def start_language(self, language: str, files, config) -> None:
        """What every page's key of one language build shares: the file listing and mkdocs.yml
        (read once here, not once per page)."""
        self.listings[language] = listing_digest((file.src_uri, file.url) for file in files)
        with open(config.config_file_path, "rb") as config_file:
            self.settings[language] = config_file.read().decode("utf-8", "replace")

    def end_build(self) -> dict[str, int]:
        """Pages converted, reused and derived from a shared conversion since the last call."""
        self.cache.end_build()
        counts, self.counts = self.counts, dict.fromkeys(self.counts, 0)
        return counts

    def wrap(self, page, config, language: str) -> None:
        """Make page.render reuse earlier conversions (see the class)."""
        convert = page.render
        listing, settings = self.listings.get(language, ""), self.settings.get(language, "")

        def render(config, files):
            key = digest(language, page.file.src_uri, page.url, page.markdown, listing, settings)
            kept = self.cache.get(key)
            if kept is not None:
                _restore(page, files, kept)
                self.counts["reused"] += 1
                return
            shared = shared_form(page.markdown)
            warnings = warning_count()
            if shared is None or not self._from_shared(page, convert, config, files, language, listing, settings,
                                                         *shared):
                convert(config, files)
                self.counts["converted"] += 1
            # A page that warned is converted again next time, so that --strict sees the warning again.
            if warning_count() == warnings:
                self.cache.put(key, _result(page), group=language)

        page.render = render

    def _from_shared(self, page, convert, config, files, language, listing, settings, text, current) -> bool:
        """Give the page the HTML of its shared tree text; False if it has to be converted in full."""
        key = digest("shared", language, text, listing, settings)
        kept = self.cache.get(key)
        derived = kept is not None
        if not derived:
            own = page.markdown
            page.markdown = text
            warnings = warning_count()
            try:
                with _links_recorded() as calls:
                    convert(config, files)
            finally:
                page.markdown = own
            self.counts["converted"] += 1
            kept = (_result(page), calls)
            if warning_count() == warnings:
                self.cache.put(key, kept, group=language)
            links = [converted for _, converted in calls]
        else:
            _restore(page, files, kept[0])
            # The same links as MkDocs converts them for this page (and registers their anchors).
            processor = _RelativePathTreeprocessor(page.file, _RememberedFiles(files), config)
            warnings = warning_count()
            for_page = {written: processor.path_to_url(written) for written, _ in dict.fromkeys(kept[1])}
            if warning_count() != warnings:
                return False
            links = [for_page[written] for written, _ in kept[1]]
            if _pages_log.getEffectiveLevel() > logging.DEBUG:
                page.links_to_anchors = processor.links_to_anchors
        html = relink(page.content, [converted for _, converted in kept[1]], links)
        html = show_step_html(html, current) if html is not None else None
        if html is None:
            return False
        page.content = html
        self.counts["derived"] += derived
        return True


class FrontMatter:
    """Pages' front matter, parsed once per text: MkDocs reads it with PyYAML, and each troubleshooter
    page carries the titles of every step (5 % of a profiled rebuild). The 54 troubleshooter pages of a
    language share one front matter, and a cause title is in it: it is kept by its own text, not the
    page's, so that a saved title parses it once, not once per page."""

    def __init__(self) -> None:
        self.cache = RenderCache()

    def wrap(self, page, language: str) -> None:
        """page.read_source as MkDocs 1.6 has it (mkdocs/structure/pages.py), with get_data kept by text."""
        def read_source(config):
            source = config.plugins.on_page_read_source(page=page, config=config)
            if source is None:
                try:
                    source = page.file.content_string
                except (OSError, ValueError):
                    _pages_log.error(f"Cannot read file: {page.file.src_path}")
                    raise
            page.markdown, page.meta = self._get_data(source, language)

        page.read_source = read_source

    def _get_data(self, source: str, language: str) -> tuple[str, dict]:
        """meta.get_data(source), from what it gave for the same YAML front matter before."""
        found = meta.YAML_RE.match(source)
        head = found.group(0) if found else source
        key = digest(head)
        kept = self.cache.get(key)
        if kept is None:
            kept = meta.get_data(head)
            self.cache.put(key, (kept[0], copy.deepcopy(kept[1])), group=language)
        rest, data = kept
        if found is None:
            return rest, copy.deepcopy(data)
        # get_data takes the front matter off only when it reads as a mapping; then the rest of the
        # source follows it, without the blank lines before it.
        if rest == head:
            return source, {}
        return source[len(head):].lstrip("\n"), copy.deepcopy(data)


def _copy_toc(toc) -> TableOfContents:
    """A copy of a page's table of contents, which on_page_content changes (its titles' spaces).
    copy.deepcopy of the troubleshooter pages' large tables was a tenth of a profiled rebuild."""
    def copied(link: AnchorLink) -> AnchorLink:
        new = AnchorLink(link.title, link.id, link.level)
        new.children = [copied(child) for child in link.children]
        return new
    return TableOfContents([copied(link) for link in toc])


def _result(page) -> tuple:
    links = {target.src_uri: dict(found) for target, found in (page.links_to_anchors or {}).items()}
    return (page.content, _copy_toc(page.toc), page._title_from_render,
            frozenset(page.present_anchor_ids or ()), links)


_found: tuple = (None, {})


def _file(files, src_uri: str):
    """files.get_file_from_path, remembered for the files of the current build: i18n's version of
    it is slow, and each troubleshooter page links to every cause (5 % of a profiled rebuild)."""
    global _found
    if _found[0] is not files:
        _found = (files, {})
    if src_uri not in _found[1]:
        _found[1][src_uri] = files.get_file_from_path(src_uri)
    return _found[1][src_uri]


class _RememberedFiles:
    """The build's files, whose get_file_from_path answers from _file: the link processor asks it
    once per link of a page, and a troubleshooter page links to every step and every cause."""

    def __init__(self, files) -> None:
        self._files = files

    def get_file_from_path(self, src_uri: str):
        return _file(self._files, src_uri)

    def __getattr__(self, name: str):
        return getattr(self._files, name)


def _restore(page, files, kept) -> None:
    page.content, toc, page._title_from_render, anchors, links = kept
    page.toc = _copy_toc(toc)
    page.present_anchor_ids = set(anchors)
    page.links_to_anchors = {_file(files, src): dict(found) for src, found in links.items()}
