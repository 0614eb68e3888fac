"""Checks across files: every id that one entry uses must exist, and nothing is orphaned."""
from __future__ import annotations

import difflib

from .model import Entry, KnowledgeBase
from .problems import Problem, format_key


def _known(ids) -> str:
    ids = sorted(ids)
    shown = ", ".join(ids[:12])
    return f"known ids: {shown}{', …' if len(ids) > 12 else ''}"


def did_you_mean(ref, ids) -> str:
    """`did you mean `x`? ` for an id close to a known one (a typo), else nothing."""
    close = difflib.get_close_matches(str(ref), sorted(map(str, ids)), n=3, cutoff=0.6)
    return f"did you mean {', '.join(f'`{c}`' for c in close)}? " if close else ""


def _unknown_references(entry: Entry, key: str, target_kind: str, targets: dict,
                        entry_folders: dict[str, str]) -> list[Problem]:
    folder = entry_folders[target_kind]
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
                f"{did_you_mean(ref, targets)}correct the id or {where}; {_known(targets)}"))
    return problems


def check_references(kb: KnowledgeBase, category_lines: dict[str, int], categories_path: str) -> list[Problem]:
    problems: list[Problem] = []
    category_ids = {c["id"]: c for c in kb.categories}
    folders = {name: kind.folder for name, kind in kb.site.kinds.items()}
    folders["category"] = kb.site.files["categories"].file
    for cause in kb.causes.values():
        problems += _unknown_references(cause, "category", "category", category_ids, folders)
        problems += _unknown_references(cause, "solutions", "solution", kb.solutions, folders)
        problems += _unknown_references(cause, "faqs", "faq", kb.faqs, folders)
    for faq in kb.faqs.values():
        problems += _unknown_references(faq, "causes", "cause", kb.causes, folders)
    for checklist in kb.checklists.values():
        problems += _unknown_references(checklist, "causes", "cause", kb.causes, folders)

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
    """Every language has exactly the interface keys of the source language."""
    problems = []
    source = kb.site.source_language
    ui_folder = kb.site.files["ui"].folder
    reference = kb.ui.get(source, {})
    for language, strings in kb.ui.items():
        parsed = ui_files[language]
        for key in sorted(set(reference) - set(strings)):
            problems.append(Problem(parsed.path, 1, key, "this interface key is missing",
                                    f"add `{key}:` with the {kb.site.name_of(language)} text "
                                    f"(it is in site-data/{ui_folder}/{source}.yml)"))
        for key in sorted(set(strings) - set(reference)):
            problems.append(Problem(parsed.path, parsed.line_of((key,)), key,
                                    f"this key is not in site-data/{ui_folder}/{source}.yml",
                                    f"remove it, or add it to {source}.yml and every other language"))
    return problems
