"""Links in the built HTML, both builds: external ones only to official places, internal ones never broken."""
from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import lxml.html
import pytest
import yaml
from bs4 import BeautifulSoup

from helpers import LANGUAGES, OFFLINE_TEST_SITE_URL, ROOT
from kb.links import LinkPolicy

ALLOWED = yaml.safe_load((ROOT / "site-data/allowed-domains.yml").read_text(encoding="utf-8"))
POLICY = LinkPolicy(ALLOWED["domains"], ALLOWED["paths"])
# Canonical and hreflang links name the site itself: the default site_url in the served
# build, and in the offline copy the address it is built with (its edition stamp links there).
SITE_HOSTS = {"served": "kyc-help.example.org", "offline": urlsplit(OFFLINE_TEST_SITE_URL).hostname}


def pages(site: Path):
    return sorted(site.rglob("*.html"))


def parse(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


@dataclass(frozen=True)
class Page:
    anchors: tuple[tuple[str, str | None, frozenset[str]], ...]  # href, target, rel of every a[href]
    loads: tuple[tuple[str, str, str | None], ...]  # element, URL, rel of everything the page loads
    ids: frozenset[str]


LOADS = {"script": "src", "img": "src", "iframe": "src", "link": "href"}
UTF8 = lxml.html.HTMLParser(encoding="utf-8")


@functools.lru_cache(maxsize=None)
def scan(site: Path) -> dict[Path, Page]:
    """What the tests below read from every page of a build, from one parse per page.

    Plain lxml, shared by both tests of a build: BeautifulSoup took minutes over the
    ~450 pages (40 MB of HTML) of each build.
    """
    found = {}
    for path in pages(site.resolve()):
        root = lxml.html.document_fromstring(path.read_bytes(), parser=UTF8)
        anchors, loads = [], []
        for node in root.iter("a", *LOADS):
            if node.tag == "a":
                if node.get("href") is not None:
                    anchors.append((node.get("href"), node.get("target"), frozenset((node.get("rel") or "").split())))
            elif node.get(LOADS[node.tag]) is not None:
                loads.append((node.tag, node.get(LOADS[node.tag]), node.get("rel")))
        found[path] = Page(tuple(anchors), tuple(loads), frozenset(root.xpath("//@id")))
    return found


def resolve(page: Path, href: str, site: Path, folders: set[Path]) -> tuple[Path, str] | None:
    """The file a link leads to, or None for a link that no page but 404.html may use.

    Paths are normalised as text (a build holds no symbolic links), against the
    build's folders listed once: resolving on disk link by link took most of a minute.
    """
    parts = urlsplit(href)
    if parts.path.startswith("/"):
        # Only the 404 page links from the server root: a server shows it at any
        # depth. Anywhere else such a link breaks under a base path and from disk.
        if page.relative_to(site) != Path("404.html"):
            return None
        target = Path(os.path.normpath(site / unquote(parts.path).lstrip("/")))
    else:
        target = Path(os.path.normpath(page.parent / unquote(parts.path))) if parts.path else page
    if target in folders:
        target = target / "index.html"
    return target, parts.fragment


def listing(site: Path) -> tuple[set[Path], set[Path]]:
    """Every file and every folder of a build (site itself is already resolved)."""
    files, folders = set(), {site}
    for top, dirs, names in os.walk(site):
        folders.update(Path(top, name) for name in dirs)
        files.update(Path(top, name) for name in names)
    return files, folders


@pytest.mark.parametrize("build", ["served", "offline"])
def test_external_links_are_official_https_and_safe(request, build):
    site = request.getfixturevalue("built_site" if build == "served" else "built_offline_site")
    checked = 0
    for page, found in scan(site).items():
        for href, target, rel in found.anchors:
            scheme = urlsplit(href).scheme
            if scheme in ("http", "https") or href.startswith("//"):
                if urlsplit(href).hostname == SITE_HOSTS[build] and build == "offline":
                    continue  # the edition stamp's link to the current guide
                assert POLICY.problem_with(href) is None, (page, href, POLICY.problem_with(href))
                if target == "_blank":
                    assert {"noopener", "noreferrer"} <= rel, (page, href)
                checked += 1
            else:
                assert scheme in ("", "mailto"), (page, href)
        # Nothing the page loads may come from another host.
        for element, address, rel in found.loads:
            url = urlsplit(address)
            if url.scheme in ("http", "https") or address.startswith("//"):
                assert url.hostname == SITE_HOSTS[build] and rel in ("canonical", "alternate"), (page, element, address, rel)
    assert checked > 0


@pytest.mark.parametrize("build", ["served", "offline"])
def test_no_broken_internal_links(request, build):
    site = request.getfixturevalue("built_site" if build == "served" else "built_offline_site")
    site = site.resolve()
    found = scan(site)
    files, folders = listing(site)
    broken = []
    for page in found:
        for href, _, _ in found[page].anchors:
            if urlsplit(href).scheme or href.startswith("//"):
                continue
            resolved = resolve(page, href, site, folders)
            if resolved is None:
                broken.append((page.relative_to(site), href))
                continue
            target, fragment = resolved
            if target not in files:
                broken.append((page.relative_to(site), href))
                continue
            if fragment and target.suffix == ".html" and fragment not in found[target].ids:
                broken.append((page.relative_to(site), href))
    assert broken == []


def test_only_the_served_site_has_a_404_page(built_site, built_offline_site):
    """Nothing serves the offline copy's 404 page, and its links from the server root would not work from disk."""
    assert (built_site / "404.html").is_file()
    assert not (built_offline_site / "404.html").exists()
    languages = {a["hreflang"] for a in parse(built_site / "404.html").select("ul.kb-languages a[hreflang]")}
    assert languages == set(LANGUAGES)
