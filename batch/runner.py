"""Running a batch: what is left to do, the executor, and writing results as they arrive.

The process that runs the batch is the only writer: each result's files are written
atomically, the JSON last, then its journal line (:mod:`batch.journal`), so a batch killed
at any moment resumes exactly where it stopped.
"""

from __future__ import annotations

import dataclasses
import functools
import os
import time
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from batch.executors import Executor, InlineExecutor, ProcessExecutor
from batch.files import atomic_write, inside
from batch.index import write_index
from batch.journal import Entry, Journal
from batch.logs import log, trace
from batch.progress import BarHandler, Progress
from batch.tasks import (
    LETTERS_SUFFIX,
    Complete,
    Joined,
    Outcome,
    Part,
    PartRead,
    Recut,
    Result,
    RunOptions,
    Split,
    Status,
    Task,
    Workers,
    WorkItem,
    WorkResult,
    crashed,
    task_of,
)
from extract.contract import SCHEMA_VERSION, version
from ocr.engine import OcrEngine
from outputs import report as report_output
from outputs.files import FORMAT_SUFFIXES

INDEX_EVERY_S = 10.0  # how often a running batch rewrites its index
PREVIEWS = "previews"  # the report's page previews, among an entry's outputs
EXECUTORS = ("local", "dask")
# The work of one item (pipeline.work), given the run's options and engine.
Work = Callable[..., WorkResult]


def run_settings(options: RunOptions) -> dict[str, Any]:
    """Everything besides an input that decides its reading (the resume fingerprint).

    The formats, the report and ``--split`` are not in it: a letter read before is given
    the outputs a later run asks for (:class:`Complete`), and an input is cut into its
    letters another way (:class:`Recut`), from what it stored, without reading it again.
    """
    return {
        "pismo": version(),
        "schema": SCHEMA_VERSION,
        "lang": options.lang,
        "ocr": dataclasses.asdict(options.ocr),
        "with_words": options.with_words,
        "ner_model": os.environ.get("PISMO_NER_MODEL", ""),
    }


def plan(
    tasks: Sequence[Task],
    journal: Journal,
    run: str,
    *,
    force: bool,
    options: RunOptions | None = None,
    out: Path | None = None,
) -> tuple[list[WorkItem], dict[str, Entry]]:
    """Split tasks into those to do and the finished ones a re-run keeps.

    A finished letter that lacks a file ``options`` asks for (a format, the report's page
    previews in ``out``) is to be completed, and one read with another ``--split`` cut
    again, not read again.
    """
    todo: list[WorkItem] = []
    kept: dict[str, Entry] = {}
    for task in tasks:
        if task.out_stem is None:
            raise ValueError(f"{task.source}: a batch task needs an output folder")
        entry = None if force else journal.entries.get(task.out_name)
        if entry is not None:
            entry = journal.finished(task.out_name, task.paths, _main_output(task, entry), run)
        if entry is None:
            todo.append(task)
            continue
        if options is not None and entry.split != options.split.value:
            if _cut_alike(task, entry, options):
                entry = dataclasses.replace(entry, split=options.split.value)
            else:
                assert entry.stamp is not None  # a finished entry's
                todo.append(Recut(task, entry.stamp, cut=bool(entry.index.get("letters"))))
                continue
        missing = _missing(task, entry, options, out) if options is not None else None
        if missing is None:
            kept[task.out_name] = entry
        else:
            todo.append(missing)
    return todo, kept


def _cut_alike(task: Task, entry: Entry, options: RunOptions) -> bool:
    """Whether an input read with another ``--split`` would come out the same: one letter.

    It was not cut, and this run would not look at it for letters (one page, or
    ``--split off``): an archive that changes the option does not extract again every
    one-page letter it holds.
    """
    pages = int(entry.index.get("pages") or 0)
    return not entry.index.get("letters") and options.cut_by(pages, stack=task.stack) is None


def _main_output(task: Task, entry: Entry) -> Path:
    """The file whose presence marks an input done: its JSON, or its list of letters."""
    assert task.out_stem is not None
    suffix = LETTERS_SUFFIX if entry.index.get("letters") else ".json"
    return task.out_stem.with_name(task.out_stem.name + suffix)


def _missing(
    task: Task, entry: Entry, options: RunOptions, out: Path | None
) -> Complete | Recut | None:
    """The outputs a finished letter lacks of those asked for, as work; None if it has all.

    An input cut into letters (or joined of page files) that lacks one is cut and
    extracted again from its stored OCR, all its letters' files written anew.
    """
    assert task.out_stem is not None and entry.stamp is not None
    if entry.index.get("letters") or task.files:
        if not _letters_missing(task, entry, options, out):
            return None
        return Recut(task, entry.stamp, cut=bool(entry.index.get("letters")))
    stem = task.out_stem
    # A file counts only when it was written with this reading (the journal says so): one
    # an earlier reading left is made again.
    formats = tuple(
        name
        for name in sorted(options.formats)
        if name in FORMAT_SUFFIXES
        and not (
            FORMAT_SUFFIXES[name] in entry.outputs
            and stem.with_name(stem.name + FORMAT_SUFFIXES[name]).is_file()
        )
    )
    previews = (
        options.report
        and out is not None
        and not (
            PREVIEWS in entry.outputs
            and (out / report_output.preview_name(task.out_name, 1)).is_file()
        )
    )
    if not formats and not previews:
        return None
    return Complete(task, entry.stamp, formats, bool(previews))


def _letters_missing(task: Task, entry: Entry, options: RunOptions, out: Path | None) -> bool:
    """Whether a letter of an input (cut into letters, or not) lacks a file asked for.

    Its stored OCR counts: without it the input cannot be cut again without OCR.
    """
    suffixes = [".json", ".ocr.json"]
    suffixes += [FORMAT_SUFFIXES[name] for name in options.formats if name in FORMAT_SUFFIXES]
    for stem in _letter_stems(task, entry.index):
        if out is None or not stem:
            return True
        if any(not (out / (stem + suffix)).is_file() for suffix in suffixes):
            return True
        # A letter's previews are numbered from its own page 1.
        if options.report and not (out / report_output.preview_name(stem, 1)).is_file():
            return True
    return False


def make_executor(
    work: Work,
    options: RunOptions,
    engine: OcrEngine,
    *,
    jobs: int,
    tasks: int,
    executor: str,
    scheduler: str | None,
) -> Executor[WorkItem, WorkResult]:
    """The executor for a batch: in-process, local processes, or Dask."""
    parallel = executor == "dask" or jobs > 1
    count = max(2, jobs) if parallel else 1  # a Dask cluster has several, whatever -j says
    workers = Workers(count, spare=parallel and tasks < count)
    job = functools.partial(work, options=options, engine=engine, workers=workers)
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
    tasks: Sequence[WorkItem],
    out: Path,
    executor: Executor[WorkItem, WorkResult],
    *,
    journal: Journal,
    run: str,
    index: dict[str, dict[str, Any]],
    progress: Progress,
    order: Sequence[str] = (),
    split: str = "",
) -> None:
    """Run the tasks, writing each result as it arrives, then its journal line.

    ``order`` is the output names of the whole batch in input order (default: the
    tasks'), for the index written while the batch runs; ``split``: the ``--split`` its
    inputs are cut with, for the journal.

    A long input comes back split into parts, which go to the front of the queue; once
    every part is read, its extraction does. ``index`` (output name to index entry) gains
    every finished input, so a caller interrupted by Ctrl-C or a missing dependency still
    writes the index of all of them.
    """
    order = order or [task_of(item).out_name for item in tasks]
    queue: deque[WorkItem] = deque(tasks)
    joining: dict[str, _Joining] = {}
    last_index = time.monotonic()
    try:
        for item, result in executor.run(queue):
            task = task_of(item)
            if isinstance(item, Part) and task.out_name not in joining:
                continue  # another part of this input failed: it is recorded already
            if isinstance(result, PartRead):
                if not isinstance(item, Part):
                    raise TypeError(f"{task.source}: pages read for a whole input")
                joined = _join(joining, item, result)
                if joined is not None:
                    queue.appendleft(joined)
                continue
            if isinstance(result, Split):
                joining[task.out_name] = _Joining(len(result.parts))
                queue.extendleft(reversed(result.parts))
                continue
            joining.pop(task.out_name, None)
            _record(task, result, out, journal=journal, run=run, split=split, index=index,
                    progress=progress)  # fmt: skip
            if time.monotonic() - last_index >= INDEX_EVERY_S:
                # A killed run leaves a consistent index of what is finished by then,
                # earlier runs' inputs included.
                write_index(out, [index[name] for name in order if name in index])
                last_index = time.monotonic()
    except BaseException:
        executor.close()  # Ctrl-C or a missing tool: queued inputs are dropped at once
        raise
    executor.close()


def _record(
    task: Task,
    result: Result,
    out: Path,
    *,
    journal: Journal,
    run: str,
    split: str,
    index: dict[str, dict[str, Any]],
    progress: Progress,
) -> None:
    """Write one finished input's files, then its journal line and index entry.

    ``run``: the run's fingerprint; ``split``: its ``--split``.
    """
    outcome = commit(task, result, out)
    written = {suffix for suffix, _ in result.files} - {".json", ".ocr.json"}
    written |= {PREVIEWS} if result.previews else set()
    earlier = journal.entries.get(task.out_name)
    if result.completes and earlier is not None:
        written |= set(earlier.outputs)  # the files of the reading it completes
    outputs = tuple(sorted(written)) if outcome.status is Status.OK else ()
    journal.record(Entry(task.out_name, result.stamp, run, outcome.to_dict(), outputs, split))
    if outcome.status is Status.OK and earlier is not None and not result.completes:
        _remove_stale(task, earlier.index, outcome.to_dict(), out)
    index[task.out_name] = outcome.to_dict()
    if result.detail:
        trace.debug("%s failed:\n%s", task.source, result.detail.rstrip())
    progress.update(outcome.pages, outcome.status is Status.OK)
    _log_outcome(outcome, progress)


# What a letter's outputs are named, beside its stem (besides its previews).
_LETTER_SUFFIXES = (".json", ".ocr.json", *FORMAT_SUFFIXES.values())


def _letter_stems(task: Task, row: Mapping[str, Any]) -> set[str]:
    """The output stems (relative to OUT) of an index row: its letters', or its own."""
    letters = row.get("letters")
    if not letters:
        return {task.out_name}
    return {str(letter.get("output") or "").removesuffix(".json") for letter in letters}


def _remove_stale(task: Task, before: Mapping[str, Any], now: Mapping[str, Any], out: Path) -> None:
    """Remove the files of letters an earlier reading of the input wrote and this one did not.

    Read again with another ``--split``, or cut elsewhere, an input's letters change:
    ``box.json`` gives way to ``box#01.json``... and back. A letter still written keeps
    every file, those of formats not asked for this time too.
    """
    gone = _letter_stems(task, before) - _letter_stems(task, now)
    stale = [out / (stem + suffix) for stem in gone for suffix in _LETTER_SUFFIXES]
    for stem in gone:
        previews = out / report_output.preview_name(stem, 1)
        stale.extend(previews.parent.glob(f"{Path(stem).name}.p*.jpg"))
    if before.get("letters") and not now.get("letters"):
        stale.append(out / (task.out_name + LETTERS_SUFFIX))
    for path in stale:
        if inside(out, path):
            path.unlink(missing_ok=True)


def commit(task: Task, result: Result, out: Path) -> Outcome:
    """Write a result's files, each atomically, the JSON last; return the index entry.

    Raises nothing for an unwritable folder: that input becomes an error.
    """
    if not (result.files or result.previews) or task.out_stem is None:
        return result.outcome
    stem = task.out_stem
    if not inside(out, stem):
        message = f"{task.source}: its output folder leads outside {out} (a symlink?); not written"
        return _not_written(result.outcome, message)
    try:
        stem.parent.mkdir(parents=True, exist_ok=True)
        for number, shot in enumerate(result.previews, start=1):
            # An input cut into letters: a page's preview is its letter's.
            name, page = (task.out_name, number)
            if result.page_letters:
                placed = result.page_letters[number - 1]
                if placed is None:
                    continue  # a separator sheet: no letter's page
                name, page = placed
            target = out / report_output.preview_name(name, page)
            target.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(target, shot)
        for suffix, text in result.files:
            atomic_write(stem.with_name(stem.name + suffix), text)
    except OSError as e:
        message = f"{task.source}: cannot write the outputs ({e}); check the output folder"
        return _not_written(result.outcome, message)
    return result.outcome


def _not_written(outcome: Outcome, message: str) -> Outcome:
    # Its letters were not written either: the index lists the input, failed.
    return dataclasses.replace(outcome, status=Status.ERROR, error=message, output=None, letters=())


def _join(joining: dict[str, _Joining], part: Part, read: PartRead) -> Joined | None:
    """Keep a part read; once all are, the whole input's pages in order, to extract."""
    state = joining[part.task.out_name]
    state.read[part.offset + part.pages.start] = read  # its first page in the whole input
    if len(state.read) < state.parts:
        return None
    ordered = [state.read[first] for first in sorted(state.read)]
    pages = tuple(page for piece in ordered for page in piece.pages)
    seconds = sum(piece.seconds for piece in ordered)
    scans = tuple(scan for piece in ordered for scan in piece.scans)
    previews = tuple(shot for piece in ordered for shot in piece.previews)
    return Joined(part.task, pages, part.stamp, part.format, seconds, scans, previews)


def _log_outcome(outcome: Outcome, progress: Progress) -> None:
    if outcome.status is not Status.OK:
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
