"""Site search: an index per language, built from the final HTML once the whole site is written.

`build_search_index(site_dir)` reads every built page, groups pages by their
`<html lang>`, and writes each language's index as small script files under
`assets/kb-search/<lang>/` (see index.py). The browser client,
overrides/assets/kb-search.js, loads only the files a query needs, through
<script src>, so the same site searches over http:// and from file://.

Nothing here imports MkDocs: indexing is a step of its own, after any engine has
written the whole site. `index_built_site` is that step with the knowledge base's
rules and reader words: the MkDocs adapter calls it after the last language build,
and `kb index SITE_DIR` after any other engine's build.
"""
from __future__ import annotations

import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from .cache import IndexCache
from .documents import PAGE_RULES, Document, PageRule, page_documents
from .extract import read_page
from .index import build_language_index, language_files

OUTPUT_FOLDER = "assets/kb-search"


@dataclass
class IndexReport:
    documents: dict[str, int] = field(default_factory=dict)   # per language
    terms: dict[str, int] = field(default_factory=dict)
    bytes: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    def summary(self) -> str:
        languages = ", ".join(f"{lang} {self.documents[lang]} documents / {self.terms[lang]} terms / "
                              f"{self.bytes[lang] // 1024} KB" for lang in sorted(self.documents))
        return f"search index built in {self.seconds:.2f} s: {languages}"


def page_rules_of(site) -> tuple[PageRule, ...]:
    """The page weights that site.yml declares (Site.search_rules), as the indexer's rules."""
    return tuple(PageRule(pattern, weight, split) for pattern, weight, split in site.search_rules())


def collect_documents(site_dir: Path, directory_urls: bool, rules=PAGE_RULES,
                      cache: IndexCache | None = None) -> dict[str, list[Document]]:
    """Every searchable document of the built site, by language (cache: see cache.py)."""
    site_dir = Path(site_dir)
    output = site_dir / OUTPUT_FOLDER
    by_language: dict[str, list[Document]] = {}
    for path in sorted(site_dir.rglob("*.html")):
        if output in path.parents:
            continue
        text = path.read_text(encoding="utf-8")
        relative = path.relative_to(site_dir).as_posix()

        def read(text=text, relative=relative):
            page = read_page(text)
            return None if page is None else (page.lang, page_documents(relative, page, directory_urls, rules))
        found = read() if cache is None else cache.documents(relative, text, read)
        if found is not None:
            by_language.setdefault(found[0], []).extend(found[1])
    return by_language


def build_search_index(site_dir, directory_urls: bool = True, rules=PAGE_RULES, vocabulary=None,
                       stop_words: dict[str, frozenset[str]] | None = None,
                       cache: IndexCache | None = None) -> IndexReport:
    """(Re)write assets/kb-search/ of a built site; returns what was indexed.

    `vocabulary` (a SearchVocabulary from site data) adds reader words,
    synonyms and the safety rules; without it only the page words are searched.
    `stop_words` (language -> words, site.yml's) are left out of each language's index and queries.
    `cache` (the preview server's) reuses the work of the last rebuild where its input is the same.
    """
    started = time.perf_counter()
    site_dir = Path(site_dir)
    output = site_dir / OUTPUT_FOLDER
    report = IndexReport()
    if cache is not None:
        cache.start()
    documents = collect_documents(site_dir, directory_urls, rules, cache)
    if output.exists():
        shutil.rmtree(output)
    for lang, docs in sorted(documents.items()):
        stop = (stop_words or {}).get(lang, frozenset())
        def build(docs, lang=lang, stop=stop):
            index = build_language_index(lang, docs, vocabulary, stop)
            return language_files(index), len(index.documents), index.term_count
        # The stop words are part of what the cache compares: site.yml may change under serve.
        files, report.documents[lang], report.terms[lang] = (
            build(docs) if cache is None else cache.language(lang, docs, (vocabulary, sorted(stop)), build))
        folder = output / lang
        folder.mkdir(parents=True)
        size = 0
        for name, text in files.items():
            (folder / name).write_text(text, encoding="utf-8")
            size += len(text.encode())
        report.bytes[lang] = size
    if cache is not None:
        cache.finish()
    report.seconds = time.perf_counter() - started
    return report


def index_built_site(site_dir, kb, directory_urls: bool = True, cache: IndexCache | None = None) -> IndexReport:
    """Index a built site with the page weights and reader words of its knowledge base (a KnowledgeBase)."""
    return build_search_index(site_dir, directory_urls=directory_urls,
                              rules=page_rules_of(kb.site), vocabulary=kb.search_vocabulary,
                              stop_words={language.code: language.stop_words for language in kb.site.languages},
                              cache=cache)
