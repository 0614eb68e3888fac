"""Translation status covers every file whose texts are translated, as site.yml declares them.

Before site.yml, tracking had its own list of kinds (entries only), so a changed
English text in the tree, the categories, the support request or the interface
strings was never reported as outdated.
"""
from __future__ import annotations

import json
import subprocess
import sys

import pytest
import yaml

from helpers import ROOT, SITE
from kb.fields import iter_text_fields, text_field_formats
from kb.loader import load_knowledge_base
from kb.problems import format_key
from kb.schema import Schemas


def kb_command(*args, data):
    return subprocess.run([sys.executable, "-m", "kb", "--data", str(data), *args],
                          capture_output=True, text=True, timeout=120)


def translated_files(site_data) -> list[tuple[str, str]]:
    """(file below site-data, kind) for one file of every translated kind that site.yml declares."""
    files = []
    for name, kind in SITE.kinds.items():
        first = sorted((site_data / kind.folder).glob("*.yml"))[0]
        files.append((f"{kind.folder}/{first.name}", name))
    for name, data in SITE.files.items():
        if data.translated:
            files.append((data.file or f"{data.folder}/{SITE.source_language}.yml", name))
    return files


def change_first_source_text(site_data, file: str, kind: str) -> str:
    """Change the first source-language text of a file, the way an editor would; returns its key."""
    path = site_data / file
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if kind == "ui":
        key = next(iter(data))
        data[key] = _changed(data[key])
    else:
        key_path, _, texts = next(iter_text_fields(data, text_field_formats(Schemas(site_data / "schema"), kind)))
        texts[SITE.source_language] = _changed(texts[SITE.source_language])
        key = format_key(key_path)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return key


def _changed(text: str) -> str:
    """The text with one more word before its closing punctuation: new words, same shape, so a
    translation confirmed for it still ends as the English does (the parity checks of kb/qa)."""
    body = text.rstrip(".?!:")
    return f"{body} changed{text[len(body):]}"


def status_table(site_data) -> dict:
    result = kb_command("translations", "--json", data=site_data)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_every_translated_file_of_the_real_site_is_tracked_and_complete():
    table = status_table(ROOT / "site-data")
    expected = {file for file, _ in translated_files(ROOT / "site-data")}
    assert expected <= set(table)
    incomplete = {(file, language): row["status"] for file, languages in table.items()
                  for language, row in languages.items() if row["status"] != "complete"}
    assert incomplete == {}, "translate, then run `kb translations confirm FILE`"


@pytest.mark.parametrize("index", range(len(SITE.kinds) + sum(1 for f in SITE.files.values() if f.translated)))
def test_a_changed_source_text_makes_its_translations_outdated(fixture_kb, index):
    file, kind = translated_files(fixture_kb)[index]
    assert kb_command("translations", "confirm", "--all", "--yes", data=fixture_kb).returncode == 0
    assert status_table(fixture_kb)[file] == {
        language: {"status": "complete", "fields": {}} for language in SITE.translation_languages}

    key = change_first_source_text(fixture_kb, file, kind)
    table = status_table(fixture_kb)
    assert table[file] == {language: {"status": "outdated", "fields": {key: "outdated"}}
                           for language in SITE.translation_languages}
    # Only that file changed status.
    assert {f for f, row in table.items() if any(r["status"] != "complete" for r in row.values())} == {file}

    # Confirming one language of it leaves the others outdated.
    language, *others = SITE.translation_languages
    confirmed = f"{SITE.files['ui'].folder}/{language}.yml" if kind == "ui" else file
    assert kb_command("translations", "confirm", confirmed, "--language", language, data=fixture_kb).returncode == 0
    table = status_table(fixture_kb)
    assert table[file][language]["status"] == "complete"
    assert {table[file][other]["status"] for other in others} == {"outdated"}


def test_a_ui_file_named_for_confirm_confirms_only_its_language(fixture_kb):
    """`kb translations confirm ui/fr.yml` means the French interface strings."""
    assert kb_command("translations", "confirm", "--all", "--yes", data=fixture_kb).returncode == 0
    ui = SITE.files["ui"].folder
    change_first_source_text(fixture_kb, f"{ui}/{SITE.source_language}.yml", "ui")
    target = SITE.translation_languages[-1]
    assert kb_command("translations", "confirm", f"{ui}/{target}.yml", data=fixture_kb).returncode == 0
    row = status_table(fixture_kb)[f"{ui}/{SITE.source_language}.yml"]
    assert {language: r["status"] for language, r in row.items()} == {
        language: "complete" if language == target else "outdated" for language in SITE.translation_languages}


def test_a_missing_translation_in_a_single_file_is_missing_in_draft_mode(fixture_kb):
    """Draft mode and tracking read the same declaration: a text that falls back is reported missing."""
    assert kb_command("translations", "confirm", "--all", "--yes", data=fixture_kb).returncode == 0
    tree_file = fixture_kb / SITE.files["tree"].file
    data = yaml.safe_load(tree_file.read_text(encoding="utf-8"))
    language = SITE.translation_languages[0]
    start = data["start"]
    del data["questions"][start]["question"][language]
    tree_file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    kb = load_knowledge_base(fixture_kb, draft=True)
    assert kb.tree.questions[start]["question"][language] == kb.tree.questions[start]["question"][SITE.source_language]
    row = status_table(fixture_kb)[SITE.files["tree"].file]
    assert row[language] == {"status": "missing", "fields": {f"questions.{start}.question": "missing"}}


def test_moving_list_items_keeps_their_translations_confirmed(fixture_kb):
    """The lock names list items by position: a step inserted above the others moves them, and
    their translations (moved with their English) stay confirmed; only the new step needs a look."""
    assert kb_command("translations", "confirm", "--all", "--yes", data=fixture_kb).returncode == 0
    path = fixture_kb / "solutions/renew-document.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    new_step = {language: f"[{language}] Look at the back of the document." for language in SITE.codes}
    data["steps"].insert(0, new_step)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    row = status_table(fixture_kb)["solutions/renew-document.yml"]
    for language in SITE.translation_languages:
        # steps[0] had the old first step's record; steps[1] and steps[2] are the old steps, moved.
        assert row[language] == {"status": "outdated", "fields": {"steps[0]": "outdated"}}, (language, row[language])
    # A changed English text is outdated even where another position once held it.
    data["steps"][1][SITE.source_language] = _changed(data["steps"][1][SITE.source_language])
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    fields = status_table(fixture_kb)["solutions/renew-document.yml"][SITE.translation_languages[0]]["fields"]
    assert fields == {"steps[0]": "outdated", "steps[1]": "outdated"}, fields
