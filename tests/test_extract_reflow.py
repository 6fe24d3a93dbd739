"""A letter flattened to one line gets its line breaks back (``extract.reflow``).

The letters are made up, in the shapes flattened web transcriptions take.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping

import pytest

from extract import extract
from extract.fields import Addressee, FieldName, Signatory
from extract.model import Field
from extract.reflow import reflowed
from ocr.plaintext import document_from_text

BODY = (
    "Na podstawie art. 10 ust. 1 ustawy z dnia 20 kwietnia 2004 r. o promocji zatrudnienia "
    "przeprowadzono kontrolę problemową w urzędzie. Kontrolę przeprowadzili pracownicy "
    "wydziału w składzie dwóch osób, na podstawie upoważnienia z dnia 4 czerwca 2012 roku. "
    "Kontrolą objęto okres od 1 stycznia 2011 roku do dnia kontroli. W wyniku kontroli nie "
    "stwierdzono nieprawidłowości w zakresie objętym kontrolą, o czym informuję. "
)
FLAT = (
    "WOJEWODA POMORSKI AB-IV.862.3.5.2013 Gdańsk, 14.11.2013 Pani Helena Wrona Dyrektor "
    "Powiatowego Urzędu Pracy w Kwidzynie WYSTĄPIENIE POKONTROLNE " + BODY * 2
)


def _lines(text: str) -> list[str] | None:
    """The text's lines after reflowing, or None when it is left as it is."""
    cut = reflowed(document_from_text(text, source="flat.txt"))
    if cut is None:
        return None
    return [" ".join(w.text for w in line.words) for line in cut.document.pages[0].lines]


def test_the_heads_parts_each_get_a_line_and_the_body_one() -> None:
    lines = _lines(FLAT)
    assert lines is not None
    assert lines[:6] == [
        "WOJEWODA POMORSKI",
        "AB-IV.862.3.5.2013",
        "Gdańsk, 14.11.2013",
        "Pani Helena Wrona",
        "Dyrektor Powiatowego Urzędu Pracy w Kwidzynie",
        "WYSTĄPIENIE POKONTROLNE",
    ]
    assert lines[6].startswith("Na podstawie") and len(lines) == 7


def test_a_date_first_head_with_the_organs_holder_and_a_blank_in_the_reference() -> None:
    flat = (
        "Poznań, dnia marca 2009r. MINISTER ZDROWIA Adam Sikorski ZK-071/22/08/ /09 "
        "Pan Marek Zięba Prezes Zarządu Szpitala Miejskiego w Lesznie W dniach 2 - 6 lutego "
        "2009 r. zespół kontrolny przeprowadził kontrolę. " + BODY
    )
    lines = _lines(flat)
    assert lines is not None
    assert lines[:6] == [
        "Poznań, dnia marca 2009r.",
        "MINISTER ZDROWIA",
        "Adam Sikorski",
        "ZK-071/22/08/ /09",
        "Pan Marek Zięba",
        "Prezes Zarządu Szpitala Miejskiego w Lesznie",
    ]
    assert lines[6].startswith("W dniach 2 - 6 lutego")


def test_the_closing_and_a_distribution_list_after_the_body() -> None:
    flat = FLAT + "Z poważaniem Otrzymują: 1. Adresat 2. Wydział Kontroli 3. a/a"
    lines = _lines(flat)
    assert lines is not None
    assert lines[-5:] == [
        "Z poważaniem",
        "Otrzymują:",
        "1. Adresat",
        "2. Wydział Kontroli",
        "3. a/a",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "PREZYDENT MIASTA\n\nKraków, 5 grudnia 2017 r.\n",  # a letter with its own lines
        "Znak: AB.1.2.2017      Kraków, 5 grudnia 2017 r.\nPan Jan Nowak\n\n" + BODY,
        "\n".join(["Akapit listu."] * 3 + [BODY * 2]),  # a long paragraph among many lines
        BODY * 3,  # running text alone: no head ran on
    ],
)
def test_a_letter_whose_head_has_its_lines_is_left_as_it_is(text: str) -> None:
    assert _lines(text) is None


def _assert_flat_head(text: str) -> Mapping[FieldName, Field]:
    """The fields of FLAT's head, read from ``text``; returned for more checks."""
    fields = extract(document_from_text(text, source="flat.txt")).fields
    assert fields[FieldName.LETTER_DATE].value == "2013-11-14"
    assert fields[FieldName.REFERENCE].value == "AB-IV.862.3.5.2013"
    assert fields[FieldName.ADDRESSEE].value == Addressee(
        name="Helena Wrona",
        honorific="Pani",
        position="Dyrektor Powiatowego Urzędu Pracy w Kwidzynie",
    )
    return fields


def test_a_flattened_letter_yields_its_fields() -> None:
    assert _assert_flat_head(FLAT)[FieldName.PLACE].value == "Gdańsk"


def test_a_flattened_letter_printed_and_scanned_wraps_and_still_yields_its_fields() -> None:
    # What OCR gives of a run-on text printed on a page: a paragraph wrapped at the margin.
    fields = _assert_flat_head("\n".join(textwrap.wrap(FLAT, 88)))
    assert fields[FieldName.SENDER].value == "Wojewoda Pomorski"


def test_a_run_on_letterhead_address_and_signature_each_get_their_lines() -> None:
    flat = (
        "URZĄD GMINY ZBÓJNO ul. Polna 5, 87-645 Zbójno tel. 54 287 11 00, fax 54 287 11 01 "
        "Zbójno, 7 maja 2015 r. Znak sprawy: OR.1431.5.2015 Pan Adam Sikorski Prezes "
        "Stowarzyszenia Przyjaciół Ziemi Dobrzyńskiej " + BODY + "Z poważaniem z up. Wójta "
        "Gminy Marek Zięba Sekretarz Gminy Otrzymują: 1. Adresat 2. a/a"
    )
    assert _lines(flat) == [
        "URZĄD GMINY ZBÓJNO",
        "ul. Polna 5, 87-645 Zbójno",
        "tel. 54 287 11 00, fax 54 287 11 01",
        "Zbójno, 7 maja 2015 r.",
        "Znak sprawy: OR.1431.5.2015",
        "Pan Adam Sikorski",
        "Prezes Stowarzyszenia Przyjaciół Ziemi Dobrzyńskiej",
        BODY.strip(),
        "Z poważaniem",
        "z up. Wójta Gminy",
        "Marek Zięba",
        "Sekretarz Gminy",
        "Otrzymują:",
        "1. Adresat",
        "2. a/a",
    ]
    fields = extract(document_from_text(flat, source="flat.txt")).fields
    assert fields[FieldName.SENDER].value == "Urząd Gminy Zbójno"
    assert fields[FieldName.SIGNATORY].value == Signatory(
        "Marek Zięba", "Sekretarz Gminy", "Wójta Gminy"
    )


def test_parts_in_columns_are_no_run_on_head() -> None:
    # OCR reads a registry stamp beside the addressee, and the reference beside the date,
    # as one line each: the parts stand a column's gap apart, not a word's space.
    text = "\n".join(
        (
            "URZĄD MIEJSKI W KOLNIE                       Kolno, 7 maja 2015 r.",
            "Znak: OR.1431.5.2015                         RADA MIEJSKA W KOLNIE",
            "WPŁYNĘŁO 8.05.2015                           Szanowny Pan Adam Sikorski",
            "",
            BODY,
        )
    )
    assert _lines(text) is None


def test_a_run_on_salutation_subject_and_a_signature_without_closing() -> None:
    flat = (
        "Urząd Gminy Zbójno Rynek 9, 87-645 Zbójno tel. 54 287 11 00 OR.1431.5.2015 Zbójno, "
        "dnia 7 maja 2015 r. Sz. P. Adam Sikorski Dotyczy: opłaty za odpady komunalne. "
        "Szanowny Panie, " + BODY + "z upoważnienia WÓJTA ZASTĘPCA WÓJTA mgr Marek Zięba "
        "Otrzymują: Adresat; Rada Sołecka; a/a"
    )
    lines = _lines(flat)
    assert lines is not None
    assert "Sz. P. Adam Sikorski" in lines
    assert "Dotyczy: opłaty za odpady komunalne." in lines
    assert "Szanowny Panie," in lines
    assert lines[-7:] == [
        "z upoważnienia WÓJTA",
        "ZASTĘPCA WÓJTA",
        "mgr Marek Zięba",
        "Otrzymują:",
        "Adresat;",
        "Rada Sołecka;",
        "a/a",
    ]
    fields = extract(document_from_text(flat, source="flat.txt")).fields
    assert fields[FieldName.LETTER_DATE].value == "2015-05-07"
    assert fields[FieldName.SIGNATORY].value == Signatory("Marek Zięba", "Zastępca Wójta", "Wójta")


def test_a_run_on_letter_is_flagged_and_its_fields_are_less_sure() -> None:
    result = extract(document_from_text(FLAT, source="flat.txt"))
    assert any("runs on in one paragraph" in w for w in result.warnings)
    assert result.fields[FieldName.LETTER_DATE].value == "2013-11-14"  # right, and yet
    assert result.fields[FieldName.LETTER_DATE].confidence < 0.9  # the layout was rebuilt
    lines = "URZĄD GMINY\n\nKolno, 7 maja 2015 r.\n\nPan Jan Nowak\n\n" + BODY
    assert not extract(document_from_text(lines, source="letter.txt")).warnings


def test_a_run_on_head_with_one_strong_part_and_many_others() -> None:
    # No honorific (a company) and the date at the end: one reference inside a line, and
    # the office, address, contact and addressee's parts around it.
    flat = (
        "WÓJT GMINY ZBÓJNO Urząd Gminy Zbójno, ul. Polna 5, 87-645 Zbójno tel. 54 287 11 00 "
        "OR.1431.5.2015 Firma Budowlana DROGMAR Sp. z o.o. ul. Leśna 8 87-645 Zbójno "
        "Dotyczy: zajęcia pasa drogowego. " + BODY
    )
    lines = _lines(flat)
    assert lines is not None
    assert lines[:3] == ["WÓJT GMINY ZBÓJNO", "Urząd Gminy Zbójno,", "ul. Polna 5, 87-645 Zbójno"]
    assert "OR.1431.5.2015" in lines


def test_a_degree_between_the_honorific_and_the_name() -> None:
    flat = FLAT.replace("Pani Helena Wrona", "Pani dr Helena Wrona")
    lines = _lines(flat)
    assert lines is not None and "Pani dr Helena Wrona" in lines


def test_an_ordinary_letter_with_its_head_on_few_single_spaced_lines_is_no_run_on() -> None:
    # A one-line letterhead (office, address, telephone), the reference and the date on
    # one line, the addressee's name and position on one line: each part still has a
    # line, so nothing is cut and nothing is flagged.
    text = (
        "Urząd Miasta Kolna, ul. Polna 5, 18-500 Kolno, tel. 86 278 11 00\n\n"
        "Znak: OR.1.2.2017 Kolno, 5 grudnia 2017 r.\n\n"
        "Pan Adam Sikorski Dyrektor Szkoły Podstawowej nr 1 w Kolnie\n\n" + BODY + "\n"
        "Z poważaniem\n\nBURMISTRZ\nAnna Kowalska\n\nPouczenie\n" + BODY
    )
    assert _lines(text) is None
    assert not extract(document_from_text(text, source="letter.txt")).warnings


@pytest.mark.parametrize(
    "text",
    [
        "DO Jana Kowalskiego WOJEWODA MAZOWIECKI -",  # a caps run ending in a connector
        "- 1 -",
        "",
    ],
)
def test_odd_heads_end(text: str) -> None:
    assert _lines(text) is None  # and returns: no loop on a run's trailing connector


def test_the_name_after_an_honorific_ends_before_the_body() -> None:
    flat = "RADA GMINY RG.0003.5.2015 Kolno, 7 maja 2015 r. Pan Jan Wrona " + BODY * 2
    lines = _lines(flat)
    assert lines is not None and "Pan Jan Wrona" in lines
    fields = extract(document_from_text(flat, source="flat.txt")).fields
    assert fields[FieldName.ADDRESSEE].value == Addressee(name="Jan Wrona", honorific="Pan")


def test_a_letterhead_address_ends_with_its_town_and_keeps_the_telephone_apart() -> None:
    flat = FLAT.replace(
        "WOJEWODA POMORSKI ", "WOJEWODA POMORSKI ul. Okopowa 21, 80-810 Gdańsk, tel. 58 307 77 00 "
    )
    lines = _lines(flat)
    assert lines is not None
    assert "ul. Okopowa 21, 80-810 Gdańsk," in lines and "tel. 58 307 77 00" in lines
