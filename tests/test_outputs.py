"""The output folder: nothing written outside it, nothing half-written, no orphan left
running, and a broken cache only means building again."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result


def test_a_paper_folder_linking_out_is_not_written_through(minimal: Path, tmp_path: Path,
                                                           run: Callable[..., Result]) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    (out / "mini-paper").symlink_to(elsewhere)
    result = run("build", "--root", str(minimal), "-f", "html", "-o", str(out))
    assert result.exit_code == 1
    assert "leads outside the output folder" in result.stderr
    assert list(elsewhere.iterdir()) == []


def test_an_output_folder_below_a_file_is_a_message(minimal: Path, tmp_path: Path,
                                                    run: Callable[..., Result]) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    result = run("build", "--root", str(minimal), "-f", "html", "-o", str(tmp_path / "file/out"))
    assert result.exit_code == 1
    assert "Error: cannot write into" in result.stderr and "Traceback" not in result.output


def test_a_corrupt_cache_means_building_again(minimal: Path, tmp_path: Path,
                                              run: Callable[..., Result]) -> None:
    out = tmp_path / "out"
    args = ("build", "--root", str(minimal), "-f", "html", "-f", "pdf", "-j", "1",
            "-o", str(out))
    assert run(*args).exit_code == 0
    for marker in (out / ".cache").iterdir():
        marker.write_bytes(b"\xff\xfe garbage")
    again = run(*args)
    assert again.exit_code == 0, again.output
    assert again.stdout.startswith("built 4 files:")


def test_a_changed_renderer_rebuilds(minimal: Path, tmp_path: Path,
                                     run: Callable[..., Result], monkeypatch) -> None:
    out = tmp_path / "out"
    args = ("build", "--root", str(minimal), "-f", "html", "-j", "1", "-o", str(out))
    assert run(*args).exit_code == 0
    import plaidoyer.commands.build as build

    monkeypatch.setattr(build, "package_digest", lambda: "another version of the code")
    assert run(*args).stdout.startswith("built 2 files:")


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def test_kill_9_leaves_no_worker_running_and_no_half_written_file(minimal: Path,
                                                                   tmp_path: Path) -> None:
    out = tmp_path / "out"
    build = subprocess.Popen(
        [sys.executable, "-m", "plaidoyer", "build", "--root", str(minimal), "-o", str(out),
         "-j", "2"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    workers: list[int] = []
    while time.monotonic() < deadline and not workers:
        workers = _children(build.pid)
        time.sleep(0.05)
    assert workers, "the build started no worker"
    os.kill(build.pid, signal.SIGKILL)
    build.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(Path(f"/proc/{w}").exists() for w in workers):
        time.sleep(0.05)
    alive = [w for w in workers if Path(f"/proc/{w}").exists()
             and "Z" not in Path(f"/proc/{w}/stat").read_text().split()[2]]
    assert alive == [], "workers outlived their build"
    assert not list(out.rglob("*.tmp")) if out.exists() else True


def test_two_builds_into_one_folder_take_turns(minimal: Path, tmp_path: Path) -> None:
    """While a build holds the folder, another one waits, then goes on."""
    import fcntl

    out = tmp_path / "out"
    out.mkdir()
    with open(out / ".plaidoyer.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # as a running build does
        waiting = subprocess.Popen(
            [sys.executable, "-m", "plaidoyer", "build", "--root", str(minimal), "-o",
             str(out), "-f", "html", "-j", "1"], stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, text=True)
        time.sleep(3)
        assert waiting.poll() is None, "the second build did not wait"
        assert not list(out.rglob("*.html"))
        fcntl.flock(lock, fcntl.LOCK_UN)
    _, err = waiting.communicate(timeout=60)
    assert waiting.returncode == 0, err
    assert "waiting for another build into" in err
    assert len(list(out.rglob("*.html"))) == 2


def test_a_full_disk_is_a_message_and_leaves_no_partial_file(
        minimal: Path, tmp_path: Path, run: Callable[..., Result], monkeypatch) -> None:
    import errno

    import plaidoyer.write as write

    def full(handle_path: Path, data: bytes) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(write, "_write_atomic", full)
    out = tmp_path / "out"
    result = run("build", "--root", str(minimal), "-f", "html", "-j", "1", "-o", str(out))
    assert result.exit_code == 1
    assert "No space left on device: free some space, or choose a writable folder" \
        in result.stderr
    assert "Traceback" not in result.output and not list(out.rglob("*.html"))


def test_an_include_cannot_leave_the_template_folders(minimal: Path, tmp_path: Path,
                                                      run: Callable[..., Result]) -> None:
    (tmp_path / "secret.html").write_text("SECRET-OUTSIDE", encoding="utf-8")
    templates = minimal / "templates"
    templates.mkdir()
    (templates / "brief.html.j2").write_text('{% include "../../secret.html" %}',
                                             encoding="utf-8")
    (templates / "linked.html").symlink_to(tmp_path / "secret.html")
    result = run("build", "--root", str(minimal), "-f", "html", "-o", str(tmp_path / "out"))
    assert result.exit_code == 1 and "[template]" in result.stderr
    (templates / "brief.html.j2").write_text('{% include "linked.html" %}', encoding="utf-8")
    result = run("build", "--root", str(minimal), "-f", "html", "-o", str(tmp_path / "out"))
    assert result.exit_code == 1 and "linked.html" in result.stderr
    assert not list((tmp_path / "out").rglob("*.html"))


def test_long_titles_words_and_non_latin_names_build(minimal: Path, tmp_path: Path,
                                                     run: Callable[..., Result]) -> None:
    """A 300-character title (Word keeps 255 in its properties), a 300-letter word (broken,
    never outside the page) and partners named in other scripts (each its own node)."""
    import docx
    from pypdf import PdfReader

    paper = minimal / "positions/mini-paper/paper.yaml"
    long_title = " ".join(["Titre"] * 50)
    paper.write_text(paper.read_text(encoding="utf-8").replace(
        'title: {fr: "Petit papier", en: "Small paper"}',
        f'title: {{fr: "{long_title}", en: "Small paper"}}'), encoding="utf-8")
    claims = minimal / "positions/mini-paper/claims.yaml"
    claims.write_text(claims.read_text(encoding="utf-8").replace(
        "L’aide s’est élevée à", "x" * 300 + " L’aide s’est élevée à"), encoding="utf-8")
    cases = minimal / "positions/mini-paper/cases.yaml"
    cases.write_text(cases.read_text(encoding="utf-8").replace(
        "        level: region\n", "        level: region\n"
        "      - territory: {fr: \"Москва\", en: \"Москва\"}\n        country: RU\n"
        "        level: municipality\n"
        "      - territory: {fr: \"Казань\", en: \"Казань\"}\n        country: RU\n"
        "        level: municipality\n"), encoding="utf-8")
    out = tmp_path / "out"
    result = run("build", "--root", str(minimal), "-l", "fr", "-j", "1", "-o", str(out))
    assert result.exit_code == 0, result.output
    props = docx.Document(str(out / "mini-paper/everyone.fr.docx")).core_properties
    assert len(props.title) <= 255 and props.title.startswith("Titre Titre")
    pdf = PdfReader(out / "mini-paper/everyone.fr.pdf")
    width = float(pdf.pages[0].mediabox.width)
    xs: list[float] = []
    for page in pdf.pages:
        page.extract_text(visitor_text=lambda text, cm, tm, font, size: xs.append(
            tm[4] * cm[0] + cm[4]) if text.strip() else None)
    assert xs and max(xs) < width
    runs = [len(run) for page in pdf.pages for run in re.findall(r"x+", page.extract_text())]
    assert max(runs) < 300 and sum(runs) >= 300  # broken over lines, every letter printed
    html = (out / "mini-paper/everyone.fr.html").read_text(encoding="utf-8")
    assert "Москва (Russie)" in html and "Казань (Russie)" in html


def test_two_builds_give_the_same_bytes(minimal: Path, tmp_path: Path,
                                        run: Callable[..., Result]) -> None:
    """No clock in any file: dates come from the paper (or SOURCE_DATE_EPOCH), the PDF's
    /ID from its content, the DOCX's ZIP entries are dated alike."""
    first, second = tmp_path / "one", tmp_path / "two"
    assert run("build", "--root", str(minimal), "-o", str(first), "-j", "1").exit_code == 0
    time.sleep(1.5)
    assert run("build", "--root", str(minimal), "-o", str(second), "-j", "2").exit_code == 0
    for file in sorted((first / "mini-paper").iterdir()):
        assert file.read_bytes() == (second / "mini-paper" / file.name).read_bytes(), file.name


def test_the_manifest_lists_every_brief_and_verify_checks_it(
        minimal: Path, tmp_path: Path, run: Callable[..., Result]) -> None:
    import json

    out = tmp_path / "out"
    assert run("build", "--root", str(minimal), "-o", str(out), "-j", "1").exit_code == 0
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert sorted(manifest["files"]) == sorted(
        f"mini-paper/everyone.{lang}.{fmt}" for lang in ("en", "fr")
        for fmt in ("docx", "html", "pdf"))
    pdf = manifest["files"]["mini-paper/everyone.fr.pdf"]
    assert pdf["pages"] >= 1 and pdf["audience"] == "everyone" and pdf["language"] == "fr"
    assert run("verify", str(out)).exit_code == 0
    (out / "mini-paper/everyone.fr.html").write_text("tampered", encoding="utf-8")
    (out / "mini-paper/everyone.en.pdf").unlink()
    (out / "mini-paper/old-audience.fr.pdf").write_bytes(b"%PDF")
    (out / "notes.txt").write_text("would ship with the folder", encoding="utf-8")
    result = run("verify", str(out))
    assert result.exit_code == 1
    assert "mini-paper/everyone.fr.html: changed since it was built" in result.stderr
    assert "mini-paper/everyone.en.pdf: missing" in result.stderr
    assert "mini-paper/old-audience.fr.pdf: not in the manifest" in result.stderr
    assert "notes.txt: not in the manifest" in result.stderr
    assert ".cache" not in result.stderr and ".plaidoyer.lock" not in result.stderr


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_build_leaves_nothing_in_the_temporary_folder(minimal: Path, tmp_path: Path,
                                                        jobs: str) -> None:
    """Every process of a build removes what it put in the temporary folder: WeasyPrint's
    fonts (11 MB a worker, left behind when they were removed only by atexit, which worker
    processes do not run), LibreOffice's profile, its briefs and its own `lu*.tmp`."""
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    done = subprocess.run([sys.executable, "-m", "plaidoyer", "build", "--root", str(minimal),
                           "-o", str(tmp_path / "out"), "-j", jobs],
                          capture_output=True, text=True,
                          env={**os.environ, "TMPDIR": str(scratch),
                               "PLAIDOYER_CACHE": "off"})
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out/mini-paper/everyone.fr.pdf").exists()
    assert sorted(p.name for p in scratch.iterdir()) == []


def test_a_contact_name_may_be_written_per_language(minimal: Path, tmp_path: Path,
                                                    run: Callable[..., Result]) -> None:
    """A desk's name reads in the brief's language (a Spanish brief printed "Policy desk");
    a plain name stays the same in every language, and a missing language is located."""
    paper = minimal / "positions/mini-paper/paper.yaml"
    text = paper.read_text(encoding="utf-8")
    paper.write_text(text.replace(
        "  source_language: fr\n", "  source_language: fr\n  contact:\n    name: {fr: "
        "\"Pôle plaidoyer\", en: \"Advocacy desk\"}\n    email: desk@example.org\n"),
        encoding="utf-8")
    out = tmp_path / "out"
    result = run("build", "--root", str(minimal), "-o", str(out), "-f", "html", "-j", "1")
    assert result.exit_code == 0, result.output
    for lang, name in (("fr", "Pôle plaidoyer"), ("en", "Advocacy desk")):
        assert name in (out / f"mini-paper/everyone.{lang}.html").read_text(encoding="utf-8")
    paper.write_text(text.replace(
        "  source_language: fr\n", "  source_language: fr\n  contact:\n    name: {fr: "
        "\"Pôle plaidoyer\"}\n"), encoding="utf-8")
    result = run("validate", "--root", str(minimal))
    assert "positions/mini-paper/paper.yaml:5:11: error: name: missing the 'en' translation " \
           "(declared languages: fr, en) [translation]" in result.stderr
