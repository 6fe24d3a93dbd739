"""The output contract: one letter's JSON, its stored OCR, and the JSON Schema of both.

The ``fields`` part of the schema is generated from the field catalogue
(:mod:`extract.fields`), so a new field is in the schema as soon as it is declared; the
rest (source, OCR metadata, pages) is written out here. ``pismo schema`` prints it.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from collections.abc import Mapping
from importlib import metadata
from typing import Any

from extract import extract
from extract.fields import FIELDS, FieldSpec
from extract.model import ExtractionResult
from ocr.types import OcrDocument

# 1.1: received, signatory.signature; stamps and marks in the stored OCR (extensions only).
# 1.2: sender.parts {organ, office, unit} (an extension only).
SCHEMA_VERSION = "1.2"


def version() -> str:
    """Return pismo's version (installed metadata, or the source tree's)."""
    try:
        return metadata.version("pismo")
    except metadata.PackageNotFoundError:
        return "0+unknown"


def build_output(
    ocr_doc: OcrDocument,
    result: ExtractionResult,
    source_info: Mapping[str, Any],
    *,
    with_words: bool = False,
) -> dict[str, Any]:
    """Assemble the output-contract JSON of one document (page metadata; lines on request)."""
    return {
        "schema_version": SCHEMA_VERSION,
        "pismo_version": version(),
        "source": dict(source_info),
        "ocr": {
            "engine": ocr_doc.engine,
            "lang": ocr_doc.lang,
            "mean_confidence": _round(ocr_doc.mean_confidence),
            "pages": [page.to_dict(with_words=with_words) for page in ocr_doc.pages],
        },
        "text": ocr_doc.text,
        "fields": result.to_dict(),
        "warnings": [*ocr_doc.warnings, *result.warnings],
    }


def output_of(
    ocr_doc: OcrDocument, source_info: Mapping[str, Any], *, with_words: bool = False
) -> dict[str, Any]:
    """Extract a document's fields and assemble its output (``pismo extract``, tests)."""
    return build_output(ocr_doc, extract(ocr_doc), source_info, with_words=with_words)


def stored_ocr(ocr_doc: OcrDocument, source_info: Mapping[str, Any]) -> dict[str, Any]:
    """The ``<stem>.ocr.json`` of a document: its OCR, for ``pismo extract`` to re-read."""
    return {"schema_version": SCHEMA_VERSION, "input": dict(source_info), **ocr_doc.to_dict()}


def dumps(data: Any) -> str:
    """JSON as pismo writes it: UTF-8 text, indented, one trailing newline."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


# ------------------------------------------------------------------------------ schema

_NULLABLE_TEXT = {"type": ["string", "null"]}
_SHARE = {"type": "number", "minimum": 0, "maximum": 1}
_BBOX = {"type": "array", "items": {"type": "integer", "minimum": 0}, "minItems": 4, "maxItems": 4}
_EVIDENCE = {
    "type": "object",
    "required": ["page", "bbox", "text"],
    "properties": {
        "page": {"type": "integer", "minimum": 1},
        "bbox": {"$ref": "#/$defs/bbox"},
        "text": {"type": "string"},
    },
}
_WORD = {
    "type": "object",
    "required": ["text", "bbox", "confidence"],
    "properties": {
        "text": {"type": "string"},
        "bbox": {"$ref": "#/$defs/bbox"},
        "confidence": _SHARE,
    },
}
_LINE = {
    "type": "object",
    "required": ["bbox", "block", "words"],
    "properties": {
        "bbox": {"$ref": "#/$defs/bbox"},
        "block": {"type": "integer"},
        "paragraph": {"type": "integer"},
        "words": {"type": "array", "items": _WORD},
    },
}
_PAGE = {
    "type": "object",
    "required": [
        "number",
        "width",
        "height",
        "dpi",
        "source",
        "rotation",
        "skew",
        "mean_confidence",
    ],
    "properties": {
        "number": {"type": "integer", "minimum": 1},
        "width": {"type": "integer", "minimum": 0},
        "height": {"type": "integer", "minimum": 0},
        "dpi": {"type": "integer", "minimum": 1},
        "source": {"enum": ["ocr", "text-layer", "text-layer+ocr", "text"]},
        "rotation": {"enum": [0, 90, 180, 270]},
        "skew": {"type": "number"},
        "source_dpi": {"type": ["number", "null"]},
        "dpi_estimated": {"type": "boolean"},
        "preprocessing": {"type": "array", "items": {"type": "string"}},
        "mean_confidence": {**_SHARE, "type": ["number", "null"]},
        "warnings": {"type": "array", "items": {"type": "string"}},
        "lines": {"type": "array", "items": _LINE},
    },
}
_SOURCE = {
    "type": "object",
    "required": ["path", "pages", "format"],
    "properties": {
        "path": {"type": "string"},
        "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
        "pages": {"type": "integer", "minimum": 0},
        "format": {"type": "string"},
        "bytes": {"type": "integer", "minimum": 0},
    },
}
_OCR = {
    "type": "object",
    "required": ["engine", "lang", "mean_confidence", "pages"],
    "properties": {
        "engine": {"type": "string"},
        "lang": {"type": "string"},
        "mean_confidence": {**_SHARE, "type": ["number", "null"]},
        "pages": {"type": "array", "items": {"$ref": "#/$defs/page"}},
    },
}


def schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one letter's output."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://pismo.invalid/schema/output-{SCHEMA_VERSION}.json",
        "title": "pismo output: one scanned letter",
        "type": "object",
        "required": ["schema_version", "source", "ocr", "text", "fields", "warnings"],
        "properties": {
            "schema_version": {"const": SCHEMA_VERSION},
            "pismo_version": {"type": "string"},
            "source": _SOURCE,
            "ocr": _OCR,
            "text": {"type": "string"},
            "fields": {
                "type": "object",
                "additionalProperties": False,
                "required": [spec.name.value for spec in FIELDS],
                "properties": {spec.name.value: _field_schema(spec) for spec in FIELDS},
            },
            "warnings": {"type": "array", "items": {"type": "string"}},
        },
        "$defs": {"bbox": _BBOX, "evidence": _EVIDENCE, "page": _PAGE},
    }


def schema_text() -> str:
    """The schema as ``pismo schema`` prints it."""
    return dumps(schema())


def _field_schema(spec: FieldSpec) -> dict[str, Any]:
    """One field's object: its value (from the catalogue), confidence, evidence, source."""
    return {
        "type": "object",
        "required": ["value", "confidence", "evidence"],
        "properties": {
            "value": _value_schema(spec),
            "raw": _NULLABLE_TEXT,
            "confidence": _SHARE,
            "evidence": {"type": "array", "items": {"$ref": "#/$defs/evidence"}},
            "source": _NULLABLE_TEXT,
            "parts": (
                {"anyOf": [_record_schema(spec.parts), {"type": "null"}]}
                if spec.parts
                else {"type": ["object", "null"]}
            ),
            "alternatives": {"type": "array"},
        },
    }


def _value_schema(spec: FieldSpec) -> dict[str, Any]:
    described: dict[str, Any] = {"description": spec.description}
    if spec.value_type is str:
        text = {"type": ["string", "null"], **({"pattern": spec.pattern} if spec.pattern else {})}
        return described | text
    record = _record_schema(spec.value_type)
    if spec.many:
        return described | {"type": "array", "items": record}
    return described | {"anyOf": [record, {"type": "null"}]}


def _record_schema(record: type) -> dict[str, Any]:
    """A record's object schema, from its dataclass fields (JSON names from metadata)."""
    hints = typing.get_type_hints(record)
    properties: dict[str, Any] = {}
    required: list[str] = []
    for item in dataclasses.fields(record):
        name = item.metadata.get("json", item.name)
        properties[name] = _type_schema(hints[item.name]) | {
            key: list(value) if key == "enum" else value
            for key, value in item.metadata.items()
            if key in ("pattern", "enum")
        }
        no_default = item.default is dataclasses.MISSING
        if no_default and item.default_factory is dataclasses.MISSING:
            required.append(name)
    found: dict[str, Any] = {"type": "object", "additionalProperties": False}
    return found | ({"required": required} if required else {}) | {"properties": properties}


def _type_schema(hint: Any) -> dict[str, Any]:
    """The JSON type of a field's annotation: str, int, bool, their optionals."""
    names = {str: "string", int: "integer", bool: "boolean", type(None): "null"}
    union = typing.get_origin(hint) in {typing.Union, types.UnionType}
    # UNREAD (a Literal of a sentinel) is no JSON value: its key is left out instead.
    kinds = [names[m] for m in (typing.get_args(hint) if union else (hint,)) if m in names]
    return {"type": kinds[0] if len(kinds) == 1 else kinds}
