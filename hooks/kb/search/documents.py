"""Which built pages are searched, how much each kind counts, and how pages become documents.

A *document* is what one search result links to: usually a whole page, but a
page made of many short entries (the FAQ) is split at its entry headings so a
result can open the right answer. Each document keeps its text in three
fields of different weight: title, headings and lead (the page summary), body.

The prior weight of a page kind keeps the answers people look for (cause pages)
ahead of pages that merely mention them: the troubleshooter's step pages repeat
cause titles and summaries, and list pages repeat every title, so without a
lower weight they would crowd the cause pages out of the first results.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath

from .extract import Page
from .text import is_cjk


@dataclass(frozen=True)
class PageRule:
    """Pages whose path (relative to their language's root, in directory form) matches `pattern`."""

    pattern: str
    weight: float
    split_level: int | None = None  # split the page at headings of this level into documents

    def matches(self, path: str) -> bool:
        return re.fullmatch(self.pattern, path) is not None


# First match wins. Paths look like "causes/kyc-doc-expired/" or "" for the home page.
# The site's own weights come from site-data/site.yml (page_rules_of in __init__.py,
# which the adapter passes); these are the defaults for a site without one, and
# tests/test_search_index.py checks that they agree with the real site's.
PAGE_RULES: tuple[PageRule, ...] = (
    PageRule(r"404/", 0.0),                      # never a result
    PageRule(r"causes/[^/]+/", 1.0),             # the answers
    PageRule(r"faq/", 0.5, split_level=3),       # one document per question
    PageRule(r"checklists/[^/]+/", 0.5),
    PageRule(r"troubleshoot/", 0.3),             # the troubleshooter's first question
    # Its other steps repeat cause titles and summaries, and say nothing of their
    # own a result could show: a reader finds them from the first question.
    PageRule(r"troubleshoot/.+", 0.0),
    PageRule(r"(causes|checklists)/", 0.3),      # lists of every title
    PageRule(r"", 0.4),                          # home page: a list of categories
    PageRule(r".*", 0.6),                        # anything else (about, hand-written pages)
)

EXCERPT_LENGTH = 160  # columns


@dataclass
class Document:
    url: str          # relative to the site root, as linked: "zh/causes/x/" or "zh/causes/x.html#id"
    lang: str
    title: str
    context: str      # the page title when the document is a section of a page, else ""
    excerpt: str
    weight: float
    fields: dict[str, str]  # "title", "lead" (lead paragraph and headings), "body"
    # The page's path inside its language in directory form, plus "#anchor" for an
    # entry of a split page: how site data names a page (vocabulary.page_key).
    key: str = ""


def directory_form(path: str) -> str:
    """'zh/causes/x/index.html' or 'zh/causes/x.html' → 'zh/causes/x/'; 'index.html' → ''."""
    pure = PurePosixPath(path)
    parts = list(pure.parts[:-1])
    if pure.stem != "index":
        parts.append(pure.stem)
    return "".join(f"{part}/" for part in parts)


def page_url(path: str, directory_urls: bool) -> str:
    """The link to a built file, the way MkDocs writes links for this setting."""
    if directory_urls and path.endswith("index.html"):
        return path[: -len("index.html")]
    return path


def rule_for(path_in_language: str, rules=PAGE_RULES) -> PageRule:
    return next(rule for rule in rules if rule.matches(path_in_language))


def _excerpt(blocks) -> str:
    """The lead paragraph (or the first one), cut at about EXCERPT_LENGTH columns.

    A Chinese, Japanese or Korean character takes two columns, like on screen,
    so excerpts in every language fill about the same space.
    """
    lead = next((b.text for b in blocks if b.lead), None)
    text = lead or next((b.text for b in blocks if b.level == 0), "")
    width, cut = 0, len(text)
    for position, char in enumerate(text):
        width += 2 if is_cjk(char) else 1
        if width > EXCERPT_LENGTH:
            cut = position
            break
    if cut == len(text):
        return text
    head = text[:cut]
    if " " in head[len(head) // 2:]:
        head = head.rsplit(" ", 1)[0]
    return head.rstrip(",;:、，") + "…"


def _document(url: str, page: Page, title: str, context: str, blocks, weight: float, key: str) -> Document:
    lead = [b.text for b in blocks if b.lead or b.level >= 2]
    body = [b.text for b in blocks if b.level == 0 and not b.lead]
    return Document(url=url, lang=page.lang, title=title, context=context, excerpt=_excerpt(blocks),
                    weight=weight, fields={"title": title, "lead": "\n".join(lead), "body": "\n".join(body)}, key=key)


def page_documents(path: str, page: Page, directory_urls: bool, rules=PAGE_RULES) -> list[Document]:
    """The documents of one built page; `path` is the file's path relative to the site root."""
    in_language = path[len(page.lang) + 1:] if path.startswith(page.lang + "/") else path
    key = directory_form(in_language)
    rule = rule_for(key, rules)
    if rule.weight <= 0:
        return []
    url = page_url(path, directory_urls)
    blocks = [b for b in page.blocks if b.level != 1]
    if rule.split_level is None:
        return [_document(url, page, page.title, "", blocks, rule.weight, key)]

    # Each entry heading with an id starts a document that runs to the next
    # heading of its level or higher; what lies outside entries (the intro,
    # group headings) stays with the page itself, at a lower weight.
    entries: list[tuple] = []
    outside: list = []
    current = None
    for block in blocks:
        if 1 <= block.level <= rule.split_level:
            current = (block, []) if block.level == rule.split_level and block.anchor else None
            if current is not None:
                entries.append(current)
            else:
                outside.append(block)
        elif current is not None:
            current[1].append(block)
        else:
            outside.append(block)
    documents = []
    if any(b.level == 0 for b in outside):
        documents.append(_document(url, page, page.title, "", outside, rule.weight * 0.5, key))
    documents += [_document(f"{url}#{heading.anchor}", page, heading.text, page.title, entry_blocks, rule.weight,
                            f"{key}#{heading.anchor}")
                  for heading, entry_blocks in entries]
    return documents
