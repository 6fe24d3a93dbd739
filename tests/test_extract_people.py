"""People and organs in a line (extract/people.py): honorifics, names, line kinds, capitals.

Names, offices and towns are invented for these tests.
"""

from __future__ import annotations

import pytest

from extract import people


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


def test_find_name_reorders_a_surname_printed_first() -> None:
    found = people.find_name("Wiśniewski Adam")
    assert found is not None and found.value == "Adam Wiśniewski"


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


@pytest.mark.parametrize(
    ("line", "joined"),
    [
        # letter-spaced words, read a letter at a time
        ("Z A S T Ę P C A  B U R M I S T R Z A", "ZASTĘPCA  BURMISTRZA"),
        # a word read in two pieces: a position word, or another word SGJP knows
        ("Z up. PREZ YDENTA MIASTA", "Z up. PREZYDENTA MIASTA"),
        ("KIEROW NIK", "KIEROWNIK"),
        ("Wydziału Fin ansowego", "Wydziału Finansowego"),
        # words that stand apart stay apart
        ("Rady Miasta", "Rady Miasta"),
        ("z up. Burmistrza", "z up. Burmistrza"),
        ("w z. Wójta", "w z. Wójta"),
        ("Jan Nowak", "Jan Nowak"),
        ("Anna Wrona-Bąk", "Anna Wrona-Bąk"),  # a word alone keeps its case
        ("o d", "o d"),  # too short a join to trust
        # the fewest words: BURMISTRZA MIASTA, not BURMISTRZAMI and letters left over
        ("B U R M I S T R Z A M I A S T A", "BURMISTRZA MIASTA"),
        ("K o Ł Basko w o", "Kołbaskowo"),  # a longer piece among letters
    ],
)
def test_words_read_in_pieces_are_joined(line: str, joined: str) -> None:
    assert people.joined_pieces(line) == joined
