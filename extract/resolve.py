"""The resolver: one value per field from the stages' candidates, the rest kept as alternatives.

Per field the most confident candidate wins; candidates with other values stay in the
output as alternatives (an archivist reviewing a low-confidence field sees what else the
page offered). Two fields are then completed from each other, at a lower confidence,
because letters print each only once: a signature without a title is signed by the
organ in the letterhead ("Wojewoda Opolski" ... "Jan Nowak"), and a letter
without a letterhead is sent by the organ it is signed for or by.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping

import regex

from extract import morph, people
from extract.fields import FIELDS, Addressee, FieldName, SenderParts, Signatory
from extract.model import Candidate, Field
from extract.patterns import ORGAN

MAX_ALTERNATIVES = 3
DERIVED_CONFIDENCE = 0.6


def resolve(candidates: Iterable[Candidate]) -> dict[FieldName, Field]:
    """Choose each field's value and complete the fields that depend on each other."""
    grouped: dict[FieldName, list[Candidate]] = {}
    for candidate in candidates:
        grouped.setdefault(candidate.field, []).append(candidate)
    fields = {spec.name: _choose(spec.name, grouped.get(spec.name, [])) for spec in FIELDS}
    for name in (FieldName.ADDRESSEE, FieldName.SIGNATORY):
        fields[name] = _fill_name(fields[name], grouped.get(name, []))
    fields[FieldName.SIGNATORY] = _signatory_position_from_sender(fields)
    fields[FieldName.SENDER] = _sender_from_signatory(fields)
    fields[FieldName.SENDER] = _sender_organ_from_signatory(fields)
    return fields


def _choose(name: FieldName, candidates: list[Candidate]) -> Field:
    if not candidates:
        return Field.missing(name)
    # A block read by the layout rules (name, title, organ) outranks a bare name the NER
    # stage found; the NER name fills the block's missing name (see _fill_name).
    ranked = sorted(
        candidates, key=lambda c: (c.source.startswith("rules."), c.confidence), reverse=True
    )
    chosen, seen = ranked[0], [ranked[0].value]
    alternatives: list[Candidate] = []
    for candidate in ranked[1:]:
        if candidate.value not in seen and len(alternatives) < MAX_ALTERNATIVES:
            seen.append(candidate.value)
            alternatives.append(candidate)
    return _field(chosen, tuple(alternatives))


def _field(chosen: Candidate, alternatives: tuple[Candidate, ...] = ()) -> Field:
    return Field(
        chosen.field,
        chosen.value,
        chosen.raw,
        chosen.confidence,
        chosen.evidence,
        chosen.source,
        alternatives,
        chosen.parts,
    )


def _fill_name(chosen: Field, candidates: list[Candidate]) -> Field:
    """A block the rules read without a name takes the name another stage found in it.

    "Sekretarz Stanu Jan Nowak" on one line is a title to the line rules and holds a
    person to the NER stage; the person's words then also leave the position.
    """
    value = chosen.value
    if not isinstance(value, Addressee | Signatory) or value.name:
        return chosen
    if isinstance(value, Addressee) and value.per_distribution:
        return chosen
    for candidate in sorted(candidates, key=lambda c: c.confidence, reverse=True):
        found = candidate.value
        name = found.name if isinstance(found, Addressee | Signatory) else None
        if not name or not _inside(candidate, chosen):
            continue
        filled: Addressee | Signatory = dataclasses.replace(
            value, name=name, position=_without(value.position, candidate.raw)
        )
        if isinstance(filled, Addressee):
            filled = dataclasses.replace(
                filled, organization=_without(filled.organization, candidate.raw)
            )
        return Field(
            chosen.name,
            filled,
            chosen.raw,
            min(chosen.confidence, candidate.confidence),
            chosen.evidence,
            f"{chosen.source}+{candidate.source}",
            chosen.alternatives,
        )
    return chosen


def _inside(candidate: Candidate, chosen: Field) -> bool:
    """Whether every box of the candidate lies within the chosen value's boxes."""
    return bool(candidate.evidence) and all(
        any(
            e.page == c.page
            and e.bbox.left >= c.bbox.left
            and e.bbox.right <= c.bbox.right
            and e.bbox.top >= c.bbox.top
            and e.bbox.bottom <= c.bbox.bottom
            for c in chosen.evidence
        )
        for e in candidate.evidence
    )


def _without(text: str | None, printed: str) -> str | None:
    """``text`` without the printed name and the dash or comma that set it apart.

    None (and what is left empty) stays None.
    """
    if not text:
        return text or None
    pattern = rf"\s*[-–,]?\s*{regex.escape(printed)}\s*[-–,]?\s*"
    return regex.sub(pattern, " ", text).strip() or None


def _signatory_position_from_sender(fields: Mapping[FieldName, Field]) -> Field:
    signatory, sender = fields[FieldName.SIGNATORY], fields[FieldName.SENDER]
    value = signatory.value
    if not (isinstance(value, Signatory) and value.name and not value.position):
        return signatory
    organ = sender.value
    if not (isinstance(organ, str) and ORGAN.match(organ) and not value.on_behalf_of):
        return signatory
    return Field(
        signatory.name,
        dataclasses.replace(value, position=organ),
        signatory.raw,
        min(signatory.confidence, DERIVED_CONFIDENCE),
        signatory.evidence + sender.evidence,
        f"{signatory.source}+{sender.source}",
        signatory.alternatives,
    )


def _sender_from_signatory(fields: Mapping[FieldName, Field]) -> Field:
    sender, signatory = fields[FieldName.SENDER], fields[FieldName.SIGNATORY]
    if sender.value is not None or not isinstance(signatory.value, Signatory):
        return sender
    organ = signatory.value.on_behalf_of
    value = morph.organ_nominative(organ) if organ else None
    if value is None:
        position = signatory.value.position
        value = position if position and ORGAN.match(position) else None
    if value is None:
        return sender
    organ = people.normal_case(value)
    return Field(
        FieldName.SENDER,
        organ,
        value,
        min(signatory.confidence, DERIVED_CONFIDENCE),
        signatory.evidence,
        f"derived:{signatory.source}",
        parts=SenderParts(organ=organ),
    )


def _sender_organ_from_signatory(fields: Mapping[FieldName, Field]) -> Field:
    """The sender's organ from the signature's "z up.", when the letterhead prints none.

    "z up. Burmistrza Miasta X" under "Urząd Miasta X": the organ of that office, known
    by the same place; an organ of another body is not taken.
    """
    sender, signatory = fields[FieldName.SENDER], fields[FieldName.SIGNATORY]
    parts, value = sender.parts, signatory.value
    if not isinstance(parts, SenderParts) or parts.organ is not None:
        return sender
    if not (isinstance(value, Signatory) and value.on_behalf_of):
        return sender
    organ = people.normal_case(morph.organ_nominative(value.on_behalf_of))
    office = parts.office or parts.unit or ""
    if not (ORGAN.match(organ) and people.same_body(organ, office)):
        return sender
    return dataclasses.replace(sender, parts=dataclasses.replace(parts, organ=organ))
