"""The subject line: "Dotyczy:", "Dot.:", "Sprawa:", "Temat:", "W sprawie:" before the body.

The subject may wrap over lines; the lines that follow closely (no blank line between)
continue it until the salutation or the body.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from extract.fields import FieldName
from extract.layout import Layout
from extract.model import Candidate
from extract.patterns import BODY_START, CLOSING
from extract.stages import NOTHING, Earlier, Stage

NAME = "rules.subject"
_SUBJECT = regex.compile(
    r"^\s*(?:(?:dotyczy|dot\.)\s*[:.]?|(?:sprawa|temat|w\s+sprawie)\s*:)\s*(?P<subject>\S.*)$",
    regex.IGNORECASE,
)
CONTINUATION_GAP = 1.0  # line heights: a wider gap ends the subject
MAX_LINES = 4
CONFIDENCE = 0.9


def find(layout: Layout, earlier: Earlier = NOTHING) -> Iterator[Candidate]:
    """The first subject line of page 1 (and its wrapped continuation)."""
    view = layout.view
    for index, line in enumerate(view.lines):
        if line.page != 1:
            return
        found = _SUBJECT.match(view.line_text(line))
        if found is None or found["subject"].startswith(":"):
            continue
        start = line.start + found.start("subject")
        end = line.end
        for following in view.lines[index + 1 : index + MAX_LINES]:
            text = view.line_text(following)
            if (
                view.gap_above(following.index) > CONTINUATION_GAP
                or BODY_START.match(text)
                or CLOSING.match(text)
            ):
                break
            end = following.end
        subject = " ".join(view.text[start:end].split()).rstrip(" .;,")
        if not subject:
            return
        yield Candidate(
            FieldName.SUBJECT,
            subject,
            view.text[line.start : end],
            CONFIDENCE * view.confidence(start, end),
            view.evidence(start, end),
            NAME,
        )
        return


STAGE = Stage(NAME, find, frozenset({FieldName.SUBJECT}))
