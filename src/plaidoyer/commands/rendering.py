"""The renders of a build, run in worker processes in an order that keeps them all busy.

Most renders are one job each. A format may also finish its drafts together: a DOCX
with contents gets its page numbers from LibreOffice, and one LibreOffice run for all the
build's drafts costs a second plus a quarter of a second a brief, where a run each cost a
second and a half a brief. Those drafts go first, so their batch runs beside the PDFs
rather than after them.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Executor, Future, wait
from typing import TYPE_CHECKING, Any

from ..diagnostics import PlaidoyerError

if TYPE_CHECKING:
    from ..render import RenderContext, Rendered
    from .build import Job


def render_job(job: Job, ctx: RenderContext) -> Rendered:
    """Runs in a worker process: one brief in one format (a release PDF with its
    provenance); a draft where the format finishes its drafts together."""
    if job.provenance is not None:
        from ..render.pdf import render as render_pdf

        return render_pdf(job.brief, ctx, job.provenance)
    from ..render.registry import drafter

    return drafter(job.fmt)(job.brief, ctx)


def complete_drafts(fmt: str, drafts: Sequence[Rendered]) -> list[Rendered]:
    """Runs in a worker process: the format's drafts finished together."""
    from ..render.registry import completer

    finish = completer(fmt)
    return list(drafts) if finish is None else finish(drafts)


def render_all(jobs: Sequence[Job], ctx: RenderContext, workers: int, pool: Executor | None,
               batched: Callable[[Job], bool]) -> Iterator[tuple[Job, Rendered]]:
    """Each job with its finished render, as they finish. `batched(job)`: whether the
    job's render may be a draft its format finishes in a batch; those run first."""
    order = sorted(jobs, key=lambda job: not batched(job))  # a stable sort: PDFs next
    executor = pool if pool is not None and len(jobs) > 1 else _Inline()
    queue = deque(order)
    expected = {fmt: sum(1 for job in jobs if job.fmt == fmt and batched(job))
                for fmt in {job.fmt for job in jobs}}
    drafts: dict[str, list[tuple[Job, Rendered]]] = {fmt: [] for fmt in expected}
    running: dict[Future[Any], tuple[bool, tuple[Job, ...]]] = {}  # batch?, its jobs
    limit = max(1, workers)

    def feed() -> None:
        # Only as many jobs as workers wait in the pool: a batch joins the next free one.
        while queue and sum(not batch for batch, _ in running.values()) < limit:
            job = queue.popleft()
            running[executor.submit(render_job, job, ctx)] = (False, (job,))

    feed()
    while running:
        done, _ = wait(running, return_when=FIRST_COMPLETED)
        for future in done:
            is_batch, made = running.pop(future)
            result = _result(made, future)
            if is_batch:
                yield from zip(made, result, strict=True)
                continue
            job, rendered = made[0], result
            if rendered.awaiting:
                drafts[job.fmt].append((job, rendered))
            else:
                yield job, rendered
            if batched(job):
                expected[job.fmt] -= 1
                if expected[job.fmt] == 0 and drafts[job.fmt]:
                    batch, drafts[job.fmt] = drafts[job.fmt], []
                    running[executor.submit(complete_drafts, job.fmt,
                                            [r for _, r in batch])] = (
                        True, tuple(j for j, _ in batch))
        feed()
    for fmt, left in drafts.items():  # a draft from a job not counted as batched
        if left:
            yield from zip((j for j, _ in left),
                           complete_drafts(fmt, [r for _, r in left]), strict=True)


def _result(jobs: tuple[Job, ...], future: Future[Any]) -> Any:
    try:
        return future.result()
    except (OSError, ValueError, KeyError, RuntimeError) as exc:
        names = ", ".join(str(job.output) for job in jobs)
        raise PlaidoyerError(f"could not render {names}: {exc}") from exc


class _Inline(Executor):
    """A serial build's executor: runs each task as it is submitted, in this process."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as error:  # handed over: future.result() raises it
            future.set_exception(error)
        return future
