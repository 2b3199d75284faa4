"""Load stage: find the YAML files of a project and read them into the typed model.

Every file is read even when an earlier one fails, so one run reports every problem.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from .diagnostics import Location, Report
from .model.audience import AudienceFile
from .model.base import Node, Text
from .model.glossary import Term
from .model.project import ContentFile, GlossaryFile, PaperFile, Positions, Project
from .schema_errors import schema_diagnostics
from .yamlsource import read_yaml

M = TypeVar("M", bound=BaseModel)

POSITIONS_DIR = "positions"
GLOSSARY_DIR = "glossary"
AUDIENCES_DIR = "audiences"
PAPER_FILE = "paper.yaml"
LABELS_FILE = "labels.yaml"


REQUIRED_LABELS = frozenset({
    "contents", "notes", "glossary", "page", "of", "illustrated_by", "see_above", "unsourced",
    "duration", "duration.approximate", "since",
    *(f"level.{level}" for level in ("region", "state", "district", "municipality", "ngo")),
    *(f"part.{kind}" for kind in ("demands", "cases", "claims", "key-figures",
                                  "partnership-map")),
    *(f"figure.{column}" for column in ("value", "measures", "place", "year")),
    "diagram.caption", "diagram.north", "diagram.south",
})
"""Every word the tailor stage and the shipped templates print."""


class LabelsFile(Node):
    """The schema of templates/labels.yaml: the words printed around the content."""

    labels: dict[str, Text]


@dataclass(frozen=True)
class Layout:
    """Where a project keeps its files; `root` is the folder holding `positions/`."""

    root: Path

    @property
    def positions(self) -> Path:
        return self.root / POSITIONS_DIR

    @property
    def glossary(self) -> Path:
        return self.root / GLOSSARY_DIR

    @property
    def audiences(self) -> Path:
        return self.positions / AUDIENCES_DIR

    @property
    def templates(self) -> Path:
        return self.root / "templates"

    def shown(self, file: Path) -> str:
        """The path editors see in diagnostics: relative to the root, with slashes."""
        try:
            return file.relative_to(self.root).as_posix()
        except ValueError:
            return file.as_posix()


def load_project(layout: Layout, report: Report) -> Project:
    """Read every positions, glossary and audience file under `layout.root`."""
    if not layout.positions.is_dir():
        report.error(Location(layout.shown(layout.positions)),
                     "no 'positions' folder here: run plaidoyer from the project folder "
                     "or give --root", "layout")
        return Project()
    papers = []
    paper_dirs = sorted(p.parent for p in layout.positions.glob(f"*/{PAPER_FILE}"))
    for folder in paper_dirs:
        positions = _load_paper(layout, folder, report)
        if positions is not None:
            papers.append(positions)
    if not paper_dirs:
        report.error(Location(layout.shown(layout.positions)),
                     f"no paper found: create positions/<paper-id>/{PAPER_FILE}", "layout")
    owned = {*paper_dirs, layout.audiences}
    for stray in sorted(layout.positions.rglob("*.y*ml")):
        if not any(stray.is_relative_to(folder) for folder in owned):
            report.warning(Location(layout.shown(stray), 1, 1),
                           "this file belongs to no paper and is ignored: move it into a "
                           f"folder that has a {PAPER_FILE}", "layout")
    terms: list[Term] = []
    for file in _yaml_files(layout.glossary):
        parsed = _read_model(layout, file, GlossaryFile, report)
        if parsed is not None:
            terms.extend(parsed.terms)
    audiences = []
    for file in _yaml_files(layout.audiences):
        parsed_audience = _read_model(layout, file, AudienceFile, report)
        if parsed_audience is not None:
            audiences.append(parsed_audience.audience)
    return Project(tuple(papers), tuple(terms), tuple(audiences))


def _yaml_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())


def _load_paper(layout: Layout, folder: Path, report: Report) -> Positions | None:
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
    return Positions(header.paper, tuple(claims), tuple(cases), tuple(demands))


def _read_model(layout: Layout, file: Path, model: type[M], report: Report) -> M | None:
    shown = layout.shown(file)
    parsed = read_yaml(file, shown, report)
    if parsed is None:
        return None
    try:
        return model.model_validate(parsed.data)
    except ValidationError as exc:
        report.extend(schema_diagnostics(exc, parsed.data, model, shown))
        return None


def load_labels(layout: Layout, languages: list[str], report: Report) -> dict[str, dict[str, str]]:
    """Per language, the template words; a missing translation is a located error."""
    file = layout.templates / LABELS_FILE
    if not file.is_file():
        report.error(Location(layout.shown(file)), "the template labels are missing: restore "
                     f"templates/{LABELS_FILE} (the words printed around the content)", "layout")
        return {}
    parsed = _read_model(layout, file, LabelsFile, report)
    if parsed is None:
        return {}
    for key in sorted(REQUIRED_LABELS - parsed.labels.keys()):
        report.error(parsed.at, f"label '{key}' is missing: add it with one entry per language",
                     "schema")
    for key, text in parsed.labels.items():
        for lang in languages:
            if lang not in text:
                report.error(text.at, f"label '{key}' has no '{lang}' translation: add it",
                             "translation")
    return {lang: {k: t[lang] for k, t in parsed.labels.items() if lang in t}
            for lang in languages}
