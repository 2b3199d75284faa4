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
from ..diagnostics import PlaidoyerError, Report
from ..load import Layout
from ..manifest import Entry, write_manifest
from ..model.brief import Brief
from ..model.project import Project
from ..render import FORMATS, RenderContext, Rendered
from ..render.registry import renderer
from ..resources import package_digest
from ..tailor import Request, tailor
from ..write import BuildCache, build_lock, die_with_parent, inside, write_atomic
from .validate import checked_project


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


@dataclass(frozen=True)
class Plan:
    """What a build makes, and what it leaves out with the reason."""

    jobs: list[Job]
    skipped: list[str]  # why some files are left out
    left_out: int = 0  # how many files


def build(layout: Layout, papers: Sequence[str], audiences: Sequence[str],
          languages: Sequence[str], formats: Sequence[str], out_dir: Path,
          jobs: int | None, style: str = "text") -> tuple[list[Outcome], int]:
    """Build the requested briefs; raise if any fails or overflows its budget, or if there
    is nothing to build. Returns what was made and what was left out, with the reason."""
    project, checked = checked_project(layout, allow_incomplete=True, style=style)
    plan = plan_build(project, checked, papers, audiences, languages, formats, out_dir,
                      layout.template_set.digest())
    for reason in plan.skipped:
        click.echo(f"note: {reason}", err=True)
    if not plan.jobs:
        raise PlaidoyerError("nothing to build: " + ("; ".join(plan.skipped) or
                                                     "no paper or audience was chosen"))
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    generated = datetime.datetime.fromtimestamp(int(epoch), datetime.UTC).date().isoformat() \
        if epoch and epoch.isdigit() else None
    ctx = RenderContext(layout.template_set, generated)
    for folder in sorted({job.output.parent for job in plan.jobs}):
        inside(out_dir, folder)  # before any render: a build/<paper> link leading out
    with build_lock(out_dir):
        outcomes = _run(plan.jobs, out_dir, ctx, jobs or os.cpu_count() or 1)
        write_manifest(out_dir, (Entry(
            o.job.output.relative_to(out_dir).as_posix(), o.job.brief.paper_id,
            o.job.brief.audience_id, o.job.brief.lang, o.job.fmt, o.pages)
            for o in outcomes), layout.root)
        return outcomes, plan.left_out


def plan_build(project: Project, checked: Report, papers: Sequence[str],
               audiences: Sequence[str], languages: Sequence[str], formats: Sequence[str],
               out_dir: Path, templates_digest: str) -> Plan:
    """Every brief to make: per paper, the audiences made for it in its complete languages."""
    chosen_papers = choose(papers, [str(p.paper.id) for p in project.papers], "paper",
                            "--paper")
    known_audiences = {str(a.id): a for a in project.audiences}
    chosen = choose(audiences, list(known_audiences), "audience", "-a")
    all_languages = list(dict.fromkeys(lang for p in project.papers for lang in p.paper.languages))
    langs = choose(languages, all_languages, "language", "-l")
    fmts = list(dict.fromkeys(formats)) or list(FORMATS)
    todo: list[Job] = []
    skipped: list[str] = []
    left_out = 0
    for positions in project.papers:
        paper_id = positions.paper.id
        if paper_id not in chosen_papers:
            continue
        made_for = [a for a in chosen if not known_audiences[a].papers
                    or paper_id in known_audiences[a].papers]
        incomplete = checked.incomplete(paper_id)
        for lang in (x for x in langs if x in incomplete and x in positions.paper.languages):
            n = incomplete[lang]
            message = (f"paper '{paper_id}': '{lang}' left out, its translation is incomplete "
                       f"({n} text{'s' * (n != 1)} missing, listed above)")
            if lang in languages:
                raise PlaidoyerError(message.replace("left out", "cannot be built") +
                                     ": translate them, or build the other languages")
            skipped.append(message)
            left_out += len(made_for) * len(fmts)
        paper_langs = [x for x in langs if x in positions.paper.languages and x not in incomplete]
        for audience_id in made_for:
            audience = known_audiences[audience_id]
            for lang in paper_langs:
                brief = tailor(Request(positions, audience, lang), project.glossary,
                               project.labels_in(lang))
                if not brief.sections:
                    skipped.append(f"paper '{paper_id}': audience '{audience_id}' selects "
                                   f"nothing from it: no '{lang}' brief")
                    left_out += len(fmts)
                    continue
                content = repr(brief)
                budget_at = str(audience.budget.at if audience.budget else audience.at)
                for fmt in fmts:
                    output = out_dir / paper_id / f"{audience_id}.{lang}.{fmt}"
                    key = hashlib.sha256(
                        f"{__version__}|{package_digest()}|{fmt}|{templates_digest}|{content}"
                        .encode()).hexdigest()
                    todo.append(Job(brief, fmt, output, key, budget_at, len(content)))
    return Plan(todo, skipped, left_out)


def choose(asked: Sequence[str], valid: list[str], noun: str, flag: str) -> list[str]:
    """The asked values in order (all valid ones if none asked); an unknown one is a usage
    error listing the valid ones."""
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
                f"{job.budget_at}: error: paper '{job.brief.paper_id}', audience "
                f"'{job.brief.audience_id}', language "
                f"'{job.brief.lang}', format pdf: {pages} pages, over its budget of {budget}: "
                "shorten or drop parts, or raise the budget [budget]")
            job.output.unlink(missing_ok=True)
            return
        if rendered is not None:
            write_atomic(inside(out_dir, job.output), rendered.data)
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
        with ProcessPoolExecutor(max_workers=min(workers, len(stale)),
                                 initializer=die_with_parent) as pool:
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


def print_summary(outcomes: list[Outcome], left_out: int) -> None:
    built = sum(not o.cached for o in outcomes)
    unchanged = len(outcomes) - built
    parts = [f"built {built} file{'s' * (built != 1)}"]
    if unchanged:
        parts.append(f"{unchanged} unchanged")
    if left_out:
        parts.append(f"{left_out} left out (see the notes above)")
    click.echo(", ".join(parts) + ":")
    for outcome in sorted(outcomes, key=lambda o: str(o.job.output)):
        pages = f"{outcome.pages:>3} p." if outcome.pages else "      "
        state = "" if not outcome.cached else "  (unchanged)"
        click.echo(f"  {pages}  {outcome.job.output}{state}")
