"""Support-request data and its checks, the builder and checklist Markdown, and links to the builder."""
from __future__ import annotations

import json
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from markupsafe import escape
import yaml
from bs4 import BeautifulSoup

from helpers import LANGUAGES, OTHER_CJK_LANGUAGE, ROOT, language_root
from html_text import visible_step
from kb.links import LinkPolicy
from kb.loader import load_knowledge_base
from kb.problems import KnowledgeBaseError
from kb.render import Renderer
from kb.schema import Schemas
from kb.site import load_site
from kb.support_request import check_support_request
from kb.yamlsource import parse_yaml

AGENT_LANGUAGE = load_site(ROOT / "site-data").agent_language
# The details the issue asks every support message to carry, by field id.
REQUIRED_FIELDS = {"uid", "contact", "submitted-at", "rejection-text", "document-type", "attempts", "tried"}


def renderer_for(site_data):
    return Renderer(load_knowledge_base(site_data), Schemas(site_data / "schema"))


def raw_html(markdown: str, start: str) -> BeautifulSoup:
    """The raw HTML block of generated Markdown that opens with `start`, parsed."""
    index = markdown.index(start)
    end = markdown.find("\n\n", index)
    return BeautifulSoup(markdown[index:end if end >= 0 else None], "lxml")


def test_the_loader_reads_the_support_request_file(fixture_kb):
    kb = load_knowledge_base(fixture_kb)
    assert [field["id"] for field in kb.support_request["include"]] == ["uid", "contact", "tried"]
    assert kb.support_request["channels"][0]["url"].startswith("https://www.binance.com/")


def test_a_missing_support_request_file_is_reported(fixture_kb):
    (fixture_kb / "support-request.yml").unlink()
    with pytest.raises(KnowledgeBaseError) as raised:
        load_knowledge_base(fixture_kb)
    assert [str(p) for p in raised.value.problems] == [
        "site-data/support-request.yml:1: the support-request file is missing — restore "
        "site-data/support-request.yml: the support-request builder page is built from it"]


def test_the_real_support_request_file_is_valid_on_its_own():
    """Checked alone, so it is known good even while other content is being written."""
    path = ROOT / "site-data" / "support-request.yml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=schema/support-request.schema.json\n")
    parsed = parse_yaml(text, "site-data/support-request.yml")
    assert parsed.problems == []
    assert Schemas(ROOT / "site-data" / "schema").check("support-request", parsed) == []
    allowed = yaml.safe_load((ROOT / "site-data" / "allowed-domains.yml").read_text(encoding="utf-8"))
    assert check_support_request(parsed, LinkPolicy(allowed["domains"], allowed["paths"])) == []
    assert {field["id"] for field in parsed.value["include"]} == REQUIRED_FIELDS


def test_every_key_of_the_schema_is_described():
    schema = json.loads((ROOT / "site-data/schema/support-request.schema.json").read_text(encoding="utf-8"))

    def undescribed(node, path):
        """Keys below node that have no description of their own."""
        missing = []
        for name, child in node.get("properties", {}).items():
            if "description" not in child:
                missing.append(f"{path}.{name}")
            missing += undescribed(child, f"{path}.{name}")
        if isinstance(node.get("items"), dict):
            missing += undescribed(node["items"], f"{path}[]")
        return missing

    assert schema["description"]
    assert undescribed(schema, "support-request") == []


def test_the_builder_is_one_page_in_every_language(fixture_kb):
    renderer = renderer_for(fixture_kb)
    assert [p.template for p in renderer.pages() if p.path == "support-request.md"] == ["support-request.md.j2"]
    for language in LANGUAGES:
        assert "support-request.md" in renderer.render_all(language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_situation_list_holds_every_cause_grouped_by_category(fixture_kb, language):
    renderer = renderer_for(fixture_kb)
    kb = renderer.kb
    html = raw_html(renderer.render_all(language)["support-request.md"], '<div class="kb-support"')
    select = html.select_one("select#kb-support-cause")
    assert select.select_one("option")["value"] == "", "the first choice is 'not sure'"
    groups = [(group["label"], [o["value"] for o in group.select("option")]) for group in select.select("optgroup")]
    assert groups == [(category["title"][language], [c.id for c in kb.causes_in(category["id"])])
                      for category in kb.categories if kb.causes_in(category["id"])]
    for cause_id, cause in kb.causes.items():
        assert select.select_one(f"option[value='{cause_id}']").get_text() == cause["title"][language]


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_detail_is_a_labelled_field_with_hint_and_alert(fixture_kb, language):
    renderer = renderer_for(fixture_kb)
    html = raw_html(renderer.render_all(language)["support-request.md"], '<div class="kb-support"')
    assert html.select("form") == [], "no form: nothing typed can be submitted"
    for field in renderer.kb.support_request["include"]:
        control = html.select_one(f"[data-support-field='{field['id']}']")
        assert control.name == ("textarea" if field["input"] == "lines" else "input")
        assert not control.has_attr("name")
        assert control["autocomplete"] == "off" and control["spellcheck"] == "false"
        assert html.select_one(f"label[for='{control['id']}']").get_text() == field["label"][language]
        hint, warning = control["aria-describedby"].split()
        assert html.select_one(f"#{hint}").get_text() == field["hint"][language]
        assert html.select_one(f"#{warning}")["role"] == "alert"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_page_carries_its_own_and_the_english_words(fixture_kb, language):
    renderer = renderer_for(fixture_kb)
    kb = renderer.kb
    html = raw_html(renderer.render_all(language)["support-request.md"], '<div class="kb-support"')
    words = json.loads(html.select_one("[data-module='support-request']")["data-support-words"])
    message = kb.support_request["message"]
    for side, side_language in (("local", language), ("agent", AGENT_LANGUAGE)):
        assert words[side]["greeting"] == message["greeting"][side_language]
        assert words[side]["separator"] == message["separator"][side_language]
        assert words[side]["fields"] == {f["id"]: f["label"][side_language] for f in kb.support_request["include"]}
        assert words[side]["causes"] == {cid: c["title"][side_language] for cid, c in kb.causes.items()}
        assert words[side]["removed"] == {kind: text[side_language]
                                          for kind, text in kb.support_request["secrets"]["removed"].items()}
    for key in ("warning_code", "warning_password", "warning_key", "warning_seed", "warning_left_out",
                "removed_notice"):
        assert words["labels"][key] == kb.ui[language][f"support.{key}"]
    secrets = kb.support_request["secrets"]
    assert words["secrets"] == {key: secrets[key] for key in
                                ("number_fields", "password_words", "seed_phrase_words", "seed_words")}
    # The English copy is offered on every page but the English one, where it would repeat itself.
    assert bool(html.select("[data-support-message='agent']")) == (language != AGENT_LANGUAGE)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_notice_sits_next_to_each_copy_button(fixture_kb, language):
    """What is left out of the message is said beside Copy, and announced once, not once per message."""
    html = raw_html(renderer_for(fixture_kb).render_all(language)["support-request.md"], '<div class="kb-support"')
    buttons = html.select("button[data-support-copy]")
    assert len(buttons) == (1 if language == AGENT_LANGUAGE else 2)
    notices = []
    for button in buttons:
        actions = button.find_parent("p")
        notice = actions.find_previous_sibling()
        assert notice.has_attr("data-support-removed") and notice.get_text() == ""
        assert button["aria-describedby"] == notice["id"]
        notices.append(notice)
    assert [notice.get("role") for notice in notices] == ["status"] + [None] * (len(notices) - 1)


def test_the_real_seed_word_list_is_the_bip39_english_list():
    """2,048 distinct words of 3 to 8 letters, whose first four letters tell them apart (BIP39's own rule)."""
    secrets = yaml.safe_load((ROOT / "site-data/support-request.yml").read_text(encoding="utf-8"))["secrets"]
    words = secrets["seed_words"].split(" ")
    assert len(words) == len(set(words)) == 2048
    assert words[:3] == ["abandon", "ability", "able"] and words[-1] == "zoo" and words == sorted(words)
    assert all(3 <= len(word) <= 8 for word in words)
    assert len({word[:4] for word in words}) == 2048
    # The placeholders say what was removed in the reader's own words, never a bare token.
    for kind, texts in secrets["removed"].items():
        assert set(texts) == set(LANGUAGES), kind
        assert len(set(texts.values())) == len(LANGUAGES), f"{kind}: every language words it its own way"


@pytest.mark.parametrize("change, expected", [
    ("  number_fields: [uid, contact]\n", None),
    ("  number_fields: [uid, contact, tried]\n", None),
    ("  number_fields: [uid, cont]\n", "secrets.number_fields[1]: `cont` is not the id of a field in include"),
    ("  password_words: [password, 密码, pwd]\n", None),
    ("  seed_phrase_words: [seed phrase, 助记词, password]\n",
     "secrets.seed_phrase_words[2]: `password` is also in secrets.password_words"),
])
def test_secret_words_are_checked_against_each_other(fixture_kb, change, expected):
    path = fixture_kb / "support-request.yml"
    text = path.read_text(encoding="utf-8")
    key = change.split(":")[0]
    line = next(line for line in text.splitlines(keepends=True) if line.startswith(key + ":"))
    parsed = parse_yaml(text.replace(line, change), "site-data/support-request.yml")
    assert Schemas(fixture_kb / "schema").check("support-request", parsed) == []
    problems = [f"{p.key}: {p.message}" for p in check_support_request(parsed, None)]
    assert problems == ([] if expected is None else [expected])


@pytest.mark.parametrize("change", [
    "  seed_words: abandon Ability able\n",
    "  seed_words: abandon  ability\n",
    "  seed_phrase_words: [Seed phrase]\n",
    "  password_words: []\n",
])
def test_the_schema_refuses_badly_written_secret_words(fixture_kb, change):
    path = fixture_kb / "support-request.yml"
    text = path.read_text(encoding="utf-8")
    key = change.split(":")[0]
    start = text.index(key + ":")
    end = len(text) if key == "  seed_words" else text.index("\n", start) + 1
    parsed = parse_yaml(text[:start] + change + text[end:], "site-data/support-request.yml")
    assert parsed.problems == []
    assert Schemas(fixture_kb / "schema").check("support-request", parsed) != []


def test_text_from_yaml_stays_text_in_the_builder(fixture_kb):
    cause = fixture_kb / "causes" / "doc-expired.yml"
    cause.write_text(cause.read_text(encoding="utf-8").replace(
        'en: "[en] Document expired"', """en: "</option><b>x</b> 'q' \\"dq\\" & *star*\""""), encoding="utf-8")
    page = renderer_for(fixture_kb).render_all("en")["support-request.md"]
    html = raw_html(page, '<div class="kb-support"')
    option = html.select_one("option[value='doc-expired']")
    assert option.get_text() == """</option><b>x</b> 'q' "dq" & *star*"""
    assert html.select("b") == []
    words = json.loads(html.select_one("[data-module='support-request']")["data-support-words"])
    assert words["local"]["causes"]["doc-expired"] == """</option><b>x</b> 'q' "dq" & *star*"""


def test_channels_are_listed_as_official_links(fixture_kb):
    # The fixture's texts are their language's code in brackets, then the English.
    language = OTHER_CJK_LANGUAGE
    page = renderer_for(fixture_kb).render_all(language)["support-request.md"]
    assert (f"- [\\[{language}\\] Live chat](https://www.binance.com/en/support/faq/fe4f305d237344d68c2c8565e483635d): "
            f"\\[{language}\\] Inside the app.") in page


def test_cause_pages_and_tree_outcomes_link_to_the_builder(fixture_kb):
    renderer = renderer_for(fixture_kb)
    tree = renderer.kb.tree
    for language in LANGUAGES:
        pages = renderer.render_all(language)
        # The label as the page's Markdown holds it: escaped, so an apostrophe is &#39;.
        label = re.escape(str(escape(renderer.kb.ui[language]["support.prepare_link"])))
        for cause_id in renderer.kb.causes:
            page = pages[f"causes/{cause_id}.md"]
            still_failing = page[page.index("{ #still-failing }"):]
            still_failing = still_failing[:still_failing.index("\n## ")]
            assert re.search(rf"\[{label}\]\(\.\./support-request\.md\?cause={cause_id}\)", still_failing)
        for question_id, question in tree.questions.items():
            for answer in question["answers"]:
                if "causes" not in answer:
                    continue
                page = pages[f"troubleshoot/{question_id}/{answer['id']}.md"]
                panel = page[page.index(f'data-step="{question_id}/{answer["id"]}"'):]
                panel = panel[:panel.index("</section>")]
                first = answer["causes"][0]
                assert re.search(rf"\[{label}\]\(\.\./\.\./support-request\.md\?cause={first}\)", panel)


@pytest.mark.parametrize("language", LANGUAGES)
def test_checklist_items_are_labelled_checkboxes(fixture_kb, language):
    renderer = renderer_for(fixture_kb)
    checklist = renderer.kb.checklists["before-you-submit"]
    page = renderer.render_all(language)["checklists/before-you-submit.md"]
    html = raw_html(page, '<div class="kb-checklist"')
    root = html.select_one("[data-module='checklist']")
    assert root["data-checklist-id"] == "before-you-submit" and root["data-checklist-language"] == language
    assert root["data-checklist-progress-template"] == renderer.kb.ui[language]["checklist.progress"]
    assert root.select_one("[data-checklist-progress]")["aria-live"] == "polite"
    assert root.select_one("[data-checklist-status]").has_attr("hidden"), "hidden until the script runs"
    boxes = root.select("input[type='checkbox']")
    assert [b["data-checklist-item"] for b in boxes] == [str(i) for i in range(len(checklist["items"]))]
    for box, item in zip(boxes, checklist["items"]):
        label = root.select_one(f"label[for='{box['id']}']")
        assert label.get_text() == item[language], "Markdown is left for MkDocs to render"


def test_a_checklist_item_on_several_lines_stays_one_html_block(fixture_kb):
    path = fixture_kb / "checklists" / "before-you-submit.yml"
    # Every language alike: a translation with other paragraphs than the English is itself an error.
    text = path.read_text(encoding="utf-8")
    for language in LANGUAGES:
        text = text.replace(f'"[{language}] Valid document."', f'"[{language}] Valid\\n\\ndocument."')
    path.write_text(text, encoding="utf-8")
    page = renderer_for(fixture_kb).render_all("en")["checklists/before-you-submit.md"]
    block = page[page.index('<div class="kb-checklist"'):page.index("</div>")]
    assert "\n\n" not in block and "[en] Valid document." in block


def test_progress_placeholders_survive_translation():
    for language in LANGUAGES:
        strings = yaml.safe_load((ROOT / f"site-data/ui/{language}.yml").read_text(encoding="utf-8"))
        assert "{done}" in strings["checklist.progress"] and "{total}" in strings["checklist.progress"], language



@pytest.mark.parametrize("language", LANGUAGES)
def test_built_cause_pages_and_outcomes_link_to_the_builder(built_site, real_kb, language):
    base = language_root(built_site, language)
    builder = (base / "support-request" / "index.html").resolve()
    assert builder.exists()

    def target(page, href):
        parts = urlsplit(href)
        return (page.parent / parts.path / "index.html").resolve(), parse_qs(parts.query)

    for cause_id in real_kb.causes:
        page = base / "causes" / cause_id / "index.html"
        html = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        section = []
        for sibling in html.select_one("h2#still-failing").find_next_siblings():
            if sibling.name == "h2":
                break
            section += sibling.select("a.kb-support-link")
        assert len(section) == 1, page
        assert target(page, section[0]["href"]) == (builder, {"cause": [cause_id]}), page

    tree = real_kb.tree
    for question_id, question in tree.questions.items():
        for answer in question["answers"]:
            if "causes" not in answer:
                continue
            page = base / "troubleshoot" / question_id / answer["id"] / "index.html"
            step, _ = visible_step(page)
            assert step["data-step"] == f"{question_id}/{answer['id']}", page
            links = step.select("a.kb-support-link")
            assert len(links) == 1, page
            assert target(page, links[0]["href"]) == (builder, {"cause": [answer["causes"][0]]}), page
