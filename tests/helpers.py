"""Shared helpers for the tests: fixture knowledge bases and real site builds."""
from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
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
# For a test that needs a language of a kind ("a CJK language"), not one named language:
# the languages site.yml declares of that kind, in its order.
CJK_LANGUAGES = tuple(language.code for language in SITE.languages if language.script == "cjk")
# Written with spaces between words (script: latin): the languages whose words the search
# splits on spaces, corrects when mistyped, and strips of accents.
LATIN_LANGUAGES = tuple(language.code for language in SITE.languages if language.script == "latin")

# Samples, for a test that checks in a few languages what every language's pages share
# (one template, one script, the same interface keys): in all of them it would repeat the
# same check at the cost of a browser run each, while the languages it does not sample are
# checked by the tests that read every page of every language.
# A language served under /<code>/ (not the default), in each kind of script: the first of
# its kind in site.yml's order.
OTHER_LATIN_LANGUAGE = next(code for code in LATIN_LANGUAGES if code != DEFAULT_LANGUAGE)
OTHER_CJK_LANGUAGE = next(code for code in CJK_LANGUAGES if code != DEFAULT_LANGUAGE)
# Two languages that between them cover both kinds of address (the default language at the
# site root, another under /<code>/) and both kinds of script (a CJK one beside the default):
# what holds in both holds for every kind of page address and line of text the site has.
ROOT_AND_CJK = (DEFAULT_LANGUAGE, OTHER_CJK_LANGUAGE)


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


def declare_language_rules(site_data: Path, code: str, **rules: str | None) -> None:
    """Set (or, with None, remove) keys of one language's entry in site_data/site.yml, the way an editor
    would: `typography="french"` writes the line `    typography: french` in the entry of `code`."""
    site_file = site_data / "site.yml"
    lines = site_file.read_text(encoding="utf-8").splitlines(keepends=True)
    start = lines.index(f"  - code: {code}\n") + 1
    end = start
    while end < len(lines) and lines[end].startswith("    "):
        end += 1
    entry = [line for line in lines[start:end]
             if not any(line.startswith(f"    {key}:") for key in rules)]
    entry += [f"    {key}: {value}\n" for key, value in rules.items() if value is not None]
    lines[start:end] = entry
    site_file.write_text("".join(lines), encoding="utf-8")


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


# The public address the offline copy is built with in tests (the Makefile's
# OFFLINE_TEST_SITE_URL is the same): .invalid can never be a real site.
OFFLINE_TEST_SITE_URL = "https://offline-test.invalid/"


def mkdocs_build(project: Path, *args: str, site_url: str | None = OFFLINE_TEST_SITE_URL) -> subprocess.CompletedProcess:
    """Run `mkdocs build --strict` in a project folder, as an editor would.

    site_url is the SITE_URL of an offline build (None: left unset)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("KB_DATA_DIR", None)
    # The tests check the default address (mkdocs.yml), whatever a publishing job sets;
    # the offline copy requires one, and gets an address only a test can have.
    env.pop("SITE_URL", None)
    if "mkdocs.offline.yml" in args and site_url is not None:
        env["SITE_URL"] = site_url
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", *args],
                          cwd=project, env=env, capture_output=True, text=True, timeout=600)



class BuildFailed(RuntimeError):
    """A build a benchmark needed failed; the message is the end of its error output."""


@contextlib.contextmanager
def site_to_measure(given: str | None, prefix: str):
    """The built site a benchmark measures: the one it was given (--site), or the real site
    built now into a temporary folder that goes when the benchmark is done."""
    if given:
        yield Path(given).resolve()
        return
    with tempfile.TemporaryDirectory(prefix=prefix) as workdir:
        project = make_project(Path(workdir) / "project")
        result = mkdocs_build(project)
        if result.returncode != 0:
            raise BuildFailed(result.stderr[-5000:])
        yield project / "site"

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
# The benchmarks that measure what a reader's browser does (first paint, page weight,
# Lighthouse) run it.
CHROMIUM = os.environ.get("KB_CHROMIUM", "/usr/bin/chromium")
# The browser tests drive Debian's chromium-headless-shell: the same Chromium release
# (same Blink and V8, built from the same source package) without the desktop browser
# around it, which is what Playwright itself runs headless tests in. It does the same
# work in about half the processor time of /usr/bin/chromium (BENCHMARKS.md, "Test run
# time"), and a test run is mostly browser time. KB_CHROMIUM, when set, is driven instead.
TEST_CHROMIUM = os.environ.get("KB_CHROMIUM", "/usr/bin/chromium-headless-shell")
# The headless shell never asks for a page's favicon on its own, as a desktop browser
# does; a test waiting for that request must not wait in vain. (That the icon the pages
# link to exists is checked on every page by tests/test_built_links.py.)
TEST_BROWSER_FETCHES_FAVICON = "headless" not in Path(TEST_CHROMIUM).name
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-quic", "--no-first-run", "--disable-sync"]


class StaticServer:
    """Serve a built site over HTTP on localhost, the way a static host would.

    By default nothing is compressed. With precompressed=True it answers like nginx's
    gzip_static: a browser that accepts gzip gets NAME.gz, when the build has one, with
    Content-Encoding: gzip and the type of NAME.
    """

    def __init__(self, root: Path, precompressed: bool = False):
        import functools
        import http.server
        import threading

        class QuietHandler(http.server.SimpleHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def send_head(self):
                compressed = self._compressed_copy() if precompressed else None
                if compressed is None:
                    return super().send_head()
                path, copy = compressed
                body = open(copy, "rb")
                self.send_response(200)
                self.send_header("Content-Type", self.guess_type(path))
                self.send_header("Content-Encoding", "gzip")
                self.send_header("Content-Length", str(os.fstat(body.fileno()).st_size))
                self.send_header("Vary", "Accept-Encoding")
                self.end_headers()
                return body

            def _compressed_copy(self):
                """(file asked for, its .gz) when the browser takes gzip and the build has the copy."""
                if "gzip" not in self.headers.get("Accept-Encoding", ""):
                    return None
                path = self.translate_path(self.path)
                if os.path.isdir(path):
                    # A folder without its final slash is redirected by the plain handler.
                    if not self.path.split("?", 1)[0].endswith("/"):
                        return None
                    path = os.path.join(path, "index.html")
                copy = path + ".gz"
                return (path, copy) if os.path.isfile(path) and os.path.isfile(copy) else None

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


def edition_path(built_offline_site: Path, form: str, language: str) -> Path:
    """The one-file edition ("zim" or "html") of one language the offline build wrote beside its zip."""
    from kb.editions import HTML_FILE, ZIM_FILE
    import yaml
    settings = yaml.safe_load((ROOT / "mkdocs.offline.yml").read_text(encoding="utf-8"))
    pattern = {"zim": ZIM_FILE, "html": HTML_FILE}[form]
    return built_offline_site.parent / pattern.format(name=settings["extra"]["kb_edition_name"], language=language)


def offline_pages(built_offline_site: Path, language: str) -> dict[str, Path]:
    """Every page of one language of the offline copy, by its path below the language's folder."""
    root = language_root(built_offline_site, language)
    others = {code for code in LANGUAGES if code != language}
    pages = {}
    for file in sorted(root.rglob("*.html")):
        path = file.relative_to(root).as_posix()
        if path.split("/", 1)[0] not in others | {"assets"} and path != "404.html":
            pages[path] = file
    return pages
