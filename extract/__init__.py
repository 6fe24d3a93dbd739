"""The extraction half of pismo: OCR words in, catalogue fields with evidence out.

Stages find candidates and one resolver chooses (DESIGN.md). This package imports only
:mod:`ocr.types` from the OCR half, never an image or OCR library.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from extract.model import Candidate, ExtractionResult, Field, FieldName
from extract.stages import addressee, dates, distribution, reference, signatory
from extract.text import TextView
from ocr.types import OcrDocument

Stage = Callable[[TextView], Iterable[Candidate]]

# The stages that run, in order. Fields no stage finds yet (people, lists, sender,
# subject) are reported as not found (value null / []).
STAGES: list[Stage] = [
    dates.find,
    reference.find,
    addressee.find,
    signatory.find,
    distribution.find,
]


def extract(document: OcrDocument, stages: Iterable[Stage] | None = None) -> ExtractionResult:
    """Run the stages over a document and keep, per field, the most confident candidate."""
    view = TextView(document)
    best: dict[FieldName, Candidate] = {}
    others: dict[FieldName, list[Candidate]] = {}
    for stage in STAGES if stages is None else stages:
        for candidate in stage(view):
            current = best.get(candidate.field)
            if current is None or candidate.confidence > current.confidence:
                if current is not None:
                    others.setdefault(candidate.field, []).append(current)
                best[candidate.field] = candidate
            else:
                others.setdefault(candidate.field, []).append(candidate)
    fields = {name: _field(name, best.get(name), others.get(name, [])) for name in FieldName}
    return ExtractionResult(fields)


def _field(name: FieldName, chosen: Candidate | None, alternatives: list[Candidate]) -> Field:
    if chosen is None:
        return Field.missing(name)
    return Field(
        name,
        chosen.value,
        chosen.raw,
        chosen.confidence,
        chosen.evidence,
        chosen.source,
        tuple(alternatives),
        chosen.parts,
    )
