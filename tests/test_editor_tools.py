"""The editors' commands: validate, new, translations; and the draft and outdated notices."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import yaml
from bs4 import BeautifulSoup

from helpers import LANGUAGES, make_fixture_kb, make_project, mkdocs_build


def kb_command(*args, data):
    # The console script that `pip install -e .` puts beside the interpreter.
    return subprocess.run([str(Path(sys.executable).with_name("kb")), "--data", str(data), *args],
                          capture_output=True, text=True, timeout=120)


def test_validate_reports_every_problem_with_file_line_key_and_fix(fixture_kb):
    assert kb_command("validate", data=fixture_kb).returncode == 0
    cause = fixture_kb / "causes/doc-expired.yml"
    text = cause.read_text().replace('  fr: "[fr] Document expired"\n', "").replace("category: documents", "category: document")
    cause.write_text(text)
    (fixture_kb / "faqs/which-documents.yml").write_text(
        (fixture_kb / "faqs/which-documents.yml").read_text().replace("answer:", "answr:"))
    result = kb_command("validate", data=fixture_kb)
    assert result.returncode == 1
    lines = [line.strip() for line in result.stderr.splitlines() if line.startswith("  ")]
    assert any(line.startswith("site-data/causes/doc-expired.yml:2: title.fr: the French text is missing — ") for line in lines)
    assert any(line.startswith("site-data/faqs/which-documents.yml:2: answr: unknown key") for line in lines)
    assert len(lines) >= 3


def test_validate_prints_warnings_in_the_same_form_and_still_succeeds(fixture_kb):
    from golden_cases import GOLDEN, apply_case, load_case
    case = load_case(GOLDEN / "qa-length-outlier.yml")
    apply_case(case, fixture_kb)
    result = kb_command("validate", data=fixture_kb)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("site-data is valid: ")
    heading = next(i for i, line in enumerate(lines) if "(not an error" in line or "(not errors)" in line)
    assert f"  {case['expect_warnings'][0]}" in lines[heading + 1:]


def test_new_faq_is_rejected_until_filled_then_accepted(fixture_kb):
    result = kb_command("new", "faq", "photo-too-dark", "--cause", "doc-expired", data=fixture_kb)
    assert result.returncode == 0, result.stderr
    created = fixture_kb / "faqs/photo-too-dark.yml"
    data = yaml.safe_load(created.read_text())
    assert set(data) == {"question", "answer", "causes"}
    assert set(data["question"]) == set(LANGUAGES)
    assert "photo-too-dark" in yaml.safe_load((fixture_kb / "causes/doc-expired.yml").read_text())["faqs"]
    refused = kb_command("validate", data=fixture_kb)
    # Two texts (question, answer) in every language.
    assert refused.returncode == 1 and refused.stderr.count("TODO placeholder") == 2 * len(LANGUAGES)
    created.write_text(created.read_text().replace('"TODO: the question, as a reader would ask it', '"Too dark')
                       .replace('"TODO: the answer; mark unofficial figures as user reports', '"Use daylight'))
    assert kb_command("validate", data=fixture_kb).returncode == 0
    assert kb_command("new", "faq", "photo-too-dark", data=fixture_kb).returncode == 1


def test_translations_table_outdated_and_confirm(fixture_kb):
    assert kb_command("translations", "confirm", "--all", "--yes", data=fixture_kb).returncode == 0
    table = json.loads(kb_command("translations", "--json", data=fixture_kb).stdout)
    assert table["causes/doc-expired.yml"]["fr"]["status"] == "complete"
    cause = fixture_kb / "causes/doc-expired.yml"
    cause.write_text(cause.read_text().replace('en: "[en] The document is past its date."', 'en: "[en] It expired."'))
    table = json.loads(kb_command("translations", "--json", data=fixture_kb).stdout)
    assert table["causes/doc-expired.yml"]["fr"] == {"status": "outdated", "fields": {"summary": "outdated"}}
    assert table["faqs/which-documents.yml"]["fr"]["status"] == "complete"
    cause.write_text(cause.read_text().replace('  ja: "[ja] Document expired"\n', ""))
    table = json.loads(kb_command("translations", "--json", data=fixture_kb).stdout)
    assert table["causes/doc-expired.yml"]["ja"]["fields"]["title"] == "missing"
    human = kb_command("translations", data=fixture_kb).stdout
    assert "causes/doc-expired.yml" in human and "missing" in human and "outdated" in human
    assert kb_command("translations", "--strict", data=fixture_kb).returncode == 1
    assert kb_command("translations", "confirm", "causes/doc-expired.yml", "--language", "fr", data=fixture_kb).returncode == 0
    table = json.loads(kb_command("translations", "--json", data=fixture_kb).stdout)
    assert table["causes/doc-expired.yml"]["fr"]["status"] == "complete"
    assert table["causes/doc-expired.yml"]["es"]["status"] == "outdated"


def test_draft_build_falls_back_to_english_with_notices(tmp_path):
    kb = make_fixture_kb(tmp_path / "kb")
    assert kb_command("translations", "confirm", "--all", "--yes", data=kb).returncode == 0
    cause = kb / "causes/doc-expired.yml"
    cause.write_text(cause.read_text().replace('  zh: "[zh] Only valid documents are accepted."\n', "")
                     .replace('en: "[en] The document is past its date."', 'en: "[en] It is past its date."'))
    project = make_project(tmp_path / "project", kb)
    strict = mkdocs_build(project)
    assert strict.returncode != 0 and "why.zh: the Chinese text is missing" in strict.stderr
    env = dict(os.environ, KB_DRAFT="1", NO_MKDOCS_2_WARNING="1")
    draft = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project, env=env,
                           capture_output=True, text=True, timeout=600)
    assert draft.returncode == 0, draft.stderr[-3000:]
    zh = BeautifulSoup((project / "site/zh/causes/doc-expired/index.html").read_text(), "lxml")
    notice = zh.select_one("article .admonition.warning")
    assert notice is not None and "尚未翻译" in notice.get_text()
    assert (project / "site/zh/causes/doc-expired" / notice.select_one("a")["href"] / "index.html").resolve() == \
        (project / "site/causes/doc-expired/index.html").resolve()
    assert "[en] Only valid documents are accepted." in zh.select_one("#why").find_next("p").get_text()
    # French is complete but translated from an older English summary: the quieter notice.
    fr = BeautifulSoup((project / "site/fr/causes/doc-expired/index.html").read_text(), "lxml")
    assert fr.select_one("article .admonition.warning") is None
    assert "L'original anglais" in fr.select_one(".kb-outdated-notice").get_text()
    # An untouched page in a complete language shows no notice at all.
    untouched = BeautifulSoup((project / "site/fr/causes/face-failed/index.html").read_text(), "lxml")
    assert untouched.select_one(".kb-outdated-notice, article .admonition.warning") is None


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def to_confirm(data) -> str:
    """The count and files `confirm --all` would name: every text not yet confirmed (the fixture's
    interface strings are the real site's, so the count follows them)."""
    table = json.loads(kb_command("translations", "--json", data=data).stdout)
    texts = sum(len(row["fields"]) for languages in table.values() for row in languages.values())
    files = sum(1 for languages in table.values() if any(row["fields"] for row in languages.values()))
    return f"Confirm {texts} translated texts in {files} files"


def test_confirm_needs_a_file_or_all_and_refuses_unknown_files_and_languages(fixture_kb):
    expected = to_confirm(fixture_kb)
    before = files_of(fixture_kb)
    bare = kb_command("translations", "confirm", data=fixture_kb)
    assert bare.returncode == 2 and "--all" in bare.stderr and "kb translations confirm FILE" in bare.stderr
    # --all without a terminal to ask and without --yes: refused, with the count.
    unattended = subprocess.run([str(Path(sys.executable).with_name("kb")), "--data", str(fixture_kb),
                                 "translations", "confirm", "--all"], stdin=subprocess.DEVNULL,
                                capture_output=True, text=True, timeout=120)
    assert unattended.returncode == 2 and "--yes" in unattended.stderr
    assert expected in unattended.stderr
    typo = kb_command("translations", "confirm", "causes/doc-expird.yml", data=fixture_kb)
    assert typo.returncode == 2
    assert "unknown file `causes/doc-expird.yml`: did you mean `causes/doc-expired.yml`" in typo.stderr
    assert "valid: categories.yml, causes/doc-expired.yml, causes/face-failed.yml," in typo.stderr
    language = kb_command("translations", "confirm", "causes/doc-expired.yml", "--language", "xx", data=fixture_kb)
    assert language.returncode == 2 and "unknown language `xx`: valid: zh, es, fr, ja, ko" in language.stderr
    # None of these wrote anything (not even an empty lock file).
    assert files_of(fixture_kb) == before


def test_confirm_all_asks_on_a_terminal(fixture_kb):
    import pty
    expected = to_confirm(fixture_kb) + " (zh, es, fr, ja, ko)"
    master, slave = pty.openpty()
    for answer, code, confirmed in ((b"n\n", 1, False), (b"y\n", 0, True)):
        process = subprocess.Popen([str(Path(sys.executable).with_name("kb")), "--data", str(fixture_kb),
                                    "translations", "confirm", "--all"], stdin=slave,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        os.write(master, answer)
        out, err = process.communicate(timeout=120)
        assert process.returncode == code, err
        assert expected in out
        assert (fixture_kb / "translations.lock.yml").exists() == confirmed
    os.close(master)
    os.close(slave)


def test_confirm_prints_exactly_what_it_confirmed(fixture_kb):
    assert kb_command("translations", "confirm", "--all", "--yes", data=fixture_kb).returncode == 0
    cause = fixture_kb / "causes/doc-expired.yml"
    cause.write_text(cause.read_text().replace('en: "[en] The document is past its date."', 'en: "[en] It expired."'))
    listed = kb_command("translations", data=fixture_kb)
    # Outside a git repository the earlier English cannot be shown (the lock keeps only its hash).
    assert listed.stdout.splitlines()[:5] == [
        "causes/doc-expired.yml",
        "  summary: outdated in zh, es, fr, ja, ko",
        "    English before: (not found in the git history of the file)",
        "    English now:    [en] It expired.",
        "  after checking: kb translations confirm causes/doc-expired.yml"]
    assert "faqs/which-documents.yml" not in listed.stdout  # complete rows only with --full
    assert "faqs/which-documents.yml" in kb_command("translations", "--full", data=fixture_kb).stdout
    # A comma-separated list of languages is several languages.
    done = kb_command("translations", "confirm", "causes/doc-expired.yml", "--language", "fr,ja", data=fixture_kb)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "causes/doc-expired.yml",
        "  fr, was outdated: summary",
        "  ja, was outdated: summary",
        "Confirmed 2 translated texts against the current English text; "
        "12 others in these files and languages were already confirmed."]
    left = kb_command("translations", data=fixture_kb).stdout.splitlines()
    assert left[1] == "  summary: outdated in zh, es, ko"
    assert left[4] == ("  after checking: kb translations confirm causes/doc-expired.yml "
                       "--language zh --language es --language ko")


def test_translations_show_the_english_before_and_after_from_git_history(tmp_path):
    kb = make_fixture_kb(tmp_path / "site-data")
    git = ["git", "-C", str(tmp_path), "-c", "user.email=editor@example.org", "-c", "user.name=Editor"]
    subprocess.run(git + ["init", "-q"], check=True)
    assert kb_command("translations", "confirm", "--all", "--yes", data=kb).returncode == 0
    subprocess.run(git + ["add", "-A"], check=True)
    subprocess.run(git + ["commit", "-q", "-m", "confirmed"], check=True)
    cause = kb / "causes/doc-expired.yml"
    # Two English edits since the confirmation, one of them committed: "before" is the confirmed text.
    cause.write_text(cause.read_text().replace('en: "[en] The document is past its date."', 'en: "[en] Expired."'))
    subprocess.run(git + ["commit", "-q", "-am", "first edit"], check=True)
    cause.write_text(cause.read_text().replace('en: "[en] Expired."', 'en: "[en] It   expired\n  long ago."'))
    lines = kb_command("translations", data=kb).stdout.splitlines()
    assert lines[:5] == [
        "causes/doc-expired.yml",
        "  summary: outdated in zh, es, fr, ja, ko",
        "    English before: [en] The document is past its date.",
        "    English now:    [en] It expired long ago.",
        "  after checking: kb translations confirm causes/doc-expired.yml"]


def test_scaffold_refuses_bad_input_and_changes_nothing(fixture_kb):
    before = files_of(fixture_kb)
    typo = kb_command("new", "faq", "residence-permit", "--cause", "doc-expird", data=fixture_kb)
    assert typo.returncode == 1 and typo.stdout == ""
    assert typo.stderr.splitlines() == ["unknown cause `doc-expird`: did you mean `doc-expired`?",
                                        "Nothing was created or changed."]
    commas = kb_command("new", "faq", "residence-permit", "--cause", "doc-expired,face-failed", data=fixture_kb)
    assert commas.returncode == 1
    assert "--cause doc-expired --cause face-failed" in commas.stderr
    bad_id = kb_command("new", "faq", "Residence_Permit", "--cause", "doc-expired", data=fixture_kb)
    assert bad_id.returncode == 1 and "e.g. `residence-permit`" in bad_id.stderr
    unknown = kb_command("new", "cause", "new-cause", "--solution", "renew-documnet", data=fixture_kb)
    assert unknown.returncode == 1 and "did you mean `renew-document`?" in unknown.stderr
    assert files_of(fixture_kb) == before


def test_scaffold_reports_exactly_the_files_it_changed(fixture_kb):
    result = kb_command("new", "faq", "residence-permit", "--cause", "doc-expired", "--cause", "face-failed",
                        data=fixture_kb)
    assert result.returncode == 0, result.stderr
    name = fixture_kb.name
    assert result.stdout.splitlines() == [
        f"Created {name}/faqs/residence-permit.yml.",
        f"Changed {name}/causes/doc-expired.yml: added `residence-permit` to its faqs.",
        f"Changed {name}/causes/face-failed.yml: added `residence-permit` to its faqs.",
        "Next: replace every TODO in all 6 languages; run `kb validate` (make validate) until it reports no "
        "problem. The valid run records the new translations of faqs/residence-permit.yml as confirmed, so that "
        "a later change to the English shows readers a note."]
    for cause in ("doc-expired", "face-failed"):
        assert "residence-permit" in yaml.safe_load((fixture_kb / f"causes/{cause}.yml").read_text())["faqs"]


def test_a_new_faq_is_recorded_as_confirmed_by_a_valid_validate_and_never_shows_a_false_note(tmp_path):
    """A FAQ written now has no older English it was translated from: the valid `kb validate`
    that ends the recipe records its translations as confirmed (readers get no note), an English
    change to a confirmed FAQ gives readers a note, and that outdated text is never re-recorded."""
    kb = make_fixture_kb(tmp_path / "kb")
    assert kb_command("translations", "confirm", "--all", "--yes", data=kb).returncode == 0
    assert kb_command("new", "faq", "residence-permit", "--cause", "doc-expired", data=kb).returncode == 0
    created = kb / "faqs/residence-permit.yml"
    # While TODOs remain, the data is invalid and nothing is recorded.
    unfinished = kb_command("validate", data=kb)
    assert unfinished.returncode == 1 and "residence-permit" not in (kb / "translations.lock.yml").read_text()
    created.write_text(created.read_text()
                       .replace('"TODO: the question, as a reader would ask it', '"Residence permit?')
                       .replace('"TODO: the answer; mark unofficial figures as user reports',
                                '"See <https://www.binance.com/en/support>'))
    listed = kb_command("translations", data=kb).stdout
    assert "faqs/residence-permit.yml\n  question: unconfirmed in zh, es, fr, ja, ko\n" in listed
    old = kb / "faqs/which-documents.yml"
    old.write_text(old.read_text().replace('en: "[en] A valid one."', 'en: "[en] A valid, unexpired one."'))
    checked = kb_command("validate", data=kb)
    assert checked.returncode == 0, checked.stderr
    # Warnings (a translation of unusual length) may come first; they are not what this test is about.
    lines = [line for line in checked.stdout.splitlines()[1:]
             if not re.match(r"\d+ warnings? \(not|  \S+\.yml:\d+: .* times as long", line)]
    assert lines == [
        "Recorded 10 new translated texts as confirmed (first translations: no earlier English to compare "
        "them with), in translations.lock.yml:",
        "  faqs/residence-permit.yml",
        "    question: zh, es, fr, ja, ko",
        "    answer: zh, es, fr, ja, ko",
        "Notice: 5 translated texts are outdated (the English changed since they were confirmed; readers see "
        "a note). Run `kb translations` (make translations) to see them, field by field."]
    listed = kb_command("translations", data=kb).stdout
    assert "residence-permit" not in listed
    assert "faqs/which-documents.yml\n  answer: outdated in zh, es, fr, ja, ko\n" in listed
    # A second run has nothing new to record, and leaves the outdated texts outdated.
    again = kb_command("validate", data=kb).stdout
    assert "Recorded" not in again and "5 translated texts are outdated" in again
    project = make_project(tmp_path / "project", kb)
    built = mkdocs_build(project)
    assert built.returncode == 0, built.stderr[-3000:]
    fr = BeautifulSoup((project / "site/fr/faq/index.html").read_text(), "lxml")

    def notice_of(faq_id):
        heading = fr.find(id=faq_id)
        following = heading.find_next(lambda tag: tag.name == "h3" or "kb-outdated-notice" in tag.get("class", []))
        return following if following is not None and following.name != "h3" else None

    assert notice_of("residence-permit") is None
    assert notice_of("which-documents") is not None
    # The autolink is a link on the page.
    answer = fr.find(id="residence-permit").find_next("p")
    assert answer.find("a", href="https://www.binance.com/en/support") is not None
    # An English change to the new FAQ now reaches readers too.
    created.write_text(created.read_text().replace('en: "Residence permit?', 'en: "A residence permit?'))
    assert "10 translated texts are outdated" in kb_command("validate", data=kb).stdout
    assert "faqs/residence-permit.yml\n  question: outdated in zh, es, fr, ja, ko\n" in kb_command(
        "translations", data=kb).stdout

def _scaffold_diff(kb: Path, cause: str, edit) -> list[str]:
    """The changed lines (`-`/`+`) of a cause file after `kb new faq --cause` on a copy edited by edit."""
    import difflib

    path = kb / f"causes/{cause}.yml"
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    before = path.read_text(encoding="utf-8").splitlines(keepends=True)
    result = kb_command("new", "faq", "residence-permit", "--cause", cause, data=kb)
    assert result.returncode == 0, result.stderr
    after = path.read_text(encoding="utf-8").splitlines(keepends=True)
    assert "residence-permit" in yaml.safe_load("".join(after))["faqs"]
    return [line for line in difflib.ndiff(before, after) if line[:1] in "-+"]


def _with_comments_quotes_and_blocks(text: str) -> str:
    # What the round trip must keep byte-for-byte: the schema line, comments, every quote style, a block text.
    return ("# yaml-language-server: $schema=../schema/cause.schema.json\n# Reviewed with support, keep.\n"
            + text.replace('  en: "[en] The document is past its date."',
                           "  en: |-\n    [en] The document is past its date,\n    on two lines.  # not a comment")
                  .replace('  zh: "[zh] The document is past its date."', "  zh: '[zh] The document is past its date.'")
                  .replace("faqs:\n", "faqs:  # FAQs that answer this cause\n"))


def test_scaffold_adds_one_list_item_and_keeps_the_rest_of_the_cause_byte_for_byte(tmp_path):
    block = _scaffold_diff(make_fixture_kb(tmp_path / "block"), "doc-expired", _with_comments_quotes_and_blocks)
    assert block == ["+   - residence-permit\n"]
    flow = _scaffold_diff(make_fixture_kb(tmp_path / "flow"), "doc-expired",
                          lambda text: _with_comments_quotes_and_blocks(text).replace(
                              "faqs:  # FAQs that answer this cause\n  - which-documents\n",
                              "faqs: [which-documents, photo-tips]  # FAQs that answer this cause\n"))
    # A flow list stays a flow list; only its own line changes (the writer keeps the comment's column,
    # so a comment the longer line runs into is left one space after it).
    assert flow == ["- faqs: [which-documents, photo-tips]  # FAQs that answer this cause\n",
                    "+ faqs: [which-documents, photo-tips, residence-permit] # FAQs that answer this cause\n"]
    # An empty list becomes a block list, the way filled lists are written in site-data/.
    empty = _scaffold_diff(make_fixture_kb(tmp_path / "empty"), "face-failed", lambda text: text)
    assert empty == ["- faqs: []\n", "+ faqs:\n", "+   - residence-permit\n"]
