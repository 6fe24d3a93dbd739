"""Letters of a scanner's batch: where each begins, by the cues of its pages (invented texts)."""

from __future__ import annotations

import pytest

from extract import boundaries
from ocr.plaintext import document_from_text

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
