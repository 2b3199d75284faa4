"""Hostile input: every case of tests/hostile/cases.py answers with exactly the located
diagnostics saved in tests/hostile/expected.json (or prints its content literally),
every command of the CLI runs over it without a traceback, nothing is run, nothing is
read from outside the project, and nothing half-written is left behind.

Regenerate the saved diagnostics after a deliberate change of wording with:
    PLAIDOYER_REGENERATE=1 pytest tests/test_hostile.py
and review the diff.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from plaidoyer.__main__ import cli

from .conftest import ROOTS
from .hostile.cases import CASES, Case

EXPECTED = Path(__file__).parent / "hostile" / "expected.json"
COMMANDS = (("validate",), ("validate", "--strict"), ("list",), ("audit",),
            ("build", "-f", "html", "-j", "1"))


def _run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def _diagnostics(result: Result) -> list[str]:
    return [line for line in result.stderr.splitlines()
            if ": error: " in line or ": warning: " in line]


@pytest.fixture(scope="module")
def saved() -> dict[str, list[str]]:
    return json.loads(EXPECTED.read_text(encoding="utf-8")) if EXPECTED.exists() else {}


@pytest.fixture(scope="module")
def found() -> dict[str, list[str]]:
    collected: dict[str, list[str]] = {}
    yield collected
    if os.environ.get("PLAIDOYER_REGENERATE"):
        EXPECTED.write_text(json.dumps(collected, indent=1, ensure_ascii=False) + "\n",
                            encoding="utf-8")


def test_the_corpus_is_large_and_each_case_named_once() -> None:
    assert len(CASES) >= 80
    assert len({case.id for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_hostile_case(case: Case, tmp_path: Path, saved: dict[str, list[str]],
                      found: dict[str, list[str]]) -> None:
    root = tmp_path / "minimal"
    shutil.copytree(ROOTS / "minimal", root)
    case.setup(root)
    out = tmp_path / "out"
    started = time.monotonic()
    results = {}
    for command in COMMANDS:
        args = [command[0], "--root", str(root), *command[1:]]
        if command[0] == "build":
            args += ["-o", str(out)]
        result = _run(*args)
        results[command] = result
        assert "Traceback" not in result.output, (command, result.output)
        assert result.exception is None or isinstance(result.exception, SystemExit), (
            command, repr(result.exception))
        assert result.exit_code in (0, 1, 2), command
    assert time.monotonic() - started < 10, "a hostile case must not make plaidoyer hang"

    validate = results[("validate",)]
    lines = _diagnostics(validate)
    found[case.id] = lines
    if not os.environ.get("PLAIDOYER_REGENERATE"):
        assert lines == saved.get(case.id), "diagnostics differ from tests/hostile/expected.json"

    build = results[("build", "-f", "html", "-j", "1")]
    if case.builds:
        assert build.exit_code == 0, build.output
        pages = [p.read_text(encoding="utf-8") for p in out.rglob("*.fr.html")]
        assert pages and all(case.literal in page for page in pages), case.literal
    elif case.build_error:
        assert build.exit_code == 1
        assert case.build_error in build.stderr, build.stderr
    elif any(": error: " in line and not line.endswith("[translation]") for line in lines):
        # (a missing translation leaves only its language out: the others are built)
        assert build.exit_code == 1
        assert not list(out.rglob("*.html")), "a project with errors must build nothing"
    # nothing half-written, and nothing read from outside shows up in any output
    assert not list(out.rglob("*.tmp")) if out.exists() else True
    for page in out.rglob("*.html") if out.exists() else ():
        assert "SECRET-OUTSIDE" not in page.read_text(encoding="utf-8")
        assert "root:" not in page.read_text(encoding="utf-8")


def test_a_template_that_reaches_for_python_is_stopped(tmp_path: Path) -> None:
    """The sandbox refuses attribute walks in a project's own template, for Word too."""
    root = tmp_path / "minimal"
    shutil.copytree(ROOTS / "minimal", root)
    (root / "templates").mkdir()
    (root / "templates/brief.html.j2").write_text(
        "{{ cycler.__init__.__globals__.os.system('touch " + str(tmp_path / "pwned") + "') }}",
        encoding="utf-8")
    result = _run("build", "--root", str(root), "-f", "html", "-f", "pdf", "-o",
                  str(tmp_path / "out"))
    assert result.exit_code == 1 and "[template]" in result.stderr
    assert not (tmp_path / "pwned").exists()
