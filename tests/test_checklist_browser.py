"""Checklists in a real Chromium: ticks kept on this device until cleared, progress line, print, no script.

Behaviour is tested on the fixture site (tests/fixtures/kb built as a whole site), so it does
not depend on the state of the real content; the last tests check every real checklist.
"""
from __future__ import annotations

import re

import pytest

from helpers import DEFAULT_LANGUAGE, LANGUAGES, OTHER_CJK_LANGUAGE, OTHER_LATIN_LANGUAGE

CHECKLIST = "before-you-submit"
ROOT = "[data-module='checklist']"
# Navigation and tools that have no place on paper.
NOT_PRINTED = [".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer",
               ".kb-checklist__clear", ".kb-print-hide"]
# The search box, whichever form it takes, lives in the header; checked on its own.
SEARCH = ".md-search, header input, [role='search']"


def url_of(server, language: str, path: str) -> str:
    return server.url + ("" if language == DEFAULT_LANGUAGE else f"{language}/") + path


def progress_text(kb, language: str, done: int, total: int) -> str:
    return kb.ui[language]["checklist.progress"].format(done=done, total=total)


def storage(page) -> dict:
    return page.evaluate("""() => ({
        local: Object.fromEntries(Object.keys(localStorage).map(k => [k, localStorage.getItem(k)])),
        session: Object.fromEntries(Object.keys(sessionStorage).map(k => [k, sessionStorage.getItem(k)])),
        cookie: document.cookie})""")


def visible(page, selector: str) -> bool:
    return page.evaluate("""selector => [...document.querySelectorAll(selector)].some(element => {
        const style = getComputedStyle(element);
        const box = element.getBoundingClientRect();
        return style.display !== 'none' && style.visibility !== 'hidden' && box.width > 0 && box.height > 0;
    })""", selector)


@pytest.fixture(scope="module")
def fixture_kb_loaded(fixture_site):
    from kb.loader import load_knowledge_base
    return load_knowledge_base(fixture_site.parent / "site-data")


@pytest.mark.parametrize("language", LANGUAGES)
def test_ticks_survive_a_reload_until_cleared(page, fixture_site_server, fixture_kb_loaded, language):
    kb = fixture_kb_loaded
    total = len(kb.checklists[CHECKLIST]["items"])
    page.goto(url_of(fixture_site_server, language, f"checklists/{CHECKLIST}/"))
    progress = page.locator(f"{ROOT} [data-checklist-progress]")
    clear = page.locator(f"{ROOT} [data-checklist-clear]")
    boxes = page.locator(f"{ROOT} input[type='checkbox']")
    assert boxes.count() == total >= 3
    assert progress.get_attribute("aria-live") == "polite"
    assert progress.inner_text() == progress_text(kb, language, 0, total)
    assert clear.is_disabled(), "nothing to clear yet"
    before = storage(page)

    # Ticking by the label works like ticking the box; the progress line follows.
    page.locator(f"{ROOT} label[for='{boxes.nth(0).get_attribute('id')}']").click()
    boxes.nth(2).check()
    assert progress.inner_text() == progress_text(kb, language, 2, total)
    assert clear.is_enabled()

    # Only the ticks are stored, under the checklist and the language.
    after = storage(page)
    key = f"kb-checklist:{CHECKLIST}:{language}"
    assert after["local"] == {**before["local"], key: "[0,2]"}
    assert after["session"] == before["session"] and after["cookie"] == before["cookie"] == ""

    page.reload()
    assert [boxes.nth(i).is_checked() for i in range(total)] == [i in (0, 2) for i in range(total)]
    assert progress.inner_text() == progress_text(kb, language, 2, total)

    # The same checklist in another language keeps its own ticks.
    other = OTHER_CJK_LANGUAGE if language != OTHER_CJK_LANGUAGE else DEFAULT_LANGUAGE
    page.goto(url_of(fixture_site_server, other, f"checklists/{CHECKLIST}/"))
    assert page.locator(f"{ROOT} input:checked").count() == 0
    page.go_back()

    clear.click()
    assert page.locator(f"{ROOT} input:checked").count() == 0
    assert progress.inner_text() == progress_text(kb, language, 0, total)
    assert page.evaluate("document.activeElement.type") == "checkbox", "focus stays in the list"
    assert key not in storage(page)["local"]
    page.reload()
    assert page.locator(f"{ROOT} input:checked").count() == 0
    assert page.problems == []


def test_unchecking_updates_progress_and_storage(page, fixture_site_server, fixture_kb_loaded):
    kb = fixture_kb_loaded
    total = len(kb.checklists[CHECKLIST]["items"])
    language = OTHER_LATIN_LANGUAGE
    page.goto(url_of(fixture_site_server, language, f"checklists/{CHECKLIST}/"))
    boxes = page.locator(f"{ROOT} input[type='checkbox']")
    for index in range(total):
        boxes.nth(index).check()
    assert page.locator(f"{ROOT} [data-checklist-progress]").inner_text() == progress_text(kb, language, total, total)
    boxes.nth(1).uncheck()
    assert page.locator(f"{ROOT} [data-checklist-progress]").inner_text() == progress_text(kb, language, total - 1, total)
    stored = page.evaluate(f"localStorage.getItem('kb-checklist:{CHECKLIST}:{language}')")
    assert stored == str([i for i in range(total) if i != 1]).replace(" ", "")
    # Keyboard: space ticks the focused box.
    boxes.nth(1).focus()
    page.keyboard.press("Space")
    assert boxes.nth(1).is_checked()
    assert page.problems == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_print_shows_the_list_and_the_safety_notice_only(page, fixture_site_server, language):
    page.goto(url_of(fixture_site_server, language, f"checklists/{CHECKLIST}/"))
    page.locator(f"{ROOT} input[type='checkbox']").first.check()
    for selector in NOT_PRINTED:
        assert visible(page, selector), f"{selector} is on screen"
    page.emulate_media(media="print")
    for selector in NOT_PRINTED + [SEARCH]:
        assert not visible(page, selector), f"{selector} is printed"
    for selector in (f"{ROOT} .kb-checklist__item", "h1", "[data-kb-safety]", f"{ROOT} [data-checklist-progress]"):
        assert visible(page, selector), f"{selector} is not printed"
    assert page.locator(f"{ROOT} input[type='checkbox']").first.is_checked(), "ticks are printed"
    assert page.problems == []


def test_without_javascript_the_list_is_readable_and_tickable(browser, fixture_site_server, fixture_kb_loaded):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(url_of(fixture_site_server, OTHER_CJK_LANGUAGE, f"checklists/{CHECKLIST}/"))
    items = fixture_kb_loaded.checklists[CHECKLIST]["items"]
    labels = page.locator(f"{ROOT} label")
    assert labels.count() == len(items)
    assert labels.nth(0).inner_text() == items[0][OTHER_CJK_LANGUAGE]
    assert not page.locator(f"{ROOT} [data-checklist-status]").is_visible(), "no progress line without the script"
    assert not page.locator(f"{ROOT} [data-checklist-clear]").is_visible()
    labels.nth(0).click()
    assert page.locator(f"{ROOT} input[type='checkbox']").first.is_checked()
    context.close()


def pdf_pages(page) -> int:
    return len(re.findall(rb"/Type\s*/Page(?!s)", page.pdf(format="A4")))


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_real_checklist_works_and_prints_on_one_page(page, site_server, real_kb, language):
    for checklist_id, checklist in real_kb.checklists.items():
        page.goto(url_of(site_server, language, f"checklists/{checklist_id}/"))
        total = len(checklist["items"])
        labels = page.locator(f"{ROOT} label")
        assert labels.count() == total, checklist_id
        assert all(labels.nth(i).inner_text().strip() for i in range(total)), checklist_id
        page.locator(f"{ROOT} input[type='checkbox']").nth(total - 1).check()
        assert page.locator(f"{ROOT} [data-checklist-progress]").inner_text() == \
            progress_text(real_kb, language, 1, total)
        page.evaluate("localStorage.clear()")
        page.emulate_media(media="print")
        assert pdf_pages(page) == 1, f"{language}/checklists/{checklist_id}/ does not fit one page"
        page.emulate_media(media="screen")
    assert page.problems == []
