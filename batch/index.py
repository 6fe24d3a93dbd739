"""The batch's catalogue files: ``index.jsonl``, ``index.csv`` and ``report.html``.

One row per letter, in input order: path, status, error, output, the letter's number and
pages in its file (an input cut into letters), pages, seconds, warnings, whether a page
was given up on, and the key fields the catalogue marks as indexed
(:data:`extract.fields.INDEXED`).
"""

from __future__ import annotations

import csv
import io
import json
import logging
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from batch.files import atomic_write
from extract.fields import INDEXED
from outputs import report as report_output

log = logging.getLogger("pismo")

COLUMNS = (
    "path",
    "status",
    "error",
    "output",
    "letter",
    "file_pages",
    "pages",
    "seconds",
    "warnings",
    "incomplete",
    *(name.value for name in INDEXED),
)


def letter_rows(rows: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """One row per letter: an input cut into letters gives its letters' rows in its place."""
    return [letter for row in rows for letter in (row.get("letters") or [row])]


def write_index(out: Path, rows: Sequence[Mapping[str, Any]]) -> None:
    """Write ``index.jsonl`` and ``index.csv`` (one row per letter, input order), atomically."""
    rows = letter_rows(rows)
    atomic_write(
        out / "index.jsonl", "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    )
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    # A byte-order mark, so that spreadsheet programs read the Polish letters as UTF-8.
    atomic_write(out / "index.csv", "\ufeff" + buffer.getvalue())


def write_report(out: Path, rows: Sequence[Mapping[str, Any]]) -> None:
    """Write ``OUT/report.html`` for the inputs of the index rows (see :mod:`outputs.report`)."""
    letters = []
    for row in letter_rows(rows):
        document = None
        ink: tuple[report_output.PageInk, ...] = ()
        if row.get("status") == "ok" and row.get("output"):
            try:
                document = json.loads((out / row["output"]).read_text(encoding="utf-8"))
            except (OSError, ValueError):
                document = None  # deleted or damaged since: listed without fields
            ink = report_output.letter_ink(out, row["output"], document)
        letters.append(
            report_output.Letter(
                row["path"], row["status"], row.get("error"), row.get("output"), document, ink
            )
        )
    atomic_write(
        out / "report.html", report_output.render(letters, out, title=f"pismo: {out.name}")
    )
    log.info("report: %s", out / "report.html")
