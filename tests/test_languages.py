"""The six UN languages typeset: a small sample paper (tests/roots/six-languages) in
Arabic, Chinese, English, French, Russian and Spanish, built in every format — right to
left where it must be, in fonts that draw every character, embedded."""

from __future__ import annotations

import re
import unicodedata
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from plaidoyer.__main__ import cli
from plaidoyer.diagnostics import Report
from plaidoyer.figures import format_figure
from plaidoyer.load import Layout, load_project
from plaidoyer.model.brief import Brief, plain
from plaidoyer.model.content import Figure
from plaidoyer.tailor import Request, tailor

from .conftest import ROOTS

SAMPLE = ROOTS / "six-languages"
PAPER = "cities-front-line-cop29"
LANGS = ("ar", "zh", "ru", "en", "fr", "es")
TITLES = {"ar": "المدن في الخط الأمامي", "zh": "站在气候影响第一线的城市",
          "ru": "Города на переднем крае", "en": "Cities on the Front Line"}


@pytest.fixture(scope="module")
def sample_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("six")
    result = CliRunner().invoke(cli, ["build", "--root", str(SAMPLE), "-a", "full", "-a",
                                      "press", "-o", str(out), "-j", "2"])
    assert result.exit_code == 0, result.output
    return out / PAPER


def test_the_sample_validates_strictly_in_six_languages() -> None:
    report = Report()
    project = load_project(Layout(SAMPLE), report)
    from plaidoyer.validate import validate_project

    validate_project(project, report)
    assert [str(d) for d in report.sorted()
            if d.severity.value in ("error", "warning")] == []
    paper = project.paper(PAPER)
    assert paper is not None and set(paper.paper.languages) == set(LANGS)


def test_every_language_is_built_in_every_format(sample_build: Path) -> None:
    built = sorted(p.name for p in sample_build.iterdir())
    assert built == sorted(f"{a}.{lang}.{fmt}" for a in ("full", "press") for lang in LANGS
                           for fmt in ("pdf", "docx", "html"))


@pytest.mark.parametrize("lang", ["ar", "zh", "ru", "en"])
def test_pdfs_embed_fonts_that_draw_every_character(sample_build: Path, lang: str) -> None:
    reader = PdfReader(sample_build / f"full.{lang}.pdf")
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            fonts.add(str(font["/BaseFont"]).split("+")[-1])
            descendant = font["/DescendantFonts"][0].get_object()
            assert "/FontFile2" in descendant["/FontDescriptor"] or \
                "/FontFile3" in descendant["/FontDescriptor"]  # embedded
    assert not any("DejaVu" in f for f in fonts), fonts  # never the machine's fallback
    wanted = {"ar": "Noto-Sans-Arabic", "zh": "Noto-Sans-SC"}.get(lang, "Noto-Serif")
    assert wanted in fonts
    text = "".join(page.extract_text() for page in reader.pages)
    assert TITLES[lang].replace(" ", "") in text.replace(" ", "").replace("\n", "")
    assert reader.trailer["/Root"]["/Lang"] == lang


def test_arabic_reads_right_to_left_in_html(sample_build: Path) -> None:
    page = (sample_build / "full.ar.html").read_text(encoding="utf-8")
    assert '<html lang="ar" dir="rtl">' in page
    assert 'font-family: "Noto Sans Arabic"' in page  # embedded for the screen too


def test_chinese_html_names_a_chinese_font_first(sample_build: Path) -> None:
    page = (sample_build / "full.zh.html").read_text(encoding="utf-8")
    assert re.search(r'html:lang\(zh\) \{\s*--serif: "Noto Sans SC"', page)


def test_docx_of_every_language_opens(sample_build: Path) -> None:
    for lang in LANGS:
        with zipfile.ZipFile(sample_build / f"press.{lang}.docx") as docx:
            assert TITLES.get(lang, "")[:4] in docx.read("word/document.xml").decode()


@pytest.mark.parametrize(("lang", "expected"), [
    ("ru", ["4,2\u00a0миллиона человек", "почти 640\u00a0миллионов долларов США"]),
    ("zh", ["420万人", "将近6.4亿美元"]),
    ("ar", ["4.2 مليون شخص", "قرابة 640 مليون دولار أمريكي"]),
    ("fr", ["4,2 millions de personnes", "près de 640 millions de dollars des États-Unis"]),
    ("es", ["4,2 millones de personas", "casi 640 millones de dólares estadounidenses"]),
])
def test_scale_words_and_currencies_in_each_language(lang: str, expected: list[str]) -> None:
    project = load_project(Layout(SAMPLE), Report())
    labels = project.labels_in(lang)
    figures = [Figure.model_validate({"id": "a", "value": 4.2, "scale": "million",
                                      "unit": "people", "measures": {"en": "x"}}),
               Figure.model_validate({"id": "b", "value": 640, "scale": "million",
                                      "unit": "USD", "qualifier": "nearly",
                                      "measures": {"en": "x"}})]
    got = [format_figure(f, lang, labels) for f in figures]
    assert [g.replace("\u00a0", " ") for g in got] == [e.replace("\u00a0", " ")
                                                       for e in expected]


def test_arabic_words_of_the_diagram_are_shaped_in_print(sample_build: Path) -> None:
    """WeasyPrint draws SVG text unshaped and reversed ("شئارعلا"): in right-to-left print
    the diagram's words are HTML laid over the drawing."""
    reader = PdfReader(sample_build / "full.ar.pdf")
    pages = [unicodedata.normalize("NFKC", p.extract_text()) for p in reader.pages]
    drawn = next(t for t in pages if "أفريقيا" in t)  # the region heading of the diagram
    assert "العرائش" in drawn and "كيسومو" in drawn
    assert not any("شئارعلا" in t or "وموسيك" in t for t in pages)
    html = (sample_build / "full.ar.html").read_text(encoding="utf-8")
    assert 'class="diagram-canvas"' not in html  # screens shape SVG text themselves


def _full_brief(lang: str) -> Brief:
    """The sample paper's full brief in `lang`, tailored (not rendered)."""
    project = load_project(Layout(SAMPLE), Report())
    paper = project.paper(PAPER)
    assert paper is not None
    full = next(a for a in project.audiences if a.id == "full")
    return tailor(Request(paper, full, lang), project.glossary, project.labels_in(lang))


def test_the_contents_decision_does_not_depend_on_the_script(sample_build: Path) -> None:
    # A Chinese character takes about three Latin letters' room: counted as one, the
    # Chinese full brief (four pages, as in the other languages) was estimated too short
    # for a contents list and printed none.
    decided = {lang: _full_brief(lang).toc for lang in LANGS}
    assert decided == dict.fromkeys(LANGS, True)
    pages = [page.extract_text() for page in PdfReader(sample_build / "full.zh.pdf").pages]
    contents = load_project(Layout(SAMPLE), Report()).labels_in("zh")["contents"]
    assert contents in pages[1]


def test_arabic_and_chinese_are_never_slanted(tmp_path: Path) -> None:
    # Neither script has italics: a slanted face is a computer's fake ("Noto-Sans-SC-
    # Oblique"). The negotiators' lede and a figures note were set in italics.
    result = CliRunner().invoke(cli, ["build", "--root", str(SAMPLE), "-a", "negotiators",
                                      "-l", "ar", "-l", "zh", "-f", "pdf", "-o", str(tmp_path),
                                      "-j", "1"])
    assert result.exit_code == 0, result.output
    for lang in ("ar", "zh"):
        reader = PdfReader(tmp_path / PAPER / f"negotiators.{lang}.pdf")
        fonts = {str(font["/BaseFont"]) for page in reader.pages
                 for font in page["/Resources"]["/Font"].values()}
        assert not {f for f in fonts if "Oblique" in f or "Italic" in f}, (lang, fonts)


def test_about_lines_use_each_language_s_punctuation() -> None:
    # "2024年11月12日, 巴库." and "12 نوفمبر 2024, باكو.": the about lines and the
    # citation joined their parts with a Western comma and full stop in every language.
    western = {"zh": re.compile(r"[\u4e00-\u9fff）][,.]"),
               "ar": re.compile(r"[\u0600-\u06ff],")}
    for lang, pattern in western.items():
        lines = [plain(p) for p in _full_brief(lang).about]
        assert lines and not [line for line in lines if pattern.search(line)], lines


def test_an_ask_s_place_in_the_text_stays_under_the_ask(sample_build: Path) -> None:
    # In the Chinese press release's two columns, 5 (b)'s line "《巴黎协定》第8条 …" was
    # carried to the top of the next column, away from its ask.
    chunks: list[tuple[float, float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            chunks.append((tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5], text))

    PdfReader(sample_build / "press.zh.pdf").pages[0].extract_text(visitor_text=visit)
    ask = next((x, y) for x, y, text in chunks if text.startswith("5 (b)"))
    anchors = next((x, y) for x, y, text in chunks if text.startswith("《巴黎协定》第8条"))
    assert abs(ask[0] - anchors[0]) < 20 and ask[1] > anchors[1], (ask, anchors)
