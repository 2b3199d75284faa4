"""`plaidoyer list`: what the positions hold, for an advocacy officer planning briefs."""

from __future__ import annotations

from collections import Counter

import click

from ..load import Layout
from ..model.project import Positions, walk_texts
from .validate import checked_project


def list_positions(layout: Layout) -> None:
    project, _ = checked_project(layout)
    for positions in project.papers:
        _show_paper(positions)
    if project.glossary:
        click.echo(f"\nglossary: {len(project.glossary)} terms")
    if project.audiences:
        click.echo("audiences: " + ", ".join(a.id for a in project.audiences))


def language_completeness(positions: Positions) -> dict[str, float]:
    """Share of the paper's translatable texts present in each declared language."""
    texts = [t for m in (positions.paper, *positions.items) for t, _ in walk_texts(m)]
    return {lang: sum(lang in t for t in texts) / max(len(texts), 1)
            for lang in positions.paper.languages}


def _show_paper(positions: Positions) -> None:
    paper = positions.paper
    src = paper.source_language
    click.echo(f"{paper.id}: {paper.title[src]}")
    click.echo(f"  event: {paper.event.name}, {paper.event.place[src]}, {paper.event.start:%Y}")
    shares = language_completeness(positions)
    click.echo("  languages: " + ", ".join(f"{lang} {share:.0%}" for lang, share in shares.items()))
    click.echo(f"  claims: {len(positions.claims)} ({len(positions.figures)} figures)")
    topics = {t.id: t.label[src] for t in paper.topics}
    addressees = {a.id: a.label[src] for a in paper.addressees}
    for title, demands in (("demands", positions.negotiating_demands()),
                           ("recommendations", positions.recommendations())):
        click.echo(f"  {title}: {len(demands)}")
        by_addressee = Counter(d.addressee for d in demands)
        for addressee, count in by_addressee.items():
            click.echo(f"    to {addressees.get(addressee, addressee)}: {count}")
            for topic, n in Counter(d.topic for d in demands if d.addressee == addressee).items():
                flag = sum(d.flagship for d in demands if d.topic == topic)
                mark = f", {flag} flagship" if flag else ""
                click.echo(f"      {topics.get(topic, topic)} ({topic}): {n}{mark}")
    click.echo(f"  cases: {len(positions.cases)}")
    for case in positions.cases:
        countries = ", ".join(dict.fromkeys(p.country for p in case.partners))
        click.echo(f"    {case.id} [{countries}]")
