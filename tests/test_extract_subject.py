"""The subject stage (extract/stages/subject.py) on synthetic letters.

Every letter here is synthetic: names, offices and towns are invented for these tests.
Letters are built with the helpers in :mod:`tests.letters`.
"""

from __future__ import annotations

from extract.fields import FieldName
from tests.letters import BODY, _letter, _value


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
