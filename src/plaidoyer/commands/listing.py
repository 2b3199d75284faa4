"""`plaidoyer list`: what the positions hold, for an advocacy officer planning briefs.

Listing is not validating: it shows what loads, with each language's completeness, and
exits 0 however incomplete a translation is (`validate` is the gate)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import click

from ..diagnostics import PlaidoyerError, Report
from ..load import Layout, load_project
from ..model.project import Positions, walk_texts
from ..staleness import stale
from ..validate import validate_project
from .build import choose


def list_positions(layout: Layout, papers: Sequence[str]) -> None:
    report = Report()
    project = load_project(layout, report)
    if report.errors:
        for diagnostic in report.sorted():
            if diagnostic.severity == "error":
                click.echo(str(diagnostic), err=True)
        if not project.papers:
            raise PlaidoyerError("nothing to list: fix the problems above")
        click.echo("note: some files could not be read (above); the listing leaves them out",
                   err=True)
    else:
        validate_project(project, report, layout.template_set)
    chosen = choose(papers, [str(p.paper.id) for p in project.papers], "paper", "--paper")
    for positions in project.papers:
        if positions.paper.id in chosen:
            _show_paper(positions)
    if project.glossary:
        click.echo(f"\nglossary: {len(project.glossary)} terms")
    if project.audiences:
        click.echo("audiences: " + ", ".join(
            f"{a.id}{' (internal)' if a.internal else ''}" for a in project.audiences))
    problems = len(report.errors) + len(report.warnings)
    if problems:
        click.echo(f"{report.summary()}: run 'plaidoyer validate' for the details", err=True)


def language_completeness(positions: Positions) -> dict[str, tuple[float, int]]:
    """Per declared language: the share of the paper's translatable texts present, and how
    many are missing."""
    texts = [t for m in (positions.paper, *positions.items) for t, _ in walk_texts(m)]
    found = {}
    for lang in positions.paper.languages:
        present = sum(lang in t for t in texts)
        found[lang] = (present / max(len(texts), 1), len(texts) - present)
    return found


def format_completeness(lang: str, share: float, missing: int) -> str:
    """`en 100 %`, `fr 96 % (3 texts missing)`; never rounds an incomplete one up to 100."""
    percent = int(share * 100) if missing else 100
    tail = f" ({missing} text{'s' * (missing != 1)} missing)" if missing else ""
    return f"{lang} {percent} %{tail}"


def _show_paper(positions: Positions) -> None:
    paper = positions.paper
    src = paper.source_language
    click.echo(f"{paper.id}: {paper.title.get(src, paper.id)}")
    place = paper.event.place.get(src, "")
    click.echo(f"  event: {paper.event.name}, {place}, {paper.event.start:%Y}")
    shares = language_completeness(positions)
    stale_count = Counter(lang for _, _, lang in stale(positions))
    click.echo("  languages: " + ", ".join(
        format_completeness(lang, share, missing) + (
            f" ({stale_count[lang]} stale)" if stale_count[lang] else "")
        for lang, (share, missing) in shares.items()))
    figures = len(positions.figures)
    click.echo(f"  claims: {len(positions.claims)} ({figures} figure{'s' * (figures != 1)})")
    topics = {t.id: t.label.get(src, t.id) for t in paper.topics}
    addressees = {str(a.id): (a.label.get(src, a.id), ", ".join(a.roles))
                  for a in paper.addressees}
    for title, demands in (("demands", positions.negotiating_demands()),
                           ("recommendations", positions.recommendations()),
                           ("commitments", positions.commitments())):
        if not demands and title == "commitments":
            continue
        click.echo(f"  {title}: {len(demands)}")
        for to in dict.fromkeys(d.to for d in demands):
            names = [addressees.get(a, (a, "?")) for a in to]
            label = " + ".join(name for name, _ in names) or "(the coalition itself)"
            roles = ", ".join(dict.fromkeys(r for _, rs in names for r in rs.split(", ")))
            members = [d for d in demands if d.to == to]
            click.echo(f"    to {label}" + (f" [{roles}]" if roles else "") + f": "
                       f"{len(members)}")
            for topic, n in Counter(d.topic for d in members).items():
                flag = sum(d.flagship for d in members if d.topic == topic)
                mark = f", {flag} flagship" if flag else ""
                name = f"{topics.get(topic, topic)} ({topic})" if topic else "(no topic)"
                click.echo(f"      {name}: {n}{mark}")
    click.echo(f"  cases: {len(positions.cases)}")
    for case in positions.cases:
        countries = ", ".join(dict.fromkeys(p.country for p in case.partners))
        click.echo(f"    {case.id} [{countries}]")
    internal = [i.id for i in positions.items if i.internal]
    if internal:
        click.echo(f"  internal items: {', '.join(internal)}")
