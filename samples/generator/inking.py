"""Hand-stamped and handwritten ink: patchy stamp impressions and signatures.

Pure numpy/Pillow and deterministic from a seed. Shapes are drawn in millimetres and
scaled to the output resolution, so a letter looks alike at 300 and at 150 dpi.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import NDArray
from PIL import Image, ImageDraw

# Size of the patches of a stamp's uneven inking, and of its faded streaks.
_PATCH_MM = 2.5
_STREAK_MM = (0.8, 2.0)
# Least ink density left in a patch (times 1 - wear): even a worn stamp leaves a trace.
_MIN_DENSITY = 0.15


def density(size: tuple[int, int], px_per_mm: float, wear: float, seed: int) -> NDArray:
    """A stamp impression's ink density per pixel, 1 (full) down to nearly 0 (faded).

    Uneven pressure and a dry pad: smooth patches of lighter ink, a few faded streaks
    across the impression, and a fine grain.

    Args:
        size: (width, height) of the impression in pixels.
        px_per_mm: Pixels per millimetre of the output.
        wear: 0 (evenly inked: all ones) to 1.
        seed: Seed of the pattern.

    Returns:
        float32 array of shape (height, width).
    """
    w, h = size
    if wear <= 0:
        return np.ones((h, w), dtype=np.float32)
    rng = np.random.default_rng(seed)
    cells = (max(2, round(w / (_PATCH_MM * px_per_mm))), max(2, round(h / (_PATCH_MM * px_per_mm))))
    coarse = rng.uniform(0.0, 1.0, size=(cells[1], cells[0])).astype(np.float32)
    patches = Image.fromarray(coarse, "F").resize((w, h), Image.Resampling.BICUBIC)
    # Patches: most of the stamp near full ink, some areas thin (the pad was dry there).
    field = np.clip(np.asarray(patches, dtype=np.float32), 0.0, 1.0)
    out = 1.0 - wear * (1.0 - _MIN_DENSITY) * np.clip(1.6 * (1.0 - field) - 0.4, 0.0, 1.0)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    for _ in range(int(rng.integers(1, 4))):  # faded strokes across the impression
        angle = rng.uniform(-0.6, 0.6)
        offset = rng.uniform(0.1, 0.9) * h
        width = rng.uniform(*_STREAK_MM) * px_per_mm
        distance = np.abs((yy - offset) * math.cos(angle) - (xx - w / 2) * math.sin(angle))
        out *= 1.0 - wear * 0.8 * np.exp(-((distance / width) ** 2))
    grain = rng.uniform(1.0 - 0.35 * wear, 1.0, size=(h, w)).astype(np.float32)
    return np.clip(out * grain, 0.0, 1.0).astype(np.float32)


def apply_density(layer: Image.Image, dens: NDArray) -> Image.Image:
    """Lighten an ink-on-white layer by a density: darkness times density, per pixel."""
    arr = np.asarray(layer, dtype=np.float32)
    darkness = 255.0 - arr
    scale = dens[..., None] if arr.ndim == 3 else dens
    out = 255.0 - darkness * scale
    return Image.fromarray(np.clip(np.rint(out), 0, 255).astype(np.uint8), layer.mode)


def _bezier(points: NDArray, n: int) -> NDArray:
    """The points (n of them) of the cubic Bezier curve through four control points (4 x 2)."""
    t = np.linspace(0.0, 1.0, n)[:, None]
    p0, p1, p2, p3 = points
    return (1 - t) ** 3 * p0 + 3 * (1 - t) ** 2 * t * p1 + 3 * (1 - t) * t**2 * p2 + t**3 * p3


def signature_strokes(seed: int, width_mm: float, height_mm: float) -> list[NDArray]:
    """A handwritten signature as pen strokes, in millimetres from the stamp's centre.

    A looping capital, a run of smaller cursive loops (sines with a loop-making
    back-and-forth), and a closing flourish under them; slanted, about as wide as the
    stamp and crossing its lines.

    Args:
        seed: Seed of the signature's shape.
        width_mm: Width of the stamp it crosses.
        height_mm: Its height.

    Returns:
        Strokes, each an (n, 2) array of (x, y) points, y downwards.
    """
    rng = np.random.default_rng(seed)
    span = width_mm * rng.uniform(0.65, 0.9)
    left = -span / 2 + rng.uniform(-0.08, 0.08) * width_mm
    base = height_mm * rng.uniform(0.05, 0.3)  # around the name line, low in the stamp
    amp = rng.uniform(2.2, 3.6)  # half the height of the small letters, mm
    slant = rng.uniform(0.15, 0.4)
    strokes = []
    cap_h = rng.uniform(0.35, 0.55) * height_mm + 4.0
    cap_w = rng.uniform(0.12, 0.2) * span
    capital = np.array(
        [
            [left + cap_w * 0.2, base + amp],
            [left - cap_w * 0.6, base - cap_h],
            [left + cap_w * 1.4, base - cap_h * 1.1],
            [left + cap_w, base + amp * 0.5],
        ]
    )
    strokes.append(_bezier(capital, 120))
    loops = int(rng.integers(5, 10))
    t = np.linspace(0.0, 1.0, 60 * loops)
    run = span - cap_w
    phase = rng.uniform(0, 2 * math.pi)
    envelope = 1.0 - 0.5 * t + 0.25 * np.sin(2 * math.pi * rng.uniform(0.5, 1.5) * t)
    # Letters of uneven height and width: a smooth random factor per loop.
    knots = rng.uniform(0.45, 1.3, size=loops + 1)
    envelope = envelope * np.interp(t * loops, np.arange(loops + 1), knots)
    wobble = np.interp(t * loops, np.arange(loops + 1), rng.uniform(0.2, 0.5, size=loops + 1))
    x = left + cap_w + run * t + wobble * run / loops * np.cos(2 * math.pi * loops * t + phase)
    y = base - amp * envelope * np.sin(2 * math.pi * loops * t) - rng.uniform(-2, 2) * t
    strokes.append(np.stack([x, y], axis=1))
    end = strokes[-1][-1]
    flourish = np.array(
        [
            end,
            [end[0] + rng.uniform(2, 6), end[1] + rng.uniform(3, 6)],
            [left + rng.uniform(0.1, 0.4) * span, base + rng.uniform(5, 8)],
            [left - rng.uniform(0, 4), base + rng.uniform(2, 5)],
        ]
    )
    strokes.append(_bezier(flourish, 120))
    out = []
    for stroke in strokes:
        slanted = stroke.copy()
        slanted[:, 0] -= slant * (stroke[:, 1] - base)  # lean to the right
        out.append(slanted)
    return out


def signature_layer(
    strokes: list[NDArray], px_per_mm: float, mode: str, ink: int | tuple[int, int, int]
) -> tuple[Image.Image, tuple[float, float]]:
    """Draw pen strokes (mm, relative to an origin) on a white layer.

    Args:
        strokes: From signature_strokes.
        px_per_mm: Output resolution.
        mode: "L" or "RGB".
        ink: Pen colour in that mode.

    Returns:
        The layer and where the origin is on it, in pixels.
    """
    points = np.concatenate(strokes) * px_per_mm
    pen = max(1, round(0.45 * px_per_mm))
    pad = 2 * pen
    lo = points.min(axis=0) - pad
    size = np.ceil(points.max(axis=0) - lo + pad).astype(int)
    white = 255 if mode == "L" else (255, 255, 255)
    layer = Image.new(mode, (int(size[0]), int(size[1])), white)
    draw = ImageDraw.Draw(layer)
    for stroke in strokes:
        xy = [(float(px), float(py)) for px, py in stroke * px_per_mm - lo]
        draw.line(xy, fill=ink, width=pen, joint="curve")
    return layer, (float(-lo[0]), float(-lo[1]))
