"""Write stage: atomic writes inside the output folder only, one build at a time per
folder, and a cache that skips renders whose inputs did not change.

An interrupted build never leaves a half-written PDF: each file is written beside
its target and moved into place with `os.replace`. A full disk or a read-only folder is
a message, not a traceback; a cache marker that cannot be read means "build again".
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from .diagnostics import PlaidoyerError

CACHE_DIR = ".cache"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_MODE = 0o666 & ~_umask()
"""What an ordinary file gets under the user's umask; mkstemp's 0600 would survive
os.replace and hide the briefs from colleagues and web servers."""


class WriteFailed(PlaidoyerError):
    """The output folder refused a file (read-only, full, or not a folder)."""


def inside(out_dir: Path, path: Path) -> Path:
    """`path`, if it stays inside `out_dir` once links are followed; a link leading out (a
    `build/<paper>` pointing elsewhere) is refused, never written through."""
    if not path.resolve().is_relative_to(out_dir.resolve()):
        raise WriteFailed(f"{path} leads outside the output folder {out_dir} (a link?): "
                          "remove the link, or build elsewhere with -o")
    return path


@contextlib.contextmanager
def build_lock(out_dir: Path) -> Iterator[None]:
    """One build at a time into a folder: a second one waits for the first to finish."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        handle = open(out_dir / ".plaidoyer.lock", "a")  # noqa: SIM115 - held for the build
    except OSError as exc:
        raise WriteFailed(f"cannot write into {out_dir}: {exc.strerror}: choose another "
                          "folder with -o") from None
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"waiting for another build into {out_dir} to finish …", flush=True,
                  file=sys.stderr)
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def write_atomic(path: Path, data: bytes) -> None:
    try:
        _write_atomic(path, data)
    except OSError as exc:
        raise WriteFailed(f"could not write {path}: {exc.strerror}: free some space, or "
                          "choose a writable folder with -o") from None


def _write_atomic(path: Path, data: bytes) -> None:
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

    def _read(self, output: Path, suffix: str) -> str | None:
        try:
            return self._marker(output, suffix).read_text(encoding="ascii")
        except (OSError, UnicodeDecodeError):
            return None

    def is_fresh(self, output: Path, key: str) -> bool:
        if not output.is_file() or self._read(output, ".key") != key:
            return False
        # a PDF's page count is part of what a build checks: without it, build again
        return output.suffix != ".pdf" or self.pages(output) is not None

    def pages(self, output: Path) -> int | None:
        text = self._read(output, ".pages")
        return int(text) if text is not None and text.isdigit() else None

    def remember(self, output: Path, key: str, pages: int | None) -> None:
        if pages is not None:
            write_atomic(self._marker(output, ".pages"), str(pages).encode())
        write_atomic(self._marker(output, ".key"), key.encode())


def die_with_parent() -> None:
    """In a worker process: end when the build that started it ends, even by `kill -9`,
    so no orphan keeps rendering (Linux; elsewhere workers end with their last job)."""
    try:
        import ctypes
        import signal

        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGKILL)
        if os.getppid() == 1:  # the parent died before the call: end now
            os._exit(1)
    except (OSError, AttributeError):
        pass
