"""Fields from stamps: the name stamp's signatory, the registry stamp's ``received``.

Documents are built from word lists (``ocr.plaintext`` for the letter, hand-made
:class:`Stamp` s for what OCR read apart from it), so each rule is tested on its own.
"""

from __future__ import annotations

import dataclasses

import pytest

from extract import extract
from extract.fields import FieldName, Received, Signatory
from extract.stamps import StampKind, stamp_date, stamps_of
from ocr.plaintext import document_from_text
from ocr.types import BBox, Ink, Mark, OcrDocument, OcrLine, OcrWord, PageSource, Stamp

LETTER = "\n".join(
    (
        "Urząd Gminy Dobrzyca",
        "ul. Rynek 14, 63-330 Dobrzyca",
        "",
        "Dobrzyca, 12 marca 2024 r.",
        "OR.0003.4.2024",
        "",
        "Szanowny Panie,",
        "w odpowiedzi na wniosek z dnia 1 marca 2024 r. informuję, że dokumenty",
        "zostały przekazane do archiwum zakładowego urzędu.",
        "",
        "Z poważaniem",
    )
)


def _stamp(*lines: str | tuple[str, float], top: int = 2600, left: int = 1300) -> Stamp:
    """A stamp of ``lines`` (text, or text and confidence) stacked from ``top``."""
    built = []
    for index, line in enumerate(lines):
        text, confidence = (line, 0.85) if isinstance(line, str) else line
        x, words = left, []
        for word in text.split():
            box = BBox(x, top + 60 * index, x + 24 * len(word), top + 60 * index + 45)
            words.append(OcrWord(word, box, confidence))
            x = box.right + 20
        built.append(OcrLine.from_words(words, block=0))
    return Stamp(BBox.enclosing(line.bbox for line in built), Ink.RED, tuple(built))


def _with_stamps(text: str, *stamps: Stamp) -> OcrDocument:
    document = document_from_text(text, source="letter.txt")
    first = document.pages[0]
    page = type(first)(
        first.number, first.width, first.height, first.dpi, lines=first.lines, stamps=stamps
    )
    return OcrDocument(document.source, (page, *document.pages[1:]), "test", "pol")


def _value(document: OcrDocument, name: FieldName) -> object:
    return extract(document).fields[name].value


def test_name_stamp_gives_the_signatory_when_nothing_is_printed() -> None:
    document = _with_stamps(LETTER, _stamp("KIEROWNIK REFERATU", "Tomasz Wiśniewski"))
    found = extract(document).fields[FieldName.SIGNATORY]
    assert found.value == Signatory("Tomasz Wiśniewski", "Kierownik Referatu", None)
    assert 0 < found.confidence < 0.9  # a stamp is never as sure as print
    assert all(e.bbox.top >= 2600 for e in found.evidence)  # the evidence is the stamp


def test_z_up_on_the_stamp_is_on_behalf_of() -> None:
    stamp = _stamp("z up. WÓJTA GMINY", "Anna Nowicka", "SEKRETARZ GMINY")
    value = _value(_with_stamps(LETTER, stamp), FieldName.SIGNATORY)
    assert value == Signatory("Anna Nowicka", "Sekretarz Gminy", "Wójta Gminy")


def test_printed_name_stays_and_the_stamp_adds_the_position() -> None:
    printed = LETTER + "\nTomasz Wiśniewski"
    value = _value(_with_stamps(printed, _stamp("KIEROWNIK REFERATU")), FieldName.SIGNATORY)
    assert value == Signatory("Tomasz Wiśniewski", "Kierownik Referatu", None)


def test_worn_position_head_is_repaired_and_edge_junk_dropped() -> None:
    stamp = _stamp("PREZYDENI MIASTA", "7 'Tomasz Wiśniewski;2", ("rze", 0.4))
    (found,) = stamps_of(_with_stamps(LETTER, stamp))
    assert found.kind is StampKind.NAME
    assert found.view.text == "PREZYDENT MIASTA\nTomasz Wiśniewski"


@pytest.mark.parametrize(
    "name_line",
    [
        "Michalak",
        "inż. Aadr teg Rogalski",
        "dr wieczorek",
        "ikora",  # worn words the dictionary does not know
        "Żarieta ając",
    ],
)
def test_a_damaged_name_line_is_not_part_of_the_position(name_line: str) -> None:
    stamp = _stamp("STAROSTA POWIATOWY", name_line)
    value = _value(_with_stamps(LETTER, stamp), FieldName.SIGNATORY)
    assert value == Signatory(None, "Starosta Powiatowy", None)


def test_a_worn_letter_in_the_stamps_position_is_repaired() -> None:
    stamp = _stamp("NACZELNIK WYDZIAŁU", "Arcnitektury i Budownictwa", "Tomasz Wiśniewski")
    value = _value(_with_stamps(LETTER, stamp), FieldName.SIGNATORY)
    assert value == Signatory(
        "Tomasz Wiśniewski", "Naczelnik Wydziału Architektury i Budownictwa", None
    )


@pytest.mark.parametrize(
    ("name_line", "name"),
    [
        ("Kami Kaczmarek", "Kamil Kaczmarek"),  # a worn first name before a known surname
        ("Dariusz KubiaX", "Dariusz Kubiak"),  # a worn surname after a given name
        ("Darrusz KubiaX", "Dariusz Kubiak"),  # each one letter from a name: both taken
        ("Jaanna Ffjałkowska", "Joanna Fijałkowska"),
        ("Darrusz Kbqxzw", None),  # the surname no name at all: the first name alone is no proof
        ("Kamy Nowakowski", "Kamil Nowakowski"),  # two letters off, before a known surname
        ("męt inż. Adam Nowakowski", "Adam Nowakowski"),  # a worn degree before a legible one
        ("Hamela sając", "Pamela Zając"),  # the surname's capital read in lower case
    ],
)
def test_a_worn_name_line_is_repaired_when_it_surely_is_a_name(
    name_line: str, name: str | None
) -> None:
    stamp = _stamp("PREZYDENT MIASTA", name_line)
    value = _value(_with_stamps(LETTER, stamp), FieldName.SIGNATORY)
    assert value == Signatory(name, "Prezydent Miasta", None)


def test_a_far_commoner_first_name_wins_a_tie_and_a_lost_diacritic_is_a_title() -> None:
    stamp = _stamp("WOJT", "Haweł Wieczorek")  # Paweł (common) or Gaweł (rare); "Wieczorek"
    value = _value(_with_stamps(LETTER, stamp), FieldName.SIGNATORY)  # is a word too
    assert value == Signatory("Paweł Wieczorek", "Wójt", None)
    stamp = _stamp("WÓJT", "Hławeł Wieczorek")  # no name near: still no position
    value = _value(_with_stamps(LETTER, stamp), FieldName.SIGNATORY)
    assert value == Signatory(None, "Wójt", None)


def test_a_degree_before_a_worn_name_is_kept_out_of_the_repair() -> None:
    stamp = _stamp("WÓJT", "mgr Grazyna Wiśniewska")
    value = _value(_with_stamps(LETTER, stamp), FieldName.SIGNATORY)
    assert value == Signatory("Grażyna Wiśniewska", "Wójt", None)


def test_the_later_words_of_a_stamps_position_are_repaired_to_office_words() -> None:
    stamp = _stamp("PREZYDENT", "Miaste Tczewa", "Jan Nowak")
    value = _value(_with_stamps(LETTER, stamp), FieldName.SIGNATORY)
    assert value == Signatory("Jan Nowak", "Prezydent Miasta Tczewa", None)


@pytest.mark.parametrize(
    ("lines", "position"),
    [
        # Strokes read as letters before the head word go ...
        (("Sxeh Naczelnik Wydziału Ochrony Środowiska",), "Naczelnik Wydziału Ochrony Środowiska"),
        (("R ZASTĘPC, | m Zastępca Wójta Gminy",), "Zastępca Wójta Gminy"),
        # ... words before it do not ("Główny"), nor an abbreviation's stop ("m.st.") ...
        (("Główny Specjalista",), "Główny Specjalista"),
        (("Zastępca Prezydenta m.st. Gdyni",), "Zastępca Prezydenta m.st. Gdyni"),
        # ... and a stop a stroke put after a word does, as the name's degree at the end.
        (("PREZYDENT", "MIASTA. TCZEWA"), "Prezydent Miasta Tczewa"),
        (("Prezydent Miasta Tczewa mgr",), "Prezydent Miasta Tczewa"),
    ],
)
def test_a_positions_ends_lose_what_strokes_and_the_name_line_left(
    lines: tuple[str, ...], position: str
) -> None:
    stamp = _stamp(*lines, "Jan Nowak")
    value = _value(_with_stamps(LETTER, stamp), FieldName.SIGNATORY)
    assert isinstance(value, Signatory) and value.position == position


def test_a_departments_worn_words_are_repaired_to_what_departments_are_of() -> None:
    stamp = _stamp("NACZELNIK", "Wydziału tawestycji i Ochreny Środowiska", "Jan Nowak")
    value = _value(_with_stamps(LETTER, stamp), FieldName.SIGNATORY)
    position = "Naczelnik Wydziału Inwestycji i Ochrony Środowiska"
    assert value == Signatory("Jan Nowak", position, None)


@pytest.mark.parametrize(
    ("name_line", "name"),
    [
        ("Marek Wiśniew ki", "Marek Wiśniewski"),  # the letter under the stroke is lost
        ("Marta Kowal ska", "Marta Kowalska"),  # no letter lost: the pieces join
        ("Ewelina Wiśniew ka", "Ewelina Wiśniewska"),  # the first name's gender decides
    ],
)
def test_a_surname_the_signature_cut_in_two_is_joined(name_line: str, name: str) -> None:
    stamp = _stamp("NACZELNIK WYDZIAŁU", name_line)
    value = _value(_with_stamps(LETTER, stamp), FieldName.SIGNATORY)
    assert value == Signatory(name, "Naczelnik Wydziału", None)


def test_a_cut_surname_that_could_be_several_is_not_joined() -> None:
    stamp = _stamp("NACZELNIK WYDZIAŁU", "Marek Now k")  # Nowak, Nowek, Nowik...
    value = _value(_with_stamps(LETTER, stamp), FieldName.SIGNATORY)
    assert isinstance(value, Signatory)
    assert value.name is None or value.name.split()[-1] == "Now"  # as read, not a guess


def test_a_name_stamp_whose_position_the_pen_wore_away_still_names_the_signer() -> None:
    stamp = _stamp(("at", 0.4), "Marek Wiśniew ki")  # "at": what the pen left of it
    (found,) = stamps_of(_with_stamps(LETTER, stamp))
    assert found.kind is StampKind.NAME
    value = _value(_with_stamps(LETTER, stamp), FieldName.SIGNATORY)
    assert value == Signatory("Marek Wiśniewski", None, None)


def test_a_stamp_lines_worn_first_letters_and_glued_words_are_repaired() -> None:
    stamp = _stamp("DYREKTOR", "ura.lnwestycji i Remontów", "Jan Nowak")
    value = _value(_with_stamps(LETTER, stamp), FieldName.SIGNATORY)
    assert value == Signatory("Jan Nowak", "Dyrektor Biura Inwestycji i Remontów", None)


def test_a_first_name_alone_is_no_position() -> None:
    stamp = _stamp("KOMENDANT", "Zbigniew")  # the surname under the signature
    value = _value(_with_stamps(LETTER, stamp), FieldName.SIGNATORY)
    assert value == Signatory(None, "Komendant", None)


def test_registry_stamp_gives_received_and_never_the_letter_date() -> None:
    registry = _stamp(
        "Starostwo Powiatowe w Jarocinie", "Wpłynęło 15. 03. 2024", "L.dz. 1234/24", top=100
    )
    document = _with_stamps(LETTER, registry)
    fields = extract(document).fields
    assert fields[FieldName.RECEIVED].value == Received(
        "2024-03-15", "1234/24", "Starostwo Powiatowe w Jarocinie"
    )
    assert fields[FieldName.LETTER_DATE].value == "2024-03-12"
    dates = [mention.date for mention in fields[FieldName.DATES].value]  # type: ignore[union-attr]
    assert "2024-03-15" in dates  # the stamp's date is a date the page states


def _readings(best: Stamp, *others: Stamp) -> Stamp:
    """``best`` with the other stamps' lines as its alternative readings."""
    return dataclasses.replace(best, alternatives=tuple(other.lines for other in others))


def test_the_name_comes_from_the_reading_that_gives_a_known_surname() -> None:
    # The best-scored reading mangled the surname; another rendering read it whole.
    stamp = _readings(
        _stamp("DYREKTOR WYDZIAŁU", "Tomasz Wiśnewskl"),
        _stamp("DYREKTOR", "Tomasz"),
        _stamp("DYREKTOR WYDZIAŁU", "Tomasz Wiśniewski"),
    )
    value = _value(_with_stamps(LETTER, stamp), FieldName.SIGNATORY)
    assert value == Signatory("Tomasz Wiśniewski", "Dyrektor Wydziału", None)


@pytest.mark.parametrize(
    ("readings", "name"),
    [
        # One reading has the first name, another the surname: the name is both.
        (("dr Katarzyna Wiśnwska", "dr Katazyrna Wiśniewska"), "Katarzyna Wiśniewska"),
        # The first name one letter off is repaired when another reading gives the surname.
        (("mgr Tomaaz K wiśniewski", "mgr Tonaaz Wiśniewski"), "Tomasz Wiśniewski"),
        # Neither reading has a known surname: no name is made up, the best one stays.
        (("Katarzyna Wiśnwska", "Katazyrna Wiśnewskia"), "Katarzyna Wiśnwska"),
    ],
)
def test_a_name_is_joined_from_two_readings(readings: tuple[str, str], name: str) -> None:
    stamp = _readings(*(_stamp("NACZELNIK WYDZIAŁU", line) for line in readings))
    value = _value(_with_stamps(LETTER, stamp), FieldName.SIGNATORY)
    assert value == Signatory(name, "Naczelnik Wydziału", None)


def test_the_position_comes_from_a_reading_that_has_one() -> None:
    # The best reading lost the position line under the signature: the stamp is still a
    # name stamp, and another reading gives its position.
    stamp = _readings(_stamp("Tomasz Wiśniewski"), _stamp("KIEROWNIK", "Tomasz Wiśn"))
    (found,) = stamps_of(_with_stamps(LETTER, stamp))
    assert found.kind is StampKind.NAME
    value = _value(_with_stamps(LETTER, stamp), FieldName.SIGNATORY)
    assert value == Signatory("Tomasz Wiśniewski", "Kierownik", None)


@pytest.mark.parametrize(
    ("lines", "position"),
    [
        (("Z A S T Ę P C A", "BURMISTRZA"), "Zastępca Burmistrza"),
        (("KIEROW NIK", "Wydziału Fin ansowego"), "Kierownik Wydziału Finansowego"),
    ],
)
def test_a_stamps_letter_spaced_words_are_read_whole(lines: tuple[str, ...], position: str) -> None:
    value = _value(_with_stamps(LETTER, _stamp(*lines, "Jan Nowak")), FieldName.SIGNATORY)
    assert value == Signatory("Jan Nowak", position, None)


def test_on_behalf_of_is_what_most_readings_say() -> None:
    # The reading with the name lost half of the organ's word; the others kept it.
    stamp = _readings(
        _stamp("z up. PREZ MIASTA", "SEKRETARZ MIASTA", "Jan Nowak"),
        _stamp("z up. PREZYDENTA MIASTA", "SEKRETARZ MIASTA", "Jan Nwk"),
        _stamp("z up. PREZ YDENTA MIASTA", "SEKRETARZ MIASTA", "Jn Nowk"),
    )
    value = _value(_with_stamps(LETTER, stamp), FieldName.SIGNATORY)
    assert value == Signatory("Jan Nowak", "Sekretarz Miasta", "Prezydenta Miasta")


def test_a_registry_date_is_taken_from_another_reading() -> None:
    registry = _readings(
        _stamp("Wpłynęło", "wpł 2% 05. 2024", top=100),
        _stamp("Wpłynęło", "wpł 25 05. 2024", "L.dz. 77/24", top=100),
    )
    document = _with_stamps(LETTER.replace("marca", "maja"), registry)
    received = _value(document, FieldName.RECEIVED)
    assert received == Received("2024-05-25", "77/24", None)


def test_a_date_stamps_line_of_digits_is_the_received_date() -> None:
    registry = _stamp("URZĄD GMINY", "WPŁYNĘŁO", "2024 -03- 15", "L.dz. 4488/24", top=100)
    received = _value(_with_stamps(LETTER, registry), FieldName.RECEIVED)
    assert received == Received("2024-03-15", "4488/24", "URZĄD GMINY")


def test_a_dispatch_stamp_is_not_received() -> None:
    dispatch = _stamp("URZĄD GMINY", "Kancelaria Ogólna", "WYSŁANO", "14 III 2024", top=100)
    (found,) = stamps_of(_with_stamps(LETTER, dispatch))
    assert found.kind is StampKind.OTHER
    assert _value(_with_stamps(LETTER, dispatch), FieldName.RECEIVED) is None


# LETTER with a registry stamp read as print beside the addressee, as on a grey scan.
GREY_REGISTRY = LETTER.replace(
    "OR.0003.4.2024\n\n",
    "OR.0003.4.2024\n\n"
    "STAROSTWO POWIATOWE                       Pan\n"
    "WPŁYNĘŁO                                  Jan Kowalski\n"
    "2024 -03- 15                              ul. Polna 3\n"
    "L.dz. 771/24                              63-330 Dobrzyca\n\n",
)


def test_a_registry_stamp_read_as_print_gives_received() -> None:
    # On a grey scan the registry stamp is in the page's own lines, beside the addressee.
    fields = extract(document_from_text(GREY_REGISTRY, source="letter.txt")).fields
    assert fields[FieldName.RECEIVED].value == Received(
        "2024-03-15", "771/24", "STAROSTWO POWIATOWE"
    )
    assert fields[FieldName.LETTER_DATE].value == "2024-03-12"
    assert fields[FieldName.RECEIVED].evidence[0].page == 1


def test_the_registry_stamps_office_is_not_the_sender() -> None:
    # No printed letterhead: the receiving office over "WPŁYNĘŁO" is no letterhead either.
    unheaded = (
        GREY_REGISTRY.split("\n", 3)[3]
        .replace(
            "STAROSTWO POWIATOWE                       Pan\n",
            "STAROSTWO POWIATOWE                       Pan\n"
            "W JAROCINIE                               Jan Kowalski\n",
        )
        .replace("WPŁYNĘŁO                                  Jan Kowalski", "WPŁYNĘŁO")
    )
    fields = extract(document_from_text(unheaded, source="letter.txt")).fields
    assert fields[FieldName.RECEIVED].value is not None
    assert fields[FieldName.SENDER].value is None


def test_a_registry_stamp_beside_the_letterheads_contact_line() -> None:
    text = GREY_REGISTRY.replace(
        "ul. Rynek 14, 63-330 Dobrzyca",
        "ul. Rynek 14, 63-330 Dobrzyca                  WPŁYNĘŁO\n"
        "                                               15 III 2024",
    )
    fields = extract(document_from_text(text, source="letter.txt")).fields
    assert fields[FieldName.RECEIVED].value == Received("2024-03-15", None, None)


def test_a_worn_registry_head_with_a_letterhead_line_read_between_its_lines() -> None:
    # "WPŁYNĘŁO" with its last letter worn and a stroke before it; the engine put the
    # letterhead's telephone line between the stamp's head and its date.
    text = LETTER.replace(
        "OR.0003.4.2024\n\n",
        "OR.0003.4.2024\n\n"
        "|                                         WPŁYNĘŁ\n"
        "tel. 62 500 10 00\n"
        "                                          10. 03. 2024\n"
        "                                          L.dz. 4223/24\n\n",
    )
    fields = extract(document_from_text(text, source="letter.txt")).fields
    assert fields[FieldName.RECEIVED].value == Received("2024-03-10", "4223/24", None)


@pytest.mark.parametrize(
    "text",
    [
        # the verb in a paragraph, a line of its own after wrapping
        LETTER + "\nPana wniosek w tej sprawie do urzędu\nwpłynęło 15.03.2024 r.\n",
        LETTER + "\nWpłynęło do tutejszego urzędu pismo Pana z dnia 5 marca 2024 r.\n",
        # a short line, but no date stamped under it
        LETTER + "\nWpłynęło 15.03.2024 r.\nPana wniosek rozpatrzono.\n",
        # a table's column heading over its rows
        LETTER
        + "\nLp.            Data wpływu            Wnioskodawca\n"
        + "1.             04.03.2024             Jan Kowalski\n"
        + "2.             05.03.2024             Anna Nowak\n",
    ],
)
def test_wplynelo_in_prose_or_tables_is_no_registry_stamp(text: str) -> None:
    assert _value(document_from_text(text, source="letter.txt"), FieldName.RECEIVED) is None


def test_an_organ_over_a_registry_stamp_is_not_the_receiving_office() -> None:
    text = "\n".join(
        ("WÓJT GMINY DOBRZYCA", "WPŁYNĘŁO", "2024 -03- 15", "", *LETTER.split("\n")[3:])
    )
    fields = extract(document_from_text(text, source="letter.txt")).fields
    assert fields[FieldName.RECEIVED].value == Received("2024-03-15", None, None)


def test_no_registry_stamp_no_received() -> None:
    assert _value(_with_stamps(LETTER), FieldName.RECEIVED) is None


@pytest.mark.parametrize(
    ("text", "year", "expected"),
    [
        ("Wpłynęło 15. 03. 2024", None, "2024-03-15"),
        ("Wpłynęło dnia 15.III.2024", None, "2024-03-15"),
        ("wpł 25 05. 2088", 2018, "2018-05-25"),  # a misread year: the letter's
        ("Data wpływu 25.05", 2018, "2018-05-25"),  # no year printed
        ("Wpłynęło 2024-03-15", None, "2024-03-15"),
        ("Wpłynęło", 2018, None),
    ],
)
def test_stamp_date(text: str, year: int | None, expected: str | None) -> None:
    (found,) = stamps_of(_with_stamps(LETTER, _stamp(text, top=100)))
    date = stamp_date(found, year)
    assert (date.value if date else None) == expected


@pytest.mark.parametrize(
    ("lines", "kind"),
    [
        (("Wpłynęło", "15.03.2024"), StampKind.REGISTRY),
        (("Sekretariat", "L.dz. 44"), StampKind.REGISTRY),
        (("DYREKTOR WYDZIAŁU", "Jan Nowak"), StampKind.NAME),
        (("z up. BURMISTRZA",), StampKind.NAME),
        (("RZECZPOSPOLITA POLSKA",), StampKind.OTHER),
        (("Jan Nowak",), StampKind.NAME),  # below the header: a name stamp, its position worn
    ],
)
def test_stamp_kind(lines: tuple[str, ...], kind: StampKind) -> None:
    (found,) = stamps_of(_with_stamps(LETTER, _stamp(*lines)))
    assert found.kind is kind


def test_header_stamp_at_the_top_of_page_one() -> None:
    stamp = _stamp("Urząd Miejski w Kórniku", "ul. Rynek 1, 62-035 Kórnik", top=80, left=100)
    (found,) = stamps_of(_with_stamps(LETTER, stamp))
    assert found.kind is StampKind.HEADER


def test_a_header_stamp_is_the_sender_when_no_letterhead_is_printed() -> None:
    unheaded = LETTER.split("\n", 2)[2]  # the letter without its printed letterhead
    stamp = _stamp("URZĄD MIEJSKI", "W KÓRNIKU", "ul. Rynek 1, 62-035 Kórnik", top=80, left=100)
    found = extract(_with_stamps(unheaded, stamp)).fields[FieldName.SENDER]
    assert found.value == "Urząd Miejski w Kórniku"
    assert all(e.bbox.top >= 80 and e.bbox.bottom <= 80 + 3 * 60 for e in found.evidence)
    assert _value(_with_stamps(unheaded), FieldName.SENDER) is None


def test_a_printed_letterhead_wins_over_a_header_stamp() -> None:
    stamp = _stamp("URZĄD MIEJSKI", "W KÓRNIKU", top=80, left=100)
    assert _value(_with_stamps(LETTER, stamp), FieldName.SENDER) == "Urząd Gminy Dobrzyca"


def _mark(top: int = 2580, left: int = 1250) -> Mark:
    return Mark(BBox(left, top, left + 400, top + 150), Ink.BLUE)


def _signature(document: OcrDocument) -> str | None:
    value = extract(document).fields[FieldName.SIGNATORY].value
    assert isinstance(value, Signatory)
    return value.signature


def test_a_stamp_crossed_by_another_ink_is_signed_by_hand() -> None:
    stamp = dataclasses.replace(
        _stamp("KIEROWNIK REFERATU", "Tomasz Wiśniewski"), crossed_by=Ink.BLUE
    )
    assert _signature(_with_stamps(LETTER, stamp)) == "handwritten"


def test_strokes_by_the_printed_signatory_are_a_handwritten_signature() -> None:
    document = _with_stamps(LETTER + "\nTomasz Wiśniewski\nKierownik Referatu")
    page = dataclasses.replace(document.pages[0], marks=(_mark(top=0, left=0),))
    far = dataclasses.replace(document, pages=(page,))
    assert _signature(far) is None  # strokes far away (a tick in the margin) say nothing
    line = document.pages[0].lines[-1]
    near = dataclasses.replace(
        document.pages[0], marks=(_mark(top=line.bbox.top - 100, left=line.bbox.left),)
    )
    assert _signature(dataclasses.replace(document, pages=(near,))) == "handwritten"


def test_e_signature_words_make_it_electronic() -> None:
    text = LETTER + "\nTomasz Wiśniewski\nKierownik Referatu\n(podpisano elektronicznie)"
    assert _signature(_with_stamps(text)) == "electronic"


def test_a_born_digital_letter_without_a_signature_is_unsigned() -> None:
    document = _with_stamps(LETTER + "\nTomasz Wiśniewski\nKierownik Referatu")
    layer = dataclasses.replace(document.pages[0], source=PageSource.TEXT_LAYER)
    assert _signature(dataclasses.replace(document, pages=(layer,))) == "none"
    assert _signature(document) is None  # a transcription cannot show it: not known


def test_a_stamp_alone_is_not_called_stamp_only() -> None:
    # The pen may share the stamp's ink: without strokes told apart, it is not known.
    assert _signature(_with_stamps(LETTER, _stamp("KIEROWNIK REFERATU", "Jan Nowak"))) is None


@pytest.mark.parametrize("name_line", ["Wo zq et Lis", "Hańńa wyraz", "Xqawer Kqt"])
def test_a_name_stamps_worn_last_line_is_not_read_as_its_position(name_line: str) -> None:
    stamp = _stamp("SEKRETARZ GMINY", name_line)  # the name worn past reading
    value = _value(_with_stamps(LETTER, stamp), FieldName.SIGNATORY)
    assert value == Signatory(None, "Sekretarz Gminy", None)


def test_a_position_on_a_name_stamps_last_line_stays_its_position() -> None:
    stamp = _stamp("Jan Nowak", "SEKRETARZ GMINY")  # the name above the position
    value = _value(_with_stamps(LETTER, stamp), FieldName.SIGNATORY)
    assert value == Signatory("Jan Nowak", "Sekretarz Gminy", None)
