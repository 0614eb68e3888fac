"""The browser cuts text into the same terms as the indexer, or typed words would miss indexed ones."""
from __future__ import annotations

import pytest

from helpers import ROOT
from kb.fields import iter_text_fields, text_field_formats
from kb.search.text import terms

# The search scripts rely on kb-boot.js and on each other, loaded in this order on every page.
CLIENT_SCRIPTS = [ROOT / "overrides" / "assets" / name
                  for name in ("kb-boot.js", "kb-search-text.js", "kb-search-index.js", "kb-search.js")]

EDGE_CASES = [
    "Verificación PENDIENTE", "Pièce d'identité expirée", "l'e-mail", "Straße œuvre Ærø Łódź",
    "ＫＹＣ１２３ ｶﾞｲﾄﾞ", "证件过期，请重新上传。", "顔認証に失敗しました（エラー）", "スクリーンショット・コピー",
    "신분증이 만료되었습니다", "KYC認証2FA", "step 2 of 3", "x", "〇〆々", "İstanbul ΣΊΣΥΦΟΣ", "😀 emoji 𠀋字",
    "tab\tnew\nline", "a_b c-d e.f", "١٢٣ ๓", "",
]


@pytest.fixture(scope="module")
def client(browser):
    context = browser.new_context()
    page = context.new_page()
    page.set_content("<!doctype html><html><head></head><body></body></html>")
    for script in CLIENT_SCRIPTS:
        page.add_script_tag(path=str(script))
    yield page
    context.close()


def browser_terms(client, texts):
    return client.evaluate("texts => texts.map(t => window.kbSearch.terms(t))", texts)


def test_edge_cases_match(client):
    assert browser_terms(client, EDGE_CASES) == [terms(t) for t in EDGE_CASES]


def test_every_text_of_the_knowledge_base_matches(client, real_kb):
    texts = []
    formats = {kind: text_field_formats(real_kb_schemas(), kind) for kind in ("cause", "solution", "faq", "checklist")}
    for kind, entries in (("cause", real_kb.causes), ("solution", real_kb.solutions), ("faq", real_kb.faqs),
                          ("checklist", real_kb.checklists)):
        for entry in entries.values():
            for _, _, by_language in iter_text_fields(entry.data, formats[kind]):
                texts += list(by_language.values())
    assert len(texts) > 500
    mismatches = [t for t, js in zip(texts, browser_terms(client, texts)) if js != terms(t)]
    assert mismatches == []


def real_kb_schemas():
    from kb.schema import Schemas
    return Schemas(ROOT / "site-data" / "schema")


# Blocks readers' text comes from: Latin, punctuation, CJK symbols, kana, Hangul, ideographs, full/half width.
RANGES = [(0x20, 0x250), (0x1E00, 0x1F00), (0x2000, 0x2070), (0x3000, 0x3100), (0x3130, 0x3190),
          (0xAC00, 0xAD00), (0x4E00, 0x5000), (0xFF00, 0xFFF0)]


@pytest.mark.parametrize("low,high", RANGES)
def test_every_character_of_the_usual_blocks_matches(client, low, high):
    # Each character alone, then each beside a Latin letter and a CJK one, so that
    # the class it is given (word, CJK, separator) shows in the terms.
    texts = [f"{chr(c)}{chr(c)} a{chr(c)}b 字{chr(c)}字" for c in range(low, high)]
    mismatches = [(hex(low + i), t) for i, (t, js) in enumerate(zip(texts, browser_terms(client, texts)))
                  if js != terms(t)]
    assert mismatches == []
