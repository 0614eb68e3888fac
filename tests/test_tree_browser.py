"""The troubleshooter in a real Chromium: clicks, back, change answer, shared URLs, keyboard."""
from __future__ import annotations

import re

import pytest

from helpers import CJK_LANGUAGES, DEFAULT_LANGUAGE, LANGUAGES, OTHER_CJK_LANGUAGE, OTHER_LATIN_LANGUAGE
from kb.tree import MAX_ANSWERS

CAUSE_HREF = re.compile(r"causes/([a-z0-9-]+)(?:/|\.html)")

VISIBLE_STEP = "[data-module='decision-tree'] [data-step]:not([hidden])"
# The script walks the same steps in every language (test_walk_back_change_and_reload
# runs it in each, and tests/test_tree.py follows every answer's link in each): every
# outcome is clicked through in the default language and in one written without spaces.
WALKED_LANGUAGES = (DEFAULT_LANGUAGE, *CJK_LANGUAGES[:1])


def visible_step(page) -> str:
    return page.locator(VISIBLE_STEP).get_attribute("data-step")


def answer_link(page, index: int):
    return page.locator(f"{VISIBLE_STEP} a.kb-answer").nth(index)


def path_to_deepest_outcome(tree):
    """Answer indexes leading to an outcome behind the most questions, for a long walk."""
    best = None
    for question_id, steps in tree.paths.items():
        for index, answer in enumerate(tree.questions[question_id]["answers"]):
            if "causes" in answer and (best is None or len(steps) > len(best[0])):
                best = ([s.answer_index for s in steps] + [index], question_id, answer)
    return best


def start_url(site_server, language):
    return site_server.url + ("" if language == DEFAULT_LANGUAGE else f"{language}/") + "troubleshoot/"


@pytest.mark.parametrize("language", LANGUAGES)
def test_walk_back_change_and_reload(page, site_server, real_kb, language):
    tree = real_kb.tree
    answers, last_question, last_answer = path_to_deepest_outcome(tree)
    page.goto(start_url(site_server, language))
    assert visible_step(page) == tree.start
    assert page.locator("html").get_attribute("lang") == language

    # Walk the whole path by clicking; every step changes the address, not the page.
    page.evaluate("window.kbSamePage = true")
    visited = []
    for index in answers:
        answer_link(page, index).click()
        visited.append((visible_step(page), page.url))
    assert visited[-1][0] == f"{last_question}/{last_answer['id']}"
    assert page.evaluate("window.kbSamePage") is True, "answers must not reload the page"
    assert page.locator(f"{VISIBLE_STEP} .kb-step__question").evaluate("el => el === document.activeElement")
    assert page.locator("[data-tree-live]").inner_text().strip()
    causes = page.locator(f"{VISIBLE_STEP} a.md-button[href*='causes/']")
    assert causes.count() == len(last_answer["causes"])

    # The browser's back button returns to the previous question.
    page.go_back()
    assert visible_step(page) == visited[-2][0] and page.url == visited[-2][1]
    page.go_forward()
    assert visible_step(page) == visited[-1][0]

    # Reloading a shared address mid-way lands on the same step, even without history.
    middle_step, middle_url = visited[len(visited) // 2 - 1] if len(visited) > 1 else visited[0]
    fresh = page.context.new_page()
    fresh.goto(middle_url)
    assert visible_step(fresh) == middle_step
    fresh.close()

    # "Change" on the first answer goes back to the first question.
    page.locator(f"{VISIBLE_STEP} a.kb-change").first.click()
    assert visible_step(page) == tree.start
    assert page.url.rstrip("/").endswith("troubleshoot")

    # The language switcher follows the current step.
    answer_link(page, answers[0]).click()
    other = OTHER_CJK_LANGUAGE if language != OTHER_CJK_LANGUAGE else DEFAULT_LANGUAGE
    switcher = page.locator(f".md-select a[hreflang='{other}']").get_attribute("href")
    expected_prefix = site_server.url + ("" if other == DEFAULT_LANGUAGE else f"{other}/")
    assert switcher == expected_prefix + "troubleshoot/" + visited[0][1].split("/troubleshoot/")[1]
    assert page.problems == []


def test_keyboard_only_walk(page, site_server, real_kb):
    page.goto(start_url(site_server, DEFAULT_LANGUAGE))
    first_answer = page.locator(f"{VISIBLE_STEP} a.kb-answer").first
    first_answer.focus()
    page.keyboard.press("Enter")
    assert visible_step(page) != real_kb.tree.start
    focused = page.evaluate("document.activeElement.classList.contains('kb-step__question')")
    assert focused
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.tagName") == "A"
    assert page.problems == []


def test_works_with_javascript_off(browser, site_server, real_kb):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(start_url(site_server, OTHER_LATIN_LANGUAGE))
    page.locator(f"{VISIBLE_STEP} a.kb-answer").first.click()
    page.wait_for_load_state()
    first = real_kb.tree.questions[real_kb.tree.start]["answers"][0]
    assert visible_step(page) == first.get("next", f"{real_kb.tree.start}/{first['id']}")
    page.go_back()
    assert visible_step(page) == real_kb.tree.start
    context.close()


@pytest.mark.parametrize("language", WALKED_LANGUAGES)
def test_every_cause_is_reached_by_clicking_with_javascript_on(page, site_server, real_kb, language):
    """Every outcome, walked by clicks in one page load: together they name all 25 causes, each within 4 answers."""
    tree = real_kb.tree
    page.goto(start_url(site_server, language))
    page.evaluate("window.kbSamePage = true")
    reached = set()
    for question_id, steps in tree.paths.items():
        for index, answer in enumerate(tree.questions[question_id]["answers"]):
            if "causes" not in answer:
                continue
            if visible_step(page) != tree.start:
                page.locator(f"{VISIBLE_STEP} a.kb-restart").click()
            clicks = [step.answer_index for step in steps] + [index]
            assert len(clicks) <= MAX_ANSWERS
            for click in clicks:
                answer_link(page, click).click()
            assert visible_step(page) == f"{question_id}/{answer['id']}"
            hrefs = page.locator(f"{VISIBLE_STEP} a.md-button[href*='causes/']").evaluate_all(
                "links => links.map(link => link.getAttribute('href'))")
            found = {match.group(1) for href in hrefs if (match := CAUSE_HREF.search(href))}
            assert found == set(answer["causes"]), (question_id, answer["id"], hrefs)
            reached |= found
    assert reached == set(real_kb.causes)
    assert page.evaluate("window.kbSamePage") is True, "answers must not reload the page"
    assert page.problems == []
