"""Deterministic image steps that make a page OCR-able: grayscale, resample, deskew, clean.

Pure ``Image -> Image`` functions plus :func:`estimate_skew`; none of them calls Tesseract
(orientation detection needs OSD, so :mod:`ocr.engine` combines the two). Each applied step
is recorded on the :class:`PageImage` so the output says what was done to the scan.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageFilter, ImageOps

from ocr.types import BBox, PageImage

TARGET_DPI = 300  # Tesseract's LSTM models are trained on text of roughly this size
MIN_DPI = 250  # below this, pages are upscaled to TARGET_DPI
# Very low-resolution scans (fax, 65-dpi web GIFs) read better upscaled further: on the three
# real 60-66 dpi GIFs, 400 dpi gave a character error rate of 8.7 % against 10.2 % at 300.
LOW_RES_DPI = 150
LOW_RES_TARGET_DPI = 400
MAX_DPI = 400  # above this, pages are downscaled: more pixels only cost time
SKEW_THRESHOLD_DEG = 0.2  # smaller tilts do not hurt Tesseract; rotating blurs a little
MAX_SKEW_DEG = 8.0
_SKEW_WORK_SIZE = 1400  # long side of the thumbnail the skew is measured on
_SKEW_COARSE_STEP = 0.25
_SKEW_FINE_STEP = 0.02
_MAX_INK_SAMPLES = 400_000
_COARSE_SAMPLES = 20_000
_SIDEWAYS_RATIO = 1.5  # column alignment this much stronger than row alignment = sideways
_INK_LEVEL = 160
_REGION_CELL_PX = 16  # about 1.4 mm at 300 dpi
_MIN_INK_PER_CELL = 6
_MIN_REGION_PX = (120, 40)  # smaller than a short word at 300 dpi: a rule line, a logo speck


@dataclass(frozen=True, slots=True)
class SkewEstimate:
    """The measured tilt of the text lines.

    ``angle`` is in degrees, positive when lines run down to the right (the content was
    turned clockwise); ``sideways`` is True when the text lines look vertical, i.e. the page
    is rotated by about 90 degrees and the angle means nothing.
    """

    angle: float
    sideways: bool


def to_grayscale(image: Image.Image) -> Image.Image:
    """Return an 8-bit grayscale image, flattening any transparency onto white.

    A palette GIF with a transparency index converted naively turns into a black page for
    Tesseract (real-scans README), so transparent pixels become paper, not ink.
    """
    if image.mode == "L" and "transparency" not in image.info:
        return image
    if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info:
        rgba = image.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(white, rgba).convert("L")
    if image.mode.startswith("I;16") or image.mode in ("I", "F"):
        array = np.asarray(image, dtype=np.float64)
        peak = array.max() or 1.0
        return Image.fromarray((array * (255.0 / peak)).astype(np.uint8), mode="L")
    return image.convert("L")


def resample(
    page: PageImage, *, target_dpi: int = TARGET_DPI, low_res_target_dpi: int = LOW_RES_TARGET_DPI
) -> PageImage:
    """Resample a page outside :data:`MIN_DPI`..:data:`MAX_DPI` to ``target_dpi``.

    Pages under :data:`LOW_RES_DPI` go to ``low_res_target_dpi`` instead.
    """
    if MIN_DPI <= page.dpi <= MAX_DPI:
        return page
    if page.dpi < LOW_RES_DPI:
        target_dpi = low_res_target_dpi
    factor = target_dpi / page.dpi
    size = (max(1, round(page.image.width * factor)), max(1, round(page.image.height * factor)))
    image = page.image.resize(size, Image.Resampling.LANCZOS)
    colour = None if page.colour is None else page.colour.resize(size, Image.Resampling.LANCZOS)
    step = f"resample {page.dpi}->{target_dpi} dpi"
    return dataclasses.replace(
        page, image=image, colour=colour, dpi=target_dpi, steps=(*page.steps, step)
    )


def rotate(image: Image.Image, degrees_clockwise: int) -> Image.Image:
    """Rotate by a multiple of 90 degrees clockwise, losslessly."""
    turns = {
        0: None,
        90: Image.Transpose.ROTATE_270,
        180: Image.Transpose.ROTATE_180,
        270: Image.Transpose.ROTATE_90,
    }
    method = turns[degrees_clockwise % 360]
    return image if method is None else image.transpose(method)


def estimate_skew(image: Image.Image) -> SkewEstimate:
    """Measure the tilt of the text lines by projection profiles.

    The ink pixels of a thumbnail are projected onto the vertical axis along candidate
    angles; the angle at which text lines align gives the sharpest profile (the largest
    sum of squared row counts). A coarse search is refined around its best angle.
    """
    ys, xs = _ink_coordinates(image)
    if ys.size < 50:
        return SkewEstimate(0.0, sideways=False)
    # The coarse search (about a hundred profiles) needs only a sample of the ink to find
    # the neighbourhood; the fine search uses all of it.
    step = math.ceil(ys.size / _COARSE_SAMPLES)
    ys_few, xs_few = ys[::step], xs[::step]
    coarse = np.arange(-MAX_SKEW_DEG, MAX_SKEW_DEG + 1e-9, _SKEW_COARSE_STEP)
    row_scores = [_profile_energy(ys_few, xs_few, a) for a in coarse]
    column_best = max(_profile_energy(xs_few, ys_few, a) for a in coarse[::2])
    best = float(coarse[int(np.argmax(row_scores))])
    if column_best > _SIDEWAYS_RATIO * max(row_scores):
        return SkewEstimate(0.0, sideways=True)
    fine = np.arange(best - _SKEW_COARSE_STEP, best + _SKEW_COARSE_STEP + 1e-9, _SKEW_FINE_STEP)
    fine_scores = [_profile_energy(ys, xs, a) for a in fine]
    return SkewEstimate(round(float(fine[int(np.argmax(fine_scores))]), 2), sideways=False)


def deskew(image: Image.Image, angle: float) -> Image.Image:
    """Rotate by ``angle`` degrees counter-clockwise (undoing a measured clockwise tilt).

    The page keeps its size; corners uncovered by the rotation are filled with white.
    """
    white = 255 if image.mode == "L" else (255,) * len(image.getbands())
    return image.rotate(angle, resample=Image.Resampling.BILINEAR, fillcolor=white)


def clean(image: Image.Image) -> Image.Image:
    """Even out a grey or uneven background and remove speckle (``--clean``).

    The background is estimated with a large max filter (paper is the brightest thing
    around any pixel) and divided out; a 3x3 median then removes isolated dots.
    """
    small = image.reduce(4)
    background = small.filter(ImageFilter.MaxFilter(15)).resize(
        image.size, Image.Resampling.BILINEAR
    )
    page = np.asarray(image, dtype=np.float32)
    paper = np.maximum(np.asarray(background, dtype=np.float32), 1.0)
    flattened = np.clip(page / paper * 255.0, 0, 255).astype(np.uint8)
    return ImageOps.autocontrast(
        Image.fromarray(flattened, mode="L").filter(ImageFilter.MedianFilter(3))
    )


def _ink_coordinates(image: Image.Image) -> tuple[np.ndarray, np.ndarray]:
    """Return (row, column) coordinates of dark pixels of a thumbnail of ``image``."""
    thumb = image.convert("L")
    scale = _SKEW_WORK_SIZE / max(thumb.size)
    if scale < 1:
        thumb = thumb.resize(
            (max(1, round(thumb.width * scale)), max(1, round(thumb.height * scale))),
            Image.Resampling.BOX,
        )
    array = np.asarray(thumb)
    threshold = min(160, int(np.percentile(array, 50)) - 40)
    ys, xs = np.nonzero(array < threshold)
    if ys.size > _MAX_INK_SAMPLES:
        keep = np.random.default_rng(0).choice(ys.size, _MAX_INK_SAMPLES, replace=False)
        ys, xs = ys[keep], xs[keep]
    return ys.astype(np.float64), xs.astype(np.float64)


def _profile_energy(rows: np.ndarray, columns: np.ndarray, angle_deg: float) -> float:
    """Sum of squared bin counts of ``rows`` sheared by ``angle_deg`` along ``columns``."""
    shifted = rows - columns * math.tan(math.radians(angle_deg))
    bins = np.round(shifted - shifted.min()).astype(np.int64)
    counts = np.bincount(bins)
    return float(np.dot(counts, counts))


@dataclass(frozen=True, slots=True)
class UncoveredInk:
    """Ink a page's text layer does not explain: its share of all ink and where it lies.

    ``share`` is near 0 for a born-digital page (a signature image is a small part of it)
    and near 1 for a scan whose text layer is only a footer or a stamp software added.
    """

    share: float
    regions: tuple[BBox, ...]


def uncovered_ink(image: Image.Image, covered: Sequence[BBox]) -> UncoveredInk:
    """Measure and locate the ink outside every ``covered`` box, from one ink mask.

    Used on born-digital PDF pages: text drawn as an image (an e-signature box, a scanned
    stamp, a pasted letterhead) is not in the text layer and must be OCR'd. The page is
    reduced to a grid of cells; cells with ink outside every covered box (grown by half a
    cell) are grouped into connected regions, and regions too small to hold a word dropped.
    """
    ink = np.asarray(image.convert("L")) < _INK_LEVEL
    total = int(np.count_nonzero(ink))
    margin = _REGION_CELL_PX // 2
    for box in covered:
        top, left = max(0, box.top - margin), max(0, box.left - margin)
        ink[top : box.bottom + margin, left : box.right + margin] = False
    share = int(np.count_nonzero(ink)) / total if total else 0.0
    cell = _REGION_CELL_PX
    grid = cell_counts(ink, cell)
    regions = [cells_to_box(group, cell) for group in connected(grid >= _MIN_INK_PER_CELL)]
    big = tuple(
        r for r in regions if r.width >= _MIN_REGION_PX[0] and r.height >= _MIN_REGION_PX[1]
    )
    return UncoveredInk(share, big)


def uncovered_ink_regions(image: Image.Image, covered: Sequence[BBox]) -> list[BBox]:
    """The regions of :func:`uncovered_ink` (ink no covered box explains)."""
    return list(uncovered_ink(image, covered).regions)


def cell_counts(mask: np.ndarray, cell: int) -> np.ndarray:
    """True pixels of ``mask`` counted per ``cell`` x ``cell`` square (the rest cut off)."""
    rows, cols = mask.shape[0] // cell, mask.shape[1] // cell
    counts: np.ndarray = (
        mask[: rows * cell, : cols * cell].reshape(rows, cell, cols, cell).sum(axis=(1, 3))
    )
    return counts


def connected(mask: np.ndarray) -> list[list[tuple[int, int]]]:
    """8-connected groups of True cells in a small grid (a few thousand cells)."""
    seen = np.zeros_like(mask, dtype=bool)
    groups: list[list[tuple[int, int]]] = []
    for start in zip(*np.nonzero(mask), strict=True):
        if seen[start]:
            continue
        seen[start] = True
        stack, group = [start], []
        while stack:
            r, c = stack.pop()
            group.append((int(r), int(c)))
            for dr in (-1, 0, 1):
                for dc in (-1, 0, 1):
                    nr, nc = r + dr, c + dc
                    inside = 0 <= nr < mask.shape[0] and 0 <= nc < mask.shape[1]
                    if inside and mask[nr, nc] and not seen[nr, nc]:
                        seen[nr, nc] = True
                        stack.append((nr, nc))
        groups.append(group)
    return groups


def cells_to_box(group: list[tuple[int, int]], cell: int) -> BBox:
    """The pixel box of a group of grid cells ``cell`` pixels wide."""
    rows = [r for r, _ in group]
    cols = [c for _, c in group]
    return BBox(min(cols) * cell, min(rows) * cell, (max(cols) + 1) * cell, (max(rows) + 1) * cell)
