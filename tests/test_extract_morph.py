"""Polish morphology (extract/morph.py): nominative names, places and organs; name words."""

from __future__ import annotations

import pytest

from extract import morph


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


# --- OCR repairs through the dictionary ---


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


def test_plural_town_in_the_nominative_is_kept() -> None:
    assert morph.place_confirmed("Brzozowice", "Brzozowice, 14.03.2023 r.") == "Brzozowice"
    assert morph.place_nominative("Brzozowicach") == "Brzozowice"


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("Arcnitektury", "Architektury"),  # one letter misread
        ("BUPMISTRZ", "BURMISTRZ"),  # capitals stay capitals
        ("larosławia", "Jarosławia"),  # a place gets its capital
        ("Budownictwa", "Budownictwa"),  # known: untouched
        ("Miastą", "Miasta"),  # a diacritic added: tried first (else Miasto, Miastu...)
        ("Mia$ta", "Miasta"),  # a symbol read for a letter
        ("BURMISTRZĄ", "BURMISTRZA"),
        ("Zywiecki", "Żywiecki"),  # a diacritic lost: short words too
        ("lnwestycji", "Inwestycji"),  # a capital "I" read as "l"
        ("Masta", "Masta"),  # too short to choose among neighbours
        ("Xqzwvbnmlk", "Xqzwvbnmlk"),  # nothing near
    ],
)
def test_repaired_word(word: str, expected: str) -> None:
    assert morph.repaired_word(word) == expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("Kami", "Kamil"),
        ("Jarzy", "Jerzy"),
        ("Ana", "Ana"),
        ("Leszek", "Leszek"),
        ("Xyzq", "Xyzq"),
        ("Darta", "Darta"),  # Marta or Daria
        ("Jań", "Jan"),  # a short name's diacritic
        # Two letters worn, each read as a look-alike: the register's name two edits away.
        ("Malgcrzuta", "Małgorzata"),
        ("Krzyszlcf", "Krzysztof"),
        ("Mareusz", "Mareusz"),  # Mateusz or Mariusz: as near and as common, so neither
        ("Zamena", "Żaneta"),  # Żaneta, or Żanna as near but six times rarer
        ("Mykola", "Mykola"),  # a name people bear that SGJP does not know: as printed
    ],
)
def test_repaired_first_name(word: str, expected: str) -> None:
    assert morph.repaired_first_name(word) == expected


def test_a_first_name_vouched_for_by_its_surname_may_be_worn_deeper() -> None:
    # On a stamp's name line before a known surname: two letters off, or three edits of
    # look-alike letters ("rr" for "ch").
    assert morph.repaired_first_name("Kamy", vouched=True) == "Kamil"
    assert morph.repaired_first_name("Mierrał", vouched=True) == "Michał"
    assert morph.repaired_first_name("Kamy") == "Kamy"  # alone, too short to tell
    assert morph.repaired_first_name("Mierrał") == "Mierrał"


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("PREZYDENI", "PREZYDENT"),
        ("Urmistrz", "Burmistrz"),
        ("Starostwo", "Starostwo"),
        ("Zastępcą", "Zastępca"),  # a misread diacritic makes another case: still the head
        ("Wojt", "Wójt"),
    ],
)
def test_position_head(word: str, expected: str) -> None:
    from extract import people

    assert people.position_head(word) == expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("Miaste", "Miasta"),
        ("Rurmistrza", "Burmistrza"),  # a rare noun SGJP knows, on a stamp a misreading
        ("Starostwa", "Starostwa"),  # an office word, one letter from "Starosta": kept
        ("Zastępcy", "Zastępcy"),  # a title word itself: kept
        ("Powiatowego", "Powiatowego"),
    ],
)
def test_position_word(word: str, expected: str) -> None:
    from extract import people

    assert people.position_word(word) == expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("ura", "Biura"),  # the "Bi" wore off
        ("ydziału", "Wydziału"),
        ("asta", "Miasta"),
        ("ądu", "ądu"),  # "Urzędu" ends otherwise: nothing ends so
        ("Ura", "Ura"),  # capitalised: printed so, not worn
        ("ta", "ta"),  # too little left
    ],
)
def test_worn_start(word: str, expected: str) -> None:
    from extract import people

    assert people.worn_start(word) == expected


@pytest.mark.parametrize(
    ("word", "first_name", "expected"),
    [
        ("KubiaX", "Dariusz", "Kubiak"),
        ("Kowalskl", "Anna", "Kowalska"),  # in the first name's gender
        ("Kowalskl", "Jan", "Kowalski"),
        ("Nowak", "Jan", "Nowak"),  # known: untouched
        # Two letters worn: the register's surname, in the gender, two look-alikes away.
        ("Kwiatkcwsxa", "Anna", "Kwiatkowska"),
        ("Wojciechcwskl", "Jan", "Wojciechowski"),
        ("Kovalska", "Anna", "Kovalska"),  # in the register, not in SGJP: as printed
    ],
)
def test_repaired_surname(word: str, first_name: str, expected: str) -> None:
    assert morph.repaired_surname(word, first_name) == expected
