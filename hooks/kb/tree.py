"""The troubleshooting decision tree: its structure and the checks that prove it sound.

The tree is checked as a graph, not by its wording (GOV.UK Smart Answers test
flows the same way): every question reachable from the start, no cycles, no
dead ends, every outcome pointing at existing causes, every cause reachable, and
within MAX_ANSWERS answers. Each question has exactly one way in, so a static
page per question can always show the answers that led to it.
"""
from __future__ import annotations

from dataclasses import dataclass

from .problems import Problem
from .references import did_you_mean
from .yamlsource import ParsedYaml

# Three answers at most: an anxious reader who has to answer more questions than that
# before seeing a page starts to doubt the path. tests/test_reader_situations.py holds
# the paths of real readers' situations (benchmarks/reader_situations.yml) to it too.
MAX_ANSWERS = 3


@dataclass(frozen=True)
class Step:
    """One answer on the way to a page: the question asked and the answer chosen."""

    question_id: str
    answer_index: int


class Tree:
    """A validated tree: questions by id, and for each question the path that reaches it."""

    def __init__(self, data: dict):
        self.start: str = data["start"]
        self.questions: dict[str, dict] = data["questions"]
        self.paths: dict[str, tuple[Step, ...]] = {self.start: ()}
        pending = [self.start]
        while pending:
            question_id = pending.pop()
            for index, answer in enumerate(self.questions[question_id]["answers"]):
                if "next" in answer:
                    self.paths[answer["next"]] = self.paths[question_id] + (Step(question_id, index),)
                    pending.append(answer["next"])

    def cause_depths(self) -> dict[str, int]:
        """The fewest answers needed to reach each cause."""
        return {cause: depth for cause, (depth, _) in self.shallowest_outcomes().items()}

    def shallowest_outcomes(self) -> dict[str, tuple[int, Step]]:
        """For each cause: the fewest answers that reach it, and the last of those answers."""
        found: dict[str, tuple[int, Step]] = {}
        for question_id in self.paths:
            for index, answer in enumerate(self.questions[question_id]["answers"]):
                depth = len(self.paths[question_id]) + 1
                for cause in answer.get("causes", []):
                    if cause not in found or depth < found[cause][0]:
                        found[cause] = (depth, Step(question_id, index))
        return found


def check_tree(parsed: ParsedYaml, cause_ids) -> list[Problem]:
    """Every structural problem of a schema-valid tree, each naming its line and question."""
    data = parsed.value
    questions = data["questions"]
    problems: list[Problem] = []

    def report(key_path: tuple, key: str, message: str, fix: str) -> None:
        problems.append(Problem(parsed.path, parsed.line_of(key_path), key, message, fix))

    if data["start"] not in questions:
        report(("start",), "start", f"the start question `{data['start']}` does not exist",
               f"{did_you_mean(data['start'], questions)}use one of: {', '.join(sorted(questions))}")
        return problems

    parents: dict[str, list[str]] = {}
    for question_id, question in questions.items():
        seen_answers = set()
        for index, answer in enumerate(question["answers"]):
            at = ("questions", question_id, "answers", index)
            key = f"questions.{question_id}.answers[{index}]"
            if answer["id"] in seen_answers:
                report(at + ("id",), key + ".id", f"the answer id `{answer['id']}` is used twice in `{question_id}`",
                       "give each answer of a question its own id")
            seen_answers.add(answer["id"])
            has_next, has_causes = "next" in answer, "causes" in answer
            if not has_next and not has_causes:
                report(at, key, f"dead end: answer `{answer['id']}` of `{question_id}` leads nowhere",
                       "add `next:` with a question id, or `causes:` with the causes to show")
            elif has_next and has_causes:
                report(at, key, f"answer `{answer['id']}` of `{question_id}` has both `next` and `causes`",
                       "keep one: an answer leads either to a question or to an outcome")
            if has_next:
                target = answer["next"]
                if target not in questions:
                    report(at + ("next",), key + ".next", f"leads to unknown question `{target}`",
                           f"{did_you_mean(target, questions)}use one of: {', '.join(sorted(questions))}")
                else:
                    parents.setdefault(target, []).append(question_id)
            for cause_index, cause in enumerate(answer.get("causes", [])):
                if cause not in cause_ids:
                    report(at + ("causes", cause_index), f"{key}.causes[{cause_index}]",
                           f"refers to unknown cause `{cause}`",
                           f"{did_you_mean(cause, cause_ids)}correct the id or create site-data/causes/{cause}.yml")

    if data["start"] in parents:
        report(("questions", data["start"]), f"questions.{data['start']}",
               f"the start question `{data['start']}` is also reached from `{parents[data['start']][0]}`: that makes a cycle",
               "no answer may lead back to the start")
    for question_id, sources in parents.items():
        if len(sources) > 1:
            report(("questions", question_id), f"questions.{question_id}",
                   f"`{question_id}` is reached by {len(sources)} answers (in {', '.join(sorted(set(sources)))})",
                   "each question has one way in, so its page can show the answers that led to it; copy the question under a new id")
    if problems:
        return problems

    # With one parent each, a question that cannot be reached from the start is
    # either orphaned or part of a cycle.
    reachable = {data["start"]}
    pending = [data["start"]]
    while pending:
        for answer in questions[pending.pop()]["answers"]:
            if "next" in answer and answer["next"] not in reachable:
                reachable.add(answer["next"])
                pending.append(answer["next"])
    for question_id in questions:
        if question_id not in reachable:
            cycle = _cycle_through(question_id, parents)
            message = (f"`{question_id}` is part of a cycle ({' → '.join(cycle)})" if cycle
                       else f"`{question_id}` cannot be reached from the start question")
            report(("questions", question_id), f"questions.{question_id}", message,
                   "make an answer on the way from the start lead to it, or delete it")
    if problems:
        return problems

    shallowest = Tree(data).shallowest_outcomes()
    for cause in sorted(cause_ids):
        if cause not in shallowest:
            report(("questions",), "questions", f"the cause `{cause}` cannot be reached from the start",
                   "add it to the `causes:` of an answer")
            continue
        depth, step = shallowest[cause]
        if depth > MAX_ANSWERS:
            report(("questions", step.question_id, "answers", step.answer_index, "causes"),
                   f"questions.{step.question_id}.answers[{step.answer_index}].causes",
                   f"the cause `{cause}` needs {depth} answers to reach; at most {MAX_ANSWERS} are allowed",
                   "offer it from a question closer to the start")
    return problems


def _cycle_through(question_id: str, parents: dict[str, list[str]]) -> list[str]:
    """The cycle containing question_id when following parents, or [] when there is none."""
    chain = [question_id]
    current = question_id
    while current in parents:
        current = parents[current][0]
        if current == question_id:
            return [question_id] + list(reversed(chain[1:])) + [question_id]
        if current in chain:
            return []
        chain.append(current)
    return []
