"""`plaidoyer build`: every audience × language × format, rendered in parallel, checked
against its page budget, written atomically under build/<paper-id>/."""

from __future__ import annotations

import datetime
import hashlib
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import click

from .. import __version__
from ..diagnostics import InvalidPositions, PlaidoyerError, Report
from ..load import Layout, load_labels
from ..model.brief import Brief
from ..render import FORMATS, RenderContext, Rendered
from ..render.registry import renderer
from ..tailor import Request, tailor
from ..write import BuildCache, fingerprint_tree, write_atomic
from .validate import checked_project, print_diagnostics


@dataclass(frozen=True)
class Job:
    """One file to make."""

    brief: Brief
    fmt: str
    output: Path
    key: str
    budget_at: str  # where the audience's budget is written, for the overflow message
    weight: int  # the brief's size: larger renders start first

    @property
    def name(self) -> str:
        return f"{self.brief.audience_id}.{self.brief.lang}.{self.fmt}"


@dataclass(frozen=True)
class Outcome:
    job: Job
    pages: int | None
    cached: bool


def build(layout: Layout, audiences: Sequence[str], languages: Sequence[str],
          formats: Sequence[str], out_dir: Path, jobs: int | None) -> list[Outcome]:
    """Build the requested briefs; raise if any fails or overflows its budget."""
    project, checked = checked_project(layout, allow_incomplete=True)
    known_audiences = {str(a.id): a for a in project.audiences}
    chosen = _choose(audiences, list(known_audiences), "audience", "-a")
    all_languages = list(dict.fromkeys(lang for p in project.papers for lang in p.paper.languages))
    incomplete = checked.incomplete_languages()
    langs = _choose(languages, all_languages, "language", "-l")
    asked_incomplete = [lang for lang in languages if lang in incomplete]
    if asked_incomplete:
        raise PlaidoyerError(f"language '{asked_incomplete[0]}' is incomplete: translate the "
                             "texts listed above, or build the other languages")
    for lang in sorted(incomplete & set(langs)):
        click.echo(f"note: leaving out '{lang}': its translation is incomplete (see above)",
                   err=True)
    langs = [lang for lang in langs if lang not in incomplete]
    fmts = list(dict.fromkeys(formats)) or list(FORMATS)
    report = Report()
    labels = load_labels(layout, langs, report)
    if report.errors:
        print_diagnostics(report)
        raise InvalidPositions(report)

    ctx = RenderContext(layout.templates.resolve(), datetime.date.today().isoformat())
    templates_digest = fingerprint_tree(layout.templates)
    todo = []
    for positions in project.papers:
        for audience_id in chosen:
            audience = known_audiences[audience_id]
            for lang in (x for x in langs if x in positions.paper.languages):
                brief = tailor(Request(positions, audience, lang), project.glossary, labels[lang])
                content = repr(brief)
                budget_at = str(audience.budget.at if audience.budget else audience.at)
                for fmt in fmts:
                    output = out_dir / positions.paper.id / f"{audience_id}.{lang}.{fmt}"
                    key = hashlib.sha256(
                        f"{__version__}|{fmt}|{templates_digest}|{content}".encode()).hexdigest()
                    todo.append(Job(brief, fmt, output, key, budget_at, len(content)))
    return _run(todo, out_dir, ctx, jobs or os.cpu_count() or 1)


def _choose(asked: Sequence[str], valid: list[str], noun: str, flag: str) -> list[str]:
    unknown = [a for a in asked if a not in valid]
    if unknown:
        raise click.UsageError(
            f"unknown {noun} '{unknown[0]}' for {flag}: choose from {', '.join(valid)}")
    return list(dict.fromkeys(asked)) or valid


def render_job(job: Job, ctx: RenderContext) -> Rendered:
    """Runs in a worker process: one brief in one format."""
    return renderer(job.fmt)(job.brief, ctx)


def _run(todo: list[Job], out_dir: Path, ctx: RenderContext, workers: int) -> list[Outcome]:
    cache = BuildCache(out_dir)
    outcomes: list[Outcome] = []
    overflows: list[str] = []
    total = len(todo)

    def finish(job: Job, rendered: Rendered | None) -> None:
        if rendered is None:
            pages, cached = cache.pages(job.output), True
        else:
            pages, cached = rendered.pages, False
        budget = job.brief.budget_pages
        if job.fmt == "pdf" and budget and pages and pages > budget:
            overflows.append(
                f"{job.budget_at}: error: audience '{job.brief.audience_id}', language "
                f"'{job.brief.lang}', format pdf: {pages} pages, over its budget of {budget}: "
                "shorten or drop parts, or raise the budget [budget]")
            job.output.unlink(missing_ok=True)
            return
        if rendered is not None:
            write_atomic(job.output, rendered.data)
            cache.remember(job.output, job.key, rendered.pages)
        outcomes.append(Outcome(job, pages, cached))
        state = "unchanged" if cached else "built"
        extent = f", {pages} page{'s' * (pages != 1)}" if pages else ""
        click.echo(f"[{len(outcomes) + len(overflows):>3}/{total}] {state} "
                   f"{job.output}{extent}", err=True)

    stale = []
    for job in todo:
        if cache.is_fresh(job.output, job.key):
            finish(job, None)
        else:
            stale.append(job)
    # Longest renders first (PDF is the slowest format), so no worker idles at the end.
    stale.sort(key=lambda job: (job.fmt != "pdf", -job.weight))
    if workers > 1 and len(stale) > 1:
        with ProcessPoolExecutor(max_workers=min(workers, len(stale))) as pool:
            pending = {pool.submit(render_job, job, ctx): job for job in stale}
            for future in as_completed(pending):
                finish(pending[future], _result(pending[future], future.result))
    else:
        for job in stale:
            finish(job, _result(job, partial(render_job, job, ctx)))
    for message in overflows:
        click.echo(message, err=True)
    if overflows:
        raise PlaidoyerError(f"{len(overflows)} brief(s) over their page budget")
    return outcomes


def _result(job: Job, get: Callable[[], Rendered]) -> Rendered:
    try:
        return get()
    except (OSError, ValueError, KeyError, RuntimeError) as exc:
        raise PlaidoyerError(f"could not render {job.output}: {exc}") from exc


def print_summary(outcomes: list[Outcome]) -> None:
    click.echo(f"wrote {len(outcomes)} file{'s' * (len(outcomes) != 1)}:")
    for outcome in sorted(outcomes, key=lambda o: str(o.job.output)):
        pages = f"{outcome.pages:>3} p." if outcome.pages else "      "
        click.echo(f"  {pages}  {outcome.job.output}")
