"""Line breaks for a letter whose head lost them: a letter run on as one paragraph.

Texts copied from web pages and document-sharing sites often arrive as one run-on line
(``WOJEWODA X AB-I.123.4.2013 Kolno, 14.11.2013 Pani Anna Nowak Dyrektor ... Na podstawie
...``), and such a text printed and scanned is a paragraph wrapped over the page. Every
stage reads a letter by its lines (the letterhead, the place-and-date line, the addressee
block), so page 1's lines are cut where the letter had its breaks, from the conventions
of Polish letters: the head's parts each on a line of their own (a place-and-date, a
reference number with its label, a title in capitals, the letterhead's holder, the
honorific and name, the position after it), the body from its first words, and later the
closing, list headings and list items. Only a head run on over several of its parts is
cut (a letter whose head has its own lines is left as it is); words keep their boxes.
"""

from __future__ import annotations

import dataclasses
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import NamedTuple

import regex

from extract import morph
from extract.dates import find_dates
from extract.patterns import (
    BODY_START,
    CLOSING,
    LIST_HEADING,
    ORGANIZATION,
    POSITION,
    SP_Z_OO,
    TAIL,
    TITLES,
)
from extract.text import COLUMN_GAP
from ocr.types import OcrDocument, OcrLine, OcrPage, OcrWord

# Parts that begin a line of their own found inside printed lines, before a head is taken
# as run on: a letter has none, or one ("Znak: AB.1.2024   Kraków, 5 maja 2024 r.").
RUN_ON_CUTS = 2
# ... or one, and this many parts of any kind inside lines (a letterhead's line holds its
# office, address and contact, three at most; a run-on head holds them all).
RUN_ON_PARTS = 4
HEAD_CHARS = 800  # the letter's head (before the body) fits in this many characters
MAX_NAME_WORDS = 3
MAX_POSITION_WORDS = 14
TAIL_WINDOW = 80  # characters of text a closing or a tail part is told by
MAX_ADDRESS_WORDS = 8  # "ul. Jana Pawła II 5/7, 00-000 Nowy Targ"
MAX_TAIL_PART = 120  # characters: a signature's line or a list item, not a paragraph
BODY_RUN = 6  # words in a row that are none of the head's parts: the body has begun

_CAPS_WORD = regex.compile(r"\p{Lu}{2,}(?:[-–]\p{Lu}{2,})*[,.]?")
_CAPS_RUN_LETTERS = 6  # "WOJEWODA", "RADA GMINY": a title; "MOPS" alone is an acronym
_REFERENCE_TOKEN = regex.compile(r"(?=(?:\D*\d){2})[\p{L}\d]+(?:[./-]+[\p{L}\d]*){2,}[.,]?")
_HONORIFIC = regex.compile(r"(?:Szanown[ayi]|Sz\.\s?P\.?|Wielmo[żz]n[ayi])?\s*Pan(?:i|a|u|owie)?")
_CONNECTORS = frozenset({"w", "we", "i", "ds.", "do", "z", "ze", "na", "dla", "oraz", "-", "–"})
_DATE_TAIL = regex.compile(r"\s?(?:r\.|roku\b|r\b)")
_PLACE_BEFORE = regex.compile(r"(?:\p{Lu}[\p{L}.-]* ){0,2}\p{Lu}[\p{L}.-]*, *(?:dnia|dn\.)? *$")
_STREET_WORDS = frozenset({"ul.", "al.", "pl.", "os.", "ulica", "aleja", "plac", "osiedle"})
_POSTCODE = regex.compile(r"\d{2}\s?[-–]\s?\d{3},?")
_CONTACT_HEAD = regex.compile(r"(?i:(?:tel|fax|faks|e-?mail|nip|regon)\b|www\.)[.:]?")
_CAPS_CONNECTORS = frozenset({"W", "I", "Z", "NA", "DO", "DS.", "DLA", "-", "–"})
# The words of a reference's label, and a unit printed apart from its number ("RF – 1510/...").
_LABEL_WORD = regex.compile(
    r"(?i:nasz|wasz|znak|sprawy|pisma|sygn\.?|akt|nr|l\.\s?dz\.?|dz\.)[:.]?"
)
_UNIT = regex.compile(r"\p{Lu}[\p{Lu}\d]{0,5}")
_UNIT_CUT = regex.compile(r"\p{Lu}[\p{Lu}\d]{0,5}(?:[-.]\p{Lu}[\p{Lu}\d]{0,5})*[-.]")
_SUBJECT = regex.compile(r"(?i:dotyczy|dot\.|sprawa|w\s+sprawie|temat)\b")
# "Szanowna Pani,", "Szanowni Państwo!": the salutation, to its comma.
_SALUTATION = regex.compile(
    r"Szanown\w+\s+(?:Pani\w*|Pan\w*|Państw\w*)(?:\s+\p{Lu}\p{Ll}+){0,2}\s*[,!]"
)
# Precompiled: these run on every word of a head (a pattern given as a string is looked
# up in the regex module's cache each time).
_WORDED = regex.compile(r"\p{L}{2}")
_LETTER = regex.compile(r"\p{L}")
_DATE_START = regex.compile(r"\d|dnia|dn\.")
_CONTACT_WORD = regex.compile(r"[\d@]|^www\.|\.pl\b")
_NAME_WORD = regex.compile(r"\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?,?")
_ITEM = regex.compile(r"\d{1,2}[.)]|[-–•]")


class _Token(NamedTuple):  # a tuple: thousands are made per letter, cheaply
    text: str
    start: int
    end: int
    opens_line: bool  # the first word of a printed line


@dataclass(frozen=True, slots=True)
class _Joined:
    """A page's words run into one text: lines joined by a newline, words by a space.

    A place-and-date so never begins with the last word of the line above.
    """

    text: str
    spans: list[list[tuple[int, int]]]  # each line's words' (start, end) in ``text``
    tokens: list[_Token]  # every word, in order

    def tokens_in(self, start: int, end: int) -> list[_Token]:
        """The words that start within ``start:end``."""
        first = bisect_left(self.tokens, start, key=lambda t: t.start)
        last = bisect_left(self.tokens, end, key=lambda t: t.start)
        return self.tokens[first:last]


@dataclass(frozen=True, slots=True)
class Reflowed:
    """A document whose run-on head was cut into its parts, and where its body begins."""

    document: OcrDocument
    body: OcrWord | None  # the body's first word (its line starts the body); None: not found


def reflowed(document: OcrDocument) -> Reflowed | None:
    """Page 1's lines cut at its letter's breaks, when its head ran on; else None."""
    if not document.pages:
        return None
    first = document.pages[0]
    lines = _head_lines(first.lines)  # the head alone tells (speed)
    joined = _joined(lines)
    found = _head_breaks(joined)
    # The body beginning inside a printed line ("... Nasz znak: X Dotyczy: ...") tells a
    # run-on head as a part that begins a line of its own does.
    body_start = set() if found.body is None else {found.body}
    strong = len(_run_on(lines, joined.spans, found.line_starts | body_start))
    named = len(_run_on(lines, joined.spans, found.named_starts | body_start))
    if strong < RUN_ON_CUTS and not (strong and named >= RUN_ON_PARTS):
        return None
    # The whole page, for the tail: its first lines' offsets are those the head was cut at.
    joined, head = _joined(first.lines), found
    text, spans = joined.text, joined.spans
    body_at = head.body if head.body is not None else min(len(text), HEAD_CHARS)
    tail_breaks, tail = _tail_breaks(joined, body_at)
    cuts = _cuts(spans, head.breaks) | _cuts(spans, tail_breaks)
    # After the closing, every part is a short line of its own (a signature's line, a list
    # item): one the paragraph wrapped is made whole, as a head part is.
    ends = sorted(b for b in tail_breaks if b >= tail)
    short = [(a, b) for a, b in pairwise([*ends, len(text)]) if b - a <= MAX_TAIL_PART]
    parts = [*head.parts, *short]  # a paragraph after "Pouczenie" keeps its lines
    page = dataclasses.replace(first, lines=tuple(_cut_lines(first, spans, cuts, parts)))
    body = next(
        (
            line.words[position]
            for line, words in zip(first.lines, spans, strict=True)
            for position, (start, _) in enumerate(words)
            if start == head.body
        ),
        None,
    )
    return Reflowed(dataclasses.replace(document, pages=(page, *document.pages[1:])), body)


def _head_lines(lines: Sequence[OcrLine]) -> Sequence[OcrLine]:
    """The page's first lines, as many as hold the head's characters."""
    length = 0
    for index, line in enumerate(lines):
        length += sum(len(word.text) + 1 for word in line.words)
        if length >= HEAD_CHARS:
            return lines[: index + 1]
    return lines


def _joined(lines: Sequence[OcrLine]) -> _Joined:
    """The page's words as one run of text, with each line's words' spans and the words."""
    spans: list[list[tuple[int, int]]] = []
    tokens: list[_Token] = []
    at = 0
    for line in lines:
        spans.append([])
        opens = True
        for word in line.words:
            end = at + len(word.text)
            spans[-1].append((at, end))
            tokens.append(_Token(word.text, at, end, opens))
            at, opens = end + 1, False
    text = "\n".join(" ".join(w.text for w in line.words) for line in lines if line.words)
    return _Joined(text, spans, tokens)


def _cuts(spans: Sequence[Sequence[tuple[int, int]]], breaks: set[int]) -> set[tuple[int, int]]:
    """(line, word) pairs before which a line is cut: the breaks that fall inside a line."""
    ordered = sorted(breaks)
    cuts: set[tuple[int, int]] = set()
    for index, words in enumerate(spans):
        for position in range(1, len(words)):
            gap_start, gap_end = words[position - 1][1], words[position][0]
            at = bisect_left(ordered, gap_start)
            if at < len(ordered) and ordered[at] <= gap_end:
                cuts.add((index, position))
    return cuts


def _run_on(
    lines: Sequence[OcrLine], spans: Sequence[Sequence[tuple[int, int]]], starts: set[int]
) -> set[tuple[int, int]]:
    """The cuts before parts that begin inside a line, a word's space after a word.

    Parts in columns (the reference left, the date right; a stamp beside the addressee)
    stand apart, and a stroke read as "|" before a part is no word: neither is run on.
    """
    run_on = set()
    for index, position in _cuts(spans, starts):
        words = lines[index].words
        gap = words[position].bbox.left - words[position - 1].bbox.right
        worded = any(_WORDED.search(w.text) for w in words[:position])
        if worded and gap <= COLUMN_GAP * max(1, lines[index].bbox.height):
            run_on.add((index, position))
    return run_on


def _cut_lines(
    page: OcrPage,
    spans: Sequence[Sequence[tuple[int, int]]],
    cuts: set[tuple[int, int]],
    parts: Sequence[tuple[int, int]],
) -> list[OcrLine]:
    """The page's lines, each cut before the words ``cuts`` names.

    A head part the paragraph wrapped ("... Pani Anna Nowak Dyrektor" / "Wydziału Kultury
    WYSTĄPIENIE ...") is made one line again: the position whole, not a title and an office.
    """
    pieces: list[tuple[OcrLine, int | None, int | None]] = []  # line, part of first/last word
    for index, line in enumerate(page.lines):
        if not line.words:
            continue
        start = 0
        ends = [p for (i, p) in sorted(cuts) if i == index] + [len(line.words)]
        for end in ends:
            words = line.words[start:end]
            first, last = spans[index][start][0], spans[index][end - 1][0]
            piece = OcrLine.from_words(words, block=line.block, paragraph=line.paragraph)
            pieces.append((piece, _part_of(first, parts), _part_of(last, parts)))
            start = end
    out: list[OcrLine] = []
    previous_part: int | None = None
    for piece, first_part, last_part in pieces:
        if out and first_part is not None and first_part == previous_part:
            joined = (*out[-1].words, *piece.words)
            out[-1] = OcrLine.from_words(joined, block=piece.block, paragraph=piece.paragraph)
        else:
            out.append(piece)
        previous_part = last_part
    return out


def _part_of(position: int, parts: Sequence[tuple[int, int]]) -> int | None:
    """The index of the head part that holds the character at ``position``, if any."""
    return next((i for i, (start, end) in enumerate(parts) if start <= position < end), None)


@dataclass(frozen=True, slots=True)
class _Head:
    breaks: set[int]  # where the head's parts begin and end
    parts: list[tuple[int, int]]  # the parts' (start, end)
    # ... where the parts begin that always begin a line of their own (a place-and-date, a
    # reference, a title in capitals, an honorific): those tell a run-on head. A position
    # or a name may share a line with other words.
    line_starts: set[int]
    # ... and where every part begins but an address or contact details (a letterhead's
    # one line holds the office, its address and its telephone).
    named_starts: set[int]
    body: int | None  # where the body begins


def _head_breaks(joined: _Joined) -> _Head:
    """Where the head's parts begin and end, up to the body's first words."""
    line = joined.text
    tokens = joined.tokens_in(0, min(len(line), HEAD_CHARS))
    breaks: set[int] = set()
    parts: list[tuple[int, int]] = []
    line_starts: set[int] = set()
    named_starts: set[int] = set()
    body: int | None = None
    # Prose: lower-case words that are no part of the head, since the last part. So many
    # of them tell the body has begun (names, numbers and addresses are not prose).
    index = prose = 0
    prose_start = 0  # the first word after the last part
    while index < len(tokens):
        token = tokens[index]
        line_end = line.find("\n", token.start)
        opening = line[token.start : line_end if line_end >= 0 else len(line)]  # its line's rest
        if prose == BODY_RUN or (index > 0 and BODY_START.match(opening)):
            # The body: one paragraph from here (its first word after the head's last part).
            body = tokens[prose_start].start if prose == BODY_RUN else token.start
            breaks.add(body)
            break
        start = token.start
        reference = _reference(tokens, index)
        if reference is not None:
            start = tokens[_label_start(tokens, index)].start  # "Znak sprawy:", "RF –"
        if token.text[:1].isupper():
            own_line = (
                _place_date(line, tokens, index)
                or reference
                or _caps_title(tokens, index)
                or _honorific(tokens, index)
            )
            span = (
                own_line
                or _caps_run(tokens, index)
                or _address(tokens, index)
                or _contact(tokens, index)
                or _position(tokens, index)
                or _office(tokens, index)
                or _letterhead_name(tokens, index)
            )
        else:  # the other parts open with a capital (most words here are prose: speed)
            own_line = reference
            span = reference or _address(tokens, index) or _contact(tokens, index)
        if span is None:
            prose += token.text[:1].islower()
            index += 1
            continue
        end_index, end = span
        breaks.update({start, end})
        parts.append((start, end))
        if own_line:
            line_starts.add(start)
        if not (_address(tokens, index) or _contact(tokens, index)):
            named_starts.add(start)
        index, prose, prose_start = end_index, 0, end_index
    return _Head(breaks, parts, line_starts, named_starts, body)


def _place_date(line: str, tokens: Sequence[_Token], index: int) -> tuple[int, int] | None:
    """The place-and-date line, from the place to the date: "Kolno, 14.11.2013"."""
    token = tokens[index]
    # The place's last word carries the comma (a cheap test before the date search).
    if not token.text[:1].isupper() or not any(
        t.text.endswith(",") for t in tokens[index : index + 3]
    ):
        return None
    window = line[token.start : token.start + 80]
    for date in find_dates(window):
        before = window[: date.start]
        if _PLACE_BEFORE.fullmatch(before) is None:
            continue
        end = token.start + date.end
        tail = _DATE_TAIL.match(line, end)
        end = tail.end() if tail else end
        return _after(tokens, end), end
    return None


def _reference(tokens: Sequence[_Token], index: int) -> tuple[int, int] | None:
    """A reference number: "AB-IV.123.4.2013" (its label is taken by ``_label_start``)."""
    if not _REFERENCE_TOKEN.fullmatch(tokens[index].text):
        return None
    if find_dates(tokens[index].text) or SP_Z_OO.match(tokens[index].text):
        return None  # a date or a company's legal form ("Sp.z.o.o"), not a reference
    end = index + 1
    # "AB/16/05/ /06": a blank typed into the number; the pieces after it belong to it.
    while end < len(tokens) and tokens[end - 1].text[-1] in "/.-" and tokens[end].text[0] in "/.-":
        end += 1
    return end, tokens[end - 1].end


def _reference_shaped(text: str) -> bool:
    """A reference number's shape with letters in it ("OR.1431.5.2015"), not a phone's."""
    return bool(_REFERENCE_TOKEN.fullmatch(text)) and _LETTER.search(text) is not None


def _caps_run(tokens: Sequence[_Token], index: int) -> tuple[int, int] | None:
    """A title or heading in capitals: "MINISTER ZDROWIA", "RADA MIEJSKA W KOLNIE"."""
    if not _CAPS_WORD.fullmatch(tokens[index].text):
        return None
    end = index + 1
    # A run ends with its printed line: the next line's capitals are another part.
    while (
        end < len(tokens)
        and not tokens[end].opens_line
        and (
            _CAPS_WORD.fullmatch(tokens[end].text)
            or (tokens[end].text in _CAPS_CONNECTORS and end + 1 < len(tokens))
        )
    ):
        end += 1
    while end > index + 1 and tokens[end - 1].text in _CAPS_CONNECTORS:
        end -= 1  # "RADA GMINY W" / "LIPNIE": the small word goes with what follows
    letters = sum(sum(c.isalpha() for c in t.text) for t in tokens[index:end])
    return (end, tokens[end - 1].end) if letters >= _CAPS_RUN_LETTERS else None


def _caps_title(tokens: Sequence[_Token], index: int) -> tuple[int, int] | None:
    """A run of capitals of two words or more: a title that has a line of its own.

    One word in capitals may be a company's name inside a line ("Firma DROGMAR Sp. z o.o.").
    """
    run = _caps_run(tokens, index)
    if run is None:
        return None
    words = [t for t in tokens[index : run[0]] if t.text not in _CAPS_CONNECTORS]
    return run if len(words) >= 2 else None


def _label_start(tokens: Sequence[_Token], index: int) -> int:
    """The first token of a reference's label or unit on its line ("Znak sprawy:", "RF –")."""
    start = index
    if (
        start > 1
        and tokens[start - 1].text in {"-", "–"}
        and _UNIT.fullmatch(tokens[start - 2].text)
    ):
        start -= 2
    elif start > 0 and _UNIT_CUT.fullmatch(tokens[start - 1].text):
        start -= 1  # "AB-IV-CD. 1234.5.2023": a space after the unit's dot
    while start > 0 and _LABEL_WORD.fullmatch(tokens[start - 1].text):
        start -= 1
    return start


def _honorific(tokens: Sequence[_Token], index: int) -> tuple[int, int] | None:
    """The honorific and the name after it: "Pani Anna Nowak", "Szanowny Pan Jan Kowalski"."""
    end = index
    while end < len(tokens) and end - index < 2 and not tokens[end].text.startswith("Pan"):
        end += 1
    if end < len(tokens) and _HONORIFIC.fullmatch(
        " ".join(t.text for t in tokens[index : end + 1])
    ):
        end += 1
    elif tokens[index].text in {"Sz.", "Sz.P."}:  # "Sz. P. Jan Nowak": no "Pan" after it
        end = index + 1 + (index + 1 < len(tokens) and tokens[index + 1].text == "P.")
    else:
        return None
    while end < len(tokens) and TITLES.fullmatch(tokens[end].text + " "):
        end += 1  # "Pan dr Jan Nowak": the degree before the name
    if end == len(tokens) or not morph.is_first_name(tokens[end].text.rstrip(",")):
        return None  # "... interpelacji Pani Radnej z dnia": a sentence, not an addressee
    names = 0
    while (
        end < len(tokens)
        and names < MAX_NAME_WORDS
        and _name_word(tokens[end].text)
        and not POSITION.match(tokens[end].text)
        and not (names >= 2 and _next_part(tokens, end))  # "Pan Jan Wrona Na podstawie"
    ):
        end, names = end + 1, names + 1
    return (end, tokens[end - 1].end) if names else None


def _position(tokens: Sequence[_Token], index: int) -> tuple[int, int] | None:
    """A title and its office's words: "Dyrektor Powiatowego Urzędu Pracy w Zbójnie".

    It goes on over capitalised words and the small words between them, and stops at a
    sentence's capitalised first word ("W dniach", "Na podstawie") or a title in capitals.
    """
    if not (tokens[index].text[:1].isupper() and POSITION.match(tokens[index].text)):
        return None
    return _named(tokens, index)


def _office(tokens: Sequence[_Token], index: int) -> tuple[int, int] | None:
    """An office's name: "Zarząd Dróg Powiatowych w Nowym Targu", "Urząd Gminy X"."""
    if not (_name_word(tokens[index].text) and ORGANIZATION.match(tokens[index].text)):
        return None
    return _named(tokens, index)


def _named(tokens: Sequence[_Token], index: int) -> tuple[int, int]:
    """The capitalised words from ``index`` on, with the small words between them."""
    end = index + 1
    while end < len(tokens) and end - index < MAX_POSITION_WORDS:
        text = tokens[end].text
        # Connectors are lower case: a capital "W" or "Na" opens the body's first sentence.
        office_word = _name_word(text) and len(text) > 2 and not _CAPS_WORD.fullmatch(text)
        if not (text in _CONNECTORS or office_word) or _next_part(tokens, end):
            break
        end += 1
        if text.endswith(","):
            break  # "Urząd Gminy X, ul. ...": the name ends at its comma
    while end > index + 1 and tokens[end - 1].text in _CONNECTORS:
        end -= 1  # "... Pracy w" / "Zbójnie": the small word goes with what follows
    return end, tokens[end - 1].end


def _next_part(tokens: Sequence[_Token], index: int) -> bool:
    """Whether another part begins at ``index``: the signer's name, a place-and-date, the body.

    "... Jan Nowak", "... Tczew, 5 maja 2020 r.", "... Odpowiadając na interpelację".
    """
    if _person_at(tokens, index):
        return True
    following = tokens[index + 1].text if index + 1 < len(tokens) else ""
    if tokens[index].text.endswith(",") and _DATE_START.match(following):
        return True
    return BODY_START.match(" ".join(t.text for t in tokens[index : index + 3])) is not None


def _address(tokens: Sequence[_Token], index: int) -> tuple[int, int] | None:
    """A letterhead's address: "ul. Polna 5, 87-600 Lipno", up to the postcode's town."""
    if tokens[index].text.casefold() not in _STREET_WORDS:
        return None
    end = index + 1
    while end < len(tokens) and end - index < MAX_ADDRESS_WORDS:
        end += 1
        if _POSTCODE.fullmatch(tokens[end - 1].text):
            # The town after the postcode: its capitalised words ("Nowy Targ"), up to a
            # place-and-date after it ("... 87-600 Lipno Lipno, 5 maja 2015 r.").
            while (
                end < len(tokens) and _name_word(tokens[end].text) and not _next_part(tokens, end)
            ):
                end += 1
                if tokens[end - 1].text.endswith(","):
                    break  # "87-600 Lipno, tel. ...": the town ends the address
            return end, tokens[end - 1].end
    return None


def _contact(tokens: Sequence[_Token], index: int) -> tuple[int, int] | None:
    """A letterhead's contact line: "tel. 54 287 11 00, fax ...", "e-mail: a@b.pl"."""
    if not _CONTACT_HEAD.match(tokens[index].text):
        return None
    end = index + 1
    while (
        end < len(tokens)
        and not _reference_shaped(tokens[end].text)
        and (
            _CONTACT_WORD.search(tokens[end].text)
            or _CONTACT_HEAD.match(tokens[end].text)
            or tokens[end].text in {"/", "-", "–", "wew.", "w."}
        )
    ):
        end += 1
    return end, tokens[end - 1].end


def _letterhead_name(tokens: Sequence[_Token], index: int) -> tuple[int, int] | None:
    """A person's name on its own in the head ("Jan Nowak" under the office's title)."""
    if index + 1 >= len(tokens):
        return None
    first, second = tokens[index].text, tokens[index + 1].text
    if not (morph.is_first_name(first) and _name_word(second) and not POSITION.match(second)):
        return None
    return index + 2, tokens[index + 1].end


def _name_word(text: str) -> bool:
    return _NAME_WORD.fullmatch(text) is not None


def _after(tokens: Sequence[_Token], position: int) -> int:
    """The index of the first token that starts at or after ``position``."""
    return bisect_left(tokens, position, key=lambda t: t.start)


def _tail_breaks(joined: _Joined, start: int) -> tuple[set[int], int]:
    """Breaks in the body and after it; and where the letter's tail begins.

    From ``start`` (the body's beginning): the salutation and the subject's end; the
    closing and the signature's parts after it (or a title in capitals that opens a
    signature with no closing); the tail's parts, list headings and items; a place-and-
    date printed at the end; the footer's address and contact lines. Only a capitalised
    word opens a part ("Z poważaniem", "Otrzymują:"): the same words in lower case are
    inside a sentence ("... podać tel. kontaktowy").
    """
    line = joined.text
    tokens = joined.tokens_in(start, len(line))
    breaks: set[int] = set()
    tail = len(line)  # the tail: from the closing or the signature on
    in_list = subject = False
    index = 0
    while index < len(tokens):
        token = tokens[index]
        # What follows, as one line: a heading's "(.*)$" reads to the end of it.
        rest = line[token.start : token.start + TAIL_WINDOW].replace("\n", " ")
        capital = token.text[:1].isupper()
        if index == 0:
            subject = _SUBJECT.match(rest) is not None
        elif subject and capital and tokens[index - 1].text.endswith("."):
            breaks.add(token.start)  # "Dotyczy: ... odpadów." / "W odpowiedzi ...": the body
            subject = False
        salutation = _SALUTATION.match(rest) if capital else None
        if salutation:
            breaks.update({token.start, token.start + salutation.end()})
            index, subject = _after(tokens, token.start + salutation.end()), False
            continue
        closing = CLOSING.match(rest) if capital else None
        # A signature with no closing: a title in capitals or "z up." after a sentence.
        sentence_end = index > 0 and tokens[index - 1].text[-1:] in ".:"
        title = sentence_end and (_caps_title(tokens, index) or _on_behalf(tokens, index))
        if closing or title:
            after = token.start + len(closing.group().rstrip()) if closing else token.start
            breaks.update({token.start, after})
            tail = min(tail, token.start)
            index = _signature_breaks(tokens, _after(tokens, after), breaks)
            continue
        span = (
            _place_date(line, tokens, index) or _address(tokens, index) or _contact(tokens, index)
        )
        if span is not None and (capital or token.text in _STREET_WORDS):
            breaks.update({token.start, span[1]})
            index = span[0]
            continue
        if capital and (TAIL.match(rest) or LIST_HEADING.match(rest)):
            breaks.add(token.start)
            tail = min(tail, token.start)
            heading = LIST_HEADING.match(rest)
            in_list = heading is not None
            if heading is not None and heading["rest"]:  # "Otrzymują: Adresat": the first item
                breaks.add(token.start + heading.start("rest"))
        elif in_list and _ITEM.fullmatch(token.text):
            breaks.add(token.start)
        elif in_list and token.text.endswith(";"):
            breaks.add(token.end)  # "Adresat; Sołtys Sołectwa X; a/a"
        index += 1
    return breaks, tail


def _signature_breaks(tokens: Sequence[_Token], index: int, breaks: set[int]) -> int:
    """Breaks around the signature's parts after the closing; the index after them.

    "z up. Wójta", "WÓJT GMINY", "Wójt Gminy Lipno", "mgr Jan Nowak": each on a line of its
    own, in any order.
    """
    while index < len(tokens):
        token = tokens[index]
        span = (
            _on_behalf(tokens, index)
            or _caps_run(tokens, index)
            or _position(tokens, index)
            or _signer(tokens, index)
        )
        if span is None:
            return index
        breaks.update({token.start, span[1]})
        index = span[0]
    return index


def _signer(tokens: Sequence[_Token], index: int) -> tuple[int, int] | None:
    """A person's name, its degrees before it: "mgr inż. Anna Nowak", "Jan Nowak"."""
    start = index
    while start < len(tokens) and TITLES.fullmatch(tokens[start].text + " "):
        start += 1
    return _letterhead_name(tokens, start) if start < len(tokens) else None


def _on_behalf(tokens: Sequence[_Token], index: int) -> tuple[int, int] | None:
    """The delegation and its organ's capitalised words: "z up. Wójta Gminy"."""
    if tokens[index].text.casefold() not in {"z", "w"} or index + 1 >= len(tokens):
        return None
    if tokens[index + 1].text.casefold() not in {"up.", "upoważnienia", "imieniu"}:
        return None
    end = index + 2
    # The organ, in the genitive, up to the signer's name or own title ("z up. BURMISTRZA
    # ZASTĘPCA BURMISTRZA", "z up. Wójta Gminy Jan Nowak").
    while (
        end < len(tokens)
        and (_name_word(tokens[end].text) or _CAPS_WORD.fullmatch(tokens[end].text))
        and not _person_at(tokens, end)
        and not (end > index + 2 and POSITION.match(tokens[end].text))
    ):
        end += 1
    return end, tokens[end - 1].end


def _person_at(tokens: Sequence[_Token], index: int) -> bool:
    """Whether a first name and a surname begin at ``index`` (the signer after the organ)."""
    return _letterhead_name(tokens, index) is not None
