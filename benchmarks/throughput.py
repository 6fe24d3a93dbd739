"""Throughput against the physical limit, OCRmyPDF and a naive script, in one run.

    python -m benchmarks.throughput [--count 22] [--rounds 2] [--jobs N] [--out FILE]

1. Builds a fixed corpus with the samples generator (``samples/generate.py corpus``,
   seed 6): 300-dpi scanned letters of 1-3 pages as PDF and multi-page TIFF, with the
   generator's scan defects (skew, rotation, noise, stamps).
2. Prepares, untimed, what each contender reads: the page images (PNG, 300 dpi) for bare
   Tesseract, and a PDF of every input for OCRmyPDF (TIFFs converted losslessly with
   img2pdf: OCRmyPDF reads single images only).
3. Runs, on the same pages and ``--jobs`` cores, taking turns round after round so that
   the machine's drift hits all alike (each in its own process tree, its peak memory the
   largest sum of the tree's resident sets seen every 0.1 s):

   - ``limit``: the ``tesseract`` CLI (plain-text output), ``OMP_THREAD_LIMIT=1``, one
     process per core, on the page images: the cost of OCR alone;
   - ``ocrmypdf``: ``ocrmypdf -l pol -j N --output-type none --sidecar`` per input, one
     after the other, as its users batch it;
   - ``naive``: a pytesseract loop, ``pdf2image.convert_from_path`` (its default
     resolution) and ``image_to_string(lang="pol")`` per page, Tesseract's default
     threading: what a user would write;
   - ``pismo``: ``pismo run`` end to end, default options (JSON with every field), into
     a fresh folder each time.
4. Small batches (``--small 1,8,24``, ``0`` for none): ``limit`` and ``pismo`` alone on the
   corpus's first letters that add up to 1, 8 and 24 pages, as their files and again as
   one PDF of all their pages (a case file scanned in one go), ``--small-rounds`` rounds
   each, taking turns: a run's start-up and a small folder's uneven end, which the
   corpus's 40 pages hide. Per size, the ratio pismo/limit of each round (throughput:
   1.0 is as fast as bare Tesseract), its median and its spread.
5. Measures extraction alone (letters/s from stored OCR, one core:
   ``benchmarks/extract_speed.py``) and CLI start-up (``pismo --help``).

Prints a table (pages/s, ratios, peak memory) and writes the figures as JSON
(``benchmarks/results/throughput.json`` by default). ``--count 1 --pages-max 2
--rounds 1`` is the CI smoke run: it proves the benchmark works, and asserts nothing about speed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import NotRequired, TypedDict

ROOT = Path(__file__).resolve().parent.parent
CONTENDERS = ("limit", "ocrmypdf", "naive", "pismo")
DPI = 300
SEED = 6


class ContenderFigures(TypedDict):
    """One contender's figures: wall seconds of each round, pages/s, peak memory."""

    seconds: list[float]
    pages_per_s: float
    peak_mb: float


class SmallBatch(TypedDict):
    """One small batch: wall seconds of each round, and pismo's throughput over the limit's."""

    pages: int
    files: int
    limit_s: list[float]
    pismo_s: list[float]
    ratio: float  # median of the rounds' limit_s / pismo_s
    ratio_min: float
    ratio_max: float


class Report(TypedDict):
    """The figures written as JSON, in this key order."""

    date: str
    machine: str
    jobs: int
    letters: int
    pages: int
    rounds: int
    contenders: dict[str, ContenderFigures]
    ratios: NotRequired[dict[str, float]]  # pismo over each other contender, when it ran
    small_batches: NotRequired[dict[str, SmallBatch]]  # "8" (its files), "8 as one PDF"
    extraction: NotRequired[dict[str, float]]  # added after the contenders ran
    cli_help_seconds: NotRequired[float]  # likewise


# ----------------------------------------------------------------------------- corpus


def build_corpus(folder: Path, count: int, pages_max: int = 3) -> list[Path]:
    """Generate the letters; return the inputs (PDF and TIFF), sorted."""
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "samples" / "generate.py"),
            "corpus",
            "--out",
            str(folder),
            "--count",
            str(count),
            "--seed",
            str(SEED),
            "--formats",
            "pdf,tif",
            "--pages-max",
            str(pages_max),
            "--dpi",
            str(DPI),
        ],
        check=True,
    )
    return sorted(p for p in folder.iterdir() if p.suffix in {".pdf", ".tif"})


def page_images(inputs: Sequence[Path], folder: Path) -> list[Path]:
    """Every page as a PNG at the scan's resolution (what bare Tesseract reads)."""
    from PIL import Image, ImageSequence

    folder.mkdir(parents=True, exist_ok=True)
    pages: list[Path] = []
    for path in inputs:
        if path.suffix == ".pdf":
            prefix = folder / path.stem
            subprocess.run(["pdftoppm", "-r", str(DPI), "-png", str(path), str(prefix)], check=True)
            pages.extend(sorted(folder.glob(f"{path.stem}-*.png")))
            continue
        with Image.open(path) as image:
            for number, frame in enumerate(ImageSequence.Iterator(image), start=1):
                target = folder / f"{path.stem}-{number}.png"
                frame.save(target, dpi=(DPI, DPI))
                pages.append(target)
    return pages


def as_pdfs(inputs: Sequence[Path], folder: Path) -> list[Path]:
    """A PDF of every input (TIFFs converted losslessly), for OCRmyPDF."""
    import img2pdf

    folder.mkdir(parents=True, exist_ok=True)
    pdfs = []
    for path in inputs:
        if path.suffix == ".pdf":
            pdfs.append(path)
            continue
        target = folder / f"{path.stem}.pdf"
        target.write_bytes(img2pdf.convert(str(path)))
        pdfs.append(target)
    return pdfs


def pages_of(path: Path, pages: Path) -> list[Path]:
    """The page images :func:`page_images` wrote for one input, in page order."""
    found = [p for p in pages.glob(f"{path.stem}-*.png") if p.stem[len(path.stem) + 1 :].isdigit()]
    return sorted(found, key=lambda p: int(p.stem[len(path.stem) + 1 :]))


def small_batch(inputs: Sequence[Path], pages: Path, size: int) -> list[Path]:
    """The corpus's first inputs whose pages add up to ``size`` (one too long is skipped)."""
    chosen, total = [], 0
    for path in inputs:
        count = len(pages_of(path, pages))
        if total + count <= size:
            chosen.append(path)
            total += count
        if total == size:
            return chosen
    raise SystemExit(f"the corpus has no letters adding up to {size} pages; raise --count")


def small_folders(inputs: Sequence[Path], work: Path, size: int) -> dict[str, Path]:
    """Work folders for a small batch: its files, and all its pages as one PDF.

    Each holds ``corpus/`` (what pismo reads) and ``pages/`` (the limit's page images),
    as the main work folder does, so the same runners run them.
    """
    chosen = small_batch(inputs, work / "pages", size)
    images = [page for path in chosen for page in pages_of(path, work / "pages")]
    folders = {str(size): work / f"small-{size}"}
    for folder in folders.values():
        (folder / "corpus").mkdir(parents=True)
        for path in chosen:
            (folder / "corpus" / path.name).symlink_to(path)
    if size > 1:
        whole = work / f"small-{size}-pdf"
        folders[f"{size} as one PDF"] = whole
        (whole / "corpus").mkdir(parents=True)
        (whole / "corpus" / "batch.pdf").write_bytes(_merged_pdf(chosen, work / "pdfs"))
    for folder in folders.values():
        (folder / "pages").mkdir()
        for image in images:
            (folder / "pages" / image.name).symlink_to(image)
    return folders


def _merged_pdf(inputs: Sequence[Path], scratch: Path) -> bytes:
    """One PDF of the inputs' pages, in order (TIFFs as their lossless PDF)."""
    import io

    import pikepdf

    merged = pikepdf.Pdf.new()
    for pdf in as_pdfs(inputs, scratch):
        with pikepdf.Pdf.open(pdf) as source:
            merged.pages.extend(source.pages)
    buffer = io.BytesIO()
    merged.save(buffer)
    return buffer.getvalue()


def run_small(folders: dict[str, Path], rounds: int, jobs: int) -> dict[str, SmallBatch]:
    """Limit and pismo on each small batch, taking turns, ``rounds`` times."""
    found: dict[str, SmallBatch] = {}
    for name, folder in folders.items():
        times: dict[str, list[float]] = {"limit": [], "pismo": []}
        for round_number in range(rounds):
            order = ("limit", "pismo") if round_number % 2 == 0 else ("pismo", "limit")
            for contender in order:
                command = [sys.executable, "-m", "benchmarks.throughput", "--runner", contender]
                command += ["--work", str(folder), "--jobs", str(jobs)]
                times[contender].append(timed(command)[0])
        ratios = [lim / own for lim, own in zip(times["limit"], times["pismo"], strict=True)]
        found[name] = {
            "pages": len(list((folder / "pages").iterdir())),
            "files": len(list((folder / "corpus").iterdir())),
            "limit_s": [round(t, 2) for t in times["limit"]],
            "pismo_s": [round(t, 2) for t in times["pismo"]],
            "ratio": round(statistics.median(ratios), 3),
            "ratio_min": round(min(ratios), 3),
            "ratio_max": round(max(ratios), 3),
        }
    return found


# --------------------------------------------------------------------------- runners


def run_limit(pages: Sequence[Path], jobs: int) -> None:
    """Bare tesseract, one single-threaded process per core."""
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}

    def one(page: Path) -> None:
        subprocess.run(
            ["tesseract", str(page), "stdout", "-l", "pol"],
            check=True,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    with ThreadPoolExecutor(jobs) as pool:
        list(pool.map(one, pages))


def run_ocrmypdf(pdfs: Sequence[Path], jobs: int, scratch: Path) -> None:
    """OCRmyPDF on each input in turn, its pages on ``jobs`` cores."""
    command = shutil.which("ocrmypdf") or str(Path(sys.executable).with_name("ocrmypdf"))
    for pdf in pdfs:
        subprocess.run(
            [
                command,
                "-l",
                "pol",
                "-j",
                str(jobs),
                "--output-type",
                "none",
                "--sidecar",
                str(scratch / f"{pdf.stem}.txt"),
                "-q",
                str(pdf),
                "-",
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )


def run_naive(inputs: Sequence[Path]) -> None:
    """What a user would write: pdf2image and pytesseract, page after page."""
    import pdf2image
    import pytesseract
    from PIL import Image, ImageSequence

    for path in inputs:
        if path.suffix == ".pdf":
            images = pdf2image.convert_from_path(str(path))
        else:
            with Image.open(path) as tiff:
                images = [frame.copy() for frame in ImageSequence.Iterator(tiff)]
        for image in images:
            pytesseract.image_to_string(image, lang="pol")


def run_pismo(folder: Path, jobs: int, out: Path) -> None:
    """``pismo run`` end to end, into a fresh folder."""
    shutil.rmtree(out, ignore_errors=True)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pipeline",
            "run",
            str(folder),
            "-o",
            str(out),
            "-j",
            str(jobs),
            "-q",
        ],
        cwd=ROOT,
        check=True,
    )


# ------------------------------------------------------------------------ measuring


def _tree_rss(root: int) -> int:
    """Resident bytes of a process and all its descendants (from /proc)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    page = os.sysconf("SC_PAGE_SIZE")
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text(encoding="ascii", errors="replace")
        except OSError:
            continue  # the process ended meanwhile
        fields = stat.rsplit(")", 1)[1].split()  # the name in brackets may hold spaces
        pid = int(entry.name)
        children.setdefault(int(fields[1]), []).append(pid)
        rss[pid] = int(fields[21]) * page
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, ()))
    return total


def timed(command: Sequence[str]) -> tuple[float, int]:
    """Run a command; its wall seconds and the peak resident bytes of its process tree."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss(process.pid))
            done.wait(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    code = process.wait()
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    if code != 0:
        raise SystemExit(f"{' '.join(command)} failed with exit code {code}")
    return seconds, peak


def extraction_speed() -> dict[str, float]:
    """Letters/s of extraction alone, from stored OCR (one process)."""
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.extract_speed"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def startup_seconds(repeat: int = 5) -> float:
    """Median wall time of ``pismo --help`` in a fresh interpreter."""
    pismo = shutil.which("pismo") or str(Path(sys.executable).with_name("pismo"))
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        subprocess.run([pismo, "--help"], check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


# ------------------------------------------------------------------------------ main


def main(argv: list[str] | None = None) -> int:
    """Build, run every contender in turns, print and store the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=22, help="letters in the corpus")
    parser.add_argument("--pages-max", type=int, default=3, help="pages per letter, at most")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks/results/throughput.json")
    parser.add_argument("--only", default=",".join(CONTENDERS), help="contenders to run")
    parser.add_argument(
        "--small", default="1,8,24", help="small batches, in pages (0: none); see the docstring"
    )
    parser.add_argument("--small-rounds", type=int, default=3)
    parser.add_argument("--runner", choices=CONTENDERS, help=argparse.SUPPRESS)  # internal
    parser.add_argument("--work", type=Path, help=argparse.SUPPRESS)  # internal
    args = parser.parse_args(argv)
    if args.runner:
        return _runner(args.runner, args.work, args.jobs)
    only = [c for c in args.only.split(",") if c]
    with tempfile.TemporaryDirectory(prefix="pismo-bench-") as scratch:
        work = Path(scratch)
        inputs = build_corpus(work / "corpus", args.count, args.pages_max)
        pages = page_images(inputs, work / "pages")
        if "ocrmypdf" in only:
            as_pdfs(inputs, work / "pdfs")
        results: dict[str, list[tuple[float, int]]] = {c: [] for c in only}
        for round_number in range(args.rounds):
            order = only[round_number % len(only) :] + only[: round_number % len(only)]
            for contender in order:
                command = [sys.executable, "-m", "benchmarks.throughput", "--runner", contender]
                command += ["--work", str(work), "--jobs", str(args.jobs)]
                results[contender].append(timed(command))
        report = _report(results, len(pages), len(inputs), args)
        sizes = [int(size) for size in args.small.split(",") if int(size) > 0]
        if sizes:
            folders = {
                name: folder
                for size in sizes
                for name, folder in small_folders(inputs, work, size).items()
            }
            report["small_batches"] = run_small(folders, args.small_rounds, args.jobs)
    report["extraction"] = extraction_speed()
    report["cli_help_seconds"] = round(startup_seconds(), 3)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    _print(report)
    return 0


def _runner(contender: str, work: Path, jobs: int) -> int:
    inputs = sorted(p for p in (work / "corpus").iterdir() if p.suffix in {".pdf", ".tif"})
    if contender == "limit":
        run_limit(sorted((work / "pages").glob("*.png")), jobs)
    elif contender == "ocrmypdf":
        pdfs = [work / "pdfs" / f"{p.stem}.pdf" if p.suffix == ".tif" else p for p in inputs]
        sidecars = work / "sidecars"
        sidecars.mkdir(exist_ok=True)
        run_ocrmypdf(pdfs, jobs, sidecars)
    elif contender == "naive":
        run_naive(inputs)
    else:
        run_pismo(work / "corpus", jobs, work / "pismo-out")
    return 0


def _report(
    results: dict[str, list[tuple[float, int]]], pages: int, letters: int, args: argparse.Namespace
) -> Report:
    rates = {c: pages / statistics.median(s for s, _ in runs) for c, runs in results.items()}
    report: Report = {
        "date": time.strftime("%Y-%m-%d"),
        "machine": f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores",
        "jobs": args.jobs,
        "letters": letters,
        "pages": pages,
        "rounds": args.rounds,
        "contenders": {
            c: {
                "seconds": [round(s, 2) for s, _ in runs],
                "pages_per_s": round(rates[c], 3),
                "peak_mb": round(max(m for _, m in runs) / 2**20, 1),
            }
            for c, runs in results.items()
        },
    }
    if "pismo" in rates:
        report["ratios"] = {
            f"pismo/{c}": round(rates["pismo"] / rates[c], 3) for c in rates if c != "pismo"
        }
    return report


def _print(report: Report) -> None:
    print(f"{report['pages']} pages, {report['letters']} letters, {report['jobs']} jobs")
    print(f"{'':10} {'pages/s':>8} {'peak MB':>8}")
    for name, row in report["contenders"].items():
        print(f"{name:10} {row['pages_per_s']:8.3f} {row['peak_mb']:8.1f}")
    for name, ratio in report.get("ratios", {}).items():
        print(f"{name:16} {ratio:.2f}")
    for name, batch in report.get("small_batches", {}).items():
        spread = f"{batch['ratio_min']:.2f}-{batch['ratio_max']:.2f}"
        print(f"small batch {name:16} pismo/limit {batch['ratio']:.2f} ({spread})")
    print(f"extraction: {report['extraction']['letters_per_s']} letters/s")
    print(f"pismo --help: {report['cli_help_seconds']} s")


if __name__ == "__main__":
    sys.exit(main())
