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
