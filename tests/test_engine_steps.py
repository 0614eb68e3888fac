"""The engine-neutral steps give what the MkDocs build gives: the same page Markdown, the same search index.

`kb export` writes the Markdown of every page of every language, and `kb index SITE_DIR`
indexes a built site; the MkDocs hook calls the same functions (kb/pages.py, kb/search/).
Here a real MkDocs build records the Markdown each page has after the hook, and the export of
the same knowledge base must hold exactly those pages with exactly that text.
"""
from __future__ import annotations

import filecmp
import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from mkdocs.utils import get_relative_url
from mkdocs.utils.meta import get_data

from kb.pages import relative_url

from helpers import ROOT, make_fixture_kb, make_project, mkdocs_build

# A second hook, after the site's own: it writes each page's Markdown as the hook left it,
# by language and source path (causes/x.fr.md -> fr/causes/x.md), and the page's front matter,
# which MkDocs has taken off the Markdown by then.
RECORDING_HOOK = textwrap.dedent('''
    import json
    import os
    from pathlib import Path

    def on_page_markdown(markdown, page, config, files):
        language = config.plugins["i18n"].current_language
        path = page.file.src_uri[: -len(f".{language}.md")] + ".md"
        target = Path(os.environ["KB_RECORD_MARKDOWN"]) / language / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(markdown, encoding="utf-8")
        target.with_suffix(".meta.json").write_text(json.dumps(page.meta, ensure_ascii=False), encoding="utf-8")
        return markdown
''')


def markdown_files(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*.md"))}


def test_the_export_holds_the_markdown_mkdocs_builds(tmp_path, monkeypatch):
    site_data = make_fixture_kb(tmp_path / "site-data")
    # Translations confirmed, then an English text changed: the cause page's translations are
    # outdated and link to the English original, which both must resolve alike.
    confirm = subprocess.run([sys.executable, "-m", "kb", "--data", str(site_data), "translations", "confirm",
                              "--all", "--yes"], capture_output=True, text=True, cwd=tmp_path)
    assert confirm.returncode == 0, confirm.stderr
    cause = site_data / "causes" / "doc-expired.yml"
    cause.write_text(cause.read_text(encoding="utf-8").replace(
        '  en: "[en] The document is past its date."', '  en: "[en] The document is out of date."'), encoding="utf-8")
    project = make_project(tmp_path / "project", site_data)
    (project / "record_markdown.py").write_text(RECORDING_HOOK, encoding="utf-8")
    (project / "mkdocs.record.yml").write_text(
        "INHERIT: mkdocs.yml\nhooks:\n  - hooks/site_hooks.py\n  - record_markdown.py\n", encoding="utf-8")
    monkeypatch.setenv("KB_RECORD_MARKDOWN", str(tmp_path / "mkdocs"))
    result = mkdocs_build(project, "-f", "mkdocs.record.yml")
    assert result.returncode == 0, result.stderr[-5000:]

    export = subprocess.run([sys.executable, "-m", "kb", "--data", str(project / "site-data"), "export",
                             "--content", str(project / "content"), "--out", str(tmp_path / "export")],
                            capture_output=True, text=True, cwd=project)
    assert export.returncode == 0, export.stderr

    built, exported = markdown_files(tmp_path / "mkdocs"), markdown_files(tmp_path / "export")
    assert len(built) > 20
    assert sum('hreflang="en"' in markdown for markdown in built.values()) >= 5
    assert sorted(exported) == sorted(built)
    for path, markdown in built.items():
        # Split as MkDocs splits a page file: the front matter (tree pages) and the Markdown after it.
        # MkDocs hands hooks the hand-written pages without their final newline, which means
        # nothing to Markdown; every other character must be the same.
        body, meta = get_data(exported[path])
        assert body.rstrip("\n") == markdown.rstrip("\n"), path
        assert meta == json.loads((tmp_path / "mkdocs" / path).with_suffix(".meta.json").read_text("utf-8")), path


@pytest.mark.parametrize("url, from_url", [
    ("causes/x/", "fr/causes/x/"), ("", "fr/"), ("faq/", "ja/faq/"), ("causes/", "zh/causes/"),
    ("troubleshoot/q/a/", "ko/troubleshoot/q/a/"), ("", ""), ("about/", "about/")])
def test_links_to_the_original_are_written_as_mkdocs_writes_them(url, from_url):
    assert relative_url(url, from_url) == get_relative_url(url, from_url)


def test_kb_index_writes_the_index_the_mkdocs_build_wrote(built_site, tmp_path):
    copy = tmp_path / "site"
    shutil.copytree(built_site, copy)
    shutil.rmtree(copy / "assets" / "kb-search")
    result = subprocess.run([sys.executable, "-m", "kb", "--data", str(ROOT / "site-data"), "index", str(copy)],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    written, built = copy / "assets" / "kb-search", built_site / "assets" / "kb-search"
    # The served build also writes a gzip copy beside each file (kb/precompress.py): a
    # host's concern, not the index's, so only the index files themselves are compared.
    files = sorted(p.relative_to(built).as_posix() for p in built.rglob("*") if p.is_file() and p.suffix != ".gz")
    assert files and files == sorted(p.relative_to(written).as_posix() for p in written.rglob("*")
                                     if p.is_file() and p.suffix != ".gz")
    match, mismatch, errors = filecmp.cmpfiles(built, written, files, shallow=False)
    assert mismatch == [] and errors == []
