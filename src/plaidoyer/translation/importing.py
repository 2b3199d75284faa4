"""`translate import`: translations back into the YAML, all or nothing.

Every returned unit is checked before anything is written: it must name a text of the
paper, its source text must be the one it was exported with (a digest travels in the
unit), and its translation must print the same `{figure}` placeholders as the source.
One refused unit refuses the whole file, each refusal located; otherwise the changed
texts are spliced into their YAML files (every other byte kept) and the imported
translations recorded as current in `.translations.yaml`, each file written atomically.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..diagnostics import Location, PlaidoyerError, Report
from ..model.base import Text, figure_ids_in
from ..model.project import Positions, Project
from ..staleness import CONFIRMED_FILE, digest, recorded
from ..write import write_atomic
from ..yamlsource import _CONTROL, MAX_TEXT
from .splice import Edit, splice
from .units import Returned, xml_id


class ImportRefused(PlaidoyerError):
    """Some units were refused: the report holds each, located; nothing was written."""

    def __init__(self, report: Report) -> None:
        count = len(report.errors)
        super().__init__(f"nothing imported: {count} unit{'s' * (count != 1)} refused")
        self.report = report


@dataclass
class Outcome:
    """What an import did."""

    written: int = 0  # translations changed in the YAML
    confirmed: int = 0  # translations recorded as current in .translations.yaml
    untranslated: int = 0  # units still initial, fuzzy or empty: left as they were
    files: list[str] = field(default_factory=list)  # the files written


def import_translations(root: Path, project: Project, lang: str,
                        returned: Sequence[Returned]) -> Outcome:
    """Check every unit, then write them all; raise `ImportRefused` if any is refused."""
    report = Report()
    outcome = Outcome()
    edits: dict[str, list[Edit]] = defaultdict(list)
    confirm: dict[str, list[tuple[str, str]]] = defaultdict(list)
    seen: dict[tuple[str, str], Location] = {}
    lookups = {p.paper.id: _lookup(p) for p in project.papers}
    for unit in returned:
        positions = project.paper(unit.paper or "")
        if positions is None:
            known = ", ".join(sorted(lookups))
            report.error(unit.at, f"unit '{unit.ident}' belongs to paper '{unit.paper}', which "
                         f"this project does not have (it has {known}): import it into the "
                         "project it was exported from", "translate")
            continue
        found = lookups[positions.paper.id].get(unit.ident)
        if found is None:
            report.error(unit.at, f"unknown unit '{unit.ident}': no text of paper "
                         f"'{positions.paper.id}' has this id (renamed or removed since the "
                         "export?): export again and translate the new file", "translate")
            continue
        key, text = found
        if (positions.paper.id, key) in seen:
            report.error(unit.at, f"unit '{unit.ident}' appears twice (first at line "
                         f"{seen[(positions.paper.id, key)].line}): keep one", "translate")
            continue
        seen[(positions.paper.id, key)] = unit.at
        if not unit.done or not (unit.target or "").strip():
            outcome.untranslated += 1
            continue
        if not _acceptable(unit, positions, key, text, lang, report):
            continue
        target = (unit.target or "").strip()
        if target != text.get(lang):
            languages = tuple(positions.paper.languages)
            edits[text.at.path].append(Edit(text.at, (lang,), target,
                                            languages[:languages.index(lang)]))
            outcome.written += 1
            confirm[positions.paper.id].append((key, lang))
        elif lang in positions.confirmed.get(key, {}) and positions.confirmed[key][lang] != \
                digest(text[positions.paper.source_language]):
            confirm[positions.paper.id].append((key, lang))  # stale, reviewed: now current
    if report.errors:
        raise ImportRefused(report)
    staged: list[tuple[Path, bytes]] = []
    for path, file_edits in sorted(edits.items()):
        file = root / path
        original = file.read_bytes().decode("utf-8")
        staged.append((file, splice(original, file_edits, path).encode("utf-8")))
    for paper_id, pairs in sorted(confirm.items()):
        positions = project.paper(paper_id)
        assert positions is not None
        changed, data = recorded(positions, pairs)
        outcome.confirmed += len(pairs)
        if changed:
            staged.append((root / "positions" / paper_id / CONFIRMED_FILE, data))
    for file, data in staged:
        write_atomic(file, data)
        outcome.files.append(file.relative_to(root).as_posix())
    return outcome


def _lookup(positions: Positions) -> dict[str, tuple[str, Text]]:
    """A paper's texts by unit id: the XLIFF id and the path itself (PO)."""
    found: dict[str, tuple[str, Text]] = {}
    for key, text in positions.texts():
        found[key] = (key, text)
        found[xml_id(key)] = (key, text)
    return found


def _acceptable(unit: Returned, positions: Positions, key: str, text: Text, lang: str,
                report: Report) -> bool:
    paper = positions.paper
    source = paper.source_language
    if lang == source or lang not in paper.languages:
        report.error(unit.at, f"'{lang}' is not a translation language of paper '{paper.id}' "
                     f"(languages: {', '.join(paper.languages)}): add it to its paper.yaml "
                     "first", "translate")
        return False
    exported = unit.digest or (digest(unit.source) if unit.source is not None else None)
    if source not in text or exported != digest(text[source]):
        report.error(unit.at, f"unit '{unit.ident}': its '{source}' source text changed since "
                     f"the export (now at {text.at}): export again and translate the new "
                     "text", "translate")
        return False
    target = (unit.target or "").strip()
    wanted, got = sorted(figure_ids_in(text[source])), sorted(figure_ids_in(target))
    if wanted != got:
        report.error(unit.at, f"unit '{unit.ident}': the translation prints figures "
                     f"{got or 'none'} but the source prints {wanted or 'none'}: keep every "
                     "{figure-id} placeholder as it is", "translate")
        return False
    bad = _CONTROL.search(target)
    if bad is not None:
        report.error(unit.at, f"unit '{unit.ident}': invisible control character "
                     f"U+{ord(bad.group()):04X} in the translation: delete it", "translate")
        return False
    if len(target) > MAX_TEXT:
        report.error(unit.at, f"unit '{unit.ident}': a translation of {len(target)} "
                     f"characters; no text may be longer than {MAX_TEXT}", "translate")
        return False
    return True
