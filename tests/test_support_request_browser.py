"""The support-request builder in a real Chromium: pre-fill, both messages, copy, warnings, and privacy.

Privacy is tested, not assumed: every request the page makes is recorded, and storage,
cookies, history and the address are compared before and after the reader types and copies.
Behaviour is tested on the fixture site; the last test checks the real causes and languages.
"""
from __future__ import annotations

import time
from urllib.parse import parse_qs, urlsplit

import pytest

from helpers import LANGUAGES

ROOT = "[data-module='support-request']"
AGENT = "en"
# What a reader might type, one value per kind of field; none of it is a secret.
SAMPLE = {"line": "35012789", "lines": "Retook the photos in daylight\nSwitched to the app on 2026-11-20"}
SAMPLE_CONTACT = "reader@example.org"


def url_of(server, language: str, path: str) -> str:
    return server.url + ("" if language == "en" else f"{language}/") + path


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
    """Wait until the page has finished loading, favicon included (Chromium asks for it late)."""
    page.wait_for_load_state("networkidle")
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

    # Choosing a situation rewrites the address (?cause=, the one thing allowed), and
    # Chromium then fetches the site's own icon again for the new address: that is all.
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


@pytest.mark.parametrize("language", LANGUAGES)
def test_warns_about_codes_passwords_and_keys(browser, fixture_site_server, kb, language):
    context, page = open_page(browser)
    page.goto(url_of(fixture_site_server, language, "support-request/"))
    fields = [f["id"] for f in kb.support_request["include"]]
    field = page.locator(f"{ROOT} [data-support-field='{fields[0]}']")
    alert = page.locator(f"{ROOT} [data-support-warning='{fields[0]}']")
    assert alert.get_attribute("role") == "alert"
    assert not alert.is_visible()

    field.fill("123456")
    assert alert.is_visible() and alert.inner_text() == kb.ui[language]["support.warning_code"]
    assert field.get_attribute("aria-invalid") == "true"
    assert alert.get_attribute("id") in field.get_attribute("aria-describedby").split()

    field.fill(SAMPLE["line"])
    assert not alert.is_visible() and field.get_attribute("aria-invalid") is None

    other = page.locator(f"{ROOT} [data-support-field='{fields[-1]}']")
    other_alert = page.locator(f"{ROOT} [data-support-warning='{fields[-1]}']")
    for text, key in ((f"{kb.support_request['password_words'][0]}: sunflower", "support.warning_password"),
                      ("my login is Tr0ub4dor&3x", "support.warning_password"),
                      ("key " + "a1B2c3D4" * 8, "support.warning_key"),
                      ("the code was 804 211 then 482913 from SMS", "support.warning_code")):
        other.fill(text)
        assert other_alert.is_visible() and other_alert.inner_text() == kb.ui[language][key], text
    other.fill("Submitted on 2026-11-20 14:05 (UTC+1) with my passport, reader@example.org")
    assert not other_alert.is_visible()
    assert page.problems == []
    context.close()


def test_an_unknown_cause_in_the_address_is_ignored(browser, fixture_site_server):
    context, page = open_page(browser)
    page.goto(url_of(fixture_site_server, "fr", "support-request/?cause=<script>nope"))
    assert page.locator(f"{ROOT} select[data-support-cause]").input_value() == ""
    assert page.problems == []
    context.close()


def test_links_from_cause_pages_and_outcomes_pre_fill_the_builder(browser, fixture_site_server, kb):
    context, page = open_page(browser)
    cause_id = list(kb.causes)[-1]
    page.goto(url_of(fixture_site_server, "zh", f"causes/{cause_id}/"))
    page.locator("#still-failing ~ p a.kb-support-link").first.click()
    page.wait_for_load_state()
    assert urlsplit(page.url).path.endswith("/zh/support-request/")
    assert page.locator(f"{ROOT} select[data-support-cause]").input_value() == cause_id

    question_id, answer = next((q, a) for q, question in kb.tree.questions.items()
                               for a in question["answers"] if "causes" in a)
    page.goto(url_of(fixture_site_server, "ko", f"troubleshoot/{question_id}/{answer['id']}/"))
    page.locator("[data-step]:not([hidden]) a.kb-support-link").click()
    page.wait_for_load_state()
    assert urlsplit(page.url).path.endswith("/ko/support-request/")
    assert page.locator(f"{ROOT} select[data-support-cause]").input_value() == answer["causes"][0]
    assert page.problems == []
    context.close()


def test_without_javascript_the_fields_still_say_what_to_write(browser, fixture_site_server, kb):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(url_of(fixture_site_server, "es", "support-request/?cause=x"))
    settle_url = page.url
    for field in kb.support_request["include"]:
        assert page.get_by_label(field["label"]["es"], exact=True).is_visible()
    assert page.locator(f"{ROOT} [data-support-nojs]").is_visible()
    assert not page.locator(f"{ROOT} [data-support-output]").is_visible()
    # There is no form, so pressing Enter in a field submits nothing anywhere.
    requests.clear()
    field = page.locator(f"{ROOT} [data-support-field]").first
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
        page.goto(url_of(site_server, "en", f"support-request/?cause={cause_id}"))
        assert page.locator(f"{ROOT} select[data-support-cause]").input_value() == cause_id
    assert page.problems == []
    context.close()


def test_copy_falls_back_when_the_clipboard_api_refuses(browser, fixture_site_server, kb):
    context, page = open_page(browser, permissions=["clipboard-read", "clipboard-write"])
    # As in browsers or pages where the asynchronous clipboard is missing or denied.
    context.add_init_script("navigator.clipboard.writeText = () => Promise.reject(new Error('denied'));")
    page.goto(url_of(fixture_site_server, "ja", "support-request/"))
    page.locator(f"{ROOT} [data-support-field]").first.fill(SAMPLE["line"])
    page.locator(f"{ROOT} button[data-support-copy='kb-support-message']").click()
    status = page.locator(f"{ROOT} [data-support-copy-status='kb-support-message']")
    status.wait_for(state="visible")
    message = page.locator(f"{ROOT} [data-support-message='local']").input_value()
    assert status.inner_text() == kb.ui["ja"]["support.copied"]
    assert page.evaluate("navigator.clipboard.readText()") == message
    assert page.problems == []
    context.close()
