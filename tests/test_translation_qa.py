"""Translation checks (kb/qa): terminology, parity with the English, typography, local dates.

Each check is shown to fire on a crafted bad text and to stay quiet on the legitimate
differences it is configured for; the real guide passes all of them (the validator
runs them, so `kb validate` on site-data/ would fail otherwise).
"""
from __future__ import annotations

import datetime
import re

import pytest
import yaml

from helpers import ROOT, LANGUAGES, SITE, declare_language_rules
from kb.loader import load_knowledge_base
from kb.problems import KnowledgeBaseError
from kb.qa import check_translation_quality, translation_warnings
from kb.qa.exemptions import Exemptions
from kb.qa.parity import ParityChecker, structure_problems
from kb.qa.terms import term_problems, termbase_rules
from kb.qa.texts import MARKDOWN, PLAIN, TextField
from kb.qa.typography import ISO_DATE, local_date, no_break_spaces, page_text_faults, typography_problems
from kb.render import Renderer
from kb.schema import Schemas

TERMBASE = """\
concepts:
  renew:
    note: Getting a new document.
    fr: {preferred: [Renouvelez], forbidden: [Renew], reader: [Document]}
  verify-tool:
    note: The official checking tool.
    zh: {preferred: [Binance Verify]}
  brand:
    note: The brand.
    zh: {preferred: [币安], forbidden: [Binance]}
"""


def field(texts: dict, fmt: str = MARKDOWN, key_path: tuple = ("answer",)) -> TextField:
    """A text field as the checks see it, reported at a made-up place."""
    return TextField("faq", fmt, key_path, {"en": "", **texts},
                     lambda language: ("site-data/faqs/x.yml", 3, f"answer.{language}"))


def problems_of(kb_dir):
    try:
        load_knowledge_base(kb_dir)
    except KnowledgeBaseError as error:
        return [str(p) for p in error.problems]
    return []


# -- terminology ---------------------------------------------------------------

def test_forbidden_term_gives_exactly_the_expected_message(fixture_kb):
    (fixture_kb / "termbase.yml").write_text(TERMBASE, encoding="utf-8")
    assert problems_of(fixture_kb) == [
        "site-data/solutions/renew-document.yml:1: title.fr: «Renew» is a forbidden variant of the termbase "
        "concept `renew` — use «Renouvelez»"]


def test_reader_words_are_not_checked_and_other_languages_are_not_held_to_french(fixture_kb):
    # «Document» is a reader word of the concept and stands in every French text of the
    # fixture; «Renew» is forbidden in French only and stands in every language.
    (fixture_kb / "termbase.yml").write_text(TERMBASE, encoding="utf-8")
    found = problems_of(fixture_kb)
    assert all(".fr:" in p and "«Renew»" in p for p in found), found


def test_a_forbidden_word_inside_a_preferred_term_is_that_term():
    rules = {"zh": [rule for rule in _rules(TERMBASE)["zh"]]}
    ok = field({"en": "Check with Binance Verify.", "zh": "请用 Binance Verify 核实币安的联系。"})
    bad = field({"en": "Check with Binance Verify.", "zh": "请用 Binance Verify 核实 Binance 的联系。"})
    assert list(term_problems(ok, rules)) == []
    assert [str(p) for p in term_problems(bad, rules)] == [
        "site-data/faqs/x.yml:3: answer.zh: «Binance» is a forbidden variant of the termbase concept `brand` "
        "— use «币安»"]


def test_latin_terms_match_whole_words_and_ignore_link_targets():
    rules = termbase_rules(_FakeKb("concepts:\n  s:\n    note: n\n    fr: {preferred: [assistance], forbidden: [support]}\n"))
    assert list(term_problems(field({"fr": "Ne le supportez pas ; voir [ici](https://www.binance.com/fr/support)."}),
                              rules)) == []
    assert len(list(term_problems(field({"fr": "Contactez le Support."}), rules))) == 1


def _rules(text):
    return termbase_rules(_FakeKb(text))


class _FakeKb:
    """Just what termbase_rules reads: the loaded files."""

    def __init__(self, termbase_text: str):
        from kb.yamlsource import parse_yaml
        self.files = {"site-data/termbase.yml": parse_yaml(termbase_text, "site-data/termbase.yml")}


# -- parity: translate-toolkit checks and Markdown structure --------------------

# The real guide's declaration: each language's rules (site.yml) and the exemptions (qa-exemptions.yml).
EXEMPTIONS = Exemptions(yaml.safe_load((ROOT / "site-data" / "qa-exemptions.yml").read_text(encoding="utf-8"))["exemptions"])
CHECKER = ParityChecker(SITE, EXEMPTIONS)
# The typography rule set each language of the guide follows (site.yml `typography:`).
TYPOGRAPHY = {language.code: language.typography for language in SITE.languages}

BAD_PAIRS = [
    ("numbers", "fr", "Wait 24 hours.", "Attendez 48 heures."),
    ("urls", "es", "See https://www.binance.com/en/support/faq/1 now.", "Mira https://www.binance.com/es/support/faq/2 ya."),
    ("brackets", "ja", "Shown as [removed: code].", "「削除：コード」と表示されます。"),
    ("endpunc", "fr", "Which document?", "Quel document."),
    ("endpunc", "ko", "More help:", "더 알아보기."),
    ("doublewords", "es", "Send the photo again.", "Envía la la foto otra vez."),
    ("pythonbraceformat", "zh", "{done} of {total} checked", "已勾选 {done} 项"),
    ("emails", "fr", "Only do-not-reply@binance.com writes.", "Seul noreply@binance.fr écrit."),
    ("newlines", "zh", "First line.\nSecond line.", "第一行。第二行。"),
]


@pytest.mark.parametrize("check,language,english,text", BAD_PAIRS, ids=[f"{c}-{l}" for c, l, _, _ in BAD_PAIRS])
def test_each_toolkit_check_fires_on_a_bad_pair(check, language, english, text):
    found = [str(p) for p in CHECKER.problems(field({"en": english, language: text}, PLAIN), "faqs/x.yml")]
    assert any(f"(translate-toolkit `{check}`)" in p for p in found), found
    assert all(p.startswith(f"site-data/faqs/x.yml:3: answer.{language}: ") for p in found)


LEGITIMATE = [
    # French reflexive verbs double a pronoun.
    ("fr", "Where you connect from.", "L'endroit d'où vous vous connectez."),
    # A word may end one sentence and start the next.
    ("es", "The answer is no. Do not hide it.", "La respuesta es que no. No lo ocultes."),
    # Full-width endings are the same marks.
    ("ja", "Can I cancel the review?", "審査を取り消せますか？"),
    ("zh", "Do this first:", "请先这样做："),
    # A gloss in brackets, and the official site's pages in the reader's language.
    ("fr", "Withdraw Only mode.", "Le mode « Withdraw Only » (retrait uniquement)."),
    ("ko", "See [the guide](https://www.binance.com/en/support/faq/1).", "[안내](https://www.binance.com/ko/support/faq/1)를 보세요."),
    # A Japanese list ends in noun phrases without a full stop.
    ("ja", "Common causes:\n\n- a blurred photo.\n- a cut-off corner.", "よくある原因：\n\n- ぼやけた写真\n- 角の欠け"),
    # French puts a no-break space before the question mark.
    ("fr", "Not what you were looking for?", "Ce n'est pas ce que vous cherchez\u202f?"),
]


@pytest.mark.parametrize("language,english,text", LEGITIMATE)
def test_legitimate_differences_pass(language, english, text):
    assert list(CHECKER.problems(field({"en": english, language: text}), "faqs/x.yml")) == []


def test_field_exemptions_name_one_check_of_one_field_with_a_reason():
    english = "The date and time you submitted verification, with your time zone (for example 2026-11-20 14:05, UTC+1)."
    text = "Indiquez la date et l'heure, avec votre fuseau horaire (par exemple 2026-11-20 14:05, UTC+9)."
    hint = field({"en": english, "fr": text}, PLAIN, ("include", 2, "hint"))
    assert list(CHECKER.problems(hint, "support-request.yml")) == []
    # The same key of another file, and another key of the same file, are checked.
    assert len(list(CHECKER.problems(hint, "faqs/x.yml"))) == 1
    other = field({"en": english, "fr": text}, PLAIN, ("include", 1, "hint"))
    assert len(list(CHECKER.problems(other, "support-request.yml"))) == 1


STRUCTURE = [
    ("- one\n- two\n- three", "- un\n- deux", "has 2 list items, the English has 3 list items"),
    ("One paragraph.", "Un paragraphe.\n\nEt un autre ajouté.", "has 2 paragraphs, the English has 1 paragraph"),
    ("Do **not** send it, **ever**.", "Ne l'envoyez **jamais**.", "has 1 bold span, the English has 2 bold spans"),
    ("Ask [support](https://www.binance.com/en/support).", "Demandez à l'assistance.", "has 0 links, the English has 1 link"),
]


@pytest.mark.parametrize("english,text,message", STRUCTURE)
def test_markdown_structure_differences_are_errors(english, text, message):
    assert [m for m, _ in structure_problems(english, text)] == [message]


def test_a_link_to_another_page_is_named_both_ways():
    english = "Ask [support](https://www.binance.com/en/support)."
    text = "Demandez à [l'assistance](https://www.binance.com/fr/support/faq/360027287111)."
    assert [m for m, _ in structure_problems(english, text)] == [
        "links to https://www.binance.com/support/faq/360027287111, which the English does not link to",
        "does not link to https://www.binance.com/support as the English does"]


# -- typography ----------------------------------------------------------------

@pytest.mark.parametrize("language,text,message", [
    ("fr", "Le mode «Withdraw Only » reste actif.", "no space after «"),
    ("fr", "Le mode « Withdraw Only» reste actif.", "no space before »"),
    ("zh", "**注意**: 找回验证码", "a half-width colon after Chinese or Japanese text"),
    ("ja", "**メールのフィルター。** コードが届きません。", "a space after full-width punctuation"),
])
def test_typography_faults_are_found(language, text, message):
    found = [str(p) for p in typography_problems(field({language: text}), SITE.languages)]
    assert found and f"answer.{language}: {message} (" in found[0], found


@pytest.mark.parametrize("language,text", [
    ("fr", "Quel est le problème\u202f? Voir aussi\u00a0: «\u00a0Withdraw Only\u00a0» et «\u202fceci\u202f»."),
    # Ordinary spaces are right in site-data: the renderer makes them no-break (below).
    ("fr", "Quel est le problème ? Voir aussi : « Withdraw Only » ; voilà !"),
    ("fr", "Ouvrez [la FAQ](https://www.binance.com/fr/support/faq/x?y=1) à 14:05."),
    ("zh", "用 Binance Verify：核实 2026-11-20 14:05 的联系。"),
    ("ko", "더 알아보기: 안내를 보세요."),
])
def test_correct_typography_passes(language, text):
    assert list(typography_problems(field({language: text}), SITE.languages)) == []


def test_the_renderer_gives_french_texts_their_no_break_spaces(real_kb):
    """An editor types ordinary spaces; every French text and interface string reaches the page
    with the no-break ones, and no other language is touched."""
    from kb.project import load_project
    renderer = load_project(ROOT / "site-data").renderer
    french = renderer.context("fr")
    question = french["tree"]["questions"][real_kb.tree.start]["question"]
    assert question == no_break_spaces(real_kb.tree.questions[real_kb.tree.start]["question"]["fr"].replace("\u202f", " "), TYPOGRAPHY["fr"])
    assert not re.search(r"[ \t](?=[;!?])", question) and "\u202f?" in question
    assert no_break_spaces("Quel est le problème ? « Oui » : voilà ; non !", TYPOGRAPHY["fr"]) == (
        "Quel est le problème\u202f? «\u00a0Oui\u00a0»\u00a0: voilà\u202f; non\u202f!")
    # An interface string typed with ordinary spaces gets them too.
    renderer.kb.ui["fr"]["tree.start_again"] = "On recommence ?"
    assert renderer._translator("fr")("tree.start_again") == "On recommence\u202f?"
    english = renderer.context("en")["tree"]["questions"][real_kb.tree.start]["question"]
    assert english == real_kb.tree.questions[real_kb.tree.start]["question"]["en"]


# -- typography of built pages: what the engine re-spaced, and what a reader meets -----

@pytest.mark.parametrize("collapsed,french", [
    # MkDocs' page titles and table of contents, after str.split(): every no-break space is ordinary.
    ("Quel est le problème ? Voir aussi : « Withdraw Only » ; fin !",
     "Quel est le problème\u202f? Voir aussi\u00a0: «\u00a0Withdraw Only\u00a0»\u202f; fin\u202f!"),
    # Already right, times, addresses and entities stay as they are.
    ("Solution 1\u00a0: à 14:05 sur https://www.binance.com/fr/x?y=1 n&#39;a", None),
])
def test_no_break_spaces_puts_back_what_the_engine_collapsed(collapsed, french):
    assert no_break_spaces(collapsed, TYPOGRAPHY["fr"]) == (french or collapsed)
    assert no_break_spaces(no_break_spaces(collapsed, TYPOGRAPHY["fr"]), TYPOGRAPHY["fr"]) == (french or collapsed)
    assert list(page_text_faults(no_break_spaces(collapsed, TYPOGRAPHY["fr"]), TYPOGRAPHY["fr"])) == []
    # Only French spaces its punctuation.
    assert no_break_spaces(collapsed, TYPOGRAPHY["en"]) == collapsed


@pytest.mark.parametrize("language,text,message", [
    ("fr", "Quel est le problème ?", "a breakable space (or U+00A0) before ; ! or ?"),
    ("fr", "Quel est le problème\u00a0?", "a breakable space (or U+00A0) before ; ! or ?"),
    ("fr", "Précédent : la page", "a breakable space (or U+202F) before :"),
    ("fr", "- Création du compte: codes jamais reçus", "no space before ; : ! or ?"),
    ("fr", "Pourquoi?", "no space before ; : ! or ?"),
    ("fr", "le mode « Withdraw Only\u00a0»", "a breakable space after «"),
    ("fr", "le mode «\u00a0Withdraw Only »", "a breakable space before »"),
    ("zh", "上一页: 常见问题", "a half-width colon after Chinese or Japanese text"),
    ("ja", "前:よくある質問", "a half-width colon after Chinese or Japanese text"),
])
def test_page_text_faults_are_found(language, text, message):
    assert [m for m, _ in page_text_faults(text, TYPOGRAPHY[language])] == [message]


@pytest.mark.parametrize("language,text", [
    ("fr", "Quel est le problème\u202f? Voir\u00a0: «\u00a0ceci\u00a0» à 14:05, https://x.example/a?b=1"),
    ("zh", "上一页：常见问题 14:05 https://www.binance.com/zh-CN/x"),
    ("ko", "이전: 자주 묻는 질문"),
    ("en", "Previous: FAQ ?"),
])
def test_correct_page_text_passes(language, text):
    assert list(page_text_faults(text, TYPOGRAPHY[language])) == []


def test_french_list_labels_get_a_no_break_space_before_the_template_colon():
    from kb.qa.typography import template_colons
    assert template_colons("- [Titre ?](a.md): résumé\n- [**Catégorie**](causes/index.md#x): texte", TYPOGRAPHY["fr"]) == \
        "- [Titre ?](a.md)\u00a0: résumé\n- [**Catégorie**](causes/index.md#x)\u00a0: texte"
    # Front matter, JSON in attributes, attribute lists and text that is not a list label stay as written.
    for text in ['kb_step_titles: {"a": "b"}', "<div data-x='{\"a\": 1}'>", "{: .kb-summary }", "à 14:05 : oui",
                 "- [Titre](a.md)\u00a0: déjà espacé"]:
        assert template_colons(text, TYPOGRAPHY["fr"]) == text
    assert template_colons("- [标题](a.md): 摘要", TYPOGRAPHY["zh"]) == "- [标题](a.md)：摘要"


def test_iso_dates_are_found_but_not_other_figures():
    assert [m.group() for m in ISO_DATE.finditer("le 2026-11-22, pas 2026-11-220 ni 12-2026-11-22 ni 14:05")] == \
        ["2026-11-22"]


# -- dates and fix headings, rendered -------------------------------------------

@pytest.mark.parametrize("language,expected", [
    ("en", "November 22, 2026"), ("zh", "2026年11月22日"), ("es", "22 de noviembre de 2026"),
    ("fr", "22 novembre 2026"), ("ja", "2026年11月22日"), ("ko", "2026년 11월 22일"), ("de", "22. November 2026")])
def test_dates_are_written_as_each_language_writes_them(language, expected):
    assert local_date("2026-11-22", language) == expected
    assert local_date(datetime.date(2026, 11, 22), language) == expected


@pytest.fixture
def pages(fixture_kb):
    renderer = Renderer(load_knowledge_base(fixture_kb), Schemas(fixture_kb / "schema"))
    return {language: renderer.render_all(language)["causes/doc-expired.md"] for language in LANGUAGES}


def test_fix_headings_use_the_punctuation_of_each_language(pages):
    assert "### Fix 1: \\[en\\] Renew the document { #fix-renew-document" in pages["en"]
    assert "### 方法 1：\\[zh\\] Renew the document {" in pages["zh"]
    assert "### 解決策1：\\[ja\\] Renew the document {" in pages["ja"]
    assert "### Solution 1\u00a0: \\[fr\\] Renew the document {" in pages["fr"]


def test_no_iso_date_on_any_page_but_local_dates(pages):
    for language, page in pages.items():
        assert not re.search(r"\b\d{4}-\d{2}-\d{2}\b", page), language
        assert local_date("2026-11-22", language) in page, language


# -- the real guide --------------------------------------------------------------

def test_the_guide_passes_every_translation_check():
    kb = load_knowledge_base(ROOT / "site-data")
    assert check_translation_quality(kb, Schemas(ROOT / "site-data" / "schema", SITE), ROOT / "site-data") == []


def test_the_termbase_names_the_reviewed_concepts_with_forbidden_variants():
    import yaml
    concepts = yaml.safe_load((ROOT / "site-data/termbase.yml").read_text(encoding="utf-8"))["concepts"]
    for concept, language, variant in [
            ("rejected", "ja", "否認"), ("rejected", "ko", "거절"), ("brand", "zh", "Binance"),
            ("identity-verification", "ko", "본인 인증"), ("official-support", "fr", "support officiel"),
            ("face-check", "ja", "生体認証"), ("api-secret-key", "zh", "API 私钥"), ("seed-phrase", "ko", "복구 문구"),
            ("national-id-card", "ja", "国民身分証明書"), ("live-chat", "zh", "客服聊天")]:
        assert variant in concepts[concept][language]["forbidden"], (concept, language)
    for concept in ("under-review", "proof-of-address", "two-factor"):
        assert concept in concepts


@pytest.mark.parametrize("confirmed_for,expected", [("the current English", 1), ("an older English", 0)])
def test_parity_holds_a_translation_to_the_english_it_was_confirmed_for(fixture_kb, confirmed_for, expected):
    from kb.translations import english_hash, write_lock
    solution = fixture_kb / "solutions" / "retake-selfie.yml"
    lines = solution.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[2] = "  - {" + ", ".join(f'{language}: "Wait {48 if language == "fr" else 24} hours."'
                                   for language in LANGUAGES) + "}\n"
    solution.write_text("".join(lines), encoding="utf-8")
    english = "Wait 24 hours." if confirmed_for == "the current English" else "Wait 48 hours."
    write_lock(fixture_kb, {"solutions/retake-selfie.yml": {"steps[0]": {"fr": english_hash(english)}}})
    # An outdated translation is listed by `kb translations`; parity waits until it is confirmed again.
    assert len([p for p in problems_of(fixture_kb) if "`numbers`" in p]) == expected


def test_template_colons_after_chinese_and_japanese_labels_are_full_width(fixture_kb):
    from kb.qa.typography import full_width_colons
    assert full_width_colons("- [**注册**](causes/index.md#sign-up): 收不到验证码", TYPOGRAPHY["zh"]) == \
        "- [**注册**](causes/index.md#sign-up)：收不到验证码"
    assert full_width_colons("- [在线客服](https://www.binance.com/ja/chat): ご自身で", TYPOGRAPHY["ja"]) == \
        "- [在线客服](https://www.binance.com/ja/chat)：ご自身で"
    # Korean keeps the half-width colon; Latin labels keep theirs; times are not labels.
    for text, language in [("- [**가입**](x): 인증", "ko"), ("- [**Binance Verify**](x): 核实", "zh"),
                           ("14:05 UTC+8", "zh")]:
        assert full_width_colons(text, TYPOGRAPHY[language]) == text
    # Rendered pages: the cause list puts "[title](page): summary" after each cause.
    cause = fixture_kb / "causes" / "doc-expired.yml"
    cause.write_text(cause.read_text(encoding="utf-8").replace('en: "[en] Document expired"', 'en: "Document expired"')
                     .replace('zh: "[zh] Document expired"', 'zh: "证件过期"')
                     .replace('ja: "[ja] Document expired"', 'ja: "書類の期限切れ"'), encoding="utf-8")
    renderer = Renderer(load_knowledge_base(fixture_kb), Schemas(fixture_kb / "schema"))
    assert "- [证件过期](doc-expired.md)：" in renderer.render_all("zh")["causes/index.md"]
    assert "- [書類の期限切れ](doc-expired.md)：" in renderer.render_all("ja")["causes/index.md"]
    assert "- [Document expired](doc-expired.md): " in renderer.render_all("en")["causes/index.md"]


# -- which language follows which rule: site.yml, not the code ------------------------

def _site_with(tmp_path, code: str, **rules):
    """The guide's declaration with one language's rules changed, as an editor would change site.yml."""
    import shutil
    from kb.site import load_site
    data = tmp_path / "site-data"
    data.mkdir(parents=True)
    shutil.copy2(ROOT / "site-data" / "site.yml", data / "site.yml")
    shutil.copytree(ROOT / "site-data" / "schema", data / "schema")
    declare_language_rules(data, code, **rules)
    return load_site(data)


def test_the_rules_of_each_language_are_those_site_yml_declares():
    # What the guide declared as Python constants before: every value now comes from site.yml.
    # It names the languages on purpose: it pins what site.yml declares of each one (Chinese,
    # Japanese and Korean are CJK scripts), which selecting by the property would only repeat.
    assert {l.code for l in SITE.languages if l.script == "cjk"} == {"zh", "ja", "ko"}
    assert {l.code: l.typography for l in SITE.languages if l.typography} == \
        {"zh": "full-width", "fr": "french", "ja": "full-width"}
    assert {l.code for l in SITE.languages if l.list_items_may_be_fragments} == {"ja", "ko"}
    assert {l.code: l.words_allowed_twice for l in SITE.languages if l.words_allowed_twice} == {"fr": {"vous", "nous"}}
    # The guide has no German: the second knowledge base (tests/router-kb) declares its own rules.
    assert "de" not in SITE.codes
    assert all(l.length_ratio for l in SITE.languages if l.code != SITE.source_language)


def test_the_schema_offers_the_typography_rule_sets_the_code_has():
    import json
    from kb.qa.typography import RULE_SETS
    schema = json.loads((ROOT / "site-data/schema/site.schema.json").read_text(encoding="utf-8"))
    assert tuple(schema["properties"]["languages"]["items"]["properties"]["typography"]["enum"]) == RULE_SETS


def test_a_language_declared_with_french_typography_is_checked_and_typeset_so(fixture_kb):
    """Korean follows no typography rules in the guide; declared `typography: french`, it gets all of them."""
    declare_language_rules(fixture_kb, "ko", typography="french")
    faq = fixture_kb / "faqs" / "which-documents.yml"
    text = faq.read_text(encoding="utf-8")
    faq.write_text(text.replace('ko: "[ko] A valid one."', 'ko: "[ko] «Withdraw Only » 모드입니다."'), encoding="utf-8")
    assert problems_of(fixture_kb) == [
        "site-data/faqs/which-documents.yml:2: answer.ko: no space after « (1×, first at «[ko] «Withdraw Onl») "
        "— put a space after « and before » (the build makes them no-break spaces)"]
    faq.write_text(text.replace('ko: "[ko] A valid one."', 'ko: "[ko] « Withdraw Only » : 모드입니다."'), encoding="utf-8")
    renderer = Renderer(load_knowledge_base(fixture_kb), Schemas(fixture_kb / "schema"))
    assert "«\u00a0Withdraw Only\u00a0»\u00a0: 모드입니다." in renderer.render_all("ko")["faq.md"]
    # French itself, declared without typography, is typeset as English is.
    declare_language_rules(fixture_kb, "fr", typography=None)
    renderer = Renderer(load_knowledge_base(fixture_kb), Schemas(fixture_kb / "schema"))
    assert "- [\\[fr\\] Document expired](doc-expired.md): " in renderer.render_all("fr")["causes/index.md"]


def test_full_width_typography_and_the_cjk_script_come_from_the_declaration(tmp_path):
    site = _site_with(tmp_path, "ko", typography="full-width")
    # Korean written with a full stop of Chinese and Japanese, then a space: a trace of English spacing.
    korean = field({"ko": "안내를 확인하세요。 다음 단계"})
    assert [str(p) for p in typography_problems(korean, site.languages)] and \
        not list(typography_problems(korean, SITE.languages))
    # Full-width endings compare as their ASCII twins only in a language of cjk script.
    latin = ParityChecker(_site_with(tmp_path / "latin", "ja", script="latin"))
    pair = field({"en": "Can I cancel the review?", "ja": "審査を取り消せますか？"}, PLAIN)
    assert list(CHECKER.problems(pair, "faqs/x.yml")) == []
    assert ["`endpunc`" in str(p) for p in latin.problems(pair, "faqs/x.yml")] == [True]


def test_list_items_may_be_fragments_and_words_allowed_twice_come_from_the_declaration(tmp_path):
    fragments = field({"en": "Common causes:\n\n- a blurred photo.\n- a cut-off corner.",
                       "ja": "よくある原因：\n\n- ぼやけた写真\n- 角の欠け"})
    strict = ParityChecker(_site_with(tmp_path, "ja", list_items_may_be_fragments=None))
    assert list(CHECKER.problems(fragments, "faqs/x.yml")) == []
    assert len(list(strict.problems(fragments, "faqs/x.yml"))) == 1
    doubled = field({"en": "Send the photo again.", "es": "Envía la la foto otra vez."}, PLAIN)
    assert len(list(CHECKER.problems(doubled, "faqs/x.yml"))) == 1
    allowed = ParityChecker(_site_with(tmp_path / "es", "es", words_allowed_twice="[la]"))
    assert list(allowed.problems(doubled, "faqs/x.yml")) == []


def _long_french_answer(fixture_kb):
    """The FAQ of the golden case qa-length-outlier: its French answer is far longer than the English."""
    from golden_cases import GOLDEN, apply_case, load_case
    apply_case(load_case(GOLDEN / "qa-length-outlier.yml"), fixture_kb)


def _warnings(fixture_kb):
    kb = load_knowledge_base(fixture_kb)
    return [str(w) for w in translation_warnings(kb, Schemas(fixture_kb / "schema"), fixture_kb)
            if w.file == "site-data/faqs/which-documents.yml"]


def test_a_language_without_a_length_ratio_is_not_compared_in_length(fixture_kb):
    """Decided: no length_ratio, no length warning (the range of a language is data, never a default in code)."""
    _long_french_answer(fixture_kb)
    assert [w.split(": ", 2)[1] for w in _warnings(fixture_kb)] == ["answer.fr"]
    declare_language_rules(fixture_kb, "fr", length_ratio=None)
    assert _warnings(fixture_kb) == []


def test_length_warnings_take_the_range_the_minimum_and_the_exemptions_from_the_data(fixture_kb):
    _long_french_answer(fixture_kb)
    declare_language_rules(fixture_kb, "fr", length_ratio="{min: 0.70, max: 2.50}")
    assert _warnings(fixture_kb) == []
    declare_language_rules(fixture_kb, "fr", length_ratio="{min: 0.70, max: 1.70}")
    site_file = fixture_kb / "site.yml"
    site_file.write_text(site_file.read_text(encoding="utf-8").replace(
        "length_check_min_characters: 40", "length_check_min_characters: 80"), encoding="utf-8")
    assert _warnings(fixture_kb) == []
    site_file.write_text(site_file.read_text(encoding="utf-8").replace(
        "length_check_min_characters: 80", "length_check_min_characters: 40"), encoding="utf-8")
    (fixture_kb / "qa-exemptions.yml").write_text(
        "exemptions:\n  - {file: faqs/which-documents.yml, key: answer, check: length, languages: [fr],"
        " reason: a quoted message}\n", encoding="utf-8")
    assert _warnings(fixture_kb) == []


def test_a_knowledge_base_may_declare_no_exemptions_file(fixture_kb):
    site_file = fixture_kb / "site.yml"
    text = site_file.read_text(encoding="utf-8")
    declared = "  qa-exemptions:\n    file: qa-exemptions.yml\n    translated: false\n"
    assert declared in text
    (fixture_kb / "qa-exemptions.yml").unlink()
    assert problems_of(fixture_kb) == [
        "site-data/qa-exemptions.yml:1: the file is missing — restore site-data/qa-exemptions.yml (the exemptions "
        "from the translation checks), or remove `qa-exemptions` from `files:` of site-data/site.yml"]
    site_file.write_text(text.replace(declared, ""), encoding="utf-8")
    assert problems_of(fixture_kb) == []
    _long_french_answer(fixture_kb)
    [warning] = _warnings(fixture_kb)
    assert "exempt this field in a file declared as `qa-exemptions` under `files:` of site-data/site.yml" in warning


def test_length_reads_prose_only_not_markup_links_code_or_placeholders():
    from kb.qa.length import prose_length
    assert prose_length("{count} possible causes. Most likely: {title}") == len("possible causes. Most likely:")
    assert prose_length("**Open** the [Terms](https://www.binance.com/en/terms) and `kb validate`") == len("Open the Terms and")
    # A brace that is not a placeholder is text a reader reads.
    assert prose_length("{ not a placeholder }") == len("{ not a placeholder }")
