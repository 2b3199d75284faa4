"""`plaidoyer translate confirm|export|import`: keep translations current with their
source texts, and hand texts to translators and take them back.

`confirm` records that the translations are current, after translating, or after a
change to a source text that needs none (a comma): until then, a changed source text
leaves its translations stale. `export` writes a paper's texts as XLIFF 2.0 or PO for a
CAT tool (or the glossary as TBX), `import` writes what comes back into the YAML. The
exchange formats' libraries (lxml, polib, translate-toolkit) are imported here, in the
commands, so that `plaidoyer --help` stays fast."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import click

from ..diagnostics import PlaidoyerError
from ..load import Layout
from ..staleness import CONFIRMED_FILE, confirm
from ..write import write_atomic
from .build import choose
from .validate import checked_project, print_diagnostics

FORMATS = {".xlf": "xliff", ".xliff": "xliff", ".po": "po", ".tbx": "tbx"}


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


def _format(file: Path) -> str:
    kind = FORMATS.get(file.suffix.lower())
    if kind is None:
        raise PlaidoyerError(f"{file}: plaidoyer writes and reads .xlf or .xliff (XLIFF 2.0), "
                             ".po (gettext) and .tbx (the glossary): name the file with one "
                             "of these extensions")
    return kind


def export_translations(layout: Layout, papers: Sequence[str], lang: str | None,
                        stale_only: bool, glossary: bool, out: Path) -> None:
    kind = _format(out)
    project, _ = checked_project(layout, allow_incomplete=True)
    if glossary or kind == "tbx":
        if not (glossary and kind == "tbx"):
            raise PlaidoyerError("the glossary is exported as TBX: give both --glossary and "
                                 "an output file ending in .tbx")
        if lang or papers or stale_only:
            raise PlaidoyerError("--glossary exports every term in every language: leave out "
                                 "-l, --paper and --stale-only")
        from ..translation import tbx

        languages = list(dict.fromkeys(lang for p in project.papers
                                       for lang in p.paper.languages))
        write_atomic(out, tbx.write(project.glossary, languages))
        click.echo(f"wrote {out}: {len(project.glossary)} glossary terms in "
                   f"{', '.join(languages)} (TBX)")
        return
    if not lang:
        raise PlaidoyerError("give the language to translate into with -l, such as -l es")
    from ..translation import units as collecting

    choose(papers, [str(p.paper.id) for p in project.papers], "paper", "--paper")
    units = collecting.collect(project, papers, lang, stale_only)
    sources = {u.source_lang for u in units}
    if len(sources) > 1:
        by_source = sorted({(u.source_lang, u.paper) for u in units})
        shown = ", ".join(f"{paper} ({source})" for source, paper in by_source)
        raise PlaidoyerError(f"the papers to export are written in different source languages "
                             f"({shown}); an {kind.upper()} file holds one: export them one at "
                             "a time with --paper")
    if not units:
        raise PlaidoyerError(f"nothing to export into '{lang}'" + (
            ": no translation is stale or missing" if stale_only else ""))
    if kind == "xliff":
        from ..translation import xliff

        data = xliff.write(units)
    else:
        from ..translation import po

        data = po.write(units)
    write_atomic(out, data)
    counts = Counter(str(u.state) for u in units)
    states = ", ".join(f"{counts[s]} {s}" for s in ("missing", "stale", "translated",
                                                    "confirmed") if counts[s])
    click.echo(f"wrote {out}: {len(units)} texts of "
               f"{', '.join(dict.fromkeys(u.paper for u in units))} from "
               f"'{units[0].source_lang}' into '{lang}' ({states})")


def import_file(layout: Layout, file: Path) -> None:
    kind = _format(file)
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise PlaidoyerError(f"{file}: cannot be read ({exc.strerror})") from None
    project, _ = checked_project(layout, allow_incomplete=True)
    shown = str(file)
    if kind == "tbx":
        from ..translation import tbx

        languages = list(dict.fromkeys(lang for p in project.papers
                                       for lang in p.paper.languages))
        try:
            written = tbx.import_glossary(layout.root, project.glossary, languages,
                                          tbx.read(data, shown))
        except tbx.GlossaryRefused as refused:
            print_diagnostics(refused.report)
            raise
        click.echo(f"imported {file}: " + (f"{', '.join(written)} updated" if written
                                           else "the glossary already says all of it"))
        return
    from ..translation.importing import ImportRefused, import_translations

    if kind == "xliff":
        from ..translation import xliff

        lang, returned = xliff.read(data, shown)
    else:
        from ..translation import po

        found, returned = po.read(data, shown)
        if found is None:
            raise PlaidoyerError(f"{shown}:1:1: error: the PO header names no 'Language': add "
                                 "the language translated into [translate]")
        lang = found
    try:
        outcome = import_translations(layout.root, project, lang, returned)
    except ImportRefused as refused:
        print_diagnostics(refused.report)
        raise
    left = f"; {outcome.untranslated} not translated yet, left as they were" \
        if outcome.untranslated else ""
    click.echo(f"imported {file}: {outcome.written} '{lang}' translation"
               f"{'s' * (outcome.written != 1)} written, {outcome.confirmed} recorded as "
               f"current{left}" + (f" ({', '.join(outcome.files)})" if outcome.files else ""))
