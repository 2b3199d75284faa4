"""Write new values into YAML files, changing no byte outside them.

ruamel.yaml's round trip keeps comments and key order, but still re-emits what it
parsed: it re-wraps long scalars, normalises indentation of sequences and may re-quote
values it did not change. Editors' files are hand-wrapped, so we splice instead: PyYAML
composes the file and gives the start and end of every scalar; each new value is written
over the old one's characters, quoted in the old one's style (plain, 'single', "double",
folded `>-` or literal `|`, wrapped at the old width), and the rest of the file is kept as
it was. A language a text lacks is inserted as a new line (or `, es: …` in a `{…}`
mapping) after its siblings, in their style.

Every spliced file is parsed again and compared with what was meant: a value that reads
back differently (a style that cannot hold it) is written again between double quotes,
which hold anything; a file that still differs is an error, never written.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import yaml

from ..diagnostics import Location, PlaidoyerError

Value = str | tuple[str, ...]
"""What an edit writes: a text, or a list of texts (a glossary's variants)."""


class SpliceFailed(PlaidoyerError):
    """A value could not be written back faithfully: nothing is written."""


@dataclass(frozen=True)
class Edit:
    """Set `keys` (a key, or a key path) under the mapping that starts at `at` to `value`.

    `after` names the keys a new key comes after (the languages declared before it): it is
    inserted after the last of them the mapping has, after its last entry otherwise, and
    written in the style of the first of them (the source text's)."""

    at: Location
    keys: tuple[str, ...]
    value: Value
    after: tuple[str, ...] = ()


@dataclass
class _Mapping:
    node: yaml.MappingNode
    path: tuple[Any, ...]


@dataclass
class _Plan:
    replacements: list[tuple[int, int, str]] = field(default_factory=list)
    expected: list[tuple[tuple[Any, ...], Value]] = field(default_factory=list)


def splice(text: str, edits: Sequence[Edit], shown: str) -> str:
    """`text` (a YAML file's content, shown to users as `shown`) with every edit made."""
    quoted: set[int] = set()  # edits written between double quotes: their style misread
    for _ in range(2):
        result, expected = _splice(text, edits, shown, quoted)
        wrong = _misread(result, expected, text)
        if not wrong:
            return result
        quoted |= {n for n in wrong if n >= 0}
    names = ", ".join("/".join(str(k) for k in expected[n][0]) if n >= 0 else "the rest of "
                      "the file" for n in wrong)
    raise SpliceFailed(f"{shown}: error: could not write {names} back faithfully (a bug in "
                       "plaidoyer: please report it); nothing was written [translate]")


def _splice(text: str, edits: Sequence[Edit], shown: str,
            quoted: set[int]) -> tuple[str, list[tuple[tuple[Any, ...], Value]]]:
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    mappings = _mappings(root)
    plan = _Plan()
    for n, edit in enumerate(edits):
        found = mappings.get((edit.at.line, edit.at.col))
        if found is None:
            raise SpliceFailed(f"{edit.at}: error: no mapping starts here any more: the file "
                               "changed while plaidoyer read it; run the command again "
                               "[translate]")
        _plan_edit(text, found, edit, plan, n not in quoted)
    result = text
    for start, end, new in sorted(plan.replacements, key=lambda r: (r[0], r[1]), reverse=True):
        result = result[:start] + new + result[end:]
    return result, plan.expected


def _mappings(root: yaml.Node | None) -> dict[tuple[int, int], _Mapping]:
    """Every mapping of a composed file by its 1-based (line, column), with its key path."""
    found: dict[tuple[int, int], _Mapping] = {}

    def walk(node: yaml.Node, path: tuple[Any, ...]) -> None:
        if isinstance(node, yaml.MappingNode):
            found[(node.start_mark.line + 1, node.start_mark.column + 1)] = _Mapping(node, path)
            for key, value in node.value:
                walk(value, (*path, key.value))
        elif isinstance(node, yaml.SequenceNode):
            for n, item in enumerate(node.value):
                walk(item, (*path, n))

    if root is not None:
        walk(root, ())
    return found


def _entry(mapping: yaml.MappingNode, key: str) -> tuple[yaml.Node, yaml.Node] | None:
    return next(((k, v) for k, v in mapping.value if k.value == key), None)


def _plan_edit(text: str, found: _Mapping, edit: Edit, plan: _Plan, styled: bool) -> None:
    mapping, path = found.node, found.path
    for depth, key in enumerate(edit.keys):
        entry = _entry(mapping, key)
        last = depth == len(edit.keys) - 1
        if entry is None:
            value: Any = edit.value
            for inner in reversed(edit.keys[depth + 1:]):
                value = {inner: value}
            after = edit.after if last else ()
            plan.replacements.append(_insert(text, mapping, key, value, after, styled))
            plan.expected.append(((*path, *edit.keys), edit.value))
            return
        node = entry[1]
        if last:
            plan.replacements.append(_replace(text, node, mapping, edit.value, styled))
            plan.expected.append(((*path, *edit.keys), edit.value))
            return
        if not isinstance(node, yaml.MappingNode):
            raise SpliceFailed(f"{edit.at}: error: '{key}' is not a mapping here: fix the "
                               "file, then import again [translate]")
        mapping, path = node, (*path, key)


# --- rendering ---------------------------------------------------------------------------

_INDICATORS = tuple("-?:,[]{}#&*!|>'\"%@`")


def _plain_ok(value: str, flow: bool) -> bool:
    if not value or value != value.strip() or "\n" in value or "\t" in value:
        return False
    if value.startswith(_INDICATORS) or ": " in value or " #" in value or value.endswith(":"):
        return False
    if flow and any(c in value for c in ",[]{}"):
        return False
    try:
        return yaml.safe_load(value) == value
    except yaml.YAMLError:
        return False


def _double(value: str) -> str:
    out = []
    for char in value:
        if char in '"\\':
            out.append("\\" + char)
        elif char == "\n":
            out.append("\\n")
        elif char == "\t":
            out.append("\\t")
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\x{ord(char):02x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _words(paragraph: str) -> list[str]:
    """A paragraph cut where a line may break: at single spaces between two words."""
    return re.split(r"(?<=\S) (?=\S)", paragraph)


def _wrap(words: list[str], first_room: int, room: int) -> list[str]:
    lines = [words[0]]
    limit = first_room
    for word in words[1:]:
        if len(lines[-1]) + 1 + len(word) <= limit:
            lines[-1] += " " + word
        else:
            lines.append(word)
            limit = room
    return lines


@dataclass(frozen=True)
class _Style:
    """How the old value was written, for the new one to be written alike."""

    style: str | None  # None (plain), "'", '"', '|', '>'
    flow: bool
    column: int  # where the value starts
    indent: int  # continuation or content lines' indentation
    width: int  # the longest line the old value made
    header: str = ""  # a block scalar's first line: ">-", "|", ">-  # comment" …
    wrapped: bool = False  # it ran over several lines: the new one is wrapped alike


def _style_of(text: str, node: yaml.Node, flow: bool) -> _Style:
    start, end = node.start_mark.index, node.end_mark.index
    lines = text[start:end].split("\n")
    column = node.start_mark.column
    widths = [column + len(lines[0])] + [len(line.rstrip()) for line in lines[1:]]
    continuation = [len(line) - len(line.lstrip(" ")) for line in lines[1:] if line.strip()]
    style = node.style if isinstance(node, yaml.ScalarNode) else '"'
    indent = continuation[0] if continuation else column
    header = lines[0] if style in ("|", ">") else ""
    return _Style(style, flow, column, indent, max(max(widths), 60), header,
                  len(lines) > 1 and style not in ("|", ">"))


def _render(value: Value, style: _Style, styled: bool, key_column: int) -> str:
    """`value` in `style` (between double quotes if not `styled`, or if the style cannot
    hold it)."""
    if isinstance(value, tuple):
        return "[" + ", ".join(_double(v) for v in value) + "]"
    kind = style.style if styled else '"'
    if kind is None:
        return value if _plain_ok(value, style.flow) else _render(value, style, False, key_column)
    if kind == "'":
        if "\n" in value or any(ord(c) < 0x20 for c in value):
            return _double(value)
        return "'" + value.replace("'", "''") + "'"
    if kind in ("|", ">"):
        block = _block(value, style, kind)
        return block if block is not None else _double(value)
    quoted = _double(value)
    if style.flow or not style.wrapped or style.column + len(quoted) <= style.width:
        return quoted
    indent = max(style.indent, key_column + 2)
    lines = _wrap(_words(quoted), style.width - style.column, style.width - indent)
    return ("\n" + " " * indent).join(lines)


def _block(value: str, style: _Style, kind: str) -> str | None:
    """`value` as a block scalar under the old header, or None if that cannot hold it."""
    chomp = "-" if "-" in style.header.split("#")[0] else \
        "+" if "+" in style.header.split("#")[0] else ""
    if chomp == "+" or not value.strip() or value[0] in " \t":
        return None
    if chomp == "-" and value.endswith("\n"):
        return None
    if chomp == "":
        if not value.endswith("\n") or value.endswith("\n\n"):
            return None
        value = value[:-1]
    pad = " " * style.indent
    room = style.width - style.indent
    out: list[str] = []
    if kind == "|":
        out = [pad + line if line else "" for line in value.split("\n")]
    else:
        paragraphs = value.split("\n")
        for n, paragraph in enumerate(paragraphs):
            if paragraph and (paragraph != paragraph.strip() or "\t" in paragraph):
                return None
            if not paragraph:
                if n == 0 or n == len(paragraphs) - 1:
                    return None
                out.append("")
                continue
            if n and paragraphs[n - 1]:
                out.append("")  # one newline between two paragraphs: an empty line
            out += [pad + line for line in _wrap(_words(paragraph), room, room)]
    return style.header + "\n" + "\n".join(out)


# --- edits -------------------------------------------------------------------------------


def _replace(text: str, node: yaml.Node, mapping: yaml.MappingNode, value: Value,
             styled: bool) -> tuple[int, int, str]:
    start, end = node.start_mark.index, node.end_mark.index
    style = _style_of(text, node, bool(mapping.flow_style))
    key_column = mapping.value[0][0].start_mark.column if mapping.value else 0
    new = _render(value, style, styled, key_column)
    if style.style in ("|", ">"):  # keep the blank lines a block scalar's range ends with
        trailer = re.search(r"(?:\r?\n[ \t]*)*$", text[start:end])
        new += trailer.group(0) if trailer else ""
    return start, end, new


def _insert(text: str, mapping: yaml.MappingNode, key: str,
            value: Value | dict[str, Any], after: tuple[str, ...],
            styled: bool) -> tuple[int, int, str]:
    if not mapping.value:
        raise SpliceFailed("cannot insert into an empty mapping")
    siblings = {k.value: (k, v) for k, v in mapping.value}
    anchor_key = next((k for k in reversed(after) if k in siblings), None)
    key_node, anchor = siblings[anchor_key] if anchor_key else mapping.value[-1]
    flow = bool(mapping.flow_style)
    template = next((v for k, v in mapping.value if k.value in after
                     and isinstance(v, yaml.ScalarNode)), anchor)
    column = key_node.start_mark.column
    if isinstance(value, dict):
        rendered = _flow_mapping(value)
    else:
        style = _style_of(text, template, flow)
        if style.style in ("|", ">"):  # the new key's content indented as its sibling's
            style = _Style(style.style, flow, column + len(key) + 2, style.indent,
                           style.width, style.header.split("#")[0].rstrip())
        else:
            style = _Style(style.style, flow, column + len(key) + 2, style.indent,
                           style.width, wrapped=style.wrapped)
        rendered = _render(value, style, styled, column)
    if flow:
        at = anchor.end_mark.index
        return at, at, f", {key}: {rendered}"
    stop = anchor.end_mark.index
    while stop > anchor.start_mark.index and text[stop - 1] in " \t\r\n":
        stop -= 1
    line_end = text.find("\n", stop)
    at = len(text) if line_end < 0 else line_end
    newline = "\n"
    if at > 0 and text[at - 1] == "\r":
        at, newline = at - 1, "\r\n"
    return at, at, f"\n{' ' * column}{key}: {rendered}".replace("\n", newline)


def _flow_mapping(value: dict[str, Any]) -> str:
    parts = []
    for key, inner in value.items():
        shown = _flow_mapping(inner) if isinstance(inner, dict) else (
            "[" + ", ".join(_double(v) for v in inner) + "]" if isinstance(inner, tuple)
            else _double(inner))
        parts.append(f"{key}: {shown}")
    return "{" + ", ".join(parts) + "}"


# --- checking ----------------------------------------------------------------------------


def _misread(result: str, expected: list[tuple[tuple[Any, ...], Value]],
             original: str) -> list[int]:
    """The edits whose value does not read back as meant (-1: the rest of the file
    changed)."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        new = yaml.load(result, Loader=loader)
    except yaml.YAMLError:
        return [-1]
    old = yaml.load(original, Loader=loader)
    wrong = []
    for n, (path, value) in enumerate(expected):
        meant = list(value) if isinstance(value, tuple) else value
        target = old
        for key in path[:-1]:
            target = target.setdefault(key, {}) if isinstance(target, dict) else target[key]
        target[path[-1]] = meant
        got: Any = new
        for key in path:
            if isinstance(got, dict):
                got = got.get(key)
            elif isinstance(got, list) and isinstance(key, int) and key < len(got):
                got = got[key]
            else:
                got = None
        if got != meant:
            wrong.append(n)
    if not wrong and new != old:
        wrong.append(-1)
    return wrong
