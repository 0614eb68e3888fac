"""The pages of one language of the built offline copy, read back for the one-file editions.

The ZIM file and the single HTML file are made from the offline copy as built, not
from site-data/: every word, link and translation is then exactly what the copy
shows. Each page keeps its article (the content Material renders) without what
only a script could use: <script> elements, elements marked `hidden` (a script
would have shown them: the troubleshooter keeps every step but one hidden on each
page), the <noscript> wrappers, whose content is what a reader without scripts
should see, and the permalink sign after each heading, there to copy a page's web
address, which a file does not have. The site's own stylesheets already show the no-script form of every
interactive part when the page has no `kb-js` class, so nothing else is changed.
"""
from __future__ import annotations

import copy
import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import lxml.html
from lxml import etree

# The page only a web server shows (it is left out of the offline copy too).
SERVER_ONLY_PAGES = ("404.html",)
# The edition stamp another part of the build may put on every page, inside or
# outside the article; it is carried into every page of both editions.
EDITION_STAMP_XPATH = "//*[contains(concat(' ', normalize-space(@class), ' '), ' kb-edition ')]"
# MkDocs writes every page in UTF-8; saying so spares the parser its guess from <meta>.
PARSER = lxml.html.HTMLParser(encoding="utf-8")
# Attributes that hold ids of other elements, rewritten with the ids in the single file.
ID_REFERENCE_ATTRIBUTES = ("for", "aria-labelledby", "aria-describedby", "aria-controls", "headers")


@dataclass
class Page:
    """One page of one language: `path` below the language's root folder ("causes/x.html")."""

    path: str
    title: str
    article: etree._Element
    stamp: etree._Element | None = None


@dataclass
class LanguageEdition:
    """What both editions need of one language of the offline copy."""

    language: str
    root: Path
    site_name: str
    description: str
    # Page paths of the primary navigation, in its order, with their labels.
    navigation: list[tuple[str, str]]
    pages: dict[str, Page] = field(default_factory=dict)
    # Site-relative paths of the stylesheets every page links, in order.
    stylesheets: list[str] = field(default_factory=list)
    favicon: str | None = None
    # The attributes of Material's <body> (text direction, colour scheme), which its stylesheets read.
    body_attributes: dict[str, str] = field(default_factory=dict)

    def ordered_paths(self) -> list[str]:
        """Every page once, in reading order: each navigation item, then the pages it leads to.

        From each navigation page the links are followed breadth first, without going
        through another navigation page, so the causes follow the list of causes and
        the troubleshooter's steps follow its start, level by level.
        """
        order: list[str] = []
        seen: set[str] = set()
        stops = {path for path, _ in self.navigation}
        for start, _ in self.navigation:
            queue = [start]
            while queue:
                path = queue.pop(0)
                if path in seen or path not in self.pages:
                    continue
                seen.add(path)
                order.append(path)
                for target in self.links_of(path):
                    if target not in seen and target not in stops:
                        queue.append(target)
        order.extend(sorted(set(self.pages) - seen))
        return order

    def links_of(self, path: str) -> list[str]:
        """The pages of this language an article links to, in document order."""
        targets = []
        for anchor in self.pages[path].article.iter("a"):
            target = self.resolve(path, anchor.get("href"))
            if target is not None and target[0] != path:
                targets.append(target[0])
        return targets

    def resolve(self, path: str, href: str | None) -> tuple[str, str] | None:
        """(page path, fragment) of a link from page `path` to a page of this language, else None.

        A query string is dropped: the editions have one copy of each page, and the pages
        that read one (the support-request builder) need a script to do so.
        """
        if href is None:
            return None
        parts = urlsplit(href)
        if parts.scheme or parts.netloc:
            return None
        if not parts.path:
            return (path, unquote(parts.fragment))
        target = posixpath.normpath(posixpath.join(posixpath.dirname(path), unquote(parts.path)))
        if target in self.pages:
            return (target, unquote(parts.fragment))
        return None


def language_root(site_dir: Path, language: str, default_language: str) -> Path:
    return Path(site_dir) if language == default_language else Path(site_dir) / language


def read_language(site_dir: Path, language: str, languages: tuple[str, ...], default_language: str) -> LanguageEdition:
    """Read every page of one language of the built offline copy at site_dir."""
    root = language_root(site_dir, language, default_language)
    home = lxml.html.parse(str(root / "index.html"), PARSER).getroot()
    edition = LanguageEdition(
        language=language, root=root,
        site_name=_text(home.find(".//head/title")),
        description=(home.xpath("//head/meta[@name='description']/@content") or [""])[0],
        navigation=_navigation(home),
        stylesheets=[_site_path("index.html", href) for href in home.xpath("//head/link[@rel='stylesheet']/@href")],
        favicon=next((_site_path("index.html", href) for href in home.xpath("//head/link[@rel='icon']/@href")), None),
        body_attributes={name: value for name, value in home.find("body").attrib.items() if name != "class"},
    )
    other_languages = {code for code in languages if code != language}
    for file in sorted(root.rglob("*.html")):
        path = file.relative_to(root).as_posix()
        top = path.split("/", 1)[0]
        if path in SERVER_ONLY_PAGES or top == "assets" or (language == default_language and top in other_languages):
            continue
        edition.pages[path] = _read_page(file, path)
    return edition


def _read_page(file: Path, path: str) -> Page:
    document = lxml.html.parse(str(file), PARSER).getroot()
    article = document.find(".//article")
    if article is None:
        raise ValueError(f"{file}: no <article> in this page")
    article = copy.deepcopy(article)
    dropped = article.xpath(".//script | .//*[@hidden] | .//a[contains(concat(' ', @class, ' '), ' headerlink ')]")
    for element in dropped:
        if element.getparent() is not None:
            element.drop_tree()
    for wrapper in list(article.iter("noscript")):
        wrapper.drop_tag()
    for element in article.xpath(".//*[@src]"):
        if urlsplit(element.get("src")).scheme != "data":
            raise ValueError(f"{file}: the editions cannot carry the file {element.get('src')} yet "
                             "(kb/editions holds pages, not their images)")
    stamp = next(iter(document.xpath(EDITION_STAMP_XPATH)), None)
    inside = stamp is not None and any(ancestor is document.find(".//article") for ancestor in stamp.iterancestors())
    heading = article.find(".//h1")
    return Page(path=path, title=_text(heading) if heading is not None else _text(document.find(".//head/title")),
                article=article, stamp=None if stamp is None or inside else copy.deepcopy(stamp))


def _navigation(home) -> list[tuple[str, str]]:
    """The top level of Material's primary navigation: (page path, label) in order."""
    items = []
    for link in home.xpath("//nav[contains(@class, 'md-nav--primary')]/ul/li/a[@href]"):
        path = _site_path("index.html", link.get("href"))
        if path not in (p for p, _ in items):
            items.append((path, _text(link)))
    return items


def _site_path(page: str, href: str) -> str:
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(urlsplit(href).path)))


def _text(element) -> str:
    """The visible text of an element, without the heading permalink sign Material appends."""
    if element is None:
        return ""
    element = copy.deepcopy(element)
    for permalink in element.xpath(".//a[contains(@class, 'headerlink')]"):
        permalink.drop_tree()
    return " ".join(element.text_content().split())
