"""Peak memory of a batch against the length of its document: pages are streamed.

    python -m benchmarks.batch_memory [--pages 10 100] [--jobs 1]

Builds a 300-dpi PDF of N pages from the sample letters (each page a real A4 scan),
runs ``pismo run`` on it in a fresh process, and reports the peak resident memory of
the largest process of the run (``ru_maxrss`` of the children: the pismo worker, or a
Tesseract it started) and the wall time. With ``--jobs 1`` the one process reads every
page, so the figure is the per-worker peak; the issue's target is 400 MB, flat in N.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
DPI = 300


def build_pdf(path: Path, pages: int) -> Path:
    """A PDF of ``pages`` A4 pages at 300 dpi, cycling through the sample scans."""
    scans = sorted((ROOT / "samples").glob("s0[1-4]_*.png"))
    a4 = (2480, 3508)
    images = []
    for number in range(pages):
        with Image.open(scans[number % len(scans)]) as scan:
            page = Image.new("L", a4, 255)
            page.paste(scan.convert("L").resize(a4))
            images.append(page)
    images[0].save(path, "PDF", save_all=True, append_images=images[1:], resolution=DPI)
    return path


def measure(pdf: Path, jobs: int, out: Path) -> dict[str, float]:
    """Run pismo on one PDF in a child process; its peak memory and time."""
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "pipeline", "run", str(pdf), "-o", str(out), "-j", str(jobs), "-q"],
        cwd=ROOT,
        check=True,
        env={**os.environ, "OMP_THREAD_LIMIT": "1"},
    )
    seconds = time.perf_counter() - started
    # The largest child of this interpreter; ru_maxrss only grows, so each size is
    # measured from its own interpreter (see main).
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {"peak_mb": round(peak_kib / 1024, 1), "seconds": round(seconds, 1)}


def main(argv: list[str] | None = None) -> int:
    """Build each PDF, then measure it from a fresh, small interpreter.

    ``ru_maxrss`` is a running maximum and a forked child starts with its parent's
    resident pages, so the interpreter that builds a PDF (it holds every page image)
    must not be the one that starts pismo.
    """
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, nargs="+", default=[10, 100])
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--build", type=Path, help=argparse.SUPPRESS)  # internal
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)  # internal
    args = parser.parse_args(argv)
    if args.build is not None:
        build_pdf(args.build, args.pages[0])
        return 0
    if args.measure is not None:
        result = measure(args.measure, args.jobs, args.measure.with_suffix(".out"))
        print(json.dumps({"pages": args.pages[0], "jobs": args.jobs, **result}), flush=True)
        return 0
    with tempfile.TemporaryDirectory() as scratch:
        for pages in args.pages:
            pdf = Path(scratch) / f"{pages}.pdf"
            for step in ("--build", "--measure"):
                command = [sys.executable, "-m", "benchmarks.batch_memory", step, str(pdf)]
                command += ["--pages", str(pages), "--jobs", str(args.jobs)]
                subprocess.run(command, cwd=ROOT, check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
