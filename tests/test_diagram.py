"""The partnership diagram: a numbered figure whose every territory is linked and every
link keyed to a case as the brief titles it, text at 7 pt or more where it prints, the
same bytes on every run, nothing drawn over anything else, and alt text to read."""

from __future__ import annotations

import re
from html import unescape
from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from plaidoyer.diagram import (
    PRINTED_MM,
    WIDTH,
    Layout,
    layout,
    partnership_svg,
    points,
)
from plaidoyer.model.brief import Brief, Diagram, Node, Partnership
from plaidoyer.model.project import Project
from plaidoyer.partners import case_key
from plaidoyer.render import RenderContext, pdf
from plaidoyer.resources import TemplateSet
from plaidoyer.tailor import Request, tailor

from .conftest import PAPER

LANGS = ("fr", "en", "es")
FIGURE = {"fr": "Figure", "en": "Figure", "es": "Figura"}
NOT_A_MAP = {"fr": "carte", "en": "map", "es": "mapa"}
Box = tuple[float, float, float, float]


def full_brief(shipped: Project, lang: str, audience: str = "full") -> Brief:
    paper = shipped.paper(PAPER)
    assert paper is not None
    chosen = next(a for a in shipped.audiences if a.id == audience)
    return tailor(Request(paper, chosen, lang), shipped.glossary, shipped.labels_in(lang))


def drawn(brief: Brief) -> Diagram:
    diagrams = [s.diagram for s in brief.sections if s.diagram]
    assert len(diagrams) == 1
    return diagrams[0]


def synthetic(groups: dict[str, list[str]], cases: list[list[str]],
              direction: str = "ltr") -> Diagram:
    """A diagram straight from names: territories by region, cases by their territories."""
    nodes = [Node(f"t{n}", label, group) for n, (group, label) in enumerate(
        (g, label) for g, labels in groups.items() for label in labels)]
    ids = {node.label: node.id for node in nodes}
    partnerships = tuple(
        Partnership(case_key(n), f"Case {n + 1}: " + " – ".join(members),
                    tuple(ids[m] for m in members), "alone" if len(members) == 1 else None)
        for n, members in enumerate(cases))
    return Diagram(tuple(nodes), partnerships, "Figure 1 – Test", tuple(groups),
                   "A test diagram.", direction)


ONE_CASE = synthetic({"Africa": ["Dakar (Senegal)"]}, [["Dakar (Senegal)"]])
SIX_PARTNERS = synthetic(
    {"Africa": ["Dakar (Senegal)", "Ho (Ghana)", "Bojanala Platinum District (South Africa)"],
     "Europe": ["Lahti (Finland)", "Lyon (France)"],
     "Asia": ["Pune (India)"]},
    [["Dakar (Senegal)", "Ho (Ghana)", "Bojanala Platinum District (South Africa)",
      "Lahti (Finland)", "Lyon (France)", "Pune (India)"],
     ["Lyon (France)", "Dakar (Senegal)"]])
REGIONS = {
    "Africa": [f"Municipality of a long-named African town {n} (Country {n})" for n in range(6)],
    "Europe": [f"City {n} (Land {n})" for n in range(5)],
    "Americas": ["State of Minas Gerais (Brazil)", "Quito (Ecuador)"],
    "Asia": ["Pune (India)"],
    "Oceania": ["Suva (Fiji)"],
}
EVERY = [label for labels in REGIONS.values() for label in labels]
TWELVE_CASES = synthetic(REGIONS, [EVERY[n % 15:n % 15 + 1 + n % 6] for n in range(12)])
SAMPLES = {"one case": ONE_CASE, "six partners": SIX_PARTNERS, "twelve cases": TWELVE_CASES}


def boxes(plan: Layout) -> list[tuple[str, Box]]:
    """Every drawn thing that must stand clear of the others: text lines, hubs, dots."""
    out = [(f"{label.kind} {n}", box) for n, label in enumerate(plan.labels)
           for box in label.boxes()]
    out += [(f"hub {hub.key}@{hub.y}", hub.box()) for hub in plan.hubs]
    out += [(f"dot {n}", dot.box()) for n, dot in enumerate(plan.dots)]
    return out


def overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def assert_clear(plan: Layout) -> None:
    drawn = boxes(plan)
    for (name_a, a), (name_b, b) in combinations(drawn, 2):
        assert not overlap(a, b), f"{name_a} {a} overlaps {name_b} {b}"
    for name, (left, top, right, bottom) in drawn:
        assert left >= 0 and right <= plan.width and top >= 0 and bottom <= plan.height, name
    territories = [box for label in plan.labels if label.kind in ("territory", "heading")
                   for box in label.boxes()]
    for spoke in plan.spokes:  # spokes run between hubs and dots, never through a label
        low, high = sorted((spoke.x1, spoke.x2))
        assert all(box[2] <= low or box[0] >= high for box in territories)


# -- the figure in the shipped briefs -------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_the_figure_is_numbered_and_called_what_it_is(shipped, lang) -> None:
    diagram = drawn(full_brief(shipped, lang))
    assert re.match(rf"{FIGURE[lang]}\s1\s– \w", diagram.caption), diagram.caption
    assert NOT_A_MAP[lang] not in diagram.caption.lower()
    svg = partnership_svg(diagram, lang)
    # the SVG's title is its alternative text (the tagged PDF's /Alt); the caption is
    # printed under it
    assert f"<title>{diagram.description}</title>" in unescape(svg)


def test_the_tagged_pdf_gives_the_diagram_its_alternative_text(shipped, tmp_path) -> None:
    brief = full_brief(shipped, "en")
    rendered = pdf.render(brief, RenderContext(TemplateSet.for_project(tmp_path)))
    (tmp_path / "full.pdf").write_bytes(rendered.data)
    reader = PdfReader(tmp_path / "full.pdf")
    alts = []

    def walk(node: object) -> None:
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, dict):
            if node.get("/S") == "/Figure" and "/Alt" in node:
                alts.append(str(node["/Alt"]))
            walk(node.get("/K"))
        elif isinstance(node, list):
            for kid in node:
                walk(kid)

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    assert drawn(brief).description in alts


@pytest.mark.parametrize("lang", LANGS)
def test_every_link_is_keyed_to_a_case_titled_as_the_brief_prints_it(shipped, lang) -> None:
    for audience in ("full", "local-authorities"):
        brief = full_brief(shipped, lang, audience)
        diagram = drawn(brief)
        cases = [i.title for s in brief.sections for blk in s.blocks for i in blk.items
                 if i.kind == "case"]
        assert [p.title for p in diagram.partnerships] == cases
        plan = layout(diagram)
        keyed = ["".join(t for line in label.lines for t, _ in line)
                 for label in plan.labels if label.kind == "key"]
        for p, key in zip(diagram.partnerships, keyed, strict=True):
            # the key's text is the title, wrapped only between words, then the note
            assert key.replace(" ", "") == (p.title + (f"({p.note})" if p.note else "")
                                            ).replace(" ", "")
        svg = unescape(partnership_svg(diagram, lang))
        for p in diagram.partnerships:
            assert svg.count(f">{p.key}</text>") == 2  # on its hub, and in the key


@pytest.mark.parametrize("lang", LANGS)
def test_every_territory_is_linked_or_explained(shipped, lang) -> None:
    diagram = drawn(full_brief(shipped, lang))
    for node in diagram.nodes:
        cases = [p for p in diagram.partnerships if node.id in p.nodes]
        assert cases, node.label
    alone = [p for p in diagram.partnerships if len(p.nodes) == 1]
    assert alone, "ENDA Tiers Monde's case has one territory"
    assert all(p.note for p in alone)
    assert all(p.note is None for p in diagram.partnerships if len(p.nodes) > 1)
    plan = layout(diagram)
    ends = {(round(s.x2, 2), round(s.y2, 2)) for s in plan.spokes}
    assert all((round(d.x, 2), round(d.y, 2)) in ends for d in plan.dots)  # a spoke to each
    key_entries = [label for label in plan.labels if label.kind == "key"]
    assert len(key_entries) == len(diagram.partnerships)


@pytest.mark.parametrize("lang", LANGS)
def test_alt_text_lists_every_partnership(shipped, lang) -> None:
    diagram = drawn(full_brief(shipped, lang))
    assert diagram.description
    for p in diagram.partnerships:
        assert p.title in diagram.description
    for node in diagram.nodes:
        assert node.label in diagram.description
    svg = partnership_svg(diagram, lang)
    assert 'role="img"' in svg
    opening = svg.split("\n", 1)[0]
    assert unescape(re.search(r'aria-label="([^"]*)"', opening)[1]) == diagram.description  # type: ignore[index]
    assert f"<title>{diagram.description}</title>" in unescape(svg)


# -- every drawing -------------------------------------------------------------

def font_sizes(svg: str) -> list[float]:
    return [float(v) for v in re.findall(r'font-size="([\d.]+)"', svg)]


@pytest.mark.parametrize("name", SAMPLES)
def test_text_prints_at_seven_points_or_more(name) -> None:
    svg = partnership_svg(SAMPLES[name])
    width = float(re.search(r'viewBox="0 0 ([\d.]+) ', svg)[1])  # type: ignore[index]
    assert width == WIDTH  # as wide as the printed figure: nothing is scaled down
    assert "transform" not in svg and "scale" not in svg
    sizes = font_sizes(svg)
    assert sizes
    printed = min(sizes) * (PRINTED_MM / 25.4 * 72) / width
    assert printed >= 7, f"{printed:.2f} pt"
    assert points(min(sizes)) == pytest.approx(printed)
    # and in the Word document, whose picture is 160 mm wide
    assert min(sizes) * (160 / 25.4 * 72) / width >= 7


@pytest.mark.parametrize("name", SAMPLES)
def test_nothing_is_drawn_over_anything_else(name) -> None:
    assert_clear(layout(SAMPLES[name]))


@pytest.mark.parametrize("lang", LANGS)
def test_the_shipped_diagram_is_clear(shipped, lang) -> None:
    for audience in ("full", "local-authorities"):
        assert_clear(layout(drawn(full_brief(shipped, lang, audience))))


def test_height_grows_with_the_cases() -> None:
    heights = [layout(d).height for d in (ONE_CASE, SIX_PARTNERS, TWELVE_CASES)]
    assert heights == sorted(heights) and len(set(heights)) == 3


def test_a_case_of_six_partners_is_one_hub_with_six_spokes() -> None:
    plan = layout(SIX_PARTNERS)
    hub = next(h for h in plan.hubs if h.key == "A")
    assert sum(1 for s in plan.spokes if (s.x1, s.y1) == (hub.x, hub.y)) == 6


def test_the_same_input_gives_the_same_bytes(shipped) -> None:
    first = partnership_svg(drawn(full_brief(shipped, "fr")), "fr")
    again = partnership_svg(drawn(full_brief(shipped, "fr")), "fr")
    assert first == again
    assert partnership_svg(TWELVE_CASES) == partnership_svg(TWELVE_CASES)


def test_right_to_left_mirrors_the_drawing() -> None:
    ltr = partnership_svg(SIX_PARTNERS)
    rtl = partnership_svg(synthetic(
        {"Africa": ["Dakar (Senegal)", "Ho (Ghana)", "Bojanala Platinum District (South Africa)"],
         "Europe": ["Lahti (Finland)", "Lyon (France)"], "Asia": ["Pune (India)"]},
        [["Dakar (Senegal)", "Ho (Ghana)", "Bojanala Platinum District (South Africa)",
          "Lahti (Finland)", "Lyon (France)", "Pune (India)"],
         ["Lyon (France)", "Dakar (Senegal)"]], direction="rtl"))
    assert 'direction="ltr"' in ltr and 'direction="rtl"' in rtl
    xs = [float(x) for x in re.findall(r' (?:cx|x)="([\d.]+)"', ltr)]
    mirrored = [float(x) for x in re.findall(r' (?:cx|x)="([\d.]+)"', rtl)]
    assert mirrored == pytest.approx([WIDTH - x for x in xs], abs=0.01)


def test_cases_are_lettered() -> None:
    assert [case_key(n) for n in (0, 1, 25, 26, 27, 701, 702)] == [
        "A", "B", "Z", "AA", "AB", "ZZ", "AAA"]


WORDS = st.sampled_from(["Dakar", "Région", "District", "de", "Bojanala", "Platinum", "Ho",
                         "Municipalité", "Nord-Pas-de-Calais", "Minas", "Gerais", "Lahti",
                         "(Afrique du Sud)", "(Brésil)", "Île-de-France", "Communauté"])
NAMES = st.lists(WORDS, min_size=1, max_size=9).map(" ".join)


@st.composite
def diagrams(draw: st.DrawFn) -> Diagram:
    labels = draw(st.lists(NAMES, min_size=1, max_size=20, unique=True))
    regions = draw(st.lists(NAMES, min_size=1, max_size=6, unique=True))
    where = {label: draw(st.sampled_from(regions)) for label in labels}
    cases = draw(st.lists(st.lists(st.sampled_from(labels), min_size=1, max_size=6,
                                   unique=True), min_size=1, max_size=14))
    used = {label for case in cases for label in case}
    groups = {r: [x for x in labels if where[x] == r and x in used] for r in regions}
    return synthetic({r: v for r, v in groups.items() if v}, cases,
                     draw(st.sampled_from(["ltr", "rtl"])))


@settings(max_examples=60, deadline=None, derandomize=True)
@given(diagrams())
def test_any_diagram_is_clear(diagram: Diagram) -> None:
    plan = layout(diagram)
    assert_clear(plan)
    assert min(font_sizes(partnership_svg(diagram))) * (PRINTED_MM / 25.4 * 72) / WIDTH >= 7
