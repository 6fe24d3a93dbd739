"""Stamps found on a page and read on their own: name stamps, header and registry stamps.

Where stamps are looked for:

* on a colour page, every patch of coloured ink (:mod:`ocr.ink`): a stamp pad's red,
  violet or blue, with the ballpoint signature across it;
* on a grey page, ink the page's OCR did not read as confident words, of the size of a
  stamp (a name stamp with a signature over it reads as nothing or as junk in the page's
  reading, and is there to be found).

Each region is cropped and read as one block of text (``--psm 6``) in several renderings
(:mod:`ocr.ink`: the stamp's ink by a colour threshold, by the strength of its colour with
the gaps a signature cuts closed, and with a pen of its own hue taken off; on a grey page
the crop as it is and with the darker pen taken off), each at two enlargements; a sure
reading stops there. The best reading (most confident letters) is the stamp; the next few
of other text are kept as its ``alternatives`` for the fields to choose from. A region whose
reading is no text (a scribble, a logo) is a mark; coloured *print* (a coloured letterhead
the page's OCR already read word for word) is dropped. The page's own lines inside a stamp
are taken out of the reading order (they were the stamp misread), and black print a
coloured stamp was pressed over is read again with the stamp's ink removed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import regex
from PIL import Image

from ocr import ink, preprocess
from ocr.errors import OcrTimeoutError
from ocr.types import (
    BBox,
    Ink,
    Mark,
    OcrLine,
    OcrWord,
    PageImage,
    Recognition,
    Stamp,
    moved_lines,
    reading_position,
)

# Reads a crop as one block of text: the OCR engine's ``recognize(..., block=True)``.
BlockReader = Callable[[Image.Image, int], Recognition]

MAX_REGIONS = 6  # per page: a letter carries two or three stamps; the rest is drawings
# Stamp letters are small and worn: a 300-dpi page is read enlarged twice; a 400-dpi page
# (a low-resolution scan already upscaled) gains nothing from more.
READ_DPI = 550
MAX_SCALE = 3
MAX_INKS = 2  # a stamp and the signature across it
# A stamp is read in a few renderings and at two enlargements; the best reading is the
# stamp, the next few (of other text) are kept for the fields to check against names.
MAX_ALTERNATIVES = 3
CLEAR_CONFIDENCE = 0.88  # a reading this sure is not read again (a clean stamp costs one read)
MARGIN_PX = 12  # around a region, so letters cut by the ink grid are whole
# A stamp's words under a signature read at 0.3-0.5 and are kept (the fields check them
# against names and titles); below this a "word" is a stroke of the signature.
MIN_WORD_CONFIDENCE = 0.25
MIN_STAMP_CONFIDENCE = 0.6  # a stamp needs one word of three letters at least this sure
COVERED_CONFIDENCE = 0.6  # page words this sure explain their ink (grey pages)
PRINTED_SHARE = 0.7  # of a coloured region's words the page's OCR read already: print
PRINT_BANDS = (0.2, 0.88)  # of the page height: letterhead above, footer below
INSIDE_SHARE = 0.6  # of a page line's box inside a stamp: the line is the stamp misread
OVERLAP_SHARE = 0.3  # of a line re-read under a stamp that a kept page line covers: the same
# A stamp on a grey page: bigger than a word, smaller than a paragraph (in inches).
GREY_STAMP_IN = ((0.8, 0.25), (4.5, 2.0))
# ... and below the letterhead: a logo there is ink no word explains, and where a grey
# page's stamps matter (the signature) is lower down.
GREY_STAMP_TOP = 0.3
_WORD = regex.compile(r"\p{L}{3,}")


@dataclass(frozen=True, slots=True)
class _Region:
    bbox: BBox
    inks: tuple[Ink, ...]  # coloured inks in it, most first; () on a grey page


@dataclass(frozen=True, slots=True)
class StampsRead:
    """The stamps of a page, and the page's lines without those that were stamp text."""

    stamps: tuple[Stamp, ...]
    lines: tuple[OcrLine, ...]
    marks: tuple[Mark, ...] = ()  # coloured regions that read as no text: signatures
    warnings: tuple[str, ...] = ()


def read_stamps(page: PageImage, lines: tuple[OcrLine, ...], read: BlockReader) -> StampsRead:
    """Find and read the stamps of a prepared page, given the lines its OCR read.

    Args:
        page: The page as OCR saw it (``colour`` set when it has coloured ink).
        lines: The page's lines from OCR, in the page's pixels.
        read: Reads an image crop as one block at a given resolution.
    """
    regions = _colour_regions(page) if page.colour is not None else _grey_regions(page, lines)
    stamps: list[Stamp] = []
    marks: list[Mark] = []
    warnings: list[str] = []
    for region in regions[:MAX_REGIONS]:
        try:
            stamp = _read_region(page, region, read)
        except OcrTimeoutError as e:
            warnings.append(f"stamp at {region.bbox.to_list()}: {e}")
            continue
        if stamp is None and region.inks:
            marks.append(Mark(region.bbox, region.inks[0]))  # coloured, and no text
        if stamp is None or (region.inks and _printed(stamp, lines, page.image.height)):
            continue
        stamps.append(stamp)
    # Per stamp, which of the page's lines lie inside its box: the stamp misread, dropped.
    inside = [[_inside(line.bbox, s.bbox) for line in lines] for s in stamps]
    kept = [line for i, line in enumerate(lines) if not any(flags[i] for flags in inside)]
    block = max((line.block for line in lines), default=0) + 1
    for stamp, flags in zip(stamps, inside, strict=True):
        if page.colour is None or not any(flags):
            continue  # nothing of the page's reading was dropped under it
        try:
            under = _print_under(page, stamp, read, block)
            block += 1
        except OcrTimeoutError as e:
            warnings.append(f"print under the stamp at {stamp.bbox.to_list()}: {e}")
            continue
        for line in under:
            if any(_overlaps(line.bbox, other.bbox) for other in kept):
                continue  # a page line half in the stamp's box, kept already
            kept.insert(reading_position(kept, line), line)
    return StampsRead(tuple(stamps), tuple(kept), tuple(marks), tuple(warnings))


def _print_under(
    page: PageImage, stamp: Stamp, read: BlockReader, block: int
) -> tuple[OcrLine, ...]:
    """The black print a coloured stamp was pressed over, read with the stamp's ink removed.

    The page's OCR read stamp and print together as one muddle (and its lines in the
    stamp's box were dropped as the stamp misread); a name printed under a name stamp is
    still the likeliest-right name on the page. On a grey page the two cannot be told.
    The lines read get a block number of their own (``block``).
    """
    assert page.colour is not None
    box = _grown(stamp.bbox, MARGIN_PX, page.image.size)
    crop_box = (box.left, box.top, box.right, box.bottom)
    image = ink.without_colour(page.image.crop(crop_box), page.colour.crop(crop_box))
    found = read(image, page.dpi).lines
    lines = moved_lines(found, box.left, box.top, keep=_print_word, block=block)
    return tuple(line for line in lines if _legible((line,)))


def _print_word(word: OcrWord) -> bool:
    return word.confidence >= COVERED_CONFIDENCE and bool(regex.search(r"[\p{L}\d]", word.text))


def _colour_regions(page: PageImage) -> list[_Region]:
    assert page.colour is not None
    found = [_Region(r.bbox, r.inks) for r in ink.regions(page.colour)]
    return sorted(found, key=lambda r: -(r.bbox.width * r.bbox.height))


def _grey_regions(page: PageImage, lines: Sequence[OcrLine]) -> list[_Region]:
    covered = [w.bbox for line in lines for w in line.words if w.confidence >= COVERED_CONFIDENCE]
    (min_w, min_h), (max_w, max_h) = ((w * page.dpi, h * page.dpi) for w, h in GREY_STAMP_IN)
    found = [
        _Region(box, ())
        for box in preprocess.uncovered_ink(page.image, covered).regions
        if min_w <= box.width <= max_w
        and min_h <= box.height <= max_h
        and box.top >= GREY_STAMP_TOP * page.image.height
    ]
    return sorted(found, key=lambda r: -(r.bbox.width * r.bbox.height))


def _read_region(page: PageImage, region: _Region, read: BlockReader) -> Stamp | None:
    ranked = sorted(_readings(page, region, read), key=lambda r: r.score, reverse=True)
    if not ranked:
        return None
    best = ranked[0]
    alternatives: list[tuple[OcrLine, ...]] = []
    seen = {_text(best.lines)}
    for other in ranked[1:]:
        if len(alternatives) == MAX_ALTERNATIVES:
            break
        if _text(other.lines) not in seen:
            seen.add(_text(other.lines))
            alternatives.append(other.lines)
    crossed_by = next((i for i in region.inks if i is not best.ink), None)
    bbox = BBox.enclosing(line.bbox for line in best.lines)
    return Stamp(bbox, best.ink, best.lines, crossed_by, tuple(alternatives))


def _readings(page: PageImage, region: _Region, read: BlockReader) -> list[_Reading]:
    """The legible readings of a region, in the most plentiful of its inks that has any."""
    box = _grown(region.bbox, MARGIN_PX, page.image.size)
    scale = max(1, min(MAX_SCALE, round(READ_DPI / page.dpi)))
    for stamp_ink in region.inks[:MAX_INKS] or (Ink.BLACK,):
        found: list[_Reading] = []
        for image in _renderings(page, stamp_ink, box):
            for factor in sorted({scale, min(MAX_SCALE, scale + 1)}):
                lines, sureness = _read_at(image, factor, page.dpi, box, read)
                if _legible(lines):
                    found.append(_Reading(stamp_ink, lines))
                    if sureness >= CLEAR_CONFIDENCE:
                        return found
        if found:
            return found  # the most plentiful ink read as a stamp: the other is the signature
    return []


@dataclass(frozen=True, slots=True)
class _Reading:
    ink: Ink
    lines: tuple[OcrLine, ...]

    @property
    def score(self) -> float:
        return _score(self.lines)


def _read_at(
    image: Image.Image, scale: int, dpi: int, box: BBox, read: BlockReader
) -> tuple[tuple[OcrLine, ...], float]:
    """One rendering of a stamp read enlarged ``scale`` times, in page pixels.

    Returns:
        The stamp's words (strokes read as letters left out), and how sure the whole
        reading was: a reading whose doubtful half was dropped is not a clear one.
    """
    if scale > 1:
        image = image.resize((image.width * scale, image.height * scale), Image.Resampling.LANCZOS)
    found = read(image, dpi * scale)
    moved = moved_lines(found.lines, box.left, box.top, keep=_stamp_word, scale=scale)
    return moved, found.mean_confidence


def _renderings(page: PageImage, stamp_ink: Ink, box: BBox) -> Iterable[Image.Image]:
    """The crop as the engine should see it when the stamp is in ``stamp_ink``.

    A colour stamp: its ink's layer, each way it may read (:func:`ink.renderings`). On a
    grey page, with a pen's black over a pad's grey, the crop without the pen first (a
    reading of the letters the pen left whole can be sure and end the search), then the
    crop as it is.
    """
    crop_box = (box.left, box.top, box.right, box.bottom)
    if page.colour is None or stamp_ink is Ink.BLACK:
        grey = page.image.crop(crop_box)
        mended = ink.mended_grey(grey)  # a grey stamp under a black signature
        if mended is not None:
            yield mended
        yield grey
        return
    yield from ink.renderings(page.colour.crop(crop_box), stamp_ink)


def _text(lines: Sequence[OcrLine]) -> str:
    return "\n".join(line.text for line in lines)


def _stamp_word(word: OcrWord) -> bool:
    return word.confidence >= MIN_WORD_CONFIDENCE and bool(regex.search(r"[\p{L}\d]", word.text))


def _score(lines: Sequence[OcrLine]) -> float:
    """Confident letters read: what makes one rendering of a stamp better than another."""
    return sum(
        w.confidence * len(regex.findall(r"\p{L}", w.text)) for line in lines for w in line.words
    )


def _legible(lines: Sequence[OcrLine]) -> bool:
    return any(
        w.confidence >= MIN_STAMP_CONFIDENCE and _WORD.search(w.text)
        for line in lines
        for w in line.words
    )


def _printed(stamp: Stamp, lines: Sequence[OcrLine], height: int) -> bool:
    """Whether it is coloured print: a line, or a letterhead or footer, the page's OCR read.

    A clean name stamp of a few lines in the body reads as well as print does, and is
    still a stamp; a coloured link in a paragraph is one line, a letterhead stands at the
    top and a footer at the bottom.
    """
    middle = (
        PRINT_BANDS[0] * height <= stamp.bbox.top and stamp.bbox.bottom <= PRINT_BANDS[1] * height
    )
    if len(stamp.lines) > 1 and middle:
        return False
    words = [_key(w.text) for line in stamp.lines for w in line.words if _WORD.search(w.text)]
    if not words:
        return False
    page_words = {
        _key(w.text)
        for line in lines
        for w in line.words
        if w.confidence >= 0.75 and _inside(w.bbox, stamp.bbox)
    }
    return sum(word in page_words for word in words) >= PRINTED_SHARE * len(words)


def _key(text: str) -> str:
    return regex.sub(r"[^\p{L}\d]", "", text).casefold()


def _inside(box: BBox, outer: BBox) -> bool:
    """Whether most of ``box`` lies within ``outer``."""
    return box.overlap_share(outer) >= INSIDE_SHARE


def _overlaps(box: BBox, other: BBox) -> bool:
    return box.overlap_share(other) >= OVERLAP_SHARE


def _grown(box: BBox, margin: int, size: tuple[int, int]) -> BBox:
    return BBox(
        max(0, box.left - margin),
        max(0, box.top - margin),
        min(size[0], box.right + margin),
        min(size[1], box.bottom + margin),
    )
