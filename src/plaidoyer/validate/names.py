"""Shared checks: ids that resolve (with a did-you-mean), ids unique, texts translated."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

from ..diagnostics import Location, Report
from ..model.base import Text, location


@dataclass(frozen=True)
class Namespace:
    """Ids of one kind, to resolve references and suggest near misses."""

    noun: str
    ids: frozenset[str]

    def check(self, ref: str, report: Report, what: str | None = None) -> None:
        if ref in self.ids:
            return
        hint = difflib.get_close_matches(ref, sorted(self.ids), n=1)
        advice = f" (did you mean '{hint[0]}'?)" if hint else f": no {self.noun} has this id"
        report.error(location(ref), f"unknown {what or self.noun} '{ref}'{advice}", "ref")

    def check_all(self, refs: Iterable[str], report: Report) -> None:
        for ref in refs:
            self.check(ref, report)


def unique(ids: Iterable[str], noun: str, report: Report) -> None:
    """Each id once."""
    first: dict[str, Location] = {}
    for ident in ids:
        if ident in first:
            report.error(location(ident),
                         f"duplicate {noun} id '{ident}' (first defined at {first[ident]}): "
                         "ids must be unique; rename one", "duplicate-id")
        else:
            first[ident] = location(ident)


def check_languages(text: Text, field: str, languages: Iterable[str], report: Report,
                    paper: str | None = None, extra_ok: bool = False) -> None:
    """Every declared language present (a missing one leaves that language out of `paper`'s
    build, or of every paper's); an undeclared one is a warning unless `extra_ok` (shared
    files — glossary, audiences, labels — may speak more languages than the papers)."""
    declared = list(languages)
    for lang in declared:
        if lang not in text:
            report.error(text.at, f"{field}: missing the '{lang}' translation (declared "
                         f"languages: {', '.join(declared)})", "translation", lang, paper)
    for lang in () if extra_ok else text:
        if lang not in declared:
            report.warning(text.at, f"{field}: '{lang}' is not a declared language "
                           f"({', '.join(declared)}): declare it or remove it", "translation")
