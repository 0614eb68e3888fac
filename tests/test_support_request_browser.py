"""The support-request builder in a real Chromium: pre-fill, both messages, copy, warnings, and privacy.

Privacy is tested, not assumed: every request the page makes is recorded, and storage,
cookies, history and the address are compared before and after the reader types and copies.
Safety too: a secret typed into a field is replaced by a placeholder in both messages and on
the clipboard, which is read back, and the expected messages are built here, not by the page.
Behaviour is tested on the fixture site; the tests named "real" check the real site-data.
"""
from __future__ import annotations

import time
from urllib.parse import parse_qs, urlsplit

import pytest

from helpers import (CJK_LANGUAGES, DEFAULT_LANGUAGE, LANGUAGES, OTHER_CJK_LANGUAGE, OTHER_LATIN_LANGUAGE, ROOT as PROJECT,
                     SITE, TEST_BROWSER_FETCHES_FAVICON)

ROOT = "[data-module='support-request']"
# The language of the second message, to the support agents (site.yml: agent_language).
AGENT = SITE.agent_language
# A reader in a language other than the agents' sees both messages: a CJK one, the first
# in site.yml's order.
NOT_AGENT = next(code for code in CJK_LANGUAGES if code != AGENT)
# The languages whose placeholders (【…】) are written in full-width punctuation
# (site.yml: typography: full-width).
FULL_WIDTH_LANGUAGES = tuple(language.code for language in SITE.languages if language.typography == "full-width")
# What a reader might type, one value per kind of field; none of it is a secret.
SAMPLE = {"line": "35012789", "lines": "Retook the photos in daylight\nSwitched to the app on 2026-11-20"}
SAMPLE_CONTACT = "reader@example.org"
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
AXE = PROJECT / "node_modules" / "axe-core" / "axe.min.js"

# What a reader might type that holds a secret: (field, typed, the same with {kind} where the
# placeholder of that kind must stand). The fixture's seed words are the first 24 BIP39 words.
SEED_12 = "abandon ability able about above absent absorb abstract absurd abuse access accident"
SECRETS = [
    ("tried", "My SMS code was 482913", "My SMS code was {code}"),
    ("tried", "G-482913 is your verification code", "G-{code} is your verification code"),
    ("tried", "Authenticator code 482 913, then the email code 5521", "Authenticator code {code}, then the email code {code}"),
    ("tried", "验证码是482913，短信验证码 48 29 13", "验证码是{code}，短信验证码 {code}"),
    ("tried", "Retook the photos\nthe code 482-913 came by SMS", "Retook the photos\nthe code {code} came by SMS"),
    ("uid", "123456", "{code}"),
    ("tried", "password: sunflower", "password: {password}"),
    ("tried", "New 密码：Tr0ub4dor 2026", "New 密码：{password}"),
    ("tried", "my login is Tr0ub4dor&3x now", "my login is {password} now"),
    ("contact", "reader@example.org Summer2026!x", "reader@example.org {password}"),
    ("tried", "API key " + "a1B2c3D4" * 8, "API key {key}"),
    ("tried", "The 2FA setup key JBSW Y3DP EHPK 3PXP", "The 2FA setup key {key}"),
    ("tried", "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318 is my key",
     "{key} is my key"),
    ("tried", SEED_12, "{seed}"),
    ("tried", "1. " + SEED_12.replace(" ", "\n2. ", 1) + " actor", "1. {seed}"),
    ("tried", "seed phrase: one two three four five six seven", "seed phrase: {seed}"),
    ("tried", "助记词：的一是在不了有和人这中大", "助记词：{seed}"),
    # Full-width digits and letters, as Chinese and Japanese keyboards type them.
    ("tried", "認証コードは４８２９１３でした", "認証コードは{code}でした"),
    ("tried", "密码：Ｔｒ０ｕｂ４ｄｏｒ", "密码：{password}"),
    ("tried", "ＡＰＩ　ｋｅｙ　" + "ａ１Ｂ２ｃ３Ｄ４" * 4, "ＡＰＩ　ｋｅｙ　{key}"),
]
# Ordinary details, as the fields ask for them: none may be touched.
ORDINARY = [
    ("tried", "Tried 3 times, on 2026-11-20 14:05 (UTC+1) and 21/11/2026, then 22.11.26"),
    ("tried", "Retook the photos in daylight in November 2026 and switched from the website to the app"),
    ("tried", "Passport no. X1234567, shown as 20-Nov-2026 (2FA/SMS, e-mail)"),
    ("tried", "I never shared my seed phrase with anyone at all, not even with support"),
    ("tried", "The app said error -1021 and then error `-2011`"),
    ("tried", "Read https://www.binance.com/en/support/faq/fe4f305d237344d68c2c8565e483635d twice"),
    ("tried", "2026年11月20日に3回目を提出しました。2025 2026"),
    ("tried", "２０２６年１１月２０日と２０２６－１１－２１　１４：０５に、３回提出しました"),
    ("tried", "0.00012345 BTC, file IMG_20261120_140512.jpg, call +34 612 345 678"),
    ("uid", "35012789"),
    ("uid", "1029384756"),
    ("contact", "+1 (555) 012-3456"),
    ("contact", "9123 4567"),
    ("contact", "reader1985@example.org"),
]


def url_of(server, language: str, path: str) -> str:
    return server.url + ("" if language == DEFAULT_LANGUAGE else f"{language}/") + path


def open_page(browser, **context_options):
    """A fresh page recording every request and every console or page error."""
    context = browser.new_context(**context_options)
    page = context.new_page()
    page.requests, page.problems = [], []
    page.on("request", lambda request: page.requests.append(request.url))
    page.on("console", lambda message: page.problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: page.problems.append(str(error)))
    return context, page


def settle(page) -> None:
    """Wait until the page has finished loading, favicon included (a desktop Chromium asks for it late)."""
    page.wait_for_load_state("networkidle")
    if TEST_BROWSER_FETCHES_FAVICON:
        deadline = time.monotonic() + 3
        while time.monotonic() < deadline and not any("favicon" in url for url in page.requests):
            page.wait_for_timeout(50)
        page.wait_for_load_state("networkidle")


def state(page) -> dict:
    """Everything a page could have kept: storages, cookies, address, history length."""
    return page.evaluate("""() => ({
        local: Object.fromEntries(Object.keys(localStorage).map(k => [k, localStorage.getItem(k)])),
        session: Object.fromEntries(Object.keys(sessionStorage).map(k => [k, sessionStorage.getItem(k)])),
        cookie: document.cookie, history: history.length, url: location.href})""")


def sample_values(kb) -> dict[str, str]:
    values = {}
    for field in kb.support_request["include"]:
        values[field["id"]] = SAMPLE_CONTACT if field["id"] == "contact" else SAMPLE[field["input"]]
    return values


def removed(kb, language: str) -> dict[str, str]:
    """The placeholders of the message in `language`, by kind."""
    return {kind: text[language] for kind, text in kb.support_request["secrets"]["removed"].items()}


def expected_message(kb, language: str, cause_id: str, values: dict[str, str]) -> str:
    """The message as the issue describes it, built here independently of the page's script."""
    message = kb.support_request["message"]
    separator = message["separator"][language]
    lines = [message["greeting"][language], "", message["opening"][language], ""]
    if cause_id:
        lines.append(message["situation"][language] + separator + kb.causes[cause_id]["title"][language])
    for field in kb.support_request["include"]:
        value = values.get(field["id"], "").strip()
        if not value:
            continue
        label = field["label"][language]
        if "\n" in value:
            lines.append(label + separator.rstrip())
            lines += ["  " + line.strip() for line in value.split("\n")]
        else:
            lines.append(label + separator + value)
    lines += ["", message["closing"][language]]
    return "\n".join(lines)


@pytest.fixture(scope="module")
def kb(fixture_site):
    from kb.loader import load_knowledge_base
    return load_knowledge_base(fixture_site.parent / "site-data")


@pytest.mark.parametrize("language", LANGUAGES)
def test_messages_copies_and_nothing_leaves_the_page(browser, fixture_site_server, kb, language):
    context, page = open_page(browser, permissions=["clipboard-read", "clipboard-write"])
    first, second = list(kb.causes)[:2]
    page.goto(url_of(fixture_site_server, language, f"support-request/?cause={second}"))
    settle(page)
    select = page.locator(f"{ROOT} select[data-support-cause]")
    assert select.input_value() == second, "pre-filled from ?cause="
    before = state(page)

    # Choosing a situation rewrites the address (?cause=, the one thing allowed), and a
    # desktop Chromium then fetches the site's own icon again for the new address (the
    # headless shell fetches nothing): that is all.
    page.requests.clear()
    select.select_option(first)
    settle(page)
    assert all(urlsplit(url).path.endswith("/favicon.png") for url in page.requests), page.requests

    # Filling in the details and copying makes no request at all.
    page.requests.clear()
    values = sample_values(kb)
    for field_id, value in values.items():
        page.locator(f"{ROOT} [data-support-field='{field_id}']").fill(value)

    local = page.locator(f"{ROOT} [data-support-message='local']")
    assert local.get_attribute("lang") == language
    assert local.input_value() == expected_message(kb, language, first, values)
    agent = page.locator(f"{ROOT} [data-support-message='agent']")
    if language == AGENT:
        assert agent.count() == 0, "the English page needs no second English message"
    else:
        assert agent.get_attribute("lang") == AGENT
        assert agent.input_value() == expected_message(kb, AGENT, first, values)

    # Copy buttons put exactly the message on the clipboard and say so.
    for area in [local] + ([agent] if language != AGENT else []):
        area_id = area.get_attribute("id")
        page.locator(f"{ROOT} button[data-support-copy='{area_id}']").click()
        status = page.locator(f"{ROOT} [data-support-copy-status='{area_id}']")
        status.wait_for(state="visible")
        assert status.inner_text() == kb.ui[language]["support.copied"]
        assert status.get_attribute("role") == "status"
        assert page.evaluate("navigator.clipboard.readText()") == area.input_value()

    # Nothing was requested, stored or put in the address, except the chosen cause.
    page.wait_for_timeout(300)
    assert page.requests == []
    after = state(page)
    assert {k: after[k] for k in ("local", "session", "cookie", "history")} == \
        {k: before[k] for k in ("local", "session", "cookie", "history")}
    assert before["cookie"] == "" and context.cookies() == []
    address = urlsplit(after["url"])
    assert parse_qs(address.query) == {"cause": [first]} and address.fragment == ""
    assert address.path == urlsplit(before["url"]).path
    stored = " ".join([after["url"], *after["local"].values(), *after["session"].values()])
    assert not any(value.split("\n")[0] in stored for value in values.values())

    # Choosing "not sure" takes the cause out of the address and the message.
    select.select_option("")
    assert urlsplit(page.url).query == ""
    assert local.input_value() == expected_message(kb, language, "", values)
    assert page.problems == []
    context.close()


def the_secret(typed: str, template: str) -> list[str]:
    """The parts of `typed` that the template replaces (every one must be left out of the copy)."""
    import re
    pattern = re.escape(template)
    for kind in ("code", "password", "key", "seed"):
        pattern = pattern.replace(re.escape("{" + kind + "}"), "(.+?)")
    match = re.fullmatch(pattern, typed, re.S)
    assert match, (typed, template)
    return list(match.groups())


def copy_and_read(page, area_id: str) -> str:
    page.locator(f"{ROOT} button[data-support-copy='{area_id}']").click()
    page.locator(f"{ROOT} [data-support-copy-status='{area_id}']").wait_for(state="visible")
    return page.evaluate("navigator.clipboard.readText()")


# The agents' language (one message) and every language with full-width placeholders (two).
@pytest.mark.parametrize("language", [AGENT, *(code for code in FULL_WIDTH_LANGUAGES if code != AGENT)])
def test_a_secret_is_left_out_of_both_messages_and_the_copy(browser, fixture_site_server, kb, language):
    context, page = open_page(browser, permissions=["clipboard-read", "clipboard-write"], **PHONE)
    page.goto(url_of(fixture_site_server, language, "support-request/"))
    local = page.locator(f"{ROOT} [data-support-message='local']")
    agent = page.locator(f"{ROOT} [data-support-message='agent']")
    labels = {f["id"]: f["label"][language] for f in kb.support_request["include"]}
    for field_id, typed, template in SECRETS:
        secrets = the_secret(typed, template)
        kinds = [kind for kind in ("seed", "password", "key", "code") if "{" + kind + "}" in template]
        field = page.locator(f"{ROOT} [data-support-field='{field_id}']")
        field.fill(typed)
        assert field.input_value() == typed, "the reader's own field is left as typed"

        # Both messages show the placeholder, in their own language, where the secret was.
        assert local.input_value() == expected_message(
            kb, language, "", {field_id: template.format(**removed(kb, language))}), typed
        if language != AGENT:
            assert agent.input_value() == expected_message(
                kb, AGENT, "", {field_id: template.format(**removed(kb, AGENT))}), typed

        # The field says what it looks like, and that the message leaves it out.
        warning = page.locator(f"{ROOT} [data-support-warning='{field_id}']")
        assert warning.inner_text().split("\n") == [kb.ui[language][f"support.warning_{kind}"] for kind in kinds] + [
            kb.ui[language]["support.warning_left_out"]], typed
        assert field.get_attribute("aria-invalid") == "true"

        # Next to Copy (just above it, on the same phone screen): the same warning and a link to the field.
        for area in [local] + ([agent] if language != AGENT else []):
            area_id = area.get_attribute("id")
            button = page.locator(f"{ROOT} button[data-support-copy='{area_id}']")
            notice = page.locator(f"#{area_id}-removed")
            button.scroll_into_view_if_needed()
            assert notice.is_visible() and button.get_attribute("aria-describedby") == f"{area_id}-removed"
            assert notice.locator("p").inner_text() == kb.ui[language]["support.removed_notice"]
            assert notice.locator("a").all_inner_texts() == [labels[field_id]]
            gap = button.bounding_box()["y"] - (notice.bounding_box()["y"] + notice.bounding_box()["height"])
            assert 0 <= gap < 40, gap
            assert notice.bounding_box()["y"] >= 0, "both in view at once"

            copied = copy_and_read(page, area_id)
            assert copied == area.input_value()
            for secret in secrets:
                assert secret not in copied, (typed, secret)
        assert page.locator(f"#{local.get_attribute('id')}-removed").get_attribute("role") == "status"

        # The link takes the reader to the field without touching the address.
        address = page.url
        page.locator(f"#{local.get_attribute('id')}-removed a").click()
        assert page.evaluate("document.activeElement.getAttribute('data-support-field')") == field_id
        assert page.url == address

        # Taking the secret out brings the message back as typed, and the warnings go.
        field.fill("")
        assert local.input_value() == expected_message(kb, language, "", {})
        assert not warning.is_visible() and field.get_attribute("aria-invalid") is None
        assert page.locator(f"#{local.get_attribute('id')}-removed").inner_text() == ""
    assert page.problems == []
    context.close()


@pytest.mark.parametrize("language", [AGENT, NOT_AGENT])
def test_ordinary_details_are_left_alone(browser, fixture_site_server, kb, language):
    context, page = open_page(browser, **PHONE)
    page.goto(url_of(fixture_site_server, language, "support-request/"))
    local = page.locator(f"{ROOT} [data-support-message='local']")
    for field_id, typed in ORDINARY:
        field = page.locator(f"{ROOT} [data-support-field='{field_id}']")
        field.fill(typed)
        assert local.input_value() == expected_message(kb, language, "", {field_id: typed}), typed
        assert not page.locator(f"{ROOT} [data-support-warning='{field_id}']").is_visible(), typed
        assert page.locator(f"{ROOT} [data-support-removed]").first.inner_text() == "", typed
        field.fill("")
    assert page.problems == []
    context.close()


def test_two_fields_with_secrets_are_both_listed_and_each_cleared(browser, fixture_site_server, kb):
    context, page = open_page(browser, **PHONE)
    language = OTHER_CJK_LANGUAGE
    page.goto(url_of(fixture_site_server, language, "support-request/"))
    page.locator(f"{ROOT} [data-support-field='uid']").fill("482913")
    page.locator(f"{ROOT} [data-support-field='tried']").fill("password: sunflower")
    notice = page.locator("#kb-support-message-removed")
    labels = {f["id"]: f["label"][language] for f in kb.support_request["include"]}
    assert notice.locator("a").all_inner_texts() == [labels["uid"], labels["tried"]]
    page.locator(f"{ROOT} [data-support-field='uid']").fill("35012789")
    assert notice.locator("a").all_inner_texts() == [labels["tried"]]
    message = page.locator(f"{ROOT} [data-support-message='local']").input_value()
    assert message == expected_message(kb, language, "", {"uid": "35012789",
                                                          "tried": "password: " + removed(kb, language)["password"]})
    page.locator(f"{ROOT} [data-support-field='tried']").fill("Tried twice")
    assert notice.inner_text() == ""
    assert page.problems == []
    context.close()


def test_an_unknown_cause_in_the_address_is_ignored(browser, fixture_site_server):
    context, page = open_page(browser)
    page.goto(url_of(fixture_site_server, OTHER_LATIN_LANGUAGE, "support-request/?cause=<script>nope"))
    assert page.locator(f"{ROOT} select[data-support-cause]").input_value() == ""
    assert page.problems == []
    context.close()


def test_links_from_cause_pages_and_outcomes_pre_fill_the_builder(browser, fixture_site_server, kb):
    context, page = open_page(browser)
    cause_id = list(kb.causes)[-1]
    # Two languages other than the default, so each link has to keep its own.
    page.goto(url_of(fixture_site_server, OTHER_CJK_LANGUAGE, f"causes/{cause_id}/"))
    page.locator("#still-failing ~ p a.kb-support-link").first.click()
    page.wait_for_load_state()
    assert urlsplit(page.url).path.endswith(f"/{OTHER_CJK_LANGUAGE}/support-request/")
    assert page.locator(f"{ROOT} select[data-support-cause]").input_value() == cause_id

    question_id, answer = next((q, a) for q, question in kb.tree.questions.items()
                               for a in question["answers"] if "causes" in a)
    page.goto(url_of(fixture_site_server, OTHER_LATIN_LANGUAGE, f"troubleshoot/{question_id}/{answer['id']}/"))
    page.locator("[data-step]:not([hidden]) a.kb-support-link").click()
    page.wait_for_load_state()
    assert urlsplit(page.url).path.endswith(f"/{OTHER_LATIN_LANGUAGE}/support-request/")
    assert page.locator(f"{ROOT} select[data-support-cause]").input_value() == answer["causes"][0]
    assert page.problems == []
    context.close()


def test_without_javascript_the_fields_still_say_what_to_write(browser, fixture_site_server, kb):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    language = OTHER_LATIN_LANGUAGE
    page.goto(url_of(fixture_site_server, language, "support-request/?cause=x"))
    settle_url = page.url
    for field in kb.support_request["include"]:
        assert page.get_by_label(field["label"][language], exact=True).is_visible()
    assert page.locator(f"{ROOT} [data-support-nojs]").is_visible()
    assert not page.locator(f"{ROOT} [data-support-output]").is_visible()
    # Nothing vouches for a message the page did not write: no closing sentence, no Copy button.
    closing = kb.support_request["message"]["closing"][language]
    assert closing not in page.locator("article").inner_text()
    assert not page.locator(f"{ROOT} button[data-support-copy]").first.is_visible()
    # There is no form, so pressing Enter in a field submits nothing anywhere.
    requests.clear()
    field = page.locator(f"{ROOT} [data-support-field]").first
    field.fill("482913")
    assert page.locator(f"{ROOT} [data-support-warning]").first.inner_text() == ""
    field.fill(SAMPLE["line"])
    field.press("Enter")
    page.wait_for_timeout(300)
    assert page.url == settle_url and requests == []
    context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_real_builder_knows_every_cause(browser, site_server, real_kb, language):
    context, page = open_page(browser)
    causes = list(real_kb.causes.items())
    page.goto(url_of(site_server, language, f"support-request/?cause={causes[0][0]}"))
    select = page.locator(f"{ROOT} select[data-support-cause]")
    assert select.input_value() == causes[0][0]
    for cause_id, cause in causes:
        select.select_option(cause_id)
        assert parse_qs(urlsplit(page.url).query) == {"cause": [cause_id]}
        group = page.locator(f"{ROOT} option[value='{cause_id}']").evaluate("option => option.parentElement.label")
        category = next(c for c in real_kb.categories if c["id"] == cause["category"])
        assert group == category["title"][language]
        local = page.locator(f"{ROOT} [data-support-message='local']").input_value()
        assert cause["title"][language] in local
        if language != AGENT:
            assert cause["title"][AGENT] in page.locator(f"{ROOT} [data-support-message='agent']").input_value()
    for field in real_kb.support_request["include"]:
        assert page.get_by_label(field["label"][language], exact=True).is_visible()
    for link in page.locator("article a[href^='http']").all():
        assert urlsplit(link.get_attribute("href")).hostname.endswith(tuple(real_kb.allowed_domains["domains"]))
    assert page.problems == []
    context.close()


def test_every_real_cause_pre_fills_the_builder(browser, site_server, real_kb):
    """What every cause page and tree outcome links to: support-request/?cause=<id>."""
    context, page = open_page(browser)
    for cause_id in real_kb.causes:
        page.goto(url_of(site_server, DEFAULT_LANGUAGE, f"support-request/?cause={cause_id}"))
        assert page.locator(f"{ROOT} select[data-support-cause]").input_value() == cause_id
    assert page.problems == []
    context.close()


def test_copy_falls_back_when_the_clipboard_api_refuses(browser, fixture_site_server, kb):
    context, page = open_page(browser, permissions=["clipboard-read", "clipboard-write"])
    # As in browsers or pages where the asynchronous clipboard is missing or denied.
    context.add_init_script("navigator.clipboard.writeText = () => Promise.reject(new Error('denied'));")
    page.goto(url_of(fixture_site_server, OTHER_CJK_LANGUAGE, "support-request/"))
    page.locator(f"{ROOT} [data-support-field]").first.fill(SAMPLE["line"])
    page.locator(f"{ROOT} button[data-support-copy='kb-support-message']").click()
    status = page.locator(f"{ROOT} [data-support-copy-status='kb-support-message']")
    status.wait_for(state="visible")
    message = page.locator(f"{ROOT} [data-support-message='local']").input_value()
    assert status.inner_text() == kb.ui[OTHER_CJK_LANGUAGE]["support.copied"]
    assert page.evaluate("navigator.clipboard.readText()") == message
    assert page.problems == []
    context.close()


@pytest.mark.parametrize("language", [AGENT, NOT_AGENT])
def test_the_real_builder_leaves_out_a_code_and_a_recovery_phrase(browser, site_server, real_kb, language):
    """The review's case on the real site, in its real words, with axe run while the warnings show."""
    context, page = open_page(browser, permissions=["clipboard-read", "clipboard-write"], **PHONE)
    if AXE.is_file():
        context.add_init_script(path=str(AXE))
    page.goto(url_of(site_server, language, "support-request/"))
    words = real_kb.support_request["secrets"]["seed_words"].split(" ")
    seed = " ".join(words[-12:])
    page.locator(f"{ROOT} [data-support-field='tried']").fill("My SMS code was 482913")
    page.locator(f"{ROOT} [data-support-field='rejection-text']").fill(seed)
    values = {"tried": "My SMS code was " + removed(real_kb, language)["code"],
              "rejection-text": removed(real_kb, language)["seed"]}
    local = page.locator(f"{ROOT} [data-support-message='local']")
    assert local.input_value() == expected_message(real_kb, language, "", values)
    areas = [local]
    if language != AGENT:
        agent = page.locator(f"{ROOT} [data-support-message='agent']")
        assert agent.input_value() == expected_message(real_kb, AGENT, "", {
            "tried": "My SMS code was " + removed(real_kb, AGENT)["code"],
            "rejection-text": removed(real_kb, AGENT)["seed"]})
        areas.append(agent)
    for area in areas:
        copied = copy_and_read(page, area.get_attribute("id"))
        assert "482913" not in copied and words[-1] not in copied.split()
        assert copied.endswith(real_kb.support_request["message"]["closing"][area.get_attribute("lang")])
    notice = page.locator("#kb-support-message-removed")
    assert notice.locator("p").inner_text() == real_kb.ui[language]["support.removed_notice"]
    assert AXE.is_file(), f"{AXE.relative_to(PROJECT)} is missing: run `npm ci --omit=dev` (make test does)"
    # The last Copy button clicked fades to its pressed colours: axe must judge the end
    # of that transition, not a half-transparent frame of it.
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    assert [(v["id"], [n["target"] for n in v["nodes"]]) for v in result["violations"]] == []
    assert page.problems == []
    context.close()


# Types each value into one field inside the page (thousands of fill() calls would take
# minutes) and returns, for each, whether the field was flagged and the message it gave.
TYPE_ALL = """([fieldId, values]) => {
    const field = document.querySelector(`[data-support-field='${fieldId}']`);
    const message = document.querySelector("[data-support-message='local']");
    return values.map(value => {
        field.value = value;
        field.dispatchEvent(new Event("input"));
        return [field.getAttribute("aria-invalid") === "true", message.value];
    });
}"""


def texts_of(node, language: str):
    """Every text of a data tree in one language, one line at a time (a text is a mapping that
    holds the source language)."""
    if isinstance(node, dict):
        if language in node and isinstance(node[language], str) and SITE.source_language in node:
            yield from (line for line in node[language].split("\n") if line.strip())
        else:
            for value in node.values():
                yield from texts_of(value, language)
    elif isinstance(node, list):
        for value in node:
            yield from texts_of(value, language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_guides_own_text_is_never_taken_for_a_secret(browser, site_server, real_kb, language):
    """Thousands of ordinary lines in every language (dates, times, limits, API names, ranges,
    numbered steps) typed into the builder: none is flagged, so readers can trust the warning."""
    data = [entry.data for kind in ("cause", "solution", "faq", "checklist") for entry in real_kb.entries(kind).values()]
    data += [real_kb.tree.questions, real_kb.support_request["include"], real_kb.ui]
    lines = sorted(set(texts_of(data, language)) | set(real_kb.ui[language].values()))
    assert len(lines) > 500
    context, page = open_page(browser)
    page.goto(url_of(site_server, language, "support-request/"))
    results = page.evaluate(TYPE_ALL, ["tried", lines])
    flagged = [(line, message.split("\n")[-3]) for line, (invalid, message) in zip(lines, results) if invalid]
    assert flagged == []
    assert page.problems == []
    context.close()


def test_real_secrets_of_every_shape_are_all_caught(browser, site_server, real_kb):
    """Random secrets of each kind, made here from a fixed seed: every one is left out."""
    import random
    import string
    rng = random.Random(20261203)
    words = real_kb.support_request["secrets"]["seed_words"].split(" ")
    base32 = string.ascii_uppercase + "234567"
    secrets = (
        [(f"{rng.randrange(10**6):06d}", "code") for _ in range(150)] +
        [(f"{rng.randrange(1000):03d} {rng.randrange(1000):03d}", "code") for _ in range(30)] +
        [(" ".join(rng.choice(words) for _ in range(n)), "seed") for n in (12, 15, 18, 21, 24) for _ in range(10)] +
        [("".join(rng.choice(string.ascii_letters + string.digits) for _ in range(64)), "key") for _ in range(30)] +
        [("0x" + "".join(rng.choice("0123456789abcdef") for _ in range(64)), "key") for _ in range(30)] +
        [("".join(rng.choice(base32) for _ in range(15)) + rng.choice("234567"), "key") for _ in range(30)] +
        [("".join(rng.choice(string.ascii_letters) for _ in range(6)) + str(rng.randrange(10, 99)) +
          rng.choice("!@#$%&*"), "password") for _ in range(30)])
    # Known gaps, each about one in a thousand or rarer: a round code (ending in 000) is taken
    # for an amount, and a year-like 4-digit one for a year (none here: these have 6 digits);
    # a 2FA setup key needs one digit among its 16 letters (96% have one).
    secrets = [(secret, kind) for secret, kind in secrets if not secret.replace(" ", "").endswith("000")]
    context, page = open_page(browser)
    page.goto(url_of(site_server, DEFAULT_LANGUAGE, "support-request/"))
    results = page.evaluate(TYPE_ALL, ["tried", [f"Said: {secret} (copied)" for secret, _ in secrets]])
    placeholders = removed(real_kb, DEFAULT_LANGUAGE)
    missed = [secret for (secret, kind), (invalid, message) in zip(secrets, results)
              if not invalid or f"Said: {placeholders[kind]} (copied)" not in message.split("\n")[-3]]
    assert missed == []
    assert page.problems == []
    context.close()
