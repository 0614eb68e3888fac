"""The built site as readers meet it: every page's text keeps its language's typography.

The validator holds the YAML to these rules (kb/qa/typography.py, by the rule set each
language names in site.yml), but page titles and headings also reach the navigation,
the table of contents, the header, <title> and the previous/next links through the
theme, and the search index reads the built pages: each is a way for an ordinary space
or an English colon to come back. So these tests read every built page (and the search
index), whatever put the text there.
"""
from __future__ import annotations

import json
import re

import lxml.html
import pytest

from helpers import SITE
from html_text import html_pages, read_page
from kb.qa.typography import ISO_DATE, page_text_faults


# Its tests share a module fixture that reads many built pages: one worker runs them all
# (`make test` distributes by these groups, pytest-xdist's --dist loadgroup).
pytestmark = pytest.mark.xdist_group("test_built_typography")


@pytest.fixture(scope="module")
def built_pages(built_site):
    """(page, language, [(where, text)]) of every built HTML page."""
    return [(path.relative_to(built_site), *read_page(path)) for path in html_pages(built_site)]


def _report(faults: list[str]) -> str:
    return f"{len(faults)} faults, the first ones:\n  " + "\n  ".join(faults[:15])


def test_every_page_keeps_its_languages_typography(built_pages):
    faults = [f"{page} ({language}) {where}: {message}: «{excerpt}»"
              for page, language, texts in built_pages for where, text in texts
              for message, excerpt in page_text_faults(text, SITE.language(language).typography)]
    assert not faults, _report(faults)


def test_no_translated_page_shows_an_iso_date(built_pages):
    # English, the source language, may show one; machine-readable datetime= attributes are not read.
    faults = [f"{page} ({language}) {where}: «{found.group()}»"
              for page, language, texts in built_pages if language in SITE.translation_languages
              for where, text in texts for found in ISO_DATE.finditer(text)]
    assert not faults, _report(faults)


def test_the_text_read_includes_title_navigation_and_labels(built_site, built_pages):
    # A walker that lost <title>, the navigation or the previous/next labels would pass the tests above.
    assert {language for _, language, _ in built_pages} == set(SITE.codes)
    assert {"<a aria-label>", "<meta description>"} <= {where for _, _, texts in built_pages for where, _ in texts}
    # Every page but the troubleshooter's steps and outcomes, which share one template and
    # their text with its start page (checked): reading each of them too took most of a minute.
    for page, _, texts in built_pages:
        if "troubleshoot" in page.parts and page.parts[-2] != "troubleshoot":
            continue
        root = lxml.html.fromstring((built_site / page).read_bytes())
        links = root.xpath("//*[contains(concat(' ', @class, ' '), ' md-nav__link ')]")
        shown = [root.findtext(".//title")] + [link.text_content() for link in links]
        text = texts[0][1]
        missing = [piece.strip() for piece in shown if piece and piece.strip() not in text]
        assert not missing, f"{page}: {missing[:3]}"


def _search_texts(built_site):
    """(language, text) of every title and excerpt the search index shows."""
    for chunk in sorted((built_site / "assets" / "kb-search").glob("*/d-*.js")):
        text = chunk.read_text(encoding="utf-8")
        documents = json.loads(text[text.index("]=") + 2:].rstrip().rstrip(";"))["d"]
        for document in documents:
            for shown in document[1:]:
                yield chunk.parent.name, shown


def test_search_results_keep_the_typography_of_their_language(built_site):
    texts = list(_search_texts(built_site))
    assert {language for language, _ in texts} == set(SITE.codes)
    faults = [f"search ({language}): {message}: «{excerpt}»" for language, text in texts
              for message, excerpt in page_text_faults(text, SITE.language(language).typography)]
    assert not faults, _report(faults)
