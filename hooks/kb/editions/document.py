"""The HTML frame both one-file editions put around their articles, and its stylesheet."""
from __future__ import annotations

import re
from pathlib import Path

import lxml.html
from lxml import etree
from lxml.html import builder as E

from .pages import LanguageEdition

EDITION_CSS = Path(__file__).with_name("edition.css")
# Source-map comments point browsers' developer tools at files the editions do not hold.
SOURCE_MAP_COMMENT = re.compile(r"/\*# sourceMappingURL=[^*]*\*/")


def stylesheet(edition: LanguageEdition) -> str:
    """The site's stylesheets, in the order its pages link them, then the editions' frame."""
    parts = []
    for path in edition.stylesheets:
        css = (edition.root / path).resolve().read_text(encoding="utf-8")
        parts.append(SOURCE_MAP_COMMENT.sub("", css))
    parts.append(EDITION_CSS.read_text(encoding="utf-8"))
    return "\n".join(parts)


def navigation(edition: LanguageEdition, href_for) -> etree._Element:
    """The site's main navigation as a plain list of links (href_for(page path) gives each href)."""
    items = [E.LI(E.A(label, href=href_for(path))) for path, label in edition.navigation if path in edition.pages]
    return E.NAV(E.UL(*items), {"class": "kb-edition-nav"})


def html_document(edition: LanguageEdition, title: str, head: list, body: list) -> bytes:
    """A whole HTML document in the edition's language."""
    document = E.HTML(
        E.HEAD(E.META(charset="utf-8"),
               E.META(name="viewport", content="width=device-width,initial-scale=1"),
               E.TITLE(title), *head),
        E.BODY(E.DIV(*body, {"class": "kb-edition-frame"}), edition.body_attributes),
        lang=edition.language,
    )
    return lxml.html.tostring(document, doctype="<!DOCTYPE html>", encoding="utf-8", method="html")
