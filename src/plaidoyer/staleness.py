"""Translations that cannot go stale: which version of its source text each translation
translates, kept by `plaidoyer translate confirm` in a file beside the paper's
(`positions/<paper>/.translations.yaml`), never typed by hand.

A translation whose source text changed since it was confirmed is stale: `validate`
warns (and `--strict` refuses), `list` counts it, until a translator updates it and
confirms — or an editor who only fixed punctuation confirms it as still current.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator, Mapping
from pathlib import Path

import yaml

from .model.base import Text
from .model.project import Positions

CONFIRMED_FILE = ".translations.yaml"
_HEADER = ("# Written by `plaidoyer translate confirm`: for each text, the digest of the\n"
           "# source text each translation was confirmed against. Do not edit by hand.\n")


def digest(text: str) -> str:
    """A short digest of a source text; spacing and line wrapping do not count."""
    return hashlib.sha256(re.sub(r"\s+", " ", text).strip().encode()).hexdigest()[:10]


def stale(positions: Positions) -> Iterator[tuple[str, Text, str]]:
    """(path, text, language) of every translation older than its source text."""
    source = positions.paper.source_language
    for path, text in positions.texts():
        confirmed = positions.confirmed.get(path, {})
        if source not in text:
            continue
        current = digest(text[source])
        for lang in text:
            if lang != source and lang in confirmed and confirmed[lang] != current:
                yield path, text, lang


def confirm(positions: Positions, folder: Path, languages: set[str] | None = None,
            paths: set[str] | None = None) -> int:
    """Record every translation (of `languages`, of `paths`) as current; return how many
    records changed. The file is rewritten whole, in a stable order."""
    source = positions.paper.source_language
    records: dict[str, dict[str, str]] = {p: dict(v) for p, v in positions.confirmed.items()}
    changed = 0
    for path, text in positions.texts():
        if source not in text or (paths is not None and path not in paths):
            continue
        current = digest(text[source])
        for lang in text:
            if lang == source or (languages is not None and lang not in languages):
                continue
            if records.setdefault(path, {}).get(lang) != current:
                records[path][lang] = current
                changed += 1
    known = {path for path, _ in positions.texts()}
    records = {p: dict(sorted(v.items())) for p, v in sorted(records.items()) if p in known}
    body = yaml.safe_dump({"confirmed": records}, allow_unicode=True, sort_keys=False,
                          width=100)
    (folder / CONFIRMED_FILE).write_text(_HEADER + body, encoding="utf-8")
    return changed


def parse_confirmed(data: object) -> Mapping[str, Mapping[str, str]]:
    """The records of a confirmations file's data; anything malformed counts as none."""
    if not isinstance(data, dict) or not isinstance(data.get("confirmed"), dict):
        return {}
    return {str(path): {str(lang): str(value) for lang, value in langs.items()}
            for path, langs in data["confirmed"].items() if isinstance(langs, dict)}
