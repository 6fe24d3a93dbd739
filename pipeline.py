"""pismo: scanned Polish official letters in, catalogue JSON out. Orchestration and the CLI.

``pismo run INPUT... -o OUT`` reads files and folders (recursively), OCRs every letter and
writes, mirroring the input tree, ``<stem>.json`` (the output contract), ``<stem>.txt``
and ``<stem>.ocr.json`` (stored OCR, for ``pismo extract``), plus ``index.jsonl`` and
``index.csv`` for the batch. A re-run into the same folder skips what is finished
(:mod:`batch.journal`); workers (local processes or Dask, :mod:`batch.executors`) only
compute, and this process writes every file. This module owns the CLI, exit codes, the
batch plan and output writing; the work itself lives in :mod:`ocr` and :mod:`extract`.
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import functools
import io
import json
import logging
import os
import sys
import time
import traceback
from collections import Counter, deque
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import IntEnum
from importlib import metadata
from pathlib import Path, PurePosixPath
from typing import Any

from PIL import Image

from batch.executors import Executor, InlineExecutor, ProcessExecutor
from batch.files import FolderLock, atomic_write, inside, remove_stale_temporaries
from batch.journal import Entry, Journal, SourceStamp, fingerprint, sha256_of, stamp_of
from batch.progress import BarHandler, Progress
from extract import extract
from extract.errors import MissingResourceError
from extract.fields import INDEXED
from ocr.engine import (
    OcrEngine,
    OcrMode,
    OcrOptions,
    OrientationMode,
    PageKeeper,
    assemble,
    iter_ocr_pages,
    read_document,
)
from ocr.errors import (
    TIMEOUT_PHRASE,
    InputFileError,
    MissingDependencyError,
    OcrEngineError,
    PismoError,
)
from ocr.load import (
    DEFAULT_MAX_PAGES,
    DEFAULT_MAX_PIXELS,
    InputDocument,
    LoadOptions,
    check_poppler,
    open_document,
)
from ocr.plaintext import document_from_text
from ocr.types import OcrDocument, OcrPage
from outputs import alto as alto_output
from outputs import pdf as pdf_output
from outputs import report as report_output
from outputs.pdf import PageScan

log = logging.getLogger("pismo")
# Tracebacks of failed inputs: to the run's log file with -v, never to the console.
trace = logging.getLogger("pismo.trace")
trace.propagate = False

SCHEMA_VERSION = "1.0"
SCAN_SUFFIXES = frozenset(
    {".pdf", ".tif", ".tiff", ".jpg", ".jpeg", ".png", ".gif", ".bmp", ".webp"}
)
DEFAULT_FORMATS = ("json", "txt")
DEFAULT_TIMEOUT_S = 180.0  # per Tesseract run, as OCRmyPDF's --tesseract-timeout
KNOWN_FORMATS = frozenset({"json", "txt", "alto", "pdf"})
INDEX_FIELDS = INDEXED
INDEX_EVERY_S = 10.0  # how often a running batch rewrites its index
LOG_FILE = "pismo.log"
# A longer input is read in parts of this many pages by all workers at once, so that one
# long document does not keep a batch's end waiting on a single core.
PAGES_PER_PART = 8
EXECUTORS = ("local", "dask")


class ExitCode(IntEnum):
    """Process exit codes (the CLI contract in DESIGN.md)."""

    OK = 0
    USAGE = 1
    SOME_FAILED = 2
    MISSING_DEPENDENCY = 3
    INTERRUPTED = 130


@dataclass(frozen=True, slots=True)
class RunOptions:
    """Options of ``pismo run`` that reach the workers."""

    lang: str = "pol"
    formats: tuple[str, ...] = DEFAULT_FORMATS
    ocr: OcrOptions = OcrOptions()
    timeout: float = DEFAULT_TIMEOUT_S
    with_words: bool = False  # embed lines and words in the main JSON, not only in .ocr.json
    report: bool = False  # OUT/report.html, with page previews from the workers


@dataclass(frozen=True, slots=True)
class Task:
    """One input file and where its outputs go (``out_stem`` None: print to stdout)."""

    path: Path
    source: str  # the name the output records: relative to the folder given
    out_stem: Path | None
    out_name: str = ""  # out_stem relative to the output folder, for the index


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened to one input: the index entry."""

    source: str
    status: str  # "ok" or "error"
    error: str | None = None
    output: str | None = None
    pages: int = 0
    seconds: float = 0.0
    fields: Mapping[str, Any] = field(default_factory=dict)
    warnings: int = 0
    # A page was left empty after a timeout: done, but a re-run tries it again.
    incomplete: bool = False

    def to_dict(self) -> dict[str, Any]:
        """The index.jsonl line."""
        return {
            "path": self.source,
            "status": self.status,
            "error": self.error,
            "output": self.output,
            "pages": self.pages,
            "seconds": round(self.seconds, 3),
            "warnings": self.warnings,
            "incomplete": self.incomplete,
            **self.fields,
        }


# ----------------------------------------------------------------------------- the work


@dataclass(frozen=True, slots=True)
class Result:
    """What a worker sends back for one input: nothing is written by workers.

    ``files`` are (suffix, text) pairs to write beside the output stem, the JSON last (it
    marks the input done); ``detail`` is the traceback of an unexpected error, for the
    log file; ``parts`` splits a long input into page ranges for several workers.
    """

    outcome: Outcome
    files: tuple[tuple[str, str | bytes], ...] = ()
    stamp: SourceStamp | None = None
    detail: str | None = None
    output: dict[str, Any] | None = None  # the document, when it is printed (no -o)
    parts: tuple[Part, ...] = ()
    previews: tuple[bytes, ...] = ()  # page previews (JPEG) for the report


@dataclass(frozen=True, slots=True)
class Part:
    """Some pages of a long input, read by one worker while others read the rest."""

    task: Task
    pages: range
    stamp: SourceStamp
    document: InputDocument  # as opened once for all parts: no pdfinfo/pdfimages per part

    @property
    def format(self) -> str:
        """The input's format, as the output records it."""
        return self.document.format.value


@dataclass(frozen=True, slots=True)
class PartRead:
    """The pages a worker read of a :class:`Part`."""

    pages: tuple[OcrPage, ...]
    seconds: float
    scans: tuple[PageScan, ...] = ()  # the page images, when a PDF is asked for
    previews: tuple[bytes, ...] = ()  # page previews, when the report is asked for


@dataclass(frozen=True, slots=True)
class Joined:
    """All the pages of a long input, read in parts: what is left is extraction."""

    task: Task
    pages: tuple[OcrPage, ...]
    stamp: SourceStamp
    format: str
    seconds: float  # spent reading the parts
    scans: tuple[PageScan, ...] = ()
    previews: tuple[bytes, ...] = ()


WorkItem = Task | Part | Joined


def work(
    item: WorkItem, options: RunOptions, engine: OcrEngine, *, split: bool = False
) -> Result | PartRead:
    """Do one item of a batch: an input, a part of a long one, or a long one's extraction.

    Args:
        item: What to do.
        options: The run's options.
        engine: The OCR engine.
        split: Whether an input longer than ``PAGES_PER_PART`` pages comes back as parts
            for several workers (a parallel run) instead of being read here.

    An input error becomes an error Result.

    Raises:
        MissingDependencyError: A missing tool stops the whole batch, not one file.
    """
    task = item if isinstance(item, Task) else item.task
    started = time.perf_counter()
    scans: list[PageScan] = []
    previews: list[bytes] = []
    keep = _page_keeper(scans if "pdf" in options.formats else None, previews, options.report)
    try:
        if isinstance(item, Part):
            pages = tuple(iter_ocr_pages(item.document, engine, options.ocr, item.pages, keep=keep))
            seconds = time.perf_counter() - started
            return PartRead(pages, seconds, tuple(scans), tuple(previews))
        if isinstance(item, Joined):
            ocr_doc = assemble(item.pages, engine, source=task.source)
            begun = started - item.seconds
            result = _finish(task, ocr_doc, item.stamp, item.format, options, begun, item.scans)
            return dataclasses.replace(result, previews=item.previews)
        stamp = stamp_of(task.path)
        document = open_document(task.path, options.ocr.load)
        if split and document.page_count > PAGES_PER_PART:
            return Result(
                Outcome(task.source, "split"), stamp=stamp, parts=_parts(task, stamp, document)
            )
        ocr_doc = read_document(document, engine, options.ocr, source=task.source, keep=keep)
        fmt = document.format.value
        result = _finish(task, ocr_doc, stamp, fmt, options, started, tuple(scans))
        return dataclasses.replace(result, previews=tuple(previews))
    except (MissingDependencyError, MissingResourceError):
        raise  # stops the batch: every later input would fail the same way
    except (InputFileError, OcrEngineError) as e:
        return _failed(task, str(e), started, traceback.format_exc())
    except OSError as e:  # the input vanished or became unreadable mid-run
        return _failed(task, f"{task.source}: {e}", started, traceback.format_exc())
    except Exception as e:  # noqa: BLE001 - one bad input must not end a night's batch
        message = (
            f"{task.source}: internal error ({type(e).__name__}: {e}); please report it "
            "with the log file of a run with -v"
        )
        return _failed(task, message, started, traceback.format_exc())


def _page_keeper(
    scans: list[PageScan] | None, previews: list[bytes], report: bool
) -> PageKeeper | None:
    """Keep what the PDF and the report need of each page image, JPEG-encoded at once.

    A raw page is 9 MB; its JPEG 0.5 MB and its preview 0.1 MB.
    """
    if scans is None and not report:
        return None

    def keep(number: int, image: Image.Image, dpi: int) -> None:
        if scans is not None:
            scans.append(pdf_output.page_scan(image, dpi))
        if report:
            previews.append(report_output.preview(image))

    return keep


def _parts(task: Task, stamp: SourceStamp, document: InputDocument) -> tuple[Part, ...]:
    count = document.page_count
    return tuple(
        Part(task, range(first, min(first + PAGES_PER_PART, count + 1)), stamp, document)
        for first in range(1, count + 1, PAGES_PER_PART)
    )


def _finish(
    task: Task,
    ocr_doc: OcrDocument,
    stamp: SourceStamp,
    fmt: str,
    options: RunOptions,
    started: float,
    scans: tuple[PageScan, ...] = (),
) -> Result:
    source_info = {
        "path": task.source,
        "sha256": stamp.sha256,
        "pages": len(ocr_doc.pages),
        "format": fmt,
        "bytes": stamp.size,
    }
    output = build_output(ocr_doc, source_info, with_words=options.with_words)
    files = output_files(output, ocr_doc, source_info, options.formats, scans)
    outcome = _outcome(task, output, f"{task.out_name}.json", time.perf_counter() - started)
    return Result(outcome, files, stamp, output=output if task.out_stem is None else None)


def _failed(task: Task, message: str, started: float, detail: str | None = None) -> Result:
    outcome = Outcome(task.source, "error", error=message, seconds=time.perf_counter() - started)
    return Result(outcome, detail=detail)


def crashed(item: WorkItem, message: str) -> Result:
    """The result of an input whose worker process died."""
    task = item if isinstance(item, Task) else item.task
    return Result(Outcome(task.source, "error", error=f"{task.source}: {message}"))


def build_output(
    ocr_doc: OcrDocument, source_info: Mapping[str, Any], *, with_words: bool = False
) -> dict[str, Any]:
    """Assemble the output-contract JSON of one document (page metadata; lines on request)."""
    result = extract(ocr_doc)
    return {
        "schema_version": SCHEMA_VERSION,
        "pismo_version": version(),
        "source": dict(source_info),
        "ocr": {
            "engine": ocr_doc.engine,
            "lang": ocr_doc.lang,
            "mean_confidence": _round(ocr_doc.mean_confidence),
            "pages": [page.to_dict(with_words=with_words) for page in ocr_doc.pages],
        },
        "text": ocr_doc.text,
        "fields": result.to_dict(),
        "warnings": [*ocr_doc.warnings, *result.warnings],
    }


def output_files(
    output: Mapping[str, Any],
    ocr_doc: OcrDocument,
    source_info: Mapping[str, Any],
    formats: Sequence[str],
    scans: Sequence[PageScan] = (),
) -> tuple[tuple[str, str | bytes], ...]:
    """The document's files as (suffix, content): stored OCR, the asked formats, the JSON last."""
    stored = {"schema_version": SCHEMA_VERSION, "input": dict(source_info), **ocr_doc.to_dict()}
    files: list[tuple[str, str | bytes]] = [(".ocr.json", _dumps(stored))]
    if "txt" in formats:
        files.append((".txt", ocr_doc.text + "\n"))
    if "alto" in formats:
        software = f"pismo {version()}"
        files.append(
            (".alto.xml", alto_output.render(ocr_doc, output["fields"], software=software))
        )
    if "pdf" in formats and len(scans) == len(ocr_doc.pages):
        title = str(source_info.get("path", ocr_doc.source))
        producer = f"pismo {version()}"
        files.append((".pdf", pdf_output.render(ocr_doc, scans, title=title, producer=producer)))
    files.append((".json", _dumps(output)))
    return tuple(files)


def commit(task: Task, result: Result, out: Path) -> Outcome:
    """Write a result's files, each atomically, the JSON last; return the index entry.

    Raises nothing for an unwritable folder: that input becomes an error.
    """
    if not result.files or task.out_stem is None:
        return result.outcome
    stem = task.out_stem
    if not inside(out, stem):
        message = f"{task.source}: its output folder leads outside {out} (a symlink?); not written"
        return dataclasses.replace(result.outcome, status="error", error=message, output=None)
    try:
        stem.parent.mkdir(parents=True, exist_ok=True)
        for number, shot in enumerate(result.previews, start=1):
            target = out / report_output.preview_name(task.out_name, number)
            target.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(target, shot)
        for suffix, text in result.files:
            atomic_write(stem.with_name(stem.name + suffix), text)
    except OSError as e:
        message = f"{task.source}: cannot write the outputs ({e}); check the output folder"
        return dataclasses.replace(result.outcome, status="error", error=message, output=None)
    return result.outcome


def version() -> str:
    """Return pismo's version (installed metadata, or the source tree's)."""
    try:
        return metadata.version("pismo")
    except metadata.PackageNotFoundError:
        return "0+unknown"


def _outcome(task: Task, output: Mapping[str, Any], written: str | None, seconds: float) -> Outcome:
    fields = output["fields"]
    key_fields = {name.value: fields[name.value]["value"] for name in INDEX_FIELDS}
    return Outcome(
        task.source,
        "ok",
        output=written,
        pages=output["source"]["pages"],
        seconds=seconds,
        fields=key_fields,
        warnings=len(output["warnings"]),
        incomplete=any(TIMEOUT_PHRASE in warning for warning in output["warnings"]),
    )


def _dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


# ------------------------------------------------------------------------------ inputs


def collect_tasks(inputs: Sequence[Path], out: Path | None) -> list[Task]:
    """Expand files and folders into tasks whose outputs mirror the input tree.

    Folders are walked recursively for scan suffixes (hidden files and the output folder
    skipped); a file named explicitly is taken whatever its suffix. Two inputs that would
    write the same output name (``a.pdf`` and ``a.tif``) keep their suffix in the name.

    Raises:
        InputFileError: If an input does not exist.
    """
    found: list[tuple[Path, str]] = []
    for given in inputs:
        if given.is_dir():
            inside = ((path, path.relative_to(given).as_posix()) for path in _walk(given, out))
            found.extend(sorted(inside, key=lambda item: item[1]))
        elif given.exists():
            found.append((given, given.name))
        else:
            raise InputFileError(f"{given}: no such file or folder")
    names = unique_names([source for _, source in found])
    return [
        Task(path, source, None if out is None else out / name, name)
        for (path, source), name in zip(found, names, strict=True)
    ]


def unique_names(sources: Sequence[str]) -> list[str]:
    """Output stems for input names: the name without its suffix, unless that clashes.

    ``a.pdf`` and ``a.tif`` keep their suffixes (``a.pdf``, ``a.tif``); the same relative
    name from two folders given on one command line gets ``~2``, ``~3``... so no input
    ever overwrites another's outputs.
    """
    stems = [str(PurePosixPath(source).with_suffix("")) for source in sources]
    spellings = Counter(stem for stem, _ in set(zip(stems, sources, strict=True)))
    used: set[str] = set()
    names = []
    for source, stem in zip(sources, stems, strict=True):
        name = base = source if spellings[stem] > 1 else stem
        copy = 2
        while name in used:
            name, copy = f"{base}~{copy}", copy + 1
        used.add(name)
        names.append(name)
    return names


def _walk(folder: Path, out: Path | None) -> Iterator[Path]:
    skip = out.resolve() if out is not None else None
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(
            d for d in dirs if not d.startswith(".") and Path(root, d).resolve() != skip
        )
        for name in sorted(files):
            if not name.startswith(".") and Path(name).suffix.lower() in SCAN_SUFFIXES:
                yield Path(root, name)


# ----------------------------------------------------------------------------- batches


def run_settings(options: RunOptions) -> dict[str, Any]:
    """Everything besides an input that decides its outputs (the resume fingerprint)."""
    return {
        "pismo": version(),
        "schema": SCHEMA_VERSION,
        "lang": options.lang,
        "formats": sorted(options.formats),
        "ocr": dataclasses.asdict(options.ocr),
        "with_words": options.with_words,
        "report": options.report,
        "ner_model": os.environ.get("PISMO_NER_MODEL", ""),
    }


def plan(
    tasks: Sequence[Task], journal: Journal, run: str, *, force: bool
) -> tuple[list[Task], dict[str, Entry]]:
    """Split tasks into those to do and the finished ones a re-run keeps."""
    todo: list[Task] = []
    kept: dict[str, Entry] = {}
    for task in tasks:
        assert task.out_stem is not None
        main_output = task.out_stem.with_name(task.out_stem.name + ".json")
        entry = None if force else journal.finished(task.out_name, task.path, main_output, run)
        if entry is None:
            todo.append(task)
        else:
            kept[task.out_name] = entry
    return todo, kept


def make_executor(
    options: RunOptions,
    engine: OcrEngine,
    *,
    jobs: int,
    tasks: int,
    executor: str,
    scheduler: str | None,
) -> Executor[WorkItem, Result | PartRead]:
    """The executor for a batch: in-process, local processes, or Dask."""
    parallel = executor == "dask" or jobs > 1
    job = functools.partial(work, options=options, engine=engine, split=parallel)
    if tasks == 0:  # all finished already: no cluster or pool to start
        return InlineExecutor(job)
    if executor == "dask":
        from batch.cluster import DaskExecutor

        return DaskExecutor(job, jobs, scheduler, crashed)
    if not parallel:
        return InlineExecutor(job)
    return ProcessExecutor(job, jobs, crashed)


@dataclass
class _Joining:
    """A long input being read in parts: the parts read so far."""

    parts: int
    read: dict[int, PartRead] = field(default_factory=dict)  # by first page


def run_batch(
    tasks: Sequence[Task],
    out: Path,
    executor: Executor[WorkItem, Result | PartRead],
    *,
    journal: Journal,
    run: str,
    index: dict[str, dict[str, Any]],
    progress: Progress,
    order: Sequence[str] = (),
) -> None:
    """Run the tasks, writing each result as it arrives, then its journal line.

    ``order`` is the output names of the whole batch in input order (default: the
    tasks'), for the index written while the batch runs.

    A long input comes back as parts, which go to the front of the queue; once every
    part is read, its extraction does. ``index`` (output name to index entry) gains every
    finished input, so a caller interrupted by Ctrl-C or a missing dependency still
    writes the index of all of them.
    """
    order = order or [task.out_name for task in tasks]
    queue: deque[WorkItem] = deque(tasks)
    joining: dict[str, _Joining] = {}
    last_index = time.monotonic()
    try:
        for item, result in executor.run(queue):
            task = item if isinstance(item, Task) else item.task
            if isinstance(item, Part) and task.out_name not in joining:
                continue  # another part of this input failed: it is recorded already
            if isinstance(result, PartRead):
                assert isinstance(item, Part)
                joined = _join(joining, item, result)
                if joined is not None:
                    queue.appendleft(joined)
                continue
            if result.parts:
                joining[task.out_name] = _Joining(len(result.parts))
                queue.extendleft(reversed(result.parts))
                continue
            joining.pop(task.out_name, None)
            outcome = commit(task, result, out)
            journal.record(Entry(task.out_name, result.stamp, run, outcome.to_dict()))
            index[task.out_name] = outcome.to_dict()
            if result.detail:
                trace.debug("%s failed:\n%s", task.source, result.detail.rstrip())
            progress.update(outcome.pages, outcome.status == "ok")
            _log_outcome(outcome, progress)
            if time.monotonic() - last_index >= INDEX_EVERY_S:
                # A killed run leaves a consistent index of what is finished by then,
                # earlier runs' inputs included.
                write_index(out, [index[name] for name in order if name in index])
                last_index = time.monotonic()
    except BaseException:
        executor.close()  # Ctrl-C or a missing tool: queued inputs are dropped at once
        raise
    executor.close()


def _join(joining: dict[str, _Joining], part: Part, read: PartRead) -> Joined | None:
    """Keep a part read; once all are, the whole input's pages in order, to extract."""
    state = joining[part.task.out_name]
    state.read[part.pages.start] = read
    if len(state.read) < state.parts:
        return None
    ordered = [state.read[first] for first in sorted(state.read)]
    pages = tuple(page for piece in ordered for page in piece.pages)
    seconds = sum(piece.seconds for piece in ordered)
    scans = tuple(scan for piece in ordered for scan in piece.scans)
    previews = tuple(shot for piece in ordered for shot in piece.previews)
    return Joined(part.task, pages, part.stamp, part.format, seconds, scans, previews)


def _log_outcome(outcome: Outcome, progress: Progress) -> None:
    if outcome.status != "ok":
        log.error("%s", outcome.error)
        return
    log.info(
        "[%d/%d] %s: %d page(s) in %.1f s",
        progress.done,
        progress.total,
        outcome.source,
        outcome.pages,
        outcome.seconds,
        extra={BarHandler.QUIET: True},  # in the log file, not under a progress bar
    )


def write_report(out: Path, rows: Sequence[Mapping[str, Any]]) -> None:
    """Write ``OUT/report.html`` for the inputs of the index rows (see :mod:`outputs.report`)."""
    letters = []
    for row in rows:
        document = None
        if row.get("status") == "ok" and row.get("output"):
            try:
                document = json.loads((out / row["output"]).read_text(encoding="utf-8"))
            except (OSError, ValueError):
                document = None  # deleted or damaged since: listed without fields
        letters.append(
            report_output.Letter(
                row["path"], row["status"], row.get("error"), row.get("output"), document
            )
        )
    atomic_write(
        out / "report.html", report_output.render(letters, out, title=f"pismo: {out.name}")
    )
    log.info("report: %s", out / "report.html")


def write_index(out: Path, rows: Sequence[Mapping[str, Any]]) -> None:
    """Write ``index.jsonl`` and ``index.csv`` (one row per input, input order), atomically."""
    atomic_write(
        out / "index.jsonl", "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    )
    buffer = io.StringIO()
    columns = [
        "path",
        "status",
        "error",
        "output",
        "pages",
        "seconds",
        "warnings",
        "incomplete",
        *(name.value for name in INDEX_FIELDS),
    ]
    writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    # A byte-order mark, so that spreadsheet programs read the Polish letters as UTF-8.
    atomic_write(out / "index.csv", "\ufeff" + buffer.getvalue())


# --------------------------------------------------------------------------------- CLI


def build_parser() -> argparse.ArgumentParser:
    """The ``pismo`` argument parser."""
    parser = argparse.ArgumentParser(
        prog="pismo", description="OCR and field extraction for scanned Polish official letters."
    )
    parser.add_argument("--version", action="version", version=f"pismo {version()}")
    commands = parser.add_subparsers(dest="command", required=True)

    run = commands.add_parser("run", help="OCR scans (files or folders) and extract their fields")
    run.add_argument("inputs", nargs="+", type=Path, metavar="INPUT")
    run.add_argument(
        "-o", "--output", type=Path, help="output folder (a single file without -o prints JSON)"
    )
    run.add_argument(
        "-j",
        "--jobs",
        type=int,
        default=_usable_cores(),
        help="parallel processes (default: cores)",
    )
    run.add_argument("--lang", default="pol", help="Tesseract language(s) (default: pol)")
    run.add_argument(
        "--formats",
        default=",".join(DEFAULT_FORMATS),
        help="outputs: json,txt,alto,pdf (the .json and .ocr.json always)",
    )
    run.add_argument(
        "--ocr",
        choices=[m.value for m in OcrMode],
        default=OcrMode.AUTO.value,
        help="auto: use a PDF's text layer where it covers the page; always: OCR every page",
    )
    run.add_argument(
        "--orientation",
        choices=[m.value for m in OrientationMode],
        default=OrientationMode.AUTO.value,
        help="page orientation detection",
    )
    run.add_argument("--no-deskew", action="store_true", help="do not straighten tilted pages")
    run.add_argument(
        "--rasterize",
        action="store_true",
        help="render every PDF page, even a page that is one scanned image (by default its "
        "own JPEG is read: faster, and the scan's own pixels)",
    )
    run.add_argument(
        "--clean", action="store_true", help="flatten grey backgrounds and remove speckle"
    )
    run.add_argument(
        "--report",
        action="store_true",
        help="also write OUT/report.html: every letter and field at a glance, with the "
        "evidence drawn on page previews (OUT/report_files/)",
    )
    run.add_argument(
        "--with-words",
        action="store_true",
        help="embed every line and word with its box in the JSON (always in .ocr.json)",
    )
    run.add_argument(
        "--timeout",
        type=float,
        default=DEFAULT_TIMEOUT_S,
        help="seconds per Tesseract run on a page before the page is left empty",
    )
    run.add_argument(
        "--force",
        action="store_true",
        help="redo every input (by default a re-run skips inputs finished with the same "
        "options and unchanged since)",
    )
    run.add_argument(
        "--executor",
        choices=EXECUTORS,
        default="local",
        help="local: processes on this machine; dask: a Dask cluster (pip install 'pismo[dask]')",
    )
    run.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="with --executor dask: a running scheduler, tcp://HOST:PORT "
        "(default: start a local cluster of --jobs workers)",
    )
    run.add_argument("--max-pages", type=int, default=DEFAULT_MAX_PAGES)
    run.add_argument("--max-pixels", type=int, default=DEFAULT_MAX_PIXELS)
    _add_verbosity(run)

    again = commands.add_parser(
        "extract", help="re-run extraction on stored OCR (.ocr.json) or text"
    )
    again.add_argument("inputs", nargs="+", type=Path, metavar="OCR_JSON_OR_TEXT")
    again.add_argument("-o", "--output", type=Path, help="output folder (default: print JSON)")
    _add_verbosity(again)

    score = commands.add_parser(
        "evaluate", help="field accuracy of outputs against truth files (NAME.truth.json)"
    )
    score.add_argument("truth", type=Path, metavar="TRUTH_DIR")
    score.add_argument("outputs", type=Path, metavar="OUT_DIR", help="pismo's NAME.json files")
    score.add_argument("--json", action="store_true", help="print the report as JSON")
    score.add_argument("--misses", action="store_true", help="list every field not right")
    score.add_argument(
        "--fail-under",
        type=float,
        metavar="SHARE",
        help="exit 2 when overall strict accuracy is below SHARE (0..1)",
    )
    _add_verbosity(score)

    commands.add_parser("schema", help="print the JSON Schema of the output")
    return parser


def _add_verbosity(parser: argparse.ArgumentParser) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument("-q", "--quiet", action="store_true", help="only errors")
    group.add_argument("-v", "--verbose", action="store_true", help="debug logging with tracebacks")


def _usable_cores() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _run_options(args: argparse.Namespace) -> RunOptions:
    formats = tuple(f.strip() for f in args.formats.split(",") if f.strip())
    unknown = set(formats) - KNOWN_FORMATS
    if unknown:
        raise _UsageError(
            f"unknown output format(s): {', '.join(sorted(unknown))} "
            f"(known: {', '.join(sorted(KNOWN_FORMATS))})"
        )
    for flag, value in (
        ("--jobs", args.jobs),
        ("--timeout", args.timeout),
        ("--max-pages", args.max_pages),
        ("--max-pixels", args.max_pixels),
    ):
        if value <= 0:
            raise _UsageError(f"{flag} must be positive, not {value:g}")
    ocr = OcrOptions(
        ocr_mode=OcrMode(args.ocr),
        orientation=OrientationMode(args.orientation),
        deskew=not args.no_deskew,
        clean=args.clean,
        load=LoadOptions(
            max_pages=args.max_pages,
            max_pixels=args.max_pixels,
            embedded_scans=not args.rasterize,
        ),
    )
    return RunOptions(
        lang=args.lang,
        formats=formats,
        ocr=ocr,
        timeout=args.timeout,
        with_words=args.with_words,
        report=getattr(args, "report", False),
    )


class _UsageError(Exception):
    """Bad arguments: exit code 1."""


def command_run(
    args: argparse.Namespace, make_engine: Callable[[RunOptions], OcrEngine]
) -> ExitCode:
    """``pismo run``."""
    options = _run_options(args)
    try:
        tasks = collect_tasks(args.inputs, args.output)
    except InputFileError as e:
        raise _UsageError(str(e)) from e
    if not tasks:
        where = ", ".join(str(p) for p in args.inputs)
        raise _UsageError(
            f"no scans found in {where} (looked for {', '.join(sorted(SCAN_SUFFIXES))})"
        )
    if args.output is None and len(tasks) > 1:
        raise _UsageError(f"{len(tasks)} inputs need an output folder: add -o OUT")
    if args.output is not None and args.output.exists() and not args.output.is_dir():
        raise _UsageError(f"{args.output}: exists and is not a folder; give -o a folder")
    engine = make_engine(options)
    if any(task.path.suffix.lower() == ".pdf" for task in tasks):
        check_poppler()  # before the batch, not at its first PDF
    if args.output is None:
        result = work(tasks[0], options, engine)
        if result.output is None:
            log.error("%s", result.outcome.error)
            return ExitCode.SOME_FAILED
        sys.stdout.write(_dumps(result.output))
        return ExitCode.OK
    return _run_into(args, tasks, options, engine)


def _run_into(
    args: argparse.Namespace, tasks: Sequence[Task], options: RunOptions, engine: OcrEngine
) -> ExitCode:
    """A batch into the output folder: lock, resume, run, index."""
    out: Path = args.output
    try:
        out.mkdir(parents=True, exist_ok=True)
        lock = FolderLock(out)
        locked = lock.acquire()
    except OSError as e:
        raise _UsageError(f"{out}: cannot write to the output folder ({e}); check it") from e
    if not locked:
        raise _UsageError(
            f"{out}: another pismo run is writing to this folder; wait for it or use another -o"
        )
    file_log = _log_to_file(out, verbose=args.verbose)
    progress = Progress(0, mode="off")
    index: dict[str, dict[str, Any]] = {}
    journal: Journal | None = None
    try:
        journal = Journal(out)
        if remove_stale_temporaries(out):
            log.info("removed the temporary files of an interrupted run in %s", out)
        run = fingerprint(run_settings(options))
        todo, kept = plan(tasks, journal, run, force=args.force)
        journal.entries.update(kept)  # a touched file's new time: the next check is quick
        journal.compact()
        index.update((name, dict(entry.index)) for name, entry in kept.items())
        if kept:
            log.info(
                "%d of %d input(s) already done with the same options: skipped "
                "(--force redoes them)",
                len(kept),
                len(tasks),
            )
        progress = Progress(len(tasks), done=len(kept), mode=_progress_mode(args))
        _console_through(progress)
        executor = make_executor(
            options,
            engine,
            jobs=args.jobs,
            tasks=len(todo),
            executor=args.executor,
            scheduler=args.scheduler,
        )
        run_batch(
            todo,
            out,
            executor,
            journal=journal,
            run=run,
            index=index,
            progress=progress,
            order=[task.out_name for task in tasks],
        )
    finally:
        progress.close()
        _console_through(None)
        if journal is not None:
            journal.close()
        rows = [index[t.out_name] for t in tasks if t.out_name in index]
        try:  # also after Ctrl-C: the finished inputs count
            write_index(out, rows)
            if options.report:
                write_report(out, rows)
        except OSError as e:
            log.error("%s: cannot write the index or the report (%s)", out, e)
        except (ValueError, KeyError, TypeError, AttributeError) as e:  # an edited output
            log.error("%s: the report could not be built (%r); the index is written", out, e)
        failed = sum(row["status"] != "ok" for row in index.values())
        log.info(
            "%d of %d input(s) done, %d failed; index: %s",
            len(index) - failed,
            len(tasks),
            failed,
            out / "index.jsonl",
        )
        lock.release()
        if file_log is not None:
            logging.getLogger().removeHandler(file_log)
            trace.removeHandler(file_log)
            file_log.close()
    return ExitCode.SOME_FAILED if failed else ExitCode.OK


def _progress_mode(args: argparse.Namespace) -> str:
    if args.quiet:
        return "off"
    return "bar" if sys.stderr.isatty() else "log"


def _console_through(progress: Progress | None) -> None:
    """Route console logging through the progress bar while it shows (None: back)."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        if isinstance(handler, BarHandler):
            root.removeHandler(handler)
    if progress is not None and progress.mode == "bar":
        bar = BarHandler(progress)
        bar.setLevel(_console_handler.level)
        bar.setFormatter(_console_handler.formatter)
        root.removeHandler(_console_handler)
        root.addHandler(bar)
    elif progress is None and _console_handler not in root.handlers:
        root.addHandler(_console_handler)


def _log_to_file(out: Path, *, verbose: bool) -> logging.Handler | None:
    """Log the run to ``OUT/pismo.log``; with -v with debug lines and tracebacks."""
    try:
        handler = logging.FileHandler(out / LOG_FILE, encoding="utf-8")
    except OSError as e:
        log.warning("%s: cannot write the log file (%s)", out / LOG_FILE, e)
        return None
    handler.setLevel(logging.DEBUG if verbose else logging.INFO)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    logging.getLogger().addHandler(handler)
    if verbose:
        trace.addHandler(handler)  # tracebacks go to the file, never to the console
    return handler


def command_extract(args: argparse.Namespace) -> ExitCode:
    """``pismo extract``: extraction only, from stored OCR or plain text."""
    failed = 0
    names = unique_names(
        [p.name.removesuffix(".ocr.json").removesuffix(".txt") + ".x" for p in args.inputs]
    )
    for path, name in zip(args.inputs, names, strict=True):
        try:
            ocr_doc, source_info = _load_stored(path)
        except _StoredOcrError as e:
            log.error("%s", e)
            failed += 1
            continue
        output = build_output(ocr_doc, source_info)
        if args.output is None:
            sys.stdout.write(_dumps(output))
        else:
            args.output.mkdir(parents=True, exist_ok=True)
            atomic_write(args.output / f"{name}.json", _dumps(output))
    return ExitCode.SOME_FAILED if failed else ExitCode.OK


def command_evaluate(args: argparse.Namespace) -> ExitCode:
    """``pismo evaluate``: per-field accuracy and calibration against truth files."""
    from extract.evaluate import evaluate, render

    for folder in (args.truth, args.outputs):
        if not folder.is_dir():
            raise _UsageError(f"{folder}: not a folder")
    report = evaluate(args.truth, args.outputs)
    if not report.letters:
        raise _UsageError(f"{args.truth}: no *.truth.json files")
    if args.json:
        sys.stdout.write(_dumps(report.to_dict()))
    else:
        sys.stdout.write(render(report, verbose=args.misses))
    strict, _ = report.overall()
    if args.fail_under is not None and strict < args.fail_under:
        log.error("overall strict accuracy %.3f is below %.3f", strict, args.fail_under)
        return ExitCode.SOME_FAILED
    return ExitCode.OK


class _StoredOcrError(Exception):
    """An input of ``pismo extract`` that is neither stored OCR nor text."""


def _load_stored(path: Path) -> tuple[OcrDocument, dict[str, Any]]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise _StoredOcrError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as e:
        raise _StoredOcrError(f"{path}: cannot be read as UTF-8 text: {e}") from e
    if not path.name.endswith(".json"):
        document = document_from_text(text, source=path.name)
        return document, _info(path, document, "text", sha256=sha256_of(path))
    try:
        data = json.loads(text)
        if isinstance(data, dict) and "fields" in data and "pages" not in data:
            raise _StoredOcrError(
                f"{path}: this is a pismo output; pass its stored OCR, <stem>.ocr.json"
            )
        document = OcrDocument.from_dict(data)
    except (ValueError, KeyError, TypeError, AttributeError) as e:
        raise _StoredOcrError(f"{path}: not stored OCR written by pismo (.ocr.json): {e!r}") from e
    stored = data.get("input")
    return document, dict(stored) if stored else _info(path, document, "unknown")


def _info(
    path: Path, document: OcrDocument, fmt: str, *, sha256: str | None = None
) -> dict[str, Any]:
    info: dict[str, Any] = {"path": document.source, "pages": len(document.pages), "format": fmt}
    if sha256 is not None:
        info.update(sha256=sha256, bytes=path.stat().st_size)
    return info


def command_schema() -> ExitCode:
    """``pismo schema``: print the output JSON Schema."""
    sys.stdout.write(output_schema_text())
    return ExitCode.OK


def output_schema_text() -> str:
    """The JSON Schema of the output contract, shipped inside the package."""
    from importlib import resources

    return resources.files("extract").joinpath("output.schema.json").read_text(encoding="utf-8")


def _tesseract_engine(options: RunOptions) -> OcrEngine:
    from ocr.tesseract import TesseractEngine

    engine = TesseractEngine(lang=options.lang, timeout=options.timeout)
    engine.check(orientation=options.ocr.orientation is not OrientationMode.OFF)
    return engine


def _setup_logging(args: argparse.Namespace) -> None:
    level = (
        logging.DEBUG
        if getattr(args, "verbose", False)
        else (logging.ERROR if getattr(args, "quiet", False) else logging.INFO)
    )
    global _console_handler
    root = logging.getLogger()
    root.removeHandler(_console_handler)
    _console_handler = logging.StreamHandler(sys.stderr)  # the current one: tests swap it
    _console_handler.setLevel(level)
    _console_handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    root.addHandler(_console_handler)
    # Handlers filter; the root passes INFO even under -q, for the run's log file.
    root.setLevel(min(level, logging.INFO))
    logging.getLogger("distributed").setLevel(logging.WARNING)  # Dask is chatty at INFO


_console_handler = logging.StreamHandler(sys.stderr)


def main(
    argv: Sequence[str] | None = None,
    make_engine: Callable[[RunOptions], OcrEngine] = _tesseract_engine,
) -> int:
    """Run the CLI; return the exit code (tests call this in-process).

    Args:
        argv: Arguments without the program name (default: ``sys.argv[1:]``).
        make_engine: Builds the OCR engine; tests pass a fake.
    """
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:  # argparse exits 2 on usage errors; our contract says 1
        return ExitCode.OK if e.code == 0 else ExitCode.USAGE
    _setup_logging(args)
    try:
        if args.command == "run":
            return command_run(args, make_engine)
        if args.command == "extract":
            return command_extract(args)
        if args.command == "evaluate":
            return command_evaluate(args)
        return command_schema()
    except _UsageError as e:
        log.error("%s", e)
        return ExitCode.USAGE
    except (MissingDependencyError, MissingResourceError) as e:
        log.error("missing dependency: %s", e)
        return ExitCode.MISSING_DEPENDENCY
    except KeyboardInterrupt:
        log.error("interrupted; finished outputs are kept")
        return ExitCode.INTERRUPTED
    except OSError as e:  # the output folder or its journal became unreadable or full
        log.error("%s; check the output folder and the disk", e)
        log.debug("details", exc_info=True)
        return ExitCode.SOME_FAILED
    except PismoError as e:
        log.error("%s", e)
        return ExitCode.SOME_FAILED


if __name__ == "__main__":
    sys.exit(main())
