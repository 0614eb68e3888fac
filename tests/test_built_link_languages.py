"""Built pages: a link to a page in another language says so (hreflang, and the language named).

The rule that says which language a linked page is in is site-data/allowed-domains.yml's
(kb/link_languages.py); internal pages are in the language of their folder.
"""
from __future__ import annotations

import posixpath
from urllib.parse import urljoin, urlsplit

import lxml.html
import pytest
import yaml

from helpers import DEFAULT_LANGUAGE, ROOT, SITE
from html_text import html_pages
from kb.link_languages import LinkLanguages, language_name

RULE = LinkLanguages(yaml.safe_load((ROOT / "site-data" / "allowed-domains.yml").read_text(encoding="utf-8")))
WORDS = {language: yaml.safe_load((ROOT / "site-data" / "ui" / f"{language}.yml").read_text(encoding="utf-8"))
         ["link.other_language"] for language in SITE.codes}


def _internal_language(page: str, href: str) -> str:
    """The language of the site page a relative link leads to: its first folder, or the default language."""
    path = urlsplit(urljoin(f"https://site.invalid/{page}", href)).path
    first = posixpath.normpath(path).lstrip("/").split("/")[0]
    return first if first in SITE.codes else DEFAULT_LANGUAGE


# Its tests share a module fixture that reads many built pages: one worker runs them all
# (`make test` distributes by these groups, pytest-xdist's --dist loadgroup).
pytestmark = pytest.mark.xdist_group("test_built_link_languages")


@pytest.fixture(scope="module")
def links(built_site):
    """(page, page language, <a> element, language of its target) for every link of every built page."""
    found = []
    for path in html_pages(built_site):
        page = path.relative_to(built_site).as_posix()
        root = lxml.html.fromstring(path.read_bytes())
        language = root.get("lang")
        for link in root.iter("a"):
            href = link.get("href")
            if not href or href.startswith(("#", "mailto:")):
                continue
            target = RULE.language_of(href) if href.startswith("https://") else _internal_language(page, href)
            found.append((page, language, link, target))
    return found


def test_links_to_an_official_page_in_another_language_say_so(links):
    faults, marked = [], 0
    for page, language, link, target in links:
        if not link.get("href").startswith("https://") or target is None:
            continue
        words = WORDS[language].format(language=language_name(target, language))
        after = (link.tail or "").lstrip()
        if target != language:
            marked += 1
            if link.get("hreflang") != target or not after.startswith(words):
                faults.append(f"{page}: «{link.text_content()}» {link.get('href')} hreflang={link.get('hreflang')}, "
                              f"followed by «{after[:40]}»")
            # Said once: not in the link text as well, nor twice after it.
            if words in link.text_content() or after[len(words):].lstrip().startswith(words):
                faults.append(f"{page}: «{link.text_content()}» says «{words}» twice")
        elif link.get("hreflang") is not None or after.startswith(words):
            faults.append(f"{page}: «{link.text_content()}» is in the page's language but marked as another")
    assert not faults, f"{len(faults)} links:\n  " + "\n  ".join(faults[:15])
    # The guide cites English pages from every other language: the test must see them.
    assert marked >= len(SITE.translation_languages) * 10, marked


def test_internal_links_to_another_language_carry_hreflang(links):
    across = [(page, link, target) for page, language, link, target in links
              if not link.get("href").startswith(("https://", "http://")) and target != language]
    faults = [f"{page}: «{link.text_content().strip()}» {link.get('href')}"
              for page, link, target in across if link.get("hreflang") != target]
    assert not faults, f"{len(faults)} links:\n  " + "\n  ".join(faults[:15])
    # Every page's language switcher leads to the other languages: the test must see those links.
    pages = {page for page, _, _, _ in links}
    assert len(across) >= len(pages) * (len(SITE.codes) - 1) // 2, len(across)
