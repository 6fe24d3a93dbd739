"""The addressee: the block of the letter's head that "Pan"/"Pani"/"Państwo" opens.

Failing an honorific, the block of short lines standing on the right above the body. The
block's lines are sorted into the person's name (nominative, titles stripped), their
position, the organisation and the postal address. "Według rozdzielnika" means the letter
goes to the distribution list. A block whose honorific stands alone, with nothing under
it (a redacted copy), gives an all-null addressee, never the neighbouring text.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import regex

from extract import layout, people
from extract.dates import find_dates
from extract.layout import Segment
from extract.model import Candidate, FieldName
from extract.text import TextView

NAME = "rules.addressee"
_PER_DISTRIBUTION = regex.compile(
    r"^\s*(?:adresaci\s+)?(?:wed[łl]ug|wg\.?)\s+rozdzielnika\b", regex.IGNORECASE
)
# Lines that never belong to an addressee block: registry stamps, dates, references.
_NOT_ADDRESSEE = regex.compile(
    r"wp[łl]yn|kancelari|sekretariat|dziennik|l\.\s?dz|l\.\s?wp|ilo[śs][ćc]\s+za[łl]|podpis|"
    r"\bznak\b|\bsygn|\bdnia\b|\bdn\.|\bnr\s+sprawy|\d{4}\s*r\.|\d+[./]\d+[./]\d+",
    regex.IGNORECASE,
)
# "Sp. z o.o." as OCR reads it: "Sp. z 0.0.", "Sp.z o. o."
_SP_Z_OO = regex.compile(r"\bSp\.\s?z\s?[o0]\.\s?[o0]\.", regex.IGNORECASE)
MAX_BLOCK_LINES = 8
BLOCK_GAP = 1.2  # line heights: a wider gap ends the block
RIGHT_HALF = 0.4  # left edge, as a share of the page width, of a right-hand block
HONORIFIC_CONFIDENCE = 0.92
RIGHT_BLOCK_CONFIDENCE = 0.75
PER_DISTRIBUTION_CONFIDENCE = 0.95
REPAIRED_NAME = 0.9  # a name that needed an OCR repair is less sure


@dataclass(frozen=True, slots=True)
class _Block:
    parts: tuple[Segment, ...]
    honorific: str | None


def find(view: TextView) -> Iterator[Candidate]:
    """The addressee candidate of the letter's head, if it has one."""
    end = layout.body_start(view)
    head = layout.segments(view, [line for line in view.lines[:end] if line.page == 1])
    for part in head:
        if _PER_DISTRIBUTION.match(view.text[part.start : part.end]):
            value = dict.fromkeys(("name", "position", "organization", "address"))
            value["per_distribution"] = True
            yield Candidate(
                FieldName.ADDRESSEE,
                value,
                view.text[part.start : part.end],
                PER_DISTRIBUTION_CONFIDENCE * view.confidence(part.start, part.end),
                view.evidence(part.start, part.end),
                NAME,
            )
            return
    block = _honorific_block(view, head)
    confidence = HONORIFIC_CONFIDENCE
    if block is None:
        block, confidence = _right_block(view, head), RIGHT_BLOCK_CONFIDENCE
    if block is None:
        return
    value, repaired = _parse(view, block)
    if block.honorific is None and not any(value.values()):
        return
    ocr = min(view.confidence(p.start, p.end) for p in block.parts)
    if repaired:
        confidence *= REPAIRED_NAME
    yield Candidate(
        FieldName.ADDRESSEE,
        value,
        "\n".join(view.text[p.start : p.end] for p in block.parts),
        confidence * ocr,
        tuple(e for p in block.parts for e in view.evidence(p.start, p.end)),
        NAME,
    )


def block_segments(view: TextView, head: Sequence[Segment]) -> tuple[Segment, ...]:
    """The segments of the addressee block in the head (empty when there is none).

    Computed once per document (the sender and NER stages ask for it too).
    """
    if "addressee_block" not in view.memo:
        block = _honorific_block(view, head) or _right_block(view, head)
        view.memo["addressee_block"] = block.parts if block else ()
    return view.memo["addressee_block"]  # type: ignore[return-value]


def _honorific_block(view: TextView, head: Sequence[Segment]) -> _Block | None:
    for position, part in enumerate(head):
        word, rest = people.honorific(view.text[part.start : part.end])
        if word is None or (rest.strip() and not rest.strip()[:1].isupper()):
            continue
        return _Block(_grow(view, head, position), word)
    return None


def _grow(
    view: TextView, head: Sequence[Segment], position: int, *, strict: bool = True
) -> tuple[Segment, ...]:
    """The block starting at ``head[position]``: close segments in the same column.

    ``strict`` stops at a line that cannot be the addressee's (a stamp line); otherwise it
    is taken in, for the caller to reject the whole block.
    """
    first = head[position]
    parts = [first]
    for part in head[position + 1 :]:
        if part.page != first.page or abs(part.left_fraction - first.left_fraction) > 0.1:
            continue  # another column beside the block
        text = view.text[part.start : part.end]
        previous = parts[-1].bbox
        gap = (part.bbox.top - previous.bottom) / max(1, previous.height)
        if (
            gap > BLOCK_GAP
            or len(parts) >= MAX_BLOCK_LINES
            or (strict and _NOT_ADDRESSEE.search(text))
            or layout.is_prose(text)
            or find_dates(text)  # the place-and-date line right under (or over) the block
        ):
            break
        parts.append(part)
    return tuple(parts)


def _right_block(view: TextView, head: Sequence[Segment]) -> _Block | None:
    """The lowest block of short lines on the right of the head (the addressee's place)."""
    blocks: list[tuple[Segment, ...]] = []
    taken: set[int] = set()
    for position, part in enumerate(head):
        text = view.text[part.start : part.end]
        if (
            position in taken
            or part.left_fraction < RIGHT_HALF
            or layout.is_prose(text)
            or find_dates(text)
        ):
            continue
        block = _grow(view, head, position, strict=False)
        blocks.append(block)
        taken.update(head.index(p) for p in block)
    for block in reversed(blocks):
        texts = [view.text[p.start : p.end] for p in block]
        if any(_NOT_ADDRESSEE.search(t) for t in texts):
            continue
        if any(people.find_name(t) or people.line_kind(t) == "organization" for t in texts):
            return _Block(block, None)
    return None


def _parse(view: TextView, block: _Block) -> tuple[dict[str, object], bool]:
    """Sort the block's lines into name, position, organisation and address.

    Returns the value and whether the name needed an OCR repair.
    """
    case = people.case_after(block.honorific)
    name: str | None = None
    repaired = False
    sections: dict[str, list[str]] = {"position": [], "organization": [], "address": []}
    current: str | None = None
    for number, part in enumerate(block.parts):
        text = view.text[part.start : part.end]
        if number == 0 and block.honorific:
            text = people.honorific(text)[1]
        text = _SP_Z_OO.sub("Sp. z o.o.", text.strip(" ,;|"))  # "|": a stamp's border
        if not text:
            continue
        if current in sections and sections[current] and sections[current][-1].endswith("-"):
            sections[current][-1] += text  # a word wrapped at its hyphen: "Szkolno-" / "..."
            continue
        kind = people.line_kind(text)
        if kind == "contact":
            current = None
            continue
        if kind is None and name is None:
            found = people.find_name(text, case)
            if found is not None:
                name, current, repaired = found.value, None, found.repaired
                continue
        if kind is None and current in {"position", "organization"}:
            sections[current].append(text)  # a title or office name wrapped over lines
            continue
        if kind is None and _plural(block.honorific):
            name, current = name or text, None  # "Państwo" / "Ewa i Jan Nowakowie"
            continue
        kind = kind or "organization"
        sections[kind].append(text)
        current = kind
    value = {
        "name": name,
        "honorific": _nominative_honorific(block.honorific),
        "position": " ".join(sections["position"]) or None,
        "organization": _SP_Z_OO.sub("Sp. z o.o.", " ".join(sections["organization"])) or None,
        "address": ", ".join(sections["address"]) or None,
    }
    return value, repaired


def _plural(honorific: str | None) -> bool:
    """Whether the honorific addresses several people ("Państwo", "Panowie")."""
    return bool(honorific) and honorific.casefold().startswith(("państw", "panstw", "panow"))


def _nominative_honorific(word: str | None) -> str | None:
    if word is None:
        return None
    lowered = word.casefold()
    if lowered.startswith("pa") and "stw" in lowered:
        return "Państwo"
    return "Pani" if lowered == "pani" else "Pan" if lowered.startswith("pan") else word
