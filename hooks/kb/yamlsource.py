"""Read one YAML file into plain Python values, remembering the line of every key.

PyYAML's constructors forget where values came from and silently accept the
YAML 1.1 traps that bite translators (an unquoted `No` becomes False, `0123`
becomes 83, a repeated key silently wins). So we let the fast C parser build the
node tree and convert the nodes ourselves: that keeps a line for every key path
and turns each trap into a Problem instead of a wrong value.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from .problems import Problem, format_key

try:
    _Loader = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml: slower, same results.
    _Loader = yaml.SafeLoader

_TAG = "tag:yaml.org,2002:"
_OCTAL_OR_SEXAGESIMAL = re.compile(r"^[-+]?(0[0-9_]+|0o[0-7_]+|[0-9][0-9_]*(:[0-5]?[0-9])+)$")
# What follows an unquoted value on its line when YAML reads ` #...` as a comment.
_COMMENT_AFTER = re.compile(r"^[ \t]+#")


@dataclass
class ParsedYaml:
    """The values of one file plus the line (1-based) of every key path in it."""

    path: str
    value: object
    lines: dict[tuple, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    # The file's lines, to see what the parser dropped after a value (a comment).
    source: list[str] = field(default_factory=list, repr=False)
    # Texts that run over several lines: key path -> (style, first line, last line), 0-based
    # lines of the file, so a problem in the text can name the line it is on.
    spans: dict[tuple, tuple[str, int, int]] = field(default_factory=dict, repr=False)

    def line_in(self, key_path: tuple, text: str, part: str) -> int:
        """The line (1-based) where part of the text at key_path is written; the key's line if unknown.

        In a literal block (`|`, `|-`) every line of the text is a line of the file, so the
        newlines before part give its line exactly. Elsewhere (folded `>` blocks, plain or
        quoted texts over several lines) YAML joined the lines, so the first line that
        holds part is taken: exact for a link or a tag, which never span a fold.
        """
        key_path = tuple(key_path)
        span = self.spans.get(key_path)
        if span is None or not part or part not in text:
            return self.line_of(key_path)
        style, first, last = span
        if style == "|":
            number = first + 1 + text[: text.index(part)].count("\n")
            # (A draft build may have put the English text in place of this one: then the
            # counted line does not hold part, and the search below decides.)
            if number <= last and part in self.source[number]:
                return number + 1
        for number in range(first, min(last, len(self.source) - 1) + 1):
            if part in self.source[number]:
                return number + 1
        return self.line_of(key_path)

    def line_of(self, key_path: tuple) -> int:
        """The line of the closest enclosing key that exists (a missing key reports its parent)."""
        key_path = tuple(key_path)
        while key_path not in self.lines and key_path:
            key_path = key_path[:-1]
        return self.lines.get(key_path, 1)


def parse_yaml(text: str, path: str) -> ParsedYaml:
    """Parse YAML text; problems are collected on the result, never raised."""
    result = ParsedYaml(path=path, value=None)
    if "\t" in text:
        for number, line in enumerate(text.splitlines(), start=1):
            if "\t" in line[: len(line) - len(line.lstrip())]:
                result.problems.append(Problem(
                    path, number, "", "the line is indented with a tab",
                    "YAML allows only spaces for indentation: replace the tab with spaces"))
        if result.problems:
            return result
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        what = (error.problem or "the file is not valid YAML").strip()
        result.problems.append(Problem(
            path, line, "", f"YAML syntax error: {what}",
            "check the indentation and quotes on this line and the one above it"))
        return result
    except yaml.YAMLError as error:
        result.problems.append(Problem(path, 1, "", f"YAML error: {error}", "fix the file's YAML syntax"))
        return result
    if node is None:
        result.problems.append(Problem(path, 1, "", "the file is empty", "fill in the required keys"))
        return result
    result.lines[()] = node.start_mark.line + 1
    result.source = text.splitlines()
    result.value = _convert(node, (), result)
    return result


def _convert(node, key_path: tuple, result: ParsedYaml):
    if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and node.tag not in (_TAG + "map", _TAG + "seq"):
        result.problems.append(Problem(result.path, node.start_mark.line + 1, format_key(key_path),
                                       f"unsupported YAML tag `{node.tag}`", "remove the tag"))
    if isinstance(node, yaml.MappingNode):
        return _convert_mapping(node, key_path, result)
    if isinstance(node, yaml.SequenceNode):
        items = []
        for index, item in enumerate(node.value):
            result.lines[key_path + (index,)] = item.start_mark.line + 1
            items.append(_convert(item, key_path + (index,), result))
        return items
    return _convert_scalar(node, key_path, result)


def _convert_mapping(node, key_path: tuple, result: ParsedYaml) -> dict:
    mapping: dict = {}
    for key_node, value_node in node.value:
        line = key_node.start_mark.line + 1
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == _TAG + "merge":
            result.problems.append(Problem(
                result.path, line, format_key(key_path), "this key is not a plain name",
                "write keys as plain words such as `title:`"))
            continue
        key = key_node.value
        if key in mapping:
            first = result.lines[key_path + (key,)]
            result.problems.append(Problem(
                result.path, line, format_key(key_path + (key,)),
                f"the key appears twice (first on line {first})",
                "keep one of them: YAML would silently use only the last"))
            continue
        result.lines[key_path + (key,)] = line
        mapping[key] = _convert(value_node, key_path + (key,), result)
    return mapping


def _check_cut_by_comment(node, key: str, result: ParsedYaml) -> None:
    """An unquoted text followed by ` #` on its line: YAML dropped the rest as a comment.

    `en: Use permit #2 (the new card)` loads as "Use permit", silently. Nothing in
    site-data needs a comment after a value (comments go on lines of their own), so
    every such cut is reported, on the line where the text was cut.
    """
    end = node.end_mark
    if end.line >= len(result.source):
        return
    rest = result.source[end.line][end.column:]
    if _COMMENT_AFTER.match(rest):
        dropped = rest.strip()
        # The last few words locate the cut without repeating a long text.
        words = node.value.split()
        kept = ("…" if len(words) > 4 else "") + " ".join(words[-4:])
        result.problems.append(Problem(
            result.path, end.line + 1, key,
            f"unquoted text: YAML reads ` {dropped}` as a comment and drops it, so the text ends at "
            f"`{kept}`",
            "put the whole text in quotes, or write it as a block (`|-`, then the text indented on the next "
            "lines); a comment goes on a line of its own"))


def _convert_scalar(node, key_path: tuple, result: ParsedYaml):
    line = node.start_mark.line + 1
    key = format_key(key_path)
    text = node.value
    tag = node.tag
    end = node.end_mark.line - (1 if node.end_mark.column == 0 else 0)
    if end > node.start_mark.line:
        # A block ends at the start of the next key's line: that line is not part of the text.
        result.spans[key_path] = (node.style or "", node.start_mark.line, end)
    # Quoted and block scalars are always text, whatever they look like. (The C
    # parser reports plain style as "", the pure-Python one as None.)
    if node.style or tag == _TAG + "str":
        if tag not in (_TAG + "str",) and not tag.startswith(_TAG):
            result.problems.append(Problem(result.path, line, key, f"unsupported YAML tag `{tag}`",
                                           "remove the tag"))
        if not node.style:
            _check_cut_by_comment(node, key, result)
        return text
    if tag == _TAG + "null":
        return None
    if tag == _TAG + "bool":
        if text in ("true", "false"):
            return text == "true"
        result.problems.append(Problem(
            result.path, line, key,
            f"unquoted `{text}` is read by YAML as a yes/no value, not as text",
            f'put it in quotes: "{text}"'))
        return text
    if tag == _TAG + "int":
        if _OCTAL_OR_SEXAGESIMAL.match(text):
            result.problems.append(Problem(
                result.path, line, key,
                f"unquoted `{text}` is read by YAML 1.1 as a different number",
                f'put it in quotes: "{text}"'))
            return text
        return int(text.replace("_", ""), 0) if text.lower().startswith(("0x", "-0x", "+0x")) else int(text.replace("_", ""))
    if tag == _TAG + "float":
        return float(text.replace("_", ""))
    if tag == _TAG + "timestamp":
        # Dates stay text; the schema checks their format.
        return text
    result.problems.append(Problem(result.path, line, key, f"unsupported YAML tag `{tag}`", "remove the tag"))
    return text
