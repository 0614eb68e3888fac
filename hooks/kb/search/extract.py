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
from html.parser import HTMLParser

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
_SPACES = re.compile(r"\s+")


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


class _ArticleParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self._text: list[str] = []
        self._skip_tag: str | None = None
        self._skip_depth = 0
        self._heading: tuple[str, str | None] | None = None
        self._lead_tag: str | None = None

    # -- skipping ------------------------------------------------------------

    def _starts_skip(self, tag: str, attrs: list[tuple[str, str | None]]) -> bool:
        if tag in IGNORE_TAGS:
            return True
        for name, value in attrs:
            if name in IGNORE_ATTRIBUTES:
                return True
            if name == "class" and value and any(c in value.split() for c in IGNORE_CLASSES):
                return True
        return False

    def handle_starttag(self, tag, attrs):
        if self._skip_tag is not None:
            if tag == self._skip_tag:
                self._skip_depth += 1
            return
        if tag not in VOID_TAGS and self._starts_skip(tag, attrs):
            self._skip_tag, self._skip_depth = tag, 1
            return
        if tag in BLOCK_TAGS:
            self._flush()
        if tag in HEADINGS:
            self._heading = (tag, dict(attrs).get("id"))
        elif tag == "p" and any(c in (dict(attrs).get("class") or "").split() for c in LEAD_CLASSES):
            self._lead_tag = tag

    def handle_startendtag(self, tag, attrs):
        if self._skip_tag is None and tag in BLOCK_TAGS:
            self._flush()

    def handle_endtag(self, tag):
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

    def handle_data(self, data):
        if self._skip_tag is None:
            self._text.append(data)

    def _flush(self):
        text = _SPACES.sub(" ", "".join(self._text)).strip()
        self._text = []
        if not text:
            return
        if self._heading is not None:
            tag, anchor = self._heading
            self.blocks.append(Block(int(tag[1]), text, anchor))
        else:
            self.blocks.append(Block(0, text, lead=self._lead_tag is not None))

    def close(self):
        super().close()
        self._flush()


def read_page(html: str) -> Page | None:
    """The searchable content of a page, or None if it has no article (not a content page)."""
    lang_match = _HTML_LANG.search(html)
    start = _ARTICLE_START.search(html)
    if lang_match is None or start is None:
        return None
    end = html.find("</article>", start.end())
    parser = _ArticleParser()
    parser.feed(html[start.end(): end if end != -1 else len(html)])
    parser.close()
    blocks = parser.blocks
    title = next((b.text for b in blocks if b.level == 1), None)
    if title is None:
        title_match = _TITLE.search(html)
        title = _SPACES.sub(" ", html_lib.unescape(title_match.group(1))).strip() if title_match else ""
    return Page(lang_match.group(1), title, blocks)
