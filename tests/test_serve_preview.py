"""`mkdocs serve` with a mistake in site-data/: the last good site stays served, every page shows
the problems in a banner, nothing hangs, and the banner goes when the mistake is fixed.

These run a real `mkdocs serve` on a copy of the project with the small fixture knowledge base
(tests/fixtures/kb), on a free port, and read its pages over HTTP and in Chromium.
"""
from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import yaml
from lxml import html as lxml_html

from helpers import DEFAULT_LANGUAGE, LANGUAGES, ROOT, make_fixture_kb, make_project, mkdocs_build
from kb.preview import PreviewErrors, banner_middleware, problem_lines, with_banner
from kb.problems import KnowledgeBaseError, Problem
from kb.render_cache import RenderCache, listing_digest

BANNER = "[data-kb-preview-errors]"
CAUSE = "causes/doc-expired.yml"
# A look-alike title: YAML reads an unquoted `off` as false, which the validator reports.
GOOD_TITLE = '  en: "[en] Document expired"\n'
BAD_TITLE = "  en: off\n"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str, timeout: float = 5.0) -> tuple[int, str, float]:
    """Status, body and seconds of one request; a request that hangs fails the test after timeout."""
    start = time.monotonic()
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.status, response.read().decode("utf-8"), time.monotonic() - start


def _ui(language: str) -> dict:
    return yaml.safe_load((ROOT / f"site-data/ui/{language}.yml").read_text(encoding="utf-8"))


def _banner(body: str):
    found = lxml_html.fromstring(body).xpath("//*[@data-kb-preview-errors]")
    return found[0] if found else None


def _poll(url: str, want_banner: bool, within: float, wait: float = 5, log=lambda: "") -> str:
    """Poll a page until it has (or no longer has) the banner; every answer must come within wait
    seconds (MkDocs holds a request back while a good rebuild runs: wait allows for that)."""
    deadline = time.monotonic() + within
    while True:
        status, body, seconds = _get(url, timeout=wait)
        assert status == 200 and seconds < wait, (status, seconds)
        if (_banner(body) is not None) == want_banner:
            return body
        assert time.monotonic() < deadline, f"{url}: banner still {'absent' if want_banner else 'shown'}\n{log()}"
        time.sleep(0.3)


class Serve:
    """`mkdocs serve` on a project folder, stopped (by its own process id) at the end."""

    def __init__(self, project: Path, env: dict | None = None):
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.log = open(project / "serve.log", "w+", encoding="utf-8")
        environment = dict(os.environ, NO_MKDOCS_2_WARNING="1", **(env or {}))
        for name in ("KB_DATA_DIR", "SITE_URL", "KB_BUILD_ONLY", "KB_LANGS"):
            if name not in (env or {}):
                environment.pop(name, None)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{self.port}"],
            cwd=project, env=environment, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 120
        while True:
            assert self.process.poll() is None, self.output()
            try:
                if _get(self.url, timeout=2)[0] == 200:
                    return
            except OSError:
                pass
            assert time.monotonic() < deadline, self.output()
            time.sleep(0.3)

    def output(self) -> str:
        self.log.flush()
        self.log.seek(0)
        return self.log.read()[-5000:]

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


@pytest.fixture
def served(tmp_path):
    project = make_project(tmp_path / "project", make_fixture_kb(tmp_path / "site-data"))
    server = Serve(project)
    yield project, server
    server.stop()


def _save(path: Path, old: str, new: str):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_yaml_mistake_keeps_the_site_served_with_the_problems_on_every_page(served, page):
    project, server = served
    cause = project / "site-data" / CAUSE
    other = next(code for code in LANGUAGES if code != DEFAULT_LANGUAGE)
    pages = [server.url, f"{server.url}causes/doc-expired/", f"{server.url}{other}/faq/"]
    good = {url: _get(url)[1] for url in pages}
    assert all(_banner(body) is None for body in good.values())

    # An open tab: live reload must bring the banner in by itself.
    page.goto(f"{server.url}causes/doc-expired/")
    assert page.locator(BANNER).count() == 0

    _save(cause, GOOD_TITLE, BAD_TITLE)
    line = 1 + cause.read_text(encoding="utf-8").splitlines().index(BAD_TITLE.rstrip("\n"))
    expected = f"site-data/{CAUSE}:{line}: title.en: unquoted `off`"

    for url in pages:
        body = _poll(url, want_banner=True, within=30, log=server.output)
        banner = _banner(body)
        items = [item.text_content().strip() for item in banner.xpath(".//li")]
        assert any(item.startswith(expected) and " — " in item for item in items), items
        language = other if f"/{other}/" in url else DEFAULT_LANGUAGE
        assert _ui(language)["preview.errors_heading"] in banner.text_content()
        # The last good page is still there under the banner, title and all.
        assert lxml_html.fromstring(body).xpath("//h1") and "[en] Document expired" in _get(pages[1])[1]

    page.locator(BANNER).wait_for(state="visible", timeout=15_000)
    assert expected in page.locator(BANNER).inner_text()
    assert page.locator(BANNER).get_attribute("role") == "alert"
    assert page.locator("h1").first.is_visible()

    _save(cause, BAD_TITLE, GOOD_TITLE.replace("expired", "expired (fixed)"))
    for url in pages:
        _poll(url, want_banner=False, within=120, wait=120, log=server.output)
    assert "[en] Document expired (fixed)" in _get(pages[1])[1]
    page.locator(BANNER).wait_for(state="detached", timeout=30_000)
    assert "the last good site stays served" in server.output()
    assert server.process.poll() is None

    # The rebuild converted only the pages whose Markdown changed and reused the others
    # (kb/render_cache.py), and they are the pages a full build makes of the same data.
    converted, reused = map(int, re.findall(r"pages converted: (\d+), reused: (\d+)", server.output())[-1])
    assert 0 < converted < reused, (converted, reused)
    result = mkdocs_build(project, "-d", str(project / "full-build"))
    assert result.returncode == 0, result.stderr[-3000:]
    for url in pages:
        path = url[len(server.url):]
        assert _comparable(_get(url)[1], server.url) == _comparable(
            (project / "full-build" / path / "index.html").read_text(encoding="utf-8"), SITE_URL), path


SITE_URL = "https://kyc-help.example.org/"


def _comparable(page: str, site_url: str) -> str:
    """A page without what differs between serve and build by design: the address and live reload."""
    page = re.sub(r"<script>\s*var livereload = .*?</script>", "", page, flags=re.DOTALL)
    return page.replace(site_url, "SITE/")


def test_serve_one_keeps_the_usual_addresses_for_several_languages(tmp_path):
    """KB_LANGS (make serve-one LANGS="fr ja"): those languages at /fr/ and /ja/, the default at the root."""
    project = make_project(tmp_path / "project", make_fixture_kb(tmp_path / "site-data"))
    chosen = [code for code in LANGUAGES if code != DEFAULT_LANGUAGE][-2:]
    server = Serve(project, env={"KB_LANGS": " ".join(chosen)})
    try:
        for code in chosen:
            status, body, _ = _get(f"{server.url}{code}/faq/")
            assert status == 200 and f'lang="{code}"' in body
            # The language switcher offers only what is served.
            links = {a.get("hreflang") for a in lxml_html.fromstring(body).xpath("//a[@hreflang]")}
            assert set(chosen) | {DEFAULT_LANGUAGE} >= links - {None}
        assert f'lang="{DEFAULT_LANGUAGE}"' in _get(f"{server.url}faq/")[1]
        left_out = next(code for code in LANGUAGES if code not in chosen and code != DEFAULT_LANGUAGE)
        with pytest.raises(urllib.error.HTTPError):
            _get(f"{server.url}{left_out}/faq/")
    finally:
        server.stop()


def test_an_unknown_language_in_kb_langs_is_an_error_naming_the_valid_ones(tmp_path):
    project = make_project(tmp_path / "project", make_fixture_kb(tmp_path / "site-data"))
    env = dict(os.environ, KB_LANGS="fr xx")
    env["NO_MKDOCS_2_WARNING"] = "1"
    env.pop("KB_BUILD_ONLY", None)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project, env=env,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode != 0
    assert "unknown language xx" in result.stderr and ", ".join(LANGUAGES) in result.stderr
    assert not (project / "site").exists()


def test_a_normal_build_never_has_the_banner(fixture_site):
    for page_file in fixture_site.rglob("*.html"):
        assert "kb-preview-errors" not in page_file.read_text(encoding="utf-8"), page_file


def test_a_bad_yaml_still_fails_the_strict_build_and_writes_nothing(tmp_path):
    data = make_fixture_kb(tmp_path / "site-data")
    _save(data / CAUSE, GOOD_TITLE, BAD_TITLE)
    project = make_project(tmp_path / "project", data)
    result = mkdocs_build(project)
    assert result.returncode != 0 and "unquoted `off`" in result.stderr
    assert "kb-preview-errors" not in result.stderr
    assert not (project / "site").exists()


def test_every_language_has_the_banner_words():
    for root in (ROOT / "site-data/ui", ROOT / "tests/router-kb/site-data/ui"):
        english = yaml.safe_load((root / "en.yml").read_text(encoding="utf-8"))
        for path in root.glob("*.yml"):
            strings = yaml.safe_load(path.read_text(encoding="utf-8"))
            for key in ("preview.errors_heading", "preview.errors_note"):
                assert strings[key].strip(), (path, key)
                if path.name != "en.yml":
                    assert strings[key] != english[key], (path, key)


# The pieces, without a server.

def _app(body: bytes, content_type: str):
    def app(environ, start_response):
        start_response("200 OK", [("Content-Type", content_type), ("Content-Length", str(len(body)))])
        return [body]
    return app


def _call(app) -> tuple[str, dict, bytes]:
    got = {}

    def start_response(status, headers, exc_info=None):
        got["status"], got["headers"] = status, dict(headers)
    body = b"".join(app({"PATH_INFO": "/"}, start_response))
    return got["status"], got["headers"], body


def test_the_middleware_adds_the_banner_only_to_html_and_only_while_there_are_problems():
    errors = PreviewErrors()
    page = '<html lang="fr"><body class="x"><h1>Titre</h1></body></html>'.encode()
    seen = []

    def banner_for(language, problems):
        seen.append(language)
        return "<div data-kb-preview-errors>" + "|".join(problems) + "</div>"

    app = banner_middleware(_app(page, "text/html; charset=utf-8"), errors, banner_for)
    assert _call(app)[2] == page
    errors.set(["a.yml:3: title.en: bad — fix it"])
    status, headers, body = _call(app)
    assert body.startswith(b'<html lang="fr"><body class="x"><div data-kb-preview-errors>a.yml:3')
    assert int(headers["Content-Length"]) == len(body) and status == "200 OK" and seen == ["fr"]
    script = banner_middleware(_app(b"var x = '<body>';", "application/javascript"), errors, banner_for)
    assert _call(script)[2] == b"var x = '<body>';"
    errors.clear()
    assert _call(app)[2] == page


def test_problem_lines_are_the_validators_own_lines():
    problem = Problem("site-data/causes/x.yml", 4, "title.en", "unquoted `off` is read as a yes/no value", "quote it")
    try:
        try:
            raise KnowledgeBaseError([problem])
        except KnowledgeBaseError as error:
            raise RuntimeError(str(error)) from None
    except RuntimeError as wrapped:
        assert problem_lines(wrapped) == [str(problem)]
    assert problem_lines(ValueError("first\n\n  second ")) == ["first", "second"]
    assert with_banner(b"no body here", lambda *a: "<b>", ("x",)) == b"no body here"


def test_the_render_cache_forgets_what_a_rebuild_did_not_use():
    cache = RenderCache()
    cache.put("a", 1)
    cache.put("b", 2)
    assert cache.end_build() == (0, 0)
    assert cache.get("a") == 1 and cache.get("c") is None
    assert cache.end_build() == (1, 1)
    assert cache.get("a") == 1 and cache.get("b") is None
    assert listing_digest([("x.md", "x/"), ("y.md", "y/")]) == listing_digest([("y.md", "y/"), ("x.md", "x/")])
    assert listing_digest([("x.md", "x/")]) != listing_digest([("x.md", "x.html")])


def test_the_render_cache_keeps_the_results_of_a_group_a_rebuild_left_as_it_was():
    cache = RenderCache()
    cache.put("fr page", 1, group="fr")
    cache.put("ja page", 2, group="ja")
    cache.end_build()
    # The next rebuild asks for the French page only and replays the Japanese pages: both are kept.
    assert cache.get("fr page") == 1
    cache.keep("ja")
    cache.end_build()
    assert cache.get("ja page") == 2 and cache.get("fr page") == 1
    cache.end_build()
    # A rebuild that neither asked for nor kept the Japanese results forgets them.
    cache.get("fr page")
    cache.end_build()
    assert cache.get("ja page") is None


def test_the_preview_server_looks_for_saved_files_every_tenth_of_a_second(tmp_path):
    import importlib.util
    from mkdocs.livereload import LiveReloadServer
    spec = importlib.util.spec_from_file_location("serve_watch", ROOT / "hooks" / "serve_watch.py")
    serve_watch = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(serve_watch)
    for name in ("before", "after"):
        (tmp_path / name).mkdir()
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    # MkDocs watches the pages and the config before the on_serve event, the `watch:` folders after it.
    server.watch(str(tmp_path / "before"))
    assert {emitter.timeout for emitter in server.observer.emitters} == {0.5}
    assert serve_watch.poll_often(server)
    server.watch(str(tmp_path / "after"))
    assert len(server.observer.emitters) == 2
    assert {emitter.timeout for emitter in server.observer.emitters} == {serve_watch.POLL_SECONDS} == {0.1}
