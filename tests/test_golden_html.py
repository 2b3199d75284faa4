"""Saved output: the sample paper's HTML brief, byte for byte (Pelican-style golden tree).

A deliberate change to templates or tailoring shows up here as a diff to review.
Regenerate after such a change with:  PLAIDOYER_REGENERATE=1 pytest tests/test_golden_html.py
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from plaidoyer.diagnostics import Report
from plaidoyer.load import Layout, load_project
from plaidoyer.render import RenderContext
from plaidoyer.render.html import render
from plaidoyer.tailor import Request, tailor

from .conftest import ROOTS

GOLDEN = Path(__file__).parent / "golden" / "minimal"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_sample_html_matches_saved_output(lang: str) -> None:
    report = Report()
    root = ROOTS / "minimal"
    project = load_project(Layout(root), report)
    assert not report.errors, report.sorted()
    (paper,) = project.papers
    (audience,) = project.audiences
    brief = tailor(Request(paper, audience, lang), project.glossary, project.labels_in(lang))
    ctx = RenderContext(Layout(root).template_set, "2015-11-30")
    html = render(brief, ctx).data.decode()
    saved = GOLDEN / f"everyone.{lang}.html"
    if os.environ.get("PLAIDOYER_REGENERATE"):
        saved.parent.mkdir(parents=True, exist_ok=True)
        saved.write_text(html, encoding="utf-8")
    assert html == saved.read_text(encoding="utf-8")
