"""Stage registration: declared fields are checked, order is checked, the catalogue is whole."""

from __future__ import annotations

from collections.abc import Iterator

import jsonschema
import pytest

from extract import extract
from extract.contract import schema
from extract.errors import StageError
from extract.fields import FIELDS, FieldName
from extract.layout import Layout
from extract.model import Candidate
from extract.run import STAGES, check_order
from extract.stages import Earlier, Stage
from ocr.plaintext import document_from_text


def test_every_field_has_a_stage_and_every_stage_a_catalogued_field() -> None:
    produced = {name for stage in STAGES for name in stage.produces}
    assert produced == {spec.name for spec in FIELDS}


def test_a_stage_requiring_a_later_field_is_refused() -> None:
    needy = Stage(
        "test.needy", lambda layout, earlier: (), frozenset(), frozenset({FieldName.DATES})
    )
    with pytest.raises(StageError, match="requires dates"):
        check_order([needy, *STAGES])
    check_order([*STAGES, needy])


def test_a_stage_proposing_an_undeclared_field_is_refused() -> None:
    def find(layout: Layout, earlier: Earlier) -> Iterator[Candidate]:
        yield Candidate(FieldName.PLACE, "Opole", "Opole", 0.5, (), "test.liar")

    liar = Stage("test.liar", find, frozenset({FieldName.SUBJECT}))
    with pytest.raises(StageError, match="test.liar proposed place"):
        extract(document_from_text("Opole, 5 maja 2021 r.\n", source="t"), [liar])


def test_generated_schema_is_valid_and_names_every_field() -> None:
    generated = schema()
    jsonschema.Draft202012Validator.check_schema(generated)
    assert generated["properties"]["fields"]["required"] == [s.name.value for s in FIELDS]
