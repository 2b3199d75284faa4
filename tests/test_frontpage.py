"""The first page and the last lines of a brief: masthead, key messages, press headline
and release line, numbered asks with a lead-in, key-figure tiles, the citation line,
running headers, a contents list decided once, and the web fonts of an HTML brief."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from plaidoyer.frontpage import running_header
from plaidoyer.model.brief import Brief, plain
from plaidoyer.model.project import Project
from plaidoyer.render import RenderContext
from plaidoyer.render import pdf as pdf_renderer
from plaidoyer.render.web_fonts import embedded_fonts
from plaidoyer.resources import TemplateSet
from plaidoyer.tailor import Request, tailor

from .conftest import PAPER, ROOTS

SECOND = "urban-sdg-finance-cop28-loss-and-damage-fund"


def brief(shipped: Project, audience: str, lang: str = "en", paper: str = PAPER) -> Brief:
    positions = shipped.paper(paper)
    assert positions is not None
    chosen = next(a for a in shipped.audiences if a.id == audience)
    return tailor(Request(positions, chosen, lang), shipped.glossary, shipped.labels_in(lang))


def test_the_cover_carries_numbered_key_messages_led_by_their_topic(shipped) -> None:
    full = brief(shipped, "full", "fr")
    positions = shipped.paper(PAPER)
    assert positions is not None
    flagship = [d for d in positions.demands if d.flagship]
    assert [i.id for i in full.key_messages] == [d.id for d in flagship]
    assert [i.number for i in full.key_messages] == [str(n) for n in range(1, 9)]
    assert full.key_messages[0].lead == "Reconnaissance dans le préambule"
    for item, demand in zip(full.key_messages, flagship, strict=True):
        assert demand.short is not None  # the short form: a box, not the paper again
        assert plain(item.body)[:15] == demand.short["fr"].replace(" :", "\u202f:")[:15]


def test_briefs_without_a_cover_have_no_key_messages_box(shipped) -> None:
    assert brief(shipped, "negotiators").key_messages == ()
    assert brief(shipped, "press").key_messages == ()


def test_negotiators_asks_are_numbered_with_a_bold_topic(shipped) -> None:
    asks = [i for s in brief(shipped, "negotiators").sections for blk in s.blocks
            for i in blk.items]
    assert [i.number for i in asks] == [str(n) for n in range(1, len(asks) + 1)]
    assert all(i.lead for i in asks)


def test_a_paper_numbering_its_paragraphs_keeps_its_own_numbers(shipped) -> None:
    asks = [i for s in brief(shipped, "negotiators", paper=SECOND).sections
            for blk in s.blocks for i in blk.items]
    positions = shipped.paper(SECOND)
    assert positions is not None
    assert [i.number for i in asks] == [positions.numbers[i.id] for i in asks]


def test_press_release_line_headline_and_paper_title(shipped) -> None:
    press = brief(shipped, "press")
    assert press.release == "For immediate release"
    assert press.title.startswith("Territorial actors ask COP21")
    assert press.subtitle == "Territorial partnerships and climate change"
    assert brief(shipped, "full").release is None
    assert brief(shipped, "full").title == "Territorial partnerships and climate change"


def test_an_embargo_is_printed_with_its_time_zone(tmp_path: Path, run) -> None:
    root = tmp_path / "everything"
    shutil.copytree(ROOTS / "everything", root)
    result = run("build", "--root", str(root), "-a", "press", "-f", "html", "-o",
                 str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    page = next((tmp_path / "out").rglob("press.en.html")).read_text(encoding="utf-8")
    assert '<p class="release">Embargoed until 10 June 2024, 09:00 (GMT+02:00)</p>' in page
    assert '<h1 class="title">Headline Victor3</h1>' in page


def test_key_figures_are_tiles_with_one_note_when_none_has_a_source(shipped) -> None:
    press = brief(shipped, "press")
    figures = next(s for s in press.sections if s.figures)
    assert figures.tiles
    assert figures.figures_note == "The original paper gives no source for these figures."
    assert all(row.note is None for row in figures.figures)
    assert not any("No source is given" in plain(n) for n in press.notes)


def test_a_sourced_figure_keeps_its_own_note(tmp_path: Path, run) -> None:
    out = tmp_path / "out"
    result = run("build", "--root", str(ROOTS / "everything"), "-a", "donors", "-f", "html",
                 "-o", str(out))
    assert result.exit_code == 0, result.output
    page = next(out.rglob("donors.en.html")).read_text(encoding="utf-8")
    tiles = page[page.index('<div class="tiles">'):]
    assert re.search(r'class="tile-value">[^<]+<a class="note-ref"', tiles)
    assert 'class="figures-note"' not in page


def test_every_brief_ends_with_a_citation_line(shipped) -> None:
    about = [plain(p) for p in brief(shipped, "press", paper=SECOND).about]
    assert about[-1] == (
        "Cite as: SDSN Global Commission for Urban SDG Finance (2023). The SDSN Global "
        "Commission for Urban SDG Finance on the Subnational Governments’ role on the "
        "negotiation of the Loss and Damage Fund Operational Guidelines. COP28, Dubai. "
        "https://www.cities-and-regions.org/the-sdsn-global-commission-for-urban-sdg-finance-"
        "on-the-subnational-governments-role-on-the-negotiation-of-the-loss-and-damage-fund-"
        "operational-guidelines/")
    # A paper without a date is cited by its event's year; the title is set in italics.
    french = brief(shipped, "full", "fr").about[-1]
    assert plain(french) == (
        "Pour citer ce document\u202f: Collectivités territoriales et organisations de la "
        "société civile (2015). Partenariats territoriaux et changements climatiques\u202f: "
        "Position des acteurs territoriaux pour la COP21. COP21, Paris.")
    assert [s.text for s in french if s.emphasis] == [
        "Partenariats territoriaux et changements climatiques\u202f: Position des acteurs "
        "territoriaux pour la COP21"]


@pytest.mark.parametrize(("title", "header"), [
    ("Context", "Context"),
    ("Recommandations et engagements des acteurs territoriaux pour promouvoir le "
     "développement des partenariats", "Recommandations et engagements des acteurs "
     "territoriaux pour…"),
    ("Un titre de soixante caractères exactement, pas un de plus !",
     "Un titre de soixante caractères exactement, pas un de plus !"),
    ("Anticonstitutionnellementanticonstitutionnellementanticonstitutionnellement",
     "Anticonstitutionnellementanticonstitutionnellementanticonsti…"),
])
def test_running_headers_are_cut_at_a_word_boundary(title: str, header: str) -> None:
    assert running_header(title) == header


def test_contents_are_decided_once_from_the_length(shipped, monkeypatch, tmp_path) -> None:
    assert brief(shipped, "full").toc and brief(shipped, "local-authorities").toc
    assert not brief(shipped, "full", paper=SECOND).toc
    assert not brief(shipped, "negotiators").toc  # the audience says so
    layouts = []
    real = pdf_renderer.HTML.render

    def counted(self, *args, **kwargs):
        layouts.append(1)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(pdf_renderer.HTML, "render", counted)
    ctx = RenderContext(TemplateSet.for_project(tmp_path / "templates"))
    rendered = pdf_renderer.render(brief(shipped, "donors"), ctx)
    assert layouts == [1]  # laid out once
    text = "".join(p.extract_text() for p in PdfReader(_file(tmp_path, rendered.data)).pages)
    assert "Contents" in text


def _file(folder: Path, data: bytes) -> Path:
    path = folder / "brief.pdf"
    path.write_bytes(data)
    return path


def test_html_embeds_only_the_fonts_of_the_scripts_it_uses(tmp_path: Path) -> None:
    templates = TemplateSet.for_project(tmp_path / "templates")
    latin = embedded_fonts(templates, "Partenariats territoriaux — 21ᵉ CO₂")
    assert latin.count("@font-face") == 6  # serif and sans, regular, bold, italic
    assert "data:font/woff2;base64," in latin and "fonts/web/" not in latin
    cyrillic = embedded_fonts(templates, "Территориальные партнёрства")
    assert cyrillic.count("@font-face") == 12  # … and their Cyrillic files
    arabic = embedded_fonts(templates, "الشراكات الإقليمية")
    assert "Noto Sans Arabic" in arabic


def test_a_project_web_fonts_file_cannot_read_outside_its_templates(tmp_path: Path) -> None:
    folder = tmp_path / "templates"
    folder.mkdir()
    (tmp_path / "secret.woff2").write_bytes(b"secret")
    (folder / "web-fonts.css").write_text(
        '@font-face { font-family: X; src: url(../secret.woff2); }\n'
        '@font-face { font-family: Y; src: url("/etc/passwd"); }\n', encoding="utf-8")
    css = embedded_fonts(TemplateSet.for_project(folder), "abc")
    assert css.count("url()") == 2 and "c2VjcmV0" not in css
