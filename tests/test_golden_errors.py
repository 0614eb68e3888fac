"""Golden bad-input cases: each broken fixture must produce exactly its expected messages."""
from __future__ import annotations

import pytest

from golden_cases import GOLDEN, apply_case, load_case
from kb.loader import load_knowledge_base
from kb.problems import KnowledgeBaseError
from kb.qa import translation_warnings
from kb.schema import Schemas

ALL_CASES = sorted(GOLDEN.glob("*.yml"))
# A case with `expect_warnings` is valid data that `kb validate` warns about (not an error).
CASES = [case for case in ALL_CASES if "expect_warnings" not in load_case(case)]
WARNING_CASES = [case for case in ALL_CASES if "expect_warnings" in load_case(case)]


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


@pytest.mark.parametrize("case_file", WARNING_CASES, ids=lambda p: p.stem)
def test_golden_warning_case(case_file, fixture_kb):
    case = load_case(case_file)
    assert case["expect_warnings"] and "expect" not in case, f"{case_file.name}: warnings only"
    apply_case(case, fixture_kb)
    kb = load_knowledge_base(fixture_kb)
    # The fixture's interface strings are the real ones: only the case's file is compared, exactly.
    shown = f"site-data/{case['file']}:"
    warnings = [str(w) for w in translation_warnings(kb, Schemas(fixture_kb / "schema"), fixture_kb)]
    assert [w for w in warnings if w.startswith(shown)] == case["expect_warnings"]


def test_there_are_warning_cases():
    assert len(WARNING_CASES) >= 2


def test_fixture_itself_is_valid(fixture_kb):
    kb = load_knowledge_base(fixture_kb)
    assert set(kb.causes) == {"doc-expired", "face-failed"}
