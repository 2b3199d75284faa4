"""Results kept from one run to the next, for inputs that did not change: a paper's parsed
model and the result of its checks, the fonts' coverage. An editor validates a library of
a hundred papers after changing one: the other 99 are neither read again nor checked.

Every entry is named by a digest of everything it was made from (the inputs' bytes and
where they are, plaidoyer's code and data, the Python and library versions): a changed
input names another entry, never a stale one. The entries live in the user's cache
folder (`$PLAIDOYER_CACHE`, else `$XDG_CACHE_HOME/plaidoyer`, else `~/.cache/plaidoyer`),
never in a project: they are pickles, and a positions repository's pull request must not
be able to plant one. A folder another user may write to is not used;
`PLAIDOYER_CACHE=off` turns the memo off. Anything amiss (unreadable, full disk,
another version's entry) only means computing again."""

from __future__ import annotations

import hashlib
import importlib
import os
import pickle
import stat
import sys
import tempfile
import time
from functools import cache
from pathlib import Path
from typing import Any

from . import __version__
from .resources import PACKAGE, package_digest

KEEP_DAYS = 30  # an entry not used for this long is removed (at most once a run)


def folder() -> Path | None:
    """Where entries are kept; None when the memo is off."""
    chosen = os.environ.get("PLAIDOYER_CACHE")
    if chosen is not None:
        return None if chosen.strip().lower() in ("", "off", "0", "no", "false") \
            else Path(chosen)
    try:
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    except RuntimeError:  # no home folder: no memo
        return None
    return Path(base) / "plaidoyer"


@cache
def _environment() -> bytes:
    """What every entry depends on besides its own inputs."""
    digest = hashlib.sha256(f"{sys.version}|{__version__}|{package_digest()}".encode())
    for name in ("pydantic", "yaml", "babel", "fontTools"):
        module = importlib.import_module(name)
        digest.update(f"|{name} {getattr(module, 'VERSION', None)}"
                      f"{getattr(module, '__version__', None)}".encode())
    for file in sorted((PACKAGE / "data").rglob("*")):
        if file.is_file():
            digest.update(file.name.encode() + hashlib.sha256(file.read_bytes()).digest())
    return digest.digest()


def key(*parts: str | bytes) -> str:
    """The name of the entry made from `parts` (and the environment)."""
    digest = hashlib.sha256(_environment())
    for part in parts:
        data = part if isinstance(part, bytes) else part.encode()
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


def _usable(where: Path) -> bool:
    """Ours alone: a folder others may write to could hold a planted pickle."""
    try:
        status = where.stat()
    except OSError:
        return False
    return stat.S_ISDIR(status.st_mode) and status.st_uid == os.getuid() and \
        not status.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def get(kind: str, name: str) -> Any:
    """The entry, or None."""
    where = folder()
    if where is None or not _usable(where):
        return None
    file = where / kind / name
    try:
        value = pickle.loads(file.read_bytes())
        os.utime(file)  # used: kept
    except Exception:  # any unreadable entry means "compute again"
        return None
    return value


_pruned = False


def put(kind: str, name: str, value: object) -> None:
    """Keep `value` as the entry `name`; silently nothing if it cannot be kept."""
    global _pruned
    where = folder()
    if where is None:
        return
    try:
        where.mkdir(parents=True, exist_ok=True, mode=0o700)
        (where / kind).mkdir(exist_ok=True, mode=0o700)
        if not _usable(where):
            return
        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        handle, temporary = tempfile.mkstemp(dir=where / kind, prefix=".", suffix=".tmp")
    except Exception:  # a memo that cannot be kept is no error
        return
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, where / kind / name)
    except OSError:
        Path(temporary).unlink(missing_ok=True)
        return
    if not _pruned:
        _pruned = True
        _prune(where / kind)


def _prune(entries: Path) -> None:
    limit = time.time() - KEEP_DAYS * 86400
    for entry in entries.iterdir():
        try:
            if entry.stat().st_mtime < limit:
                entry.unlink()
        except OSError:
            continue
