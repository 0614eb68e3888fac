"""Link and markup rules for text written in site-data/.

This guide serves people who are targets of phishing, so a contributed YAML file
must not be able to add a link to a look-alike domain, a referral parameter, a
`javascript:` URL or raw HTML. Plain fields are escaped at render time anyway; the
rules below keep Markdown fields, which are rendered as Markdown, just as inert.
"""
from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlsplit

URL_IN_TEXT = re.compile(r"(?i)\b(?:[a-z][a-z0-9+.-]*)://[^\s<>()\[\]\"'`]+")
MARKDOWN_LINK_TARGET = re.compile(r"\]\(\s*<?([^\s>]*)")
REFERENCE_DEFINITION = re.compile(r"(?m)^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)")
RAW_HTML = re.compile(r"<[A-Za-z!/?]")
# A CommonMark autolink, `<https://...>`: Markdown's own link syntax, not HTML. Its
# target is checked like any other link (scheme here, domain by url_problems).
AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*)>")
ATTRIBUTE_LIST = re.compile(r"\{[^}\n]*\}")
REFERRAL_PARAMETER = re.compile(r"(?i)^(ref|refid|referral|ref_code|invite|invitecode|invite_code|aff|affiliate|utm_.*)$")


class LinkPolicy:
    """Which external addresses may appear in the guide (site-data/allowed-domains.yml)."""

    def __init__(self, domains: list[str], paths: list[str]):
        self.domains = [d.lower() for d in domains]
        self.paths = [p.lower().rstrip("/") for p in paths]

    def problem_with(self, url: str) -> str | None:
        """Why an external address is not allowed, or None when it is."""
        parts = urlsplit(url)
        if parts.scheme.lower() != "https":
            return f"`{url}` does not use https"
        if parts.username or parts.password or "@" in parts.netloc:
            return f"`{url}` hides its real host behind an @"
        host = (parts.hostname or "").lower()
        path = parts.path.lower()
        allowed = any(host == d or host.endswith("." + d) for d in self.domains) or any(
            f"{host}{path}" == p or f"{host}{path}".startswith(p + "/") for p in self.paths)
        if not allowed:
            return f"`{url}` is not on an allowed official domain"
        for name, _ in parse_qsl(parts.query, keep_blank_values=True):
            if REFERRAL_PARAMETER.match(name):
                return f"`{url}` carries the referral or tracking parameter `{name}`"
        return None

    @property
    def allowed_list(self) -> str:
        return ", ".join(self.domains + self.paths)


def markdown_problems(text: str, policy: LinkPolicy) -> list[tuple[str, str]]:
    """(message, fix) pairs for one Markdown text."""
    return [(message, fix) for message, fix, _ in markdown_findings(text, policy)]


def markdown_findings(text: str, policy: LinkPolicy) -> list[tuple[str, str, str]]:
    """(message, fix, offending part of the text) for one Markdown text; the part locates the line."""
    found = []
    autolinks = AUTOLINK.findall(text)
    html = RAW_HTML.search(AUTOLINK.sub("", text))
    if html:
        found.append(("raw HTML is not allowed in this text",
                      "remove the <…> tag; use Markdown (**bold**, [text](https://…)) instead", html.group()))
    attributes = ATTRIBUTE_LIST.search(text)
    if attributes:
        found.append(("curly-brace attribute lists are not allowed in this text",
                      "remove the {…} part", attributes.group()))
    if "![" in text:
        found.append(("images are not allowed in this text", "remove the ![…](…) image", "!["))
    targets = list(map(_without_closing_parentheses, MARKDOWN_LINK_TARGET.findall(text)
                       + REFERENCE_DEFINITION.findall(text))) + autolinks
    for target in targets:
        scheme = urlsplit(target).scheme.lower()
        if scheme and scheme != "https":
            found.append((f"the link `{target}` uses `{scheme}:`, which is not allowed",
                          "link only to https:// pages on the allowed official domains", target))
        elif not scheme:
            # Pages of this site are linked by the templates; a relative link in
            # data cannot be checked against the page it ends up on.
            found.append((f"the link `{target}` is not a full https:// address",
                          "link only to https:// pages on the allowed official domains", target))
    return found


def _without_closing_parentheses(target: str) -> str:
    """`[x](a(1))` captures `a(1))`: drop the parentheses that close the link itself."""
    while target.endswith(")") and target.count(")") > target.count("("):
        target = target[:-1]
    return target


def url_problems(text: str, policy: LinkPolicy) -> list[tuple[str, str]]:
    """(message, fix) pairs for every address written in a text, linked or not."""
    return [(message, fix) for message, fix, _ in url_findings(text, policy)]


def url_findings(text: str, policy: LinkPolicy) -> list[tuple[str, str, str]]:
    """(message, fix, the address as written) for every address in a text that is not allowed."""
    found = []
    for url in URL_IN_TEXT.findall(text):
        reason = policy.problem_with(url.rstrip(".,;:!?"))
        if reason:
            found.append((reason, f"link only to official sites ({policy.allowed_list}); "
                                  "add a domain to site-data/allowed-domains.yml only if it is official", url))
    return found


def page_problems(pages_dir, policy: LinkPolicy, root=None) -> list:
    """Problems with external addresses in hand-written Markdown pages (content/), with their lines."""
    from pathlib import Path

    from .problems import Problem

    pages_dir = Path(pages_dir)
    root = Path(root) if root else pages_dir.parent
    found = []
    for path in sorted(pages_dir.rglob("*.md")):
        shown = path.relative_to(root).as_posix() if root in path.parents else path.as_posix()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            for message, fix in url_problems(line, policy):
                found.append(Problem(shown, number, "", message, fix))
            for target in map(_without_closing_parentheses, MARKDOWN_LINK_TARGET.findall(line)):
                scheme = urlsplit(target).scheme.lower()
                if scheme and scheme not in ("https", "http"):
                    found.append(Problem(shown, number, "", f"the link `{target}` uses `{scheme}:`",
                                         "link only to https:// pages on the allowed official domains"))
    return found
