"""The renderer turns a knowledge base into Markdown pages without MkDocs."""
import pytest

from kb.loader import load_knowledge_base
from kb.render import Renderer, UnknownInterfaceKey
from kb.schema import Schemas

from helpers import DEFAULT_LANGUAGE, LANGUAGES, OTHER_LATIN_LANGUAGE


@pytest.fixture
def renderer(fixture_kb):
    return Renderer(load_knowledge_base(fixture_kb), Schemas(fixture_kb / "schema"))


def test_one_page_per_cause_and_checklist_plus_indexes(renderer):
    assert sorted(p.path for p in renderer.pages()) == [
        "causes/doc-expired.md", "causes/face-failed.md", "causes/index.md",
        "checklists/before-you-submit.md", "checklists/index.md", "faq.md",
        "support-request.md", "troubleshoot/index.md", "troubleshoot/what-happened/not-sure.md",
        "troubleshoot/which-problem.md", "troubleshoot/which-problem/expired.md",
        "troubleshoot/which-problem/face.md"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_cause_page_has_numbered_steps_of_every_solution_in_its_language(renderer, language):
    page = renderer.render_all(language)["causes/face-failed.md"]
    assert f"1. [{language}] Face the light." in page
    assert f"1. [{language}] Check the date." in page and f"2. [{language}] Use another document." in page
    assert page.index("Face the light") < page.index("Check the date"), "solutions keep their order"


def test_links_between_pages_point_to_markdown_sources(renderer):
    page = renderer.render_all(DEFAULT_LANGUAGE)["causes/doc-expired.md"]
    assert "](../faq.md#which-documents)" in page
    assert "](index.md)" in page


def test_plain_fields_are_escaped_markdown_fields_are_not(fixture_kb):
    cause = fixture_kb / "causes" / "doc-expired.yml"
    cause.write_text(cause.read_text().replace('en: "[en] Document expired"', 'en: "<script>x</script> *star*"'))
    renderer = Renderer(load_knowledge_base(fixture_kb), Schemas(fixture_kb / "schema"))
    page = renderer.render_all("en")["causes/doc-expired.md"]
    assert "# &lt;script&gt;x&lt;/script&gt; \\*star\\*" in page
    assert "**expired**" in page


def test_unknown_interface_key_is_an_error(renderer):
    translate = renderer.context(DEFAULT_LANGUAGE)["t"]
    with pytest.raises(UnknownInterfaceKey):
        translate("no.such_key")


def test_markers_in_hand_written_pages_are_filled(renderer):
    # The fixture's texts are their language's code in brackets, then the English: "[es] Documents".
    language = OTHER_LATIN_LANGUAGE
    out = renderer.fill_markers("Intro\n\n<!-- kb:categories -->\n", language, "index.md")
    assert rf"[**\[{language}\] Documents**](causes/index.md#documents)" in out
    with pytest.raises(UnknownInterfaceKey):
        renderer.fill_markers("<!-- kb:nothing-here -->", language, "index.md")
