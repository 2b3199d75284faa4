"""Fuzzing with hypothesis: whatever bytes a positions file holds, and whatever text a
paper says, loading, validating and tailoring answer with diagnostics — never an
exception."""

from __future__ import annotations

import shutil
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plaidoyer.diagnostics import Report
from plaidoyer.load import Layout, load_project
from plaidoyer.tailor import Request, tailor
from plaidoyer.validate import validate_project
from plaidoyer.yamlsource import read_yaml

from .conftest import ROOTS

YAML_PIECES = st.sampled_from([
    "claims:", "  - id: a", "    text: {fr: x, en: y}", "&a", "*a", "<<: *a", "!!str",
    "[", "]", "{", "}", ": ", "- ", "\t", "'", '"', "---", "...", "#", "\\x00", "é",
    "\u202e", "2015-13-45", ".nan", "1e999", "~", "? ", "|", ">-", "%YAML 1.1",
])


@settings(max_examples=150, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(YAML_PIECES, max_size=30), st.binary(max_size=40))
def test_any_file_reads_into_data_or_located_errors(tmp_path: Path, pieces: list[str],
                                                    noise: bytes) -> None:
    file = tmp_path / "claims.yaml"
    file.write_bytes(" ".join(pieces).replace("  ", "\n").encode("utf-8") + noise)
    report = Report()
    parsed = read_yaml(file, "claims.yaml", report, tmp_path)
    assert (parsed is None) == bool(report.errors)
    assert all(d.at.path == "claims.yaml" for d in report.diagnostics)


TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=60)


@settings(max_examples=60, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(TEXT, TEXT)
def test_any_words_validate_and_tailor(tmp_path: Path, french: str, english: str) -> None:
    root = tmp_path / "fuzz"
    if root.exists():
        shutil.rmtree(root)
    shutil.copytree(ROOTS / "minimal", root)
    claims = root / "positions/mini-paper/claims.yaml"
    text = claims.read_text(encoding="utf-8")
    quoted = [w.replace("\\", "\\\\").replace('"', '\\"') for w in (french, english)]
    text = text.replace('"L’aide s’est élevée à {oda-2013} en 2013."',
                        f'"{quoted[0]} {{oda-2013}}"').replace(
        '"Aid amounted to {oda-2013} in 2013."', f'"{quoted[1]} {{oda-2013}}"')
    claims.write_text(text, encoding="utf-8")
    report = Report()
    project = load_project(Layout(root), report)
    if report.errors:
        return  # refused with located errors: fine
    validate_project(project, report)
    (paper,) = project.papers
    for audience in project.audiences:
        for lang in ("fr", "en"):
            brief = tailor(Request(paper, audience, lang), project.glossary,
                           project.labels_in(lang))
            assert brief.sections
