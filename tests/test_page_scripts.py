"""Each feature script loads only on the pages that hold the block it enhances.

mkdocs.yml declares once, in extra.kb_module_scripts, which script of extra_javascript
enhances which data-module block; overrides/main.html leaves a script out of every page
without its block. Checked on every page of both builds, served and offline.
"""
from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

import pytest
from lxml import html as lxml_html
from mkdocs.utils.yaml import yaml_load

from helpers import ROOT


def _config() -> dict:
    with open(ROOT / "mkdocs.yml", encoding="utf-8") as config:
        return yaml_load(config)


CONFIG = _config()
MODULE_SCRIPTS: dict[str, str] = CONFIG["extra"]["kb_module_scripts"]
EVERY_PAGE = [script for script in CONFIG["extra_javascript"] if script not in MODULE_SCRIPTS.values()]


def _name(script: str) -> str:
    return PurePosixPath(script).name


def test_every_module_script_is_one_of_the_site_scripts_and_enhances_its_module():
    assert MODULE_SCRIPTS and EVERY_PAGE
    for module, script in MODULE_SCRIPTS.items():
        assert script in CONFIG["extra_javascript"], (module, script)
        source = (ROOT / "overrides" / script).read_text(encoding="utf-8")
        assert re.search(r'kbEnhanceModule\(\s*"' + re.escape(module) + '"', source), (module, script)


def _pages(site: Path):
    for path in sorted(site.rglob("*.html")):
        document = lxml_html.fromstring(path.read_bytes())
        modules = set(document.xpath("//*[@data-module]/@data-module"))
        scripts = [_name(src) for src in document.xpath("//script/@src")]
        yield path.relative_to(site).as_posix(), modules, scripts


@pytest.mark.parametrize("build", ["served", "offline"])
def test_feature_scripts_are_on_the_pages_that_use_them_and_nowhere_else(request, build):
    site = request.getfixturevalue("built_site" if build == "served" else "built_offline_site")
    pages_with = {module: 0 for module in MODULE_SCRIPTS}
    pages = 0
    for page, modules, scripts in _pages(site):
        pages += 1
        for module, script in MODULE_SCRIPTS.items():
            assert (_name(script) in scripts) == (module in modules), (page, module, scripts)
            pages_with[module] += module in modules
        # The scripts every page needs are there once each, in the declared order.
        everywhere = [name for name in scripts if name in {_name(s) for s in EVERY_PAGE}]
        assert everywhere == [_name(s) for s in EVERY_PAGE], (page, scripts)
    # Every feature is on some pages, and left out of the others.
    assert pages > 100 and all(0 < count < pages for count in pages_with.values()), (pages, pages_with)


def test_a_cause_page_loads_no_feature_script(built_site, real_kb):
    from helpers import page_types
    path = built_site / page_types(real_kb)["cause"] / "index.html"
    scripts = [_name(src) for src in lxml_html.fromstring(path.read_bytes()).xpath("//script/@src")]
    assert not {_name(script) for script in MODULE_SCRIPTS.values()} & set(scripts), scripts
    assert [_name(script) for script in EVERY_PAGE if _name(script) in scripts] == [_name(s) for s in EVERY_PAGE]


PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}


def test_in_the_browser_each_page_fetches_the_feature_scripts_of_its_blocks_and_runs_them(
        browser, site_server, real_kb):
    from helpers import page_types
    types = page_types(real_kb)
    paths = [types["cause"], types["faq"], types["tree-step"], types["checklist"], "support-request/"]
    context = browser.new_context(**PHONE)
    try:
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        for path in paths:
            fetched = []
            listener = lambda request: fetched.append(_name(request.url.split("?")[0]))  # noqa: E731
            page.on("request", listener)
            page.goto(site_server.url + path, wait_until="networkidle")
            page.remove_listener("request", listener)
            modules = set(page.eval_on_selector_all("[data-module]", "els => els.map(e => e.dataset.module)"))
            wanted = {_name(script) for module, script in MODULE_SCRIPTS.items() if module in modules}
            assert {name for name in fetched if name in {_name(s) for s in MODULE_SCRIPTS.values()}} == wanted, \
                (path, fetched)
            assert {_name(script) for script in EVERY_PAGE} <= set(fetched), (path, fetched)
            # The scripts ran: the search box is live everywhere, and each block was enhanced
            # (its script shows what stays hidden without JavaScript, or marks the block).
            assert page.locator("html.kb-js [data-kb-search] input").is_visible(), path
            if "checklist" in modules:
                assert page.locator("[data-checklist-status]").is_visible(), path
            if "support-request" in modules:
                assert page.locator("[data-support-output]").first.is_visible(), path
            if "decision-tree" in modules:
                # The next step shows in place: the same document, a new address.
                page.evaluate("window.kbSameDocument = true")
                page.locator(".kb-step:not([hidden]) a.kb-answer").first.tap()
                page.wait_for_function("location.pathname !== '/" + path + "'")
                assert page.evaluate("window.kbSameDocument === true"), path
                assert page.locator(".kb-step:not([hidden])").count() == 1, path
        assert errors == []
    finally:
        context.close()
