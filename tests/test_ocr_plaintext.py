from __future__ import annotations

import pytest

from ocr.plaintext import (
    CHAR_WIDTH,
    DPI,
    LINE_HEIGHT,
    MARGIN,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    document_from_text,
)
from ocr.types import OcrDocument, OcrLine, PageSource

LETTER = """\
Urząd Miejski w Pułtusku
ul. Rynek 41

                              Pułtusk, 31 października 2025 r.
ORG.1431.58.2024


Szanowna Pani,
w odpowiedzi na wniosek uprzejmie informuję,
\tże rejestr jest jawny.
"""


def _lines(text: str) -> dict[str, OcrLine]:
    page = document_from_text(text, source="letter.txt").pages[0]
    return {line.text: line for line in page.lines}


def test_document_from_text_keeps_indentation_as_x_offset() -> None:
    lines = _lines(LETTER)
    date = lines["Pułtusk, 31 października 2025 r."]
    office = lines["Urząd Miejski w Pułtusku"]
    assert date.bbox.left > office.bbox.left
    assert office.bbox.left == MARGIN
    assert date.bbox.left == MARGIN + 30 * CHAR_WIDTH


def test_document_from_text_expands_tabs() -> None:
    assert _lines(LETTER)["że rejestr jest jawny."].bbox.left == MARGIN + 8 * CHAR_WIDTH


def test_document_from_text_word_boxes_follow_character_offsets() -> None:
    words = _lines(LETTER)["ul. Rynek 41"].words
    assert [w.bbox.left for w in words] == [MARGIN + c * CHAR_WIDTH for c in (0, 4, 10)]
    assert [w.bbox.width for w in words] == [len(w.text) * CHAR_WIDTH for w in words]


def test_document_from_text_lines_go_down_by_line_number() -> None:
    lines = _lines(LETTER)
    # Blank lines keep their vertical space: the date is on row 3, the reference on row 4.
    assert lines["Urząd Miejski w Pułtusku"].bbox.top == MARGIN
    assert lines["Pułtusk, 31 października 2025 r."].bbox.top == MARGIN + 3 * LINE_HEIGHT
    assert lines["ORG.1431.58.2024"].bbox.top == MARGIN + 4 * LINE_HEIGHT


def test_document_from_text_blank_lines_start_new_blocks() -> None:
    page = document_from_text(LETTER, source="letter.txt").pages[0]
    assert [line.block for line in page.lines] == [1, 1, 2, 2, 3, 3, 3]
    assert page.text.split("\n\n") == [
        "Urząd Miejski w Pułtusku\nul. Rynek 41",
        "Pułtusk, 31 października 2025 r.\nORG.1431.58.2024",
        "Szanowna Pani,\nw odpowiedzi na wniosek uprzejmie informuję,\nże rejestr jest jawny.",
    ]


@pytest.mark.parametrize("blank", ["", "   ", "\t"], ids=["empty", "spaces", "tab"])
def test_document_from_text_whitespace_only_line_is_blank(blank: str) -> None:
    page = document_from_text(f"a\n{blank}\nb", source="x.txt").pages[0]
    assert [line.block for line in page.lines] == [1, 2]


def test_document_from_text_leading_blank_lines_do_not_skip_blocks() -> None:
    page = document_from_text("\n\n\nPierwsza linia", source="x.txt").pages[0]
    assert page.lines[0].block == 1


def test_document_from_text_form_feed_starts_a_page() -> None:
    document = document_from_text("strona pierwsza\n\fstrona druga\nciąg dalszy", source="x.txt")
    assert [page.number for page in document.pages] == [1, 2]
    texts = [page.text for page in document.pages]
    assert texts == ["strona pierwsza", "strona druga\nciąg dalszy"]
    second = document.pages[1]
    assert second.lines[0].bbox.top == MARGIN  # each page starts at the top again
    assert second.lines[0].block == 1


def test_document_from_text_metadata() -> None:
    document = document_from_text(LETTER, source="in/letter.txt")
    assert document.source == "in/letter.txt"
    assert (document.engine, document.lang) == ("plain text", "pol")
    page = document.pages[0]
    assert (page.width, page.height, page.dpi) == (PAGE_WIDTH, PAGE_HEIGHT, DPI)
    assert page.source is PageSource.TEXT
    assert page.mean_confidence == 1.0


def test_document_from_text_grows_page_for_long_text() -> None:
    text = "x" * 200 + "\n" + "\n".join(["linia"] * 100)
    page = document_from_text(text, source="x.txt").pages[0]
    assert page.width >= max(line.bbox.right for line in page.lines)
    assert page.height >= max(line.bbox.bottom for line in page.lines)
    assert page.width > PAGE_WIDTH and page.height > PAGE_HEIGHT


def test_document_from_text_empty_text_is_one_empty_page() -> None:
    document = document_from_text("", source="empty.txt")
    assert len(document.pages) == 1
    assert document.pages[0].lines == ()
    assert document.text == ""


def test_document_from_text_round_trips_through_dict() -> None:
    document = document_from_text(LETTER, source="letter.txt")
    assert OcrDocument.from_dict(document.to_dict()) == document
