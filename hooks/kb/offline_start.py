"""The first files a reader sees in the offline zip, next to the site folder: a start page
and a README.txt, both in every language.

Double-clicking a page inside a zip (what Windows Explorer does) extracts that one file
alone, which then shows a page with no style and dead links. Both files say, in each
language, to extract everything first, and lead to each language's home page. The start
page holds its own style, so it reads well even when opened from inside the zip. Their
words are the `offline.*` and `edition.*` strings of site-data/ui/<lang>.yml.
"""
from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from .edition import Edition
from .model import KnowledgeBase

TEMPLATES = Path(__file__).parent / "templates"
START_PAGE = "START-HERE.html"
README = "README.txt"


def home_of(kb: KnowledgeBase, language: str, top: str) -> str:
    """The home page of a language inside the zip: the default language at the site folder's root."""
    return f"{top}/index.html" if language == kb.site.default_language else f"{top}/{language}/index.html"


def _languages(kb: KnowledgeBase, edition: Edition, top: str) -> list[dict]:
    """What each language's part of the two files shows, in site.yml's order of languages."""
    found = []
    for language in kb.site.languages:
        strings = kb.ui[language.code]
        home = home_of(kb, language.code, top)
        found.append({
            "code": language.code, "native": language.native, "home": home, "t": strings,
            "stamp": edition.stamp(kb, language.code),
            "readme_open": strings["offline.readme_open"].format(start=START_PAGE, home=home),
        })
    return found


def start_files(kb: KnowledgeBase, edition: Edition, top: str) -> dict[str, bytes]:
    """START-HERE.html and README.txt, by name, for the top level of the zip."""
    languages = _languages(kb, edition, top)
    html = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined,
                       trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    text = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=False, undefined=StrictUndefined,
                       trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    context = {"languages": languages, "default": kb.site.default_language, "edition": edition}
    page = html.get_template("offline-start.html.j2").render(**context)
    readme = text.get_template("offline-readme.txt.j2").render(**context)
    # Windows Notepad is what most readers open a .txt with: CRLF line ends, and a BOM so
    # that older versions read the Chinese, Japanese and Korean parts as UTF-8.
    readme_bytes = "\ufeff".encode() + readme.replace("\r\n", "\n").replace("\n", "\r\n").encode("utf-8")
    return {START_PAGE: page.encode("utf-8"), README: readme_bytes}
