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
from .site import Site


@dataclass
class Project:
    data_dir: Path
    kb: KnowledgeBase
    renderer: Renderer
    fingerprint: tuple

    @property
    def site(self) -> Site:
        """site-data/site.yml: languages, kinds (with folder, page, template, search weight) and files."""
        return self.kb.site


def fingerprint(data_dir: Path) -> tuple:
    return tuple(sorted((str(p), p.stat().st_mtime_ns, p.stat().st_size)
                        for p in Path(data_dir).rglob("*") if p.is_file()))


_loaded: dict[Path, Project] = {}


def load_project(data_dir: Path, draft: bool = False, recheck: bool = True) -> Project:
    """The knowledge base of data_dir; raises KnowledgeBaseError with every problem.

    recheck=False returns the project already loaded from data_dir without looking
    at the files again, for the many calls within one build (once per page) after
    a checked call at its start. The fingerprint stats every file, so checking it
    per page made the build time grow with pages x files: at 10 times the real
    knowledge base it was a third of the build (BENCHMARKS.md, build speed).
    """
    data_dir = Path(data_dir).resolve()
    cached = _loaded.get(data_dir)
    if not recheck and cached is not None and cached.fingerprint[0] == draft:
        return cached
    current = (draft, fingerprint(data_dir))
    if cached is not None and cached.fingerprint == current:
        return cached
    kb = load_knowledge_base(data_dir, draft=draft)
    project = Project(data_dir, kb, Renderer(kb, Schemas(data_dir / "schema", kb.site)), current)
    _loaded[data_dir] = project
    return project
