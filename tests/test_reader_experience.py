"""Reader experience on a phone (issue 12): line breaking per script, heading permalinks,
controls and the language menu, measured in Chromium on the real site at 390x844."""
from __future__ import annotations

import pytest

from helpers import (CJK_LANGUAGES, DEFAULT_LANGUAGE, LANGUAGES, LATIN_LANGUAGES, OTHER_LATIN_LANGUAGE, ROOT_AND_CJK,
                     language_root, page_types)
from html_text import visible_step

PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2,
         "is_mobile": True, "has_touch": True}


def url(site_server, language: str, path: str) -> str:
    prefix = "" if language == DEFAULT_LANGUAGE else f"{language}/"
    return f"{site_server.url}{prefix}{path}"


@pytest.fixture
def phone(browser):
    """A phone-sized, touch page in the light scheme; phone.dark() gives one in the dark scheme."""
    contexts = []

    def open_page(scheme: str = "light", javascript: bool = True):
        context = browser.new_context(**PHONE, color_scheme=scheme, java_script_enabled=javascript)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


# Relative luminance and contrast (WCAG 2.x), on colours composited over their background:
# Material's text colours are translucent (rgba(0,0,0,.87)).
CONTRAST_JS = """
([selector, property]) => {
  const parse = (value) => {
    const m = value.match(/rgba?\\(([^)]+)\\)/);
    if (!m) throw new Error('unparsed colour ' + value);
    const parts = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
    return {r: parts[0], g: parts[1], b: parts[2], a: parts.length > 3 ? parts[3] : 1};
  };
  const over = (top, bottom) => ({
    r: top.r * top.a + bottom.r * (1 - top.a), g: top.g * top.a + bottom.g * (1 - top.a),
    b: top.b * top.a + bottom.b * (1 - top.a), a: 1});
  // A text colour sits on the element's own fill; a border on what is around the element.
  const background = (element) => {
    const layers = [];
    for (let node = property === 'color' ? element : element.parentElement; node; node = node.parentElement) {
      const colour = parse(getComputedStyle(node).backgroundColor);
      if (colour.a > 0) layers.push(colour);
      if (colour.a === 1) break;
    }
    return layers.reverse().reduce((acc, layer) => over(layer, acc), {r: 255, g: 255, b: 255, a: 1});
  };
  const luminance = ({r, g, b}) => {
    const [R, G, B] = [r, g, b].map((c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4); });
    return 0.2126 * R + 0.7152 * G + 0.0722 * B;
  };
  const element = document.querySelector(selector);
  if (!element) throw new Error('no element ' + selector);
  const back = background(element);
  const front = over(parse(getComputedStyle(element)[property]), back);
  const [l1, l2] = [luminance(front), luminance(back)].sort((a, b) => b - a);
  return (l1 + 0.05) / (l2 + 0.05);
}
"""


# --- 1. Scripts ---------------------------------------------------------------------


def test_korean_keeps_words_whole_japanese_breaks_strictly_chinese_headings_balance(phone, site_server, real_kb):
    path = page_types(real_kb)["cause"]
    styles = "(e) => { const s = getComputedStyle(e); return [s.wordBreak, s.overflowWrap, s.lineBreak, s.textWrapStyle || s.textWrap]; }"
    page = phone()
    found = {}
    # The rules are written for these three languages by name (overrides/assets/kb.css,
    # :lang(ko), :lang(ja) and :lang(zh)), so the test names them too; every Latin language
    # is the control the rules must leave alone.
    for language in ("ko", "ja", "zh", *LATIN_LANGUAGES):
        page.goto(url(site_server, language, path))
        assert page.evaluate("document.documentElement.lang") == language
        found[language] = {"p": page.eval_on_selector(".md-typeset p", styles),
                           "h1": page.eval_on_selector(".md-typeset h1", styles)}
    assert found["ko"]["p"][:2] == ["keep-all", "anywhere"]
    assert found["ko"]["h1"][:2] == ["keep-all", "anywhere"]
    assert found["ja"]["p"][2] == "strict"
    assert found["zh"]["h1"][3] in ("balance", "pretty")
    # Scoped to those scripts: a Latin language keeps the browser's defaults.
    for latin in LATIN_LANGUAGES:
        assert found[latin]["p"][0] == "normal" and found[latin]["p"][2] == "auto", latin
        assert found[latin]["p"][1] != "anywhere", latin
        assert found[latin]["h1"][3] not in ("balance", "pretty"), latin
    assert found["ko"]["p"][3] not in ("balance", "pretty")


def test_a_long_korean_string_without_spaces_does_not_overflow(phone, site_server, real_kb):
    # keep-all forbids breaks between Hangul syllables; overflow-wrap: anywhere must still
    # wrap a long run (an e-mail address, a UID) inside the phone's width. Korean by name:
    # keep-all is kb.css's rule for :lang(ko).
    page = phone()
    page.goto(url(site_server, "ko", page_types(real_kb)["cause"]))
    width = page.evaluate("""() => {
        const p = document.querySelector('.md-typeset p');
        p.textContent = 'someone.with.a.very.long.address.name@example-mail-provider.com' + '가나다라마바사아자차카타파하'.repeat(4);
        return [p.scrollWidth, p.clientWidth, document.documentElement.scrollWidth, window.innerWidth];
    }""")
    assert width[0] <= width[1] and width[2] <= width[3], width


# --- 2. Heading permalinks -----------------------------------------------------------


def test_permalinks_add_no_line_under_headings_on_phones(phone, site_server, real_kb):
    page = phone()
    for path in (page_types(real_kb)["tree-start"], page_types(real_kb)["cause"]):
        # A Latin language and every CJK one, each under /<code>/: keep-all (Korean) and the
        # CJK line breaking are the rules that could push the permalink onto a line of its own.
        for language in (OTHER_LATIN_LANGUAGE, *CJK_LANGUAGES):
            page.goto(url(site_server, language, path))
            heights = page.evaluate("""() => [...document.querySelectorAll('.md-typeset h1, .md-typeset h2')]
                .filter((h) => h.offsetParent && h.querySelector('.headerlink')).map((h) => {
                  const before = h.getBoundingClientRect().height;
                  const link = h.querySelector('.headerlink');
                  link.remove();
                  const after = h.getBoundingClientRect().height;
                  h.appendChild(link);
                  return [h.textContent.trim(), before, after];
                })""")
            assert heights, (language, path)
            grown = [h for h in heights if h[1] > h[2] + 0.5]
            assert not grown, (language, path, grown)
            # Touch screens cannot hover to reveal it: it is not shown, and is no tab stop.
            assert page.eval_on_selector(".md-typeset h1 .headerlink", "(e) => getComputedStyle(e).display") == "none"


def test_permalinks_are_labelled_in_the_page_language(built_site, real_kb):
    from bs4 import BeautifulSoup
    path = page_types(real_kb)["cause"]
    for language in LANGUAGES:
        html = (language_root(built_site, language) / path / "index.html").read_text(encoding="utf-8")
        titles = {a.get("title") for a in BeautifulSoup(html, "lxml").select("a.headerlink")}
        assert titles == {real_kb.ui[language]["heading.permalink"]}, (language, titles)


def test_permalinks_still_show_for_mouse_users(browser, site_server, real_kb):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        page.goto(url(site_server, OTHER_LATIN_LANGUAGE, page_types(real_kb)["cause"]))
        page.hover(".md-typeset h2")
        link = page.locator(".md-typeset h2 .headerlink").first
        assert link.evaluate("(e) => getComputedStyle(e).display") != "none"
        assert link.evaluate("(e) => getComputedStyle(e).position") == "absolute"
    finally:
        context.close()


# --- 3. Controls ---------------------------------------------------------------------


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_h1_is_dark_and_bold_and_control_borders_reach_3_to_1(phone, site_server, real_kb, scheme):
    types = page_types(real_kb)
    page = phone(scheme)
    page.goto(url(site_server, DEFAULT_LANGUAGE, types["tree-start"]))
    expected = "slate" if scheme == "dark" else "default"
    assert page.evaluate("document.body.dataset.mdColorScheme") == expected
    assert int(page.eval_on_selector(".md-typeset h1", "(e) => getComputedStyle(e).fontWeight")) >= 700
    assert page.evaluate(CONTRAST_JS, [".md-typeset h1", "color"]) >= 7
    answer = ".kb-step:not([hidden]) .kb-answer"
    assert page.evaluate(CONTRAST_JS, [answer, "borderTopColor"]) >= 3
    assert page.evaluate(CONTRAST_JS, [answer, "color"]) >= 4.5
    page.goto(url(site_server, DEFAULT_LANGUAGE, types["tree-outcome"]))
    button = ".kb-step:not([hidden]) .md-button"
    assert page.evaluate(CONTRAST_JS, [button, "borderTopColor"]) >= 3
    assert page.evaluate(CONTRAST_JS, [button, "color"]) >= 4.5
    page.goto(url(site_server, DEFAULT_LANGUAGE, types["home"]))
    primary = ".md-typeset .md-button--primary"
    if page.locator(primary).count():
        assert page.evaluate(CONTRAST_JS, [primary, "borderTopColor"]) >= 3


def test_tree_tap_targets_are_at_least_44_px(phone, site_server, real_kb):
    types = page_types(real_kb)
    page = phone()
    sizes = []
    for path in (types["tree-step"], types["tree-outcome"]):
        page.goto(url(site_server, DEFAULT_LANGUAGE, path))
        sizes += page.evaluate("""() => [...document.querySelectorAll(
              '.kb-step:not([hidden]) :is(.kb-answer, .kb-change, .kb-restart)')].map((e) => {
            const box = e.getBoundingClientRect();
            return [e.className, e.textContent.trim(), box.width, box.height];
          })""")
    kinds = {size[0] for size in sizes}
    assert {"kb-answer", "kb-change", "kb-restart"} <= kinds, kinds
    small = [size for size in sizes if size[2] < 44 or size[3] < 44]
    assert not small, small


def test_focus_ring_only_for_keyboard_users(phone, site_server, real_kb):
    page = phone()
    page.goto(url(site_server, DEFAULT_LANGUAGE, page_types(real_kb)["tree-start"]))
    page.locator(".kb-step:not([hidden]) .kb-answer").first.tap()
    heading = page.locator(".kb-step:not([hidden]) .kb-step__question")
    heading.wait_for()
    page.wait_for_function("document.activeElement.classList.contains('kb-step__question')")
    assert heading.evaluate("(e) => getComputedStyle(e).outlineStyle") == "none"
    # The same step reached from the keyboard: the moved focus is drawn.
    page.goto(url(site_server, DEFAULT_LANGUAGE, page_types(real_kb)["tree-start"]))
    page.locator(".kb-step:not([hidden]) .kb-answer").first.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement.classList.contains('kb-step__question')"
                           " && !document.activeElement.closest('[hidden]')")
    style = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert style == "solid"


# --- 4. Language menu ----------------------------------------------------------------


@pytest.mark.parametrize("language", ROOT_AND_CJK)
def test_language_menu_shows_all_languages_with_their_lang(phone, site_server, real_kb, language):
    page = phone()
    page.goto(url(site_server, language, page_types(real_kb)["cause"]))
    page.locator(".md-select > button").tap()
    page.wait_for_timeout(400)  # Material's opening transition
    menu = page.locator(".md-select__list")
    links = page.locator(".md-select__link")
    assert links.count() == len(LANGUAGES)
    list_box = menu.bounding_box()
    assert menu.evaluate("(e) => e.scrollHeight <= e.clientHeight"), "the language list scrolls"
    current = []
    for index in range(links.count()):
        link = links.nth(index)
        box = link.bounding_box()
        assert box["y"] >= list_box["y"] - 0.5 and box["y"] + box["height"] <= list_box["y"] + list_box["height"] + 0.5
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390 and box["y"] + box["height"] <= 844
        assert link.get_attribute("lang") == link.get_attribute("hreflang")
        if link.get_attribute("aria-current"):
            current.append(link.get_attribute("lang"))
    assert current == [language]
    assert {links.nth(i).get_attribute("lang") for i in range(links.count())} == set(LANGUAGES)


# --- 5. Cause pages ------------------------------------------------------------------


def test_jump_to_the_fix_under_the_summary(phone, site_server, real_kb):
    page = phone()
    cause = page_types(real_kb)["cause"]
    # The Latin languages: a CJK text is shorter (site.yml's length_ratio), and its fix is
    # already on the first screen, where the jump proves nothing.
    for language in LATIN_LANGUAGES:
        page.goto(url(site_server, language, cause))
        jump = page.locator(".md-typeset .kb-jump")
        assert jump.count() == 1
        assert jump.inner_text().strip() == real_kb.ui[language]["cause.jump_to_fix"]
        # Right under the summary, on the first screen of a phone.
        follows = jump.evaluate("(e) => e.closest('p').previousElementSibling.classList.contains('kb-summary')")
        assert follows
        box = jump.bounding_box()
        assert box["y"] + box["height"] <= 844 and box["height"] >= 44
        fix_top = page.evaluate("document.getElementById('fix').getBoundingClientRect().top")
        assert fix_top > 844, "the fix is already on the first screen: the test page proves nothing"
        jump.tap()
        page.wait_for_function("location.hash === '#fix'")
        page.wait_for_timeout(300)
        top = page.evaluate("document.getElementById('fix').getBoundingClientRect().top")
        assert 0 <= top < 844 / 2, top


def scam_causes(real_kb):
    return sorted(cid for cid, entry in real_kb.causes.items() if entry.data.get("warning") == "scam")


def test_the_scam_page_opens_with_a_stop_box(phone, site_server, real_kb):
    # Decided by the data (warning: scam in the cause's YAML), not by the page's id.
    assert "scam-fake-support" in scam_causes(real_kb)
    page = phone()
    for language in LANGUAGES:
        page.goto(url(site_server, language, "causes/scam-fake-support/"))
        first = page.evaluate("""() => {
            const h1 = document.querySelector('.md-typeset h1');
            let next = h1.nextElementSibling;
            return next && [next.className, next.getAttribute('role'), next.innerText];
        }""")
        assert first is not None and "kb-warning" in first[0], (language, first)
        ui = real_kb.ui[language]
        for key in ("warning.scam.title", "warning.scam.reply", "warning.scam.codes", "warning.scam.verify"):
            assert ui[key] in first[2], (language, key)
        box = page.locator(".kb-warning").bounding_box()
        assert box["y"] < 844 / 2 and box["x"] + box["width"] <= 390
    # A cause without the flag has no stop box.
    other = next(cid for cid in sorted(real_kb.causes) if cid not in scam_causes(real_kb))
    page.goto(url(site_server, DEFAULT_LANGUAGE, f"causes/{other}/"))
    assert page.locator(".kb-warning").count() == 0


# --- 6. FAQ --------------------------------------------------------------------------


def test_faq_lists_its_questions_by_topic_at_the_top_without_javascript(phone, site_server, real_kb):
    page = phone(javascript=False)
    for language in LANGUAGES:
        page.goto(url(site_server, language, "faq/"))
        index = page.locator("nav.kb-faq-index")
        assert index.count() == 1
        # Before the first topic of answers, on the first screen.
        assert index.bounding_box()["y"] < 844
        order = page.evaluate("""() => {
            const nav = document.querySelector('nav.kb-faq-index');
            const first = document.querySelector('.md-typeset > h2[id^="category-"]');
            return !!(nav.compareDocumentPosition(first) & Node.DOCUMENT_POSITION_FOLLOWING);
        }""")
        assert order
        links = page.evaluate("""() => [...document.querySelectorAll('nav.kb-faq-index li a')]
            .map((a) => [a.getAttribute('href'), a.textContent.trim()])""")
        assert {href[1:] for href, _ in links} == set(real_kb.faqs), language
        topics = page.evaluate("""() => [...document.querySelectorAll('nav.kb-faq-index .kb-faq-index__topic a')]
            .map((a) => a.getAttribute('href'))""")
        headings = page.evaluate("""() => [...document.querySelectorAll('.md-typeset > h2[id^="category-"]')]
            .map((h) => '#' + h.id)""")
        assert topics == headings and len(topics) > 1
        for href, question in links:
            target = page.locator(f"h3[id='{href[1:]}']")
            assert target.count() == 1 and question in target.inner_text()
    # Every question keeps its own address: opening it lands on it, without JavaScript.
    faq_id = sorted(real_kb.faqs)[-1]
    page.goto(url(site_server, DEFAULT_LANGUAGE, f"faq/#{faq_id}"))
    top = page.evaluate(f"document.getElementById('{faq_id}').getBoundingClientRect().top")
    assert 0 <= top < 844 / 2
    # A tap on the list goes to the question, and each topic leads back to the list.
    page.goto(url(site_server, DEFAULT_LANGUAGE, "faq/"))
    page.locator(f"nav.kb-faq-index a[href='#{faq_id}']").tap()
    page.wait_for_function(f"location.hash === '#{faq_id}'")
    assert page.locator(".kb-faq-back").count() == len(headings)


# --- 7. Tree steps -------------------------------------------------------------------


def test_tree_steps_follow_the_question_page_pattern(phone, site_server, real_kb, built_site):
    from bs4 import BeautifulSoup
    types = page_types(real_kb)
    tree = real_kb.tree
    question_id = types["tree-step"].strip("/").split("/")[-1]
    for language in LANGUAGES:
        ui = real_kb.ui[language]
        html = (language_root(built_site, language) / types["tree-step"] / "index.html").read_text(encoding="utf-8")
        soup = BeautifulSoup(html, "lxml")
        visible = soup.select_one("section.kb-step:not([hidden])")
        h1 = visible.find("h1")
        question = h1.get_text(" ", strip=True).rstrip("¶").strip()
        # The question is the visible h1 and the page's <title>, and nothing comes before it but Back.
        assert soup.title.get_text().startswith(question + " - "), (soup.title, question)
        assert [h.get_text() for h in soup.select(".md-content h1") if not h.find_parent(attrs={"hidden": True})] \
            == [h1.get_text()]
        children = visible.find_all(recursive=False)
        before = children[:children.index(h1)]
        assert [e.get("class") for e in before] == [["kb-back-line"]], before
        back = visible.select_one("a.kb-back")
        assert back.get_text(strip=True) == ui["tree.back"]
        previous = tree.paths[question_id][-1].question_id
        assert back["data-step-link"] == previous
        assert ui["tree.title"] not in soup.select_one(".md-content").get_text()
    # With JavaScript on a phone: Back returns to the previous question, and the question
    # leads the screen.
    page = phone()
    page.goto(url(site_server, DEFAULT_LANGUAGE, types["tree-step"]))
    h1_top = page.evaluate("document.querySelector('.kb-step:not([hidden]) h1').getBoundingClientRect().top")
    assert h1_top < 844 * 0.2, h1_top
    page.locator(".kb-step:not([hidden]) .kb-back").tap()
    page.wait_for_function(f"document.querySelector('[data-module=decision-tree]').dataset.currentStep === '{previous}'")
    asked = tree.questions[previous]["question"][DEFAULT_LANGUAGE]
    assert page.locator(".kb-step:not([hidden]) h1").inner_text().rstrip("¶").strip() == asked
    assert page.title().startswith(asked + " - ")


def test_tree_outcomes_with_several_causes_name_how_many_and_the_most_likely(real_kb, built_site):
    # GOV.UK's outcome pages: the heading is the result. With several causes it says how
    # many fit and names the most likely one, which the page lists first.
    tree = real_kb.tree
    several = [(q, a) for q, question in tree.questions.items() for a in question["answers"]
               if len(a.get("causes", [])) > 1]
    assert several
    for language in LANGUAGES:
        headings = set()
        for question_id, answer in several:
            path = language_root(built_site, language) / "troubleshoot" / question_id / answer["id"] / "index.html"
            visible, title = visible_step(path)
            heading = visible.find("h1").get_text(" ", strip=True).rstrip("¶").strip()
            causes = [h2.get_text(" ", strip=True).rstrip("¶").strip() for h2 in visible.find_all("h2")]
            assert len(causes) == len(answer["causes"]), (language, path)
            assert causes[0] in heading and str(len(causes)) in heading, (language, heading, causes[0])
            assert not any(other in heading for other in causes[1:]), (language, heading)
            # The <title> says the same (its spaces may be plain where the heading's do not break).
            assert " ".join(title.split()).startswith(" ".join(heading.split()) + " - "), (language, title, heading)
            headings.add(heading)
        assert len(headings) > len(several) / 2, (language, headings)


def test_tree_outcomes_name_the_result_with_a_filled_button(phone, site_server, real_kb, built_site):
    tree = real_kb.tree
    singles = [(q, a) for q, question in tree.questions.items() for a in question["answers"]
               if len(a.get("causes", [])) == 1]
    assert singles
    question_id, answer = singles[0]
    cause = real_kb.causes[answer["causes"][0]]
    for language in LANGUAGES:
        path = language_root(built_site, language) / "troubleshoot" / question_id / answer["id"] / "index.html"
        visible, page_title = visible_step(path)
        title = cause.data["title"][language]
        assert visible.find("h1").get_text(" ", strip=True).rstrip("¶").strip() == title
        assert page_title.startswith(title + " - ")
        buttons = visible.select("a.md-button")
        assert buttons and "md-button--primary" in buttons[0]["class"]
    page = phone()
    page.goto(f"{site_server.url}troubleshoot/{question_id}/{answer['id']}/")
    button = page.locator(".kb-step:not([hidden]) a.md-button--primary").first
    colours = button.evaluate("(e) => { const s = getComputedStyle(e); return [s.backgroundColor, s.color]; }")
    assert colours[0] not in ("rgba(0, 0, 0, 0)", "transparent"), colours
    assert page.evaluate(CONTRAST_JS, [".kb-step:not([hidden]) a.md-button--primary", "color"]) >= 4.5
