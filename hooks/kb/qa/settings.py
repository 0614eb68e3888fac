"""The fixed part of the translation checks: which checks run, and how full-width marks compare.

Which language follows which rule, and its numbers and words, are data of the
knowledge base: each language's entry in site-data/site.yml (script, typography,
list_items_may_be_fragments, words_allowed_twice, length_ratio) and, for single
fields, the exemptions of site-data/qa-exemptions.yml, each with its reason.
"""
from __future__ import annotations

# translate-toolkit checks run on every field, source language -> each language.
TOOLKIT_CHECKS = ("numbers", "urls", "brackets", "endpunc", "doublewords", "pythonbraceformat", "emails",
                  "newlines")

# The counts of the Markdown structure check (parity.structure_problems), by the names its messages use.
STRUCTURE_COUNTS = ("paragraphs", "list items", "bold spans", "links")

# Full-width punctuation is the same mark in Chinese and Japanese text (and in Korean
# brackets): in a language whose script is cjk, compare it as its ASCII twin, or every
# 。 and ？ would be a "different" ending.
FULL_WIDTH = str.maketrans({"。": ".", "？": "?", "！": "!", "：": ":", "；": ";", "，": ",", "（": "(", "）": ")",
                            "［": "[", "］": "]", "【": "[", "】": "]", "、": ","})
CJK_SCRIPT = "cjk"
