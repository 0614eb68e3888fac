"""Golden reader paths through the real troubleshooter, and the rules its wording follows.

The graph checks (kb/tree.py) prove every cause reachable; these cases pin the
paths readers were found to need (issue 15): each list of answers must reach its
cause within three answers. The other tests check what the walks found wrong:
"I'm not sure" outcomes that left causes out, answers worded differently from
the page they open, and "Before you submit again" on outcomes where nothing is
resubmitted.
"""
from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from markupsafe import escape

from helpers import LANGUAGES, ROOT
from kb import tree_pages
from kb.project import load_project

NOT_SURE = "not-sure"

# (answer ids from the start question, a cause the outcome must list)
GOLDEN_PATHS = [
    (["security"], "acct-suspected-compromise"),
    (["security"], "scam-fake-support"),
    (["failing-now", "face"], "kyc-face-check-failed"),
    (["failing-now", "upload"], "kyc-upload-stuck"),
    (["failing-now", "camera"], "kyc-camera-not-working"),
    (["failing-now", NOT_SURE], "kyc-camera-not-working"),
    (["rejected", "document-type", "wrong-one"], "kyc-wrong-doc-rejected"),
    (["rejected", "document-type", "unsupported"], "kyc-doc-type-unsupported"),
    (["stuck", "wrong-document"], "kyc-wrong-doc-submitted"),
    (["account", "locked"], "acct-locked-after-kyc"),
    (["rejected", NOT_SURE], "kyc-doc-screen-or-edited"),
    ([NOT_SURE], "acct-suspected-compromise"),
    ([NOT_SURE], "scam-fake-support"),
]


def _follow(tree, answer_ids):
    """The answer reached by choosing answer_ids from the start, or an assertion naming the first wrong step."""
    question_id = tree.start
    for position, answer_id in enumerate(answer_ids):
        answers = {answer["id"]: answer for answer in tree.questions[question_id]["answers"]}
        assert answer_id in answers, f"{question_id} has no answer {answer_id}"
        answer = answers[answer_id]
        if position < len(answer_ids) - 1:
            assert "next" in answer, f"{question_id}/{answer_id} is an outcome, not a question"
            question_id = answer["next"]
    return answer


@pytest.mark.parametrize(("answer_ids", "cause"), GOLDEN_PATHS, ids=lambda value: "/".join(value) if isinstance(value, list) else value)
def test_golden_path_reaches_its_cause_within_three_answers(real_kb, answer_ids, cause):
    assert len(answer_ids) <= 3
    assert cause in _follow(real_kb.tree, answer_ids).get("causes", [])


def _branch_causes(tree, question_id):
    """Every cause reachable from a question, through any of its answers."""
    found = []
    for answer in tree.questions[question_id]["answers"]:
        if "next" in answer:
            found += _branch_causes(tree, answer["next"])
        else:
            found += answer["causes"]
    return set(found)


def test_every_question_but_the_first_has_a_not_sure_answer_listing_its_whole_branch(real_kb):
    tree = real_kb.tree
    for question_id, question in tree.questions.items():
        if question_id == tree.start:
            continue
        not_sure = [answer for answer in question["answers"] if answer["id"] == NOT_SURE]
        assert len(not_sure) == 1, question_id
        missing = _branch_causes(tree, question_id) - set(not_sure[0]["causes"])
        assert not missing, (question_id, sorted(missing))


def test_the_first_not_sure_answer_lists_a_cause_of_every_first_answer(real_kb):
    tree = real_kb.tree
    answers = tree.questions[tree.start]["answers"]
    not_sure = set(next(answer for answer in answers if answer["id"] == NOT_SURE)["causes"])
    for answer in answers:
        if answer["id"] == NOT_SURE:
            continue
        branch = _branch_causes(tree, answer["next"]) if "next" in answer else set(answer["causes"])
        assert branch & not_sure, answer["id"]


def test_outcome_answers_use_the_title_of_the_page_they_open(real_kb):
    """The reader should recognise, on the outcome, the words of the answer they chose.

    Only an answer that groups several causes may say `own_words: true`, and only such
    answers and "I'm not sure" have words of their own."""
    for question_id, question in real_kb.tree.questions.items():
        for answer in question["answers"]:
            if "causes" not in answer or answer["id"] == NOT_SURE or answer.get("own_words"):
                continue
            title = real_kb.causes[answer["causes"][0]]["title"]
            for language in LANGUAGES:
                assert answer["text"][language] == title[language], (question_id, answer["id"], language)
    grouped = [(q, a["id"]) for q, question in real_kb.tree.questions.items() for a in question["answers"]
               if a.get("own_words")]
    assert grouped, "own_words is in use (document-message, mistake)"
    for question_id, answer_id in grouped:
        answer = next(a for a in real_kb.tree.questions[question_id]["answers"] if a["id"] == answer_id)
        assert len(answer["causes"]) >= 2, (question_id, answer_id)


def _outcome_section(markdown, step):
    """The markdown of one outcome panel of a tree page."""
    return markdown.split(f'data-step="{step}" data-step-kind="outcome"', 1)[1].split("</section>", 1)[0]


@pytest.mark.parametrize("language", LANGUAGES)
def test_before_you_submit_again_only_where_resubmitting_is_next(real_kb, language):
    renderer = load_project(ROOT / "site-data").renderer
    page = next(page for page in renderer.pages() if page.template == tree_pages.TEMPLATE)
    markdown = renderer.render(page, language)
    ui = renderer.context(language)["t"]
    resubmit, neutral = ui("tree.next_steps"), ui("tree.more_help")

    def shows(label, section):
        # The label may reach the markdown escaped (an apostrophe as &#39;) and with French
        # no-break spaces written as plain ones, so both sides are compared without them.
        plain = lambda text: text.replace("\u00a0", " ").replace("\u202f", " ")
        return plain(label) in plain(section) or plain(str(escape(label))) in plain(section)
    seen = set()
    for question_id, question in real_kb.tree.questions.items():
        for answer in question["answers"]:
            if "causes" not in answer:
                continue
            section = _outcome_section(markdown, f"{question_id}/{answer['id']}")
            expected, other = (resubmit, neutral) if answer.get("resubmit") else (neutral, resubmit)
            assert shows(expected, section) and not shows(other, section), (question_id, answer["id"])
            seen.add(bool(answer.get("resubmit")))
            categories = {real_kb.causes[cause]["category"] for cause in answer["causes"]}
            if answer.get("resubmit"):
                # Sign-up and account-safety causes are never fixed by sending the verification again.
                assert not categories & {"registration", "account-safety"}, (question_id, answer["id"])
    assert seen == {True, False}


def test_outcome_label_is_chosen_by_the_data(fixture_kb):
    """The same outcome gets the resubmit label once tree.yml marks it, and loses it when unmarked."""
    def label(marked):
        tree_file = fixture_kb / "tree.yml"
        text = tree_file.read_text(encoding="utf-8")
        text = text.replace("        resubmit: true\n", "")
        if marked:
            text = text.replace("causes: [doc-expired]\n", "causes: [doc-expired]\n        resubmit: true\n", 1)
        tree_file.write_text(text, encoding="utf-8")
        renderer = load_project(fixture_kb).renderer
        page = next(page for page in renderer.pages() if page.template == tree_pages.TEMPLATE)
        html = BeautifulSoup(renderer.render(page, "en"), "lxml")
        outcome = html.select_one('section[data-step="which-problem/expired"]')
        ui = renderer.context("en")["t"]
        return ui("tree.next_steps") in outcome.decode(), ui("tree.more_help") in outcome.decode()

    assert label(marked=True) == (True, False)
    assert label(marked=False) == (False, True)
