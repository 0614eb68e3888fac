"""Build the real site into a temporary folder and check its structure with an HTML parser."""
from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest
from bs4 import BeautifulSoup

from helpers import DEFAULT_LANGUAGE, LANGUAGES, ROOT, language_root

SECTION_PAGES = ["", "causes/", "faq/", "checklists/", "about/"]


def page_dir(site: Path, language: str, kb) -> Path:
    """The folder of one language in a built site; kb names the default language (site.yml)."""
    return language_root(site, language, kb.site.default_language)


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def all_pages(site: Path):
    return sorted(site.rglob("*.html"))


def test_exactly_one_home_per_language(built_site):
    homes = {p.parent.relative_to(built_site).as_posix() for p in built_site.glob("*/index.html")
             if (p.parent / "causes").is_dir()}
    assert homes == set(LANGUAGES) - {DEFAULT_LANGUAGE}
    assert (built_site / "index.html").exists()


@pytest.mark.parametrize("language", LANGUAGES)
def test_exact_set_of_cause_pages_per_language(built_site, real_kb, language):
    causes_dir = page_dir(built_site, language, real_kb) / "causes"
    built = {p.parent.name for p in causes_dir.glob("*/index.html")}
    assert built == set(real_kb.causes)
    assert (causes_dir / "index.html").exists()


@pytest.mark.parametrize("language", LANGUAGES)
def test_lang_attribute_switcher_and_hreflang(built_site, real_kb, language):
    some_cause = sorted(real_kb.causes)[0]
    for relative in SECTION_PAGES + [f"causes/{some_cause}/"]:
        path = page_dir(built_site, language, real_kb) / relative / "index.html"
        html = soup(path)
        assert html.html["lang"] == language, path
        alternates = {link["hreflang"]: link["href"] for link in html.select('link[rel="alternate"][hreflang]')}
        assert set(alternates) == set(real_kb.languages), path
        switcher = {a["hreflang"]: a["href"] for a in html.select(".md-select a[hreflang]")}
        assert set(switcher) == set(real_kb.languages), path
        for target_language, href in switcher.items():
            # The switcher lands on the same page in the other language.
            target = (path.parent / href / "index.html").resolve()
            expected = (page_dir(built_site, target_language, real_kb) / relative / "index.html").resolve()
            assert target == expected, (path, target_language, href)
            assert alternates[target_language] == href


def test_sitemap_lists_every_language_of_every_cause(built_site, real_kb):
    sitemap = BeautifulSoup((built_site / "sitemap.xml").read_text(encoding="utf-8"), "xml")
    locations = {loc.text for loc in sitemap.find_all("loc")}
    for cause in real_kb.causes:
        others = [language for language in real_kb.languages if language != real_kb.site.default_language]
        assert any(loc.endswith(f"/causes/{cause}/") and not any(f"/{o}/" in loc for o in others)
                   for loc in locations)
        for language in others:
            assert any(loc.endswith(f"/{language}/causes/{cause}/") for loc in locations)


def test_404_is_in_the_default_language(built_site, real_kb):
    html = soup(built_site / "404.html")
    assert html.html["lang"] == real_kb.site.default_language
    assert {a["hreflang"] for a in html.select(".kb-languages a")} == set(real_kb.languages)


@pytest.mark.parametrize("language", LANGUAGES)
def test_faq_entries_are_addressable_by_id(built_site, real_kb, language):
    html = soup(page_dir(built_site, language, real_kb) / "faq" / "index.html")
    for faq_id in real_kb.faqs:
        assert html.select_one(f'h3[id="{faq_id}"]') is not None, faq_id


def test_cause_list_is_not_in_the_sidebar(built_site, real_kb):
    html = soup(built_site / "index.html")
    nav_links = [a.get("href", "") for a in html.select("nav.md-nav--primary a")]
    assert not any(f"causes/{cause}" in href for href in nav_links for cause in real_kb.causes)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    nav_block = config.split("\nnav:\n", 1)[1].split("\n\n", 1)[0]
    nav_entries = [line for line in nav_block.splitlines() if line.startswith("  - ")]
    assert len(html.select("nav.md-nav--primary > ul > li")) == len(nav_entries) <= 8


def test_every_page_shows_the_safety_notice_in_its_language(built_site, real_kb):
    # Plain lxml: BeautifulSoup took over a minute for the ~450 pages.
    parser = lxml.html.HTMLParser(encoding="utf-8")
    for path in all_pages(built_site):
        html = lxml.html.document_fromstring(path.read_bytes(), parser=parser)
        language = html.get("lang")
        notice = html.find(".//*[@data-kb-safety]")
        assert notice is not None, path
        assert real_kb.ui[language]["safety.never_share"] in notice.text_content(), path


def test_about_page_says_the_site_is_independent(built_site, real_kb):
    for language in real_kb.languages:
        assert (page_dir(built_site, language, real_kb) / "about" / "index.html").exists()


@pytest.mark.parametrize("language", LANGUAGES)
def test_colour_scheme_toggles_speak_the_page_language(built_site, real_kb, language):
    """mkdocs.yml names the toggles once, in English; each language gets its own words."""
    ui = real_kb.ui[language]
    html = soup(page_dir(built_site, language, real_kb) / "faq" / "index.html")
    labels = {node["aria-label"] for node in html.select("form[data-md-component=palette] [aria-label]")}
    assert labels == {ui["theme.dark_mode"], ui["theme.light_mode"]}
