"""Translation quality checks: terminology, parity with the English, typography.

The validator runs them over every translated text once the files are sound, so
every build holds the six languages to one termbase, to the English source's
content and shape, and to each language's punctuation. Each problem is reported
like every other validator message: `file:line: key: message — fix`.
"""
from __future__ import annotations

from pathlib import Path

from ..problems import Problem, format_key
from ..translations import OUTDATED, FileLock, lock_text, parse_lock
from .exemptions import exemptions_of
from .length import length_warnings
from .parity import ParityChecker
from .terms import term_problems, termbase_rules
from .texts import text_fields
from .typography import typography_problems


def check_translation_quality(kb, schemas, data_dir: Path, warnings: list | None = None) -> list[Problem]:
    """Every terminology, parity and typography problem of the loaded knowledge base.

    Parity compares a translation with the English it was written for. Once the English
    changes, a confirmed translation is outdated (`kb translations` lists it and its page
    says so) and is held to the English again when it is updated and confirmed; a
    translation never confirmed is taken as written for the current English. Warnings
    (translations of outlying length), when a list is given, are added to it in the same pass.
    """
    rules = termbase_rules(kb)
    exemptions = exemptions_of(kb)
    parity = ParityChecker(kb.site, exemptions)
    lock = _file_locks(data_dir)
    problems: list[Problem] = []
    texts: set[tuple[str, str]] = set()
    for field in text_fields(kb, schemas):
        texts.add((field.lock_file, format_key(field.key_path)))
        problems += term_problems(field, rules)
        current = _current_languages(field, lock, kb.site)
        problems += parity.problems(field, field.lock_file, current)
        problems += typography_problems(field, kb.site.languages)
        if warnings is not None:
            warnings += _length_warnings(field, current, kb, exemptions, data_dir)
    problems += exemptions.problems(kb.site, texts)
    if warnings is not None:
        warnings.sort()
    return problems


def translation_warnings(kb, schemas, data_dir: Path) -> list[Problem]:
    """What an editor should look at although the data is valid: translations of outlying length.

    Like parity, it compares a translation with the English it was written for, so
    outdated translations wait until they are updated and confirmed again.
    """
    lock = _file_locks(data_dir)
    exemptions = exemptions_of(kb)
    warnings: list[Problem] = []
    for field in text_fields(kb, schemas):
        warnings += _length_warnings(field, _current_languages(field, lock, kb.site), kb, exemptions, data_dir)
    return sorted(warnings)


def _length_warnings(field, current: set[str], kb, exemptions, data_dir: Path):
    return length_warnings(field, kb.site, [language for language in kb.languages if language in current],
                           exemptions, Path(data_dir).name)


def _current_languages(field, locks: dict[str, FileLock], site) -> set[str]:
    """The translation languages of field that are not outdated (translation status decides)."""
    english = field.texts.get(site.source_language)
    file_lock = locks.get(field.lock_file) or FileLock(None)
    key = format_key(field.key_path)
    if not isinstance(english, str):
        # No source text to compare with: only a translation never confirmed is current.
        return {language for language in site.translation_languages
                if file_lock.records.get(key, {}).get(language) is None}
    return {language for language in site.translation_languages
            if file_lock.confirmation(key, language, english) != OUTDATED}


# Lock file -> (its text, its FileLocks): read again only when it changed (see _file_locks).
_LOCKS: dict[str, tuple[str, dict]] = {}


def _file_locks(data_dir: Path) -> dict[str, FileLock]:
    """The lock's records by file. A FileLock is never changed once made, and the lock file
    changes only when translations are confirmed, so a process that loads the data again
    after every save (mkdocs serve) parses it again only then."""
    path = str(Path(data_dir).resolve())
    text = lock_text(data_dir)
    kept = _LOCKS.get(path)
    if kept is None or kept[0] != text:
        kept = _LOCKS[path] = (text, {file: FileLock(records) for file, records in parse_lock(text).items()})
    return kept[1]
