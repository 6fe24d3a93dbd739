"""Typed OCR data shared by every stage: boxes, words, lines, pages, documents.

Everything after the OCR engine sees these frozen dataclasses, never a pytesseract dict,
a poppler XML tree or a PIL image. Coordinates are page pixels with a top-left origin
(the Tesseract/hOCR convention) in the frame of the *prepared* page: upright, deskewed and
resampled to ``OcrPage.dpi``. ``to_dict``/``from_dict`` are the only JSON edge.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PIL import Image


class PageSource(StrEnum):
    """Where a page's words came from."""

    OCR = "ocr"
    TEXT_LAYER = "text-layer"  # a born-digital PDF's own text, read with poppler
    HYBRID = "text-layer+ocr"  # text layer, plus OCR of image regions it does not cover
    TEXT = "text"  # a plain-text transcription with synthetic positions (ocr.plaintext)


@dataclass(frozen=True, slots=True)
class BBox:
    """Axis-aligned box in page pixels, top-left origin, right/bottom exclusive."""

    left: int
    top: int
    right: int
    bottom: int

    def __post_init__(self) -> None:
        if self.right < self.left or self.bottom < self.top:
            raise ValueError(f"degenerate bbox: {self}")

    @property
    def width(self) -> int:
        """Width in pixels."""
        return self.right - self.left

    @property
    def height(self) -> int:
        """Height in pixels."""
        return self.bottom - self.top

    def union(self, other: BBox) -> BBox:
        """Return the smallest box containing both boxes."""
        return BBox(
            min(self.left, other.left),
            min(self.top, other.top),
            max(self.right, other.right),
            max(self.bottom, other.bottom),
        )

    def overlap_share(self, other: BBox) -> float:
        """The share of this box's area that lies within ``other`` (0.0 to 1.0)."""
        width = min(self.right, other.right) - max(self.left, other.left)
        height = min(self.bottom, other.bottom) - max(self.top, other.top)
        if width <= 0 or height <= 0:
            return 0.0
        return width * height / max(1, self.width * self.height)

    @classmethod
    def enclosing(cls, boxes: Iterable[BBox]) -> BBox:
        """Return the smallest box containing all ``boxes`` (at least one).

        Raises:
            ValueError: If ``boxes`` is empty.
        """
        it = iter(boxes)
        try:
            result = next(it)
        except StopIteration:
            raise ValueError("enclosing() needs at least one box") from None
        for box in it:
            result = result.union(box)
        return result

    def shift(self, dx: int, dy: int) -> BBox:
        """The same box moved by ``dx`` pixels right and ``dy`` down."""
        return BBox(self.left + dx, self.top + dy, self.right + dx, self.bottom + dy)

    def to_list(self) -> list[int]:
        """Return ``[left, top, right, bottom]`` for JSON."""
        return [self.left, self.top, self.right, self.bottom]

    @classmethod
    def from_list(cls, values: Iterable[int]) -> BBox:
        """Build a box from ``[left, top, right, bottom]``."""
        left, top, right, bottom = (int(v) for v in values)
        return cls(left, top, right, bottom)


@dataclass(frozen=True, slots=True)
class OcrWord:
    """One recognised word."""

    text: str
    bbox: BBox
    confidence: float  # 0..1; Tesseract's 0..100 divided by 100; 1.0 for a PDF text layer


@dataclass(frozen=True, slots=True)
class OcrLine:
    """A line of words in reading order, with the layout block and paragraph it belongs to."""

    words: tuple[OcrWord, ...]
    bbox: BBox
    block: int  # Tesseract block_num (or poppler block index): stages reason about blocks
    paragraph: int = 0

    @property
    def text(self) -> str:
        """The words joined by single spaces."""
        return " ".join(word.text for word in self.words)

    @classmethod
    def from_words(cls, words: Iterable[OcrWord], *, block: int, paragraph: int = 0) -> OcrLine:
        """Build a line whose box encloses its words."""
        words = tuple(words)
        return cls(words, BBox.enclosing(w.bbox for w in words), block, paragraph)


class Ink(StrEnum):
    """The ink a stamp or a stroke is in, named as an archivist describes it."""

    RED = "red"  # red, pink and magenta stamp pads
    VIOLET = "violet"
    BLUE = "blue"  # blue stamp pads and ballpoint
    GREEN = "green"
    BLACK = "black"  # black or grey ink: a grey scan, a black stamp pad


@dataclass(frozen=True, slots=True)
class Stamp:
    """A stamp read on its own: its box, its ink and its lines (in page pixels).

    Stamps are kept apart from the letter's lines: they are pressed anywhere on the page
    (over the letterhead, across the signature) and are not part of its reading order.
    """

    bbox: BBox
    ink: Ink
    lines: tuple[OcrLine, ...]
    crossed_by: Ink | None = None  # the ink of strokes drawn across it (a signature)
    # Other readings of the stamp (other renderings of its ink), best first: a worn or
    # crossed stamp reads differently each time, and a name one reading mangles another
    # may read whole.
    alternatives: tuple[tuple[OcrLine, ...], ...] = ()

    @property
    def text(self) -> str:
        """The stamp's lines, one per line."""
        return "\n".join(line.text for line in self.lines)

    @property
    def confidence(self) -> float:
        """Character-weighted mean word confidence of the stamp's reading."""
        return mean_confidence(w for line in self.lines for w in line.words) or 0.0

    def to_dict(self) -> dict[str, Any]:
        """Serialise the stamp (a block of kind ``stamp`` in ``.ocr.json``)."""
        return {
            "kind": "stamp",
            "ink": self.ink.value,
            "bbox": self.bbox.to_list(),
            "text": self.text,
            "confidence": round(self.confidence, 4),
            "crossed_by": None if self.crossed_by is None else self.crossed_by.value,
            "lines": [_line_to_dict(line) for line in self.lines],
            "alternatives": [
                [_line_to_dict(line) for line in lines] for lines in self.alternatives
            ],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Stamp:
        """Inverse of :meth:`to_dict`."""
        return cls(
            BBox.from_list(data["bbox"]),
            Ink(data["ink"]),
            tuple(_line_from_dict(line) for line in data["lines"]),
            None if data.get("crossed_by") is None else Ink(data["crossed_by"]),
            tuple(
                tuple(_line_from_dict(line) for line in lines)
                for lines in data.get("alternatives", ())
            ),
        )


@dataclass(frozen=True, slots=True)
class Mark:
    """Coloured strokes that are no text: a signature, a paraph, a tick, a scribble."""

    bbox: BBox
    ink: Ink

    def to_dict(self) -> dict[str, Any]:
        """Serialise the mark (a block of kind ``mark`` in ``.ocr.json``)."""
        return {"kind": "mark", "ink": self.ink.value, "bbox": self.bbox.to_list()}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Mark:
        """Inverse of :meth:`to_dict`."""
        return cls(BBox.from_list(data["bbox"]), Ink(data["ink"]))


@dataclass(frozen=True, slots=True)
class Code:
    """A machine-readable code on a page: a scanner's patch code, a barcode or a QR code.

    ``kind`` is ``patch`` (Kodak patch code; ``text`` its name: ``T``, ``2``...) or the
    barcode's format (``QRCode``, ``Code128``...; ``text`` what it encodes).
    """

    kind: str
    text: str
    bbox: BBox

    def to_dict(self) -> dict[str, Any]:
        """Serialise the code (in a page's ``codes`` in ``.ocr.json``)."""
        return {"kind": self.kind, "text": self.text, "bbox": self.bbox.to_list()}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Code:
        """Inverse of :meth:`to_dict`."""
        return cls(str(data["kind"]), str(data["text"]), BBox.from_list(data["bbox"]))


@dataclass(frozen=True, slots=True)
class OcrPage:
    """One page: its geometry, how it was prepared, and its lines.

    ``rotation`` is the clockwise rotation in degrees applied to make the scan upright
    (0/90/180/270), ``skew`` the angle in degrees that deskewing removed (0.0 if none),
    ``preprocessing`` a human-readable record of every step applied, in order.
    """

    number: int  # 1-based
    width: int
    height: int
    dpi: int
    lines: tuple[OcrLine, ...] = ()
    source: PageSource = PageSource.OCR
    rotation: int = 0
    skew: float = 0.0
    source_dpi: float | None = None  # resolution of the input before resampling
    dpi_estimated: bool = False  # True when the file carried no credible resolution
    preprocessing: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    stamps: tuple[Stamp, ...] = ()  # read apart from ``lines``: not in the reading order
    marks: tuple[Mark, ...] = ()  # coloured strokes that read as no text (signatures)
    codes: tuple[Code, ...] = ()  # patch codes and barcodes, looked for on near-empty pages

    @property
    def words(self) -> tuple[OcrWord, ...]:
        """All words of the page in reading order."""
        return tuple(word for line in self.lines for word in line.words)

    @property
    def text(self) -> str:
        """The page text: one line per OCR line, a blank line between blocks."""
        parts: list[str] = []
        previous_block: int | None = None
        for line in self.lines:
            if previous_block is not None and line.block != previous_block:
                parts.append("")
            parts.append(line.text)
            previous_block = line.block
        return "\n".join(parts)

    @property
    def mean_confidence(self) -> float | None:
        """Character-weighted mean word confidence, or None for a page without words."""
        return mean_confidence(self.words)

    def to_dict(self, *, with_words: bool = True) -> dict[str, Any]:
        """Serialise the page; ``with_words=False`` gives only the metadata."""
        data: dict[str, Any] = {
            "number": self.number,
            "width": self.width,
            "height": self.height,
            "dpi": self.dpi,
            "source": self.source.value,
            "rotation": self.rotation,
            "skew": round(self.skew, 2),
            "source_dpi": None if self.source_dpi is None else round(self.source_dpi, 1),
            "dpi_estimated": self.dpi_estimated,
            "preprocessing": list(self.preprocessing),
            "mean_confidence": _round(self.mean_confidence),
            "warnings": list(self.warnings),
        }
        if with_words:
            data["lines"] = [_line_to_dict(line) for line in self.lines]
            data["stamps"] = [stamp.to_dict() for stamp in self.stamps]
            data["marks"] = [mark.to_dict() for mark in self.marks]
        if self.codes:  # only a separator sheet's: a letter's pages are not looked at
            data["codes"] = [code.to_dict() for code in self.codes]
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> OcrPage:
        """Inverse of :meth:`to_dict` (with words)."""
        return cls(
            number=int(data["number"]),
            width=int(data["width"]),
            height=int(data["height"]),
            dpi=int(data["dpi"]),
            lines=tuple(_line_from_dict(line) for line in data.get("lines", ())),
            source=PageSource(data.get("source", PageSource.OCR.value)),
            rotation=int(data.get("rotation", 0)),
            skew=float(data.get("skew", 0.0)),
            source_dpi=data.get("source_dpi"),
            dpi_estimated=bool(data.get("dpi_estimated", False)),
            preprocessing=tuple(data.get("preprocessing", ())),
            warnings=tuple(data.get("warnings", ())),
            stamps=tuple(Stamp.from_dict(stamp) for stamp in data.get("stamps", ())),
            marks=tuple(Mark.from_dict(mark) for mark in data.get("marks", ())),
            codes=tuple(Code.from_dict(code) for code in data.get("codes", ())),
        )


@dataclass(frozen=True, slots=True)
class OcrDocument:
    """All pages of one input file, with the engine that read them."""

    source: str  # the input path relative to the folder given; never absolute in output
    pages: tuple[OcrPage, ...]
    engine: str  # e.g. "tesseract 5.3.0"
    lang: str
    warnings: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        """The document text, pages separated by a form feed."""
        return "\f".join(page.text for page in self.pages)

    @property
    def text_with_stamps(self) -> str:
        """The text, then each page's stamps in a marked section (the ``.txt`` output)."""
        stamps = [
            f"[pieczęć, strona {page.number}, {stamp.ink.value}]\n{stamp.text}"
            for page in self.pages
            for stamp in page.stamps
        ]
        return "\n\n".join([self.text, *stamps]) if stamps else self.text

    @property
    def mean_confidence(self) -> float | None:
        """Character-weighted mean word confidence over all pages."""
        return mean_confidence(w for page in self.pages for w in page.words)

    def to_dict(self) -> dict[str, Any]:
        """Serialise the document with every word (the stored ``.ocr.json``)."""
        return {
            "source": self.source,
            "engine": self.engine,
            "lang": self.lang,
            "warnings": list(self.warnings),
            "pages": [page.to_dict() for page in self.pages],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> OcrDocument:
        """Inverse of :meth:`to_dict`."""
        return cls(
            source=str(data["source"]),
            pages=tuple(OcrPage.from_dict(page) for page in data["pages"]),
            engine=str(data.get("engine", "unknown")),
            lang=str(data.get("lang", "pol")),
            warnings=tuple(data.get("warnings", ())),
        )


@dataclass(frozen=True, slots=True)
class Recognition:
    """Lines read from one page image, and warnings for known harmless failures."""

    lines: tuple[OcrLine, ...]
    warnings: tuple[str, ...] = ()

    @property
    def mean_confidence(self) -> float:
        """Character-weighted mean word confidence of the reading; 0.0 with no words."""
        return mean_confidence(w for line in self.lines for w in line.words) or 0.0


@dataclass(frozen=True, slots=True)
class Orientation:
    """OSD result: clockwise degrees that make the page upright, and its confidence."""

    rotate: int
    confidence: float


@dataclass(frozen=True, slots=True)
class PageImage:
    """A page raster on its way from the loader through preprocessing to the engine.

    ``image`` is a PIL image (mode "L" once preprocessing has run). The other fields are
    the page's provenance and end up in :class:`OcrPage`.
    """

    number: int  # 1-based
    image: Image.Image
    dpi: int
    source_dpi: float | None = None
    dpi_estimated: bool = False
    # A PDF page's pixels per inch of its nominal page size: the scale of its text layer,
    # which differs from ``dpi`` when the page size is no letter's (a 72-dpi default).
    pdf_dpi: float | None = None
    rotation: int = 0
    skew: float = 0.0
    steps: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    osd_asked: bool = False  # orientation detection already ran (whatever it answered)
    # The page in RGB, turned and resampled with ``image``, when it carries coloured ink
    # (stamps, signatures); None for grey pages and colour scans of black print.
    colour: Image.Image | None = None

    def to_page(
        self,
        lines: tuple[OcrLine, ...],
        *,
        source: PageSource = PageSource.OCR,
        warnings: tuple[str, ...] = (),
        stamps: tuple[Stamp, ...] = (),
        marks: tuple[Mark, ...] = (),
        codes: tuple[Code, ...] = (),
    ) -> OcrPage:
        """Combine this image's provenance with recognised ``lines`` into an :class:`OcrPage`."""
        return OcrPage(
            number=self.number,
            width=self.image.width,
            height=self.image.height,
            dpi=self.dpi,
            lines=lines,
            source=source,
            rotation=self.rotation,
            skew=self.skew,
            source_dpi=self.source_dpi,
            dpi_estimated=self.dpi_estimated,
            preprocessing=self.steps,
            warnings=self.warnings + warnings,
            stamps=stamps,
            marks=marks,
            codes=codes,
        )


def reading_position(
    lines: Sequence[OcrLine], line: OcrLine, among: Callable[[OcrLine], bool] = lambda _: True
) -> int:
    """Where ``line`` goes in ``lines``' reading order: before the first lower line.

    Args:
        lines: Lines in reading order.
        line: A line read apart (a region, the print under a stamp).
        among: Which of ``lines`` count (others may be passed over: lines read apart).
    """
    return next(
        (i for i, other in enumerate(lines) if other.bbox.top > line.bbox.top and among(other)),
        len(lines),
    )


def moved_lines(
    lines: Iterable[OcrLine],
    dx: int,
    dy: int,
    *,
    keep: Callable[[OcrWord], bool],
    scale: int = 1,
    block: int | None = None,
) -> tuple[OcrLine, ...]:
    """Lines read from a crop, moved into the page's pixels.

    Args:
        lines: Lines in the crop's pixels.
        dx: The crop's left edge on the page.
        dy: The crop's top edge on the page.
        keep: Which words stay (the others, and lines left without words, are dropped).
        scale: How many times the crop was enlarged before it was read.
        block: The block number the lines get (default: their own).
    """
    moved: list[OcrLine] = []
    for line in lines:
        words = [
            OcrWord(
                w.text,
                BBox(
                    w.bbox.left // scale + dx,
                    w.bbox.top // scale + dy,
                    w.bbox.right // scale + dx,
                    w.bbox.bottom // scale + dy,
                ),
                w.confidence,
            )
            for w in line.words
            if keep(w)
        ]
        if words:
            number = line.block if block is None else block
            moved.append(OcrLine.from_words(words, block=number, paragraph=line.paragraph))
    return tuple(moved)


def mean_confidence(words: Iterable[OcrWord]) -> float | None:
    """Character-weighted mean confidence of ``words``, or None when there are none."""
    total = 0.0
    weight = 0
    for word in words:
        total += word.confidence * len(word.text)
        weight += len(word.text)
    return total / weight if weight else None


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _line_to_dict(line: OcrLine) -> dict[str, Any]:
    return {
        "bbox": line.bbox.to_list(),
        "block": line.block,
        "paragraph": line.paragraph,
        "words": [
            {"text": w.text, "bbox": w.bbox.to_list(), "confidence": round(w.confidence, 4)}
            for w in line.words
        ],
    }


def _line_from_dict(data: Mapping[str, Any]) -> OcrLine:
    words = tuple(
        OcrWord(str(w["text"]), BBox.from_list(w["bbox"]), float(w["confidence"]))
        for w in data["words"]
    )
    return OcrLine(
        words, BBox.from_list(data["bbox"]), int(data["block"]), int(data.get("paragraph", 0))
    )
