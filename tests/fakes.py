"""The fake OCR engine every test without Tesseract uses, and the scans fed to it.

One class serves the OCR tests (canned readings in order, OSD answers, every call recorded
with its image) and the CLI and batch tests (a fixed reading on every page, a page count).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PIL import Image, ImageDraw

import pipeline
from ocr.engine import Orientation, Recognition
from ocr.types import BBox, OcrLine, OcrWord

# What the engine reads on every page unless it is given readings: "Kraków, dnia".
KRAKOW_DNIA = Recognition(
    (
        OcrLine.from_words(
            (
                OcrWord("Kraków,", BBox(10, 10, 100, 40), 0.95),
                OcrWord("dnia", BBox(110, 10, 160, 40), 0.9),
            ),
            block=1,
        ),
    )
)


class FakeEngine:
    """An :class:`ocr.engine.OcrEngine` that replays canned readings instead of reading.

    Args:
        recognitions: One per call of ``recognize``, in order; the last one repeats. An
            exception in their place is raised by that call (``[OcrTimeoutError(...)]``
            fails every page).
        orientation: What ``detect_orientation`` answers, or raises if an exception.
        lang: The language the engine claims to read.

    Every call is recorded in ``calls`` as ``(kind, image, dpi)``, kind ``"recognize"`` or
    ``"osd"``; ``pages`` counts the calls of ``recognize`` (a subclass answering a page
    itself counts it there too).
    """

    name = "fake 1.0"

    def __init__(
        self,
        recognitions: Sequence[Recognition | Exception] = (KRAKOW_DNIA,),
        orientation: Orientation | Exception | None = None,
        lang: str = "pol",
    ) -> None:
        self.recognitions = list(recognitions)
        self.orientation = orientation
        self.lang = lang
        self.calls: list[tuple[str, Image.Image, int]] = []
        self.pages = 0

    def recognize(self, image: Image.Image, *, dpi: int, block: bool = False) -> Recognition:
        """A page's canned reading; a stamp read (``block``) finds nothing and is not counted."""
        if block:
            return Recognition(())  # the fake's pages carry no stamps
        return self.read_page(image, dpi=dpi)

    def read_page(self, image: Image.Image, *, dpi: int) -> Recognition:
        """Answer one page (subclasses that answer some pages themselves override this)."""
        self.pages += 1
        self.calls.append(("recognize", image, dpi))
        count = sum(1 for kind, _, _ in self.calls if kind == "recognize")
        result = self.recognitions[min(count, len(self.recognitions)) - 1]
        if isinstance(result, Exception):
            raise result
        return result

    def detect_orientation(self, image: Image.Image, *, dpi: int) -> Orientation | None:
        self.calls.append(("osd", image, dpi))
        if isinstance(self.orientation, Exception):
            raise self.orientation
        return self.orientation

    @property
    def kinds(self) -> list[str]:
        """The kinds of the calls so far, in order."""
        return [kind for kind, _, _ in self.calls]

    @property
    def images(self) -> list[tuple[int, int]]:
        """The size of every image given to ``recognize``, in order."""
        return [image.size for kind, image, _ in self.calls if kind == "recognize"]


def run(argv: list[str], engine: FakeEngine | None = None) -> int:
    """The ``pismo`` CLI in-process, reading with ``engine`` (a new :class:`FakeEngine`)."""
    fake = engine or FakeEngine()
    return pipeline.main(argv, make_engine=lambda options: fake)


def make_scan(path: Path, fmt: str | None = None) -> Path:
    """An A4 page at 150 dpi with "Urząd Gminy" on it, saved at ``path`` (folders made)."""
    image = Image.new("L", (1240, 1754), 255)
    ImageDraw.Draw(image).text((100, 100), "Urząd Gminy", fill=0)
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, format=fmt, dpi=(150, 150))
    return path
