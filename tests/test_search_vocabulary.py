"""Reader words, synonyms and safety rules from site data, as the index builder receives them."""
from __future__ import annotations

from helpers import LANGUAGES
from kb.loader import load_knowledge_base
from kb.search.documents import Document
from kb.search.index import build_language_index, language_files
from kb.search.vocabulary import matches_preferred, normalized_phrase

TERMBASE = """\
concepts:
  brand:
    note: The exchange's name.
    ignore_in_queries: true
    en: {reader: [Binance]}
  face-check:
    note: The live face scan.
    pages: [cause/face-failed, faq/which-documents]
    en: {preferred: [face check], reader: [selfie, face scan]}
    zh: {reader: [自拍]}
  rejected:
    note: The result "rejected".
    en: {preferred: [rejected], reader: [declined]}
  secret:
    note: Codes and passwords.
    en: {reader: [code, password]}
  someone-asking:
    note: Somebody asks.
    en: {reader: [asked, wants]}
"""
RULES = """\
rules:
  - id: secrets-asked-for
    note: Someone asks for a code.
    when_all: [secret, someone-asking]
    first: [faq/which-documents, cause/doc-expired]
  - id: faces
    note: Face words.
    when_any: [face-check]
    first: [cause/face-failed]
"""


def loaded(fixture_kb, cause_words: str = ""):
    (fixture_kb / "termbase.yml").write_text(TERMBASE, encoding="utf-8")
    (fixture_kb / "search-rules.yml").write_text(RULES, encoding="utf-8")
    if cause_words:
        path = fixture_kb / "causes" / "doc-expired.yml"
        path.write_text(path.read_text(encoding="utf-8").replace("\nreviewed:", cause_words + "\nreviewed:"),
                        encoding="utf-8")
    return load_knowledge_base(fixture_kb).search_vocabulary


def test_concept_words_go_to_its_pages_and_cause_words_to_their_cause(fixture_kb):
    vocabulary = loaded(fixture_kb, "\nreader_words:\n  en: [out of date]")
    assert vocabulary.page_words["en"]["causes/face-failed/"] == ["face check", "selfie", "face scan"]
    assert vocabulary.page_words["en"]["faq/#which-documents"] == ["face check", "selfie", "face scan"]
    assert vocabulary.page_words["zh"]["causes/face-failed/"] == ["自拍"]
    assert vocabulary.page_words["en"]["causes/doc-expired/"] == ["out of date"]
    # A concept without pages: its reader words are synonyms of its preferred terms.
    assert vocabulary.synonyms["en"] == [(("rejected",), ("declined",))]
    assert vocabulary.ignored["en"] == ["binance"]


def test_rules_name_their_words_per_language_and_their_pages_by_key(fixture_kb):
    vocabulary = loaded(fixture_kb)
    first, second = vocabulary.rules
    # Every language has its words, empty where the rules give none.
    none = dict.fromkeys(LANGUAGES, ())
    assert first.conditions == ({**none, "en": ("code", "password")}, {**none, "en": ("asked", "wants")})
    assert first.first == ("faq/#which-documents", "causes/doc-expired/")
    assert len(second.conditions) == 1 and second.conditions[0]["zh"] == ("自拍",)
    assert vocabulary.safety_pages == ["faq/#which-documents", "causes/doc-expired/", "causes/face-failed/"]


def test_preferred_terms_match_other_forms_of_the_word_and_cjk_inside_text():
    assert matches_preferred("Your verification was REJECTED.", ("rejected",))
    assert matches_preferred("After a rejection, wait.", ("rejected",))
    assert not matches_preferred("It was approved.", ("rejected",))
    assert matches_preferred("Do the face check again", ("face check",))
    assert not matches_preferred("The face of the check", ("face check",))
    assert matches_preferred("身份认证被拒了", ("被拒",))
    assert normalized_phrase("  Clé   API ") == "cle api"


def _document(key: str, title: str, body: str) -> Document:
    return Document(url=key, lang="en", title=title, context="", excerpt="", weight=1.0,
                    fields={"title": title, "lead": "", "body": body}, key=key)


def test_the_index_finds_pages_by_their_reader_words_and_synonyms(fixture_kb):
    vocabulary = loaded(fixture_kb)
    docs = [_document("causes/face-failed/", "The face check fails", "Try again in good light."),
            _document("causes/doc-expired/", "My document has expired", "It was rejected as expired."),
            _document("faq/#which-documents", "Which documents?", "Passports and ID cards.")]
    index = build_language_index("en", docs, vocabulary)
    by_key = {doc.key: number for number, doc in enumerate(index.documents)}
    assert {doc for doc, _ in index.postings["selfie"]} == {by_key["causes/face-failed/"], by_key["faq/#which-documents"]}
    assert {doc for doc, _ in index.postings["declined"]} == {by_key["causes/doc-expired/"]}
    rules = index.rules
    assert rules[0]["first"] == [by_key["faq/#which-documents"], by_key["causes/doc-expired/"]]
    assert rules[0]["all"] == [["code", "password"], ["asked", "wants"]]
    manifest = language_files(index)["manifest.js"]
    assert '"ignore":["binance"]' in manifest and '"rules":[' in manifest
    words_file = next(text for name, text in language_files(index).items() if name.startswith("w-"))
    assert '"selfie"' in words_file and '"face"' in words_file
