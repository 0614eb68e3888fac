"""MkDocs adapter: turns build events into calls to the plain `kb` package.

Everything specific to MkDocs and mkdocs-static-i18n lives here and, for what
`mkdocs serve` reuses across rebuilds, in serve_cache.py, serve_templates.py,
serve_i18n.py, serve_languages.py and serve_watch.py beside it, so moving to another
engine means rewriting these files only. The i18n plugin builds the site
once per language and fires every event from on_config to on_post_build each
time; the current language is read from the plugin from on_files on.
"""
from __future__ import annotations

import copy
import datetime
import html
import logging
import os
import shutil
from pathlib import Path
from urllib.parse import urlsplit

from markupsafe import Markup
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File
from mkdocs.utils import CountHandler, get_relative_url

# kb is the installed package (`pip install -e .`, pyproject.toml), imported like any other.
import kb as kb_package
from kb.archive import entry_time, zip_folder
from kb.checksums import NAME as CHECKSUMS, offline_artefacts, write_checksums
from kb.edition import EditionError, edition_of, public_address
from kb.offline_start import START_PAGE, start_files
from kb.editions import write_editions
from kb.staging import is_staging_dir, publish, staging_dir_for
from kb.language_inputs import language_inputs
from kb.links import LinkPolicy, page_problems
from kb.precompress import precompress
from kb.pages import finish_page_markdown
from kb.preview import PreviewErrors, banner_middleware, problem_lines
from kb.problems import KnowledgeBaseError
from kb.project import load_project
from kb.render_cache import CompiledTemplates, digest
from kb.site import engine_language_problems
from kb.qa.typography import no_break_spaces
from kb.search import IndexCache, index_built_site

from serve_cache import FrontMatter, PageConversions
from serve_templates import PageTemplates, reuse_template_listing
from serve_i18n import reuse_i18n_files
from serve_languages import LanguageReplays, listing_fingerprint
from serve_watch import poll_often

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("KB_DATA_DIR", ROOT / "site-data"))
# KB_DRAFT=1 builds with missing translations falling back to English (see CONTRIBUTING.md).
DRAFT = os.environ.get("KB_DRAFT", "") not in ("", "0", "false")
# KB_LANGS="fr ja" (make serve-one LANGS="fr ja") builds those languages only, at their
# usual addresses (/fr/…), plus the default language, which i18n always builds at the root.
# (KB_BUILD_ONLY, i18n's build_only_locale, instead serves one language at the root.)
BUILD_LANGS = os.environ.get("KB_LANGS", "").replace(",", " ").split()


def _project(recheck: bool = True):
    """The loaded knowledge base. Events that run once per page pass recheck=False:
    on_config has checked site-data/ for edits at the start of this build."""
    try:
        return load_project(DATA_DIR, draft=DRAFT, recheck=recheck)
    except KnowledgeBaseError as error:
        # Raised before MkDocs cleans or writes site_dir, so a bad edit leaves
        # the previous site as it was.
        raise PluginError(str(error)) from None


def _language(config) -> str:
    return config.plugins["i18n"].current_language


# Staging folder → the site folder it will replace (see kb/staging.py).
_publish_to: dict[str, str] = {}


def _offline(config) -> bool:
    """Whether this is the copy opened from disk (mkdocs.offline.yml)."""
    return bool(config.extra.get("kb_offline"))


def on_config(config):
    project = _project()
    if _offline(config):
        # mkdocs.yml falls back to a placeholder address; the offline copy prints its
        # address on every page, so it must be the real one (SITE_URL, set by hand).
        try:
            public_address(os.environ.get("SITE_URL"))
        except EditionError as error:
            raise PluginError(str(error)) from None
    _check_languages(project.kb.site, config)
    _build_only(config, project.kb.site)
    policy = LinkPolicy(project.kb.allowed_domains["domains"], project.kb.allowed_domains["paths"])
    problems = page_problems(config.docs_dir, policy, ROOT)
    if problems:
        raise PluginError(str(KnowledgeBaseError(problems)).replace("site-data has", "the pages have"))
    # The first on_config of a build runs before i18n has chosen a language;
    # later ones (one per language) already see the staging folder.
    if config.plugins["i18n"].current_language is None and not is_staging_dir(config.site_dir):
        staging = staging_dir_for(config.site_dir)
        _publish_to[staging] = config.site_dir
        config.site_dir = staging
    if _cache_pages:
        reuse_template_listing(config.theme)
        if config.plugins["i18n"].current_language is None:
            _replays.start_build(_language_keys(project, config))
    # Dates in the output come from the data, not the clock, so two builds of the
    # same sources are byte-identical: MkDocs stamps sitemap.xml.gz with this.
    os.environ.setdefault("SOURCE_DATE_EPOCH", str(project.kb.content_timestamp))
    return config


def _check_languages(site, config):
    """mkdocs.yml's i18n languages must be site.yml's: stop before building if someone edited one only."""
    i18n = config.plugins["i18n"].config
    # A `null` locale is a link in the language switcher, not a language.
    languages = [(lang.locale, lang.name, lang.default) for lang in i18n.languages if lang.locale != "null"]
    problems = engine_language_problems(site, languages, Path(config.config_file_path).name, DATA_DIR.name,
                                        check_default=not i18n.build_only_locale)
    if problems:
        raise PluginError("\n".join(problems))


def _build_only(config, site):
    """KB_LANGS: turn off the other languages before i18n (priority -100) reads its settings."""
    if not BUILD_LANGS:
        return
    unknown = [code for code in BUILD_LANGS if code not in site.codes]
    if unknown:
        raise PluginError(f"KB_LANGS: unknown language {', '.join(unknown)} — "
                          f"use codes from {DATA_DIR.name}/site.yml: {', '.join(site.codes)}")
    for language in config.plugins["i18n"].config.languages:
        if language.locale != "null":
            language.build = language.default or language.locale in BUILD_LANGS


# Under `mkdocs serve`: the problems of the last failed rebuild, shown on every page
# until a rebuild succeeds, and the banner template with its words for each language.
_preview = PreviewErrors()
_banners: dict[str, tuple] = {}


def on_serve(server, config, builder):
    """Keep serving the last good site when a rebuild fails, with the problems on every page.

    MkDocs' server marks a rebuild as wanted before running it and answers page
    requests only once a rebuild has succeeded, so a build error (a PluginError from
    a YAML mistake) left every request waiting until the file was fixed. Here a failed
    rebuild counts as finished: the staging folder has kept the previous site intact,
    the browsers reload, and the banner lists the problems until the next good build.
    """
    def build_or_keep_last(config=None):
        try:
            builder(config) if config is not None else builder()
        except Exception as error:
            lines = problem_lines(error)
            _preview.set(lines)
            logging.getLogger("mkdocs.hooks.preview").error(
                "the last good site stays served, with these problems on every page:\n  " + "\n  ".join(lines))
            return
        _preview.clear()

    server.builder = build_or_keep_last
    server.set_app(banner_middleware(server.serve_request, _preview, _banner_html))
    poll_often(server)
    return server


def _banner_html(language: str, problems) -> str:
    template, heading, note = _banners.get(language) or next(iter(_banners.values()))
    return template.render(heading=heading, note=note, problems=problems)


# Under `mkdocs serve` (KB_PAGE_CACHE=0 turns them off, to measure): what a rebuild may reuse
# from the last one: page conversions and compiled templates (serve_cache.py), page renderings
# (serve_templates.py), search documents and indexes (kb/search/cache.py).
_conversions = PageConversions()
# MkDocs makes a new Jinja environment for every build (six per rebuild with i18n), so the ~50
# templates of Material were compiled again each time (5 s of a profiled rebuild).
_bytecode = CompiledTemplates()
_front_matter = FrontMatter()
_templates = PageTemplates()
_search_cache = IndexCache()
_cache_pages = False


# The i18n plugin renders 404.html in every language into the same file, so the
# last language would win (mkdocs-static-i18n #284). The default language's copy
# is kept here, keyed by site folder, and written back after the last language.
_default_404: dict[str, str] = {}


def _keep_caches(language: str) -> None:
    for cache in (_conversions.cache, _templates.cache, _front_matter.cache):
        cache.keep(language)


# Under `mkdocs serve`: each language is built again only when an edit can change its pages,
# otherwise its last build's files are written again (serve_languages.py).
_replays = LanguageReplays(_keep_caches, _default_404)


def _language_keys(project, config) -> dict[str, str]:
    """What each language's pages are made from, as one hash a language: its share of site-data/
    (kb/language_inputs.py), and every other file a build reads, by path, time and size."""
    config_dir = Path(config.config_file_path).parent
    outside = listing_fingerprint(*sorted(config_dir.glob("mkdocs*.yml")), Path(config.docs_dir),
                                  *([Path(config.theme.custom_dir)] if config.theme.custom_dir else []),
                                  Path(__file__).parent, Path(kb_package.__file__).parent)
    return {language: digest(inputs, outside, str(DRAFT))
            for language, inputs in language_inputs(project.kb, DATA_DIR).items()}


# Under `mkdocs serve` nothing is sent compressed from disk: no gzip copies, a faster rebuild.
_serving = False


def on_startup(command, dirty):
    global _cache_pages, _serving
    _serving = command == "serve"
    _cache_pages = _serving and os.environ.get("KB_PAGE_CACHE", "1") != "0"
    if _cache_pages:
        reuse_i18n_files()
        _replays.install()


def on_pre_build(config):
    if _cache_pages and not config.plugins["i18n"].building:
        _replays.begin_default(config)


def on_pre_page(page, config, files):
    if _cache_pages:
        _front_matter.wrap(page, _language(config))
    return page


@event_priority(100)
def on_files(files, config):
    """Register every generated page in every language, before i18n sorts them by language."""
    project = _project()
    for page in project.renderer.pages():
        stem = page.path[: -len(".md")]
        for language in project.kb.languages:
            files.append(File(f"{stem}.{language}.md", config.docs_dir, config.site_dir, config.use_directory_urls))
    return files


def on_nav(nav, config, files):
    """Give the generated pages of the current language their Markdown.

    i18n replaces File objects in its own on_files, so contents set earlier would be
    lost; by on_nav the files are final.
    """
    project = _project()
    language = _language(config)
    if _cache_pages and _replays.replaying(language):
        # Its pages are written from the record of its last build: none is converted.
        return nav
    # Offline, each tree page holds its own step only (kb/tree_pages.py says why).
    rendered = project.renderer.render_all(language, whole_tree=not _offline(config))
    suffix = f".{language}.md"
    for file in files:
        if file.src_uri.endswith(suffix):
            path = file.src_uri[: -len(suffix)] + ".md"
            if path in rendered:
                file.content_string = rendered[path]
    if _cache_pages:
        _conversions.start_language(language, files, config)
    return nav


def on_page_markdown(markdown, page, config, files):
    """Fill `<!-- kb:NAME -->` markers in hand-written pages with blocks made from data,
    and point translation notices at the English version of the page (kb/pages.py,
    which `kb export` uses too)."""
    project = _project(recheck=False)

    def english_original() -> str:
        # The original is in the source language (site.yml), English on this site.
        english = getattr(page.file, "alternates", {}).get(project.kb.site.source_language)
        return get_relative_url(english.url, page.url) if english is not None else "./"

    markdown = finish_page_markdown(project.renderer, markdown, _language(config), english_original)
    if _cache_pages:
        _conversions.wrap(page, config, _language(config))
    return markdown


def on_page_content(html, page, config, files):
    """Give the page title and the table of contents their language's no-break spaces back.

    MkDocs takes both from the rendered headings and collapses their whitespace with
    str.split(), which turns French no-break spaces into ordinary ones; the theme then
    shows them in the navigation, the table of contents, the header and <title>. The
    page's own HTML keeps them. Every page of a build is rendered before any template,
    so the navigation of every page sees the mended titles.
    """
    typography = _project(recheck=False).kb.site.language(_language(config)).typography
    if page.title:
        page.title = no_break_spaces(page.title, typography)
    links = list(page.toc or [])
    while links:
        link = links.pop()
        link.title = no_break_spaces(link.title, typography)
        links += link.children
    return html


def on_post_template(output_content, template_name, config):
    i18n = config.plugins["i18n"]
    if template_name == "404.html" and i18n.current_language == i18n.default_language:
        _default_404[config.site_dir] = output_content
    return output_content


@event_priority(-200)
def on_post_build(config):
    # Priority -200 runs after i18n's own on_post_build (-100), which builds the
    # other languages; during those nested builds `building` is true.
    if config.plugins["i18n"].building:
        return
    if _cache_pages:
        # A build of the default language alone: its pages are written from its record, if it is replayed.
        _replays.end_default(config)
        counts = _conversions.end_build()
        logging.getLogger("mkdocs.hooks.preview").info(
            f"pages converted: {counts['converted']}, reused: {counts['reused']}, "
            f"derived from a shared conversion: {counts['derived']}")
        _front_matter.cache.end_build()
        counts = _templates.end_build()
        logging.getLogger("mkdocs.hooks.preview").info(
            f"page templates rendered: {counts['rendered']}, reused: {counts['reused']}, "
            f"not cacheable: {counts['uncacheable']}")
        logging.getLogger("mkdocs.hooks.preview").info(
            f"languages built: {' '.join(_replays.built) or 'none'}; "
            f"replayed from their last build: {' '.join(_replays.replayed) or 'none'}")
    site_dir = Path(config.site_dir)
    final_dir = Path(_publish_to.pop(config.site_dir, config.site_dir))
    offline = _offline(config)
    if config.site_dir in _default_404:
        default_404 = _default_404.pop(config.site_dir)
        if offline:
            (site_dir / "404.html").unlink(missing_ok=True)
        else:
            (site_dir / "404.html").write_text(default_404, encoding="utf-8")
    if _strict_warnings(config):
        # MkDocs aborts right after this event: keep the previous site as it was.
        shutil.rmtree(site_dir, ignore_errors=True)
        return
    kb = _project(recheck=False).kb
    if offline:
        _leave_out(site_dir, config.extra.get("kb_offline_leave_out") or [])
    # One search index per language, from the final HTML of every language.
    # The same step as `kb index SITE_DIR` after another engine's build.
    report = index_built_site(site_dir, kb, directory_urls=config.use_directory_urls,
                              cache=_search_cache if _cache_pages else None)
    logging.getLogger("mkdocs.hooks.search").info(report.summary())
    if _cache_pages:
        logging.getLogger("mkdocs.hooks.search").info(
            f"search index languages reused: {_search_cache.reused}, indexed: {_search_cache.indexed}")
    # Last, once every file is final: the gzip copies of the text files (mkdocs.yml, kb_precompress).
    precompressed = 0 if _serving else precompress(site_dir, config.extra.get("kb_precompress") or ())
    if precompressed:
        logging.getLogger("mkdocs.hooks.precompress").info(f"gzip copies written: {precompressed}")
    if offline:
        edition = edition_of(kb, os.environ.get("SITE_URL"))
        zip_folder(site_dir, final_dir.with_name(final_dir.name + ".zip"), top=final_dir.name,
                   date_time=entry_time(edition.date), beside=start_files(kb, edition, final_dir.name))
        _write_editions(config, kb, site_dir, final_dir.parent)
    if site_dir != final_dir:
        publish(site_dir, final_dir, remove_later=_serving)
        config.site_dir = str(final_dir)
    if offline:
        _write_checksums(final_dir, config.extra["kb_edition_name"])


def _leave_out(site_dir: Path, patterns):
    """Delete the files the offline copy never loads (mkdocs.offline.yml, kb_offline_leave_out)."""
    for pattern in patterns:
        for path in sorted(site_dir.glob(pattern), reverse=True):
            shutil.rmtree(path) if path.is_dir() else path.unlink()


def _write_checksums(site_dir: Path, edition_name: str):
    """SHA256SUMS next to the offline editions present, and each edition's path, size and hash in the log."""
    artefacts = write_checksums(site_dir.parent, offline_artefacts(site_dir.parent, site_dir.name, edition_name))
    log = logging.getLogger("mkdocs.hooks.offline")
    for artefact in artefacts:
        log.info(f"wrote {artefact.summary()}")
    log.info(f"wrote {site_dir.parent / CHECKSUMS} (check with `sha256sum -c {CHECKSUMS}`)")


def _write_editions(config, kb, site_dir: Path, out_dir: Path):
    """The ZIM and single-HTML editions of each language built, beside the zip (kb/editions).

    A one-language build (KB_BUILD_ONLY) puts that language at the root, where the
    editions would take it for the default language: it gets none.
    """
    if config.plugins["i18n"].config.build_only_locale:
        logging.getLogger("mkdocs.hooks.offline").info("one-language build: no ZIM or single-HTML editions")
        return
    built = tuple(code for code in kb.site.codes
                  if code == kb.site.default_language or not BUILD_LANGS or code in BUILD_LANGS)
    try:
        editions = write_editions(site_dir, out_dir, config.extra["kb_edition_name"], kb.site, kb.ui,
                                  datetime.date.fromisoformat(kb.content_date), languages=built,
                                  vocabulary=kb.search_vocabulary)
    except ValueError as error:
        raise PluginError(f"the one-file editions: {error}") from None
    for edition in editions:
        logging.getLogger("mkdocs.hooks.offline").info(f"wrote {edition.describe()}")


def on_build_error(error, **kwargs):
    """A crash part-way: drop the half-written staging folder, keep the published site."""
    _replays.abort()
    for staging in list(_publish_to):
        shutil.rmtree(staging, ignore_errors=True)
        _publish_to.pop(staging)


def _strict_warnings(config) -> bool:
    """Whether MkDocs counted warnings that --strict turns into a failed build."""
    if not config.strict:
        return False
    counters = [h for h in logging.getLogger("mkdocs").handlers if isinstance(h, CountHandler)]
    return any(counter.get_counts() for counter in counters)


def on_page_context(context, page, config, nav):
    _date_page(_project(recheck=False).kb, page)
    _make_home_alternates_relative(config)
    return context


def _date_page(kb, page) -> None:
    """Date a page by its data: a cause by its review date, other pages by the newest review."""
    stem = page.file.src_uri.rsplit(".", 2)[0]
    cause = kb.causes.get(stem[len("causes/"):]) if stem.startswith("causes/") else None
    page.update_date = cause["reviewed"] if cause is not None else kb.content_date


def _make_home_alternates_relative(config):
    """Point the language switcher of home pages at site-relative links.

    For home pages i18n keeps links absolute from the server root ("/zh/"), which
    break in the offline copy and behind a different base path; every other page
    gets site-relative links ("zh/faq/") that MkDocs' `url` filter resolves per
    page. This runs after i18n's own on_page_context (priority 50).
    """
    base_path = urlsplit(config.site_url or "").path.rstrip("/")
    # i18n sets `extra.alternate` as an attribute, which templates read before the key.
    alternates = getattr(config.extra, "alternate", None) or config.extra.get("alternate") or []
    for alternate in alternates:
        link = alternate.get("link", "")
        if link.startswith(base_path + "/"):
            alternate["link"] = link[len(base_path) + 1:] or "./"


def on_template_context(context, template_name, config):
    """404.html is served at any depth: give its language links absolute paths from the site root.

    Without this it would show the language links of whichever page was rendered last.
    """
    if template_name == "404.html":
        config.extra.alternate = copy.deepcopy(config.plugins["i18n"].extra_alternate)
    return context


def _search_links(site, files, language) -> dict[str, str]:
    """Site paths of the troubleshooter and the cause list in the current language, as MkDocs links them.

    The search box offers both when its results do not help, and without JavaScript.
    Their pages are those site.yml declares for the tree and for the index of causes.
    """
    links = {}
    pages = {"troubleshoot": site.files["tree"].page + "index.md", "causes": site.kinds["cause"].index.page}
    for name, page in pages.items():
        stem = page[: -len(".md")]
        found = next((f for f in files if f.src_uri in (f"{stem}.{language}.md", f"{stem}.md")
                      and f.is_documentation_page()), None)
        if found is None:
            raise PluginError(f"the search box links to {stem}.md, which this build does not have")
        links[name] = found.url or "./"
    return links


def on_env(env, config, files):
    """Expose the current language's interface strings to the theme templates, and
    name the colour-scheme toggles in that language (mkdocs.yml can only hold one)."""
    language = _language(config)
    kb = _project().kb
    if _cache_pages:
        env.bytecode_cache = _bytecode
        _templates.install(env, language, config.theme.dirs)
        if _replays.replaying(language):
            # Its pages get no page context (their files are written from the record), but i18n
            # keeps them for the sitemap the last language writes, which shows each page's date.
            for file in files.documentation_pages():
                if file.page is not None:
                    _date_page(kb, file.page)
    strings = kb.ui[language]
    env.globals["kb_ui"] = strings
    offline = _offline(config)
    env.globals["kb_edition"] = edition_of(kb, os.environ.get("SITE_URL")).stamp(kb, language) if offline else None
    env.globals["kb_unzip_first"] = strings["offline.unzip_first"].format(start=START_PAGE) if offline else None
    # The theme writes <title> and the previous/next labels through `striptags`, which also
    # collapses whitespace with str.split() and so loses French no-break spaces: put them back.
    typography = kb.site.language(language).typography
    env.filters["striptags"] = lambda value: no_break_spaces(Markup(str(value)).striptags(), typography)
    env.globals["kb_links"] = _search_links(_project().kb.site, files, language)
    # Kept for the preview banner (on_serve), which is rendered when a later rebuild fails.
    _banners[language] = (env.get_template("partials/kb-preview-errors.html"),
                          strings["preview.errors_heading"], strings["preview.errors_note"])
    for palette in config.theme.get("palette") or []:
        toggle = palette.get("toggle")
        if toggle is not None:
            toggle["name"] = strings["theme.dark_mode" if palette.get("scheme") == "default" else "theme.light_mode"]
    return env
