"""`plaidoyer translate confirm`: record that the translations are current with their
source texts, after translating, or after a change to a source text that needs none (a
comma). Until then, a changed source text leaves its translations stale."""

from __future__ import annotations

from collections.abc import Sequence

import click

from ..load import Layout
from ..staleness import CONFIRMED_FILE, confirm
from .build import choose
from .validate import checked_project


def confirm_translations(layout: Layout, papers: Sequence[str],
                         languages: Sequence[str]) -> None:
    project, _ = checked_project(layout, allow_incomplete=True)
    chosen = choose(papers, [str(p.paper.id) for p in project.papers], "paper", "--paper")
    for positions in project.papers:
        if positions.paper.id not in chosen:
            continue
        folder = layout.positions / positions.paper.id
        changed = confirm(positions, folder, set(languages) or None)
        click.echo(f"{positions.paper.id}: {changed} translation{'s' * (changed != 1)} "
                   f"confirmed as current (positions/{positions.paper.id}/{CONFIRMED_FILE})")
