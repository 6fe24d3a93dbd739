"""Separator sheets, as an archive prints them to put between letters in a scanner's stack.

A sheet carries a Kodak patch code (four bars across the page, near its top edge, as a
scanner reads them: Patch T or 2 between documents), a QR code or a Code 128 barcode, and
a printed heading; it is scanned like the letters around it (skew, noise, a copier's
blur), so pismo's detection is measured on what a scanner gives.
"""

from __future__ import annotations

import random

import numpy as np
import zxingcpp
from PIL import Image, ImageDraw

from samples.generator.fonts import _load_font, font_faces
from samples.generator.scan import ScanProfile, degrade

KINDS = ("patch", "qr", "barcode")
A4_INCHES = (8.27, 11.69)
# Wide and narrow bars and the spaces between them, in inches (the patch specification).
WIDE, NARROW = 0.20, 0.08
PATCHES = {"T": "NWNW", "2": "WNNW", "3": "WNWN"}
HEADINGS = ("ARKUSZ ROZDZIELAJĄCY", "SEPARATOR", "PRZEKŁADKA DOKUMENTÓW")


def separator_sheet(kind: str, rng: random.Random, *, dpi: int = 300) -> Image.Image:
    """A separator sheet, scanned.

    Args:
        kind: ``patch``, ``qr`` or ``barcode`` (see :data:`KINDS`).
        rng: Random source (which code, what it encodes, the scan's defects).
        dpi: The scan's resolution.
    """
    width, height = (round(inches * dpi) for inches in A4_INCHES)
    page = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(page)
    heading = rng.choice(HEADINGS)
    font = _load_font(font_faces("dejavu")["bold"], dpi * 0.3)
    draw.text((width // 2, round(height * 0.45)), heading, fill=0, font=font, anchor="mm")
    if kind == "patch":
        name = rng.choice(tuple(PATCHES))
        _draw_patch(draw, PATCHES[name], dpi, top=round(dpi * rng.uniform(0.5, 1.5)))
        caption = f"PATCH {name}"
    else:
        number = rng.randint(1, 9999)
        text = f"SEPARATOR {number:04d}" if kind == "qr" else f"SEP-{number:04d}"
        formats = zxingcpp.BarcodeFormat
        barcode = zxingcpp.create_barcode(text, formats.QRCode if kind == "qr" else formats.Code128)
        scale = max(2, round(dpi / (25 if kind == "qr" else 60)))
        code = Image.fromarray(np.asarray(barcode.to_image(scale=scale)))
        if kind == "barcode":  # a linear code's bars, drawn tall
            code = code.resize((code.width, round(dpi * 0.8)), Image.Resampling.NEAREST)
        page.paste(code.convert("L"), ((width - code.width) // 2, round(height * 0.15)))
        caption = text
    small = _load_font(font_faces("dejavu")["regular"], dpi * 0.12)
    draw.text((width // 2, round(height * 0.52)), caption, fill=0, font=small, anchor="mm")
    profile = ScanProfile(
        dpi=dpi,
        skew=round(rng.uniform(-1.5, 1.5), 2),
        blur=rng.choice((0.0, 0.6)),
        noise=rng.choice((0.0, 6.0)),
        paper=rng.choice((None, 236)),
    )
    return degrade(page, profile, np.random.default_rng(rng.randrange(2**32))).convert("L")


def _draw_patch(draw: ImageDraw.ImageDraw, pattern: str, dpi: int, *, top: int) -> None:
    """Four bars across the page, ``top`` pixels from its top edge, an inch from its sides."""
    width = draw.im.size[0]
    y = float(top)
    for letter in pattern:
        thick = (WIDE if letter == "W" else NARROW) * dpi
        draw.rectangle((dpi, round(y), width - dpi, round(y + thick) - 1), fill=0)
        y += thick + NARROW * dpi
