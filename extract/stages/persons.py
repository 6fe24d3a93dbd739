"""The NER stage: persons in the signature and addressee blocks, offered to the resolver.

The rule stages read a name when it has a line of its own. This stage reads the blocks as
text, so it also finds names that share a line with something else ("Sekretarz Stanu Jan
Nowak", "Jan Nowak – Dyrektor"). Its candidates carry only the name and a lower
confidence than the rules': the resolver takes them where the rules found no name in the
same block. With a trained model (``PISMO_NER_MODEL``, an installed ``pl_core_news_*``)
the model's persons come first and pismo's Morfeusz names fill the gaps.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from extract import layout, ner
from extract.layout import Segment
from extract.model import Candidate, FieldName
from extract.stages import addressee, signatory
from extract.text import TextView

NAME = "ner.persons"
CONFIDENCE = 0.55


def find(view: TextView) -> Iterator[Candidate]:
    """Name-only candidates: the signature block's last person, the addressee block's first."""
    block, _ = signatory.zone(view)
    last = _persons(view, block)[-1:]
    for start, end, name in last:
        yield _candidate(view, FieldName.SIGNATORY, start, end, name, on_behalf_of=None)
    end_of_head = layout.body_start(view)
    head = layout.segments(view, [line for line in view.lines[:end_of_head] if line.page == 1])
    first = _persons(view, addressee.block_segments(view, head))[:1]
    for start, end, name in first:
        yield _candidate(
            view, FieldName.ADDRESSEE, start, end, name, organization=None, address=None
        )


def _persons(view: TextView, parts: Sequence[Segment]) -> list[tuple[int, int, str]]:
    """Persons in the segments, as (start, end) in the view's text and nominative name."""
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
        if entity.label != ner.PERSON or not entity.nominative:
            continue
        local, origin = max((o for o in offsets if o[0] <= entity.start), key=lambda o: o[0])
        start = origin + entity.start - local
        found.append((start, start + entity.end - entity.start, entity.nominative))
    return found


def _candidate(
    view: TextView, field: FieldName, start: int, end: int, name: str, **empty: None
) -> Candidate:
    return Candidate(
        field,
        {"name": name, "position": None, **empty},
        view.text[start:end],
        CONFIDENCE * view.confidence(start, end),
        view.evidence(start, end),
        NAME,
    )
