"""Archival outputs beside the JSON: ALTO XML, a searchable PDF, the batch's review page.

Each is built from pismo's own data (words with boxes and confidences, the extracted
fields and their evidence), never by a second OCR pass.
"""

from __future__ import annotations

import io

from PIL import Image


def grey_jpeg(image: Image.Image, quality: int) -> tuple[bytes, tuple[int, int]]:
    """A page image as a grey JPEG (pages are read in grey), with its pixel size."""
    grey = image if image.mode == "L" else image.convert("L")
    buffer = io.BytesIO()
    grey.save(buffer, "JPEG", quality=quality)
    return buffer.getvalue(), grey.size
