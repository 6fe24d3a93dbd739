from __future__ import annotations

import inspect
import io
import struct
import subprocess
import time
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pdf2image
import pytest
from PIL import Image, ImageDraw, ImageFile

from ocr.errors import InputFileError
from ocr.load import InputFormat, LoadOptions, credible_dpi, iter_pages, open_document
from ocr.types import PageImage
from tests.conftest import write_pdf

PAGE_SIZE = (420, 595)  # A5 at 72 dpi: small, and letter-shaped


def _page(size: tuple[int, int] = PAGE_SIZE) -> Image.Image:
    image = Image.new("L", size, 255)
    ImageDraw.Draw(image).rectangle((40, 40, 300, 60), fill=0)
    return image


def _transparent_gif(path: Path, size: tuple[int, int] = (555, 774)) -> Path:
    """A palette GIF like the real scans: background index transparent (and black)."""
    image = Image.new("P", size, 0)
    image.putpalette([0, 0, 0, 0, 0, 0, 255, 255, 255])  # 0 transparent, 1 ink, 2 white
    ImageDraw.Draw(image).rectangle((50, 50, 400, 80), fill=1)
    image.save(path, transparency=0)
    return path


def _png_chunk(kind: bytes, body: bytes) -> bytes:
    crc = zlib.crc32(kind + body) & 0xFFFFFFFF
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)


def _png_header_only(path: Path, width: int, height: int) -> Path:
    """A valid-looking PNG whose IHDR claims ``width`` x ``height`` 8-bit gray pixels."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    data = (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", ihdr)
        + _png_chunk(b"IDAT", zlib.compress(b"\0" * 64))
        + _png_chunk(b"IEND", b"")
    )
    path.write_bytes(data)
    return path


def _save_pdf(path: Path, pages: int = 1) -> Path:
    page = _page()
    rest = [_page() for _ in range(pages - 1)]
    page.save(path, "PDF", resolution=72, save_all=True, append_images=rest)
    return path


def _save_tiff(path: Path, pages: int = 3) -> Path:
    frames = [_page() for _ in range(pages)]
    frames[0].save(path, save_all=True, append_images=frames[1:], dpi=(72, 72))
    return path


def _image_writer(fmt: str, **params: object) -> Callable[[Path], Path]:
    def write(path: Path) -> Path:
        _page().save(path, fmt, **params)
        return path

    return write


WRITERS: dict[str, tuple[Callable[[Path], Path], InputFormat, int]] = {
    "letter.pdf": (lambda p: _save_pdf(p, pages=2), InputFormat.PDF, 2),
    "letter.tif": (lambda p: _save_tiff(p, pages=3), InputFormat.TIFF, 3),
    "letter.jpg": (_image_writer("JPEG", dpi=(72, 72)), InputFormat.JPEG, 1),
    "letter.png": (_image_writer("PNG", dpi=(72, 72)), InputFormat.PNG, 1),
    "letter.gif": (_transparent_gif, InputFormat.GIF, 1),
    "letter.bmp": (_image_writer("BMP"), InputFormat.BMP, 1),
    "letter.webp": (_image_writer("WEBP"), InputFormat.WEBP, 1),
}


@pytest.mark.parametrize("name", list(WRITERS))
def test_open_document_identifies_format_and_page_count(tmp_path: Path, name: str) -> None:
    write, expected_format, expected_pages = WRITERS[name]
    document = open_document(write(tmp_path / name))
    assert document.format is expected_format
    assert document.page_count == expected_pages


@pytest.mark.parametrize("name", list(WRITERS))
def test_iter_pages_yields_every_page_numbered(tmp_path: Path, name: str) -> None:
    write, _, expected_pages = WRITERS[name]
    pages = list(iter_pages(open_document(write(tmp_path / name))))
    assert [p.number for p in pages] == list(range(1, expected_pages + 1))
    assert all(isinstance(p, PageImage) and min(p.image.size) >= 16 for p in pages)


@pytest.mark.parametrize("name", ["letter.pdf", "letter.tif"])
def test_iter_pages_is_lazy_one_page_at_a_time(tmp_path: Path, name: str) -> None:
    write, _, _ = WRITERS[name]
    pages = iter_pages(open_document(write(tmp_path / name)))
    assert inspect.isgenerator(pages)
    # After isgenerator() mypy sees a GeneratorType[object, ...], not the Iterator[PageImage].
    first = next(pages)
    assert first.number == 1  # type: ignore[attr-defined]
    assert next(pages).number == 2  # type: ignore[attr-defined]


def test_iter_pages_renders_one_pdf_page_per_step(tmp_path: Path, monkeypatch) -> None:
    rendered: list[tuple[int, int]] = []
    real = pdf2image.convert_from_path

    def spy(path: str, **kwargs: Any) -> list[Image.Image]:
        rendered.append((kwargs["first_page"], kwargs["last_page"]))
        return real(path, **kwargs)

    monkeypatch.setattr(pdf2image, "convert_from_path", spy)
    rendering = LoadOptions(embedded_scans=False)  # Pillow's PDF pages are JPEG scans
    document = open_document(_save_pdf(tmp_path / "three.pdf", pages=3), rendering)
    pages = iter_pages(document, rendering)
    next(pages)
    assert rendered == [(1, 1)]
    next(pages)
    assert rendered == [(1, 1), (2, 2)]


def test_open_document_detects_format_by_content_not_extension(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    _page().save(path, "PNG")
    assert open_document(path).format is InputFormat.PNG


def test_iter_pages_renders_pdf_at_render_dpi(tmp_path: Path) -> None:
    path = _save_pdf(tmp_path / "a5.pdf")
    options = LoadOptions(render_dpi=150, embedded_scans=False)
    page = next(iter_pages(open_document(path, options), options))
    assert page.dpi == 150
    assert page.dpi_estimated is False
    # A5 at 72 dpi is 420x595 points: at 150 dpi that is about 875x1240 pixels.
    assert page.image.size == pytest.approx((875, 1240), abs=2)


def test_iter_pages_reads_credible_dpi_from_file(tmp_path: Path) -> None:
    path = tmp_path / "a4.png"
    Image.new("L", (1240, 1754), 255).save(path, dpi=(150, 150))
    page = next(iter_pages(open_document(path)))
    assert page.dpi == 150
    assert page.dpi_estimated is False


def test_iter_pages_estimates_dpi_of_small_gif_without_dpi(tmp_path: Path) -> None:
    path = _transparent_gif(tmp_path / "scan.gif", size=(555, 774))
    page = next(iter_pages(open_document(path)))
    assert page.dpi_estimated is True
    assert page.source_dpi == pytest.approx(66.2, abs=0.5)
    assert page.dpi == 66


def test_iter_pages_does_not_believe_72_dpi_on_a_300_dpi_scan(tmp_path: Path) -> None:
    path = tmp_path / "a4.png"
    Image.new("L", (2480, 3508), 255).save(path, dpi=(72, 72))
    page = next(iter_pages(open_document(path)))
    assert page.dpi_estimated is True
    assert page.dpi == pytest.approx(300, abs=1)


@pytest.mark.parametrize(
    ("claimed", "size", "expected_dpi", "estimated"),
    [
        ((300, 300), (2480, 3508), 300, False),
        ((200.0, 200.0), (1654, 2339), 200, False),
        (150, (1240, 1754), 150, False),
        (None, (555, 774), 66.2, True),
        ((0, 0), (2480, 3508), 300.1, True),
        ((72, 72), (2480, 3508), 300.1, True),  # a 48-inch page: the 72 is a default
        ((2400, 2400), (2480, 3508), 300.1, True),  # over the credible range
        ((40, 40), (330, 468), 40.0, True),  # under the credible range
        ("junk", (2480, 3508), 300.1, True),
        ((), (2480, 3508), 300.1, True),
    ],
)
def test_credible_dpi_believes_only_plausible_claims(
    claimed: object, size: tuple[int, int], expected_dpi: float, estimated: bool
) -> None:
    dpi, was_estimated = credible_dpi(claimed, size)
    assert was_estimated is estimated
    assert dpi == pytest.approx(expected_dpi, abs=0.2)


def test_iter_pages_honours_exif_orientation(tmp_path: Path) -> None:
    # Stored landscape with the ink top-left; tag 6 says "rotate 90 degrees clockwise".
    image = Image.new("L", (400, 200), 255)
    image.paste(0, (0, 0, 60, 60))
    exif = Image.Exif()
    exif[0x0112] = 6
    path = tmp_path / "phone.jpg"
    image.save(path, exif=exif.tobytes(), quality=95)
    page = next(iter_pages(open_document(path)))
    assert page.image.size == (200, 400)
    pixels = np.asarray(page.image.convert("L"))
    assert pixels[:50, -50:].mean() < 60  # the ink is now top-right
    assert pixels[:50, :50].mean() > 200


def test_iter_pages_keeps_gif_transparency_for_preprocessing(tmp_path: Path) -> None:
    page = next(iter_pages(open_document(_transparent_gif(tmp_path / "scan.gif"))))
    assert "transparency" in page.image.info


def _assert_input_error(path: Path, options: LoadOptions | None = None) -> str:
    """Open and decode every page of ``path``; return the InputFileError message."""
    options = options or LoadOptions()
    with pytest.raises(InputFileError) as caught:
        list(iter_pages(open_document(path, options), options))
    message = str(caught.value)
    assert path.name in message
    return message


def test_load_rejects_zero_byte_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    assert "empty" in _assert_input_error(path)


def test_load_rejects_text_file_named_tif(tmp_path: Path) -> None:
    path = tmp_path / "scan.tif"
    path.write_text("to nie jest obraz\n", encoding="utf-8")
    assert "not a PDF or an image format" in _assert_input_error(path)


def test_load_rejects_truncated_png(tmp_path: Path) -> None:
    path = tmp_path / "cut.png"
    _page((800, 1100)).save(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    assert "truncated" in _assert_input_error(path)


@pytest.mark.parametrize("keep", [0.3, 0.7], ids=["first-third", "most"])
def test_load_rejects_truncated_pdf(tmp_path: Path, keep: float) -> None:
    path = _save_pdf(tmp_path / "cut.pdf")
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * keep)])
    _assert_input_error(path)


def test_load_rejects_corrupt_pdf(tmp_path: Path) -> None:
    path = tmp_path / "corrupt.pdf"
    path.write_bytes(b"%PDF-1.4\n1 0 obj garbage endobj\n%%EOF\n")
    assert "PDF" in _assert_input_error(path)


def test_load_rejects_encrypted_pdf_mentioning_password(tmp_path: Path) -> None:
    plain = _save_pdf(tmp_path / "plain.pdf")
    locked = tmp_path / "locked.pdf"
    subprocess.run(
        ["qpdf", "--encrypt", "user", "owner", "256", "--", str(plain), str(locked)],
        check=True,
        capture_output=True,
    )
    message = _assert_input_error(locked)
    assert "password" in message
    assert "qpdf --decrypt" in message


@pytest.mark.parametrize("name", ["letter.png", "letter.tif", "letter.jpg", "letter.pdf"])
def test_load_rejects_image_over_max_pixels(tmp_path: Path, name: str) -> None:
    write, _, _ = WRITERS[name]
    message = _assert_input_error(write(tmp_path / name), LoadOptions(max_pixels=10_000))
    assert "max-pixels" in message


def test_open_document_rejects_png_bomb_from_header(tmp_path: Path, monkeypatch) -> None:
    path = _png_header_only(tmp_path / "bomb.png", 60_000, 60_000)

    def no_decoding(self: ImageFile.ImageFile) -> None:
        raise AssertionError("the loader decoded pixels of an image it should refuse")

    monkeypatch.setattr(ImageFile.ImageFile, "load", no_decoding)
    start = time.perf_counter()
    with pytest.raises(InputFileError) as caught:
        open_document(path)
    assert time.perf_counter() - start < 1.0
    assert "bomb.png" in str(caught.value)
    assert "max-pixels" in str(caught.value)


def test_open_document_honours_max_pixels_above_pillow_default(tmp_path: Path) -> None:
    # 10000x10000 = 100 Mpx: over Pillow's 89 Mpx default, under the limit asked for.
    path = _png_header_only(tmp_path / "large.png", 10_000, 10_000)
    document = open_document(path, LoadOptions(max_pixels=200_000_000))
    assert document.page_count == 1


@pytest.mark.parametrize(
    ("name", "max_pages"), [("letter.pdf", 1), ("letter.tif", 2)], ids=["pdf", "tiff"]
)
def test_open_document_rejects_too_many_pages(tmp_path: Path, name: str, max_pages: int) -> None:
    write, _, _ = WRITERS[name]
    path = write(tmp_path / name)
    with pytest.raises(InputFileError, match="max-pages") as caught:
        open_document(path, LoadOptions(max_pages=max_pages))
    assert path.name in str(caught.value)


@pytest.mark.parametrize("size", [(1, 1), (15, 400)], ids=["1x1", "sliver"])
def test_open_document_rejects_tiny_image(tmp_path: Path, size: tuple[int, int]) -> None:
    path = tmp_path / "dot.png"
    Image.new("L", size, 255).save(path)
    with pytest.raises(InputFileError, match="too small") as caught:
        open_document(path)
    assert "dot.png" in str(caught.value)


def test_open_document_rejects_directory(tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match="directory"):
        open_document(tmp_path)


def test_open_document_rejects_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match="missing.png"):
        open_document(tmp_path / "missing.png")


def test_fax_with_unequal_resolution_gets_square_pixels(tmp_path: Path) -> None:
    # Fax "normal" mode: 204 dpi across, 98 dpi down; the text would be squashed otherwise.
    path = tmp_path / "fax.tif"
    Image.new("1", (1728, 1145), 1).save(path, dpi=(204, 98), compression="group4")
    page = next(iter_pages(open_document(path)))
    assert page.image.size == (1728, round(1145 * 204 / 98))
    assert page.dpi == 204 and not page.dpi_estimated
    assert page.steps and "square pixels" in page.steps[0]


def test_truncated_multipage_tiff_is_an_input_error_naming_the_file(tmp_path: Path) -> None:
    whole = tmp_path / "whole.tif"
    pages = [Image.new("L", (800, 1100), 255 - 40 * i) for i in range(3)]
    pages[0].save(whole, save_all=True, append_images=pages[1:], compression="tiff_lzw")
    cut = tmp_path / "cut.tif"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size * 2 // 3])
    with pytest.raises(InputFileError, match="cut.tif"):
        document = open_document(cut)
        for _ in iter_pages(document):
            pass


def _scanned_pdf(path: Path, dpi: float = 200.0) -> Path:
    """A PDF as scanners write it: each page one JPEG covering the page."""
    images = [Image.new("L", (1654, 2339), 255) for _ in range(2)]
    for image in images:
        ImageDraw.Draw(image).rectangle((200, 200, 900, 260), fill=0)
    images[0].save(path, "PDF", resolution=dpi, save_all=True, append_images=images[1:])
    return path


def test_scanned_pdf_pages_are_read_from_their_own_jpeg(tmp_path: Path) -> None:
    document = open_document(_scanned_pdf(tmp_path / "scan.pdf"))
    assert {page: scan.ppi for page, scan in document.scans.items()} == {1: 200.0, 2: 200.0}
    pages = list(iter_pages(document))
    assert [(p.number, p.image.size, p.dpi, p.image.mode) for p in pages] == [
        (1, (1654, 2339), 200, "L"),
        (2, (1654, 2339), 200, "L"),
    ]
    rendered = next(
        iter_pages(open_document(tmp_path / "scan.pdf", LoadOptions(embedded_scans=False)))
    )
    assert rendered.dpi == 300  # rasterised at the render resolution instead


def test_a_pdf_page_with_more_than_one_scan_image_is_rendered(tmp_path: Path) -> None:
    from ocr import pdfimages

    rows = [
        ["1", "0", "image", "1654", "2339", "gray", "1", "8", "jpeg", "no", "7", "0", "200", "200"]
    ]
    a4 = (595.0, 842.0)
    assert pdfimages._whole_page_jpeg(rows, a4) == 200.0
    assert pdfimages._whole_page_jpeg(rows * 2, a4) is None  # a logo beside the scan
    logo = [[*rows[0][:3], "400", "200", *rows[0][5:]]]
    assert pdfimages._whole_page_jpeg(logo, a4) is None  # does not cover the page
    flate = [[*rows[0][:8], "image", *rows[0][9:]]]
    assert pdfimages._whole_page_jpeg(flate, a4) is None  # not a JPEG: poppler would re-encode
    assert pdfimages._page_sizes("Page    3 size: 595 x 842 pts (A4)\nPage    3 rot:  90\n") == (
        {3: (595.0, 842.0)},
        {3},
    )


def _pdf_with_drawing_over_scan(path: Path) -> Path:
    """One whole-page JPEG and, drawn over it, a black box (a stamp added electronically)."""
    image = Image.new("L", (1654, 2339), 255)
    ImageDraw.Draw(image).rectangle((200, 200, 900, 260), fill=0)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG")
    jpeg = buffer.getvalue()
    content = b"q 595.44 0 0 842.04 0 0 cm /Im1 Do Q 0 g 300 500 180 60 re f"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595.44 842.04] "
        b"/Resources << /XObject << /Im1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /XObject /Subtype /Image /Width 1654 /Height 2339 /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8 /Filter /DCTDecode /Length %d >>\nstream\n"
        % len(jpeg)
        + jpeg
        + b"\nendstream",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    ]
    return write_pdf(path, objects)


def test_a_scan_with_something_drawn_over_it_is_rendered_not_copied(tmp_path: Path) -> None:
    document = open_document(_pdf_with_drawing_over_scan(tmp_path / "stamped.pdf"))
    assert 1 in document.scans  # pdfimages sees only the scan...
    page = next(iter_pages(document))
    assert page.dpi == 300  # ...but the drawn box is there: the page was rendered
    # Pages are rendered in colour; in grey, Pillow's getpixel gives an int (typed as any).
    assert page.image.convert("L").getpixel((int(390 / 72 * 300), int((842 - 530) / 72 * 300))) < 64  # type: ignore[operator]
