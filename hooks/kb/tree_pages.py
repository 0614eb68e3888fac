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

The offline copy keeps only each page's own panel (whole_tree=False): opened from
disk, the browser refuses to change the address to another file, so tree.js lets
every answer load the next page and the hidden panels were never shown. Repeated
on each of the 41 pages in six languages they were three quarters of the copy's
size (BENCHMARKS.md, offline copy). The served site keeps every panel, so that
its answers still open the next step in place.
"""
from __future__ import annotations

import re
from typing import Callable

TEMPLATE = "tree-page.md.j2"
# A value no step id can take (ids are lower-case words and hyphens).
PLACEHOLDER = "kb:current-step"
HIDDEN = ' hidden data-pagefind-ignore="all"'
# A hidden step panel of the template, whole: panels do not nest, and each closes on its own line.
HIDDEN_PANEL = re.compile(r'^<section class="kb-step[^"]*" data-step="[^"]*" data-step-kind="[a-z]+"'
                          + re.escape(HIDDEN) + r' markdown>\n.*?^</section>\n', re.DOTALL | re.MULTILINE)


class TreeTemplateChanged(ValueError):
    """The tree template's panels no longer look the way only_current_step expects."""


def only_current_step(markdown: str, current: str) -> str:
    """A tree page's Markdown with the hidden panels of the other steps left out."""
    kept = HIDDEN_PANEL.sub("", markdown)
    panels = re.findall(r'^<section class="kb-step[^"]*" data-step="([^"]*)"', kept, re.MULTILINE)
    if panels != [current]:
        raise TreeTemplateChanged(f"{TEMPLATE}: after leaving out the hidden steps, the page of `{current}` "
                                  f"holds the panels {panels}; each panel must open with "
                                  f"`<section class=\"kb-step…\" data-step=… data-step-kind=…{HIDDEN} markdown>` "
                                  "and close with `</section>` on its own line")
    return kept


class TreePages:
    """Renders tree pages from one shared rendering per (language, up)."""

    def __init__(self, render_full: Callable[[str, dict], str]):
        """render_full(language, page_context) renders the template in full."""
        self._render_full = render_full
        self._shared: dict[tuple[str, str], str] = {}

    def render(self, language: str, context: dict, whole_tree: bool = True) -> str:
        page = self._render_whole(language, context)
        return page if whole_tree else only_current_step(page, context["current"])

    def _render_whole(self, language: str, context: dict) -> str:
        current = context["current"]
        key = (language, context["up"])
        if key not in self._shared:
            self._shared[key] = self._render_full(language, dict(context, current=PLACEHOLDER))
        shown = show_step(self._shared[key], current)
        return shown if shown is not None else self._render_full(language, context)


def _panel(current: str) -> str:
    kind = "outcome" if "/" in current else "question"
    return f'data-step="{current}" data-step-kind="{kind}"'


def show_step(shared: str, current: str) -> str | None:
    """The page of step `current` from the Markdown every tree page of its language and depth
    shares (every panel hidden); None when the shared text does not have the expected markup."""
    marker = f'data-current-step="{PLACEHOLDER}"'
    panel = _panel(current)
    if shared.count(PLACEHOLDER) != 1 or shared.count(marker) != 1 or shared.count(panel + HIDDEN) != 1:
        return None
    return shared.replace(marker, f'data-current-step="{current}"').replace(panel + HIDDEN, panel)


_CURRENT = re.compile(r'data-current-step="([^"]*)"')


def shared_form(markdown: str) -> tuple[str, str] | None:
    """The other way round: (the shared Markdown, the step shown) of a tree page's Markdown, or
    None for any other page. Used by the preview server to convert the shared text to HTML once
    for all the pages of a language and depth (show_step_html); only a text that show_step turns
    back into exactly this page counts."""
    found = _CURRENT.findall(markdown)
    if len(found) != 1 or PLACEHOLDER in markdown:
        return None
    current = found[0]
    panel = _panel(current)
    if markdown.count(panel) != 1 or markdown.count(panel + HIDDEN):
        return None
    shared = markdown.replace(f'data-current-step="{current}"', f'data-current-step="{PLACEHOLDER}"')
    shared = shared.replace(panel, panel + HIDDEN)
    return (shared, current) if show_step(shared, current) == markdown else None


def show_step_html(html: str, current: str) -> str | None:
    """show_step on the HTML that Python-Markdown makes of the shared text (it sorts a section's
    attributes and writes `hidden` as hidden="hidden"); None when that HTML is not as expected."""
    marker = f'data-current-step="{PLACEHOLDER}"'
    kind = "outcome" if "/" in current else "question"
    hidden = re.compile(r'(<section class="kb-step[^"]*") data-pagefind-ignore="all"( data-step="'
                        + re.escape(current) + r'" data-step-kind="' + kind + r'") hidden="hidden">')
    if html.count(PLACEHOLDER) != 1 or html.count(marker) != 1 or len(hidden.findall(html)) != 1:
        return None
    return hidden.sub(r"\1\2>", html.replace(marker, f'data-current-step="{current}"'))
