"""pismo: scanned Polish official letters in, catalogue JSON out. The table of contents.

One letter's run, in order: open the input (:mod:`ocr.load`), read its pages
(:mod:`ocr.engine`: preprocessing, orientation, Tesseract), extract the fields
(:mod:`extract`: stages, then the resolver), assemble the output contract
(:mod:`extract.contract`) and the files to write (:mod:`outputs`). A batch
(:mod:`batch`) runs :func:`work` on many inputs in worker processes and writes what they
return; :func:`main` is the ``pismo`` command (:mod:`batch.cli`).
"""

from __future__ import annotations

import dataclasses
import json
import sys
import time
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PIL import Image

from batch import cli
from batch.journal import SourceStamp, stamp_of
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
    Status,
    Task,
    Workers,
    WorkItem,
    WorkResult,
    failed,
    outcome_of,
    task_of,
)
from batch.tasks import split as split_into_parts
from extract import extract, warm_up
from extract.contract import build_output, dumps
from extract.errors import MissingResourceError
from ocr.engine import (
    OcrEngine,
    OrientationMode,
    PageKeeper,
    assemble,
    iter_ocr_pages,
    replay,
)
from ocr.errors import InputFileError, MissingDependencyError, OcrEngineError
from ocr.load import iter_pages, open_document
from ocr.types import OcrDocument, OcrPage, Orientation, Recognition
from outputs import pdf as pdf_output
from outputs import report as report_output
from outputs.files import document_files, format_files
from outputs.pdf import PageScan

if TYPE_CHECKING:
    from extract.boundaries import Cut

ONE_WORKER = Workers()


def work(
    item: WorkItem, options: RunOptions, engine: OcrEngine, *, workers: Workers = ONE_WORKER
) -> WorkResult:
    """Do one item of a batch: an input, a part of a long one, or a long one's extraction.

    Args:
        item: What to do.
        options: The run's options.
        engine: The OCR engine.
        workers: How the batch is shared out: with two or more workers, an input of
            several pages comes back as parts for them all instead of being read here.

    An input error becomes an error Result.

    Raises:
        MissingDependencyError: A missing tool stops the whole batch, not one file.
        MissingResourceError: So does a missing model or dictionary.
    """
    task = task_of(item)
    started = time.perf_counter()
    try:
        return _work(item, options, engine, workers=workers, started=started)
    except (MissingDependencyError, MissingResourceError):
        raise  # stops the batch: every later input would fail the same way
    except (InputFileError, OcrEngineError) as e:
        return _failed(task, str(e), started)
    except OSError as e:  # the input vanished or became unreadable mid-run
        return _failed(task, f"{task.source}: {e}", started)
    except Exception as e:  # noqa: BLE001 - one bad input must not end a night's batch
        message = (
            f"{task.source}: internal error ({type(e).__name__}: {e}); please report it "
            "with the log file of a run with -v"
        )
        return _failed(task, message, started)


def _work(
    item: WorkItem, options: RunOptions, engine: OcrEngine, *, workers: Workers, started: float
) -> WorkResult:
    """The stages of one item, in order (see :func:`work`)."""
    if workers.count > 1 and isinstance(item, Task | Part):
        # A worker process (never the parent that forks them: a fork must not copy a
        # thread mid-import): extraction loads while its first page's OCR runs. A Task
        # read here is of one page (longer ones are split), the NER model too when
        # cores stand idle meanwhile.
        engine = _WarmingUp(engine, ner=workers.spare and isinstance(item, Task))
    scans: list[PageScan] = []
    previews: list[bytes] = []
    keep = _page_keeper(scans if "pdf" in options.formats else None, previews, options.report)
    if isinstance(item, Part):
        read = iter_ocr_pages(item.document, engine, options.ocr, item.pages, keep=keep)
        got = tuple(_numbered(page, item.offset) for page in read)
        return PartRead(got, time.perf_counter() - started, tuple(scans), tuple(previews))
    if isinstance(item, Complete | Recut):
        done = complete(item, options) if isinstance(item, Complete) else recut(item, options)
        if done is not None:
            return done
        item = item.task  # stored files gone, or a page not prepared again: read it again
    if isinstance(item, Joined):
        ocr_doc = assemble(item.pages, engine, source=item.task.source)
        begun = started - item.seconds
        result = letter(item.task, ocr_doc, item.stamp, item.format, options, begun, item.scans)
        return dataclasses.replace(result, previews=item.previews)
    stamp = stamp_of(item.paths)
    documents = [open_document(path, options.ocr.load) for path in item.paths]
    if workers.count > 1 and sum(document.page_count for document in documents) > 1:
        return split_into_parts(item, stamp, documents, workers.count)
    pages: list[OcrPage] = []
    for document in documents:  # page files joined: read in turn, numbered on
        offset = len(pages)
        read = iter_ocr_pages(document, engine, options.ocr, keep=keep)
        pages.extend(_numbered(page, offset) for page in read)
    ocr_doc = assemble(pages, engine, source=item.source)
    fmt = documents[0].format.value
    result = letter(item, ocr_doc, stamp, fmt, options, started, tuple(scans))
    return dataclasses.replace(result, previews=tuple(previews))


def _numbered(page: OcrPage, offset: int) -> OcrPage:
    """A page of one of an input's page files, numbered in the whole input."""
    return page if not offset else dataclasses.replace(page, number=page.number + offset)


def letter(
    task: Task,
    ocr_doc: OcrDocument,
    stamp: SourceStamp,
    fmt: str,
    options: RunOptions,
    started: float,
    scans: tuple[PageScan, ...] = (),
) -> Result:
    """From a letter's pages to its files: extract, the output contract, the formats."""
    source_info: dict[str, Any] = {
        "path": task.source,
        "sha256": stamp.sha256,
        "pages": len(ocr_doc.pages),
        "format": fmt,
        "bytes": stamp.size,
    }
    if task.files:  # page files joined: each file's name, in page order
        source_info["files"] = list(task.file_sources)
    cut_by = options.cut_by(len(ocr_doc.pages), stack=task.stack)
    if cut_by is not None and task.out_stem is not None:
        from extract import boundaries  # in a worker only: the parent never extracts

        found = boundaries.cut(
            ocr_doc, content=cut_by.content, separators=cut_by.separators, blank=cut_by.blank
        )
        if len(found.letters) > 1 or found.left_out:
            return _letters(task, ocr_doc, found, stamp, source_info, options, started, scans)
    output, files = _read(ocr_doc, source_info, options, scans)
    seconds = time.perf_counter() - started
    outcome = outcome_of(task.source, output, f"{task.out_name}.json", seconds)
    return Result(outcome, files, stamp, output=output if task.out_stem is None else None)


def _read(
    document: OcrDocument,
    source_info: dict[str, Any],
    options: RunOptions,
    scans: tuple[PageScan, ...],
) -> tuple[dict[str, Any], tuple[tuple[str, str | bytes], ...]]:
    """One letter's output and files: extract, the output contract, the formats."""
    fields = extract(document)
    output = build_output(document, fields, source_info, with_words=options.with_words)
    return output, document_files(output, document, source_info, options.formats, scans)


def _letters(
    task: Task,
    ocr_doc: OcrDocument,
    found: Cut,
    stamp: SourceStamp,
    source_info: dict[str, Any],
    options: RunOptions,
    started: float,
    scans: tuple[PageScan, ...],
) -> Result:
    """The files of an input cut into letters: each letter's, then the input's list of them.

    Letter ``n`` of ``stem`` is written as ``stem#0n.json`` (and ``.ocr.json``, ``.txt``...)
    as if it were a file of its own, its pages numbered from 1; ``source.letter`` says
    which pages of the file it is. ``stem.letters.json`` lists the letters, last (it marks
    the input done), and the pages of no letter (separator sheets) with their OCR, so that
    the input can be cut again without reading it again.
    """
    width = max(2, len(str(len(found.letters))))
    # The page images in page order, when every page has one (else no PDF, as for a file).
    whole = len(scans) == len(ocr_doc.pages)
    files: list[tuple[str, str | bytes]] = []
    outcomes: list[Outcome] = []
    listed: list[dict[str, Any]] = []
    page_letters: list[tuple[str, int] | None] = [None] * len(ocr_doc.pages)
    for number, piece in enumerate(found.letters, start=1):
        suffix = f"#{number:0{width}d}"
        pages = ocr_doc.pages[piece.first - 1 : piece.last]  # numbered 1..N in page order
        # A letter's pages are numbered from 1, as when it is a file of its own (the rules
        # read a letter's head on its page 1); ``letter.pages`` keeps where it stands.
        document = dataclasses.replace(
            ocr_doc,
            pages=tuple(dataclasses.replace(p, number=n) for n, p in enumerate(pages, 1)),
        )
        info = source_info | {
            "pages": len(pages),
            "letter": {
                "number": number,
                "of": len(found.letters),
                "pages": [piece.first, piece.last],
            },
        }
        own_scans = scans[piece.first - 1 : piece.last] if whole else ()
        output, own_files = _read(document, info, options, own_scans)
        files.extend((suffix + name, content) for name, content in own_files)
        name = f"{task.out_name}{suffix}.json"
        outcome = outcome_of(task.source, output, name, 0.0)
        pages_text = f"{piece.first}-{piece.last}" if piece.last > piece.first else str(piece.first)
        outcomes.append(dataclasses.replace(outcome, letter=number, file_pages=pages_text))
        listed.append({"letter": number, "pages": [piece.first, piece.last], "output": name,
                       "why": piece.why})  # fmt: skip
        for n, page_number in enumerate(piece.pages, start=1):
            page_letters[page_number - 1] = (task.out_name + suffix, n)
    left_out = [
        {"page": page.page, "why": page.why, "ocr": ocr_doc.pages[page.page - 1].to_dict()}
        for page in found.left_out
    ]
    manifest = {"source": source_info, "letters": listed, "left_out": left_out}
    files.append((LETTERS_SUFFIX, dumps(manifest)))
    seconds = time.perf_counter() - started
    outcomes = [dataclasses.replace(o, seconds=seconds / len(outcomes)) for o in outcomes]
    outcome = Outcome(
        task.source,
        Status.OK,
        output=f"{task.out_name}{LETTERS_SUFFIX}",
        pages=len(ocr_doc.pages),
        seconds=seconds,
        warnings=sum(o.warnings for o in outcomes),
        incomplete=any(o.incomplete for o in outcomes),
        letters=tuple(outcomes),
    )
    return Result(outcome, tuple(files), stamp, page_letters=tuple(page_letters))


def complete(item: Complete, options: RunOptions) -> Result | None:
    """The outputs a letter read before lacks, from its stored OCR and output: no OCR.

    Its pages are loaded and prepared again by the steps its stored OCR records, for the
    searchable PDF and the report's previews; None when one cannot be (the letter is then
    read again).
    """
    started = time.perf_counter()
    task = item.task
    assert task.out_stem is not None
    stem = task.out_stem
    try:
        output = json.loads(stem.with_name(stem.name + ".json").read_text(encoding="utf-8"))
        stored = json.loads(stem.with_name(stem.name + ".ocr.json").read_text(encoding="utf-8"))
        ocr_doc = OcrDocument.from_dict(stored)
        source_info = dict(output["source"])
        outcome = outcome_of(task.source, output, f"{task.out_name}.json", 0.0)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None  # its stored files are gone or damaged: read it again
    images = _pages_again(task, ocr_doc, options, pdf="pdf" in item.formats, previews=item.previews)
    if images is None:
        return None
    scans, previews = images
    files = format_files(output, ocr_doc, source_info, item.formats, scans)
    outcome = dataclasses.replace(outcome, seconds=time.perf_counter() - started)
    return Result(outcome, files, item.stamp, previews=previews, completes=True)


def recut(item: Recut, options: RunOptions) -> Result | None:
    """An input read before, cut into its letters as ``options`` say, from its stored OCR.

    Every letter is extracted again and all its files are written; the pages are loaded
    and prepared again only for a searchable PDF or the report's previews. None when the
    stored files are gone or damaged (the input is then read again).
    """
    started = time.perf_counter()
    task = item.task
    try:
        stored = _stored_reading(task, cut=item.cut)
    except (OSError, ValueError, KeyError, TypeError, AttributeError, IndexError):
        return None
    if stored is None:
        return None
    ocr_doc, fmt = stored
    pdf = "pdf" in options.formats
    images = _pages_again(task, ocr_doc, options, pdf=pdf, previews=options.report)
    if images is None:
        return None
    scans, previews = images
    result = letter(task, ocr_doc, item.stamp, fmt, options, started, scans)
    return dataclasses.replace(result, previews=previews)


def _stored_reading(task: Task, *, cut: bool) -> tuple[OcrDocument, str] | None:
    """An input's pages as stored, in its page order, and its format; None if incomplete.

    Cut into letters, its pages are its letters' (numbered from 1 in each: numbered
    back) and those of no letter that its list of letters keeps.
    """
    assert task.out_stem is not None
    stem = task.out_stem

    def load(suffix: str) -> Any:
        return json.loads(stem.with_name(stem.name + suffix).read_text(encoding="utf-8"))

    if not cut:
        return OcrDocument.from_dict(load(".ocr.json")), str(load(".json")["source"]["format"])
    listed = load(LETTERS_SUFFIX)
    pages: list[OcrPage] = []
    document: OcrDocument | None = None
    for entry in listed["letters"]:
        name = stem.with_name(Path(entry["output"]).name).with_suffix("")
        document = OcrDocument.from_dict(
            json.loads(name.with_name(name.name + ".ocr.json").read_text(encoding="utf-8"))
        )
        first = int(entry["pages"][0])
        pages.extend(_numbered(page, first - 1) for page in document.pages)
    for entry in listed.get("left_out", ()):
        page = OcrPage.from_dict(entry["ocr"])
        pages.append(dataclasses.replace(page, number=int(entry["page"])))
    pages.sort(key=lambda page: page.number)
    if document is None or [page.number for page in pages] != list(range(1, len(pages) + 1)):
        return None  # a page missing: read it again
    whole = dataclasses.replace(
        document,
        source=task.source,
        pages=tuple(pages),
        warnings=tuple(f"page {p.number}: {w}" for p in pages for w in p.warnings),
    )
    return whole, str(listed["source"]["format"])


def _pages_again(
    task: Task, ocr_doc: OcrDocument, options: RunOptions, *, pdf: bool, previews: bool
) -> tuple[tuple[PageScan, ...], tuple[bytes, ...]] | None:
    """An input's pages loaded and prepared again by its stored steps; None if one cannot be.

    For the searchable PDF (``pdf``) and the report's previews (``previews``).
    """
    if not (pdf or previews):
        return (), ()
    scans: list[PageScan] = []
    shots: list[bytes] = []
    kept = iter(ocr_doc.pages)
    for path in task.paths:  # page files joined: in page order
        document = open_document(path, options.ocr.load)
        for page in iter_pages(document, options.ocr.load):
            stored = next(kept, None)
            image = None if stored is None else replay(page, stored)
            if image is None or stored is None:
                return None
            if pdf:
                scans.append(pdf_output.page_scan(image, stored.dpi))
            if previews:
                shots.append(report_output.preview(image))
    if next(kept, None) is not None:
        return None  # fewer pages than stored: the input changed
    return tuple(scans), tuple(shots)


def _failed(task: Task, message: str, started: float) -> Result:
    return failed(task, message, time.perf_counter() - started, traceback.format_exc())


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


@dataclasses.dataclass(frozen=True, slots=True)
class _WarmingUp:
    """An engine that starts extraction's warm-up (:func:`extract.warm_up`) as it reads.

    The worker's own thread only waits on Tesseract then: the imports and models load in
    that wait, and do not contend with the page's preparation before it.
    """

    engine: OcrEngine
    ner: bool  # the NER model too (see extract.warm_up)

    @property
    def name(self) -> str:
        """The engine's name."""
        return self.engine.name

    @property
    def lang(self) -> str:
        """The engine's languages."""
        return self.engine.lang

    def recognize(self, image: Image.Image, *, dpi: int, block: bool = False) -> Recognition:
        """The engine's reading, the warm-up started."""
        warm_up(ner=self.ner)
        return self.engine.recognize(image, dpi=dpi, block=block)

    def detect_orientation(self, image: Image.Image, *, dpi: int) -> Orientation | None:
        """The engine's orientation, the warm-up started."""
        warm_up(ner=self.ner)
        return self.engine.detect_orientation(image, dpi=dpi)


def tesseract_engine(options: RunOptions) -> OcrEngine:
    """The production OCR engine: Tesseract, checked to be installed with its languages."""
    from ocr.tesseract import TesseractEngine

    engine = TesseractEngine(lang=options.lang, timeout=options.timeout)
    engine.check(orientation=options.ocr.orientation is not OrientationMode.OFF)
    return engine


def main(
    argv: Sequence[str] | None = None,
    make_engine: Callable[[RunOptions], OcrEngine] = tesseract_engine,
) -> int:
    """Run the ``pismo`` command; return the exit code (tests call this in-process).

    Args:
        argv: Arguments without the program name (default: ``sys.argv[1:]``).
        make_engine: Builds the OCR engine; tests pass a fake.
    """
    return cli.main(argv, make_engine=make_engine, work=work)


if __name__ == "__main__":
    sys.exit(main())
