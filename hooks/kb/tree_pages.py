"""The troubleshooter's pages, rendered once per language instead of once per page.

Every tree page holds every step of the tree as a panel (templates/tree-page.md.j2)
and differs from the others only in which panel is shown and in the `up` prefix
of its links (one per folder depth). Rendering the whole template for each of the
41 pages was most of the time our pipeline adds to a build (BENCHMARKS.md, build
speed), so the template is rendered once per language and `up`, with every panel
hidden, and each page then shows its own panel.

The result is the same text as a full rendering (tests/test_tree_pages.py compares
every tree page in every language); a template whose markup no longer matches
what this expects is rendered in full, so a change there costs speed, never
correctness.
"""
from __future__ import annotations

from typing import Callable

TEMPLATE = "tree-page.md.j2"
# A value no step id can take (ids are lower-case words and hyphens).
PLACEHOLDER = "kb:current-step"
HIDDEN = ' hidden data-pagefind-ignore="all"'


class TreePages:
    """Renders tree pages from one shared rendering per (language, up)."""

    def __init__(self, render_full: Callable[[str, dict], str]):
        """render_full(language, page_context) renders the template in full."""
        self._render_full = render_full
        self._shared: dict[tuple[str, str], str] = {}

    def render(self, language: str, context: dict) -> str:
        current = context["current"]
        key = (language, context["up"])
        if key not in self._shared:
            self._shared[key] = self._render_full(language, dict(context, current=PLACEHOLDER))
        shared = self._shared[key]
        marker = f'data-current-step="{PLACEHOLDER}"'
        kind = "outcome" if "/" in current else "question"
        panel = f'data-step="{current}" data-step-kind="{kind}"'
        if shared.count(PLACEHOLDER) != 1 or shared.count(marker) != 1 or shared.count(panel + HIDDEN) != 1:
            return self._render_full(language, context)
        return shared.replace(marker, f'data-current-step="{current}"').replace(panel + HIDDEN, panel)
