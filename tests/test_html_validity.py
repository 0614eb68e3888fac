"""The W3C Nu HTML Checker (vnu-jar from npm) finds no error in our own markup, on one page of each type.

Material for MkDocs' own templates carry two errors of their own on every page
(listed below with why they are Material's); any other error fails the test,
in particular anything from our overrides (the search form, the safety notice,
the tree, the builder).
"""
from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from helpers import CJK_LANGUAGES, DEFAULT_LANGUAGE, ROOT, language_root, page_types

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# (start of the checker's message, text that the offending element's source contains)
MATERIAL_OWN = (
    # Material's drawer and search toggles: <input type="checkbox" autocomplete="off">.
    ("Attribute “autocomplete” is only allowed when the input type is", 'class="md-toggle"'),
    # The table of contents title is a <label> for Material's hidden "__toc" toggle.
    ("The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control",
     'class="md-nav__title" for="__toc"'),
)


def is_materials_own(message: dict) -> bool:
    return any(message["message"].startswith(start) and marker in message.get("extract", "")
               for start, marker in MATERIAL_OWN)


def test_our_markup_validates(built_site, real_kb):
    assert VNU.is_file(), "vnu-jar is missing: run `make node-tools` (npm ci)"
    assert shutil.which("java"), "the HTML checker needs Java"
    files = []
    # The default language and a CJK one: the others share their markup.
    for language in (DEFAULT_LANGUAGE, CJK_LANGUAGES[-1]):
        files += [language_root(built_site, language) / path / "index.html" for path in page_types(real_kb).values()]
    files = [str(f) for f in files if f.is_file()]
    assert len(files) >= 2 * len(page_types(real_kb)) - 2
    result = subprocess.run(["java", "-jar", str(VNU), "--format", "json", "--exit-zero-always", *files],
                            capture_output=True, text=True, timeout=300)
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [m for m in messages if m["type"] == "error"]
    ours = [f"{m['url'].rsplit('/site/', 1)[-1]}:{m.get('lastLine')}: {m['message']} | {m.get('extract', '').strip()}"
            for m in errors if not is_materials_own(m)]
    assert ours == []
    # The allowance above must still describe what the checker sees, or it would hide nothing useful.
    assert any(is_materials_own(m) for m in errors)


@pytest.mark.parametrize("start,marker", MATERIAL_OWN)
def test_materials_own_errors_are_recognised_only_on_materials_elements(start, marker):
    assert is_materials_own({"message": start + " …", "extract": f"<x {marker}>"})
    assert not is_materials_own({"message": start + " …", "extract": '<input id="kb-search-input">'})
