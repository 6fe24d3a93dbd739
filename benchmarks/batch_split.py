"""A scanner's batch PDF against the same letters as separate files, end to end.

    python -m benchmarks.batch_split [--letters 40] [--seed 8] [--jobs 2]

The samples generator's corpus (``--letters`` scanned letters of 1-4 pages, PDF, its scan
defects) is joined into one batch PDF in corpus order, a ``--duplex`` share of the
letters with a blank back after each page; with ``--separators`` a separator sheet
(a patch code, a QR code or a barcode, scanned; a duplex one with its blank back)
stands between letters. ``pismo run`` reads the folder of
files (``--split off``: each file its letter) and the batch (``--split auto``), taking
turns, timed. Printed:

* boundary precision, recall and F1 of the batch's letters (``batch.letters.json``)
  against the corpus's page ranges, and the share of letters found whole;
* strict field accuracy (:func:`extract.evaluate.score_letter` against the generator's
  truth) of the letters read from their files and of those cut from the batch (a letter
  cut wrong is scored against the true letter its first page belongs to);
* pages per second of both runs (the batch's with its blank backs), and the ratio of
  their times (the same letters, the batch's blank backs too).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pikepdf

from extract.evaluate import Report, load_output, score_letter

ROOT = Path(__file__).resolve().parents[1]


SEPARATOR_KINDS = ("none", "patch", "qr", "barcode", "mixed")


def build(
    folder: Path, letters: int, seed: int, duplex: float = 0.0, separators: str = "none"
) -> list[tuple[str, int, int, int]]:
    """The corpus's PDFs in ``folder/files``, the batch in ``folder/batch``.

    ``duplex``: the share of letters scanned on both sides: in the batch, a blank page
    after each of their pages. ``separators``: the separator sheet before each letter
    but the first (:data:`SEPARATOR_KINDS`; ``mixed``: any kind).

    Returns:
        Per letter: its id, its first and last page in the batch (blank backs too), and
        its pages in its file.
    """
    import random

    rng = random.Random(seed)

    files = folder / "files"
    command = [sys.executable, str(ROOT / "samples" / "generate.py"), "corpus", "--out", str(files)]
    command += ["--count", str(letters), "--seed", str(seed), "--formats", "pdf"]
    command += ["--pages-max", "4"]
    subprocess.run(command, check=True, capture_output=True)
    truths = folder / "truth"
    truths.mkdir()
    merged = pikepdf.Pdf.new()
    found: list[tuple[str, int, int, int]] = []
    for pdf in sorted(files.glob("*.pdf")):
        with pikepdf.Pdf.open(pdf) as source:
            backs = rng.random() < duplex
            if found and separators != "none":
                _add_separator(merged, separators, rng, back=backs)
            first = len(merged.pages) + 1
            for page in source.pages:
                merged.pages.append(page)
                if backs:  # the blank back of a duplex scan: white, the page's size
                    box = [float(v) for v in page.mediabox]
                    merged.add_blank_page(page_size=(box[2] - box[0], box[3] - box[1]))
            found.append((pdf.stem, first, len(merged.pages), len(source.pages)))
        # Truth out of the input folder: pismo reads every file there.
        for suffix in (".expected.json", ".gt.txt"):
            (files / f"{pdf.stem}{suffix}").replace(truths / f"{pdf.stem}{suffix}")
    (folder / "batch").mkdir()
    merged.save(folder / "batch" / "batch.pdf")
    return found


def _add_separator(merged: Any, kind: str, rng: Any, *, back: bool) -> None:
    """A separator sheet's scan (and its blank back), as a 300-dpi page of ``merged``."""
    import io

    from samples.generator.separators import KINDS, separator_sheet

    sheet = separator_sheet(rng.choice(KINDS) if kind == "mixed" else kind, rng)
    buffer = io.BytesIO()
    sheet.save(buffer, "PDF", resolution=300)
    with pikepdf.Pdf.open(io.BytesIO(buffer.getvalue())) as page_pdf:
        merged.pages.append(page_pdf.pages[0])
    if back:
        box = [float(v) for v in merged.pages[-1].mediabox]
        merged.add_blank_page(page_size=(box[2] - box[0], box[3] - box[1]))


def run(inputs: Path, out: Path, jobs: int, split: str) -> float:
    """``pismo run``; its wall seconds."""
    command = [sys.executable, "-m", "pipeline", "run", str(inputs), "-o", str(out)]
    command += ["-j", str(jobs), "--split", split, "-q"]
    started = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True)
    return time.perf_counter() - started


def boundaries(
    found: Sequence[Mapping[str, Any]], corpus: Sequence[tuple[str, int, int, int]]
) -> dict[str, float]:
    """Boundary precision, recall, F1 and whole letters of the batch's letters."""
    truth = [(first, last) for _, first, last, _ in corpus]
    got = [tuple(letter["pages"]) for letter in found]
    starts, true_starts = {s for s, _ in got} - {1}, {s for s, _ in truth} - {1}
    right = len(starts & true_starts)
    precision = right / len(starts) if starts else 1.0
    recall = right / len(true_starts) if true_starts else 1.0
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(2 * precision * recall / (precision + recall), 4) if right else 0.0,
        "whole_letters": round(len(set(got) & set(truth)) / len(truth), 4),
    }


def _print_misses(
    out: Path, found: Sequence[Mapping[str, Any]], corpus: Sequence[tuple[str, int, int, int]]
) -> None:
    truth = {(first, last) for _, first, last, _ in corpus}
    for letter in found:
        if tuple(letter["pages"]) in truth:
            continue
        document = load_output(out, letter["output"].removesuffix(".json"))
        head = " | ".join((document.get("text") or "").splitlines()[:3])[:140]
        print(f"cut {letter['pages']} ({letter['why']}): {head}")


def accuracy(pairs: Sequence[tuple[str, Mapping[str, Any], Mapping[str, Any]]]) -> float:
    """Strict present-field accuracy of (name, truth, output) triples."""
    report = Report()
    for name, truth, output in pairs:
        report.scores.extend(score_letter(name, truth, output))
    return round(report.overall()[0], 4)


def main(argv: list[str] | None = None) -> int:
    """Build, run both ways, print the figures and one JSON line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letters", type=int, default=40)
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--duplex", type=float, default=0.25, help="share of duplex letters")
    parser.add_argument("--separators", choices=SEPARATOR_KINDS, default="none")
    parser.add_argument("--keep", type=Path, help="work folder to keep (a new one)")
    parser.add_argument("--misses", action="store_true", help="print each wrong cut")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="batch_split_") as temporary:
        work = args.keep or Path(temporary)
        corpus = build(work, args.letters, args.seed, args.duplex, args.separators)
        with pikepdf.Pdf.open(work / "batch" / "batch.pdf") as batch:
            pages = len(batch.pages)
        scanned = sum(count for *_, count in corpus)
        files_s = run(work / "files", work / "out-files", args.jobs, "off")
        batch_s = run(work / "batch", work / "out-batch", args.jobs, "auto")
        truth = {
            name: json.loads((work / "truth" / f"{name}.expected.json").read_text("utf-8"))
            for name, *_ in corpus
        }
        listed = json.loads((work / "out-batch" / "batch.letters.json").read_text("utf-8"))
        letters = listed["letters"]
        # A page of no letter (a sheet, a back) cut into one counts as the next letter's.
        starts, name = {}, corpus[-1][0]
        for page in range(pages, 0, -1):
            name = next((n for n, first, last, _ in corpus if first <= page <= last), name)
            starts[page] = name
        cut = [
            (starts[letter["pages"][0]], truth[starts[letter["pages"][0]]],
             load_output(work / "out-batch", letter["output"].removesuffix(".json")))
            for letter in letters
        ]  # fmt: skip
        own = [(name, truth[name], load_output(work / "out-files", name)) for name, *_ in corpus]
        if args.misses:
            _print_misses(work / "out-batch", letters, corpus)
    figures = {
        "letters": len(corpus),
        "pages": pages,
        "pages_not_in_files": pages - scanned,  # blank backs, separator sheets
        "boundaries": boundaries(letters, corpus),
        "accuracy_files": accuracy(own),
        "accuracy_batch": accuracy(cut),
        "files_pages_per_s": round(scanned / files_s, 3),
        "batch_pages_per_s": round(pages / batch_s, 3),  # blank backs and sheets too
        "batch_over_files": round(files_s / batch_s, 3),  # in time: the same letters
    }
    for key, value in figures.items():
        print(f"{key:20} {value}")
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
