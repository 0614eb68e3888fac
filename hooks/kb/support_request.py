"""Checks of site-data/support-request.yml that its JSON Schema cannot express.

The builder page turns each `include` entry into a form field whose HTML id comes
from the entry's id, so ids must be unique; and its channel links are the only
links on the page that a reader is told to trust, so each must be on an allowed
official domain, exactly like links written inside Markdown text. The words that
spot secrets must also make sense together: a number field that is not a field
would silently let codes through nowhere, a duplicated seed word hides a typo in
the word list, and a word that names both a password and a recovery phrase would
make the page name the wrong kind.
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
    # With two fields sharing an id, which one a number field means is unclear: report that alone.
    problems += _secret_word_problems(parsed, set(first_seen), check_fields=not problems)
    if policy is not None:
        for index, channel in enumerate(data["channels"]):
            reason = policy.problem_with(channel["url"])
            if reason:
                at = ("channels", index, "url")
                problems.append(Problem(parsed.path, parsed.line_of(at), f"channels[{index}].url", reason,
                                        f"link only to official sites ({policy.allowed_list}); "
                                        "add a domain to site-data/allowed-domains.yml only if it is official"))
    return problems


def _secret_word_problems(parsed: ParsedYaml, field_ids: set[str], check_fields: bool) -> list[Problem]:
    """Problems with secrets.number_fields, secrets.seed_words and the two word lists."""
    problems: list[Problem] = []
    secrets = parsed.value["secrets"]
    for index, field_id in enumerate(secrets["number_fields"]):
        if check_fields and field_id not in field_ids:
            problems.append(Problem(parsed.path, parsed.line_of(("secrets", "number_fields", index)),
                                    f"secrets.number_fields[{index}]", f"`{field_id}` is not the id of a field in include",
                                    f"use one of: {', '.join(sorted(field_ids))}"))
    seen: set[str] = set()
    for word in secrets["seed_words"].split(" "):
        if word in seen:
            problems.append(Problem(parsed.path, parsed.line_of(("secrets", "seed_words")), "secrets.seed_words",
                                    f"the word `{word}` is listed twice", "list each word of the word list once"))
        seen.add(word)
    password_words = set(secrets["password_words"])
    for index, word in enumerate(secrets["seed_phrase_words"]):
        if word in password_words:
            problems.append(Problem(parsed.path, parsed.line_of(("secrets", "seed_phrase_words", index)),
                                    f"secrets.seed_phrase_words[{index}]", f"`{word}` is also in secrets.password_words",
                                    "keep a word in one list only, the kind of secret it names"))
    return problems


# Interface labels the builder's script shows while the reader works (site-data/ui/<lang>.yml).
SCRIPT_LABELS = ("support.copied", "support.copy_failed", "support.warning_code",
                 "support.warning_password", "support.warning_key", "support.warning_seed",
                 "support.warning_left_out", "support.removed_notice")


def message_words(kb, language: str) -> dict:
    """The words of the message in one language: fixed lines, field labels, cause titles, and
    what stands in place of a secret."""
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
        "removed": {kind: text[language] for kind, text in data["secrets"]["removed"].items()},
    }


def builder_script_data(kb, language: str, t) -> dict:
    """Everything the builder's script needs, for the page in `language`; `t` looks up interface labels.

    The page embeds this as JSON, so the script holds no words of its own: the
    message in the page's language, the same in the agent language for support agents, the
    labels it shows and the words it needs to spot a secret.
    """
    secrets = kb.support_request["secrets"]
    return {
        "local": message_words(kb, language),
        # Support agents are addressed in site.yml's agent language whatever the page
        # language, so every page carries those words of the message next to its own.
        "agent": message_words(kb, kb.site.agent_language),
        "labels": {key.split(".", 1)[1]: t(key) for key in SCRIPT_LABELS},
        "secrets": {
            "number_fields": list(secrets["number_fields"]),
            "password_words": list(secrets["password_words"]),
            "seed_phrase_words": list(secrets["seed_phrase_words"]),
            "seed_words": secrets["seed_words"],
        },
    }
