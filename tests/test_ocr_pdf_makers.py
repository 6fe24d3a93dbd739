"""PDFs as scanners, scripts and phone apps make them: every one read at its true resolution.

Pillow (``Image.save("x.pdf")``, 72 dpi by default), img2pdf (with and without ``--dpi``),
OCRmyPDF (the scan plus a text layer) and a mixed-raster (MRC) page (a 150-dpi JPEG
background and a 300-dpi 1-bit text mask) write the same A4 scan on pages of very
different nominal sizes: a 72-dpi default makes a 1654x2339-pixel scan a 23x32-inch page.
The loader judges what is really decoded (the scan's own pixels) and reads a page of no
letter's size as an A4 page; a genuinely oversized scan stays refused.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import img2pdf
import pikepdf
import pytest
from PIL import Image

import pipeline
from ocr.errors import InputFileError
from ocr.load import A4_LONG_SIDE_IN, LoadOptions, iter_pages, open_document
from tests.conftest import Renderer

SCAN_DPI = 200  # the scan's true resolution: an A4 page of 1654x2339 pixels
REFERENCE = "ORG.1431.58.2024"  # the reference of tests.conftest.LETTER_LINES


@pytest.fixture(scope="module")
def scan(render_page: Renderer, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The letter scanned as an A4 JPEG at 200 dpi."""
    path = tmp_path_factory.mktemp("scan") / "scan.jpg"
    render_page(dpi=SCAN_DPI, paper="a4", font_pt=11).save(path, quality=90)
    return path


def _pillow(dpi: float | None) -> Callable[[Path, Path], None]:
    def write(scan: Path, out: Path) -> None:
        image = Image.open(scan)
        image.save(out, "PDF", **({} if dpi is None else {"resolution": dpi}))

    return write


def _img2pdf(dpi: float | None) -> Callable[[Path, Path], None]:
    def write(scan: Path, out: Path) -> None:
        # Without --dpi, img2pdf takes the JPEG's own (none here: 96 dpi, its default).
        if dpi is None:
            out.write_bytes(img2pdf.convert(str(scan)))
        else:
            layout = img2pdf.get_fixed_dpi_layout_fun((dpi, dpi))
            out.write_bytes(img2pdf.convert(str(scan), layout_fun=layout))

    return write


MAKERS = {
    "pillow-default": _pillow(None),  # 72 dpi: a 23x32-inch page
    "pillow-150": _pillow(150),
    "pillow-200": _pillow(200),
    "pillow-300": _pillow(300),
    "pillow-600": _pillow(600),  # a 2.8x3.9-inch page
    "img2pdf-default": _img2pdf(None),
    "img2pdf-72": _img2pdf(72),
    "img2pdf-150": _img2pdf(150),
    "img2pdf-300": _img2pdf(300),
    "img2pdf-600": _img2pdf(600),
}
# The dpi a page is read at: the claim where it gives a letter-sized page (5-17 inches
# long), else the A4 estimate from the pixels (200).
CREDIBLE = {
    "pillow-150": 150,
    "pillow-200": 200,
    "pillow-300": 300,
    "img2pdf-150": 150,
    "img2pdf-300": 300,
}


@pytest.mark.parametrize("maker", list(MAKERS))
def test_each_maker_s_page_is_read_from_its_own_pixels(
    maker: str, scan: Path, tmp_path: Path
) -> None:
    path = tmp_path / f"{maker}.pdf"
    MAKERS[maker](scan, path)
    (page,) = iter_pages(open_document(path))
    assert page.image.size == Image.open(scan).size  # the scan itself: nothing upsampled
    assert page.dpi == CREDIBLE.get(maker, SCAN_DPI)
    assert page.dpi_estimated == (maker not in CREDIBLE)


def test_a_page_of_no_letter_s_size_is_rendered_as_an_a4_page(scan: Path, tmp_path: Path) -> None:
    path = tmp_path / "default.pdf"
    _pillow(None)(scan, path)
    options = LoadOptions(embedded_scans=False)  # rendered, as a page with more on it is
    (page,) = iter_pages(open_document(path, options), options)
    assert abs(page.image.height - 3508) <= 2 and page.dpi == 300 and page.dpi_estimated
    _pillow(SCAN_DPI)(scan, path)  # a true A4 page: rendered at 300 dpi, nothing estimated
    (page,) = iter_pages(open_document(path, options), options)
    assert abs(page.image.height - 3508) <= 2 and page.dpi == 300 and not page.dpi_estimated


def test_the_pixel_guard_judges_the_scan_not_the_nominal_page(scan: Path, tmp_path: Path) -> None:
    path = tmp_path / "default.pdf"
    _pillow(None)(scan, path)
    # The nominal page at 300 dpi would be 6891x9746 = 67 Mpx; the scan is 3.9 Mpx.
    (page,) = iter_pages(open_document(path, LoadOptions(max_pixels=5_000_000)))
    assert page.image.size == Image.open(scan).size
    small = LoadOptions(max_pixels=3_000_000)
    with pytest.raises(InputFileError) as caught:  # a scan over the limit stays refused
        list(iter_pages(open_document(path, small), small))
    assert "default.pdf" in str(caught.value) and "max-pixels" in str(caught.value)


def test_each_page_of_a_pdf_is_scaled_by_its_own_size(scan: Path, tmp_path: Path) -> None:
    # Page 1 on a 72-dpi default page, page 2 on a true A4 page: one file.
    first, second = tmp_path / "first.pdf", tmp_path / "second.pdf"
    _pillow(None)(scan, first)
    _pillow(SCAN_DPI)(scan, second)
    joined = pikepdf.new()
    for part in (first, second):
        with pikepdf.open(part) as source:
            joined.pages.extend(source.pages)
    path = tmp_path / "mixed.pdf"
    joined.save(path)
    read = [(p.dpi, p.dpi_estimated) for p in iter_pages(open_document(path))]
    assert read == [(SCAN_DPI, True), (SCAN_DPI, False)]
    options = LoadOptions(embedded_scans=False)
    pages = list(iter_pages(open_document(path, options), options))
    assert [abs(p.image.height - 3508) <= 2 for p in pages] == [True, True]  # both A4
    assert [p.dpi_estimated for p in pages] == [True, False]


def _mrc(scan: Path, out: Path) -> None:
    """A mixed-raster page: a 150-dpi JPEG background and a 300-dpi 1-bit text mask."""
    letter = Image.open(scan).convert("L")
    width_pt, height_pt = (v * 72 / SCAN_DPI for v in letter.size)
    background = letter.resize((round(width_pt * 150 / 72), round(height_pt * 150 / 72)))
    background = background.point(lambda v: 235 if v > 128 else 200)  # tinted paper
    mask = letter.resize((round(width_pt * 300 / 72), round(height_pt * 300 / 72)))
    mask = mask.point(lambda v: 0 if v < 128 else 255).convert("1")  # 0: painted (ink)
    pdf = pikepdf.new()
    jpeg = io.BytesIO()
    background.save(jpeg, "JPEG", quality=80)
    name = pikepdf.Name
    back = pikepdf.Stream(pdf, jpeg.getvalue())
    back.Type, back.Subtype, back.Filter = name.XObject, name.Image, name.DCTDecode
    back.Width, back.Height = background.width, background.height
    back.ColorSpace, back.BitsPerComponent = name.DeviceGray, 8
    stencil = pikepdf.Stream(pdf, mask.tobytes())
    stencil.Type, stencil.Subtype = name.XObject, name.Image
    stencil.Width, stencil.Height = mask.width, mask.height
    stencil.ImageMask, stencil.BitsPerComponent = True, 1
    draw = (
        f"q {width_pt:.2f} 0 0 {height_pt:.2f} 0 0 cm /Bg Do Q "
        f"q 0 g {width_pt:.2f} 0 0 {height_pt:.2f} 0 0 cm /Fg Do Q"
    )
    page = pikepdf.Dictionary(
        Type="/Page",
        MediaBox=[0, 0, width_pt, height_pt],
        Resources=pikepdf.Dictionary(XObject=pikepdf.Dictionary(Bg=back, Fg=stencil)),
        Contents=pikepdf.Stream(pdf, draw.encode()),
    )
    pdf.pages.append(pikepdf.Page(page))
    pdf.save(out)


def test_a_mixed_raster_page_is_rendered_at_its_masks_resolution(
    scan: Path, tmp_path: Path
) -> None:
    path = tmp_path / "mrc.pdf"
    _mrc(scan, path)
    document = open_document(path)
    assert not document.scans  # pieces, not one scan: rendered
    (page,) = iter_pages(document)
    assert page.dpi == 300 and abs(page.image.height - 3508) <= 2


def _ocrmypdf(scan: Path, out: Path) -> None:
    """The 72-dpi Pillow PDF given a text layer by OCRmyPDF."""
    source = out.with_name("for-ocrmypdf.pdf")
    _pillow(None)(scan, source)
    command = [sys.executable, "-m", "ocrmypdf", "-q", "-l", "pol", "--output-type", "pdf"]
    subprocess.run(
        [*command, str(source), str(out)], check=True, env={**os.environ, "OMP_THREAD_LIMIT": "1"}
    )
    source.unlink()


@pytest.mark.tesseract
def test_every_maker_s_pdf_gives_the_letter_s_fields(scan: Path, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for maker in ("pillow-default", "pillow-600", "img2pdf-default", "img2pdf-150"):
        MAKERS[maker](scan, folder / f"{maker}.pdf")
    _mrc(scan, folder / "mrc.pdf")
    _ocrmypdf(scan, folder / "ocrmypdf-72.pdf")  # a test dependency (pyproject: test)
    out = tmp_path / "out"
    assert pipeline.main(["run", str(folder), "-o", str(out), "-q"]) == 0
    height_px = Image.open(scan).height
    for pdf in sorted(folder.glob("*.pdf")):
        output = json.loads((out / f"{pdf.stem}.json").read_text(encoding="utf-8"))
        assert output["fields"]["reference_number"]["value"] == REFERENCE, pdf.name
        page = output["ocr"]["pages"][0]
        # The page is as long as its credible claim makes it, else an A4 page.
        claim = CREDIBLE.get(pdf.stem)
        inches = height_px / claim if claim else A4_LONG_SIDE_IN
        assert abs(page["height"] / page["dpi"] - inches) < 0.1, pdf.name
    # OCRmyPDF's text layer is read, scaled onto the page's own pixels (words on the page).
    stored = json.loads((out / "ocrmypdf-72.ocr.json").read_text(encoding="utf-8"))
    page = stored["pages"][0]
    assert page["source"] == "text-layer"
    boxes = [w["bbox"] for line in page["lines"] for w in line["words"]]
    assert boxes and all(0 <= b[0] < b[2] <= page["width"] for b in boxes)
    assert all(0 <= b[1] < b[3] <= page["height"] for b in boxes)
