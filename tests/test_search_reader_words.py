"""Search beyond the page words, in a real Chromium on the real site: reader words,
safety rules, typing slips, highlighted matches, the fallback links, and no JavaScript.

Queries are made from site-data (termbase.yml, search-rules.yml, cause titles),
so the tests follow the data rather than any wording.
"""
from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote, unquote, urlsplit

import pytest

from helpers import DEFAULT_LANGUAGE, LANGUAGES, LATIN_LANGUAGES, OTHER_LATIN_LANGUAGE, ROOT, ROOT_AND_CJK
from kb.search.documents import directory_form
from kb.search.index import FORMAT_VERSION
from test_search_browser import SEARCH, in_language, root, wait_for_results


def page_key(link: str, base: str, language: str) -> str:
    """A result link as site data names pages: "causes/x/", "faq/#question"."""
    inside = in_language(link, base, language)
    assert inside is not None, link
    fragment = urlsplit(link).fragment
    key = directory_form(inside + "index.html" if inside.endswith("/") or not inside else inside)
    return key + (f"#{fragment}" if fragment else "")


def keys(page, base, language, query):
    return [page_key(link, base, language) for link in page.evaluate(SEARCH, query)]


@pytest.fixture(scope="module")
def vocabulary(real_kb):
    return real_kb.search_vocabulary


# -- safety first ------------------------------------------------------------------------------

@pytest.mark.parametrize("language", LANGUAGES)
def test_every_safety_rule_puts_its_pages_first(page, site_server, vocabulary, language):
    """One word of each condition of a rule, in each language: the rule's pages lead the results."""
    page.goto(site_server.url + root(language))
    safety = set(vocabulary.safety_pages)
    for rule in vocabulary.rules:
        query = " ".join(condition[language][0] for condition in rule.conditions)
        found = keys(page, site_server.url, language, query)
        assert found and found[0] in safety, (rule.id, query, found[:3])
        assert rule.first[0] in found[:len(safety)], (rule.id, query, found[:len(safety)])
    assert page.problems == []


def test_a_request_for_a_code_ranks_fake_support_above_codes_that_do_not_arrive(page, site_server):
    # The review's example: "code" alone is strongest on the pages about codes that do not arrive.
    # English queries, at the site root (English is the default language).
    page.goto(site_server.url)
    assert keys(page, site_server.url, DEFAULT_LANGUAGE, "support asked for my 2FA code on Telegram")[0] == "causes/scam-fake-support/"
    # Without anyone asking for it, a code that does not arrive is not a safety question.
    assert keys(page, site_server.url, DEFAULT_LANGUAGE, "email code not arriving")[0] == "causes/reg-email-code-missing/"


# -- reader words --------------------------------------------------------------------------------

@pytest.mark.parametrize("language", LANGUAGES)
def test_reader_words_find_their_concept_pages(page, site_server, real_kb, language):
    """The first reader word of every concept with pages finds one of them among the first three."""
    termbase = real_kb.files["site-data/termbase.yml"].value["concepts"]
    page.goto(site_server.url + root(language))
    misses = {}
    for concept_id, concept in termbase.items():
        words = (concept.get(language) or {}).get("reader") or []
        if not concept.get("pages") or not words:
            continue
        targets = {vocabulary_key(ref, real_kb) for ref in concept["pages"]}
        found = keys(page, site_server.url, language, words[0])
        if not targets & set(found[:3]):
            misses[concept_id] = (words[0], found[:3])
    assert misses == {}


def vocabulary_key(ref: str, real_kb) -> str:
    from kb.search.vocabulary import page_key as key_of
    kind, _, entry_id = ref.partition("/")
    return key_of(real_kb.site.kinds[kind], entry_id)


# -- typing slips --------------------------------------------------------------------------------

def mistyped(word: str) -> str:
    """The word with its two middle letters swapped, a common slip on a phone keyboard."""
    middle = len(word) // 2
    return word[:middle - 1] + word[middle] + word[middle - 1] + word[middle + 1:]


# The languages written in words between spaces: a slip is a word of letters mistyped.
@pytest.mark.parametrize("language", LATIN_LANGUAGES)
def test_one_typing_slip_in_a_long_word_still_finds_the_cause(page, site_server, real_kb, language):
    page.goto(site_server.url + root(language))
    misses = {}
    for cause_id, cause in sorted(real_kb.causes.items()):
        words = [w for w in re.findall(r"[^\W\d_]+", cause["title"][language]) if len(w) >= 7]
        if not words:
            continue
        word = max(words, key=len)
        slip = mistyped(word)
        if unicodedata.normalize("NFKD", slip).lower() == unicodedata.normalize("NFKD", word).lower():
            continue
        query = cause["title"][language].replace(word, slip)
        found = keys(page, site_server.url, language, query)
        if f"causes/{cause_id}/" not in found[:3]:
            misses[cause_id] = (query, found[:3])
    assert misses == {}


def test_a_word_that_matches_nothing_is_corrected_and_highlighted(page, site_server):
    page.goto(site_server.url)
    found = keys(page, site_server.url, DEFAULT_LANGUAGE, "pasport expierd")
    assert "causes/kyc-doc-expired/" in found[:3]
    marks = page.locator("[data-search-list] mark").all_inner_texts()
    assert any(m.lower().startswith("expir") for m in marks), marks


# -- what a result shows -------------------------------------------------------------------------

@pytest.mark.parametrize("language", LANGUAGES)
def test_matched_words_are_highlighted_in_titles(page, site_server, real_kb, language):
    cause = real_kb.causes[sorted(real_kb.causes)[0]]
    title = cause["title"][language]
    page.goto(site_server.url + root(language))
    page.evaluate(SEARCH, title)
    first_title = page.locator("[data-search-list] .kb-search__title").first
    marked = first_title.locator("mark").all_inner_texts()
    assert marked, title
    # Marks only wrap text: the title reads exactly as written.
    assert first_title.inner_text() == title
    assert all(m in title for m in marked)


@pytest.mark.parametrize("language", LANGUAGES)
def test_troubleshooter_and_cause_list_are_offered_with_and_without_results(page, site_server, real_kb, language):
    strings = real_kb.ui[language]
    page.goto(f"{site_server.url}{root(language)}?q={quote('qwzxvbnm')}")
    wait_for_results(page, "qwzxvbnm")
    fallback = page.locator("[data-search-fallback]")
    assert fallback.is_visible()
    links = fallback.locator("a")
    assert links.all_inner_texts() == [strings["search.fallback_troubleshooter"], strings["search.fallback_causes"]]
    targets = [in_language(href, site_server.url, language) for href in links.evaluate_all("els => els.map(a => a.href)")]
    assert targets == ["troubleshoot/", "causes/"]
    # With results, the same links follow the list.
    page.evaluate(SEARCH, real_kb.causes[sorted(real_kb.causes)[0]]["title"][language])
    assert fallback.is_visible()
    assert page.problems == []


def test_troubleshooter_steps_are_never_results(page, site_server, real_kb):
    page.goto(site_server.url)
    for question in real_kb.tree.questions.values():
        text = question["question"][DEFAULT_LANGUAGE]
        found = keys(page, site_server.url, DEFAULT_LANGUAGE, text)
        assert not any(k.startswith("troubleshoot/") and k != "troubleshoot/" for k in found), (text, found)


# -- without JavaScript --------------------------------------------------------------------------

@pytest.mark.parametrize("language", ROOT_AND_CJK)
def test_without_javascript_links_replace_the_search_box(browser, site_server, real_kb, language):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_server.url}{root(language)}causes/")
    assert not page.locator("form[data-kb-search]").is_visible()
    links = page.locator("header .kb-search-without-js a")
    strings = real_kb.ui[language]
    assert links.all_inner_texts() == [strings["search.fallback_troubleshooter"], strings["search.fallback_causes"]]
    hrefs = links.evaluate_all("els => els.map(a => a.href)")
    assert [in_language(h, site_server.url, language) for h in hrefs] == ["troubleshoot/", "causes/"]
    context.close()


def test_with_javascript_the_box_shows_and_the_links_do_not(page, site_server):
    page.goto(site_server.url + root(OTHER_LATIN_LANGUAGE))
    assert page.locator("form[data-kb-search] input[type=search]").is_visible()
    assert page.locator("header .kb-search-without-js").count() == 0


# -- the index format ---------------------------------------------------------------------------

def test_the_client_reads_the_format_the_indexer_writes():
    script = (ROOT / "overrides" / "assets" / "kb-search-index.js").read_text(encoding="utf-8")
    assert re.search(r"var FORMAT_VERSION = (\d+);", script).group(1) == str(FORMAT_VERSION)


def test_an_index_of_another_format_is_reported_not_misread(page, site_server, built_site, real_kb):
    manifest = next((built_site / "assets" / "kb-search" / DEFAULT_LANGUAGE).glob("manifest.js"))
    text = manifest.read_text(encoding="utf-8")
    changed = text.replace(f'"version":{FORMAT_VERSION},', f'"version":{FORMAT_VERSION + 1},')
    assert changed != text
    page.route(re.compile(rf".*/assets/kb-search/{DEFAULT_LANGUAGE}/manifest\.js$"),
               lambda route: route.fulfill(body=changed, content_type="text/javascript"))
    page.goto(site_server.url + "?q=passport")
    wait_for_results(page, "passport")
    page.problems.clear()  # the console error is the report
    assert page.locator("[data-search-list] a").count() == 0
    assert page.locator("[data-search-status]").inner_text() == real_kb.ui[DEFAULT_LANGUAGE]["search.unavailable"]
