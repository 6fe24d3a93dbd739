"""Writing files atomically: a temporary name in the same folder, then a rename."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from PIL import Image

FORMATS = {"png": "PNG", "jpg": "JPEG", "tif": "TIFF", "pdf": "PDF"}
MULTIPAGE_FORMATS = ("pdf", "tif")
PDF_JPEG_QUALITY = 80


def atomic_write(path: Path, write: Callable[[Path], object]) -> None:
    """Write a file under a temporary name, then rename it into place.

    Args:
        path: The final path.
        write: Writes the content to the path it is given (its result is ignored).
    """
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        write(tmp)
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)


def write_text(path: Path, text: str) -> None:
    """Write UTF-8 text atomically (newlines as given)."""
    atomic_write(path, lambda p: p.write_bytes(text.encode("utf-8")))


def write_json(path: Path, data: object) -> None:
    """Write pretty UTF-8 JSON atomically."""
    write_text(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def write_scan(
    path: Path,
    pages: Sequence[Image.Image],
    *,
    fmt: str,
    dpi: int | None,
    jpeg_quality: int | None = None,
    title: str = "",
    created: time.struct_time | None = None,
) -> None:
    """Write page images as a scan file.

    Args:
        path: Output path.
        pages: Page images; several only for "pdf" and "tif".
        fmt: "png", "jpg", "tif" or "pdf".
        dpi: Resolution written into the file, or None to write none (not for PDF).
        jpeg_quality: JPEG quality for "jpg" (and the JPEG-coded pages of a PDF).
        title: PDF document title.
        created: PDF creation date (fixed, so that regenerating gives the same bytes).

    Raises:
        ValueError: For several pages in a single-page format, or a PDF without dpi.
    """
    if len(pages) > 1 and fmt not in MULTIPAGE_FORMATS:
        raise ValueError(f"{fmt} holds one page, got {len(pages)}")
    first, rest = pages[0], list(pages[1:])
    params: dict[str, object] = {"format": FORMATS[fmt]}
    if dpi is not None:
        params["dpi"] = (dpi, dpi)
    if fmt == "png":
        params["optimize"] = True
    elif fmt == "jpg":
        first = first.convert("RGB" if first.mode == "RGB" else "L")
        params.update(quality=jpeg_quality or 85, optimize=True)
    elif fmt == "tif":
        params["compression"] = "group4" if first.mode == "1" else "tiff_deflate"
        params.update(save_all=True, append_images=rest)
    elif fmt == "pdf":
        if dpi is None:
            raise ValueError("a PDF needs a resolution")
        params.pop("dpi")
        stamp = created or time.struct_time((2020, 1, 1, 0, 0, 0, 2, 1, 0))
        params.update(
            save_all=True,
            append_images=rest,
            resolution=float(dpi),
            title=title,
            creationDate=stamp,
            modDate=stamp,
        )
        if first.mode != "1":  # bilevel pages go in as CCITT G4, which takes no quality
            params["quality"] = jpeg_quality or PDF_JPEG_QUALITY
    atomic_write(path, lambda p: first.save(p, **params))  # type: ignore[arg-type]  # PIL kwargs
