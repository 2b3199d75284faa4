"""A coalition's library: several papers, audiences that fit each, per-paper languages,
internal content, and a new project made by `plaidoyer init` (tests/roots/library)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from plaidoyer.geography import continent, region_ids
from plaidoyer.localize import fill


def lines(text: str, *marks: str) -> list[str]:
    return [line for line in text.splitlines() if any(m in line for m in marks)]


def test_validate_names_each_paper_audience_and_part(library: Path,
                                                     run: Callable[..., Result]) -> None:
    result = run("validate", "--root", str(library))
    assert result.exit_code == 1
    assert lines(result.stderr, ": error: ", ": warning: ", ": note: ") == [
        "positions/audiences/briefing.yaml:9:7: warning: part 'cases' of audience 'briefing' "
        "selects nothing from paper 'beta': it is left out of that brief (mark the part "
        "'optional: true' if that is expected) [empty]",
        "positions/audiences/briefing.yaml:10:7: note: part 'key-figures' of audience "
        "'briefing' selects nothing from paper 'beta': it is left out of that brief [empty]",
        "positions/beta/demands.yaml:8:7: error: text: missing the 'fr' translation (declared "
        "languages: en, fr) [translation]"]


def test_an_incomplete_language_leaves_out_that_paper_only(library: Path,
                                                           run: Callable[..., Result]) -> None:
    out = library / "out"
    result = run("build", "--root", str(library), "-o", str(out), "-f", "html", "-j", "1")
    assert result.exit_code == 0, result.output
    assert "note: paper 'beta': 'fr' left out, its translation is incomplete (1 text missing, " \
        "listed above)" in result.stderr
    built = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.html"))
    assert built == [
        "alpha/alpha-only.en.html", "alpha/alpha-only.fr.html",  # scoped to alpha
        "alpha/briefing.en.html", "alpha/briefing.fr.html",
        "alpha/delegation.en.html", "alpha/delegation.fr.html",
        "alpha/everyone.en.html", "alpha/everyone.fr.html",
        "beta/briefing.en.html", "beta/delegation.en.html", "beta/everyone.en.html"]
    # beta's French: its three audiences (alpha-only is not made for beta)
    assert result.stdout.startswith("built 11 files:")
    assert result.stdout.endswith("3 files left out: see the notes above\n")
    again = run("build", "--root", str(library), "-o", str(out), "-f", "html", "-j", "1")
    assert again.stdout.startswith("built 0 files, 11 unchanged:")
    assert again.stdout.endswith("3 files left out: see the notes above\n")
    asked = run("build", "--root", str(library), "-o", str(out), "-l", "fr", "--paper", "beta")
    assert asked.exit_code == 1
    assert "Error: paper 'beta': 'fr' cannot be built, its translation is incomplete" \
        in asked.stderr


def test_build_and_list_take_papers(library: Path, run: Callable[..., Result]) -> None:
    out = library / "out"
    result = run("build", "--root", str(library), "--paper", "beta", "-o", str(out), "-f",
                 "html", "-j", "1")
    assert result.exit_code == 0, result.output
    assert sorted(p.parent.name for p in out.rglob("*.html")) == ["beta"] * 3
    listed = run("list", "--root", str(library), "--paper", "beta")
    assert listed.exit_code == 0  # listing is not validating
    assert "alpha:" not in listed.stdout
    assert "  languages: en 100 %, fr 85 % (1 text missing)" in listed.stdout
    unknown = run("list", "--root", str(library), "--paper", "gamma")
    assert unknown.exit_code == 2
    assert "unknown paper 'gamma' for --paper: choose from alpha, beta" in unknown.stderr


def test_nothing_empty_is_printed(library: Path, run: Callable[..., Result]) -> None:
    out = library / "out"
    run("build", "--root", str(library), "-o", str(out), "-f", "html", "-j", "1")
    beta = (out / "beta/briefing.en.html").read_text(encoding="utf-8")
    assert "<h2" in beta and "Examples" not in beta and "Key figures" not in beta
    assert '<span class="num">' not in beta  # one section: no lone "1."
    alpha = (out / "alpha/briefing.en.html").read_text(encoding="utf-8")
    # the paper's own words for the audience and its part; the heading names the addressee
    assert "Briefing for the Board" in alpha and "Cities that already cooperate" in alpha
    assert "What we ask of the Board of the Fund" in alpha
    assert '<span class="num">1.</span>' in alpha and '<span class="num">2.</span>' in alpha


def test_a_brief_with_nothing_in_it_is_not_built(library: Path,
                                                 run: Callable[..., Result]) -> None:
    audience = library / "positions/audiences/alpha-only.yaml"
    audience.write_text(audience.read_text(encoding="utf-8").replace("  papers: [alpha]\n", ""),
                        encoding="utf-8")
    result = run("validate", "--root", str(library))
    assert "positions/audiences/alpha-only.yaml:2:3: warning: audience 'alpha-only' selects " \
        "nothing from paper 'beta': its brief is not built [empty]" in result.stderr
    out = library / "out"
    result = run("build", "--root", str(library), "-a", "alpha-only", "--paper", "beta",
                 "-o", str(out))
    assert result.exit_code == 1
    assert "Error: nothing to build: paper 'beta': 'fr' left out, its translation is " \
        "incomplete (1 text missing, listed above); paper 'beta': audience 'alpha-only' " \
        "selects nothing from it: no 'en' brief" in result.stderr
    assert not out.exists()


def test_internal_content_reaches_internal_audiences_only(library: Path,
                                                         run: Callable[..., Result]) -> None:
    out = library / "out"
    run("build", "--root", str(library), "-o", str(out), "-f", "html", "-f", "docx", "-j", "1")
    for audience in ("everyone", "briefing"):
        for lang in ("en", "fr"):
            page = (out / f"alpha/{audience}.{lang}.html").read_text(encoding="utf-8")
            assert "fallback" not in page.casefold() and "repli" not in page
            assert "vice-chair" not in page and "vice-présidente" not in page
    page = (out / "alpha/delegation.en.html").read_text(encoding="utf-8")
    assert "Our fallback: accept a pilot window." in page
    assert "Contact: the Board's vice-chair backs this." in page.replace("&#39;", "'")


def test_a_public_audience_naming_internal_content_is_refused(
        library: Path, run: Callable[..., Result]) -> None:
    audience = library / "positions/audiences/alpha-only.yaml"
    audience.write_text(audience.read_text(encoding="utf-8").replace(
        "ids: [losses]", "ids: [losses, fallback]"), encoding="utf-8")
    result = run("validate", "--root", str(library))
    assert "positions/audiences/alpha-only.yaml:8:30: error: public audience 'alpha-only' " \
        "selects 'fallback', which is internal (paper 'alpha'): remove it, or mark the " \
        "audience 'internal: true' [internal]" in result.stderr
    built = run("build", "--root", str(library), "-o", str(library / "out"))
    assert built.exit_code == 1 and not (library / "out").exists()


def test_audit_lists_what_each_brief_contains(library: Path,
                                              run: Callable[..., Result]) -> None:
    result = run("audit", "--root", str(library), "--paper", "alpha")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "alpha",
        "  alpha-only (public) en, fr: 1 item",
        "    claim losses",
        "  briefing (public) en, fr: 2 items, 1 key figure",
        "    demand direct-access",
        "    case lagos-lyon",
        "    figure losses-2023",
        "  delegation (internal) en, fr: 5 items",
        "    claim losses",
        "    claim fallback",
        "    case lagos-lyon",
        "    demand direct-access",
        "      internal text: direct-access, point 2",
        "    recommendation pool-data",
        "  everyone (public) en, fr: 4 items",
        "    claim losses",
        "    case lagos-lyon",
        "    demand direct-access",
        "    recommendation pool-data"]


def test_selections_are_checked_like_positions(library: Path,
                                               run: Callable[..., Result]) -> None:
    audience = library / "positions/audiences/briefing.yaml"
    audience.write_text("""\
audience:
  id: briefing
  label: {en: "Briefing", fr: "Note"}
  papers: [alpah]
  parts:
    - kind: demands
      select: {kinds: [recomendation], roles: [funder], regions: [afrika]}
      group_by: adressee
""", encoding="utf-8")
    result = run("validate", "--root", str(library))
    assert lines(result.stderr, "briefing.yaml") == [
        "positions/audiences/briefing.yaml:7:24: error: kinds: 'recomendation' is not allowed "
        "(did you mean 'recommendation'?) [schema]",
        "positions/audiences/briefing.yaml:7:48: error: roles: 'funder' is not allowed (did you "
        "mean 'funders'?) [schema]",
        "positions/audiences/briefing.yaml:8:17: error: group_by: 'adressee' is not allowed "
        "(did you mean 'addressee'?) [schema]"]
    audience.write_text(audience.read_text(encoding="utf-8").replace(
        "kinds: [recomendation], roles: [funder], ", "").replace("group_by: adressee", ""),
        encoding="utf-8")
    result = run("validate", "--root", str(library))
    assert lines(result.stderr, "briefing.yaml") == [
        "positions/audiences/briefing.yaml:4:12: error: unknown paper 'alpah' (did you mean "
        "'alpha'?) [ref]",
        "positions/audiences/briefing.yaml:7:26: error: unknown region 'afrika' (did you mean "
        "'africa'?) [ref]"]


def test_regions_come_from_cldr_containment() -> None:
    names = {code: ident for ident, code in region_ids().items()}
    assert names[continent("ES")] == "europe"  # not Africa/Ceuta
    assert names[continent("US")] == names[continent("BR")] == "americas"
    assert names[continent("JP")] == "asia"
    assert names[continent("UG")] == names[continent("SN")] == "africa"
    assert {"sub-saharan-africa", "latin-america", "western-europe"} <= set(region_ids())


def test_labels_fill_only_their_placeholders() -> None:
    assert fill("{n} years", n=20) == "20 years"
    assert fill("{n.__class__.__mro__} {x} {", n=20) == "{n.__class__.__mro__} {x} {"


@pytest.mark.parametrize("langs", [(), ("fr",), ("en", "fr")])
def test_init_makes_a_project_that_validates_strictly_and_builds(
        tmp_path: Path, run: Callable[..., Result], langs: tuple[str, ...]) -> None:
    root = tmp_path / "coalition"
    flags = [arg for lang in langs for arg in ("-l", lang)]
    made = run("init", str(root), *flags)
    assert made.exit_code == 0, made.output
    assert not (root / "templates").exists()  # the package's templates serve
    assert sorted(p.name for p in (root / "positions/audiences").iterdir()) == [
        "donors.yaml", "full.yaml", "local-authorities.yaml", "negotiators.yaml", "press.yaml"]
    checked = run("validate", "--strict", "--root", str(root))
    assert checked.exit_code == 0, checked.output
    out = tmp_path / "out"
    built = run("build", "--root", str(root), "-o", str(out), "-f", "html", "-j", "1")
    assert built.exit_code == 0, built.output
    expected_langs = list(langs) or ["en"]
    assert sorted(p.name for p in (out / "example-paper").iterdir()) == sorted(
        f"{a}.{lang}.html" for a in ("donors", "full", "local-authorities", "negotiators",
                                     "press") for lang in expected_langs)
    again = run("init", str(root))
    assert again.exit_code == 1 and "is not empty" in again.stderr


def test_init_refuses_a_language_it_has_no_starter_for(tmp_path: Path,
                                                       run: Callable[..., Result]) -> None:
    result = run("init", str(tmp_path / "x"), "-l", "sw")
    assert result.exit_code == 2
    assert "no starter in 'sw' yet: choose among en, fr" in result.stderr


def test_an_unsourced_figure_never_borrows_its_claims_sources(
        library: Path, run: Callable[..., Result]) -> None:
    content = library / "positions/alpha/content.yaml"
    content.write_text(content.read_text(encoding="utf-8").replace(
        "        unsourced: true\n",
        "        unsourced: true\n    sources:\n      - title: \"A report on something else\"\n"),
        encoding="utf-8")
    out = library / "out"
    result = run("build", "--root", str(library), "--paper", "alpha", "-a", "alpha-only",
                 "-l", "en", "-f", "html", "-o", str(out))
    assert result.exit_code == 0, result.output
    page = (out / "alpha/alpha-only.en.html").read_text(encoding="utf-8")
    assert '<li id="note-1">No source is given for this figure.</li>' in page


def test_an_internal_short_text_gives_way_to_the_full_one(library: Path,
                                                         run: Callable[..., Result]) -> None:
    content = library / "positions/alpha/content.yaml"
    content.write_text(content.read_text(encoding="utf-8").replace(
        '    text: {en: "Open direct access.", fr: "Ouvrir l’accès direct."}\n',
        '    text: {en: "Open direct access.", fr: "Ouvrir l’accès direct."}\n'
        '    short: {en: "Push hard on access.", fr: "Insister sur l’accès.", internal: true}\n'),
        encoding="utf-8")
    audience = library / "positions/audiences/briefing.yaml"
    audience.write_text(audience.read_text(encoding="utf-8").replace(
        "      group_by: addressee\n", "      group_by: addressee\n      form: short\n"),
        encoding="utf-8")
    out = library / "out"
    result = run("build", "--root", str(library), "--paper", "alpha", "-a", "briefing",
                 "-l", "en", "-f", "html", "-o", str(out))
    assert result.exit_code == 0, result.output
    page = (out / "alpha/briefing.en.html").read_text(encoding="utf-8")
    assert "Open direct access." in page and "Push hard" not in page


def test_every_project_command_takes_root(library: Path, run: Callable[..., Result]) -> None:
    for command in (("validate",), ("list",), ("audit",), ("schema", "paper"),
                    ("build", "-f", "html", "-o", str(library / "out"))):
        result = run(command[0], "--root", str(library), *command[1:])
        assert "no such option" not in result.output, command
        assert result.exit_code in (0, 1), (command, result.output)


def test_internal_briefs_say_so_on_every_page(library: Path, run: Callable[..., Result]) -> None:
    out = library / "out"
    result = run("build", "--root", str(library), "--paper", "alpha", "-a", "delegation",
                 "-a", "everyone", "-l", "en", "-o", str(out), "-j", "1")
    assert result.exit_code == 0, result.output
    import docx as python_docx
    from pypdf import PdfReader

    for audience, marked in (("delegation", True), ("everyone", False)):
        html = (out / f"alpha/{audience}.en.html").read_text(encoding="utf-8")
        assert ("Internal – not for circulation" in html) is marked
        pages = [p.extract_text() for p in PdfReader(out / f"alpha/{audience}.en.pdf").pages]
        assert all(("Internal – not for circulation" in p) is marked for p in pages)
        document = python_docx.Document(str(out / f"alpha/{audience}.en.docx"))
        text = "\n".join(p.text for p in document.paragraphs)
        assert ("Internal – not for circulation" in text) is marked


def test_labels_in_print_styles_are_css_strings() -> None:
    from plaidoyer.render.html import css_string

    assert css_string('Page — "x" </style>\\') == '"Page — \\22 x\\22  \\3C /style\\3E \\5C "'


def test_outputs_are_readable_by_whom_the_umask_allows(library: Path,
                                                       run: Callable[..., Result]) -> None:
    import os

    old = os.umask(0o022)
    try:
        out = library / "out"
        run("build", "--root", str(library), "--paper", "beta", "-f", "html", "-o", str(out))
    finally:
        os.umask(old)
    modes = {oct(p.stat().st_mode & 0o777) for p in out.rglob("*.html")}
    assert modes == {oct(0o644)}


def test_every_format_prints_the_same_items_and_examples(library: Path,
                                                         run: Callable[..., Result]) -> None:
    """A block whose first ask has no example used to lose the second ask's example in HTML
    and PDF (the layout was decided from the first item): each format must print both asks
    and the example."""
    content = library / "positions/alpha/content.yaml"
    content.write_text(content.read_text(encoding="utf-8").replace("demands:\n", """demands:
  - id: first-ask
    kind: demand
    topic: finance
    addressee: board
    flagship: true
    text: {en: "Publish the pipeline.", fr: "Publier la liste des projets."}
""", 1), encoding="utf-8")
    paper = library / "positions/alpha/paper.yaml"
    paper.write_text(paper.read_text(encoding="utf-8").replace(
        "items: [direct-access, pool-data]", "items: [first-ask, direct-access, pool-data]"),
        encoding="utf-8")
    audience = library / "positions/audiences/briefing.yaml"
    audience.write_text(audience.read_text(encoding="utf-8").replace(
        "      group_by: addressee\n", "      group_by: addressee\n      cases_per_demand: 1\n"),
        encoding="utf-8")
    out = library / "out"
    result = run("build", "--root", str(library), "--paper", "alpha", "-a", "briefing", "-l",
                 "en", "-o", str(out), "-j", "1")
    assert result.exit_code == 0, result.output
    import docx as python_docx
    from pypdf import PdfReader

    from .conftest import pdf_body_text

    texts = {
        "html": re.sub(r"<[^>]+>", "", (out / "alpha/briefing.en.html").read_text("utf-8")),
        "pdf": pdf_body_text(out / "alpha/briefing.en.pdf") + " ".join(
            p.extract_text() for p in PdfReader(out / "alpha/briefing.en.pdf").pages),
        "docx": "\n".join(p.text for p in python_docx.Document(
            str(out / "alpha/briefing.en.docx")).paragraphs),
    }
    for fmt, text in texts.items():
        flat = re.sub(r"\s+", " ", text)
        for expected in ("Publish the pipeline.", "Open direct access.",
                         "In practice – Lagos – Lyon", "A shared flood plan."):
            assert expected in flat, (fmt, expected)


def test_sources_are_printed_wherever_their_owner_is(library: Path,
                                                     run: Callable[..., Result]) -> None:
    content = library / "positions/alpha/content.yaml"
    content.write_text(content.read_text(encoding="utf-8").replace(
        "    cases: [lagos-lyon]\n", """    cases: [lagos-lyon]
    sources:
      - title: "Resilience: Capturing the value of adaptation"
        authors: [A. Author, B. Author]
        publisher: Global Center
        year: 2022
        year_end: 2023
        page: "12–15"
        url: https://example.org/resilience
        accessed: 2024-10-01
        language: en
""", 1), encoding="utf-8")
    out = library / "out"
    result = run("build", "--root", str(library), "--paper", "alpha", "-a", "briefing",
                 "-o", str(out), "-j", "1")
    assert result.exit_code == 0, result.output
    fr = (out / "alpha/briefing.fr.html").read_text(encoding="utf-8").replace("\u00a0", " ")
    # the English title keeps English typography in a French brief, and its language
    assert ('A. Author, B. Author, <cite lang="en">Resilience: Capturing the value of '
            'adaptation</cite>, Global Center, 2022–2023, p. 12–15, '
            '<a href="https://example.org/resilience">https://example.org/resilience</a> '
            '(consulté le 1 octobre 2024).') in fr
    en = (out / "alpha/briefing.en.html").read_text(encoding="utf-8")
    assert "Open direct access.<a class=\"note-ref\" href=\"#note-" in en
    import zipfile

    with zipfile.ZipFile(out / "alpha/briefing.fr.docx") as archive:  # Word footnotes
        notes = archive.read("word/footnotes.xml").decode()
        rels = archive.read("word/_rels/footnotes.xml.rels").decode()
    assert "<w:hyperlink" in notes and 'Target="https://example.org/resilience"' in rels
    assert '<w:lang w:val="en-GB"/>' in notes
    from .conftest import pdf_body_text

    assert "Resilience: Capturing the value" in re.sub(
        r"\s+", " ", pdf_body_text(out / "alpha/briefing.fr.pdf"))


def test_commitments_several_addressees_and_no_topic(library: Path,
                                                     run: Callable[..., Result]) -> None:
    content = library / "positions/alpha/content.yaml"
    content.write_text(content.read_text(encoding="utf-8") + """\
  - id: joint-ask
    kind: demand
    addressees: [board, parties]
    flagship: true
    text: {en: "Agree the guidelines together.", fr: "Adopter ensemble les lignes directrices."}
  - id: we-report
    kind: commitment
    flagship: true
    text: {en: "We will report our losses every year.",
           fr: "Nous rendrons compte de nos pertes chaque année."}
""", encoding="utf-8")
    paper = library / "positions/alpha/paper.yaml"
    paper.write_text(paper.read_text(encoding="utf-8").replace(
        "items: [direct-access, pool-data]", "items: [direct-access, pool-data, joint-ask, "
        "we-report]").replace("  outline:", """    - id: parties
      roles: [parties]
      label: {en: "Parties", fr: "Parties"}
      addressed: {en: "the Parties", fr: "aux Parties"}
  outline:"""), encoding="utf-8")
    result = run("validate", "--root", str(library))
    assert [line for line in result.stderr.splitlines() if "alpha" in line
            and (": error:" in line or ": warning:" in line)] == []
    out = library / "out"
    result = run("build", "--root", str(library), "--paper", "alpha", "-a", "briefing",
                 "-f", "html", "-o", str(out))
    assert result.exit_code == 0, result.output
    page = (out / "alpha/briefing.en.html").read_text(encoding="utf-8")
    assert "What we ask of the Board of the Fund and the Parties" in page
    assert "What we commit to" in page and "We will report our losses every year." in page
    fr = (out / "alpha/briefing.fr.html").read_text(encoding="utf-8")
    assert "Ce que nous demandons au Conseil du Fonds et aux Parties" in fr
    listed = run("list", "--root", str(library), "--paper", "alpha")
    assert "    to Board of the Fund + Parties [funders, parties]: 1" in listed.stdout
    assert "  commitments: 1\n    to (the coalition itself): 1\n      (no topic): 1, 1 flagship" \
        in listed.stdout


@pytest.mark.parametrize(("fields", "message"), [
    ("addressee: board\n    addressees: [board]",
     "write either 'addressee: one-id' or 'addressees: [id, id]'"),
    ("", "a demand needs an 'addressee' (or 'addressees'); only a commitment may have none"),
])
def test_whom_a_demand_is_addressed_to_is_checked(library: Path, run: Callable[..., Result],
                                                  fields: str, message: str) -> None:
    content = library / "positions/alpha/content.yaml"
    content.write_text(content.read_text(encoding="utf-8").replace(
        "    addressee: board\n", f"    {fields}\n" if fields else ""), encoding="utf-8")
    result = run("validate", "--root", str(library))
    assert f"positions/alpha/content.yaml:32:5: error: {message} [schema]" in result.stderr


ANCHORED = """\
  - id: transparency
    kind: demand
    addressee: board
    text: {en: "Count local action.", fr: "Compter l’action locale."}
    anchors: [{instrument: paris-agreement, article: "13"}]
  - id: losses-window
    kind: demand
    addressee: board
    text: {en: "Open a window for losses.", fr: "Ouvrir un guichet pour les pertes."}
    anchors: [{decision: "2/CMA.4"}, {instrument: paris-agreement, article: "8"}]
  - id: agenda-ask
    kind: demand
    addressee: board
    text: {en: "Put cities on the agenda.", fr: "Inscrire les villes à l’ordre du jour."}
    anchors: [{body: SBI, session: 60, item: "5(b)"}]
"""


def test_demands_read_in_the_order_of_the_negotiating_text(library: Path,
                                                           run: Callable[..., Result]) -> None:
    content = library / "positions/alpha/content.yaml"
    content.write_text(content.read_text(encoding="utf-8") + ANCHORED, encoding="utf-8")
    paper = library / "positions/alpha/paper.yaml"
    paper.write_text(paper.read_text(encoding="utf-8").replace(
        "items: [direct-access, pool-data]",
        "items: [direct-access, pool-data, transparency, losses-window, agenda-ask]"),
        encoding="utf-8")
    (library / "positions/audiences/text.yaml").write_text("""\
audience:
  id: text
  label: {en: "By the negotiating text", fr: "Selon le texte de négociation"}
  papers: [alpha]
  parts:
    - kind: demands
      select: {kinds: [demand]}
      group_by: anchor
      order_by: anchor
""", encoding="utf-8")
    out = library / "out"
    result = run("build", "--root", str(library), "--paper", "alpha", "-a", "text", "-f",
                 "html", "-o", str(out))
    assert result.exit_code == 0, result.output
    page = re.sub(r"<[^>]+>", "", (out / "alpha/text.en.html").read_text(encoding="utf-8")
                  ).replace("\u00a0", " ")  # "SBI 60" is kept whole by a no-break space
    order = [page.index(words) for words in (
        "The Paris Agreement", "Open a window for losses.",
        "Paris Agreement, Article 8 · Decision 2/CMA.4", "Count local action.",
        "The SBI agenda", "Put cities on the agenda.",
        "SBI 60, agenda item 5(b)", "Other asks", "Open direct access.")]
    assert order == sorted(order)
    assert "Decisions" not in page  # grouped by the first anchor in the text's order
    fr = (out / "alpha/text.fr.html").read_text(encoding="utf-8").replace("\u00a0", " ")
    assert "SBI 60, point 5(b) de l’ordre du jour" in fr


@pytest.mark.parametrize(("anchor", "message"), [
    ('{decision: "1/COP21"}', "decision: '1/COP21' is not a decision symbol such as "
     "'1/CP.21', '2/CMA.4' or '-/CP.28' [schema]"),
    ('{instrument: paris-agreement}', "an article needs both 'instrument' and 'article'"),
    ('{decision: "1/CP.21", body: SBI}', "an anchor is one of: 'instrument' with "
     "'article'; a 'decision' such as 1/CP.21; 'body', 'session' and 'item'"),
])
def test_anchors_are_checked(library: Path, run: Callable[..., Result], anchor: str,
                             message: str) -> None:
    content = library / "positions/alpha/content.yaml"
    content.write_text(content.read_text(encoding="utf-8").replace(
        "    cases: [lagos-lyon]\n", f"    cases: [lagos-lyon]\n    anchors: [{anchor}]\n"),
        encoding="utf-8")
    result = run("validate", "--root", str(library))
    assert "positions/alpha/content.yaml:" in result.stderr and message in result.stderr, \
        result.stderr


def test_words_in_another_language_keep_their_typography(library: Path,
                                                         run: Callable[..., Result]) -> None:
    content = library / "positions/alpha/content.yaml"
    content.write_text(content.read_text(encoding="utf-8").replace(
        'fr: "Les villes ont perdu {losses-2023} en 2023."',
        'fr: "Selon [Resilience: a review]{lang=en}, les villes ont perdu {losses-2023} : '
        'voir [Bericht: Städte]{lang=de}."'), encoding="utf-8")
    out = library / "out"
    result = run("build", "--root", str(library), "--paper", "alpha", "-a", "everyone", "-l",
                 "fr", "-f", "html", "-f", "docx", "-o", str(out))
    assert result.exit_code == 0, result.output
    page = (out / "alpha/everyone.fr.html").read_text(encoding="utf-8")
    assert ('Selon <span lang="en">Resilience: a review</span>, les villes ont perdu 12\u00a0'
            'milliards de dollars des États-Unis') in page
    assert '\u202f: voir <span lang="de">Bericht: Städte</span>.' in page
    import zipfile

    with zipfile.ZipFile(out / "alpha/everyone.fr.docx") as archive:
        body = archive.read("word/document.xml").decode()
    assert '<w:lang w:val="en-GB"/>' in body and '<w:lang w:val="de-DE"/>' in body
    content.write_text(content.read_text(encoding="utf-8").replace("{lang=de}", "{lang=xx}"),
                       encoding="utf-8")
    result = run("validate", "--root", str(library))
    assert "'xx' in '[Bericht: Städte]{lang=xx}' is not a language code" in result.stderr


def test_a_value_no_audience_prints_is_a_warning(library: Path,
                                                 run: Callable[..., Result]) -> None:
    content = library / "positions/alpha/content.yaml"
    content.write_text(content.read_text(encoding="utf-8").replace(
        '    text: {en: "A shared flood plan."', '    short: {en: "Flood plan.", fr: "Plan."}\n'
        '    summary: {en: "A shared flood plan."').replace(
        '    summary: {en: "A shared flood plan.", fr: "Un plan commun contre les crues."}\n',
        '    summary: {en: "A shared flood plan.", fr: "Un plan commun contre les crues."}\n'
        '    short: {en: "Flood plan.", fr: "Plan."}\n'), encoding="utf-8")
    result = run("validate", "--root", str(library))
    assert "positions/alpha/content.yaml:30:12: warning: case 'lagos-lyon': no audience " \
        "prints the short form of cases, so this 'short' text is never printed [unprinted]" \
        in result.stderr


@pytest.mark.parametrize("name", ["../positions/evil.docx", "/etc/passwd.docx",
                                  "templates/../../x.docx", "missing.docx"])
def test_audiences_name_templates_inside_the_template_folders_only(
        library: Path, run: Callable[..., Result], name: str) -> None:
    (library / "positions/evil.docx").write_bytes(b"PK not a template")
    audience = library / "positions/audiences/everyone.yaml"
    audience.write_text(audience.read_text(encoding="utf-8").replace(
        "  cover: false\n", f"  cover: false\n  templates: {{docx: \"{name}\"}}\n"),
        encoding="utf-8")
    result = run("validate", "--root", str(library))
    assert "positions/audiences/everyone.yaml:5:14: error: templates: docx" in result.stderr
    built = run("build", "--root", str(library), "-a", "everyone", "-f", "docx",
                "-o", str(library / "out"))
    assert built.exit_code == 1 and not (library / "out").exists()


def test_a_template_link_leading_out_is_not_followed(tmp_path: Path) -> None:
    from plaidoyer.resources import TemplateSet

    outside = tmp_path / "secret.css"
    outside.write_text("secret", encoding="utf-8")
    templates = tmp_path / "project" / "templates"
    templates.mkdir(parents=True)
    (templates / "brief.css").symlink_to(outside)
    found = TemplateSet.for_project(templates).find("brief.css")
    assert found is not None and found.read_text(encoding="utf-8") != "secret"


def test_a_changed_source_text_leaves_its_translations_stale(
        library: Path, run: Callable[..., Result]) -> None:
    confirmed = run("translate", "confirm", "--root", str(library), "--paper", "alpha")
    assert confirmed.exit_code == 0, confirmed.output
    assert "alpha: 23 translations confirmed as current" in confirmed.stdout
    assert (library / "positions/alpha/.translations.yaml").exists()
    assert run("validate", "--root", str(library), "--strict").stderr.count("[stale]") == 0
    content = library / "positions/alpha/content.yaml"
    content.write_text(content.read_text(encoding="utf-8").replace(
        'text: {en: "Open direct access.",', 'text: {en: "Open direct access now.",'),
        encoding="utf-8")
    result = run("validate", "--root", str(library), "--strict")
    assert result.exit_code == 1
    assert [line for line in result.stderr.splitlines() if "[stale]" in line] == [
        "positions/alpha/content.yaml:37:11: warning: 'fr' translation of "
        "demand:direct-access.text is older than the 'en' source text (changed since): "
        "update it, then run 'plaidoyer translate confirm --paper alpha' [stale]"]
    listed = run("list", "--root", str(library), "--paper", "alpha")
    assert "  languages: en 100 %, fr 100 % (1 stale)" in listed.stdout
    # spacing and wrapping of the source are no change
    content.write_text(content.read_text(encoding="utf-8").replace(
        "Open direct access now.", "Open  direct access now."), encoding="utf-8")
    assert run("translate", "confirm", "--root", str(library), "--paper", "alpha",
               "-l", "fr").stdout.startswith("alpha: 1 translation confirmed")
    result = run("validate", "--root", str(library))
    assert "[stale]" not in result.stderr


def test_diagnostics_for_tools_and_pull_requests(library: Path,
                                                 run: Callable[..., Result]) -> None:
    import json

    result = run("validate", "--root", str(library), "--diagnostics", "json")
    objects = [json.loads(line) for line in result.stdout.splitlines()]
    assert objects[-1] == {
        "file": "positions/beta/demands.yaml", "line": 8, "column": 7, "severity": "error",
        "kind": "translation",
        "message": "text: missing the 'fr' translation (declared languages: en, fr)"}
    result = run("validate", "--root", str(library), "--diagnostics", "github")
    assert result.stdout.splitlines()[-1] == (
        "::error file=positions/beta/demands.yaml,line=8,col=7,title=translation::text: "
        "missing the 'fr' translation (declared languages: en, fr)")
    assert result.exit_code == 1
    built = run("build", "--root", str(library), "--diagnostics", "github", "-f", "html",
                "-o", str(library / "out"))
    assert "::error file=positions/beta/demands.yaml,line=8" in built.stdout
