"""Real readers' situations reach the page a careful editor expects, in their language.

benchmarks/reader_situations.yml holds situations written by people who had never
seen the troubleshooter, in each language of the site, with the cause an editor
expects and the answers the editor would give. Each path is walked on the built
static pages exactly as a reader without JavaScript walks it: on each step, the
visible answer link whose words are the answer's words in the reader's language,
then the outcome must offer the expected cause's page. The blind readers' own walks
(and where they hesitated) are recorded in the same file and in BENCHMARKS.md.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from helpers import LANGUAGES, ROOT, language_root
from html_text import visible_step
from kb.tree import MAX_ANSWERS

SITUATIONS = yaml.safe_load((ROOT / "benchmarks" / "reader_situations.yml").read_text(encoding="utf-8"))
MIN_PER_LANGUAGE = 10


def _words(text: str) -> str:
    """Text as a reader reads it: spacing and the width of a colon do not change the words."""
    return re.sub(r"\s+", "", text).replace("：", ":")


def _visible_step(page: Path):
    return visible_step(page)[0]


def test_every_language_has_its_own_situations():
    assert set(SITUATIONS["situations"]) == set(LANGUAGES)
    for language, items in SITUATIONS["situations"].items():
        assert len(items) >= MIN_PER_LANGUAGE, language
        assert len({item["id"] for item in items}) == len(items), language


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_situation_reaches_its_cause_within_the_answer_limit(built_site, real_kb, language):
    tree = real_kb.tree
    base = language_root(built_site, language, real_kb.site.default_language)
    for item in SITUATIONS["situations"][language]:
        # A situation too vague for one cause (cause: null) must still reach an outcome.
        assert item["cause"] is None or item["cause"] in real_kb.causes, item["id"]
        assert 1 <= len(item["path"]) <= MAX_ANSWERS, item["id"]
        page = base / "troubleshoot" / "index.html"
        question_id = tree.start
        for answer_id in item["path"]:
            assert question_id is not None, f"{item['id']}: the path goes on after an outcome"
            answer = next((a for a in tree.questions[question_id]["answers"] if a["id"] == answer_id), None)
            assert answer is not None, f"{item['id']}: no answer `{answer_id}` at `{question_id}`"
            links = [a for a in _visible_step(page).select("a.kb-answer")
                     if _words(a.get_text()) == _words(answer["text"][language])]
            assert len(links) == 1, f"{item['id']}: the answer `{answer_id}` is not shown once on {page}"
            page = (page.parent / links[0]["href"] / "index.html").resolve()
            assert page.exists(), f"{item['id']}: {links[0]['href']} from {question_id}"
            question_id = answer.get("next")
        assert question_id is None, f"{item['id']}: the path stops at a question, not at an outcome"
        step = _visible_step(page)
        assert step["data-step-kind"] == "outcome", item["id"]
        offered = {(page.parent / a["href"].split("#")[0] / "index.html").resolve().parent.name
                   for a in step.select("a[href*='causes/']")}
        assert offered, f"{item['id']}: {page} offers no cause"
        assert item["cause"] is None or item["cause"] in offered, f"{item['id']}: {page} offers {sorted(offered)}"


def test_every_hesitation_of_a_blind_reader_is_fixed_or_explained():
    """The blind walks are recorded, and no hesitation is left without a word on it."""
    for language, items in SITUATIONS["situations"].items():
        for item in items:
            walk = item["walk"]
            assert isinstance(walk["hesitated"], bool), item["id"]
            if walk["hesitated"]:
                assert walk.get("why"), item["id"]
                assert walk.get("resolution") in {"fixed", "explained", "gap"}, item["id"]
                assert len(walk.get("resolution_note", "")) > 40, item["id"]
