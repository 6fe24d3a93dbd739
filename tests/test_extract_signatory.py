"""The signatory stage (extract/stages/signatory.py) on synthetic letters.

Every letter here is synthetic: names, offices and towns are invented for these tests.
Letters are built with the helpers in :mod:`tests.letters`.
"""

from __future__ import annotations

import pytest

from extract.fields import FieldName, Signatory, to_json
from tests.letters import BODY, RIGHT, _fields, _letter, _right, _signed, _value


@pytest.mark.parametrize(
    ("block", "position"),
    [
        (
            ("Kierownik Działu", "Gospodarki Wodnej", "Wiesław Kurek"),
            "Kierownik Działu Gospodarki Wodnej",
        ),
        (
            ("Wiesław Kurek", "Kierownik Działu", "Gospodarki Wodnej"),
            "Kierownik Działu Gospodarki Wodnej",
        ),
        # a title wrapped at a conjunction
        (
            ("Dyrektor Wydziału Geodezji", "i Kartografii", "Wiesław Kurek"),
            "Dyrektor Wydziału Geodezji i Kartografii",
        ),
    ],
)
def test_title_and_name_after_closing_either_way_round(
    block: tuple[str, ...], position: str
) -> None:
    assert _value(_signed(*block), FieldName.SIGNATORY) == {
        "name": "Wiesław Kurek",
        "position": position,
        "on_behalf_of": None,
        "signature": None,
    }


@pytest.mark.parametrize(
    "block",
    [
        ("Z A S T Ę P C A  B U R M I S T R Z A", "Wiesław Kurek"),  # letter-spaced
        ("ZASTĘP CA BURMI STRZA", "Wiesław Kurek"),  # ... read in pieces
    ],
)
def test_a_letter_spaced_position_is_read_whole(block: tuple[str, ...]) -> None:
    value = _value(_signed(*block), FieldName.SIGNATORY)
    assert (value["name"], value["position"]) == ("Wiesław Kurek", "Zastępca Burmistrza")


def test_z_up_burmistrza() -> None:
    text = _signed("z up. Burmistrza", "Halina Sowa-Pietrzyk", "Sekretarz Miasta")
    assert _value(text, FieldName.SIGNATORY) == {
        "name": "Halina Sowa-Pietrzyk",
        "position": "Sekretarz Miasta",
        "on_behalf_of": "Burmistrza",
        "signature": None,
    }


@pytest.mark.parametrize(
    "block",
    [
        ("z upoważnienia Starosty Nowotarskiego", "Radosław Pietrzak", "Sekretarz Powiatu"),
        ("z upoważnienia", "Starosty Nowotarskiego", "Radosław Pietrzak", "Sekretarz Powiatu"),
    ],
)
def test_z_upowaznienia_organ_not_truncated(block: tuple[str, ...]) -> None:
    text = _signed(*block, closing="Z wyrazami szacunku")
    assert _value(text, FieldName.SIGNATORY) == {
        "name": "Radosław Pietrzak",
        "position": "Sekretarz Powiatu",
        "on_behalf_of": "Starosty Nowotarskiego",
        "signature": None,
    }


def test_organ_before_z_up_and_the_name() -> None:
    text = _signed("Wojewoda Śląski z up. Jolanta Kamyk-Wiatr", "Dyrektor Wydziału Geodezji")
    assert _value(text, FieldName.SIGNATORY) == {
        "name": "Jolanta Kamyk-Wiatr",
        "position": "Dyrektor Wydziału Geodezji",
        "on_behalf_of": "Wojewoda Śląski",
        "signature": None,
    }


def test_e_signature_caption_then_name() -> None:
    text = _signed(
        "Dokument podpisany elektronicznie przez:", "Wincenty Pałka", "Wójt Gminy Zabierzów"
    )
    assert _value(text, FieldName.SIGNATORY) == {
        "name": "Wincenty Pałka",
        "position": "Wójt Gminy Zabierzów",
        "on_behalf_of": None,
        "signature": "electronic",
    }


def test_e_signature_caption_with_the_name_on_its_line() -> None:
    text = _letter(BODY, "Dokument podpisany elektronicznie przez: Wincenty Pałka")
    field = _fields(text)[FieldName.SIGNATORY]
    assert isinstance(field.value, Signatory)
    assert field.value.name == "Wincenty Pałka"
    assert field.confidence <= 0.8


def test_signature_without_closing_formula() -> None:
    text = _letter(
        BODY,
        "Burmistrz Miasta Wieliczki",
        "Ryszard Grabowiecki",
        "",
        "Otrzymują:",
        "1. Adresat",
        "2. a/a",
    )
    assert _value(text, FieldName.SIGNATORY) == {
        "name": "Ryszard Grabowiecki",
        "position": "Burmistrz Miasta Wieliczki",
        "on_behalf_of": None,
        "signature": None,
    }


@pytest.mark.parametrize(
    "paragraph",
    [
        "Remont świetlicy wiejskiej zostanie wykonany w przyszłym roku, ponieważ środki"
        " zaplanowane w budżecie na bieżący rok przeznaczono na naprawę dachu szkoły, o czym"
        " radni zostali powiadomieni na ostatniej sesji rady.",
        "- " + " ".join(BODY.split()),  # a list dash before the opening words
    ],
)
def test_a_paragraph_kept_on_one_line_is_the_body_before_the_signature(paragraph: str) -> None:
    # A text file or a PDF's text layer may hold a whole paragraph on one line; the short
    # lines under it are the signature, not the letter's head.
    text = _letter(
        "AB/12/345/06   Borowiec, 20.02.2008 r.", paragraph, "Zastępca Burmistrza", "Jan Kowalczyk"
    )
    assert _value(text, FieldName.SIGNATORY) == {
        "name": "Jan Kowalczyk",
        "position": "Zastępca Burmistrza",
        "on_behalf_of": None,
        "signature": None,
    }


@pytest.mark.parametrize(
    "text",
    [
        _letter(BODY),
        _letter(BODY, "Otrzymują:", "1. Adresat", "2. a/a"),
        _letter(BODY, "Sprawę prowadzi: Wiesław Kurek, tel. 12 000 00 00"),
    ],
)
def test_letter_without_signature(text: str) -> None:
    assert _value(text, FieldName.SIGNATORY) is None


@pytest.mark.parametrize(
    "block",
    [
        ("mgr inż. Ryszard Grabowiecki", "Burmistrz Miasta Wieliczki"),
        ("Burmistrz Miasta Wieliczki", "mgr Ryszard Grabowiecki"),
        (
            "mgr inż. Ryszard Grabowiecki",
            "Burmistrz Miasta Wieliczki",
            "Wieliczka, dnia 12.03.2024 r.",
        ),
        ("Burmistrz Miasta Wieliczki", "mgr Ryszard Grabowiecki", "Wieliczka, 12 marca 2024 r."),
    ],
)
def test_titles_and_date_line_not_in_the_signature(block: tuple[str, ...]) -> None:
    assert _value(_signed(*block), FieldName.SIGNATORY) == {
        "name": "Ryszard Grabowiecki",
        "position": "Burmistrz Miasta Wieliczki",
        "on_behalf_of": None,
        "signature": None,
    }


_PAGE_ONE = _letter(
    "URZĄD MIASTA I GMINY WIELICZKA",
    "ul. Rynek 7, 32-020 Wieliczka",
    "",
    _right("Wieliczka, 3 kwietnia 2024 r."),
    "",
    BODY.rstrip("\n"),
    "Termin ten wynika z harmonogramu prac komisji i nie może zostać skrócony z przyczyn",
    "",
    "Strona 1 z 2",
    "ul. Rynek 7, 32-020 Wieliczka, tel. 12 000 00 00, www.wieliczka.test",
)


_CONTINUED = "organizacyjnych, o czym poinformowano wszystkich zainteresowanych mieszkańców gminy."


@pytest.mark.parametrize(
    "page_two",
    [
        _letter(
            _CONTINUED,
            "",
            "Z poważaniem",
            "",
            "Skarbnik Miasta i Gminy",
            "Ryszard Grabowiecki",
            "",
            "Strona 2 z 2",
            "ul. Rynek 7, 32-020 Wieliczka, tel. 12 000 00 00",
        ),
        _letter(
            _CONTINUED,
            "",
            "Skarbnik Miasta i Gminy",
            "Ryszard Grabowiecki",
            "",
            "- 2 -",
            "Urząd Miasta i Gminy Wieliczka, tel. 12 000 00 00",
        ),
    ],
)
def test_two_page_letter_footers_skipped(page_two: str) -> None:
    fields = _fields(_PAGE_ONE + "\f" + page_two)
    assert to_json(fields[FieldName.SIGNATORY].value) == {
        "name": "Ryszard Grabowiecki",
        "position": "Skarbnik Miasta i Gminy",
        "on_behalf_of": None,
        "signature": None,
    }
    assert fields[FieldName.SENDER].value == "Urząd Miasta i Gminy Wieliczka"


def test_signature_on_the_next_page_after_page_mark() -> None:
    text = (
        _letter(
            "URZĄD MIASTA I GMINY WIELICZKA",
            "",
            BODY.rstrip("\n"),
            "Z poważaniem",
            "",
            "Strona 1 z 2",
        )
        + "\f"
        + _letter("Skarbnik Miasta i Gminy", "Ryszard Grabowiecki")
    )
    assert _value(text, FieldName.SIGNATORY) == {
        "name": "Ryszard Grabowiecki",
        "position": "Skarbnik Miasta i Gminy",
        "on_behalf_of": None,
        "signature": None,
    }


# --- shapes a review probed ---


def test_two_signers_side_by_side_give_the_right_hand_one() -> None:
    text = _letter(
        BODY,
        "",
        "Skarbnik Gminy                              Wójt Gminy",
        "Anna Borowa                                 Marek Lisiecki",
    )
    assert _value(text, FieldName.SIGNATORY) == {
        "name": "Marek Lisiecki",
        "position": "Wójt Gminy",
        "on_behalf_of": None,
        "signature": None,
    }


def test_surname_first_signature() -> None:
    text = _letter(
        BODY, "", RIGHT + "Z poważaniem", RIGHT + "Lisiecki Marek", RIGHT + "Kierownik Referatu"
    )
    assert _value(text, FieldName.SIGNATORY) == {
        "name": "Marek Lisiecki",
        "position": "Kierownik Referatu",
        "on_behalf_of": None,
        "signature": None,
    }


def test_paragraph_ending_in_a_capitalised_line_is_not_the_signature() -> None:
    text = _letter(
        "Uprzejmie informuję, że projekt uchwały zostanie przedstawiony na najbliższej sesji przez",
        "Przewodniczącego Rady, po zaopiniowaniu go przez komisję właściwą dla Przewodniczącego",
        "Rady Gminy Brzozowice.",
        "",
        RIGHT + "Marek Lisiecki",
        RIGHT + "Wójt Gminy",
    )
    assert _value(text, FieldName.SIGNATORY)["position"] == "Wójt Gminy"


def test_copy_mark_before_the_signers_name() -> None:
    text = _letter(
        BODY, "", RIGHT + "Z poważaniem", RIGHT + "/-/ Marek Lisiecki", RIGHT + "Wójt Gminy"
    )
    signatory = _fields(text)[FieldName.SIGNATORY]
    assert isinstance(signatory.value, Signatory)
    assert signatory.value.name == "Marek Lisiecki"
    assert signatory.source == "rules.signatory"


def test_name_on_the_closing_formulas_line() -> None:
    text = _letter(BODY, "", RIGHT + "Z poważaniem, Marek Lisiecki", RIGHT + "Wójt Gminy")
    assert _value(text, FieldName.SIGNATORY)["name"] == "Marek Lisiecki"


@pytest.mark.parametrize("town", ["Kalisza", "Sieradza", "Gniezna"])
def test_a_town_ending_a_printed_position_stays_in_it(town: str) -> None:
    # A town in the genitive may also be a surname: in print it ends the position.
    text = _signed("Prezydent Miasta", town, "Wiesław Kurek")
    value = _value(text, FieldName.SIGNATORY)
    assert value["position"] == f"Prezydent Miasta {town}"


def test_a_position_repeated_over_its_longer_form_is_given_once() -> None:
    text = _signed("PREZYDENT", "PREZYDENT MIASTA KALISZA", "Wiesław Kurek")
    value = _value(text, FieldName.SIGNATORY)
    assert value["position"] == "Prezydent Miasta Kalisza"


def test_the_signers_office_and_address_under_the_name_are_no_position() -> None:
    text = _signed("Wiesław Kurek", "Urząd Gminy Borki", "Borki 15", "00-950 Borki")
    value = _value(text, FieldName.SIGNATORY)
    assert (value["name"], value["position"]) == ("Wiesław Kurek", None)


def test_a_position_in_an_office_under_the_name_stays() -> None:
    text = _signed("Wiesław Kurek", "Kierownik Referatu", "Urzędu Gminy Borki")
    value = _value(text, FieldName.SIGNATORY)
    assert value["position"] == "Kierownik Referatu Urzędu Gminy Borki"
