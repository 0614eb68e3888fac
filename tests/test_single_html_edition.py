"""The single HTML file of each language: every page as a section, opened from disk on a phone.

The files are the ones the offline build wrote beside its zip (make test-builds).
"""
from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter

import lxml.html
import pytest

from helpers import DEFAULT_LANGUAGE, LANGUAGES, ROOT, edition_path, offline_pages

PHONE = {"width": 360, "height": 740}


def _file(built_offline_site, language):
    path = edition_path(built_offline_site, "html", language)
    assert path.is_file(), f"the offline build wrote no {path.name}"
    print(f"{path} {path.stat().st_size} bytes")
    return path


def _text(elements) -> list[str]:
    return [" ".join(element.text_content().split()) for element in elements]


@pytest.mark.parametrize("language", LANGUAGES)
def test_one_section_per_page_no_script_and_every_anchor_has_a_target(built_offline_site, language):
    path = _file(built_offline_site, language)
    document = lxml.html.parse(str(path)).getroot()
    assert document.get("lang") == language
    pages = offline_pages(built_offline_site, language)
    sections = document.xpath("//section[contains(@class, 'kb-edition-section')]")
    assert len(sections) == len(pages)
    # The page titles of the offline copy, in the sections (the tree: one step a section).
    titles = Counter(_text(section.xpath(".//h1")[:1])[0] for section in sections)
    expected = Counter(_text(lxml.html.parse(str(file)).getroot().xpath(
        "//article//*[@data-step and not(@hidden)]//h1 | //article[not(.//*[@data-step])]//h1"))[0].rstrip("¶").strip()
        for file in pages.values())
    assert titles == expected

    # Nothing outside the file: no script, no stylesheet or image to fetch, no link into a folder.
    assert document.xpath("//script") == []
    assert document.xpath("//link[@rel='stylesheet']") == []
    assert [src for src in document.xpath("//@src") if not src.startswith("data:")] == []
    local = [href for href in document.xpath("//a/@href") if not href.startswith(("#", "https:", "mailto:"))]
    assert local == []

    ids = Counter(document.xpath("//@id"))
    assert [name for name, count in ids.items() if count > 1] == []
    dead = [href for href in document.xpath("//a/@href") if href.startswith("#") and href[1:] not in ids]
    assert dead == []
    for attribute in ("for", "aria-labelledby", "aria-describedby", "aria-controls"):
        named = [name for value in document.xpath(f"//@{attribute}") for name in value.split()]
        assert [name for name in named if name not in ids] == [], attribute

    # The edition stamp, when the offline copy's pages carry one, is in every section.
    stamped = sum(1 for file in pages.values() if lxml.html.parse(str(file)).getroot().find_class("kb-edition"))
    assert sum(1 for section in sections if section.find_class("kb-edition")) == stamped


@pytest.mark.parametrize("language", LANGUAGES)
def test_opens_from_disk_on_a_phone_and_its_anchors_work(browser, built_offline_site, real_kb, language):
    path = _file(built_offline_site, language)
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    requests, errors = [], []
    page.on("request", lambda request: requests.append(request.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(path.as_uri())

    def overflow():
        return page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")

    assert overflow() == [PHONE["width"], PHONE["width"]]

    def follow(selector):
        """Tap a link and check that its section is now on screen."""
        link = page.locator(selector).first
        target = link.get_attribute("href")
        assert target.startswith("#")
        link.click()
        page.wait_for_function("hash => location.hash === hash", arg=target)
        top = page.evaluate("id => document.getElementById(id).getBoundingClientRect().top", target[1:])
        # Scrolled to its top, give or take the rounding of a fractional pixel.
        assert -1 <= top < PHONE["height"] / 2, (target, top)
        return target[1:]

    # The navigation to the troubleshooter, then its first answers down to a cause, then the fix.
    section = follow(".kb-edition-nav a[href$='troubleshoot-index']")
    tree, question = real_kb.tree, real_kb.tree.start
    while True:
        answer = tree.questions[question]["answers"][0]
        section = follow(f"section[id='{section}'] a.kb-answer")
        if "next" not in answer:
            break
        question = answer["next"]
    # The outcome's first cause, at its fix; then the FAQ, and from it a cause's page.
    fix = follow(f"section[id='{section}'] a.md-button[href*='causes-']")
    assert fix.split("--")[0].removeprefix("causes-") in answer["causes"]
    follow(".kb-edition-nav a[href='#faq']")
    follow("section[id='faq'] a[href^='#causes-']")
    assert overflow() == [PHONE["width"], PHONE["width"]]

    assert [url for url in requests if not url.startswith(("file:", "data:"))] == []
    assert [url for url in requests if url.startswith("file:")] == [path.as_uri()]
    assert errors == []
    context.close()


def test_kb_editions_makes_the_same_files_as_the_build(built_offline_site, tmp_path):
    """`kb editions SITE_DIR` remakes the editions of a copy already built; the single files are identical."""
    result = subprocess.run([sys.executable, "-m", "kb", "--data", str(ROOT / "site-data"), "editions",
                             str(built_offline_site), "--out", str(tmp_path), "--form", "html"],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    for language in LANGUAGES:
        built = edition_path(built_offline_site, "html", language)
        again = tmp_path / built.name
        assert f"wrote {again}" in result.stdout
        assert again.read_bytes() == built.read_bytes()
    assert not list(tmp_path.glob("*.zim"))


def test_prints_to_a_pdf_whose_links_stay_inside(browser, built_offline_site, tmp_path):
    """The printable edition (make offline-pdf) of the default language: a page per section at least,
    its #anchors as links inside the PDF, and no link to a file."""
    from kb.editions.pdf import print_pdfs
    source = edition_path(built_offline_site, "html", DEFAULT_LANGUAGE)
    copy = tmp_path / source.name
    copy.write_bytes(source.read_bytes())
    [pdf] = print_pdfs([copy], browser)
    data = pdf.read_bytes()
    print(f"{pdf} {len(data)} bytes")
    assert data.startswith(b"%PDF-")
    document = lxml.html.parse(str(source)).getroot()
    sections = document.xpath("//section[contains(@class, 'kb-edition-section')]")
    assert len(re.findall(rb"/Type\s*/Page\b", data)) >= len(sections)
    ids = set(document.xpath("//@id"))
    destinations = {re.sub(r"#([0-9A-Fa-f]{2})", lambda m: chr(int(m.group(1), 16)), name.decode("latin-1"))
                    for name in re.findall(rb"/Dest\s*/([^\s/>\]]+)", data)}
    assert destinations and destinations <= ids, sorted(destinations - ids)[:5]
    assert [uri for uri in re.findall(rb"/URI\s*\(([^)]*)\)", data) if not uri.startswith(b"https:")] == []
