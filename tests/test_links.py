"""External links may only go to allowlisted official places, over https, without referral codes."""
import pytest

from kb.links import LinkPolicy, markdown_findings, markdown_problems, url_findings, url_problems

POLICY = LinkPolicy(["binance.com"], ["github.com/binance/binance-spot-api-docs"])


@pytest.mark.parametrize("url", [
    "https://www.binance.com/en/support/faq/360027287111",
    "https://binance.com/en/terms",
    "https://github.com/binance/binance-spot-api-docs/blob/master/rest-api.md",
])
def test_official_addresses_are_allowed(url):
    assert POLICY.problem_with(url) is None


@pytest.mark.parametrize("url, reason", [
    ("http://www.binance.com/en", "https"),
    ("https://binance.com.evil.example/en", "not on an allowed"),
    ("https://notbinance.com/en", "not on an allowed"),
    ("https://www.binance.com@evil.example/", "@"),
    ("https://github.com/someone/binance-spot-api-docs", "not on an allowed"),
    ("https://github.com/binance/binance-spot-api-docs-fake/x", "not on an allowed"),
    ("https://www.binance.com/en/register?ref=XYZ", "referral"),
    ("https://www.binance.com/en?utm_source=x", "referral"),
    ("https://bit.ly/abc", "not on an allowed"),
])
def test_other_addresses_are_refused(url, reason):
    assert reason in POLICY.problem_with(url)


def test_addresses_in_running_text_are_checked_too():
    assert url_problems("see https://evil.example/x.", POLICY)
    assert not url_problems("see https://www.binance.com/en.", POLICY)


@pytest.mark.parametrize("text", [
    "<script>alert(1)</script>",
    "click <a href=x>here</a>",
    "[x](javascript:alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD4=)",
    "[x][1]\n\n[1]: javascript:alert(1)",
    "text{: onclick=alert(1) }",
])
def test_markdown_cannot_carry_html_or_script_links(text):
    assert markdown_problems(text, POLICY)


def test_plain_markdown_is_accepted():
    assert markdown_problems("**Bold**, a list:\n\n- one < two\n- [official](https://www.binance.com/en)", POLICY) == []


def test_a_markdown_autolink_is_a_link_not_raw_html():
    """`<https://…>` is CommonMark's own link syntax: accepted, and its address checked like any link."""
    assert markdown_problems("Ask <https://www.binance.com/en/support>.", POLICY) == []
    assert url_problems("Ask <https://www.binance.com/en/support>.", POLICY) == []
    assert [m for m, _ in url_problems("Ask <https://binance-verify-support.net>.", POLICY)] == [
        "`https://binance-verify-support.net` is not on an allowed official domain"]
    assert [m for m, _ in markdown_problems("Ask <http://www.binance.com/en>.", POLICY)] == [
        "the link `http://www.binance.com/en` uses `http:`, which is not allowed"]
    # Real tags are still raw HTML, next to an autolink too.
    assert [m for m, _ in markdown_problems("<b>Ask</b> <https://www.binance.com/en>", POLICY)] == [
        "raw HTML is not allowed in this text"]


def test_each_finding_names_the_part_of_the_text_it_is_about():
    """The part, as written in the text, is what the validator looks for to report its line."""
    text = "Hi {.x}\n<b>bold</b> ![i](https://www.binance.com/i.png) [a](javascript:alert(1)) [b](faq/x)"
    parts = [part for _, _, part in markdown_findings(text, POLICY)]
    assert parts == ["<b", "{.x}", "![", "javascript:alert(1)", "faq/x"]
    assert all(part in text for part in parts)
    assert [part for _, _, part in url_findings("see https://evil.example/x. and https://www.binance.com/en", POLICY)] \
        == ["https://evil.example/x."]
