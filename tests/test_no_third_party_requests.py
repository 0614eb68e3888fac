"""Every page type in every language, served and from file://, requests nothing from other hosts."""
from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from helpers import DEFAULT_LANGUAGE, LANGUAGES, offline_path, page_types


def record_requests(page):
    seen = []
    page.on("request", lambda request: seen.append(request.url))
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


def type_search(page):
    box = page.locator("header input[type='search'], header input[type='text'][name='query']").first
    if box.count():
        box.fill("ID")
        page.wait_for_timeout(300)


@pytest.mark.parametrize("language", LANGUAGES)
def test_served_pages_only_request_the_site(browser, site_server, real_kb, language):
    context = browser.new_context()
    page = context.new_page()
    requests = record_requests(page)
    base = site_server.url + ("" if language == DEFAULT_LANGUAGE else f"{language}/")
    for name, path in page_types(real_kb).items():
        page.goto(base + path)
        page.wait_for_load_state("networkidle")
        if name == "tree-start":
            walk_tree(page)
        type_search(page)
    page.goto(site_server.url + "no-such-page/")
    origin = site_server.url.rstrip("/")
    assert foreign(requests, origin) == []
    context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_offline_pages_only_request_local_files(browser, built_offline_site, real_kb, language):
    context = browser.new_context()
    page = context.new_page()
    requests = record_requests(page)
    base = built_offline_site if language == DEFAULT_LANGUAGE else built_offline_site / language
    for name, path in page_types(real_kb).items():
        page.goto((base / offline_path(path)).as_uri())
        page.wait_for_load_state("load")
        if name == "tree-start":
            walk_tree(page)
        type_search(page)
    # The offline copy has no 404 page: nothing serves it from disk.
    assert foreign(requests, "file") == []
    context.close()
