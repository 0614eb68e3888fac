"""The preview server's error state: what an editor sees in the browser while site-data/ has a mistake.

Under a live-reloading preview a failed rebuild must neither stop the server nor
leave the browser waiting: the last good site stays served, and every HTML page
gets a banner listing the problems (`file:line: key: message — fix`) until a
rebuild succeeds. This module holds that state and the WSGI wrapper that adds
the banner; it knows nothing of MkDocs (the adapter in site_hooks.py wires it).
"""
from __future__ import annotations

import re
import threading
from typing import Callable, Iterable

# The language of a page, from its <html lang="…">; the banner speaks it.
_HTML_LANG = re.compile(rb"<html[^>]*\blang=\"([^\"]+)\"", re.IGNORECASE)
_BODY_OPEN = re.compile(rb"<body[^>]*>", re.IGNORECASE)


class PreviewErrors:
    """The problems of the latest failed rebuild, or none after a good one. Thread-safe:
    the server answers requests on other threads than the one that rebuilds."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._problems: tuple[str, ...] = ()

    def set(self, problems: Iterable[str]) -> None:
        with self._lock:
            self._problems = tuple(problems)

    def clear(self) -> None:
        self.set(())

    @property
    def problems(self) -> tuple[str, ...]:
        with self._lock:
            return self._problems


def problem_lines(error: BaseException) -> list[str]:
    """The lines to show for a failed rebuild: the validator's own problems when there are
    any (a KnowledgeBaseError anywhere in the chain of causes), else the error's message."""
    seen, innermost = error, error
    while seen is not None:
        problems = getattr(seen, "problems", None)
        if problems:
            return [str(problem) for problem in problems]
        innermost = seen
        seen = seen.__cause__ or seen.__context__
    # MkDocs wraps the error that stopped the build (Abort "Aborted with a BuildError!"):
    # the innermost one says what happened.
    lines = [line.strip() for line in str(innermost).splitlines() if line.strip()]
    return lines or [type(innermost).__name__]


def with_banner(page: bytes, banner_for: Callable[[str, tuple[str, ...]], str], problems: tuple[str, ...]) -> bytes:
    """The page with the banner right after <body>, in the page's language."""
    lang = _HTML_LANG.search(page)
    body = _BODY_OPEN.search(page)
    if body is None:
        return page
    banner = banner_for(lang.group(1).decode("ascii", "replace") if lang else "", problems).encode("utf-8")
    return page[: body.end()] + banner + page[body.end():]


def banner_middleware(app, errors: PreviewErrors, banner_for: Callable[[str, tuple[str, ...]], str]):
    """Wrap a WSGI app so that, while errors holds problems, every HTML response carries the banner.

    banner_for(language, problems) returns the banner's HTML. Other responses (CSS,
    scripts, the live-reload poll) pass through untouched.
    """

    def wrapped(environ, start_response):
        captured: dict = {}

        def capture(status, headers, exc_info=None):
            captured["status"], captured["headers"] = status, headers
            return lambda data: None  # the body comes from the returned iterable (PEP 3333)

        result = app(environ, capture)
        try:
            body = b"".join(result)
        finally:
            close = getattr(result, "close", None)
            if close is not None:
                close()
        # Read only now: the server holds a page request back while a rebuild runs, and the
        # rebuild it waited for decides whether the page is current or the last good one.
        problems = errors.problems
        headers = captured.get("headers", [])
        content_type = next((v for k, v in headers if k.lower() == "content-type"), "")
        if problems and content_type.startswith("text/html"):
            body = with_banner(body, banner_for, problems)
            headers = [(k, v) for k, v in headers if k.lower() != "content-length"]
            headers.append(("Content-Length", str(len(body))))
        start_response(captured.get("status", "200 OK"), headers)
        return [body]

    return wrapped
