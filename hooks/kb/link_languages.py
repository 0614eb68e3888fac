"""Links to a page in another language than the reader's say so.

Many official pages the guide cites exist in English only, or in one other language
(a French help page cited from every language). A reader who follows such a link
should know before the click: the link gets `hreflang`, and after it the renderer
writes the page's language, named in the reader's language by CLDR (Babel) inside the
words of ui `link.other_language` ("(page in French)", "（英语页面）").

Which language a linked page is in is read from its address, by the rule declared in
site-data/allowed-domains.yml: on some domains the first path segment is a language
tag (/en/, /fr-AF/, /zh-CN/), and some address prefixes are in one language.
"""
from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urlsplit

from babel import Locale

from .markdown_text import escape_markdown
from .qa.typography import FULL_WIDTH

# A Markdown link to an https address, with no attribute list of its own. Plain text
# arrives escaped (\[), so an unescaped bracket opens a link; link text may hold one
# level of brackets, as the validator allows.
_LINK = re.compile(r"(?<![\\!])\[((?:[^\[\]\\]|\\.|\[[^\]]*\])*)\]\((https://[^)\s]+)\)(?!\{)([ \t]*)")
# A language tag as a path segment: a language subtag, then region or script subtags.
_TAG = re.compile(r"^([a-z]{2,3})(?:-[A-Za-z0-9]{2,8})*$")


class LinkLanguages:
    """The language of a linked page, from the rule of site-data/allowed-domains.yml."""

    def __init__(self, allowed_domains: dict):
        self.path_domains = [domain.lower() for domain in allowed_domains.get("language_in_path", [])]
        self.prefixes = sorted(((prefix.lower().rstrip("/"), language)
                                for prefix, language in allowed_domains.get("page_languages", {}).items()),
                               key=lambda item: -len(item[0]))

    def language_of(self, url: str) -> str | None:
        """The language code of the page at url, or None when its address does not say."""
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        address = f"{host}{parts.path.lower()}"
        for prefix, language in self.prefixes:
            if address == prefix or address.startswith(prefix + "/"):
                return language
        if any(host == domain or host.endswith("." + domain) for domain in self.path_domains):
            segment = parts.path.split("/")[1] if parts.path.count("/") >= 1 else ""
            found = _TAG.match(segment)
            if found and found.group(1) in _known_languages():
                return found.group(1)
        return None


@lru_cache(maxsize=1)
def _known_languages() -> frozenset:
    """Every language code CLDR names: a path segment such as /faq/ is not one."""
    return frozenset(code for code in Locale.parse("en").languages if "_" not in code)


def language_name(language: str, reader_language: str) -> str:
    """The name of a language in the reader's language (CLDR): anglais, 英语, inglés."""
    return Locale.parse(reader_language, sep="-" if "-" in reader_language else "_").languages[language]


def mark_other_language_links(markdown: str, language: str, rule: LinkLanguages, words: str,
                              typography: str | None) -> str:
    """Markdown with every link to a page in another language given hreflang and the language named after it.

    words is the reader's ui `link.other_language`, with {language} for the name;
    typography the language's rule set (site.yml).
    Languages of full-width typography (site.yml: Chinese, Japanese) put their full-width
    brackets right after the link, and they carry their own spacing (a space after the
    link goes); the other languages put a space.
    """
    full_width = typography == FULL_WIDTH

    def mark(match: re.Match) -> str:
        link, url, space = match.group(0)[:match.start(3) - match.start()], match.group(2), match.group(3)
        target = rule.language_of(url)
        if target is None or target == language.split("-")[0]:
            return match.group(0)
        note = escape_markdown(words.format(language=language_name(target, language)))
        return f'{link}{{ hreflang="{target}" }}{"" if full_width else " "}{note}{"" if full_width else space}'

    return _LINK.sub(mark, markdown)
