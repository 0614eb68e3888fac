"""Results of page conversions kept across the rebuilds of a preview server, by content hash.

Converting Markdown to HTML is most of a build (BENCHMARKS.md, edit loop): a save under
`mkdocs serve` changes a handful of the ~600 pages, yet every one was converted again.
A result is reused only when everything it was made from is the same: the page's
address, its Markdown and the listing of the site's files (links are resolved and
checked against it). Only the preview server uses this; `mkdocs build` converts everything.
(CompiledTemplates, at the end, serves both: templates compiled once per process.)
"""
from __future__ import annotations

import hashlib
import re
from typing import Any, Iterable

from jinja2 import BytecodeCache


def digest(*parts: str) -> str:
    hasher = hashlib.sha256()
    for part in parts:
        hasher.update(part.encode("utf-8"))
        hasher.update(b"\0")
    return hasher.hexdigest()


def listing_digest(entries: Iterable[tuple[str, str]]) -> str:
    """One hash of the site's files, as (source path, address) pairs."""
    return digest(*(f"{source}\t{address}" for source, address in sorted(entries)))


class RenderCache:
    """key → result, forgetting results that a whole rebuild did not ask for (edited pages).

    A result may belong to a group (a language): keep(group) counts every result of the
    group as asked for, for a rebuild that left the group's pages as they were.
    """

    def __init__(self) -> None:
        self._results: dict[str, Any] = {}
        self._used: set[str] = set()
        self._groups: dict[str, str] = {}
        self.hits = 0
        self.misses = 0

    def get(self, key: str):
        result = self._results.get(key)
        if result is not None:
            self._used.add(key)
            self.hits += 1
        else:
            self.misses += 1
        return result

    def put(self, key: str, result: Any, group: str | None = None) -> None:
        self._results[key] = result
        self._used.add(key)
        if group is not None:
            self._groups[key] = group

    def keep(self, group: str) -> None:
        self._used.update(key for key, owner in self._groups.items() if owner == group)

    def end_build(self) -> tuple[int, int]:
        """Close one rebuild: drop what it did not use; return and reset (hits, misses)."""
        self._results = {key: value for key, value in self._results.items() if key in self._used}
        self._groups = {key: owner for key, owner in self._groups.items() if key in self._results}
        self._used = set()
        counts = (self.hits, self.misses)
        self.hits = self.misses = 0
        return counts


# A link attribute as Python-Markdown writes it: the engine rewrites every <a href> and <img src>
# of a page, in document order, to an address relative to that page.
_LINK_ATTRIBUTE = re.compile(r'(\s(?:href|src)=")([^"]*)(")')
_ESCAPED = ("&", "<", ">", '"')


def relink(html: str, old: list[str], new: list[str]) -> str | None:
    """html with its link attributes, in document order, changed from `old` to `new`.

    The preview server converts the Markdown shared by several pages once, as one of them,
    and gives it to the others with their own relative links. None (convert it in full)
    unless the attributes are exactly `old`, one for one, and no value needs escaping.
    """
    found = _LINK_ATTRIBUTE.findall(html)
    if len(found) != len(old) or len(old) != len(new):
        return None
    if any(char in value for value in (*old, *new) for char in _ESCAPED):
        return None
    if [value for _, value, _ in found] != list(old):
        return None
    replacements = iter(new)
    return _LINK_ATTRIBUTE.sub(lambda match: match.group(1) + next(replacements) + match.group(3), html)


class CompiledTemplates(BytecodeCache):
    """Compiled Jinja templates kept in memory, for environments made again and again in one process.

    Jinja compares each template's source with the checksum kept beside its code before it
    reuses the code, so an edited template is compiled again.
    """

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()
