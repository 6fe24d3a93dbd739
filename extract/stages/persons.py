"""The NER stage: the persons of the signature and addressee blocks, the letterhead's office.

The rule stages read a name when it has a line of its own. This stage reads the blocks as
text, so it also finds names that share a line with something else ("Sekretarz Stanu Jan
Nowak", "Jan Nowak – Dyrektor"). Its candidates carry only the name and a lower
confidence than the rules': the resolver takes them where the rules found no name in the
same block. With a trained model (``PISMO_NER_MODEL``, an installed ``pl_core_news_*``)
the model's persons come first and pismo's Morfeusz names fill the gaps.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from extract import layout, ner, people
from extract.layout import Segment
from extract.model import Candidate, FieldName
from extract.stages import addressee, signatory
from extract.text import TextView

NAME = "ner.persons"
CONFIDENCE = 0.55
SENDER_CONFIDENCE = 0.5  # under the letterhead rules (0.7-0.8), over nothing
LETTERHEAD_DEPTH = 0.3  # share of the page height the letterhead stays within


def find(view: TextView) -> Iterator[Candidate]:
    """Name-only candidates for the signatory and the addressee; a sender candidate.

    The signature block's last person, the addressee block's first, and the first
    organisation the model sees at the top of page 1 (taken when the letterhead rules read
    nothing, as its confidence is under theirs).
    """
    block, _ = signatory.zone(view)
    for start, end, _, name in _entities(view, block, ner.PERSON)[-1:]:
        yield _candidate(view, FieldName.SIGNATORY, start, end, name, on_behalf_of=None)
    end_of_head = layout.body_start(view)
    head = layout.segments(view, [line for line in view.lines[:end_of_head] if line.page == 1])
    addressee_block = addressee.block_segments(view, head)
    for start, end, _, name in _entities(view, addressee_block, ner.PERSON)[:1]:
        yield _candidate(
            view, FieldName.ADDRESSEE, start, end, name, organization=None, address=None
        )
    top = [
        part
        for part in head
        if part not in addressee_block
        and part.bbox.top < LETTERHEAD_DEPTH * view.lines[part.line].page_height
    ]
    for start, end, _, _ in _entities(view, top, ner.ORGANIZATION)[:1]:
        yield Candidate(
            FieldName.SENDER,
            people.normal_case(" ".join(view.text[start:end].split())),
            view.text[start:end],
            SENDER_CONFIDENCE * view.confidence(start, end),
            view.evidence(start, end),
            NAME,
        )


def _entities(
    view: TextView, parts: Sequence[Segment], label: str
) -> list[tuple[int, int, str, str | None]]:
    """Entities of one label in the segments, as (start, end, label, nominative).

    Offsets are in the view's text; persons without a nominative form are left out.
    """
    if not parts:
        return []
    # One spaCy call per block: the segments joined by newlines, offsets mapped back.
    offsets, pieces, cursor = [], [], 0
    for part in parts:
        offsets.append((cursor, part.start))
        pieces.append(view.text[part.start : part.end])
        cursor += part.end - part.start + 1
    found = []
    for entity in ner.entities("\n".join(pieces)):
        if entity.label != label or (label == ner.PERSON and not entity.nominative):
            continue
        local, origin = max((o for o in offsets if o[0] <= entity.start), key=lambda o: o[0])
        start = origin + entity.start - local
        found.append((start, start + entity.end - entity.start, entity.label, entity.nominative))
    return found


def _candidate(
    view: TextView, field: FieldName, start: int, end: int, name: str | None, **empty: None
) -> Candidate:
    return Candidate(
        field,
        {"name": name, "position": None, **empty},
        view.text[start:end],
        CONFIDENCE * view.confidence(start, end),
        view.evidence(start, end),
        NAME,
    )
