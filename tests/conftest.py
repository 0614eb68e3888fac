from __future__ import annotations

import fcntl
import os
import shutil
import time
from pathlib import Path
from typing import Callable

import pytest

from helpers import ROOT, make_fixture_kb, make_project, mkdocs_build, zensical_build

# `make test` builds the real site, its offline copy and the Zensical build once, beside
# pytest, into this folder (site/, site-offline/, site-offline.zip, site-zensical/, and for
# each a NAME.log and, once it is done, a NAME.rc with its exit status), and the benchmarks
# measure the same builds. Without it (pytest run by hand), each is built below once per
# session, on first use.
PREBUILT = os.environ.get("KB_TEST_BUILDS")
# How long a test waits for a build of `make test` still running: builds take one to two
# minutes, several on a loaded machine.
PREBUILT_WAIT_SECONDS = 30 * 60
# The fixtures that read one of those builds.
BUILD_FIXTURES = {"built_site", "built_offline_site", "built_zensical_site", "site_server", "zensical_server"}


def pytest_collection_modifyitems(items):
    """The tests that read none of the real builds first, in their usual order, then the others.

    `make test` starts pytest while it builds the real site: the tests that need no build
    keep the processor busy meanwhile, instead of waiting for a build on every worker.
    """
    items.sort(key=lambda item: bool(BUILD_FIXTURES & set(getattr(item, "fixturenames", ()))))


def _prebuilt_log(folder: Path, name: str) -> str:
    """The log of the build NAME in KB_TEST_BUILDS, once that build is done and succeeded."""
    log, status = folder / f"{name}.log", folder / f"{name}.rc"
    assert log.is_file(), f"KB_TEST_BUILDS={PREBUILT} holds no {name}.log: run `make test-builds`, or unset it"
    deadline = time.monotonic() + PREBUILT_WAIT_SECONDS
    # The log is written from the start of the build, the exit status at its end.
    while not status.is_file() or not status.read_text(encoding="utf-8").strip():
        assert time.monotonic() < deadline, \
            f"{name} is still not built after {PREBUILT_WAIT_SECONDS // 60} min ({log}); run `make test-builds`"
        time.sleep(0.5)
    code = status.read_text(encoding="utf-8").strip()
    text = log.read_text(encoding="utf-8")
    assert code == "0", f"the build of {name} failed (exit {code}):\n{text[-5000:]}"
    assert (folder / name).is_dir(), f"KB_TEST_BUILDS={PREBUILT} holds no {name}/: run `make test-builds`, or unset it"
    return text


@pytest.fixture
def fixture_kb(tmp_path) -> Path:
    return make_fixture_kb(tmp_path / "site-data")


def _built_once(tmp_path_factory, name: str, build: Callable[[Path], Path]) -> Path:
    """What build(folder) makes, made once per test run and shared.

    `make test` runs pytest on several workers (pytest-xdist), each a process with its
    own session fixtures: the first worker that needs a build makes it, under a lock,
    in the folder all workers of the run share; the others wait for it and read it.
    build returns the path it made (inside folder); a build that failed is made again
    by the next worker that asks, and fails there too.
    """
    if os.environ.get("PYTEST_XDIST_WORKER") is None:
        return build(tmp_path_factory.mktemp(name))
    shared = tmp_path_factory.getbasetemp().parent
    folder, done = shared / name, shared / f"{name}.done"
    with open(shared / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            made = build(folder)
            done.write_text(made.relative_to(folder).as_posix(), encoding="utf-8")
        return folder / done.read_text(encoding="utf-8")


def _real_build(tmp_path_factory, output: str, *args: str) -> Path:
    """The real site built once per test run (output: site or site-offline), shared by every test."""
    if PREBUILT:
        folder = Path(PREBUILT).resolve()
        stderr = _prebuilt_log(folder, output)
    else:
        def build(base: Path) -> Path:
            project = make_project(base / "project")
            result = mkdocs_build(project, *args)
            assert result.returncode == 0, result.stderr[-5000:]
            (project / f"{output}.log").write_text(result.stderr, encoding="utf-8")
            return project
        folder = _built_once(tmp_path_factory, output, build)
        stderr = (folder / f"{output}.log").read_text(encoding="utf-8")
    assert "WARNING" not in stderr, stderr[-5000:]
    return folder / output


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site (mkdocs.yml)."""
    return _real_build(tmp_path_factory, "site")


@pytest.fixture(scope="session")
def real_kb():
    from kb.loader import load_knowledge_base
    return load_knowledge_base(ROOT / "site-data")


@pytest.fixture(scope="session")
def site_server(built_site):
    from helpers import StaticServer
    server = StaticServer(built_site)
    yield server
    server.close()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright
    from helpers import CHROMIUM_ARGS, TEST_CHROMIUM
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=TEST_CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    """A fresh browser page that records console errors, page errors and failed responses."""
    context = browser.new_context()
    # A missing element should fail a test in seconds, not after Playwright's 30 s default.
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.problems = []
    page.on("console", lambda message: page.problems.append(f"console: {message.text}")
            if message.type == "error" else None)
    page.on("pageerror", lambda error: page.problems.append(f"page error: {error}"))
    page.on("response", lambda response: page.problems.append(f"HTTP {response.status}: {response.url}")
            if response.status >= 400 else None)
    yield page
    context.close()


@pytest.fixture(scope="session")
def built_offline_site(tmp_path_factory) -> Path:
    """The offline copy of the real site (mkdocs.offline.yml), with site-offline.zip beside it."""
    return _real_build(tmp_path_factory, "site-offline", "-f", "mkdocs.offline.yml")


@pytest.fixture(scope="session")
def built_zensical_site(tmp_path_factory) -> Path:
    """The real site built with Zensical, as `make build-zensical` does: export, one build per language, index."""
    if PREBUILT:
        folder = Path(PREBUILT).resolve()
        output = _prebuilt_log(folder, "site-zensical")
    else:
        def build(base: Path) -> Path:
            output = zensical_build(base / "work", base / "site-zensical")
            (base / "site-zensical.log").write_text(output, encoding="utf-8")
            return base
        folder = _built_once(tmp_path_factory, "zensical", build)
        output = (folder / "site-zensical.log").read_text(encoding="utf-8")
    # Zensical reports broken links and other problems as "Warning:" (and --strict fails on them).
    assert "Warning" not in output, output[-5000:]
    return folder / "site-zensical"


@pytest.fixture(scope="session")
def zensical_server(built_zensical_site):
    from helpers import StaticServer
    server = StaticServer(built_zensical_site)
    yield server
    server.close()


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory) -> Path:
    """The small fixture knowledge base (tests/fixtures/kb) built as a whole site, once per session.

    Browser tests of how pages behave use it, so they run whatever state the real content is in.
    """
    def build(base: Path) -> Path:
        project = make_project(base / "project", make_fixture_kb(base / "site-data"))
        result = mkdocs_build(project)
        assert result.returncode == 0, result.stderr[-5000:]
        assert "WARNING" not in result.stderr, result.stderr[-5000:]
        return project / "site"
    return _built_once(tmp_path_factory, "fixture-site", build)


@pytest.fixture(scope="session")
def fixture_site_server(fixture_site):
    from helpers import StaticServer
    server = StaticServer(fixture_site)
    yield server
    server.close()
