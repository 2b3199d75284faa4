"""Each validation rule on a small broken fixture: exact file, line, column and message."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

PAPER = "positions/mini-paper"


def write(root: Path, name: str, text: str | bytes) -> None:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(textwrap.dedent(text), encoding="utf-8")


def diagnostics(result: Result) -> list[str]:
    """The problem lines of a run, without the summary and notes."""
    return [line for line in result.stderr.splitlines() if ": error: " in line
            or ": warning: " in line]


def test_minimal_project_is_clean(minimal: Path, run: Callable[..., Result]) -> None:
    result = run("validate", "--strict", "--root", str(minimal))
    assert result.exit_code == 0, result.stderr
    assert diagnostics(result) == []
    assert "0 errors, 0 warnings" in result.stderr


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        pytest.param(
            b"claims:\n  - id: caf\xe9\n",
            "mini-paper/bad.yaml:2:12: error: the file is not UTF-8 text (byte 0xe9): save it "
            "again as UTF-8 in your editor [encoding]",
            id="not-utf8",
        ),
        pytest.param(
            "", "mini-paper/bad.yaml:1:1: error: the file is empty: add content or delete it "
            "[syntax]", id="empty",
        ),
        pytest.param(
            "# only a comment\n", "mini-paper/bad.yaml:1:1: error: the file holds only "
            "comments: add content [syntax]", id="comments-only",
        ),
        pytest.param(
            "claims: [\n", "mini-paper/bad.yaml:2:1: error: invalid YAML: expected the node "
            "content, but found '<stream end>' [syntax]", id="syntax",
        ),
        pytest.param(
            "claims:\n  - id: a\n    id: b\n",
            "mini-paper/bad.yaml:3:5: error: duplicate key 'id' (first written at line 2): YAML "
            "would silently keep only the last one; merge or remove one [duplicate-key]",
            id="duplicate-key",
        ),
        pytest.param(
            "claims: !!python/object:os.system {}\n",
            "mini-paper/bad.yaml:1:9: error: YAML tag 'tag:yaml.org,2002:python/object:os.system'"
            " is not allowed: remove it [syntax]", id="object-tag",
        ),
        pytest.param(
            "claims:\n  - id: extra\n    tags: []\n",
            "mini-paper/bad.yaml:2:5: error: missing required field 'text': add a 'text:' line "
            "here [schema]", id="missing-field",
        ),
        pytest.param(
            "cases:\n  - id: c\n    title: {fr: a, en: b}\n    sumary: {fr: a, en: b}\n"
            "    summary: {fr: a, en: b}\n    partners:\n      - {territory: {fr: a, en: b},"
            " country: SN, level: region}\n",
            "mini-paper/bad.yaml:4:5: error: unknown field 'sumary' (did you mean 'summary'?) "
            "[schema]", id="unknown-field",
        ),
        pytest.param(
            "cases:\n  - id: c\n    title: {fr: a, en: b}\n    summary: {fr: a, en: b}\n"
            "    partners:\n      - {territory: {fr: a, en: b}, country: SN, level: town}\n",
            "mini-paper/bad.yaml:6:57: error: level: 'town' is not allowed: use 'region', "
            "'state', 'district', 'municipality' or 'ngo' [schema]", id="enum",
        ),
        pytest.param(
            "claims:\n  - id: Bad_Id\n    text: {fr: a, en: b}\n",
            "mini-paper/bad.yaml:2:9: error: 'Bad_Id' is not a valid id: use lower-case letters,"
            " digits and single hyphens, such as 'dakar-ile-de-france' [schema]", id="bad-id",
        ),
        pytest.param(
            "claims:\n  - id: plain\n    text: just French\n",
            "mini-paper/bad.yaml:3:11: error: a translatable text needs one entry per language,"
            " such as 'fr: …' and 'en: …' on their own lines [schema]", id="text-not-mapping",
        ),
        pytest.param(
            "claims:\n  - id: n\n    text: {fr: a, en: b}\n    figures:\n      - id: f\n"
            "        value: lots\n        unit: count\n        measures: {fr: a, en: b}\n",
            "mini-paper/bad.yaml:6:16: error: value: expected a number [schema]",
            id="wrong-type",
        ),
    ],
)
def test_file_level_rules(minimal: Path, run: Callable[..., Result], content: str | bytes,
                          expected: str) -> None:
    write(minimal, f"{PAPER}/bad.yaml", content)
    result = run("validate", "--root", str(minimal))
    assert result.exit_code == 1
    assert diagnostics(result) == [f"positions/{expected}"]
    assert "Traceback" not in result.output


def test_every_problem_of_every_file_in_one_run(minimal: Path, run: Callable[..., Result]) -> None:
    write(minimal, f"{PAPER}/one.yaml", "claims:\n  - id: a\n    id: b\n")
    write(minimal, f"{PAPER}/two.yaml", "claims:\n  - id: x\n    text: {fr: a, en: b}\n"
          "    tags: [Nope]\n  - id: y\n")
    result = run("validate", "--root", str(minimal))
    assert diagnostics(result) == [
        "positions/mini-paper/one.yaml:3:5: error: duplicate key 'id' (first written at line 2):"
        " YAML would silently keep only the last one; merge or remove one [duplicate-key]",
        "positions/mini-paper/two.yaml:4:12: error: 'Nope' is not a valid id: use lower-case "
        "letters, digits and single hyphens, such as 'dakar-ile-de-france' [schema]",
        "positions/mini-paper/two.yaml:5:5: error: missing required field 'text': add a 'text:' "
        "line here [schema]",
    ]
    assert result.stderr.splitlines()[-1] == "Error: the positions have problems: 3 errors, " \
        "0 warnings"


def edit(root: Path, name: str, old: str, new: str) -> None:
    path = root / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [
        pytest.param(
            "demands.yaml", "cases: [dakar-paris]", "cases: [dakar-pari]",
            ["demands.yaml:8:13: error: unknown case 'dakar-pari' (did you mean 'dakar-paris'?) "
             "[ref]"], id="dangling-case",
        ),
        pytest.param(
            "cases.yaml", "illustrates: [open-funds]", "illustrates: [mrv-2]",
            ["cases.yaml:9:19: error: unknown demand 'mrv-2': no demand has this id [ref]",
             "demands.yaml:8:13: warning: demand 'open-funds' names case 'dakar-paris', but the "
             "case does not list 'open-funds' under 'illustrates': add it [ref]"],
            id="dangling-demand",
        ),
        pytest.param(
            "demands.yaml", "topic: finance", "topic: financ",
            ["demands.yaml:4:12: error: unknown topic 'financ' (did you mean 'finance'?) [ref]"],
            id="dangling-topic",
        ),
        pytest.param(
            "demands.yaml", "id: open-funds", "id: oda",
            ["demands.yaml:2:9: error: duplicate item id 'oda' (first defined at "
             "positions/mini-paper/claims.yaml:2:9): ids must be unique; rename one "
             "[duplicate-id]",
             "cases.yaml:9:19: error: unknown demand 'open-funds': no demand has this id [ref]",
             "demands.yaml:8:13: warning: demand 'oda' names case 'dakar-paris', but the case "
             "does not list 'oda' under 'illustrates': add it [ref]",
             "paper.yaml:35:19: error: unknown item 'open-funds': no item has this id [ref]"],
            id="duplicate-id",
        ),
        pytest.param(
            "paper.yaml", "items: [oda]", "items: [oda, oda]",
            ["paper.yaml:25:24: error: 'oda' is already placed in the outline at "
             "positions/mini-paper/paper.yaml:25:19: an item appears once [outline]"],
            id="placed-twice",
        ),
        pytest.param(
            "paper.yaml", "- items: [oda]", "- text: {fr: a, en: b}",
            ["claims.yaml:2:9: warning: 'oda' is not placed in the outline: add it to a section"
             " of paper.yaml, or the full brief will miss it [outline]"],
            id="not-placed",
        ),
        pytest.param(
            "cases.yaml", 'summary: {fr: "Un plan climat.", en: "A climate plan."}',
            'summary: {fr: "Un plan climat."}',
            ["cases.yaml:8:14: error: summary: missing the 'en' translation (declared languages:"
             " fr, en) [translation]"], id="missing-translation",
        ),
        pytest.param(
            "claims.yaml", 'en: "Aid amounted to {oda-2013} in 2013."',
            'en: "Aid amounted to EUR 60 million in 2013."',
            ["claims.yaml:4:7: error: text (en) prints figures none but the fr text prints "
             "['oda-2013']: every language must print the same figures [translation]"],
            id="figure-dropped-in-translation",
        ),
        pytest.param(
            "claims.yaml", "{oda-2013} en 2013", "{oda-2031} en 2013",
            ["claims.yaml:4:7: error: text (en) prints figures ['oda-2013'] but the fr text "
             "prints ['oda-2031']: every language must print the same figures [translation]",
             "claims.yaml:4:7: error: text (fr): unknown figure 'oda-2031' (did you mean "
             "'oda-2013'?) [ref]"], id="unknown-figure",
        ),
        pytest.param(
            "claims.yaml", "        unsourced: true\n", "",
            ["claims.yaml:7:9: warning: figure 'oda-2013' has no source: add 'sources:' or, if "
             "the original gives none, 'unsourced: true' [source]"], id="unsourced-figure",
        ),
        pytest.param(
            "demands.yaml", 'en: "Open the funds."', 'en: "Open the UN Climate Convention funds."',
            ["demands.yaml:7:11: warning: text (en): 'UN Climate Convention' is a forbidden "
             "spelling: write 'United Nations Framework Convention on Climate Change' [glossary]"],
            id="forbidden-spelling",
        ),
        pytest.param(
            "paper.yaml", "source_language: fr", "source_language: de",
            ["paper.yaml:2:3: error: source_language 'de' is not one of the declared languages "
             "(fr, en) [schema]"], id="source-language-undeclared",
        ),
        pytest.param(
            "paper.yaml", "end: 2015-12-12", "end: 2015-11-12",
            ["paper.yaml:8:5: error: the event ends before it starts [schema]"],
            id="event-ends-before-start",
        ),
        pytest.param(
            "paper.yaml", "    - id: parties", "    - id: finance",
            ["demands.yaml:5:16: error: unknown addressee 'parties': no addressee has this id "
             "[ref]"], id="dangling-addressee",
        ),
        pytest.param(
            "paper.yaml", "  addressees:\n    - id: parties",
            "  addressees:\n    - id: parties\n      roles: [parties]\n      label: {fr: a, en: b}"
            "\n    - id: parties",
            ["paper.yaml:21:11: error: duplicate addressee id 'parties' (first defined at "
             "positions/mini-paper/paper.yaml:18:11): ids must be unique; rename one "
             "[duplicate-id]"], id="duplicate-addressee",
        ),
        pytest.param(
            "claims.yaml", "        unsourced: true\n",
            "        unsourced: true\n        sources:\n          - title: Rapport\n",
            ["claims.yaml:7:9: error: figure 'oda-2013' has sources and 'unsourced: true': "
             "remove one [source]"], id="sourced-and-unsourced",
        ),
        pytest.param(
            "cases.yaml", 'summary: {fr: "Un plan climat.", en: "A climate plan."}',
            'summary: {fr: "Un plan climat.", en: "A climate plan.", de: "Ein Klimaplan."}',
            ["cases.yaml:8:14: warning: summary: 'de' is not a declared language (fr, en): "
             "declare it or remove it [translation]"], id="undeclared-language",
        ),
    ],
)
def test_cross_file_rules(minimal: Path, run: Callable[..., Result], file: str, old: str,
                          new: str, expected: list[str]) -> None:
    edit(minimal, f"{PAPER}/{file}", old, new)
    result = run("validate", "--strict", "--root", str(minimal))
    assert result.exit_code == 1
    assert sorted(diagnostics(result)) == sorted(f"positions/mini-paper/{e}" for e in expected)


def test_glossary_conflicts(minimal: Path, run: Callable[..., Result]) -> None:
    write(minimal, "glossary/more.yaml", """\
        terms:
          - id: un-convention
            term: {fr: "La Convention", en: "UNFCCC"}
            definition: {fr: "x", en: "y"}
          - id: climate-treaty
            term: {fr: "Traité", en: "Treaty"}
            definition: {fr: "x", en: "y"}
            forbidden: {fr: ["CCNUCC"], en: []}
        """)
    result = run("validate", "--root", str(minimal))
    assert diagnostics(result) == [
        "glossary/more.yaml:5:5: error: 'CCNUCC' (fr) is forbidden in 'climate-treaty' but "
        "accepted in 'unfccc': decide which [glossary]",
        "glossary/terms.yaml:2:5: error: 'UNFCCC' (en) is a spelling of both 'un-convention' "
        "and 'unfccc': keep it in one term [glossary]",
    ]


def test_warnings_fail_only_under_strict(minimal: Path, run: Callable[..., Result]) -> None:
    edit(minimal, f"{PAPER}/paper.yaml", "- items: [oda]", "- text: {fr: a, en: b}")
    assert run("validate", "--root", str(minimal)).exit_code == 0
    assert run("validate", "--strict", "--root", str(minimal)).exit_code == 1


def test_missing_positions_folder(tmp_path: Path, run: Callable[..., Result]) -> None:
    result = run("validate", "--root", str(tmp_path))
    assert result.exit_code == 1
    assert diagnostics(result) == [
        "positions: error: no 'positions' folder here: run plaidoyer from the project folder or"
        " give --root [layout]"]


@pytest.mark.parametrize("kind", ["paper", "content", "glossary", "audience"])
def test_json_schema_for_editors(run: Callable[..., Result], kind: str) -> None:
    import json

    result = run("schema", kind)
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["additionalProperties"] is False
    defs = schema.get("$defs", {})
    assert defs and all("at" not in d.get("properties", {}) for d in defs.values())


def test_broken_audience_is_located(minimal: Path, run: Callable[..., Result]) -> None:
    write(minimal, "positions/audiences/bad.yaml", """\
        audience:
          id: bad
          label: {fr: "Mauvais", en: "Bad"}
          parts:
            - kind: summary
            - kind: demands
              select: {topics: [financ]}
        """)
    result = run("validate", "--root", str(minimal))
    assert diagnostics(result) == [
        "positions/audiences/bad.yaml:5:13: error: kind: 'summary' is not allowed: use "
        "'outline', 'demands', 'cases', 'claims', 'key-figures' or 'partnership-map' [schema]"]
    write(minimal, "positions/audiences/bad.yaml", """\
        audience:
          id: bad
          label: {fr: "Mauvais"}
          parts:
            - kind: demands
              select: {topics: [financ]}
        """)
    result = run("validate", "--root", str(minimal))
    assert diagnostics(result) == [
        "positions/audiences/bad.yaml:3:10: error: label: missing the 'en' translation "
        "(declared languages: en, fr) [translation]",
        "positions/audiences/bad.yaml:6:25: error: unknown topic 'financ' (did you mean "
        "'finance'?) [ref]"]


def test_stray_yaml_outside_a_paper_is_reported(minimal: Path,
                                                run: Callable[..., Result]) -> None:
    write(minimal, "positions/notes.yaml", "claims: []\n")
    result = run("validate", "--strict", "--root", str(minimal))
    assert diagnostics(result) == [
        "positions/notes.yaml:1:1: warning: this file belongs to no paper and is ignored: move "
        "it into a folder that has a paper.yaml [layout]"]


def test_a_positions_folder_without_paper(tmp_path: Path, run: Callable[..., Result]) -> None:
    (tmp_path / "positions").mkdir()
    result = run("validate", "--root", str(tmp_path))
    assert diagnostics(result) == [
        "positions: error: no paper found: create positions/<paper-id>/paper.yaml [layout]"]


@pytest.mark.parametrize(("text", "expected"), [
    ("claims:\n  - id: a\n    text: {fr: Il dit: oui, en: b}\n",
     "claims.yaml:3:22: error: invalid YAML: expected ',' or '}', but got ':' (a text inside "
     "{ … } holding ':' or ',' must be put between double quotes) [syntax]"),
    ("claims:\n  - id: a\n     text: {fr: a, en: b}\n",
     "claims.yaml:3:10: error: invalid YAML: mapping values are not allowed here (a text "
     "holding ': ' must be put between double quotes; otherwise, check this line's "
     "indentation) [syntax]"),
    ("claims:\n  - id: a\n    text:\n      fr: a\n    en: b\n   tags: []\n",
     "claims.yaml:6:4: error: invalid YAML: expected <block end>, but found '<block mapping "
     "start>' (this line is indented differently from the lines above it: align it with its "
     "siblings (spaces, not tabs)) [syntax]"),
    # A quote left open: said where it opens, not where YAML gave up two lines later.
    ('claims:\n  - id: a\n    text:\n      fr: "Il dit oui.\n      en: "He says yes."\n'
     "    tags: []\n",
     'claims.yaml:4:11: error: invalid YAML: the text opened with " here is not closed on '
     'its line, so YAML read on to line 5: end the text with " [syntax]'),
    ("claims:\n  - id: a\n    text:\n      fr: 'l''accord\n      en: 'the agreement'\n",
     "claims.yaml:4:11: error: invalid YAML: the text opened with ' here is not closed on "
     "its line, so YAML read on to line 5: end the text with ' [syntax]"),
    # A text that rightly runs over two lines, then a line indented wrongly: not a quote.
    ('claims:\n  - id: a\n    text: "two\n      lines"\n     tags: ["x"]\n',
     "claims.yaml:5:6: error: invalid YAML: expected <block end>, but found '<block mapping "
     "start>' (this line is indented differently from the lines above it: align it with its "
     "siblings (spaces, not tabs)) [syntax]"),
])
def test_yaml_syntax_errors_say_what_to_do(minimal: Path, run: Callable[..., Result],
                                           text: str, expected: str) -> None:
    write(minimal, "positions/mini-paper/claims.yaml", text)
    result = run("validate", "--root", str(minimal))
    assert diagnostics(result) == [f"positions/mini-paper/{expected}"]


def test_a_country_code_must_exist(minimal: Path, run: Callable[..., Result]) -> None:
    cases = minimal / "positions/mini-paper/cases.yaml"
    cases.write_text(cases.read_text(encoding="utf-8").replace("country: SN", "country: XX"),
                     encoding="utf-8")
    result = run("validate", "--root", str(minimal))
    assert diagnostics(result) == [
        "positions/mini-paper/cases.yaml:5:9: error: country: 'XX' is not an ISO 3166 country "
        "code: write the two capital letters of the country, such as 'SN' or 'FR' [schema]"]
