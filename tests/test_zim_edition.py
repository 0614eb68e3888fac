"""The ZIM edition (Kiwix) of each language, read back with libzim's own reader.

The files are the ones the offline build wrote beside its zip (make test-builds).
"""
from __future__ import annotations

import posixpath
from urllib.parse import unquote, urlsplit

import langcodes
import lxml.html
import pytest
from libzim.reader import Archive
from libzim.search import Query, Searcher

from helpers import LANGUAGES, edition_path, language_root, offline_path, offline_pages

# Kiwix's library shows the Title and Description in lists and cuts them past these lengths
# (openZIM metadata conventions; zimcheck warns over them).
TITLE_LIMIT, DESCRIPTION_LIMIT = 30, 80
REQUIRED_METADATA = ("Name", "Title", "Description", "Language", "Creator", "Publisher", "Date")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# How many causes each language is searched for, and how far down its page may come.
SEARCHED_CAUSES, RESULTS_LOOKED_AT = 6, 5


# Its tests share a module fixture that reads many built pages: one worker runs them all
# (`make test` distributes by these groups, pytest-xdist's --dist loadgroup).
pytestmark = pytest.mark.xdist_group("test_zim_edition")


@pytest.fixture(scope="module")
def archives(built_offline_site):
    found = {}
    for language in LANGUAGES:
        path = edition_path(built_offline_site, "zim", language)
        assert path.is_file(), f"the offline build wrote no {path.name}"
        print(f"{path} {path.stat().st_size} bytes")
        found[language] = Archive(path)
    return found


def _html_entries(archive: Archive):
    """(path, parsed document) of every HTML entry, read through the archive's own index.

    The binding has no public way to list entries; _get_entry_by_id up to all_entry_count does.
    """
    for index in range(archive.all_entry_count):
        entry = archive._get_entry_by_id(index)
        if entry.is_redirect:
            continue
        item = entry.get_item()
        if item.mimetype.startswith("text/html"):
            yield entry.path, lxml.html.fromstring(bytes(item.content))


def _text(elements) -> list[str]:
    return [" ".join(element.text_content().split()) for element in elements]


@pytest.mark.parametrize("language", LANGUAGES)
def test_metadata_main_page_and_index(archives, built_offline_site, language):
    archive = archives[language]
    values = {key: archive.get_metadata(key).decode("utf-8") for key in REQUIRED_METADATA}
    assert all(values.values()), values
    assert langcodes.Language.get(values["Language"]).language == language and len(values["Language"]) == 3
    assert len(values["Title"]) <= TITLE_LIMIT and len(values["Description"]) <= DESCRIPTION_LIMIT, values
    assert language in values["Name"].split("_")
    assert archive.has_illustration(48)
    assert bytes(archive.get_illustration_item(48).content).startswith(PNG_SIGNATURE)
    assert archive.has_fulltext_index and archive.has_title_index
    home = lxml.html.parse(str(language_root(built_offline_site, language) / "index.html")).getroot()
    main = lxml.html.fromstring(bytes(archive.main_entry.get_item().content))
    assert _text(main.xpath("//h1")) == [t.rstrip("¶") for t in _text(home.xpath("//article//h1"))]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_is_there_and_every_internal_link_resolves(archives, built_offline_site, language):
    archive = archives[language]
    entries = dict(_html_entries(archive))
    pages = offline_pages(built_offline_site, language)
    # Every page of the language: the causes, the FAQ, the checklists, each troubleshooter step.
    assert set(entries) == set(pages)
    broken, scripts = [], []
    for path, document in entries.items():
        scripts += [path for _ in document.iter("script")]
        for attribute in ("href", "src"):
            for value in document.xpath(f"//@{attribute}"):
                parts = urlsplit(value)
                if parts.scheme or parts.netloc:
                    continue
                target = posixpath.normpath(posixpath.join(posixpath.dirname(path), unquote(parts.path))) \
                    if parts.path else path
                if not archive.has_entry_by_path(target):
                    broken.append(f"{path}: {value}")
                elif parts.fragment and target in entries and \
                        not entries[target].xpath("//*[@id=$id]", id=unquote(parts.fragment)):
                    broken.append(f"{path}: {value} (no such anchor)")
        # The edition stamp a page of the offline copy carries stays on its ZIM page.
        stamps = _text(lxml.html.parse(str(pages[path])).getroot().find_class("kb-edition"))
        kept = _text(document.find_class("kb-edition"))
        assert bool(kept) == bool(stamps) and set(kept) <= set(stamps), path
    assert broken == [] and scripts == []
    assert not any(archive._get_entry_by_id(i).path.endswith(".js") for i in range(archive.all_entry_count))


@pytest.mark.parametrize("language", LANGUAGES)
def test_troubleshooter_works_as_plain_links(archives, real_kb, language):
    """Follow the first answer of every question, in the ZIM, down to the causes it points to."""
    archive = archives[language]
    tree = real_kb.tree
    path, question = "troubleshoot/index.html", tree.start
    while True:
        document = lxml.html.fromstring(bytes(archive.get_entry_by_path(path).get_item().content))
        steps = document.xpath("//*[@data-step]")
        assert [step.get("data-step") for step in steps] == [question], path
        answer = tree.questions[question]["answers"][0]
        link = steps[0].xpath(".//a[contains(@class, 'kb-answer')]")[0].get("href")
        path = posixpath.normpath(posixpath.join(posixpath.dirname(path), link))
        assert archive.has_entry_by_path(path), link
        if "next" not in answer:
            outcome = lxml.html.fromstring(bytes(archive.get_entry_by_path(path).get_item().content))
            causes = {posixpath.normpath(posixpath.join(posixpath.dirname(path), urlsplit(href).path))
                      for href in outcome.xpath("//*[@data-step]//a/@href") if "causes/" in href}
            assert causes == {offline_path(f"causes/{cause}/") for cause in answer["causes"]}
            assert all(archive.has_entry_by_path(cause) for cause in causes)
            break
        question = answer["next"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_search_finds_the_cause_by_its_title(archives, real_kb, language):
    """libzim's full-text search, in the language's own word rules, finds each cause by its title."""
    archive = archives[language]
    searcher = Searcher(archive)
    missed = []
    for cause in sorted(real_kb.causes)[:SEARCHED_CAUSES]:
        query = real_kb.causes[cause]["title"][language]
        results = list(searcher.search(Query().set_query(query)).getResults(0, RESULTS_LOOKED_AT))
        if offline_path(f"causes/{cause}/") not in results:
            missed.append(f"{query!r}: {results}")
    assert missed == []
