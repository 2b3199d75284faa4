"""Shared fixtures: sample projects under tests/roots/, copied so a test may break them."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from plaidoyer.__main__ import cli
from plaidoyer.diagnostics import Report
from plaidoyer.load import Layout, load_labels, load_project
from plaidoyer.model.project import Project

ROOTS = Path(__file__).parent / "roots"
REPO = Path(__file__).parent.parent


@pytest.fixture
def minimal(tmp_path: Path) -> Path:
    """A copy of the smallest valid project, to break one file at a time."""
    root = tmp_path / "minimal"
    shutil.copytree(ROOTS / "minimal", root)
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
def labels() -> dict[str, dict[str, str]]:
    report = Report()
    found = load_labels(Layout(REPO), ["fr", "en"], report)
    assert not report.errors, report.sorted()
    return found
