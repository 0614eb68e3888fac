"""Parity: each translation says as much as the English, field by field.

Two kinds of check compare a translation with its English source:
- translate-toolkit's `translate.filters` checks (the checks of its pofilter:
  numbers, URLs, brackets, end punctuation, doubled words, placeholders…), with
  each language's rules of site.yml (script, list_items_may_be_fragments,
  words_allowed_twice) and the exemptions of the knowledge base (qa-exemptions.yml);
- the structure of our Markdown: a translation with a dropped bullet, an added
  paragraph, a lost bold warning or a link to another page says something else,
  whatever its words.
"""
from __future__ import annotations

import re
from collections import Counter

from translate.filters import checks

from ..problems import format_key
from .exemptions import Exemptions
from .settings import CJK_SCRIPT, FULL_WIDTH, STRUCTURE_COUNTS, TOOLKIT_CHECKS
from .texts import MARKDOWN, TextField

# The official site's pages exist in each language under a locale segment
# (/en/support, /zh-CN/support): the same page, so the same link target.
_LOCALE_SEGMENT = re.compile(r"^(https?://[^/\s)]+)/[a-z]{2}(?:-[A-Za-z]{2,4})?(?=/|$|[?#)\s])")
# An address ends at a space, a bracket or Chinese, Japanese or Korean text (which needs no space after it).
_URL = re.compile(r"https?://[^\s)\]>»\u3000-\u9fff\uac00-\ud7af\uff00-\uffef]+")
_LINK = re.compile(r"(?<!!)\[((?:[^\[\]]|\[[^\]]*\])*)\]\(([^)\s]+)[^)]*\)")
_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*", re.DOTALL)
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+", re.MULTILINE)
_NO_BREAK = re.compile("[\u00a0\u202f]+(?=[;:!?»])")
_LINK_TARGET = re.compile(r"\]\([^)\s]+[^)]*\)")
_ROUND = re.compile(r"[()]")
_SENTENCE_END = re.compile(r"(?<=[.!?。！？])\s*")

# What each check's failure means to an editor, and what to do.
_TOOLKIT_WORDS = {
    "numbers": ("the numbers differ from the English", "write the same numbers (figures, counts, times) as the English"),
    "urls": ("the web addresses differ from the English", "use the addresses of the English text"),
    "brackets": ("a square or curly bracket of the English is missing",
                 "keep the English text's [ ] and { } (links, placeholders); round brackets may differ"),
    "endpunc": ("the text ends with other punctuation than the English",
                "end it as the English does (a question with a question mark, a lead-in with a colon)"),
    "doublewords": ("a word is doubled", "remove the repeated word"),
    "pythonbraceformat": ("the {placeholders} differ from the English",
                          "keep every {placeholder} of the English, spelled exactly the same"),
    "emails": ("the email addresses differ from the English", "use the addresses of the English text"),
    "newlines": ("the line breaks differ from the English", "break lines where the English does"),
}


def same_page(url: str) -> str:
    """A link target without the official site's language segment."""
    return _LOCALE_SEGMENT.sub(r"\1", url)


def _addresses(text: str) -> str:
    """Text for the toolkit: Markdown link targets left out (the structure check compares
    them, page by page), other addresses without the official site's language and spaced,
    so that the toolkit's own address pattern ends where ours does (a Chinese sentence
    may follow an address with no space)."""
    if "://" not in text:
        return text
    text = _LINK_TARGET.sub("]()", text)
    return _URL.sub(lambda m: f" {same_page(m.group(0))} ", text)


# (source language, English, translation, Language, format, exempted checks) -> what _findings found.
# Language is a frozen dataclass of every rule the checks read, so a changed rule is a new key.
_FINDINGS: dict[tuple, tuple] = {}


class ParityChecker:
    def __init__(self, site, exemptions: Exemptions | None = None):
        """site: the Site, whose languages say which rules apply to their texts."""
        self.source = site.source_language
        self.languages = {language.code: language for language in site.languages}
        self.exemptions = exemptions or Exemptions()
        self.checkers = {language: checks.StandardChecker(checks.CheckerConfig(targetlanguage=language))
                         for language in site.codes}
        self._doubles: dict[str, set] = {}

    def problems(self, field: TextField, file: str, languages=None):
        """Parity problems of field's translations (only those in `languages`, if given)."""
        english = field.text(self.source)
        if not english:
            return
        key = format_key(field.key_path)
        for language, checker in self.checkers.items():
            if language == self.source or (languages is not None and language not in languages):
                continue
            text = field.text(language)
            if not text:
                continue
            exempt = frozenset(self.exemptions.checks(file, key, language))
            # The findings are a function of the two texts and the language's rules only: kept
            # across loads, so a process that reloads the data (mkdocs serve after each save)
            # compares again only the texts that changed.
            memo_key = (self.source, english, text, self.languages[language], field.fmt, exempt)
            findings = _FINDINGS.get(memo_key)
            if findings is None:
                findings = _FINDINGS[memo_key] = tuple(self._findings(checker, english, text, language,
                                                                      field.fmt, exempt))
            yield from (field.problem(language, message, fix) for message, fix in findings)

    def _findings(self, checker, english: str, text: str, language: str, fmt: str, exempt: frozenset):
        """(message, fix) of every parity check the translation fails."""
        pair = _Pair(english, text, self.languages[language])
        for check in TOOLKIT_CHECKS:
            # In Markdown, line breaks are paragraphs and list items: the structure check names them.
            if check == "newlines" and fmt == MARKDOWN:
                continue
            if check not in exempt and not self._passes(checker, check, pair):
                message, fix = _TOOLKIT_WORDS[check]
                yield f"{message} (translate-toolkit `{check}`)", fix
        if fmt == MARKDOWN:
            yield from structure_problems(english, text, exempt)

    def _source_doubles(self, source: str) -> set:
        """The words the English text doubles, by the English checker: the same for every
        translation of a field, so found once per text (it was a third of the toolkit's calls)."""
        if source not in self._doubles:
            checker = self.checkers[self.source]
            self._doubles[source] = {_doubled_word(sentence) for sentence in _SENTENCE_END.split(source)
                                     if not _toolkit(checker, "doublewords", "", sentence)}
        return self._doubles[source]

    def _passes(self, checker, check: str, pair: "_Pair") -> bool:
        source, target, language = pair.source, pair.target, pair.language.code
        if check == "doublewords":
            # A word that ends one sentence may start the next (« …que no. No ocultes… »).
            # A word the English doubles too (a quoted code, a test's pseudo-text) is the source's, not a slip.
            allowed = pair.language.words_allowed_twice | self._source_doubles(source)
            return all(_toolkit(checker, check, "", sentence) or _doubled_word(sentence) in allowed
                       for sentence in _SENTENCE_END.split(target))
        if check == "brackets":
            # Square and curly brackets are syntax (Markdown links, {placeholders}, [removed: …]):
            # each must survive. Round ones are prose: a translation may add a gloss
            # («Withdraw Only» (Retrait uniquement)) or say "given name(s)" without them.
            # Only a lost one is a fault: an added link is the structure check's, and
            # pseudo-translations of tests add [xx] marks.
            try:
                checker.brackets(_ROUND.sub("", source), _ROUND.sub("", target))
            except checks.FilterFailure as failure:
                return not str(failure).startswith("Missing")
            return True
        if check == "endpunc" and pair.language.list_items_may_be_fragments and _ends_in_list_item(target):
            # In some languages list items are often noun phrases with no full stop (Japanese 〜である, Korean 〜임).
            return True
        if check == "endpunc":
            # The toolkit's language tables each know part of a language's punctuation (ja: 。 but
            # not ？; fr: « ? » but not «\u202f?»), and the spacing around the mark is the typography
            # check's business: the ending passes if it is the same mark, in the language's form
            # or as its ASCII twin.
            return (_toolkit(checker, check, pair.english, pair.text) or
                    _toolkit(self.checkers[self.source], check, source, _NO_BREAK.sub("", target)))
        return _toolkit(checker, check, source, target)


class _Pair:
    """An English text and its translation, as written and as the toolkit compares them."""

    def __init__(self, english: str, text: str, language):
        self.language = language
        self.english, self.text = _addresses(english), _addresses(text)
        full_width = language.script == CJK_SCRIPT
        self.source = self.english.translate(FULL_WIDTH) if full_width else self.english
        self.target = self.text.translate(FULL_WIDTH) if full_width else self.text


def _ends_in_list_item(text: str) -> bool:
    last = text.strip().split("\n\n")[-1].strip().splitlines()[-1]
    return bool(_LIST_ITEM.match(last))


def _toolkit(checker, check: str, source: str, target: str) -> bool:
    try:
        getattr(checker, check)(source, target)
    except checks.FilterFailure:
        return False
    return True


def _doubled_word(sentence: str) -> str | None:
    match = re.search(r"(?<!\w)(\w+)\s+\1(?!\w)", sentence, re.IGNORECASE)
    return match.group(1).lower() if match else None


def structure(text: str) -> dict:
    """What a reader sees as the shape of a Markdown text."""
    links = _LINK.findall(text)
    # Paragraphs: blocks between blank lines that are not lists (list items are counted apart).
    blocks = [block for block in re.split(r"\n\s*\n", text.strip()) if block.strip()]
    return {
        "paragraphs": sum(1 for block in blocks if not _LIST_ITEM.match(block)),
        "list items": len(_LIST_ITEM.findall(text)),
        "bold spans": len(_BOLD.findall(text)),
        "links": len(links),
        "targets": Counter(same_page(target) for _, target in links),
    }


def _count(number: int, plural: str) -> str:
    return f"{number} {plural[:-1] if number == 1 else plural}"


def structure_problems(english: str, text: str, exempt=frozenset()):
    """(message, fix) for every way text's Markdown structure differs from english's."""
    source, target = structure(english), structure(text)
    for name in STRUCTURE_COUNTS:
        if source[name] != target[name] and name not in exempt:
            yield (f"has {_count(target[name], name)}, the English has {_count(source[name], name)}",
                   f"give it the same {name} as the English: a translation must not add or drop any")
    if source["links"] == target["links"] and source["targets"] != target["targets"]:
        for url in sorted((target["targets"] - source["targets"]).elements()):
            yield (f"links to {url}, which the English does not link to",
                   "link to the pages the English text links to")
        for url in sorted((source["targets"] - target["targets"]).elements()):
            yield (f"does not link to {url} as the English does", "link to the pages the English text links to")
