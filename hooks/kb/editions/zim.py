"""The ZIM edition: one file per language for Kiwix, written with libzim (openZIM's own binding).

One file per language, as Kiwix's library expects: its catalogue filters and lists
books by their one Language, and the reader's search runs over a single
full-text index built with one language's word rules (stemming, and word breaking
for Chinese, Japanese and Korean). A multilingual file would get one of these
wrong for five of the six languages.

Entries keep the offline copy's paths below the language's folder
("causes/kyc-doc-expired.html"); links between pages are relative, so they
resolve the same inside Kiwix. There are no scripts: Kiwix shows the no-script
form of each page, and the troubleshooter is its plain links, one page per step.
"""
from __future__ import annotations

import copy
import datetime
import posixpath
import struct
from dataclasses import dataclass
from pathlib import Path

import langcodes
from libzim.writer import Creator, Hint, Item, StringProvider
from lxml.html import builder as E

from .document import html_document, navigation, stylesheet
from .links import rewrite_links
from .pages import LanguageEdition

STYLESHEET_PATH = "assets/edition.css"
ILLUSTRATION_SIZE = 48
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@dataclass(frozen=True)
class ZimWords:
    """The metadata texts of one language (site-data/ui: zim.title, zim.description, zim.creator)."""

    title: str
    description: str
    creator: str


class _Entry(Item):
    def __init__(self, path: str, title: str, mimetype: str, content: bytes, front: bool):
        super().__init__()
        self.path, self.title, self.mimetype, self.content, self.front = path, title, mimetype, content, front

    def get_path(self) -> str:
        return self.path

    def get_title(self) -> str:
        return self.title

    def get_mimetype(self) -> str:
        return self.mimetype

    def get_contentprovider(self):
        return StringProvider(self.content)

    def get_hints(self):
        return {Hint.FRONT_ARTICLE: self.front}


def iso639_3(code: str) -> str:
    """The ISO 639-3 code Kiwix wants for a language code of site.yml ("zh" → "zho")."""
    return langcodes.Language.get(code).to_alpha3()


def zim_name(stem: str, language: str) -> str:
    """The ZIM Name, stable from one edition to the next: Kiwix groups a book's versions by it."""
    return f"{stem}_{language}_all"


def write_zim(edition: LanguageEdition, target: Path, words: ZimWords, date: datetime.date, name_stem: str,
              keywords: dict[str, list[str]] | None = None) -> Path:
    """Write one language's ZIM file to target (replaced in one step).

    keywords: words readers type, by page path, that the site's own search also
    gives each page (site-data's termbase and each cause's reader words), so that
    Kiwix's search finds a page by them too. They go in a <meta name="keywords">,
    which libzim's HTML indexer reads: measured with benchmarks/zim_search.py, that
    beat handing libzim the page's text and keywords itself (IndexData), which lost
    top-3 hits in French and Japanese.
    """
    target = Path(target)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    language = iso639_3(edition.language)
    with Creator(partial).config_verbose(False).config_indexing(True, language) as creator:
        creator.set_mainpath("index.html")
        creator.add_item(_Entry(STYLESHEET_PATH, "", "text/css", stylesheet(edition).encode("utf-8"), False))
        for path in edition.ordered_paths():
            html = _page_html(edition, path, (keywords or {}).get(path, ()))
            creator.add_item(_Entry(path, edition.pages[path].title, "text/html", html, True))
        creator.add_illustration(ILLUSTRATION_SIZE, _illustration(edition))
        # The project writes and publishes its own ZIM files: it is both Creator and Publisher.
        metadata = {"Name": zim_name(name_stem, edition.language), "Title": words.title,
                    "Description": words.description, "Language": language, "Creator": words.creator,
                    "Publisher": words.creator, "Date": date.isoformat(),
                    "Tags": "_category:other;_pictures:no;_videos:no"}
        # The site's own description, when it says more than the short one Kiwix lists.
        if len(edition.description) > len(words.description):
            metadata["LongDescription"] = edition.description
        for key, value in metadata.items():
            creator.add_metadata(key, value)
    partial.replace(target)
    return target


def _page_html(edition: LanguageEdition, path: str, keywords=()) -> bytes:
    page = edition.pages[path]
    article = copy.deepcopy(page.article)
    here = posixpath.dirname(path)

    def href_for(target: str, fragment: str = "") -> str:
        if target == path and fragment:
            return f"#{fragment}"
        relative = posixpath.relpath(target, here or ".")
        return f"{relative}#{fragment}" if fragment else relative

    if page.stamp is not None:
        article.insert(0, copy.deepcopy(page.stamp))
    rewrite_links(edition, path, article, href_for)
    css = E.LINK(rel="stylesheet", href=posixpath.relpath(STYLESHEET_PATH, here or "."))
    head = [css, E.META(name="keywords", content=", ".join(keywords))] if keywords else [css]
    return html_document(edition, page.title, head, [navigation(edition, href_for), article])


def _illustration(edition: LanguageEdition) -> bytes:
    """The site's favicon, which must be the 48×48 PNG Kiwix shows in its library."""
    if edition.favicon is None:
        raise ValueError("the offline copy's home page links no favicon, which the ZIM file needs as its illustration")
    data = (edition.root / edition.favicon).resolve().read_bytes()
    # A PNG's first chunk is IHDR, whose first eight bytes are the width and height.
    if data[:8] != PNG_SIGNATURE or data[12:16] != b"IHDR":
        raise ValueError(f"{edition.favicon}: the ZIM illustration must be a PNG file")
    width, height = struct.unpack(">II", data[16:24])
    if (width, height) != (ILLUSTRATION_SIZE, ILLUSTRATION_SIZE):
        raise ValueError(f"{edition.favicon} is {width}×{height}: the ZIM illustration must be "
                         f"{ILLUSTRATION_SIZE}×{ILLUSTRATION_SIZE} pixels")
    return data
