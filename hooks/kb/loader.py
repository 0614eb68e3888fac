"""Load site-data/ into a KnowledgeBase, or raise KnowledgeBaseError listing every problem.

Nothing is rendered or written until this succeeds, so a mistake in the YAML can
never produce a half-built site.
"""
from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from .fields import iter_text_fields, text_field_formats
from .links import LinkPolicy, markdown_findings, url_findings
from .model import Entry, KnowledgeBase
from .problems import KnowledgeBaseError, Problem, format_key
from .qa import check_translation_quality
from .references import check_references, check_ui_parity
from .schema import Schemas
from .site import Site, language_drift_problems, load_site
from .support_request import check_support_request
from .draft import fill_missing_translations
from .translations import is_placeholder
from .tree import Tree, check_tree
from .search.vocabulary import load_search_vocabulary
from .yamlsource import ParsedYaml, parse_yaml

ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

# Shown path of a file -> (what its reading depends on, what reading gave): see _Collector.read.
_READS: dict[str, tuple] = {}


class _Collector:
    """Parses and schema-checks files of one site-data folder, collecting problems."""

    def __init__(self, data_dir: Path, site: Site, draft: bool = False):
        self.data_dir = data_dir
        self.site = site
        self.draft = draft
        # Kinds whose translations may fall back to the source language in draft mode:
        # the same files translation status tracks (site.yml's translated kinds).
        self.draftable = set(site.translated_kinds) - {"ui"}
        # Draft mode: entry path -> (key path, language) of each text that fell back to English,
        # and the data as written before that.
        self.fallbacks: dict[str, list[tuple]] = {}
        self.draft_sources: dict[str, object] = {}
        self.schemas = Schemas(data_dir / "schema", site)
        self.problems: list[Problem] = []
        self.files: dict[str, ParsedYaml] = {}

    def display_path(self, path: Path) -> str:
        return path.relative_to(self.data_dir.parent).as_posix()

    def read(self, path: Path, kind: str) -> tuple[ParsedYaml, bool]:
        """Parse and schema-check one file; the flag says whether it is sound.

        What a file gives is a function of its text, its kind, the schemas and the
        draft setting, so it is kept across loads: a process that loads the data again
        after an edit (mkdocs serve, after every save) parses and checks only the files
        that changed. Each load gets its own copy of the values, so that what one
        knowledge base's user changes in them cannot reach the next load.
        """
        text = path.read_text(encoding="utf-8")
        shown = self.display_path(path)
        key = (kind, text, self.draft, self.schemas.digest)
        kept = _READS.get(shown)
        if kept is None or kept[0] != key:
            kept = _READS[shown] = (key, self._read(text, shown, kind))
        parsed, problems, sound, fallbacks, draft_source = kept[1]
        parsed = dataclasses.replace(parsed, value=_copy(parsed.value))
        self.files[parsed.path] = parsed
        self.problems += problems
        if fallbacks:
            self.fallbacks[parsed.path] = fallbacks
            self.draft_sources[parsed.path] = draft_source
        return parsed, sound

    def _read(self, text: str, shown: str, kind: str) -> tuple:
        """(parsed file, its problems, whether it is sound, draft fallbacks, the value as written)."""
        parsed = parse_yaml(text, shown)
        if parsed.problems:
            return parsed, list(parsed.problems), False, None, None
        fallbacks, original = None, None
        if self.draft and kind in self.draftable and isinstance(parsed.value, dict):
            original = parsed.value
            parsed.value, fallbacks = fill_missing_translations(
                original, text_field_formats(self.schemas, kind), self.schemas.languages, self.site.source_language)
        schema_problems = self.schemas.check(kind, parsed)
        return parsed, schema_problems, not schema_problems, fallbacks, original

    def check_texts(self, parsed: ParsedYaml, kind: str, policy: LinkPolicy | None) -> None:
        if policy is None:
            return
        for key_path, fmt, texts in iter_text_fields(parsed.value, text_field_formats(self.schemas, kind)):
            for language, text in texts.items():
                if not isinstance(text, str):
                    continue
                at = key_path + (language,)
                found = url_findings(text, policy)
                if is_placeholder(text):
                    found.append(("the text is still a TODO placeholder",
                                  "write the real text" + ("" if language == self.site.source_language else
                                                           " (or build in draft mode to fall back to "
                                                           f"{self.site.name_of(self.site.source_language)})"), ""))
                if fmt == "markdown":
                    found += markdown_findings(text, policy)
                # A text over several lines: the line of the offending part, not of the key.
                self.problems += [Problem(parsed.path, parsed.line_in(at, text, part), format_key(at), message, fix)
                                  for message, fix, part in found]
        for at, url in _addresses(parsed.value, ()):
            reason = policy.problem_with(url)
            if reason:
                self.problems.append(Problem(
                    parsed.path, parsed.line_of(at), format_key(at), reason,
                    f"link only to official sites ({policy.allowed_list}); add a domain to "
                    "site-data/allowed-domains.yml only if it is official"))


def _copy(value):
    """A copy of YAML values (mappings, lists, scalars), several times faster than copy.deepcopy."""
    if isinstance(value, dict):
        return {key: _copy(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_copy(item) for item in value]
    return value


def _addresses(value, key_path: tuple):
    """(key path, address) for every `url:` value, however deep (sources, support channels)."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "url" and isinstance(item, str):
                yield key_path + (key,), item
            else:
                yield from _addresses(item, key_path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _addresses(item, key_path + (index,))


def load_knowledge_base(data_dir: Path, draft: bool = False) -> KnowledgeBase:
    """Load and check site-data/. With draft=True, missing translations fall back to the source language."""
    data_dir = Path(data_dir).resolve()
    site = load_site(data_dir)
    collector = _Collector(data_dir, site, draft)
    languages = site.codes
    # A schema whose languages are not site.yml's would reject every file: say so once instead.
    drift = language_drift_problems(data_dir, site, collector.schemas.schema_languages)
    if drift:
        raise KnowledgeBaseError(drift)
    files = site.files

    policy = None
    domains_file = data_dir / files["allowed-domains"].file
    allowed = {"domains": [], "paths": []}
    if domains_file.exists():
        parsed, sound = collector.read(domains_file, "allowed-domains")
        if sound:
            allowed = parsed.value
            policy = LinkPolicy(allowed["domains"], allowed["paths"])
    else:
        collector.problems.append(Problem(collector.display_path(domains_file), 1, "", "the file is missing",
                                          "restore it: it lists the official domains links may use"))

    categories: list[dict] = []
    category_lines: dict[str, int] = {}
    categories_file = data_dir / files["categories"].file
    if categories_file.exists():
        parsed, sound = collector.read(categories_file, "categories")
        collector.check_texts(parsed, "categories", policy)
        if sound:
            categories = parsed.value["categories"]
            category_lines = {c["id"]: parsed.line_of(("categories", i)) for i, c in enumerate(categories)}
    else:
        collector.problems.append(Problem(collector.display_path(categories_file), 1, "", "the file is missing",
                                          "restore it: causes are grouped by its categories"))

    entries: dict[str, dict[str, Entry]] = {}
    for kind, declared in site.kinds.items():
        entries[kind] = {}
        for path in sorted((data_dir / declared.folder).glob("*")):
            if path.name.startswith(".") or path.is_dir():
                continue
            shown = collector.display_path(path)
            if path.suffix != ".yml":
                collector.problems.append(Problem(shown, 1, "", "only .yml files belong in this folder",
                                                  f"rename it to {path.stem}.yml or move it elsewhere"))
                continue
            if not ID_PATTERN.match(path.stem):
                collector.problems.append(Problem(shown, 1, "", f"`{path.stem}` is not a valid id for a file name",
                                                  "use lower-case letters, digits and single hyphens, such as kyc-doc-expired.yml"))
                continue
            parsed, sound = collector.read(path, kind)
            entry = Entry(kind, path.stem, parsed)
            entries[kind][entry.id] = entry
            if sound:
                collector.check_texts(parsed, kind, policy)

    ui: dict[str, dict[str, str]] = {}
    ui_files: dict[str, ParsedYaml] = {}
    ui_dir = data_dir / files["ui"].folder
    for language in languages:
        path = ui_dir / f"{language}.yml"
        if not path.exists():
            collector.problems.append(Problem(collector.display_path(path), 1, "", "the interface strings file is missing",
                                              f"copy {collector.display_path(ui_dir / (site.source_language + '.yml'))} "
                                              "and translate every value"))
            continue
        parsed, sound = collector.read(path, "ui")
        if sound:
            ui[language], ui_files[language] = parsed.value, parsed
    for path in sorted(ui_dir.glob("*")):
        if path.stem not in languages or path.suffix != ".yml":
            collector.problems.append(Problem(collector.display_path(path), 1, "", "this is not one of the site's languages",
                                              f"interface files are named {', '.join(l + '.yml' for l in languages)}"))

    tree_source = None
    tree_file = data_dir / files["tree"].file
    if tree_file.exists():
        parsed, sound = collector.read(tree_file, "tree")
        if sound:
            collector.check_texts(parsed, "tree", policy)
            tree_source = parsed
    else:
        shown = collector.display_path(tree_file)
        collector.problems.append(Problem(shown, 1, "", "the decision tree file is missing",
                                          f"restore {shown}: the troubleshooter is built from it"))

    support_request: dict = {}
    support_file = data_dir / files["support-request"].file
    if support_file.exists():
        parsed, sound = collector.read(support_file, "support-request")
        if sound:
            collector.check_texts(parsed, "support-request", policy)
            collector.problems += check_support_request(parsed, policy)
            support_request = parsed.value
    else:
        shown = collector.display_path(support_file)
        collector.problems.append(Problem(shown, 1, "", "the support-request file is missing",
                                          f"restore {shown}: the support-request builder page is built from it"))

    # Optional: a knowledge base whose translation checks need no exemption declares none.
    if "qa-exemptions" in files:
        exemptions_file = data_dir / files["qa-exemptions"].file
        if exemptions_file.exists():
            collector.read(exemptions_file, "qa-exemptions")
        else:
            shown = collector.display_path(exemptions_file)
            collector.problems.append(Problem(shown, 1, "", "the file is missing",
                                              f"restore {shown} (the exemptions from the translation checks), or "
                                              f"remove `qa-exemptions` from `files:` of {data_dir.name}/site.yml"))

    kb = KnowledgeBase(
        site=site, languages=languages, categories=categories,
        causes=entries["cause"], solutions=entries["solution"], faqs=entries["faq"], checklists=entries["checklist"],
        ui=ui, allowed_domains=allowed, files=collector.files, support_request=support_request,
        draft_fallbacks=collector.fallbacks, draft_sources=collector.draft_sources)

    # Cross-file checks assume every file has the right shape, so they run once
    # each file is sound; otherwise they would mostly repeat the same mistakes.
    if not collector.problems:
        collector.problems += check_references(kb, category_lines, collector.display_path(categories_file))
        collector.problems += check_tree(tree_source, set(kb.causes))
    if not collector.problems:
        kb.tree = Tree(tree_source.value)
        # Reader words, synonyms and safety rules name pages by id, so they are read once entries are sound.
        kb.search_vocabulary, found = load_search_vocabulary(data_dir, kb, collector.read)
        collector.problems += found
    if not collector.problems:
        # Terminology, parity with the English and typography (kb/qa): texts compared across languages.
        collector.problems += check_translation_quality(kb, collector.schemas, data_dir, warnings=kb.warnings)
    if len(ui) == len(languages):
        collector.problems += check_ui_parity(kb, ui_files)
    if collector.problems:
        raise KnowledgeBaseError(collector.problems)
    return kb
