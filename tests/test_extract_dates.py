from __future__ import annotations

import pytest

from extract import extract
from extract.dates import find_dates
from extract.fields import FieldName
from extract.layout import Layout
from extract.model import Candidate
from extract.stages import dates as stage
from extract.text import TextView
from ocr.plaintext import document_from_text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kraków, 2017 -12- 05", ["2017-12-05"]),
        ("zgłoszoną w dniu 22 listopada 2017 r.", ["2017-11-22"]),
        ("działa od stycznia 2013 roku", ["2013-01"]),
        ("w październiku 2026 r.", ["2026-10"]),
        ("5 rnaja 2021", ["2021-05-05"]),  # OCR: "rn" for "m"
        ("Opole, dnia23 lutego 2022 roku", ["2022-02-23"]),  # the space lost
        ("Opole, 20.02.2008.r", ["2008-02-20"]),  # "r" after a dot
        ("nr 20.02.2008.1234", []),  # a number that goes on is no date
        ("22 pazdziernika 2020 r.", ["2020-10-22"]),
        ("Luty 2020", ["2020-02"]),
        ("5 XII 2017", ["2017-12-05"]),
        ("5.XII.2017 r.", ["2017-12-05"]),
        ("5.12.2017 r.", ["2017-12-05"]),
        ("Pułtusk, 31.10.2025r.", ["2025-10-31"]),
        ("05-12-2017", ["2017-12-05"]),
        ("05/12/2017", ["2017-12-05"]),
        ("2017.12.05", ["2017-12-05"]),
        ("2017-12-05", ["2017-12-05"]),
        ("l.wpł. 27. 04. 2018 l.wych.", ["2018-04-27"]),
        ("12-16 marca 2012 r.", ["2012-03-12", "2012-03-16"]),
        ("w dniach 2—7 grudnia 2016 r.", ["2016-12-02", "2016-12-07"]),
        ("od 01.01 do 28.04.2018 r.", ["2018-01-01", "2018-04-28"]),
        ("od 30 kwietnia do 16 czerwca 2024 r.", ["2024-04-30", "2024-06-16"]),
        ("01.01.2020-31.12.2020", ["2020-01-01", "2020-12-31"]),
        ("01.01.2020r.-31.12.2020r.", ["2020-01-01", "2020-12-31"]),
        ("12-16.03.2012 r.", ["2012-03-12", "2012-03-16"]),
        ("od 1 do 5 maja 2021 r.", ["2021-05-01", "2021-05-05"]),
        ("od stycznia do marca 2021 r.", ["2021-01", "2021-03"]),
        ("ustawy z dnia 6 wrzesnia 2001 r.", ["2001-09-06"]),  # lost diacritic
        ("DNIA 6 WRZEŚNIA 2001 R.", ["2001-09-06"]),
        ("w 2018 roku", []),
        ("Dz. U. z 2019 r. poz. 1145", []),
        ("31 lutego 2019 r.", []),
        ("35.13.2019", []),
        ("BO-02.0003.4100.2019", []),
        ("KO.0214.33.2019.SC", []),
        ("tel. 71 347 16 35", []),
        ("rok 1850 i 12.05.2250", []),
    ],
)
def test_find_dates_reads_polish_forms(text: str, expected: list[str]) -> None:
    assert [d.value for d in find_dates(text)] == expected


def test_find_dates_br_takes_the_given_year() -> None:
    assert [d.value for d in find_dates("pismo z dnia 5 marca br.", current_year=2019)] == [
        "2019-03-05"
    ]
    assert find_dates("pismo z dnia 5 marca br.") == []


def _candidates(text: str) -> dict[str, Candidate]:
    view = TextView(document_from_text(text, source="t.txt"))
    return {c.field.value: c for c in stage.find(Layout(view))}


def test_letter_date_is_the_place_and_date_line_not_the_stamp_or_body() -> None:
    text = (
        "URZĄD GMINY\n"
        "                          Wpłynęło dnia 03.02.2020\n"
        "Znak: RG.6220.1.2020          Nowy Targ, dnia 29 stycznia 2020 r.\n\n"
        "W odpowiedzi na pismo z dnia 12 stycznia br. informuję...\n"
    )
    found = _candidates(text)
    assert found["letter_date"].value == "2020-01-29"
    assert found["place"].value == "Nowy Targ"
    # Candidate.value is typed as any field's value; the dates stage's is a tuple of DateMention.
    assert [d.date for d in found["dates"].value] == ["2020-02-03", "2020-01-29", "2020-01-12"]  # type: ignore[union-attr]
    evidence = found["letter_date"].evidence[0]
    assert evidence.text == "29 stycznia 2020"


def test_letter_date_at_the_end_of_the_letter_is_found() -> None:
    text = "Pan\nJan Nowak\n\nTreść pisma." + "\n" * 22 + "Gdańsk, 3.03.2021 r.\n"
    assert _candidates(text)["letter_date"].value == "2021-03-03"


@pytest.mark.parametrize(
    ("line", "place"),
    [
        ("W Nowym Sączu, dnia 5 maja 2021 r.", "Nowy Sącz"),
        ("W Gdyni, dnia 5 maja 2021 r.", "Gdynia"),
        ("We Włocławku, dnia 5 maja 2021 r.", "Włocławek"),
        ("W Bielsku-Białej, 5.05.2021 r.", "Bielsko-Biała"),
    ],
)
def test_place_in_the_locative_is_given_in_the_nominative(line: str, place: str) -> None:
    found = _candidates(line + "\n")
    assert found["letter_date"].value == "2021-05-05"
    assert found["place"].value == place


def test_letterhead_read_into_the_date_line_is_not_the_place() -> None:
    found = _candidates("Urząd Miejski w Żywcu Żywiec, 2019 -03- 14\n")
    assert found["place"].value == "Żywiec"


def test_e_signed_letter_has_a_place_but_no_date() -> None:
    found = _candidates("MINISTER\n\nWarszawa /elektroniczny znacznik czasu/\n\nTreść.\n")
    assert found["place"].value == "Warszawa"
    assert "letter_date" not in found


def test_a_sentence_starting_with_a_capital_is_not_a_place() -> None:
    found = _candidates("Od marca 2017 r. realizowany jest program.\n")
    assert "place" not in found and "letter_date" not in found


def test_a_date_inside_a_sentence_is_not_the_letter_date() -> None:
    found = _candidates("W odpowiedzi na wniosek Pana, dnia 5 maja 2021 r. informuję, że\n")
    assert "letter_date" not in found and "place" not in found


def test_a_name_after_a_label_is_not_a_place() -> None:
    assert "place" not in _candidates("Sporządziła: Anna Nowak, 05.05.2021\n")


@pytest.mark.parametrize(
    "line",
    ["Warszawa, /$ maja 2023 r.", "Warszawa, ......... maja 2023 r.", "Warszawa, ~ maja 2023 r."],
)
def test_a_handwritten_day_gives_the_month_low_and_flagged(line: str) -> None:
    found = _candidates(line + "\n")
    assert found["letter_date"].value == "2023-05"  # never a day it cannot read
    assert found["letter_date"].confidence < 0.5
    assert found["place"].value == "Warszawa"
    result = extract(document_from_text(line + "\n", source="t.txt"))
    assert any("no day" in warning for warning in result.warnings)


def test_a_printed_month_date_is_sure_and_no_warning() -> None:
    found = _candidates("Zamość, sierpień 2016 r.\n")
    assert found["letter_date"].value == "2016-08"
    assert found["letter_date"].confidence > 0.9  # a month is a month, as printed
    result = extract(document_from_text("Zamość, sierpień 2016 r.\n", source="t.txt"))
    assert result.warnings == ()


def test_a_printed_day_is_no_warning() -> None:
    result = extract(document_from_text("Warszawa, 29 maja 2023 r.\n", source="t.txt"))
    assert result.fields[FieldName.LETTER_DATE].value == "2023-05-29"
    assert result.warnings == ()


def test_place_date_line_without_comma_or_with_a_damaged_r() -> None:
    assert _candidates("Kraków 5 maja 2021 r.\n")["place"].value == "Kraków"
    assert _candidates("Sanok, 27.02.2018 T.\n")["letter_date"].value == "2018-02-27"


def test_place_in_capitals_and_initials_before_the_place() -> None:
    assert _candidates("GDAŃSK, 05.05.2021\n")["place"].value == "GDAŃSK"
    found = _candidates("OR.0152.7.2019.AB Opole, dnia 12 marca 2019 r.\n")
    assert found["place"].value == "Opole"


def test_a_two_line_registry_stamp_is_not_the_letter_date() -> None:
    assert "letter_date" not in _candidates("URZĄD GMINY\nWPŁYNĘŁO\n2021 -05- 07\nL.dz. 123\n")


def test_a_dispatch_stamps_date_is_not_the_letter_date() -> None:
    # The sender's own chancery stamp on its file copy: when the letter left, not its date.
    text = "URZĄD MIEJSKI\nKancelaria Ogólna\nWYSŁANO\n16 XII 2013\nL.dz. 417/13\n"
    assert "letter_date" not in _candidates(text)


def test_lower_case_roman_numerals_in_citations_are_not_months() -> None:
    assert find_dates("(Dz. U. z 2020 r. poz. 1, 19 i 2052)") == []


def test_e_signed_place_needs_a_capitalised_place() -> None:
    assert "place" not in _candidates("Ministerstwo zdrowia data podpisu\n")


def test_long_capitalised_lines_stay_fast() -> None:
    import time

    started = time.perf_counter()
    _candidates("Ab-" * 3000 + "A, 5.05.2021\n" + "Ab " * 3000 + "data podpisu\n")
    assert time.perf_counter() - started < 5
