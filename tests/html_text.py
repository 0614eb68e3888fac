"""What a reader meets as text on a built page: its visible text and its human-read attributes.

The typography tests hold every word of a page to its language's rules, wherever it
came from (our templates, the theme, the navigation, <title>). Code, scripts and styles
are not prose; of the attributes, only those a person reads or hears are.
"""
from __future__ import annotations

from pathlib import Path

import lxml.html
from lxml import etree

NOT_PROSE = frozenset({"code", "pre", "kbd", "samp", "script", "style", "template", "svg", "textarea"})
READ_ATTRIBUTES = ("title", "alt", "aria-label", "placeholder")


# Elements a person reads or hears an attribute of, outside code and scripts, in document order.
_OUTSIDE_CODE = "not(" + " or ".join(f"ancestor-or-self::{tag}" for tag in sorted(NOT_PROSE)) + ")"
_READ_ELEMENTS = etree.XPath(f"//*[{_OUTSIDE_CODE}][" + " or ".join(f"@{name}" for name in READ_ATTRIBUTES)
                             + " or (self::meta and (@name or @property) and @content)]")


def read_page(path: Path):
    """(language, [(where, text)]) of a built HTML page: its text in reading order, then its attributes."""
    root = lxml.html.fromstring(path.read_bytes())
    attributes = []
    for element in _READ_ELEMENTS(root):
        for name in READ_ATTRIBUTES:
            if name in element.attrib:
                attributes.append((f"<{element.tag} {name}>", element.attrib[name]))
        # Descriptions and social titles are shown by search engines and link previews.
        if element.tag == "meta" and (element.get("name") or element.get("property")) and "content" in element.attrib:
            attributes.append((f"<meta {element.get('name') or element.get('property')}>", element.attrib["content"]))
    # The text in document order (a child's tail follows the child), without code and scripts;
    # comments and processing instructions are not shown, their tails are. lxml does this in C:
    # walking the elements in Python took seconds for the large troubleshooter pages.
    etree.strip_tags(root, etree.Comment, etree.ProcessingInstruction)
    etree.strip_elements(root, *NOT_PROSE, with_tail=False)
    return root.get("lang", ""), [("text", "".join(root.itertext()))] + attributes


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
