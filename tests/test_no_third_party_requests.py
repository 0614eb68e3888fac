"""Every page type in every language, served and from file://, requests nothing from other hosts."""
from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from helpers import DEFAULT_LANGUAGE, LANGUAGES, offline_path, page_types


def record_requests(context):
    """Every request of every page of the context, as it is made."""
    seen = []
    context.on("request", lambda request: seen.append(request.url))
    return seen


def foreign(urls, own_origin: str):
    out = []
    for url in urls:
        parts = urlsplit(url)
        if parts.scheme in ("data", "blob", "about"):
            continue
        if own_origin == "file" and parts.scheme == "file":
            continue
        if own_origin != "file" and url.startswith(own_origin):
            continue
        out.append(url)
    return out


def walk_tree(page):
    """Answer the first question, then the first answer of the next step, as a reader would."""
    for _ in range(3):
        answers = page.locator("[data-step]:not([hidden]) a.kb-answer")
        if answers.count() == 0:
            break
        answers.first.click()
        page.wait_for_load_state()


# True once the header search shows the results of the query: by then it has fetched
# everything the query needs (its script and the index of the page's language).
RESULTS_SHOWN = """query => {
  const results = document.querySelector("header [data-search-results]");
  return results !== null && results.getAttribute("data-search-query") === query
    && !results.closest("form").hasAttribute("aria-busy");
}"""


def type_search(page):
    box = page.locator("header input[type='search'], header input[type='text'][name='query']").first
    if box.count():
        box.fill("ID")
        page.wait_for_function(RESULTS_SHOWN, arg="ID")


def open_all(context, urls: dict[str, str], settled: str) -> dict:
    """One tab per page, all loading at once, each then waited on until `settled`.

    A page is checked just as when opened alone (its own tab, its own load, then the
    wait for the network to go quiet), but the pages' quiet periods (networkidle is
    half a second without a request) now pass side by side instead of one after another.
    """
    pages = {}
    for name, url in urls.items():
        pages[name] = context.new_page()
        pages[name].goto(url, wait_until="commit")
    for page in pages.values():
        page.wait_for_load_state(settled)
    return pages


@pytest.mark.parametrize("language", LANGUAGES)
def test_served_pages_only_request_the_site(browser, site_server, real_kb, language):
    context = browser.new_context()
    requests = record_requests(context)
    base = site_server.url + ("" if language == DEFAULT_LANGUAGE else f"{language}/")
    pages = open_all(context, {name: base + path for name, path in page_types(real_kb).items()}, "networkidle")
    for name, page in pages.items():
        if name == "tree-start":
            walk_tree(page)
        type_search(page)
    pages["home"].goto(site_server.url + "no-such-page/")
    origin = site_server.url.rstrip("/")
    assert foreign(requests, origin) == []
    context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_offline_pages_only_request_local_files(browser, built_offline_site, real_kb, language):
    context = browser.new_context()
    requests = record_requests(context)
    base = built_offline_site if language == DEFAULT_LANGUAGE else built_offline_site / language
    pages = open_all(context, {name: (base / offline_path(path)).as_uri() for name, path in page_types(real_kb).items()},
                     "load")
    for name, page in pages.items():
        if name == "tree-start":
            walk_tree(page)
        type_search(page)
    # The offline copy has no 404 page: nothing serves it from disk.
    assert foreign(requests, "file") == []
    context.close()
