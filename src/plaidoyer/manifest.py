"""The manifest of an output folder: every brief with its digest, pages, paper, audience,
language and format, and the commit of the positions it was built from — so a release
can be traced to its sources and checked later (`plaidoyer verify`).

A sharded build (`--shard K/N`, one CI job per shard) writes one manifest per shard
(`manifest.shard-K-of-N.json`), so shards downloaded into one folder never overwrite each
other; `plaidoyer manifest merge` joins them into the folder's `manifest.json`."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from . import __version__
from .diagnostics import PlaidoyerError
from .write import write_atomic

MANIFEST = "manifest.json"
GENERATOR = f"plaidoyer {__version__}"
_SHARD_FILE = re.compile(r"^manifest\.shard-(\d+)-of-(\d+)\.json$")


class ManifestError(PlaidoyerError):
    """Shard manifests that cannot be merged into one."""


@dataclass(frozen=True)
class Entry:
    path: str  # relative to the output folder
    paper: str
    audience: str
    lang: str
    fmt: str
    pages: int | None


@dataclass(frozen=True)
class Shard:
    """Which share of the build matrix a CI job builds: the `index`th of `count`."""

    index: int
    count: int

    @classmethod
    def parse(cls, text: str) -> Shard:
        match = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*", text)
        if not match or not 1 <= int(match.group(1)) <= int(match.group(2)):
            raise ValueError(f"'{text}' is not K/N with 1 ≤ K ≤ N (for example 2/3)")
        return cls(int(match.group(1)), int(match.group(2)))

    @property
    def manifest(self) -> str:
        return f"manifest.shard-{self.index}-of-{self.count}.json"

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"


@dataclass(frozen=True)
class Provenance:
    """Where a release PDF comes from: named in its XMP metadata, with the paper's
    source files attached, so the archived file itself says what made it."""

    generator: str
    commit: str | None
    sources: tuple[tuple[str, bytes], ...]  # (path from the project root, content)

    def digest(self) -> str:
        """Part of the build cache's key: another commit or source means another PDF."""
        h = hashlib.sha256(f"{self.generator}|{self.commit}".encode())
        for name, data in self.sources:
            h.update(f"|{name}|{len(data)}|".encode())
            h.update(data)
        return h.hexdigest()


def sha256(file: Path) -> str:
    return hashlib.sha256(file.read_bytes()).hexdigest()


def _git(root: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True,
                              text=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def commit_of(root: Path) -> str | None:
    """The git commit of the positions, if they are in a git checkout."""
    out = _git(root, "rev-parse", "HEAD")
    return out.strip() or None if out is not None else None


def uncommitted(root: Path, folders: Sequence[str]) -> list[str] | None:
    """Files under `folders` (relative to `root`) that differ from the commit: changed,
    added or not yet tracked; None if `root` is not in a git checkout."""
    if commit_of(root) is None:
        return None
    changed = _git(root, "diff", "--name-only", "--relative", "HEAD", "--", *folders)
    untracked = _git(root, "ls-files", "--others", "--exclude-standard", "--", *folders)
    if changed is None or untracked is None:
        return None
    return sorted({line for line in (changed + untracked).splitlines() if line})


def paper_sources(root: Path, paper_file: str) -> tuple[tuple[str, bytes], ...]:
    """Every YAML file of the paper whose paper.yaml is `paper_file` (shown from the
    root), as the loader reads them: what a release attaches to its PDFs."""
    folder = (root / paper_file).parent
    files = sorted(p for p in folder.rglob("*") if p.suffix in (".yaml", ".yml")
                   and p.is_file() and not p.name.startswith("."))
    return tuple((p.relative_to(root).as_posix(), p.read_bytes()) for p in files)


def write_manifest(out_dir: Path, entries: Iterable[Entry], root: Path, release: bool = False,
                   shard: Shard | None = None) -> Path:
    """Add or update `entries` in the folder's manifest; files gone since are dropped.

    A release or a shard lists exactly what this build made: a file left over from an
    earlier build is then "not in the manifest" for `plaidoyer verify`, never shipped."""
    target = out_dir / (shard.manifest if shard else MANIFEST)
    files: dict[str, dict] = {}
    if target.is_file() and not release and shard is None:
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
    manifest: dict[str, object] = {"generator": GENERATOR,
                                   "positions_commit": commit_of(root), "release": release}
    if shard is not None:
        manifest["shard"] = str(shard)
    manifest["files"] = files
    _dump(target, manifest)
    return target


def _dump(target: Path, manifest: dict[str, object]) -> None:
    write_atomic(target, (json.dumps(manifest, indent=1, ensure_ascii=False) + "\n").encode())


def merge_shards(out_dir: Path) -> tuple[Path, int]:
    """Join every shard manifest of the folder into its manifest.json, then remove them.

    Refuses shards of different splits, a missing shard, shards built from different
    commits or versions, and a file listed by two shards: the merged manifest is then
    exactly one whole build. Returns the manifest and how many shards it joined."""
    found: dict[int, dict[int, Path]] = {}
    for file in sorted(out_dir.glob("manifest.shard-*-of-*.json")):
        match = _SHARD_FILE.match(file.name)
        if match:
            found.setdefault(int(match.group(2)), {})[int(match.group(1))] = file
    if not found:
        done = " (its manifest.json is already merged)" if (out_dir / MANIFEST).is_file() else ""
        raise ManifestError(f"{out_dir}: no shard manifest (manifest.shard-K-of-N.json) to "
                            f"merge{done}: download every shard's folder into this one first")
    if len(found) > 1:
        splits = ", ".join(f"{n} shards" for n in sorted(found))
        raise ManifestError(f"{out_dir}: manifests of different splits ({splits}): remove "
                            "those of the older build")
    count, shards = next(iter(found.items()))
    missing = [str(k) for k in range(1, count + 1) if k not in shards]
    if missing:
        raise ManifestError(f"{out_dir}: shard{'s' * (len(missing) > 1)} "
                            f"{', '.join(missing)} of {count} missing: download "
                            f"{'their' if len(missing) > 1 else 'its'} folder here too")
    merged: dict[str, object] = {}
    files: dict[str, dict] = {}
    for index in range(1, count + 1):
        try:
            manifest = json.loads(shards[index].read_text(encoding="utf-8"))
            shard_files = dict(manifest["files"])
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise ManifestError(f"{shards[index]}: not a readable manifest ({exc}): "
                                "build that shard again") from None
        head = {key: manifest.get(key) for key in ("generator", "positions_commit", "release")}
        if merged and head != merged:
            differs = [k for k in head if head[k] != merged[k]]
            raise ManifestError(f"{shards[index].name}: another {', '.join(differs)} than "
                                f"shard 1 ({', '.join(str(head[k]) for k in differs)}): "
                                "build every shard from the same commit and plaidoyer")
        merged = head
        for path, record in shard_files.items():
            if path in files:
                raise ManifestError(f"{path} is listed by two shards: build the shards "
                                    "again into empty folders")
            files[path] = record
    target = out_dir / MANIFEST
    _dump(target, {**merged, "files": dict(sorted(files.items()))})
    for file in shards.values():
        file.unlink()
    return target, count


def verify(out_dir: Path) -> list[str]:
    """Every difference between the folder and its manifest, as plain sentences."""
    target = out_dir / MANIFEST
    try:
        files = json.loads(target.read_text(encoding="utf-8"))["files"]
    except (OSError, ValueError, KeyError, TypeError):
        if any(_SHARD_FILE.match(f.name) for f in out_dir.glob("manifest.shard-*.json")):
            return [f"{target}: missing, but shard manifests are here: run "
                    f"`plaidoyer manifest merge {out_dir}` first"]
        return [f"{target}: no readable manifest: build into this folder first"]
    problems = []
    for path, record in files.items():
        file = out_dir / path
        if not file.is_file():
            problems.append(f"{path}: missing")
        elif sha256(file) != record.get("sha256"):
            problems.append(f"{path}: changed since it was built")
    # Any other file would ship with the folder: only plaidoyer's own hidden bookkeeping
    # (.cache/, .plaidoyer.lock) and the manifests are not listed.
    listed = {*files, MANIFEST}
    for file in sorted(out_dir.rglob("*")):
        relative = file.relative_to(out_dir)
        name = relative.as_posix()
        hidden = any(part.startswith(".") for part in relative.parts)
        if file.is_file() and not hidden and name not in listed \
                and not _SHARD_FILE.match(name):
            problems.append(f"{name}: not in the manifest")
    return problems
