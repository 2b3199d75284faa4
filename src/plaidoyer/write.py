"""Write stage: atomic writes, and a cache that skips renders whose inputs did not change.

An interrupted build never leaves a half-written PDF: each file is written beside
its target and moved into place with `os.replace`.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

CACHE_DIR = ".cache"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_MODE = 0o666 & ~_umask()
"""What an ordinary file gets under the user's umask; mkstemp's 0600 would survive
os.replace and hide the briefs from colleagues and web servers."""


def write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            os.fchmod(handle.fileno(), _MODE)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class BuildCache:
    """Remembers, per output file, the digest of what it was made from and its page count."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self.folder = out_dir / CACHE_DIR

    def _marker(self, output: Path, suffix: str) -> Path:
        name = output.relative_to(self.out_dir).as_posix().replace("/", "__")
        return self.folder / f"{name}{suffix}"

    def is_fresh(self, output: Path, key: str) -> bool:
        marker = self._marker(output, ".key")
        return output.exists() and marker.exists() and marker.read_text() == key

    def pages(self, output: Path) -> int | None:
        marker = self._marker(output, ".pages")
        return int(marker.read_text()) if marker.exists() else None

    def remember(self, output: Path, key: str, pages: int | None) -> None:
        if pages is not None:
            write_atomic(self._marker(output, ".pages"), str(pages).encode())
        write_atomic(self._marker(output, ".key"), key.encode())
