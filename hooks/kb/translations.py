"""Translation status: complete, missing or outdated, for every entry and language.

A translation is outdated when the English text changed after the translation
was last confirmed. site-data/translations.lock.yml records, for every text field
and language, a short hash of the English text that the translation was checked
against; `kb translations confirm FILE` updates it after a review. A translation
with no record at all (a new entry, a new step) is unconfirmed, not outdated:
nothing says the English changed since it was written, so readers get no note,
but the editor is told to confirm it. Every file
whose texts are translated is covered (site.yml: entries, translated single files
and the interface strings).
Keeping the hashes in one lock file (rather than beside every translation) keeps
the entry files readable for editors, and the lock file shows in review which
translations someone re-checked.
"""
from __future__ import annotations

import difflib
import hashlib
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import yaml

from .fields import iter_text_fields, text_field_formats
from .model import KnowledgeBase
from .problems import format_key

LOCK_FILE = "translations.lock.yml"
TODO_PREFIX = "TODO"
COMPLETE, MISSING, OUTDATED, UNCONFIRMED = "complete", "missing", "outdated", "unconfirmed"
# Worst first: what a file x language shows when its fields differ.
SEVERITY = (MISSING, OUTDATED, UNCONFIRMED, COMPLETE)


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
    return parse_lock(lock_text(data_dir))


def lock_text(data_dir: Path) -> str:
    """The lock file as written; empty when there is none yet."""
    path = Path(data_dir) / LOCK_FILE
    return path.read_text(encoding="utf-8") if path.exists() else ""


def parse_lock(text: str) -> dict:
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}


def write_lock(data_dir: Path, lock: dict) -> None:
    header = ("# Written by `kb translations confirm`: for each text field, the hash of the\n"
              "# source-language text (site.yml) each translation was last checked against.\n"
              "# Do not edit by hand.\n")
    ordered = {file: {key: dict(sorted(langs.items())) for key, langs in sorted(fields.items())}
               for file, fields in sorted(lock.items())}
    body = yaml.safe_dump(ordered, allow_unicode=True, sort_keys=False, width=120)
    (Path(data_dir) / LOCK_FILE).write_text(header + body, encoding="utf-8")


def relative_file(entry_path: str) -> str:
    """site-data/causes/x.yml -> causes/x.yml, the key used in the lock file."""
    return entry_path.split("/", 1)[1] if "/" in entry_path else entry_path


def translated_files(kb: KnowledgeBase):
    """(path, kind) of every file whose texts are translated, as site.yml declares them.

    That is every entry, every single file marked `translated: true` (the tree, the
    categories, the support request) and the interface strings, whose rows are keyed
    by the source language's file (ui/en.yml) since their translations sit in one
    file per language. Tracking and draft mode read the same declaration, so they
    can no longer cover different files.
    """
    site = kb.site
    folders = {kind.folder: name for name, kind in site.kinds.items()}
    singles = {data.file: name for name, data in site.files.items() if data.translated and data.file}
    ui = site.files["ui"]
    ui_source = f"{ui.folder}/{site.source_language}.yml" if ui.translated else None
    for path in sorted(kb.files):
        name = relative_file(path)
        if name in singles:
            yield path, singles[name]
        elif name == ui_source:
            yield path, "ui"
        elif name.split("/", 1)[0] in folders and name.count("/") == 1:
            yield path, folders[name.split("/", 1)[0]]


def _text_fields(kb: KnowledgeBase, schemas, path: str, kind: str, raw: dict | None, formats: dict):
    """(key, {language: text}) of every text field of one translated file, as written."""
    if kind == "ui":
        for key in kb.ui.get(kb.site.source_language, {}):
            yield key, {language: kb.ui.get(language, {}).get(key) for language in kb.languages}
        return
    if kind not in formats:
        formats[kind] = text_field_formats(schemas, kind)
    data = (raw or {}).get(path, kb.files[path].value)
    for key_path, _, texts in iter_text_fields(data, formats[kind]):
        yield format_key(key_path), texts


_LIST_INDEX = re.compile(r"\[\d+\]")


def _list_shape(key: str) -> str:
    """The key with its list positions left out: steps[3] and steps[4] are both steps[*]."""
    return _LIST_INDEX.sub("[*]", key)


class FileLock:
    """The lock's records of one file, and the status they give each translated text.

    The lock names a list item by its position (steps[2]). When an editor inserts, removes
    or reorders items, each translation moves with its English text but the record stays at
    the old position: a text whose English hash is confirmed at another position of the same
    list is the same text, moved, and its translation the one that was checked. (An item
    inserted above others inherits the record of the one it displaced and shows as outdated
    until confirmed: the lock cannot tell it from an edited text. Keying list items by an id
    of their own would.)
    """

    def __init__(self, records: dict | None):
        self.records = records or {}
        self._moved: dict[tuple[str, str], set[str]] = {}
        for key, languages in self.records.items():
            shape = _list_shape(key)
            if shape != key:
                for language, recorded in languages.items():
                    self._moved.setdefault((shape, language), set()).add(recorded)

    def status(self, key: str, language: str, source_text: str | None, translation) -> str:
        """missing (no translation yet), else what confirmation() says."""
        return MISSING if is_placeholder(translation) else self.confirmation(key, language, source_text)

    def confirmation(self, key: str, language: str, source_text: str | None) -> str:
        """complete, unconfirmed (no record: written for the current text) or outdated."""
        basis = english_hash(source_text or "")
        recorded = self.records.get(key, {}).get(language)
        if recorded == basis or basis in self._moved.get((_list_shape(key), language), ()):
            return COMPLETE
        return UNCONFIRMED if recorded is None else OUTDATED


def field_statuses(kb: KnowledgeBase, schemas, lock: dict, raw: dict | None = None):
    """Yield FieldStatus for every translated text field and every language translated from the source.

    `raw` maps file paths to their data as written (before draft-mode fallbacks),
    so a text that fell back to the source language still counts as missing.
    """
    source = kb.site.source_language
    formats: dict = {}
    for path, kind in translated_files(kb):
        file_lock = FileLock(lock.get(relative_file(path)))
        for key, texts in _text_fields(kb, schemas, path, kind, raw, formats):
            for language in kb.site.translation_languages:
                status = file_lock.status(key, language, texts.get(source), texts.get(language))
                yield FieldStatus(path, key, language, status)


def entry_status(statuses) -> str:
    """The status of an entry in one language: missing, then outdated, then unconfirmed, then complete."""
    found = {s.status for s in statuses}
    return next(state for state in SEVERITY if state in found or state == COMPLETE)


class ConfirmError(ValueError):
    """A file or language that confirm does not know; the message lists the valid ones."""


@dataclass(frozen=True)
class Confirmed:
    """One text confirm looked at: `before` is its status until then (complete: the lock already agreed)."""
    file: str
    key: str
    language: str
    before: str


def confirmable_files(kb: KnowledgeBase) -> list[str]:
    """The names confirm accepts: every translated file, and each language's interface file."""
    names = [relative_file(path) for path, _ in translated_files(kb)]
    ui = kb.site.files["ui"]
    if ui.translated:
        names += [f"{ui.folder}/{language}.yml" for language in kb.site.translation_languages]
    return sorted(set(names))


def _unknown(what: str, given: str, valid: list[str]) -> ConfirmError:
    close = difflib.get_close_matches(given, valid, n=3, cutoff=0.6)
    hint = f"did you mean {', '.join(f'`{c}`' for c in close)}? " if close else ""
    return ConfirmError(f"unknown {what} `{given}`: {hint}valid: {', '.join(valid)}")


def confirm(kb: KnowledgeBase, schemas, data_dir: Path, files: list[str] | None, languages: list[str],
            raw: dict | None = None, dry_run: bool = False) -> list[Confirmed]:
    """Record the current source text as the basis of the given translations.

    files=None means every translated file (the CLI asks for `--all` first). FILE may
    name a language's interface file (ui/fr.yml): that confirms the interface strings
    (ui/en.yml's row) in that language only. An unknown file or language raises
    ConfirmError before anything is written. Returns every text looked at, with its
    status before; missing translations are never confirmed and are not returned.
    """
    source = kb.site.source_language
    for language in languages:
        if language not in kb.site.translation_languages:
            raise _unknown("language", language, list(kb.site.translation_languages))
    lock = read_lock(data_dir)
    prefix = Path(data_dir).resolve().name + "/"
    ui_folder = kb.site.files["ui"].folder
    valid = confirmable_files(kb)
    wanted: dict[str, set[str] | None] = {}
    for file in files or ():
        name = file[len(prefix):] if file.startswith(prefix) else file
        if name not in valid:
            raise _unknown("file", file, valid)
        folder, _, stem = name.partition("/")
        if folder == ui_folder and stem[:-4] != source:
            name = f"{ui_folder}/{source}.yml"
            wanted.setdefault(name, set())
            if wanted[name] is not None:
                wanted[name].add(stem[:-4])
        else:
            wanted[name] = None
    done: list[Confirmed] = []
    formats: dict = {}
    for path, kind in translated_files(kb):
        name = relative_file(path)
        if files is not None and name not in wanted:
            continue
        only = wanted.get(name)
        for key, texts in _text_fields(kb, schemas, path, kind, raw, formats):
            basis = english_hash(texts.get(source) or "")
            for language in languages:
                if language == source or (only and language not in only) or is_placeholder(texts.get(language)):
                    continue
                recorded = lock.get(name, {}).get(key, {}).get(language)
                before = COMPLETE if recorded == basis else UNCONFIRMED if recorded is None else OUTDATED
                done.append(Confirmed(name, key, language, before))
                lock.setdefault(name, {}).setdefault(key, {})[language] = basis
    if not dry_run:
        write_lock(data_dir, lock)
    return done


def record_first_translations(kb: KnowledgeBase, schemas, data_dir: Path,
                               raw: dict | None = None) -> list[Confirmed]:
    """Record as confirmed every complete translation that has no record yet; return them.

    A text with no record was translated together with, or after, the English it
    stands beside, so there is no older English it could be out of date with. Left
    unrecorded it could never become outdated either: recording it at once is what
    lets a later English change reach readers as a note. Texts that already have a
    record, outdated or not, are never touched: only a person who checked them may
    confirm those (`kb translations confirm FILE`).
    """
    source = kb.site.source_language
    lock = read_lock(data_dir)
    recorded: list[Confirmed] = []
    formats: dict = {}
    for path, kind in translated_files(kb):
        name = relative_file(path)
        for key, texts in _text_fields(kb, schemas, path, kind, raw, formats):
            known = lock.get(name, {}).get(key, {})
            for language in kb.site.translation_languages:
                if language in known or is_placeholder(texts.get(language)):
                    continue
                lock.setdefault(name, {}).setdefault(key, {})[language] = english_hash(texts.get(source) or "")
                recorded.append(Confirmed(name, key, language, UNCONFIRMED))
    if recorded:
        write_lock(data_dir, lock)
    return recorded


def earlier_source_texts(kb: KnowledgeBase, schemas, data_dir: Path, file: str, wanted: dict[str, str],
                         depth: int = 100) -> dict[str, str]:
    """{key: source text} for outdated fields, found in the git history of the file.

    The lock keeps only a hash of the source text each translation was checked
    against (small, and it shows nothing to review by itself), so the text an
    editor wants to compare with is looked up in the file's earlier versions: the
    newest one whose source text has the recorded hash. `wanted` maps keys to those
    hashes. Without git, or when the version is not in history, a key is left out.
    """
    data_dir = Path(data_dir).resolve()
    kind = dict((relative_file(path), kind) for path, kind in translated_files(kb)).get(file)
    if kind in (None, "ui") or not wanted:
        return {}

    def git(*args: str) -> str | None:
        try:
            done = subprocess.run(["git", "-C", str(data_dir), *args], capture_output=True, text=True, timeout=30)
        except (OSError, subprocess.SubprocessError):
            return None
        return done.stdout if done.returncode == 0 else None

    top = git("rev-parse", "--show-toplevel")
    if not top:
        return {}
    try:
        name = (data_dir / file).relative_to(Path(top.strip()).resolve()).as_posix()
    except ValueError:
        return {}
    formats = text_field_formats(schemas, kind)
    source = kb.site.source_language
    found: dict[str, str] = {}
    for commit in (git("log", f"-n{depth}", "--format=%H", "--", f":(top){name}") or "").split():
        text = git("show", f"{commit}:{name}")
        try:
            data = yaml.load(text or "", Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        except yaml.YAMLError:
            continue
        if not isinstance(data, dict):
            continue
        for key_path, _, texts in iter_text_fields(data, formats):
            key = format_key(key_path)
            english = texts.get(source)
            if key in wanted and key not in found and isinstance(english, str) and english_hash(english) == wanted[key]:
                found[key] = english
        if len(found) == len(wanted):
            break
    return found
