"""The same knowledge base built with Zensical (`make build-zensical`), checked per language.

The build is `kb export`, one Zensical build per language and `kb index` (tests/conftest.py,
`built_zensical_site`; `make test` builds it once into .test-builds/site-zensical). Every check
reads the knowledge base for what to expect, and the HTML with a parser or in Chromium.
"""
from __future__ import annotations

import filecmp
import posixpath
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

import lxml.html
import pytest

from helpers import DEFAULT_LANGUAGE, LANGUAGES, language_root
from test_every_cause_has_a_fix import plain
from test_search_browser import cause_of, in_language, wait_for_results


@lru_cache(maxsize=None)
def parsed(path: Path):
    return lxml.html.fromstring(path.read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def ids(path: Path) -> frozenset[str]:
    return frozenset(parsed(path).xpath("//@id"))


def built_file(site: Path, page: Path, href: str) -> Path | None:
    """The file a relative link of a built page leads to (a folder's index.html), or None for other sites."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith("/"):
        return None
    if not parts.path:
        return page
    target = Path(posixpath.normpath(posixpath.join(page.parent.as_posix(), unquote(parts.path))))
    return target / "index.html" if parts.path.endswith("/") or target.is_dir() else target


def broken_links(site: Path, page: Path) -> list[str]:
    """The links of a page's article that lead to no built file, or to no element of that id."""
    broken = []
    for link in parsed(page).xpath("//article//a[@href]"):
        href = link.get("href")
        target = built_file(site, page, href)
        if target is None:
            continue
        fragment = unquote(urlsplit(href).fragment)
        if not target.is_file():
            broken.append(href)
        elif fragment and fragment not in ids(target):
            broken.append(href)
    return broken


def root(language: str) -> str:
    return "" if language == DEFAULT_LANGUAGE else f"{language}/"


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_page(built_zensical_site, real_kb, language):
    home = language_root(built_zensical_site, language) / "index.html"
    html = parsed(home)
    assert html.get("lang") == language
    # The hand-written page's own heading, with its `<!-- kb:NAME -->` blocks filled from data.
    source = (Path(__file__).parent.parent / "content" / f"index.{language}.md").read_text(encoding="utf-8")
    heading = next(line[2:] for line in source.splitlines() if line.startswith("# "))
    assert " ".join(html.xpath("string(//article//h1)").split()).rstrip("¶") == " ".join(heading.split())
    article = lxml.html.tostring(html.xpath("//article")[0], encoding="unicode")
    assert "kb:" not in article
    links = {built_file(built_zensical_site, home, a.get("href")) for a in html.xpath("//article//a[@href]")}
    base = language_root(built_zensical_site, language)
    assert base / "troubleshoot" / "index.html" in links
    # The categories block: one link per category to its section of the cause list.
    hrefs = [a.get("href") for a in html.xpath("//article//a[@href]")]
    for category in real_kb.categories:
        assert any(built_file(built_zensical_site, home, href) == base / "causes" / "index.html"
                   and href.endswith(f"#{category['id']}") for href in hrefs), category["id"]
    assert broken_links(built_zensical_site, home) == []
    # The interface in the page's language, from ui/<lang>.yml (extra.kb_ui).
    assert html.xpath("string(//aside[@data-kb-safety]//h2)") == real_kb.ui[language]["safety.title"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_cause_page_shows_its_numbered_fix_steps(built_zensical_site, real_kb, language):
    base = language_root(built_zensical_site, language)
    assert {p.parent.name for p in (base / "causes").glob("*/index.html")} == set(real_kb.causes)
    for cause in real_kb.causes.values():
        page = base / "causes" / cause.id / "index.html"
        html = parsed(page)
        assert html.get("lang") == language
        for solution_id in cause["solutions"]:
            heading = html.xpath(f'//h3[@id="fix-{solution_id}"]')
            assert heading, (language, cause.id, solution_id)
            steps = heading[0].xpath("following-sibling::ol[1]")
            assert steps, (language, cause.id, solution_id)
            shown = [" ".join(li.text_content().split()) for li in steps[0].xpath("./li")]
            expected = [plain(step[language], language, real_kb) for step in real_kb.solutions[solution_id]["steps"]]
            assert shown == expected, (language, cause.id, solution_id)
        assert broken_links(built_zensical_site, page) == [], (language, cause.id)


def tree_page_files(base: Path, tree) -> dict[str, Path]:
    """Every step page of the troubleshooter (questions and outcomes) by step id."""
    pages = {}
    for question_id, question in tree.questions.items():
        folder = base / "troubleshoot" if question_id == tree.start else base / "troubleshoot" / question_id
        pages[question_id] = folder / "index.html"
        for answer in question["answers"]:
            if "causes" in answer:
                pages[f"{question_id}/{answer['id']}"] = base / "troubleshoot" / question_id / answer["id"] / "index.html"
    return pages


@pytest.mark.parametrize("language", LANGUAGES)
def test_tree_pages_and_their_links(built_zensical_site, real_kb, language):
    tree = real_kb.tree
    base = language_root(built_zensical_site, language)
    pages = tree_page_files(base, tree)
    for step, page in pages.items():
        assert page.is_file(), (language, step)
        html = parsed(page)
        # Each step page is titled by its own question, or its outcome's cause.
        question = tree.questions.get(step)
        if question is not None:
            assert html.findtext(".//title").startswith(" ".join(html.xpath(
                f'string(//*[@data-step="{step}"]//h1)').split()).rstrip("¶").strip()), (language, step)
        # Every answer leads to a built step page or cause page of the same language.
        answers = html.xpath(f'//*[@data-step="{step}"]//a[contains(concat(" ", @class, " "), " kb-answer ")]')
        if question is not None:
            assert len(answers) == len(question["answers"]), (language, step)
        for answer in answers:
            target = built_file(built_zensical_site, page, answer.get("href")).resolve()
            assert target in {p.resolve() for p in pages.values()} or target.parent.parent == (base / "causes").resolve(), \
                (language, step, answer.get("href"))
        assert broken_links(built_zensical_site, page) == [], (language, step)


@pytest.mark.parametrize("language", LANGUAGES)
def test_search_from_the_address(page, zensical_server, real_kb, language):
    cause_id, cause = sorted(real_kb.causes.items())[0]
    title = cause["title"][language]
    page.goto(f"{zensical_server.url}{root(language)}faq/?q={quote(title)}")
    wait_for_results(page, title)
    links = page.locator("[data-search-results] [data-search-list] a[href]")
    assert links.count() > 0
    first = in_language(links.first.evaluate("a => a.href"), zensical_server.url, language)
    assert cause_of(first) == cause_id
    assert page.problems == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_third_party_requests(browser, zensical_server, real_kb, language):
    context = browser.new_context()
    page = context.new_page()
    requests, failures = [], []
    page.on("request", lambda request: requests.append(request.url))
    page.on("response", lambda response: failures.append(f"HTTP {response.status}: {response.url}")
            if response.status >= 400 else None)
    base = zensical_server.url + root(language)
    for path in ("", f"causes/{sorted(real_kb.causes)[0]}/", "troubleshoot/", "faq/?q=KYC"):
        page.goto(base + path)
        page.wait_for_load_state("networkidle")
    # One answer of the troubleshooter, as a reader would click it.
    page.goto(base + "troubleshoot/")
    page.locator("[data-step]:not([hidden]) a.kb-answer").first.click()
    page.wait_for_load_state("networkidle")
    foreign = [url for url in requests if not url.startswith(zensical_server.url)
               and urlsplit(url).scheme not in ("data", "blob", "about")]
    assert foreign == []
    assert failures == []
    context.close()


def test_one_404_page_in_the_default_language(built_zensical_site):
    assert parsed(built_zensical_site / "404.html").get("lang") == DEFAULT_LANGUAGE
    assert [p for p in built_zensical_site.glob("*/404.html")] == []


def test_the_search_index_is_the_one_the_mkdocs_build_writes(built_zensical_site, built_site):
    """`kb index` of the Zensical HTML finds the same documents, words and excerpts in every language."""
    zensical, mkdocs = built_zensical_site / "assets" / "kb-search", built_site / "assets" / "kb-search"
    # The MkDocs build's gzip copies (kb/precompress.py) are left out: the indexes are compared.
    files = sorted(p.relative_to(mkdocs).as_posix() for p in mkdocs.rglob("*") if p.is_file() and p.suffix != ".gz")
    assert {path.split("/")[0] for path in files} == set(LANGUAGES)
    assert files == sorted(p.relative_to(zensical).as_posix() for p in zensical.rglob("*")
                           if p.is_file() and p.suffix != ".gz")
    match, mismatch, errors = filecmp.cmpfiles(mkdocs, zensical, files, shallow=False)
    assert mismatch == [] and errors == []
