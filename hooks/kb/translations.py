"""Translation status: complete, missing or outdated, for every entry and language.

A translation is outdated when the English text changed after the translation
was last confirmed. site-data/translations.lock.yml records, for every text field
and language, a short hash of the English text that the translation was checked
against; `python hooks/kb translations confirm FILE` updates it after a review.
Keeping the hashes in one lock file (rather than beside every translation) keeps
the entry files readable for editors, and the lock file shows in review which
translations someone re-checked.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import yaml

from .fields import iter_text_fields, text_field_formats
from .model import KnowledgeBase
from .problems import format_key

LOCK_FILE = "translations.lock.yml"
TODO_PREFIX = "TODO"
COMPLETE, MISSING, OUTDATED = "complete", "missing", "outdated"


def english_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]


def is_placeholder(text) -> bool:
    return not isinstance(text, str) or not text.strip() or text.strip().startswith(TODO_PREFIX)


@dataclass(frozen=True)
class FieldStatus:
    file: str
    key: str
    language: str
    status: str


def read_lock(data_dir: Path) -> dict:
    path = Path(data_dir) / LOCK_FILE
    if not path.exists():
        return {}
    return yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}


def write_lock(data_dir: Path, lock: dict) -> None:
    header = ("# Written by `python hooks/kb translations confirm`: for each text field, the hash of\n"
              "# the English text each translation was last checked against. Do not edit by hand.\n")
    ordered = {file: {key: dict(sorted(langs.items())) for key, langs in sorted(fields.items())}
               for file, fields in sorted(lock.items())}
    body = yaml.safe_dump(ordered, allow_unicode=True, sort_keys=False, width=120)
    (Path(data_dir) / LOCK_FILE).write_text(header + body, encoding="utf-8")


def relative_file(entry_path: str) -> str:
    """site-data/causes/x.yml -> causes/x.yml, the key used in the lock file."""
    return entry_path.split("/", 1)[1] if "/" in entry_path else entry_path


def field_statuses(kb: KnowledgeBase, schemas, lock: dict, raw: dict | None = None):
    """Yield FieldStatus for every tracked text field and non-English language.

    `raw` maps entry paths to their data as written (before draft-mode fallbacks),
    so a text that fell back to English still counts as missing.
    """
    source = kb.site.source_language
    for kind in kb.site.kinds:
        formats = text_field_formats(schemas, kind)
        for entry in kb.entries(kind).values():
            data = (raw or {}).get(entry.path, entry.data)
            file_lock = lock.get(relative_file(entry.path), {})
            for key_path, _, texts in iter_text_fields(data, formats):
                key = format_key(key_path)
                english = texts.get(source, "")
                for language in kb.site.translation_languages:
                    if is_placeholder(texts.get(language)):
                        status = MISSING
                    elif file_lock.get(key, {}).get(language) != english_hash(english):
                        status = OUTDATED
                    else:
                        status = COMPLETE
                    yield FieldStatus(entry.path, key, language, status)


def entry_status(statuses) -> str:
    """The status of an entry in one language: missing wins over outdated over complete."""
    found = {s.status for s in statuses}
    return MISSING if MISSING in found else OUTDATED if OUTDATED in found else COMPLETE


def confirm(kb: KnowledgeBase, schemas, data_dir: Path, files: list[str], languages: list[str]) -> int:
    """Record the current English text as the basis of the given translations; returns fields confirmed."""
    lock = read_lock(data_dir)
    wanted = {relative_file(f) if f.startswith("site-data/") else f for f in files}
    count = 0
    source = kb.site.source_language
    for kind in kb.site.kinds:
        formats = text_field_formats(schemas, kind)
        for entry in kb.entries(kind).values():
            name = relative_file(entry.path)
            if wanted and name not in wanted:
                continue
            for key_path, _, texts in iter_text_fields(entry.data, formats):
                for language in languages:
                    if language == source or is_placeholder(texts.get(language)):
                        continue
                    lock.setdefault(name, {}).setdefault(format_key(key_path), {})[language] = english_hash(texts[source])
                    count += 1
    write_lock(data_dir, lock)
    return count
