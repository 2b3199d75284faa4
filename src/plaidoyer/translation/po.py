"""Gettext PO, for translation teams that work with Poedit, Weblate or Lokalize.

One entry per text: `msgctxt` is `<paper>/<text path>`, `msgid` the source text,
`msgstr` the translation. A stale translation is `fuzzy`; a missing one is empty. The
context, the audiences, the glossary's terms and the source text's digest are extracted
comments (`#.`), which PO editors show as notes for the translator and keep; translator
comments (`#`) are the translator's own. The file and line are a reference (`#:`).
"""

from __future__ import annotations

from collections.abc import Sequence

import polib

from ..diagnostics import Location
from .units import Returned, State, Unit, Unreadable

DIGEST = "source-digest: "


def write(units: Sequence[Unit]) -> bytes:
    catalog = polib.POFile(wrapwidth=78)
    catalog.metadata = {
        "Project-Id-Version": "plaidoyer",
        "Language": units[0].target_lang,
        "X-Source-Language": units[0].source_lang,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "X-Generator": "plaidoyer translate export",
    }
    for unit in units:
        comments = [unit.context]
        if unit.audiences:
            comments.append("printed for: " + ", ".join(unit.audiences))
        if unit.internal:
            comments.append("internal: only the coalition's own briefs print it")
        for match in unit.terms:
            said = " / ".join(w for w in (match.target, match.acronym) if w) or "?"
            comments.append(f"glossary: {match.source} → {said}")
        comments.append(DIGEST + unit.digest)
        path, line = unit.at.path, unit.at.line
        catalog.append(polib.POEntry(
            msgctxt=f"{unit.paper}/{unit.key}", msgid=unit.source, msgstr=unit.target or "",
            comment="\n".join(comments), occurrences=[(path, str(line))],
            flags=["fuzzy"] if unit.state is State.STALE else []))
    return str(catalog).encode("utf-8")


def read(data: bytes, shown: str) -> tuple[str | None, list[Returned]]:
    """The target language (from the header) and the entries of a PO file."""
    try:
        catalog = polib.pofile(data.decode("utf-8"), wrapwidth=78)
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        raise Unreadable(f"{shown}:1:1: error: not a PO file plaidoyer can read ({exc}) "
                         "[translate]") from None
    returned = []
    for entry in catalog:
        if entry.obsolete:
            continue
        paper, _, key = (entry.msgctxt or "").partition("/")
        digest = next((line[len(DIGEST):].strip() for line in entry.comment.splitlines()
                       if line.startswith(DIGEST)), None)
        returned.append(Returned(
            paper=paper or None, ident=key, target=entry.msgstr or None,
            done=bool(entry.msgstr) and "fuzzy" not in entry.flags, digest=digest,
            source=entry.msgid, at=Location(shown, entry.linenum or 0, 1)))
    return catalog.metadata.get("Language") or None, returned
