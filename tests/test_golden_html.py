"""Saved output: the sample paper's HTML brief, byte for byte (Pelican-style golden tree).

A deliberate change to templates or tailoring shows up here as a diff to review.
Regenerate after such a change with:  PLAIDOYER_REGENERATE=1 pytest tests/test_golden_html.py
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from plaidoyer.diagnostics import Report
from plaidoyer.load import Layout, load_project
from plaidoyer.model.project import Project
from plaidoyer.render import RenderContext
from plaidoyer.render.html import render
from plaidoyer.tailor import Request, tailor

from .conftest import REPO, ROOTS

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


TEXT_END = re.compile(r"\S{0,40}\s+</(?:li|p|dd|dt|h[1-6]|td|th|figcaption)>")


def test_no_text_ends_in_a_space(shipped: Project) -> None:
    # WeasyPrint counts a space before </li> in the last line's width: a last line that
    # fitted without it broke early, one word alone on a line ("activities," in the
    # donors' brief). Every audience of the shipped papers, so every template branch.
    ctx = RenderContext(Layout(REPO).template_set, "2015-11-30")
    found = []
    for paper in shipped.papers:
        for audience in shipped.audiences:
            brief = tailor(Request(paper, audience, "en"), shipped.glossary,
                           shipped.labels_in("en"))
            html = render(brief, ctx).data.decode()
            found += [(paper.paper.id, audience.id, m) for m in TEXT_END.findall(html)]
    assert not found
