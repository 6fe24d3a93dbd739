"""Rendering: laid-out pages drawn as clean page images."""

from __future__ import annotations

from PIL import Image, ImageChops, ImageDraw

from .fonts import Typesetter
from .geometry import (
    A4_MM,
    BASELINE,
    DEFAULT_DPI,
    LAYOUT_DPI,
    MAX_JUSTIFY_STRETCH,
    MM,
    PAPER_WHITE,
    SIGNATURE_INK_GREY,
    SIGNATURE_INKS,
    STAMP_INK_GREY,
    STAMP_INKS,
    TEXT_INK,
)
from .inking import apply_density, density, signature_layer, signature_strokes
from .layout import PlacedLine, PlacedRule, PlacedStamp, layout_letter
from .model import LetterSpec


def a4_size(dpi: float) -> tuple[int, int]:
    """A4 page size in pixels at a resolution (2480 x 3508 at 300 dpi)."""
    return round(A4_MM[0] / 25.4 * dpi), round(A4_MM[1] / 25.4 * dpi)


# A grey level (mode "L") or an RGB colour.
Ink = int | tuple[int, int, int]


def _ink(mode: str, grey: int, colour: tuple[int, int, int] | None = None) -> Ink:
    if mode == "RGB":
        return colour or (grey, grey, grey + 5)
    return grey


def _draw_line(
    draw: ImageDraw.ImageDraw, line: PlacedLine, ts: Typesetter, scale: float, ink: Ink
) -> None:
    x0, width = line.x * scale, line.width * scale
    baseline = (line.y + BASELINE * max(ts.size(r) / scale for _, r in line.runs)) * scale
    words = line.runs[0][0].split(" ") if len(line.runs) == 1 else []
    if line.justify and len(words) > 1:
        font = ts.font(line.runs[0][1])
        natural = sum(font.getlength(w) for w in words)
        gap = (width - natural) / (len(words) - 1)
        if gap <= MAX_JUSTIFY_STRETCH * font.getlength(" "):
            x = x0
            for word in words:
                draw.text((x, baseline), word, font=font, fill=ink, anchor="ls")
                x += font.getlength(word) + gap
            return
    total = ts.width(line.runs)
    x = {"left": x0, "right": x0 + width - total, "center": x0 + (width - total) / 2}.get(
        line.align, x0
    )
    for text, role in line.runs:
        font = ts.font(role)
        draw.text((x, baseline), text, font=font, fill=ink, anchor="ls")
        x += font.getlength(text)


def _draw_stamp(page: Image.Image, stamp: PlacedStamp, ts: Typesetter, scale: float) -> None:
    look = stamp.look
    w, h = max(1, round(stamp.width * scale)), max(1, round(stamp.height * scale))
    white = _ink(page.mode, PAPER_WHITE, (255, 255, 255))
    ink = _ink(page.mode, STAMP_INK_GREY, STAMP_INKS.get(look.ink))
    layer = Image.new(page.mode, (w, h), white)
    draw = ImageDraw.Draw(layer)
    if look.frame == "rounded":
        border = max(1, round(0.35 * ts.dpi / 25.4))
        draw.rounded_rectangle((0, 0, w - 1, h - 1), radius=border * 3, outline=ink, width=border)
    elif look.frame == "thin":
        border = max(1, round(0.2 * ts.dpi / 25.4))
        draw.rectangle((0, 0, w - 1, h - 1), outline=ink, width=border)
    for line in stamp.lines:
        _draw_line(draw, line, ts, scale, ink)
    if look.wear > 0:
        layer = apply_density(layer, density(layer.size, ts.dpi / 25.4, look.wear, look.seed))
    layer = layer.rotate(look.tilt, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=white)
    cx, cy = (stamp.x + stamp.width / 2) * scale, (stamp.y + stamp.height / 2) * scale
    _darken(page, layer, (cx - layer.width / 2, cy - layer.height / 2))
    if look.signature is not None:
        _draw_signature(page, stamp, scale, (cx, cy))


def _draw_signature(
    page: Image.Image, stamp: PlacedStamp, scale: float, centre: tuple[float, float]
) -> None:
    """A handwritten signature across a stamp (centred on it), in ballpoint over its ink."""
    look = stamp.look
    assert look.signature is not None
    strokes = signature_strokes(look.seed, stamp.width / MM, stamp.height / MM)
    grey = SIGNATURE_INK_GREY[look.signature]
    pen = _ink(page.mode, grey, SIGNATURE_INKS[look.signature])
    layer, origin = signature_layer(strokes, scale * MM, page.mode, pen)
    _darken(page, layer, (centre[0] - origin[0], centre[1] - origin[1]))


def _darken(page: Image.Image, layer: Image.Image, at: tuple[float, float]) -> None:
    """Lay an ink-on-white layer on the page at a position: the darker pixel wins."""
    left, top = round(at[0]), round(at[1])
    box = (
        max(0, left),
        max(0, top),
        min(page.width, left + layer.width),
        min(page.height, top + layer.height),
    )
    crop = layer.crop((box[0] - left, box[1] - top, box[2] - left, box[3] - top))
    page.paste(ImageChops.darker(page.crop(box), crop), box[:2])


def render_letter(
    spec: LetterSpec, *, dpi: int = DEFAULT_DPI, color: bool = False
) -> list[Image.Image]:
    """Render a letter's pages as clean images (white paper, black text).

    Args:
        spec: The letter.
        dpi: Output resolution; an A4 page is 2480 x 3508 pixels at 300 dpi.
        color: Render in RGB (stamps and signatures in their ink) instead of greyscale.

    Returns:
        One image per page (mode "L" or "RGB"); its text is ``page_texts(spec)``.
    """
    mode = "RGB" if color else "L"
    scale = dpi / LAYOUT_DPI
    ts = Typesetter(spec.layout, dpi)
    text_ink = _ink(mode, TEXT_INK, (TEXT_INK, TEXT_INK, TEXT_INK + 8))
    images = []
    for page in layout_letter(spec):
        image = Image.new(mode, a4_size(dpi), _ink(mode, PAPER_WHITE, (255, 255, 255)))
        draw = ImageDraw.Draw(image)
        for item in page.items:
            if isinstance(item, PlacedLine):
                _draw_line(draw, item, ts, scale, text_ink)
            elif isinstance(item, PlacedRule):
                y = item.y * scale
                thick = max(1, round(0.3 * dpi / 25.4))
                draw.line(
                    (item.x * scale, y, (item.x + item.width) * scale, y),
                    fill=text_ink,
                    width=thick,
                )
        for item in page.items:
            if isinstance(item, PlacedStamp):
                _draw_stamp(image, item, ts, scale)
        images.append(image)
    return images
