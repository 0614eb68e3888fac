"""Text from YAML can never run code: plain fields are escaped, Markdown fields reject markup or stay inert."""
from __future__ import annotations

from pathlib import Path

import pytest
import lxml.html
import yaml
from bs4 import BeautifulSoup

from helpers import LANGUAGES, SITE, StaticServer, make_fixture_kb, make_project, mkdocs_build
from kb.qa.typography import FRENCH
from kb.loader import load_knowledge_base
from kb.problems import KnowledgeBaseError

PAYLOADS = yaml.safe_load((Path(__file__).parent / "fixtures" / "injection-payloads.yml").read_text(encoding="utf-8"))


def set_all_languages(path: Path, key_path: list, text: str) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    node = data
    for key in key_path:
        node = node[key]
    for language in LANGUAGES:
        node[language] = french_spacing(text) if SITE.language(language).typography == FRENCH else text
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def french_spacing(text: str) -> str:
    """The payload with French no-break spaces, as the languages of French typography write it."""
    for mark in ";!?":
        text = text.replace(f" {mark}", f"\u202f{mark}")
    return text.replace(" :", "\u00a0:").replace("« ", "«\u00a0").replace(" »", "\u00a0»")


# What an injected payload would leave in a page's article if it got through as markup.
INJECTED_ELEMENTS = "article script, article iframe, article object, article style, article svg[onload]"
INJECTED_XPATH = "//article//*[self::script or self::iframe or self::object or self::style or self::svg[@onload]]"


def assert_no_injected_markup(site: Path) -> int:
    """Every page of every language, as parsed HTML: no injected element or handler in the article."""
    checked = 0
    for html_file in sorted(site.rglob("*.html")):
        root = lxml.html.fromstring(html_file.read_bytes())
        for article in root.iter("article"):
            handlers = [name for element in article.iter() if isinstance(element.tag, str)
                        for name in element.attrib if name.startswith("on")]
            assert handlers == [], html_file
        assert root.xpath(INJECTED_XPATH) == [], html_file
        checked += 1
    return checked


def assert_inert(browser, site: Path) -> int:
    """Nothing may run in a browser either, once the page's own scripts have put the text in place.

    Every page is checked as markup (assert_no_injected_markup); in Chromium, every page of
    the default language, and the home page and troubleshooter of every other language:
    the scripts that place text (search, troubleshooter, checklist, support request) are the
    same in every language, so one language's pages run each of them on the payloads.
    """
    assert assert_no_injected_markup(site) > 0
    server = StaticServer(site)
    context = browser.new_context()
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    opened = sorted(path for path in site.rglob("*.html") if path.relative_to(site).parts[0] not in LANGUAGES)
    opened += [site / language / name for language in LANGUAGES if (site / language).is_dir()
               for name in ("index.html", "troubleshoot/index.html")]
    checked = 0
    try:
        for html_file in opened:
            url = server.url + html_file.relative_to(site).as_posix()
            page.goto(url)
            page.mouse.move(200, 300)
            assert page.evaluate("window.__kbPwned") is None, url
            handlers = page.evaluate("""() => [...document.querySelectorAll('article *')]
                .flatMap(el => [...el.attributes].map(a => a.name))
                .filter(name => name.startsWith('on'))""")
            assert handlers == [], url
            assert page.locator(INJECTED_ELEMENTS).count() == 0, url
            checked += 1
    finally:
        context.close()
        server.close()
    assert dialogs == []
    return checked


def test_there_are_enough_payloads():
    assert len(PAYLOADS) >= 15


def test_payloads_in_plain_fields_come_out_as_text(tmp_path, browser):
    kb = make_fixture_kb(tmp_path / "kb")
    everything = " ".join(PAYLOADS)
    set_all_languages(kb / "causes/doc-expired.yml", ["title"], everything)
    set_all_languages(kb / "causes/doc-expired.yml", ["summary"], everything)
    set_all_languages(kb / "causes/doc-expired.yml", ["sources", 1, "title"], everything)
    set_all_languages(kb / "solutions/renew-document.yml", ["title"], everything)
    set_all_languages(kb / "faqs/which-documents.yml", ["question"], everything)
    set_all_languages(kb / "categories.yml", ["categories", 0, "description"], everything)
    set_all_languages(kb / "tree.yml", ["questions", "what-happened", "answers", 0, "text"], everything)
    set_all_languages(kb / "checklists/before-you-submit.yml", ["title"], everything)
    project = make_project(tmp_path / "project", kb)
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr[-3000:]
    cause_page = BeautifulSoup((project / "site/causes/doc-expired/index.html").read_text(encoding="utf-8"), "lxml")
    # The words are there, as text.
    assert "window.__kbPwned=1" in cause_page.select_one("h1").get_text()
    assert "<script>window.__kbPwned" in cause_page.title.get_text()
    assert assert_inert(browser, project / "site") > 20


def test_payloads_in_markdown_fields_are_rejected_or_inert(tmp_path, browser):
    accepted = []
    for index, payload in enumerate(PAYLOADS):
        kb = make_fixture_kb(tmp_path / f"kb{index}")
        set_all_languages(kb / "faqs/which-documents.yml", ["answer"], payload)
        try:
            load_knowledge_base(kb)
        except KnowledgeBaseError as error:
            assert all(p.file.endswith("faqs/which-documents.yml") for p in error.problems), error
            continue
        accepted.append(payload)
    # Most payloads are refused outright; the few that pass are plain text to Markdown.
    assert len(accepted) <= 3, accepted
    if accepted:
        kb = make_fixture_kb(tmp_path / "kb-accepted")
        set_all_languages(kb / "faqs/which-documents.yml", ["answer"], "\n\n".join(accepted))
        project = make_project(tmp_path / "project", kb)
        result = mkdocs_build(project)
        assert result.returncode == 0, result.stderr[-3000:]
        assert_inert(browser, project / "site")
