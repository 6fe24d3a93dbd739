"""When the letter came in: the receiving office's registry stamp (``received``).

An archive's letters carry the registry stamp of the office that received them:
"Wpłynęło" / "Data wpływu", a date (stamped or written), the registry number after
"L.dz." or "Nr", and the office's name on the stamp's first lines. The stamp is read apart
from the letter (:mod:`ocr.stamps`), so its date never competes for the letter's date. On
a grey scan OCR reads the stamp among the page's lines; it is found there by its shape
(:func:`extract.stamps.registry_in_text`), less surely.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from extract.fields import FieldName, Received
from extract.layout import Layout
from extract.model import Candidate
from extract.patterns import REGISTRY_STAMP
from extract.stages import NOTHING, Earlier, Stage
from extract.stamps import StampKind, StampText, of_kind, registry_number, stamp_date

NAME = "rules.received"
# A registry stamp's reading is worn print and handwriting: never as sure as print.
STAMP_CONFIDENCE = 0.8
# ... and one found among the page's own lines is a stamp by its shape only.
IN_TEXT = 0.8


def find(layout: Layout, earlier: Earlier = NOTHING) -> Iterator[Candidate]:
    """The registry stamp of the receiving office, the first one that states a date."""
    year = _letter_year(earlier)
    for stamp in of_kind(layout.stamps, StampKind.REGISTRY):
        date = stamp_date(stamp, year)
        if date is None:
            continue
        number = registry_number(stamp)
        value = Received(date.value, number, _office(stamp))
        view = date.view  # the reading the date was read in
        confidence = STAMP_CONFIDENCE * stamp.stamp.confidence
        yield Candidate(
            FieldName.RECEIVED,
            value,
            view.text,
            confidence * (IN_TEXT if stamp.in_text else 1.0),
            view.evidence(0, len(view.text)),
            NAME,
        )
        return


STAGE = Stage(
    NAME, find, frozenset({FieldName.RECEIVED}), requires=frozenset({FieldName.LETTER_DATE})
)


def _letter_year(earlier: Earlier) -> int | None:
    found = earlier.get(FieldName.LETTER_DATE, ())
    best = max(found, key=lambda c: c.confidence, default=None)
    return int(str(best.value)[:4]) if best is not None else None


def _office(stamp: StampText) -> str | None:
    """The stamp's first line, when it names an office rather than saying "Wpłynęło"."""
    view = stamp.view
    first = view.text[view.lines[0].start : view.lines[0].end].strip(" ,.;:")
    if REGISTRY_STAMP.search(first) or not regex.search(r"\p{L}{3,}", first):
        return None
    if regex.search(r"\d", first):
        return None
    return first
