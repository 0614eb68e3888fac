"""The served build holds a gzip copy beside every text file (mkdocs.yml, extra.kb_precompress),
for hosts that send precompressed files; the offline copy holds none."""
from __future__ import annotations

import gzip

import pytest
from mkdocs.utils.yaml import yaml_load

from helpers import DEFAULT_LANGUAGE, LANGUAGES, ROOT, StaticServer, language_root, page_types

with open(ROOT / "mkdocs.yml", encoding="utf-8") as _config:
    SUFFIXES = set(yaml_load(_config)["extra"]["kb_precompress"])

# gzip's header (RFC 1952): flags at byte 3 (FNAME = 8: a file name follows), then MTIME, 4 bytes.
FNAME = 0x08


def test_every_text_file_has_a_gzip_copy_holding_the_same_bytes(built_site):
    originals = [p for p in built_site.rglob("*") if p.is_file() and p.suffix in SUFFIXES]
    assert {".html", ".css", ".js"} <= {p.suffix for p in originals}
    for original in originals:
        copy = original.with_name(original.name + ".gz")
        assert copy.is_file(), original
        compressed = copy.read_bytes()
        assert gzip.decompress(compressed) == original.read_bytes(), original
        # Reproducible: no file name and no timestamp in the header.
        assert not compressed[3] & FNAME and compressed[4:8] == b"\0\0\0\0", original
        assert len(compressed) < original.stat().st_size or original.stat().st_size < 200, original


def test_nothing_else_is_compressed(built_site):
    for copy in built_site.rglob("*.gz"):
        original = copy.with_suffix("")
        assert original.is_file() and original.suffix in SUFFIXES, copy


def test_the_offline_copy_has_no_gzip_copies(built_offline_site):
    # Not even MkDocs' own compressed sitemap: the copy leaves it out (kb_offline_leave_out).
    assert [p.name for p in built_offline_site.rglob("*.gz")] == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_host_sending_the_copies_serves_the_same_page(browser, built_site, real_kb, language):
    path = page_types(real_kb)["cause"]
    prefix = "" if language == DEFAULT_LANGUAGE else f"{language}/"
    expected = (language_root(built_site, language) / path / "index.html").read_bytes()
    server = StaticServer(built_site, precompressed=True)
    context = browser.new_context()
    try:
        page = context.new_page()
        encodings = {}
        page.on("response", lambda response: encodings.__setitem__(
            response.url, response.headers.get("content-encoding")))
        response = page.goto(server.url + prefix + path, wait_until="load")
        assert response.ok and response.headers.get("content-encoding") == "gzip"
        assert response.body() == expected
        # The page's styles and scripts came compressed too, and they ran: the search box is on.
        assert all(encodings[url] == "gzip" for url in encodings if url.endswith((".css", ".js"))), encodings
        assert page.locator("html.kb-js").count() == 1
        cause = real_kb.causes[sorted(real_kb.causes)[0]]
        page.locator("[data-kb-search] input").fill(cause.data["title"][language])
        page.locator("[data-search-list] a").first.wait_for()
    finally:
        context.close()
        server.close()
