"""The single-file edition: every page of one language in one HTML file, for phones and mail.

A phone's file manager or a messaging app hands the browser one file (often as a
content:// address), so relative links to other files cannot work there; and mail
filters refuse attachments that carry scripts. This file needs neither: the
stylesheets are inlined, there is no script, and each page of the offline copy is
a <section> whose links to other pages are #anchors. The troubleshooter is one
section per step, linked by its answers.

Ids must be unique in the file: each page's ids get its section's id in front
("causes-kyc-doc-expired--fix"), and so do the attributes that name them.
"""
from __future__ import annotations

import copy
from pathlib import Path

import lxml.html
from lxml.html import builder as E

from .document import html_document, navigation, stylesheet
from .links import rewrite_links
from .pages import ID_REFERENCE_ATTRIBUTES, LanguageEdition

ID_SEPARATOR = "--"


def write_single_html(edition: LanguageEdition, target: Path) -> Path:
    """Write one language's single HTML file to target (replaced in one step)."""
    order = edition.ordered_paths()
    sections = section_ids(order)

    def href_for(page: str, fragment: str = "") -> str:
        return f"#{sections[page]}{ID_SEPARATOR}{fragment}" if fragment else f"#{sections[page]}"

    body = [navigation(edition, href_for)]
    shown_asides: set[bytes] = set()
    for path in order:
        page = edition.pages[path]
        section = copy.deepcopy(page.article)
        if page.stamp is not None:
            section.insert(0, copy.deepcopy(page.stamp))
        _drop_repeated_asides(section, shown_asides)
        rewrite_links(edition, path, section, href_for)
        _prefix_ids(section, sections[path])
        section.tag = "section"
        section.attrib.clear()
        section.set("id", sections[path])
        section.set("class", "kb-edition-section md-typeset")
        body.append(section)
    _check_unique_ids(body)
    html = html_document(edition, edition.site_name, [E.STYLE(stylesheet(edition))], body)
    target = Path(target)
    partial = target.with_name(target.name + ".partial")
    partial.write_bytes(html)
    partial.replace(target)
    return target


def section_ids(order: list[str]) -> dict[str, str]:
    """An id for each page's section, from its path ("causes/x.html" → "causes-x"), unique in the file."""
    ids: dict[str, str] = {}
    taken: set[str] = set()
    for path in order:
        base = path.removesuffix(".html").replace("/", "-").replace(ID_SEPARATOR, "-")
        candidate, number = base, 2
        while candidate in taken:
            candidate, number = f"{base}-{number}", number + 1
        taken.add(candidate)
        ids[path] = candidate
    return ids


def _drop_repeated_asides(section, shown: set[bytes]) -> None:
    """Keep the first copy only of a side box that every page repeats (the safety notice).

    The edition stamp stays in every section, even when it is such a box.
    """
    for aside in section.xpath(".//aside[not(descendant-or-self::*[contains(concat(' ', @class, ' '), ' kb-edition ')])]"):
        key = lxml.html.tostring(aside, with_tail=False)
        if key in shown:
            aside.drop_tree()
        else:
            shown.add(key)


def _prefix_ids(element, prefix: str) -> None:
    for named in element.xpath("descendant-or-self::*[@id]"):
        named.set("id", f"{prefix}{ID_SEPARATOR}{named.get('id')}")
    for attribute in ID_REFERENCE_ATTRIBUTES:
        for referring in element.xpath(f"descendant-or-self::*[@{attribute}]"):
            referring.set(attribute, " ".join(f"{prefix}{ID_SEPARATOR}{name}" for name in referring.get(attribute).split()))


def _check_unique_ids(body) -> None:
    seen: set[str] = set()
    for element in body:
        for value in element.xpath("descendant-or-self::*/@id"):
            if value in seen:
                raise ValueError(f"the single HTML file would hold the id {value!r} twice")
            seen.add(value)
