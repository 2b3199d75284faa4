"""Load stage: find the YAML files of a project and read them into the typed model.

Every file is read even when an earlier one fails, so one run reports every problem.
"""

from __future__ import annotations

import difflib
import os
import stat
import weakref
from collections.abc import Mapping
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from . import memo
from .diagnostics import Location, Report
from .folders import AUDIENCES_DIR, PAPER_FILE, Layout
from .localize import placeholders
from .model.audience import Audience, AudienceFile
from .model.base import Node, Text
from .model.glossary import Term
from .model.project import ContentFile, GlossaryFile, PaperFile, Positions, Project
from .resources import (
    DEFAULT_AUDIENCES,
    DEFAULT_TEMPLATES,
    LABELS_FILE,
    PACKAGE,
)
from .schema_errors import schema_diagnostics
from .staleness import CONFIRMED_FILE, parse_confirmed
from .yamlsource import MAX_FILE_BYTES, read_yaml

M = TypeVar("M", bound=BaseModel)


LABELS: dict[str, frozenset[str]] = {
    **{key: frozenset() for key in (
        "contents", "notes", "glossary", "page", "of", "illustrated_by", "see_above",
        "unsourced", "diagram.elsewhere", "diagram.alone", "internal.mark",
        "demands.other", "commitments", "about", "about.endorsed-by", "about.published",
        "about.symbol", "about.contact", "about.url", "about.licence", "about.cite",
        "unsourced.all", "key_messages", "release.now", "comma", "stop",
        *(f"level.{level}" for level in ("region", "state", "district", "municipality", "ngo")),
        *(f"part.{kind}" for kind in ("demands", "cases", "claims", "key-figures",
                                      "partnership-map")),
        *(f"figure.{column}" for column in ("value", "measures", "place", "year")))},
    "duration": frozenset({"n"}),
    "duration.approximate": frozenset({"n"}),
    "since": frozenset({"year"}),
    "release.embargo": frozenset({"when"}),
    "diagram.caption": frozenset({"n"}),  # the figure's number
    "diagram.description": frozenset({"partnerships"}),  # the alt text's list
    "source.page": frozenset({"page"}),
    "about.on-behalf-of": frozenset({"name"}),
    **{f"anchor.{i}": frozenset({"article"}) for i in (
        "convention", "paris-agreement", "kyoto-protocol")},
    "anchor.decision": frozenset({"decision"}),
    "anchor.agenda": frozenset({"body", "session", "item"}),
    **{f"anchor.group.{g}": frozenset() for g in (
        "convention", "paris-agreement", "kyoto-protocol", "decisions")},
    "anchor.group.agenda": frozenset({"body"}),
    **{f"qualifier.{q}": frozenset({"value"}) for q in (
        "about", "over", "nearly", "more-than", "at-least", "up-to", "less-than")},
    "unit.people.one": frozenset({"n"}),
    "unit.people.other": frozenset({"n"}),
    "unit.ratio": frozenset({"n"}),
    "source.accessed": frozenset({"date"}),
    "demands.addressed": frozenset({"addressee"}),
    "demands.addressee": frozenset({"addressee"}),
    "demands.to": frozenset({"addressee"}),
}
"""Every word the tailor stage and the shipped templates print, with the {placeholders}
each may use."""


class LabelsFile(Node):
    """The schema of templates/labels.yaml: the words printed around the content."""

    labels: dict[str, Text]


def load_project(layout: Layout, report: Report) -> Project:
    """Read every positions, glossary and audience file under `layout.root`."""
    if not layout.positions.is_dir():
        report.error(Location(layout.shown(layout.positions)),
                     "no 'positions' folder here: run plaidoyer from the project folder "
                     "or give --root", "layout")
        return Project()
    papers = []
    # os.path.lexists: a paper.yaml that is a broken link is reported, not skipped
    paper_dirs = sorted(d for d in layout.positions.iterdir()
                        if os.path.lexists(d / PAPER_FILE) and d.name != AUDIENCES_DIR)
    for folder in paper_dirs:
        positions = _load_paper(layout, folder, report)
        if positions is not None:
            papers.append(positions)
    if not paper_dirs:
        report.error(Location(layout.shown(layout.positions)),
                     f"no paper found: create positions/<paper-id>/{PAPER_FILE}", "layout")
    owned = {*paper_dirs, layout.audiences}
    for stray in sorted(layout.positions.rglob("*.y*ml")):
        if owned.isdisjoint(stray.parents):  # in no paper's folder (a set: 100 papers, 1 look)
            report.warning(Location(layout.shown(stray), 1, 1),
                           "this file belongs to no paper and is ignored: move it into a "
                           f"folder that has a {PAPER_FILE}", "layout")
    terms: list[Term] = []
    for file in _yaml_files(layout.glossary):
        parsed = _read_model(layout, file, GlossaryFile, report)
        if parsed is not None:
            terms.extend(parsed.terms)
    labels = load_labels(layout, report)
    return Project(tuple(papers), tuple(terms), _load_audiences(layout, report), labels)


def _load_audiences(layout: Layout, report: Report) -> tuple[Audience, ...]:
    """The project's audiences (positions/audiences/), or the shipped ones if it has none."""
    own = _yaml_files(layout.audiences)
    found = []
    for file in own or _yaml_files(DEFAULT_AUDIENCES):
        parsed = _read_model(layout, file, AudienceFile, report)
        if parsed is not None:
            found.append(parsed.audience)
    return tuple(found)


def _yaml_files(folder: Path) -> list[Path]:
    """Every YAML file under `folder`, broken links and pipes included: reading reports
    them, rather than letting them vanish."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*") if p.suffix in (".yaml", ".yml")
                  and not p.is_dir() and not p.name.startswith("."))  # .translations.yaml


def _load_paper(layout: Layout, folder: Path, report: Report) -> Positions | None:
    """The paper of `folder`: from the memo when none of its files changed since it last
    loaded without a problem (a library's unchanged papers are not parsed again)."""
    key = _paper_key(layout, folder)
    if key is not None:
        cached = memo.get("paper", key)
        if isinstance(cached, Positions):
            _remember(cached, key)
            return cached
    before = len(report.diagnostics)
    positions = _read_paper(layout, folder, report)
    if key is not None and positions is not None and len(report.diagnostics) == before:
        memo.put("paper", key, positions)
        _remember(positions, key)
    return positions


_SOURCES: dict[int, tuple[weakref.ref[Positions], str]] = {}


def _remember(positions: Positions, key: str) -> None:
    ident = id(positions)
    _SOURCES[ident] = (weakref.ref(positions, lambda _: _SOURCES.pop(ident, None)), key)


def source_key(positions: Positions) -> str | None:
    """The digest of the files a loaded paper was read from (None for a paper made
    otherwise): what the memo of its checks is named by."""
    found = _SOURCES.get(id(positions))
    return found[1] if found is not None and found[0]() is positions else None


def _paper_key(layout: Layout, folder: Path) -> str | None:
    """A digest of every file `_read_paper` reads, where it is and where it leads; None
    when one is not a plain readable file (reading it reports why)."""
    parts: list[str | bytes] = [str(layout.root.resolve()), layout.shown(folder)]
    for file in (*_yaml_files(folder), folder / CONFIRMED_FILE):
        if not os.path.lexists(file):
            continue
        try:
            status = file.stat()
            if not stat.S_ISREG(status.st_mode) or status.st_size > MAX_FILE_BYTES:
                return None
            parts += [file.relative_to(folder).as_posix(), str(file.resolve()),
                      file.read_bytes()]
        except OSError:
            return None
    return memo.key("paper", *parts)


def _read_paper(layout: Layout, folder: Path, report: Report) -> Positions | None:
    header = _read_model(layout, folder / PAPER_FILE, PaperFile, report)
    claims: list[Any] = []
    cases: list[Any] = []
    demands: list[Any] = []
    for file in _yaml_files(folder):
        if file.name == PAPER_FILE and file.parent == folder:
            continue
        content = _read_model(layout, file, ContentFile, report)
        if content is not None:
            claims.extend(content.claims)
            cases.extend(content.cases)
            demands.extend(content.demands)
    if header is None:
        return None
    confirmed: Mapping[str, Mapping[str, str]] = {}
    if (folder / CONFIRMED_FILE).exists():
        parsed = read_yaml(folder / CONFIRMED_FILE, layout.shown(folder / CONFIRMED_FILE),
                           report, layout.root)
        confirmed = parse_confirmed(parsed.data) if parsed else {}
    return Positions(header.paper, tuple(claims), tuple(cases), tuple(demands), confirmed)


def _read_model(layout: Layout, file: Path, model: type[M], report: Report) -> M | None:
    shown = layout.shown(file)
    # a project's file stays inside the project; a shipped one inside the package
    inside = layout.root if file.absolute().is_relative_to(layout.root.absolute()) else PACKAGE
    parsed = read_yaml(file, shown, report, inside)
    if parsed is None:
        return None
    try:
        return model.model_validate(parsed.data)
    except ValidationError as exc:
        report.extend(schema_diagnostics(exc, parsed.data, model, shown))
        return None


def load_labels(layout: Layout, report: Report) -> dict[str, Text]:
    """The package's labels, overridden language by language by the project's
    templates/labels.yaml (which may hold only the keys and languages it changes).

    Keys and placeholders are checked here; languages by `validate`, which knows them."""
    labels: dict[str, Text] = {}
    for folder in (DEFAULT_TEMPLATES, layout.templates):
        file = folder / LABELS_FILE
        if not file.is_file():
            continue
        parsed = _read_model(layout, file, LabelsFile, report)
        if parsed is None:
            continue
        for key, text in parsed.labels.items():
            if key not in LABELS:
                hint = difflib.get_close_matches(key, sorted(LABELS), n=1)
                advice = f" (did you mean '{hint[0]}'?)" if hint else ": no template prints it"
                report.warning(text.at, f"unknown label '{key}'{advice}", "labels")
                continue
            for lang, value in text.items():
                extra = placeholders(value) - LABELS[key]
                if extra:
                    allowed = ", ".join(f"{{{n}}}" for n in sorted(LABELS[key])) or "none"
                    report.error(text.at, f"label '{key}' ({lang}) uses "
                                 f"{', '.join(f'{{{n}}}' for n in sorted(extra))}, which it "
                                 f"cannot fill (allowed: {allowed})", "labels")
            # a project's label adds or replaces languages, keeping the package's others
            previous = labels.get(key)
            merged = {**previous, **text} if previous is not None else dict(text)
            labels[key] = Text(merged, text.at)
    missing = sorted(LABELS.keys() - labels.keys())
    if missing:
        file = layout.templates / LABELS_FILE
        shown = layout.shown(file if file.is_file() else DEFAULT_TEMPLATES / LABELS_FILE)
        report.error(Location(shown, 1, 1), f"label{'s' * (len(missing) > 1)} "
                     f"{', '.join(repr(k) for k in missing)} missing: add "
                     f"{'them' if len(missing) > 1 else 'it'} with one entry per language",
                     "labels")
    return labels
