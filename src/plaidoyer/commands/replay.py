"""A build whose inputs did not change since the last one into the same folder does not
load, validate or tailor anything: it says again what that build said and rewrites the
manifest, in a few hundredths of a second instead of seconds.

The inputs are every byte the build could read: every file under positions/ and
glossary/, the project's templates, plaidoyer itself (code, templates, audiences, data),
and the request (root, papers, audiences, languages, formats, shard, SOURCE_DATE_EPOCH).
Any difference, or an output missing or made by another build since, and the build runs
in full; its cache of rendered files (write.BuildCache) then rebuilds only the briefs
whose content changed. Release builds always run in full: they check git as well.

The record is JSON, read defensively: a record that cannot be read means "build"."""

from __future__ import annotations

import hashlib
import json
import os
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .. import __version__
from ..diagnostics import Diagnostic, Location, Severity
from ..folders import GLOSSARY_DIR, POSITIONS_DIR, Layout
from ..manifest import Entry
from ..resources import PACKAGE
from ..write import CACHE_DIR, BuildCache, write_atomic

RECORD_PREFIX = "replay-"  # beside the build cache's markers, in the output's .cache/
LARGEST = 8 * 1024 * 1024
"""Above yamlsource.MAX_FILE_BYTES (the loader refuses larger files, unread): a larger
file under positions/ or glossary/ is named by its size, never read."""


@dataclass(frozen=True)
class Made:
    """One file a build made or found unchanged, as a record keeps it."""

    entry: Entry
    key: str  # the build cache's key of the file


@dataclass(frozen=True)
class Record:
    """What a build said and made, and the digest of everything it read."""

    inputs: str
    diagnostics: tuple[Diagnostic, ...]
    skipped: tuple[str, ...]
    left_out: int
    made: tuple[Made, ...]


def request_name(layout: Layout, request: Sequence[object]) -> str:
    """The record's file name: one record per root and request, so `build -f pdf` and
    `build` into one folder each replay their own."""
    text = json.dumps([str(layout.root.resolve()), *map(str, request)])
    return hashlib.sha256(text.encode()).hexdigest()[:24] + ".json"


def inputs_digest(layout: Layout, request: Sequence[object]) -> str:
    """A digest of every file a build may read, with the request (which holds the digest
    of plaidoyer's code the build cache keys use: package_digest)."""
    digest = hashlib.sha256(f"{__version__}|{json.dumps(list(map(str, request)))}".encode())
    for folder, limit in ((layout.root / POSITIONS_DIR, LARGEST),
                          (layout.root / GLOSSARY_DIR, LARGEST),
                          (layout.templates, None), (PACKAGE, None)):
        digest.update(f"\0{folder}\0".encode())
        _add_files(digest, folder, limit)
    return digest.hexdigest()


def _add_files(digest: hashlib._Hash, folder: Path, limit: int | None = None) -> None:
    """Every file under `folder`, links not followed into folders: its name, where a link
    points (a link may lead out: the loader refuses it) and its bytes; only the kind and
    size of what is not a regular file, or is over `limit` bytes (a pipe is never read,
    a huge file never loaded: the loader refuses both, and a build that fails is never
    replayed)."""
    for path, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            file = Path(path) / name
            digest.update(f"\0{file.relative_to(folder)}\0".encode())
            try:
                if file.is_symlink():
                    digest.update(f"->{os.readlink(file)}\0".encode())
                status = file.stat()
                if not stat.S_ISREG(status.st_mode) or (limit and status.st_size > limit):
                    digest.update(f"{status.st_mode} {status.st_size} {status.st_mtime_ns}"
                                  .encode())
                    continue
                with open(file, "rb") as handle:
                    digest.update(hashlib.file_digest(handle, "sha256").digest())
            except OSError as error:
                digest.update(f"unreadable {error.errno}".encode())


def _file(out_dir: Path, name: str) -> Path:
    return out_dir / CACHE_DIR / f"{RECORD_PREFIX}{name}"


def load(out_dir: Path, name: str, inputs: str) -> Record | None:
    """The record of the last build of this request, if its inputs are `inputs` and every
    file it made is still there, as it made it."""
    try:
        data = json.loads(_file(out_dir, name).read_text(encoding="utf-8"))
        if data.get("inputs") != inputs:
            return None
        record = Record(
            inputs,
            tuple(Diagnostic(Location(*d["at"]), Severity(d["severity"]), d["message"],
                             d["kind"], d["lang"], d["paper"]) for d in data["diagnostics"]),
            tuple(str(s) for s in data["skipped"]), int(data["left_out"]),
            tuple(Made(Entry(**m["entry"]), m["key"]) for m in data["made"]))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    cache = BuildCache(out_dir)
    for made in record.made:
        output = out_dir / made.entry.path
        if not cache.is_fresh(output, made.key) or cache.pages(output) != made.entry.pages:
            return None
    return record


def save(out_dir: Path, name: str, record: Record) -> None:
    data = {
        "inputs": record.inputs,
        "diagnostics": [{"at": [d.at.path, d.at.line, d.at.col], "severity": str(d.severity),
                         "message": d.message, "kind": d.kind, "lang": d.lang,
                         "paper": d.paper} for d in record.diagnostics],
        "skipped": list(record.skipped),
        "left_out": record.left_out,
        "made": [{"entry": vars(m.entry), "key": m.key} for m in record.made],
    }
    write_atomic(_file(out_dir, name), json.dumps(data, ensure_ascii=False).encode())


def forget(out_dir: Path, name: str) -> None:
    """Before a build runs in full: if it fails halfway, no record may replay the last."""
    _file(out_dir, name).unlink(missing_ok=True)
