"""Shared helpers for the tests: fixture knowledge bases and real site builds."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_KB = Path(__file__).parent / "fixtures" / "kb"


def _site():
    from kb.site import load_site
    return load_site(ROOT / "site-data")


# The real site's declaration (site-data/site.yml): its languages in order, and the
# default language, served at the site root.
SITE = _site()
LANGUAGES = SITE.codes
DEFAULT_LANGUAGE = SITE.default_language


def language_root(site_dir: Path, language: str, default: str = DEFAULT_LANGUAGE) -> Path:
    """The folder of a built site that holds one language: the root for the default language."""
    return site_dir if language == default else site_dir / language


def make_fixture_kb(target: Path) -> Path:
    """Copy the small fixture knowledge base, with the real schema and interface strings."""
    shutil.copytree(FIXTURE_KB, target, ignore=shutil.ignore_patterns("README.md"))
    shutil.copy2(ROOT / "site-data" / "site.yml", target / "site.yml")
    shutil.copytree(ROOT / "site-data" / "schema", target / "schema")
    shutil.copytree(ROOT / "site-data" / "ui", target / "ui")
    return target


def make_project(target: Path, site_data: Path | None = None) -> Path:
    """A copy of the project (config, pages, theme, MkDocs hook) in target, optionally with other data.

    The kb package is not copied: the hook imports the installed one, as a site built
    with the generator does.
    """
    target.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "mkdocs.offline.yml", "content", "overrides", "hooks"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name,
                            ignore=shutil.ignore_patterns("__pycache__", "kb", "*.egg-info"))
        else:
            shutil.copy2(source, target / name)
    shutil.copytree(site_data or ROOT / "site-data", target / "site-data")
    return target


def mkdocs_build(project: Path, *args: str) -> subprocess.CompletedProcess:
    """Run `mkdocs build --strict` in a project folder, as an editor would."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("KB_DATA_DIR", None)
    # The tests check the default address (mkdocs.yml), whatever a publishing job sets.
    env.pop("SITE_URL", None)
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", *args],
                          cwd=project, env=env, capture_output=True, text=True, timeout=600)


def zensical_build(work: Path, site: Path, site_data: Path = ROOT / "site-data",
                   content: Path = ROOT / "content") -> str:
    """The three steps of `make build-zensical` (export, one Zensical build per language, index); their output."""
    env = dict(os.environ)
    env.pop("SITE_URL", None)
    steps = [
        [sys.executable, "-m", "kb", "--data", str(site_data), "export", "--content", str(content),
         "--out", str(work / "pages")],
        [sys.executable, str(ROOT / "hooks" / "zensical_build.py"), "--data", str(site_data),
         "--pages", str(work / "pages"), "--work", str(work), "--out", str(site)],
        [sys.executable, "-m", "kb", "--data", str(site_data), "index", str(site)],
    ]
    output = ""
    for step in steps:
        result = subprocess.run(step, cwd=ROOT, env=env, capture_output=True, text=True, timeout=1200)
        output += result.stdout + result.stderr
        assert result.returncode == 0, output[-5000:]
    return output


# Debian's Chromium by default; KB_CHROMIUM points elsewhere (GitHub runners ship Google Chrome).
CHROMIUM = os.environ.get("KB_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-quic", "--no-first-run", "--disable-sync"]


class StaticServer:
    """Serve a built site over HTTP on localhost, the way a static host would (no compression)."""

    def __init__(self, root: Path):
        import functools
        import http.server
        import threading

        class QuietHandler(http.server.SimpleHTTPRequestHandler):
            def log_message(self, *args):
                pass

        handler = functools.partial(QuietHandler, directory=str(root))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def page_types(real_kb) -> dict[str, str]:
    """One page of each kind, as a path below a language root (directory URLs)."""
    tree = real_kb.tree
    question = next(q for q, steps in tree.paths.items() if steps)
    outcome_question = next(q for q in tree.paths for a in tree.questions[q]["answers"] if "causes" in a)
    outcome = next(a["id"] for a in tree.questions[outcome_question]["answers"] if "causes" in a)
    return {
        "home": "",
        "cause-index": "causes/",
        "cause": f"causes/{sorted(real_kb.causes)[0]}/",
        "faq": "faq/",
        "checklist-index": "checklists/",
        "checklist": f"checklists/{sorted(real_kb.checklists)[0]}/",
        "tree-start": "troubleshoot/",
        "tree-step": f"troubleshoot/{question}/",
        "tree-outcome": f"troubleshoot/{outcome_question}/{outcome}/",
        "about": "about/",
    }


def offline_path(path: str) -> str:
    """The offline build's file for a directory-URL path: causes/x/ -> causes/x.html, '' -> index.html."""
    if path == "":
        return "index.html"
    if path.endswith("/") and path.rstrip("/").split("/")[-1] in ("causes", "checklists", "troubleshoot"):
        return path + "index.html"
    return path.rstrip("/") + ".html"
