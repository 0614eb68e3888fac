"""Keyboard only: a reader who cannot use a mouse walks the troubleshooter to a fix,
searches, and switches to the dark scheme, with Tab, Enter and the arrow keys.

Runs on the small fixture site (its tree has a question step and outcomes), so it
follows the flow, not the wording. Every step is reached by pressing Tab from where
focus is, as a person would, never by focusing an element from the script.
"""
from __future__ import annotations

from urllib.parse import urlsplit

# What has focus, and whether a reader can see it (an outline or a filled background).
FOCUSED = """() => {
  const element = document.activeElement;
  if (!element || element === document.body) return null;
  const style = getComputedStyle(element);
  let marked = (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0)
    || style.backgroundColor !== "rgba(0, 0, 0, 0)" || style.boxShadow !== "none";
  // Material's palette radio is invisible; its label right after it shows the focus.
  const label = element.matches("input.md-option") ? element.nextElementSibling : null;
  if (label) marked = getComputedStyle(label).outlineStyle !== "none";
  const panel = element.closest("[data-step]");
  return {
    classes: Array.from(element.classList), id: element.id, href: element.href || null,
    visible: !!(element.offsetWidth || element.offsetHeight || label), marked: marked,
    inResults: !!element.closest("[data-search-results]"),
    step: panel ? panel.getAttribute("data-step") : null,
    stepKind: panel ? panel.getAttribute("data-step-kind") : null,
  };
}"""
MAX_TABS = 60


def tab_to(page, wanted, what: str) -> dict:
    """Press Tab until `wanted(focused)` holds; every stop on the way must show its focus."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused is None:
            continue
        assert focused["marked"], f"focus is not visible on {focused}"
        if wanted(focused):
            return focused
    raise AssertionError(f"{MAX_TABS} presses of Tab did not reach {what} on {page.url}")


def visible_step(page) -> dict:
    return page.evaluate("""() => {
      const panel = document.querySelector("[data-step]:not([hidden])");
      return {step: panel.getAttribute("data-step"), kind: panel.getAttribute("data-step-kind")};
    }""")


def test_the_tree_can_be_walked_to_a_fix_with_the_keyboard(page, fixture_site_server):
    page.goto(fixture_site_server.url + "troubleshoot/")
    seen = [visible_step(page)["step"]]
    while visible_step(page)["kind"] == "question":
        current = visible_step(page)["step"]
        answer = tab_to(page, lambda f: "kb-answer" in f["classes"] and f["step"] == current and f["visible"],
                        f"an answer of step {current}")
        page.keyboard.press("Enter")
        page.wait_for_function("step => document.querySelector('[data-step]:not([hidden])')"
                               ".getAttribute('data-step') !== step", arg=current)
        assert page.url == answer["href"], "the address names the step now shown"
        # Focus moves to the new question, so the next Tab continues from there.
        focused = page.evaluate(FOCUSED)
        assert focused and "kb-step__question" in focused["classes"] and focused["step"] == visible_step(page)["step"]
        seen.append(visible_step(page)["step"])
        assert len(seen) < 20, f"the walk does not end: {seen}"
    assert len(seen) >= 3, f"expected a question step between the start and the outcome: {seen}"

    outcome = visible_step(page)["step"]
    fix = tab_to(page, lambda f: "md-button" in f["classes"] and f["step"] == outcome and f["visible"],
                 "the first cause's fix")
    page.keyboard.press("Enter")
    page.wait_for_url(fix["href"])
    path = urlsplit(page.url)
    assert path.path.startswith("/causes/") and path.fragment == "fix"
    assert page.locator("#fix").is_visible()


def test_search_can_be_used_with_the_keyboard(page, fixture_site_server):
    page.goto(fixture_site_server.url + "faq/")
    tab_to(page, lambda f: f["id"] == "kb-search-input", "the search box")
    page.keyboard.type("expired")
    page.wait_for_function("() => document.querySelector('[data-search-results]')"
                           ".getAttribute('data-search-query') === 'expired'")
    page.keyboard.press("ArrowDown")
    first = page.evaluate(FOCUSED)
    assert first["inResults"] and first["href"] and first["marked"], first
    page.keyboard.press("Enter")
    page.wait_for_url(first["href"])
    assert not page.problems, page.problems


def test_the_dark_scheme_can_be_chosen_with_the_keyboard(page, fixture_site_server):
    page.goto(fixture_site_server.url)
    scheme = "document.body.getAttribute('data-md-color-scheme')"
    assert page.evaluate(scheme) == "default"
    tab_to(page, lambda f: "md-option" in f["classes"], "the colour scheme switch")
    page.keyboard.press("ArrowRight")
    assert page.evaluate(scheme) == "slate"
    page.reload()
    assert page.evaluate(scheme) == "slate", "the choice is kept for the next page"
