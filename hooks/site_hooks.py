"""MkDocs adapter: turns build events into calls to the plain `kb` package.

Everything specific to MkDocs and mkdocs-static-i18n lives here, so moving to
another engine means rewriting this file only. The i18n plugin builds the site
once per language and fires every event from on_config to on_post_build each
time; the current language is read from the plugin from on_files on.
"""
from __future__ import annotations

import os
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

# The hook folder is on sys.path only while this module is imported.
from kb.problems import KnowledgeBaseError
from kb.project import load_project

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("KB_DATA_DIR", ROOT / "site-data"))


def _project():
    try:
        return load_project(DATA_DIR)
    except KnowledgeBaseError as error:
        # Raised before MkDocs cleans or writes site_dir, so a bad edit leaves
        # the previous site as it was.
        raise PluginError(str(error)) from None


def _language(config) -> str:
    return config.plugins["i18n"].current_language


def on_config(config):
    _project()
    return config


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
    rendered = project.renderer.render_all(language)
    suffix = f".{language}.md"
    for file in files:
        if file.src_uri.endswith(suffix):
            path = file.src_uri[: -len(suffix)] + ".md"
            if path in rendered:
                file.content_string = rendered[path]
    return nav


def on_page_markdown(markdown, page, config, files):
    """Fill `<!-- kb:NAME -->` markers in hand-written pages with blocks made from data."""
    return _project().renderer.fill_markers(markdown, _language(config), page.file.src_uri)


# The i18n plugin renders 404.html in every language into the same file, so the
# last language would win (mkdocs-static-i18n #284). The default language's copy
# is kept here, keyed by site folder, and written back after the last language.
_default_404: dict[str, str] = {}


def on_post_template(output_content, template_name, config):
    i18n = config.plugins["i18n"]
    if template_name == "404.html" and i18n.current_language == i18n.default_language:
        _default_404[config.site_dir] = output_content
    return output_content


@event_priority(-200)
def on_post_build(config):
    # Priority -200 runs after i18n's own on_post_build (-100), which builds the
    # other languages; during those nested builds `building` is true.
    if not config.plugins["i18n"].building and config.site_dir in _default_404:
        page = Path(config.site_dir) / "404.html"
        page.write_text(_default_404.pop(config.site_dir), encoding="utf-8")


def on_env(env, config, files):
    """Expose the current language's interface strings to the theme templates."""
    env.globals["kb_ui"] = _project().kb.ui[_language(config)]
    return env
