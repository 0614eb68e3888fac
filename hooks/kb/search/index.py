"""Build one language's search index: BM25 impact scores, pruned, cut into small script files.

The browser must find results for a query while downloading only a small part
of the index, from http:// and from file:// alike. So:

- Scores are computed here, once: each (term, document) pair stores its final
  BM25 contribution (an *impact*: per field, weighted and added up), multiplied
  by the page kind's prior weight.
  The client only adds impacts up; it never needs document lengths or counts.
- Terms are sorted and cut into shards of about SHARD_BYTES. The manifest lists
  the first term of each shard, so a query word (or a prefix of one) names the
  one or two shards to fetch.
- Documents (link, title, excerpt) are stored in chunks of CHUNK_SIZE, ordered
  by prior weight, so the usual results (cause pages) share the first chunks.
- Every file is a script that stores its data under its own key in
  `self.kbSearchData`: loaded through <script src>, it also works from file://,
  where fetch() is blocked.
"""
from __future__ import annotations

import hashlib
import heapq
import json
import math
from collections import Counter
from dataclasses import dataclass

from .documents import Document
from .text import is_cjk, is_number, runs, terms as text_terms
from .vocabulary import SearchVocabulary, matches_preferred

# The client (kb-search-index.js) refuses an index of another format version.
FORMAT_VERSION = 2
# BM25 per field, weighted and added up (see build_language_index). `keywords`
# holds the reader words that site data sends to a page (termbase concepts with
# pages, a cause's reader_words); `synonyms` the reader words of terms the page
# uses. Neither is prose, so their length says nothing (b = 0).
FIELD_WEIGHTS = {"title": 2.5, "lead": 1.0, "body": 1.0, "keywords": 1.5, "synonyms": 0.5}
FIELD_B = {"title": 0.3, "lead": 0.6, "body": 0.75, "keywords": 0.0, "synonyms": 0.0}
# Latin words of at least this length go into the word list for typo tolerance:
# a query word of five letters or more may be one edit away from them.
TYPO_WORD_MIN = 4
K1 = 1.2  # Lucene's default; 1.2–1.6 and body b 0.5–0.75 rank the benchmark the same
# Keep at most this many documents per term (the highest impacts): very common
# terms add little to the ranking and would otherwise dominate the download.
MAX_POSTINGS = 160
SHARD_BYTES = 8_000
CHUNK_SIZE = 10
IMPACT_LEVELS = 4095
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"


def _varint(number: int) -> str:
    """5 bits per character, most significant first; all but the last character carry +32."""
    groups = [number & 31]
    number >>= 5
    while number:
        groups.append(number & 31)
        number >>= 5
    groups.reverse()
    return "".join(ALPHABET[g + 32] for g in groups[:-1]) + ALPHABET[groups[-1]]


def _impact(level: int) -> str:
    return ALPHABET[level >> 6] + ALPHABET[level & 63]


_SMALL_VARINTS = [_varint(n) for n in range(1024)]
_IMPACTS = [_impact(level) for level in range(IMPACT_LEVELS + 1)]


def encode_postings(postings: list[tuple[int, int]]) -> str:
    """(document id, impact level) pairs sorted by id → delta-coded string."""
    previous = 0
    out = []
    for doc, level in postings:
        delta = doc - previous
        out.append(_SMALL_VARINTS[delta] if delta < 1024 else _varint(delta))
        out.append(_IMPACTS[level])
        previous = doc
    return "".join(out)


@dataclass
class LanguageIndex:
    lang: str
    documents: list[Document]
    postings: dict[str, list[tuple[int, int]]]  # term → [(doc id, impact level)], by doc id
    scale: float                                 # impact = level * scale
    # Query rules with their pages as document ids, and query words to drop (see vocabulary.py).
    rules: list[dict] = None
    ignored: list[str] = None
    # Function words left out of the index and of queries: the language's stop_words of site.yml.
    stop_words: frozenset[str] = frozenset()

    @property
    def term_count(self) -> int:
        return len(self.postings)


# In a reader phrase of several words ("kyc service"), a word found on more than
# this share of the pages says nothing about the page the phrase is for, and
# would pull that page up for every query with it ("kyc"): it is left out.
COMMON_PHRASE_WORD_SHARE = 0.25


def _telling_words(phrase: str, common: set[str]) -> str:
    """The phrase without its common Latin words (a phrase of one word, or of common words only, is kept whole)."""
    parts = runs(phrase)
    telling = [run.text for run in parts if run.cjk or run.text not in common]
    return " ".join(telling) if len(parts) > 1 and telling else phrase


def add_vocabulary(lang: str, documents: list[Document], vocabulary: SearchVocabulary | None) -> None:
    """Give each document the reader words that site data sends to it."""
    if vocabulary is None:
        return
    page_words = vocabulary.page_words.get(lang, {})
    synonyms = vocabulary.synonyms.get(lang, [])
    frequency: Counter = Counter()
    for doc in documents:
        frequency.update(set(text_terms("\n".join((doc.fields["title"], doc.fields["lead"], doc.fields["body"])))))
    common = {term for term, count in frequency.items() if count > COMMON_PHRASE_WORD_SHARE * len(documents)}
    for doc in documents:
        doc.fields["keywords"] = "\n".join(_telling_words(phrase, common) for phrase in page_words.get(doc.key, []))
        text = "\n".join((doc.fields["title"], doc.fields["lead"], doc.fields["body"]))
        doc.fields["synonyms"] = "\n".join(
            "\n".join(readers) for preferred, readers in synonyms if matches_preferred(text, preferred))


def resolve_rules(lang: str, documents: list[Document], vocabulary: SearchVocabulary | None) -> list[dict]:
    """The query rules of one language, with their pages as document ids."""
    if vocabulary is None:
        return []
    ids = {doc.key: number for number, doc in enumerate(documents)}
    resolved = []
    for rule in vocabulary.rules:
        missing = [key for key in rule.first if key not in ids]
        if missing:
            raise ValueError(f"search rule {rule.id}: no {lang} page for {', '.join(missing)}")
        resolved.append({"id": rule.id, "all": [list(condition.get(lang, ())) for condition in rule.conditions],
                         "first": [ids[key] for key in rule.first]})
    return resolved


def build_language_index(lang: str, documents: list[Document], vocabulary: SearchVocabulary | None = None,
                         stop_words: frozenset[str] = frozenset()) -> LanguageIndex:
    """Score every term of every document of one language, stop_words left out (site.yml's, by language)."""
    documents = sorted(documents, key=lambda d: (-d.weight, d.url))
    add_vocabulary(lang, documents, vocabulary)
    count = len(documents)
    stop = stop_words

    def counted(text: str) -> Counter:
        found = text_terms(text)
        return Counter([t for t in found if t not in stop] if stop else found)

    field_terms = [{name: counted(doc.fields.get(name, "")) for name in FIELD_WEIGHTS} for doc in documents]
    average = {name: max(1.0, sum(sum(ft[name].values()) for ft in field_terms) / max(1, count))
               for name in FIELD_WEIGHTS}

    # Each field is scored on its own (BM25 with the field's length
    # normalisation) and the fields add up, weighted: a word in the title
    # counts on top of the same word in the body, instead of saturating with it.
    field_scores: list[dict[str, float]] = []
    document_frequency: Counter = Counter()
    for ft in field_terms:
        combined: dict[str, float] = {}
        for name, counter in ft.items():
            b, weight = FIELD_B[name], FIELD_WEIGHTS[name]
            k = K1 * (1 - b + b * sum(counter.values()) / average[name])
            for term, tf in counter.items():
                combined[term] = combined.get(term, 0.0) + weight * tf * (K1 + 1) / (tf + k)
        field_scores.append(combined)
        document_frequency.update(combined.keys())

    idf = {term: math.log(1 + (count - df + 0.5) / (df + 0.5)) for term, df in document_frequency.items()}
    impacts: dict[str, list[tuple[int, float]]] = {term: [] for term in idf}
    top = 0.0
    for doc_id, (doc, combined) in enumerate(zip(documents, field_scores)):
        weight = doc.weight
        for term, score in combined.items():
            impact = weight * idf[term] * score
            impacts[term].append((doc_id, impact))
            if impact > top:
                top = impact

    top = top or 1.0
    scale = top / IMPACT_LEVELS
    postings = {}
    for term, plist in impacts.items():
        if len(plist) > MAX_POSTINGS:
            plist = sorted(heapq.nlargest(MAX_POSTINGS, plist, key=lambda p: p[1]))
        postings[term] = [(doc, max(1, round(impact / scale))) for doc, impact in plist]
    ignored = sorted(set(vocabulary.ignored.get(lang, []))) if vocabulary is not None else []
    return LanguageIndex(lang, documents, postings, scale, resolve_rules(lang, documents, vocabulary), ignored,
                         frozenset(stop_words))


def _script(key: str, data) -> str:
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return f'(self.kbSearchData=self.kbSearchData||{{}})["{key}"]={payload};\n'


def _named(prefix: str, lang: str, data) -> tuple[str, str]:
    """A content-addressed file name and its script text (the key is the name without .js)."""
    digest = hashlib.sha1(json.dumps(data, ensure_ascii=False, sort_keys=True).encode()).hexdigest()[:10]
    name = f"{prefix}-{digest}"
    return f"{name}.js", _script(f"{lang}/{name}", data)


def language_files(index: LanguageIndex) -> dict[str, str]:
    """File name → script text, for one language's folder."""
    files: dict[str, str] = {}
    shards: list[list] = []
    current_terms: list[str] = []
    current_postings: list[str] = []
    size = 0

    def close_shard():
        nonlocal current_terms, current_postings, size
        if current_terms:
            name, text = _named("t", index.lang, {"t": current_terms, "p": current_postings})
            files[name] = text
            shards.append([current_terms[0], name[:-3]])
        current_terms, current_postings, size = [], [], 0

    # JavaScript compares strings by UTF-16 code units: sort the same way, so the
    # client's binary search over shard boundaries agrees with this order.
    for term in sorted(index.postings, key=utf16_key):
        encoded = encode_postings(index.postings[term])
        entry = len(term.encode()) + len(encoded) + 6
        if size and size + entry > SHARD_BYTES:
            close_shard()
        current_terms.append(term)
        current_postings.append(encoded)
        size += entry
    close_shard()

    chunks = []
    for start in range(0, len(index.documents), CHUNK_SIZE):
        rows = [[d.url, d.title, d.context, d.excerpt] for d in index.documents[start:start + CHUNK_SIZE]]
        name, text = _named("d", index.lang, {"d": rows})
        files[name] = text
        chunks.append(name[:-3])

    # The Latin words of the index, loaded only when a query word finds nothing,
    # to look for a word one typing slip away.
    words = sorted((t for t in index.postings
                    if len(t) >= TYPO_WORD_MIN and not is_number(t) and not any(is_cjk(c) for c in t)),
                   key=utf16_key)
    words_name, words_text = _named("w", index.lang, {"w": words})
    files[words_name] = words_text

    manifest = {"version": FORMAT_VERSION, "lang": index.lang, "documents": len(index.documents),
                "chunkSize": CHUNK_SIZE, "scale": index.scale, "alphabet": ALPHABET,
                "stopwords": sorted(index.stop_words), "ignore": index.ignored or [],
                "rules": index.rules or [], "words": words_name[:-3],
                "shards": shards, "chunks": chunks}
    files["manifest.js"] = _script(f"{index.lang}/manifest", manifest)
    return files


def utf16_key(term: str) -> bytes:
    return term.encode("utf-16-be")
