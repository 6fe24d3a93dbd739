"""Born-digital PDFs: read a page's own text layer with poppler's ``pdftotext -bbox-layout``.

The only module that runs ``pdftotext``. Word boxes come in PDF points and are scaled to
pixels at the resolution the page is rendered at, so text-layer pages and OCR'd pages
share one coordinate frame.
"""

from __future__ import annotations

import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from ocr.errors import InputFileError, MissingDependencyError
from ocr.load import POPPLER_HINT
from ocr.types import BBox, OcrLine, OcrWord

PDFTOTEXT_TIMEOUT_S = 60
# A page "has a text layer" when it carries at least this many non-space characters:
# a scan with a stray born-digital header line or page number is still OCR'd.
MIN_LAYER_CHARS = 40
_NS = "{http://www.w3.org/1999/xhtml}"


@dataclass(frozen=True, slots=True)
class TextLayer:
    """A page's text layer in pixel coordinates at ``dpi``."""

    width: int
    height: int
    dpi: float
    lines: tuple[OcrLine, ...]

    @property
    def char_count(self) -> int:
        """Non-space characters in the layer."""
        return sum(len(word.text) for line in self.lines for word in line.words)

    @property
    def boxes(self) -> list[BBox]:
        """The box of every word in the layer."""
        return [word.bbox for line in self.lines for word in line.words]

    @property
    def has_text(self) -> bool:
        """True when the layer holds enough text to possibly stand for the page."""
        return self.char_count >= MIN_LAYER_CHARS


def read_text_layer(path: Path, page: int, *, dpi: float) -> TextLayer:
    """Return page ``page`` (1-based) of the PDF's text layer with word boxes.

    Raises:
        MissingDependencyError: If ``pdftotext`` (poppler-utils) is not installed.
        InputFileError: If poppler cannot read the page.
    """
    command = [
        "pdftotext",
        "-bbox-layout",
        "-enc",
        "UTF-8",
        "-f",
        str(page),
        "-l",
        str(page),
        str(path),
        "-",
    ]
    try:
        result = subprocess.run(
            command, capture_output=True, timeout=PDFTOTEXT_TIMEOUT_S, check=False
        )
    except FileNotFoundError as e:
        raise MissingDependencyError(f"poppler's pdftotext is not installed: {POPPLER_HINT}") from e
    except subprocess.TimeoutExpired as e:
        raise InputFileError(f"{path}: reading the text layer of page {page} timed out") from e
    if result.returncode != 0 or not result.stdout:
        message = result.stderr.decode("utf-8", "replace").strip()
        raise InputFileError(f"{path}: cannot read the text layer of page {page}: {message}")
    return parse_bbox_layout(result.stdout, dpi=dpi)


def parse_bbox_layout(xhtml: bytes, *, dpi: float) -> TextLayer:
    """Parse ``pdftotext -bbox-layout`` output of one page into lines of words."""
    root = ET.fromstring(xhtml)
    page = root.find(f".//{_NS}page")
    if page is None:
        return TextLayer(0, 0, dpi, ())
    scale = dpi / 72.0
    width = round(float(page.get("width", 0)) * scale)
    height = round(float(page.get("height", 0)) * scale)
    lines: list[OcrLine] = []
    for block_number, block in enumerate(page.iter(f"{_NS}block"), start=1):
        for line in block.iter(f"{_NS}line"):
            words = [
                OcrWord(text, box, 1.0)
                for word in line.iter(f"{_NS}word")
                if (text := (word.text or "").strip())
                and (box := _box(word, scale, width, height)) is not None
            ]
            if words:
                lines.append(OcrLine.from_words(words, block=block_number))
    return TextLayer(width, height, dpi, tuple(lines))


def _box(element: ET.Element, scale: float, width: int, height: int) -> BBox | None:
    """The word's box in pixels, clipped to the page; None for a word entirely off it."""
    left = min(max(0, round(float(element.get("xMin", 0)) * scale)), width)
    top = min(max(0, round(float(element.get("yMin", 0)) * scale)), height)
    right = min(max(left, round(float(element.get("xMax", 0)) * scale)), width)
    bottom = min(max(top, round(float(element.get("yMax", 0)) * scale)), height)
    if right == left or bottom == top:
        return None
    return BBox(left, top, right, bottom)
