"""`plaidoyer audit`: what each audience's brief contains, item by item, so an officer
sees at a glance what the press gets and what negotiators get — and that nothing internal
reaches a public brief.

It tailors every brief exactly as `build` does, without rendering."""

from __future__ import annotations

from collections.abc import Sequence

import click

from ..load import Layout
from ..tailor import Request, tailor
from .build import choose
from .validate import checked_project


def audit(layout: Layout, papers: Sequence[str]) -> None:
    project, checked = checked_project(layout, allow_incomplete=True)
    chosen = choose(papers, [str(p.paper.id) for p in project.papers], "paper", "--paper")
    for positions in project.papers:
        paper_id = positions.paper.id
        if paper_id not in chosen:
            continue
        click.echo(paper_id)
        incomplete = checked.incomplete(paper_id)
        langs = [lang for lang in positions.paper.languages if lang not in incomplete]
        for audience in project.audiences:
            if audience.papers and paper_id not in audience.papers:
                continue
            scope = "internal" if audience.internal else "public"
            by_contents: dict[tuple[str, ...], list[str]] = {}
            for lang in langs:
                brief = tailor(Request(positions, audience, lang), project.glossary,
                               project.labels_in(lang))
                by_contents.setdefault(brief.contents, []).append(lang)
            for contents, languages in by_contents.items():
                items = sum(not line.startswith((" ", "figure ")) for line in contents)
                # an example under an ask is counted with the ask it illustrates
                figures = sum(line.startswith("figure ") for line in contents)
                what = f"{items} item{'s' * (items != 1)}"
                if figures:
                    what += f", {figures} key figure{'s' * (figures != 1)}"
                if not contents:
                    what = "nothing: not built"
                click.echo(f"  {audience.id} ({scope}) {', '.join(languages)}: {what}")
                for line in contents:
                    click.echo(f"    {line}")
        for lang in incomplete:
            click.echo(f"  ({lang} left out: its translation is incomplete)")
