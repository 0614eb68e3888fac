"""axe-core finds no accessibility problem on any page type, in any language, light or dark.

axe-core comes from npm at the version pinned in package.json (`make test` runs
`npm ci`). It runs in Debian's Chromium on the real site, on every page type in every
language and in both colour schemes (CASES says which meets which), and every rule
it runs by default must pass: WCAG
2.0-2.2 A and AA and axe's best practices, at every impact level. The dark scheme is
reached the way a reader reaches it, through the system preference that Material's
palette follows; the test checks that the page really switched to it.

One browser and one page per colour scheme serve every case, with axe injected
into each document before the page's own scripts run.
"""
from __future__ import annotations

import json
from pathlib import Path

import material
import pytest

from helpers import CJK_LANGUAGES, DEFAULT_LANGUAGE, LANGUAGES, ROOT, page_types

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCHEMES = {"light": "default", "dark": "slate"}
# page_types() plus the pages it leaves out: the support-request builder, any page
# with the search results open, and the single 404 page.
PAGE_TYPES = ("home", "cause-index", "cause", "faq", "checklist-index", "checklist", "tree-start",
              "tree-step", "tree-outcome", "about", "support-request", "search", "404")
SEARCH_QUERY = "document"
# Which pages axe sees in which scheme and on which screen. What differs between languages
# is the text and its attributes (lang, labels, titles): every page type is checked in
# every language, light, on a desktop screen. What differs between the schemes and the
# screens is colour and layout, the same in every language (one stylesheet, one
# template): the dark scheme is checked on every page type in the default language;
# the phone-sized layout below Material's 76.25em (navigation in a drawer, the table of
# contents inside it) on every page type in a CJK language, light, and in the default
# language, dark. Each scheme and screen thus meets every page type, and each language
# every page type.
VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "mobile": {"width": 375, "height": 740}}
MOBILE_LANGUAGE = CJK_LANGUAGES[0] if CJK_LANGUAGES else DEFAULT_LANGUAGE
CASE_LANGUAGES = {("light", "desktop"): LANGUAGES, ("dark", "desktop"): (DEFAULT_LANGUAGE,),
                  ("light", "mobile"): (MOBILE_LANGUAGE,), ("dark", "mobile"): (DEFAULT_LANGUAGE,)}
CASES = [(scheme, viewport, language, kind)
         for (scheme, viewport), languages in CASE_LANGUAGES.items() for language in languages for kind in PAGE_TYPES
         # One 404.html serves every language (it links to each language's home page).
         if kind != "404" or language == DEFAULT_LANGUAGE]


# Opening the search fades the field from the header's translucent white to solid
# white in about 0.2 s; axe must judge the colours a reader reads, not a frame of
# that fade (CI once caught one at 3.5:1). Infinite animations, if any, are not
# waited for.
SETTLE_TRANSITIONS = """Promise.all(document.getAnimations()
    .filter(animation => isFinite(animation.effect.getComputedTiming().endTime))
    .map(animation => animation.finished.catch(() => null))).then(() => true)"""


@pytest.fixture(scope="module")
def axe_pages(browser):
    """A page per colour scheme and screen size that has axe-core in every document it loads."""
    assert AXE.is_file(), f"{AXE.relative_to(ROOT)} is missing: run `npm ci --omit=dev` (make test does)"
    contexts, pages = [], {}
    for scheme in SCHEMES:
        for viewport, size in VIEWPORTS.items():
            context = browser.new_context(color_scheme=scheme, viewport=size,
                                          is_mobile=viewport == "mobile", has_touch=viewport == "mobile")
            context.set_default_timeout(15_000)
            context.add_init_script(path=str(AXE))
            contexts.append(context)
            pages[scheme, viewport] = context.new_page()
    yield pages
    for context in contexts:
        context.close()


def _url(site_server, real_kb, language: str, kind: str) -> str:
    paths = dict(page_types(real_kb), **{"support-request": "support-request/", "search": f"?q={SEARCH_QUERY}"})
    if kind == "404":
        return site_server.url + "404.html"
    return site_server.url + ("" if language == DEFAULT_LANGUAGE else f"{language}/") + paths[kind]


def _describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} — {violation['helpUrl']}")
        for node in violation["nodes"][:5]:
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"    {' '.join(map(str, node['target']))}: {summary}")
        if len(violation["nodes"]) > 5:
            lines.append(f"    … and {len(violation['nodes']) - 5} more")
    return "\n".join(lines)


@pytest.mark.parametrize("scheme, viewport, language, kind", CASES, ids=["-".join(case) for case in CASES])
def test_no_axe_violations(axe_pages, site_server, real_kb, scheme, viewport, language, kind):
    page = axe_pages[scheme, viewport]
    response = page.goto(_url(site_server, real_kb, language, kind))
    assert response is not None and response.ok, f"{page.url}: HTTP {response and response.status}"
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == SCHEMES[scheme]
    if kind == "search":
        results = page.locator(f'[data-search-results][data-search-query="{SEARCH_QUERY}"]')
        results.wait_for(state="visible")
    page.evaluate(SETTLE_TRANSITIONS)
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    assert result["violations"] == [], f"{page.url} ({scheme}, {viewport}):\n{_describe(result['violations'])}"


def test_axe_is_the_pinned_version(axe_pages, site_server):
    pinned = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["dependencies"]["axe-core"]
    page = axe_pages["light", "desktop"]
    page.goto(site_server.url)
    assert page.evaluate("axe.version") == pinned


# -- our copies of Material's partials ----------------------------------------

MATERIAL_PARTIALS = Path(material.__file__).parent / "templates" / "partials"
# partial: [(Material's text, ours, how many times)]. Everything else must be Material's own.
PARTIAL_FIXES = {
    # The previous/next links' labels: the page title decoded once, and the language's punctuation.
    "footer.html": [(f'aria-label="{{{{ direction }}}}: {{{{ page.{link}_page.title | e }}}}"',
                     f"aria-label=\"{{{{ (kb_ui | d(config.extra.kb_ui))['footer.link_label'] | "
                     f"replace('{{direction}}', direction) | replace('{{title}}', page.{link}_page.title | striptags) "
                     f'| e }}}}"', 1)
                    for link in ("previous", "next")],
    "nav-item.html": [("{% set toc = page.toc %}",
                       '{% set toc = [] if page.meta and page.meta.hide and "toc" in page.meta.hide else page.toc %}', 1)],
}


def _without_opening_comment(text: str) -> str:
    assert text.startswith("{#-")
    return text[text.index("-#}") + 3:]


@pytest.mark.parametrize("partial", sorted(PARTIAL_FIXES))
def test_partial_differs_from_materials_only_by_its_fix(partial):
    material_text = _without_opening_comment((MATERIAL_PARTIALS / partial).read_text(encoding="utf-8"))
    expected = material_text
    for old, new, count in PARTIAL_FIXES[partial]:
        assert material_text.count(old) == count, f"Material's partials/{partial} changed where we fix it"
        expected = expected.replace(old, new)
    ours = _without_opening_comment((ROOT / "overrides" / "partials" / partial).read_text(encoding="utf-8"))
    assert ours == expected, (
        f"Material's partials/{partial} changed: copy it again into overrides/partials/{partial} and make "
        + "; ".join(f"`{old}` `{new}`" for old, new, _ in PARTIAL_FIXES[partial]))
