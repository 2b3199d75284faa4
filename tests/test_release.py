"""Release builds: refused on any warning, missing translation or uncommitted positions;
PDF/A-3u + PDF/UA-1 files that name their provenance and carry their sources; the same
bytes on every run; a matrix split into shards whose merged manifest verifies; a
hash-pinned dependency lock and a workflow that uses all of it."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from click.testing import Result
from pypdf import PdfReader

from plaidoyer.commands.build import plan_build, shard_jobs
from plaidoyer.commands.validate import checked_project
from plaidoyer.load import Layout
from plaidoyer.manifest import Shard

from .conftest import REPO, ROOTS

PAPER = "mini-paper"
SOURCES = ["cases.yaml", "claims.yaml", "demands.yaml", "paper.yaml"]


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), "-c", "user.name=t", "-c",
                           "user.email=t@example.org", *args], check=True,
                          capture_output=True, text=True).stdout.strip()


def commit_all(root: Path) -> str:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "positions")
    return git(root, "rev-parse", "HEAD")


@pytest.fixture
def committed(minimal: Path) -> Path:
    """The minimal project, committed to a fresh git repository."""
    git(minimal, "init", "-q")
    commit_all(minimal)
    return minimal


@pytest.fixture(scope="module")
def released(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path, str]:
    """The minimal project committed, and two release builds of it (-j 1, then -j 2)."""
    from click.testing import CliRunner

    from plaidoyer.__main__ import cli

    base = tmp_path_factory.mktemp("release")
    root = base / "minimal"
    shutil.copytree(ROOTS / "minimal", root)
    git(root, "init", "-q")
    commit = commit_all(root)
    outs = []
    for name, jobs in (("one", "1"), ("two", "2")):
        out = base / name
        result = CliRunner().invoke(cli, ["build", "--release", "--root", str(root), "-o",
                                          str(out), "-j", jobs], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        outs.append(out)
    return root, outs[0], outs[1], commit


def test_release_refuses_any_warning_with_located_diagnostics(
        committed: Path, tmp_path: Path, run: Callable[..., Result]) -> None:
    claims = committed / "positions/mini-paper/claims.yaml"
    claims.write_text(claims.read_text(encoding="utf-8").replace("        unsourced: true\n", ""),
                      encoding="utf-8")
    commit_all(committed)
    assert run("build", "--root", str(committed), "-o", str(tmp_path / "a"), "-f",
               "html").exit_code == 0
    result = run("build", "--release", "--root", str(committed), "-o", str(tmp_path / "b"))
    assert result.exit_code == 1
    assert re.search(r"positions/mini-paper/claims\.yaml:\d+:\d+: warning: .*source", result.stderr)
    assert not (tmp_path / "b" / PAPER).exists()


def test_release_refuses_a_missing_translation_that_build_leaves_out(
        committed: Path, tmp_path: Path, run: Callable[..., Result]) -> None:
    claims = committed / "positions/mini-paper/claims.yaml"
    text = claims.read_text(encoding="utf-8")
    claims.write_text(text.replace('      en: "Aid amounted to {oda-2013} in 2013."\n', ""),
                      encoding="utf-8")
    commit_all(committed)
    result = run("build", "--root", str(committed), "-o", str(tmp_path / "a"), "-f", "html")
    assert result.exit_code == 0 and "'en' left out" in result.stderr
    result = run("build", "--release", "--root", str(committed), "-o", str(tmp_path / "b"))
    assert result.exit_code == 1
    assert "positions/mini-paper/claims.yaml:4:7: error: text: missing the 'en'" in result.stderr


def test_release_refuses_positions_that_are_not_committed(
        minimal: Path, tmp_path: Path, run: Callable[..., Result]) -> None:
    result = run("build", "--release", "--root", str(minimal), "-o", str(tmp_path / "a"))
    assert result.exit_code == 1 and "not in a git checkout" in result.stderr
    git(minimal, "init", "-q")
    commit_all(minimal)
    claims = minimal / "positions/mini-paper/claims.yaml"
    claims.write_text(claims.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    (minimal / "glossary/more.yaml").write_text("terms: []\n", encoding="utf-8")
    result = run("build", "--release", "--root", str(minimal), "-o", str(tmp_path / "b"),
                 "--diagnostics", "github")
    assert result.exit_code == 1
    assert "::error file=positions/mini-paper/claims.yaml,title=release::" in result.stdout
    assert "::error file=glossary/more.yaml,title=release::" in result.stdout
    assert not (tmp_path / "b").exists()


def test_release_leaves_internal_audiences_out(
        committed: Path, tmp_path: Path, run: Callable[..., Result]) -> None:
    audience = committed / "positions/audiences/team.yaml"
    audience.write_text((committed / "positions/audiences/everyone.yaml").read_text(
        encoding="utf-8").replace("id: everyone", "id: team\n  internal: true"),
        encoding="utf-8")
    commit_all(committed)
    out = tmp_path / "out"
    result = run("build", "--release", "--root", str(committed), "-o", str(out), "-f", "html")
    assert result.exit_code == 0, result.output
    assert "audience 'team' is internal: left out of the release" in result.stderr
    assert sorted(p.name for p in (out / PAPER).iterdir()) == [
        "everyone.en.html", "everyone.fr.html"]
    result = run("build", "--release", "--root", str(committed), "-o", str(out), "-a", "team")
    assert result.exit_code == 1 and "audience 'team' is internal" in result.stderr


def test_release_pdfs_are_pdf_a_3u_and_ua_1_with_provenance_and_sources(
        released: tuple[Path, Path, Path, str]) -> None:
    root, out, _, commit = released
    for lang in ("fr", "en"):
        reader = PdfReader(out / PAPER / f"everyone.{lang}.pdf")
        catalog = reader.trailer["/Root"]
        xmp = catalog["/Metadata"].get_object().get_data().decode()
        assert 'pdfaid:part="3"' in xmp and 'pdfaid:conformance="U"' in xmp
        assert 'pdfuaid:part="1"' in xmp
        for field, value in (("generator", "plaidoyer "), ("positionsCommit", commit),
                             ("paper", PAPER), ("audience", "everyone"), ("language", lang)):
            assert re.search(rf"<plaidoyer:{field}>{re.escape(value)}", xmp), field
        # every property outside the standard schemas is declared, as PDF/A requires
        for prefix in ("pdfuaid", "plaidoyer"):
            assert f"<pdfaSchema:prefix>{prefix}</pdfaSchema:prefix>" in xmp
        assert catalog["/MarkInfo"]["/Marked"] and catalog["/Lang"] == lang
        assert "/StructTreeRoot" in catalog and catalog["/ViewerPreferences"]["/DisplayDocTitle"]
        assert reader.metadata is not None and reader.metadata["/Creator"].startswith("plaidoyer")
        assert sorted(reader.attachments) == SOURCES
        for name, (data,) in reader.attachments.items():
            assert data == (root / "positions" / PAPER / name).read_bytes()
        assert len(catalog["/AF"]) == len(set(catalog["/AF"])) == len(SOURCES)
        names = catalog["/Names"]["/EmbeddedFiles"]["/Names"]
        for spec in (names[i].get_object() for i in range(1, len(names), 2)):
            assert spec["/AFRelationship"] == "/Source"
            assert spec["/EF"]["/F"].get_object()["/Subtype"] == "/application/yaml"
            assert commit in spec["/Desc"]
        assert catalog["/OutputIntents"][0]["/S"] == "/GTS_PDFA1"
        for page in reader.pages:  # level U: every font maps its glyphs to Unicode
            for font in page["/Resources"]["/Font"].values():
                assert "/ToUnicode" in font.get_object()


def test_ordinary_pdfs_stay_pdf_ua_1_without_pdf_a(
        minimal: Path, tmp_path: Path, run: Callable[..., Result]) -> None:
    out = tmp_path / "out"
    assert run("build", "--root", str(minimal), "-o", str(out), "-f", "pdf", "-l",
               "fr").exit_code == 0
    reader = PdfReader(out / PAPER / "everyone.fr.pdf")
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    assert 'pdfuaid:part="1"' in xmp and "pdfaid" not in xmp and not reader.attachments
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["release"] is False


def test_two_release_builds_give_the_same_bytes_and_verify(
        released: tuple[Path, Path, Path, str], run: Callable[..., Result]) -> None:
    _, one, two, commit = released
    files = sorted(p.name for p in (one / PAPER).iterdir())
    assert files == sorted(f"everyone.{lang}.{fmt}" for lang in ("en", "fr")
                           for fmt in ("docx", "html", "pdf"))
    for name in files:
        assert (one / PAPER / name).read_bytes() == (two / PAPER / name).read_bytes(), name
    manifest = json.loads((one / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["release"] is True and manifest["positions_commit"] == commit
    assert (one / "manifest.json").read_bytes() == (two / "manifest.json").read_bytes()
    assert run("verify", str(one)).exit_code == 0


def test_shards_split_the_matrix_exactly_once_and_balanced() -> None:
    project, report = checked_project(Layout(ROOTS / "library"), allow_incomplete=True)
    plan = plan_build(project, report, [], [], [], [], Path("out"), "digest")
    everything = sorted(str(job.output) for job in plan.jobs)
    assert len(everything) == len(set(everything)) > 20
    for count in (1, 2, 3, 5, len(everything) + 2):
        shares = [shard_jobs(plan.jobs, Shard(k, count)) for k in range(1, count + 1)]
        union = sorted(str(job.output) for share in shares for job in share)
        assert union == everything, count  # every file once: disjoint and complete
        assert shares == [shard_jobs(list(reversed(plan.jobs)), Shard(k, count))
                          for k in range(1, count + 1)]  # the order of the plan is no matter
        costs = [sum(job.cost for job in share) for share in shares]
        if count <= len(everything) // 4:
            assert max(costs) <= 1.5 * min(costs), costs


def test_sharded_release_merges_into_one_manifest_that_verifies(
        released: tuple[Path, Path, Path, str], tmp_path: Path,
        run: Callable[..., Result]) -> None:
    root, whole, _, _ = released
    merged = tmp_path / "merged"
    for k in (1, 2):
        out = tmp_path / f"shard{k}"
        result = run("build", "--release", "--shard", f"{k}/2", "--root", str(root), "-o",
                     str(out), "-j", "1")
        assert result.exit_code == 0, result.output
        assert (out / f"manifest.shard-{k}-of-2.json").is_file()
        assert not (out / "manifest.json").exists()
        shutil.copytree(out, merged, dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns(".*"))  # as an artifact download
        if k == 1:
            result = run("manifest", "merge", str(merged))
            assert result.exit_code == 1 and "shard 2 of 2 missing" in result.stderr
            assert "manifest merge" in run("verify", str(merged)).stderr
    result = run("manifest", "merge", str(merged))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in merged.iterdir()) == ["manifest.json", PAPER]
    assert run("verify", str(merged)).exit_code == 0
    assert (merged / "manifest.json").read_bytes() == (whole / "manifest.json").read_bytes()
    for file in (whole / PAPER).iterdir():
        assert (merged / PAPER / file.name).read_bytes() == file.read_bytes(), file.name


def test_merge_refuses_shards_of_different_splits(tmp_path: Path,
                                                  run: Callable[..., Result]) -> None:
    for name in ("manifest.shard-1-of-2.json", "manifest.shard-1-of-3.json"):
        (tmp_path / name).write_text('{"files": {}}', encoding="utf-8")
    result = run("manifest", "merge", str(tmp_path))
    assert result.exit_code == 1 and "different splits" in result.stderr
    assert run("build", "--shard", "3/2", "--root", str(tmp_path)).exit_code == 2


def test_release_lock_pins_every_dependency_with_hashes() -> None:
    lock = (REPO / "requirements/release.txt").read_text(encoding="utf-8")
    first = re.search(r"^[a-z]", lock, re.M)
    assert first is not None
    header = lock[:first.start()]
    assert "compile pyproject.toml --generate-hashes" in header  # how to regenerate it
    pinned = {}
    for requirement in re.split(r"\n(?=[a-z0-9])", lock[len(header):]):
        if requirement.strip():
            found = re.match(r"\s*([A-Za-z0-9_.\[\]-]+)==(\S+)", requirement)
            assert found and "--hash=sha256:" in requirement, requirement
            pinned[re.sub(r"\[.*\]|[-_.]+", "-", found.group(1)).lower()] = found.group(2)
    project = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    runtime = re.search(r"dependencies = \[(.*?)\]", project, re.S).group(1)
    for dependency in re.findall(r'"([A-Za-z0-9_.-]+)', runtime):
        assert re.sub(r"[-_.]+", "-", dependency).lower() in pinned, dependency


def test_the_workflow_builds_tags_as_sharded_releases_then_merges_and_verifies() -> None:
    workflow = yaml.safe_load((REPO / ".github/workflows/positions.yml").read_text(
        encoding="utf-8"))
    assert workflow[True]["push"]["tags"]  # `on:` reads as True in YAML 1.1
    jobs = workflow["jobs"]
    shards = jobs["release-shard"]
    assert shards["strategy"]["matrix"]["shard"] == list(range(1, workflow["env"]["SHARDS"] + 1))
    steps = " ".join(str(step.get("run", "")) for step in shards["steps"])
    assert "--release --shard ${{ matrix.shard }}/${{ env.SHARDS }}" in steps
    assert "--require-hashes -r requirements/release.txt" in steps
    final = " ".join(str(step.get("run", "")) for step in jobs["release"]["steps"])
    assert "plaidoyer manifest merge" in final and "plaidoyer verify" in final
