"""A letter flattened to one line gets its line breaks back (``extract.reflow``).

The letters are made up, in the shapes flattened web transcriptions take.
"""

from __future__ import annotations

import pytest

from extract import extract
from extract.fields import Addressee, FieldName
from extract.reflow import is_flat, reflowed
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


def test_the_heads_parts_each_get_a_line_and_the_body_one() -> None:
    lines = reflowed(FLAT).splitlines()
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
    lines = reflowed(flat).splitlines()
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
    lines = reflowed(flat).splitlines()
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
        "\n".join(["Akapit listu."] * 3 + [BODY * 2]),  # a long paragraph among many lines
        BODY[:300],  # short: no letter run into a line
    ],
)
def test_a_text_that_is_not_flat_is_left_as_it_is(text: str) -> None:
    assert reflowed(text) == text


def test_flatness() -> None:
    assert is_flat([FLAT])
    assert not is_flat(["Kraków, 5 grudnia 2017 r.", "Pan Jan Nowak"])
    assert not is_flat([])


def test_a_flattened_letter_yields_its_fields() -> None:
    document = document_from_text(reflowed(FLAT), source="flat.txt")
    fields = extract(document).fields
    assert fields[FieldName.LETTER_DATE].value == "2013-11-14"
    assert fields[FieldName.PLACE].value == "Gdańsk"
    assert fields[FieldName.REFERENCE].value == "AB-IV.862.3.5.2013"
    assert fields[FieldName.ADDRESSEE].value == Addressee(
        name="Helena Wrona",
        honorific="Pani",
        position="Dyrektor Powiatowego Urzędu Pracy w Kwidzynie",
    )
