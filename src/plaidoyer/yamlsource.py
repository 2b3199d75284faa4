"""Read YAML safely into plain values that remember where they came from.

PyYAML silently keeps the last of two equal keys and happily builds objects from
tags; editors deserve neither. We compose the node graph ourselves, refuse
duplicate keys and non-standard tags, and attach a `Location` to every mapping,
list and string so later stages can point at the exact line and column.
"""

from __future__ import annotations

import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .diagnostics import LocatedStr, Location, Report

__all__ = ["LocatedDict", "LocatedList", "LocatedStr", "YamlFile", "read_yaml"]

_STANDARD_TAGS = {
    "tag:yaml.org,2002:" + name
    for name in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")
}


class LocatedDict(dict[str, Any]):
    """A YAML mapping; `at` is where it starts, `key_at`/`value_at` where each key/value is."""

    at: Location
    key_at: dict[str, Location]
    value_at: dict[str, Location]


class LocatedList(list[Any]):
    """A YAML sequence; `at` is where it starts, `item_at` where each item is."""

    at: Location
    item_at: list[Location]


@dataclass(frozen=True)
class YamlFile:
    """One parsed file: its project-relative path and its located top-level value."""

    path: str
    data: Any


_ADVICE = (
    ("mapping values are not allowed", "a text holding ': ' must be put between double "
     "quotes; otherwise, check this line's indentation"),
    ("expected ',' or '}'", "a text inside { … } holding ':' or ',' must be put between "
     "double quotes"),
    ("expected <block end>", "this line is indented differently from the lines above it: "
     "align it with its siblings (spaces, not tabs)"),
    ("could not find expected ':'", "a key needs ': ' after it, or a long text needs quotes"),
    ("found character '\\t'", "YAML indents with spaces: replace the tab"),
    ("found unexpected end of stream", "a quote or bracket opened here is never closed"),
    ("did not find expected", "check the quotes, brackets and indentation of this line"),
)


def _advice(problem: str) -> str:
    """What an editor should do about PyYAML's words."""
    for words, advice in _ADVICE:
        if words in problem:
            return f" ({advice})"
    return ""


_OPENING = re.compile(r"""^\s*(?:-\s+)*(?:[^\s"'#][^#]*?:\s+)?(["'])""")
"""A line whose value (after `key: ` or `- `) opens with a quote."""


def _unclosed_quote(text: str, error: yaml.MarkedYAMLError) -> tuple[int, int, str, str] | None:
    """Where a quoted text left unclosed opens (line, column, quote, where YAML stopped
    reading), when that is what the error comes from. PyYAML reports such a text where it stops
    reading: at the end of the file, or on a later line, after the quote that opens the
    next text closed this one, with advice about indentation that misleads an editor."""
    if error.context == "while scanning a quoted scalar" and error.context_mark is not None \
            and "end of stream" in (error.problem or ""):
        start = error.context_mark  # the end of the file came first
        quote = text[start.index] if start.index < len(text) else '"'
        return start.line + 1, start.column + 1, quote, "the end of the file"
    mark = error.problem_mark
    if mark is None:
        return None
    lines = text.split("\n")
    if mark.line >= len(lines):
        return None
    before = lines[mark.line][: mark.column]
    closing = [c for c in before if c in "\"'"]
    if not closing:
        return None
    quote = closing[0]
    for number in range(mark.line - 1, max(-1, mark.line - 50), -1):
        line = lines[number]
        if quote not in line:
            continue  # swallowed whole by the open text
        opening = _OPENING.match(line)
        if opening is None or opening.group(1) != quote or \
                _closes(line[opening.end():], quote):
            return None
        return number + 1, opening.start(1) + 1, quote, f"line {mark.line + 1}"
    return None


def _closes(rest: str, quote: str) -> bool:
    """Whether a text opened with `quote` ends in `rest` (\\" escapes a double quote, ''
    a single one)."""
    if quote == '"':
        return re.search(r'(?<!\\)(?:\\\\)*"', rest) is not None
    return re.search(r"'(?!')", rest.replace("''", "")) is not None


def _kind(tag: str) -> str:
    return {"tag:yaml.org,2002:timestamp": "date", "tag:yaml.org,2002:int": "number",
            "tag:yaml.org,2002:float": "number"}.get(tag, "value")


def location_of(value: Any, default: Location) -> Location:
    return getattr(value, "at", default)


MAX_FILE_BYTES = 4 * 1024 * 1024
MAX_DEPTH = 40
MAX_TEXT = 20_000
"""Bounds of what a positions file may hold: far above any real paper, far below what
could make plaidoyer hang or run out of memory."""

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")
"""Control characters and bidirectional overrides (the 'Trojan Source' trick): invisible,
they can make a text read differently from what it says."""


class _Refused(yaml.MarkedYAMLError):
    """Something YAML allows and positions files do not."""

    def __init__(self, mark: Any, problem: str) -> None:
        super().__init__(problem=problem, problem_mark=mark)


class _Bounded:
    """Composes nodes without anchors and aliases (a 1 kB file of nested aliases expands
    to gigabytes) and with bounded nesting; mixed into either parser below."""

    _depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()  # type: ignore[attr-defined]
        if isinstance(event, yaml.AliasEvent):
            raise _Refused(event.start_mark, "aliases (*name) are not allowed here: write "
                           "the value out in full")
        if getattr(event, "anchor", None):
            raise _Refused(event.start_mark, "anchors (&name) are not allowed here: remove it")
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise _Refused(event.start_mark, f"nested more than {MAX_DEPTH} levels deep: "
                               "no positions file needs that many")
            return super().compose_node(parent, index)  # type: ignore[misc]
        finally:
            self._depth -= 1


class _Loader(_Bounded, yaml.SafeLoader):
    """PyYAML's safe composer over its pure-Python parser: the one whose words every
    syntax error is reported in (the advice above, tests/hostile/ expect them)."""


_CParser: Any = getattr(getattr(yaml, "cyaml", None), "CParser", None)  # libyaml, if built


if _CParser is not None:
    class _FastLoader(_Bounded, _CParser, yaml.composer.Composer,
                      yaml.constructor.SafeConstructor, yaml.resolver.Resolver):
        """libyaml's events, composed by PyYAML's Python composer with our checks."""

        def __init__(self, stream: str) -> None:
            _CParser.__init__(self, stream)
            yaml.composer.Composer.__init__(self)
            yaml.constructor.SafeConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)

        # CParser composes in C, past our checks: compose in Python, from its events
        check_node = yaml.composer.Composer.check_node
        get_node = yaml.composer.Composer.get_node
        get_single_node = yaml.composer.Composer.get_single_node


def _fast_node(text: str) -> yaml.Node | None:
    """The same node graph as `_Loader` makes, parsed by libyaml (ten times faster), or
    None wherever libyaml is missing or anything is amiss: the caller then parses again
    with `_Loader`, so every refusal and error reads exactly as before.
    tests/test_speed.py checks that both give the same nodes, marks included."""
    if _CParser is None or "\t" in text or yaml.reader.Reader.NON_PRINTABLE.search(text):
        return None  # libyaml takes tabs PyYAML refuses ("a:\t1")
    loader = _FastLoader(text)
    try:
        node: yaml.Node | None = loader.get_single_node()
        return node
    except (yaml.YAMLError, RecursionError, ValueError, UnicodeError):
        return None
    finally:
        loader.dispose()


def read_yaml(file: Path, shown_as: str, report: Report,
              root: Path | None = None) -> YamlFile | None:
    """Parse one file; on failure add one located error to `report` and return None.

    Only a regular file is read, only inside `root` when given (a link leading out of
    the project is refused, never followed), and only up to MAX_FILE_BYTES."""
    refusal = _refusal(file, root)
    if refusal is not None:
        report.error(Location(shown_as, 1, 1), refusal, "file")
        return None
    try:
        raw = file.read_bytes()
    except OSError as exc:
        report.error(Location(shown_as, 1, 1), f"cannot be read ({exc.strerror}): check the "
                     "file's permissions", "file")
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        report.error(
            Location(shown_as, line, col),
            f"the file is not UTF-8 text (byte 0x{raw[exc.start]:02x}): "
            "save it again as UTF-8 in your editor",
            "encoding",
        )
        return None
    if not text.strip():
        report.error(Location(shown_as, 1, 1), "the file is empty: add content or delete it",
                     "syntax")
        return None
    node = _fast_node(text)
    if node is None:
        node = _slow_node(text, shown_as, report)
        if node is None:
            return None
    converter = _Converter(shown_as, report)
    data = converter.convert(node)
    return None if converter.failed else YamlFile(shown_as, data)


def _slow_node(text: str, shown_as: str, report: Report) -> yaml.Node | None:
    """The node graph by PyYAML's pure-Python parser, or None with the error reported."""
    try:
        loader = _Loader(text)
    except yaml.reader.ReaderError as exc:  # a character YAML refuses (NUL, …)
        preceding = text[: exc.position]
        at = Location(shown_as, preceding.count("\n") + 1,
                      len(preceding) - preceding.rfind("\n"))
        report.error(at, f"invalid YAML: character U+{exc.character:04X} is not allowed "
                     "in a YAML file: delete it", "syntax")
        return None
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        opened = _unclosed_quote(text, exc)
        if opened is not None:
            line, column, quote, until = opened
            report.error(Location(shown_as, line, column),
                         f"invalid YAML: the text opened with {quote} here is not closed on "
                         f"its line, so YAML read on to {until}: end the text with {quote}",
                         "syntax")
            return None
        mark = exc.problem_mark or exc.context_mark
        at = Location(shown_as, mark.line + 1, mark.column + 1) if mark else Location(shown_as)
        problem = exc.problem or exc.context or "invalid YAML"
        report.error(at, f"invalid YAML: {problem}{_advice(problem)}", "syntax")
        return None
    except (yaml.YAMLError, RecursionError) as exc:
        report.error(Location(shown_as, 1, 1), f"invalid YAML: {exc}", "syntax")
        return None
    finally:
        loader.dispose()
    if node is None:
        report.error(Location(shown_as, 1, 1), "the file holds only comments: add content",
                     "syntax")
    return node


def _refusal(file: Path, root: Path | None) -> str | None:
    """Why `file` is not read, if it is not."""
    if file.is_symlink() and not file.exists():
        return "a link to a file that does not exist: fix or remove the link"
    if root is not None and not file.resolve().is_relative_to(root.resolve()):
        return ("a link to a file outside the project: plaidoyer reads only the project's "
                "own files; copy the file in instead")
    try:
        status = file.stat()
    except FileNotFoundError:
        return "a link to a file that does not exist: fix or remove the link"
    except OSError as exc:
        return f"cannot be read ({exc.strerror}): check the file's permissions"
    if not stat.S_ISREG(status.st_mode):
        return "not a regular file (a folder, a pipe or a device): remove it or rename it"
    if status.st_size > MAX_FILE_BYTES:
        return (f"larger than {MAX_FILE_BYTES // (1024 * 1024)} MB: split it into several "
                "files")
    return None


class _Converter:
    """Turns a composed node graph into located plain values, reporting what is unsafe."""

    def __init__(self, path: str, report: Report) -> None:
        self.path = path
        self.report = report
        self.failed = False
        self._scalars = yaml.SafeLoader("")

    def _at(self, node: yaml.Node) -> Location:
        return Location(self.path, node.start_mark.line + 1, node.start_mark.column + 1)

    def _error(self, node: yaml.Node, message: str, kind: str) -> None:
        self.failed = True
        self.report.error(self._at(node), message, kind)

    def convert(self, node: yaml.Node) -> Any:
        if node.tag not in _STANDARD_TAGS:
            self._error(node, f"YAML tag '{node.tag}' is not allowed: remove it", "syntax")
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node)
        if isinstance(node, yaml.SequenceNode):
            items = LocatedList(self.convert(child) for child in node.value)
            items.at = self._at(node)
            items.item_at = [self._at(child) for child in node.value]
            return items
        try:
            value = self._scalars.construct_object(node)
        except (ValueError, OverflowError, yaml.YAMLError) as exc:
            self._error(node, f"'{node.value}' is not a valid {_kind(node.tag)} ({exc}): "
                        "correct it, or quote it to keep it as text", "syntax")
            return None
        if isinstance(value, str):
            if len(value) > MAX_TEXT:
                self._error(node, f"a text of {len(value)} characters: no text may be longer "
                            f"than {MAX_TEXT}; split it", "syntax")
                return None
            bad = _CONTROL.search(value)
            if bad is not None:
                self._error(node, f"invisible control character U+{ord(bad.group()):04X} in "
                            "this text: delete it (retype the text around it)", "syntax")
                return None
            return LocatedStr(value, self._at(node))
        return value

    def _mapping(self, node: yaml.MappingNode) -> LocatedDict:
        result = LocatedDict()
        result.at = self._at(node)
        result.key_at = {}
        result.value_at = {}
        for key_node, value_node in node.value:
            merge = key_node.tag == "tag:yaml.org,2002:merge"
            if not isinstance(key_node, yaml.ScalarNode) or merge:
                self._error(key_node, "keys must be plain words (no merge keys '<<', no lists)",
                            "syntax")
                continue
            key = str(key_node.value)  # as written: "no" stays "no" (Norwegian), not False
            if key in result:
                first = result.key_at[key]
                self._error(
                    key_node,
                    f"duplicate key '{key}' (first written at line {first.line}): "
                    "YAML would silently keep only the last one; merge or remove one",
                    "duplicate-key",
                )
                continue
            result.key_at[key] = self._at(key_node)
            result.value_at[key] = self._at(value_node)
            result[key] = self.convert(value_node)
        return result
