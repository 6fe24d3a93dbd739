"""OCR quality on the real scans and born-digital PDFs in ../shared (skipped without it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks import ocr_quality
from ocr.engine import OcrEngine, OcrMode, OcrOptions, read_document
from ocr.load import open_document
from ocr.types import PageSource
from tests.real_pdfs import BORN_DIGITAL, BORN_DIGITAL_PDFS, _pdf_params

SHARED = Path(__file__).resolve().parents[2] / "shared"
REAL = SHARED / "real-scans"
pytestmark = [
    pytest.mark.shared,
    pytest.mark.tesseract,
    pytest.mark.skipif(not REAL.is_dir(), reason="../shared/real-scans is not beside the repo"),
]


# Measured 8.7 % overall (4.5-11.8 % per scan) with Tesseract 5.3.0 and Debian's pol; the
# ceilings leave room for other Tesseract builds, not for regressions of the preprocessing
# (plain 2x upscaling without it gave 5-22 %).
GIF_CER_CEILING = {"006.txt": 0.13, "007.txt": 0.14, "008.txt": 0.07}


@pytest.fixture(scope="module")
def engine() -> OcrEngine:
    from ocr.tesseract import TesseractEngine

    return TesseractEngine()


@pytest.mark.parametrize("scan,text", sorted(ocr_quality.REAL_SCANS.items()))
def test_real_gif_scan_cer_under_ceiling(scan: str, text: str, engine: OcrEngine) -> None:
    document = read_document(open_document(REAL / scan), engine, OcrOptions(), source=scan)
    page = document.pages[0]
    assert page.dpi_estimated and page.source_dpi is not None and page.source_dpi < 80
    assert page.dpi >= 300  # upscaled to an OCR-able resolution
    reference = (SHARED / "dev-letters" / text).read_text(encoding="utf-8")
    # The reference transcribes the stamps where they stand: put their lines back there.
    assert ocr_quality.cer(ocr_quality.in_place(document), reference) <= GIF_CER_CEILING[text]


# Only the PDFs SOURCES.tsv documents as born-digital: the scans have no text layer.
@pytest.mark.parametrize("pdf", _pdf_params(BORN_DIGITAL_PDFS, BORN_DIGITAL))
def test_born_digital_pdf_is_read_from_its_text_layer(pdf: Path, engine: OcrEngine) -> None:
    document = read_document(open_document(pdf), engine, OcrOptions(), source=pdf.name)
    page = document.pages[0]
    assert page.source in (PageSource.TEXT_LAYER, PageSource.HYBRID)
    assert len(document.text) > 500
    for word in page.words:
        assert 0 <= word.bbox.left <= word.bbox.right <= page.width
        assert 0 <= word.bbox.top <= word.bbox.bottom <= page.height


def test_signature_image_on_a_born_digital_page_is_ocrd(engine: OcrEngine) -> None:
    # The Terespol letter's signer appears only inside an embedded e-signature image.
    pdf = REAL / "terespol_SM.1431.15.2025.pdf"
    document = read_document(open_document(pdf), engine, OcrOptions(), source=pdf.name)
    page = document.pages[0]
    assert page.source is PageSource.HYBRID
    region_text = " ".join(line.text for line in page.lines if line.block >= 1000)
    assert "Podpisany elektronicznie" in region_text


def test_ocr_always_ignores_the_text_layer(engine: OcrEngine) -> None:
    pdf = REAL / "pultusk_OR.1431.76.2025.pdf"
    options = OcrOptions(ocr_mode=OcrMode.ALWAYS)
    document = read_document(open_document(pdf), engine, options, source=pdf.name)
    assert document.pages[0].source is PageSource.OCR
    assert document.pages[0].mean_confidence is not None
