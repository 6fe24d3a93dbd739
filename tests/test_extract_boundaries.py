"""Letters of a scanner's batch: where each begins, by the cues of its pages (invented texts)."""

from __future__ import annotations

import dataclasses

import pytest

from extract import boundaries
from ocr.plaintext import document_from_text
from ocr.types import BBox, Code, OcrDocument

FIRST = """\
BURMISTRZ MIASTA ZIELONKI
ul. Lipowa 3, 05-220 Zielonka
Zielonka, dnia 12 marca 2024 r.
OR.1431.17.2024
Pan
Adam Wiśniewski
ul. Polna 8
05-220 Zielonka
Dotyczy: wniosku o udostępnienie informacji publicznej
Szanowny Panie,
w odpowiedzi na wniosek z dnia 1 marca 2024 r. uprzejmie informuję, że sprawa
jest w toku i zostanie rozpatrzona w ustawowym terminie."""
SECOND_PAGE = """\
postępowania administracyjnego, o czym zostanie Pan powiadomiony odrębnym pismem
w terminie czternastu dni od dnia jego zakończenia.
Z poważaniem
Burmistrz
Jan Kowalski
Otrzymują:
1. Adresat
2. a/a"""
OTHER = """\
WÓJT GMINY BRZOZOWA
Brzozowa, 3 kwietnia 2024 r.
RG.6220.4.2024
Szanowni Państwo,
zawiadamiam o wszczęciu postępowania w sprawie wydania decyzji środowiskowej."""
THIRD_HEAD = """\
STAROSTA POWIATU LIPOWSKIEGO
Lipowo, 20 maja 2024 r.
GN.6821.2.2024
Szanowna Pani,
uprzejmie informuję o terminie rozprawy administracyjnej."""
ATTACHMENT = """\
Załącznik nr 1 do pisma OR.1431.17.2024
WYKAZ DZIAŁEK
1. Działka 12/4 – 1200 m2
2. Działka 12/5 – 800 m2"""


def _starts(*pages: str) -> list[int]:
    document = document_from_text("\f".join(pages), source="batch.pdf")
    return [letter.first for letter in boundaries.letters(document)]


def test_a_letter_starts_where_a_head_stands_and_goes_on_where_its_text_does() -> None:
    assert _starts(FIRST, SECOND_PAGE, OTHER) == [1, 3]


def test_a_blank_back_and_an_attachment_stay_with_their_letter() -> None:
    assert _starts(FIRST, "", SECOND_PAGE, "", ATTACHMENT, OTHER, "") == [1, 6]


@pytest.mark.parametrize("mark", ["Strona 2 z 2", "- 2 -", "2/2"])
def test_a_page_number_over_one_goes_on_even_under_a_head(mark: str) -> None:
    # The head of another letter quoted at a page's top does not start one when the
    # page says it is page 2.
    assert _starts(FIRST, f"{OTHER}\n{mark}") == [1]


def test_the_page_before_saying_one_of_two_makes_the_next_page_its_second() -> None:
    assert _starts(f"{FIRST}\nStrona 1 z 2", OTHER) == [1]


def test_a_page_opening_with_the_answer_after_a_signed_page_starts_a_letter() -> None:
    answer = "W odpowiedzi na pismo z dnia 2 maja 2024 r. informuję, że wniosek rozpatrzono."
    assert _starts(SECOND_PAGE, answer) == [1, 2]
    assert _starts(FIRST, answer) == [1]  # the page before it did not end a letter


RODO = """\
URZĄD MIASTA ZIELONKI
KLAUZULA INFORMACYJNA
Zgodnie z art. 13 ust. 1 i 2 RODO informuję, że:
1. Administratorem Pani/Pana danych osobowych jest Burmistrz Miasta Zielonki,
ul. Lipowa 3, 05-220 Zielonka.
2. Kontakt z inspektorem ochrony danych: iod@zielonka.example.pl."""


def test_a_data_protection_notice_after_a_signed_page_stays_with_its_letter() -> None:
    # Printed on the office's paper: its letterhead alone would start a letter there.
    assert _starts(FIRST, SECOND_PAGE, RODO, OTHER) == [1, 4]


def test_letters_cover_every_page_once() -> None:
    document = document_from_text("\f".join([FIRST, "", SECOND_PAGE, OTHER]), source="b")
    found = boundaries.letters(document)
    assert [list(letter.pages) for letter in found] == [[1, 2, 3], [4]]
    assert found[0].why == "first page" and "head" in found[1].why


def test_generated_batches_are_cut_where_their_letters_begin() -> None:
    from benchmarks.letter_boundaries import generated_batches, measure

    figures = measure(generated_batches(40, seed=5), misses=False)
    assert figures["f1"] >= 0.95 and figures["whole_letters"] >= 0.9


def test_a_leading_blank_page_is_no_letter_of_its_own() -> None:
    assert _starts("", FIRST, SECOND_PAGE, OTHER) == [1, 4]


@pytest.mark.parametrize("opening", ["ul. Rynek 1, 00-001 Lipno", "tel. 12 345 67 89", "ee"])
def test_a_label_or_speck_over_a_clear_head_does_not_hide_a_letter(opening: str) -> None:
    assert _starts(SECOND_PAGE, f"{opening}\n{OTHER}") == [1, 2]


def test_a_page_opening_with_the_distribution_list_ends_the_letter_before_it() -> None:
    tail = "Otrzymują:\n1. Adresat\n2. Rada Sołecka Brzozowa\n3. a/a"
    assert _starts(FIRST, tail, OTHER) == [1, 3]


def test_a_page_opening_with_the_last_word_of_a_sentence_goes_on() -> None:
    last = "komunalnej.\nZielonka, 14 marca 2024 r.\nBurmistrz Miasta Zielonki\nJan Kowalski"
    assert _starts(FIRST, last) == [1]


# ------------------------------------------------------------------ separator sheets


def _sheets(pages: list[str], codes: dict[int, Code]) -> OcrDocument:
    """Pages read from texts; ``codes``: the code found on a page (by number)."""
    document = document_from_text("\f".join(pages), source="batch.pdf")
    marked = [
        dataclasses.replace(page, codes=(codes[page.number],)) if page.number in codes else page
        for page in document.pages
    ]
    return dataclasses.replace(document, pages=tuple(marked))


PATCH = Code("patch", "T", BBox(300, 300, 2100, 540))
QR = Code("QRCode", "SEPARATOR 0007", BBox(900, 600, 1200, 900))


def test_separator_sheets_cut_a_batch_alone_and_belong_to_no_letter() -> None:
    # Two letters with no sheet between them stay one: a batch with sheets is cut at them.
    pages = [FIRST, SECOND_PAGE, "", "", OTHER, THIRD_HEAD, "", "PRZEKŁADKA", FIRST]
    found = boundaries.cut(_sheets(pages, {3: PATCH, 8: QR}))
    assert [(letter.first, letter.last) for letter in found.letters] == [(1, 2), (5, 7), (9, 9)]
    assert [(page.page, page.why) for page in found.left_out] == [
        (3, "patch code T"),
        (4, "blank page after a separator sheet"),  # the sheet's back
        (8, "QRCode 'SEPARATOR 0007'"),
    ]
    assert found.letters[1].why == "after a patch code T"


def test_without_sheets_a_batch_is_cut_by_content_unless_told_sheets_only() -> None:
    document = _sheets([FIRST, SECOND_PAGE, OTHER], {})
    assert [letter.first for letter in boundaries.cut(document).letters] == [1, 3]
    assert [letter.first for letter in boundaries.cut(document, content=False).letters] == [1]


def test_a_barcode_on_a_letters_page_does_not_make_it_a_separator() -> None:
    # A registry barcode printed on a letter: the page says too much to be a sheet.
    registry = Code("Code128", "KW-0000123", BBox(1800, 100, 2300, 250))
    found = boundaries.cut(_sheets([OTHER, SECOND_PAGE, FIRST], {3: registry}), content=False)
    assert [(letter.first, letter.last) for letter in found.letters] == [(1, 3)]


def test_blank_sheets_cut_a_simplex_scan_at_each_blank_page() -> None:
    found = boundaries.cut(_sheets([FIRST, "", OTHER, "", THIRD_HEAD], {}), blank=True)
    assert [(letter.first, letter.last) for letter in found.letters] == [(1, 1), (3, 3), (5, 5)]
    assert [page.page for page in found.left_out] == [2, 4]


def test_in_a_duplex_scan_only_two_blank_sides_are_a_blank_sheet() -> None:
    # Pages 2 and 4 are backs of printed pages; 5-6 is a blank sheet.
    pages = [FIRST, "", SECOND_PAGE, "", "", "", OTHER]
    found = boundaries.cut(_sheets(pages, {}), blank=True)
    assert [(letter.first, letter.last) for letter in found.letters] == [(1, 4), (7, 7)]
    assert [page.page for page in found.left_out] == [5, 6]
