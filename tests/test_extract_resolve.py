"""Resolving candidates into fields (extract/resolve.py): alternatives, completions."""

from __future__ import annotations

from typing import Any

import pytest

from extract.fields import FieldName, Signatory
from extract.model import Candidate, Evidence, Field
from extract.resolve import resolve
from ocr.types import BBox


def _candidate(field: FieldName, value: Any, confidence: float, source: str) -> Candidate:
    evidence = (Evidence(1, BBox(10, 20, 110, 40), str(value)),)
    return Candidate(field, value, str(value), confidence, evidence, source)


def test_disagreeing_candidates_kept_as_alternatives() -> None:
    fields = resolve(
        [
            _candidate(FieldName.SENDER, "Urząd Gminy Zabierzów", 0.7, "rules.a"),
            _candidate(FieldName.SENDER, "Wójt Gminy Zabierzów", 0.8, "rules.b"),
            _candidate(FieldName.SENDER, "Wójt Gminy Zabierzów", 0.5, "rules.c"),
        ]
    )
    data = fields[FieldName.SENDER].to_dict()
    assert data["value"] == "Wójt Gminy Zabierzów"
    assert data["source"] == "rules.b"
    assert data["alternatives"] == [
        {
            "value": "Urząd Gminy Zabierzów",
            "confidence": 0.7,
            "source": "rules.a",
            "evidence": [{"page": 1, "bbox": [10, 20, 110, 40], "text": "Urząd Gminy Zabierzów"}],
        }
    ]


def test_agreeing_candidates_give_no_alternatives() -> None:
    fields = resolve(
        [
            _candidate(FieldName.SUBJECT, "remont drogi", 0.9, "rules.a"),
            _candidate(FieldName.SUBJECT, "remont drogi", 0.4, "rules.b"),
        ]
    )
    assert "alternatives" not in fields[FieldName.SUBJECT].to_dict()
    assert fields[FieldName.ADDRESSEE].value is None
    assert fields[FieldName.DATES].value == ()


def _signed_under(sender: str, confidence: float) -> Field:
    """The signatory resolved beside a sender, for a name signed without a position."""
    fields = resolve(
        [
            _candidate(FieldName.SENDER, sender, confidence, "rules.sender"),
            _candidate(FieldName.SIGNATORY, Signatory("Wincenty Pałka"), 0.9, "rules.signatory"),
        ]
    )
    return fields[FieldName.SIGNATORY]


def test_signatory_position_completed_from_the_letterhead_organ() -> None:
    signatory = _signed_under("Wójt Gminy Zabierzów", 0.8)
    assert isinstance(signatory.value, Signatory)
    assert signatory.value.position == "Wójt Gminy Zabierzów"
    assert signatory.confidence == pytest.approx(0.6)
    assert signatory.source == "rules.signatory+rules.sender"


def test_signatory_position_not_completed_from_an_office() -> None:
    signatory = _signed_under("Urząd Gminy Zabierzów", 0.7)
    assert isinstance(signatory.value, Signatory)
    assert signatory.value.position is None
