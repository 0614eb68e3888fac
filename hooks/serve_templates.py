"""The preview server's theme renderings: a page whose rendering input is unchanged is not rendered again.

After the page conversions are reused (serve_cache.py), rendering Material's template for each of
the 528 pages (header, navigation, language switcher, footer) was the largest cost left in a
rebuild. The output of `main.html` is a function of its context, the Jinja environment's
globals, the language and the theme's files, so it is kept under a digest of all of them. The
digest covers the current page whole (HTML, table of contents, metadata, addresses, neighbours)
and the other pages only as the navigation shows them (title, address, active or not): an edited
cause changes its own pages; a title shown in the navigation changes every page of its language.
A context holding a value of a type this file does not know is rendered every time: nothing is
reused on a guess. `mkdocs build` never uses this (site_hooks.py turns it on under serve only).
"""
from __future__ import annotations

import datetime
import enum
import gettext
import logging
import sysconfig
from pathlib import Path, PurePath
from types import FunctionType, MethodType, ModuleType

from jinja2 import Template
from mkdocs.config.base import Config
from mkdocs.structure.files import File
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents
from mkdocs.theme import Theme

from kb.render_cache import RenderCache, digest

# Configuration a template never reads: plugins and hooks are code, the Markdown settings
# are already in the page's HTML, the rest decides which files are pages.
_UNREAD_CONFIG = {"plugins", "hooks", "mdx_configs", "markdown_extensions", "exclude_docs", "draft_docs",
                  "not_in_nav", "validation", "watch"}


class Uncacheable(TypeError):
    """A value in the context whose every detail this file cannot vouch for."""


def _link(item) -> list:
    """A page, section or link as the navigation (and the previous/next links) show it."""
    if item is None:
        return [None]
    shown = [type(item).__name__, item.title, getattr(item, "url", None), getattr(item, "active", None)]
    if isinstance(item, Section):
        shown.append([_link(child) for child in item.children])
    return shown


def _toc(links) -> list:
    return [[link.level, link.id, link.title, _toc(link.children)] for link in links]


def canonical(value, depth: int = 0):
    """value as plain lists and strings, in full; Uncacheable for anything else."""
    if depth > 40:
        raise Uncacheable("nested too deep")
    if value is None or isinstance(value, (str, bool, int, float)):
        return repr(value)
    if isinstance(value, (datetime.date, datetime.datetime, enum.Enum, PurePath)):
        return repr(value)
    if isinstance(value, (Page, Section, Link)):
        return _link(value)
    if isinstance(value, Navigation):
        return ["Navigation", [_link(item) for item in value.items], _link(value.homepage)]
    if isinstance(value, File):
        return ["File", value.src_uri, value.dest_uri, value.url]
    if isinstance(value, (AnchorLink, TableOfContents)):
        return _toc(value if isinstance(value, TableOfContents) else [value])
    if isinstance(value, Theme):
        # i18n adds its sitemap folder to the theme's folders again in every language build; a
        # folder named twice is searched as if named once, so the count does not reach the key.
        return ["Theme", value.name, list(dict.fromkeys(value.dirs)), sorted(value.static_templates),
                canonical(dict(value.items()), depth + 1)]
    if isinstance(value, Config):
        shown = {key: canonical(item, depth + 1) for key, item in value.items() if key not in _UNREAD_CONFIG}
        # i18n sets the language switcher's links as an attribute, which templates read first.
        extra = {name: canonical(item, depth + 1) for name, item in vars(value).items()
                 if not name.startswith("_") and name not in ("data", "user_configs", "config_file_path")}
        return ["Config", shown, extra]
    if isinstance(value, dict):
        return [[canonical(key, depth + 1), canonical(item, depth + 1)] for key, item in value.items()]
    if isinstance(value, (list, tuple)):
        return [canonical(item, depth + 1) for item in value]
    if type(value).__name__ == "Locale":
        # The theme's language: babel's Locale, or MkDocs' stand-in for it without babel.
        return ["Locale", str(value)]
    if isinstance(value, MethodType) and isinstance(value.__self__, gettext.NullTranslations):
        # The theme's gettext for Jinja's i18n extension: read from the theme's files (in the key).
        return ["gettext", type(value.__self__).__name__, value.__name__]
    if isinstance(value, (FunctionType, ModuleType, type)):
        # Filters and helpers of the environment: code, the same from one rebuild to the next.
        return getattr(value, "__module__", "") + "." + getattr(value, "__qualname__", getattr(value, "__name__", ""))
    raise Uncacheable(type(value).__name__)


def _page(page: Page) -> list:
    """Everything of the current page a template can show."""
    return [page.file.src_uri, page.url, page.canonical_url, page.abs_url, page.edit_url, page.title,
            page.content, _toc(page.toc), canonical(page.meta), repr(getattr(page, "update_date", None)),
            page.is_homepage, _link(page.previous_page), _link(page.next_page),
            [_link(ancestor) for ancestor in page.ancestors]]


_INSTALLED = tuple(Path(sysconfig.get_paths()[name]).resolve() for name in ("purelib", "platlib"))
_installed_fingerprints: dict[str, str] = {}


def _folder_fingerprint(folder) -> str:
    return digest(*(f"{path}\t{path.stat().st_mtime_ns}\t{path.stat().st_size}"
                    for path in sorted(Path(folder).rglob("*")) if path.is_file()))


def theme_fingerprint(dirs) -> str:
    """The theme's files: with --watch-theme, overrides/ may change between rebuilds.

    An installed theme (Material: 14,000 files, most of them icons that templates include) is
    read once per server: changing a package under a running server needs a restart anyway,
    since its Python code is loaded already. Reading it six times per rebuild was 4 s profiled."""
    parts = []
    # (A folder named twice is searched as if named once: see canonical, Theme.)
    for folder in dict.fromkeys(dirs):
        if any(Path(folder).resolve().is_relative_to(root) for root in _INSTALLED):
            if folder not in _installed_fingerprints:
                _installed_fingerprints[folder] = _folder_fingerprint(folder)
            parts.append(_installed_fingerprints[folder])
        else:
            parts.append(_folder_fingerprint(folder))
    return digest(*parts)


_listings: dict[str, list[str]] = {}


def reuse_template_listing(theme) -> None:
    """Make the theme's environments list its files once per state of the theme.

    Before each language build MkDocs walks every theme folder (Material's 14,000 files) to find
    the static files to copy: six walks per rebuild, 8 % of a profiled rebuild. on_config runs
    once per language build: a theme already wrapped is left as it is."""
    if getattr(theme, "_kb_listing_once", False):
        return
    theme._kb_listing_once = True
    get_env = theme.get_env

    def get_env_listing_once():
        env = get_env()
        walk = env.loader.list_templates

        def list_templates():
            key = theme_fingerprint(theme.dirs)
            if key not in _listings:
                _listings[key] = walk()
            return list(_listings[key])

        env.loader.list_templates = list_templates
        return env

    theme.get_env = get_env_listing_once


class PageTemplates:
    """Renderings of page templates kept across rebuilds (see the module)."""

    def __init__(self) -> None:
        self.cache = RenderCache()
        self.counts = {"rendered": 0, "reused": 0, "uncacheable": 0}
        self._listed = None

    def _pages(self, pages):
        """The list of every page that MkDocs gives each page's context: one list per language
        build, the same object for all its pages, so it is written out once."""
        if self._listed is None or self._listed[0] is not pages:
            self._listed = (pages, canonical(pages))
        return self._listed[1]

    def end_build(self) -> dict[str, int]:
        self.cache.end_build()
        counts, self.counts = self.counts, dict.fromkeys(self.counts, 0)
        return counts

    def install(self, env, language: str, theme_dirs) -> None:
        """Make the templates env compiles from now on reuse renderings of unchanged pages."""
        templates = self
        build_key = digest(language, theme_fingerprint(theme_dirs))

        class ReusingTemplate(env.template_class):
            def render(self, *args, **kwargs):
                return templates.render(self, super().render, build_key, env, args, kwargs, language)

        env.template_class = ReusingTemplate

    def render(self, template: Template, render, build_key: str, env, args, kwargs, language: str) -> str:
        context = dict(*args, **kwargs)
        page = context.get("page")
        if not isinstance(page, Page):
            return render(*args, **kwargs)
        try:
            rest = {key: value for key, value in context.items() if key not in ("page", "pages")}
            shown = [template.name, _page(page), canonical(rest), self._pages(context.get("pages")),
                     canonical(env.globals), sorted(env.filters)]
        except Uncacheable as error:
            logging.getLogger("mkdocs.hooks.preview").debug(f"{page.file.src_uri}: rendered, its context holds a {error}")
            self.counts["uncacheable"] += 1
            return render(*args, **kwargs)
        key = digest(build_key, repr(shown))
        kept = self.cache.get(key)
        if kept is None:
            kept = render(*args, **kwargs)
            self.cache.put(key, kept, group=language)
            self.counts["rendered"] += 1
        else:
            self.counts["reused"] += 1
        return kept
