"""The NER stage: the persons of the signature and addressee blocks, for the resolver.

The rule stages read a name when it has a line of its own. This stage reads the blocks as
text, so it also finds names that share a line with something else ("Sekretarz Stanu Jan
Nowak", "Jan Nowak – Dyrektor"). Its candidates carry only the name and a lower
confidence than the rules': the resolver takes them where the rules found no name in the
same block. With a trained model (``PISMO_NER_MODEL``, an installed ``pl_core_news_*``)
the model's persons come first and pismo's Morfeusz names fill the gaps.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import regex

from extract import morph, ner
from extract.fields import Addressee, FieldName, Signatory
from extract.layout import Layout, Segment
from extract.model import Candidate
from extract.stages import Earlier, Stage
from extract.text import TextView

NAME = "ner.persons"
CONFIDENCE = 0.55


def find(layout: Layout, earlier: Earlier) -> Iterator[Candidate]:
    """Name-only candidates: the signature block's last person, the addressee block's first.

    (Organisations the model finds at the top of page 1 were tried as sender candidates
    for letters whose letterhead the rules cannot read: on the dev letters they replaced a
    right sender taken from the signature with "Rządu", so the stage offers persons only.)
    """
    # The model runs only on blocks whose rule reading has no name: its candidates can
    # only fill a missing name (see extract/resolve.py), and it is the slow part.
    view = layout.view
    if _needs_name(earlier.get(FieldName.SIGNATORY, ())):
        block = layout.signature_zone.parts
        for start, end, _, name in _entities(view, block, ner.PERSON)[-1:]:
            yield _candidate(view, FieldName.SIGNATORY, start, end, Signatory(name=name))
    if _needs_name(earlier.get(FieldName.ADDRESSEE, ())):
        addressee_block = layout.addressee_block.parts if layout.addressee_block else ()
        for start, end, _, name in _entities(view, addressee_block, ner.PERSON)[:1]:
            # The honorific stays unread: the NER stage does not parse the block.
            yield _candidate(view, FieldName.ADDRESSEE, start, end, Addressee(name=name))


STAGE = Stage(
    NAME,
    find,
    produces=frozenset({FieldName.SIGNATORY, FieldName.ADDRESSEE}),
    requires=frozenset({FieldName.SIGNATORY, FieldName.ADDRESSEE}),
)


# A capital initial with its full stop: "J. Nowak" has no first name to look up.
_INITIAL = regex.compile(r"(?<!\p{L})\p{Lu}\.")
_WORD = regex.compile(r"\p{Lu}[\p{L}-]+")


def _may_hold_name(view: TextView, parts: Sequence[Segment]) -> bool:
    """Whether a block has a first name Poles bear, or an initial: else no person is in it.

    Loading the model costs a worker about a second; an institution's block
    ("Spółdzielnia Mieszkaniowa ..., ul. ...") is the commonest block without a name, and
    this look-up in the dictionary spares it.
    """
    for part in parts:
        text = view.text[part.start : part.end]
        if _INITIAL.search(text) or any(morph.is_first_name(w) for w in _WORD.findall(text)):
            return True
    return False


def _needs_name(found: Sequence[Candidate]) -> bool:
    """Whether the rules' reading of a block has no name (and is not "Według rozdzielnika")."""
    if not found:
        return True
    value = found[0].value
    if isinstance(value, Addressee) and value.per_distribution:
        return False
    return not (isinstance(value, Addressee | Signatory) and value.name)


def _entities(
    view: TextView, parts: Sequence[Segment], label: str
) -> list[tuple[int, int, str, str | None]]:
    """Entities of one label in the segments, as (start, end, label, nominative).

    Offsets are in the view's text; persons without a nominative form are left out.
    """
    if not parts or not _may_hold_name(view, parts):
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
    view: TextView, field: FieldName, start: int, end: int, value: Addressee | Signatory
) -> Candidate:
    return Candidate(
        field,
        value,
        view.text[start:end],
        CONFIDENCE * view.confidence(start, end),
        view.evidence(start, end),
        NAME,
    )
