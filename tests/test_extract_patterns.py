"""The Polish vocabulary (extract/patterns.py): each cue once, tested once.

Lines are invented; they follow Polish office conventions, not any one letter.
"""

from __future__ import annotations

import pytest
import regex

from extract import patterns

CASES: list[tuple[str, regex.Pattern[str], str, bool]] = [
    ("on-behalf", patterns.ON_BEHALF, "z up. Burmistrza Miasta", True),
    ("on-behalf", patterns.ON_BEHALF, "Z, up. Wójta Gminy", True),  # OCR's comma
    ("on-behalf", patterns.ON_BEHALF, "z upoważnienia Starosty", True),
    ("on-behalf", patterns.ON_BEHALF, "w imieniu Zarządu", True),
    ("on-behalf", patterns.ON_BEHALF, "Zupełnie nowa sprawa", False),
    ("on-behalf", patterns.ON_BEHALF, "Z upawaćnienia STAROSTY", True),  # a worn stamp
    ("on-behalf", patterns.ON_BEHALF, "Zz upoważnienia Starosty", True),  # "z" read twice
    ("on-behalf", patterns.ON_BEHALF, "z uprawnienia ustawy", False),
    ("organ-first", patterns.ORGAN_THEN_ON_BEHALF, "Wojewoda Opolski z up. Jan Nowak", True),
    ("e-signed", patterns.E_SIGNED_BY, "Dokument podpisany przez Jan Nowak", True),
    ("caption", patterns.SIGNATURE_CAPTION, "Signature Not Verified", True),
    ("caption", patterns.SIGNATURE_CAPTION, "Dyrektor Wydziału", False),
    ("copy-mark", patterns.COPY_MARK, "/-/ Jan Nowak", True),
    ("honorific", patterns.HONORIFIC, "Szanowny Pan", True),
    ("honorific", patterns.HONORIFIC, "Sz. P.", True),
    ("honorific", patterns.HONORIFIC, "Panorama Miasta", False),
    ("titles", patterns.TITLES, "dr hab. inż. ", True),
    ("position", patterns.POSITION, "Zastępca Burmistrza", True),
    ("position", patterns.POSITION, "Urząd Gminy", False),
    ("organization", patterns.ORGANIZATION, "Starostwo Powiatowe", True),
    ("organization", patterns.ORGANIZATION, "Jan Nowak", False),
    ("legal-form", patterns.LEGAL_FORM, "Wodociągi Sp. z o.o.", True),
    ("legal-form", patterns.LEGAL_FORM, "Energa S.A.", True),
    ("sp-z-oo", patterns.SP_Z_OO, "Sp. z 0.0.", True),
    ("organ", patterns.ORGAN, "Prezydent Miasta Gdyni", True),
    ("organ", patterns.ORGAN, "Zastępca Prezydenta", False),
    ("address", patterns.ADDRESS, "ul. Lipowa 3", True),
    ("address", patterns.ADDRESS, "34-400 Nowy Targ", True),
    ("contact", patterns.CONTACT, "tel. 12 345 67 89", True),
    ("contact", patterns.CONTACT, "Referat Podatków", False),
    ("body-start", patterns.BODY_START, "W odpowiedzi na pismo", True),
    ("body-start", patterns.BODY_START, "Szanowna Pani,", True),
    ("body-start", patterns.BODY_START, "Urząd Miasta", False),
    ("closing", patterns.CLOSING, "Z poważaniem", True),
    ("closing", patterns.CLOSING, "Z wyrazami szacunku", True),
    ("tail", patterns.TAIL, "Sprawę prowadzi: Anna Nowak", True),
    ("tail", patterns.TAIL, "Dwa egzemplarze", False),
    ("page-mark", patterns.PAGE_MARK, "Strona 2 z 3", True),
    ("page-mark", patterns.PAGE_MARK, "- 2 -", True),
    ("list-heading", patterns.LIST_HEADING, "Otrzymują:", True),
    ("list-heading", patterns.LIST_HEADING, "Do wiadomości: 1. Adresat", True),
    ("list-heading", patterns.LIST_HEADING, "Kopia decyzji zostanie doręczona", False),
    ("list-end", patterns.LIST_END, "Sprawę prowadzi: Anna Nowak", True),
    ("per-distribution", patterns.PER_DISTRIBUTION, "Adresaci według rozdzielnika", True),
    ("registry-stamp", patterns.REGISTRY_STAMP, "WPŁYNĘŁO 2024-03-05", True),
    ("registry-stamp", patterns.REGISTRY_STAMP, "Data wpływu", True),
    ("registry-stamp", patterns.REGISTRY_STAMP, "Rada Gminy", False),
]


@pytest.mark.parametrize(
    ("pattern", "text", "matches"),
    [(pattern, text, matches) for _, pattern, text, matches in CASES],
    ids=[f"{name}:{text}" for name, _, text, _ in CASES],
)
def test_pattern_reads_the_cue(pattern: regex.Pattern[str], text: str, matches: bool) -> None:
    found = pattern.fullmatch(text) if pattern is patterns.LIST_HEADING else pattern.match(text)
    if pattern in {patterns.REGISTRY_STAMP, patterns.CONTACT, patterns.LEGAL_FORM}:
        found = pattern.search(text)  # these cues stand anywhere in a line
    assert bool(found) is matches


def test_on_behalf_keeps_the_organ_as_printed() -> None:
    found = patterns.ON_BEHALF.match("z up. Dyrektora Zarządu Dróg")
    assert found is not None and found["organ"] == "Dyrektora Zarządu Dróg"


@pytest.mark.parametrize(
    ("line", "closing"),
    [
        ("Z poważaniem", True),
        ("Z wyrazami szacunku", True),
        ("Łączę wyrazy szacunku", True),
        ("Pozdrawiam serdecznie", True),
        ("z up. Burmistrza", False),
        ("Zapoznałem się z aktami", False),
    ],
)
def test_closing_formula(line: str, closing: bool) -> None:
    assert bool(patterns.CLOSING.match(line)) is closing
