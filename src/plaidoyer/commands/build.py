"""`plaidoyer build`: every audience × language × format, rendered in parallel, checked
against its page budget, written atomically under build/<paper-id>/.

`--release` builds what a coalition publishes and archives: it refuses on any warning, on
a missing translation and on positions not committed to git, leaves internal audiences
out, and writes PDF/A-3u + PDF/UA-1 files carrying their provenance. `--shard K/N`
builds one CI job's share of the matrix."""

from __future__ import annotations

import datetime
import hashlib
import importlib
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .. import __version__
from ..diagnostics import InvalidPositions, Location, PlaidoyerError, Report
from ..folders import GLOSSARY_DIR, POSITIONS_DIR, Layout
from ..manifest import (
    GENERATOR,
    Entry,
    Provenance,
    Shard,
    commit_of,
    paper_sources,
    uncommitted,
    write_manifest,
)
from ..resources import package_digest
from ..write import BuildCache, build_lock, die_with_parent, inside, write_atomic
from . import replay
from .rendering import render_all
from .validate import checked_project, print_diagnostics

if TYPE_CHECKING:  # the model, tailor and renderers load only when a build runs in full
    from ..model.brief import Brief
    from ..model.project import Positions, Project
    from ..render import RenderContext, Rendered
    from ..resources import TemplateSet

FORMATS = ("pdf", "docx", "html")  # render.FORMATS, without importing the renderers

FORMAT_COST = {"pdf": 80, "docx": 11, "html": 1}
FILE_OVERHEAD = 10_000
"""What `--shard` balances: a render's milliseconds per thousand characters of brief
(medians over the shipped papers at 0.2.0: PDF 80, DOCX 11, HTML 0.2), each file
counted as if FILE_OVERHEAD characters longer for the work every file costs."""


@dataclass(frozen=True)
class Job:
    """One file to make."""

    brief: Brief
    fmt: str
    output: Path
    key: str
    budget_at: str  # where the audience's budget is written, for the overflow message
    weight: int  # the brief's size: larger renders start first
    provenance: Provenance | None = None  # a release PDF's: XMP metadata and sources

    @property
    def name(self) -> str:
        return f"{self.brief.audience_id}.{self.brief.lang}.{self.fmt}"

    @property
    def cost(self) -> int:
        return FORMAT_COST.get(self.fmt, 1) * (self.weight + FILE_OVERHEAD)


@dataclass(frozen=True)
class Outcome:
    """A file made, or found unchanged: what the manifest and a replay keep of it."""

    output: Path
    entry: Entry
    key: str
    cached: bool

    @property
    def pages(self) -> int | None:
        return self.entry.pages


@dataclass(frozen=True)
class Plan:
    """What a build makes, and what it leaves out with the reason."""

    jobs: list[Job]
    skipped: list[str]  # why some files are left out
    left_out: int = 0  # how many files


def build(layout: Layout, papers: Sequence[str], audiences: Sequence[str],
          languages: Sequence[str], formats: Sequence[str], out_dir: Path,
          jobs: int | None, style: str = "text", release: bool = False,
          shard: Shard | None = None) -> tuple[list[Outcome], int]:
    """Build the requested briefs; raise if any fails or overflows its budget, or if there
    is nothing to build. Returns what was made and what was left out, with the reason.

    When nothing it reads changed since the same build into `out_dir`, replays that build
    (commands/replay.py): its words, its manifest, and no load, validation or render."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    tools = _tools()  # asked once: the replay, the cache keys and the schedule agree
    request = (tuple(papers), tuple(audiences), tuple(languages), tuple(formats), shard, epoch,
               package_digest(), tools)
    record_name = replay.request_name(layout, request)
    inputs = None if release else replay.inputs_digest(layout, request)
    if inputs is not None and (out_dir / ".cache").is_dir():
        with build_lock(out_dir):
            record = replay.load(out_dir, record_name, inputs)
            if record is not None:
                return _replay(record, out_dir, layout, style, shard), record.left_out
            replay.forget(out_dir, record_name)

    from ..render import RenderContext

    workers = jobs or os.cpu_count() or 1
    made_formats = tuple(dict.fromkeys(formats)) or FORMATS
    with _libreoffice(workers, made_formats) as profile:
        project, checked = checked_project(layout, strict=release, allow_incomplete=not release,
                                           style=style)
        commit = release_commit(layout, style) if release else None
        # a mistyped --paper, -a or -l is said now, not once the workers have started
        choose(papers, [str(p.paper.id) for p in project.papers], "paper", "--paper")
        choose(audiences, [str(a.id) for a in project.audiences], "audience", "-a")
        choose(languages, list(dict.fromkeys(x for p in project.papers for x in p.paper.languages)),
               "language", "-l")
        early = workers if workers <= (os.cpu_count() or 1) else 1  # more: started if needed
        with _workers(early, made_formats, layout.template_set, profile) as pool:
            plan = plan_build(project, checked, papers, audiences, languages, formats, out_dir,
                              layout.template_set.digest(), release=release, commit=commit,
                              root=layout.root, tools=tools)
            notes = [f"note: {reason}" for reason in plan.skipped]
            for note in notes:
                click.echo(note, err=True)
            if not plan.jobs:
                raise PlaidoyerError("nothing to build: " + ("; ".join(plan.skipped) or
                                                             "no paper or audience was chosen"))
            if commit is not None:
                click.echo(f"note: release: PDF/A-3u and PDF/UA-1 files from commit "
                           f"{commit[:12]}", err=True)
            todo = plan.jobs
            if shard is not None:
                todo = shard_jobs(plan.jobs, shard)
                notes.append(f"note: shard {shard}: {len(todo)} of the {len(plan.jobs)} files")
                click.echo(notes[-1], err=True)
            generated = datetime.datetime.fromtimestamp(int(epoch), datetime.UTC).date()\
                .isoformat() if epoch and epoch.isdigit() else None
            ctx = RenderContext(layout.template_set, generated)
            for folder in sorted({job.output.parent for job in todo}):
                inside(out_dir, folder)  # before any render: a build/<paper> link leading out
            with build_lock(out_dir):
                outcomes = _run(todo, out_dir, ctx, workers, pool, numbered="docx" in tools)
                write_manifest(out_dir, (o.entry for o in outcomes), layout.root,
                               release=release, shard=shard)
                if inputs is not None:
                    order = {job.output: n for n, job in enumerate(todo)}
                    made = sorted(outcomes, key=lambda o: order[o.output])
                    replay.save(out_dir, record_name, replay.Record(
                        inputs, tuple(checked.sorted()), tuple(notes), plan.left_out,
                        tuple(replay.Made(o.entry, o.key) for o in made)))
                return outcomes, plan.left_out


def _replay(record: replay.Record, out_dir: Path, layout: Layout, style: str,
            shard: Shard | None) -> list[Outcome]:
    """Say what the recorded build said, and list its files in a new manifest (the
    positions' commit may have moved)."""
    print_diagnostics(Report(list(record.diagnostics)), style=style)
    for note in record.skipped:
        click.echo(note, err=True)
    outcomes = []
    for n, made in enumerate(record.made, 1):
        output = inside(out_dir, out_dir / made.entry.path)
        outcomes.append(Outcome(output, made.entry, made.key, cached=True))
        pages = made.entry.pages
        extent = f", {pages} page{'s' * (pages != 1)}" if pages else ""
        click.echo(f"[{n:>3}/{len(record.made)}] unchanged {output}{extent}", err=True)
    write_manifest(out_dir, (o.entry for o in outcomes), layout.root, shard=shard)
    return outcomes


@contextmanager
def _libreoffice(workers: int, formats: Sequence[str]) -> Iterator[Path | None]:
    """A parallel build's LibreOffice profile for numbering DOCX contents, made in the
    background while the positions are validated (render/word_pages.py), once a build
    rather than once a worker; removed when the build ends. A serial build makes one when
    a brief needs it."""
    from ..render.word_pages import remove_profile, share_profile, use_profile

    folder = share_profile() if workers > 1 and "docx" in formats else None
    use_profile(folder)  # a batch this process runs itself uses it too
    try:
        yield folder
    finally:
        use_profile(None)
        if folder is not None:
            remove_profile(folder)


@contextmanager
def _workers(count: int, formats: Sequence[str], templates: TemplateSet,
             profile: Path | None) -> Iterator[ProcessPoolExecutor | None]:
    """Render processes, started now: they import their renderers (a second each) while
    this process tailors the briefs. None for a serial build."""
    if count < 2:
        yield None
        return
    pool = ProcessPoolExecutor(max_workers=count, initializer=_start_worker,
                               initargs=(tuple(formats), templates, profile))
    pool.submit(os.getpid)  # starts every worker now (they fork on the first task)
    try:
        yield pool
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _start_worker(formats: tuple[str, ...], templates: TemplateSet,
                  profile: Path | None) -> None:
    """Imports the renderers and loads the PDF's fonts while this process waits for the
    first brief to be tailored; DOCX contents are numbered with the build's LibreOffice
    profile."""
    die_with_parent()
    for fmt in formats:
        try:
            importlib.import_module(f"plaidoyer.render.{fmt}")
        except Exception:  # a renderer that cannot load says why in its job, not here
            continue
    if "docx" in formats:
        from ..render.word_pages import use_profile

        use_profile(profile)
    if "pdf" in formats:
        from ..render.pdf import load_fonts

        load_fonts(templates)


def release_commit(layout: Layout, style: str) -> str:
    """The commit a release is built from; refuses (each file located) positions,
    glossary or templates that differ from it, or a project outside git: a release must
    name the sources it was built from."""
    report = Report()
    folders = [POSITIONS_DIR, GLOSSARY_DIR, layout.templates.name]
    changed = uncommitted(layout.root, folders)
    commit = commit_of(layout.root)
    if changed is None or commit is None:
        report.error(Location(layout.shown(layout.positions)),
                     "a release names the git commit of the positions it is built from, and "
                     "this project is not in a git checkout (or git cannot read it): put it "
                     "under git and commit, or build without --release", "release")
    else:
        for path in changed:
            report.error(Location(path), "differs from the last commit (changed, added or "
                         "not yet tracked): commit it before a release build, so the release "
                         "names the commit it was built from", "release")
    print_diagnostics(report, style=style)
    if report.failed() or commit is None:
        raise InvalidPositions(report)
    return commit


def shard_jobs(jobs: Sequence[Job], shard: Shard) -> list[Job]:
    """This shard's share of the matrix: the longest renders first, each to the shard with
    the least work so far (ties to the first), so shards finish together. Depends only on
    the plan, never on the machine: every CI job computes the same split, and the shards'
    union is the whole matrix, each file in exactly one."""
    loads = [0] * shard.count
    mine = []
    for job in sorted(jobs, key=lambda j: (-j.cost, j.brief.paper_id, j.name)):
        least = min(range(shard.count), key=lambda k: (loads[k], k))
        loads[least] += job.cost
        if least == shard.index - 1:
            mine.append(job)
    return mine


def plan_build(project: Project, checked: Report, papers: Sequence[str],
               audiences: Sequence[str], languages: Sequence[str], formats: Sequence[str],
               out_dir: Path, templates_digest: str, release: bool = False,
               commit: str | None = None, root: Path | None = None,
               tools: dict[str, str] | None = None) -> Plan:
    """Every brief to make: per paper, the audiences made for it in its complete languages.

    A release leaves internal audiences out (asking for one is an error) and gives each
    PDF the provenance it carries: `commit` and the paper's sources under `root`. `tools`:
    what the build found installed (`_tools`), asked here when not given."""
    from ..tailor import Request, tailor

    chosen_papers = choose(papers, [str(p.paper.id) for p in project.papers], "paper",
                            "--paper")
    known_audiences = {str(a.id): a for a in project.audiences}
    chosen = choose(audiences, list(known_audiences), "audience", "-a")
    skipped: list[str] = []
    if release:
        internal = [a for a in chosen if known_audiences[a].internal]
        asked = [a for a in internal if a in audiences]
        if asked:
            raise PlaidoyerError(f"audience '{asked[0]}' is internal and a release is for "
                                 "circulation: build it without --release")
        chosen = [a for a in chosen if a not in internal]
        skipped += [f"audience '{a}' is internal: left out of the release" for a in internal]
    all_languages = list(dict.fromkeys(lang for p in project.papers for lang in p.paper.languages))
    langs = choose(languages, all_languages, "language", "-l")
    fmts = list(dict.fromkeys(formats)) or list(FORMATS)
    todo: list[Job] = []
    left_out = 0
    tools = _tools() if tools is None else tools
    for positions in project.papers:
        paper_id = positions.paper.id
        if paper_id not in chosen_papers:
            continue
        provenance = _provenance(positions, commit, root) if release else None
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
                    archived = provenance if fmt == "pdf" else None
                    release_key = f"|release:{archived.digest()}" if archived else ""
                    key = hashlib.sha256(
                        f"{__version__}|{package_digest()}|{fmt}|{templates_digest}|{content}"
                        f"{release_key}{tools.get(fmt, '')}".encode()).hexdigest()
                    todo.append(Job(brief, fmt, output, key, budget_at, len(content),
                                    archived))
    return Plan(todo, skipped, left_out)


def _tools() -> dict[str, str]:
    """What a format's files depend on besides their inputs: a DOCX's contents are
    numbered only where LibreOffice is installed, so installing it makes them again."""
    from ..render.word_pages import soffice

    return {"docx": "|libreoffice"} if soffice() is not None else {}


def _provenance(positions: Positions, commit: str | None, root: Path | None) -> Provenance:
    sources = paper_sources(root, positions.paper.at.path) if root is not None else ()
    return Provenance(GENERATOR, commit, sources)


def choose(asked: Sequence[str], valid: list[str], noun: str, flag: str) -> list[str]:
    """The asked values in order (all valid ones if none asked); an unknown one is a usage
    error listing the valid ones."""
    unknown = [a for a in asked if a not in valid]
    if unknown:
        raise click.UsageError(
            f"unknown {noun} '{unknown[0]}' for {flag}: choose from {', '.join(valid)}")
    return list(dict.fromkeys(asked)) or valid


def _run(todo: list[Job], out_dir: Path, ctx: RenderContext, workers: int,
         pool: ProcessPoolExecutor | None = None, numbered: bool = False) -> list[Outcome]:
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
        entry = Entry(job.output.relative_to(out_dir).as_posix(), job.brief.paper_id,
                      job.brief.audience_id, job.brief.lang, job.fmt, pages)
        outcomes.append(Outcome(job.output, entry, job.key, cached))
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
    # Longest renders first (PDF is the slowest format), so no worker idles at the end;
    # before them, the drafts a format finishes in a batch (rendering.py).
    stale.sort(key=lambda job: (job.fmt != "pdf", -job.weight))
    with ExitStack() as stack:
        if pool is None and workers > 1 and len(stale) > 1:  # more workers than CPUs
            pool = stack.enter_context(ProcessPoolExecutor(
                max_workers=min(workers, len(stale)), initializer=die_with_parent))
        for job, rendered in render_all(stale, ctx, workers, pool, _batched_formats(numbered)):
            finish(job, rendered)
    for message in overflows:
        click.echo(message, err=True)
    if overflows:
        raise PlaidoyerError(f"{len(overflows)} brief(s) over their page budget")
    return outcomes


def _batched_formats(numbered: bool) -> Callable[[Job], bool]:
    """Which jobs' renders are drafts their format finishes in a batch: a DOCX with
    contents, when LibreOffice can number them (`numbered`)."""
    return lambda job: numbered and job.fmt == "docx" and bool(job.brief.toc)


def print_summary(outcomes: list[Outcome], left_out: int) -> None:
    built = sum(not o.cached for o in outcomes)
    unchanged = len(outcomes) - built
    parts = [f"built {built} file{'s' * (built != 1)}"]
    if unchanged:
        parts.append(f"{unchanged} unchanged")
    click.echo(", ".join(parts) + ":")
    for outcome in sorted(outcomes, key=lambda o: str(o.output)):
        pages = f"{outcome.pages:>3} p." if outcome.pages else "      "
        state = "" if not outcome.cached else "  (unchanged)"
        click.echo(f"  {pages}  {outcome.output}{state}")
    if left_out:  # after the list, which holds only what was built
        click.echo(f"{left_out} file{'s' * (left_out != 1)} left out: see the notes above")


def parse_shard(text: str | None) -> Shard | None:
    """`--shard K/N`, or a usage error saying what it should look like."""
    if text is None:
        return None
    try:
        return Shard.parse(text)
    except ValueError as error:
        raise click.UsageError(f"--shard: {error}") from None
