"""Turn text into search terms: the same rules as the browser client (overrides/assets/kb-search.js).

Both sides must cut text into exactly the same terms, so these rules are kept
deliberately small and are mirrored line by line in `kbSearchTerms` of the
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

import unicodedata
from dataclasses import dataclass

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


def is_cjk(char: str) -> bool:
    code = ord(char)
    return any(low <= code <= high for low, high in CJK_RANGES)


def _is_word_char(char: str) -> bool:
    return unicodedata.category(char)[0] in "LNM"


def _fold_char(char: str) -> str:
    code = ord(char)
    if char in _LATIN_SPECIAL:
        return _LATIN_SPECIAL[char]
    if 0x00C0 <= code <= 0x024F or 0x1E00 <= code <= 0x1EFF:
        return "".join(c for c in unicodedata.normalize("NFD", char) if not 0x0300 <= ord(c) <= 0x036F)
    return char


def normalize(text: str) -> str:
    """NFKC, lower case and Latin accents removed."""
    text = unicodedata.normalize("NFKC", text).lower()
    return "".join(_fold_char(c) for c in text)


@dataclass(frozen=True)
class Run:
    """A stretch of normalised text: a Latin-style word, or consecutive CJK characters."""

    text: str
    cjk: bool


def runs(text: str) -> list[Run]:
    """Words and CJK runs of text, in order, normalised."""
    found: list[Run] = []
    current: list[str] = []
    current_cjk = False
    for char in normalize(text):
        if is_cjk(char):
            kind = True
        elif _is_word_char(char):
            kind = False
        else:
            if current:
                found.append(Run("".join(current), current_cjk))
                current = []
            continue
        if current and kind != current_cjk:
            found.append(Run("".join(current), current_cjk))
            current = []
        current.append(char)
        current_cjk = kind
    if current:
        found.append(Run("".join(current), current_cjk))
    return found


def cjk_terms(run: str) -> list[str]:
    """Bigrams of a CJK run, then its single characters (a one-character run is just itself)."""
    if len(run) == 1:
        return [run]
    return [run[i:i + 2] for i in range(len(run) - 1)] + list(run)


def terms(text: str) -> list[str]:
    """Every term of text, as indexed: words, CJK bigrams and CJK single characters."""
    found: list[str] = []
    for run in runs(text):
        if run.cjk:
            found += cjk_terms(run.text)
        elif len(run.text) >= MIN_WORD_LENGTH or run.text.isdigit():
            found.append(run.text)
    return found
