from __future__ import annotations

import dataclasses
import json

import pytest
from PIL import Image

from ocr.types import (
    BBox,
    OcrDocument,
    OcrLine,
    OcrPage,
    OcrWord,
    PageImage,
    PageSource,
    mean_confidence,
)


@pytest.mark.parametrize(
    "coords",
    [(10, 0, 9, 5), (0, 10, 5, 9), (5, 5, 4, 4)],
    ids=["right-before-left", "bottom-above-top", "both"],
)
def test_bbox_rejects_degenerate_box(coords: tuple[int, int, int, int]) -> None:
    with pytest.raises(ValueError, match="degenerate bbox"):
        BBox(*coords)


def test_bbox_accepts_zero_size_box() -> None:
    box = BBox(3, 4, 3, 4)
    assert (box.width, box.height) == (0, 0)


def test_bbox_width_and_height_from_corners() -> None:
    box = BBox(10, 20, 110, 50)
    assert (box.width, box.height) == (100, 30)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (BBox(0, 0, 10, 10), BBox(5, 5, 20, 20), BBox(0, 0, 20, 20)),
        (BBox(50, 50, 60, 60), BBox(0, 70, 10, 80), BBox(0, 50, 60, 80)),
        (BBox(0, 0, 100, 100), BBox(10, 10, 20, 20), BBox(0, 0, 100, 100)),
    ],
    ids=["overlapping", "disjoint", "contained"],
)
def test_bbox_union_is_smallest_enclosing_box(a: BBox, b: BBox, expected: BBox) -> None:
    assert a.union(b) == expected
    assert b.union(a) == expected


def test_bbox_enclosing_accepts_a_generator() -> None:
    boxes = (BBox(i * 10, i, i * 10 + 5, i + 5) for i in range(4))
    assert BBox.enclosing(boxes) == BBox(0, 0, 35, 8)


def test_bbox_enclosing_single_box_is_that_box() -> None:
    assert BBox.enclosing([BBox(1, 2, 3, 4)]) == BBox(1, 2, 3, 4)


def test_bbox_enclosing_rejects_no_boxes() -> None:
    with pytest.raises(ValueError, match="at least one box"):
        BBox.enclosing([])


def test_bbox_list_round_trip() -> None:
    box = BBox(1, 2, 30, 40)
    assert box.to_list() == [1, 2, 30, 40]
    assert BBox.from_list(box.to_list()) == box
    # Stored JSON from other tools may carry strings or floats: from_list coerces them,
    # which is what this line checks, so its argument is deliberately not list[int].
    assert BBox.from_list(["1", 2.0, 30, "40"]) == box  # type: ignore[list-item]


def test_bbox_is_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        BBox(0, 0, 1, 1).left = 5  # type: ignore[misc]


def test_ocr_line_from_words_encloses_words_and_joins_text() -> None:
    words = [
        OcrWord("Znak", BBox(100, 50, 180, 80), 0.9),
        OcrWord("sprawy:", BBox(190, 48, 300, 82), 0.8),
    ]
    line = OcrLine.from_words(words, block=3, paragraph=2)
    assert line.bbox == BBox(100, 48, 300, 82)
    assert line.text == "Znak sprawy:"
    assert (line.block, line.paragraph) == (3, 2)


def test_ocr_page_text_separates_blocks_with_blank_line(make_page) -> None:
    page = make_page([["Urząd Miejski", "w Pułtusku"], ["Szanowna Pani,"], ["Z poważaniem"]])
    assert page.text == "Urząd Miejski\nw Pułtusku\n\nSzanowna Pani,\n\nZ poważaniem"


def test_ocr_page_text_of_empty_page_is_empty() -> None:
    assert OcrPage(number=1, width=10, height=10, dpi=300).text == ""


def test_ocr_page_words_in_reading_order(make_page) -> None:
    page = make_page([["a b", "c"], ["d"]])
    assert [w.text for w in page.words] == ["a", "b", "c", "d"]


def test_mean_confidence_is_weighted_by_characters(make_line) -> None:
    line = make_line([("a", 1.0), ("abcd", 0.5)])
    assert mean_confidence(line.words) == pytest.approx((1 * 1.0 + 4 * 0.5) / 5)


@pytest.mark.parametrize(
    "words",
    [[], [OcrWord("", BBox(0, 0, 0, 0), 0.7)]],
    ids=["no-words", "only-empty-text"],
)
def test_mean_confidence_without_characters_is_none(words: list[OcrWord]) -> None:
    assert mean_confidence(words) is None


def test_ocr_page_mean_confidence_none_without_words() -> None:
    assert OcrPage(number=1, width=10, height=10, dpi=300).mean_confidence is None


def test_ocr_document_mean_confidence_spans_pages(make_line) -> None:
    page1 = OcrPage(1, 100, 100, 300, lines=(make_line([("aaa", 1.0)]),))
    page2 = OcrPage(2, 100, 100, 300, lines=(make_line([("b", 0.2)]),))
    doc = OcrDocument("x.png", (page1, page2), engine="fake", lang="pol")
    assert doc.mean_confidence == pytest.approx((3 * 1.0 + 1 * 0.2) / 4)


def test_ocr_document_text_separates_pages_with_form_feed(make_page) -> None:
    doc = OcrDocument(
        "x.pdf",
        (make_page([["strona pierwsza"]]), make_page([["strona druga"]], number=2)),
        engine="fake",
        lang="pol",
    )
    assert doc.text == "strona pierwsza\fstrona druga"


def _sample_document(make_line) -> OcrDocument:
    lines = (
        make_line([("Pułtusk,", 0.93), ("31.10.2025r.", 0.875)], top=10, block=1),
        make_line(["Znak", "sprawy:", "ORG.1431.58.2024"], top=60, block=2, paragraph=1),
    )
    page1 = OcrPage(
        number=1,
        width=1750,
        height=2480,
        dpi=300,
        lines=lines,
        source=PageSource.HYBRID,
        rotation=180,
        skew=-2.5,
        source_dpi=65.5,
        dpi_estimated=True,
        preprocessing=("resample 66->300 dpi", "rotate 180 deg (osd confidence 12.0)"),
        warnings=("image region [0, 0, 10, 10]: timeout",),
    )
    page2 = OcrPage(number=2, width=1750, height=2480, dpi=300)
    return OcrDocument(
        source="in/letter.pdf",
        pages=(page1, page2),
        engine="tesseract 5.3.0",
        lang="pol+eng",
        warnings=("page 1: image region [0, 0, 10, 10]: timeout",),
    )


def test_ocr_document_dict_round_trip(make_line) -> None:
    doc = _sample_document(make_line)
    assert OcrDocument.from_dict(doc.to_dict()) == doc


def test_ocr_document_dict_round_trip_through_json(make_line) -> None:
    doc = _sample_document(make_line)
    assert OcrDocument.from_dict(json.loads(json.dumps(doc.to_dict()))) == doc


def test_ocr_page_to_dict_without_words_has_metadata_only(make_line) -> None:
    page = _sample_document(make_line).pages[0]
    data = page.to_dict(with_words=False)
    assert "lines" not in data
    assert data["source"] == "text-layer+ocr"
    assert data["rotation"] == 180
    assert data["mean_confidence"] == pytest.approx(page.mean_confidence, abs=1e-4)


def test_ocr_page_from_dict_fills_defaults() -> None:
    page = OcrPage.from_dict({"number": 2, "width": 100, "height": 200, "dpi": 300})
    assert page == OcrPage(number=2, width=100, height=200, dpi=300)


def test_page_image_to_page_carries_provenance(make_line) -> None:
    image = PageImage(
        number=3,
        image=Image.new("L", (120, 80), 255),
        dpi=300,
        source_dpi=65.0,
        dpi_estimated=True,
        rotation=90,
        skew=1.5,
        steps=("resample 65->300 dpi",),
        warnings=("from loader",),
    )
    lines = (make_line(["tekst"]),)
    page = image.to_page(lines, source=PageSource.TEXT_LAYER, warnings=("from engine",))
    assert (page.number, page.width, page.height, page.dpi) == (3, 120, 80, 300)
    assert (page.rotation, page.skew, page.source_dpi, page.dpi_estimated) == (90, 1.5, 65.0, True)
    assert page.preprocessing == ("resample 65->300 dpi",)
    assert page.warnings == ("from loader", "from engine")
    assert page.source is PageSource.TEXT_LAYER
    assert page.lines == lines
