"""The offline copy as a distributor hands it on: its edition stamp, the zip's dates and first
files, checksums, the domains the About page lists, and what keeps the copy small.

Reads the session's builds (the offline copy in built_offline_site, site-offline.zip and
SHA256SUMS beside it); only the SITE_URL check builds, and it stops before any page.
"""
from __future__ import annotations

import functools
import hashlib
import re
import zipfile
from pathlib import Path

import lxml.html
import pytest

from helpers import (DEFAULT_LANGUAGE, LANGUAGES, OFFLINE_TEST_SITE_URL, OTHER_CJK_LANGUAGE, ROOT, language_root,
                     make_fixture_kb, make_project, mkdocs_build)
from kb.archive import entry_time
from kb.checksums import offline_artefacts, read_checksums, write_checksums
from kb.edition import MISSING_ADDRESS, EditionError, generator_version, public_address
from kb.offline_start import README, START_PAGE
from kb.qa.typography import local_date

UTF8 = lxml.html.HTMLParser(encoding="utf-8")
TREE = "//*[@data-module='decision-tree']"
# Half of the zip the outside review measured (7,112,869 bytes, ../shared/reviews/offline.md)
# was the goal; BENCHMARKS.md (offline copy) says where the bytes still go. This budget
# keeps what was won (the zip went from 8,579,197 to 5,118,176 bytes) with room for
# ordinary growth: repeating the whole tree on every step page again adds 3 MB.
ZIP_BUDGET = 5_500_000


def has_class(name: str) -> str:
    """An XPath test for an element with this class among its classes."""
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


def parse(path: Path):
    return lxml.html.document_fromstring(path.read_bytes(), parser=UTF8)


@functools.lru_cache(maxsize=None)
def offline_pages(site: Path) -> dict[Path, object]:
    return {path: parse(path) for path in sorted(site.rglob("*.html"))}


def language_of(site: Path, page: Path) -> str:
    top = page.relative_to(site).parts[0]
    return top if top in LANGUAGES and (site / top).is_dir() else DEFAULT_LANGUAGE


def home_address(language: str) -> str:
    return OFFLINE_TEST_SITE_URL if language == DEFAULT_LANGUAGE else f"{OFFLINE_TEST_SITE_URL}{language}/"


def zip_home(site: Path, language: str) -> str:
    """A language's home page inside the zip: the default language at the site folder's root."""
    return f"{site.name}/index.html" if language == DEFAULT_LANGUAGE else f"{site.name}/{language}/index.html"


def archive_of(site: Path) -> Path:
    return site.with_name(site.name + ".zip")


def test_every_offline_page_carries_the_edition_stamp_in_its_language(built_offline_site, real_kb):
    version = generator_version()
    pages = offline_pages(built_offline_site)
    assert len(pages) > 100
    for path, root in pages.items():
        language = root.get("lang")
        assert language == language_of(built_offline_site, path), path
        stamps = root.xpath(f"//aside[{has_class('kb-edition')}]")
        assert len(stamps) == 1, path
        stamp, ui = stamps[0], real_kb.ui[language]
        text = stamp.text_content()
        assert stamp.get("data-edition-date") == real_kb.content_date, path
        assert stamp.get("data-edition-version") == version, path
        assert ui["edition.label"] in text, path
        assert local_date(real_kb.content_date, language) in text and version in text, path
        before, after = ui["edition.outdated"].split("{address}")
        assert before.strip() in text and after.strip() in text, path
        assert [a.get("href") for a in stamp.iter("a")] == [home_address(language)], path
        notes = root.xpath(f"//body//*[{has_class('kb-unzip-first')}]")
        assert [n.text_content() for n in notes] == [ui["offline.unzip_first"].format(start=START_PAGE)], path


def test_the_served_site_has_no_edition_stamp(built_site):
    stamped = [p for p in built_site.rglob("*.html")
               if b'class="kb-edition"' in p.read_bytes() or b'class="kb-unzip-first"' in p.read_bytes()]
    assert stamped == []


def test_a_page_opened_alone_says_to_extract_the_zip(browser, built_offline_site, tmp_path):
    """The note shows only where the stylesheet is missing, as when Windows extracts one file from the zip."""
    alone = tmp_path / "index.html"
    alone.write_bytes((built_offline_site / OTHER_CJK_LANGUAGE / "index.html").read_bytes())
    context = browser.new_context()
    page = context.new_page()
    note = f"xpath=//*[{has_class('kb-unzip-first')}]"
    page.goto(alone.as_uri())
    assert page.locator(note).is_visible()
    page.goto((built_offline_site / OTHER_CJK_LANGUAGE / "index.html").as_uri())
    assert page.locator(note).count() == 1 and not page.locator(note).is_visible()
    assert page.locator(f"xpath=//aside[{has_class('kb-edition')}]").is_visible()
    context.close()


def test_an_offline_build_without_site_url_stops_with_the_fix(tmp_path):
    project = make_project(tmp_path / "project", make_fixture_kb(tmp_path / "kb"))
    result = mkdocs_build(project, "-f", "mkdocs.offline.yml", site_url=None)
    assert result.returncode != 0
    assert MISSING_ADDRESS in result.stderr
    assert not (project / "site-offline").exists() and not (project / "site-offline.zip").exists()


@pytest.mark.parametrize("value", [None, "", "  ", "kyc-help.example.org", "http://kyc-help.example.org/"])
def test_site_url_must_be_a_public_https_address(value):
    with pytest.raises(EditionError, match="SITE_URL"):
        public_address(value)


def test_site_url_gets_its_trailing_slash():
    assert public_address("https://example.org/guide") == "https://example.org/guide/"


def test_zip_entries_are_dated_by_the_content(built_offline_site, real_kb):
    with zipfile.ZipFile(archive_of(built_offline_site)) as bundle:
        dates = {info.date_time for info in bundle.infolist()}
    assert dates == {entry_time(real_kb.content_date)}
    assert entry_time(real_kb.content_date)[:3] != (1980, 1, 1)


def _zip_names(site: Path) -> set[str]:
    with zipfile.ZipFile(archive_of(site)) as bundle:
        return set(bundle.namelist())


def test_the_zip_opens_with_a_start_page_linking_every_language(built_offline_site, real_kb):
    names = _zip_names(built_offline_site)
    with zipfile.ZipFile(archive_of(built_offline_site)) as bundle:
        start = lxml.html.document_fromstring(bundle.read(START_PAGE), parser=UTF8)
    assert {name for name in names if "/" not in name} == {START_PAGE, README}
    sections = {section.get("lang"): section for section in start.xpath("//section[@lang]")}
    assert list(sections) == list(LANGUAGES)
    for language, section in sections.items():
        ui = real_kb.ui[language]
        assert ui["offline.extract_first"] in section.text_content()
        homes = [a.get("href") for a in section.xpath(f".//a[{has_class('kb-start__home')}]")]
        expected = zip_home(built_offline_site, language)
        assert homes == [expected] and expected in names
        assert section.xpath(f".//*[{has_class('kb-edition')}]")
    # Nothing beside it: it must read well when Windows extracts it alone from the zip.
    assert not start.xpath("//link[@href] | //script[@src] | //img")


def test_the_zip_holds_a_readme_in_every_language(built_offline_site, real_kb):
    names = _zip_names(built_offline_site)
    with zipfile.ZipFile(archive_of(built_offline_site)) as bundle:
        readme = bundle.read(README).decode("utf-8-sig")
    for language in LANGUAGES:
        ui = real_kb.ui[language]
        assert ui["offline.extract_first"] in readme, language
        home = zip_home(built_offline_site, language)
        assert home in names
        assert ui["offline.readme_open"].format(start=START_PAGE, home=home) in readme, language
        assert home_address(language) in readme


def test_sha256sums_covers_the_other_editions_when_they_are_there(tmp_path):
    for name, data in {"site-offline.zip": b"zip", "site-offline.zim": b"zim", "site-offline-ja.html": b"ja",
                       "other.zip": b"not ours", "notes.txt": b"not an edition"}.items():
        (tmp_path / name).write_bytes(data)
    written = write_checksums(tmp_path, offline_artefacts(tmp_path, "site-offline"))
    listed = read_checksums(tmp_path)
    assert sorted(listed) == ["site-offline-ja.html", "site-offline.zim", "site-offline.zip"]
    assert listed["site-offline.zim"] == hashlib.sha256(b"zim").hexdigest()
    assert [a.path.name for a in written] == sorted(listed)
    assert (tmp_path / "SHA256SUMS").read_text().splitlines()[0] == f"{listed['site-offline-ja.html']}  site-offline-ja.html"


def test_sha256sums_lists_every_offline_artefact_with_its_hash(built_offline_site):
    folder = built_offline_site.parent
    listed = read_checksums(folder)
    edition = re.search(r"^\s*kb_edition_name:\s*(\S+)", (ROOT / "mkdocs.offline.yml").read_text(), re.M).group(1)
    present = offline_artefacts(folder, built_offline_site.name, edition)
    assert archive_of(built_offline_site) in present
    # The one-file editions are written before SHA256SUMS, so it lists them too.
    assert {path.suffix for path in present} >= {".zip", ".zim", ".html"}
    assert sorted(listed) == sorted(path.name for path in present)
    for name, digest in listed.items():
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest, name


def test_about_lists_the_only_linked_domains_in_every_language(built_offline_site, real_kb):
    expected = list(real_kb.allowed_domains["domains"]) + list(real_kb.allowed_domains["paths"])
    for language in LANGUAGES:
        folder = built_offline_site if language == DEFAULT_LANGUAGE else built_offline_site / language
        root = parse(folder / "about.html")
        listed = [code.text for code in root.xpath(f"//*[{has_class('kb-linked-domains')}]//li/code")]
        assert listed == expected, language
        assert root.xpath("//h2[@id='linked-domains']")[0].text_content().startswith(real_kb.ui[language]["about.links_title"])


def _tree_pages(site: Path):
    return [page for page, root in offline_pages(site).items() if root.xpath(TREE)]


def test_offline_tree_pages_hold_their_own_step_only(built_offline_site, real_kb):
    tree = real_kb.tree
    steps = len(tree.questions) + sum("causes" in a for q in tree.questions.values() for a in q["answers"])
    pages = _tree_pages(built_offline_site)
    assert len(pages) == steps * len(LANGUAGES)
    for page in pages:
        root = offline_pages(built_offline_site)[page]
        container = root.xpath(TREE)[0]
        panels = container.xpath(".//*[@data-step]")
        assert [p.get("data-step") for p in panels] == [container.get("data-current-step")], page
        assert panels[0].get("hidden") is None, page


def test_served_tree_pages_still_hold_every_step(built_site, real_kb):
    tree = real_kb.tree
    steps = len(tree.questions) + sum("causes" in a for q in tree.questions.values() for a in q["answers"])
    root = parse(built_site / "troubleshoot" / "index.html")
    assert len(root.xpath(TREE + "//*[@data-step]")) == steps
    assert len(root.xpath(TREE + "//*[@data-step][not(@hidden)]")) == 1


def _answer_targets(built_offline_site, real_kb, language):
    """(question page, answer index, step it must open) for every answer of the tree in one language."""
    tree = real_kb.tree
    root = language_root(built_offline_site, language) / "troubleshoot"
    for question_id, question in tree.questions.items():
        page = root / ("index.html" if question_id == tree.start else f"{question_id}.html")
        for index, answer in enumerate(question["answers"]):
            yield page, index, answer.get("next", f"{question_id}/{answer['id']}")


def test_every_answer_of_the_tree_links_to_the_file_of_its_step(built_offline_site, real_kb):
    """From disk there is no server to turn a folder into its index.html: every answer's link
    must name the file that shows its step, in every language."""
    visible = "//*[@data-module='decision-tree']//*[@data-step][not(@hidden)]"
    # Every page parsed once (offline_pages), found by its resolved path.
    parsed = {path.resolve(): root for path, root in offline_pages(built_offline_site).items()}
    for language in LANGUAGES:
        for page, index, target in _answer_targets(built_offline_site, real_kb, language):
            href = parsed[page.resolve()].xpath(f"{visible}//a[{has_class('kb-answer')}]/@href")[index]
            opened = (page.parent / href.split("#")[0]).resolve()
            assert opened in parsed and opened.suffix == ".html", (language, page, href)
            assert parsed[opened].xpath(visible)[0].get("data-step") == target, (language, page, href)


@pytest.mark.parametrize("javascript", [False, True])
def test_answers_of_the_tree_open_their_step_when_clicked_from_disk(browser, built_offline_site, real_kb, javascript):
    """Clicked in Chromium from file://, with and without JavaScript: every answer of the first
    question, and the first answer of every question after it (the links themselves are all
    checked above, in every language)."""
    language = LANGUAGES[-1] if javascript else LANGUAGES[1 % len(LANGUAGES)]
    context = browser.new_context(java_script_enabled=javascript)
    context.set_default_timeout(10_000)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    visible = "[data-module='decision-tree'] [data-step]:not([hidden])"
    start = (language_root(built_offline_site, language) / "troubleshoot" / "index.html")
    clicked = [(question_page, index, target)
               for question_page, index, target in _answer_targets(built_offline_site, real_kb, language)
               if question_page == start or index == 0]
    for question_page, index, target in clicked:
        page.goto(question_page.as_uri())
        page.locator(f"{visible} a.kb-answer").nth(index).click()
        page.wait_for_load_state()
        assert page.locator(visible).get_attribute("data-step") == target, (question_page, index)
        assert page.url.startswith("file://")
    assert errors == []
    context.close()


def test_the_offline_copy_leaves_out_files_it_never_loads(built_offline_site):
    files = [p.relative_to(built_offline_site).as_posix() for p in built_offline_site.rglob("*") if p.is_file()]
    assert [f for f in files if f.endswith(".map")] == []
    assert [f for f in files if f.startswith(("assets/javascripts/lunr/", "assets/javascripts/workers/"))] == []
    assert [f for f in files if f.startswith("sitemap.xml")] == []
    # Every script, stylesheet and image is loaded by some page; the search index's
    # files are loaded by the search script itself (kb-search/<language>/manifest.js).
    loaded = set()
    for page, root in offline_pages(built_offline_site).items():
        for address in root.xpath("//script/@src | //link/@href | //img/@src"):
            target = (page.parent / address.split("?")[0].split("#")[0]).resolve()
            if target.is_relative_to(built_offline_site.resolve()):
                loaded.add(target.relative_to(built_offline_site.resolve()).as_posix())
    assets = [f for f in files if not f.endswith(".html") and not f.startswith("assets/kb-search/")]
    assert [f for f in assets if f not in loaded] == []


def test_the_zip_stays_small(built_offline_site):
    size = archive_of(built_offline_site).stat().st_size
    print(f"site-offline.zip: {size:,} bytes")
    assert size < ZIP_BUDGET
