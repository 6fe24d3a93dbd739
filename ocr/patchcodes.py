"""Kodak patch codes: the bar patterns production scanners read on separator sheets.

A patch code is four parallel black bars, two wide (0.20 in) and two narrow (0.08 in),
with narrow spaces (0.08 in) between them and at least 0.75 in long; the order of wide
and narrow names the code (Patch 2 ``WNNW``, 3 ``WNWN``, T ``NWNW``, 1 ``WWNN``,
4 ``NWWN``, 6 ``NNWW``). Archives print Patch T or Patch 2 sheets between documents, and a
scanner that does not act on them (or a copier's scan-to-folder) leaves them in the batch.

The page is looked at on a 100-dpi copy, bars across it (parallel to the top edge, as a
sheet fed top first has them) and along it. Pure numpy: no tool to call.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
from numpy.typing import NDArray
from PIL import Image

from ocr.types import BBox, Code

PATTERNS = {"WNNW": "2", "WNWN": "3", "NWNW": "T", "WWNN": "1", "NWWN": "4", "NNWW": "6"}
WORK_DPI = 100  # bars 8 and 20 pixels thick: told apart with room for a copier's blur
# The specification's sizes, in inches, with the tolerance a photocopied sheet needs
# (the specification's own is +-0.01 in, at the scanner's sensor).
NARROW = (0.05, 0.13)
WIDE = (0.15, 0.28)
SPACE = (0.04, 0.14)
# Strips across the bars, in inches: a bar 1.5 degrees off the axis drifts a pixel in
# one (at WORK_DPI). A bar's rows are those FILLED with black across a strip, in
# MIN_STRIPS strips side by side (the specification's least length is 0.75 in).
STRIP = 0.3
FILLED = 0.75
MIN_STRIPS = 3
QUIET = 0.12  # white before the first bar and after the last: no fifth bar
INK = 128  # grey below this is black


def find_patch(image: Image.Image, dpi: int) -> Code | None:
    """The patch code on a page, or None.

    Args:
        image: The page, upright (deskewed: its bars run along an axis).
        dpi: Its resolution.
    """
    scale = WORK_DPI / dpi
    size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
    small = image.convert("L").resize(size, Image.Resampling.BOX)
    black = np.asarray(small) < INK
    for across in (True, False):  # bars across the page (rows), then along it (columns)
        found = _patch_in(black if across else black.T)
        if found is None:
            continue
        name, (first, last, start, end) = found
        edges = (start, first, end, last) if across else (first, start, last, end)
        box = BBox(*(round(v / scale) for v in edges))
        return Code("patch", name, box)
    return None


def _patch_in(black: NDArray[np.bool_]) -> tuple[str, tuple[int, int, int, int]] | None:
    """A patch code whose bars run along the rows of ``black``: its name and extent.

    The page is looked at in strips across the bars, narrow enough that a sheet fed
    crooked (a degree or two) keeps each bar within its rows; the bars must be found in
    :data:`MIN_STRIPS` strips side by side. The extent is (first row, last row + 1, the
    bars' start and end along the rows).
    """
    strip = round(STRIP * WORK_DPI)
    seen: list[tuple[int, str, int, int]] = []  # per strip with a patch: start, name, rows
    for start in range(0, black.shape[1] - strip + 1, strip):
        rows = black[:, start : start + strip].mean(axis=1) >= FILLED
        found = _pattern_in(list(_bands(rows)), black.shape[0])
        if found is not None:
            seen.append((start, *found))
    for i in range(len(seen) - MIN_STRIPS + 1):
        last = i
        while last + 1 < len(seen) and _beside(seen[last], seen[last + 1], strip):
            last += 1
        if last - i + 1 >= MIN_STRIPS:
            _, name, top, bottom = seen[i]
            return name, (top, bottom, seen[i][0], seen[last][0] + strip)
    return None


def _beside(a: tuple[int, str, int, int], b: tuple[int, str, int, int], strip: int) -> bool:
    """Two strips' patches are one: side by side, the same code."""
    return b[0] - a[0] == strip and b[1] == a[1]


def _pattern_in(bars: list[tuple[int, int]], length: int) -> tuple[str, int, int] | None:
    """The patch code among a strip's bars: its name, first row and last row + 1."""
    for i in range(len(bars) - 3):
        four = bars[i : i + 4]
        before = four[0][0] - (bars[i - 1][1] if i else 0)
        after = (bars[i + 4][0] if i + 4 < len(bars) else length) - four[-1][1]
        if min(before, after) < QUIET * WORK_DPI:
            continue
        pattern = _pattern(four)
        if pattern in PATTERNS:
            return PATTERNS[pattern], four[0][0], four[-1][1]
    return None


def _bands(rows: NDArray[np.bool_]) -> Iterator[tuple[int, int]]:
    """The runs of True rows: (first, last + 1)."""
    edges = np.diff(np.concatenate(([0], rows.astype(np.int8), [0])))
    starts, ends = np.flatnonzero(edges == 1).tolist(), np.flatnonzero(edges == -1).tolist()
    yield from zip(starts, ends, strict=True)


def _pattern(bars: list[tuple[int, int]]) -> str:
    """The bars as ``W``/``N`` letters; ``?`` for a bar or a space of no patch size."""
    letters = []
    for k, (first, last) in enumerate(bars):
        thick = (last - first) / WORK_DPI
        letters.append("N" if _within(thick, NARROW) else "W" if _within(thick, WIDE) else "?")
        if k and not _within((first - bars[k - 1][1]) / WORK_DPI, SPACE):
            return "?"
    return "".join(letters)


def _within(value: float, bounds: tuple[float, float]) -> bool:
    return bounds[0] <= value <= bounds[1]
