"""The one-file editions made from a small offline copy written here, page by page.

The real copy is tested in test_zim_edition.py and test_single_html_edition.py; this one
holds what the real one may not have yet: an edition stamp outside the article, a link to
another language, a <noscript>, a query string, an image-free page with a script.
"""
from __future__ import annotations

import datetime
from pathlib import Path
from types import SimpleNamespace

import lxml.html
import material
import pytest
from libzim.reader import Archive

from kb.editions import write_editions

FAVICON = Path(material.__file__).parent / "templates" / "assets" / "images" / "favicon.png"
SITE = SimpleNamespace(codes=("en", "fr"), default_language="en")
WORDS = {code: {"zim.title": f"Title {code}", "zim.description": f"Description {code}",
                "zim.creator": f"Creator {code}"} for code in SITE.codes}
STAMP = '<p class="kb-edition">Edition of {language}, <a href="{up}about.html">about it</a></p>'


def _page(language: str, path: str, article: str, title: str) -> str:
    up = "../" * path.count("/")
    # The assets are at the site's root, one folder above the other languages' pages.
    assets = up + ("" if language == SITE.default_language else "../") + "assets"
    return f"""<!DOCTYPE html><html lang="{language}"><head><title>{title} - Site {language}</title>
<meta name="description" content="A longer description of the site in {language}">
<link rel="icon" href="{assets}/favicon.png"><link rel="stylesheet" href="{assets}/site.css">
<script src="{assets}/app.js"></script></head>
<body dir="ltr" data-md-color-scheme="default"><header>{STAMP.format(language=language, up=up)}</header>
<nav class="md-nav md-nav--primary"><ul><li><a href="{up}index.html">Home</a></li>
<li><a href="{up}troubleshoot/index.html">Tree</a></li><li><a href="{up}about.html">About</a></li></ul></nav>
<article class="md-content__inner md-typeset">{article}</article></body></html>"""


def _write_copy(site_dir: Path) -> None:
    for language in SITE.codes:
        root = site_dir if language == SITE.default_language else site_dir / language
        pages = {
            "index.html": ('<h1 id="home">Home<a class="headerlink" href="#home">¶</a></h1>'
                           '<p><a href="troubleshoot/index.html">Start</a> <a href="causes/a.html#fix">Fix A</a></p>'
                           '<p>Other language: <a href="fr/index.html" hreflang="fr">Français</a></p>'
                           '<script>document.write("x")</script><noscript><p class="nojs">Plain form</p></noscript>'),
            "causes/a.html": ('<h1 id="a">Cause A</h1><h2 id="fix">Fix</h2>'
                              '<p><a href="#fix">here</a> <a href="../support.html?cause=a">Support</a>'
                              ' <a href="https://www.binance.com/">Binance</a></p>'),
            "support.html": '<h1 id="support">Support</h1><p id="a">A paragraph with the id a.</p>',
            "troubleshoot/index.html": ('<div data-module="decision-tree">'
                                        '<section data-step="start"><h1 id="step-start">Start?</h1>'
                                        '<a class="kb-answer" href="index/yes.html">Yes</a></section>'
                                        '<section data-step="index/yes" hidden><h1 id="step-yes">Yes</h1></section></div>'),
            "troubleshoot/index/yes.html": ('<div data-module="decision-tree">'
                                            '<section data-step="start" hidden><h1 id="step-start">Start?</h1></section>'
                                            '<section data-step="index/yes"><h1 id="step-yes">Outcome</h1>'
                                            '<a href="../../causes/a.html">Cause A</a></section></div>'),
            "about.html": '<h1 id="about">About</h1><aside class="kb-safety"><p>Stay safe</p></aside>',
        }
        for path, article in pages.items():
            file = root / path
            file.parent.mkdir(parents=True, exist_ok=True)
            file.write_text(_page(language, path, article, path), encoding="utf-8")
    (site_dir / "assets").mkdir()
    (site_dir / "assets" / "favicon.png").write_bytes(FAVICON.read_bytes())
    (site_dir / "assets" / "site.css").write_text("body { color: black }\n/*# sourceMappingURL=site.css.map */",
                                                  encoding="utf-8")


@pytest.fixture
def editions(tmp_path):
    _write_copy(tmp_path / "copy")
    written = write_editions(tmp_path / "copy", tmp_path, "small", SITE, WORDS, datetime.date(2026, 11, 22))
    return {(edition.language, edition.form): edition.path for edition in written}


def test_zim_pages_keep_the_stamp_and_lose_what_needs_a_script(editions):
    archive = Archive(editions[("fr", "zim")])
    assert archive.get_metadata("Language") == b"fra" and archive.get_metadata("Date") == b"2026-11-22"
    assert archive.get_metadata("LongDescription") == b"A longer description of the site in fr"
    for path in ("index.html", "causes/a.html", "support.html", "troubleshoot/index.html",
                 "troubleshoot/index/yes.html", "about.html"):
        document = lxml.html.fromstring(bytes(archive.get_entry_by_path(path).get_item().content))
        stamps = document.find_class("kb-edition")
        assert [" ".join(s.text_content().split()) for s in stamps] == ["Edition of fr, about it"], path
        # The stamp's link, written for the page's folder, still reaches the about page.
        assert stamps[0].find("a").get("href") == "../" * path.count("/") + "about.html"
        assert document.xpath("//script | //noscript | //*[@hidden] | //a[@class='headerlink']") == []
        assert document.xpath("//link[@rel='stylesheet']/@href") == ["../" * path.count("/") + "assets/edition.css"]
    home = lxml.html.fromstring(bytes(archive.main_entry.get_item().content))
    assert home.find_class("nojs")[0].text == "Plain form"
    # The link to the same page in another language is its text: the ZIM holds one language.
    assert "Français" in home.text_content() and not home.xpath("//a[@hreflang]")
    cause = lxml.html.fromstring(bytes(archive.get_entry_by_path("causes/a.html").get_item().content))
    assert cause.xpath("//article//a/@href") == ["../about.html", "#fix", "../support.html", "https://www.binance.com/"]
    tree = lxml.html.fromstring(bytes(archive.get_entry_by_path("troubleshoot/index/yes.html").get_item().content))
    assert tree.xpath("//*[@data-step]/@data-step") == ["index/yes"]
    css = bytes(archive.get_entry_by_path("assets/edition.css").get_item().content).decode()
    assert "color: black" in css and "sourceMappingURL" not in css


def test_single_file_sections_anchors_and_stamps(editions):
    document = lxml.html.parse(str(editions[("en", "html")])).getroot()
    sections = document.xpath("//section[contains(@class, 'kb-edition-section')]")
    # Reading order: each navigation page, then what it leads to; the rest after.
    assert [s.get("id") for s in sections] == ["index", "causes-a", "support", "troubleshoot-index",
                                               "troubleshoot-index-yes", "about"]
    assert all(len(s.find_class("kb-edition")) == 1 for s in sections)
    assert [a.get("href") for a in document.xpath("//section[@id='causes-a']//a")] == \
        ["#about", "#causes-a--fix", "#support", "https://www.binance.com/"]
    assert document.xpath("//section[@id='index']//a/@href")[1:] == ["#troubleshoot-index", "#causes-a--fix"]
    ids = document.xpath("//@id")
    assert len(ids) == len(set(ids)) and "support--a" in ids and "causes-a" in ids
    assert document.xpath("//script | //link") == [] and "color: black" in document.find(".//style").text
    assert document.find(".//nav[@class='kb-edition-nav']").xpath(".//a/@href") == \
        ["#index", "#troubleshoot-index", "#about"]


def test_a_favicon_of_another_size_is_refused_with_its_size(tmp_path):
    _write_copy(tmp_path / "copy")
    png = bytearray(FAVICON.read_bytes())
    png[16:24] = (32).to_bytes(4, "big") * 2
    (tmp_path / "copy" / "assets" / "favicon.png").write_bytes(bytes(png))
    with pytest.raises(ValueError, match="32×32.*48×48"):
        write_editions(tmp_path / "copy", tmp_path, "small", SITE, WORDS, datetime.date(2026, 11, 22), forms=("zim",))
