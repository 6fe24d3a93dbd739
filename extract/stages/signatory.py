"""The signatory: who signed, in what position, and for whom ("z up.", "w imieniu").

The signature block follows the closing formula ("Z poważaniem", "Z wyrazami szacunku")
and ends where the letter's tail begins (distribution list, "Sprawę prowadzi",
attachments, contact lines). A letter without a closing formula is signed in the short
lines between its last paragraph and the tail. In the block: the organ after "z up." /
"z upoważnienia" / "w imieniu" (``on_behalf_of``, as printed), the person's name
(nominative, titles stripped), and the position lines around the name, title-then-name
or name-then-title. An e-signature caption ("Dokument podpisany przez ...") gives the
name when the block prints none.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

import regex

from extract import layout, people
from extract.layout import Segment
from extract.model import Candidate, FieldName
from extract.text import TextView
from ocr.types import BBox

NAME = "rules.signatory"
_ON_BEHALF = regex.compile(
    r"^\s*(?:z\s+upowa[żz]nienia|z[.,]?\s*up\.?|w\s+imieniu)\s*:?\s*(?P<organ>.*)$",
    regex.IGNORECASE,
)
# "Wojewoda Opolski z up. Jan Nowak"
_ORGAN_THEN_ON_BEHALF = regex.compile(
    r"^\s*(?P<organ>(?-i:\p{Lu}).*?)\s+(?:z\s+upowa[żz]nienia|z[.,]?\s*up\.?)\s+"
    r"(?P<rest>(?-i:\p{Lu}).*)$",
    regex.IGNORECASE,
)
_E_SIGNED_BY = regex.compile(
    r"^\s*(?:dokument\s+)?podpisan[ya]\s+(?:elektronicznie\s+|kwalifikowanym\s+\S+\s+\S+\s+)?"
    r"(?:przez)?\s*:?\s*(?P<rest>[^;]*)",
    regex.IGNORECASE,
)
# Caption lines of e-signatures and signature marks that say nothing of the signer.
_CAPTION = regex.compile(
    r"^\s*(?:signature\s+not\s+verified|signed\s+by|data\s*:|date\s*:|reason\s*:|"
    r"location\s*:|powód\s*:|lokalizacja\s*:|[/(\[]?\s*podpisano|[/(\[]?\s*podpis\b|"
    r"[/(\[]-?[/)\]]|[-.…_/\s]+$|\d{1,3}$|\d{4}[-.]\d\d[-.]\d\d)",
    regex.IGNORECASE,
)
# "/-/ Jan Nowak", "(-) Jan Nowak": the mark of a signature on a copy, before the name.
_COPY_MARK = regex.compile(r"^\s*(?:/-/|\(-\)|\(podpis\)|/podpis/)\s*(?=\S)", regex.IGNORECASE)
# A place-and-date line printed at the end of the letter, above or beside the signature.
_DATE_LINE = regex.compile(
    r"\d{1,2}\s?[.\-/]\s?\d{1,2}\s?[.\-/]\s?\d{2,4}|\d{4}-\d\d-\d\d|\bdnia\b|\b(?:19|20)\d\d\b"
)
MAX_BLOCK = 12
PARAGRAPH_GAP = 0.8  # line heights: a line this close under a sentence continues it
COLUMN_SPLIT = 0.25  # share of the page width between two signers' columns
CLOSING_CONFIDENCE = 0.9
TAIL_CONFIDENCE = 0.75
E_SIGNATURE_CONFIDENCE = 0.8
REPAIRED_NAME = 0.9  # a name that needed an OCR repair is less sure


@dataclass(slots=True)
class _Signature:
    name: str | None = None
    e_signed: str | None = None
    positions: list[str] = field(default_factory=list)
    on_behalf_of: str | None = None
    repaired: bool = False  # the name needed an OCR repair


def find(view: TextView) -> Iterator[Candidate]:
    """The signatory candidate of the letter's closing block."""
    block, confidence = zone(view)
    if not block:
        return
    signature = _parse(view, block)
    name = signature.name or signature.e_signed
    if signature.name is None and signature.e_signed:
        confidence = min(confidence, E_SIGNATURE_CONFIDENCE)
    if signature.repaired:
        confidence *= REPAIRED_NAME
    position = " ".join(signature.positions) or None
    if name is None and position is None:
        return
    value = {"name": name, "position": position, "on_behalf_of": signature.on_behalf_of}
    ocr = min(view.confidence(s.start, s.end) for s in block)
    yield Candidate(
        FieldName.SIGNATORY,
        value,
        "\n".join(view.text[s.start : s.end] for s in block),
        confidence * ocr,
        tuple(e for s in block for e in view.evidence(s.start, s.end)),
        NAME,
    )


def zone(view: TextView) -> tuple[list[Segment], float]:
    """The segments of the signature block and how sure the block is the signature."""
    if "signature" not in view.memo:
        view.memo["signature"] = _find_zone(view)
    return view.memo["signature"]  # type: ignore[return-value]


def _find_zone(view: TextView) -> tuple[list[Segment], float]:
    everything = layout.segments(view, view.lines)
    closing = None
    for index, part in enumerate(everything):
        if layout.CLOSING.match(view.text[part.start : part.end]):
            closing = index
    if closing is not None:
        block = _block_after(view, everything, closing + 1)
        rest = _after_formula(view, everything[closing])
        return _one_column([*rest, *block]), CLOSING_CONFIDENCE
    parts = layout.segments(view, view.lines[layout.body_start(view) :])
    # No closing formula: the first run of block lines after running text that holds a
    # name, a title or "z up.", before the tail begins.
    index = 0
    while index < len(parts):
        text = view.text[parts[index].start : parts[index].end]
        if _furniture(text):
            index += 1
            continue
        if layout.TAIL.match(text) and not layout.is_sentence(text):
            break  # a heading of the tail; a paragraph opening like one (RODO) is body
        if _is_block_line(text) and not _ends_paragraph(view, parts, index):
            block = _block_after(view, parts, index)
            if any(_signs(view.text[p.start : p.end]) for p in block):
                return _one_column(block), TAIL_CONFIDENCE
            index += max(1, len(block))
            continue
        index += 1
    return [], 0.0


def _after_formula(view: TextView, part: Segment) -> list[Segment]:
    """The rest of the closing formula's line ("Z poważaniem, Jan Nowak") as a segment."""
    text = view.text[part.start : part.end]
    found = layout.CLOSING.match(text)
    if found is None or not text[found.end() :].strip():
        return []
    start = part.start + found.end()
    words = view.words_in(start, part.end)
    if not words:
        return []
    box = BBox.enclosing(span.word.bbox for span in words)
    return [dataclasses.replace(part, start=words[0].start, bbox=box)]


def _ends_paragraph(view: TextView, parts: Sequence[Segment], index: int) -> bool:
    """Whether a short capitalised line ends the paragraph above it, not a signature.

    "... przez Przewodniczącego" / "Rady Gminy X.": tight under a sentence, ending in ".".
    """
    text = view.text[parts[index].start : parts[index].end]
    if index == 0 or not text.rstrip().endswith("."):
        return False
    above, part = parts[index - 1], parts[index]
    gap = (part.bbox.top - above.bbox.bottom) / max(1, above.bbox.height)
    return gap < PARAGRAPH_GAP and layout.is_sentence(view.text[above.start : above.end])


def _one_column(block: list[Segment]) -> list[Segment]:
    """One signer's column of a block signed side by side: the right-hand one.

    "Skarbnik Gminy" on the left countersigns; the head of the office signs on the right.
    """
    if len(block) < 2:
        return block
    lefts = sorted({round(p.left_fraction, 1) for p in block})
    if lefts[-1] - lefts[0] < COLUMN_SPLIT:
        return block
    lines = {}
    for part in block:
        lines.setdefault(part.line, []).append(part)
    if not any(len(parts) > 1 for parts in lines.values()):
        return block  # one segment per line: a staggered block, not two columns
    split = (lefts[0] + lefts[-1]) / 2
    return [p for p in block if p.left_fraction >= split]


def _signs(text: str) -> bool:
    """Whether a block line is one a signature has: a name, a title, "z up.", a caption."""
    return bool(
        people.find_name(text)
        or people.line_kind(text) == "position"
        or _ON_BEHALF.match(text)
        or _E_SIGNED_BY.match(text)
    )


def _furniture(text: str) -> bool:
    """Page numbers and footers (an address with contact details) between pages."""
    return bool(
        layout.PAGE_MARK.match(text) or people.CONTACT.search(text) or people.ADDRESS.search(text)
    )


def _is_block_line(text: str) -> bool:
    """A signature-block line: e-signature captions and "z up." count, sentences do not."""
    if _E_SIGNED_BY.match(text) or _ON_BEHALF.match(text) or _CAPTION.match(text):
        return True
    return not (layout.is_sentence(text) or layout.is_prose(text))


def _block_after(view: TextView, parts: Sequence[Segment], first: int) -> list[Segment]:
    block: list[Segment] = []
    for part in parts[first : first + MAX_BLOCK]:
        text = view.text[part.start : part.end]
        if not block and _furniture(text):
            continue  # the page's number and footer between the closing and the signature
        if (
            layout.TAIL.match(text)
            or layout.PAGE_MARK.match(text)
            or people.CONTACT.search(text)
            or people.ADDRESS.search(text)
            or not _is_block_line(text)
        ):
            break
        block.append(part)
    return block


def _parse(view: TextView, zone: Sequence[Segment]) -> _Signature:
    signature = _Signature()
    awaiting_organ = awaiting_e_signed = continuing_organ = False
    for part in zone:
        text = _COPY_MARK.sub("", view.text[part.start : part.end]).strip(" ,;")
        e_signed = _E_SIGNED_BY.match(text)
        if e_signed:
            found = people.find_name(e_signed["rest"].strip(), whole=False)
            signature.e_signed = signature.e_signed or (found.value if found else None)
            awaiting_e_signed = found is None
            continue
        if _CAPTION.match(text) or _DATE_LINE.search(text) or not regex.search(r"\p{L}{2}", text):
            continue
        organ_first = _ORGAN_THEN_ON_BEHALF.match(text)
        if organ_first and signature.on_behalf_of is None:
            signature.on_behalf_of = people.normal_case(organ_first["organ"].strip(" ,"))
            text = organ_first["rest"]
        on_behalf = _ON_BEHALF.match(text)
        if on_behalf and signature.on_behalf_of is None:
            organ = on_behalf["organ"].strip(" ,:")
            signature.on_behalf_of = people.normal_case(organ) if organ else None
            awaiting_organ, continuing_organ = not organ, bool(organ)
            continue
        if continuing_organ and _continues_organ(text):
            signature.on_behalf_of = f"{signature.on_behalf_of} {people.normal_case(text)}"
            continue
        continuing_organ = False
        found = people.find_name(text)
        if found is not None:
            if awaiting_e_signed and signature.e_signed is None:
                signature.e_signed = found.value
                awaiting_e_signed = False
            elif signature.name is None:
                signature.name, signature.repaired = found.value, found.repaired
            continue
        if awaiting_organ:
            signature.on_behalf_of, awaiting_organ = people.normal_case(text), False
            continuing_organ = True
            continue
        if signature.positions and signature.positions[-1].endswith("-"):
            signature.positions[-1] += people.normal_case(text)  # "Szkolno-" / "Przedszkolnego"
        elif _legible(text):
            signature.positions.append(people.normal_case(text))
    return signature


def _legible(text: str) -> bool:
    """Not OCR junk of a stamp or a scribble ("21 1 JA ,"): mostly letters, a real word."""
    visible = [c for c in text if not c.isspace()]
    letters = sum(c.isalpha() for c in visible)
    return letters >= 0.7 * len(visible) and bool(regex.search(r"\p{L}{3,}", text))


def _continues_organ(text: str) -> bool:
    """Whether a line wraps the organ of "z up.": no title or name of its own.

    "z up. Dyrektora Zarządu Dróg" / "Powiatowych w Brzegu" is one organ.
    """
    if people.line_kind(text) is not None or people.find_name(text) is not None:
        return False
    words = regex.findall(r"\p{L}+", text)
    opening = bool(words) and (words[0][:1].isupper() or words[0] in {"w", "we", "i", "do"})
    return opening and not layout.is_sentence(text)
