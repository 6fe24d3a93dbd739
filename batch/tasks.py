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

import regex

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
    """Which inputs are cut into the letters they hold, and how (:mod:`extract.boundaries`).

    Every mode but ``off`` cuts at separator sheets (patch codes, barcodes, QR codes)
    wherever an input has them, and at them alone.
    """

    AUTO = "auto"  # without sheets, by content: inputs of SPLIT_MIN_PAGES pages or more
    ALWAYS = "always"  # without sheets, by content: every input of two pages or more
    SEPARATOR = "separator"  # at separator sheets only
    BLANK = "blank"  # at blank sheets between letters
    OFF = "off"  # one input, one letter


# An input of fewer pages than this is one letter under ``--split auto`` unless it has a
# separator sheet: a letter scanned on its own runs to a few pages, and a false cut there
# costs more than a batch of a few short letters read as one.
SPLIT_MIN_PAGES = 5
LETTERS_SUFFIX = ".letters.json"  # beside an input cut into letters: the list of them


@dataclass(frozen=True, slots=True)
class CutBy:
    """How an input is looked at for its letters (see :func:`extract.boundaries.cut`)."""

    content: bool = True  # by its pages' content, when it has no separator sheet
    separators: bool = True  # at its separator sheets, when it has any
    blank: bool = False  # at its blank sheets (instead)


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

    def cut_by(self, pages: int, *, stack: bool = False) -> CutBy | None:
        """How an input of ``pages`` pages is looked at for the letters it holds; None: not.

        ``stack``: pages of letters not known (a folder's numbered pages), cut by content
        whatever their count unless ``--split`` says otherwise.
        """
        if self.split is SplitMode.OFF or pages < 2:
            return None
        if self.split is SplitMode.BLANK:
            return CutBy(content=False, separators=False, blank=True)
        if self.split is SplitMode.SEPARATOR:
            return CutBy(content=False)
        auto = self.split is SplitMode.AUTO and not stack
        return CutBy(content=pages >= (SPLIT_MIN_PAGES if auto else 2))


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


class GroupMode(StrEnum):
    """Which page files are joined into one input (see :func:`grouped`)."""

    AUTO = "auto"  # page-marked names (letter_p1.jpg) and a folder of numbered pages
    FOLDER = "folder"  # every folder's scan files, one input each
    OFF = "off"  # one file, one input


@dataclass(frozen=True, slots=True)
class Task:
    """One input and where its outputs go (``out_stem`` None: print to stdout).

    An input is one file, or page files joined (``files``, in page order; ``path`` is the
    first). ``stack``: joined pages of letters not known, cut where letters begin whatever
    their count (a folder of a scanner's numbered pages).
    """

    path: Path
    source: str  # the name the output records: relative to the folder given
    out_stem: Path | None
    out_name: str = ""  # out_stem relative to the output folder, for the index
    files: tuple[Path, ...] = ()
    stack: bool = False
    file_sources: tuple[str, ...] = ()  # the files' names relative to the folder given

    @property
    def paths(self) -> tuple[Path, ...]:
        """The input's files, in page order."""
        return self.files or (self.path,)


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
    # that letter ("box#02", 1), which its preview is named after; None for a page of no
    # letter (a separator sheet).
    page_letters: tuple[tuple[str, int] | None, ...] = ()


@dataclass(frozen=True, slots=True)
class Part:
    """Some pages of a long input, read by one worker while others read the rest."""

    task: Task
    pages: range
    stamp: SourceStamp
    document: InputDocument  # as opened once for all parts: no pdfinfo/pdfimages per part
    offset: int = 0  # pages of the input before this file's (page files joined)

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


@dataclass(frozen=True, slots=True)
class Recut:
    """An input read before, cut into its letters (again) and extracted anew: no OCR.

    Its pages come from its stored OCR: its own ``.ocr.json``, or (``cut``) its letters'
    and the pages of no letter its ``.letters.json`` keeps. Asked for by another
    ``--split``, or for an input cut into letters (or joined of page files) that lacks an
    output a run asks for.
    """

    task: Task
    stamp: SourceStamp
    cut: bool  # the stored reading is cut into letters


WorkItem = Task | Part | Joined | Complete | Recut
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


def split(
    task: Task, stamp: SourceStamp, documents: Sequence[InputDocument], workers: int
) -> Split:
    """An input (its files' documents) cut into parts for ``workers`` processes.

    Parts are :func:`part_pages` long, never across two files.
    """
    size = part_pages(sum(document.page_count for document in documents), workers)
    parts: list[Part] = []
    offset = 0
    for document in documents:
        count = document.page_count
        parts.extend(
            Part(task, range(first, min(first + size, count + 1)), stamp, document, offset)
            for first in range(1, count + 1, size)
        )
        offset += count
    return Split(tuple(parts))


def failed(task: Task, message: str, seconds: float, detail: str | None = None) -> Result:
    """The result of an input that could not be read."""
    return Result(Outcome(task.source, Status.ERROR, error=message, seconds=seconds), detail=detail)


def crashed(item: WorkItem, message: str) -> Result:
    """The result of an input whose worker process died."""
    task = task_of(item)
    return Result(Outcome(task.source, Status.ERROR, error=f"{task.source}: {message}"))


# ------------------------------------------------------------------------------ inputs


def collect_tasks(
    inputs: Sequence[Path], out: Path | None, group: GroupMode = GroupMode.OFF
) -> list[Task]:
    """Expand files and folders into tasks whose outputs mirror the input tree.

    Folders are walked recursively for scan suffixes (hidden files and the output folder
    skipped); a file named explicitly is taken whatever its suffix. Two inputs that would
    write the same output name (``a.pdf`` and ``a.tif``) keep their suffix in the name.
    Page files of a folder are joined into one input as ``group`` says (:func:`grouped`).

    Raises:
        InputFileError: If an input does not exist.
    """
    found: list[tuple[Path, str]] = []
    groups: list[_Group] = []
    for given in inputs:
        if given.is_dir():
            inside = sorted(
                ((path, path.relative_to(given).as_posix()) for path in _walk(given, out)),
                key=lambda item: item[1],
            )
            joined = grouped(inside, group, given.resolve().name)
            groups.extend(joined)
            taken = {path for item in joined for path in item.files}
            found.extend(item for item in inside if item[0] not in taken)
        elif given.exists():
            found.append((given, given.name))
        else:
            raise InputFileError(f"{given}: no such file or folder")
    found.sort(key=lambda item: item[1])
    entries = [_Group(source, (path,)) for path, source in found] + groups
    entries.sort(key=lambda entry: entry.source)
    names = unique_names([entry.source for entry in entries])
    return [
        Task(
            entry.files[0], entry.source, None if out is None else out / name, name,
            entry.files if entry.sources else (), entry.stack, entry.sources,
        )
        for entry, name in zip(entries, names, strict=True)
    ]  # fmt: skip


@dataclass(frozen=True, slots=True)
class _Group:
    """Page files joined into one input: its name (a stem, no suffix) and files in order."""

    source: str
    files: tuple[Path, ...]
    stack: bool = False
    sources: tuple[str, ...] = ()  # the files' paths relative to the folder given


# A page file: a name ending in a page mark and number ("pismo_p1", "pismo-str2",
# "pismo.p3", "pismo_page_1", "pismo_strona_2")...
_PAGE_MARKED = regex.compile(
    r"^(?P<base>.+?)[ _.\-](?:p|page|s|str|strona)[ _.\-]?(?P<number>\d{1,3})$", regex.IGNORECASE
)
# ... and a scanner's numbered page ("0001", "00012"): a name of digits only.
_NUMBERED = regex.compile(r"^(?P<number>\d{1,6})$")
_PAGE_SUFFIXES = frozenset({".tif", ".tiff", ".jpg", ".jpeg", ".png", ".gif", ".bmp", ".webp"})


def grouped(found: Sequence[tuple[Path, str]], mode: GroupMode, root: str) -> list[_Group]:
    """The page files of a walked folder that make one input each, by ``mode``.

    * ``auto``: files named as pages of one letter (``pismo_p1.jpg``, ``pismo_p2.jpg``:
      two or more with the same base, numbered from 0 or 1 without a gap) are one letter;
      a folder's numbered images (``0001.tif``, ``0002.tif``: a scanner's pages of a stack)
      are one input cut into its letters by their content, whatever its length;
    * ``folder``: each folder's scan files, in name order, are one input (cut into
      letters as ``--split`` says);
    * ``off``: none.

    Files of two folders are never joined. An input is named after its base, or for a
    folder after the folder (``box12/0001.tif``... becomes ``box12``; the folder given
    itself is named ``root``).

    Args:
        found: (file, path relative to the folder given), in name order.
        mode: How to group.
        root: The name of the folder given.
    """
    if mode is GroupMode.OFF:
        return []
    folders: dict[str, list[tuple[Path, str]]] = {}
    for path, source in found:
        folders.setdefault(str(PurePosixPath(source).parent), []).append((path, source))
    groups: list[_Group] = []
    for folder, files in folders.items():
        named = root if folder == "." else folder
        if mode is GroupMode.FOLDER:
            if len(files) > 1:
                groups.append(_joined(named, _in_order(files)))
            continue
        groups.extend(_page_families(folder, files))
        numbered = [(path, source) for path, source in files if _is_numbered_page(path)]
        if len(numbered) > 1:
            groups.append(_joined(named, _in_order(numbered), stack=True))
    return groups


def _joined(name: str, files: Sequence[tuple[Path, str]], *, stack: bool = False) -> _Group:
    paths, sources = zip(*files, strict=True)
    return _Group(name, tuple(paths), stack, tuple(sources))


def _page_families(folder: str, files: Sequence[tuple[Path, str]]) -> list[_Group]:
    families: dict[tuple[str, str], list[tuple[int, Path]]] = {}
    for path, _ in files:
        marked = _PAGE_MARKED.match(path.stem)
        if marked and path.suffix.lower() in _PAGE_SUFFIXES:
            key = (marked["base"], path.suffix.lower())
            families.setdefault(key, []).append((int(marked["number"]), path))
    sources = dict(files)
    groups = []
    for (base, _), members in families.items():
        numbers = sorted(number for number, _ in members)
        gapless = numbers == list(range(numbers[0], numbers[0] + len(numbers)))
        if len(members) > 1 and gapless and numbers[0] in (0, 1):
            name = base if folder == "." else f"{folder}/{base}"
            ordered = [(path, sources[path]) for _, path in sorted(members)]
            groups.append(_joined(name, ordered))
    return groups


def _is_numbered_page(path: Path) -> bool:
    return bool(_NUMBERED.match(path.stem)) and path.suffix.lower() in _PAGE_SUFFIXES


def _in_order(files: Sequence[tuple[Path, str]]) -> list[tuple[Path, str]]:
    """Files in natural order: "2.tif" before "10.tif"."""
    return sorted(files, key=lambda item: [
        (0, int(part), "") if part.isdigit() else (1, 0, part)
        for part in regex.split(r"(\d+)", item[0].name.casefold())
    ])  # fmt: skip


# The names an input cut into letters writes beside its own: STEM#01..., STEM.letters.
_LETTER_NAME = regex.compile(r"(.+)(?:#\d+|\.letters)")


def unique_names(sources: Sequence[str]) -> list[str]:
    """Output stems for input names: the name without its suffix, unless that clashes.

    ``a.pdf`` and ``a.tif`` keep their suffixes (``a.pdf``, ``a.tif``), and so does a
    name that another input's letters would be written under (``box#01.pdf`` and
    ``box.letters.pdf`` beside ``box.pdf``, which may be cut into ``box#01.json``...);
    the same relative name from two folders given on one command line gets ``~2``,
    ``~3``... so no input ever overwrites another's outputs.
    """
    stems = [str(PurePosixPath(source).with_suffix("")) for source in sources]
    spellings = Counter(stem for stem, _ in set(zip(stems, sources, strict=True)))
    known = set(stems)
    used: set[str] = set()
    names = []
    for source, stem in zip(sources, stems, strict=True):
        letters = _LETTER_NAME.fullmatch(stem)
        clashes = spellings[stem] > 1 or (letters is not None and letters[1] in known)
        name = base = source if clashes else stem
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
