"""The letter's layout (extract/layout.py): sentences, where the body starts, column segments."""

from __future__ import annotations

import pytest

from extract import layout
from extract.layout import Layout
from extract.text import TextView
from ocr.plaintext import document_from_text
from tests.letters import BODY, _letter, _right


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
