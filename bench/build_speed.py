"""Benchmark: how much parallel rendering and the build cache save.

Reports ratios against a reference run in the same script (serial, cold build), never
absolute times: run `python bench/build_speed.py` on any machine and compare ratios.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed_build(out: Path, jobs: int) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "plaidoyer", "build", "--root", str(ROOT), "-o",
                    str(out), "-j", str(jobs)], check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    cpus = os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as tmp:
        serial = timed_build(Path(tmp) / "serial", 1)
        parallel = timed_build(Path(tmp) / "parallel", cpus)
        cached = timed_build(Path(tmp) / "parallel", cpus)
        shutil.rmtree(Path(tmp) / "serial")
    print(f"reference: cold serial build (-j 1) = 1.00 ({serial:.1f} s here)")
    print(f"cold parallel build (-j {cpus}): {parallel / serial:.2f} of the reference")
    print(f"warm build (nothing changed):  {cached / serial:.2f} of the reference")


if __name__ == "__main__":
    main()
