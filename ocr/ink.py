"""Ink layers: coloured ink (stamps, signatures, coloured print) kept apart from black print.

Polish offices stamp in red, violet or blue and sign in blue ballpoint; letters are printed
in black. The colour of a pixel therefore says which layer it belongs to, and a stamp read
from its own ink is free of the signature drawn across it. Pure numpy/Pillow functions: no
Tesseract here (:mod:`ocr.stamps` reads what these find).

A stamp's layer is rendered several ways, because none wins everywhere: by a colour
threshold (:func:`isolate`), by the strength of its colour (:func:`strength`, which keeps
faint ink), with a pen of the stamp's own hue taken off (:func:`strength_without_pen`), and
on grey pages by darkness (:func:`mended_grey`: a pad's grey under a pen's black). Where a
stroke crosses a letter, the gap it leaves is closed from the ink beside it.

Hue is Pillow's HSV hue on a 0-255 circle. Pages in grey, and colour scans of black print,
are recognised on a small thumbnail and pay nothing more.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageFilter

from ocr import preprocess
from ocr.types import BBox, Ink

# A pixel is coloured when its channels spread this far apart (0-255). JPEG fringes
# around black print stay under about 40; stamp ink, even faded, is above 60.
MIN_CHROMA = 55
_EDGE_PX = 5  # how far a stamp letter's grey edge reaches beyond its coloured core
# A page is a colour page when this share of a thumbnail's pixels is coloured ink: a
# name stamp covers about 0.3 % of an A4 page, JPEG noise of a grey scan under 0.01 %.
MIN_COLOUR_SHARE = 0.0008
_THUMB_SIDE = 800
_CELL_PX = 16  # about 1.4 mm at 300 dpi: the grid coloured regions are found on
_MIN_INK_PER_CELL = 3  # of the 8x8 pixels of a cell on the half-size page
_JOIN_CELLS = 2  # stamp lines stand up to about 3 mm apart and still form one stamp
_MIN_REGION_PX = (90, 30)  # smaller than a short stamp line at 300 dpi: a speck, a tick
_MIN_INK_SHARE = 0.12  # of a region's coloured pixels, for an ink to be read on its own
# Ink-strength renderings: a pixel this little stronger in the ink's channel than in the
# others is paper tint or JPEG noise ...
_STRENGTH_FLOOR = 8
_STRENGTH_FULL = 90  # ... and this percentile of the stronger ones is printed full black
# Darker than this (0-255) is black print or ballpoint, never a stamp pad's ink.
_DARK = 90
# A ballpoint stroke crossing a stamp is about 0.5 mm wide, about 10 pixels at the 300-400
# dpi pages are read at with its grey edges and the margin taken around it: the gap it
# leaves in a letter is closed across this many pixels.
_CROSSING_PX = 13
# Grey stamps: ink is darker than paper (0-255) ...
_PAPER = 200
_MIN_INK_PIXELS = 200  # ... pixels of it (or of one hue) at least, to tell populations apart
_GREY_GAP = 50  # a pad's grey this much lighter than the pen's black: two inks
_HUE_PEN_GAP = 40  # ... and within one hue (stamp ink is even; a pen is much darker)
# Of the lighter ink's pixels, this share survives a 3x3 erosion when it is strokes of an
# ink (a stamp's letters are 4-8 pixels wide), not the grey rims of darker strokes.
_MIN_BODY = 0.1
_SMOOTH_GREYS = 9  # the histogram of greys is smoothed over this many levels


# Hue bands (Pillow's 0-255 circle) of each coloured ink; orange and yellow (paper tone,
# highlighter) belong to none.
_HUE_BANDS: tuple[tuple[Ink, int, int], ...] = (
    (Ink.RED, 0, 14),
    (Ink.GREEN, 43, 128),
    (Ink.BLUE, 128, 177),
    (Ink.VIOLET, 177, 205),
    (Ink.RED, 205, 256),
)


@dataclass(frozen=True, slots=True)
class InkRegion:
    """A patch of coloured ink on the page and the inks in it, most ink first."""

    bbox: BBox
    inks: tuple[Ink, ...]


def colour_image(image: Image.Image) -> Image.Image | None:
    """The page in RGB when it carries coloured ink, else None (the page is read in grey).

    Decided on a thumbnail, so a grey page or a colour scan of black print costs a few
    milliseconds.
    """
    if image.mode not in ("RGB", "RGBA", "P", "CMYK", "YCbCr", "PA", "LAB", "HSV"):
        return None
    rgb = image if image.mode == "RGB" else image.convert("RGB")
    # Nearest-neighbour, not averaging: a thin stroke of stamp ink averaged with the paper
    # around it would lose the very colour that is looked for.
    scale = min(1.0, _THUMB_SIDE / max(rgb.size))
    size = (max(1, round(rgb.width * scale)), max(1, round(rgb.height * scale)))
    labels = ink_labels(rgb.resize(size, Image.Resampling.NEAREST))
    share = float(np.count_nonzero(labels)) / max(1, labels.size)
    return rgb if share >= MIN_COLOUR_SHARE else None


def ink_labels(image: Image.Image) -> np.ndarray:
    """Per pixel: 0 for paper or black print, else 1 + the index of its ink in :class:`Ink`.

    Args:
        image: An RGB image.
    """
    rgb = np.asarray(image, dtype=np.int16)
    chroma = rgb.max(axis=2) - rgb.min(axis=2)
    hue = np.asarray(image.convert("HSV"), dtype=np.int16)[:, :, 0]
    labels = np.zeros(chroma.shape, dtype=np.uint8)
    coloured = chroma >= MIN_CHROMA
    for ink, low, high in _HUE_BANDS:
        labels[coloured & (hue >= low) & (hue < high)] = _index(ink)
    return labels


def regions(image: Image.Image) -> tuple[InkRegion, ...]:
    """The patches of coloured ink on an RGB page, each with the inks it holds.

    Coloured pixels are counted on a grid of small cells; cells with ink, grown by a
    couple of cells so the lines of one stamp join, are grouped into connected regions.
    """
    # On a half-size copy: four times fewer pixels, and a stamp's letters are still strokes.
    half = image.reduce(2)
    labels = ink_labels(half)
    cell = _CELL_PX // 2
    grid = preprocess.cell_counts(labels > 0, cell)
    found: list[InkRegion] = []
    for box in _grid_regions(grid >= _MIN_INK_PER_CELL, cell):
        inside = labels[box.top : box.bottom, box.left : box.right]
        box = BBox(box.left * 2, box.top * 2, box.right * 2, box.bottom * 2)
        if box.width >= _MIN_REGION_PX[0] and box.height >= _MIN_REGION_PX[1]:
            found.append(InkRegion(box, _inks_in(inside)))
    return tuple(r for r in found if r.inks)


@dataclass(frozen=True, slots=True)
class _Layers:
    """A crop's channels, grey and ink labels, worked out once for all its renderings."""

    rgb: np.ndarray  # int16, height x width x 3
    grey: np.ndarray  # int16
    labels: np.ndarray  # as :func:`ink_labels`


def _layers(image: Image.Image) -> _Layers:
    return _Layers(
        np.asarray(image, dtype=np.int16),
        np.asarray(image.convert("L"), dtype=np.int16),
        ink_labels(image),
    )


def renderings(image: Image.Image, stamp: Ink) -> Iterator[Image.Image]:
    """The ``stamp`` ink's layer of an RGB crop, each way it may read best.

    With a darker pen of the stamp's own hue across it, without the pen first
    (:func:`strength_without_pen`): a reading of just the letters the pen left whole can
    be a sure one and end a search. Then by colour threshold (:func:`isolate`: crisp
    where the ink is strong) and by the strength of its colour (:func:`strength`:
    complete where it is faint or crossed). None wins everywhere.
    """
    layers = _layers(image)
    without_pen = _without_pen(layers, stamp)
    if without_pen is not None:
        yield without_pen
    yield _isolate(layers, stamp)
    yield _strength(layers, stamp)


def isolate(image: Image.Image, stamp: Ink) -> Image.Image:
    """The image in grey with only the ``stamp`` ink and its edges left, all else paper.

    Takes off the signature drawn across a stamp (another ink) and the black print a
    stamp was pressed over, but keeps the grey anti-aliased edges of the stamp's letters,
    which a colour threshold would cut.
    """
    return _isolate(_layers(image), stamp)


def _isolate(layers: _Layers, stamp: Ink) -> Image.Image:
    labels = layers.labels
    near = _dilated(labels == _index(stamp), _EDGE_PX)
    grey = layers.grey.astype(np.uint8)
    grey[~near | ((labels > 0) & (labels != _index(stamp)))] = 255
    return Image.fromarray(grey, mode="L")


def strength(image: Image.Image, stamp: Ink) -> Image.Image:
    """The image in grey, as dark as the ``stamp`` ink is strong; the strokes crossing it mended.

    Where :func:`isolate` keeps the pixels a colour threshold calls the stamp's, this
    measures how much more the stamp's channel shows than the others (red: R over G and
    B), so faint, worn or low-resolution stamp ink that stays under :data:`MIN_CHROMA`
    still reads, and black print and other inks come out as paper. Where a stroke of
    another ink (the signature) or of black crosses a letter it leaves a gap; the gap is
    closed from the ink on either side of it, so "Kowalski" crossed by a pen is not read
    as "Kowa ski".

    Args:
        image: An RGB crop around a stamp.
        stamp: The stamp's ink (not black).
    """
    return _strength(_layers(image), stamp)


def strength_without_pen(image: Image.Image, stamp: Ink) -> Image.Image | None:
    """:func:`strength`, the darkest of the stamp's own hue taken for a pen and mended.

    A navy ballpoint across a blue stamp shares its hue. None when the hue's pixels are
    not of two darknesses. A stamp's own ink varies too, so this is a reading more, never
    the only one.
    """
    return _without_pen(_layers(image), stamp)


def _without_pen(layers: _Layers, stamp: Ink) -> Image.Image | None:
    own = layers.labels == _index(stamp)
    split = _two_darknesses(layers.grey, own, _HUE_PEN_GAP)
    return None if split is None else _strength(layers, stamp, own & (layers.grey < split))


def _strength(layers: _Layers, stamp: Ink, pen: np.ndarray | None = None) -> Image.Image:
    channel = _channel(layers.rgb, stamp)
    darkness = np.where(channel > _STRENGTH_FLOOR, channel, 0)  # paper tint and noise: paper
    labels = layers.labels
    own = labels == _index(stamp)
    # Another ink, or black print (dark and not the stamp's colour), or the pen.
    crossing = ((labels > 0) & ~own) | ((layers.grey < _DARK) & ~own)
    if pen is not None:
        crossing |= pen
    return _mended(darkness, crossing)


def _channel(rgb: np.ndarray, stamp: Ink) -> np.ndarray:
    """How much more the ``stamp`` ink's colour shows than the others, per pixel."""
    red, green, blue = rgb[:, :, 0], rgb[:, :, 1], rgb[:, :, 2]
    channel: np.ndarray = np.zeros_like(red)
    if stamp is Ink.RED:
        channel = red - np.maximum(green, blue)
    elif stamp is Ink.BLUE:
        channel = blue - np.maximum(red, green)
    elif stamp is Ink.VIOLET:
        channel = np.minimum(red, blue) - green
    elif stamp is Ink.GREEN:
        channel = green - np.maximum(red, blue)
    return channel


def _two_darknesses(grey: np.ndarray, inked: np.ndarray, gap: int) -> float | None:
    """The level between a darker and a lighter population of ink, if there are two.

    Otsu's level splits the ``inked`` pixels' greys in two. They are two inks when the
    halves' medians stand ``gap`` or more apart and the lighter half has a body of its
    own: the anti-aliased rims of one ink's strokes are lighter too, but a pixel or two
    wide, and they vanish when the lighter half is eroded. Each half needs a few strokes'
    pixels (:data:`_MIN_INK_PIXELS`), but neither's share decides: a signature may cover
    more of a name stamp than the stamp's letters do.
    """
    values = grey[inked]
    if values.size < _MIN_INK_PIXELS:
        return None
    counts = np.bincount(np.clip(values, 0, 255).astype(np.int64), minlength=256)
    level = _otsu(counts)
    darker, lighter = values[values < level], values[values >= level]
    if min(darker.size, lighter.size) < _MIN_INK_PIXELS:
        return None
    dark_middle, light_middle = int(np.median(darker)), int(np.median(lighter))
    if light_middle - dark_middle < gap:
        return None
    if np.count_nonzero(_eroded(inked & (grey >= level), 3)) < _MIN_BODY * lighter.size:
        return None
    # Otsu's level cuts into an unevenly inked stamp's darker letters; the least common
    # grey between the two medians lies just past the pen's own.
    smooth = np.convolve(counts, np.ones(_SMOOTH_GREYS) / _SMOOTH_GREYS, mode="same")
    return float(dark_middle + int(np.argmin(smooth[dark_middle : light_middle + 1])))


def _otsu(counts: np.ndarray) -> int:
    """Otsu's level of a 256-bin histogram of greys: the first grey of the lighter class."""
    below = np.cumsum(counts, dtype=np.float64)
    above = below[-1] - below
    weighted = np.cumsum(counts * np.arange(counts.size), dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (weighted[-1] * below / below[-1] - weighted) ** 2 / (below * above)
    return int(np.argmax(np.nan_to_num(between))) + 1


def mended_grey(image: Image.Image) -> Image.Image | None:
    """A grey crop's stamp layer: its mid-grey ink, the black strokes across it mended.

    On a grey scan a stamp pad's ink comes out lighter than the pen's or the printer's
    black. When the crop's ink falls into two such populations, the darker one (the
    signature) is taken off, the gaps it leaves in the stamp's letters closed, and the
    stamp's grey stretched to black. None when the ink is all of one darkness (a black
    stamp: the crop is read as it is).

    Args:
        image: A grey ("L") crop around a stamp.
    """
    grey = np.asarray(image, dtype=np.int16)
    split = _two_darknesses(grey, grey < _PAPER, _GREY_GAP)
    if split is None:
        return None
    darkness = np.where(grey < _PAPER, 255 - grey, 0)  # paper, even a grey one, is no ink
    return _mended(darkness, grey < split)


def _mended(darkness: np.ndarray, crossing: np.ndarray) -> Image.Image:
    """Darkness with the ``crossing`` pixels closed from the ink beside them, stretched.

    The crossing strokes' grey edges go too; the stretch makes the stamp's ink black.
    """
    crossing = _dilated(crossing, 3)
    cut = np.where(crossing, 0, darkness).astype(np.uint8)
    closed = np.asarray(
        Image.fromarray(cut)
        .filter(ImageFilter.MaxFilter(_CROSSING_PX))
        .filter(ImageFilter.MinFilter(_CROSSING_PX))
    )
    out = np.where(crossing, closed, cut).astype(np.float32)
    inked = out[out > _STRENGTH_FLOOR]
    full = float(np.percentile(inked, _STRENGTH_FULL)) if inked.size else 255.0
    out = np.clip(out * (255.0 / max(full, 1.0)), 0, 255)
    return Image.fromarray(255 - out.astype(np.uint8), mode="L")


def without_colour(grey: Image.Image, colour: Image.Image) -> Image.Image:
    """The grey crop with every coloured stroke (and its grey edge) turned to paper.

    What is left is the black print a stamp or a signature was pressed over.

    Args:
        grey: The page's grey image, cropped.
        colour: The same crop in RGB.
    """
    out = np.asarray(grey, dtype=np.uint8).copy()
    out[_dilated(ink_labels(colour) > 0, _EDGE_PX)] = 255
    return Image.fromarray(out, mode="L")


def _dilated(mask: np.ndarray, size: int) -> np.ndarray:
    """A boolean mask grown by ``size`` pixels' worth of square neighbourhood."""
    image = Image.fromarray(mask.astype(np.uint8) * 255, mode="L")
    return np.asarray(image.filter(ImageFilter.MaxFilter(size))) > 0


def _eroded(mask: np.ndarray, size: int) -> np.ndarray:
    """A boolean mask shrunk by ``size`` pixels' worth of square neighbourhood."""
    image = Image.fromarray(mask.astype(np.uint8) * 255, mode="L")
    return np.asarray(image.filter(ImageFilter.MinFilter(size))) > 0


def _index(ink: Ink) -> int:
    """The label :func:`ink_labels` gives the ink's pixels."""
    return list(Ink).index(ink) + 1


def _inks_in(labels: np.ndarray) -> tuple[Ink, ...]:
    counts = np.bincount(labels.ravel(), minlength=len(Ink) + 1)[1:]
    total = int(counts.sum())
    if not total:
        return ()
    by_count = sorted(zip(counts, Ink, strict=True), key=lambda pair: -int(pair[0]))
    return tuple(ink for count, ink in by_count if count >= _MIN_INK_SHARE * total)


def _grid_regions(mask_: np.ndarray, cell: int) -> list[BBox]:
    """Boxes (in pixels) of the connected groups of ``mask_`` cells, grown to join."""
    grown = mask_.copy()
    for _ in range(_JOIN_CELLS):
        step = grown.copy()
        step[1:, :] |= grown[:-1, :]
        step[:-1, :] |= grown[1:, :]
        step[:, 1:] |= grown[:, :-1]
        step[:, :-1] |= grown[:, 1:]
        grown = step
    boxes: list[BBox] = []
    for group in preprocess.connected(grown):
        cells = [(r, c) for r, c in group if mask_[r, c]]  # the growth only joined them
        if cells:
            boxes.append(preprocess.cells_to_box(cells, cell))
    return boxes
