from __future__ import annotations

import pytest

from extract.fields import ReferenceParts
from extract.layout import Layout
from extract.stages import reference
from extract.text import TextView
from ocr.plaintext import document_from_text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("BO-02.0003.4100.2019", "BO-02.0003.4100.2019"),
        ("BRM.1431.27.2024.KW", "BRM.1431.27.2024.KW"),
        ("WI-IV.0231.18.2025.MS", "WI-IV.0231.18.2025.MS"),
        ("RIO.I.6002-6/12", "RIO.I.6002-6/12"),
        ("WK – 602/57/2016", "WK-602/57/2016"),
        ("ZPOW-066-700/15", "ZPOW-066-700/15"),
        ("AB/CD/0123/45/19", "AB/CD/0123/45/19"),  # unit groups joined by slashes
        ("KL.II.862.5.2016.JZ/AB", "KL.II.862.5.2016.JZ/AB"),  # author's / typist's initials
        ("XY-ZW.1234/56/2022", "XY-ZW.1234/56/2022"),
        ("KO.0214.33.2019.5C", "KO.0214.33.2019.SC"),  # initials read as digits
        ("GK.552O.231.2O25", "GK.5520.231.2025"),  # O for 0 in numbers
        ("GK . 5520 . 231 . 2025", "GK.5520.231.2025"),  # spaces around separators
        ("GK,5520.231,2025", "GK.5520.231.2025"),  # commas
        ("BRM.l431.27.2024", "BRM.1431.27.2024"),  # l for 1
        ("WP-VIL.862.7.8.2013", "WP-VII.862.7.8.2013"),  # a Roman "I" read "L"; a 3-digit class
        ("ZKiOPm-071/22/08/ /09", "ZKiOPm-071/22/08//09"),  # mixed-case unit, a blank slot
        ("Wniosek-12/2020/15", None),  # a word, not a unit
        ("www.gmina.pl", None),
        ("Dz.U.2019.1145", None),
    ],
)
def test_normalize_repairs_ocr_confusions(raw: str, expected: str | None) -> None:
    assert reference.normalize(raw) == expected


def test_parts_split_the_office_manual_shape() -> None:
    assert reference.parts("WI-IV.0231.18.2025.MS") == ReferenceParts(
        unit="WI-IV", jrwa="0231", case="18", year=2025, initials="MS"
    )
    assert reference.parts("RIO.I.6002-6/12") is None


def _best(text: str) -> str | None:
    view = TextView(document_from_text(text, source="t.txt"))
    found = sorted(reference.find(Layout(view)), key=lambda c: c.confidence, reverse=True)
    if not found:
        return None
    assert isinstance(found[0].value, str)  # a reference number is text
    return found[0].value


def test_labelled_reference_wins_over_their_reference_and_body_numbers() -> None:
    text = (
        "Wasz znak: AB.1234.5.2020\n"
        "Znak sprawy: GN.6840.12.2024\n\n"
        "W odpowiedzi na pismo znak: XY.0001.2.2024 z dnia 3 stycznia 2024 r.\n"
    )
    assert _best(text) == "GN.6840.12.2024"


def test_an_unlabelled_slash_reference_under_the_date_is_ours() -> None:
    text = "Opole, dnia 3 marca 2024 r.\nAB/CD/0123/45/24\n\nPan\nJan Nowak\n\nTreść pisma.\n"
    assert _best(text) == "AB/CD/0123/45/24"


def test_their_reference_alone_is_not_ours() -> None:
    assert _best("Wasz znak: AB.1234.5.2020\n\nTreść pisma.\n") is None


def test_unlabelled_reference_at_the_top_is_found() -> None:
    assert _best("PREZYDENT MIASTA\n\nBO-02.0003.4100.2019\n\nPan\nJan Nowak\n") == (
        "BO-02.0003.4100.2019"
    )


def test_quoted_reference_in_the_body_loses_even_when_it_comes_first() -> None:
    text = (
        "W odpowiedzi na pismo znak: XY.0001.2.2024 z dnia 3 stycznia 2024 r.\n"
        "Znak sprawy: GN.6840.12.2024\n"
    )
    assert _best(text) == "GN.6840.12.2024"
    assert _best("Dotyczy: Waszego pisma znak XY.0001.2.2024\n") is None


def test_unit_symbols_with_a_lower_case_conjunction() -> None:
    assert reference.normalize("GKiZ.6840.1.2021") == "GKiZ.6840.1.2021"
    assert reference.normalize("OSiR.0003.1.2021") == "OSiR.0003.1.2021"


def test_place_and_numeric_date_in_capitals_is_not_a_reference() -> None:
    assert _best("GDAŃSK, 05.05.2021\n") is None


def test_long_runs_of_separators_stay_fast() -> None:
    import time

    started = time.perf_counter()
    _best("|" * 20000 + "\n" + ". " * 20000 + "\n" + "1." * 20000)
    assert time.perf_counter() - started < 5


def test_labels_over_values_in_a_table_layout() -> None:
    text = (
        "Wasz znak:                          Nasz znak:                   Data:\n"
        "ZP.271.3.2023                       GKM.7230.41.2023.AB          12.04.2023\n"
    )
    document = document_from_text("\n" * 3 + text + "\n" * 30 + "Treść pisma.\n", source="t")
    found = [c for c in reference.find(Layout.of(document))]
    assert [c.value for c in found] == ["GKM.7230.41.2023.AB"]
    assert found[0].confidence > 0.9
