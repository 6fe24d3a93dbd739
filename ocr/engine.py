"""From an input file to an :class:`OcrDocument`: the page flow around the OCR engine.

For each page, one at a time: load, prepare (grayscale, resolution, orientation, deskew),
recognise, repair. Born-digital PDF pages are read from their text layer, and only the
parts of the page the layer does not explain (signature images, pasted stamps) are OCR'd.

Orientation is decided cheaply first: a page whose text lines run vertically is sent to
Tesseract OSD before OCR; an upright-looking page is OCR'd directly and only sent to OSD if
the result is garbage (upside-down text reads with a mean confidence near 0.2, upright
text above 0.6), which spares the OSD call (as long as an OCR call) on almost every page.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

import regex
from PIL import Image

from ocr import barcodes, ink, patchcodes, pdftext, preprocess, stamps
from ocr.errors import OcrTimeoutError
from ocr.load import InputDocument, InputFormat, LoadOptions, iter_pages
from ocr.repair import repair_lines
from ocr.types import (
    BBox,
    Code,
    OcrDocument,
    OcrLine,
    OcrPage,
    OcrWord,
    PageImage,
    PageSource,
    Stamp,
    moved_lines,
    reading_position,
)

# Re-exported (explicitly, as ``X as X``): the engine interface's types.
from ocr.types import Orientation as Orientation
from ocr.types import Recognition as Recognition

log = logging.getLogger(__name__)

# Below this mean word confidence an "upright" page is checked with OSD.
SUSPECT_CONFIDENCE = 0.5
MIN_OSD_CONFIDENCE = 2.0  # Tesseract's orientation confidence; clean pages give 10-20
# OCR'd words inside image regions of a born-digital page below this confidence are logo
# and signature-scribble noise, not text.
MIN_REGION_WORD_CONFIDENCE = 0.4
# A text layer stands for the page when at most this share of the ink lies outside its
# words: 0.14 on a born-digital letter with an e-signature image, over 0.9 on a scan with
# an added footer line.
MAX_UNCOVERED_INK_SHARE = 0.5
# A page of fewer words than this is looked at for a separator sheet's code (a patch
# code, a barcode, a QR code); a letter's page, with its hundreds of words, costs nothing.
CODE_PAGE_WORDS = 40
REGION_BLOCK_BASE = 1000  # block numbers of OCR'd regions, apart from the layer's blocks


class OcrMode(StrEnum):
    """When to OCR a PDF page that has its own text."""

    AUTO = "auto"  # text layer where it covers the page, OCR for the rest
    ALWAYS = "always"  # ignore text layers


class OrientationMode(StrEnum):
    """How page orientation is decided."""

    AUTO = "auto"  # OSD only for pages that look sideways or read as garbage
    OSD = "osd"  # OSD on every page
    OFF = "off"


class OcrEngine(Protocol):
    """What pismo needs of an OCR engine; Tesseract is one, tests use fakes."""

    @property
    def name(self) -> str:
        """Engine name and version, e.g. ``tesseract 5.3.0``."""
        ...

    @property
    def lang(self) -> str:
        """The language(s) the engine reads, e.g. ``pol`` or ``pol+eng``."""
        ...

    def recognize(self, image: Image.Image, *, dpi: int, block: bool = False) -> Recognition:
        """Read a prepared page image into lines (``block``: as one block, e.g. a stamp)."""
        ...

    def detect_orientation(self, image: Image.Image, *, dpi: int) -> Orientation | None:
        """Return the rotation that makes the page upright, or None if undecidable."""
        ...


@dataclass(frozen=True, slots=True)
class OcrOptions:
    """Everything that changes what the OCR half produces (part of the resume key later)."""

    ocr_mode: OcrMode = OcrMode.AUTO
    orientation: OrientationMode = OrientationMode.AUTO
    deskew: bool = True
    clean: bool = False
    target_dpi: int = preprocess.TARGET_DPI  # resolution pages are resampled to when needed
    low_res_target_dpi: int = preprocess.LOW_RES_TARGET_DPI  # ... and very low-res pages
    load: LoadOptions = LoadOptions()


# Called with each page's number and the image OCR read (upright, deskewed; the words'
# boxes are in its pixels) and its resolution: for outputs that show the page (PDF, report).
PageKeeper = Callable[[int, "Image.Image", int], None]


def read_document(
    document: InputDocument,
    engine: OcrEngine,
    options: OcrOptions,
    *,
    source: str,
    keep: PageKeeper | None = None,
) -> OcrDocument:
    """Read every page of an opened input into an :class:`OcrDocument`."""
    pages = tuple(iter_ocr_pages(document, engine, options, keep=keep))
    return assemble(pages, engine, source=source)


def assemble(pages: Sequence[OcrPage], engine: OcrEngine, *, source: str) -> OcrDocument:
    """The document of pages read (in page order; read together or in parts)."""
    warnings = tuple(f"page {p.number}: {w}" for p in pages for w in p.warnings)
    return OcrDocument(
        source=source, pages=tuple(pages), engine=engine.name, lang=engine.lang, warnings=warnings
    )


def iter_ocr_pages(
    document: InputDocument,
    engine: OcrEngine,
    options: OcrOptions,
    pages: range | None = None,
    *,
    keep: PageKeeper | None = None,
) -> Iterator[OcrPage]:
    """Yield the document's pages (``pages``: numbers, default all) read one at a time.

    One page raster is in memory at a time, whatever the document's length; ``keep``
    sees each page's image before it goes.
    """
    for page in iter_pages(document, options.load, pages):
        if document.format is InputFormat.PDF and options.ocr_mode is OcrMode.AUTO:
            layer_dpi = page.pdf_dpi or page.dpi  # the text layer on the page's own pixels
            layer = pdftext.read_text_layer(document.path, page.number, dpi=layer_dpi)
            if layer.has_text:
                page = dataclasses.replace(page, image=preprocess.to_grayscale(page.image))
                # A born-digital letter leaves only pictures outside its words (logo,
                # e-signature box); a scan whose PDF got a software footer leaves nearly all.
                ink = preprocess.uncovered_ink(page.image, layer.boxes)
                if ink.share <= MAX_UNCOVERED_INK_SHARE:
                    yield read_layer_page(page, layer, engine, regions=ink.regions, keep=keep)
                    continue
                note = "text layer covers only part of the page (a scan with added text?): OCR'd"
                page = dataclasses.replace(page, warnings=(*page.warnings, note))
        yield read_image_page(page, engine, options, keep=keep)


def read_image_page(
    page: PageImage, engine: OcrEngine, options: OcrOptions, *, keep: PageKeeper | None = None
) -> OcrPage:
    """Prepare and OCR a scanned page, fixing its orientation if it reads as garbage."""
    prepared = _read_image_page(page, engine, options)
    if keep is not None:
        keep(prepared[0].number, prepared[0].image, prepared[0].dpi)
    return prepared[1]


def _read_image_page(
    page: PageImage, engine: OcrEngine, options: OcrOptions
) -> tuple[PageImage, OcrPage]:
    prepared = prepare(page, engine, options)
    try:
        result = engine.recognize(prepared.image, dpi=prepared.dpi)
    except OcrTimeoutError as e:
        return prepared, prepared.to_page((), warnings=(f"{e}; page left empty",))
    if options.orientation is OrientationMode.AUTO and not prepared.osd_asked and _suspect(result):
        prepared, result = _retry_rotated(prepared, result, engine, options)
    warnings = result.warnings
    if not result.lines and not warnings:
        warnings = ("no text found (blank page, or nothing legible)",)
    found = stamps.read_stamps(prepared, repair_lines(result.lines), _block_reader(engine))
    page_image = dataclasses.replace(prepared, colour=None)  # the RGB copy is not kept
    return page_image, page_image.to_page(
        found.lines,
        warnings=warnings + found.warnings,
        stamps=_repaired(found.stamps),
        marks=found.marks,
        codes=_codes(prepared) if _near_empty(result) else (),
    )


def _near_empty(result: Recognition) -> bool:
    return sum(len(line.words) for line in result.lines) < CODE_PAGE_WORDS


def _codes(page: PageImage) -> tuple[Code, ...]:
    """A near-empty page's patch code and barcodes: is it a separator sheet?"""
    patch = patchcodes.find_patch(page.image, page.dpi)
    return (() if patch is None else (patch,)) + barcodes.find_codes(page.image, page.dpi)


def _block_reader(engine: OcrEngine) -> stamps.BlockReader:
    def read(image: Image.Image, dpi: int) -> Recognition:
        return engine.recognize(image, dpi=dpi, block=True)

    return read


def _repaired(found: tuple[Stamp, ...]) -> tuple[Stamp, ...]:
    return tuple(dataclasses.replace(s, lines=repair_lines(s.lines)) for s in found)


def prepare(page: PageImage, engine: OcrEngine, options: OcrOptions) -> PageImage:
    """Grayscale, resolution, orientation and deskew, each recorded on the page.

    A page with coloured ink keeps an RGB copy in ``colour`` that goes through the same
    steps, so stamps found in it sit where the grey page's words do.
    """
    page = dataclasses.replace(
        page, image=preprocess.to_grayscale(page.image), colour=ink.colour_image(page.image)
    )
    page = preprocess.resample(
        page, target_dpi=options.target_dpi, low_res_target_dpi=options.low_res_target_dpi
    )
    if options.clean:
        page = dataclasses.replace(
            page, image=preprocess.clean(page.image), steps=(*page.steps, "clean background")
        )
    skew = preprocess.estimate_skew(page.image) if options.deskew else None
    wants_osd = options.orientation is OrientationMode.OSD or (
        options.orientation is OrientationMode.AUTO and skew is not None and skew.sideways
    )
    if wants_osd:
        page = _orient(page, engine)
        skew = preprocess.estimate_skew(page.image) if options.deskew and page.rotation else skew
    return page if skew is None else _deskew(page, skew)


_RESAMPLED = regex.compile(r"resample (\d+)->(\d+) dpi")
_ROTATED = regex.compile(r"rotate (\d+) deg")
_DESKEWED = regex.compile(r"deskew ([+-]?[\d.]+) deg")


def replay(page: PageImage, stored: OcrPage) -> Image.Image | None:
    """The page image a stored reading was made from, prepared again without OCR.

    The loaded ``page`` goes through the steps ``stored`` records (resampling, cleaning,
    rotation, deskewing) in order, as :func:`prepare` took them; the loader's own steps
    ("square pixels") are already in ``page``. For the searchable PDF and the report's
    previews of a letter read in an earlier run. None when a step cannot be replayed or
    the result is not the stored page's size: the caller reads the page again.
    """
    image = preprocess.to_grayscale(page.image)
    if stored.source is not PageSource.OCR:
        return image if image.size == (stored.width, stored.height) else None
    loader_steps = len(page.steps)
    if tuple(stored.preprocessing[:loader_steps]) != page.steps:
        return None  # loaded otherwise than when it was read
    for step in stored.preprocessing[loader_steps:]:
        if resampled := _RESAMPLED.fullmatch(step):
            factor = int(resampled[2]) / int(resampled[1])
            size = (max(1, round(image.width * factor)), max(1, round(image.height * factor)))
            image = image.resize(size, Image.Resampling.LANCZOS)
        elif step == "clean background":
            image = preprocess.clean(image)
        elif rotated := _ROTATED.match(step):
            image = preprocess.rotate(image, int(rotated[1]))
        elif deskewed := _DESKEWED.fullmatch(step):
            image = preprocess.deskew(image, float(deskewed[1]))
        else:
            return None
    return image if image.size == (stored.width, stored.height) else None


def _deskew(page: PageImage, skew: preprocess.SkewEstimate) -> PageImage:
    if skew.sideways or abs(skew.angle) <= preprocess.SKEW_THRESHOLD_DEG:
        return page
    return dataclasses.replace(
        page,
        image=preprocess.deskew(page.image, skew.angle),
        colour=None if page.colour is None else preprocess.deskew(page.colour, skew.angle),
        skew=skew.angle,
        steps=(*page.steps, f"deskew {skew.angle:+.2f} deg"),
    )


def read_layer_page(
    page: PageImage,
    layer: pdftext.TextLayer,
    engine: OcrEngine,
    *,
    regions: Sequence[BBox] | None = None,
    keep: PageKeeper | None = None,
) -> OcrPage:
    """Build a page from a PDF text layer, OCR'ing image regions the layer leaves out.

    Args:
        page: The rendered page.
        layer: Its text layer.
        engine: OCR for the image regions.
        regions: Those regions when the caller has measured them already.
        keep: Sees the rendered page (see :data:`PageKeeper`).
    """
    image = preprocess.to_grayscale(page.image)
    if keep is not None:
        keep(page.number, image, page.dpi)
    if regions is None:
        regions = preprocess.uncovered_ink(image, layer.boxes).regions
    region_lines: list[OcrLine] = []
    warnings: list[str] = []
    for index, region in enumerate(regions):
        crop = image.crop((region.left, region.top, region.right, region.bottom))
        try:
            result = engine.recognize(crop, dpi=page.dpi)
        except OcrTimeoutError as e:
            warnings.append(f"image region {region.to_list()}: {e}")
            continue
        region_lines.extend(
            moved_lines(
                repair_lines(result.lines),
                region.left,
                region.top,
                keep=_sure_enough,
                block=REGION_BLOCK_BASE + index,
            )
        )
    lines = _merge_by_position(layer.lines, tuple(region_lines))
    source = PageSource.HYBRID if region_lines else PageSource.TEXT_LAYER
    steps = ("text layer",) + (
        (f"ocr of {len({line.block for line in region_lines})} image region(s)",)
        if region_lines
        else ()
    )
    prepared = dataclasses.replace(page, image=image, steps=steps)
    return prepared.to_page(lines, source=source, warnings=tuple(warnings))


def _suspect(result: Recognition) -> bool:
    if sum(len(line.words) for line in result.lines) < 5:
        return False  # a near-empty page: nothing OSD could decide either
    return result.mean_confidence < SUSPECT_CONFIDENCE


def _orient(page: PageImage, engine: OcrEngine) -> PageImage:
    page = dataclasses.replace(page, osd_asked=True)
    try:
        found = engine.detect_orientation(page.image, dpi=page.dpi)
    except OcrTimeoutError as e:
        note = f"orientation detection: {e}; page left as scanned"
        return dataclasses.replace(page, warnings=(*page.warnings, note))
    if found is None or found.rotate % 360 == 0 or found.confidence < MIN_OSD_CONFIDENCE:
        return page
    return dataclasses.replace(
        page,
        image=preprocess.rotate(page.image, found.rotate),
        colour=None if page.colour is None else preprocess.rotate(page.colour, found.rotate),
        rotation=found.rotate % 360,
        steps=(
            *page.steps,
            f"rotate {found.rotate % 360} deg (osd confidence {found.confidence:.1f})",
        ),
    )


def _retry_rotated(
    page: PageImage, result: Recognition, engine: OcrEngine, options: OcrOptions
) -> tuple[PageImage, Recognition]:
    """OSD a page that read as garbage; keep the rotated reading if it is better."""
    rotated = _orient(page, engine)
    if rotated.rotation == 0:
        return page, result
    if options.deskew:
        rotated = _deskew(rotated, preprocess.estimate_skew(rotated.image))
    try:
        second = engine.recognize(rotated.image, dpi=rotated.dpi)
    except OcrTimeoutError as e:
        note = f"{e} on the page turned by {rotated.rotation} deg; first reading kept"
        return dataclasses.replace(page, warnings=(*page.warnings, note)), result
    if second.mean_confidence > result.mean_confidence:
        return rotated, second
    return page, result


def _sure_enough(word: OcrWord) -> bool:
    return word.confidence >= MIN_REGION_WORD_CONFIDENCE


def _merge_by_position(
    layer: tuple[OcrLine, ...], regions: tuple[OcrLine, ...]
) -> tuple[OcrLine, ...]:
    """Insert OCR'd region lines into the layer's reading order by their vertical position."""
    if not regions:
        return layer
    merged = list(layer)
    for line in sorted(regions, key=lambda ln: ln.bbox.top):
        at = reading_position(merged, line, lambda other: other.block < REGION_BLOCK_BASE)
        merged.insert(at, line)
    return tuple(merged)
