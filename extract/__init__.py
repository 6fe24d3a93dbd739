"""The extraction half of pismo: OCR words in, catalogue fields with evidence out.

Stages find candidates and one resolver chooses (DESIGN.md). This package imports only
:mod:`ocr.types` and :mod:`ocr.errors` from the OCR half, never an image or OCR library.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from extract.model import Candidate, ExtractionResult
from extract.resolve import resolve
from extract.stages import (
    addressee,
    dates,
    distribution,
    persons,
    reference,
    sender,
    signatory,
    subject,
)
from extract.text import TextView
from ocr.types import OcrDocument

Stage = Callable[[TextView], Iterable[Candidate]]

# The stages that run, in order; each proposes candidates for one or more fields and the
# resolver (extract/resolve.py) decides.
STAGES: list[Stage] = [
    dates.find,
    reference.find,
    addressee.find,
    signatory.find,
    distribution.find,
    sender.find,
    subject.find,
    persons.find,
]


def extract(document: OcrDocument, stages: Iterable[Stage] | None = None) -> ExtractionResult:
    """Run the stages over a document and resolve each field from their candidates."""
    view = TextView(document)
    candidates = [c for stage in (STAGES if stages is None else stages) for c in stage(view)]
    return ExtractionResult(resolve(candidates))
