"""What the search indexer may reuse across the rebuilds of a preview server.

After one save most built pages are byte for byte what they were, and so is the index of
every language whose pages did not change. The documents of a page are kept by a hash of
its HTML, and a language's index files by a hash of all its documents and of the reader
words (the vocabulary), which is everything build_language_index reads. A full build makes
no cache and indexes everything.
"""
from __future__ import annotations

import copy

from ..render_cache import digest


class IndexCache:
    def __init__(self) -> None:
        self._pages: dict[str, list] = {}
        self._languages: dict[str, tuple] = {}
        self.reused = self.indexed = 0

    def documents(self, relative: str, text: str, read):
        """read() → the page's documents, or the ones read last time from the same path and HTML."""
        key = digest(relative, text)
        if key not in self._pages:
            self._pages[key] = read()
        self._used_pages.add(key)
        return self._pages[key]

    def start(self) -> None:
        self._used_pages: set[str] = set()
        self._used_languages: set[str] = set()
        self.reused = self.indexed = 0

    def language(self, lang: str, documents: list, inputs, build):
        """build(documents) → (files, documents, terms) of one language, or last time's for the same
        documents and inputs (the vocabulary, the stop words: whatever else build reads).
        build gets a copy: indexing adds the reader words to the documents it is given."""
        key = digest(lang, repr(documents), repr(inputs))
        self._used_languages.add(key)
        if key in self._languages:
            self.reused += 1
        else:
            self._languages[key] = build(copy.deepcopy(documents))
            self.indexed += 1
        return self._languages[key]

    def finish(self) -> None:
        """Forget what this rebuild did not use: the cache holds one site's worth."""
        self._pages = {key: value for key, value in self._pages.items() if key in self._used_pages}
        self._languages = {key: value for key, value in self._languages.items() if key in self._used_languages}
