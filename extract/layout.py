"""The regions of a letter: where the head ends and the body, the closing and the tail begin.

A Polish official letter runs: letterhead, place and date, reference, addressee block,
subject, salutation, body, closing formula, signature, then the tail (distribution list,
"Sprawę prowadzi", attachments, data-protection clause, footer). The stages for the
addressee, sender and signatory need these boundaries; they are found from conventional
openings and closings (salutations, "W odpowiedzi", "Dotyczy:", "Ad 1", "Z poważaniem")
and from line shapes, never from one office's wording.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache

import regex

from extract import people
from extract.dates import find_dates
from extract.patterns import (
    ADDRESS,
    BODY_START,
    CLOSING,
    CONTACT,
    E_SIGNED_BY,
    ON_BEHALF,
    PAGE_MARK,
    REGISTRY_STAMP,
    SIGNATURE_CAPTION,
    TAIL,
)
from extract.reflow import Reflowed, reflowed
from extract.stamps import StampText, stamps_of
from extract.text import COLUMN_GAP, LineInfo, Span, TextView
from ocr.types import BBox, Mark, OcrDocument, PageSource

_WORDS = regex.compile(r"\p{L}+")
_CLAUSE = regex.compile(r",\s+(?!dnia\b)\p{Ll}{3,}")
PROSE_LENGTH = 75  # characters: a longer line is running text, not a block line
SENTENCE_LENGTH = 40  # characters: a sentence line this long is a paragraph's
PARAGRAPH_LINE = 200  # characters: longer than any printed line, a paragraph kept whole


def _body_start(view: TextView) -> int:
    """Index of the first line of the body on page 1 (the end of the letter's head).

    The body starts at an opening or subject line, or at the first run of running text
    (a long line followed by another long line, as paragraphs are).
    """
    lines = view.lines
    for index, line in enumerate(lines):
        if line.page != 1:
            return index
        text = view.line_text(line)
        if BODY_START.match(text):
            return index
        if _running(text):
            following = lines[index + 1] if index + 1 < len(lines) else None
            if following is None or _running(view.line_text(following)) or _paragraph(text):
                return index
    return len(lines)


def _paragraph(text: str) -> bool:
    """A whole paragraph on one line, as a text file or a PDF's text layer may hold it."""
    return len(text) > PARAGRAPH_LINE and is_sentence(text)


def _running(text: str) -> bool:
    """A line of a paragraph: long prose, or a sentence of some length.

    Contact and address lines of a letterhead ("tel. ..., e-mail: ...") are not.
    """
    if CONTACT.search(text) or ADDRESS.search(text):
        return is_prose(text) and is_sentence(text)
    return is_prose(text) or (len(text) > SENTENCE_LENGTH and is_sentence(text))


def _prose(text: str) -> bool:
    """Running text has mostly lower-case words."""
    words = _WORDS.findall(text)
    lower = sum(1 for w in words if w[:1].islower())
    return len(words) >= 6 and lower >= len(words) / 2


def is_prose(text: str) -> bool:
    """Whether a line is running text rather than a block line (a name, a title)."""
    return len(text) > PROSE_LENGTH and _prose(text)


@dataclass(frozen=True, slots=True)
class Segment:
    """Part of a line standing apart from the rest (a column): its text range and box."""

    start: int
    end: int
    page: int
    line: int  # index into TextView.lines
    bbox: BBox
    page_width: int

    @property
    def left_fraction(self) -> float:
        """Horizontal position of the left edge, 0 (left) to 1 (right)."""
        return self.bbox.left / max(1, self.page_width)


def _line_segments(view: TextView, line: LineInfo) -> list[Segment]:
    spans = view.words_in(line.start, line.end)
    if not spans:
        return []
    found = []
    height = max(1, line.line.bbox.height)
    group = [spans[0]]
    for span in spans[1:]:
        if span.word.bbox.left - group[-1].word.bbox.right > COLUMN_GAP * height:
            found.append(_segment(line, group))
            group = []
        group.append(span)
    found.append(_segment(line, group))
    return found


def _segment(line: LineInfo, group: Sequence[Span]) -> Segment:
    return Segment(
        group[0].start,
        group[-1].end,
        line.page,
        line.index,
        BBox.enclosing(s.word.bbox for s in group),
        line.page_width,
    )


@lru_cache(maxsize=16384)
def is_sentence(text: str) -> bool:
    """Whether a line is running text, however short: mostly lower-case words.

    Block lines (names, titles, office names) capitalise their words; the last line of a
    paragraph ("zostanie rozpatrzony w ustawowym terminie.") does not.
    """
    words = _WORDS.findall(text)
    if words and words[0][:1].islower() and not _LOWER_CASE_OPENING.match(text):
        return True  # a paragraph's last words ("we wniosku.")
    if len(words) < 3:
        return False
    if _CLAUSE.search(text) and sum(c.isdigit() for c in text) < 4:
        return True  # a clause after a comma: "..., uprzejmie wyjaśniam, że"
    lower = sum(1 for w in words if w[:1].islower() and w not in _FUNCTION_WORDS)
    return lower > (len(words) - sum(1 for w in words if w in _FUNCTION_WORDS)) / 2


# Lower-case words that open block lines: titles before a name, "z up.", "p.o.".
_LOWER_CASE_OPENING = regex.compile(
    r"^\s*(?:prof|dr|mgr|in[żz]|lic|lek|adw|r\.\s?pr|ks|p[łl]k|mjr|kpt|gen|bryg|nadkom|insp|"
    r"z\s*up|z\s+upowa|w\s+imieniu|p\.\s?o|pe[łl]ni[ąa]c|podpisan|dokument|sygn|znak|nr|"
    r"ds\.?|d/s)\b|^\s*(?:i|oraz|do\s+spraw|w|we)(?-i:\s+\p{Lu})",
    regex.IGNORECASE,
)
# Words that stay lower-case inside titles and office names ("Minister Rolnictwa i Rozwoju
# Wsi", "Pełnomocnik do spraw ...").
_FUNCTION_WORDS = frozenset(
    {"i", "w", "we", "z", "ze", "do", "na", "dla", "oraz", "o", "od", "po", "przy", "ds", "spraw"}
)


# ------------------------------------------------------------------- the addressee block

# Lines that never belong to an addressee block: registry stamps, dates, references.
_NOT_ADDRESSEE = regex.compile(
    rf"{REGISTRY_STAMP.pattern}|"
    r"\bznak\b|\bsygn|\bdnia\b|\bdn\.|\bnr\s+sprawy|\d{4}\s*r\.|\d+[./]\d+[./]\d+",
    regex.IGNORECASE,
)
# A document's title in capitals under the addressee ("WYSTĄPIENIE POKONTROLNE",
# "ZAŚWIADCZENIE"): where the letter's text begins, not a line of the addressee.
_DOCUMENT_TITLE = regex.compile(
    r"\s*(?:WYSTĄPIENIE|ZAŚWIADCZENIE|DECYZJA|POSTANOWIENIE|ZAWIADOMIENIE|OBWIESZCZENIE|"
    r"INFORMACJA|PROTOKÓŁ|WEZWANIE|UPOWAŻNIENIE|OPINIA|ODPOWIEDŹ|SKARGA|WNIOSEK|"
    r"ZARZĄDZENIE|UCHWAŁA|OGŁOSZENIE|PISMO)\b(?:\s+\p{Lu}+)*\s*$"
)
MAX_ADDRESSEE_LINES = 8
ADDRESSEE_GAP = 1.2  # line heights: a wider gap ends the block
NAME_GAP = 3.0  # ... but a lone honorific's name may stand a blank line or two below it
MAX_BLOCK_LINE = 80  # characters: a longer line is running text, not an addressee's line
RIGHT_HALF = 0.4  # left edge, as a share of the page width, of a right-hand block


@dataclass(frozen=True, slots=True)
class AddresseeBlock:
    """The addressee block of the head and the honorific that opens it (None: none does)."""

    parts: tuple[Segment, ...]
    honorific: str | None
    label: int = 0  # characters of a "Do:" label opening the first part, not the addressee's


def _honorific_block(
    view: TextView, head: Sequence[Segment], *, run_on: bool = False
) -> AddresseeBlock | None:
    for position, part in enumerate(head):
        word, rest = people.honorific(view.text[part.start : part.end])
        if word is None or (rest.strip() and not rest.strip()[:1].isupper()):
            continue
        block = _grow(view, head, position, run_on=run_on)
        if len(block) == 1 and not rest.strip():
            block = _name_below(view, head, position) or block
        return AddresseeBlock(block, word)
    return None


def _name_below(view: TextView, head: Sequence[Segment], position: int) -> tuple[Segment, ...]:
    """A lone "Pan" and the block a blank line below it that starts with a person's name."""
    if position + 1 >= len(head):
        return ()
    honorific, below = head[position], head[position + 1]
    gap = (below.bbox.top - honorific.bbox.bottom) / max(1, honorific.bbox.height)
    aligned = abs(below.left_fraction - honorific.left_fraction) <= 0.1
    if below.page != honorific.page or gap > NAME_GAP or not aligned:
        return ()
    if people.find_name(view.text[below.start : below.end]) is None:
        return ()
    return (honorific, *_grow(view, head, position + 1))


def beside(part: Segment, first: Segment, *, run_on: bool = False) -> bool:
    """Whether ``part`` stands in another column than ``first`` (a tenth of the page apart).

    ``run_on``: the head was one paragraph cut into its parts (``extract.reflow``), which
    follow each other wherever the paragraph wrapped: there are no columns.
    """
    return not run_on and abs(part.left_fraction - first.left_fraction) > COLUMN_SHIFT


COLUMN_SHIFT = 0.1  # share of the page's width


def _grow(
    view: TextView,
    head: Sequence[Segment],
    position: int,
    *,
    strict: bool = True,
    run_on: bool = False,
) -> tuple[Segment, ...]:
    """The block starting at ``head[position]``: close segments in the same column.

    ``strict`` stops at a line that cannot be the addressee's (a stamp line); otherwise it
    is taken in, for the caller to reject the whole block. ``run_on``: the head was one
    paragraph cut into its parts (``extract.reflow``), which follow each other wherever
    the paragraph wrapped: no columns to keep to.
    """
    first = head[position]
    parts = [first]
    for part in head[position + 1 :]:
        if part.page != first.page or beside(part, first, run_on=run_on):
            continue  # another column beside the block
        text = view.text[part.start : part.end]
        previous = parts[-1].bbox
        gap = (part.bbox.top - previous.bottom) / max(1, previous.height)
        if (
            gap > ADDRESSEE_GAP
            or len(parts) >= MAX_ADDRESSEE_LINES
            or (strict and _NOT_ADDRESSEE.search(text))
            or is_prose(text)
            or find_dates(text)  # the place-and-date line right under (or over) the block
            or _DOCUMENT_TITLE.match(text)
        ):
            break
        parts.append(part)
    return tuple(parts)


def _right_block(view: TextView, head: Sequence[Segment]) -> AddresseeBlock | None:
    """The lowest block of short lines on the right of the head (the addressee's place)."""
    blocks: list[tuple[Segment, ...]] = []
    taken: set[int] = set()
    for position, part in enumerate(head):
        text = view.text[part.start : part.end]
        if (
            position in taken
            or part.left_fraction < RIGHT_HALF
            or is_prose(text)
            or find_dates(text)
        ):
            continue
        block = _grow(view, head, position, strict=False)
        blocks.append(block)
        taken.update(head.index(p) for p in block)
    for block in reversed(blocks):
        texts = [view.text[p.start : p.end] for p in block]
        if any(_NOT_ADDRESSEE.search(t) for t in texts):
            continue
        if any(people.find_name(t) or people.line_kind(t) == "organization" for t in texts):
            return AddresseeBlock(block, None)
    return None


# "Do: Prezes Stowarzyszenia X." (a letter sent as, or transcribed from, an e-mail).
_TO_LABEL = regex.compile(r"\s*(?:Do|Adresat)\s*:\s*(?=\S)")


def _labelled_block(view: TextView, head: Sequence[Segment]) -> AddresseeBlock | None:
    """The block a "Do:" label opens."""
    for position, part in enumerate(head):
        found = _TO_LABEL.match(view.text, part.start, part.end)
        if found is not None:
            return AddresseeBlock(_grow(view, head, position), None, found.end() - part.start)
    return None


# "AB.1431.1.2024.JP", "XY/ZW/0123/45/24", "ABC/1234/24": a reference alone on its line.
_REFERENCE_LINE = regex.compile(r"(?=(?:\D*\d){2})[\p{L}\d]+(?:[./-]+[\p{L}\d]+){2,}[.]?")


def _block_after_reference(view: TextView, head: Sequence[Segment]) -> AddresseeBlock | None:
    """The block right under the reference number, when it names an office or a person.

    Letters set flush left put the addressee there, with no honorific ("Fundacja X",
    "Starostowie," / "Wójtowie", "Stowarzyszenie Y" / "ul. ..." / "00-000 Z"). A block of a
    line and its address lines is one too, though its first line names no known kind of
    office.
    """
    for position, part in enumerate(head[:-1]):
        line = view.text[part.start : part.end].strip()
        if not _REFERENCE_LINE.fullmatch(line) or find_dates(line):
            continue
        block = _grow(view, head, position + 1, strict=True)
        texts = [view.text[p.start : p.end] for p in block]
        if any(_NOT_ADDRESSEE.search(t) or find_dates(t) or len(t) > MAX_BLOCK_LINE for t in texts):
            return None
        named = any(
            people.find_name(t) or people.line_kind(t) in {"organization", "position"}
            for t in texts
        )
        addressed = len(texts) > 1 and all(people.line_kind(t) == "address" for t in texts[1:])
        return AddresseeBlock(block, None) if named or addressed else None
    return None


# ------------------------------------------------------------------- the signature zone

MAX_SIGNATURE_LINES = 12
PARAGRAPH_GAP = 0.8  # line heights: a line this close under a sentence continues it
COLUMN_SPLIT = 0.25  # share of the page width between two signers' columns
CLOSING_CONFIDENCE = 0.9  # a block after "Z poważaniem" is the signature
TAIL_CONFIDENCE = 0.75  # a block of name and title lines before the tail


@dataclass(frozen=True, slots=True)
class SignatureZone:
    """The segments of the signature block and how sure the block is the signature."""

    parts: tuple[Segment, ...] = ()
    confidence: float = 0.0


def _signature_zone(layout: Layout) -> SignatureZone:
    view = layout.view
    everything = layout.segments(view.lines)
    closing = None
    for index, part in enumerate(everything):
        if CLOSING.match(view.text[part.start : part.end]):
            closing = index
    if closing is not None:
        block = _block_after(view, everything, closing + 1)
        rest = _after_formula(view, everything[closing])
        return SignatureZone(_one_column([*rest, *block]), CLOSING_CONFIDENCE)
    parts = layout.segments(view.lines[layout.body_start :])
    # No closing formula: the first run of block lines after running text that holds a
    # name, a title or "z up.", before the tail begins.
    index = 0
    while index < len(parts):
        text = view.text[parts[index].start : parts[index].end]
        if _furniture(text):
            index += 1
            continue
        if TAIL.match(text) and not is_sentence(text):
            break  # a heading of the tail; a paragraph opening like one (RODO) is body
        if _is_block_line(text) and not _ends_paragraph(view, parts, index):
            block = _block_after(view, parts, index)
            if any(_signs(view.text[p.start : p.end]) for p in block):
                return SignatureZone(_one_column(block), TAIL_CONFIDENCE)
            index += max(1, len(block))
            continue
        index += 1
    return SignatureZone()


def _after_formula(view: TextView, part: Segment) -> list[Segment]:
    """The rest of the closing formula's line ("Z poważaniem, Jan Nowak") as a segment."""
    text = view.text[part.start : part.end]
    found = CLOSING.match(text)
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
    return gap < PARAGRAPH_GAP and is_sentence(view.text[above.start : above.end])


def _one_column(block: list[Segment]) -> tuple[Segment, ...]:
    """One signer's column of a block signed side by side: the right-hand one.

    "Skarbnik Gminy" on the left countersigns; the head of the office signs on the right.
    """
    if len(block) < 2:
        return tuple(block)
    lefts = sorted({round(p.left_fraction, 1) for p in block})
    if lefts[-1] - lefts[0] < COLUMN_SPLIT:
        return tuple(block)
    lines: dict[int, list[Segment]] = {}
    for part in block:
        lines.setdefault(part.line, []).append(part)
    if not any(len(parts) > 1 for parts in lines.values()):
        return tuple(block)  # one segment per line: a staggered block, not two columns
    split = (lefts[0] + lefts[-1]) / 2
    return tuple(p for p in block if p.left_fraction >= split)


def _signs(text: str) -> bool:
    """Whether a block line is one a signature has: a name, a title, "z up.", a caption."""
    return bool(
        people.find_name(text)
        or people.line_kind(text) == "position"
        or ON_BEHALF.match(text)
        or E_SIGNED_BY.match(text)
    )


def _furniture(text: str) -> bool:
    """Page numbers and footers (an address with contact details) between pages."""
    return bool(PAGE_MARK.match(text) or CONTACT.search(text) or ADDRESS.search(text))


def _is_block_line(text: str) -> bool:
    """A signature-block line: e-signature captions and "z up." count, sentences do not."""
    if E_SIGNED_BY.match(text) or ON_BEHALF.match(text) or SIGNATURE_CAPTION.match(text):
        return True
    return not (is_sentence(text) or is_prose(text))


def _block_after(view: TextView, parts: Sequence[Segment], first: int) -> list[Segment]:
    block: list[Segment] = []
    for part in parts[first : first + MAX_SIGNATURE_LINES]:
        text = view.text[part.start : part.end]
        if not block and _furniture(text):
            continue  # the page's number and footer between the closing and the signature
        if (
            TAIL.match(text)
            or _furniture(text)
            or not _is_block_line(text)
            or _LIST_ITEM.match(text)
        ):
            break
        block.append(part)
    return block


# "1. Wydział ...": a numbered item, never a line of a signature block (a list without a
# heading may follow the signature directly).
_LIST_ITEM = regex.compile(r"\s*\d{1,2}\s?[.)]\s*\p{L}")


# ------------------------------------------------------------------------ per document


class Layout:
    """One letter's text view and its layout analyses, each computed once, on first use.

    The stages share these: the addressee, sender and NER stages read the same head and
    addressee block, the signatory and NER stages the same signature zone.
    """

    def __init__(
        self,
        view: TextView,
        stamps: tuple[StampText, ...] = (),
        marks: tuple[tuple[int, Mark], ...] = (),
        born_digital: bool = False,
        reflow: Reflowed | None = None,
    ) -> None:
        self.view = view
        self.stamps = stamps  # read apart from the text: not in ``view``
        self.marks = marks  # (page, mark): coloured strokes, no text (signatures)
        self.born_digital = born_digital  # every page is a PDF's text layer, no image at all
        # Page 1's head ran on in one paragraph and was cut into its parts (``view`` holds
        # the cut lines); the cutting also found the body's first word.
        self.run_on = reflow is not None
        self._body_word = reflow.body if reflow is not None else None
        self._segments: dict[int, tuple[Segment, ...]] = {}

    @classmethod
    def of(cls, document: OcrDocument) -> Layout:
        """The layout of an OCR'd document, with its stamps and marks.

        A letter whose head ran on in one paragraph has its lines cut at the head's parts.
        """
        cut = reflowed(document)
        if cut is not None:
            document = cut.document
        marks = tuple((page.number, mark) for page in document.pages for mark in page.marks)
        born_digital = all(page.source is PageSource.TEXT_LAYER for page in document.pages)
        return cls(TextView(document), stamps_of(document), marks, born_digital, cut)

    def segments(self, lines: Sequence[LineInfo]) -> list[Segment]:
        """The lines cut into columns where their words stand far apart.

        A registry stamp and the addressee block printed side by side come out of OCR as
        one line, and are two columns.
        """
        found: list[Segment] = []
        for line in lines:
            if line.index not in self._segments:
                self._segments[line.index] = tuple(_line_segments(self.view, line))
            found.extend(self._segments[line.index])
        return found

    @cached_property
    def body_start(self) -> int:
        """Index of the first line of the body on page 1 (the end of the letter's head)."""
        start = _body_start(self.view)
        if self._body_word is None:
            return start
        for index, line in enumerate(self.view.lines[:start]):
            first = self.view.words_in(line.start, line.start + 1)
            if first and first[0].word is self._body_word:
                return index  # the run-on head's cutting found the body here
        return start

    @cached_property
    def head(self) -> tuple[Segment, ...]:
        """The segments of page 1 above the body: letterhead, date, reference, addressee."""
        lines = self.view.lines[: self.body_start]
        return tuple(self.segments([line for line in lines if line.page == 1]))

    @cached_property
    def addressee_block(self) -> AddresseeBlock | None:
        """The addressee's block: the one an honorific opens, else on the right, else flush left.

        Flush left, it is the block right under the reference number.
        """
        return (
            _honorific_block(self.view, self.head, run_on=self.run_on)
            or _labelled_block(self.view, self.head)
            or _right_block(self.view, self.head)
            or _block_after_reference(self.view, self.head)
        )

    @cached_property
    def signature_zone(self) -> SignatureZone:
        """The signature block: after the closing formula, or before the letter's tail."""
        return _signature_zone(self)
