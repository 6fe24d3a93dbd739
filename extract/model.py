"""Typed results of extraction: evidence, candidates, fields. Dicts only in ``to_dict``."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from extract.fields import (
    FIELDS,
    SPECS,
    FieldName,
    FieldValue,
    ReferenceParts,
    SenderParts,
    to_json,
)
from ocr.types import BBox


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
    value: FieldValue
    raw: str
    confidence: float
    evidence: tuple[Evidence, ...]
    source: str  # the stage that proposed it
    parts: ReferenceParts | SenderParts | None = None  # the value's structure, by its parts


@dataclass(frozen=True, slots=True)
class Field:
    """The chosen value of a field (None / [] when not found) and the losing candidates."""

    name: FieldName
    value: FieldValue | None = None
    raw: str | None = None
    confidence: float = 0.0
    evidence: tuple[Evidence, ...] = ()
    source: str | None = None
    alternatives: tuple[Candidate, ...] = ()
    parts: ReferenceParts | SenderParts | None = None

    @classmethod
    def missing(cls, name: FieldName) -> Field:
        """The field as "not found": null, or an empty list for list fields."""
        return cls(name, () if SPECS[name].many else None)

    def to_dict(self) -> dict[str, Any]:
        """JSON form of the field."""
        data = {
            "value": to_json(self.value),
            "raw": self.raw,
            "confidence": round(self.confidence, 4),
            "evidence": [e.to_dict() for e in self.evidence],
            "source": self.source,
        }
        if self.parts is not None:
            data["parts"] = self.parts.to_dict()
        if self.alternatives:
            data["alternatives"] = [
                {
                    "value": to_json(c.value),
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
            spec.name.value: self.fields.get(spec.name, Field.missing(spec.name)).to_dict()
            for spec in FIELDS
        }
