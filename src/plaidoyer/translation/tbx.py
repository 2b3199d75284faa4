"""The glossary as TBX (ISO 30042), the terminology exchange format CAT tools import.

Written and read with translate-toolkit's `translate.storage.tbx`, which speaks the TBX
of ISO 30042:2008 (`<martif>`, `<termEntry>`, `<langSet>`, `<tig>`): the dialect
memoQ, Trados MultiTerm, OmegaT and Weblate exchange. One `termEntry` per glossary term,
its id the term's; per language a `langSet` with the definition (`descrip
type="definition"`) and one `tig` per spelling, typed with TBX-Basic's data categories:
the term's name `preferredTerm-admn-sts`, its acronym `termType` `acronym`, each variant
`admittedTerm-admn-sts`, each forbidden spelling `deprecatedTerm-admn-sts`.
translate-toolkit has no setter for those notes: they are added to its elements with lxml.

An import reads them back and writes what changed into glossary/*.yaml with the same
splicing as translations (every other byte kept). It adds and changes, never deletes:
a spelling or definition missing from the TBX is left as it was.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from ..diagnostics import Location, PlaidoyerError, Report
from ..model.glossary import Term
from ..write import write_atomic
from .splice import Edit, Value, splice
from .units import Unreadable

PREFERRED, ADMITTED, DEPRECATED = ("preferredTerm-admn-sts", "admittedTerm-admn-sts",
                                   "deprecatedTerm-admn-sts")
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def write(terms: Sequence[Term], languages: Sequence[str]) -> bytes:
    from translate.storage.tbx import tbxfile

    store = tbxfile(sourcelanguage=languages[0])
    store.document.getroot().set("type", "TBX")
    for described in store.document.getroot().iter(store.namespaced("p")):
        described.text = "plaidoyer glossary"
    for term in terms:
        unit = store.addsourceunit(term.term.get(languages[0], str(term.id)))
        unit.setid(str(term.id))
        for lang in languages:
            spelled = _spellings(term, lang)
            if not spelled:
                continue
            unit.set_target_terms([words for words, _ in spelled], lang=lang)
            language = next(node for node in unit.getlanguageNodes()
                            if node.get(_XML_LANG) == lang)
            if lang in term.definition:
                descrip = etree.Element(unit.namespaced("descrip"), type="definition")
                descrip.text = term.definition[lang]
                language.insert(0, descrip)
            tigs = language.findall(unit.namespaced("tig"))
            for tig, (_, kind) in zip(tigs, spelled, strict=True):
                if kind == "acronym":
                    note = etree.SubElement(tig, unit.namespaced("termNote"), type="termType")
                    note.text = "acronym"
                status = etree.SubElement(tig, unit.namespaced("termNote"),
                                          type="administrativeStatus")
                status.text = {"term": PREFERRED, "forbidden": DEPRECATED}.get(kind, ADMITTED)
        note = etree.SubElement(unit.xmlelement, unit.namespaced("note"))
        note.text = f"{term.at}"
    return bytes(store)


def _spellings(term: Term, lang: str) -> list[tuple[str, str]]:
    found = []
    if lang in term.term:
        found.append((term.term[lang], "term"))
    if term.acronym is not None and lang in term.acronym:
        found.append((term.acronym[lang], "acronym"))
    found += [(v, "variant") for v in term.variants.get(lang, ())]
    found += [(v, "forbidden") for v in term.forbidden.get(lang, ())]
    return found


@dataclass
class _Returned:
    """One language of one term, as the TBX has it."""

    term: str | None
    acronym: str | None
    variants: tuple[str, ...]
    forbidden: tuple[str, ...]
    definition: str | None


def read(data: bytes, shown: str) -> dict[str, tuple[Location, dict[str, _Returned]]]:
    """Each term entry of a TBX file by id: where it is, and its languages."""
    from translate.storage.tbx import tbxfile

    try:
        store = tbxfile.parsestring(data)
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise Unreadable(f"{shown}:1:1: error: not a TBX file plaidoyer can read ({exc}) "
                         "[translate]") from None
    found: dict[str, tuple[Location, dict[str, _Returned]]] = {}
    for unit in store.units:
        ident = unit.xmlelement.get("id") or ""
        at = Location(shown, unit.xmlelement.sourceline or 0, 1)
        languages: dict[str, _Returned] = {}
        for language in unit.getlanguageNodes():
            lang = language.get(_XML_LANG) or ""
            kinds: dict[str, list[str]] = defaultdict(list)
            for tig in language.findall(unit.namespaced("tig")):
                words = "".join(tig.find(unit.namespaced("term")).itertext()) \
                    if tig.find(unit.namespaced("term")) is not None else ""
                notes = {n.get("type"): (n.text or "").strip()
                         for n in tig.findall(unit.namespaced("termNote"))}
                if not words.strip():
                    continue
                if notes.get("termType") == "acronym":
                    kinds["acronym"].append(words)
                elif notes.get("administrativeStatus") == DEPRECATED:
                    kinds["forbidden"].append(words)
                elif notes.get("administrativeStatus") == PREFERRED or (not kinds["term"] and \
                        notes.get("administrativeStatus") is None):
                    kinds["term"].append(words)
                else:
                    kinds["variant"].append(words)
            definition = language.find(unit.namespaced("descrip") + "[@type='definition']")
            languages[lang] = _Returned(
                kinds["term"][0] if kinds["term"] else None,
                kinds["acronym"][0] if kinds["acronym"] else None,
                tuple(kinds["variant"]), tuple(kinds["forbidden"]),
                "".join(definition.itertext()).strip() if definition is not None else None)
        found[ident] = (at, languages)
    return found


class GlossaryRefused(PlaidoyerError):
    def __init__(self, report: Report) -> None:
        count = len(report.errors)
        super().__init__(f"nothing imported: {count} term{'s' * (count != 1)} refused")
        self.report = report


def import_glossary(root: Path, glossary: Sequence[Term], languages: Sequence[str],
                    returned: dict[str, tuple[Location, dict[str, _Returned]]]) -> list[str]:
    """Write what the TBX changed into the glossary files; the files written."""
    report = Report()
    by_id = {str(t.id): t for t in glossary}
    edits: dict[str, list[Edit]] = defaultdict(list)
    for ident, (at, langs) in returned.items():
        term = by_id.get(ident)
        if term is None:
            report.error(at, f"unknown term '{ident}': the glossary has no term with this id; "
                         "add new terms to glossary/*.yaml by hand", "translate")
            continue
        for lang, got in langs.items():
            if lang not in languages:
                report.error(at, f"term '{ident}': '{lang}' is not a language of this "
                             f"project's papers ({', '.join(languages)})", "translate")
                continue
            earlier = tuple(languages[:list(languages).index(lang)])
            edits[term.at.path] += _term_edits(term, lang, got, earlier)
    if report.errors:
        raise GlossaryRefused(report)
    written = []
    staged = [(root / path, splice((root / path).read_bytes().decode("utf-8"), file_edits,
                                   path).encode("utf-8"))
              for path, file_edits in sorted(edits.items()) if file_edits]
    for file, data in staged:
        write_atomic(file, data)
        written.append(file.relative_to(root).as_posix())
    return written


def _term_edits(term: Term, lang: str, got: _Returned, order: tuple[str, ...]) -> list[Edit]:
    edits = []
    for name, now, new in (("term", term.term, got.term), ("acronym", term.acronym, got.acronym),
                           ("definition", term.definition, got.definition)):
        if not new or (now is not None and now.get(lang) == new):
            continue
        if now is not None:
            edits.append(Edit(now.at, (lang,), new, order))
        else:
            edits.append(Edit(term.at, (name, lang), new, order))
    for name, lists, values in (("variants", term.variants, got.variants),
                                ("forbidden", term.forbidden, got.forbidden)):
        current: Value = tuple(lists.get(lang, ()))
        if values and values != current:
            edits.append(Edit(term.at, (name, lang), values, order))
    return edits
