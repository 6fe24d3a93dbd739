"""The addressee: the block of the letter's head that "Pan"/"Pani"/"Państwo" opens.

Failing an honorific, the block of short lines standing on the right above the body. The
block's lines are sorted into the person's name (nominative, titles stripped), their
position, the organisation and the postal address. "Według rozdzielnika" means the letter
goes to the distribution list. A block whose honorific stands alone, with nothing under
it (a redacted copy), gives an all-null addressee, never the neighbouring text.
"""

from __future__ import annotations

from collections.abc import Iterator

from extract import people
from extract.fields import Addressee, FieldName
from extract.layout import AddresseeBlock, Layout
from extract.model import Candidate
from extract.patterns import PER_DISTRIBUTION, SP_Z_OO
from extract.stages import NOTHING, Earlier, Stage
from extract.text import TextView

NAME = "rules.addressee"
HONORIFIC_CONFIDENCE = 0.92
RIGHT_BLOCK_CONFIDENCE = 0.75
PER_DISTRIBUTION_CONFIDENCE = 0.95
REPAIRED_NAME = 0.9  # a name that needed an OCR repair is less sure


def find(layout: Layout, earlier: Earlier = NOTHING) -> Iterator[Candidate]:
    """The addressee candidate of the letter's head, if it has one."""
    view = layout.view
    for part in layout.head:
        if PER_DISTRIBUTION.match(view.text[part.start : part.end]):
            yield Candidate(
                FieldName.ADDRESSEE,
                Addressee(per_distribution=True),
                view.text[part.start : part.end],
                PER_DISTRIBUTION_CONFIDENCE * view.confidence(part.start, part.end),
                view.evidence(part.start, part.end),
                NAME,
            )
            return
    block = layout.addressee_block
    if block is None:
        return
    confidence = HONORIFIC_CONFIDENCE if block.honorific is not None else RIGHT_BLOCK_CONFIDENCE
    value, repaired = _parse(view, block)
    if block.honorific is None and not _anything(value):
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


STAGE = Stage(NAME, find, frozenset({FieldName.ADDRESSEE}))


def _anything(value: Addressee) -> bool:
    """Whether the block gave any part of an addressee (the honorific aside)."""
    return any((value.name, value.honorific, value.position, value.organization, value.address))


def _parse(view: TextView, block: AddresseeBlock) -> tuple[Addressee, bool]:
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
        if number == 0:
            text = text[block.label :]  # "Do: ..."
        listed = text.rstrip(" ;|").endswith(",")  # "Starostowie," in a group addressee
        text = SP_Z_OO.sub("Sp. z o.o.", text.strip(" ,;|"))  # "|": a stamp's border
        if not text:
            continue
        if current in sections and sections[current] and sections[current][-1].endswith("-"):
            sections[current][-1] += text  # a word wrapped at its hyphen: "Szkolno-" / "..."
            continue
        wraps = people.line_kind(text) not in {"address", "contact"}  # "ul. ..." does not
        if text[:1].islower() and wraps and current in {"position", "organization"}:
            sections[current].append(_listed(text, listed))  # "szkół i placówek ..." wraps
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
            sections[current].append(_listed(text, listed))  # a title or office name wrapped
            continue
        if kind is None and _plural(block.honorific):
            name, current = name or text, None  # "Państwo" / "Ewa i Jan Nowakowie"
            continue
        kind = kind or "organization"
        sections[kind].append(_listed(text, listed) if kind != "address" else text)
        current = kind
    value = Addressee(
        name=name,
        honorific=_nominative_honorific(block.honorific),
        position=" ".join(sections["position"]).rstrip(",") or None,
        organization=SP_Z_OO.sub("Sp. z o.o.", " ".join(sections["organization"])).rstrip(",")
        or None,
        address=", ".join(sections["address"]) or None,
    )
    return value, repaired


def _listed(text: str, listed: bool) -> str:
    """The line as one item of a list printed over lines: its comma kept to join them."""
    return f"{text}," if listed else text


def _plural(honorific: str | None) -> bool:
    """Whether the honorific addresses several people ("Państwo", "Panowie")."""
    return honorific is not None and honorific.casefold().startswith(("państw", "panstw", "panow"))


def _nominative_honorific(word: str | None) -> str | None:
    if word is None:
        return None
    lowered = word.casefold()
    if lowered.startswith("pa") and "stw" in lowered:
        return "Państwo"
    return "Pani" if lowered == "pani" else "Pan" if lowered.startswith("pan") else word
