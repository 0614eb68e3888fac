"""Which languages' pages an edit of the data can change: one hash per language of what they are made from.

A text field holds one text per language (`{en: …, fr: …}`). A French page shows the French
texts, and also those of the languages any page may show or compare with: the source language
(translation status and the notices of outdated translations are taken against it, a draft falls
back to it), the default language and the agent language of the support builder (its message is
written in that language). Everything else in the data, such as ids, dates, categories, the lock
file, the schemas and site.yml, may reach the pages of every language. The interface strings are
one file per language (site.yml's `folder` files): ui/fr.yml is the French pages' only.

So the hash of a language covers its own texts, those of the shared languages and everything
that is not a text of another language. A preview server that rebuilds the site language by
language (hooks/serve_languages.py) builds again only the languages whose hash changed: a saved
French title rebuilds the French pages, and the pages of the other languages are left as they were.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from .model import KnowledgeBase


def language_inputs(kb: KnowledgeBase, data_dir: Path) -> dict[str, str]:
    """language code -> a hash of every input of that language's pages found in data_dir."""
    site = kb.site
    codes = set(site.codes)
    shared = {site.source_language, site.default_language, site.agent_language}
    per_language_folders = {data.folder for data in site.files.values() if data.folder}
    hashers = {code: hashlib.sha256() for code in site.codes}
    root = Path(data_dir).resolve()

    def add(languages, *parts: str | bytes) -> None:
        for code in languages:
            for part in parts:
                hashers[code].update(part if isinstance(part, bytes) else part.encode("utf-8"))
                hashers[code].update(b"\0")

    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        shown = path.relative_to(root.parent).as_posix()
        relative = path.relative_to(root)
        parsed = kb.files.get(shown)
        if parsed is None:
            # Not knowledge-base data as such (schemas, site.yml, the lock file): raw, for every language.
            add(site.codes, shown, path.read_bytes())
        elif relative.parent.as_posix() in per_language_folders and relative.stem in codes:
            owner = relative.stem
            add(site.codes if owner in shared else (owner,), shown, repr(parsed.value))
        else:
            for code in site.codes:
                add((code,), shown, repr(_projected(parsed.value, shared | {code}, codes)))
    return {code: hasher.hexdigest() for code, hasher in hashers.items()}


def _projected(value, keep: set[str], codes: set[str]):
    """value with the texts of the languages not in keep left out of every text field."""
    if isinstance(value, dict):
        if value and all(key in codes for key in value):
            return {key: text for key, text in value.items() if key in keep}
        return {key: _projected(item, keep, codes) for key, item in value.items()}
    if isinstance(value, list):
        return [_projected(item, keep, codes) for item in value]
    return value
