"""The Word output read as Word reads it: notes as footnotes, the contents field, valid
document properties, the master's styles in place of direct formatting.

Briefs are tailored from the sample projects and rendered straight to bytes (no CLI, no
other format), so each test looks at the XML parts of one DOCX.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import io
import re
import shutil
import tempfile
import zipfile
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from click.testing import Result
from lxml import etree

from plaidoyer.diagnostics import Report
from plaidoyer.load import Layout, load_project
from plaidoyer.model.brief import Brief, Span, plain
from plaidoyer.model.project import Project
from plaidoyer.render import RenderContext
from plaidoyer.render import docx as docx_renderer
from plaidoyer.resources import DEFAULT_TEMPLATES, TemplateSet
from plaidoyer.tailor import Request, tailor

from .conftest import PAPER, REPO, ROOTS

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
NS = {"w": W, "r": R, "rel": RELS}
CORE = {"cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
        "dc": "http://purl.org/dc/elements/1.1/", "dcterms": "http://purl.org/dc/terms/"}


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


@pytest.fixture(scope="module")
def everything() -> Project:
    report = Report()
    project = load_project(Layout(ROOTS / "everything"), report)
    assert not report.errors, report.sorted()
    return project


def _brief(project: Project, paper_id: str, audience: str, lang: str) -> Brief:
    paper = project.paper(paper_id)
    assert paper is not None
    chosen = next(a for a in project.audiences if a.id == audience)
    return tailor(Request(paper, chosen, lang), project.glossary, project.labels_in(lang))


@pytest.fixture
def no_libreoffice(monkeypatch: pytest.MonkeyPatch) -> None:
    """Contents without page numbers, as on a machine without LibreOffice (and fast)."""
    monkeypatch.setattr(docx_renderer, "contents_pages", lambda drafts: [None] * len(drafts))


def _parts(brief: Brief, templates: Path | None = None) -> dict[str, bytes]:
    ctx = RenderContext(TemplateSet.for_project(templates or REPO / "templates"), "2026-01-01")
    data = docx_renderer.render(brief, ctx).data
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _xml(parts: dict[str, bytes], name: str) -> etree._Element:
    return etree.fromstring(parts[name])


def _text(element: etree._Element) -> str:
    return "".join(t.text or "" for t in element.iter(_w("t")))


def _rels(parts: dict[str, bytes], part: str) -> dict[str, etree._Element]:
    folder, name = part.rsplit("/", 1)
    rels = _xml(parts, f"{folder}/_rels/{name}.rels")
    return {rel.get("Id"): rel for rel in rels}


def _styles(parts: dict[str, bytes]) -> dict[str, etree._Element]:
    """Styles by id."""
    return {s.get(_w("styleId")): s for s in _xml(parts, "word/styles.xml").iter(_w("style"))}


def _style_id(parts: dict[str, bytes], name: str) -> str:
    for style_id, style in _styles(parts).items():
        if style.find("w:name", NS).get(_w("val")).lower() == name.lower():
            return style_id
    raise AssertionError(f"no style '{name}'")


def _paragraphs_in(body: etree._Element, style_id: str) -> list[etree._Element]:
    return [p for p in body.iter(_w("p"))
            if p.find("w:pPr/w:pStyle", NS) is not None
            and p.find("w:pPr/w:pStyle", NS).get(_w("val")) == style_id]


# -- notes ---------------------------------------------------------------------------------

def test_notes_are_word_footnotes_with_their_text(everything: Project, no_libreoffice) -> None:
    brief = _brief(everything, "everything", "donors", "en")
    assert brief.notes
    parts = _parts(brief)
    body = _xml(parts, "word/document.xml")
    footnotes = _xml(parts, "word/footnotes.xml")
    # the part is declared and related, with the separators Word requires
    types = parts["[Content_Types].xml"].decode()
    assert 'PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-' \
        'officedocument.wordprocessingml.footnotes+xml"' in types
    assert any(rel.get("Target") == "footnotes.xml" and rel.get("Type").endswith("/footnotes")
               for rel in _rels(parts, "word/document.xml").values())
    kinds = {f.get(_w("id")): f.get(_w("type")) for f in footnotes.iter(_w("footnote"))}
    assert kinds["-1"] == "separator" and kinds["0"] == "continuationSeparator"
    settings = _xml(parts, "word/settings.xml")
    assert [f.get(_w("id")) for f in settings.findall("w:footnotePr/w:footnote", NS)] == \
        ["-1", "0"]
    # every reference points at a footnote holding one of the brief's notes
    notes = {plain(note) for note in brief.notes}
    by_id = {f.get(_w("id")): f for f in footnotes.iter(_w("footnote"))}
    references = [r.get(_w("id")) for r in body.iter(_w("footnoteReference"))]
    assert references and len(references) == len(set(references))
    shown = set()
    for reference in references:
        footnote = by_id[reference]
        assert footnote.find(".//w:footnoteRef", NS) is not None  # its own number
        text = _text(footnote).strip()
        assert text in notes, text
        shown.add(text)
    assert shown == notes, "every note of the brief is printed"
    # no note is a raised digit any more
    assert body.find(".//w:vertAlign", NS) is None


def test_a_note_referred_to_again_is_a_cross_reference_to_its_footnote(
        shipped: Project, no_libreoffice) -> None:
    """The unsourced-figure note is referred to several times in a case: one footnote,
    then NOTEREF fields showing its number, each to a bookmark around the reference."""
    brief = _brief(shipped, PAPER, "donors", "en")
    parts = _parts(brief)
    body = _xml(parts, "word/document.xml")
    order = [r.get(_w("id")) for r in body.iter(_w("footnoteReference"))]
    bookmarks = {}
    for start in body.iter(_w("bookmarkStart")):
        name = start.get(_w("name"))
        if name.startswith("_RefNote"):
            reference = start.getnext().find("w:footnoteReference", NS)
            assert reference is not None, "the bookmark holds the reference mark"
            bookmarks[name] = reference.get(_w("id"))
    fields = [i for i in body.iter(_w("instrText")) if "NOTEREF" in (i.text or "")]
    assert fields, "a note repeated within a case is cross-referenced"
    for instruction in fields:
        name = instruction.text.split()[1]
        assert instruction.text.split()[2:] == ["\\f", "\\h"]
        run = instruction.getparent()
        result = run.getnext().getnext()  # after the 'separate' field character
        shown = _text(result)
        assert shown == str(order.index(bookmarks[name]) + 1), "Word's number of the note"


def test_links_in_notes_stay_links(everything: Project, no_libreoffice) -> None:
    brief = _brief(everything, "everything", "donors", "en")
    urls = {span.url for note in brief.notes for span in note if span.url}
    assert urls
    parts = _parts(brief)
    footnotes = _xml(parts, "word/footnotes.xml")
    rels = _rels(parts, "word/footnotes.xml")
    linked = {rels[link.get(f"{{{R}}}id")].get("Target")
              for link in footnotes.iter(_w("hyperlink"))}
    assert linked == urls
    assert all(rels[link.get(f"{{{R}}}id")].get("TargetMode") == "External"
               for link in footnotes.iter(_w("hyperlink")))
    link_style = _style_id(parts, "Hyperlink")
    assert all(link.find("w:r/w:rPr/w:rStyle", NS).get(_w("val")) == link_style
               for link in footnotes.iter(_w("hyperlink")))


# -- contents ------------------------------------------------------------------------------

def test_contents_list_every_heading_and_ask_word_to_update_without_libreoffice(
        everything: Project, no_libreoffice) -> None:
    brief = dataclasses.replace(_brief(everything, "everything", "donors", "en"), toc=True)
    assert brief.glossary and brief.about
    parts = _parts(brief)
    body = _xml(parts, "word/document.xml")
    entries = _paragraphs_in(body, _style_id(parts, "toc 1"))
    titles = [_text(p) for p in entries]
    sections = [f"{s.number}. {s.title}" if s.number else s.title for s in brief.sections]
    assert titles == [*sections, brief.labels["about"], brief.labels["glossary"]]
    headings = {start.get(_w("name")): _text(start.getparent())
                for start in body.iter(_w("bookmarkStart"))
                if start.get(_w("name")).startswith("_Toc")}
    for entry in entries:  # each entry links to its heading
        link = entry.find("w:hyperlink", NS)
        assert headings[link.get(_w("anchor"))] == _text(link)
    begin = body.find(".//w:fldChar[@w:fldCharType='begin']", NS)
    assert "TOC \\o" in _text_of_instr(body) and begin.get(_w("dirty")) == "true"
    settings = _xml(parts, "word/settings.xml")
    assert settings.find("w:updateFields", NS).get(_w("val")) == "true"
    assert "PAGEREF" not in _text_of_instr(body)
    # the contents' own title is not an entry of the contents
    title = _style_id(parts, "TOC Heading")
    assert _styles(parts)[title].find("w:pPr/w:outlineLvl", NS).get(_w("val")) == "9"


def _text_of_instr(body: etree._Element) -> str:
    return " ".join(i.text or "" for i in body.iter(_w("instrText")))


@pytest.mark.skipif(shutil.which("soffice") is None and shutil.which("libreoffice") is None,
                    reason="LibreOffice is not installed")
def test_libreoffice_fills_the_page_numbers_the_same_way_every_time(
        everything: Project) -> None:
    brief = dataclasses.replace(_brief(everything, "everything", "donors", "en"), toc=True)
    ctx = RenderContext(TemplateSet.for_project(REPO / "templates"), "2026-01-01")
    first = docx_renderer.render(brief, ctx).data
    assert docx_renderer.render(brief, ctx).data == first, "same bytes on every run"
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        body = etree.fromstring(archive.read("word/document.xml"))
        settings = etree.fromstring(archive.read("word/settings.xml"))
    pages = []
    for instruction in body.iter(_w("instrText")):
        if instruction.text.strip().startswith("PAGEREF"):
            pages.append(int(_text(instruction.getparent().getnext().getnext())))
    assert len(pages) == len(brief.sections) + 2  # the sections, about, glossary
    assert pages == sorted(pages) and pages[0] >= 2  # after the cover
    assert settings.find("w:updateFields", NS) is None, "nothing for Word to ask"
    assert not body.findall(".//w:fldChar[@w:dirty]", NS)


@pytest.mark.skipif(shutil.which("soffice") is None and shutil.which("libreoffice") is None,
                    reason="LibreOffice is not installed")
def test_one_libreoffice_run_numbers_many_briefs_as_it_numbers_each_alone(
        everything: Project) -> None:
    briefs = [dataclasses.replace(_brief(everything, "everything", audience, lang), toc=True)
              for audience in ("donors", "full", "local-authorities", "press")
              for lang in ("en",)]
    ctx = RenderContext(TemplateSet.for_project(REPO / "templates"), "2026-01-01")
    drafts = [docx_renderer.draft(brief, ctx) for brief in briefs]
    assert all(d.awaiting for d in drafts)
    assert all(b"PAGEREF" not in _document(d.data) for d in drafts)
    together = docx_renderer.complete(drafts)
    alone = [docx_renderer.complete([d])[0] for d in reversed(drafts)][::-1]
    assert [d.data for d in together] == [d.data for d in alone]
    assert all(b"PAGEREF" in _document(d.data) and not d.awaiting for d in together)
    assert [d.data for d in together] == [docx_renderer.render(b, ctx).data for b in briefs]


def test_a_build_numbers_every_contents_in_one_batch(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: Callable[..., Result]) -> None:
    batches: list[int] = []

    def batch(drafts: Sequence[bytes]) -> list[None]:
        batches.append(len(drafts))
        return [None] * len(drafts)  # as when LibreOffice fails: drafts kept as they are

    monkeypatch.setattr(docx_renderer, "contents_pages", batch)
    out = tmp_path / "out"
    result = run("build", "--root", str(REPO), "-o", str(out), "-f", "docx", "-j", "1",
                 "--paper", PAPER, "-l", "en")
    assert result.exit_code == 0, result.output
    with_contents = [p for p in out.rglob("*.docx")
                     if b'TOC \\o' in _document(p.read_bytes())]
    assert with_contents and batches == [len(with_contents)]


@pytest.mark.skipif(shutil.which("soffice") is None and shutil.which("libreoffice") is None,
                    reason="LibreOffice is not installed")
def test_a_parallel_build_numbers_contents_with_one_profile_and_leaves_none(
        tmp_path: Path, run: Callable[..., Result]) -> None:
    def profiles() -> set[str]:
        return {p.name for p in Path(tempfile.gettempdir()).glob("plaidoyer-libreoffice-*")}

    before = profiles()
    out = tmp_path / "out"
    result = run("build", "--root", str(REPO), "-o", str(out), "-f", "docx", "-j", "2",
                 "--paper", PAPER, "-l", "en")
    assert result.exit_code == 0, result.output
    with_contents = [p for p in out.rglob("*.docx") if b'TOC \\o' in _document(p.read_bytes())]
    assert len(with_contents) >= 2
    assert all(b"PAGEREF" in _document(p.read_bytes()) for p in with_contents)
    assert profiles() <= before, "the build's LibreOffice profile is removed"


def _document(docx: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        return archive.read("word/document.xml")


# -- package and properties ----------------------------------------------------------------

def test_core_properties_are_each_present_once_under_their_namespace(
        shipped: Project, no_libreoffice) -> None:
    brief = _brief(shipped, PAPER, "negotiators", "fr")
    core = _xml(_parts(brief), "docProps/core.xml")
    tags = Counter(etree.QName(child).text for child in core)
    assert all(n == 1 for n in tags.values()), tags
    assert {etree.QName(child).namespace for child in core} <= set(CORE.values())
    assert set(tags) >= {f"{{{CORE[p]}}}{n}" for p, n in (
        ("dc", "title"), ("dc", "creator"), ("cp", "keywords"), ("cp", "lastModifiedBy"),
        ("cp", "revision"), ("dcterms", "created"), ("dcterms", "modified"),
        ("dc", "language"))}
    assert core.findtext("cp:lastModifiedBy", namespaces=CORE) == "plaidoyer"
    assert core.findtext("cp:revision", namespaces=CORE) == "1"
    assert core.findtext("dcterms:created", namespaces=CORE) == "2026-01-01T00:00:00Z"
    assert core.findtext("dc:title", namespaces=CORE) == brief.title


@pytest.mark.parametrize(("lang", "decimal", "separator"), [("fr", ",", ";"),
                                                            ("en", ".", ",")])
def test_settings_carry_the_language_and_its_decimal_sign(
        shipped: Project, no_libreoffice, lang: str, decimal: str, separator: str) -> None:
    parts = _parts(_brief(shipped, PAPER, "press", lang))
    settings = _xml(parts, "word/settings.xml")
    assert settings.find("w:decimalSymbol", NS).get(_w("val")) == decimal
    assert settings.find("w:listSeparator", NS).get(_w("val")) == separator
    assert settings.find("w:themeFontLang", NS).get(_w("val")) == {"fr": "fr-FR",
                                                                   "en": "en-GB"}[lang]
    names = [etree.QName(child).localname for child in settings]
    from plaidoyer.render.word_settings import ORDER
    ranks = [ORDER.index(n) for n in names if n in ORDER]
    assert ranks == sorted(ranks), "settings in schema order"


def test_footer_uses_no_dash_of_its_own(shipped: Project, no_libreoffice) -> None:
    brief = _brief(shipped, PAPER, "negotiators", "fr")
    parts = _parts(brief)
    footer = next(_xml(parts, n) for n in parts if re.fullmatch(r"word/footer\d*\.xml", n))
    text = _text(footer)
    assert text.startswith(f"{brief.short_title} · {brief.labels['page']} ")
    assert text.replace(brief.short_title, "").count("—") == 0
    assert text.replace(brief.short_title, "").count("–") == 0


# -- styles --------------------------------------------------------------------------------

def test_the_body_uses_the_masters_styles_not_direct_formatting(
        shipped: Project, no_libreoffice) -> None:
    negotiators = _parts(_brief(shipped, PAPER, "negotiators", "fr"))
    donors = _parts(_brief(shipped, PAPER, "donors", "fr"))
    for parts in (negotiators, donors):
        body = _xml(parts, "word/document.xml")
        for run in body.iter(_w("rPr")):
            direct = {etree.QName(c).localname for c in run} - {"rStyle", "lang", "rFonts"}
            assert not direct, direct
    body = _xml(negotiators, "word/document.xml")
    asks = _paragraphs_in(body, _style_id(negotiators, "Demand With Lead-in"))
    assert len(asks) >= 8  # each led by its topic in bold: the ask itself not bold
    led = _styles(negotiators)[_style_id(negotiators, "Demand With Lead-in")]
    assert led.find("w:rPr/w:b", NS).get(_w("val")) in ("0", "false")
    boxes = _paragraphs_in(body, _style_id(negotiators, "Case Box"))
    assert boxes and all(_text(b).startswith("Exemple – ") for b in boxes)
    styles = _styles(negotiators)
    box = styles[_style_id(negotiators, "Case Box")]
    assert box.find("w:pPr/w:shd", NS).get(_w("fill")) == "E6F0EF"
    assert box.find("w:pPr/w:pBdr/w:left", NS) is not None
    demand = styles[_style_id(negotiators, "Demand")]
    assert demand.find("w:rPr/w:b", NS) is not None
    assert demand.find("w:pPr/w:keepNext", NS) is not None
    heading = styles[_style_id(negotiators, "heading 1")]
    assert int(heading.find("w:pPr/w:spacing", NS).get(_w("after"))) > 0
    for level in (1, 2, 3):
        style = styles[_style_id(negotiators, f"heading {level}")]
        assert style.find("w:pPr/w:keepNext", NS) is not None
        assert style.find("w:pPr/w:suppressAutoHyphens", NS) is not None
    body = _xml(donors, "word/document.xml")
    table = body.find(".//w:tbl", NS)
    header, first = table.findall("w:tr", NS)[:2]
    heading_style = _style_id(donors, "Table Heading")
    assert all(p.find("w:pPr/w:pStyle", NS).get(_w("val")) == heading_style
               for p in header.iter(_w("p")))
    assert first.find(".//w:p/w:pPr/w:pStyle", NS).get(_w("val")) == \
        _style_id(donors, "Key Figure")
    for name in ("Table Heading", "Table Text", "Key Figure"):
        assert _styles(donors)[_style_id(donors, name)].find(
            "w:pPr/w:suppressAutoHyphens", NS) is not None, name
    entries = _paragraphs_in(body, _style_id(donors, "Glossary Entry"))
    assert entries
    term = _style_id(donors, "Glossary Term")
    assert all(p.find("w:r/w:rPr/w:rStyle", NS).get(_w("val")) == term for p in entries)
    footnotes = _xml(donors, "word/footnotes.xml")
    note_text = _style_id(donors, "footnote text")
    notes = [f for f in footnotes.iter(_w("footnote")) if int(f.get(_w("id"))) > 0]
    assert notes and all(f.find("w:p/w:pPr/w:pStyle", NS).get(_w("val")) == note_text
                         for f in notes)


def test_words_in_another_language_are_italic_and_tagged(shipped: Project,
                                                        no_libreoffice) -> None:
    brief = dataclasses.replace(_brief(shipped, PAPER, "press", "fr"), lede=(
        Span("Des "), Span("success stories", lang="en"), Span(" et "),
        Span("Le Monde", emphasis=True), Span(".")))
    parts = _parts(brief)
    body = _xml(parts, "word/document.xml")
    emphasis = _style_id(parts, "Emphasis")
    assert _styles(parts)[emphasis].find("w:rPr/w:i", NS) is not None
    runs = {_text(r): r for r in body.iter(_w("r")) if _text(r) in ("success stories",
                                                                     "Le Monde")}
    english = runs["success stories"].find("w:rPr", NS)
    assert english.find("w:rStyle", NS).get(_w("val")) == emphasis
    assert english.find("w:lang", NS).get(_w("val")) == "en-GB"
    title = runs["Le Monde"].find("w:rPr", NS)
    assert title.find("w:rStyle", NS).get(_w("val")) == emphasis
    assert title.find("w:lang", NS) is None


def test_a_project_master_lacking_the_new_styles_and_notes_part_still_builds(
        shipped: Project, no_libreoffice, tmp_path: Path) -> None:
    """Styles a project's older master lacks are borrowed from the package's master, and
    the footnotes part is made: the brief is never laid out with a missing style."""
    source = DEFAULT_TEMPLATES / "brief-compact.docx"
    templates = tmp_path / "templates"
    templates.mkdir()
    with zipfile.ZipFile(source) as archive, \
            zipfile.ZipFile(templates / "brief-compact.docx", "w") as target:
        for name in archive.namelist():
            data = archive.read(name)
            if name == "word/styles.xml":
                styles = etree.fromstring(data)
                for style in list(styles.iter(_w("style"))):
                    if style.find("w:name", NS).get(_w("val")) in (
                            "Demand", "Demand With Lead-in", "Case Box", "footnote text"):
                        styles.remove(style)
                data = etree.tostring(styles)
            if name == "word/footnotes.xml":
                continue
            if name == "word/_rels/document.xml.rels":
                data = re.sub(rb'<Relationship [^>]*Target="footnotes.xml"/>', b"", data)
            target.writestr(name, data)
    parts = _parts(_brief(shipped, PAPER, "negotiators", "fr"), templates)
    assert _paragraphs_in(_xml(parts, "word/document.xml"),
                          _style_id(parts, "Demand With Lead-in"))
    assert _style_id(parts, "Demand")  # borrowed too: the style it is based on
    assert _style_id(parts, "Case Box") and _style_id(parts, "footnote text")
    assert "word/footnotes.xml" in parts


def test_masters_are_what_their_script_makes(tmp_path: Path) -> None:
    """tools/make_docx_master.py gives the committed masters byte for byte (run it after
    editing it); they carry the notes part, and nothing of python-docx's own template."""
    spec = importlib.util.spec_from_file_location("make_docx_master",
                                                  REPO / "tools/make_docx_master.py")
    assert spec and spec.loader
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    for name, compact in (("brief.docx", False), ("brief-compact.docx", True)):
        script.build(tmp_path / name, compact=compact)
        assert (tmp_path / name).read_bytes() == (DEFAULT_TEMPLATES / name).read_bytes(), \
            f"run tools/make_docx_master.py: {name} is out of date"
        with zipfile.ZipFile(DEFAULT_TEMPLATES / name) as archive:
            names = set(archive.namelist())
        assert "word/footnotes.xml" in names
        assert not {"docProps/thumbnail.jpeg", "word/stylesWithEffects.xml"} & names


def test_the_glossary_is_set_in_two_columns_after_the_rest(everything: Project,
                                                            no_libreoffice) -> None:
    brief = _brief(everything, "everything", "donors", "en")
    assert brief.glossary
    parts = _parts(brief)
    body = _xml(parts, "word/document.xml")
    breaks = [p for p in body.iter(_w("p")) if p.find("w:pPr/w:sectPr", NS) is not None]
    assert [_text(p) for p in breaks] == [brief.labels["glossary"]], \
        "the section before the entries ends with the glossary's heading"
    last = body.find("w:body/w:sectPr", NS)
    assert last.find("w:type", NS).get(_w("val")) == "continuous"
    assert last.find("w:cols", NS).get(_w("num")) == "2"
    first = breaks[0].find("w:pPr/w:sectPr", NS)
    assert first.find("w:cols", NS).get(_w("num")) in (None, "1")
    assert first.find("w:footerReference", NS) is not None, "the same footer throughout"


def test_every_brief_embeds_the_typeset_ordinals_and_subscripts(
        everything: Project, no_libreoffice) -> None:
    """LibreOffice keeps the first embedded face of a family it opens for the next
    documents: an English brief's subset must hold the "ᵉʳ" of a French one."""
    from fontTools.ttLib import TTFont

    parts = _parts(_brief(everything, "everything", "press", "en"))
    table = _xml(parts, "word/fontTable.xml")
    rels = _rels(parts, "word/fontTable.xml")
    embedded = table.findall("w:font/w:embedRegular", NS)
    assert embedded
    for embed in embedded:
        data = bytearray(parts["word/" + rels[embed.get(f"{{{R}}}id")].get("Target")])
        digits = embed.get(_w("fontKey")).strip("{}").replace("-", "")
        mask = bytes(int(digits[i:i + 2], 16) for i in range(30, -1, -2))
        for n in range(32):
            data[n] ^= mask[n % 16]
        cmap = TTFont(io.BytesIO(bytes(data))).getBestCmap()
        assert all(ord(c) in cmap for c in "ᵉʳⁿᵈ₂²\u202f"), embed.getparent().get(_w("name"))


def test_the_package_is_dated_by_the_brief_without_compressing_it_again() -> None:
    """fixed_zip patches each entry's date and permissions in place: same entries, same
    compressed bytes, every date the stamp's; a damaged package is refused."""
    from plaidoyer.render.docx_package import fixed_zip

    made = io.BytesIO()
    with zipfile.ZipFile(made, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>" * 200)
        archive.writestr("word/document.xml", "<w:document/>" * 500)
        archive.comment = b"made now"
    fixed = fixed_zip(made.getvalue(), "2015-11-30")
    before = zipfile.ZipFile(made).infolist()
    with zipfile.ZipFile(io.BytesIO(fixed)) as archive:
        after = archive.infolist()
        assert archive.testzip() is None
        assert archive.read("word/document.xml") == b"<w:document/>" * 500
    assert [i.filename for i in after] == [i.filename for i in before]
    assert [i.compress_size for i in after] == [i.compress_size for i in before]
    assert {i.date_time for i in after} == {(2015, 11, 30, 0, 0, 0)}
    assert {i.external_attr for i in after} == {0o644 << 16}
    assert len(fixed) == len(made.getvalue())
    assert fixed_zip(fixed, "2015-11-30") == fixed
    with pytest.raises(ValueError, match="not a ZIP record"):
        at = after[1].header_offset  # the second entry's local header
        fixed_zip(fixed[:at] + b"\0" * 4 + fixed[at + 4:], "2015-11-30")


def _page_break_at(body: etree._Element) -> int:
    """Where, in the body's text, the first page break falls."""
    text = ""
    for element in body.iter(_w("t"), _w("br")):
        if element.tag == _w("br") and element.get(_w("type")) == "page":
            return len(text)
        text += element.text or ""
    raise AssertionError("no page break")


def test_key_messages_are_on_the_cover_and_the_contents_open_page_2(
        shipped: Project, no_libreoffice, tmp_path: Path) -> None:
    """As in print: the cover carries the key messages, the contents open page 2 (with
    both on the cover, a long brief's contents spilled one line onto a page of its own).
    A project's master made before the cover had their place still prints them, first
    in the body."""
    brief = _brief(shipped, PAPER, "full", "fr")
    assert brief.cover and brief.key_messages and brief.toc
    body = _xml(_parts(brief), "word/document.xml").find("w:body", NS)
    text, cover = _text(body), _page_break_at(body)
    label = brief.labels["key_messages"]
    assert text.index(brief.title) < text.index(label) < cover <= text.index(
        brief.labels["contents"]) < text.index(brief.sections[0].title)

    master = tmp_path / "templates/brief.docx"
    master.parent.mkdir()
    with zipfile.ZipFile(DEFAULT_TEMPLATES / "brief.docx") as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    document = etree.fromstring(parts["word/document.xml"])
    opening = next(p for p in document.iter(_w("p")) if "if key_messages" in _text(p))
    for paragraph in [opening, opening.getnext(), opening.getnext().getnext()]:
        paragraph.getparent().remove(paragraph)
    parts["word/document.xml"] = etree.tostring(document)
    with zipfile.ZipFile(master, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    body = _xml(_parts(brief, master.parent), "word/document.xml").find("w:body", NS)
    text, cover = _text(body), _page_break_at(body)
    assert "key_messages" not in text and text.count(label) == 1
    assert cover < text.index(label)
