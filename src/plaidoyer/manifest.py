"""The manifest of an output folder: every brief with its digest, pages, paper, audience,
language and format, and the commit of the positions it was built from — so a release
can be traced to its sources and checked later (`plaidoyer verify`)."""

from __future__ import annotations

import hashlib
import json
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from . import __version__
from .write import write_atomic

MANIFEST = "manifest.json"


@dataclass(frozen=True)
class Entry:
    path: str  # relative to the output folder
    paper: str
    audience: str
    lang: str
    fmt: str
    pages: int | None


def sha256(file: Path) -> str:
    return hashlib.sha256(file.read_bytes()).hexdigest()


def commit_of(root: Path) -> str | None:
    """The git commit of the positions, if they are in a git checkout."""
    try:
        done = subprocess.run(["git", "-C", str(root), "rev-parse", "HEAD"],
                              capture_output=True, text=True, timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() or None if done.returncode == 0 else None


def write_manifest(out_dir: Path, entries: Iterable[Entry], root: Path) -> Path:
    """Add or update `entries` in the folder's manifest; files gone since are dropped."""
    target = out_dir / MANIFEST
    files: dict[str, dict] = {}
    if target.is_file():
        try:
            files = json.loads(target.read_text(encoding="utf-8")).get("files", {})
        except (ValueError, OSError, AttributeError):
            files = {}
    for entry in entries:
        files[entry.path] = {"sha256": sha256(out_dir / entry.path), "pages": entry.pages,
                             "paper": entry.paper, "audience": entry.audience,
                             "language": entry.lang, "format": entry.fmt}
    files = {path: record for path, record in sorted(files.items())
             if (out_dir / path).is_file()}
    manifest = {"generator": f"plaidoyer {__version__}", "positions_commit": commit_of(root),
                "files": files}
    write_atomic(target, (json.dumps(manifest, indent=1, ensure_ascii=False) + "\n").encode())
    return target


def verify(out_dir: Path) -> list[str]:
    """Every difference between the folder and its manifest, as plain sentences."""
    target = out_dir / MANIFEST
    try:
        files = json.loads(target.read_text(encoding="utf-8"))["files"]
    except (OSError, ValueError, KeyError, TypeError):
        return [f"{target}: no readable manifest: build into this folder first"]
    problems = []
    for path, record in files.items():
        file = out_dir / path
        if not file.is_file():
            problems.append(f"{path}: missing")
        elif sha256(file) != record.get("sha256"):
            problems.append(f"{path}: changed since it was built")
    listed = set(files)
    for file in sorted(out_dir.rglob("*")):
        name = file.relative_to(out_dir).as_posix()
        if file.is_file() and file.suffix in (".pdf", ".docx", ".html") and name not in listed:
            problems.append(f"{name}: not in the manifest")
    return problems
