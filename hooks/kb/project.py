"""One loaded knowledge base and its renderer, reloaded only when site-data/ changes.

MkDocs calls the hooks once per language (six times a build) and keeps hook
modules alive across `mkdocs serve` rebuilds, so the loaded data is cached by a
fingerprint of the files: unchanged data is read once, edited data is read again.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .loader import load_knowledge_base
from .model import KnowledgeBase
from .render import Renderer
from .schema import Schemas


@dataclass
class Project:
    data_dir: Path
    kb: KnowledgeBase
    renderer: Renderer
    fingerprint: tuple


def fingerprint(data_dir: Path) -> tuple:
    return tuple(sorted((str(p), p.stat().st_mtime_ns, p.stat().st_size)
                        for p in Path(data_dir).rglob("*") if p.is_file()))


_loaded: dict[Path, Project] = {}


def load_project(data_dir: Path, draft: bool = False) -> Project:
    """The knowledge base of data_dir; raises KnowledgeBaseError with every problem."""
    data_dir = Path(data_dir).resolve()
    current = (draft, fingerprint(data_dir))
    cached = _loaded.get(data_dir)
    if cached is not None and cached.fingerprint == current:
        return cached
    kb = load_knowledge_base(data_dir, draft=draft)
    project = Project(data_dir, kb, Renderer(kb, Schemas(data_dir / "schema")), current)
    _loaded[data_dir] = project
    return project
