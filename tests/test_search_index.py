"""The search indexer without MkDocs: text rules, page reading, documents, scores and index files."""
from __future__ import annotations

import json
import re

import pytest

from helpers import SITE
from kb.search import build_search_index
from kb.search.documents import Document, directory_form, page_documents, page_url, rule_for
from kb.search.extract import read_page
from kb.search.index import ALPHABET, MAX_POSTINGS, build_language_index, encode_postings, language_files
from kb.search.text import normalize, runs, terms


# -- text rules ----------------------------------------------------------------

def test_accents_case_and_width_fold_for_latin_only():
    assert normalize("Verificación PENDIENTE") == "verificacion pendiente"
    assert normalize("Pièce d'identité expirée") == "piece d'identite expiree"
    assert normalize("Straße Œuvre") == "strasse oeuvre"
    assert normalize("ＫＹＣ１２３") == "kyc123"
    # Kana keep their voicing marks and Hangul stays whole; half-width katakana widen.
    assert normalize("が ぱ 신분증") == "が ぱ 신분증"
    assert normalize("ｶﾞｲﾄﾞ") == "ガイド"


def test_cjk_runs_become_pairs_and_single_characters():
    assert terms("证件过期") == ["证件", "件过", "过期", "证", "件", "过", "期"]
    assert terms("신분증") == ["신분", "분증", "신", "분", "증"]
    assert terms("顔") == ["顔"]


def test_mixed_scripts_split_into_runs():
    assert [(r.text, r.cjk) for r in runs("KYC認証に失敗 (2FA)")] == [("kyc", False), ("認証に失敗", True), ("2fa", False)]
    # Punctuation inside CJK text separates runs, like a space.
    assert [r.text for r in runs("スクリーンショット・コピー")] == ["スクリーンショット", "コピー"]


def test_short_words_are_dropped_but_numbers_kept():
    assert terms("l'e-mail d'identité step 2") == ["mail", "identite", "step", "2"]


def test_stopwords_are_written_as_the_normaliser_leaves_them():
    # site.yml's stop_words of each language (loading it reports a word the normaliser would change).
    # Every language written with spaces between words has them, and no other (site.yml).
    assert [language.code for language in SITE.languages if language.stop_words] == \
        [language.code for language in SITE.languages if language.script == "latin"] != []
    for language in SITE.languages:
        for word in language.stop_words:
            assert normalize(word) == word and terms(word) == [word], (language.code, word)


# -- reading pages ---------------------------------------------------------------

PAGE = """<!doctype html><html lang="fr"><head><title>Titre &amp; site</title></head><body>
<nav>Navigation words</nav>
<article class="md-content__inner md-typeset">
<h1 id="t">Ma pièce est expirée<a class="headerlink" href="#t">&para;</a></h1>
<p class="kb-summary">Résumé de la page.</p>
<h2 id="symptoms">Ce que vous voyez</h2>
<p>Le motif <strong>document expiré</strong> apparaît.<br>Ligne suivante</p>
<section data-pagefind-ignore="all" hidden="hidden"><h2>Caché</h2><p>invisible words</p></section>
<div data-search-ignore><p>ignored words</p></div>
<p title="this hidden word is only an attribute">visible words</p>
<aside class="kb-safety" data-kb-safety><h2>Sécurité</h2><ul><li>safety words</li></ul></aside>
</article>
<footer>Footer words</footer></body></html>"""


def test_only_the_visible_article_is_read():
    page = read_page(PAGE)
    assert page.lang == "fr"
    assert page.title == "Ma pièce est expirée"
    text = " ".join(b.text for b in page.blocks)
    assert "document expiré apparaît. Ligne suivante" in text
    assert "visible words" in text
    for absent in ("Navigation", "Footer", "invisible", "ignored", "safety", "¶", "Caché"):
        assert absent not in text


def test_headings_keep_their_level_and_anchor_and_the_lead_is_marked():
    page = read_page(PAGE)
    assert [(b.level, b.anchor) for b in page.blocks if b.level] == [(1, "t"), (2, "symptoms")]
    assert [b.text for b in page.blocks if b.lead] == ["Résumé de la page."]


def test_a_page_without_article_is_not_a_document():
    assert read_page('<html lang="en"><body><p>redirect</p></body></html>') is None


# -- documents ----------------------------------------------------------------------

def test_paths_in_directory_form_and_links_for_both_url_styles():
    assert directory_form("zh/causes/x/index.html") == "zh/causes/x/"
    assert directory_form("zh/causes/x.html") == "zh/causes/x/"
    assert directory_form("index.html") == ""
    assert page_url("zh/causes/x/index.html", True) == "zh/causes/x/"
    assert page_url("zh/causes/x.html", False) == "zh/causes/x.html"


def _page(lang, title, body="Some body text."):
    return read_page(f'<html lang="{lang}"><article class="md-content__inner"><h1>{title}</h1><p>{body}</p></article></html>')


def test_page_kinds_get_their_weight_and_404_is_never_a_document():
    cause = page_documents("ja/causes/x/index.html", _page("ja", "原因"), True)
    first_question = page_documents("ja/troubleshoot/index.html", _page("ja", "診断"), True)
    assert cause[0].weight > first_question[0].weight > 0
    assert (cause[0].url, cause[0].key) == ("ja/causes/x/", "causes/x/")
    # Later troubleshooter steps repeat cause titles and have no text of their own to show.
    assert page_documents("ja/troubleshoot/q/a/index.html", _page("ja", "診断"), True) == []
    assert page_documents("404.html", _page("en", "Page not found"), True) == []
    assert page_documents("404.html", _page("en", "Page not found"), False) == []


def test_faq_page_splits_into_one_document_per_question():
    html = ('<html lang="en"><article class="md-content__inner"><h1>FAQ</h1><p>Intro text.</p>'
            '<h2 id="g">Group</h2><h3 id="q1">First question?</h3><p>First answer.</p>'
            '<h3 id="q2">Second question?</h3><p>Second answer.</p></article></html>')
    docs = page_documents("faq.html", read_page(html), False)
    assert [(d.url, d.title, d.context) for d in docs] == [
        ("faq.html", "FAQ", ""), ("faq.html#q1", "First question?", "FAQ"), ("faq.html#q2", "Second question?", "FAQ")]
    assert docs[1].fields["body"] == "First answer."


# -- scores and files -------------------------------------------------------------------

def decode(text: str) -> list[tuple[int, int]]:
    """The inverse of encode_postings (the browser does the same in kb-search.js)."""
    index = {c: i for i, c in enumerate(ALPHABET)}
    out, doc, value, i = [], 0, 0, 0
    while i < len(text):
        digit = index[text[i]]
        i += 1
        value = value * 32 + (digit - 32 if digit >= 32 else digit)
        if digit >= 32:
            continue
        doc += value
        value = 0
        out.append((doc, index[text[i]] * 64 + index[text[i + 1]]))
        i += 2
    return out


def test_postings_round_trip():
    postings = [(0, 1), (1, 4095), (33, 64), (1100, 77), (40000, 2)]
    assert decode(encode_postings(postings)) == postings


def doc(url, title, body, weight=1.0, lang="en"):
    return Document(url=url, lang=lang, title=title, context="", excerpt=body[:20], weight=weight,
                    fields={"title": title, "lead": "", "body": body})


def test_title_words_and_rare_words_score_higher():
    index = build_language_index("en", [
        doc("a/", "Expired document", "The document is past its date."),
        doc("b/", "Blurry photo", "The photo of the document is blurry and expired looking."),
        doc("c/", "Other", "Nothing to see."),
    ], stop_words=SITE.language("en").stop_words)
    by_url = {d.url: i for i, d in enumerate(index.documents)}
    expired = dict(index.postings["expired"])
    assert expired[by_url["a/"]] > expired[by_url["b/"]]
    assert "the" not in index.postings and "is" not in index.postings  # stopwords
    assert max(dict(index.postings["blurry"]).values()) > max(dict(index.postings["document"]).values())
    assert load_script(language_files(index)["manifest.js"])[1]["stopwords"] == sorted(SITE.language("en").stop_words)


def test_a_language_without_stop_words_indexes_every_word():
    index = build_language_index("en", [doc("a/", "The document", "The document is here."), doc("b/", "Other", "x")])
    assert "the" in index.postings and load_script(language_files(index)["manifest.js"])[1]["stopwords"] == []


def test_prior_weight_orders_documents_and_scales_scores():
    index = build_language_index("en", [doc("step/", "Word", "word", weight=0.3), doc("cause/", "Word", "word")])
    assert [d.url for d in index.documents] == ["cause/", "step/"]
    scores = dict(index.postings["word"])
    assert scores[0] == pytest.approx(scores[1] / 0.3, rel=0.01)


def test_common_terms_keep_only_their_best_postings():
    docs = [doc(f"p{i}/", f"Page {i}", "common " * (1 + i % 5)) for i in range(MAX_POSTINGS + 40)]
    index = build_language_index("en", docs)
    assert len(index.postings["common"]) == MAX_POSTINGS
    assert [d for d, _ in index.postings["common"]] == sorted(d for d, _ in index.postings["common"])


def load_script(text: str):
    match = re.fullmatch(r'\(self\.kbSearchData=self\.kbSearchData\|\|\{\}\)\["([^"]+)"\]=(.*);\n', text, re.DOTALL)
    assert match, text[:80]
    return match.group(1), json.loads(match.group(2))


def test_files_are_scripts_keyed_by_name_with_sorted_shards():
    docs = [doc(f"p{i}/", f"Title {i} 证件{i}", f"word{i} " * 30 + "证件过期 顔認証") for i in range(300)]
    files = language_files(build_language_index("zh", docs))
    key, manifest = load_script(files["manifest.js"])
    assert key == "zh/manifest"
    assert manifest["documents"] == 300 and len(manifest["chunks"]) == -(-300 // manifest["chunkSize"])
    firsts = [first for first, _ in manifest["shards"]]
    assert firsts == sorted(firsts, key=lambda t: t.encode("utf-16-be")) and len(firsts) > 1
    seen = []
    for first, name in manifest["shards"]:
        key, shard = load_script(files[f"{name}.js"])
        assert key == f"zh/{name}" and shard["t"][0] == first
        seen += shard["t"]
    assert "证件" in seen and "过期" in seen
    key, chunk = load_script(files[f"{manifest['chunks'][0]}.js"])
    assert chunk["d"][0][:2] == ["p0/", "Title 0 证件0"]


def test_build_search_index_groups_pages_by_language(tmp_path):
    site = tmp_path / "site"
    for path, lang, title in [("index.html", "en", "Home"), ("causes/x/index.html", "en", "Expired"),
                              ("zh/causes/x/index.html", "zh", "证件过期"), ("404.html", "en", "Not found")]:
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_text(
            f'<html lang="{lang}"><article class="md-content__inner"><h1>{title}</h1><p>text</p></article></html>')
    (site / "assets/kb-search/old").mkdir(parents=True)
    report = build_search_index(site)
    assert report.documents == {"en": 2, "zh": 1}
    assert sorted(p.name for p in (site / "assets/kb-search").iterdir()) == ["en", "zh"]
    _, chunk = load_script(next((site / "assets/kb-search/zh").glob("d-*.js")).read_text(encoding="utf-8"))
    assert chunk["d"] == [["zh/causes/x/", "证件过期", "", "text"]]


def test_default_page_rules_agree_with_site_yml(real_kb):
    from kb.search import page_rules_of
    from kb.search.documents import PAGE_RULES
    declared = page_rules_of(real_kb.site)
    for path in ("causes/x/", "faq/", "checklists/x/", "troubleshoot/", "troubleshoot/q/a/", "causes/",
                 "checklists/", "", "about/", "404/"):
        assert rule_for(path, declared).weight == rule_for(path, PAGE_RULES).weight, path
