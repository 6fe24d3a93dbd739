from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

from ocr.engine import OcrMode, OcrOptions, OrientationMode, Recognition, iter_ocr_pages
from ocr.errors import InputFileError, MissingDependencyError
from ocr.load import LoadOptions, open_document
from ocr.pdftext import MIN_LAYER_CHARS, TextLayer, parse_bbox_layout, read_text_layer
from ocr.types import BBox, OcrLine, OcrWord, PageSource
from tests.fakes import FakeEngine
from tests.real_pdfs import (
    BORN_DIGITAL,
    BORN_DIGITAL_PDFS,
    CLASSES,
    DOCUMENTED_KINDS,
    IMAGE_ONLY,
    SCAN,
    SCANNED_PDFS,
    SHARED_PDFS,
    _pdf_params,
)

# --ocr auto, the CLI default; no orientation or deskew work: the layer-or-OCR decision is
# taken before them, and rendering at 100 dpi keeps the born-digital pages cheap.
AUTO = OcrOptions(
    ocr_mode=OcrMode.AUTO,
    orientation=OrientationMode.OFF,
    deskew=False,
    load=LoadOptions(render_dpi=100),
)

BBOX_LAYOUT = b"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN"
 "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head><title></title></head>
<body>
<doc>
  <page width="595.320000" height="841.920000">
    <flow>
      <block xMin="414.34" yMin="35.88" xMax="511.53" yMax="48.10">
        <line xMin="414.34" yMin="35.88" xMax="511.53" yMax="48.10">
          <word xMin="414.34" yMin="35.88" xMax="450.09" yMax="48.10">Pu\xc5\x82tusk,</word>
          <word xMin="455.62" yMin="35.88" xMax="511.53" yMax="48.10">31.10.2025r.</word>
        </line>
      </block>
    </flow>
    <flow>
      <block xMin="72" yMin="90" xMax="300" yMax="130">
        <line xMin="72" yMin="90" xMax="150" yMax="102">
          <word xMin="72" yMin="90" xMax="150" yMax="102">ORG.1431.58.2024</word>
        </line>
        <line xMin="72" yMin="118" xMax="300" yMax="130">
          <word xMin="72" yMin="118" xMax="120" yMax="130">Znak</word>
          <word xMin="125" yMin="118" xMax="125" yMax="130">   </word>
          <word xMin="130" yMin="118" xMax="200" yMax="130">R&amp;D</word>
        </line>
        <line xMin="72" yMin="140" xMax="80" yMax="150">
          <word xMin="72" yMin="140" xMax="80" yMax="150"> </word>
        </line>
      </block>
    </flow>
  </page>
</doc>
</body>
</html>
"""


def test_parse_bbox_layout_scales_points_to_pixels() -> None:
    layer = parse_bbox_layout(BBOX_LAYOUT, dpi=300)
    first = layer.lines[0].words[0]
    assert first.text == "Pułtusk,"
    scale = 300 / 72
    assert first.bbox == BBox(
        round(414.34 * scale), round(35.88 * scale), round(450.09 * scale), round(48.10 * scale)
    )
    assert (layer.width, layer.height, layer.dpi) == (2481, 3508, 300)


@pytest.mark.parametrize("dpi", [72, 150, 300])
def test_parse_bbox_layout_page_size_follows_dpi(dpi: int) -> None:
    layer = parse_bbox_layout(BBOX_LAYOUT, dpi=dpi)
    assert layer.width == round(595.32 * dpi / 72)
    assert layer.height == round(841.92 * dpi / 72)


def test_parse_bbox_layout_groups_lines_and_numbers_blocks() -> None:
    layer = parse_bbox_layout(BBOX_LAYOUT, dpi=72)
    assert [line.text for line in layer.lines] == [
        "Pułtusk, 31.10.2025r.",
        "ORG.1431.58.2024",
        "Znak R&D",  # the blank word is dropped, the entity decoded
    ]
    assert [line.block for line in layer.lines] == [1, 2, 2]
    assert all(w.confidence == 1.0 for line in layer.lines for w in line.words)
    assert layer.lines[2].bbox == BBox(72, 118, 200, 130)


def test_parse_bbox_layout_without_page_is_empty() -> None:
    layer = parse_bbox_layout(b'<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>', dpi=300)
    assert layer == TextLayer(0, 0, 300, ())
    assert not layer.has_text


def _layer(chars: int) -> TextLayer:
    words = [OcrWord("x" * chars, BBox(0, 0, 10, 10), 1.0)] if chars else []
    lines = (OcrLine.from_words(words, block=1),) if words else ()
    return TextLayer(100, 100, 300, lines)


@pytest.mark.parametrize(
    ("chars", "covers"),
    [(0, False), (MIN_LAYER_CHARS - 1, False), (MIN_LAYER_CHARS, True), (500, True)],
)
def test_text_layer_has_text_threshold(chars: int, covers: bool) -> None:
    layer = _layer(chars)
    assert layer.char_count == chars
    assert layer.has_text is covers


def test_text_layer_char_count_ignores_spaces_between_words() -> None:
    layer = parse_bbox_layout(BBOX_LAYOUT, dpi=72)
    assert layer.char_count == len("Pułtusk,31.10.2025r.ORG.1431.58.2024ZnakR&D")


def test_read_text_layer_of_born_digital_pdf(text_pdf: Path) -> None:
    layer = read_text_layer(text_pdf, 1, dpi=300)
    assert layer.has_text
    assert (layer.width, layer.height) == (round(595 * 300 / 72), round(842 * 300 / 72))
    assert "Znak sprawy: BRM.1431.27.2024" in [line.text for line in layer.lines]
    # The first line's baseline is at y=760 pt from the bottom, 12 pt Helvetica, x=72 pt.
    first = layer.lines[0].words[0].bbox
    assert first.left == 300
    assert (842 - 760 - 12) * 300 / 72 < first.top < (842 - 760) * 300 / 72


def test_read_text_layer_of_scan_only_pdf_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    Image.new("L", (420, 595), 255).save(path, "PDF", resolution=72)
    layer = read_text_layer(path, 1, dpi=300)
    assert layer.lines == ()
    assert not layer.has_text


def test_read_text_layer_page_out_of_range(text_pdf: Path) -> None:
    with pytest.raises(InputFileError, match="page 5"):
        read_text_layer(text_pdf, 5, dpi=300)


def test_read_text_layer_damaged_pdf(tmp_path: Path, text_pdf_writer: Callable[..., Path]) -> None:
    path = text_pdf_writer(tmp_path / "cut.pdf", [(72, 700, "Znak sprawy")])
    path.write_bytes(path.read_bytes()[:60])
    with pytest.raises(InputFileError, match="cut.pdf"):
        read_text_layer(path, 1, dpi=300)


def test_read_text_layer_without_poppler(monkeypatch, tmp_path: Path, text_pdf: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    with pytest.raises(MissingDependencyError, match="apt-get install poppler-utils"):
        read_text_layer(text_pdf, 1, dpi=300)


def test_read_text_layer_timeout(monkeypatch, text_pdf: Path) -> None:
    def slow(*args: object, **kwargs: object) -> None:
        raise subprocess.TimeoutExpired(cmd="pdftotext", timeout=60)

    monkeypatch.setattr(subprocess, "run", slow)
    with pytest.raises(InputFileError, match="timed out"):
        read_text_layer(text_pdf, 1, dpi=300)


@pytest.mark.shared
@pytest.mark.parametrize("path", SHARED_PDFS, ids=[p.name for p in SHARED_PDFS])
def test_real_pdf_is_documented_as_born_digital_or_scan(path: Path) -> None:
    kind = DOCUMENTED_KINDS.get(path.name)
    assert kind is not None, f"{path.name} has no row in SOURCES.tsv"
    assert CLASSES[path] is not None, f"kind {kind!r} is neither a scan nor born-digital"


@pytest.mark.shared
@pytest.mark.parametrize("path", _pdf_params(BORN_DIGITAL_PDFS, BORN_DIGITAL))
def test_read_text_layer_of_real_born_digital_pdf(path: Path) -> None:
    layer = read_text_layer(path, 1, dpi=300)
    assert layer.char_count >= 500
    assert layer.has_text
    page = BBox(0, 0, layer.width, layer.height)
    for line in layer.lines:
        for word in line.words:
            assert page.union(word.bbox) == page, f"{word.text!r} {word.bbox} outside the page"


@pytest.mark.shared
@pytest.mark.parametrize("path", _pdf_params(BORN_DIGITAL_PDFS, BORN_DIGITAL))
def test_real_born_digital_pdf_is_read_from_its_text_layer_in_auto_mode(path: Path) -> None:
    engine = FakeEngine([Recognition(())])  # reads nothing
    (page,) = iter_ocr_pages(open_document(path), engine, AUTO, range(1, 2))
    # The engine reads nothing in the image regions (logo, e-signature box), so no OCR'd
    # line joins the layer's: the page is exactly its text layer.
    assert page.source is PageSource.TEXT_LAYER
    assert page.lines == read_text_layer(path, 1, dpi=page.dpi).lines
    assert (page.width, page.height) not in engine.images  # the page itself was not OCR'd
    assert not page.warnings


@pytest.mark.shared
@pytest.mark.parametrize("path", _pdf_params(SCANNED_PDFS, SCAN))
def test_read_text_layer_of_real_scanned_pdf_is_unusable(path: Path) -> None:
    count = open_document(path).page_count
    for number in range(1, count + 1):
        layer = read_text_layer(path, number, dpi=300)
        assert not layer.has_text, f"page {number}: {layer.char_count} characters in the layer"
        if IMAGE_ONLY.search(DOCUMENTED_KINDS[path.name]):
            assert layer.lines == (), f"page {number} of an image-only PDF has a text layer"


@pytest.mark.shared
@pytest.mark.parametrize("path", _pdf_params(SCANNED_PDFS, SCAN))
def test_real_scanned_pdf_pages_go_to_ocr_in_auto_mode(path: Path) -> None:
    document = open_document(path)
    engine = FakeEngine([Recognition(())])  # reads nothing
    pages = list(iter_ocr_pages(document, engine, AUTO))
    assert [page.number for page in pages] == list(range(1, document.page_count + 1))
    assert all(page.source is PageSource.OCR for page in pages)
    # Each whole page went to the engine once: OCR'd, not read from a layer.
    assert engine.images == [(page.width, page.height) for page in pages]
    assert not any("text layer" in warning for page in pages for warning in page.warnings)
