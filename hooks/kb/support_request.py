"""Checks of site-data/support-request.yml that its JSON Schema cannot express.

The builder page turns each `include` entry into a form field whose HTML id comes
from the entry's id, so ids must be unique; and its channel links are the only
links on the page that a reader is told to trust, so each must be on an allowed
official domain, exactly like links written inside Markdown text.
"""
from __future__ import annotations

from .links import LinkPolicy
from .problems import Problem
from .yamlsource import ParsedYaml


def check_support_request(parsed: ParsedYaml, policy: LinkPolicy | None) -> list[Problem]:
    """Problems with field ids and channel addresses; the file must already match its schema."""
    problems: list[Problem] = []
    data = parsed.value
    first_seen: dict[str, int] = {}
    for index, field in enumerate(data["include"]):
        at = ("include", index, "id")
        if field["id"] in first_seen:
            problems.append(Problem(parsed.path, parsed.line_of(at), f"include[{index}].id",
                                    f"the field id `{field['id']}` is already used by include[{first_seen[field['id']]}]",
                                    "give each field its own id"))
        else:
            first_seen[field["id"]] = index
    if policy is not None:
        for index, channel in enumerate(data["channels"]):
            reason = policy.problem_with(channel["url"])
            if reason:
                at = ("channels", index, "url")
                problems.append(Problem(parsed.path, parsed.line_of(at), f"channels[{index}].url", reason,
                                        f"link only to official sites ({policy.allowed_list}); "
                                        "add a domain to site-data/allowed-domains.yml only if it is official"))
    return problems


# Support agents are addressed in English whatever the page language, so every
# page carries the English words of the message next to its own.
AGENT_LANGUAGE = "en"

# Interface labels the builder's script shows while the reader works (site-data/ui/<lang>.yml).
SCRIPT_LABELS = ("support.copied", "support.copy_failed", "support.warning_code",
                 "support.warning_password", "support.warning_key")


def message_words(kb, language: str) -> dict:
    """The words of the message in one language: fixed lines, field labels, cause titles."""
    data = kb.support_request
    message = data["message"]
    return {
        "language": language,
        "greeting": message["greeting"][language],
        "opening": message["opening"][language],
        "situation": message["situation"][language],
        "separator": message["separator"][language],
        "closing": message["closing"][language],
        "fields": {field["id"]: field["label"][language] for field in data["include"]},
        "causes": {cause_id: cause["title"][language] for cause_id, cause in kb.causes.items()},
    }


def builder_script_data(kb, language: str, t) -> dict:
    """Everything the builder's script needs, for the page in `language`; `t` looks up interface labels.

    The page embeds this as JSON, so the script holds no words of its own: the
    message in the page's language, the same in English for support agents, the
    labels it shows and the words that announce a password.
    """
    return {
        "local": message_words(kb, language),
        "agent": message_words(kb, AGENT_LANGUAGE),
        "labels": {key.split(".", 1)[1]: t(key) for key in SCRIPT_LABELS},
        "password_words": list(kb.support_request["password_words"]),
    }
