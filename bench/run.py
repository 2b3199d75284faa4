"""Every speed ratio of issue #11 §3, each against its anchor, measured in one run.

    python bench/run.py                 # 3 runs of each measurement, medians
    python bench/run.py --runs 5 --papers 100 --copies 26

Ratios, not times, are what compare across machines: each anchor is measured here, in
this process tree, beside what it anchors. The anchors:

- raw WeasyPrint: `weasyprint.HTML(string=html, base_url=…).write_pdf(pdf_variant=
  "pdf/ua-1")`, in this process, one brief after the other after a warm-up, on exactly
  the HTML plaidoyer gives WeasyPrint for the COP21 paper's PDFs (made by the same
  `page()` as render/pdf.py). The same variant as plaidoyer's PDFs (PDF/UA-1, tagged):
  apples to apples, so a ratio above 1 is plaidoyer's own work, never a different PDF.
  The anchor keeps WeasyPrint's own column balancing; plaidoyer's PDFs use its faster
  search for the same heights (render/column_balance.py), and the bench prints the
  anchor with it too, so what that search gains shows apart from the rest;
- `python -c "import click"`, for `plaidoyer --help`;
- `validate` of the COP21 paper alone, for `validate` of 100 copies of it (bench/corpus.py).

Builds run as `python -m plaidoyer` child processes on a copy of the COP21 paper (its
own project: the repository's other paper is not built). Peak memory is the child's
maximum resident set (getrusage), for the full French brief of a synthetic paper of
about 200 pages (the COP21 paper repeated --copies times: 26 give 200).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import long_paper, many_papers

PAPER = "cop21-territorial-partnerships"


def median(runs: int, measure: Callable[[], float]) -> float:
    return statistics.median(measure() for _ in range(runs))


_cpu: list[float] = []  # CPU seconds of every child measured, its workers included


def _cpu_spent() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(*args: str, memo: Path | None = None) -> float:
    """Seconds a child process takes; it must succeed. `memo`: plaidoyer's memo folder
    (src/plaidoyer/memo.py); None: none, as on a machine that never ran plaidoyer."""
    env = {**os.environ, "PLAIDOYER_CACHE": str(memo) if memo else "off"}
    cpu = _cpu_spent()
    start = time.perf_counter()
    done = subprocess.run([sys.executable, *args], capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - start
    _cpu.append(_cpu_spent() - cpu)
    if done.returncode:
        raise SystemExit(f"failed: {' '.join(args)}\n{done.stderr[-3000:]}")
    return elapsed


SPIN = "x = 0\nfor i in range(20_000_000):\n    x += i"


def parallelism() -> float:
    """How many CPUs' worth two CPU-bound processes get at once, now (2.0 on an idle
    machine of 2 CPUs; less on a shared one): what `-j 2` can gain at best."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", SPIN], check=True)
    alone = time.perf_counter() - start
    start = time.perf_counter()
    pair = [subprocess.Popen([sys.executable, "-c", SPIN]) for _ in range(2)]
    for process in pair:
        process.wait()
    return 2 * alone / (time.perf_counter() - start)


def plaidoyer(*args: str, memo: Path | None = None) -> float:
    return timed("-m", "plaidoyer", *args, memo=memo)


def cold_build(root: Path, scratch: Path, *options: str) -> float:
    """A build into an empty folder, with an empty memo: nothing of an earlier run."""
    out, memo = scratch / "out", scratch / "cold-memo"
    shutil.rmtree(out, ignore_errors=True)
    shutil.rmtree(memo, ignore_errors=True)
    return plaidoyer("build", "--root", str(root), "-o", str(out), *options, memo=memo)


class RawWeasyPrint:
    """WeasyPrint alone writing the paper's PDFs one after the other, in this process
    (after a warm-up): `run()` gives the seconds, and records the CPU seconds in `cpu`;
    `run(fetched=True)` with plaidoyer's url_fetcher (which reads template files itself,
    where WeasyPrint's goes through urllib); `run(balanced=True)` with plaidoyer's column
    balancing (render/column_balance.py) in WeasyPrint's layout, for this run only."""

    def __init__(self, root: Path) -> None:
        self.pages, self.base, self.fetcher = _pdf_pages(root)
        self.cpu: list[float] = []
        self.run()  # the warm-up
        self.cpu.clear()

    def run(self, fetched: bool = False, balanced: bool = False) -> float:
        import weasyprint

        from plaidoyer.render import column_balance
        from plaidoyer.render.pdf import ACCESSIBLE_VARIANT

        options = {"url_fetcher": self.fetcher} if fetched else {}
        if balanced and not column_balance.install():
            return float("nan")
        try:
            start, started = time.perf_counter(), time.process_time()
            for html in self.pages:
                weasyprint.HTML(string=html, base_url=self.base, **options).write_pdf(
                    pdf_variant=ACCESSIBLE_VARIANT)
            self.cpu.append(time.process_time() - started)
            return time.perf_counter() - start
        finally:
            column_balance.uninstall()


def _pdf_pages(root: Path) -> tuple[list[str], str, object]:
    """The HTML plaidoyer gives WeasyPrint for the paper's PDFs, the base URL, and
    plaidoyer's url_fetcher."""
    from plaidoyer.commands.build import plan_build
    from plaidoyer.commands.validate import checked_project
    from plaidoyer.load import Layout
    from plaidoyer.render import RenderContext
    from plaidoyer.render.fetch import TemplateFetcher
    from plaidoyer.render.html import page
    from plaidoyer.render.pdf import PRINT_CSS

    layout = Layout(root)
    project, report = checked_project(layout, allow_incomplete=True)
    plan = plan_build(project, report, (), (), (), ("pdf",), root / "unused",
                      layout.template_set.digest())
    ctx = RenderContext(layout.template_set)
    base = str(ctx.template("fonts/NotoSans-Regular.ttf").parent.parent) + "/"
    pages = []  # as render/pdf.py's _typeset makes them
    for job in plan.jobs:
        css = "\n".join(ctx.template(name).read_text(encoding="utf-8")
                        for name in (job.brief.css, PRINT_CSS))
        pages.append(page(job.brief, ctx, "pdf", css, job.brief.toc))

    return pages, base, TemplateFetcher(ctx.templates)


def peak_memory(root: Path, scratch: Path) -> tuple[float, int, float]:
    """MB at most resident while building the long paper's full French PDF, its pages,
    and the seconds it took."""
    out = scratch / "long-out"
    shutil.rmtree(out, ignore_errors=True)
    probe = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
             "subprocess.run(sys.argv[1:], check=True, capture_output=True); "
             "print(time.perf_counter() - t, "
             "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    done = subprocess.run([sys.executable, "-c", probe, sys.executable, "-m", "plaidoyer",
                           "build", "--root", str(root), "-o", str(out), "-a", "full",
                           "-l", "fr", "-f", "pdf", "-j", "1"],
                          capture_output=True, text=True, check=True)
    seconds, kilobytes = done.stdout.split()
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    pages = sum(f.get("pages") or 0 for f in manifest["files"].values())
    return int(kilobytes) / 1024, pages, float(seconds)


@dataclass
class Row:
    what: str
    measured: float
    anchor: float
    goal: float
    note: str = ""

    def line(self) -> str:
        ratio = self.measured / self.anchor
        mark = "ok " if ratio <= self.goal else "NOT"
        return (f"{mark} {ratio:7.3f}  (goal ≤ {self.goal:<4})  {self.what}: "
                f"{_seconds(self.measured)} vs {_seconds(self.anchor)}{self.note}")


def _seconds(value: float) -> str:
    return f"{value * 1000:.0f} ms" if value < 2 else f"{value:.1f} s"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="runs of each measurement")
    parser.add_argument("--papers", type=int, default=100, help="papers of the validate corpus")
    parser.add_argument("--copies", type=int, default=26,
                        help="the long paper: the COP21 paper this many times (~200 pages)")
    parser.add_argument("--only", action="append", default=[],
                        choices=["build", "help", "validate", "memory", "formats"],
                        help="measure only this (repeatable)")
    args = parser.parse_args()
    os.environ["PLAIDOYER_CACHE"] = "off"  # no memo but the ones a measurement names
    only = set(args.only) or {"build", "help", "validate", "memory", "formats"}
    runs = args.runs
    rows: list[Row] = []
    extra: list[str] = []
    with tempfile.TemporaryDirectory(prefix="plaidoyer-bench-") as tmp:
        scratch = Path(tmp)
        one = scratch / "one"
        many_papers(1, one)
        if "build" in only:
            # The anchor and the cold build take turns, so a machine busier at one moment
            # than at another weighs on both alike.
            weasy = RawWeasyPrint(one)
            count = len(weasy.pages)
            gained = [parallelism()]
            raws: list[float] = []
            colds: list[float] = []
            pdfs: list[float] = []
            cold_cpus: list[float] = []
            pdf_cpus: list[float] = []
            for _ in range(runs):
                raws.append(weasy.run())
                colds.append(cold_build(one, scratch, "-j", "2"))
                cold_cpus.append(_cpu[-1])
                pdfs.append(cold_build(one, scratch, "-j", "1", "-f", "pdf"))
                pdf_cpus.append(_cpu[-1])
            gained.append(parallelism())
            raw, raw_cpu = statistics.median(raws), statistics.median(weasy.cpu)
            cold, cold_cpu = statistics.median(colds), statistics.median(cold_cpus)
            pdf, pdf_cpu = statistics.median(pdfs), statistics.median(pdf_cpus)
            fetched = weasy.run(fetched=True)
            anchor = f" (raw WeasyPrint of the {count} PDFs)"
            extra.append(f"raw WeasyPrint of the {count} PDFs with plaidoyer's url_fetcher "
                         f"(once): {_seconds(fetched)} ({fetched / raw:.2f} of the anchor); "
                         f"the anchor's CPU: {_seconds(raw_cpu)}")
            balanced = weasy.run(balanced=True)
            extra.append(f"raw WeasyPrint of the {count} PDFs with plaidoyer's column "
                         f"balancing (once): {_seconds(balanced)} ({balanced / raw:.2f} of the "
                         f"anchor): cold build -j 2 ÷ this: {cold / balanced:.2f}")
            rows.append(Row("cold build -j 2, every format", cold, raw, 0.6, anchor))
            extra.append(f"cold build -j 2: {_seconds(cold_cpu)} of CPU, "
                         f"{cold_cpu / raw_cpu:.2f} of the anchor's; two CPU-bound processes "
                         f"got {min(gained):.2f}-{max(gained):.2f} CPUs' worth around it")
            rows.append(Row("cold build -j 1, PDF only", pdf, raw, 1.1, anchor))
            extra.append(f"cold build -j 1, PDF only: {_seconds(pdf_cpu)} of CPU, "
                         f"{pdf_cpu / raw_cpu:.2f} of the anchor's")
            cold_build(one, scratch, "-j", "2")
            out = str(scratch / "out")
            noop = median(runs, lambda: plaidoyer("build", "--root", str(one), "-o", out,
                                                  "-j", "2"))
            rows.append(Row("no-op rebuild -j 2", noop, cold, 0.03, " (cold build -j 2)"))
        if "formats" in only:
            for fmt in ("docx", "html"):
                spent = median(runs, partial(cold_build, one, scratch, "-j", "1", "-f", fmt))
                extra.append(f"cold build -j 1, {fmt.upper()} only: {_seconds(spent)}")
        if "help" in only:
            click = median(runs * 3, lambda: timed("-c", "import click"))
            shown = median(runs * 3, lambda: plaidoyer("--help"))
            rows.append(Row("plaidoyer --help", shown, click, 3,
                            ' (python -c "import click")'))
        if "validate" in only:
            many = scratch / "many"
            many_papers(args.papers, many)
            memo = scratch / "memo"
            for root in (one, many):  # an editor's second run: the memo holds the papers
                plaidoyer("validate", "--root", str(root), memo=memo)
            single = median(runs, lambda: plaidoyer("validate", "--root", str(one), memo=memo))
            spent = median(runs, lambda: plaidoyer("validate", "--root", str(many), memo=memo))
            rows.append(Row(f"validate, {args.papers} papers", spent, single, 4,
                            " (validate, one paper; both with the memo of a first run)"))
            single = median(runs, lambda: plaidoyer("validate", "--root", str(one)))
            spent = median(runs, lambda: plaidoyer("validate", "--root", str(many)))
            extra.append(f"without the memo (first run): validate, {args.papers} papers: "
                         f"{_seconds(spent)} vs {_seconds(single)} for one: "
                         f"{spent / single:.1f}")
            edited = many / "positions" / f"{PAPER}-000" / "claims.yaml"
            edited.write_text(edited.read_text(encoding="utf-8") + "\n# edited\n",
                              encoding="utf-8")
            spent = plaidoyer("validate", "--root", str(many), memo=memo)
            extra.append(f"one paper of {args.papers} edited, memo of the last run: "
                         f"{_seconds(spent)}")
        if "memory" in only:
            long = scratch / "long"
            long_paper(args.copies, long)
            megabytes, pages, seconds = peak_memory(long, scratch)
            mark = "ok " if megabytes < 1536 else "NOT"
            extra.insert(0, f"{mark} peak memory {megabytes:.0f} MB (goal < 1536 MB): full.fr.pdf "
                         f"of {pages} pages, built in {_seconds(seconds)}")
    print(f"plaidoyer bench: {os.cpu_count()} CPUs, median of {runs} runs")
    for row in rows:
        print(row.line())
    for line in extra:
        print(line)
    print(f"(children's CPU time: {resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime:.0f} s)")


if __name__ == "__main__":
    main()
