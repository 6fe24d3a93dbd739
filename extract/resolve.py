"""The resolver: one value per field from the stages' candidates, the rest kept as alternatives.

Per field the most confident candidate wins; candidates with other values stay in the
output as alternatives (an archivist reviewing a low-confidence field sees what else the
page offered). Two fields are then completed from each other, at a lower confidence,
because letters print each only once: a signature without a title is signed by the
organ in the letterhead ("Prezes Rady Ministrów" ... "Donald Tusk"), and a letter
without a letterhead is sent by the organ it is signed for or by.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import regex

from extract import morph, people
from extract.model import Candidate, Field, FieldName

MAX_ALTERNATIVES = 3
DERIVED_CONFIDENCE = 0.6
# Organs (one-person authorities) whose title names the sender: "Prezydent Miasta ...",
# "Minister ...", not a deputy's or an official's title ("Zastępca", "Kierownik").
_ORGAN = regex.compile(
    r"^\s*(?:prezydent|burmistrz|w[óo]jt|starost[ay]|marsza[łl]ek|wojewod[ay]|minister|"
    r"prezes|komendant|rektor|dyrektor\s+generaln\w*|rzecznik|g[łl][óo]wny\s+inspektor|"
    r"prokurator|kurator|przewodnicz[ąa]c\w*)\b(?=.*\s\S)",
    regex.IGNORECASE,
)


def resolve(candidates: Iterable[Candidate]) -> dict[FieldName, Field]:
    """Choose each field's value and complete the fields that depend on each other."""
    grouped: dict[FieldName, list[Candidate]] = {}
    for candidate in candidates:
        grouped.setdefault(candidate.field, []).append(candidate)
    fields = {name: _choose(name, grouped.get(name, [])) for name in FieldName}
    fields[FieldName.SIGNATORY] = _signatory_position_from_sender(fields)
    fields[FieldName.SENDER] = _sender_from_signatory(fields)
    return fields


def _choose(name: FieldName, candidates: list[Candidate]) -> Field:
    if not candidates:
        return Field.missing(name)
    ranked = sorted(candidates, key=lambda c: c.confidence, reverse=True)
    chosen, seen, alternatives = ranked[0], [ranked[0].value], []
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


def _signatory_position_from_sender(fields: Mapping[FieldName, Field]) -> Field:
    signatory, sender = fields[FieldName.SIGNATORY], fields[FieldName.SENDER]
    value = signatory.value
    if not (value and value.get("name") and not value.get("position")):
        return signatory
    if not (sender.value and _ORGAN.match(sender.value) and not value.get("on_behalf_of")):
        return signatory
    return Field(
        signatory.name,
        {**value, "position": sender.value},
        signatory.raw,
        min(signatory.confidence, DERIVED_CONFIDENCE),
        signatory.evidence + sender.evidence,
        f"{signatory.source}+{sender.source}",
        signatory.alternatives,
    )


def _sender_from_signatory(fields: Mapping[FieldName, Field]) -> Field:
    sender, signatory = fields[FieldName.SENDER], fields[FieldName.SIGNATORY]
    if sender.value is not None or not signatory.value:
        return sender
    organ = signatory.value.get("on_behalf_of")
    value = morph.organ_nominative(organ) if organ else None
    if value is None:
        position = signatory.value.get("position")
        value = position if position and _ORGAN.match(position) else None
    if value is None:
        return sender
    return Field(
        FieldName.SENDER,
        people.normal_case(value),
        value,
        min(signatory.confidence, DERIVED_CONFIDENCE),
        signatory.evidence,
        f"derived:{signatory.source}",
    )
