"""The files of one letter: stored OCR, the formats asked for, and the JSON last."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from extract.contract import dumps, stored_ocr
from ocr.types import OcrDocument
from outputs import alto as alto_output
from outputs import pdf as pdf_output
from outputs.pdf import PageScan


def document_files(
    output: Mapping[str, Any],
    ocr_doc: OcrDocument,
    source_info: Mapping[str, Any],
    formats: Sequence[str],
    scans: Sequence[PageScan] = (),
) -> tuple[tuple[str, str | bytes], ...]:
    """The document's files as (suffix, content): stored OCR, the asked formats, the JSON last.

    The JSON goes last because its presence marks the letter done (a batch killed between
    two files redoes the letter).
    """
    stored = (".ocr.json", dumps(stored_ocr(ocr_doc, source_info)))
    formatted = format_files(output, ocr_doc, source_info, formats, scans)
    return (stored, *formatted, (".json", dumps(output)))


# The file each format is written to, beside the output stem.
FORMAT_SUFFIXES = {"txt": ".txt", "alto": ".alto.xml", "pdf": ".pdf"}


def format_files(
    output: Mapping[str, Any],
    ocr_doc: OcrDocument,
    source_info: Mapping[str, Any],
    formats: Sequence[str],
    scans: Sequence[PageScan] = (),
) -> tuple[tuple[str, str | bytes], ...]:
    """The files of the asked formats (txt, alto, pdf) from a letter's OCR and output.

    The searchable PDF needs every page's image (``scans``); without them it is left out.
    """
    files: list[tuple[str, str | bytes]] = []
    if "txt" in formats:
        files.append((FORMAT_SUFFIXES["txt"], ocr_doc.text_with_stamps + "\n"))
    software = f"pismo {output['pismo_version']}"  # the version the output records
    if "alto" in formats:
        alto = alto_output.render(ocr_doc, output["fields"], software=software)
        files.append((FORMAT_SUFFIXES["alto"], alto))
    if "pdf" in formats and len(scans) == len(ocr_doc.pages):
        title = str(source_info.get("path", ocr_doc.source))
        pdf = pdf_output.render(ocr_doc, scans, title=title, producer=software)
        files.append((FORMAT_SUFFIXES["pdf"], pdf))
    return tuple(files)
