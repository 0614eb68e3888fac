"""`kb export`: the Markdown of every page of every language, written as plain files.

DIR/<code>/ gets one language's pages under their source paths (causes/x.md, index.md),
each with its final Markdown (kb/pages.py, the same as MkDocs builds), and a copy of
the other files of content/. Any Python-Markdown engine can build such a folder, one
language at a time, with the Markdown extensions of mkdocs.yml; `make build-zensical`
does it with Zensical (hooks/zensical_build.py). Links between pages are relative
source links (`../faq.md`), which such engines resolve; the links to the source-language
original assume directory URLs, with the default language at the root and the others
under /<code>/, as the served site has them.
"""
from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from .pages import language_pages
from .render import Renderer


@dataclass
class ExportReport:
    pages: dict[str, int] = field(default_factory=dict)   # per language

    def summary(self, out_dir: Path) -> str:
        counts = ", ".join(f"{language} {count}" for language, count in self.pages.items())
        return f"exported {sum(self.pages.values())} pages to {out_dir}/ ({counts})"


def export_site(renderer: Renderer, content_dir: Path, out_dir: Path, languages=None) -> ExportReport:
    """Write DIR/<code>/<page>.md for every page of each language (default: every language of site.yml).

    Each language folder is replaced whole, so a page removed from the data does not linger.
    """
    content_dir, out_dir = Path(content_dir), Path(out_dir)
    report = ExportReport()
    for language in languages or renderer.kb.languages:
        folder = out_dir / language
        if folder.exists():
            shutil.rmtree(folder)
        for path, markdown in language_pages(renderer, content_dir, language).items():
            target = folder / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(markdown, encoding="utf-8")
        # Images and other files beside the hand-written pages serve every language.
        for other in sorted(content_dir.rglob("*")):
            if other.is_file() and other.suffix != ".md":
                target = folder / other.relative_to(content_dir)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(other, target)
        report.pages[language] = sum(1 for _ in folder.rglob("*.md"))
    return report
