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
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

import yaml

from .model.base import Text
from .model.project import Positions
from .write import write_atomic

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
    pairs = [(path, lang) for path, text in positions.texts()
             if source in text and (paths is None or path in paths)
             for lang in text if lang != source
             and (languages is None or lang in languages)]
    changed, data = recorded(positions, pairs)
    write_atomic(folder / CONFIRMED_FILE, data)
    return changed


def recorded(positions: Positions, pairs: Iterable[tuple[str, str]]) -> tuple[int, bytes]:
    """How many records change, and the confirmations file, once each (text path,
    language) of `pairs` is recorded as translating the current source text (`translate
    confirm`, and `translate import` for what it imports)."""
    source = positions.paper.source_language
    texts = dict(positions.texts())
    records: dict[str, dict[str, str]] = {p: dict(v) for p, v in positions.confirmed.items()}
    changed = 0
    for path, lang in pairs:
        text = texts.get(path)
        if text is None or source not in text or lang == source:
            continue
        now = digest(text[source])
        if records.setdefault(path, {}).get(lang) != now:
            records[path][lang] = now
            changed += 1
    records = {p: dict(sorted(v.items())) for p, v in sorted(records.items()) if p in texts}
    body = yaml.safe_dump({"confirmed": records}, allow_unicode=True, sort_keys=False,
                          width=100)
    return changed, (_HEADER + body).encode("utf-8")


def parse_confirmed(data: object) -> Mapping[str, Mapping[str, str]]:
    """The records of a confirmations file's data; anything malformed counts as none."""
    if not isinstance(data, dict) or not isinstance(data.get("confirmed"), dict):
        return {}
    return {str(path): {str(lang): str(value) for lang, value in langs.items()}
            for path, langs in data["confirmed"].items() if isinstance(langs, dict)}
