"""`plaidoyer init` gives the new project CI where its editors live: a GitHub Actions
workflow pinned to the plaidoyer that made it, and a pre-commit config that validates."""

from __future__ import annotations

import glob
import re
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import Result

from plaidoyer import __version__
from plaidoyer.commands.init import VERSION_PLACEHOLDER

from .conftest import REPO

WORKFLOW = ".github/workflows/positions.yml"
PRE_COMMIT = ".pre-commit-config.yaml"
PANGO = "sudo apt-get install -y libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0"


@pytest.fixture
def project(tmp_path: Path, run: Callable[..., Result]) -> tuple[Path, Result]:
    root = tmp_path / "coalition"
    made = run("init", str(root))
    assert made.exit_code == 0, made.output
    return root, made


def workflow(root: Path) -> dict[str, Any]:
    doc = yaml.safe_load((root / WORKFLOW).read_text(encoding="utf-8"))
    assert isinstance(doc, dict)
    doc["on"] = doc.pop(True, doc.get("on"))  # YAML 1.1 reads the key `on` as true
    return doc


def runs(job: dict[str, Any]) -> list[str]:
    return [" ".join(step["run"].split()) for step in job["steps"] if "run" in step]


def uploads(job: dict[str, Any]) -> list[dict[str, str]]:
    return [step["with"] for step in job["steps"]
            if step.get("uses", "").startswith("actions/upload-artifact@")]


def test_init_writes_a_workflow_and_a_pre_commit_config(
        project: tuple[Path, Result]) -> None:
    root, made = project
    assert (root / WORKFLOW).is_file() and (root / PRE_COMMIT).is_file()
    assert WORKFLOW in made.output and PRE_COMMIT in made.output
    assert "pre-commit install" in made.output


def test_the_workflow_validates_pull_requests_with_annotations(
        project: tuple[Path, Result]) -> None:
    doc = workflow(project[0])
    assert "pull_request" in doc["on"]
    assert doc["on"]["push"] == {"branches": ["main"], "tags": ["**"]}
    assert set(doc["jobs"]) == {"validate", "build", "release-shard", "release"}
    validate = doc["jobs"]["validate"]
    assert "if" not in validate  # every event, pull requests first
    assert "plaidoyer validate --strict --diagnostics github" in runs(validate)


def test_the_workflow_builds_main_and_keeps_the_briefs(project: tuple[Path, Result]) -> None:
    build = workflow(project[0])["jobs"]["build"]
    assert build["needs"] == "validate"
    assert "github.event_name == 'push'" in build["if"]
    assert "github.ref_type == 'branch'" in build["if"]
    assert "plaidoyer build --diagnostics github" in runs(build)
    assert uploads(build) == [{"name": "briefs", "path": "build/"}]


def test_a_tag_releases_in_shards_then_merges_and_verifies(
        project: tuple[Path, Result]) -> None:
    doc = workflow(project[0])
    shard = doc["jobs"]["release-shard"]
    assert shard["needs"] == "validate" and shard["if"] == "github.ref_type == 'tag'"
    matrix = shard["strategy"]["matrix"]["shard"]
    assert matrix == list(range(1, int(doc["env"]["SHARDS"]) + 1))
    assert ("plaidoyer build --release --shard ${{ matrix.shard }}/${{ env.SHARDS }} "
            "-o release --diagnostics github") in runs(shard)
    assert uploads(shard) == [{"name": "release-shard-${{ matrix.shard }}", "path": "release/"}]
    release = doc["jobs"]["release"]
    assert release["needs"] == "release-shard"
    download = next(step["with"] for step in release["steps"]
                    if step.get("uses", "").startswith("actions/download-artifact@"))
    assert download == {"pattern": "release-shard-*", "path": "release/",
                        "merge-multiple": True}
    assert "plaidoyer manifest merge release/ && plaidoyer verify release/" in runs(release)
    assert uploads(release) == [{"name": "release", "path": "release/"}]


def test_every_job_checks_out_and_installs_the_plaidoyer_that_made_the_project(
        project: tuple[Path, Result]) -> None:
    root = project[0]
    doc = workflow(root)
    assert doc["env"]["PLAIDOYER"] == f"plaidoyer=={__version__}"
    for name, job in doc["jobs"].items():
        steps = [step.get("uses", "") for step in job["steps"]]
        # a full checkout: `build --release` names the commit and refuses changed files
        assert steps[0] == "actions/checkout@v4", name
        assert "fetch-depth" not in str(job["steps"][0].get("with", {})), name
        assert 'pip install "$PLAIDOYER"' in runs(job), name
        assert not any(re.search(r"pip install [.]", line) for line in runs(job)), name
        if name != "release":  # merge and verify render nothing
            assert PANGO in runs(job), name
    for file in root.rglob("*"):
        if file.is_file():
            assert VERSION_PLACEHOLDER not in file.read_text(encoding="utf-8"), file


def test_the_pre_commit_config_runs_validate_from_a_local_hook(
        project: tuple[Path, Result]) -> None:
    config = yaml.safe_load((project[0] / PRE_COMMIT).read_text(encoding="utf-8"))
    [repo] = config["repos"]
    assert repo["repo"] == "local"  # needs no access to plaidoyer's repository
    [hook] = repo["hooks"]
    assert hook["id"] == "plaidoyer-validate"
    assert hook["entry"] == "plaidoyer validate"
    assert hook["language"] == "system" and hook["pass_filenames"] is False
    files = re.compile(hook["files"])
    assert files.search("positions/example-paper/paper.yaml")
    assert files.search("glossary/terms.yml")
    assert not files.search("README.md")


def test_the_languages_asked_for_leave_the_workflow_and_hook_alone(
        tmp_path: Path, run: Callable[..., Result], project: tuple[Path, Result]) -> None:
    root = project[0]
    french = tmp_path / "coalition-fr"
    made = run("init", str(french), "-l", "fr")
    assert made.exit_code == 0, made.output
    for name in (WORKFLOW, PRE_COMMIT):
        assert (french / name).read_bytes() == (root / name).read_bytes(), name
    starter = REPO / "src/plaidoyer/starter"
    assert (root / PRE_COMMIT).read_bytes() == (starter / PRE_COMMIT).read_bytes()
    assert (root / WORKFLOW).read_text(encoding="utf-8") == (
        starter / WORKFLOW).read_text(encoding="utf-8").replace(VERSION_PLACEHOLDER, __version__)


def test_the_package_data_ships_every_starter_file_dotfiles_included() -> None:
    """setuptools expands package-data with its copy of glob, whose `*` and `**` skip
    names that start with a dot: each starter file must match a pattern all the same."""
    package = REPO / "src/plaidoyer"
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["plaidoyer"]
    shipped = {Path(found).relative_to(package) for pattern in patterns
               for found in glob.glob(str(package / pattern), recursive=True)
               if Path(found).is_file()}
    starter = {p.relative_to(package) for p in (package / "starter").rglob("*")
               if p.is_file() and "__pycache__" not in p.parts}
    assert {Path("starter") / WORKFLOW, Path("starter") / PRE_COMMIT,
            Path("starter/.gitignore")} <= starter
    assert starter - shipped == set()
