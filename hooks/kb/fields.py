"""Which fields hold plain text and which hold Markdown, read from the schemas.

The schemas mark each text definition with `x-kb-format` (plain or markdown), so
the decision lives in one place: the renderer escapes plain text and passes
Markdown through, and the content checks know where Markdown links can hide.
"""
from __future__ import annotations

from .schema import Schemas

ANY_INDEX = "*"
ANY_KEY = "{}"


def text_field_formats(schemas: Schemas, kind: str) -> dict[tuple, str]:
    """Map each text field's key pattern (with `*` for list items) to plain or markdown."""
    found: dict[tuple, str] = {}
    _walk(schemas, schemas.documents[f"{kind}.schema.json"], f"{kind}.schema.json", (), found)
    return found


def _resolve(schemas: Schemas, node: dict, document: str) -> tuple[dict, str]:
    while "$ref" in node:
        target, _, pointer = node["$ref"].partition("#")
        document = target or document
        node = schemas.documents[document]
        for part in filter(None, pointer.split("/")):
            node = node[part]
    return node, document


def _walk(schemas: Schemas, node: dict, document: str, pattern: tuple, found: dict) -> None:
    node, document = _resolve(schemas, node, document)
    if "x-kb-format" in node:
        found[pattern] = node["x-kb-format"]
        return
    for name, child in node.get("properties", {}).items():
        _walk(schemas, child, document, pattern + (name,), found)
    if isinstance(node.get("items"), dict):
        _walk(schemas, node["items"], document, pattern + (ANY_INDEX,), found)
    if isinstance(node.get("additionalProperties"), dict):
        _walk(schemas, node["additionalProperties"], document, pattern + (ANY_KEY,), found)


def iter_text_fields(data, formats: dict[tuple, str]):
    """Yield (key path, format, {language: text}) for every text field present in data."""
    for pattern, fmt in formats.items():
        yield from ((path, fmt, value) for path, value in _expand(data, pattern, ()))


def _expand(data, pattern: tuple, path: tuple):
    if not pattern:
        if isinstance(data, dict):
            yield path, data
        return
    head, rest = pattern[0], pattern[1:]
    if head == ANY_INDEX:
        if isinstance(data, list):
            for index, item in enumerate(data):
                yield from _expand(item, rest, path + (index,))
    elif head == ANY_KEY:
        if isinstance(data, dict):
            for key, item in data.items():
                yield from _expand(item, rest, path + (key,))
    elif isinstance(data, dict) and head in data:
        yield from _expand(data[head], rest, path + (head,))
