"""The field catalogue: every field of the output contract, its typed value, once.

A field is declared here and found by its stage; everything else reads this table: the
resolver (:mod:`extract.model`), the JSON Schema (:mod:`extract.contract`), the scoring
(:mod:`extract.evaluate`), the batch index (:mod:`batch.index`), the review page and ALTO
(:mod:`outputs`). Adding a field means a :class:`FieldSpec` here and a stage that proposes
candidates for it; nothing else.

Values are frozen dataclasses, never dicts: a stage builds ``Signatory(name=...)`` and only
:func:`to_json` turns it into the JSON of the contract.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum, StrEnum
from typing import Any, Literal


class FieldName(StrEnum):
    """The fields of the output contract, in output order."""

    REFERENCE = "reference_number"
    LETTER_DATE = "letter_date"
    PLACE = "place"
    SENDER = "sender"
    ADDRESSEE = "addressee"
    SIGNATORY = "signatory"
    DISTRIBUTION = "distribution_list"
    DATES = "dates"
    SUBJECT = "subject"
    RECEIVED = "received"


# A date of the contract: ISO, with or without the day.
ISO_DATE = r"^\d{4}-\d{2}(-\d{2})?$"


class _Unread(Enum):
    UNREAD = "unread"


# The addressee's honorific when no block line was read for one ("Według rozdzielnika", a
# name only the NER stage found): the JSON then has no "honorific" key at all, as schema
# 1.0 has always written it.
UNREAD = _Unread.UNREAD


class _Record:
    """A value record: its JSON has its fields in order, keyed by name or ``json`` metadata."""

    __slots__ = ()

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        fields = dataclasses.fields(self)  # type: ignore[arg-type]  # every record is a dataclass
        return {f.metadata.get("json", f.name): getattr(self, f.name) for f in fields}


@dataclass(frozen=True, slots=True)
class ReferenceParts(_Record):
    """A reference number split by the office-manual pattern: unit, JRWA class, case, year."""

    unit: str
    jrwa: str
    case: str
    year: int
    initials: str | None = None


@dataclass(frozen=True, slots=True)
class SenderParts(_Record):
    """Who sent the letter, by level: the organ, its office, the office's unit.

    "Marszałek Województwa Lubuskiego", "Urząd Marszałkowski Województwa Lubuskiego",
    "Departament Rolnictwa": what an archive catalogues as the creator, at each level,
    from the letterhead, the signature's "z up.", a header stamp and the footer.
    """

    organ: str | None = None
    office: str | None = None
    unit: str | None = None


@dataclass(frozen=True, slots=True)
class Addressee(_Record):
    """Who the letter is addressed to; ``per_distribution``: "Według rozdzielnika"."""

    name: str | None = None
    honorific: str | None | Literal[_Unread.UNREAD] = UNREAD
    position: str | None = None
    organization: str | None = None
    address: str | None = None
    per_distribution: bool = False

    def to_dict(self) -> dict[str, Any]:
        """JSON form, keys in contract order; ``per_distribution`` only when it holds."""
        data: dict[str, Any] = {"name": self.name}
        if self.honorific is not UNREAD:
            data["honorific"] = self.honorific
        data.update(position=self.position, organization=self.organization, address=self.address)
        if self.per_distribution:
            data["per_distribution"] = True
        return data


class SignatureKind(StrEnum):
    """How a letter was signed."""

    HANDWRITTEN = "handwritten"  # ink strokes at the signature (over a name stamp or not)
    ELECTRONIC = "electronic"  # an e-signature caption or "podpisano elektronicznie"
    STAMP_ONLY = "stamp-only"  # a name stamp, nothing drawn across it
    NONE = "none"  # a born-digital letter with no signature of any kind


@dataclass(frozen=True, slots=True)
class Signatory(_Record):
    """Who signed, in what position, and for whom (``z up.``, ``w imieniu``, as printed).

    ``signature`` is how the letter was signed, a :class:`SignatureKind` value, or None when
    the page does not show it (a grey scan, a transcription): an archivist tells a signed
    original from a copy by it.
    """

    name: str | None = None
    position: str | None = None
    on_behalf_of: str | None = None
    signature: str | None = field(
        default=None, metadata={"enum": (*(k.value for k in SignatureKind), None)}
    )


@dataclass(frozen=True, slots=True)
class DistributionEntry(_Record):
    """One recipient of the distribution list and the heading it stood under."""

    recipient: str
    # "Otrzymują", "Do wiadomości"...; "list" in the JSON (a builtin's name in Python).
    heading: str = field(metadata={"json": "list"})


@dataclass(frozen=True, slots=True)
class DateMention(_Record):
    """A calendar date the letter states: ISO (``YYYY-MM-DD`` or ``YYYY-MM``) and as printed."""

    date: str = field(metadata={"pattern": ISO_DATE})
    raw: str


@dataclass(frozen=True, slots=True)
class Received(_Record):
    """The receiving office's registry stamp: when the letter came in, under what number.

    What an archivist records as "data wpływu" and the registry number (``L.dz.``); the
    date is never the letter's date.
    """

    date: str | None = field(default=None, metadata={"pattern": ISO_DATE})
    number: str | None = None
    office: str | None = None


Record = Addressee | Signatory | DistributionEntry | DateMention | Received
# What a field holds: text, one record, or a list of records (a tuple: values are frozen).
FieldValue = (
    str | Addressee | Signatory | Received | tuple[DistributionEntry, ...] | tuple[DateMention, ...]
)


def to_json(value: FieldValue | None) -> Any:
    """The JSON form of a field value (None stays None)."""
    if isinstance(value, tuple):
        return [item.to_dict() for item in value]
    if isinstance(value, _Record):
        return value.to_dict()
    return value


class Scoring(StrEnum):
    """How ``pismo evaluate`` scores a field against a truth file."""

    EXACT = "exact"  # normalised exact match, counted in the overall figure
    INFORMATIONAL = "informational"  # scored, reported, left out of the overall figure
    PARTS = "parts"  # a record scored by its parts (FieldSpec.scored_parts)
    LIST = "list"  # F1 of the list's items (FieldSpec.item_key)


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One field of the contract: its value, how it is shown, indexed and scored."""

    name: FieldName
    value_type: type[str] | type[Record]  # the value, or each item of a list field
    label: str  # Polish column heading (review page)
    description: str  # the schema's description of the value
    many: bool = False  # a list: "not found" is [] rather than null
    indexed: bool = False  # a column of index.jsonl / index.csv
    optional: bool = False  # a letter may rightly have none: its absence is no problem
    column: bool = True  # a column of the review page's table
    scoring: Scoring = Scoring.EXACT
    scored_parts: tuple[str, ...] = ()  # Scoring.PARTS: the parts compared
    item_key: str | None = None  # Scoring.LIST: the item's key compared
    pattern: str | None = None  # a text value's shape, for the schema
    parts: type[ReferenceParts] | type[SenderParts] | None = None  # a value's structure


FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec(
        FieldName.REFERENCE,
        str,
        "Znak sprawy",
        "the sender's own reference number (znak sprawy), whitespace removed",
        indexed=True,
        parts=ReferenceParts,
    ),
    FieldSpec(
        FieldName.LETTER_DATE,
        str,
        "Data",
        "the date of the letter, ISO (YYYY-MM-DD, or YYYY-MM without a day)",
        indexed=True,
        pattern=ISO_DATE,
    ),
    FieldSpec(
        FieldName.PLACE,
        str,
        "Miejscowość",
        "the place of the place-and-date line, nominative",
        indexed=True,
    ),
    FieldSpec(
        FieldName.SENDER,
        str,
        "Nadawca",
        "the issuing organ or office as the letterhead prints it",
        indexed=True,
        scoring=Scoring.INFORMATIONAL,
        parts=SenderParts,
    ),
    FieldSpec(
        FieldName.ADDRESSEE,
        Addressee,
        "Adresat",
        "the addressee block: name (nominative), honorific, position, organisation, address",
        scoring=Scoring.PARTS,
        scored_parts=("name", "position", "organization"),
    ),
    FieldSpec(
        FieldName.SIGNATORY,
        Signatory,
        "Podpisał",
        "who signed: name (nominative), position, the organ after z up. / w imieniu, and how "
        "(handwritten, electronic, stamp-only, none)",
        scoring=Scoring.PARTS,
        scored_parts=("name", "position", "on_behalf_of"),
    ),
    FieldSpec(
        FieldName.DISTRIBUTION,
        DistributionEntry,
        "Otrzymują",
        "the recipients of the distribution list, in order, with their heading",
        many=True,
        optional=True,
        scoring=Scoring.LIST,
        item_key="recipient",
    ),
    FieldSpec(
        FieldName.DATES,
        DateMention,
        "Daty",
        "every calendar date the text states, ISO, once each, in order of first mention",
        many=True,
        column=False,
        scoring=Scoring.LIST,
        item_key="date",
    ),
    FieldSpec(
        FieldName.SUBJECT,
        str,
        "Dotyczy",
        "the subject line (Dotyczy:, Sprawa:, W sprawie:)",
        optional=True,
        scoring=Scoring.INFORMATIONAL,
    ),
    FieldSpec(
        FieldName.RECEIVED,
        Received,
        "Wpłynęło",
        "the receiving office's registry stamp: date received (ISO), registry number, office",
        indexed=True,
        optional=True,
        scoring=Scoring.PARTS,
        scored_parts=("date", "number"),
    ),
)
SPECS: Mapping[FieldName, FieldSpec] = {spec.name: spec for spec in FIELDS}
INDEXED: tuple[FieldName, ...] = tuple(spec.name for spec in FIELDS if spec.indexed)


def value_text(value: Any, *, labelled: bool = False) -> str:
    """A field's JSON value as a cataloguer reads it, for the review page and ALTO.

    Records read ``Jan Nowak, Wójt Gminy`` (the review page) or, ``labelled``,
    ``name: Jan Nowak; position: Wójt Gminy`` (ALTO's tag descriptions); list items are
    joined by ``; `` (or `` | ``, labelled). Empty parts are left out.
    """
    if isinstance(value, Mapping):
        if labelled:
            shown = (f"{k}: {value_text(v, labelled=True)}" for k, v in value.items() if _shown(v))
            return "; ".join(shown)
        if value.get("per_distribution"):
            return "według rozdzielnika"
        items = (v for k, v in value.items() if k != "per_distribution")
        return ", ".join(str(v) for v in items if v not in (None, "", [], {}))
    if isinstance(value, list):
        return (" | " if labelled else "; ").join(value_text(v, labelled=labelled) for v in value)
    return "" if value is None else str(value)


def _shown(item: Any) -> bool:
    return item not in (None, "")
