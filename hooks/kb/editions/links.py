"""Links of a page, pointed at the same page inside a one-file edition.

Both editions hold the pages of one language only. A link to another page of that
language is rewritten by the edition (to a path inside the ZIM file, or to a
section's anchor in the single HTML file); a link to the web stays as it is. A
link that pointed into the offline copy but at something the edition does not
hold (the same page in another language, a file of the copy) would be broken
there: it becomes its own text, so the words stay and nothing leads nowhere.
"""
from __future__ import annotations

from typing import Callable
from urllib.parse import urlsplit

from .pages import LanguageEdition

# href_for(target page path, fragment or "") -> the href to write.
HrefFor = Callable[[str, str], str]


def rewrite_links(edition: LanguageEdition, path: str, article, href_for: HrefFor) -> None:
    """Rewrite every <a href> of one page's article (changed in place)."""
    for anchor in list(article.iter("a")):
        href = anchor.get("href")
        if href is None:
            continue
        target = edition.resolve(path, href)
        if target is not None:
            page, fragment = target
            # A fragment that names nothing on the target page would be a dead anchor.
            if fragment and not edition.pages[page].article.xpath("descendant-or-self::*[@id=$id]", id=fragment):
                fragment = ""
            anchor.set("href", href_for(page, fragment))
        elif _points_into_the_copy(href):
            anchor.drop_tag()


def _points_into_the_copy(href: str) -> bool:
    parts = urlsplit(href)
    return not (parts.scheme or parts.netloc)
