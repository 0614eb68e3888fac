"""Content rules of the knowledge base: every text in its own language, and nothing harmful in any."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from helpers import LANGUAGES, ROOT
from kb.fields import iter_text_fields, text_field_formats
from kb.schema import Schemas

# Texts shorter than this (after removing links, code and product names) carry too
# little signal for a language identifier: short labels such as "UID" or "2FA".
MIN_IDENTIFIABLE_LENGTH = 15
PRODUCT_NAMES = re.compile(r"\b(Binance Verify|Binance|REST|API|FAQ|2FA|SMS|UID|KYC|ID|VPN|App|iOS|Android)\b")


def all_texts(kb):
    """(where, language, text) for every text field of every entry, the categories and the tree."""
    schemas = Schemas(ROOT / "site-data" / "schema")
    sources = [(kind, entry.path, entry.data) for kind in ("cause", "solution", "faq", "checklist")
               for entry in kb.entries(kind).values()]
    sources.append(("categories", "site-data/categories.yml", {"categories": kb.categories}))
    sources.append(("tree", "site-data/tree.yml", {"questions": kb.tree.questions}))
    for kind, path, data in sources:
        for key_path, _, texts in iter_text_fields(data, text_field_formats(schemas, kind)):
            for language, text in texts.items():
                yield f"{path} {key_path}", language, text
    for language in LANGUAGES:
        for key, text in kb.ui[language].items():
            yield f"site-data/ui/{language}.yml {key}", language, text


def content_pages():
    for path in sorted((ROOT / "content").glob("*.md")):
        yield path.name, path.name.split(".")[-2], path.read_text(encoding="utf-8")


def readable(text: str) -> str:
    text = re.sub(r"\]\([^)]*\)", "]", text)
    text = re.sub(r"https?://\S+", "", text)
    text = re.sub(r"`[^`]*`", "", text)
    text = re.sub(r"<!--.*?-->", "", text)
    text = re.sub(r"\{[^}]*\}", "", text)
    text = re.sub(r"[*_#>\[\]|]", "", text)
    return " ".join(PRODUCT_NAMES.sub("", text).split())


@pytest.fixture(scope="module")
def detector():
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder
    # Each language of site.yml by its code, which is ISO 639-1 (lingua's Language.FRENCH for fr).
    codes = {code: Language.from_iso_code_639_1(IsoCode639_1.from_str(code)) for code in LANGUAGES}
    built = LanguageDetectorBuilder.from_languages(*codes.values()).build()
    return lambda text: next(code for code, language in codes.items() if language == built.detect_language_of(text))


def test_every_text_is_in_its_own_language(real_kb, detector):
    wrong, checked = [], 0
    for where, language, text in [*all_texts(real_kb), *content_pages()]:
        sample = readable(text)
        if len(sample) < MIN_IDENTIFIABLE_LENGTH:
            continue
        checked += 1
        found = detector(sample)
        if found != language:
            wrong.append(f"{where} [{language}] read as {found}: {sample[:70]}")
    assert wrong == []
    assert checked > 2500


# Ideas that must never appear, whatever the wording: each pattern names the idea.
MUST_NOT_APPEAR = {
    "referral pitch or discount": r"(?i)referral (code|bonus|id)|invite code|\bdiscount|\d+\s*% off|lifetime (fee|discount)"
                                  r"|返佣|邀请码|推荐码|手续费折扣|código de (referido|invitación)|descuento"
                                  r"|code (de parrainage|d'invitation)|réduction sur les frais|紹介コード|招待コード|割引"
                                  r"|추천인 코드|레퍼럴|할인",
    "exclusive link or channel": r"(?i)exclusive (submission )?(link|channel)|专属(链接|通道)|enlace exclusivo|lien exclusif"
                                 r"|専用リンク|전용 링크",
    "success-rate promise": r"(?i)close to 100|100\s*%|success rate|pass rate|成功率|通过率|tasa de (éxito|aprobación)"
                            r"|taux de (réussite|succès)|합격률|성공률|通過率",
    "reviewer hours or best time to submit": r"(?i)best time to (submit|apply)|off-peak|rest (hours|between)|11:00|17:00|20:00"
                                             r"|最佳(提交)?时间|审核员.{0,6}休息|mejor (hora|momento) para enviar"
                                             r"|meilleur moment pour (soumettre|envoyer)|heures creuses|提出に最適|최적의 (제출 )?시간",
    "percentage table": r"\d+(\.\d+)?\s*[%％]",
    "risk weight": r"(?i)risk weight|风险权重|peso de riesgo|poids de risque|リスク(ウェイト|の重み)|위험 가중치|리스크 가중치",
    "restricted-region guide": r"(?i)(use|using|access) binance (in|from) (china|mainland)|在(中国)?大陆(如何)?使用币安|大陆用户注册教程",
    "peeling film off a card": r"(?i)\bpeel|剥(掉|下|离)|撕(掉|下)|pelar|despegar|décoller|retirer le film|はが(す|し)|剥が|벗기|떼어",
}

# Cancelling orders through the API frees funds held by those orders; it never
# lifts an account restriction. Sentences joining the two ideas must deny it.
CANCEL_AND_UNLOCK = re.compile(r"(?i)(cancel|撤销|撤单|取消|cancelar|annul|キャンセル|취소).{0,80}"
                               r"(unlock\w* (the |your |an? )?account|lift\w* (the |a |your )?restriction"
                               r"|解锁账户|解除(账户)?(的)?限制|desbloque\w* (la |tu )?cuenta|levantar la restricción"
                               r"|débloqu\w* (le |votre )?compte|lever la restriction|制限.{0,3}解除|アカウント.{0,6}解除"
                               r"|제한.{0,4}(해제|풀)|계정.{0,6}해제)")
NEGATION = re.compile(r"(?i)\b(not|never|no|cannot|won't|ne|pas|jamais|nunca)\b|n't|不|无法|並不|并不|ない|ません|않|없|못")


@pytest.mark.parametrize("idea", sorted(MUST_NOT_APPEAR))
def test_must_not_appear(real_kb, idea):
    pattern = re.compile(MUST_NOT_APPEAR[idea])
    hits = [f"{where} [{language}]: {pattern.search(text).group(0)!r}"
            for where, language, text in [*all_texts(real_kb), *content_pages()] if pattern.search(text)]
    assert hits == []


def test_cancelling_orders_is_never_said_to_unlock_an_account(real_kb):
    claims = []
    for where, language, text in all_texts(real_kb):
        for sentence in re.split(r"(?<=[.!?。！？])\s*", text):
            if CANCEL_AND_UNLOCK.search(sentence) and not NEGATION.search(sentence):
                claims.append(f"{where} [{language}]: {sentence[:90]}")
    assert claims == []


def test_user_report_sources_never_link(real_kb):
    for cause in real_kb.causes.values():
        for source in cause["sources"]:
            assert (source["kind"] == "official") == ("url" in source), cause.id


def test_unofficial_figures_are_marked_as_such(real_kb):
    """FAQs about times and limits say, in every language, that the figures are not official."""
    markers = {"en": r"(?i)not official|unofficial|user report|reported by users|users report|no official",
               "zh": r"非官方|用户反馈|用户反映|没有官方|未公布|并未公布|没有公布",
               "es": r"(?i)no (es|son) oficial|usuarios|no hay (una? )?\w+ oficial|no ha publicado",
               "fr": r"(?i)non officiel|pas officiel|utilisateurs|aucun(e)? \w+ officiel|(n'|n’)existe pas de \w+ officiel|n'a publié|n’a publié|pas publié",
               "ja": r"非公式|ユーザー|利用者の報告|公式.{0,16}(ありません|(公表|発表|公開)(されて|して)(い)?ません|示されていません)",
               "ko": r"비공식|사용자|이용자|공식.{0,16}(없습니다|발표|공개되지|공개하지)"}
    for faq_id in ("how-long-does-verification-review-take", "how-many-times-can-i-resubmit",
                   "how-soon-can-i-resubmit-after-a-rejection", "how-long-does-a-too-many-attempts-lock-last"):
        answer = real_kb.faqs[faq_id]["answer"]
        for language in LANGUAGES:
            assert re.search(markers[language], answer[language]), (faq_id, language)
