"""The printable edition: each language's single HTML file printed to PDF by Chromium.

Not part of `make offline`, which must work with no browser on the machine: `make
offline-pdf` (or `kb editions SITE_DIR --form html --form pdf`) prints them, with
Playwright driving Debian's Chromium (KB_CHROMIUM, /usr/bin/chromium by default: the
desktop browser, which the benchmarks drive; the tests drive its headless shell). The
sections' #anchors become links inside the PDF, and the headings its outline (bookmarks).
"""
from __future__ import annotations

import os
from pathlib import Path

CHROMIUM = os.environ.get("KB_CHROMIUM", "/usr/bin/chromium")
# What the tests pass too: no sandbox (root in containers), no GPU, and no background traffic.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]


def print_pdfs(html_files: list[Path], browser=None) -> list[Path]:
    """Print each single HTML file to a PDF beside it (same name, .pdf).

    browser: a Playwright Chromium already running (the tests'), else one is started here.
    """
    if browser is not None:
        return [_print(browser, Path(html_file)) for html_file in html_files]
    # Imported here: Playwright is a test requirement, and only this edition needs it.
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        written = [_print(browser, Path(html_file)) for html_file in html_files]
        browser.close()
    return written


def _print(browser, html_file: Path) -> Path:
    target = html_file.with_suffix(".pdf")
    partial = target.with_name(target.name + ".partial")
    page = browser.new_page()
    page.goto(html_file.resolve().as_uri())
    page.pdf(path=str(partial), format="A4", print_background=True, outline=True, tagged=True,
             margin={"top": "15mm", "bottom": "15mm", "left": "12mm", "right": "12mm"})
    page.close()
    partial.replace(target)
    return target
