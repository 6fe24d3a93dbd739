from __future__ import annotations

from typing import cast

from extract.fields import DistributionEntry, FieldName
from extract.layout import Layout
from extract.stages import distribution
from extract.text import TextView
from ocr.plaintext import document_from_text
from tests.letters import BODY, _letter, _signed, _value


def _items(text: str) -> list[tuple[str, str]]:
    view = TextView(document_from_text(text, source="t.txt"))
    found = list(distribution.find(Layout(view)))
    if not found:
        return []
    entries = cast(tuple[DistributionEntry, ...], found[0].value)  # what this stage proposes
    return [(i.recipient, i.heading) for i in entries]


def test_numbered_list_with_wrapped_item_and_aa() -> None:
    text = (
        "Z poważaniem\n\nBURMISTRZ\nJan Nowak\n\nOtrzymują:\n\n"
        "1. Adresat\n2. Zarząd Dróg Powiatowych\n   w Nowym Targu;\n3. aa\n\n"
        "Sprawę prowadzi: A. Kowalska, tel. 18 000 00 00\n"
    )
    assert _items(text) == [
        ("Adresat", "Otrzymują"),
        ("Zarząd Dróg Powiatowych w Nowym Targu", "Otrzymują"),
        ("a/a", "Otrzymują"),
    ]


def test_two_lists_keep_their_names_and_order() -> None:
    text = "Otrzymują:\n1. Adresat\n2. a/a\n\nDo wiadomości:\n1) Rada Gminy\n"
    assert _items(text) == [
        ("Adresat", "Otrzymują"),
        ("a/a", "Otrzymują"),
        ("Rada Gminy", "Do wiadomości"),
    ]


def test_unnumbered_items_ended_by_semicolons() -> None:
    text = "Otrzymują:\nFundacja Przykładowa;\nStowarzyszenie Drugie;\nUrząd Trzeci.\n"
    assert [r for r, _ in _items(text)] == [
        "Fundacja Przykładowa",
        "Stowarzyszenie Drugie",
        "Urząd Trzeci",
    ]


def test_item_on_the_heading_line_and_dw() -> None:
    assert _items("Dw.: Wydział Finansowy\n") == [("Wydział Finansowy", "Dw")]


def test_aa_with_unit_symbol_as_ocr_reads_it() -> None:
    assert [r for r, _ in _items("Do wiadomości:\n1. Adresat\n2. a/aKl.\n")] == [
        "Adresat",
        "a/a KI",
    ]


def test_list_stops_at_the_rodo_clause() -> None:
    text = (
        "Otrzymują:\n1. Adresat\n"
        "Administratorem Pani/Pana danych osobowych jest Burmistrz Miasta.\n"
    )
    assert [r for r, _ in _items(text)] == ["Adresat"]


def test_numbering_column_read_apart_from_the_items() -> None:
    text = "Otrzymują:\n1) Adresat\n) Rada Osiedla\n)\n\n2\n3\n4) a/a ZR\n"
    assert [r for r, _ in _items(text)] == ["Adresat", "Rada Osiedla", "a/a ZR"]


def test_each_item_has_evidence() -> None:
    view = TextView(document_from_text("Otrzymują:\n1. Adresat\n2. a/a\n", source="t"))
    candidate = next(distribution.find(Layout(view)))
    assert [e.text for e in candidate.evidence] == ["Adresat", "a/a"]


def test_sentences_starting_like_a_heading_are_not_lists() -> None:
    for text in (
        "Dwa egzemplarze pozostają w aktach.\n",
        "Dworcowa 5\nTreść\n",
        "Kopia decyzji zostanie przesłana stronom.\nDalsza treść.\n",
        "Do wiadomości przekazuję, że termin minął.\n",
    ):
        assert _items(text) == [], text


def test_singular_heading_otrzymuje() -> None:
    assert _items("Otrzymuje:\n1. Adresat\n") == [("Adresat", "Otrzymuje")]


def test_numbered_list_does_not_swallow_the_signature_under_it() -> None:
    text = "Otrzymują:\n1. Adresat\n2. a/a\nWÓJT\nJan Nowak\n"
    assert [r for r, _ in _items(text)] == ["Adresat", "a/a"]


def test_list_goes_on_over_a_page_break_skipping_page_marks_and_letterhead() -> None:
    text = (
        "Otrzymują:\n1. Adresat\n2. Rada Gminy\nStrona 1 z 2\n"
        "\fUrząd Gminy Nowa Wieś\n3. Komenda Powiatowa Policji\n4. a/a\n"
    )
    assert [r for r, _ in _items(text)] == [
        "Adresat",
        "Rada Gminy",
        "Komenda Powiatowa Policji",
        "a/a",
    ]


# --- shapes a review probed, on whole letters ---


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


def test_a_numbered_list_without_a_heading_that_files_a_copy_is_the_distribution() -> None:
    text = _signed("Jan Nowak") + "\n" * 6 + "1. Wydział Geodezji - a/a\n2. Sołtys Sołectwa Borki\n"
    value = _value(text, FieldName.DISTRIBUTION)
    assert [entry["recipient"] for entry in value] == [
        "Wydział Geodezji - a/a",
        "Sołtys Sołectwa Borki",
    ]
    assert value[0]["list"] == ""  # no heading printed
    signatory = _value(text, FieldName.SIGNATORY)
    assert (signatory["name"], signatory["position"]) == ("Jan Nowak", None)  # not the list


def test_a_numbered_list_in_the_body_is_no_distribution() -> None:
    text = _signed("Jan Nowak") + "\n" * 6 + "1. Wniosek o wydanie decyzji\n2. Mapa działki\n"
    assert _value(text, FieldName.DISTRIBUTION) == []
