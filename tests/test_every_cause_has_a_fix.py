"""The mission's own test: every cause links to at least one fix, in every language.

Checked twice: in the data (each cause names solutions whose steps exist in
every language) and in the built HTML (each cause page in each language shows the
numbered steps of its solutions, in that language).
"""
from __future__ import annotations

import markdown
import pytest
from bs4 import BeautifulSoup

from helpers import LANGUAGES, language_root


def plain(markdown_text: str, language: str, kb) -> str:
    """The text of a step as the page shows it: rendered as an item of a numbered list, with
    the words the renderer adds after a link to a page in another language ("(page in English)")."""
    from kb.link_languages import LinkLanguages, mark_other_language_links
    markdown_text = mark_other_language_links(markdown_text, language, LinkLanguages(kb.allowed_domains),
                                              kb.ui[language]["link.other_language"],
                                              kb.site.language(language).typography)
    item = "1. " + markdown_text.replace("\n", "\n    ")
    html = BeautifulSoup(markdown.markdown(item, extensions=["attr_list"]), "lxml")
    return " ".join(html.find("li").get_text().split())


def test_every_cause_names_a_solution_with_steps_in_every_language(real_kb):
    assert real_kb.causes
    for cause in real_kb.causes.values():
        assert cause["solutions"], cause.id
        for solution_id in cause["solutions"]:
            steps = real_kb.solutions[solution_id]["steps"]
            assert steps, solution_id
            for step in steps:
                for language in real_kb.languages:
                    assert step[language].strip(), (solution_id, language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_cause_page_shows_its_numbered_fix_steps(built_site, real_kb, language):
    base = language_root(built_site, language, real_kb.site.default_language)
    for cause in real_kb.causes.values():
        html = BeautifulSoup((base / "causes" / cause.id / "index.html").read_text(encoding="utf-8"), "lxml")
        for solution_id in cause["solutions"]:
            heading = html.select_one(f'h3[id="fix-{solution_id}"]')
            assert heading is not None, (language, cause.id, solution_id)
            steps = heading.find_next_sibling("ol")
            assert steps is not None, (language, cause.id, solution_id)
            shown = [" ".join(li.get_text().split()) for li in steps.find_all("li", recursive=False)]
            expected = [plain(step[language], language, real_kb) for step in real_kb.solutions[solution_id]["steps"]]
            assert shown == expected, (language, cause.id, solution_id)
