"""The declaration of the site: site-data/site.yml, read into frozen dataclasses.

site.yml is the one place that names the languages, the kinds of entries and
the single-file data. Before it, the six languages were written out in about
fifteen places and the kinds in seven constants, and two of those lists had
already drifted apart (translation status skipped the tree, the categories, the
support request and the interface strings). Everything now iterates a Site.

Three files must still agree with it and cannot read it themselves; they are
generated or checked, never kept in step by hand:
- the language blocks of schema/defs.schema.json, which editors' YAML servers
  read statically: `kb schema` writes them (language_blocks below)
  and the loader reports a file that is out of date;
- the i18n languages of mkdocs.yml: the MkDocs adapter compares them with
  engine_language_problems() before building;
- the search page weights, which the search indexer can take from search_rules().
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from .problems import KnowledgeBaseError, Problem, format_key
from .yamlsource import parse_yaml

SITE_FILE = "site.yml"
DEFS_FILE = "defs.schema.json"
# The definitions of defs.schema.json whose language keys come from site.yml.
TEXT_DEFINITIONS = {
    "text": "Plain text in every language of the site ({codes}). Shown exactly as written: Markdown and HTML are not interpreted.",
    "markdown": ("Markdown in every language of the site ({codes}): **bold**, *italic*, lists and links are allowed; "
                 "raw HTML is not. Links must be https links to an allowed official domain (site-data/allowed-domains.yml)."),
}
SCHEMA_COMMAND = "kb schema"


@dataclass(frozen=True)
class LengthRatio:
    """How long a translation usually is, as a ratio to the source text: outside it, `kb validate` warns."""

    min: float
    max: float


@dataclass(frozen=True)
class Language:
    """A language of the site and the rules its texts are checked and typeset by (site.yml says why)."""

    code: str
    name: str      # in English, for messages to editors
    native: str    # in itself, for the language switcher
    note: str = ""
    # The writing system: "cjk" texts write full-width punctuation (。？（）), compared as its ASCII twin.
    script: str = "latin"
    # The typography rule set of kb/qa/typography.py ("french", "full-width"), or None for none.
    typography: str | None = None
    # List items are often noun phrases with no full stop: a text ending in one need not end as the source does.
    list_items_may_be_fragments: bool = False
    # Words that may stand twice in a row in correct text (« vous vous connectez »).
    words_allowed_twice: frozenset[str] = frozenset()
    # The usual length of a translation relative to the source text; None: never compared.
    length_ratio: LengthRatio | None = None
    # Function words left out of the search index and of queries.
    stop_words: frozenset[str] = frozenset()


@dataclass(frozen=True)
class IndexPage:
    page: str
    template: str
    search_weight: float


@dataclass(frozen=True)
class Kind:
    """A kind of entry stored one file per entry in site-data/<folder>/<id>.yml."""

    name: str
    folder: str
    page: str | None = None
    template: str | None = None
    search_weight: float | None = None
    search_split_level: int | None = None
    index: IndexPage | None = None

    @property
    def one_page_per_entry(self) -> bool:
        return self.page is not None and "{id}" in self.page

    def page_of(self, entry_id: str) -> str:
        return self.page.replace("{id}", entry_id)


@dataclass(frozen=True)
class DataFile:
    """Data held in one file (or, for `folder`, one file per language)."""

    name: str
    file: str | None
    folder: str | None
    translated: bool
    page: str | None = None
    template: str | None = None
    search_weight: float | None = None
    # A page that is a folder: the weight of the pages below its first one.
    subpage_search_weight: float | None = None


@dataclass(frozen=True)
class Site:
    languages: tuple[Language, ...]
    default_language: str
    source_language: str
    agent_language: str
    kinds: dict[str, Kind] = field(default_factory=dict)
    files: dict[str, DataFile] = field(default_factory=dict)
    home_search_weight: float = 0.4
    content_search_weight: float = 0.6
    # Translations are compared in length (Language.length_ratio) only where the source text
    # has at least this many characters of prose.
    length_check_min_characters: int = 0

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(language.code for language in self.languages)

    @property
    def translation_languages(self) -> tuple[str, ...]:
        """Every language but the source language: the ones translated from it."""
        return tuple(code for code in self.codes if code != self.source_language)

    def language(self, code: str) -> Language:
        return next(language for language in self.languages if language.code == code)

    def name_of(self, code: str) -> str:
        """The English name of a language, or its code if the site does not have it."""
        return next((language.name for language in self.languages if language.code == code), code)

    @property
    def translated_kinds(self) -> tuple[str, ...]:
        """Every schema kind whose files hold texts in every language: entries and translated single files."""
        return tuple(self.kinds) + tuple(name for name, data in self.files.items() if data.translated)

    def folder_of(self, kind: str) -> str:
        return self.kinds[kind].folder

    def kind_of_folder(self, folder: str) -> str | None:
        return next((kind.name for kind in self.kinds.values() if kind.folder == folder), None)

    def search_rules(self) -> list[tuple[str, float, int | None]]:
        """(pattern, weight, split level) for the site search, first match wins.

        Patterns match a page's path below its language's root in directory form
        ("causes/kyc-doc-expired/", "faq/", "" for the home page), the form of the
        search indexer's PageRule; 404/ is never a result.
        """
        rules: list[tuple[str, float, int | None]] = [(r"404/", 0.0, None)]
        later: list[tuple[str, float, int | None]] = []
        for kind in self.kinds.values():
            if kind.page is not None:
                rules.append((_directory_pattern(kind.page), kind.search_weight, kind.search_split_level))
            if kind.index is not None:
                later.append((_directory_pattern(kind.index.page), kind.index.search_weight, None))
        for data in self.files.values():
            if data.page is None:
                continue
            if data.page.endswith("/"):
                rules.append((re.escape(data.page), data.search_weight, None))
                rules.append((re.escape(data.page) + ".+", data.subpage_search_weight
                              if data.subpage_search_weight is not None else data.search_weight, None))
            else:
                rules.append((_directory_pattern(data.page), data.search_weight, None))
        return rules + later + [(r"", self.home_search_weight, None), (r".*", self.content_search_weight, None)]


def _directory_pattern(page: str) -> str:
    """causes/{id}.md -> causes/[^/]+/ ; faq.md -> faq/ ; causes/index.md -> causes/"""
    stem = page[: -len(".md")] if page.endswith(".md") else page
    if stem == "index" or stem.endswith("/index"):
        stem = stem[: -len("index")].rstrip("/")
    parts = [r"[^/]+" if part == "{id}" else re.escape(part) for part in stem.split("/") if part]
    return "".join(part + "/" for part in parts)


def language_from_data(item: dict) -> Language:
    ratio = item.get("length_ratio")
    return Language(item["code"], item["name"], item["native"], item.get("note", ""),
                    script=item.get("script", "latin"), typography=item.get("typography"),
                    list_items_may_be_fragments=item.get("list_items_may_be_fragments", False),
                    words_allowed_twice=frozenset(item.get("words_allowed_twice", ())),
                    length_ratio=LengthRatio(ratio["min"], ratio["max"]) if ratio else None,
                    stop_words=frozenset(item.get("stop_words", "").split()))


def site_from_data(data: dict) -> Site:
    return Site(
        languages=tuple(language_from_data(item) for item in data["languages"]),
        default_language=data["default_language"],
        source_language=data["source_language"],
        agent_language=data["agent_language"],
        kinds={name: Kind(name, item["folder"], item.get("page"), item.get("template"), item.get("search_weight"),
                          item.get("search_split_level"),
                          IndexPage(**item["index"]) if "index" in item else None)
               for name, item in data["kinds"].items()},
        files={name: DataFile(name, item.get("file"), item.get("folder"), item["translated"], item.get("page"),
                              item.get("template"), item.get("search_weight"), item.get("subpage_search_weight"))
               for name, item in data["files"].items()},
        home_search_weight=data["content_pages"]["home_search_weight"],
        content_search_weight=data["content_pages"]["search_weight"],
        length_check_min_characters=data["length_check_min_characters"],
    )


# The Site used to check site.yml itself: its messages name no language yet.
_BOOTSTRAP = Site(languages=(), default_language="", source_language="", agent_language="")
_loaded: dict[Path, tuple[tuple, Site]] = {}


def load_site(data_dir: Path) -> Site:
    """site-data/site.yml as a Site; raises KnowledgeBaseError listing every problem with it."""
    from .schema import Schemas

    path = Path(data_dir).resolve() / SITE_FILE
    shown = f"{Path(data_dir).resolve().name}/{SITE_FILE}"
    if not path.exists():
        raise KnowledgeBaseError([Problem(shown, 1, "", "the file is missing",
                                          "restore it: it names the site's languages, kinds of entries and files")])
    # Read once per edit: Schemas() and the loader both ask for it.
    stamp = (path.stat().st_mtime_ns, path.stat().st_size)
    cached = _loaded.get(path)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    parsed = parse_yaml(path.read_text(encoding="utf-8"), shown)
    problems = list(parsed.problems)
    schema = path.parent / "schema" / "site.schema.json"
    if not schema.exists():
        problems.append(Problem(f"{Path(data_dir).resolve().name}/schema/site.schema.json", 1, "", "the file is missing",
                                "restore it: site.yml is checked against it"))
    if not problems:
        problems += Schemas(path.parent / "schema", site=_BOOTSTRAP).check("site", parsed)
    if problems:
        raise KnowledgeBaseError(problems)
    data = parsed.value
    codes = [item["code"] for item in data["languages"]]
    for index, code in enumerate(codes):
        if code in codes[:index]:
            problems.append(Problem(shown, parsed.line_of(("languages", index, "code")), f"languages[{index}].code",
                                    f"the language `{code}` is listed twice", "list each language once"))
    for key in ("default_language", "source_language", "agent_language"):
        if data[key] not in codes:
            problems.append(Problem(shown, parsed.line_of((key,)), key, f"`{data[key]}` is not one of the site's languages",
                                    f"use one of: {', '.join(codes)}, or add it under languages:"))
    problems += _language_rule_problems(data, parsed, shown)
    if problems:
        raise KnowledgeBaseError(problems)
    site = site_from_data(data)
    _loaded[path] = (stamp, site)
    return site


def _language_rule_problems(data: dict, parsed, shown: str) -> list[Problem]:
    """What the schema cannot say of a language's rules: a length range that is empty, stop words
    the search would never meet (it compares words as its normaliser leaves them)."""
    from .search.text import normalize, terms

    problems = []
    for index, item in enumerate(data["languages"]):
        ratio = item.get("length_ratio")
        if ratio and ratio["min"] > ratio["max"]:
            at = ("languages", index, "length_ratio")
            problems.append(Problem(shown, parsed.line_of(at), format_key(at),
                                    f"`min` ({ratio['min']}) is more than `max` ({ratio['max']}), so every "
                                    f"translation would be of outlying length",
                                    "give the shortest usual ratio as `min` and the longest as `max`"))
        unlike = [word for word in item.get("stop_words", "").split() if normalize(word) != word or terms(word) != [word]]
        if unlike:
            at = ("languages", index, "stop_words")
            problems.append(Problem(shown, parsed.line_of(at), format_key(at),
                                    f"the search never meets {', '.join(f'`{w}`' for w in unlike)} as written: "
                                    "it compares single words, in lower case and without accents",
                                    "write each stop word as one word in lower case without accents (é as e)"))
    return problems


# -- the language blocks of defs.schema.json -------------------------------------

def language_description(site: Site, language: Language) -> str:
    source = " (the source language)" if language.code == site.source_language else ""
    return f"{language.name}{source}{f' ({language.note})' if language.note else ''}."


def language_blocks(site: Site, defs: dict) -> dict:
    """defs.schema.json with its text and markdown definitions keyed by the site's languages."""
    updated = json.loads(json.dumps(defs))
    codes = ", ".join(site.codes)
    for name, description in TEXT_DEFINITIONS.items():
        block = updated["$defs"][name]
        block["description"] = description.format(codes=codes)
        block["properties"] = {language.code: {"$ref": "#/$defs/one_language_text",
                                               "description": language_description(site, language)}
                               for language in site.languages}
        block["required"] = list(site.codes)
    return updated


def _render_json(value, indent: int) -> str:
    """Two-space indents, with objects and lists of scalars on one line: the schemas' hand-written style."""
    flat = json.dumps(value, ensure_ascii=False)
    items = value.values() if isinstance(value, dict) else value if isinstance(value, list) else None
    if items is None or all(not isinstance(v, (dict, list)) for v in items):
        return flat
    pad, inner = " " * indent, " " * (indent + 2)
    if isinstance(value, list):
        return "[\n" + ",\n".join(inner + _render_json(v, indent + 2) for v in value) + "\n" + pad + "]"
    return "{\n" + ",\n".join(f"{inner}{json.dumps(k, ensure_ascii=False)}: {_render_json(v, indent + 2)}"
                              for k, v in value.items()) + "\n" + pad + "}"


def _block_span(text: str, name: str) -> tuple[int, int]:
    """Where the value of the $defs entry `name` starts and ends in the file's text."""
    match = re.search(r'^    "' + re.escape(name) + r'": \{', text, re.MULTILINE)
    start = position = match.end() - 1
    depth, in_string = 0, False
    while True:
        char = text[position]
        if in_string:
            if char == "\\":
                position += 1
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return start, position + 1
        position += 1


def schema_drift(data_dir: Path, site: Site) -> str | None:
    """The text defs.schema.json should have, or None if its language blocks are already site.yml's.

    Only the text and markdown blocks are rewritten; the rest of the file stays as written by hand.
    """
    path = Path(data_dir) / "schema" / DEFS_FILE
    text = path.read_text(encoding="utf-8")
    current = json.loads(text)
    expected = language_blocks(site, current)
    if expected == current:
        return None
    for name in TEXT_DEFINITIONS:
        start, end = _block_span(text, name)
        text = text[:start] + _render_json(expected["$defs"][name], 4) + text[end:]
    return text


def write_language_blocks(data_dir: Path) -> bool:
    """Rewrite the language blocks of defs.schema.json from site.yml; returns whether the file changed."""
    site = load_site(data_dir)
    expected = schema_drift(data_dir, site)
    if expected is None:
        return False
    (Path(data_dir) / "schema" / DEFS_FILE).write_text(expected, encoding="utf-8")
    return True


def language_drift_problems(data_dir: Path, site: Site, schema_languages: tuple) -> list[Problem]:
    """A problem when defs.schema.json's languages are not site.yml's (someone edited one without the other)."""
    if tuple(schema_languages) == site.codes:
        return []
    return [Problem(f"{Path(data_dir).name}/schema/{DEFS_FILE}", 1, "$defs.text.required",
                    f"the languages of the schema ({', '.join(schema_languages)}) are not those of "
                    f"{Path(data_dir).name}/{SITE_FILE} ({', '.join(site.codes)})",
                    f"run `{SCHEMA_COMMAND}` to rewrite them from {SITE_FILE}")]


# -- the engine's languages --------------------------------------------------------

def engine_language_problems(site: Site, engine_languages: list[tuple[str, str, bool]], config_file: str,
                             data_dir_name: str = "site-data", check_default: bool = True) -> list[str]:
    """Differences between site.yml's languages and the engine's (locale, name, is default) list, as lines.

    check_default=False when the engine builds one language only and so calls that one the default.
    """
    expected = [(language.code, language.native, language.code == site.default_language) for language in site.languages]
    compared = (list(engine_languages) if check_default
                else [(code, name, default) for (code, name, _), (_, _, default) in zip(engine_languages, expected)])
    if compared == expected and len(engine_languages) == len(expected):
        return []
    have = ", ".join(f"{code}{' (default)' if default else ''}" for code, _, default in engine_languages) or "none"
    want = ", ".join(f"{code}{' (default)' if default else ''}" for code, _, default in expected)
    lines = [f"the i18n languages of {config_file} ({have}) are not those of {data_dir_name}/{SITE_FILE} ({want}). "
             f"Make the `languages:` of the i18n plugin in {config_file} list, in this order:"]
    for code, native, default in expected:
        lines.append(f"  - locale: {code}\n    name: {native}\n" + ("    default: true\n" if default else "")
                     + "    build: true")
    by_code = {code: (name, default) for code, name, default in engine_languages}
    for code, native, default in expected:
        if code in by_code and by_code[code][0] != native:
            lines.append(f"(`{code}` is named `{by_code[code][0]}` there and `{native}` in {SITE_FILE}.)")
    return lines
