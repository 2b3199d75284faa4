"""XLIFF 2.0 (OASIS), the exchange format CAT tools read: one `<file>` per paper, one
`<unit>` per text.

Written with lxml's element tree, not with translate-toolkit: its XLIFF 2 writer
(translate.storage.xliff2, 3.20) puts `<notes>` inside `<segment>` and `xml:space` on it,
neither of which the XLIFF 2.0 core schema allows, and it knows no module (`mda:`,
`gls:`). The structure written here follows the core schema's order (modules, then
`<notes>`, then `<segment>`), and tests/test_translation.py reads the files back with
translate-toolkit, as a CAT tool would.

Per unit: the source text's digest in the metadata module (`mda:meta
type="source-digest"`), so an import refuses a translation of a source that changed;
the glossary's terms the source uses in the glossary module (`gls:glossEntry`); notes
for the context, the file and line, the audiences, the state. States: a missing
translation is `initial`; a stale one `initial` with its old target and
`subState="plaidoyer:stale"` (XLIFF 2 has no "needs review"; CAT tools show an initial
segment with a target as fuzzy); one never confirmed `translated`; a confirmed one
`final`.
"""

from __future__ import annotations

from collections.abc import Sequence

from lxml import etree

from ..diagnostics import Location
from .units import Returned, State, Unit, Unreadable

XLIFF = "urn:oasis:names:tc:xliff:document:2.0"
MDA = "urn:oasis:names:tc:xliff:metadata:2.0"
GLS = "urn:oasis:names:tc:xliff:glossary:2.0"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_NS = {"x": XLIFF, "mda": MDA, "gls": GLS}

_STATES = {State.MISSING: "initial", State.STALE: "initial", State.TRANSLATED: "translated",
           State.CONFIRMED: "final"}
_SAYS = {State.MISSING: "missing: no translation yet",
         State.STALE: "stale: the source text changed since this translation was confirmed; "
                      "check it, then mark it translated",
         State.TRANSLATED: "translated, never confirmed against its source text",
         State.CONFIRMED: "current: confirmed against this source text"}


def _x(tag: str) -> str:
    return f"{{{XLIFF}}}{tag}"


def write(units: Sequence[Unit]) -> bytes:
    """An XLIFF 2.0 document of `units` (one source and one target language)."""
    root = etree.Element(_x("xliff"), nsmap={None: XLIFF, "mda": MDA, "gls": GLS})
    root.set("version", "2.0")
    root.set("srcLang", units[0].source_lang)
    root.set("trgLang", units[0].target_lang)
    files: dict[str, etree._Element] = {}
    for unit in units:
        if unit.paper not in files:
            files[unit.paper] = etree.SubElement(root, _x("file"), id=unit.paper,
                                                 original=f"positions/{unit.paper}")
        element = etree.SubElement(files[unit.paper], _x("unit"), id=unit.xml_id,
                                   name=unit.key, canResegment="no")
        metadata = etree.SubElement(element, f"{{{MDA}}}metadata")
        group = etree.SubElement(metadata, f"{{{MDA}}}metaGroup", category="plaidoyer")
        etree.SubElement(group, f"{{{MDA}}}meta", type="source-digest").text = unit.digest
        etree.SubElement(group, f"{{{MDA}}}meta", type="state").text = str(unit.state)
        entries = [m for m in unit.terms if m.target or m.definition]
        if entries:
            glossary = etree.SubElement(element, f"{{{GLS}}}glossary")
            for match in entries:
                entry = etree.SubElement(glossary, f"{{{GLS}}}glossEntry")
                etree.SubElement(entry, f"{{{GLS}}}term", source=str(match.at)).text = \
                    match.source
                for words in (match.target, match.acronym):
                    if words:
                        etree.SubElement(entry, f"{{{GLS}}}translation",
                                         source=f"glossary:{match.term_id}").text = words
                if match.definition:
                    etree.SubElement(entry, f"{{{GLS}}}definition").text = match.definition
        notes = etree.SubElement(element, _x("notes"))
        said = [("context", unit.context), ("location", str(unit.at)),
                ("state", _SAYS[unit.state])]
        if unit.audiences:
            said.append(("audiences", "printed for: " + ", ".join(unit.audiences)))
        if unit.internal:
            said.append(("internal", "internal: only the coalition's own briefs print it"))
        for category, text in said:
            etree.SubElement(notes, _x("note"), category=category).text = text
        segment = etree.SubElement(element, _x("segment"), state=_STATES[unit.state])
        if unit.state is State.STALE:
            segment.set("subState", "plaidoyer:stale")
        source = etree.SubElement(segment, _x("source"))
        source.set(XML_SPACE, "preserve")
        source.text = unit.source
        if unit.target is not None:
            target = etree.SubElement(segment, _x("target"))
            target.set(XML_SPACE, "preserve")
            target.text = unit.target
    etree.indent(root, space="  ")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                              remove_comments=True, remove_pis=True, load_dtd=False)
"""No entity expansion, no network, no DTD: a returned file is data from outside."""


def _text(element: etree._Element | None) -> str | None:
    """An element's text, inline codes a CAT tool added left out."""
    if element is None:
        return None
    return "".join(element.itertext())


def read(data: bytes, shown: str) -> tuple[str, list[Returned]]:
    """The target language and the units of an XLIFF 2 document, as they came back."""
    try:
        root = etree.fromstring(data, SAFE_PARSER)
    except etree.XMLSyntaxError as exc:
        raise Unreadable(f"{shown}:{exc.lineno or 1}:{exc.offset or 1}: error: not well-formed "
                         f"XML ({exc.msg}): was the file saved whole? [translate]") from None
    if root.tag != _x("xliff") or not root.get("version", "").startswith("2."):
        raise Unreadable(f"{shown}:{root.sourceline or 1}:1: error: not an XLIFF 2 document "
                         "(plaidoyer exports XLIFF 2.0): save it as XLIFF 2 in the CAT tool "
                         "[translate]")
    lang = root.get("trgLang")
    if not lang:
        raise Unreadable(f"{shown}:{root.sourceline or 1}:1: error: the document names no "
                         "target language (trgLang) [translate]")
    returned: list[Returned] = []
    for file in root.iterfind("x:file", _NS):
        for unit in file.iter(_x("unit")):
            segments = [c for c in unit if c.tag in (_x("segment"), _x("ignorable"))]
            states = [c.get("state", "initial") for c in segments if c.tag == _x("segment")]
            sources = [_text(c.find("x:source", _NS)) or "" for c in segments]
            targets = [_text(c.find("x:target", _NS)) for c in segments]
            target = None if all(t is None for t in targets) else "".join(
                t if t is not None else s for s, t in zip(sources, targets, strict=True))
            meta = unit.find("mda:metadata/mda:metaGroup[@category='plaidoyer']"
                             "/mda:meta[@type='source-digest']", _NS)
            returned.append(Returned(
                paper=file.get("id"), ident=unit.get("id", ""), target=target,
                done=bool(states) and "initial" not in states,
                digest=meta.text if meta is not None else None, source="".join(sources),
                at=Location(shown, unit.sourceline or 0, 1)))
    return lang, returned
