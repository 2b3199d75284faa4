"""What keeps plaidoyer fast, checked by counting, never by timing (timings are bench/'s):
a build renders only the briefs whose content changed and replays a build whose inputs
did not change; `--help` imports no renderer nor the model; libyaml parses exactly as
PyYAML's own parser does."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import Result

from plaidoyer import yamlsource
from plaidoyer.commands import build as build_command
from plaidoyer.commands import rendering

from .conftest import REPO, ROOTS

HEAVY = ("weasyprint", "docx", "docxtpl", "babel", "lxml", "pydantic", "jinja2", "yaml",
         "fontTools", "plaidoyer.model", "plaidoyer.load", "plaidoyer.render",
         "plaidoyer.tailor", "plaidoyer.validate")


def test_help_imports_neither_the_model_nor_a_renderer() -> None:
    probe = ("import sys\nfrom plaidoyer.__main__ import cli\n"
             "try:\n    cli(['--help'])\nexcept SystemExit:\n    pass\n"
             "print('\\n'.join(sys.modules))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          check=True)
    assert "Usage:" in done.stdout
    imported = set(done.stdout.splitlines())
    heavy = sorted(m for m in imported for h in HEAVY if m == h or m.startswith(h + "."))
    assert heavy == []


@pytest.fixture
def renders(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Every render of a serial build (-j 1), by file name."""
    counted: Counter[str] = Counter()
    real = rendering.render_job

    def counting(job: build_command.Job, ctx: Any) -> Any:
        counted[f"{job.brief.paper_id}/{job.name}"] += 1
        return real(job, ctx)

    monkeypatch.setattr(rendering, "render_job", counting)
    return counted


def _build(run: Callable[..., Result], root: Path, *options: str) -> Result:
    result = run("build", "--root", str(root), "-o", str(root / "out"), "-j", "1",
                 "-f", "html", *options)
    assert result.exit_code == 0, result.output
    return result


def _printing(out: Path, words: str) -> set[str]:
    return {p.relative_to(out).as_posix() for p in out.rglob("*.html")
            if words in p.read_text(encoding="utf-8")}


def test_editing_one_claim_rebuilds_only_the_briefs_that_print_it(
        library: Path, run: Callable[..., Result], renders: Counter[str]) -> None:
    _build(run, library)
    every = set(renders)
    assert len(every) > 4 and set(renders.values()) == {1}
    renders.clear()
    _build(run, library)
    assert not renders  # nothing changed: nothing rendered (nor loaded: replayed)
    content = library / "positions/alpha/content.yaml"
    text = content.read_text(encoding="utf-8")
    content.write_text(text.replace("Cities lost {losses-2023} in 2023.",
                                    "Cities lost {losses-2023} in the year 2023."),
                       encoding="utf-8")
    _build(run, library)
    printing = _printing(library / "out", "in the year 2023")
    assert set(renders) == printing
    assert set(renders.values()) == {1}
    assert 0 < len(printing) < len(every) - 1  # some briefs print the claim, not all
    assert all(name.startswith("alpha/") for name in printing)


def test_installing_libreoffice_makes_the_docx_again(
        library: Path, run: Callable[..., Result], renders: Counter[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A DOCX's contents get page numbers only where LibreOffice is installed."""
    from plaidoyer.render import word_pages

    monkeypatch.setattr(word_pages, "soffice", lambda: None)
    _build(run, library, "-f", "docx")
    built = set(renders)
    renders.clear()
    _build(run, library, "-f", "docx")
    assert not renders
    monkeypatch.setattr(word_pages, "soffice", lambda: "/nonexistent/soffice")
    _build(run, library, "-f", "docx")
    assert set(renders) == {name for name in built if name.endswith(".docx")}


def test_a_replayed_build_says_what_a_full_one_says(library: Path,
                                                    run: Callable[..., Result]) -> None:
    # a warning and a note, so there is something to say again
    paper = library / "positions/alpha/paper.yaml"
    paper.write_text(paper.read_text(encoding="utf-8").replace(
        "languages: [en, fr]", "languages: [en, fr, es]"), encoding="utf-8")
    full = _build(run, library)
    assert "note: paper 'alpha': 'es' left out" in full.stderr
    for style in ("text", "json", "github"):
        for record in (library / "out/.cache").glob("replay-*"):
            record.unlink()
        unchanged = _build(run, library, "--diagnostics", style)  # in full: nothing to replay
        assert list((library / "out/.cache").glob("replay-*"))
        replayed = _build(run, library, "--diagnostics", style)
        assert (replayed.stdout, replayed.stderr) == (unchanged.stdout, unchanged.stderr)
    manifest = json.loads((library / "out/manifest.json").read_text(encoding="utf-8"))
    assert sorted(manifest["files"]) == sorted(_printing(library / "out", ""))


def test_a_missing_output_is_built_again(library: Path, run: Callable[..., Result],
                                         renders: Counter[str]) -> None:
    _build(run, library)
    renders.clear()
    (library / "out/beta/everyone.en.html").unlink()
    _build(run, library)
    assert list(renders) == ["beta/everyone.en.html"]


def _nodes(node: yaml.Node | None) -> Any:
    """A node graph as comparable values: kinds, tags, values, styles and marks."""
    if node is None:
        return None
    marks = (node.start_mark.line, node.start_mark.column, node.end_mark.line,
             node.end_mark.column)
    if isinstance(node, yaml.ScalarNode):
        return ("scalar", node.tag, node.value, node.style or None, marks)
    if isinstance(node, yaml.SequenceNode):
        return ("seq", node.tag, node.flow_style, marks, [_nodes(n) for n in node.value])
    return ("map", node.tag, node.flow_style, marks,
            [(_nodes(k), _nodes(v)) for k, v in node.value])


def _yaml_texts() -> Iterator[tuple[str, str]]:
    for folder in (REPO / "positions", REPO / "glossary", REPO / "tests", REPO / "src"):
        for file in sorted(folder.rglob("*.y*ml")):
            yield file.relative_to(REPO).as_posix(), file.read_text(encoding="utf-8")
    edges = {
        "bom": "\ufeffa: 1\nb: [x, y]\n",
        "crlf": "a: 1\r\nb:\r\n  - 'x'\r\n",
        "breaks": "a: \"one\u2028two\u0085three\"\nb: x\u2029\n",
        "astral": "a: \"\U0001f30d – {fig}\"\nb: |\n  \U0001f30d line\n  two\n",
        "folded": "a: >-\n  one\n  two\n\n  three\nb: |+\n  keep\n\n",
        "flow": "a: {b: [1, 2.5, null, true, 2024-01-02], c: 'q''uote'}\n",
        "tab": "a:\t1\n",
        "alias": "a: &x 1\nb: *x\n",
        "duplicate": "a: 1\na: 2\n",
        "tag": "a: !!python/object:os.system x\n",
        "deep": "a: " + "[" * 60 + "]" * 60 + "\n",
        "two documents": "a: 1\n---\nb: 2\n",
        "broken": "a: [1, 2\nb: 3\n",
        "control": "a: \"x\x07y\"\n",
        "comments only": "# nothing\n",
        "flow continued": "a: [1,\n2]\nb: {c: 1,\nd: 2}\n",
        "no space": "a:b\nc: d:e\n",
        "nested": "- - a\n  - b\n- ? c\n  : d\n",
        "mapping in value": "a: b: c\n",
        "unterminated": "a: 'x\n",
        "indented": "- a\n - b\n",
        "document markers": "---\na: 1\n...\n",
        "multiline quotes": "a: 'one\n  two'\nb: \"x\\\n  y\"\n",
        "escapes": "a: \"\\x41 \\u00e9 \\U0001f30d \\t\"\n",
        "reserved": "a: @x\nb: `y`\n",
        "indentation indicator": "a: |2\n   x\n  y\nb: >1\n  z\n",
        "dash": "a: -\nb: - \n",
        "long key": "a" * 1100 + ": 1\n",
        "directive": "%YAML 1.1\n---\na: 1\n",
        "empty values": "a:\nb: ~\nc: ''\n- d\n",
        "non-string keys": "1: a\n2024-01-01: b\nnull: c\n[x]: d\n",
    }
    yield from edges.items()


@pytest.mark.parametrize(("name", "text"), list(_yaml_texts()),
                         ids=[name for name, _ in _yaml_texts()])
def test_libyaml_composes_the_same_nodes_as_pyyaml(name: str, text: str) -> None:
    """Where libyaml parses a file at all, its nodes are PyYAML's, marks included; where it
    does not, plaidoyer falls back to PyYAML, whose words every error is reported in."""
    if yamlsource._CParser is None:
        pytest.skip("PyYAML built without libyaml")
    fast = yamlsource._fast_node(text)
    try:
        slow = yamlsource._Loader(text).get_single_node()
    except (yaml.YAMLError, RecursionError):
        assert fast is None
        return
    if fast is not None or slow is not None:
        assert _nodes(fast) == _nodes(slow) or fast is None
    if name.startswith(("positions/", "glossary/")):
        assert fast is not None  # the real papers take the fast way


def test_validating_again_reads_and_checks_only_the_changed_paper(
        library: Path, run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path) -> None:
    import plaidoyer.load as load
    import plaidoyer.validate as validate

    monkeypatch.setenv("PLAIDOYER_CACHE", str(tmp_path / "memo"))
    read: Counter[str] = Counter()
    checked: Counter[str] = Counter()
    real_read, real_check = load._read_paper, validate._check_paper_texts

    def reading(layout: Any, folder: Path, report: Any) -> Any:
        read[folder.name] += 1
        return real_read(layout, folder, report)

    def checking(positions: Any, *args: Any) -> None:
        checked[positions.paper.id] += 1
        real_check(positions, *args)

    monkeypatch.setattr(load, "_read_paper", reading)
    monkeypatch.setattr(validate, "_check_paper_texts", checking)
    args = ("validate", "--root", str(library))
    first = run(*args)
    assert set(read) == set(checked) == {"alpha", "beta"}
    read.clear()
    checked.clear()
    again = run(*args)
    assert (again.exit_code, again.stdout, again.stderr) == \
        (first.exit_code, first.stdout, first.stderr)
    assert not read and not checked
    claims = library / "positions/beta/demands.yaml"
    claims.write_text(claims.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    run(*args)
    assert list(read) == ["beta"] and list(checked) == ["beta"]
    glossary = library / "glossary/terms.yaml"
    glossary.write_text(glossary.read_text(encoding="utf-8").replace(
        "The supreme body", "The highest body"), encoding="utf-8")
    read.clear()
    checked.clear()
    run(*args)  # every paper's checks use the glossary; their files are unchanged
    assert not read and set(checked) == {"alpha", "beta"}


def test_a_pdf_is_the_same_bytes_whatever_the_process_rendered_before(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """PDFs share one font configuration a process (render/pdf.py): a brief must not
    depend on the briefs rendered before it, or on a fresh configuration."""
    from plaidoyer.diagnostics import Report
    from plaidoyer.load import Layout, load_project
    from plaidoyer.render import RenderContext, pdf
    from plaidoyer.tailor import Request, tailor

    project = load_project(Layout(ROOTS / "six-languages"), Report())
    paper = project.papers[0]
    press = next(a for a in project.audiences if a.id == "press")
    ctx = RenderContext(Layout(ROOTS / "six-languages").template_set, "2026-01-01")

    def made(lang: str) -> bytes:
        brief = tailor(Request(paper, press, lang), project.glossary, project.labels_in(lang))
        return pdf.render(brief, ctx).data

    monkeypatch.setattr(pdf, "_FONTS", {})
    alone = made("en")
    monkeypatch.setattr(pdf, "_FONTS", {})
    for lang in ("ar", "zh", "ru"):  # other scripts, other faces first
        made(lang)
    assert made("en") == alone
    assert len(pdf._FONTS) == 1


def test_a_worker_makes_its_own_font_configuration(tmp_path: Path,
                                                   run: Callable[..., Result]) -> None:
    """Workers fork from a process that may have drawn already (a diagram's PNG, in tests
    or a serial batch): fonts added to an inherited configuration went missing, and the
    PDFs were set in the machine's DejaVu (render/pdf.py `_after_fork`)."""
    from pypdf import PdfReader

    from plaidoyer.render import vector

    vector.svg_to_png.cache_clear()
    vector.svg_to_png('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 60 20">'
                      '<text x="2" y="15" font-family="Noto Sans">Abc</text></svg>')
    out = tmp_path / "out"
    result = run("build", "--root", str(ROOTS / "six-languages"), "-a", "press", "-l", "en",
                 "-l", "fr", "-f", "pdf", "-o", str(out), "-j", "2")
    assert result.exit_code == 0, result.output
    for lang in ("en", "fr"):
        reader = PdfReader(out / f"cities-front-line-cop29/press.{lang}.pdf")
        fonts = {str(font.get_object()["/BaseFont"]).split("+")[-1]
                 for page in reader.pages for font in page["/Resources"]["/Font"].values()}
        assert "Noto-Serif" in fonts and not any("DejaVu" in f for f in fonts), (lang, fonts)
