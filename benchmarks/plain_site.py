"""The site as plain Markdown files and a configuration without our hooks, for measuring their cost.

    python benchmarks/plain_site.py --project PROJECT --out OUT

Every page, generated from site-data/ or hand-written (with its `<!-- kb:NAME -->`
markers filled), is written once in every language with its final Markdown
(kb/pages.py, as `kb export` writes it) into OUT/content/<path>.<lang>.md, and OUT/mkdocs.yml is the
project's configuration with our hooks replaced by one of a few lines that only
hands the theme templates their interface strings (`kb_ui`, read once per
language from OUT/ui/), so the plain pages are the same HTML. Building OUT with
MkDocs gives the same pages through the same theme and i18n plugin, with none
of our build-time work: no loading or validating of YAML, no rendering, no
search index, no staging folder. build_bench.py compares the two builds (the
pipeline overhead).
"""
from __future__ import annotations

import argparse
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOOKS_ENTRY = re.compile(r"^hooks:\n(?:  - .*\n)+", re.MULTILINE)
# The plain build's only hook: interface strings for the theme templates, nothing else.
UI_HOOK = '''"""Interface strings for the theme templates (benchmarks/plain_site.py); nothing else."""
from pathlib import Path

import yaml

UI = Path(__file__).resolve().parent.parent / "ui"


def on_env(env, config, files):
    language = config.plugins["i18n"].current_language
    env.globals["kb_ui"] = yaml.load((UI / f"{language}.yml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    return env
'''


def export(project: Path, out: Path) -> int:
    """Write the plain copy of `project` (a folder like the repository root) into `out`; returns pages written."""
    project, out = Path(project).resolve(), Path(out).resolve()
    from kb.pages import language_pages
    from kb.project import load_project
    loaded = load_project(project / "site-data")
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    shutil.copytree(project / "overrides", out / "overrides")
    shutil.copytree(project / "site-data" / "ui", out / "ui")
    (out / "hooks").mkdir()
    (out / "hooks" / "plain_ui.py").write_text(UI_HOOK, encoding="utf-8")

    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    plain, count = HOOKS_ENTRY.subn("hooks:\n  - hooks/plain_ui.py\n", config)
    if count != 1:
        raise ValueError(f"expected one `hooks:` entry in {project / 'mkdocs.yml'}")
    (out / "mkdocs.yml").write_text(plain.replace("\nwatch:\n  - site-data\n  - hooks\n", "\n"), encoding="utf-8")

    # The pages' final Markdown as the hook makes it (kb/pages.py, as `kb export` writes it),
    # named with the language suffix that the i18n plugin reads.
    written = 0
    content = out / "content"
    for source in (project / "content").rglob("*"):
        if source.is_file() and source.suffix != ".md":
            target = content / source.relative_to(project / "content")
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    for language in loaded.kb.languages:
        for path, markdown in language_pages(loaded.renderer, project / "content", language).items():
            target = content / f"{path[: -len('.md')]}.{language}.md"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(markdown, encoding="utf-8")
            written += 1
    return written


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--project", default=str(ROOT), help="a project folder (default: this repository)")
    parser.add_argument("--out", required=True, help="folder to write (replaced if it exists)")
    args = parser.parse_args(argv)
    print(f"wrote {export(Path(args.project), Path(args.out))} pages into {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
