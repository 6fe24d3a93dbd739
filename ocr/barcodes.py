"""Barcodes and QR codes on a page, read with zxing-cpp (one module per external tool).

Archives' separator sheets often carry a barcode or a QR code instead of a patch code
(some encode the batch's or the case's number); zxing-cpp reads every common format.
"""

from __future__ import annotations

import zxingcpp
from PIL import Image

from ocr.types import BBox, Code

WORK_DPI = 150  # a separator's code is printed large; at half a scan's pixels it reads 5x faster


def find_codes(image: Image.Image, dpi: int) -> tuple[Code, ...]:
    """The barcodes and QR codes zxing-cpp reads on a page, in page pixels.

    Args:
        image: The page (grey or colour).
        dpi: Its resolution.
    """
    scale = min(1.0, WORK_DPI / dpi)
    small = image.convert("L")
    if scale < 1.0:
        small = small.resize(
            (max(1, round(image.width * scale)), max(1, round(image.height * scale))),
            Image.Resampling.BOX,
        )
    found = []
    for barcode in zxingcpp.read_barcodes(small):
        if not barcode.valid or not barcode.text:
            continue
        at = barcode.position
        corners = (at.top_left, at.top_right, at.bottom_left, at.bottom_right)
        xs = [corner.x for corner in corners]
        ys = [corner.y for corner in corners]
        box = BBox(*(round(v / scale) for v in (min(xs), min(ys), max(xs) + 1, max(ys) + 1)))
        found.append(Code(barcode.format.name, barcode.text, box))
    return tuple(found)
