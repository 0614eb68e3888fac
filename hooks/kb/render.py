"""Render knowledge-base pages as Markdown, one language at a time, through Jinja templates.

The output is plain Markdown (with a few attribute lists), so any Markdown-based
site engine can take it; the MkDocs adapter only hands these strings to MkDocs.
All words come from site-data/: entries for content, ui/<lang>.yml for labels.
"""
from __future__ import annotations

import copy
import re
from urllib.parse import quote
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from .fields import iter_text_fields, text_field_formats
from .link_languages import LinkLanguages, mark_other_language_links
from . import tree_pages
from .markdown_text import finalize_for_markdown
from .model import KnowledgeBase
from .qa.typography import local_date, no_break_spaces, template_colons
from .render_cache import CompiledTemplates
from .schema import Schemas
from .translations import COMPLETE, entry_status, field_statuses, read_lock
from .support_request import builder_script_data

TEMPLATES = Path(__file__).parent / "templates"
HOME_MARKER = re.compile(r"<!--\s*kb:([a-z-]+)\s*-->")


@dataclass(frozen=True)
class GeneratedPage:
    """A page made from data. `path` is its source path without language suffix (causes/x.md)."""

    path: str
    template: str
    context: dict


class UnknownInterfaceKey(KeyError):
    pass


# The page templates compiled once per process: each loaded knowledge base gets a Renderer with
# its own environment, and a process that loads the data again after every save (mkdocs serve)
# compiled every template again, a tenth of a rebuild.
_COMPILED = CompiledTemplates()


class Renderer:
    def __init__(self, kb: KnowledgeBase, schemas: Schemas):
        self.kb = kb
        self.schemas = schemas
        self.env = Environment(
            loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined,
            finalize=finalize_for_markdown, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
            bytecode_cache=_COMPILED)
        self.env.filters["link_target"] = link_target
        self.env.filters["one_line"] = one_line
        # Review dates as each language writes them (CLDR through Babel), never ISO.
        self.env.filters["local_date"] = local_date
        self._formats = {kind: text_field_formats(schemas, kind) for kind in kb.site.translated_kinds if kind != "ui"}
        self._contexts: dict[str, dict] = {}
        self._tree_template = kb.site.files["tree"].template or tree_pages.TEMPLATE
        self._tree_page_cache = tree_pages.TreePages(
            lambda language, page_context: self._render_full(self._tree_template, language, page_context))
        self._statuses: dict | None = None
        self._link_languages = LinkLanguages(kb.allowed_domains)

    # -- the pages -----------------------------------------------------------

    def pages(self) -> list[GeneratedPage]:
        """Every page generated from data, identical in every language."""
        kb = self.kb
        kinds = kb.site.kinds.values()
        # The pages of each kind as a whole (its index, or all its entries on one page),
        # then one page per entry, in site.yml's order of kinds.
        pages = []
        for kind in kinds:
            if kind.index is not None:
                pages.append(GeneratedPage(kind.index.page, kind.index.template, {}))
            if kind.page is not None and not kind.one_page_per_entry:
                pages.append(GeneratedPage(kind.page, kind.template, {}))
        pages += [GeneratedPage(kind.page_of(entry_id), kind.template, {f"{kind.name}_id": entry_id})
                  for kind in kinds if kind.one_page_per_entry for entry_id in kb.entries(kind.name)]
        support = kb.site.files["support-request"]
        if kb.support_request and support.page is not None:
            pages.append(GeneratedPage(support.page, support.template, {}))
        if kb.tree is not None and kb.site.files["tree"].page is not None:
            pages += self._tree_pages()
        return pages

    def _tree_pages(self) -> list[GeneratedPage]:
        """One page per question and one per outcome; `up` leads from the page back to troubleshoot/."""
        tree = self.kb.tree
        folder, template = self.kb.site.files["tree"].page, self.kb.site.files["tree"].template
        pages = []
        for question_id, question in tree.questions.items():
            pages.append(GeneratedPage(f"{folder}{tree_page(tree, question_id)}", template,
                                       {"current": question_id, "up": ""}))
            for answer in question["answers"]:
                if "causes" in answer:
                    pages.append(GeneratedPage(f"{folder}{question_id}/{answer['id']}.md", template,
                                               {"current": f"{question_id}/{answer['id']}", "up": "../"}))
        return pages

    def render(self, page: GeneratedPage, language: str, whole_tree: bool = True) -> str:
        """A page's Markdown; whole_tree=False gives each tree page only its own step (tree_pages.py)."""
        if page.template == self._tree_template:
            return self._tree_page_cache.render(language, page.context, whole_tree)
        return self._render_full(page.template, language, page.context)

    def _render_full(self, template_name: str, language: str, page_context: dict) -> str:
        template = self.env.get_template(template_name)
        return self._finish(template.render(**self.context(language), **page_context), language)

    def _finish(self, markdown: str, language: str) -> str:
        """What every rendered page or block gets last: the language's colons after labels, and
        links to pages in another language marked as such (hreflang, and the language's name)."""
        typography = self.kb.site.language(language).typography
        markdown = template_colons(markdown, typography)
        return mark_other_language_links(markdown, language, self._link_languages,
                                         self.kb.ui[language]["link.other_language"], typography)

    def render_all(self, language: str, whole_tree: bool = True) -> dict[str, str]:
        """Markdown of every generated page in one language, keyed by page path."""
        return {page.path: self.render(page, language, whole_tree) for page in self.pages()}

    def render_home_block(self, name: str, language: str) -> str:
        """Markdown for a `<!-- kb:NAME -->` marker in a hand-written page."""
        try:
            template = self.env.get_template(f"home-{name}.md.j2")
        except Exception as error:
            raise UnknownInterfaceKey(f"unknown page marker `kb:{name}`") from error
        return self._finish(template.render(**self.context(language)), language)

    def fill_markers(self, markdown: str, language: str, page_path: str) -> str:
        def replace(match: re.Match) -> str:
            return self.render_home_block(match.group(1), language)
        return HOME_MARKER.sub(replace, markdown)

    # -- what templates see --------------------------------------------------

    def context(self, language: str) -> dict:
        # Localising every entry is the costly part: do it once per language.
        if language not in self._contexts:
            self._contexts[language] = self._build_context(language)
        return self._contexts[language]

    def translation_status(self, kind: str, entry_id: str, language: str) -> str:
        """complete, missing or outdated for what a page shows of an entry (a cause with its fixes)."""
        if language == self.kb.site.source_language:
            return COMPLETE
        if self._statuses is None:
            statuses: dict = {}
            lock = read_lock(self.schemas.schema_dir.parent)
            for found in field_statuses(self.kb, self.schemas, lock, self.kb.draft_sources):
                statuses.setdefault((found.file, found.language), []).append(found)
            self._statuses = statuses
        entries = [self.kb.entries(kind)[entry_id]]
        if kind == "cause":
            entries += [self.kb.solutions[s] for s in entries[0]["solutions"]]
        return entry_status([f for e in entries for f in self._statuses.get((e.path, language), [])])

    def _build_context(self, language: str) -> dict:
        kb = self.kb
        typography = kb.site.language(language).typography

        def localize(kind: str, data: dict, entry_id: str | None = None) -> dict:
            view = copy.deepcopy(data)
            for path, fmt, texts in iter_text_fields(data, self._formats[kind]):
                # Typography by construction: editors type ordinary spaces, the page gets the
                # language's no-break ones (French, before ; : ! ? and inside « »).
                text = no_break_spaces(texts[language], typography)
                _set(view, path, Markup(text) if fmt == "markdown" else text)
            if entry_id is not None:
                view["id"] = entry_id
            return view

        categories = localize("categories", {"categories": kb.categories})["categories"]
        causes = {cid: localize("cause", e.data, cid) for cid, e in kb.causes.items()}
        faqs = {fid: localize("faq", e.data, fid) for fid, e in kb.faqs.items()}
        # A FAQ is shown under the category of the first cause it lists.
        faq_groups = [(category, [f for f in faqs.values() if causes[f["causes"][0]]["category"] == category["id"]])
                      for category in categories]
        tree = None
        if kb.tree is not None:
            questions = localize("tree", {"questions": kb.tree.questions})["questions"]
            tree = {"start": kb.tree.start, "questions": questions, "paths": kb.tree.paths}
        translate = self._translator(language)
        support = None
        if kb.support_request:
            support = localize("support-request", kb.support_request)
            support["script_data"] = builder_script_data(kb, language, translate)
        return {
            "tree": tree,
            "tree_page": lambda question_id: tree_page(kb.tree, question_id),
            "language": language,
            "languages": kb.languages,
            "t": translate,
            "categories": categories,
            "causes": causes,
            "faq_groups": [(category, group) for category, group in faq_groups if group],
            "solutions": {sid: localize("solution", e.data, sid) for sid, e in kb.solutions.items()},
            "faqs": faqs,
            "checklists": {cid: localize("checklist", e.data, cid) for cid, e in kb.checklists.items()},
            "support": support,
            "translation_status": lambda kind, entry_id: self.translation_status(kind, entry_id, language),
            "agent_language": kb.site.agent_language,
            # site-data/allowed-domains.yml: the About page lists them (home-linked-domains.md.j2).
            "allowed_domains": kb.allowed_domains,
        }

    def _translator(self, language: str):
        strings = self.kb.ui[language]
        typography = self.kb.site.language(language).typography

        def t(key: str, **values) -> str:
            if key not in strings:
                raise UnknownInterfaceKey(f"interface key `{key}` is not in site-data/ui/{language}.yml")
            return no_break_spaces(strings[key].format_map(values) if values else strings[key], typography)
        return t


def tree_page(tree, question_id: str) -> str:
    """The source path of a question page, relative to troubleshoot/ (the start question is its index)."""
    return "index.md" if question_id == tree.start else f"{question_id}.md"


def link_target(url: str) -> Markup:
    """A validated https address, percent-encoded where Markdown or HTML would read it as syntax."""
    return Markup(quote(url, safe=":/?#[]@!$&'*+,;=%-._~"))


def one_line(text: str) -> str:
    """Markdown (or plain) text on a single line, for places where a blank line would end an HTML block."""
    # Breakable whitespace only: no-break spaces (French typography) stay.
    joined = re.sub(r"[ \t\r\n\f\v]+", " ", str(text)).strip()
    return Markup(joined) if isinstance(text, Markup) else joined


def _set(data, path: tuple, value) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value
