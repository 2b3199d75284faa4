"""Page numbers of a DOCX brief's contents, laid out by LibreOffice when it is installed.

LibreOffice opens a DOCX's TOC field as an index but does not update it on loading, nor on
`--convert-to`: a Basic macro, run headless in a throwaway profile, opens each brief,
updates its indexes and writes their text ("title<TAB>page" a line). Only the numbers are
taken back into plaidoyer's own file, which LibreOffice never rewrites: the brief keeps its
bytes, dates and structure, and the same input gives the same numbers on every run.

One LibreOffice run numbers all the briefs it is given: starting costs about a second of
CPU, each brief a quarter of a second (LibreOffice 7.4), so a build hands it every brief
with contents at once (commands/rendering.py). A brief's numbers do not depend on the
briefs numbered before it in the run (tested): each is laid out anew, and every brief
embeds the same font subsets (docx_fonts). Any failure (no LibreOffice, a crash, a
timeout) leaves the contents without numbers, for Word to fill.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from collections.abc import Sequence
from multiprocessing.util import Finalize
from pathlib import Path

TIMEOUT = 120  # seconds: a LibreOffice that hangs must not hang the build
PER_BRIEF = 10  # more seconds for each brief of a run

_MACRO = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1"
 script:language="StarBasic">
Sub Contents(folder As String, count As Integer)
    For n = 1 To count
        stem = folder &amp; &quot;/&quot; &amp; n
        Numbered(stem &amp; &quot;.docx&quot;, stem &amp; &quot;.txt&quot;)
    Next
    StarDesktop.terminate()
End Sub
Sub Numbered(source As String, target As String)
    On Error GoTo Done
    Dim props(0) As New com.sun.star.beans.PropertyValue
    props(0).Name = &quot;Hidden&quot;
    props(0).Value = True
    doc = StarDesktop.loadComponentFromURL(ConvertToURL(source), &quot;_blank&quot;, 0, props())
    indexes = doc.getDocumentIndexes()
    result = &quot;&quot;
    For i = 0 To indexes.getCount() - 1
        index = indexes.getByIndex(i)
        index.update()
        result = result &amp; index.getAnchor().getString() &amp; Chr(10)
    Next
    doc.close(True)
    files = createUnoService(&quot;com.sun.star.ucb.SimpleFileAccess&quot;)
    stream = createUnoService(&quot;com.sun.star.io.TextOutputStream&quot;)
    stream.setOutputStream(files.openFileWrite(ConvertToURL(target)))
    stream.setEncoding(&quot;UTF-8&quot;)
    stream.writeString(result)
    stream.closeOutput()
Done:
End Sub
</script:module>
"""


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


Pages = list[tuple[str, int]]


def contents_pages(docxs: Sequence[bytes]) -> list[Pages | None]:
    """For each of `docxs`, its contents entries with their pages as LibreOffice lays the
    brief out (one LibreOffice run for all); None where LibreOffice is missing or fails."""
    program = soffice()
    if program is None or not docxs:
        return [None] * len(docxs)
    with _LOCK:
        profile = _profile(program)
        if profile is None:
            return [None] * len(docxs)
        with tempfile.TemporaryDirectory(prefix="plaidoyer-lo-") as name:
            folder = Path(name)
            for n, docx in enumerate(docxs, 1):
                (folder / f"{n}.docx").write_bytes(docx)
            call = f'macro:///Standard.Module1.Contents("{folder}",{len(docxs)})'
            ran = _run([*_options(program, profile), call],
                       timeout=TIMEOUT + PER_BRIEF * len(docxs))
            return [_entries(target.read_text(encoding="utf-8"))
                    if ran and (target := folder / f"{n}.txt").exists() else None
                    for n in range(1, len(docxs) + 1)]


_LOCK = threading.Lock()
_PROFILES: dict[int, Path] = {}
_SHARED: list[Path] = []  # a build's profile, made by its main process (share_profile)
_MAKING: dict[Path, threading.Thread] = {}
READY, FAILED = "plaidoyer-ready", "plaidoyer-failed"


def share_profile() -> Path | None:
    """Start making, in a background thread of this process, the one LibreOffice profile
    a build's workers use (`use_profile`): LibreOffice's first start in it (0.3 s of CPU
    measured at 0.3.0), spent while the positions are validated, once a build rather than
    once a worker. A build runs one batch at a time, and a profile serves one LibreOffice at a
    time. The caller removes the folder when the build is done."""
    program = soffice()
    if program is None:
        return None
    folder = Path(tempfile.mkdtemp(prefix="plaidoyer-libreoffice-"))
    making = threading.Thread(target=_make_shared, args=(program, folder), daemon=True)
    making.start()
    _MAKING[folder] = making
    return folder


def remove_profile(folder: Path) -> None:
    """The build's profile removed, once LibreOffice has finished making it (removed
    under a running LibreOffice, it would be made again and left behind)."""
    making = _MAKING.pop(folder, None)
    if making is not None:
        making.join(TIMEOUT)
    shutil.rmtree(folder, ignore_errors=True)


def _make_shared(program: str, folder: Path) -> None:
    try:
        (folder / (READY if _make_profile(program, folder) else FAILED)).touch()
    except OSError:  # the build ended first (it failed) and removed the folder
        return


def use_profile(folder: Path | None) -> None:
    """In a build's worker: number contents with the build's profile (`share_profile`)."""
    _SHARED[:] = [folder] if folder is not None else []


def _shared() -> Path | None:
    """The build's profile once it is made; None without one, or if it failed."""
    if not _SHARED:
        return None
    folder, deadline = _SHARED[0], time.monotonic() + TIMEOUT
    while time.monotonic() < deadline and folder.is_dir():
        if (folder / READY).exists():
            return folder
        if (folder / FAILED).exists():
            return None
        time.sleep(0.05)
    return None


def _profile(program: str) -> Path | None:
    """The build's profile, or one of this process's own, holding the macro (a profile
    serves one LibreOffice at a time), kept for the process's next briefs: a new profile's
    first start costs about twice a later one. Removed when the process ends."""
    shared = _shared()
    if shared is not None:
        return shared
    profile = _PROFILES.get(os.getpid())
    if profile is not None and profile.is_dir():
        return profile
    profile = Path(tempfile.mkdtemp(prefix="plaidoyer-libreoffice-"))
    Finalize(None, shutil.rmtree, args=(str(profile), True), exitpriority=0)
    if not _make_profile(program, profile):
        return None
    _PROFILES[os.getpid()] = profile
    return profile


def _make_profile(program: str, profile: Path) -> bool:
    """A new profile gets its Basic library on the first start: make it, then replace its
    empty Module1 with ours."""
    module = profile / "user/basic/Standard/Module1.xba"
    if not _run([*_options(program, profile), "--terminate_after_init"]) or \
            not module.parent.is_dir():
        return False
    module.write_text(_MACRO, encoding="utf-8")
    return True


def _options(program: str, profile: Path) -> list[str]:
    return [program, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
            "--nologo", "--nodefault"]


def _entries(text: str) -> list[tuple[str, int]] | None:
    entries = []
    for line in text.splitlines():
        if not line.strip():
            continue
        title, tab, page = line.rpartition("\t")
        if not tab or not page.strip().isdigit():
            return None
        entries.append((title, int(page)))
    return entries or None


def _run(command: list[str], timeout: float = TIMEOUT) -> bool:
    """Run LibreOffice in its own process group, so a timeout ends all of it, with a
    temporary folder of its own, removed after it: LibreOffice leaves an empty `lu*.tmp`
    folder behind in the temporary folder on every run."""
    with tempfile.TemporaryDirectory(prefix="plaidoyer-lo-tmp-") as scratch:
        env = {**os.environ, "SAL_USE_VCLPLUGIN": "svp", "TMPDIR": scratch}
        try:
            process = subprocess.Popen(command, stdin=subprocess.DEVNULL,
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                       env=env, start_new_session=True)
        except OSError:
            return False
        try:
            return process.wait(timeout=timeout) == 0
        except subprocess.TimeoutExpired:
            if hasattr(os, "killpg"):
                os.killpg(process.pid, signal.SIGKILL)
            else:  # Windows: no process groups
                process.kill()
            process.wait()
            return False
