"""ALTO XML 4.4 from pismo's own words, with the extracted fields as named-entity tags.

Archives keep OCR as ALTO beside their catalogue records. This is written from pismo's
word data, not by Tesseract's ALTO renderer (whose confidences are wrong in the Tesseract
of Debian 12): every ``String`` has the word's box in pixels of the page as read (upright,
deskewed: the page the boxes of the JSON refer to) and ``WC``, pismo's word confidence.
Each extracted field is a ``NamedEntityTag`` (``LABEL`` the field, ``DESCRIPTION`` its
value) that the strings of its evidence reference through ``TAGREFS``.

Valid against the official ALTO 4.4 schema (``outputs/schemas``; tested on every sample).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any
from xml.etree import ElementTree as ET

import regex

from extract.fields import value_text
from ocr.types import BBox, OcrDocument, OcrLine, OcrPage

NAMESPACE = "http://www.loc.gov/standards/alto/ns-v4#"
SCHEMA_LOCATION = f"{NAMESPACE} http://www.loc.gov/alto/v4/alto-4-4.xsd"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"


def render(document: OcrDocument, fields: Mapping[str, Any], *, software: str) -> str:
    """The ALTO document of one letter.

    Args:
        document: The OCR'd pages.
        fields: The ``fields`` object of the output JSON (values and evidence).
        software: ``"pismo X.Y"``, recorded as the processing software.
    """
    ET.register_namespace("", NAMESPACE)
    ET.register_namespace("xsi", _XSI)
    root = ET.Element(_q("alto"), {f"{{{_XSI}}}schemaLocation": SCHEMA_LOCATION})
    _description(root, document, software)
    tags = list(_field_tags(fields))
    if tags:
        container = ET.SubElement(root, _q("Tags"))
        for tag_id, name, value in tags:
            ET.SubElement(
                container,
                _q("NamedEntityTag"),
                {"ID": tag_id, "LABEL": name, "DESCRIPTION": _clean(value)},
            )
    references = _string_tags(fields, {name: tag_id for tag_id, name, _ in tags})
    layout = ET.SubElement(root, _q("Layout"))
    for page in document.pages:
        _page(layout, page, references.get(page.number, []))
    ET.indent(root, space=" ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


# Characters XML 1.0 cannot hold (a broken PDF font can put them in a text layer).
_NOT_XML = regex.compile(r"[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\U00010000-\U0010FFFF]")


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _q(name: str) -> str:
    return f"{{{NAMESPACE}}}{name}"


def _description(root: ET.Element, document: OcrDocument, software: str) -> None:
    description = ET.SubElement(root, _q("Description"))
    ET.SubElement(description, _q("MeasurementUnit")).text = "pixel"
    source = ET.SubElement(description, _q("sourceImageInformation"))
    ET.SubElement(source, _q("fileName")).text = _clean(document.source)
    processing = ET.SubElement(description, _q("OCRProcessing"), {"ID": "OCR_1"})
    step = ET.SubElement(processing, _q("ocrProcessingStep"))
    ET.SubElement(
        step, _q("processingStepDescription")
    ).text = f"OCR ({document.engine}, {document.lang}), then field extraction"
    tool = ET.SubElement(step, _q("processingSoftware"))
    name, _, version = software.partition(" ")
    ET.SubElement(tool, _q("softwareName")).text = name
    if version:
        ET.SubElement(tool, _q("softwareVersion")).text = version


def _field_tags(fields: Mapping[str, Any]) -> Iterable[tuple[str, str, str]]:
    """(tag ID, field name, value as text) of every field found."""
    for name, field in fields.items():
        if not isinstance(field, Mapping) or field.get("value") in (None, [], {}):
            continue
        yield f"TAG_{name}", name, value_text(field["value"], labelled=True)


def _string_tags(
    fields: Mapping[str, Any], tag_ids: Mapping[str, str]
) -> dict[int, list[tuple[BBox, str]]]:
    """Per page, the evidence boxes with the tag of the field they are evidence of."""
    found: dict[int, list[tuple[BBox, str]]] = defaultdict(list)
    for name, tag_id in tag_ids.items():
        for piece in fields[name].get("evidence") or ():
            left, top, right, bottom = piece["bbox"]
            found[int(piece["page"])].append((BBox(left, top, right, bottom), tag_id))
    return found


def _page(layout: ET.Element, page: OcrPage, evidence: Sequence[tuple[BBox, str]]) -> None:
    number = page.number
    element = ET.SubElement(
        layout,
        _q("Page"),
        {
            "ID": f"P{number}",
            "PHYSICAL_IMG_NR": str(number),
            "WIDTH": str(page.width),
            "HEIGHT": str(page.height),
        },
    )
    space = ET.SubElement(element, _q("PrintSpace"), _box_attributes(_page_box(page)))
    blocks: dict[int, list[OcrLine]] = defaultdict(list)
    for line in page.lines:
        blocks[line.block].append(line)
    for block_number, lines in blocks.items():
        block = ET.SubElement(
            space,
            _q("TextBlock"),
            {"ID": f"P{number}_B{block_number}", **_box_attributes(_union(lines))},
        )
        for line_index, line in enumerate(lines, start=1):
            line_id = f"P{number}_B{block_number}_L{line_index}"
            _line(block, line, line_id, evidence)


def _line(
    block: ET.Element, line: OcrLine, line_id: str, evidence: Sequence[tuple[BBox, str]]
) -> None:
    element = ET.SubElement(block, _q("TextLine"), {"ID": line_id, **_box_attributes(line.bbox)})
    for index, word in enumerate(line.words, start=1):
        if index > 1:
            ET.SubElement(element, _q("SP"))
        attributes = {
            "ID": f"{line_id}_S{index}",
            "CONTENT": _clean(word.text),
            **_box_attributes(word.bbox),
            "WC": f"{word.confidence:.4f}".rstrip("0").rstrip(".") or "0",
        }
        tags = sorted({tag for box, tag in evidence if _centre_inside(word.bbox, box)})
        if tags:
            attributes["TAGREFS"] = " ".join(tags)
        ET.SubElement(element, _q("String"), attributes)


def _box_attributes(box: BBox) -> dict[str, str]:
    return {
        "HPOS": str(box.left),
        "VPOS": str(box.top),
        "WIDTH": str(max(0, box.right - box.left)),
        "HEIGHT": str(max(0, box.bottom - box.top)),
    }


def _page_box(page: OcrPage) -> BBox:
    return _union(page.lines) if page.lines else BBox(0, 0, page.width, page.height)


def _union(lines: Sequence[OcrLine]) -> BBox:
    return BBox(
        min(line.bbox.left for line in lines),
        min(line.bbox.top for line in lines),
        max(line.bbox.right for line in lines),
        max(line.bbox.bottom for line in lines),
    )


def _centre_inside(word: BBox, area: BBox) -> bool:
    x = (word.left + word.right) / 2
    y = (word.top + word.bottom) / 2
    return area.left <= x <= area.right and area.top <= y <= area.bottom
