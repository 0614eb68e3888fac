"""What a reader meets as text on a built page: its visible text and its human-read attributes.

The typography tests hold every word of a page to its language's rules, wherever it
came from (our templates, the theme, the navigation, <title>). Code, scripts and styles
are not prose; of the attributes, only those a person reads or hears are.
"""
from __future__ import annotations

from pathlib import Path

import lxml.html

NOT_PROSE = frozenset({"code", "pre", "kbd", "samp", "script", "style", "template", "svg", "textarea"})
READ_ATTRIBUTES = ("title", "alt", "aria-label", "placeholder")


def read_page(path: Path):
    """(language, [(where, text)]) of a built HTML page: its text in reading order, then its attributes."""
    root = lxml.html.fromstring(path.read_bytes())
    pieces: list[str] = []
    _collect(root, pieces)
    texts = [("text", "".join(pieces))]
    for element in root.iter():
        if not isinstance(element.tag, str) or _in_code(element):
            continue
        for name in READ_ATTRIBUTES:
            if name in element.attrib:
                texts.append((f"<{element.tag} {name}>", element.attrib[name]))
        # Descriptions and social titles are shown by search engines and link previews.
        if element.tag == "meta" and (element.get("name") or element.get("property")) and "content" in element.attrib:
            texts.append((f"<meta {element.get('name') or element.get('property')}>", element.attrib["content"]))
    return root.get("lang", ""), texts


def _collect(element, pieces: list[str]) -> None:
    """The element's text in document order (a child's tail follows the child), skipping code and scripts."""
    # Comments and processing instructions are not shown; their tails are, through the parent.
    if isinstance(element.tag, str) and element.tag not in NOT_PROSE:
        pieces.append(element.text or "")
        for child in element:
            _collect(child, pieces)
            pieces.append(child.tail or "")


def _in_code(element) -> bool:
    return element.tag in NOT_PROSE or any(a.tag in NOT_PROSE for a in element.iterancestors())


def html_pages(site: Path):
    """Every HTML page of a built site, in a stable order."""
    return sorted(site.rglob("*.html"))


def visible_step(path: Path):
    """The troubleshooter step a page shows without JavaScript, as BeautifulSoup, and the page's <title>.

    A served troubleshooter page holds every step of the tree (the script switches between
    them), hundreds of kilobytes that BeautifulSoup takes seconds to read: lxml finds the one
    step that is not hidden, and only that part is handed to BeautifulSoup.
    """
    from bs4 import BeautifulSoup
    root = lxml.html.fromstring(path.read_bytes())
    steps = root.xpath("//*[@data-step][not(@hidden)]")
    assert len(steps) == 1, path
    step = BeautifulSoup(lxml.html.tostring(steps[0], encoding="unicode"), "lxml").find(attrs={"data-step": True})
    return step, root.findtext(".//title") or ""
