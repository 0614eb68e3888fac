"""Links in the built HTML, both builds: external ones only to official places, internal ones never broken."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup

from helpers import LANGUAGES, ROOT
from kb.links import LinkPolicy

ALLOWED = yaml.safe_load((ROOT / "site-data/allowed-domains.yml").read_text(encoding="utf-8"))
POLICY = LinkPolicy(ALLOWED["domains"], ALLOWED["paths"])
SITE_HOST = "kyc-help.example.org"  # the default site_url: canonical and hreflang links name the site itself


def pages(site: Path):
    return sorted(site.rglob("*.html"))


def parse(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def resolve(page: Path, href: str, site: Path) -> tuple[Path, str] | None:
    """The file a link leads to, or None for a link that no page but 404.html may use."""
    parts = urlsplit(href)
    if parts.path.startswith("/"):
        # Only the 404 page links from the server root: a server shows it at any
        # depth. Anywhere else such a link breaks under a base path and from disk.
        if page.relative_to(site) != Path("404.html"):
            return None
        target = (site / unquote(parts.path).lstrip("/")).resolve()
    else:
        target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
    if target.is_dir():
        target = target / "index.html"
    return target, parts.fragment


@pytest.mark.parametrize("build", ["served", "offline"])
def test_external_links_are_official_https_and_safe(request, build):
    site = request.getfixturevalue("built_site" if build == "served" else "built_offline_site")
    checked = 0
    for page in pages(site):
        html = parse(page)
        for link in html.select("a[href]"):
            href = link["href"]
            scheme = urlsplit(href).scheme
            if scheme in ("http", "https") or href.startswith("//"):
                assert POLICY.problem_with(href) is None, (page, href, POLICY.problem_with(href))
                if link.get("target") == "_blank":
                    assert {"noopener", "noreferrer"} <= set(link.get("rel", [])), (page, href)
                checked += 1
            else:
                assert scheme in ("", "mailto"), (page, href)
        # Nothing the page loads may come from another host.
        for element, attribute in (("script", "src"), ("img", "src"), ("iframe", "src"), ("link", "href")):
            for node in html.find_all(element, attrs={attribute: True}):
                url = urlsplit(node[attribute])
                if url.scheme in ("http", "https") or node[attribute].startswith("//"):
                    assert url.hostname == SITE_HOST and node.get("rel") in (["canonical"], ["alternate"]), (page, node)
    assert checked > 0


@pytest.mark.parametrize("build", ["served", "offline"])
def test_no_broken_internal_links(request, build):
    site = request.getfixturevalue("built_site" if build == "served" else "built_offline_site")
    ids: dict[Path, set[str]] = {}
    broken = []
    for page in pages(site):
        html = parse(page)
        for link in html.select("a[href]"):
            href = link["href"]
            if urlsplit(href).scheme or href.startswith("//"):
                continue
            resolved = resolve(page, href, site)
            if resolved is None:
                broken.append((page.relative_to(site), href))
                continue
            target, fragment = resolved
            if not target.exists():
                broken.append((page.relative_to(site), href))
                continue
            if fragment and target.suffix == ".html":
                if target not in ids:
                    ids[target] = {node["id"] for node in parse(target).find_all(id=True)}
                if fragment not in ids[target]:
                    broken.append((page.relative_to(site), href))
    assert broken == []


def test_only_the_served_site_has_a_404_page(built_site, built_offline_site):
    """Nothing serves the offline copy's 404 page, and its links from the server root would not work from disk."""
    assert (built_site / "404.html").is_file()
    assert not (built_offline_site / "404.html").exists()
    languages = {a["hreflang"] for a in parse(built_site / "404.html").select("ul.kb-languages a[hreflang]")}
    assert languages == set(LANGUAGES)
