"""Turn text into search terms: the same rules as the browser client (overrides/assets/kb-search.js).

Both sides must cut text into exactly the same terms, so these rules are kept
deliberately small and are mirrored in `normalize`, `runs` and `terms` of the
client; tests/test_search_text.py runs both on the same strings and compares.

1. Normalise: NFKC (full-width Latin becomes ASCII, half-width katakana becomes
   full-width), then lower case.
2. Fold accents on Latin letters only ("verificación" → "verificacion"). Kana
   and Hangul are left alone: decomposing them would merge が with か or split a
   Hangul syllable into letters.
3. Split into runs: a *word* is letters and digits outside the CJK blocks; a
   *CJK run* is consecutive Chinese, Japanese or Korean characters. Chinese and
   Japanese are written without spaces and Korean attaches particles to words,
   so a CJK run is indexed as overlapping character pairs (bigrams) plus single
   characters: 证件过期 → 证件 件过 过期 + 证 件 过 期. A query typed without spaces
   then meets the same pairs as the page text.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Letters without a decomposition that readers type without their accent.
_LATIN_SPECIAL = {"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ł": "l", "ı": "i"}

# Code point ranges treated as CJK (keep in sync with CJK_RANGES in kb-search.js).
CJK_RANGES = (
    (0x1100, 0x11FF),    # Hangul Jamo
    (0x3005, 0x3007),    # 々 〆 〇
    (0x3040, 0x30FF),    # Hiragana, Katakana (with ー)
    (0x3130, 0x318F),    # Hangul compatibility Jamo
    (0x31F0, 0x31FF),    # Katakana phonetic extensions
    (0x3400, 0x4DBF),    # CJK Extension A
    (0x4E00, 0x9FFF),    # CJK Unified Ideographs
    (0xA960, 0xA97F),    # Hangul Jamo Extended-A
    (0xAC00, 0xD7AF),    # Hangul syllables
    (0xD7B0, 0xD7FF),    # Hangul Jamo Extended-B
    (0xF900, 0xFAFF),    # CJK compatibility ideographs
    (0x20000, 0x3FFFF),  # CJK Extensions B and later
)

# Shortest Latin word worth indexing; shorter words are mostly elisions (d', l').
MIN_WORD_LENGTH = 2

_CJK_CLASS = "".join(f"{chr(low)}-{chr(high)}" for low, high in CJK_RANGES)
_CJK = re.compile(f"[{_CJK_CLASS}]")
_CJK_RUN = re.compile(f"([{_CJK_CLASS}]+)")
# Letters and digits (\w without the underscore); CJK runs are split out below.
_WORD = re.compile(r"[^\W_]+")
_LATIN_ACCENTED = re.compile("[\u00c0-\u024f\u1e00-\u1eff]")
_NUMBER = re.compile(r"\d+")


def is_cjk(char: str) -> bool:
    return _CJK.match(char) is not None


def is_number(word: str) -> bool:
    """Digits only (a one-digit word is kept: "2" in "step 2")."""
    return _NUMBER.fullmatch(word) is not None


@lru_cache(maxsize=4096)
def _fold(char: str) -> str:
    if char in _LATIN_SPECIAL:
        return _LATIN_SPECIAL[char]
    return "".join(c for c in unicodedata.normalize("NFD", char) if not 0x0300 <= ord(c) <= 0x036F)


def normalize(text: str) -> str:
    """NFKC, lower case and Latin accents removed."""
    text = unicodedata.normalize("NFKC", text).lower()
    return _LATIN_ACCENTED.sub(lambda match: _fold(match.group()), text)


@dataclass(frozen=True)
class Run:
    """A stretch of normalised text: a Latin-style word, or consecutive CJK characters."""

    text: str
    cjk: bool


def runs(text: str) -> list[Run]:
    """Words and CJK runs of text, in order, normalised."""
    found: list[Run] = []
    for match in _WORD.finditer(normalize(text)):
        word = match.group()
        if _CJK.search(word) is None:
            found.append(Run(word, False))
            continue
        for index, part in enumerate(_CJK_RUN.split(word)):
            if part:
                found.append(Run(part, index % 2 == 1))
    return found


def cjk_terms(run: str) -> list[str]:
    """Bigrams of a CJK run, then its single characters (a one-character run is just itself)."""
    if len(run) == 1:
        return [run]
    return [run[i:i + 2] for i in range(len(run) - 1)] + list(run)


def terms(text: str) -> list[str]:
    """Every term of text, as indexed: words, CJK bigrams and CJK single characters."""
    return list(_terms(text))


# The preview server indexes a language again after each save that changed it, and most of its
# documents are as they were: their terms are kept (by text) rather than found again, which was
# most of the time of indexing one language.
@lru_cache(maxsize=20_000)
def _terms(text: str) -> tuple[str, ...]:
    found: list[str] = []
    for run in runs(text):
        if run.cjk:
            found += cjk_terms(run.text)
        elif len(run.text) >= MIN_WORD_LENGTH or is_number(run.text):
            found.append(run.text)
    return tuple(found)
