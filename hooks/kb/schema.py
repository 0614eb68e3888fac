"""JSON Schema checks, with messages an editor of the YAML can act on.

The schemas in site-data/schema/ are the single declaration of every kind of
entry: this module, the tests and the editors' YAML language server all read the
same files. The languages they name come from site-data/site.yml (kb.site). jsonschema's own messages are written for programmers, so each kind of
failure is reworded here into "what is wrong — how to fix it".
"""
from __future__ import annotations

import hashlib
import json
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError
from referencing import Registry, Resource

from .problems import Problem, format_key
from .yamlsource import ParsedYaml

if TYPE_CHECKING:
    from .site import Site

DATE_FIX = "write an existing date as YYYY-MM-DD, for example 2026-11-22"


class Schemas:
    """The JSON Schemas of one site-data folder."""

    def __init__(self, schema_dir: Path, site: "Site | None" = None):
        """site: the declaration the messages name languages from; by default site.yml beside schema_dir."""
        self.schema_dir = Path(schema_dir)
        self._site = site
        self.documents = {p.name: json.loads(p.read_text(encoding="utf-8"))
                          for p in sorted(schema_dir.glob("*.schema.json"))}
        self.registry = Registry().with_resources(
            (name, Resource.from_contents(doc)) for name, doc in self.documents.items())
        self._validators: dict[str, Draft202012Validator] = {}

    @property
    def site(self) -> "Site":
        if self._site is None:
            from .site import load_site
            self._site = load_site(self.schema_dir.parent)
        return self._site

    @property
    def languages(self) -> tuple[str, ...]:
        """The language codes every text field needs, in the order editors write them (site.yml)."""
        return self.site.codes

    @cached_property
    def digest(self) -> str:
        """What the checks' results depend on besides the file checked: the schemas and the
        declaration of the site (the languages messages name, the source language a draft
        falls back to), as one hash, to key results kept across loads."""
        text = json.dumps([self.documents, repr(self.site)], sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    @cached_property
    def schema_languages(self) -> tuple[str, ...]:
        """The language codes defs.schema.json requires: site.yml's, unless someone edited one without the other."""
        return tuple(self.documents["defs.schema.json"]["$defs"]["text"]["required"])

    def validator(self, kind: str) -> Draft202012Validator:
        # One validator per kind: it caches the $ref lookups that dominate checking time.
        if kind not in self._validators:
            self._validators[kind] = Draft202012Validator(
                self.documents[f"{kind}.schema.json"], registry=self.registry, format_checker=FormatChecker())
        return self._validators[kind]

    def check(self, kind: str, parsed: ParsedYaml) -> list[Problem]:
        problems = []
        for error in self.validator(kind).iter_errors(parsed.value):
            problems.extend(self._explain(error, parsed))
        return problems

    def _explain(self, error: ValidationError, parsed: ParsedYaml) -> list[Problem]:
        path = tuple(error.absolute_path)
        key = format_key(path)
        line = parsed.line_of(path)
        instance = error.instance
        languages = self.languages

        def problem(message: str, fix: str, at: tuple = path) -> list[Problem]:
            return [Problem(parsed.path, parsed.line_of(at), format_key(at), message, fix)]

        validator = error.validator
        if validator == "required":
            out = []
            for name in (n for n in error.validator_value if n not in instance):
                at = format_key(path + (name,))
                if name in languages:
                    language = self.site.name_of(name)
                    message, fix = (f"the {language} text is missing",
                                    f"add `{name}:` with the {language} text (every text needs {', '.join(languages)})")
                elif name == "url":
                    message, fix = ("an official source needs a `url`",
                                    "add the https:// address of the official page, or set `kind: user-report`")
                else:
                    message, fix = (f"the required key `{name}` is missing",
                                    f"add `{name}:` (the schema describes what it holds)")
                out.append(Problem(parsed.path, line, at, message, fix))
            return out
        if validator == "additionalProperties":
            allowed = list(error.schema.get("properties", {}))
            extra = [name for name in instance if name not in allowed]
            out = []
            for name in extra:
                at = path + (name,)
                if set(allowed) == set(languages):
                    out += problem(f"`{name}` is not one of the site's languages",
                                   f"use only {', '.join(languages)} (site-data/site.yml)", at)
                else:
                    out += problem(f"unknown key `{name}`",
                                   f"remove it or correct its spelling; allowed keys: {', '.join(allowed)}", at)
            return out
        if validator == "type":
            expected = error.validator_value
            if expected == "string" and instance is not None and not isinstance(instance, (dict, list)):
                return problem(f"expected text but YAML read `{instance!r}` as a {type(instance).__name__}",
                               f'put the value in quotes: "{instance}"')
            if expected == "object" and isinstance(instance, str):
                return problem("expected the text in every language of the site, found a single text",
                               f"write it as a mapping with the keys {', '.join(languages)}")
            if instance is None:
                return problem("the value is empty", "write a value after the colon or remove the key")
            return problem(f"expected {_describe(expected)}, found {_describe_value(instance)}",
                           "see the schema description of this key")
        if validator in ("minLength", "pattern") and error.schema.get("pattern") == "\\S":
            return problem("the text is empty", "write the text, or ask a translator: empty text is not allowed")
        if validator == "pattern" and isinstance(instance, str):
            if error.schema.get("pattern", "").startswith("^[a-z0-9]+(-"):
                return problem(f"`{instance}` is not a valid id",
                               "use lower-case letters, digits and single hyphens, such as kyc-doc-expired")
            if error.schema.get("pattern", "").startswith("^https://"):
                return problem(f"`{instance}` is not an https:// address",
                               "write the full address starting with https://")
            if error.schema.get("pattern", "").startswith("^[0-9]{4}"):
                return problem(f"`{instance}` is not a date", DATE_FIX)
            return problem(f"`{instance}` does not have the expected form", "see the schema description of this key")
        if validator == "format":
            if error.validator_value == "date":
                # Same wording as the pattern check, so a wrong format is reported once.
                return problem(f"`{instance}` is not a date", DATE_FIX)
            return problem(f"`{instance}` is not a valid {error.validator_value}", "correct the address")
        if validator == "minItems":
            return problem(f"needs at least {error.validator_value} item{'s' if error.validator_value != 1 else ''}",
                           "add the missing entries")
        if validator == "uniqueItems":
            return problem("lists the same entry more than once", "remove the repeated entry")
        if validator in ("enum", "const"):
            options = error.validator_value if validator == "enum" else [error.validator_value]
            return problem(f"`{instance}` is not allowed here", f"use one of: {', '.join(map(str, options))}")
        if validator == "not" and isinstance(instance, dict) and "url" in instance:
            return problem("a user report has no link",
                           "remove `url` (we never link third-party pages), or set `kind: official` for an official page",
                           path + ("url",))
        if validator == "propertyNames":
            return problem(f"`{instance}` is not a valid key name", "use lower-case words joined by dots, such as cause.fix_title")
        return problem(error.message, "see the schema description of this key")


def _describe(expected) -> str:
    names = {"object": "a mapping of keys", "array": "a list", "string": "text", "integer": "a whole number",
             "number": "a number", "boolean": "true or false"}
    if isinstance(expected, list):
        return " or ".join(names.get(e, e) for e in expected)
    return names.get(expected, expected)


def _describe_value(value) -> str:
    if isinstance(value, dict):
        return "a mapping of keys"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return f"the text `{value}`"
    return f"`{value!r}`"
