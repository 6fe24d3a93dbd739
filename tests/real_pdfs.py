"""The real PDFs in ../shared/real-scans, each born-digital or a scan as SOURCES.tsv says.

Empty lists without ../shared; :func:`_pdf_params` then gives one skipped parameter.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from pathlib import Path

import pytest

REAL_SCANS = Path(__file__).parents[2] / "shared" / "real-scans"
SHARED_PDFS = sorted(REAL_SCANS.glob("*.pdf"))
BORN_DIGITAL = "born-digital"
SCAN = "scan"


def _documented_kinds() -> dict[str, str]:
    """The ``kind`` column of ../shared/real-scans/SOURCES.tsv by file name ({} without it)."""
    sources = REAL_SCANS / "SOURCES.tsv"
    if not sources.is_file():
        return {}
    with sources.open(encoding="utf-8", newline="") as f:
        rows = csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        return {row["file"]: row["kind"] for row in rows}


def _classify(kind: str | None) -> str | None:
    """``BORN_DIGITAL`` or ``SCAN`` as SOURCES.tsv documents a file, None if it does not say.

    The metadata decides, never the file's text layer: probing the layer to pick the
    assertions would make the tests that use these lists pass for any file.
    """
    if kind is None:
        return None
    scan = re.match(r"REAL SCAN\b", kind) is not None
    born = re.search(r"\bborn-digital\b", kind, re.IGNORECASE) is not None
    if scan == born:
        return None
    return SCAN if scan else BORN_DIGITAL


DOCUMENTED_KINDS = _documented_kinds()
CLASSES = {path: _classify(DOCUMENTED_KINDS.get(path.name)) for path in SHARED_PDFS}
BORN_DIGITAL_PDFS = [path for path, kind in CLASSES.items() if kind == BORN_DIGITAL]
SCANNED_PDFS = [path for path, kind in CLASSES.items() if kind == SCAN]
# Documented as "image-only PDF" / "no text layer": poppler must find no word at all.
IMAGE_ONLY = re.compile(r"image-only|no text layer", re.IGNORECASE)


def _pdf_params(paths: Sequence[Path], what: str) -> list[object]:
    """One parameter per PDF; one skipped parameter saying why when there is none."""
    if paths:
        return [pytest.param(path, id=path.name) for path in paths]
    if SHARED_PDFS:
        reason = f"{REAL_SCANS}/SOURCES.tsv documents no {what} PDF among {len(SHARED_PDFS)}"
    else:
        reason = f"no PDF in {REAL_SCANS}"
    return [pytest.param(None, id=f"no-{what}-pdf", marks=pytest.mark.skip(reason=reason))]
