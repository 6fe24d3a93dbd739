"""The ``pismo`` command line: arguments, commands, exit codes.

``pismo run`` collects the inputs into tasks (:mod:`batch.tasks`), plans what a re-run
still has to do (:mod:`batch.journal`), and runs them (:mod:`batch.runner`) with the work
of one letter that :mod:`pipeline` defines; ``extract``, ``evaluate`` and ``schema`` are
the other commands. Every error the user can act on ends in a message and an exit code
from one table, :data:`EXIT_CODES`.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from enum import IntEnum
from pathlib import Path
from typing import Any

from batch.files import FolderLock, atomic_write, remove_stale_temporaries
from batch.index import write_index, write_report
from batch.journal import Journal, fingerprint, sha256_of
from batch.logs import RunLog
from batch.progress import Progress
from batch.runner import EXECUTORS, Work, make_executor, plan, run_batch, run_settings
from batch.tasks import (
    DEFAULT_FORMATS,
    DEFAULT_TIMEOUT_S,
    KNOWN_FORMATS,
    SCAN_SUFFIXES,
    SPLIT_MIN_PAGES,
    GroupMode,
    Result,
    RunOptions,
    SplitMode,
    Status,
    Task,
    collect_tasks,
    unique_names,
)
from extract.contract import dumps, output_of, schema_text, version
from extract.errors import MissingResourceError
from ocr.engine import OcrEngine, OcrMode, OcrOptions, OrientationMode
from ocr.errors import InputFileError, MissingDependencyError, PismoError
from ocr.load import DEFAULT_MAX_PAGES, DEFAULT_MAX_PIXELS, LoadOptions, check_poppler
from ocr.plaintext import document_from_text
from ocr.types import OcrDocument

log = logging.getLogger("pismo")


class ExitCode(IntEnum):
    """Process exit codes: part of the CLI contract that scripts rely on (listed in the README)."""

    OK = 0
    USAGE = 1
    SOME_FAILED = 2
    MISSING_DEPENDENCY = 3
    INTERRUPTED = 130


class UsageError(Exception):
    """Bad arguments or an unusable output folder: exit code 1."""


# The one table from errors to exit codes and what the message starts with; the first
# matching class wins. OSError: the output folder or its journal became unreadable or full.
EXIT_CODES: tuple[tuple[type[BaseException], ExitCode, str], ...] = (
    (UsageError, ExitCode.USAGE, "%s"),
    (MissingDependencyError, ExitCode.MISSING_DEPENDENCY, "missing dependency: %s"),
    (MissingResourceError, ExitCode.MISSING_DEPENDENCY, "missing dependency: %s"),
    (KeyboardInterrupt, ExitCode.INTERRUPTED, "interrupted; finished outputs are kept"),
    (OSError, ExitCode.SOME_FAILED, "%s; check the output folder and the disk"),
    (PismoError, ExitCode.SOME_FAILED, "%s"),
)
_EXITING = tuple(kind for kind, _, _ in EXIT_CODES)  # what main() turns into an exit code


def main(
    argv: Sequence[str] | None,
    *,
    make_engine: Callable[[RunOptions], OcrEngine],
    work: Work,
) -> int:
    """Run the CLI; return the exit code.

    Args:
        argv: Arguments without the program name (None: ``sys.argv[1:]``).
        make_engine: Builds the OCR engine; tests pass a fake.
        work: The work of one item of a batch (:func:`pipeline.work`).
    """
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:  # argparse exits 2 on usage errors; our contract says 1
        return ExitCode.OK if e.code == 0 else ExitCode.USAGE
    run_log = RunLog(quiet=getattr(args, "quiet", False), verbose=getattr(args, "verbose", False))
    try:
        if args.command == "run":
            return command_run(args, make_engine, work, run_log)
        if args.command == "extract":
            return command_extract(args)
        if args.command == "evaluate":
            return command_evaluate(args)
        return command_schema()
    except _EXITING as e:
        return _exit_code(e)
    finally:
        run_log.close()


def _exit_code(error: BaseException) -> ExitCode:
    """Log an error the user can act on and return its exit code (see EXIT_CODES)."""
    code, message = next((c, m) for kind, c, m in EXIT_CODES if isinstance(error, kind))
    if "%s" in message:
        log.error(message, error)
    else:
        log.error(message)
    if isinstance(error, OSError):
        log.debug("details", exc_info=error)
    return code


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
        "--split",
        choices=[m.value for m in SplitMode],
        default=SplitMode.AUTO.value,
        help="cut an input into the letters it holds (a scanner's batch): at its separator "
        "sheets (a patch code, or a barcode or QR code on a page of little else) where it "
        f"has them, else by content for inputs of {SPLIT_MIN_PAGES} pages or more (auto) or "
        "of 2 or more (always); separator: at sheets only; blank: at blank sheets (two "
        "blank sides in a duplex scan); off: one input, one letter. Letter N of STEM is "
        "written as STEM#0N.json, and STEM.letters.json lists them",
    )
    run.add_argument(
        "--group",
        choices=[m.value for m in GroupMode],
        default=GroupMode.AUTO.value,
        help="join page files of a folder into one input: auto for files named as pages of "
        "one letter (letter_p1.jpg, letter_p2.jpg) and a folder's numbered pages (0001.tif, "
        "0002.tif: cut into their letters by content); folder: all of a folder's files; off",
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


def run_options(args: argparse.Namespace) -> RunOptions:
    """The options of ``pismo run`` that reach the workers, checked.

    Raises:
        UsageError: An unknown format or a value that must be positive and is not.
    """
    formats = tuple(f.strip() for f in args.formats.split(",") if f.strip())
    unknown = set(formats) - KNOWN_FORMATS
    if unknown:
        raise UsageError(
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
            raise UsageError(f"{flag} must be positive, not {value:g}")
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
        split=SplitMode(getattr(args, "split", SplitMode.AUTO.value)),
    )


def command_run(
    args: argparse.Namespace,
    make_engine: Callable[[RunOptions], OcrEngine],
    work: Work,
    run_log: RunLog,
) -> ExitCode:
    """``pismo run``."""
    options = run_options(args)
    try:
        tasks = collect_tasks(args.inputs, args.output, GroupMode(args.group))
    except InputFileError as e:
        raise UsageError(str(e)) from e
    if not tasks:
        where = ", ".join(str(p) for p in args.inputs)
        raise UsageError(
            f"no scans found in {where} (looked for {', '.join(sorted(SCAN_SUFFIXES))})"
        )
    if args.output is None and len(tasks) > 1:
        raise UsageError(f"{len(tasks)} inputs need an output folder: add -o OUT")
    if args.output is not None and args.output.exists() and not args.output.is_dir():
        raise UsageError(f"{args.output}: exists and is not a folder; give -o a folder")
    engine = make_engine(options)
    if any(task.path.suffix.lower() == ".pdf" for task in tasks):
        check_poppler()  # before the batch, not at its first PDF
    if args.output is None:
        result = work(tasks[0], options, engine)
        if not isinstance(result, Result) or result.output is None:
            log.error("%s", result.outcome.error if isinstance(result, Result) else "not read")
            return ExitCode.SOME_FAILED
        sys.stdout.write(dumps(result.output))
        return ExitCode.OK
    return _run_into(args, tasks, options, engine, work=work, run_log=run_log)


def _run_into(
    args: argparse.Namespace,
    tasks: Sequence[Task],
    options: RunOptions,
    engine: OcrEngine,
    *,
    work: Work,
    run_log: RunLog,
) -> ExitCode:
    """A batch into the output folder: lock, resume, run, index."""
    out: Path = args.output
    try:
        out.mkdir(parents=True, exist_ok=True)
        lock = FolderLock(out)
        locked = lock.acquire()
    except OSError as e:
        raise UsageError(f"{out}: cannot write to the output folder ({e}); check it") from e
    if not locked:
        raise UsageError(
            f"{out}: another pismo run is writing to this folder; wait for it or use another -o"
        )
    run_log.to_file(out)
    progress = Progress(0, mode="off")
    index: dict[str, dict[str, Any]] = {}
    journal: Journal | None = None
    try:
        journal = Journal(out)
        if remove_stale_temporaries(out):
            log.info("removed the temporary files of an interrupted run in %s", out)
        run = fingerprint(run_settings(options))
        todo, kept = plan(tasks, journal, run, force=args.force, options=options, out=out)
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
        run_log.through(progress)
        executor = make_executor(
            work,
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
            split=options.split.value,
        )
    finally:
        progress.close()
        run_log.through(None)
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
        failed = sum(row["status"] != Status.OK for row in index.values())
        log.info(
            "%d of %d input(s) done, %d failed; index: %s",
            len(index) - failed,
            len(tasks),
            failed,
            out / "index.jsonl",
        )
        lock.release()
        run_log.close_file()
    return ExitCode.SOME_FAILED if failed else ExitCode.OK


def _progress_mode(args: argparse.Namespace) -> str:
    if args.quiet:
        return "off"
    return "bar" if sys.stderr.isatty() else "log"


def command_extract(args: argparse.Namespace) -> ExitCode:
    """``pismo extract``: extraction only, from stored OCR or plain text."""
    failed = 0
    names = unique_names(
        [p.name.removesuffix(".ocr.json").removesuffix(".txt") + ".x" for p in args.inputs]
    )
    for path, name in zip(args.inputs, names, strict=True):
        try:
            ocr_doc, source_info = _load_stored(path)
        except StoredOcrError as e:
            log.error("%s", e)
            failed += 1
            continue
        output = output_of(ocr_doc, source_info)
        if args.output is None:
            sys.stdout.write(dumps(output))
        else:
            args.output.mkdir(parents=True, exist_ok=True)
            atomic_write(args.output / f"{name}.json", dumps(output))
    return ExitCode.SOME_FAILED if failed else ExitCode.OK


def command_evaluate(args: argparse.Namespace) -> ExitCode:
    """``pismo evaluate``: per-field accuracy and calibration against truth files."""
    from extract.evaluate import evaluate, render

    for folder in (args.truth, args.outputs):
        if not folder.is_dir():
            raise UsageError(f"{folder}: not a folder")
    report = evaluate(args.truth, args.outputs)
    if not report.letters:
        raise UsageError(f"{args.truth}: no *.truth.json files")
    if args.json:
        sys.stdout.write(dumps(report.to_dict()))
    else:
        sys.stdout.write(render(report, verbose=args.misses))
    strict, _ = report.overall()
    if args.fail_under is not None and strict < args.fail_under:
        log.error("overall strict accuracy %.3f is below %.3f", strict, args.fail_under)
        return ExitCode.SOME_FAILED
    return ExitCode.OK


class StoredOcrError(Exception):
    """An input of ``pismo extract`` that is neither stored OCR nor text."""


def _load_stored(path: Path) -> tuple[OcrDocument, dict[str, Any]]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise StoredOcrError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as e:
        raise StoredOcrError(f"{path}: cannot be read as UTF-8 text: {e}") from e
    if not path.name.endswith(".json"):
        document = document_from_text(text, source=path.name)
        return document, _info(path, document, "text", sha256=sha256_of(path))
    try:
        data = json.loads(text)
        if isinstance(data, dict) and "fields" in data and "pages" not in data:
            raise StoredOcrError(
                f"{path}: this is a pismo output; pass its stored OCR, <stem>.ocr.json"
            )
        document = OcrDocument.from_dict(data)
    except (ValueError, KeyError, TypeError, AttributeError) as e:
        raise StoredOcrError(f"{path}: not stored OCR written by pismo (.ocr.json): {e!r}") from e
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
    sys.stdout.write(schema_text())
    return ExitCode.OK
