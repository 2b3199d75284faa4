"""Shared fixtures: sample projects under tests/roots/, copied so a test may break them."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from pypdf import PdfReader

from plaidoyer.__main__ import cli
from plaidoyer.diagnostics import Report
from plaidoyer.load import Layout, load_project
from plaidoyer.model.project import Positions, Project

# The tests keep plaidoyer's memo of parsed papers to themselves, never the user's
# ~/.cache: entries another process wrote (a bench run, another checkout) stay out.
os.environ["PLAIDOYER_CACHE"] = tempfile.mkdtemp(prefix="plaidoyer-test-memo-")

ROOTS = Path(__file__).parent / "roots"
REPO = Path(__file__).parent.parent
PAPER = "cop21-territorial-partnerships"


@pytest.fixture
def minimal(tmp_path: Path) -> Path:
    """A copy of the smallest valid project, to break one file at a time."""
    root = tmp_path / "minimal"
    shutil.copytree(ROOTS / "minimal", root)
    return root


@pytest.fixture
def library(tmp_path: Path) -> Path:
    """A copy of the project of two papers, its own audiences and a glossary."""
    root = tmp_path / "library"
    shutil.copytree(ROOTS / "library", root)
    return root


@pytest.fixture
def run() -> Callable[..., Result]:
    def invoke(*args: str) -> Result:
        return CliRunner().invoke(cli, list(args), catch_exceptions=False)

    return invoke


@pytest.fixture(scope="session")
def shipped() -> Project:
    """The repository's own positions, loaded once."""
    report = Report()
    project = load_project(Layout(REPO), report)
    assert not report.errors, report.sorted()
    return project


@pytest.fixture(scope="session")
def labels(shipped: Project) -> dict[str, dict[str, str]]:
    return {lang: shipped.labels_in(lang) for lang in ("fr", "en")}


@pytest.fixture(scope="session")
def cop21(shipped: Project) -> Positions:
    """The COP21 paper, the first of the shipped papers."""
    found = shipped.paper(PAPER)
    assert found is not None
    return found


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`plaidoyer build` with no options, as the README runs it, into a fresh folder."""
    out = tmp_path_factory.mktemp("build")
    result = CliRunner().invoke(cli, ["build", "--root", str(REPO), "-o", str(out), "-j", "2"])
    assert result.exit_code == 0, result.output
    return out / PAPER


def pdf_body_text(path: Path) -> str:
    """Text inside the page margins in reading order (the order WeasyPrint draws it);
    running headers, footers, superscript note numbers and diagram labels left out.

    WeasyPrint draws page text in a flipped user space (cm[3] < 0); pypdf reports the
    diagram's SVG text, drawn in a form XObject, without that matrix: it is skipped."""
    reader = PdfReader(path)
    chunks: list[str] = []
    for page in reader.pages:
        height = float(page.mediabox.height)
        placed: list[tuple[int, float, int, str]] = []

        def visit(text: str, cm: list[float], tm: list[float], font: object, size: float,
                  height: float = height, placed: list = placed) -> None:
            y = tm[5] * cm[3] + cm[5]
            x = tm[4] * cm[0] + cm[4]
            scale = abs(tm[3] * cm[3]) or 1
            if cm[3] < 0 and 50 < y < height - 50 and size * scale >= 7.5:
                placed.append((-round(y), x, len(placed), text))

        page.extract_text(visitor_text=visit)
        # WeasyPrint draws text in the order of the document (a column, then the next; a
        # side note, then the text beside it): that order is the reading order.
        chunks.extend(text for *_, text in sorted(placed, key=lambda p: p[2]))
    return "".join(chunks)
