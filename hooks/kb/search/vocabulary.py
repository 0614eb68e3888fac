"""What search knows beyond the words on the pages: reader words, synonyms and safety rules.

Three sources in site-data/ feed it, all kept by editors:
- termbase.yml: concepts with, per language, the terms our pages use and the
  words readers type. A concept with `pages` sends its words to those pages; a
  concept without pages makes its reader words synonyms of its preferred terms;
- `reader_words` of each cause: words that find that cause page;
- search-rules.yml: query rules ("safety first") naming termbase concepts as
  their signals and the pages that lead the results when they fire.

Everything is resolved here into plain data keyed by language and by page key
(the page's path in directory form inside its language, plus `#anchor` for an
entry of a page that holds many: "causes/kyc-doc-expired/", "faq/#some-question").
The index builder (index.py) turns it into index fields and manifest entries.
Nothing here imports MkDocs.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from ..problems import Problem, format_key
from .text import runs

TERMBASE_FILE = "termbase.yml"
RULES_FILE = "search-rules.yml"
# Keys of a termbase concept that are not languages.
CONCEPT_KEYS = ("note", "pages", "ignore_in_queries")


@dataclass(frozen=True)
class SearchRule:
    """A query rule: when every condition holds, `first` pages lead the results.

    Each condition is, per language, the list of words (phrases) of which the
    query must contain at least one.
    """

    id: str
    conditions: tuple[dict[str, tuple[str, ...]], ...]
    first: tuple[str, ...]   # page keys


@dataclass
class SearchVocabulary:
    # language → page key → words added to that page's "keywords" field
    page_words: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    # language → [(preferred terms, reader words)] for concepts without pages
    synonyms: dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]] = field(default_factory=dict)
    # language → words dropped from queries
    ignored: dict[str, list[str]] = field(default_factory=dict)
    rules: list[SearchRule] = field(default_factory=list)

    @property
    def safety_pages(self) -> list[str]:
        """Every page some rule puts first: the site's safety pages, in rule order."""
        found: list[str] = []
        for rule in self.rules:
            found += [key for key in rule.first if key not in found]
        return found


def page_key(kind, entry_id: str) -> str:
    """The page key of an entry, from its kind's `page` in site.yml.

    causes/{id}.md → "causes/<id>/"; an entry on a shared page (faq.md) → "faq/#<id>".
    """
    page = kind.page_of(entry_id) if kind.one_page_per_entry else kind.page
    pure = PurePosixPath(page)
    parts = list(pure.parent.parts) if str(pure.parent) != "." else []
    if pure.stem != "index":
        parts.append(pure.stem)
    key = "".join(f"{part}/" for part in parts)
    return key if kind.one_page_per_entry else f"{key}#{entry_id}"


def normalized_phrase(words: str) -> str:
    """A word or phrase as queries are compared with it: normalised runs joined by one space."""
    return " ".join(run.text for run in runs(words))


class _Reader:
    """Reads and checks the two files, collecting problems with file, line and key."""

    def __init__(self, kb, read):
        self.kb = kb
        self.read = read          # (path, kind) → (ParsedYaml, sound), the loader's reader
        self.problems: list[Problem] = []
        self.languages = set(kb.languages)
        # The kinds whose entries have pages (solutions are shown inside causes).
        self.page_kinds = {name: kind for name, kind in kb.site.kinds.items() if kind.page}

    def problem(self, parsed, at: tuple, message: str, fix: str) -> None:
        self.problems.append(Problem(parsed.path, parsed.line_of(at), format_key(at), message, fix))

    def resolve_page(self, parsed, at: tuple, ref: str) -> str | None:
        """kind/id → page key, or a problem naming what exists."""
        kind_name, _, entry_id = ref.partition("/")
        kinds = self.page_kinds
        if kind_name not in kinds:
            self.problem(parsed, at, f"`{kind_name}` is not a kind of page",
                         f"write kind/id with one of: {', '.join(sorted(kinds))}")
            return None
        if entry_id not in self.kb.entries(kind_name):
            folder = kinds[kind_name].folder
            self.problem(parsed, at, f"refers to unknown {kind_name} `{entry_id}`",
                         f"correct the id (a file in site-data/{folder}/) or remove it")
            return None
        return page_key(kinds[kind_name], entry_id)


def load_search_vocabulary(data_dir: Path, kb, read) -> tuple[SearchVocabulary, list[Problem]]:
    """The search vocabulary of a loaded knowledge base, and the problems found.

    `read` is the loader's file reader (parse and schema check). Missing files
    are allowed: a knowledge base without a termbase searches its page words only.
    """
    reader = _Reader(kb, read)
    vocabulary = SearchVocabulary()
    for language in kb.languages:
        vocabulary.page_words[language] = {}
        vocabulary.synonyms[language] = []
        vocabulary.ignored[language] = []

    def add_page_words(language: str, key: str, words) -> None:
        vocabulary.page_words[language].setdefault(key, []).extend(words)

    concepts: dict[str, dict] = {}
    termbase = Path(data_dir) / TERMBASE_FILE
    if termbase.exists():
        parsed, sound = read(termbase, "termbase")
        if sound:
            concepts = parsed.value["concepts"]
            for concept_id, concept in concepts.items():
                keys = [reader.resolve_page(parsed, ("concepts", concept_id, "pages", i), ref)
                        for i, ref in enumerate(concept.get("pages", []))]
                for language, words in concept.items():
                    if language in CONCEPT_KEYS:
                        continue
                    if language not in reader.languages:
                        reader.problem(parsed, ("concepts", concept_id, language),
                                       f"`{language}` is not one of the site's languages",
                                       f"use one of: {', '.join(kb.languages)}")
                        continue
                    said = tuple(words.get("preferred", [])) + tuple(words.get("reader", []))
                    if concept.get("ignore_in_queries"):
                        vocabulary.ignored[language] += [normalized_phrase(w) for w in said]
                    elif concept.get("pages"):
                        for key in filter(None, keys):
                            add_page_words(language, key, said)
                    elif words.get("preferred") and words.get("reader"):
                        vocabulary.synonyms[language].append((tuple(words["preferred"]), tuple(words["reader"])))

    for cause_id, cause in kb.causes.items():
        words = cause.get("reader_words") or {}
        for language, listed in words.items():
            if language not in reader.languages:
                reader.problem(cause.source, ("reader_words", language),
                               f"`{language}` is not one of the site's languages",
                               f"use one of: {', '.join(kb.languages)}")
                continue
            add_page_words(language, page_key(kb.site.kinds["cause"], cause_id), listed)

    rules_file = Path(data_dir) / RULES_FILE
    if rules_file.exists():
        parsed, sound = read(rules_file, "search-rules")
        if sound:
            vocabulary.rules = _rules(parsed, concepts, reader, kb.languages)
    return vocabulary, reader.problems


def _rules(parsed, concepts: dict, reader: _Reader, languages) -> list[SearchRule]:
    rules = []
    known = ", ".join(sorted(concepts)[:12]) + (", …" if len(concepts) > 12 else "") if concepts else "none yet"
    for index, rule in enumerate(parsed.value["rules"]):
        if not rule.get("when_all") and not rule.get("when_any"):
            reader.problem(parsed, ("rules", index), "the rule has no condition, so it would fire on every query",
                           "add `when_all:` or `when_any:` with the termbase concepts that make it fire")
            continue
        conditions = []
        # when_all: one condition per concept; when_any: one condition for all its concepts.
        groups = [("when_all", position, [concept]) for position, concept in enumerate(rule.get("when_all", []))]
        if rule.get("when_any"):
            groups.append(("when_any", None, list(rule["when_any"])))
        for group_key, position, group in groups:
            words: dict[str, list[str]] = {language: [] for language in languages}
            for offset, concept_id in enumerate(group):
                if concept_id not in concepts:
                    at = ("rules", index, group_key, offset if position is None else position)
                    reader.problem(parsed, at, f"refers to unknown concept `{concept_id}`",
                                   f"add it to site-data/{TERMBASE_FILE} or correct the id; known concepts: {known}")
                    continue
                for language in languages:
                    said = concepts[concept_id].get(language) or {}
                    words[language] += [normalized_phrase(w) for w in
                                        said.get("preferred", []) + said.get("reader", [])]
            conditions.append({language: tuple(dict.fromkeys(w for w in ws if w)) for language, ws in words.items()})
        first = [reader.resolve_page(parsed, ("rules", index, "first", i), ref) for i, ref in enumerate(rule["first"])]
        rules.append(SearchRule(rule["id"], tuple(conditions), tuple(k for k in first if k)))
    return rules


def matches_preferred(text: str, preferred: tuple[str, ...]) -> bool:
    """Whether normalised page text uses one of the preferred terms.

    Latin words compare by their first letters (at least five, all but the last
    two), so "rejected" also finds "rejection"; CJK terms are looked up inside the text.
    """
    text_runs = runs(text)
    words = [run.text for run in text_runs]
    cjk_text = "|".join(run.text for run in text_runs if run.cjk)
    for term in preferred:
        term_runs = runs(term)
        if not term_runs:
            continue
        if all(run.cjk for run in term_runs):
            if all(run.text in cjk_text for run in term_runs):
                return True
            continue
        stems = [_stem(run.text) for run in term_runs]
        for start in range(len(words) - len(stems) + 1):
            if all(words[start + i].startswith(stem) for i, stem in enumerate(stems)):
                return True
    return False


def _stem(word: str) -> str:
    return word if len(word) < 7 else word[:max(5, len(word) - 2)]


__all__ = ["SearchRule", "SearchVocabulary", "load_search_vocabulary", "matches_preferred",
           "normalized_phrase", "page_key"]
