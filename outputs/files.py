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
    files: list[tuple[str, str | bytes]] = [(".ocr.json", dumps(stored_ocr(ocr_doc, source_info)))]
    if "txt" in formats:
        files.append((".txt", ocr_doc.text_with_stamps + "\n"))
    software = f"pismo {output['pismo_version']}"  # the version the output records
    if "alto" in formats:
        files.append(
            (".alto.xml", alto_output.render(ocr_doc, output["fields"], software=software))
        )
    if "pdf" in formats and len(scans) == len(ocr_doc.pages):
        title = str(source_info.get("path", ocr_doc.source))
        files.append((".pdf", pdf_output.render(ocr_doc, scans, title=title, producer=software)))
    files.append((".json", dumps(output)))
    return tuple(files)
