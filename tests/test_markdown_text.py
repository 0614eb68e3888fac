"""Plain text placed into generated Markdown is shown exactly as written."""
import markdown

from kb.markdown_text import escape_markdown


def render(text: str) -> str:
    return markdown.markdown(escape_markdown(text), extensions=["attr_list"])


def test_markdown_syntax_in_plain_text_stays_literal():
    html = render("Use *this* [link](https://evil.example) `code` {: onclick=x }")
    assert "<em>" not in html and "<a " not in html and "<code>" not in html and "onclick=\"" not in html
    assert "*this*" in html and "[link]" in html


def test_line_start_markers_do_not_become_headings_or_lists():
    assert "<h1>" not in render("# Not a heading")
    assert "<li>" not in render("- not a list")
    assert "<ol>" not in render("1. not a list")


def test_newlines_collapse_so_text_cannot_start_new_blocks():
    assert escape_markdown("one\n\n# two") == "one # two"
