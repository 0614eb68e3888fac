"""The header search in a real Chromium, on the real site: served over http and opened from file://.

Queries are made from the knowledge base itself (each cause's title in each
language, changed the way readers change it), so the tests follow the data
rather than any wording.
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

import pytest

from helpers import (CJK_LANGUAGES, DEFAULT_LANGUAGE, LANGUAGES, LATIN_LANGUAGES, OTHER_CJK_LANGUAGE,
                     OTHER_LATIN_LANGUAGE, ROOT)

RESULTS = "[data-search-results]"
RESULT_LINKS = "[data-search-results] [data-search-list] a[href]"

# Types a query into the box and resolves with the result links once they are shown.
SEARCH = """
async (query) => {
  const form = document.querySelector("form[data-kb-search]");
  const input = form.querySelector("input[type=search]");
  const results = form.querySelector("[data-search-results]");
  input.focus();
  input.value = query;
  input.dispatchEvent(new Event("input", {bubbles: true}));
  await new Promise((resolve, reject) => {
    const limit = Date.now() + 10000;
    (function check() {
      if (results.getAttribute("data-search-query") === query && !form.hasAttribute("aria-busy")) resolve();
      else if (Date.now() > limit) reject(new Error("no results shown for " + query));
      else setTimeout(check, 10);
    })();
  });
  return Array.from(results.querySelectorAll("[data-search-list] a[href]")).map(a => a.href);
}
"""


def root(language: str) -> str:
    return "" if language == DEFAULT_LANGUAGE else f"{language}/"


def in_language(url: str, base: str, language: str) -> str | None:
    """The path of a result inside the language's root, or None if it points elsewhere."""
    path = unquote(urlsplit(url).path)[len(urlsplit(base).path):]
    others = tuple(f"{other}/" for other in LANGUAGES if other not in (DEFAULT_LANGUAGE, language))
    if path.startswith(others) or not path.startswith(root(language)):
        return None
    return path[len(root(language)):]


def cause_of(path: str | None) -> str | None:
    match = re.fullmatch(r"causes/([a-z0-9-]+)(?:/|\.html)", path or "")
    return match.group(1) if match else None


def titles(real_kb, language):
    return {cause_id: cause["title"][language] for cause_id, cause in sorted(real_kb.causes.items())}


def no_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def _accented_languages() -> list[str]:
    """The Latin-script languages in which some cause title has an accent, read from site-data/
    when the tests are collected (a parameter that would only be skipped is no test)."""
    import yaml
    titles_of = [yaml.safe_load(path.read_text(encoding="utf-8"))["title"]
                 for path in sorted((ROOT / "site-data" / "causes").glob("*.yml"))]
    return [language for language in LATIN_LANGUAGES
            if any(no_accents(title[language]) != title[language] for title in titles_of)]


ACCENTED_LANGUAGES = _accented_languages()


def wait_for_results(page, query: str):
    page.wait_for_function("q => document.querySelector('[data-search-results]')"
                           ".getAttribute('data-search-query') === q", arg=query)


# -- ?q= and the results container ------------------------------------------------------

@pytest.mark.parametrize("language", LANGUAGES)
def test_query_in_the_url_opens_the_search_with_results(page, site_server, real_kb, language):
    cause_id, title = next(iter(titles(real_kb, language).items()))
    page.goto(f"{site_server.url}{root(language)}faq/?q={quote(title)}")
    wait_for_results(page, title)
    assert page.locator("input[type=search]").input_value() == title
    assert page.locator(RESULTS).is_visible()
    links = page.locator(RESULT_LINKS)
    assert links.count() > 0
    first = in_language(links.first.evaluate("a => a.href"), site_server.url, language)
    assert cause_of(first) == cause_id
    assert page.problems == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_results_are_in_the_page_language_only(page, site_server, language):
    # "Binance" and "KYC" appear on pages of every language.
    page.goto(site_server.url + root(language))
    for query in ("Binance", "KYC", "Binance KYC 2FA"):
        links = page.evaluate(SEARCH, query)
        assert links, query
        assert all(in_language(link, site_server.url, language) is not None for link in links), (query, links)
    for link in links[:3]:
        page.goto(link)
        assert page.locator("html").get_attribute("lang") == language
    assert page.problems == []


# -- what readers type ---------------------------------------------------------------------

def top(page, base, language, query, count=3):
    return [cause_of(in_language(link, base, language)) for link in page.evaluate(SEARCH, query)[:count]]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_cause_comes_first_for_its_own_title(page, site_server, real_kb, language):
    page.goto(site_server.url + root(language))
    misses = {cause_id: found for cause_id, title in titles(real_kb, language).items()
              if (found := top(page, site_server.url, language, title, 1)) != [cause_id]}
    assert misses == {}


@pytest.mark.parametrize("language", CJK_LANGUAGES)
def test_cjk_titles_typed_without_spaces_or_punctuation(page, site_server, real_kb, language):
    page.goto(site_server.url + root(language))
    misses = {}
    for cause_id, title in titles(real_kb, language).items():
        squeezed = "".join(c for c in title if unicodedata.category(c)[0] in "LN")
        found = top(page, site_server.url, language, squeezed)
        if cause_id not in found:
            misses[cause_id] = (squeezed, found)
    assert misses == {}


def test_some_language_writes_accents():
    assert ACCENTED_LANGUAGES, "no cause title has an accent: test_accents_are_optional tests nothing"


@pytest.mark.parametrize("language", ACCENTED_LANGUAGES)
def test_accents_are_optional(page, site_server, real_kb, language):
    page.goto(site_server.url + root(language))
    for title in titles(real_kb, language).values():
        plain = no_accents(title)
        assert page.evaluate(SEARCH, plain) == page.evaluate(SEARCH, title), plain


@pytest.mark.parametrize("language", LANGUAGES)
def test_extra_words_do_not_empty_the_results(page, site_server, real_kb, language):
    page.goto(site_server.url + root(language))
    for cause_id, title in list(titles(real_kb, language).items())[:8]:
        assert top(page, site_server.url, language, f"{title} qwzx vbnm 7g7", 1) == [cause_id]
        # Only one of the words (the longest), plus one that appears nowhere: still results.
        assert page.evaluate(SEARCH, max(title.split(), key=len) + " qwzx") != []


def test_tree_steps_and_404_do_not_crowd_out_cause_pages(page, site_server, real_kb):
    page.goto(site_server.url)
    for cause_id, title in titles(real_kb, DEFAULT_LANGUAGE).items():
        paths = [in_language(link, site_server.url, DEFAULT_LANGUAGE) for link in page.evaluate(SEARCH, title)]
        assert cause_of(paths[0]) == cause_id
        assert not any(p.startswith("troubleshoot/") for p in paths[:3]), (title, paths[:3])
    not_found = real_kb.ui[DEFAULT_LANGUAGE]["notfound.title"] + " " + real_kb.ui[DEFAULT_LANGUAGE]["notfound.text"]
    paths = [in_language(link, site_server.url, DEFAULT_LANGUAGE) for link in page.evaluate(SEARCH, not_found)]
    assert not any(p.startswith("404") for p in paths)


def test_no_results_says_so(page, site_server, real_kb):
    page.goto(site_server.url + root(OTHER_LATIN_LANGUAGE) + "?q=qwzxvbnm")
    wait_for_results(page, "qwzxvbnm")
    assert page.locator(RESULT_LINKS).count() == 0
    assert page.locator("[data-search-status]").inner_text() == real_kb.ui[OTHER_LATIN_LANGUAGE]["search.no_results"]


# -- keyboard and accessibility ------------------------------------------------------------------

def test_keyboard_only(page, site_server, real_kb):
    # A query in a CJK script, typed into the box of that language.
    page.goto(site_server.url + root(OTHER_CJK_LANGUAGE))
    page.keyboard.press("/")
    box = page.locator("input[type=search]")
    assert box.evaluate("el => el === document.activeElement")
    query = real_kb.causes[sorted(real_kb.causes)[0]]["title"][OTHER_CJK_LANGUAGE]
    page.keyboard.insert_text(query)
    wait_for_results(page, query)
    page.keyboard.press("ArrowDown")
    first = page.locator(RESULT_LINKS).first
    assert first.evaluate("el => el === document.activeElement")
    page.keyboard.press("ArrowDown")
    assert page.locator(RESULT_LINKS).nth(1).evaluate("el => el === document.activeElement")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    assert box.evaluate("el => el === document.activeElement")
    page.keyboard.press("Escape")
    assert page.locator(RESULTS).is_hidden()
    page.keyboard.press("Enter")  # runs the search again and reopens it
    wait_for_results(page, query)
    page.keyboard.press("Enter")  # opens the first result
    page.wait_for_url(re.compile(rf"/{OTHER_CJK_LANGUAGE}/causes/"))
    assert page.problems == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_search_box_is_labelled_in_the_page_language(page, site_server, real_kb, language):
    page.goto(site_server.url + root(language) + "causes/")
    strings = real_kb.ui[language]
    form = page.locator("header form[role=search]")
    assert form.count() == 1
    box = form.locator("input[type=search]")
    assert box.get_attribute("placeholder") == strings["search.placeholder"]
    label = form.locator(f"label[for='{box.get_attribute('id')}']")
    assert label.inner_text().strip() == strings["search.label"]
    assert page.locator(f"#{box.get_attribute('aria-controls')}").get_attribute("data-search-results") is not None


def test_every_page_kind_has_one_search_box(page, site_server, real_kb):
    from helpers import page_types
    for path in list(page_types(real_kb).values()) + ["404.html"]:
        page.goto(site_server.url + root(OTHER_CJK_LANGUAGE) + path if path != "404.html" else site_server.url + path)
        assert page.locator("header form[data-kb-search]").count() == 1, path


# -- from disk -----------------------------------------------------------------------------------

@pytest.mark.parametrize("language", LANGUAGES)
def test_search_works_from_file(browser, built_offline_site, real_kb, language):
    context = browser.new_context()
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    cause_id, title = list(titles(real_kb, language).items())[-1]
    base = built_offline_site.as_uri() + "/"
    page.goto(f"{base}{root(language)}checklists/index.html?q={quote(title)}")
    wait_for_results(page, title)
    links = page.evaluate("() => Array.from(document.querySelectorAll('[data-search-results] [data-search-list] a[href]'), a => a.href)")
    assert links and all(link.startswith("file://") for link in links)
    assert all(in_language(link, base, language) is not None for link in links)
    assert all(Path(unquote(urlsplit(link).path)).is_file() for link in links)
    assert cause_of(in_language(links[0], base, language)) == cause_id
    page.locator(RESULT_LINKS).first.click()
    page.wait_for_load_state()
    assert page.url.endswith(f"causes/{cause_id}.html")
    assert page.locator("html").get_attribute("lang") == language
    assert errors == []
    context.close()
