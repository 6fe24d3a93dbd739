from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageChops, ImageDraw

from ocr import preprocess
from ocr.engine import (
    REGION_BLOCK_BASE,
    OcrMode,
    OcrOptions,
    Orientation,
    OrientationMode,
    Recognition,
    iter_ocr_pages,
    read_document,
    read_image_page,
    read_layer_page,
)
from ocr.errors import OcrTimeoutError
from ocr.load import LoadOptions, open_document
from ocr.pdftext import TextLayer
from ocr.tesseract import TesseractEngine
from ocr.types import BBox, OcrLine, OcrWord, PageImage, PageSource
from tests.fakes import FakeEngine

GOOD_WORDS = ("Szanowna", "Pani,", "w", "odpowiedzi", "na", "wniosek", "z", "dnia", "20", "maja")
TIMEOUT = "Tesseract took longer than 180 s"


def _recognition(words: Sequence[str] = GOOD_WORDS, confidence: float = 0.95) -> Recognition:
    built = [
        OcrWord(text, BBox(100 * i, 10, 100 * i + 80, 40), confidence)
        for i, text in enumerate(words)
    ]
    return Recognition((OcrLine.from_words(built, block=1, paragraph=1),))


GOOD = _recognition()
GARBAGE = _recognition(("ȜȜ", "ʎuɐd", "ɐuʍouɐzS", "Ǝ", "ʍ", "ɹ"), confidence=0.2)


def _page(image: Image.Image, dpi: int = 150, number: int = 1) -> PageImage:
    return PageImage(number=number, image=image, dpi=dpi, source_dpi=float(dpi))


def _same(a: Image.Image, b: Image.Image) -> bool:
    return a.size == b.size and ImageChops.difference(a, b).getbbox() is None


def test_read_image_page_upright_is_recognised_once_without_osd(letter_image) -> None:
    engine = FakeEngine([GOOD])
    page = read_image_page(_page(letter_image), engine, OcrOptions())
    assert engine.kinds == ["recognize"]
    assert page.rotation == 0
    assert page.text == " ".join(GOOD_WORDS)
    assert page.source is PageSource.OCR
    assert page.dpi == engine.calls[0][2] == 300  # 150 dpi upsampled before OCR
    assert (page.width, page.height) == engine.calls[0][1].size
    assert page.preprocessing == ("resample 150->300 dpi",)


def test_read_image_page_repairs_recognised_words(letter_image) -> None:
    words = ("Zgodnie", "z", "$", "5", "ust.", "2", "pisz", "na", "biuroQgmina.pl")
    engine = FakeEngine([_recognition(words)])
    page = read_image_page(_page(letter_image), engine, OcrOptions())
    assert page.text == "Zgodnie z § 5 ust. 2 pisz na biuro@gmina.pl"


def test_read_image_page_low_confidence_retries_rotated_by_osd(letter_image) -> None:
    engine = FakeEngine([GARBAGE, GOOD], orientation=Orientation(180, 12.0))
    page = read_image_page(_page(letter_image), engine, OcrOptions())
    assert engine.kinds == ["recognize", "osd", "recognize"]
    first, second = engine.calls[0][1], engine.calls[2][1]
    assert _same(second, preprocess.rotate(first, 180))
    assert page.rotation == 180
    assert page.text == GOOD.lines[0].text
    assert any(step.startswith("rotate 180 deg") for step in page.preprocessing)


def test_read_image_page_keeps_first_reading_when_rotated_is_worse(letter_image) -> None:
    worse = _recognition(GOOD_WORDS, confidence=0.1)
    engine = FakeEngine([GARBAGE, worse], orientation=Orientation(180, 12.0))
    page = read_image_page(_page(letter_image), engine, OcrOptions())
    assert engine.kinds == ["recognize", "osd", "recognize"]
    assert page.rotation == 0
    assert page.text == GARBAGE.lines[0].text


@pytest.mark.parametrize(
    "orientation",
    [None, Orientation(0, 15.0), Orientation(180, 0.5)],
    ids=["undecided", "upright", "unsure"],
)
def test_read_image_page_osd_without_confident_rotation_keeps_page(
    letter_image, orientation: Orientation | None
) -> None:
    engine = FakeEngine([GARBAGE, GOOD], orientation=orientation)
    page = read_image_page(_page(letter_image), engine, OcrOptions())
    assert engine.kinds == ["recognize", "osd"]
    assert page.rotation == 0


def test_read_image_page_near_empty_garbage_is_not_sent_to_osd(letter_image) -> None:
    engine = FakeEngine([_recognition(["ȜȜ", "ʎ"], confidence=0.1)], Orientation(180, 12.0))
    read_image_page(_page(letter_image), engine, OcrOptions())
    assert engine.kinds == ["recognize"]


def test_read_image_page_orientation_off_never_calls_osd(letter_image) -> None:
    engine = FakeEngine([GARBAGE], orientation=Orientation(180, 12.0))
    options = OcrOptions(orientation=OrientationMode.OFF)
    read_image_page(_page(preprocess.rotate(letter_image, 90)), engine, options)
    assert engine.kinds == ["recognize"]


def test_read_image_page_orientation_osd_asks_before_reading(letter_image) -> None:
    engine = FakeEngine([GOOD], orientation=Orientation(0, 15.0))
    options = OcrOptions(orientation=OrientationMode.OSD)
    read_image_page(_page(letter_image), engine, options)
    assert engine.kinds == ["osd", "recognize"]


def test_read_image_page_sideways_page_is_turned_before_reading(letter_image) -> None:
    scan = preprocess.rotate(letter_image, 270)  # the page lies on its left side
    engine = FakeEngine([GOOD], orientation=Orientation(90, 15.0))
    page = read_image_page(_page(scan), engine, OcrOptions())
    assert engine.kinds == ["osd", "recognize"]
    assert page.rotation == 90
    read = engine.calls[1][1]
    assert read.height > read.width  # portrait again
    assert (page.width, page.height) == read.size


def test_read_image_page_records_deskew(letter_image) -> None:
    tilted = letter_image.rotate(-3, resample=Image.Resampling.BICUBIC, fillcolor=255)
    page = read_image_page(_page(tilted), FakeEngine([GOOD]), OcrOptions())
    assert page.skew == pytest.approx(3.0, abs=0.2)
    assert any(step.startswith("deskew +") for step in page.preprocessing)


def test_read_image_page_without_deskew_leaves_tilt(letter_image) -> None:
    tilted = letter_image.rotate(-3, resample=Image.Resampling.BICUBIC, fillcolor=255)
    page = read_image_page(_page(tilted), FakeEngine([GOOD]), OcrOptions(deskew=False))
    assert page.skew == 0.0


def test_read_image_page_clean_is_recorded(letter_image) -> None:
    page = read_image_page(_page(letter_image), FakeEngine([GOOD]), OcrOptions(clean=True))
    assert "clean background" in page.preprocessing


def test_read_image_page_timeout_gives_empty_page_with_warning(letter_image) -> None:
    engine = FakeEngine([OcrTimeoutError(TIMEOUT)])
    page = read_image_page(_page(letter_image), engine, OcrOptions())
    assert page.lines == ()
    assert len(page.warnings) == 1
    assert TIMEOUT in page.warnings[0]


def test_read_image_page_timeout_on_rotated_retry_is_a_warning(letter_image) -> None:
    engine = FakeEngine([GARBAGE, OcrTimeoutError(TIMEOUT)], Orientation(180, 12.0))
    page = read_image_page(_page(letter_image), engine, OcrOptions())
    assert any(TIMEOUT in warning for warning in page.warnings)


def test_read_image_page_osd_timeout_is_a_warning(letter_image) -> None:
    engine = FakeEngine([GOOD], orientation=OcrTimeoutError(TIMEOUT))
    page = read_image_page(_page(preprocess.rotate(letter_image, 90)), engine, OcrOptions())
    assert any(TIMEOUT in warning for warning in page.warnings)


# --- born-digital pages --------------------------------------------------------------------


def _draw(image: Image.Image, face: Any, xy: tuple[int, int], text: str) -> BBox:
    draw = ImageDraw.Draw(image)
    draw.text(xy, text, font=face, fill=0)
    return BBox(*(round(v) for v in draw.textbbox(xy, text, font=face)))


def _layer_line(box: BBox, text: str, block: int) -> OcrLine:
    return OcrLine.from_words([OcrWord(text, box, 1.0)], block=block)


@pytest.fixture
def hybrid_page(font) -> tuple[PageImage, TextLayer]:
    """An A4 page at 150 dpi: two text-layer lines, and a stamp image between them."""
    image = Image.new("L", (1240, 1754), 255)
    face = font(36)
    top = _draw(image, face, (100, 100), "Gmina Miasto Brzozów")
    _draw(image, face, (500, 800), "Podpisany elektronicznie")
    _draw(image, face, (500, 850), "przez Jan Kowalski")
    bottom = _draw(image, face, (100, 1500), "Otrzymuje: adresat")
    layer = TextLayer(
        1240,
        1754,
        150,
        (_layer_line(top, "Gmina Miasto Brzozów", 1), _layer_line(bottom, "Otrzymuje:", 2)),
    )
    return _page(image), layer


def test_read_layer_page_ocrs_only_uncovered_regions(hybrid_page) -> None:
    page_image, layer = hybrid_page
    (region,) = preprocess.uncovered_ink_regions(
        page_image.image, [w.bbox for line in layer.lines for w in line.words]
    )
    region_reading = Recognition(
        (
            OcrLine.from_words(
                [
                    OcrWord("Podpisany", BBox(5, 8, 200, 40), 0.9),
                    OcrWord("~~", BBox(210, 8, 240, 40), 0.1),  # scribble: dropped
                ],
                block=1,
            ),
        )
    )
    engine = FakeEngine([region_reading])
    page = read_layer_page(page_image, layer, engine)
    assert engine.kinds == ["recognize"]
    assert engine.calls[0][1].size == (region.width, region.height)
    assert page.source is PageSource.HYBRID
    texts = [line.text for line in page.lines]
    assert texts == ["Gmina Miasto Brzozów", "Podpisany", "Otrzymuje:"]
    ocr_line = page.lines[1]
    assert ocr_line.block == REGION_BLOCK_BASE
    assert ocr_line.words[0].bbox == BBox(
        region.left + 5, region.top + 8, region.left + 200, region.top + 40
    )
    assert page.preprocessing == ("text layer", "ocr of 1 image region(s)")


def test_read_layer_page_fully_covered_is_not_ocrd(hybrid_page) -> None:
    page_image, layer = hybrid_page
    blank = dataclasses.replace(page_image, image=Image.new("L", page_image.image.size, 255))
    engine = FakeEngine([GOOD])
    page = read_layer_page(blank, layer, engine)
    assert engine.kinds == []
    assert page.source is PageSource.TEXT_LAYER
    assert page.lines == layer.lines
    assert page.preprocessing == ("text layer",)


def test_read_layer_page_region_timeout_is_a_warning(hybrid_page) -> None:
    page_image, layer = hybrid_page
    engine = FakeEngine([OcrTimeoutError(TIMEOUT)])
    page = read_layer_page(page_image, layer, engine)
    assert page.source is PageSource.TEXT_LAYER
    assert page.lines == layer.lines
    assert len(page.warnings) == 1
    assert page.warnings[0].startswith("image region [") and TIMEOUT in page.warnings[0]


def test_iter_ocr_pages_reads_text_layer_of_born_digital_pdf(text_pdf: Path) -> None:
    engine = FakeEngine([GOOD])
    options = OcrOptions(load=LoadOptions(render_dpi=100))
    (page,) = iter_ocr_pages(open_document(text_pdf), engine, options)
    assert engine.kinds == []  # the rendered text is all covered by the layer
    assert page.source is PageSource.TEXT_LAYER
    assert "Znak sprawy: BRM.1431.27.2024" in page.text
    assert page.dpi == 100


def test_iter_ocr_pages_ocr_mode_always_ignores_text_layer(text_pdf: Path) -> None:
    engine = FakeEngine([GOOD])
    options = OcrOptions(ocr_mode=OcrMode.ALWAYS, load=LoadOptions(render_dpi=100))
    (page,) = iter_ocr_pages(open_document(text_pdf), engine, options)
    assert engine.kinds == ["recognize"]
    assert page.source is PageSource.OCR


def test_read_document_collects_page_warnings(tmp_path: Path, letter_image) -> None:
    path = tmp_path / "two.tif"
    letter_image.save(path, save_all=True, append_images=[letter_image], dpi=(150, 150))
    engine = FakeEngine([GOOD, OcrTimeoutError(TIMEOUT)])
    document = read_document(open_document(path), engine, OcrOptions(), source="two.tif")
    assert [p.number for p in document.pages] == [1, 2]
    assert document.pages[1].lines == ()
    assert document.warnings == (f"page 2: {TIMEOUT}; page left empty",)
    assert (document.source, document.engine, document.lang) == ("two.tif", "fake 1.0", "pol")


# --- the real engine, end to end ----------------------------------------------------------


def _normalised(text: str) -> str:
    return " ".join(text.split())


def _difference(a: str, b: str) -> float:
    return 1.0 - difflib.SequenceMatcher(None, _normalised(a), _normalised(b)).ratio()


@pytest.fixture(scope="module")
def upright_reading(letter_image: Image.Image) -> str:
    return read_image_page(_page(letter_image), TesseractEngine(), OcrOptions()).text


@pytest.mark.tesseract
def test_read_image_page_upright_matches_rendered_text(
    upright_reading: str, letter_text: str
) -> None:
    assert _difference(upright_reading, letter_text) <= 0.05


@pytest.mark.tesseract
@pytest.mark.parametrize("rotation", [90, 180])
def test_read_image_page_turned_page_reads_like_upright(
    letter_image: Image.Image, upright_reading: str, rotation: int
) -> None:
    scan = preprocess.rotate(letter_image, 360 - rotation)
    page = read_image_page(_page(scan), TesseractEngine(), OcrOptions())
    assert page.rotation == rotation
    assert _difference(page.text, upright_reading) <= 0.02


@pytest.mark.tesseract
def test_read_image_page_skewed_page_reads_like_upright(
    letter_image: Image.Image, upright_reading: str
) -> None:
    tilted = letter_image.rotate(-3, resample=Image.Resampling.BICUBIC, fillcolor=255)
    page = read_image_page(_page(tilted), TesseractEngine(), OcrOptions())
    assert abs(page.skew) == pytest.approx(3.0, abs=0.2)
    assert _difference(page.text, upright_reading) <= 0.02


@pytest.mark.tesseract
def test_scan_with_a_software_footer_is_ocrd_not_read_from_the_layer(
    tmp_path: Path, letter_image, scan_pdf_writer
) -> None:
    footer = "Dokument podpisany elektronicznie, wygenerowano z systemu EZD, strona 1 z 1"
    pdf = scan_pdf_writer(tmp_path / "scan.pdf", letter_image, footer)
    document = read_document(open_document(pdf), TesseractEngine(), OcrOptions(), source=pdf.name)
    page = document.pages[0]
    assert page.source is PageSource.OCR
    assert any("text layer covers only part" in w for w in page.warnings)
    assert len(page.words) > 20


def test_read_image_page_asks_osd_once_when_it_cannot_decide(letter_image) -> None:
    scan = preprocess.rotate(letter_image, 270)  # looks sideways, OSD declines, OCR is garbage
    engine = FakeEngine([GARBAGE], orientation=None)
    page = read_image_page(_page(scan), engine, OcrOptions())
    assert engine.kinds == ["osd", "recognize"]
    assert page.rotation == 0
