from __future__ import annotations

import time

import pytest

from ocr.repair import repair_lines, repair_word
from ocr.types import BBox, OcrLine, OcrWord


def _repair_text(text: str) -> str:
    """Repair a line given as space-separated words; return its text."""
    words = text.split(" ")
    line = OcrLine.from_words(
        [OcrWord(w, BBox(i * 50, 0, i * 50 + 40, 20), 0.9) for i, w in enumerate(words)],
        block=1,
    )
    (repaired,) = repair_lines((line,))
    return repaired.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("$ 5", "§ 5"),
        ("$5", "§5"),
        ("$5.", "§5."),
        ("$$ 3", "§§ 3"),
        ("$$12", "§§12"),
        ("zgodnie z $ 5 ust. 1", "zgodnie z § 5 ust. 1"),
        ("w $ 12a pkt 3", "w § 12a pkt 3"),
    ],
)
def test_repair_dollar_before_number_is_paragraph_sign(text: str, expected: str) -> None:
    assert _repair_text(text) == expected


@pytest.mark.parametrize(
    "text",
    ["$ abc", "$ ust. 5", "koszt $", "$a", "a$5", "$$$5", "US$ 100"],
)
def test_repair_dollar_not_before_number_is_unchanged(text: str) -> None:
    assert _repair_text(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [("S$. Kowalski", "S. Kowalski"), ("$. Nowak", "S. Nowak"), ("S$", "S$"), ("S$.x", "S$.x")],
)
def test_repair_initial_s(text: str, expected: str) -> None:
    assert _repair_text(text) == expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("straz©straz.wroclaw.pl", "straz@straz.wroclaw.pl"),
        ("strazQstrazmiejska.wroclaw.pl", "straz@strazmiejska.wroclaw.pl"),
        ("jan.kowalskiQgmina.pl", "jan.kowalski@gmina.pl"),
        ("biuro(at)um.gov.pl", "biuro@um.gov.pl"),
        ("sekretariat©Qgmina.pl", "sekretariat@gmina.pl"),
        ("(biuroQgmina.pl).", "(biuro@gmina.pl)."),
        ("biuro©gmina.pl,", "biuro@gmina.pl,"),
        pytest.param("„urzad©pultusk.pl”", "„urzad@pultusk.pl”"),
        pytest.param("sekretariatQ©gmina.pl", "sekretariat@gmina.pl"),
        pytest.param("biuroQ©gmina.pl", "biuro@gmina.pl"),
        pytest.param("biuroQQgmina.pl", "biuro@gmina.pl"),
    ],
)
def test_repair_word_fixes_confused_at_sign(word: str, expected: str) -> None:
    assert repair_word(word, None) == expected


@pytest.mark.parametrize(
    "word",
    [
        "QUIZ",
        "Qatar.com",
        "JanQgmina.pl",  # capitalised local part: a word, not an address
        "KowalskiQQgmina.pl",
        "biuro@gmina.pl",  # already right
        "gminaQpl",  # no dot before the domain ending
        "Q",
        "©",
        "Pułtusk",
        "informuję,",
        "ORG.1431.58.2024",
        "Sekretariat",
    ],
)
def test_repair_word_leaves_ordinary_words_alone(word: str) -> None:
    assert repair_word(word, None) == word
    assert repair_word(word, "5") == word


def test_repair_lines_keeps_boxes_and_confidences() -> None:
    words = (
        OcrWord("zgodnie", BBox(0, 0, 80, 20), 0.91),
        OcrWord("z", BBox(90, 0, 100, 20), 0.85),
        OcrWord("$", BBox(110, 0, 120, 20), 0.42),
        OcrWord("5", BBox(130, 0, 140, 20), 0.77),
        OcrWord("biuroQgmina.pl", BBox(150, 0, 300, 20), 0.6),
    )
    line = OcrLine(words, BBox(0, 0, 300, 20), block=4, paragraph=2)
    (repaired,) = repair_lines((line,))
    assert repaired.text == "zgodnie z § 5 biuro@gmina.pl"
    assert [w.bbox for w in repaired.words] == [w.bbox for w in words]
    assert [w.confidence for w in repaired.words] == [w.confidence for w in words]
    assert (repaired.bbox, repaired.block, repaired.paragraph) == (line.bbox, 4, 2)


def test_repair_lines_returns_unchanged_line_itself() -> None:
    line = OcrLine.from_words([OcrWord("Pułtusk,", BBox(0, 0, 10, 10), 0.9)], block=1)
    assert repair_lines((line,))[0] is line


def test_repair_lines_looks_only_within_the_line() -> None:
    first = OcrLine.from_words([OcrWord("$", BBox(0, 0, 10, 10), 0.9)], block=1)
    second = OcrLine.from_words([OcrWord("5", BBox(0, 20, 10, 30), 0.9)], block=1)
    assert [line.text for line in repair_lines((first, second))] == ["$", "5"]


def test_repair_lines_of_nothing_is_nothing() -> None:
    assert repair_lines(()) == ()


ODD_WORDS = [
    "",  # repair_lines never passes one, but the function must not care
    "$",
    "$$",
    "$$$",
    "$.",
    "S",
    "Q©",
    "©Q",
    "QQ",
    "@",
    "(at)",
    "(a)",
    ".pl",
    "Q.pl",
    "a©.pl",
    "©gmina.pl",
    "x" * 500 + "Q" + "y." * 500 + "pl",
    "aQ" * 1000,
    "a." * 1000 + "Q",
    "\x00\x01\x7f",
    "\u200b\u00ad",
    "zażółć©gęślą.pl",
    "ŻÓŁĆQJAŹŃ.PL",
    "🙂Q🙂.pl",
    "%s{0}\\1$&",
    '[(<„"',
    "§§ 5",
]


@pytest.mark.parametrize("word", ODD_WORDS)
@pytest.mark.parametrize("next_text", [None, "", "5", "$", "abc"])
def test_repair_word_never_raises_and_returns_text(word: str, next_text: str | None) -> None:
    start = time.perf_counter()
    repaired = repair_word(word, next_text)
    assert time.perf_counter() - start < 0.5  # no catastrophic backtracking
    assert isinstance(repaired, str)
    assert abs(len(repaired) - len(word)) <= 2  # a repair swaps characters, it never rewrites
