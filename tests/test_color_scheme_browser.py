"""A dark-mode reader never sees the light scheme, not even for the first frame.

On a slow connection the first paint comes long before Material's deferred bundle,
which is what used to switch a first visit to the dark scheme. These tests keep the
site's script files from arriving at all (only what is inline in the page runs), or
read the page before the deferred scripts run, and look at every frame the browser
draws until the page has loaded.
"""
from __future__ import annotations

import pytest

from helpers import CJK_LANGUAGES, DEFAULT_LANGUAGE, ROOT, page_types

PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2,
         "is_mobile": True, "has_touch": True}

# Runs before the page's own scripts: notes the scheme and the page's background colour
# in every animation frame (the callbacks run right before the browser paints the frame),
# and once when the document becomes interactive, which is before deferred scripts run.
RECORD_FRAMES = """
window.kbFrames = [];
const note = (when) => {
  if (!document.body) return;
  window.kbFrames.push({when,
    body: document.body.getAttribute('data-md-color-scheme'),
    html: document.documentElement.getAttribute('data-md-color-scheme'),
    background: getComputedStyle(document.body).backgroundColor});
};
const frame = () => { note('frame'); if (document.readyState !== 'complete') requestAnimationFrame(frame); };
requestAnimationFrame(frame);
document.addEventListener('readystatechange', () => {
  if (document.readyState === 'interactive') note('interactive');
});
"""


def _luminance(colour: str) -> float:
    parts = [float(part) for part in colour[colour.index("(") + 1:-1].replace("/", " ").replace(",", " ").split()]
    return (0.2126 * parts[0] + 0.7152 * parts[1] + 0.0722 * parts[2]) / 255


def _open(browser, scheme: str, block_scripts: bool):
    context = browser.new_context(**PHONE, color_scheme=scheme)
    context.set_default_timeout(15_000)
    context.add_init_script(RECORD_FRAMES)
    if block_scripts:
        # The script files never arrive, as on a slow line at the moment of the first paint.
        context.route("**/*.js", lambda route: route.abort())
    return context


def _frames(page) -> list[dict]:
    page.wait_for_load_state("load")
    page.wait_for_timeout(100)
    return page.evaluate("window.kbFrames")


def _paths(real_kb) -> list[str]:
    types = page_types(real_kb)
    return [types["home"], types["cause"], types["tree-step"], "support-request/"]


@pytest.mark.parametrize("scheme, expected", [("dark", "slate"), ("light", "default")])
def test_every_frame_has_the_system_scheme_before_any_script_file_arrives(browser, site_server, real_kb,
                                                                          scheme, expected):
    context = _open(browser, scheme, block_scripts=True)
    try:
        page = context.new_page()
        for path in _paths(real_kb):
            page.goto(site_server.url + path)
            frames = _frames(page)
            drawn = [frame for frame in frames if frame["when"] == "frame"]
            assert drawn, (path, frames)
            for frame in frames:
                assert frame["body"] == expected and frame["html"] == expected, (path, frame)
                assert (_luminance(frame["background"]) < 0.25) == (scheme == "dark"), (path, frame)
    finally:
        context.close()


def test_the_choice_made_with_the_toggle_wins_over_the_system_before_first_paint(browser, site_server, real_kb):
    path = page_types(real_kb)["cause"]
    context = _open(browser, "light", block_scripts=False)
    try:
        page = context.new_page()
        page.goto(site_server.url + path)
        # The reader switches to dark with Material's toggle, which saves the choice.
        page.locator("[data-md-component=palette] label:not([hidden])").click()
        page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
        context.route("**/*.js", lambda route: route.abort())
        page.goto(site_server.url + page_types(real_kb)["faq"])
        for frame in _frames(page):
            assert frame["body"] == "slate", frame
        # And back to light on a dark system: the saved light choice holds from the first frame.
        context.unroute("**/*.js")
        page.emulate_media(color_scheme="dark")
        page.goto(site_server.url + path)
        page.locator("[data-md-component=palette] label:not([hidden])").click()
        page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'default'")
        context.route("**/*.js", lambda route: route.abort())
        page.goto(site_server.url + path)
        for frame in _frames(page):
            assert frame["body"] == "default", frame
    finally:
        context.close()


# The default language at the root, and a language in its own folder (and another script).
@pytest.mark.parametrize("language", [DEFAULT_LANGUAGE, CJK_LANGUAGES[-1]])
def test_the_offline_copy_is_dark_before_its_scripts_run(browser, built_offline_site, real_kb, language):
    folder = built_offline_site if language == DEFAULT_LANGUAGE else built_offline_site / language
    cause = page_types(real_kb)["cause"].rstrip("/") + ".html"
    context = _open(browser, "dark", block_scripts=False)
    try:
        page = context.new_page()
        page.goto((folder / cause).as_uri())
        frames = _frames(page)
        interactive = [frame for frame in frames if frame["when"] == "interactive"]
        assert interactive and interactive[0]["body"] == "slate", frames
        assert all(frame["body"] == "slate" for frame in frames), frames
    finally:
        context.close()


def test_the_inlined_script_names_no_tag():
    # It is copied into every page's head: "<body" in a comment is what the serve preview's
    # banner (kb/preview.py) and other readers of the page take for the real body tag.
    assert "<" not in (ROOT / "overrides/assets/kb-color-scheme.js").read_text(encoding="utf-8")
