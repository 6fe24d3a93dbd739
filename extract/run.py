"""The extraction run: the stages in order, then the resolver; warnings about the result.

Imported on first use (:func:`extract.extract`): a batch's parent process, which never
extracts, does not pay for the stages' patterns and dictionaries.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence

from extract.dates import day_missing
from extract.errors import StageError
from extract.fields import FieldName
from extract.layout import Layout
from extract.model import Candidate, ExtractionResult, Field
from extract.resolve import resolve
from extract.stages import Stage
from extract.stages import addressee as _addressee
from extract.stages import dates as _dates
from extract.stages import distribution as _distribution
from extract.stages import persons as _persons
from extract.stages import received as _received
from extract.stages import reference as _reference
from extract.stages import sender as _sender
from extract.stages import signatory as _signatory
from extract.stages import subject as _subject
from ocr.types import OcrDocument

# The stages that run, in order; each proposes candidates for the fields it declares and
# the resolver (extract/resolve.py) decides.
STAGES: tuple[Stage, ...] = (
    _dates.STAGE,
    _reference.STAGE,
    _addressee.STAGE,
    _signatory.STAGE,
    _distribution.STAGE,
    _sender.STAGE,
    _subject.STAGE,
    _persons.STAGE,
    _received.STAGE,
)


def check_order(stages: Sequence[Stage]) -> None:
    """Check that every field a stage requires is produced by a stage before it.

    Raises:
        StageError: If a stage requires a field no earlier stage produces.
    """
    produced: set[FieldName] = set()
    for stage in stages:
        missing = stage.requires - produced
        if missing:
            names = ", ".join(sorted(missing))
            raise StageError(f"stage {stage.name} requires {names}, which no earlier stage gives")
        produced |= stage.produces


check_order(STAGES)


# A letter whose lines were cut out of one run-on paragraph (extract.reflow): its fields
# stand on a reconstruction of its layout.
RUN_ON_CONFIDENCE = 0.85


def extract(document: OcrDocument, stages: Iterable[Stage] = STAGES) -> ExtractionResult:
    """Run the stages over a document and resolve each field from their candidates.

    Raises:
        StageError: If a stage proposes a field it does not declare.
    """
    layout = Layout.of(document)
    found: list[Candidate] = []
    for stage in stages:
        earlier = {name: tuple(c for c in found if c.field is name) for name in stage.requires}
        for candidate in stage.find(layout, earlier):
            if candidate.field not in stage.produces:
                raise StageError(f"stage {stage.name} proposed {candidate.field}, not declared")
            found.append(candidate)
    if layout.run_on:
        # The letter's lines were cut out of one paragraph by convention, not read from the
        # page's layout: every field stands on that reconstruction, and is less sure.
        found = [dataclasses.replace(c, confidence=c.confidence * RUN_ON_CONFIDENCE) for c in found]
    fields = resolve(found)
    return ExtractionResult(fields, _warnings(fields, run_on=layout.run_on))


def _warnings(fields: Mapping[FieldName, Field], *, run_on: bool = False) -> tuple[str, ...]:
    """What a person should check in the fields: values known to be incomplete."""
    warnings = []
    if run_on:
        warnings.append(
            "the letter's text runs on in one paragraph (its line breaks were lost): its "
            "head and signature were cut into lines by convention; check the fields"
        )
    found = fields.get(FieldName.LETTER_DATE)
    if (
        found is not None
        and isinstance(found.value, str)
        and day_missing(found.value, found.raw or "")
    ):
        warnings.append(
            f"letter_date {found.value} has no day: the day on the page is handwritten "
            "or illegible; check it on the scan"
        )
    return tuple(warnings)
