"""What a batch schedules: inputs, their parts, and what workers send back.

A :class:`Task` is one input file and where its outputs go. A worker turns it into a
:class:`Result` (files to write, the index entry), or, for an input of several pages in a
parallel run, into a :class:`Split`: the input's :class:`Part` s, which several workers
read (:class:`PartRead`) and whose pages come back together as a :class:`Joined` for
extraction. Workers only compute; the process that started the batch writes every file.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path, PurePosixPath
from typing import Any

from batch.journal import SourceStamp
from extract.fields import INDEXED
from ocr.engine import OcrOptions
from ocr.errors import TIMEOUT_PHRASE, InputFileError
from ocr.load import InputDocument
from ocr.types import OcrPage
from outputs.pdf import PageScan

SCAN_SUFFIXES = frozenset(
    {".pdf", ".tif", ".tiff", ".jpg", ".jpeg", ".png", ".gif", ".bmp", ".webp"}
)
DEFAULT_FORMATS = ("json", "txt")
KNOWN_FORMATS = frozenset({"json", "txt", "alto", "pdf"})
DEFAULT_TIMEOUT_S = 180.0  # per Tesseract run, as OCRmyPDF's --tesseract-timeout
# An input of several pages is read in parts by all workers at once, so that one long
# document does not keep a batch's end waiting on a single core, and a folder of a few
# multi-page letters keeps every core busy: at most this many pages a part ...
PAGES_PER_PART = 8
PARTS_PER_WORKER = 2  # ... and small enough that each worker gets this many of an input


class SplitMode(StrEnum):
    """Which inputs are cut into the letters they hold (:mod:`extract.boundaries`)."""

    AUTO = "auto"  # inputs of more than SPLIT_MIN_PAGES pages: a scanner's batch
    ALWAYS = "always"  # every input of two pages or more
    OFF = "off"  # one input, one letter


# An input of this many pages or fewer is one letter under ``--split auto``: a letter
# scanned on its own runs to a few pages, and a false cut there costs more than a batch
# of a few short letters read as one.
SPLIT_MIN_PAGES = 5
LETTERS_SUFFIX = ".letters.json"  # beside an input cut into letters: the list of them


@dataclass(frozen=True, slots=True)
class RunOptions:
    """Options of ``pismo run`` that reach the workers."""

    lang: str = "pol"
    formats: tuple[str, ...] = DEFAULT_FORMATS
    ocr: OcrOptions = OcrOptions()
    timeout: float = DEFAULT_TIMEOUT_S
    with_words: bool = False  # embed lines and words in the main JSON, not only in .ocr.json
    report: bool = False  # OUT/report.html, with page previews from the workers
    split: SplitMode = SplitMode.AUTO

    def splits(self, pages: int) -> bool:
        """Whether an input of ``pages`` pages is looked at for the letters it holds."""
        if self.split is SplitMode.OFF:
            return False
        return pages >= (SPLIT_MIN_PAGES if self.split is SplitMode.AUTO else 2)


class Status(StrEnum):
    """How an input ended, as the index records it."""

    OK = "ok"
    ERROR = "error"


@dataclass(frozen=True, slots=True)
class Workers:
    """How a batch's work is shared out: what a worker may count on of the others."""

    count: int = 1  # worker processes; with two or more an input of several pages is split
    # Fewer inputs than workers: cores stand idle while a one-page letter is read, so its
    # worker may load the NER model meanwhile (with every core busy that would slow all).
    spare: bool = False


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
    status: Status
    error: str | None = None
    output: str | None = None
    pages: int = 0
    seconds: float = 0.0
    fields: Mapping[str, Any] = field(default_factory=dict)
    warnings: int = 0
    # A page was left empty after a timeout: done, but a re-run tries it again.
    incomplete: bool = False
    # An input cut into letters: one entry each (``letter``: its number, ``file_pages``:
    # "3-5"); the index lists them instead of the input.
    letters: tuple[Outcome, ...] = ()
    letter: int | None = None
    file_pages: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The index.jsonl line (an input cut into letters: its letters' under "letters")."""
        row = {
            "path": self.source,
            "status": self.status.value,
            "error": self.error,
            "output": self.output,
            "pages": self.pages,
            "seconds": round(self.seconds, 3),
            "warnings": self.warnings,
            "incomplete": self.incomplete,
            **self.fields,
        }
        if self.letter is not None:
            row |= {"letter": self.letter, "file_pages": self.file_pages}
        if self.letters:
            row["letters"] = [letter.to_dict() for letter in self.letters]
        return row


def outcome_of(source: str, output: Mapping[str, Any], written: str, seconds: float) -> Outcome:
    """The index entry of a letter read: its key fields, warnings, whether it is complete."""
    fields = output["fields"]
    return Outcome(
        source,
        Status.OK,
        output=written,
        pages=output["source"]["pages"],
        seconds=seconds,
        fields={name.value: fields[name.value]["value"] for name in INDEXED},
        warnings=len(output["warnings"]),
        incomplete=any(TIMEOUT_PHRASE in warning for warning in output["warnings"]),
    )


@dataclass(frozen=True, slots=True)
class Result:
    """What a worker sends back for one input: nothing is written by workers.

    ``files`` are (suffix, content) pairs to write beside the output stem, the JSON last
    (it marks the input done); ``detail`` is the traceback of an unexpected error, for the
    log file.
    """

    outcome: Outcome
    files: tuple[tuple[str, str | bytes], ...] = ()
    stamp: SourceStamp | None = None
    detail: str | None = None
    output: dict[str, Any] | None = None  # the document, when it is printed (no -o)
    previews: tuple[bytes, ...] = ()  # page previews (JPEG) for the report
    completes: bool = False  # adds outputs to a letter read before (its others stay)
    # An input cut into letters: per page, its letter's output name and its number in
    # that letter ("box#02", 1), which its preview is named after.
    page_letters: tuple[tuple[str, int], ...] = ()


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
class Split:
    """A long input cut into parts for several workers, instead of being read at once.

    Each part carries its input's task and stamp.
    """

    parts: tuple[Part, ...]


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


@dataclass(frozen=True, slots=True)
class Complete:
    """A letter read before, given the outputs a later run asks for: no OCR.

    ``formats`` are the files to add (txt, alto, pdf); ``previews``: the report's page
    previews. Built from its stored ``.ocr.json`` and ``.json``; the PDF and the previews
    from its pages loaded and prepared again as the stored OCR records it.
    """

    task: Task
    stamp: SourceStamp
    formats: tuple[str, ...]
    previews: bool


WorkItem = Task | Part | Joined | Complete
WorkResult = Result | Split | PartRead


def task_of(item: WorkItem) -> Task:
    """The input a work item belongs to."""
    return item if isinstance(item, Task) else item.task


def part_pages(pages: int, workers: int) -> int:
    """Pages per part of an input of ``pages`` read by ``workers`` processes.

    Each worker gets :data:`PARTS_PER_WORKER` parts, so their ends even out (a part of
    one page is fine: a page's OCR outweighs a part's round trip many times); a long
    input's parts stay at :data:`PAGES_PER_PART` pages.
    """
    return max(1, min(PAGES_PER_PART, -(-pages // (PARTS_PER_WORKER * max(1, workers)))))


def split(task: Task, stamp: SourceStamp, document: InputDocument, workers: int) -> Split:
    """An input cut into parts for ``workers`` processes (:func:`part_pages`)."""
    count = document.page_count
    size = part_pages(count, workers)
    parts = tuple(
        Part(task, range(first, min(first + size, count + 1)), stamp, document)
        for first in range(1, count + 1, size)
    )
    return Split(parts)


def failed(task: Task, message: str, seconds: float, detail: str | None = None) -> Result:
    """The result of an input that could not be read."""
    return Result(Outcome(task.source, Status.ERROR, error=message, seconds=seconds), detail=detail)


def crashed(item: WorkItem, message: str) -> Result:
    """The result of an input whose worker process died."""
    task = task_of(item)
    return Result(Outcome(task.source, Status.ERROR, error=f"{task.source}: {message}"))


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
