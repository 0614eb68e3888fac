"""A rebuild under `mkdocs serve`, with everything it reuses from the build before, makes the same
site as a fresh `mkdocs build` of the edited data, file by file.

The preview server keeps page conversions, troubleshooter pages derived from one shared
conversion, compiled templates and search documents across rebuilds (hooks/serve_cache.py,
kb/render_cache.py, kb/search/cache.py), and builds again only the languages an edit can change,
writing the files of the others from their last build (hooks/serve_languages.py,
kb/language_inputs.py). Each test edits YAML files of the small fixture knowledge base, one
rebuild per edit, the way serve does (tests/serve_rebuild.py: same process, config loaded
again), and compares the served folder with a fresh build of the edited project.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import ROOT, make_fixture_kb, make_project, mkdocs_build
from kb.site import load_site

BUILD_URL = "https://kyc-help.example.org/"
SERVE_URL = "http://127.0.0.1:8000/"

TITLE = "site-data/causes/doc-expired.yml"
# The language i18n builds last, whose sitemap lists the pages of every language (the fixture has site.yml's languages).
LAST = load_site(ROOT / "site-data").codes[-1]
# name -> the edits, one rebuild each, and the language the last edit is in (None: every language).
EDITS = {
    # A cause title: on its cause page, the list of causes, the FAQ and every troubleshooter page.
    "cause title": ([(TITLE, '  fr: "[fr] Document expired"', '  fr: "[fr] Document périmé"')], "fr"),
    # A string of the theme's header on every French page, in no page's Markdown.
    "interface string": ([("site-data/ui/fr.yml", 'theme.dark_mode: "Passer en mode sombre"',
                           'theme.dark_mode: "Passer au mode sombre"')], "fr"),
    # The support-request page's title (from its YAML, not an interface string), which the
    # navigation of every French page shows.
    "title in the navigation": ([("site-data/support-request.yml", 'fr: "[fr] Write to support"',
                                  'fr: "[fr] Écrire au support"')], "fr"),
    # Two saves in two languages: the second rebuild replays the French pages the first one built.
    "two languages in turn": ([(TITLE, '  fr: "[fr] Document expired"', '  fr: "[fr] Document périmé"'),
                               (TITLE, '  es: "[es] Document expired"', '  es: "[es] Documento caducado"')], "es"),
    # The language built last writes the sitemap, which lists the pages and dates of the languages replayed.
    "the last language": ([(TITLE, f'  {LAST}: "[{LAST}] Document expired"', f'  {LAST}: "[{LAST}] Document gone"')],
                          LAST),
    # The source text: every translation is compared with it (translation status), so every language is built.
    "source text": ([(TITLE, '  en: "[en] Document expired"', '  en: "[en] Expired document"')], None),
}


def _serve_rebuild(project: Path, edits: list[tuple[str, str, str]], out: Path) -> str:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    for name in ("KB_DATA_DIR", "SITE_URL", "KB_BUILD_ONLY", "KB_LANGS", "KB_PAGE_CACHE"):
        env.pop(name, None)
    arguments = [argument for edit in edits for argument in ("--edit", *edit)]
    result = subprocess.run([sys.executable, str(ROOT / "tests" / "serve_rebuild.py"), str(project),
                             *arguments, "--out", str(out)],
                            env=env, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr[-5000:]
    return result.stderr


def _files(site: Path) -> dict[str, bytes]:
    # The gzip copies are left out under serve on purpose (nothing is sent compressed from disk).
    return {path.relative_to(site).as_posix(): path.read_bytes()
            for path in sorted(site.rglob("*")) if path.is_file() and path.suffix != ".gz"}


def _comparable(content: bytes, site_url: str) -> bytes:
    """The one difference by design: serve builds with the server's address as site_url."""
    return content.replace(site_url.encode(), b"SITE/")


def _pages_of(paths, languages, site) -> list[str]:
    """The HTML pages of the given languages (the default language's are those in no language's folder)."""
    others = [code for code in site.codes if code != site.default_language]

    def language_of(path: str) -> str:
        return next((code for code in others if path.startswith(code + "/")), site.default_language)
    return [path for path in paths if path.endswith(".html") and path != "404.html" and language_of(path) in languages]


@pytest.mark.parametrize("name", list(EDITS))
def test_a_serve_rebuild_after_an_edit_is_a_fresh_build_of_the_edited_data(tmp_path, name):
    edits, edited_language = EDITS[name]
    project = make_project(tmp_path / "project", make_fixture_kb(tmp_path / "site-data"))
    site = load_site(project / "site-data")
    log = _serve_rebuild(project, edits, tmp_path / "served")
    file, _, new = edits[-1]
    assert new in (project / file).read_text(encoding="utf-8")
    result = mkdocs_build(project, "-d", str(tmp_path / "built"))
    assert result.returncode == 0, result.stderr[-3000:]

    served, built = _files(tmp_path / "served"), _files(tmp_path / "built")
    assert sorted(served) == sorted(built)
    different = [path for path in built
                 if _comparable(served[path], SERVE_URL) != _comparable(built[path], BUILD_URL)]
    assert different == [], different[:20]
    shown = new.split(": ", 1)[1].strip('"').encode()
    folder = "" if edited_language in (None, site.default_language) else f"{edited_language}/"
    assert shown in served[f"{folder}faq/index.html"] + served[f"{folder}causes/doc-expired/index.html"]
    if edited_language is not None:
        # Only one language's text was edited.
        other = next(code for code in site.codes if code not in (site.default_language, edited_language))
        assert shown not in built[f"{other}/faq/index.html"]

    # The last rebuild built the languages the edit can change, and replayed the others' last build.
    languages = re.findall(r"languages built: ([^;\n]*); replayed from their last build: (.*)", log)
    assert len(languages) == len(edits) + 1, log[-3000:]
    assert languages[0] == (" ".join(site.codes), "none")
    rebuilt = languages[-1][0].split()
    expected = site.codes if edited_language is None else (edited_language,)
    assert sorted(rebuilt) == sorted(expected), languages
    replayed = [code for code in languages[-1][1].split() if code != "none"]
    assert sorted(rebuilt + replayed) == sorted(site.codes), languages

    # In the languages built, the rebuild converted only the pages the edit changed, and reused the others.
    counts = [tuple(map(int, found)) for found in re.findall(
        r"pages converted: (\d+), reused: (\d+), derived from a shared conversion: (\d+)", log)]
    assert len(counts) == len(edits) + 1, log[-3000:]
    converted, reused, derived = counts[-1]
    pages = len(_pages_of(built, rebuilt, site))
    assert converted + reused + derived == pages and converted < pages, counts
    # The interface string is in no page's Markdown: nothing to convert again.
    assert (converted == 0) == (name == "interface string"), counts
    if name == "cause title":
        # The troubleshooter pages of the edited language came from two shared conversions (one per depth).
        assert derived > 0, counts
    # Theme renderings, in the languages built: a page is rendered again when what it shows changed. The
    # interface string and the title in the navigation are on every French page, the cause title on a few only.
    rendered, kept, uncacheable = map(int, re.findall(
        r"page templates rendered: (\d+), reused: (\d+), not cacheable: (\d+)", log)[-1])
    assert uncacheable == 0 and rendered + kept == len(_pages_of(built, rebuilt, site)), log[-2000:]
    edited_pages = len(_pages_of(built, [edited_language or site.default_language], site))
    if name in ("interface string", "title in the navigation"):
        assert rendered == edited_pages, (rendered, edited_pages)
    else:
        assert 0 < rendered < len(_pages_of(built, rebuilt, site)), (rendered, edited_pages)
    reused_languages, indexed = map(int, re.findall(r"search index languages reused: (\d+), indexed: (\d+)", log)[-1])
    assert reused_languages + indexed == len(site.codes), (reused_languages, indexed)
    assert indexed <= (len(site.codes) if edited_language is None else 1), (reused_languages, indexed)


# The pieces, without a build.

def _tree_pages(fixture_kb, language="fr"):
    from kb.project import load_project
    rendered = load_project(fixture_kb).renderer.render_all(language)
    return {path: text for path, text in rendered.items() if path.startswith("troubleshoot/")}


def test_every_tree_page_is_its_shared_text_with_its_own_step_shown(fixture_kb):
    from kb.tree_pages import shared_form, show_step
    pages = _tree_pages(fixture_kb)
    shared = {path: shared_form(text) for path, text in pages.items()}
    assert all(found is not None and show_step(*found) == pages[path] for path, found in shared.items())
    # One shared text per folder depth (questions, outcomes), whatever the number of pages.
    assert len({text for text, _ in shared.values()}) == 2 < len(pages)
    assert shared_form("# A page that is no tree page") is None


def test_showing_a_step_in_the_shared_html_is_converting_the_page_itself(fixture_kb):
    import markdown
    from kb.tree_pages import shared_form, show_step_html

    def convert(text):
        return markdown.markdown(text, extensions=["md_in_html", "attr_list", "admonition", "def_list", "toc"])
    for path, text in _tree_pages(fixture_kb).items():
        body = text.split("\n---\n", 1)[1]  # the front matter, which MkDocs takes off first
        shared, current = shared_form(body)
        assert show_step_html(convert(shared), current) == convert(body), path
    assert show_step_html("<p>no panels</p>", "which-problem") is None


def test_relink_changes_link_attributes_in_order_and_only_when_they_are_as_expected():
    from kb.render_cache import relink
    html = '<a href="../a/">A</a> <img src="x.png"> <a class="b" href="../a/">again</a>'
    assert relink(html, ["../a/", "x.png", "../a/"], ["a/", "../x.png", "./"]) == \
        '<a href="a/">A</a> <img src="../x.png"> <a class="b" href="./">again</a>'
    assert relink(html, ["../a/", "x.png"], ["a/", "x.png"]) is None           # one attribute more
    assert relink(html, ["../b/", "x.png", "../a/"], ["a/", "x.png", "a/"]) is None  # not the one converted
    assert relink(html, ["../a/", "x.png", "../a/"], ["a/?x=1&y=2", "x.png", "a/"]) is None  # would need escaping


def test_the_search_cache_reuses_a_language_only_for_the_same_documents():
    from kb.search.cache import IndexCache
    from kb.search.documents import Document
    built = []

    def build(documents):
        built.append(len(documents))
        documents[0].fields["keywords"] = "added by indexing"
        return {"file.js": "x"}, len(documents), 1
    document = Document("fr/x/", "fr", "T", "", "e", 1.0, {"title": "T", "lead": "", "body": "b"}, "x/")
    cache = IndexCache()
    for documents in ([document], [document], [document, document]):
        cache.start()
        cache.language("fr", documents, None, build)
        cache.finish()
    assert built == [1, 2] and "keywords" not in document.fields


def _inputs_after(fixture_kb: Path, edit=None) -> dict[str, str]:
    from kb.language_inputs import language_inputs
    from kb.loader import load_knowledge_base
    if edit is not None:
        path = fixture_kb / edit[0]
        text = path.read_text(encoding="utf-8")
        assert edit[1] in text
        path.write_text(text.replace(edit[1], edit[2], 1), encoding="utf-8")
    return language_inputs(load_knowledge_base(fixture_kb), fixture_kb)


@pytest.mark.parametrize("edit, changed", [
    # A text in one language: that language's pages only.
    (("causes/doc-expired.yml", '  fr: "[fr] Document expired"', '  fr: "[fr] Document périmé"'), "fr"),
    # One language's interface strings: its pages only.
    (("ui/fr.yml", 'theme.dark_mode: "Passer en mode sombre"', 'theme.dark_mode: "Passer au mode sombre"'), "fr"),
    # The source text, which every translation is compared with: every language.
    (("causes/doc-expired.yml", '  en: "[en] Document expired"', '  en: "[en] Expired document"'), None),
    # What is no text of one language (the date a cause was reviewed): every language.
    (("causes/doc-expired.yml", "reviewed: 20", "reviewed: 19"), None),
])
def test_a_language_is_rebuilt_when_its_share_of_the_data_changed(fixture_kb, edit, changed):
    site = load_site(fixture_kb)
    before = _inputs_after(fixture_kb)
    after = _inputs_after(fixture_kb, edit)
    assert sorted(before) == sorted(after) == sorted(site.codes)
    differ = sorted(code for code in site.codes if before[code] != after[code])
    assert differ == (sorted(site.codes) if changed is None else [changed])
