"""The truth of a letter, in exactly the format of ``../shared/dev-letters/*.truth.json``."""

from __future__ import annotations

from collections.abc import Sequence

from .compose import compose
from .forms import normalize_reference
from .model import LetterSpec

TRUTH_KEYS = (
    "reference_number", "letter_date", "place", "sender", "addressee", "signatory",
    "distribution_list", "dates", "subject",
)  # fmt: skip


def _join(lines: Sequence[str], sep: str = " ") -> str | None:
    return sep.join(lines) if lines else None


def expected_truth(spec: LetterSpec) -> dict[str, object]:
    """The truth of a letter, in exactly the dev-letters truth format.

    Dates are listed once each in the order of first appearance in the reading order of
    the printed text (the order of ``gt.txt``), the letter and registry-stamp dates included.

    Args:
        spec: The letter.

    Returns:
        A dict with the keys of TRUTH_KEYS, in that order.
    """
    addressee: dict[str, object] | None = None
    if spec.addressee is not None:
        a = spec.addressee
        addressee = {
            "name": a.name, "position": _join(a.position), "organization": _join(a.organization),
            "address": _join(a.address, ", "),
        }  # fmt: skip
        if a.per_distribution:
            addressee["per_distribution"] = True
    signatory = None
    if spec.signatory is not None:
        s = spec.signatory
        signatory = {"name": s.name, "position": _join(s.position), "on_behalf_of": s.on_behalf_of}
    dates: list[str] = []
    for row in compose(spec):
        # At most one block of a row states dates (compose never puts two dated blocks
        # side by side), so the row order is the order of the printed text.
        for block in row.blocks:
            dates.extend(d for d in block.dates if d not in dates)
    return {
        "reference_number": normalize_reference(spec.reference) if spec.reference else None,
        "letter_date": spec.letter_date,
        "place": spec.place,
        "sender": spec.sender,
        "addressee": addressee,
        "signatory": signatory,
        "distribution_list": list(spec.distribution.items) if spec.distribution else [],
        "dates": dates,
        "subject": spec.subject.rstrip(" .") if spec.subject else None,
    }
