"""Exemptions from the translation checks: the fields a check would report for a good reason.

They are data of the knowledge base, in the file site.yml declares as `qa-exemptions`
under `files:` (site-data/qa-exemptions.yml), each with its reason, so that nobody
widens one to silence a real fault. An exemption names the file (relative to
site-data/), the key without its language, the check, and the languages it holds for.
A knowledge base that declares no such file has no exemptions.
"""
from __future__ import annotations

from ..problems import Problem, format_key
from ..translations import relative_file
from .settings import STRUCTURE_COUNTS, TOOLKIT_CHECKS

EXEMPTIONS = "qa-exemptions"
LENGTH_CHECK = "length"
CHECKS = TOOLKIT_CHECKS + STRUCTURE_COUNTS + (LENGTH_CHECK,)


class Exemptions:
    """(file, key, language) -> the checks that do not apply there."""

    def __init__(self, entries=(), parsed=None):
        self.entries = list(entries)
        self.parsed = parsed
        self._checks: dict[tuple[str, str, str], set[str]] = {}
        for entry in self.entries:
            for language in entry["languages"]:
                self._checks.setdefault((entry["file"], entry["key"], language), set()).add(entry["check"])

    def checks(self, file: str, key: str, language: str) -> set[str]:
        return self._checks.get((file, key, language), set())

    def exempt(self, file: str, key: str, check: str, language: str) -> bool:
        return check in self.checks(file, key, language)

    def problems(self, site, texts: set[tuple[str, str]]) -> list[Problem]:
        """Exemptions that name no translation language, no check or no text field (file, key) of texts."""
        problems: list[Problem] = []
        languages = site.translation_languages
        for index, entry in enumerate(self.entries):
            def problem(at: tuple, message: str, fix: str) -> None:
                path = ("exemptions", index) + at
                problems.append(Problem(self.parsed.path, self.parsed.line_of(path), format_key(path), message, fix))
            for position, language in enumerate(entry["languages"]):
                if language not in languages:
                    problem(("languages", position), f"`{language}` is not one of the site's translation languages",
                            f"use one of: {', '.join(languages)} (site.yml)")
            if entry["check"] not in CHECKS:
                problem(("check",), f"`{entry['check']}` is not a translation check",
                        f"use one of: {', '.join(CHECKS)}")
            if (entry["file"], entry["key"]) not in texts:
                problem(("key",), f"`{entry['file']}` has no translated text `{entry['key']}`",
                        "name the file relative to site-data/ and the key without its language, as `kb validate` "
                        "does; remove the exemption if the text is gone")
        return problems


def exemptions_of(kb) -> Exemptions:
    """The exemptions of a loaded knowledge base (none if site.yml declares no qa-exemptions file)."""
    declared = kb.site.files.get(EXEMPTIONS)
    if declared is None:
        return Exemptions()
    parsed = next((p for path, p in kb.files.items() if relative_file(path) == declared.file), None)
    if parsed is None or not isinstance(parsed.value, dict):
        return Exemptions()
    return Exemptions(parsed.value.get("exemptions") or [], parsed)
