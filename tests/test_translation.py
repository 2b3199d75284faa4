"""A translator's round trip: XLIFF 2.0, PO and TBX out and back, every byte of every
YAML file kept outside the texts that changed.

The files coming back are edited with real libraries, as a CAT tool would: translate-
toolkit for XLIFF 2 and TBX, polib for PO."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import polib
import pytest
import yaml
from click.testing import Result
from lxml import etree
from translate.storage.tbx import tbxfile
from translate.storage.xliff2 import Xliff2File

from plaidoyer.diagnostics import Location, Report
from plaidoyer.load import Layout, load_project
from plaidoyer.model.project import Project
from plaidoyer.translation.splice import Edit, splice

X = "{urn:oasis:names:tc:xliff:document:2.0}"


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


def load(root: Path) -> Project:
    report = Report()
    project = load_project(Layout(root), report)
    assert not report.errors, report.sorted()
    return project


def texts(project: Project, paper: str) -> dict[str, dict[str, str]]:
    positions = project.paper(paper)
    assert positions is not None
    return {key: dict(text) for key, text in positions.texts()}


def node_at(text: str, path: tuple[Any, ...]) -> yaml.Node | None:
    node: yaml.Node | None = yaml.compose(text)
    for key in path:
        if isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if k.value == key), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int):
            node = node.value[key]
        else:
            return None
    return node


def masked(old: str, new: str, paths: list[tuple[Any, ...]]) -> tuple[str, str]:
    """Both texts with the changed scalars cut out (and keys the new one inserted): what
    remains must be byte-identical."""
    cuts_old: list[tuple[int, int, str]] = []
    cuts_new: list[tuple[int, int, str]] = []
    for path in paths:
        before, after = node_at(old, path), node_at(new, path)
        assert after is not None, path
        if before is None:  # inserted: "\n<indent>key: value", or ", key: value" in {…}
            start = max(new.rfind("\n", 0, after.start_mark.index),
                        new.rfind(",", 0, after.start_mark.index))
            cuts_new.append((start, after.end_mark.index, ""))
        else:
            cuts_old.append((before.start_mark.index, before.end_mark.index, "<>"))
            cuts_new.append((after.start_mark.index, after.end_mark.index, "<>"))

    def cut(text: str, cuts: list[tuple[int, int, str]]) -> str:
        for start, end, mark in sorted(cuts, reverse=True):
            text = text[:start] + mark + text[end:]
        return text

    return cut(old, cuts_old), cut(new, cuts_new)


TRICKY = {
    # flow mapping, double-quoted; a colon, quotes, an apostrophe
    "demand:direct-access.text": ("positions/alpha/content.yaml",
                                  ("demands", 0, "text", "fr"),
                                  "Ouvrir l’accès direct : « vite », \"sans\" détour."),
    # block mapping, double-quoted; a figure, a new line, foreign words, a backslash
    "claim:losses.text": ("positions/alpha/content.yaml", ("claims", 0, "text", "fr"),
                          "Les villes ont perdu {losses-2023} en 2023 : [loss and damage]"
                          "{lang=en}\nselon les # villes \\ elles-mêmes."),
    # flow mapping, plain: a comma cannot stay plain in a flow mapping
    "case:lagos-lyon.partners[0].territory": ("positions/alpha/content.yaml",
                                              ("cases", 0, "partners", 0, "territory", "fr"),
                                              "Lagos, État de Lagos"),
    # a missing translation: inserted after its sibling
    "demand:adaptation-goal.text": ("positions/beta/demands.yaml",
                                    ("demands", 0, "text", "fr"),
                                    "Donner à l’objectif d’adaptation des indicateurs locaux."),
    # a block-mapping point of an internal text, with accents only
    "demand:direct-access.points[1]": ("positions/alpha/content.yaml",
                                       ("demands", 0, "points", 1, "fr"),
                                       "Contact : la vice-présidente du Conseil l’appuie."),
}


def test_xliff_round_trip_changes_only_the_translated_texts(
        library: Path, run: Callable[..., Result], tmp_path: Path) -> None:
    out = tmp_path / "fr.xlf"
    exported = run("translate", "export", "--root", str(library), "-l", "fr", "-o", str(out))
    assert exported.exit_code == 0, exported.output
    assert "30 texts of alpha, beta from 'en' into 'fr' (1 missing, 29 translated)" in \
        exported.stdout
    before = snapshot(library)

    store = Xliff2File.parsefile(str(out))  # a CAT tool's parse
    by_id = {unit.getid(): unit for unit in store.units}
    for key, (_, _, words) in TRICKY.items():
        unit = by_id[key.replace("[", ".").replace("]", "")]
        unit.target = words
        unit.marktranslated()
    out.write_bytes(bytes(store))

    imported = run("translate", "import", "--root", str(library), str(out))
    assert imported.exit_code == 0, imported.output
    assert "5 'fr' translations written, 5 recorded as current" in imported.stdout

    after = snapshot(library)
    changed = {file for file, _, _ in TRICKY.values()}
    confirmations = {"positions/alpha/.translations.yaml", "positions/beta/.translations.yaml"}
    assert set(after) == set(before) | confirmations
    for name, data in before.items():
        if name not in changed:
            assert after[name] == data, name
    for name in changed:
        paths = [path for file, path, _ in TRICKY.values() if file == name]
        old, new = masked(before[name].decode(), after[name].decode(), paths)
        assert old == new, name

    project = load(library)
    for paper in ("alpha", "beta"):
        now = texts(project, paper)
        for key, (file, _, words) in TRICKY.items():
            if file.startswith(f"positions/{paper}/"):
                assert now[key]["fr"] == words
        positions = project.paper(paper)
        assert positions is not None
        assert all(positions.confirmed[key]["fr"] for key, (file, _, _) in TRICKY.items()
                   if file.startswith(f"positions/{paper}/"))
    checked = run("validate", "--root", str(library))
    assert "[translation]" not in checked.stderr and "[stale]" not in checked.stderr
    assert checked.exit_code == 0, checked.stderr


@pytest.mark.parametrize("suffix", [".xlf", ".po"])
def test_export_then_import_unchanged_writes_nothing(
        library: Path, run: Callable[..., Result], tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"fr{suffix}"
    before = snapshot(library)
    assert run("translate", "export", "--root", str(library), "-l", "fr", "-o",
               str(out)).exit_code == 0
    result = run("translate", "import", "--root", str(library), str(out))
    assert result.exit_code == 0, result.output
    assert "0 'fr' translations written, 0 recorded as current; 1 not translated yet" in \
        result.stdout
    assert snapshot(library) == before


def test_xliff_structure(library: Path, run: Callable[..., Result], tmp_path: Path) -> None:
    """Core order in a unit (modules, notes, segment), states and ids as XLIFF 2.0 has
    them; the glossary's terms as `gls:` entries."""
    glossary = library / "glossary" / "terms.yaml"
    glossary.write_text(glossary.read_text(encoding="utf-8").replace(
        '"Conference of the Parties"', '"Board of the Fund"'), encoding="utf-8")
    out = tmp_path / "fr.xliff"
    assert run("translate", "export", "--root", str(library), "-l", "fr", "--paper", "alpha",
               "-o", str(out)).exit_code == 0
    root = etree.fromstring(out.read_bytes())
    assert (root.get("version"), root.get("srcLang"), root.get("trgLang")) == ("2.0", "en", "fr")
    units = root.findall(f"{X}file/{X}unit")
    assert len(units) == 23
    for unit in units:
        tags = [etree.QName(child).localname for child in unit]
        assert tags in (["metadata", "notes", "segment"],
                        ["metadata", "glossary", "notes", "segment"]), tags
        assert all(c.isalnum() or c in ".-_:" for c in unit.get("id")), unit.get("id")
        segment = unit.find(f"{X}segment")
        assert segment.get("state") in ("initial", "translated", "reviewed", "final")
        assert [etree.QName(c).localname for c in segment] in (["source"], ["source", "target"])
    board = root.find(f"{X}file/{X}unit[@id='paper.addressees.board.label']")
    entry = board.find("{urn:oasis:names:tc:xliff:glossary:2.0}glossary/"
                       "{urn:oasis:names:tc:xliff:glossary:2.0}glossEntry")
    assert [(etree.QName(c).localname, c.text) for c in entry][:2] == [
        ("term", "Board of the Fund"), ("translation", "Conférence des Parties")]
    notes = {n.get("category"): n.text for n in board.iter(f"{X}note")}
    assert notes["location"] == "positions/alpha/paper.yaml:19:14"
    direct = root.find(f"{X}file/{X}unit[@id='demand:direct-access.text']")
    notes = {n.get("category"): n.text for n in direct.iter(f"{X}note")}
    assert notes["context"] == "demand 'direct-access', text"
    assert notes["audiences"] == "printed for: briefing, delegation, everyone"


def test_stale_translation_is_exported_for_review_and_confirmed_on_import(
        library: Path, run: Callable[..., Result], tmp_path: Path) -> None:
    assert run("translate", "confirm", "--root", str(library)).exit_code == 0
    content = library / "positions" / "alpha" / "content.yaml"
    content.write_text(content.read_text(encoding="utf-8").replace(
        '"Pool your loss data."', '"Pool your loss data, now."'), encoding="utf-8")
    out = tmp_path / "fr.xlf"
    exported = run("translate", "export", "--root", str(library), "-l", "fr", "--stale-only",
                   "-o", str(out))
    assert "2 texts of alpha, beta from 'en' into 'fr' (1 missing, 1 stale)" in exported.stdout
    store = Xliff2File.parsefile(str(out))
    stale = next(u for u in store.units if u.getid() == "demand:pool-data.text")
    assert stale.isfuzzy() and stale.xmlelement.get("subState") == "plaidoyer:stale"
    stale.markapproved()  # reviewed: the old translation still holds
    out.write_bytes(bytes(store))
    before = snapshot(library)
    result = run("translate", "import", "--root", str(library), str(out))
    assert "0 'fr' translations written, 1 recorded as current" in result.stdout
    after = snapshot(library)
    assert {k for k in after if after[k] != before.get(k)} == {
        "positions/alpha/.translations.yaml"}
    assert "[stale]" not in run("validate", "--root", str(library)).stderr


def test_changed_source_and_unknown_unit_refuse_the_whole_file(
        library: Path, run: Callable[..., Result], tmp_path: Path) -> None:
    out = tmp_path / "fr.xlf"
    assert run("translate", "export", "--root", str(library), "-l", "fr", "-o",
               str(out)).exit_code == 0
    store = Xliff2File.parsefile(str(out))
    for unit in store.units:
        if unit.getid() in ("claim:losses.text", "demand:pool-data.text"):
            unit.target = "Traduit."  # figures kept aside: losses is refused before that
            unit.marktranslated()
    unknown = next(u for u in store.units if u.getid() == "paper.title")
    unknown.getunitelement().set("id", "claim:gone.text")
    out.write_bytes(bytes(store))
    content = library / "positions" / "alpha" / "content.yaml"
    content.write_text(content.read_text(encoding="utf-8").replace(
        '"Cities lost {losses-2023} in 2023."', '"Cities lost {losses-2023} in 2023 alone."'),
        encoding="utf-8")
    before = snapshot(library)
    result = run("translate", "import", "--root", str(library), str(out))
    assert result.exit_code == 1
    lines = [line for line in result.stderr.splitlines() if "[translate]" in line]
    line = {u.get("id"): u.sourceline for u in etree.fromstring(out.read_bytes()).iter(
        f"{X}unit")}
    assert lines == [
        f"{out}:{line['claim:gone.text']}:1: error: unknown unit 'claim:gone.text': no text "
        "of paper 'alpha' has this id (renamed or removed since the export?): export again "
        "and translate the new file [translate]",
        f"{out}:{line['claim:losses.text']}:1: error: unit 'claim:losses.text': its 'en' "
        "source text changed since the export (now at positions/alpha/content.yaml:4:7): "
        "export again and translate the new text [translate]",
    ]
    assert "nothing imported: 2 units refused" in result.stderr
    assert snapshot(library) == before  # pool-data was fine, but nothing is written


def test_po_round_trip(library: Path, run: Callable[..., Result], tmp_path: Path) -> None:
    out = tmp_path / "fr.po"
    assert run("translate", "export", "--root", str(library), "-l", "fr", "-o",
               str(out)).exit_code == 0
    before = snapshot(library)
    catalog = polib.pofile(str(out))
    assert catalog.metadata["Language"] == "fr"
    entry = catalog.find("Pool your loss data.", by="msgid")
    assert entry is not None and entry.msgctxt == "alpha/demand:pool-data.text"
    assert "printed for: briefing, delegation, everyone" not in entry.comment  # not flagship
    entry.msgstr = "Mutualisez vos données de pertes : toutes."
    missing = catalog.find("alpha/demand:pool-data.text", by="msgctxt")
    assert missing is entry
    goal = next(e for e in catalog if e.msgctxt == "beta/demand:adaptation-goal.text")
    assert goal.msgstr == ""
    goal.msgstr = "Doter l’objectif d’adaptation d’indicateurs locaux."
    catalog.save(str(out))
    result = run("translate", "import", "--root", str(library), str(out))
    assert result.exit_code == 0, result.output
    assert "2 'fr' translations written, 2 recorded as current" in result.stdout
    after = snapshot(library)
    for name, path in (("positions/alpha/content.yaml", ("demands", 1, "text", "fr")),
                       ("positions/beta/demands.yaml", ("demands", 0, "text", "fr"))):
        old, new = masked(before[name].decode(), after[name].decode(), [path])
        assert old == new
    now = texts(load(library), "alpha")
    assert now["demand:pool-data.text"]["fr"] == "Mutualisez vos données de pertes : toutes."


def test_tbx_round_trip(library: Path, run: Callable[..., Result], tmp_path: Path) -> None:
    out = tmp_path / "glossary.tbx"
    exported = run("translate", "export", "--root", str(library), "--glossary", "-o", str(out))
    assert exported.exit_code == 0, exported.output
    unchanged = run("translate", "import", "--root", str(library), str(out))
    assert "the glossary already says all of it" in unchanged.stdout
    before = snapshot(library)

    store = tbxfile.parsefile(str(out))
    (entry,) = store.units
    assert entry.getid() == "cop"
    fr = next(n for n in entry.getlanguageNodes()
              if n.get("{http://www.w3.org/XML/1998/namespace}lang") == "fr")
    definition = fr.find(entry.namespaced("descrip"))
    definition.text = "L’organe suprême de la Convention : il se réunit chaque année."
    tig = etree.SubElement(fr, entry.namespaced("tig"))
    etree.SubElement(tig, entry.namespaced("term")).text = "Conférence des Parties à la CCNUCC"
    etree.SubElement(tig, entry.namespaced("termNote"),
                     type="administrativeStatus").text = "admittedTerm-admn-sts"
    out.write_bytes(bytes(store))
    result = run("translate", "import", "--root", str(library), str(out))
    assert result.exit_code == 0, result.output
    assert "glossary/terms.yaml updated" in result.stdout
    after = snapshot(library)
    assert {k for k in after if after[k] != before[k]} == {"glossary/terms.yaml"}
    text = after["glossary/terms.yaml"].decode()
    assert text == before["glossary/terms.yaml"].decode().replace(
        'fr: "L’organe suprême de la Convention."}',
        'fr: "L’organe suprême de la Convention : il se réunit chaque année."}\n'
        '    variants: {fr: ["Conférence des Parties à la CCNUCC"]}')
    (term,) = load(library).glossary
    assert term.variants == {"fr": ("Conférence des Parties à la CCNUCC",)}


AT = Location("x.yaml", 3, 7)


@pytest.mark.parametrize(("old", "value", "new"), [
    pytest.param('      fr: >-\n        Un texte plié sur\n        deux lignes.\n\n      en: x\n',
                 "Un autre texte, plus long, plié lui aussi à la même largeur que l’ancien.",
                 '      fr: >-\n        Un autre texte, plus long, plié lui aussi à la même\n'
                 '        largeur que l’ancien.\n\n      en: x\n', id="folded"),
    pytest.param("      fr: |\n        ligne un\n        ligne deux\n      en: x\n",
                 "une\n\ndeux\n", "      fr: |\n        une\n\n        deux\n      en: x\n",
                 id="literal"),
    pytest.param("      fr: simple\n      en: x\n", "yes", '      fr: "yes"\n      en: x\n',
                 id="plain-that-would-read-as-true"),
    pytest.param("      fr: 'un'  # comment\n      en: x\n", "l'autre",
                 "      fr: 'l''autre'  # comment\n      en: x\n", id="single"),
    pytest.param('      fr: "deux mots sur\n        deux lignes"\n      en: x\n',
                 "trois mots assez longs pour que la ligne doive être coupée",
                 '      fr: "trois mots assez longs pour que la ligne doive\n'
                 '        être coupée"\n      en: x\n', id="double-wrapped"),
])
def test_splice_keeps_the_style(old: str, value: str, new: str) -> None:
    text = "a:\n  b:\n    c:\n" + old
    edit = Edit(Location("x.yaml", 4, 7), ("fr",), value)
    assert splice(text, [edit], "x.yaml") == "a:\n  b:\n    c:\n" + new


def test_splice_inserts_a_language_and_keeps_crlf() -> None:
    text = "t:\r\n  en: \"One\"  # kept\r\n  fr: \"Un\"\r\nu: {en: one}\r\n"
    edits = [Edit(Location("x.yaml", 2, 3), ("es",), "Uno", ("en", "fr", "es")),
             Edit(Location("x.yaml", 4, 4), ("es",), "uno, dos", ("en", "es"))]
    assert splice(text, edits, "x.yaml") == (
        "t:\r\n  en: \"One\"  # kept\r\n  fr: \"Un\"\r\n  es: \"Uno\"\r\n"
        "u: {en: one, es: \"uno, dos\"}\r\n")
