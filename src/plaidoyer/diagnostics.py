"""Located problems, printed like a compiler's, and the one user-facing error type.

Editors are not programmers: every problem names file:line:col, says what is wrong
and, where it can, what to do.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, field

import click


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


class Severity(enum.StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem: `path:line:col: severity: message [kind]`."""

    at: Location
    severity: Severity
    message: str
    kind: str
    lang: str | None = field(default=None, compare=False)  # the language a [translation] lacks

    def __str__(self) -> str:
        return f"{self.at}: {self.severity}: {self.message} [{self.kind}]"


@dataclass
class Report:
    """Collects every problem of a run, so editors see them all at once."""

    diagnostics: list[Diagnostic] = field(default_factory=list)

    def error(self, at: Location, message: str, kind: str, lang: str | None = None) -> None:
        self.diagnostics.append(Diagnostic(at, Severity.ERROR, message, kind, lang))

    def warning(self, at: Location, message: str, kind: str) -> None:
        self.diagnostics.append(Diagnostic(at, Severity.WARNING, message, kind))

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

    def incomplete_languages(self) -> set[str]:
        """Languages some text lacks: a build leaves them out."""
        return {e.lang for e in self.errors if e.lang}

    def sorted(self) -> list[Diagnostic]:
        """Problems in file order, each once."""
        return sorted(set(self.diagnostics))

    def summary(self) -> str:
        e, w = len(self.errors), len(self.warnings)
        return f"{e} error{'s' * (e != 1)}, {w} warning{'s' * (w != 1)}"


class PlaidoyerError(click.ClickException):
    """An error the user can act on: printed without a traceback, exit status 1."""

    exit_code = 1


class InvalidPositions(PlaidoyerError):
    """The positions do not validate; the problems were already printed."""

    def __init__(self, report: Report) -> None:
        super().__init__(f"the positions have problems: {report.summary()}")
        self.report = report
