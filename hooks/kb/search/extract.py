"""Read the searchable text of a built HTML page: its title, headings, lead and body.

Only the page's article is read (not the header, navigation or footer, which are
the same on every page). Inside it, anything a reader does not see as this
page's own content is skipped: elements marked `hidden`, `data-search-ignore`
(or Pagefind's `data-pagefind-ignore`, already used by the troubleshooter),
the safety notice repeated at the end of every page, and heading permalinks.
"""
from __future__ import annotations

import html as html_lib
import re
from dataclasses import dataclass, field

IGNORE_ATTRIBUTES = ("hidden", "data-search-ignore", "data-pagefind-ignore", "data-kb-safety")
IGNORE_CLASSES = ("headerlink",)
IGNORE_TAGS = ("script", "style", "template", "svg", "noscript", "button")
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
# Tags that end a run of text, so words on either side are not glued together.
BLOCK_TAGS = frozenset(HEADINGS + ("p", "li", "dt", "dd", "td", "th", "tr", "div", "section", "article",
                                   "blockquote", "pre", "ul", "ol", "dl", "table", "br", "hr", "aside",
                                   "details", "summary", "figure", "figcaption"))
VOID_TAGS = frozenset(("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                       "source", "track", "wbr"))
LEAD_CLASSES = ("kb-summary",)

_ARTICLE_START = re.compile(r'<article\b[^>]*class="[^"]*\bmd-content__inner\b[^"]*"[^>]*>')
_HTML_LANG = re.compile(r"<html\b[^>]*\blang=\"([^\"]+)\"", re.IGNORECASE)
_TITLE = re.compile(r"<title>(.*?)</title>", re.DOTALL | re.IGNORECASE)
# Breakable whitespace only: the no-break spaces of French typography stay in result titles and texts.
_SPACES = re.compile(r"[ \t\r\n\f\v]+")


@dataclass
class Block:
    """A stretch of visible text: a heading (level 1–6) or body text (level 0)."""

    level: int
    text: str
    anchor: str | None = None
    lead: bool = False


@dataclass
class Page:
    """The searchable content of one HTML file."""

    lang: str
    title: str
    blocks: list[Block] = field(default_factory=list)


_TOKEN = re.compile(r"<!--.*?-->|<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>", re.DOTALL)
_ATTRIBUTE = re.compile(r"""([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")
# Attribute text that can make a start tag matter (skip, heading id, lead): others are not parsed.
_INTERESTING = ("hidden", "data-", "class", "id=")


def _attributes(text: str) -> dict[str, str]:
    return {m.group(1).lower(): html_lib.unescape(m.group(2) or m.group(3) or m.group(4) or "")
            for m in _ATTRIBUTE.finditer(text)}


class _ArticleReader:
    """A small tokenizer for MkDocs' article HTML: text, headings and skipped elements.

    Python's html.parser takes most of a build's indexing time on large sites;
    the article HTML that Markdown produces is regular enough for one regular
    expression over tags, with text in between.
    """

    def __init__(self):
        self.blocks: list[Block] = []
        self._text: list[str] = []
        self._skip_tag: str | None = None
        self._skip_depth = 0
        self._heading: tuple[str, str | None] | None = None
        self._lead_tag: str | None = None

    def read(self, html: str) -> list[Block]:
        position = 0
        for match in _TOKEN.finditer(html):
            if self._skip_tag is None and match.start() > position:
                self._text.append(html[position:match.start()])
            position = match.end()
            tag = match.group(2)
            if tag is None:
                continue  # a comment
            tag = tag.lower()
            if match.group(1):
                self._end(tag)
            else:
                attributes = match.group(3)
                self._start(tag, attributes, attributes.rstrip().endswith("/"))
        if self._skip_tag is None:
            self._text.append(html[position:])
        self._flush()
        return self.blocks

    def _start(self, tag: str, attributes: str, self_closing: bool) -> None:
        if self._skip_tag is not None:
            if tag == self._skip_tag and not self_closing:
                self._skip_depth += 1
            return
        void = self_closing or tag in VOID_TAGS
        parsed = _attributes(attributes) if any(word in attributes for word in _INTERESTING) else {}
        if not void and (tag in IGNORE_TAGS or any(name in parsed for name in IGNORE_ATTRIBUTES)
                         or any(c in parsed.get("class", "").split() for c in IGNORE_CLASSES)):
            self._skip_tag, self._skip_depth = tag, 1
            return
        if tag in BLOCK_TAGS:
            self._flush()
        if void:
            return
        if tag in HEADINGS:
            self._heading = (tag, parsed.get("id"))
        elif tag == "p" and any(c in parsed.get("class", "").split() for c in LEAD_CLASSES):
            self._lead_tag = tag

    def _end(self, tag: str) -> None:
        if self._skip_tag is not None:
            if tag == self._skip_tag:
                self._skip_depth -= 1
                if self._skip_depth == 0:
                    self._skip_tag = None
            return
        if tag in BLOCK_TAGS:
            self._flush()
        if self._heading is not None and tag == self._heading[0]:
            self._heading = None
        if tag == self._lead_tag:
            self._lead_tag = None

    def _flush(self) -> None:
        raw = "".join(self._text)
        self._text = []
        text = _SPACES.sub(" ", html_lib.unescape(raw) if "&" in raw else raw).strip()
        if not text:
            return
        if self._heading is not None:
            tag, anchor = self._heading
            self.blocks.append(Block(int(tag[1]), text, anchor))
        else:
            self.blocks.append(Block(0, text, lead=self._lead_tag is not None))


_IGNORED_START = re.compile(
    r"<([a-zA-Z][a-zA-Z0-9]*)\b[^>]*?\s(?:" + "|".join(IGNORE_ATTRIBUTES) + r")(?=[\s=/>])[^>]*>")


def strip_ignored(html: str) -> str:
    """Cut elements carrying an ignore attribute, with their content, before parsing.

    The troubleshooter repeats the whole tree, hidden, on every step page; cutting
    those parts with regular expressions first keeps the (slow, pure Python)
    HTML parser to the visible text. The parser skips the same elements anyway.
    """
    out, position = [], 0
    while True:
        start = _IGNORED_START.search(html, position)
        if start is None:
            out.append(html[position:])
            return "".join(out)
        tag = start.group(1).lower()
        if tag in VOID_TAGS or not set(IGNORE_ATTRIBUTES) & set(_attributes(start.group()[len(tag) + 1:-1])):
            # A void element has no content to cut; and the word may sit inside another attribute's value.
            out.append(html[position:start.end()])
            position = start.end()
            continue
        out.append(html[position:start.start()])
        depth, scan = 1, start.end()
        pattern = re.compile(rf"<(/?){tag}\b[^>]*>", re.IGNORECASE)
        while depth:
            match = pattern.search(html, scan)
            if match is None:
                return "".join(out)
            depth += -1 if match.group(1) else 1
            scan = match.end()
        position = scan


_HEADERLINK = re.compile(r'<a\b[^>]*class="headerlink"[^>]*>.*?</a>', re.DOTALL)
# Inline elements never start a block nor carry what the reader sees apart:
# dropping their tags in one pass leaves the tokenizer a third of the tags.
_INLINE_TAG = re.compile(r"</?(?:a|abbr|b|code|em|i|kbd|mark|q|s|small|span|strong|sub|sup|u)\b[^>]*>")


def _inline_free(html: str) -> str:
    return _INLINE_TAG.sub("", _HEADERLINK.sub("", html))


def read_page(html: str) -> Page | None:
    """The searchable content of a page, or None if it has no article (not a content page)."""
    lang_match = _HTML_LANG.search(html)
    start = _ARTICLE_START.search(html)
    if lang_match is None or start is None:
        return None
    end = html.find("</article>", start.end())
    blocks = _ArticleReader().read(_inline_free(strip_ignored(html[start.end(): end if end != -1 else len(html)])))
    title = next((b.text for b in blocks if b.level == 1), None)
    if title is None:
        title_match = _TITLE.search(html)
        title = _SPACES.sub(" ", html_lib.unescape(title_match.group(1))).strip() if title_match else ""
    return Page(lang_match.group(1), title, blocks)
