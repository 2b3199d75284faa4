"""`plaidoyer verify DIR`: check an output folder against its manifest."""

from __future__ import annotations

from pathlib import Path

import click

from ..diagnostics import PlaidoyerError
from ..manifest import MANIFEST, verify


def verify_folder(folder: Path) -> None:
    problems = verify(folder)
    for problem in problems:
        click.echo(problem, err=True)
    if problems:
        raise PlaidoyerError(f"{folder} does not match its {MANIFEST}: "
                             f"{len(problems)} problem{'s' * (len(problems) != 1)}")
    click.echo(f"{folder}: every file matches {MANIFEST}")
