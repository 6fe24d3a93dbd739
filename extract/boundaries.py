"""Where the letters of a scanner's batch begin: page cues, read by Polish letter conventions.

A production scanner writes a stack of letters as one file. Each page is looked at on its
own (:func:`cues_of`) and then against the page before it (:func:`letters`):

* a letter's **first page** carries its head: the place-and-date line, the reference
  number, the addressee's block, a letterhead or the sender, all near its top. These are
  the fields the extraction finds on the page read as a one-page letter, and only when
  it is sure of them (the rules that read them were measured on letters of many offices);
* a **later page** says so: its page number (``Strona 2 z 3``, ``- 2 -``, ``2/3``), the
  page number of the page before it (``Strona 1 z 2``), an attachment's heading at its top
  (``Załącznik nr 1``: it stays with the letter before it), a first line that goes on
  with a sentence in lower case or is a line of a paragraph, a letter's tail at its top
  (``Otrzymują:``), a closing in its upper half with no reference or addressee above it
  (a last page), or nothing at all (a blank page, a duplex back); a strong head naming a
  reference or an addressee outweighs its first line;
* a page **ends** a letter with its signature's closing or the distribution list
  (``Otrzymują:``): a head after such a page needs less to be believed.

A page starts a letter when nothing says it goes on and its head is clear (the head
fields' confidences add up to :data:`CLEAR_HEAD`), or shows after a page that ended a
letter. The first page always does.

A batch with **separator sheets** is cut at them alone (:func:`cut`): a page with a
patch code (any of the six; archives use Patch T or 2), a barcode or a QR code with
little else on it, or, with ``blank``, a blank sheet between letters. The sheets, and
the blank back of a sheet, belong to no letter.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

import regex

from extract import extract
from extract.fields import FieldName
from extract.patterns import (
    ADDRESS,
    BODY_START,
    CLOSING,
    LIST_HEADING,
    ON_BEHALF,
    ORGAN,
    ORGANIZATION,
    POSITION,
    TAIL,
)
from ocr.types import Code, OcrDocument, OcrPage

# A page with fewer words than this is blank (a duplex back, a scanner's speck or two).
BLANK_WORDS = 3
# A page with a barcode or a QR code and fewer words than this is a separator sheet (a
# letter's page may carry a registry barcode, but also a letter's text) ...
SEPARATOR_WORDS = 15
# ... as is a near-empty page whose code says so, whatever else it prints.
_SEPARATOR_TEXT = regex.compile(r"separator|patch|rozdziel|przekładk", regex.IGNORECASE)
# The head fields, found on a page read as a letter of its own, count by the extraction's
# confidence in them, and only when read in the page's upper part (a place and date at a
# letter's end, a reference quoted in its body, stand lower).
HEAD_FIELDS = (
    FieldName.LETTER_DATE,
    FieldName.PLACE,
    FieldName.REFERENCE,
    FieldName.ADDRESSEE,
    FieldName.SENDER,
)
HEAD_SHARE = 0.45  # of the page's height, from its top
# A letterhead among a page's first lines (an office, an organ's title, its address) and
# a salutation or subject line in its upper part add to a head: a later page of a letter
# opens with its text going on.
LETTERHEAD = 0.5
OPENING = 0.5
CLEAR_HEAD = 1.5  # summed confidences a page's head needs to start a letter ...
HEAD_AFTER_END = 0.5  # ... or after a page that ended one
PROSE_HEAD = 2.5  # ... or opening with a line of prose (a letter copied into one line)
EDGE_LINES = 3  # lines at a page's top and bottom where page numbers and headings stand
TAIL_SHARE = 0.5  # of a page's lines, from its end: where a closing or a list ends a letter

_PAGE_NUMBER = regex.compile(
    r"^\s*(?:(?:strona|str\.?|s\.)\s*(?P<k>\d{1,3})(?:\s*(?:z|/|na)\s*(?P<n>\d{1,3}))?"
    r"|[-–—]\s*(?P<k2>\d{1,3})\s*[-–—]|(?P<k3>\d{1,3})\s*/\s*(?P<n3>\d{1,3}))\s*$",
    regex.IGNORECASE,
)
# An attachment's heading: "Załącznik nr 1", or the data-protection notice (RODO clause)
# an office adds to a letter that collects personal data.
_ATTACHMENT = regex.compile(
    r"^\s*(?:za[łl][ąa]cznik(?:\s+(?:nr|numer)\b|\s*\d|\s*do\b|\s*$)"
    r"|klauzula\s+informacyjna|informacja\s+o\s+przetwarzaniu\s+danych"
    r"|obowi[ąa]zek\s+informacyjny|(?:klauzula\s+)?rodo\b)",
    regex.IGNORECASE,
)
# A line that goes on with a sentence: it opens with a word in lower case (a long one may
# end the sentence: "komunalnej."), or an e-mail address cut at the page's end
# ("i.nowak@..."); not with an item's letter ("a)", "b."), an abbreviation or a label
# ("ul.", "tel.", "dot.:", "znak sprawy:", "nasz znak:"), a web address, or a speck.
_GOES_ON = regex.compile(r"^\s*(?:\p{Ll}{2,}(?![.:\p{L}])|\p{Ll}{5,}[.:]|\S*@)")
_LABEL_WORDS = regex.compile(
    r"^\s*(?:nasz|wasz|znak|sygn|nr|numer|dot|dotyczy|ul|al|pl|os|tel|fax|www|e-?mail)\b",
    regex.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class PageCues:
    """What one page says of its place in a letter."""

    number: int
    blank: bool = False
    page_number: int | None = None  # its own, as printed ("Strona 2 z 3": 2)
    page_count: int | None = None  # the letter's pages, when printed with it (3)
    attachment: bool = False  # an attachment's heading opens it
    goes_on: bool = False  # its first line continues a sentence
    prose: bool = False  # its first line is a paragraph's (see _prose)
    tail: bool = False  # it opens with a letter's tail: "Otrzymują:", "Sprawę prowadzi"...
    head: float = 0.0  # how clearly its top is a letter's head (see _head)
    anchored: bool = False  # its head names a reference number or an addressee
    closes: bool = False  # a closing formula in its upper half
    ends: bool = False  # a closing or a distribution list in its lower part
    sheet: str | None = None  # a separator sheet: what it is ("patch code T", "QRCode ...")


@dataclass(frozen=True, slots=True)
class Letter:
    """One letter of a batch: its pages (numbers in the file) and why it starts there."""

    first: int
    last: int
    why: str

    @property
    def pages(self) -> range:
        """The letter's page numbers in the file."""
        return range(self.first, self.last + 1)


@dataclass(frozen=True, slots=True)
class LeftOut:
    """A page of no letter: a separator sheet, its blank back, a blank sheet between letters."""

    page: int
    why: str


@dataclass(frozen=True, slots=True)
class Cut:
    """An input's letters, in order, and the pages between them that belong to none."""

    letters: tuple[Letter, ...]
    left_out: tuple[LeftOut, ...] = ()


def cut(
    document: OcrDocument, *, content: bool = True, separators: bool = True, blank: bool = False
) -> Cut:
    """Where an input's letters are: at its separator sheets, else by their pages' content.

    Args:
        document: An input's pages, read.
        content: Cut by the pages' content (:func:`letters`) when it has no separator sheet.
        separators: Cut at separator sheets (patch codes, barcodes, QR codes) when it has any.
        blank: Cut at blank sheets instead (a simplex scan's blank page; a duplex scan's
            two blank sides).
    """
    if not document.pages:
        return Cut(())
    cues = [cues_of(document, page, heads=content and not blank) for page in document.pages]
    if blank:
        return _by_sheets(cues, _blank_sheets(cues))
    if separators and any(page.sheet for page in cues):
        return _by_sheets(cues, {page.number: page.sheet for page in cues if page.sheet})
    if content:
        return Cut(_letters_of(cues))
    return Cut((Letter(1, len(cues), "first page"),))


def letters(document: OcrDocument) -> tuple[Letter, ...]:
    """The letters of a document by their pages' content, in order; every page is in one.

    Args:
        document: A batch's pages, read.
    """
    if not document.pages:
        return ()
    return _letters_of([cues_of(document, page) for page in document.pages])


def _letters_of(cues: Sequence[PageCues]) -> tuple[Letter, ...]:
    found: list[Letter] = []
    first, why = cues[0].number, "first page"
    before = cues[0]  # the last page with text: a blank back says nothing of the next
    for page in cues[1:]:
        starts = starts_letter(page, before)
        if before.blank:  # only blank pages so far (a separator, a back): no letter yet
            why = starts or why
        elif starts is not None:
            found.append(Letter(first, page.number - 1, why))
            first, why = page.number, starts
        if not page.blank:
            before = page
    found.append(Letter(first, cues[-1].number, why))
    return tuple(found)


def starts_letter(page: PageCues, before: PageCues) -> str | None:
    """Why ``page`` starts a letter, or None when it goes on with the one before it."""
    if page.blank or page.attachment:
        return None
    if page.page_number is not None and page.page_number > 1:
        return None
    if before.page_count is not None and (before.page_number or 0) < before.page_count:
        return None  # "Strona 1 z 2" before it: this is page 2, its number unread
    if page.page_number == 1:
        return "page number 1"
    if page.goes_on or page.tail:
        # Unless a strong head names a reference or an addressee: a first page, whatever
        # speck or label its first line opens with.
        return f"its head ({page.head:.2f})" if page.anchored and page.head >= PROSE_HEAD else None
    if page.closes and not page.anchored:
        return None  # a letter's last page: its end (place, date, closing) at the top
    if page.prose and page.head < PROSE_HEAD:
        return None  # a paragraph going on; a date and signature lower down are its end
    if page.head >= CLEAR_HEAD:
        return f"its head ({page.head:.2f})"
    if page.head >= HEAD_AFTER_END and before.ends:
        return "a head field after a letter's end"
    return None


def _by_sheets(cues: Sequence[PageCues], sheets: dict[int, str]) -> Cut:
    """Letters between separator sheets: a sheet ends one, the next page with text starts one.

    Blank pages after a sheet (its back, a second blank side) belong to no letter; those
    after a letter's page are its backs.
    """
    found: list[Letter] = []
    left_out: list[LeftOut] = []
    first: int | None = None
    why = "first page"
    for page in cues:
        sheet = sheets.get(page.number)
        if sheet is not None:
            if first is not None:
                found.append(Letter(first, page.number - 1, why))
                first, why = None, f"after a {sheet}"
            left_out.append(LeftOut(page.number, sheet))
        elif first is None and page.blank:
            after = "after a separator sheet" if left_out else "before the first letter"
            left_out.append(LeftOut(page.number, f"blank page {after}"))
        elif first is None:
            first = page.number
    if first is not None:
        found.append(Letter(first, cues[-1].number, why))
    return Cut(tuple(found), tuple(left_out))


def _blank_sheets(cues: Sequence[PageCues]) -> dict[int, str]:
    """The pages of blank sheets between letters.

    In a simplex scan a blank page is one. In a duplex scan a page printed on one side
    has a blank back, so only two blank sides in a row are (a letter's last back before
    them stays its own). A scan is taken as duplex when it shows both: lone blank pages
    on even pages only (backs), and a run of two or more (a blank sheet).
    """
    runs: list[list[int]] = []
    for page in cues:
        if page.blank and runs and runs[-1][-1] == page.number - 1:
            runs[-1].append(page.number)
        elif page.blank:
            runs.append([page.number])
    lone = [run[0] for run in runs if len(run) == 1]
    duplex = all(number % 2 == 0 for number in lone) and any(len(run) >= 2 for run in runs)
    if not duplex:
        return {number: "blank sheet" for run in runs for number in run}
    sheets = [run[run[0] % 2 == 0 :] for run in runs if len(run) >= 2]  # a back stays
    return {number: "blank sheet" for run in sheets for number in run}


def cues_of(document: OcrDocument, page: OcrPage, *, heads: bool = True) -> PageCues:
    """The cues of one page of a document (``heads``: with its head, read by extraction)."""
    texts = [line.text for line in page.lines if line.text.strip()]
    words = sum(len(regex.findall(r"\p{L}{2,}", text)) for text in texts)
    sheet = _separator(page.codes, words)
    if sheet is not None:
        return PageCues(page.number, blank=words < BLANK_WORDS, sheet=sheet)
    if words < BLANK_WORDS:
        return PageCues(page.number, blank=True)
    number, count = _page_number(texts[:EDGE_LINES] + texts[-EDGE_LINES:])
    head, anchored = _head(document, page) if heads else (0.0, False)
    body = [text for text in texts if not _PAGE_NUMBER.match(text)]
    lower = body[int(len(body) * (1 - TAIL_SHARE)) :]
    return PageCues(
        page.number,
        page_number=number,
        page_count=count,
        attachment=any(_ATTACHMENT.match(text) for text in body[:EDGE_LINES]),
        goes_on=bool(body) and _goes_on(body[0]),
        prose=bool(body) and _prose(body[0]),
        tail=bool(body) and bool(TAIL.match(body[0]) or LIST_HEADING.fullmatch(body[0])),
        head=head,
        anchored=anchored,
        closes=any(CLOSING.match(text) for text in body[: len(body) // 2 + 1]),
        ends=any(_ends(text) for text in lower),
    )


def _separator(codes: Sequence[Code], words: int) -> str | None:
    """What makes a page a separator sheet, or None: its patch code, or its barcode."""
    for code in codes:
        if code.kind == "patch":
            return f"patch code {code.text}"
    for code in codes:
        if words < SEPARATOR_WORDS or _SEPARATOR_TEXT.search(code.text):
            return f"{code.kind} {code.text[:40]!r}"
    return None


def _goes_on(text: str) -> bool:
    """A page's first line that continues a sentence (see :data:`_GOES_ON`)."""
    return bool(_GOES_ON.match(text)) and not _LABEL_WORDS.match(text)


def _prose(text: str) -> bool:
    """A page's first line that is a line of a paragraph, not a head's or an opening's.

    A letter's first page opens with its head (a letterhead, a place and date, an
    addressee) or its first words ("W odpowiedzi na ...", "Szanowni Państwo"); a later
    page often opens with a whole line of a paragraph going on.
    """
    words = regex.findall(r"\p{L}+", text)
    return (
        len(words) >= PROSE_WORDS
        and not _letterhead(text)
        and not _FIRST_WORDS.match(text)
        and not _OPENING.match(text)
    )


# Words only a letter's first paragraph opens with (other openings, "Zgodnie z ...",
# "Informacja ...", start later paragraphs as well).
_FIRST_WORDS = regex.compile(
    r"^\s*(?:dzie[ńn]\s+dobry|w\s+odpowiedzi|odpowiadaj[ąa]c|w\s+nawi[ąa]zaniu|nawi[ąa]zuj[ąa]c)",
    regex.IGNORECASE,
)


PROSE_WORDS = 7  # a line this long that is no head element is a paragraph's


def _ends(text: str) -> bool:
    """A line of a letter's end: its closing, a signature's position, the distribution list."""
    if CLOSING.match(text) or LIST_HEADING.fullmatch(text) or ON_BEHALF.match(text):
        return True
    return bool(POSITION.match(text)) and len(text.split()) <= SIGNATURE_WORDS


SIGNATURE_WORDS = 6  # a position line under a signature; a longer one is a sentence


def _page_number(texts: Sequence[str]) -> tuple[int | None, int | None]:
    for text in texts:
        found = _PAGE_NUMBER.match(text)
        if found is None:
            continue
        number = int(found["k"] or found["k2"] or found["k3"])
        count = found["n"] or found["n3"]
        if count is None or number <= int(count):
            return number, int(count) if count else None
    return None, None


def _head(document: OcrDocument, page: OcrPage) -> tuple[float, bool]:
    """How clearly the page's top is a letter's head, and whether it names whom and what.

    The head fields' summed confidence: the page is read as a letter of its own; a field
    counts when its evidence stands in the upper :data:`HEAD_SHARE` of the page. The
    second answer: a reference number or an addressee is among them (a last page holds
    a place and date, a signature and its sender, but not these).
    """
    # Numbered 1: the rules read a letter's head on its first page only.
    first = dataclasses.replace(page, number=1)
    alone = OcrDocument(document.source, (first,), document.engine, document.lang)
    fields = extract(alone).fields
    limit = HEAD_SHARE * page.height
    sure = {
        name: found.confidence
        for name in HEAD_FIELDS
        if (found := fields.get(name)) is not None
        and found.value
        and found.evidence
        and found.evidence[0].bbox.top <= limit
    }
    # The place and the date are one line (the last page's, on a letter dated at its end).
    dated = max(sure.pop(FieldName.PLACE, 0.0), sure.pop(FieldName.LETTER_DATE, 0.0))
    read = dated + sum(sure.values())
    texts = [line.text for line in page.lines if line.bbox.top <= limit]
    letterhead = any(_letterhead(text) for text in texts[:EDGE_LINES])
    # ... or the letter's first words open the page: "W odpowiedzi na ...", "Dzień dobry".
    opening = any(_OPENING.match(text) for text in texts) or bool(
        texts and BODY_START.match(texts[0])
    )
    anchored = FieldName.REFERENCE in sure or FieldName.ADDRESSEE in sure
    return read + LETTERHEAD * letterhead + OPENING * opening, anchored


def _letterhead(text: str) -> bool:
    return bool(ORGAN.match(text) or ORGANIZATION.match(text) or ADDRESS.search(text))


# A salutation ("Szanowni Państwo,") or a subject line ("Dotyczy:", "Sprawa:").
_OPENING = regex.compile(
    r"^\s*(?:szanown\w*\b.*[,!]?\s*$|dotyczy\s*:|dot\.\s*:?|sprawa\s*:|temat\s*:|w\s+sprawie\s*:)",
    regex.IGNORECASE,
)
