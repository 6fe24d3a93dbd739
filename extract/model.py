"""Typed results of extraction: evidence, candidates, fields. Dicts only in ``to_dict``."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from ocr.types import BBox


class FieldName(StrEnum):
    """The fields of the output contract, in output order."""

    REFERENCE = "reference_number"
    LETTER_DATE = "letter_date"
    PLACE = "place"
    SENDER = "sender"
    ADDRESSEE = "addressee"
    SIGNATORY = "signatory"
    DISTRIBUTION = "distribution_list"
    DATES = "dates"
    SUBJECT = "subject"


# Fields whose "not found" value is an empty list rather than null.
LIST_FIELDS = frozenset({FieldName.DISTRIBUTION, FieldName.DATES})


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where on the page a value was read: page number (1-based), box and the words' text."""

    page: int
    bbox: BBox
    text: str

    def to_dict(self) -> dict[str, Any]:
        """JSON form of the evidence."""
        return {"page": self.page, "bbox": self.bbox.to_list(), "text": self.text}


@dataclass(frozen=True, slots=True)
class Candidate:
    """A value a stage proposes for a field, with its evidence; the resolver chooses."""

    field: FieldName
    value: Any  # JSON-ready: str, list or dict
    raw: str
    confidence: float
    evidence: tuple[Evidence, ...]
    source: str  # the stage that proposed it
    parts: Mapping[str, Any] | None = None  # structure of the value (reference number parts)


@dataclass(frozen=True, slots=True)
class Field:
    """The chosen value of a field (None / [] when not found) and the losing candidates."""

    name: FieldName
    value: Any = None
    raw: str | None = None
    confidence: float = 0.0
    evidence: tuple[Evidence, ...] = ()
    source: str | None = None
    alternatives: tuple[Candidate, ...] = ()
    parts: Mapping[str, Any] | None = None

    @classmethod
    def missing(cls, name: FieldName) -> Field:
        """The field as "not found": null, or an empty list for list fields."""
        return cls(name, [] if name in LIST_FIELDS else None)

    def to_dict(self) -> dict[str, Any]:
        """JSON form of the field."""
        data = {
            "value": self.value,
            "raw": self.raw,
            "confidence": round(self.confidence, 4),
            "evidence": [e.to_dict() for e in self.evidence],
            "source": self.source,
        }
        if self.parts is not None:
            data["parts"] = dict(self.parts)
        if self.alternatives:
            data["alternatives"] = [
                {
                    "value": c.value,
                    "confidence": round(c.confidence, 4),
                    "source": c.source,
                    "evidence": [e.to_dict() for e in c.evidence],
                }
                for c in self.alternatives
            ]
        return data


@dataclass(frozen=True, slots=True)
class ExtractionResult:
    """Every field of one letter, plus warnings from the stages."""

    fields: Mapping[FieldName, Field]
    warnings: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The ``fields`` object of the output JSON, in contract order."""
        return {
            name.value: self.fields.get(name, Field.missing(name)).to_dict() for name in FieldName
        }
