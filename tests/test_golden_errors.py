"""Golden bad-input cases: each broken fixture must produce exactly its expected messages."""
from __future__ import annotations

import pytest

from golden_cases import GOLDEN, apply_case, load_case
from kb.loader import load_knowledge_base
from kb.problems import KnowledgeBaseError

CASES = sorted(GOLDEN.glob("*.yml"))


def test_there_are_enough_cases():
    assert len(CASES) >= 15


@pytest.mark.parametrize("case_file", CASES, ids=lambda p: p.stem)
def test_golden_case(case_file, fixture_kb):
    case = load_case(case_file)
    assert case.get("expect"), f"{case_file.name} has no expected messages"
    apply_case(case, fixture_kb)
    with pytest.raises(KnowledgeBaseError) as raised:
        load_knowledge_base(fixture_kb)
    assert [str(p) for p in raised.value.problems] == case["expect"]


def test_fixture_itself_is_valid(fixture_kb):
    kb = load_knowledge_base(fixture_kb)
    assert set(kb.causes) == {"doc-expired", "face-failed"}
