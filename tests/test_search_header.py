"""Our header is Material's own, with only the search swapped for ours (so theme updates stay visible)."""
from __future__ import annotations

from pathlib import Path

import material

from helpers import ROOT

OURS = ROOT / "overrides" / "partials" / "header.html"
MATERIAL = Path(material.__file__).parent / "templates" / "partials" / "header.html"
SEARCH_START = '    {% if "material/search" in config.plugins %}'
SEARCH_END = '    {% if config.repo_url %}'


def without_opening_comment(text: str) -> str:
    assert text.startswith("{#-")
    return text[text.index("-#}") + 3:]


def test_header_differs_from_materials_only_by_the_search():
    material_text = without_opening_comment(MATERIAL.read_text(encoding="utf-8"))
    start, end = material_text.index(SEARCH_START), material_text.index(SEARCH_END)
    expected = material_text[:start] + '    {% include "partials/kb-search.html" %}\n' + material_text[end:]
    assert without_opening_comment(OURS.read_text(encoding="utf-8")) == expected, (
        "Material's partials/header.html changed: copy it again into overrides/partials/header.html "
        "and replace its search block by the include of partials/kb-search.html")


def test_materials_search_plugin_is_off():
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    plugin_lines = config[config.index("\nplugins:"):].splitlines()[1:]
    names = [line.strip().rstrip(":") for line in plugin_lines
             if line.startswith("  ") and not line.startswith("   ") and not line.strip().startswith("#")]
    assert "search" not in names and "material/search" not in names
