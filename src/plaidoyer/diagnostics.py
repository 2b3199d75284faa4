"""Located problems, printed like a compiler's, and the one user-facing error type.

Editors are not programmers: every problem names file:line:col, says what is wrong
and, where it can, what to do. Click-free: the model and every stage import this, and
only the CLI maps `PlaidoyerError` to an exit status.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Location:
    """Where a YAML node starts: a path relative to the project root, 1-based line and column."""

    path: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        if self.line <= 0:
            return self.path
        return f"{self.path}:{self.line}:{self.col}"


UNKNOWN = Location("<unknown>")


class LocatedStr(str):
    """A string from a YAML file, with the location of its first character."""

    at: Location

    def __new__(cls, value: str, at: Location) -> LocatedStr:
        self = super().__new__(cls, value)
        self.at = at
        return self

    def __reduce__(self) -> tuple[type[LocatedStr], tuple[str, Location]]:
        return (LocatedStr, (str(self), self.at))


class Severity(enum.StrEnum):
    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"  # for information: never fails a run, even with --strict


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem: `path:line:col: severity: message [kind]`."""

    at: Location
    severity: Severity
    message: str
    kind: str
    lang: str | None = field(default=None, compare=False)  # the language a [translation] lacks
    paper: str | None = field(default=None, compare=False)  # its paper; None: every paper

    def __str__(self) -> str:
        return f"{self.at}: {self.severity}: {self.message} [{self.kind}]"

    def as_json(self) -> str:
        """One JSON object a line, for tools."""
        return json.dumps({"file": self.at.path, "line": self.at.line or None,
                           "column": self.at.col or None, "severity": str(self.severity),
                           "kind": self.kind, "message": self.message}, ensure_ascii=False)

    def as_github(self) -> str:
        """A GitHub Actions annotation: shown on the line of the pull request's diff."""
        level = {"error": "error", "warning": "warning"}.get(self.severity, "notice")
        where = [f"file={_escape(self.at.path, True)}"]
        if self.at.line:
            where += [f"line={self.at.line}", f"col={self.at.col}"]
        where.append(f"title={_escape(self.kind, True)}")
        return f"::{level} {','.join(where)}::{_escape(self.message, False)}"


def _escape(text: str, property_value: bool) -> str:
    """GitHub's escaping of workflow command data (and of property values)."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if property_value else text


@dataclass
class Report:
    """Collects every problem of a run, so editors see them all at once."""

    diagnostics: list[Diagnostic] = field(default_factory=list)

    def error(self, at: Location, message: str, kind: str, lang: str | None = None,
              paper: str | None = None) -> None:
        """`lang` marks a missing translation: it leaves that language out of the paper's
        build (of every paper's, without `paper`) instead of failing it."""
        self.diagnostics.append(Diagnostic(at, Severity.ERROR, message, kind, lang, paper))

    def warning(self, at: Location, message: str, kind: str) -> None:
        self.diagnostics.append(Diagnostic(at, Severity.WARNING, message, kind))

    def note(self, at: Location, message: str, kind: str) -> None:
        self.diagnostics.append(Diagnostic(at, Severity.NOTE, message, kind))

    def extend(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics.extend(diagnostics)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.WARNING]

    def failed(self, strict: bool = False, allow_incomplete: bool = False) -> bool:
        """Whether the positions are unusable; `allow_incomplete` forgives missing languages."""
        errors = [e for e in self.errors if not (allow_incomplete and e.lang)]
        return bool(errors or (strict and self.warnings))

    def incomplete(self, paper: str) -> dict[str, int]:
        """The languages some text of `paper` lacks, each with how many texts it lacks:
        a build leaves them out of that paper only."""
        missing: dict[str, int] = {}
        for error in self.errors:
            if error.lang and error.paper in (None, paper):
                missing[error.lang] = missing.get(error.lang, 0) + 1
        return missing

    def sorted(self) -> list[Diagnostic]:
        """Problems in file order, each once."""
        return sorted(set(self.diagnostics))

    def summary(self) -> str:
        e, w = len(self.errors), len(self.warnings)
        n = sum(d.severity is Severity.NOTE for d in self.diagnostics)
        notes = f" ({n} note{'s' * (n != 1)})" if n else ""
        return f"{e} error{'s' * (e != 1)}, {w} warning{'s' * (w != 1)}{notes}"


class PlaidoyerError(Exception):
    """An error the user can act on: the CLI prints it without a traceback, exit status 1."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InvalidPositions(PlaidoyerError):
    """The positions do not validate; the problems were already printed."""

    def __init__(self, report: Report) -> None:
        super().__init__(f"the positions have problems: {report.summary()}")
        self.report = report
