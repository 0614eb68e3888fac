"""Checks across files: every id that one entry uses must exist, and nothing is orphaned."""
from __future__ import annotations

from .model import Entry, KnowledgeBase
from .problems import Problem, format_key
from .schema import LANGUAGE_NAMES


def _known(ids) -> str:
    ids = sorted(ids)
    shown = ", ".join(ids[:12])
    return f"known ids: {shown}{', …' if len(ids) > 12 else ''}"


def _unknown_references(entry: Entry, key: str, target_kind: str, targets: dict) -> list[Problem]:
    folder = {"cause": "causes", "solution": "solutions", "faq": "faqs", "category": "categories.yml"}[target_kind]
    problems = []
    values = entry.get(key)
    for index, ref in enumerate(values if isinstance(values, list) else [values]):
        if ref not in targets:
            at = (key, index) if isinstance(values, list) else (key,)
            where = (f"add it to site-data/{folder}" if folder.endswith(".yml")
                     else f"create site-data/{folder}/{ref}.yml")
            problems.append(Problem(
                entry.path, entry.line_of(*at), format_key(at),
                f"refers to unknown {target_kind} `{ref}`",
                f"correct the id or {where}; {_known(targets)}"))
    return problems


def check_references(kb: KnowledgeBase, category_lines: dict[str, int], categories_path: str) -> list[Problem]:
    problems: list[Problem] = []
    category_ids = {c["id"]: c for c in kb.categories}
    for cause in kb.causes.values():
        problems += _unknown_references(cause, "category", "category", category_ids)
        problems += _unknown_references(cause, "solutions", "solution", kb.solutions)
        problems += _unknown_references(cause, "faqs", "faq", kb.faqs)
    for faq in kb.faqs.values():
        problems += _unknown_references(faq, "causes", "cause", kb.causes)
    for checklist in kb.checklists.values():
        problems += _unknown_references(checklist, "causes", "cause", kb.causes)

    # A cause lists its FAQs and a FAQ lists its causes: both pages show the link,
    # so the two lists must agree or one page would silently miss it.
    for cause in kb.causes.values():
        for index, faq_id in enumerate(cause["faqs"]):
            faq = kb.faqs.get(faq_id)
            if faq is not None and cause.id not in faq["causes"]:
                problems.append(Problem(
                    faq.path, faq.line_of("causes"), "causes",
                    f"does not list `{cause.id}`, although {cause.path} lists this FAQ",
                    f"add `{cause.id}` here, or remove `{faq_id}` from that cause's faqs"))
    for faq in kb.faqs.values():
        for index, cause_id in enumerate(faq["causes"]):
            cause = kb.causes.get(cause_id)
            if cause is not None and faq.id not in cause["faqs"]:
                problems.append(Problem(
                    cause.path, cause.line_of("faqs"), "faqs",
                    f"does not list `{faq.id}`, although {faq.path} names this cause",
                    f"add `{faq.id}` to faqs, or remove `{cause_id}` from that FAQ's causes"))

    used_solutions = {s for c in kb.causes.values() for s in c["solutions"]}
    for solution in kb.solutions.values():
        if solution.id not in used_solutions:
            problems.append(Problem(
                solution.path, 1, "", "no cause uses this solution, so no page would show it",
                "add its id to the `solutions:` of a cause, or delete the file"))

    seen: dict[str, int] = {}
    for index, category in enumerate(kb.categories):
        line = category_lines.get(category["id"], 1)
        if category["id"] in seen:
            problems.append(Problem(categories_path, line, f"categories[{index}].id",
                                    f"the id `{category['id']}` is used twice", "give each category its own id"))
        seen[category["id"]] = line
        if not kb.causes_in(category["id"]):
            problems.append(Problem(categories_path, line, f"categories[{index}]",
                                    f"no cause is in the category `{category['id']}`",
                                    "move a cause into it or remove the category"))
    return problems


def check_ui_parity(kb: KnowledgeBase, ui_files: dict) -> list[Problem]:
    """Every language has exactly the interface keys of English."""
    problems = []
    reference = kb.ui.get("en", {})
    for language, strings in kb.ui.items():
        parsed = ui_files[language]
        for key in sorted(set(reference) - set(strings)):
            problems.append(Problem(parsed.path, 1, key, "this interface key is missing",
                                    f"add `{key}:` with the {LANGUAGE_NAMES[language]} text (it is in site-data/ui/en.yml)"))
        for key in sorted(set(strings) - set(reference)):
            problems.append(Problem(parsed.path, parsed.line_of((key,)), key, "this key is not in site-data/ui/en.yml",
                                    "remove it, or add it to en.yml and every other language"))
    return problems
