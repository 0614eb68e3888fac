"""The synthetic knowledge base of the benchmarks is valid and N times the real one."""
from __future__ import annotations

import sys

from helpers import ROOT
from kb.loader import load_knowledge_base

sys.path.insert(0, str(ROOT / "benchmarks"))
from synthetic_kb import generate  # noqa: E402


def test_three_times_the_real_knowledge_base_validates(tmp_path, real_kb):
    counts = generate(ROOT / "site-data", tmp_path / "kb", 3)
    kb = load_knowledge_base(tmp_path / "kb")
    assert counts == {"causes": 3 * len(real_kb.causes), "solutions": 3 * len(real_kb.solutions),
                      "faqs": 3 * len(real_kb.faqs), "checklists": 3 * len(real_kb.checklists)}
    assert len(kb.causes) == counts["causes"] and kb.languages == real_kb.languages
    # Copies are not word-for-word repeats of their original.
    original = sorted(real_kb.causes)[0]
    assert kb.causes[f"{original}-x2"]["summary"] != kb.causes[original]["summary"]
    assert set(kb.tree.cause_depths()) == set(kb.causes)
