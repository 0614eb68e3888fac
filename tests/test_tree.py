"""The decision tree: graph facts of the real tree, and its static pages crawled by links only."""
from __future__ import annotations

from collections import deque
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import lxml.html
import pytest

from helpers import LANGUAGES, language_root
from kb.tree import MAX_ANSWERS


def test_every_cause_is_reachable_within_the_answer_limit(real_kb):
    depths = real_kb.tree.cause_depths()
    assert set(depths) == set(real_kb.causes)
    assert max(depths.values()) <= MAX_ANSWERS
    # Printed so `pytest -s` doubles as the depth report the issue asks for.
    for cause, depth in sorted(depths.items(), key=lambda item: (item[1], item[0])):
        print(f"{depth}  {cause}")


def test_every_question_offers_at_least_two_answers(real_kb):
    for question_id, question in real_kb.tree.questions.items():
        assert len(question["answers"]) >= 2, question_id


# The tree pages are large (each served page holds every step): lxml reads them, XPath finds the parts.
def _read(page: Path):
    return lxml.html.fromstring(page.read_bytes())


def _visible_step(html):
    steps = html.xpath("//*[@data-step][not(@hidden)]")
    assert len(steps) == 1
    return steps[0]


def _links(element, css_class: str, href_part: str = ""):
    """The hrefs of the links with this class (and, if given, this text in their href) below element."""
    return element.xpath(f".//a[contains(concat(' ', normalize-space(@class), ' '), ' {css_class} ')]"
                         f"[contains(@href, '{href_part}')]/@href")


@pytest.mark.parametrize("language", LANGUAGES)
def test_static_tree_reaches_every_cause_by_following_links(built_site, real_kb, language):
    """Without JavaScript: start at troubleshoot/, follow only visible answer links."""
    base = language_root(built_site, language, real_kb.site.default_language)
    start = (base / "troubleshoot" / "index.html").resolve()
    site_root = built_site.resolve()
    seen, reached = {start}, {}
    queue = deque([(start, 0)])
    while queue:
        page, depth = queue.popleft()
        html = _read(page)
        assert html.get("lang") == language
        step = _visible_step(html)
        if step.get("data-step-kind") == "outcome":
            for href in _links(step, "md-button", "causes/"):
                target = (page.parent / urlsplit(href).path / "index.html").resolve()
                assert target.exists(), (page, href)
                cause = target.parent.name
                reached[cause] = min(depth, reached.get(cause, depth))
            continue
        answers = _links(step, "kb-answer")
        assert len(answers) >= 2, page
        for href in answers:
            target = (page.parent / href / "index.html").resolve()
            assert target.exists() and site_root in target.parents, (page, href)
            if target not in seen:
                seen.add(target)
                queue.append((target, depth + 1))
    assert set(reached) == set(real_kb.causes)
    assert max(reached.values()) <= MAX_ANSWERS


@pytest.mark.parametrize("language", LANGUAGES)
def test_tree_is_linked_from_home_and_cause_index(built_site, real_kb, language):
    base = language_root(built_site, language, real_kb.site.default_language)
    for page in (base / "index.html", base / "causes" / "index.html"):
        targets = {(page.parent / href).resolve() for href in _read(page).xpath("//article//a/@href")}
        assert (base / "troubleshoot").resolve() in targets, page


def test_outcome_pages_summarise_the_answers_given(built_site, real_kb):
    tree = real_kb.tree
    for question_id, question in tree.questions.items():
        for answer in question["answers"]:
            if "causes" not in answer:
                continue
            page = built_site / "troubleshoot" / question_id / answer["id"] / "index.html"
            so_far = _visible_step(_read(page)).xpath(
                ".//*[contains(concat(' ', normalize-space(@class), ' '), ' kb-so-far ')]//li")
            assert len(so_far) == len(tree.paths[question_id]) + 1, page
            # The site root holds the default language.
            assert answer["text"][real_kb.site.default_language] in so_far[-1].text_content()
