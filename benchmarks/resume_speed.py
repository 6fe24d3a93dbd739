"""How long a re-run takes over a batch that is already finished: the resume check.

    python -m benchmarks.resume_speed [--letters 10000]

Makes N small scans and an output folder as a finished run leaves it (a ``.json`` per
input and the journal, written with pismo's own journal code and the default options'
fingerprint, but without OCR, which would take hours), then times ``pismo run IN -o OUT``
in a fresh process: it must find everything finished and do nothing. Then it touches
one file in ten (new time, same content: hashed, still skipped) and changes none, and
times the run again.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image

from batch import cli, runner, tasks
from batch.journal import Entry, Journal, fingerprint, stamp_of

ROOT = Path(__file__).resolve().parent.parent


def finished_batch(folder: Path, out: Path, letters: int) -> None:
    """N distinct small PNG scans, and an output folder where all are finished."""
    folder.mkdir(parents=True)
    out.mkdir(parents=True)
    args = cli.build_parser().parse_args(["run", str(folder), "-o", str(out)])
    run = fingerprint(runner.run_settings(cli.run_options(args)))
    journal = Journal(out)
    journal.compact()
    for number in range(letters):
        path = folder / f"{number // 1000:02d}" / f"letter{number:05d}.png"
        path.parent.mkdir(exist_ok=True)
        image = Image.new("L", (600, 850), 255)
        image.putpixel((number % 600, number // 600 % 850), 0)  # distinct content
        image.save(path)
    for task in tasks.collect_tasks([folder], out):
        assert task.out_stem is not None
        task.out_stem.parent.mkdir(parents=True, exist_ok=True)
        task.out_stem.with_name(task.out_stem.name + ".json").write_text("{}\n", encoding="utf-8")
        row = tasks.Outcome(task.source, tasks.Status.OK, output=f"{task.out_name}.json", pages=1)
        journal.record(Entry(task.out_name, stamp_of(task.path), run, row.to_dict()))
    journal.close()


def timed_run(folder: Path, out: Path) -> float:
    """Seconds of a whole ``pismo run`` process (start-up included)."""
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "pipeline", "run", str(folder), "-o", str(out), "-q"],
        cwd=ROOT,
        check=True,
    )
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    """Build the finished batch, time the re-runs, print one JSON line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letters", type=int, default=10000)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        folder, out = Path(scratch) / "in", Path(scratch) / "out"
        finished_batch(folder, out, args.letters)
        untouched = timed_run(folder, out)
        for path in sorted(folder.rglob("*.png"))[::10]:
            os.utime(path)
        touched = timed_run(folder, out)
        rows = (out / "index.jsonl").read_text(encoding="utf-8").count("\n")
    print(
        json.dumps(
            {
                "letters": args.letters,
                "rerun_seconds": round(untouched, 2),
                "rerun_one_in_ten_touched_seconds": round(touched, 2),
                "index_rows": rows,
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
