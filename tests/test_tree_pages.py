"""Tree pages rendered from one shared rendering are exactly the pages a full rendering gives."""
from __future__ import annotations

import pytest

from kb import tree_pages
from kb.project import load_project

from helpers import ROOT


def _tree_pages(renderer):
    return [page for page in renderer.pages() if page.template == tree_pages.TEMPLATE]


@pytest.mark.parametrize("data", ["real", "fixture"])
def test_every_tree_page_equals_its_full_rendering(data, fixture_kb):
    renderer = load_project(ROOT / "site-data" if data == "real" else fixture_kb).renderer
    pages = _tree_pages(renderer)
    assert len(pages) >= 3
    for language in renderer.kb.languages:
        for page in pages:
            full = renderer._render_full(page.template, language, page.context)
            assert renderer.render(page, language) == full, (language, page.path)


def test_the_current_panel_is_the_only_one_shown(fixture_kb):
    renderer = load_project(fixture_kb).renderer
    for page in _tree_pages(renderer):
        markdown = renderer.render(page, "en")
        current = page.context["current"]
        assert f'data-current-step="{current}"' in markdown
        shown = [line for line in markdown.splitlines()
                 if line.startswith("<section ") and tree_pages.HIDDEN not in line]
        assert len(shown) == 1 and f'data-step="{current}"' in shown[0], (page.path, shown)


def test_a_template_that_no_longer_matches_is_rendered_in_full():
    calls = []

    def render_full(language, context):
        calls.append(context["current"])
        return f"<div>{context['current']}</div>"  # no marker, no panels: the fast path cannot apply

    pages = tree_pages.TreePages(render_full)
    assert pages.render("en", {"current": "q1", "up": ""}) == "<div>q1</div>"
    assert calls == [tree_pages.PLACEHOLDER, "q1"]
