"""Terminology: no text uses a variant the termbase forbids in its language.

site-data/termbase.yml gives, per concept and language, the `preferred` term(s)
our pages use and `forbidden` variants. A reader who meets 却下 on one line and
否認 on the next wonders whether these are two different outcomes, so one
concept must have one name in each language. Only `forbidden` is checked:
`reader` words are what people type into search, and many of them (declined,
否認, 거절) are exactly the variants our own pages must not use.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..translations import relative_file
from .texts import TextField

TERMBASE_FILE = "termbase.yml"
NOT_LANGUAGES = {"note", "pages", "ignore_in_queries"}
# Link targets and addresses are not prose: a forbidden word in a URL is not shown as text.
_LINK_TARGET = re.compile(r"\]\([^)]*\)|https?://\S+")
# Han, kana and Hangul: words are not separated by spaces, so a term matches inside longer text.
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")


@dataclass(frozen=True)
class Rule:
    concept: str
    forbidden: str
    preferred: tuple[str, ...]
    pattern: re.Pattern
    # Preferred terms of the language that contain the forbidden one (Binance Verify in a
    # language whose brand is 币安): an occurrence inside them is that term, not the variant.
    inside: tuple[re.Pattern, ...] = ()


def _fold(text: str) -> str:
    # Curly and straight apostrophes are the same letter to a reader (l’assistance, l'assistance).
    return text.replace("\u2019", "'")


def _pattern(term: str) -> re.Pattern:
    escaped = re.escape(_fold(term))
    if _CJK.search(term):
        return re.compile(escaped)
    # A Latin term is a whole word (or words): «support» must not match «supportez».
    return re.compile(rf"(?<!\w){escaped}(?!\w)", re.IGNORECASE)


def termbase_rules(kb) -> dict[str, list[Rule]]:
    """language -> its forbidden-term rules, from the termbase loaded with the knowledge base (if any)."""
    parsed = next((p for path, p in kb.files.items() if relative_file(path) == TERMBASE_FILE), None)
    rules: dict[str, list[Rule]] = {}
    if parsed is None or not isinstance(parsed.value, dict):
        return rules
    concepts = parsed.value.get("concepts") or {}
    preferred_in: dict[str, set[str]] = {}
    for concept in concepts.values():
        for language, words in concept.items():
            if language not in NOT_LANGUAGES and isinstance(words, dict):
                preferred_in.setdefault(language, set()).update(words.get("preferred", []))
    for concept_id, concept in concepts.items():
        for language, words in concept.items():
            if language in NOT_LANGUAGES or not isinstance(words, dict):
                continue
            preferred = tuple(words.get("preferred", []))
            for term in words.get("forbidden", []):
                pattern = _pattern(term)
                inside = tuple(_pattern(longer) for longer in sorted(preferred_in.get(language, ()))
                               if longer != term and pattern.search(_fold(longer)))
                rules.setdefault(language, []).append(Rule(concept_id, term, preferred, pattern, inside))
    return rules


def term_problems(field: TextField, rules: dict[str, list[Rule]]):
    for language, language_rules in rules.items():
        text = field.text(language)
        if not text:
            continue
        prose = _fold(_LINK_TARGET.sub(" ", text))
        for rule in language_rules:
            seen = prose
            for longer in rule.inside:
                seen = longer.sub(" ", seen)
            if rule.pattern.search(seen):
                preferred = " or ".join(f"«{term}»" for term in rule.preferred)
                yield field.problem(
                    language, f"«{rule.forbidden}» is a forbidden variant of the termbase concept `{rule.concept}`",
                    f"use {preferred}" if preferred else
                    f"reword it (site-data/termbase.yml names no preferred term for `{rule.concept}` in {language})")
