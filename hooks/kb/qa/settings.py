"""Per-language settings of the parity checks: where a check would be noisy for a good reason.

Each setting says why, so that nobody widens it to silence a real fault. Field
exemptions name the file (relative to site-data/), the key without its language
and the check, and hold for every language listed.
"""
from __future__ import annotations

CJK = ("zh", "ja", "ko")

# translate-toolkit checks run on every field, English -> each language.
TOOLKIT_CHECKS = ("numbers", "urls", "brackets", "endpunc", "doublewords", "pythonbraceformat", "emails",
                  "newlines")

# Full-width punctuation is the same mark in Chinese and Japanese text (and in Korean
# brackets): compare it as its ASCII twin, or every 。 and ？ would be a "different" ending.
FULL_WIDTH = str.maketrans({"。": ".", "？": "?", "！": "!", "：": ":", "；": ";", "，": ",", "（": "(", "）": ")",
                            "［": "[", "］": "]", "【": "[", "】": "]", "、": ","})

# Languages whose list items may end without a full stop (noun phrases): a field
# that ends in a list item need not end as the English does.
LIST_FRAGMENTS = ("ja", "ko")

# Words that may stand twice in a row in correct text of a language.
DOUBLE_WORDS_ALLOWED = {
    # Reflexive verbs: « d'où vous vous connectez », « nous nous engageons ».
    "fr": {"vous", "nous"},
    # Formal "you" then "it": « Lesen Sie sie durch ».
    "de": {"sie"},
}

# (file, key without language, check) -> (languages, reason). The check is a toolkit
# check's name or a structure count ("bold spans", "list items", "paragraphs", "links").
FIELD_EXEMPTIONS = {
    ("support-request.yml", "include[2].hint", "numbers"):
        (("zh", "es", "fr", "ja", "ko"),
         "the example time zone is the reader's own (UTC+8, UTC−5, UTC+9), not the English example's"),
    ("support-request.yml", "message.greeting", "endpunc"):
        (("es",), "a Spanish letter opens with a colon (Hola, equipo…:) where English uses a comma"),
    # A label or message quoted in English, as the reader sees it on Binance, then translated in brackets.
    ("faqs/what-does-a-restricted-location-message-mean.yml", "question", "length"):
        (("zh", "es", "fr", "ja", "ko"), "the English message is quoted as the reader sees it, then translated"),
    ("causes/region-not-supported.yml", "sources[0].title", "length"):
        (("zh", "es", "fr", "ja", "ko"), "the section is named in English, as on the page, then translated"),
    # Interface strings are named by the English file (ui/en.yml), as in translations.lock.yml.
    ("ui/en.yml", "cause.reviewed", "length"):
        (("fr",), "the French language review's shorter wording, « Sources vérifiées le {date}. »"),
    # The second knowledge base (tests/router-kb/), built by the same generator.
    ("solutions/rejoin-home-wifi.yml", "steps[1]", "bold spans"):
        (("de",), "German phones label the button in two ways (**Entfernen** or **Ignorieren**)"),
}

# How long a translation usually is, in characters of prose (link targets, addresses and
# code left out), as a ratio to the English: (shortest, longest) before `kb validate`
# warns. Outside it, a sentence may have been dropped or added, or a word left in
# English; the warning asks an editor to look, it does not stop the build. Chinese,
# Japanese and Korean need far fewer characters than English; Spanish and French more.
# Measured on the guide on 2026-12-03 (582 texts of each language whose English has
# 40 characters or more): median zh 0.32, ja 0.51, ko 0.53, es 1.10, fr 1.20; the
# bounds leave 99% or more of each language inside.
LENGTH_RATIOS = {
    "zh": (0.18, 0.65),
    "ja": (0.28, 0.90),
    "ko": (0.28, 0.90),
    "es": (0.70, 1.70),
    "fr": (0.70, 1.70),
    # The second knowledge base (tests/router-kb/) is in German: too few texts to measure,
    # so a wider range around the usual German length (longer than English).
    "de": (0.70, 1.80),
}
# Shorter English texts (labels, titles) vary too much in length to compare.
LENGTH_MIN_ENGLISH = 40
