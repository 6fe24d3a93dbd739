"""The sender stage (extract/stages/sender.py) on synthetic letters.

Every letter here is synthetic: names, offices and towns are invented for these tests.
Letters are built with the helpers in :mod:`tests.letters`.
"""

from __future__ import annotations

import pytest

from extract.fields import FieldName, SenderParts
from tests.letters import BODY, _fields, _letter, _right, _signed, _value


def test_capitals_letterhead_over_two_lines_in_normal_case() -> None:
    text = _letter(
        "BURMISTRZ MIASTA",
        "NOWY TARG",
        "ul. Krzywa 1, 34-400 Nowy Targ",
        "tel. 18 000 00 00, e-mail: sekretariat@nowytarg.test",
        "",
        BODY,
    )
    field = _fields(text)[FieldName.SENDER]
    assert field.value == "Burmistrz Miasta Nowy Targ"
    assert field.source == "rules.sender"


def test_wojt_gminy_letterhead_without_contact_lines() -> None:
    text = _letter(
        "WÓJT GMINY",
        "ZABIERZÓW",
        "ul. Krzemienna 12, 32-080 Zabierzów",
        "",
        _right("Zabierzów, 12 marca 2024 r."),
        "",
        BODY,
    )
    assert _value(text, FieldName.SENDER) == "Wójt Gminy Zabierzów"


@pytest.mark.parametrize(
    "head",
    [
        ("Urząd Gminy Zabierzów", "Wójt Gminy Zabierzów"),
        ("URZĄD GMINY ZABIERZÓW", "", "WÓJT GMINY ZABIERZÓW"),
    ],
)
def test_organ_preferred_to_office(head: tuple[str, ...]) -> None:
    assert _value(_letter(*head, "", BODY), FieldName.SENDER) == "Wójt Gminy Zabierzów"


def test_starosta_preferred_to_starostwo() -> None:
    text = _letter("Starostwo Powiatowe w Nowym Targu", "", "STAROSTA NOWOTARSKI", "", BODY)
    assert _value(text, FieldName.SENDER) == "Starosta Nowotarski"


def test_sender_from_z_up_organ_without_letterhead() -> None:
    text = _letter(
        _right("Nowy Targ, 3 kwietnia 2024 r."),
        "",
        BODY,
        "Z poważaniem",
        "",
        "z up. Wojewody Małopolskiego",
        "Jolanta Kamyk-Wiatr",
        "Dyrektor Wydziału Geodezji",
    )
    field = _fields(text)[FieldName.SENDER]
    assert field.value == "Wojewoda Małopolski"
    assert field.source == "derived:rules.signatory"
    assert field.confidence <= 0.6


def test_no_sender_from_a_deputy_title() -> None:
    text = _signed("Zastępca Wójta", "Ryszard Grabowiecki")
    assert _value(text, FieldName.SENDER) is None


def test_addressee_organisation_is_not_the_sender() -> None:
    text = _letter(
        _right("Wieliczka, 3 kwietnia 2024 r."),
        "",
        _right("Przedsiębiorstwo Wodociągów", "i Kanalizacji Sp. z o.o.", "ul. Lipowa 8"),
        "",
        BODY,
    )
    assert _value(text, FieldName.SENDER) is None


@pytest.mark.parametrize("date", ["12.03.2024 r.", "marzec 2024 r.", "dnia 12 marca 2024 r."])
def test_place_and_date_read_into_the_letterhead_line_is_cut_off(date: str) -> None:
    text = _letter(f"STAROSTWO POWIATOWE Zabierzów, {date}", "", BODY)  # OCR joined them
    assert _value(text, FieldName.SENDER) == "Starostwo Powiatowe"


def test_a_place_in_capitals_and_its_date_are_cut_off_too() -> None:
    text = _letter("STAROSTWO POWIATOWE ZABIERZÓW, 12.03.2024 r.", "", BODY)
    assert _value(text, FieldName.SENDER) == "Starostwo Powiatowe"


def test_without_a_letterhead_the_organ_the_letter_speaks_for_is_the_sender() -> None:
    text = _letter(
        "Zabierzów, 12 marca 2024 r.",
        "",
        "Pan",
        "Jan Nowak",
        "",
        "Uprzejmie informuję w imieniu Wójta Gminy Zabierzów, że wniosek Pana rozpatrzono.",
        "",
        "Z up. Wójta",
        "Anna Nowak",
    )
    assert _value(text, FieldName.SENDER) == "Wójt Gminy Zabierzów"


def test_a_printed_letterhead_wins_over_the_organ_spoken_for() -> None:
    text = _letter(
        "STAROSTWO POWIATOWE", "", "W imieniu Starosty Borkowskiego informuję, że tak.", BODY
    )
    assert _value(text, FieldName.SENDER) == "Starostwo Powiatowe"


def test_marks_of_a_logo_before_the_letterhead_are_no_part_of_it() -> None:
    text = _letter("°| ' Nadleśnictwo Borowiec Dolny", "7] ;", "", BODY)
    assert _value(text, FieldName.SENDER) == "Nadleśnictwo Borowiec Dolny"


def test_an_office_named_with_its_voivodeships_adjective() -> None:
    text = _letter("Mazowiecki Wojewódzki Urząd Pracy", "ul. Długa 5, 00-001 Borowiec", "", BODY)
    assert _value(text, FieldName.SENDER) == "Mazowiecki Wojewódzki Urząd Pracy"


@pytest.mark.parametrize(
    ("sentence", "sender"),
    [
        (
            "W odpowiedzi na wniosek Referat Geodezji Urzędu Miejskiego w Borowcu informuje, że"
            " sprawę rozpatrzono.",
            "Urząd Miejski w Borowcu",
        ),
        ("Wójt Gminy Zalesie zawiadamia, że zebranie odbędzie się w maju.", "Wójt Gminy Zalesie"),
        (
            "Jednocześnie Podkarpacki Ośrodek Doradztwa (POD) prowadzi kursy. Tym samym POD"
            " wyjaśnia, że szkolenia ustały.",
            "Podkarpacki Ośrodek Doradztwa",
        ),
        ("Jednocześnie tut. Urząd informuje, że nie posiada danych.", None),  # no name
        # Another office reported, or a verb that says something else: no sender.
        ("Zgodnie z pismem Zarząd Dróg Powiatowych informuje, że droga jest zamknięta.", None),
        ("Starostwo Powiatowe w Borowcu odpowiada za drogi powiatowe w gminie.", None),
    ],
)
def test_without_a_letterhead_the_office_speaking_in_the_third_person_is_the_sender(
    sentence: str, sender: str | None
) -> None:
    text = _letter(_right("Borowiec, 3 kwietnia 2024 r."), "", sentence, "", "Anna Nowak")
    field = _fields(text)[FieldName.SENDER]
    assert field.value == sender
    assert field.confidence <= 0.5


def test_without_a_letterhead_the_office_under_the_signature_is_the_sender() -> None:
    text = _signed("Jan Kowalczyk", "Urząd Gminy Zalesie", "Zalesie 15", "98-000 Zalesie")
    field = _fields(text)[FieldName.SENDER]
    assert field.value == "Urząd Gminy Zalesie"
    assert field.confidence <= 0.6


def test_an_office_in_the_distribution_list_is_not_the_sender() -> None:
    text = _signed(
        "Jan Kowalczyk", "", "Otrzymują:", "Urząd Gminy Zalesie", "ul. Polna 1, 98-000 Zalesie"
    )
    assert _value(text, FieldName.SENDER) is None


def test_an_office_line_with_its_street_is_no_letterhead_candidate() -> None:
    text = _letter(
        "WÓJT GMINY ZALESIE", "Urząd Gminy Zalesie, ul. Polna 1, 98-000 Zalesie", "", BODY
    )
    field = _fields(text)[FieldName.SENDER]
    assert field.value == "Wójt Gminy Zalesie"
    assert not [a for a in field.alternatives if "ul." in str(a.value)]


def _parts(text: str) -> SenderParts | None:
    parts = _fields(text)[FieldName.SENDER].parts
    assert parts is None or isinstance(parts, SenderParts)
    return parts


def test_sender_parts_organ_office_and_unit_from_the_letterhead() -> None:
    text = _letter(
        "URZĄD MARSZAŁKOWSKI",
        "WOJEWÓDZTWA NADMORSKIEGO",  # the office name's genitive tail: one name
        "Departament Rybołówstwa",
        "ul. Portowa 7, 80-001 Gdańsk",
        "",
        BODY,
        _signed("z up. Marszałka Województwa Nadmorskiego", "Anna Kowalska", "Dyrektor"),
    )
    fields = _fields(text)
    assert fields[FieldName.SENDER].value == "Urząd Marszałkowski Województwa Nadmorskiego"
    assert fields[FieldName.SENDER].parts == SenderParts(
        organ="Marszałek Województwa Nadmorskiego",  # from the signature's "z up."
        office="Urząd Marszałkowski Województwa Nadmorskiego",
        unit="Departament Rybołówstwa",
    )


def test_sender_parts_take_no_office_or_organ_of_another_body() -> None:
    text = _letter("KANCELARIA SENATU", "", "Minister Łączności", "", BODY)
    assert _parts(text) == SenderParts(organ="Minister Łączności")  # another body's heading
    text = _letter(
        "URZĄD GMINY ZBÓJNO", "", BODY, _signed("z up. Wojewody Nadmorskiego", "Jan Nowak")
    )
    assert _parts(text) == SenderParts(office="Urząd Gminy Zbójno")  # signed for another


def test_a_sender_derived_from_the_signature_is_its_organ() -> None:
    text = _letter(BODY, _signed("z up. Burmistrza Miasta Kolno", "Jan Nowak", "Sekretarz"))
    field = _fields(text)[FieldName.SENDER]
    assert field.value == "Burmistrz Miasta Kolno"
    assert field.parts == SenderParts(organ="Burmistrz Miasta Kolno")


def test_a_unit_line_that_lost_its_diacritics_does_not_join_the_organ() -> None:
    text = _letter("WÓJT GMINY ZBÓJNO", "Wydzial Finansów", "ul. Polna 5, 87-645 Zbójno", "", BODY)
    field = _fields(text)[FieldName.SENDER]
    assert field.value == "Wójt Gminy Zbójno"
    assert field.parts == SenderParts(organ="Wójt Gminy Zbójno", unit="Wydzial Finansów")
