"""Scanned PDFs: take a page's own scan out of the file instead of rasterising the page.

The only module that runs poppler's ``pdfimages`` (and ``pdfinfo`` per page). A scanner
or an archive's PDF tool stores each page as one JPEG image drawn over the whole page.
Rasterising such a page decodes the JPEG, scales it to the page and encodes it again
(about 0.14 s at 300 dpi); copying the JPEG out and decoding it takes about 0.03 s and
gives the scan's own pixels at its own resolution.

A page qualifies when its only image is a whole-page JPEG: exactly one image,
JPEG-encoded, 8-bit grey or RGB, no mask, the page not rotated, and the image covering the
page at one resolution (its pixel size over its resolution equals the page size within
2 %). Text, drawings or annotations over the scan (a registry stamp added in an e-office
system) are invisible to ``pdfimages``, so :mod:`ocr.load` also compares the JPEG with a
36-dpi rendering of the page and renders the page when they differ. Any other page, or
any failure here, is rendered as before.
"""

from __future__ import annotations

import io
import logging
import subprocess
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

log = logging.getLogger(__name__)
TIMEOUT_S = 60
_TOLERANCE = 0.02  # page size against image size over resolution
_COLOURS = frozenset({"gray", "rgb"})


@dataclass(frozen=True, slots=True)
class ScanImage:
    """A page's whole-page JPEG as ``pdfimages -list`` describes it."""

    ppi: float
    width: int
    height: int


@dataclass(frozen=True, slots=True)
class PageSizes:
    """Every page's size in points, and the pages turned by a /Rotate, from one pdfinfo."""

    sizes: Mapping[int, tuple[float, float]]
    rotated: frozenset[int]


def page_sizes(path: Path, pages: int) -> PageSizes:
    """The PDF's pages' sizes (empty when poppler cannot tell)."""
    try:
        info = _run(["pdfinfo", "-f", "1", "-l", str(pages), str(path)])
    except (OSError, subprocess.SubprocessError) as error:
        log.debug("%s: no page sizes (%s)", path, error)
        return PageSizes({}, frozenset())
    sizes, rotated = _page_sizes(info)
    return PageSizes(sizes, frozenset(rotated))


def scanned_pages(path: Path, pages: PageSizes) -> Mapping[int, ScanImage]:
    """The pages of a PDF whose only image is a whole-page JPEG scan, with that image.

    Returns an empty mapping when poppler cannot tell (the pages are rendered instead).
    """
    try:
        listing = _run(["pdfimages", "-list", str(path)])
    except (OSError, subprocess.SubprocessError) as error:
        log.debug("%s: no image listing (%s); pages are rendered", path, error)
        return {}
    sizes, rotated = pages.sizes, pages.rotated
    images: dict[int, list[list[str]]] = {}
    for line in listing.splitlines()[2:]:  # two header lines
        fields = line.split()
        if len(fields) >= 14 and fields[0].isdigit():
            images.setdefault(int(fields[0]), []).append(fields)
    found = {}
    for page, rows in images.items():
        ppi = _whole_page_jpeg(rows, sizes.get(page))
        if ppi is not None and page not in rotated:
            found[page] = ScanImage(ppi, int(rows[0][3]), int(rows[0][4]))
    return found


def extract(path: Path, page: int) -> Image.Image | None:
    """The page's JPEG, decoded (None if poppler did not give exactly one JPEG)."""
    with tempfile.TemporaryDirectory(prefix="pismo-img-") as scratch:
        prefix = Path(scratch) / "page"
        try:
            _run(["pdfimages", "-j", "-f", str(page), "-l", str(page), str(path), str(prefix)])
        except (OSError, subprocess.SubprocessError) as error:
            log.debug("%s page %d: pdfimages failed (%s)", path, page, error)
            return None
        written = list(Path(scratch).iterdir())
        if len(written) != 1 or written[0].suffix != ".jpg":
            return None
        try:
            with Image.open(written[0]) as image:
                image.load()
                return image.copy()
        except (OSError, ValueError, Image.DecompressionBombError) as error:
            log.debug("%s page %d: the JPEG does not decode (%s)", path, page, error)
            return None  # rendering will say what is wrong with the page


def glance(path: Path, page: int, dpi: int = 36) -> Image.Image | None:
    """The page rendered small (grey), to compare with its scan; None if poppler fails."""
    command = ["pdftoppm", "-r", str(dpi), "-gray", "-f", str(page), "-l", str(page), str(path)]
    try:
        data = subprocess.run(command, capture_output=True, check=True, timeout=TIMEOUT_S).stdout
        with Image.open(io.BytesIO(data)) as image:  # PGM on stdout
            image.load()
            return image.copy()
    except (OSError, ValueError, subprocess.SubprocessError) as error:
        log.debug("%s page %d: no glance (%s)", path, page, error)
        return None


def _run(command: list[str]) -> str:
    return subprocess.run(
        command, capture_output=True, check=True, timeout=TIMEOUT_S
    ).stdout.decode("utf-8", errors="replace")


def _page_sizes(info: str) -> tuple[dict[int, tuple[float, float]], set[int]]:
    """Page sizes in points and the rotated pages, from ``pdfinfo -f -l``."""
    sizes: dict[int, tuple[float, float]] = {}
    rotated: set[int] = set()
    for line in info.splitlines():
        fields = line.split()
        if len(fields) < 4 or fields[0] != "Page" or not fields[1].isdigit():
            continue
        page = int(fields[1])
        if fields[2] == "size:" and len(fields) >= 6:
            try:
                sizes[page] = (float(fields[3]), float(fields[5]))
            except ValueError:
                continue
        elif fields[2] == "rot:" and fields[3] != "0":
            rotated.add(page)
    return sizes, rotated


def _whole_page_jpeg(rows: list[list[str]], size: tuple[float, float] | None) -> float | None:
    """The resolution of a page's only image if it is a JPEG scan covering the page."""
    if size is None or len(rows) != 1:
        return None
    fields = rows[0]
    kind, width, height, colour, bpc, encoding = fields[2:6] + fields[7:9]
    if kind != "image" or encoding != "jpeg" or colour not in _COLOURS or bpc != "8":
        return None
    try:
        x_ppi, y_ppi = float(fields[12]), float(fields[13])
        width_in, height_in = int(width) / x_ppi, int(height) / y_ppi
    except (ValueError, ZeroDivisionError):
        return None
    page_width_in, page_height_in = size[0] / 72.0, size[1] / 72.0
    if abs(x_ppi - y_ppi) > _TOLERANCE * x_ppi:
        return None
    if abs(width_in - page_width_in) > _TOLERANCE * page_width_in:
        return None
    if abs(height_in - page_height_in) > _TOLERANCE * page_height_in:
        return None
    return x_ppi
