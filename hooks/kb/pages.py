"""The final Markdown of every page in one language, as any Python-Markdown engine takes it.

Two kinds of pages: those generated from data (Renderer.pages()) and the hand-written
ones in content/ (`index.fr.md`: one file per language, with `<!-- kb:NAME -->` markers).
Both pass through `finish_page_markdown`, which fills the markers and points translation
notices at the source-language page. The MkDocs adapter (hooks/site_hooks.py) calls it
for each page MkDocs builds; `kb export` (export.py) calls it for every page of every
language and writes plain files. So both engines get the same page Markdown.

Nothing here knows an engine: page addresses are worked out from source paths, with
the default language at the site root and the others under /<code>/.
"""
from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Callable

from .render import Renderer

# Written by translation-notice.md.j2 as a link target; replaced by the link to the
# same page in the source language.
ENGLISH_ORIGINAL = "kb-english-original:"
_ORIGINAL_LINK = re.compile(r"\[([^\]]*)\]\(" + re.escape(ENGLISH_ORIGINAL) + r"\)")


def finish_page_markdown(renderer: Renderer, markdown: str, language: str,
                         original_link: Callable[[], str]) -> str:
    """Fill the `<!-- kb:NAME -->` markers and the links to the source-language original.

    original_link() gives the address of this page in the source language, relative to
    the page; it is asked only for pages that have such a link.
    """
    markdown = renderer.fill_markers(markdown, language, "")
    if ENGLISH_ORIGINAL not in markdown:
        return markdown
    source = renderer.kb.site.source_language
    target = original_link()
    # Raw HTML: MkDocs would report a Markdown link to a page URL (not a source file) as unrecognised.
    return _ORIGINAL_LINK.sub(
        lambda m: f'<a href="{html.escape(target)}" hreflang="{source}">{m.group(1)}</a>', markdown)


def handwritten_pages(content_dir: Path, language: str) -> dict[str, str]:
    """The hand-written pages of one language: `about.fr.md` as {"about.md": its text}."""
    suffix = f".{language}.md"
    pages = {}
    for path in sorted(Path(content_dir).rglob(f"*{suffix}")):
        relative = path.relative_to(content_dir).as_posix()
        pages[relative[: -len(suffix)] + ".md"] = path.read_text(encoding="utf-8")
    return pages


def page_url(path: str, language: str, default_language: str) -> str:
    """The site address of a source page with directory URLs: fr + causes/x.md -> fr/causes/x/."""
    stem = path[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        stem = stem[: -len("index")]
    elif stem:
        stem += "/"
    return ("" if language == default_language else f"{language}/") + stem


def relative_url(url: str, from_url: str) -> str:
    """url as a link from the page at from_url (both site addresses, directory URLs), as MkDocs writes it."""
    target, here = [part for part in url.split("/") if part], [part for part in from_url.split("/") if part]
    common = 0
    while common < min(len(target), len(here)) and target[common] == here[common]:
        common += 1
    relative = "/".join([".."] * (len(here) - common) + target[common:]) or "."
    return relative + "/" if url.endswith("/") else relative


def language_pages(renderer: Renderer, content_dir: Path, language: str) -> dict[str, str]:
    """Every page of one language, generated and hand-written, with its final Markdown, by source path."""
    site = renderer.kb.site
    sources = {**handwritten_pages(content_dir, language), **renderer.render_all(language)}

    def original_of(path: str) -> Callable[[], str]:
        here = page_url(path, language, site.default_language)
        return lambda: relative_url(page_url(path, site.source_language, site.default_language), here)

    return {path: finish_page_markdown(renderer, markdown, language, original_of(path))
            for path, markdown in sources.items()}
