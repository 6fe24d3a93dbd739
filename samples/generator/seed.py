"""The founding letter: rebuilt from ``../shared`` at generation time, never stored here."""

from __future__ import annotations

import re
from pathlib import Path

from .forms import normalize_reference
from .model import Addressee, Distribution, LetterLayout, LetterSpec, Paragraph, Signatory

LIST_HEADING = re.compile(r"^(Otrzymują|Do wiadomości|Rozdzielnik|Kopia)\s*:?$", re.IGNORECASE)
NUMBERING = re.compile(r"^\s*(?:\d+\s*[.)]|[-–•])\s*")
STAMP_DATE = re.compile(r"^\d{4} -\d{2}- \d{2}$")


def _paragraph_blocks(text: str) -> list[list[str]]:
    blocks = re.split(r"\n\s*\n", text.strip())
    return [[ln.strip() for ln in b.splitlines() if ln.strip()] for b in blocks if b.strip()]


def seed_letter(text: str, truth: dict[str, object]) -> LetterSpec:
    """Rebuild a printable letter from a transcription and its truth file.

    The transcription's blank-line-separated blocks are assigned roles with the help of the
    truth: the block starting with "<place>," is the date line, the block equal to the
    reference is the reference, the block holding the addressee's name is the addressee,
    the one holding the signatory's name (with the title block above it) is the signature,
    the "Otrzymują:" block and what follows is the distribution list (printed from the truth
    when the counts agree, so an OCR-garbled "aa" is printed "a/a"); the blocks between the
    addressee and the signature are the body, the blocks before the date line the letterhead.

    Args:
        text: The transcription (one paragraph per line, blocks separated by blank lines).
        truth: The truth file (dev-letters format).

    Returns:
        A letter spec laid out like a Polish municipal letter.

    Raises:
        ValueError: When the transcription does not match the truth well enough.
    """
    blocks = _paragraph_blocks(text)
    place = str(truth["place"])
    i_date = next(i for i, b in enumerate(blocks) if b[0].startswith(f"{place},"))
    date_text = blocks[i_date][0][len(place) + 1 :].strip()
    ref = truth.get("reference_number")
    i_ref = next((i for i, b in enumerate(blocks) if normalize_reference(" ".join(b)) == ref), -1)
    addr = truth.get("addressee") or {}
    assert isinstance(addr, dict)
    i_addr = next(i for i, b in enumerate(blocks) if addr.get("name") in b)
    name_at = blocks[i_addr].index(str(addr["name"]))
    addressee = Addressee(
        honorific=" ".join(blocks[i_addr][:name_at]) or None, name=str(addr["name"]),
        position=tuple(blocks[i_addr][name_at + 1 :]),
    )  # fmt: skip
    sig = truth.get("signatory") or {}
    assert isinstance(sig, dict)
    i_sig = next(i for i, b in enumerate(blocks) if sig.get("name") in b)
    above = blocks[i_sig - 1]
    title_above = " ".join(above).casefold() == str(sig["position"]).casefold()
    i_sig_start = i_sig - 1 if title_above else i_sig
    i_list = next((i for i, b in enumerate(blocks) if LIST_HEADING.match(b[0])), len(blocks))
    printed_items = [NUMBERING.sub("", ln) for b in blocks[i_list:] for ln in b][1:]
    truth_items = list(truth.get("distribution_list") or [])  # type: ignore[call-overload]  # JSON
    items = truth_items if len(truth_items) == len(printed_items) else printed_items
    body_start = max(i_date, i_ref, i_addr) + 1
    body = tuple(Paragraph(" ".join(b)) for b in blocks[body_start:i_sig_start])
    caps = " ".join(above).isupper()
    signatory = Signatory(
        name=str(sig["name"]), title=None, position=(str(sig["position"]),), closing=None,
        caps=caps, position_first=True,
    )  # fmt: skip
    letterhead = tuple(ln for b in blocks[:i_date] for ln in b)
    return LetterSpec(
        sender=str(truth["sender"]), letterhead=letterhead, place=place,
        letter_date=str(truth["letter_date"]), date_text=date_text,
        date_style="stamp" if STAMP_DATE.match(date_text) else "printed",
        reference=" ".join(blocks[i_ref]) if i_ref >= 0 else None, addressee=addressee,
        body=body, signatory=signatory,
        distribution=Distribution(blocks[i_list][0], tuple(items), "1.") if items else None,
        layout=LetterLayout(
            font_family="liberation-serif", font_pt=12.0, letterhead_align="left",
            header_rule=False, date_position="header_right", addressee_x_mm=92.0,
            justify=True, first_line_indent_mm=10.0, paragraph_gap_mm=2.0, footer_rule=False,
        ),
    )  # fmt: skip


def find_seed(shared: Path | None = None) -> tuple[Path, Path] | None:
    """Locate the founding letter's transcription and truth.

    Args:
        shared: The shared folder; default ``../shared`` next to the repository.

    Returns:
        (transcription, truth) paths, or None when they are absent.
    """
    # samples/generator/seed.py -> the folder holding the repository, where ../shared sits.
    shared = shared or Path(__file__).resolve().parents[3] / "shared"
    texts = sorted((shared / "seed").glob("*.txt")) if (shared / "seed").is_dir() else []
    truth = shared / "dev-letters" / "seed.truth.json"
    if not texts or not truth.is_file():
        return None
    return texts[0], truth
