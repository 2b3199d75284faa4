"""`plaidoyer validate`: load and check everything, print every problem, then a summary."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from ..diagnostics import InvalidPositions, Report, Severity
from ..folders import Layout

if TYPE_CHECKING:  # loaded only to check: a build that replays needs neither
    from ..model.project import Project


def checked_project(layout: Layout, strict: bool = False, allow_incomplete: bool = False,
                    notes: bool = False, style: str = "text") -> tuple[Project, Report]:
    """Load and validate; print every problem (and notes, if asked); raise if the positions
    cannot be used.

    With `allow_incomplete`, missing translations do not stop a build: it leaves those
    languages out of the papers that lack them (see `Report.incomplete`)."""
    from ..load import load_project
    from ..validate import validate_project

    report = Report()
    project = load_project(layout, report)
    loaded = not report.errors
    if loaded:
        validate_project(project, report, layout.template_set)
    print_diagnostics(report, notes, style)
    if not loaded:
        # A file that does not load hides its ids: cross-checks would only add false alarms.
        click.echo("note: references, translations and the glossary are checked once every "
                   "file loads", err=True)
    if report.failed(strict, allow_incomplete):
        raise InvalidPositions(report)
    return project, report


STYLES = ("text", "json", "github")


def print_diagnostics(report: Report, notes: bool = False, style: str = "text") -> None:
    """Every problem, in file order: as `file:line:col: …` on standard error, or one JSON
    object or GitHub annotation a line on standard output (where CI reads them)."""
    for diagnostic in report.sorted():
        if notes or diagnostic.severity is not Severity.NOTE:
            if style == "json":
                click.echo(diagnostic.as_json())
            elif style == "github":
                click.echo(diagnostic.as_github())
            else:
                click.echo(str(diagnostic), err=True)


def validate(layout: Layout, strict: bool, style: str = "text") -> None:
    """Report every problem; raise on errors, or on warnings too when `strict`."""
    project, report = checked_project(layout, strict, notes=True, style=style)
    papers = len(project.papers)
    click.echo(f"checked {papers} paper{'s' * (papers != 1)}, {len(project.glossary)} glossary "
               f"terms, {len(project.audiences)} audiences: {report.summary()}", err=True)
