"""Synthetic letters for the extraction tests, as plain text, and their extracted fields.

Every letter built here is synthetic: names, offices and towns are invented for the tests.
Text indented by spaces stands on the right of the page (the plain-text loader keeps
columns), a blank line is a vertical gap and a form feed starts a new page.
"""

from __future__ import annotations

from typing import Any

from extract import extract
from extract.fields import FieldName, to_json
from extract.model import Field
from ocr.plaintext import document_from_text

RIGHT = " " * 40  # indentation that puts a line in the right-hand column
BODY = (
    "W odpowiedzi na pismo z dnia 4 marca 2024 r. uprzejmie informuję, że sprawozdanie\n"
    "zostanie przekazane w terminie do końca kwietnia bieżącego roku, zgodnie z ustawą.\n"
)


def _letter(*lines: str) -> str:
    return "\n".join(lines) + "\n"


def _right(*lines: str) -> str:
    return "\n".join(RIGHT + line for line in lines)


def _fields(text: str) -> dict[FieldName, Field]:
    return dict(extract(document_from_text(text, source="t")).fields)


def _value(text: str, name: FieldName) -> Any:
    """A field's value in its JSON form (the output contract)."""
    return to_json(_fields(text)[name].value)


def _signed(*block: str, closing: str = "Z poważaniem") -> str:
    return _letter(BODY, closing, "", *block)
