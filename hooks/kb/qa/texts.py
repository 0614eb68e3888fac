"""Every translated text field of a loaded knowledge base, with where it was written.

The checks of this package compare a field's texts across languages, so they walk
the same files as translation status (site.yml's translated kinds, and the
interface strings, one file per language) and report each problem at the line of
the language's own text.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ..fields import iter_text_fields, text_field_formats
from ..model import KnowledgeBase
from ..problems import Problem, format_key
from ..translations import is_placeholder, relative_file, translated_files

PLAIN, MARKDOWN = "plain", "markdown"


@dataclass(frozen=True)
class TextField:
    """One text field: its texts by language, and how to point an editor at one of them."""

    kind: str
    fmt: str
    key_path: tuple
    texts: dict
    # language -> (display path of the file, line, key as an editor reads it)
    locate: Callable[[str], tuple[str, int, str]]
    # The file's row in translations.lock.yml (causes/x.yml; ui/en.yml for interface strings).
    lock_file: str = ""

    def problem(self, language: str, message: str, fix: str) -> Problem:
        path, line, key = self.locate(language)
        return Problem(path, line, key, message, fix)

    def text(self, language: str) -> str | None:
        text = self.texts.get(language)
        return None if is_placeholder(text) else text


def text_fields(kb: KnowledgeBase, schemas):
    """Yield a TextField for every translated text of kb (entries, translated files, interface strings)."""
    formats: dict[str, dict] = {}
    for path, kind in translated_files(kb):
        if kind == "ui":
            yield from _ui_fields(kb)
            continue
        if kind not in formats:
            formats[kind] = text_field_formats(schemas, kind)
        parsed = kb.files[path]
        for key_path, fmt, texts in iter_text_fields(parsed.value, formats[kind]):
            yield TextField(kind, fmt, key_path, texts,
                            lambda language, parsed=parsed, key_path=key_path: (
                                parsed.path, parsed.line_of(key_path + (language,)),
                                format_key(key_path + (language,))),
                            relative_file(path))


def _ui_fields(kb: KnowledgeBase):
    """Interface strings: one file per language, so each language's text has its own file and line."""
    by_language = {}
    for path, parsed in kb.files.items():
        name = relative_file(path)
        folder, _, file_name = name.rpartition("/")
        if folder == kb.site.files["ui"].folder and file_name.endswith(".yml"):
            by_language[file_name[:-4]] = parsed
    source_file = f"{kb.site.files['ui'].folder}/{kb.site.source_language}.yml"
    for key in kb.ui.get(kb.site.source_language, {}):
        texts = {language: kb.ui.get(language, {}).get(key) for language in kb.languages}
        # Interface strings are plain text with {placeholders}.
        yield TextField("ui", PLAIN, (key,), texts,
                        lambda language, key=key: (by_language[language].path,
                                                   by_language[language].line_of((key,)), key),
                        source_file)
