"""People and organs: morphology, block-line classifiers, addressee, signatory, sender, subject.

Every letter here is synthetic: names, offices and towns are invented for these tests. Text
indented by spaces stands on the right of the page (the plain-text loader keeps columns),
a blank line is a vertical gap and a form feed starts a new page.
"""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest

from extract import contract, extract, layout, morph, patterns, people
from extract.fields import FieldName, Signatory, to_json
from extract.layout import Layout
from extract.model import Candidate, Evidence, Field
from extract.resolve import resolve
from extract.text import TextView
from ocr.plaintext import document_from_text
from ocr.types import BBox

RIGHT = " " * 40  # indentation that puts a line in the right-hand column
BODY = (
    "W odpowiedzi na pismo z dnia 4 marca 2024 r. uprzejmie informuję, że sprawozdanie\n"
    "zostanie przekazane w terminie do końca kwietnia bieżącego roku, zgodnie z ustawą.\n"
)


def _letter(*lines: str) -> str:
    return "\n".join(lines) + "\n"


def _right(*lines: str) -> str:
    return "\n".join(RIGHT + line for line in lines)


def _fields(text: str) -> dict[FieldName, Field]:
    return dict(extract(document_from_text(text, source="t")).fields)


def _value(text: str, name: FieldName) -> Any:
    """A field's value in its JSON form (the output contract)."""
    return to_json(_fields(text)[name].value)


# --- morph -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "hint", "expected"),
    [
        (["Adama", "Wiśniewskiego"], "gen", "Adam Wiśniewski"),
        (["Adamowi", "Wiśniewskiemu"], "dat", "Adam Wiśniewski"),
        (["Adamie", "Wiśniewskim"], "loc", "Adam Wiśniewski"),
        (["Katarzyny", "Lewandowskiej"], "gen", "Katarzyna Lewandowska"),
        (["Katarzynie", "Lewandowskiej"], "dat", "Katarzyna Lewandowska"),
        (["Katarzyną", "Lewandowską"], "inst", "Katarzyna Lewandowska"),
        (["Katarzyny", "Lewandowskiej-Mróz"], "gen", "Katarzyna Lewandowska-Mróz"),
        (["Doroty", "Mazur-Kamińskiej"], "gen", "Dorota Mazur-Kamińska"),
        (["Piotra", "Dąbrowskiego-Wilka"], "gen", "Piotr Dąbrowski-Wilk"),
        (["Pawłowi", "Kopczyńskiemu"], "dat", "Paweł Kopczyński"),
        (["Wincentego", "Pałki"], "gen", "Wincenty Pałka"),
        (["Cezarego", "Kosa"], "gen", "Cezary Kos"),
        # Surnames SGJP does not know, declined like adjectives.
        (["Henryka", "Bzdęgowskiego"], "gen", "Henryk Bzdęgowski"),
        (["Bartłomieja", "Zawierzyckiego"], "gen", "Bartłomiej Zawierzycki"),
        # Capitals in, normal case out.
        (["ADAMA", "WIŚNIEWSKIEGO"], "gen", "Adam Wiśniewski"),
        (["HALINY", "SOWY-PIETRZYK"], "gen", "Halina Sowa-Pietrzyk"),
        # Already nominative: kept.
        (["Katarzyna", "Lewandowska-Mróz"], None, "Katarzyna Lewandowska-Mróz"),
        (["Adam", "Wiśniewski"], "gen", "Adam Wiśniewski"),
    ],
)
def test_person_nominative(words: list[str], hint: str | None, expected: str) -> None:
    assert morph.person_nominative(words, hint) == expected


def test_person_nominative_words_agree_in_gender() -> None:
    # "Bronisława" is a man's genitive or a woman's nominative; the surname decides.
    assert morph.person_nominative(["Bronisława", "Wrony"]) == "Bronisław Wrona"
    assert morph.person_nominative(["Bronisława", "Wrona"]) == "Bronisława Wrona"


def test_person_nominative_keeps_words_that_are_no_name() -> None:
    assert morph.person_nominative(["Xyzzy", "Qwerty"]) == "Xyzzy Qwerty"


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("Nowym Targu", "Nowy Targ"),
        ("Wieliczce", "Wieliczka"),
        ("Zabierzowie", "Zabierzów"),
        ("ZABIERZOWIE", "Zabierzów"),
        ("Myślenicach", "Myślenice"),
        ("Mszanie Dolnej", "Mszana Dolna"),
        ("Kędzierzynie-Koźlu", "Kędzierzyn-Koźle"),
        ("Siemianowicach Śląskich", "Siemianowice Śląskie"),
        ("Strzelcach Opolskich", "Strzelce Opolskie"),
        ("Nowym Mieście nad Wartą", "Nowe Miasto nad Wartą"),
        ("Tarnowskich Górach", "Tarnowskie Góry"),
        ("NOWYM TARGU", "Nowy Targ"),
    ],
)
def test_place_nominative(phrase: str, expected: str) -> None:
    assert morph.place_nominative(phrase) == expected


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("Wojewody Śląskiego", "Wojewoda Śląski"),
        ("WOJEWODY ŚLĄSKIEGO", "Wojewoda Śląski"),
        ("Starosty Nowotarskiego", "Starosta Nowotarski"),
        ("Burmistrza Miasta Wieliczki", "Burmistrz Miasta Wieliczki"),
        ("Wójta Gminy Zabierzów", "Wójt Gminy Zabierzów"),
        ("Marszałka Województwa Małopolskiego", "Marszałek Województwa Małopolskiego"),
        (
            "Komendanta Miejskiego Państwowej Straży Pożarnej",
            "Komendant Miejski Państwowej Straży Pożarnej",
        ),
        ("Ministra Zdrowia", "Minister Zdrowia"),
        ("Starosty", "Starosta"),
        # Nominative input is kept as printed.
        ("Wojewoda Śląski", "Wojewoda Śląski"),
        ("Wójt Gminy Zabierzów", "Wójt Gminy Zabierzów"),
        ("", ""),
    ],
)
def test_organ_nominative(phrase: str, expected: str) -> None:
    assert morph.organ_nominative(phrase) == expected


@pytest.mark.parametrize(
    ("word", "first", "surname"),
    [
        ("Adam", True, True),
        ("ADAM", True, True),
        ("Katarzyna", True, False),
        ("Wiśniewski", False, True),
        ("Lewandowska", False, True),
        ("Pan", False, False),  # a mythological first name in SGJP, not a name people bear
        ("Urząd", False, False),
        ("Bzdęgowski", False, False),  # unknown to the dictionary
    ],
)
def test_first_name_and_surname(word: str, first: bool, surname: bool) -> None:
    assert morph.is_first_name(word) is first
    assert morph.is_surname(word) is surname


# --- people ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "word", "rest"),
    [
        ("Pan", "Pan", ""),
        ("Pani", "Pani", ""),
        ("Pana", "Pana", ""),
        ("Panu", "Panu", ""),
        ("Pan,", "Pan", ""),
        ("Państwo", "Państwo", ""),
        ("Szanowni Państwo", "Państwo", ""),
        ("Szanowna Pani", "Pani", ""),
        ("Szanowny Pan", "Pan", ""),
        ("Wielmożny Pan", "Pan", ""),
        ("Sz. P.", "Sz. P.", ""),
        ("Sz.P. Adam Wiśniewski", "Sz.P.", "Adam Wiśniewski"),
        ("Pan Adam Wiśniewski", "Pan", "Adam Wiśniewski"),
        ("Pani dr Dorota Mazur-Kamińska", "Pani", "dr Dorota Mazur-Kamińska"),
    ],
)
def test_honorific(line: str, word: str, rest: str) -> None:
    assert people.honorific(line) == (word, rest)


@pytest.mark.parametrize("line", ["Panorama Firm", "Pandemia", "Panienka", "Adam Wiśniewski"])
def test_honorific_not_in_words_that_start_alike(line: str) -> None:
    assert people.honorific(line) == (None, line)


def test_honorific_wp_alone() -> None:
    assert people.honorific("WP Adam Wiśniewski") == ("WP", "Adam Wiśniewski")


def test_case_after_honorific() -> None:
    assert people.case_after("Pana") == "gen"
    assert people.case_after("Panu") == "dat"
    assert people.case_after("Pan") == "nom"
    assert people.case_after("Pani") is None  # "Pani" is every case
    assert people.case_after(None) is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Adam Wiśniewski", "Adam Wiśniewski"),
        ("ADAM WIŚNIEWSKI", "Adam Wiśniewski"),
        ("dr hab. inż. Adam Wiśniewski", "Adam Wiśniewski"),
        ("mgr Katarzyna Lewandowska-Mróz", "Katarzyna Lewandowska-Mróz"),
        ("prof. dr hab. Bartłomiej Zawierzycki", "Bartłomiej Zawierzycki"),
        ("lek. med. Halina Sowa-Pietrzyk", "Halina Sowa-Pietrzyk"),
        ("Henryk Bzdęgowski,", "Henryk Bzdęgowski"),
        ("A. Wiśniewski", "A. Wiśniewski"),
        ("Józef Maria Wiśniewski", "Józef Maria Wiśniewski"),
    ],
)
def test_find_name_strips_titles(line: str, expected: str) -> None:
    found = people.find_name(line)
    assert found is not None
    assert found.value == expected
    assert line[found.start : found.end].casefold() == expected.casefold()  # titles outside


def test_find_name_span_and_case_hint() -> None:
    found = people.find_name("dr hab. inż. Adam Wiśniewski")
    assert found is not None and (found.start, found.end) == (13, 28)
    found = people.find_name("Henryka Bzdęgowskiego", "gen")
    assert found is not None and found.value == "Henryk Bzdęgowski"


@pytest.mark.parametrize(
    "line",
    [
        "Rada Gminy Zabierzów",
        "Urząd Miasta Wieliczka",
        "Urząd Gminy",
        "Straż Gminna",
        "Zarząd Osiedla",
        "Dyrektor Wydziału",
        "Nowy Targ",
        "Adam",
        "Pana Adama Wiśniewskiego",  # the honorific is not part of a name
        "Zostanie przekazane Adam Wiśniewski",
    ],
)
def test_find_name_rejects_lines_that_are_no_name(line: str) -> None:
    assert people.find_name(line) is None


def test_find_name_inside_a_line_when_not_whole() -> None:
    found = people.find_name("Podpisał Adam Wiśniewski dnia", whole=False)
    assert found is not None and found.value == "Adam Wiśniewski"
    assert people.find_name("Podpisał Adam Wiśniewski dnia") is None


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Główny Specjalista", "position"),
        ("Główny Specjalista ds. kadr", "position"),
        ("Starszy Inspektor", "position"),
        ("Młodszy Referent", "position"),
        ("Powiatowy Inspektor Sanitarny", "position"),
        ("Zastępca Wójta", "position"),
        ("Wójt Gminy Zabierzów", "position"),
        ("p.o. Kierownika", "position"),
        ("Dyrektor Szkoły Muzycznej", "position"),
        ("Główny Inspektorat Ochrony Środowiska", "organization"),
        ("Powiatowy Inspektorat Weterynarii", "organization"),
        ("Szkoła Muzyczna I stopnia", "organization"),
        ("Urząd Gminy", "organization"),
        ("Regionalna Dyrekcja Ochrony Środowiska", "organization"),
        ("Komenda Miejska Państwowej Straży Pożarnej", "organization"),
        ("Przedsiębiorstwo Usług Komunalnych Sp. z o.o.", "organization"),
        ("ul. Krzemienna 12", "address"),
        ("Al. Lipowa 5", "address"),
        ("os. Centrum 3", "address"),
        ("32-080 Zabierzów", "address"),
        ("tel. 12 345 67 89", "contact"),
        ("e-mail: sekretariat@zabierzow.test", "contact"),
        ("www.wieliczka.test", "contact"),
        ("Adam Wiśniewski", None),
        pytest.param("Starostwo Powiatowe w Wieliczce", "organization"),
        pytest.param("Ministerstwo Zdrowia", "organization"),
        pytest.param("Naczelnik Urzędu Skarbowego", "position"),
        pytest.param("Kuratorium Oświaty", "organization"),
    ],
)
def test_line_kind(line: str, kind: str | None) -> None:
    assert people.line_kind(line) == kind


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("WÓJT GMINY ZABIERZÓW", "Wójt Gminy Zabierzów"),
        ("STAROSTA NOWOTARSKI", "Starosta Nowotarski"),
        ("URZĄD MIASTA I GMINY W WIELICZCE", "Urząd Miasta i Gminy w Wieliczce"),
        (
            "DYREKTOR MIEJSKIEGO OŚRODKA KULTURY W NOWYM TARGU",
            "Dyrektor Miejskiego Ośrodka Kultury w Nowym Targu",
        ),
        ("KĘDZIERZYN-KOŹLE", "Kędzierzyn-Koźle"),
        ("ZARZĄD PKP", "Zarząd PKP"),  # an acronym stays in capitals
        ("Wójt Gminy", "Wójt Gminy"),  # mixed case is kept
        ("ABC", "ABC"),  # too short to tell
    ],
)
def test_normal_case(text: str, expected: str) -> None:
    assert people.normal_case(text) == expected


# --- layout ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "closing"),
    [
        ("Z poważaniem", True),
        ("Z wyrazami szacunku", True),
        ("Łączę wyrazy szacunku", True),
        ("Pozdrawiam serdecznie", True),
        ("z up. Burmistrza", False),
        ("Zapoznałem się z aktami", False),
    ],
)
def test_closing_formula(line: str, closing: bool) -> None:
    assert bool(patterns.CLOSING.match(line)) is closing


@pytest.mark.parametrize(
    ("line", "sentence"),
    [
        ("we wniosku.", True),
        ("zostanie przekazane w terminie do końca kwietnia", True),
        ("Jak wynika z akt, sprawa została zamknięta", True),
        ("Kierownik Działu Gospodarki Wodnej", False),
        ("mgr inż. Adam Wiśniewski", False),
        ("z up. Burmistrza", False),
    ],
)
def test_is_sentence(line: str, sentence: bool) -> None:
    assert layout.is_sentence(line) is sentence


def test_body_start_at_the_salutation() -> None:
    text = _letter("URZĄD GMINY ZABIERZÓW", "", _right("Pan", "Adam Wiśniewski"), "")
    text += "Szanowny Panie,\n" + BODY
    view = TextView(document_from_text(text, source="t"))
    start = Layout(view).body_start
    assert view.line_text(view.lines[start]) == "Szanowny Panie,"


def test_segments_part_columns_standing_far_apart() -> None:
    text = "WPŁYNĘŁO 2024-03-05" + " " * 20 + "Pan Adam Wiśniewski\n"
    view = TextView(document_from_text(text, source="t"))
    parts = Layout(view).segments(view.lines)
    assert [view.text[p.start : p.end] for p in parts] == [
        "WPŁYNĘŁO 2024-03-05",
        "Pan Adam Wiśniewski",
    ]
    assert parts[0].left_fraction < 0.4 < parts[1].left_fraction


# --- addressee ---------------------------------------------------------------------------


def test_pani_block_with_position_wrapped_over_two_lines() -> None:
    text = _letter(
        _right("Wieliczka, 3 kwietnia 2024 r."),
        "",
        _right(
            "Pani",
            "Katarzyna Lewandowska-Mróz",
            "Zastępca Dyrektora Wydziału",
            "Geodezji i Kartografii",
        ),
        "",
        "Szanowna Pani,",
        BODY,
    )
    assert _value(text, FieldName.ADDRESSEE) == {
        "name": "Katarzyna Lewandowska-Mróz",
        "honorific": "Pani",
        "position": "Zastępca Dyrektora Wydziału Geodezji i Kartografii",
        "organization": None,
        "address": None,
    }


def test_pan_block_glowny_specjalista_wrapped() -> None:
    text = _letter(
        _right("Pan", "Adam Wiśniewski", "Główny Specjalista", "w Wydziale Geodezji"),
        "",
        BODY,
    )
    value = _value(text, FieldName.ADDRESSEE)
    assert value["name"] == "Adam Wiśniewski"
    assert value["position"] == "Główny Specjalista w Wydziale Geodezji"
    assert value["organization"] is None


def test_position_wrapped_at_a_hyphen() -> None:
    text = _letter(
        _right("Pan", "Adam Wiśniewski", "Dyrektor Zespołu Szkolno-", "Przedszkolnego w Rudawie"),
        "",
        BODY,
    )
    value = _value(text, FieldName.ADDRESSEE)
    assert value["position"] == "Dyrektor Zespołu Szkolno-Przedszkolnego w Rudawie"
    assert value["organization"] is None


def test_naczelnik_is_a_position() -> None:
    text = _letter(
        _right("Pan", "Adam Wiśniewski", "Naczelnik Urzędu Skarbowego", "w Wieliczce"), "", BODY
    )
    value = _value(text, FieldName.ADDRESSEE)
    assert value["position"] == "Naczelnik Urzędu Skarbowego w Wieliczce"
    assert value["organization"] is None


def test_pana_block_name_in_genitive() -> None:
    text = _letter(_right("Pana", "Henryka Bzdęgowskiego", "ul. Jodłowa 4/2"), "", BODY)
    value = _value(text, FieldName.ADDRESSEE)
    assert value["name"] == "Henryk Bzdęgowski"
    assert value["honorific"] == "Pan"
    assert value["address"] == "ul. Jodłowa 4/2"


def test_person_and_postal_address_joined_with_comma() -> None:
    text = _letter(
        _right("Nowy Targ, 3 kwietnia 2024 r."),
        "",
        _right("Pan", "Henryk Bzdęgowski", "ul. Jodłowa 4/2", "34-400 Nowy Targ"),
        "",
        BODY,
    )
    value = _value(text, FieldName.ADDRESSEE)
    assert value["name"] == "Henryk Bzdęgowski"
    assert value["address"] == "ul. Jodłowa 4/2, 34-400 Nowy Targ"
    assert value["position"] is None and value["organization"] is None


def test_titles_stripped_after_sz_p() -> None:
    text = _letter(
        _right("Sz. P.", "dr hab. inż. Bartłomiej Zawierzycki", "Prorektor ds. Nauki"), "", BODY
    )
    value = _value(text, FieldName.ADDRESSEE)
    assert value["name"] == "Bartłomiej Zawierzycki"
    assert value["position"] == "Prorektor ds. Nauki"


def test_szanowna_pani_opening_a_block() -> None:
    text = _letter(
        _right("Szanowna Pani", "Dorota Mazur-Kamińska", "ul. Krzemienna 12", "32-020 Wieliczka"),
        "",
        BODY,
    )
    value = _value(text, FieldName.ADDRESSEE)
    assert value["name"] == "Dorota Mazur-Kamińska"
    assert value["honorific"] == "Pani"
    assert value["address"] == "ul. Krzemienna 12, 32-020 Wieliczka"


def test_organisation_and_address_on_the_right_without_honorific() -> None:
    text = _letter(
        _right("Wieliczka, 3 kwietnia 2024 r."),
        "",
        _right(
            "Przedsiębiorstwo Wodociągów",
            "i Kanalizacji Sp. z o.o.",
            "ul. Lipowa 8",
            "32-020 Wieliczka",
        ),
        "",
        BODY,
    )
    field = _fields(text)[FieldName.ADDRESSEE]
    assert to_json(field.value) == {
        "name": None,
        "honorific": None,
        "position": None,
        "organization": "Przedsiębiorstwo Wodociągów i Kanalizacji Sp. z o.o.",
        "address": "ul. Lipowa 8, 32-020 Wieliczka",
    }
    assert field.source == "rules.addressee"


def test_contact_lines_are_left_out_of_the_block() -> None:
    text = _letter(
        _right(
            "Pan",
            "Adam Wiśniewski",
            "ul. Krzemienna 12",
            "tel. 600 000 000",
            "32-080 Zabierzów",
        ),
        "",
        BODY,
    )
    value = _value(text, FieldName.ADDRESSEE)
    assert value["address"] == "ul. Krzemienna 12, 32-080 Zabierzów"
    assert "600" not in str(value)


def test_wedlug_rozdzielnika_means_per_distribution() -> None:
    text = _letter(
        "URZĄD GMINY ZABIERZÓW",
        _right("Zabierzów, 3 kwietnia 2024 r."),
        "",
        _right("Według rozdzielnika"),
        "",
        BODY,
    )
    value = _value(text, FieldName.ADDRESSEE)
    assert value["per_distribution"] is True
    assert value["name"] is None and value["organization"] is None


def test_redacted_block_gives_no_name_and_not_the_next_text() -> None:
    text = _letter(
        _right("Wieliczka, 3 kwietnia 2024 r."),
        "",
        _right("Pan"),
        "",
        "",
        "",
        "Rada Gminy Zabierzów",
        "Wiesław Kurek",
        "Rozpatrując wniosek z dnia 4 marca 2024 r. uprzejmie informuję, że sprawozdanie",
        "zostanie przekazane w terminie do końca kwietnia bieżącego roku, zgodnie z ustawą.",
    )
    value = _value(text, FieldName.ADDRESSEE)
    assert value == {
        "name": None,
        "honorific": "Pan",
        "position": None,
        "organization": None,
        "address": None,
    }


def test_registry_stamp_is_never_the_addressee() -> None:
    text = _letter(
        "Starostwo Powiatowe w Wieliczce",
        _right(
            "Wieliczka, 3 kwietnia 2024 r.",
            "URZĄD GMINY ZABIERZÓW",
            "WPŁYNĘŁO",
            "dnia 5.04.2024",
            "L.dz. 1234",
        ),
        "",
        "Szanowna Pani,",
        BODY,
    )
    assert _value(text, FieldName.ADDRESSEE) is None


def test_registry_stamp_above_the_addressee_block() -> None:
    text = _letter(
        _right("URZĄD GMINY ZABIERZÓW", "WPŁYNĘŁO", "L.dz. 1234"),
        "",
        _right("Urząd Miasta i Gminy Wieliczka", "ul. Rynek 7", "32-020 Wieliczka"),
        "",
        BODY,
    )
    value = _value(text, FieldName.ADDRESSEE)
    assert value["organization"] == "Urząd Miasta i Gminy Wieliczka"
    assert value["address"] == "ul. Rynek 7, 32-020 Wieliczka"


def test_salutation_is_not_an_addressee_block() -> None:
    text = _letter("Starostwo Powiatowe w Wieliczce", "", "Szanowna Pani,", BODY)
    assert _value(text, FieldName.ADDRESSEE) is None


# --- signatory ---------------------------------------------------------------------------


def _signed(*block: str, closing: str = "Z poważaniem") -> str:
    return _letter(BODY, closing, "", *block)


def test_title_then_name_after_closing() -> None:
    text = _signed("Kierownik Działu", "Gospodarki Wodnej", "Wiesław Kurek")
    assert _value(text, FieldName.SIGNATORY) == {
        "name": "Wiesław Kurek",
        "position": "Kierownik Działu Gospodarki Wodnej",
        "on_behalf_of": None,
    }


def test_name_then_title_after_closing() -> None:
    text = _signed("Wiesław Kurek", "Kierownik Działu", "Gospodarki Wodnej")
    assert _value(text, FieldName.SIGNATORY) == {
        "name": "Wiesław Kurek",
        "position": "Kierownik Działu Gospodarki Wodnej",
        "on_behalf_of": None,
    }


def test_title_wrapped_at_a_conjunction() -> None:
    text = _signed("Dyrektor Wydziału Geodezji", "i Kartografii", "Wiesław Kurek")
    assert _value(text, FieldName.SIGNATORY) == {
        "name": "Wiesław Kurek",
        "position": "Dyrektor Wydziału Geodezji i Kartografii",
        "on_behalf_of": None,
    }


def test_z_up_burmistrza() -> None:
    text = _signed("z up. Burmistrza", "Halina Sowa-Pietrzyk", "Sekretarz Miasta")
    assert _value(text, FieldName.SIGNATORY) == {
        "name": "Halina Sowa-Pietrzyk",
        "position": "Sekretarz Miasta",
        "on_behalf_of": "Burmistrza",
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
    }


def test_organ_before_z_up_and_the_name() -> None:
    text = _signed("Wojewoda Śląski z up. Jolanta Kamyk-Wiatr", "Dyrektor Wydziału Geodezji")
    assert _value(text, FieldName.SIGNATORY) == {
        "name": "Jolanta Kamyk-Wiatr",
        "position": "Dyrektor Wydziału Geodezji",
        "on_behalf_of": "Wojewoda Śląski",
    }


def test_e_signature_caption_then_name() -> None:
    text = _signed(
        "Dokument podpisany elektronicznie przez:", "Wincenty Pałka", "Wójt Gminy Zabierzów"
    )
    assert _value(text, FieldName.SIGNATORY) == {
        "name": "Wincenty Pałka",
        "position": "Wójt Gminy Zabierzów",
        "on_behalf_of": None,
    }


def test_e_signature_caption_with_the_name_on_its_line() -> None:
    text = _letter(BODY, "Dokument podpisany elektronicznie przez: Wincenty Pałka")
    field = _fields(text)[FieldName.SIGNATORY]
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
    }


# --- sender ------------------------------------------------------------------------------


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


# --- subject -----------------------------------------------------------------------------


def test_dotyczy_wrapped_over_two_lines() -> None:
    text = _letter(
        "Dotyczy: przekazania informacji o stanie realizacji zadań",
        "oświatowych w roku szkolnym 2023/2024.",
        "",
        "Szanowni Państwo,",
        BODY,
    )
    assert _value(text, FieldName.SUBJECT) == (
        "przekazania informacji o stanie realizacji zadań oświatowych w roku szkolnym 2023/2024"
    )


def test_sprawa_subject() -> None:
    text = _letter("Sprawa: wniosek o wydanie zaświadczenia o przeznaczeniu działki.", "", BODY)
    assert _value(text, FieldName.SUBJECT) == (
        "wniosek o wydanie zaświadczenia o przeznaczeniu działki"
    )


def test_no_subject() -> None:
    assert _value(_letter("URZĄD GMINY ZABIERZÓW", "", BODY), FieldName.SUBJECT) is None


# --- resolve -----------------------------------------------------------------------------


def _candidate(field: FieldName, value: Any, confidence: float, source: str) -> Candidate:
    evidence = (Evidence(1, BBox(10, 20, 110, 40), str(value)),)
    return Candidate(field, value, str(value), confidence, evidence, source)


def test_disagreeing_candidates_kept_as_alternatives() -> None:
    fields = resolve(
        [
            _candidate(FieldName.SENDER, "Urząd Gminy Zabierzów", 0.7, "rules.a"),
            _candidate(FieldName.SENDER, "Wójt Gminy Zabierzów", 0.8, "rules.b"),
            _candidate(FieldName.SENDER, "Wójt Gminy Zabierzów", 0.5, "rules.c"),
        ]
    )
    data = fields[FieldName.SENDER].to_dict()
    assert data["value"] == "Wójt Gminy Zabierzów"
    assert data["source"] == "rules.b"
    assert data["alternatives"] == [
        {
            "value": "Urząd Gminy Zabierzów",
            "confidence": 0.7,
            "source": "rules.a",
            "evidence": [{"page": 1, "bbox": [10, 20, 110, 40], "text": "Urząd Gminy Zabierzów"}],
        }
    ]


def test_agreeing_candidates_give_no_alternatives() -> None:
    fields = resolve(
        [
            _candidate(FieldName.SUBJECT, "remont drogi", 0.9, "rules.a"),
            _candidate(FieldName.SUBJECT, "remont drogi", 0.4, "rules.b"),
        ]
    )
    assert "alternatives" not in fields[FieldName.SUBJECT].to_dict()
    assert fields[FieldName.ADDRESSEE].value is None
    assert fields[FieldName.DATES].value == ()


def test_signatory_position_completed_from_the_letterhead_organ() -> None:
    fields = resolve(
        [
            _candidate(FieldName.SENDER, "Wójt Gminy Zabierzów", 0.8, "rules.sender"),
            _candidate(
                FieldName.SIGNATORY,
                Signatory("Wincenty Pałka"),
                0.9,
                "rules.signatory",
            ),
        ]
    )
    signatory = fields[FieldName.SIGNATORY]
    assert signatory.value.position == "Wójt Gminy Zabierzów"
    assert signatory.confidence == pytest.approx(0.6)
    assert signatory.source == "rules.signatory+rules.sender"


def test_signatory_position_not_completed_from_an_office() -> None:
    fields = resolve(
        [
            _candidate(FieldName.SENDER, "Urząd Gminy Zabierzów", 0.7, "rules.sender"),
            _candidate(
                FieldName.SIGNATORY,
                Signatory("Wincenty Pałka"),
                0.9,
                "rules.signatory",
            ),
        ]
    )
    assert fields[FieldName.SIGNATORY].value.position is None


# --- output schema -----------------------------------------------------------------------


def test_full_letter_output_is_schema_valid() -> None:
    text = _letter(
        "WÓJT GMINY",
        "ZABIERZÓW",
        "ul. Krzemienna 12, 32-080 Zabierzów",
        "tel. 12 000 00 00, e-mail: gmina@zabierzow.test",
        "",
        _right("Zabierzów, 12 marca 2024 r."),
        "ROG.0012.4.2024",
        "",
        _right(
            "Pan",
            "Adam Wiśniewski",
            "Dyrektor Zespołu Szkół",
            "w Rudawie",
            "ul. Szkolna 3",
            "32-064 Rudawa",
        ),
        "",
        "Dotyczy: przekazania informacji o stanie realizacji zadań",
        "oświatowych w roku szkolnym 2023/2024.",
        "",
        "Szanowny Panie Dyrektorze,",
        BODY,
        "Z poważaniem",
        "",
        "z up. Wójta",
        "mgr Cezary Kos",
        "Sekretarz Gminy",
        "",
        "Otrzymują:",
        "1. Adresat",
        "2. a/a",
    )
    document = document_from_text(text, source="letter.txt")
    output = contract.output_of(
        document, {"path": "letter.txt", "pages": len(document.pages), "format": "text"}
    )
    jsonschema.validate(output, json.loads(contract.schema_text()))
    fields = output["fields"]
    assert fields["sender"]["value"] == "Wójt Gminy Zabierzów"
    assert fields["addressee"]["value"]["name"] == "Adam Wiśniewski"
    assert fields["addressee"]["value"]["address"] == "ul. Szkolna 3, 32-064 Rudawa"
    assert fields["signatory"]["value"] == {
        "name": "Cezary Kos",
        "position": "Sekretarz Gminy",
        "on_behalf_of": "Wójta",
    }
    assert fields["subject"]["value"].startswith("przekazania informacji")


# --- OCR repairs through the dictionary ----------------------------------------------------


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("Czamecka", "Czarnecka"),  # "rn" read as "m"
        ("Wiśniewski", "Wiśniewski"),  # known: kept
        ("Bzdęgowski", "Bzdęgowski"),  # unknown, no confusion gives a name: kept
    ],
)
def test_name_word_repaired_only_into_a_known_name(word: str, expected: str) -> None:
    assert morph.repaired_name_word(word) == expected


def test_place_damaged_by_ocr_is_the_town_the_letter_names_elsewhere() -> None:
    text = "Urząd Gminy\nul. Rynek 1, 34-500 Zakopane\n\nZakopune, 3 marca 2022 r.\n"
    assert morph.place_confirmed("Zakopune", text) == "Zakopane"
    assert morph.place_confirmed("Zakopane", text) == "Zakopane"
    assert morph.place_confirmed("Zakopune", "Zakopune, 3 marca 2022 r.") is None


def test_find_name_reorders_a_surname_printed_first() -> None:
    found = people.find_name("Wiśniewski Adam")
    assert found is not None and found.value == "Adam Wiśniewski"


# --- shapes a review probed ----------------------------------------------------------------


def test_numbered_item_wrapped_onto_a_genitive_office_line_stays_one_recipient() -> None:
    text = _letter(
        BODY,
        "Otrzymują:",
        "1. Dyrektor Wydziału Geodezji",
        "   Starostwa Powiatowego w Lipnicy",
        "2. a/a",
    )
    assert [i["recipient"] for i in _value(text, FieldName.DISTRIBUTION)] == [
        "Dyrektor Wydziału Geodezji Starostwa Powiatowego w Lipnicy",
        "a/a",
    ]


def test_number_on_the_heading_line_is_not_part_of_the_recipient() -> None:
    text = _letter(BODY, "Otrzymują: 1. Adresat", "2. a/a")
    assert [i["recipient"] for i in _value(text, FieldName.DISTRIBUTION)] == ["Adresat", "a/a"]


def test_plural_town_in_the_nominative_is_kept() -> None:
    assert morph.place_confirmed("Brzozowice", "Brzozowice, 14.03.2023 r.") == "Brzozowice"
    assert morph.place_nominative("Brzozowicach") == "Brzozowice"


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
    }


def test_surname_first_signature() -> None:
    text = _letter(
        BODY, "", RIGHT + "Z poważaniem", RIGHT + "Lisiecki Marek", RIGHT + "Kierownik Referatu"
    )
    assert _value(text, FieldName.SIGNATORY) == {
        "name": "Marek Lisiecki",
        "position": "Kierownik Referatu",
        "on_behalf_of": None,
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
    assert signatory.value.name == "Marek Lisiecki"
    assert signatory.source == "rules.signatory"


def test_name_on_the_closing_formulas_line() -> None:
    text = _letter(BODY, "", RIGHT + "Z poważaniem, Marek Lisiecki", RIGHT + "Wójt Gminy")
    assert _value(text, FieldName.SIGNATORY)["name"] == "Marek Lisiecki"


def test_panstwo_couple_is_a_name_not_an_organisation() -> None:
    text = _letter(
        _right("Państwo", "Ewa i Tadeusz Wróblewscy", "ul. Lipowa 3", "34-400 Lipnica"), "", BODY
    )
    value = _value(text, FieldName.ADDRESSEE)
    assert value["organization"] is None
    assert value["name"] == "Ewa i Tadeusz Wróblewscy"
    assert value["address"] == "ul. Lipowa 3, 34-400 Lipnica"


def test_date_line_right_above_the_addressee_is_not_part_of_it() -> None:
    text = _letter(
        _right("Lipnica, 14 marca 2023", "Stowarzyszenie Przyjaciół Lipnicy", "ul. Lipowa 3"),
        "",
        BODY,
    )
    assert _value(text, FieldName.ADDRESSEE)["organization"] == "Stowarzyszenie Przyjaciół Lipnicy"


def test_do_pana_opens_the_addressee_block() -> None:
    text = _letter(_right("Lipnica, 14.03.2023 r.", "", "Do Pana", "Marka Lisieckiego"), "", BODY)
    assert _value(text, FieldName.ADDRESSEE)["name"] == "Marek Lisiecki"
