"""The offline copy opened straight from disk: navigation, language switcher, tree, checklists, zip."""
from __future__ import annotations

import zipfile

import pytest

from helpers import DEFAULT_LANGUAGE, LANGUAGES, OTHER_CJK_LANGUAGE, OTHER_LATIN_LANGUAGE
from kb.offline_start import README, START_PAGE

VISIBLE_STEP = "[data-module='decision-tree'] [data-step]:not([hidden])"


def test_zip_holds_the_whole_offline_site(built_offline_site):
    archive = built_offline_site.with_name("site-offline.zip")
    with zipfile.ZipFile(archive) as bundle:
        names = set(bundle.namelist())
    files = {f"site-offline/{p.relative_to(built_offline_site).as_posix()}"
             for p in built_offline_site.rglob("*") if p.is_file()}
    # Beside the site folder, only the start page and README.txt (tests/test_offline_edition.py).
    assert {name for name in names if name.startswith("site-offline/")} == files
    assert names - files == {START_PAGE, README}


@pytest.mark.parametrize("language", LANGUAGES)
def test_navigation_switcher_tree_and_checklists_from_disk(browser, built_offline_site, real_kb, language):
    context = browser.new_context()
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    base = built_offline_site if language == DEFAULT_LANGUAGE else built_offline_site / language
    page.goto((base / "index.html").as_uri())
    assert page.locator("html").get_attribute("lang") == language

    # Navigation: the FAQ link in the sidebar opens the FAQ page file.
    page.locator("nav.md-nav--primary a[href$='faq.html']").first.click()
    page.wait_for_load_state()
    assert page.url.endswith("/faq.html")

    # Language switcher: lands on the same page in the other language.
    other = OTHER_LATIN_LANGUAGE if language != OTHER_LATIN_LANGUAGE else OTHER_CJK_LANGUAGE
    href = page.locator(f".md-select a[hreflang='{other}']").get_attribute("href")
    page.goto(page.url.rsplit("/", 1)[0] + "/" + href if not href.startswith("file:") else href)
    assert page.locator("html").get_attribute("lang") == other
    assert page.url.endswith(("/faq.html"))

    # Tree with JavaScript: every answer still leads to the right step.
    page.goto((base / "troubleshoot" / "index.html").as_uri())
    start = real_kb.tree.start
    assert page.locator(VISIBLE_STEP).get_attribute("data-step") == start
    page.locator(f"{VISIBLE_STEP} a.kb-answer").first.click()
    page.wait_for_load_state()
    first = real_kb.tree.questions[start]["answers"][0]
    assert page.locator(VISIBLE_STEP).get_attribute("data-step") == first.get("next", f"{start}/{first['id']}")

    # Checklists open from disk.
    page.goto((base / "checklists" / "index.html").as_uri())
    page.locator("article a[href$='.html']").first.click()
    page.wait_for_load_state()
    assert page.locator("article input[type='checkbox']").count() > 0
    assert errors == []
    context.close()


def test_tree_from_disk_without_javascript(browser, built_offline_site, real_kb):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto((built_offline_site / OTHER_CJK_LANGUAGE / "troubleshoot" / "index.html").as_uri())
    tree = real_kb.tree
    question = tree.start
    while True:
        answer = tree.questions[question]["answers"][0]
        page.locator(f"{VISIBLE_STEP} a.kb-answer").first.click()
        page.wait_for_load_state()
        if "next" not in answer:
            assert page.locator(VISIBLE_STEP).get_attribute("data-step") == f"{question}/{answer['id']}"
            assert page.locator(f"{VISIBLE_STEP} a.md-button[href*='causes/']").count() == len(answer["causes"])
            break
        question = answer["next"]
        assert page.locator(VISIBLE_STEP).get_attribute("data-step") == question
    context.close()
