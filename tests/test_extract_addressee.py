"""The addressee stage (extract/stages/addressee.py) on synthetic letters.

Every letter here is synthetic: names, offices and towns are invented for these tests.
Letters are built with the helpers in :mod:`tests.letters`.
"""

from __future__ import annotations

from extract.fields import FieldName, to_json
from tests.letters import BODY, _fields, _letter, _right, _value


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


# --- shapes a review probed ---


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


FLUSH_LEFT_HEAD = (
    "Borki, 12 marca 2024 r.",
    "Urząd Gminy Borki",
    "ul. Polna 8",
    "",
    "OR.1431.10.2024",
)


def test_a_flush_left_addressee_under_the_reference_without_honorific() -> None:
    text = _letter(*FLUSH_LEFT_HEAD, "", "Fundacja Zielone Pola", "", BODY)
    value = _value(text, FieldName.ADDRESSEE)
    assert value["organization"] == "Fundacja Zielone Pola"
    assert value["name"] is None


def test_a_flush_left_addressee_known_by_its_address_lines() -> None:
    # No word of the first line says "office": its address lines say it is the addressee.
    text = _letter(*FLUSH_LEFT_HEAD, "", "Sieć Obywatelska Borki", "ul. Leśna 2/2", "00-950 Borki")
    text += "\n" + BODY + "\n"
    value = _value(text, FieldName.ADDRESSEE)
    assert value["address"] == "ul. Leśna 2/2, 00-950 Borki"


def test_a_group_addressee_over_lines_keeps_its_commas() -> None:
    text = _letter(
        *FLUSH_LEFT_HEAD,
        "",
        "Prezesi,",
        "Przewodniczący Rad Osiedli,",
        "Dyrektorzy gminnych świetlic,",
        "bibliotek i domów kultury",
        "",
        "Szanowni Państwo,",
        BODY,
    )
    value = _value(text, FieldName.ADDRESSEE)
    assert value["position"] == (
        "Prezesi, Przewodniczący Rad Osiedli, Dyrektorzy gminnych świetlic, "
        "bibliotek i domów kultury"
    )


def test_a_document_title_under_the_addressee_is_not_part_of_it() -> None:
    text = _letter(
        *FLUSH_LEFT_HEAD,
        "Pan",
        "Jan Nowak",
        "Dyrektor Szkoły Podstawowej",
        "ul. Leśna 2",
        "00-950 Borki",
        "WYSTĄPIENIE POKONTROLNE",
        BODY,
    )
    value = _value(text, FieldName.ADDRESSEE)
    assert value["organization"] is None
    assert value["address"] == "ul. Leśna 2, 00-950 Borki"


def test_e_mail_style_from_and_to_labels() -> None:
    text = _letter(
        "Od: Urząd Miasta Borki, Wydział Ochrony Środowiska.",
        "",
        "Do: Prezes Stowarzyszenia Zielone Borki",
        "",
        "Borki, 23 marca 2010 r.",
        "",
        BODY,
    )
    assert _value(text, FieldName.ADDRESSEE)["position"] == "Prezes Stowarzyszenia Zielone Borki"
    assert _value(text, FieldName.SENDER) == "Urząd Miasta Borki"


def test_a_lone_honorific_with_the_name_a_blank_line_below() -> None:
    text = _letter(*FLUSH_LEFT_HEAD, "", "Pan", "", "Jan Nowak", "ul. Leśna 2", "", BODY)
    value = _value(text, FieldName.ADDRESSEE)
    assert (value["honorific"], value["name"]) == ("Pan", "Jan Nowak")


def test_a_company_under_a_slash_reference_with_its_legal_form_misread() -> None:
    text = _letter(*FLUSH_LEFT_HEAD[:4], "ABC/1234/24", "", "Borex 7 Invest Sp.z.0.0", "", BODY)
    assert _value(text, FieldName.ADDRESSEE)["organization"] == "Borex 7 Invest Sp. z o.o."


def test_running_text_under_the_reference_is_no_addressee() -> None:
    paragraph = "- W odpowiedzi na interpelację informuję, że budowa chodnika " * 3
    text = _letter(*FLUSH_LEFT_HEAD, paragraph.strip(), "Zastępca Burmistrza", "Jan Nowak")
    assert _value(text, FieldName.ADDRESSEE) is None
