"""Line breaks for a letter whose text lost them: a transcription flattened to one line.

Texts copied from web pages and document-sharing sites often arrive as one run-on line:
``WOJEWODA X AB-I.123.4.2012 Kraków, 31.10.2012 Pani Anna Nowak Dyrektor ... Na podstawie
...``. Every stage reads a letter by its lines (the letterhead, the place-and-date line,
the addressee block), so such a text is given back the breaks its letter had, from the
conventions of Polish letters: the head's parts each on a line of their own (a
place-and-date, a reference number, a title in capitals, the honorific and name, the
position after it), the body one paragraph, its closing, lists and list items each on new
lines. A text with line breaks of its own is left as it is.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import regex

from extract import morph
from extract.dates import find_dates
from extract.patterns import BODY_START, CLOSING, LIST_HEADING, POSITION, TAIL

# A line this long in a text of a few lines is a flattened letter; a letter's own lines,
# even a paragraph typed as one line, are far fewer than a whole letter's characters.
FLAT_LINE = 500
MAX_FLAT_LINES = 3
HEAD_CHARS = 800  # the letter's head (before the body) fits in this many characters
MAX_NAME_WORDS = 3
MAX_POSITION_WORDS = 14
BODY_RUN = 6  # words in a row that are none of the head's parts: the body has begun

_TOKEN = regex.compile(r"\S+")
_CAPS_WORD = regex.compile(r"\p{Lu}{2,}(?:[-–]\p{Lu}{2,})*[,.]?")
_CAPS_RUN_LETTERS = 6  # "WOJEWODA", "RADA GMINY": a title; "MOPS" alone is an acronym
_REFERENCE_TOKEN = regex.compile(r"(?=(?:\D*\d){2})[\p{L}\d]+(?:[./-]+[\p{L}\d]*){2,}[.,]?")
_REFERENCE_LABEL = regex.compile(
    r"(?i:znak|sygn\.?|nr|l\.\s?dz\.?|nasz\s+znak|znak\s+sprawy|nr\s+sprawy)[:.]?"
)
_HONORIFIC = regex.compile(r"(?:Szanown[ayi]|Sz\.\s?P\.?|Wielmo[żz]n[ayi])?\s*Pan(?:i|a|u|owie)?")
_CONNECTORS = frozenset({"w", "we", "i", "ds.", "do", "z", "ze", "na", "dla", "oraz", "-", "–"})
_DATE_TAIL = regex.compile(r"\s?(?:r\.|roku\b|r\b)")
_PLACE_BEFORE = regex.compile(r"(?:\p{Lu}[\p{L}.-]*\s){0,2}\p{Lu}[\p{L}.-]*,\s*(?:dnia|dn\.)?\s*$")
_ITEM = regex.compile(r"\d{1,2}[.)]|[-–•]")


@dataclass(frozen=True, slots=True)
class _Token:
    text: str
    start: int
    end: int


def reflowed(text: str) -> str:
    """The text with its letter's line breaks back, when it is a flattened letter."""
    lines = text.splitlines()
    if not is_flat(lines):
        return text
    return "\n".join("\n".join(_lines(line)) if len(line) >= FLAT_LINE else line for line in lines)


def is_flat(lines: Sequence[str]) -> bool:
    """Whether a text is a letter run into a line or few: one very long line, few others."""
    written = [line for line in lines if line.strip()]
    return 0 < len(written) <= MAX_FLAT_LINES and max(len(line) for line in written) >= FLAT_LINE


def _lines(line: str) -> Iterator[str]:
    """The flat line cut at its letter's breaks."""
    breaks = sorted({0, *_head_breaks(line), *_tail_breaks(line), len(line)})
    for start, end in zip(breaks, breaks[1:], strict=False):
        piece = line[start:end].strip()
        if piece:
            yield piece


def _head_breaks(line: str) -> set[int]:
    """Where the head's parts begin and end, up to the body's first words."""
    head_end = min(len(line), HEAD_CHARS)
    tokens = [_Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(line[:head_end])]
    breaks: set[int] = set()
    index = plain = 0  # plain: words in a row that are no part of the head
    while index < len(tokens):
        token = tokens[index]
        if plain == BODY_RUN or (index > 0 and BODY_START.match(line[token.start :])):
            # The body: one paragraph from here (its first plain word when a run began it).
            breaks.add(tokens[index - plain].start if plain == BODY_RUN else token.start)
            break
        span = (
            _place_date(line, tokens, index)
            or _reference(tokens, index)
            or _caps_run(tokens, index)
            or _honorific(tokens, index)
            or _position(tokens, index)
            or _letterhead_name(tokens, index)
        )
        if span is None:
            index, plain = index + 1, plain + 1
            continue
        end_index, end = span
        breaks.update({token.start, end})
        index, plain = end_index, 0
    return breaks


def _place_date(line: str, tokens: Sequence[_Token], index: int) -> tuple[int, int] | None:
    """The place-and-date line, from the place to the date: "Kraków, 31.10.2012"."""
    token = tokens[index]
    if not token.text[:1].isupper():
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
    """A reference number (with its label): "WP-VII.862.7.8.2012", "Znak: AB.123.4.2024"."""
    first = index
    while index < len(tokens) and _REFERENCE_LABEL.fullmatch(tokens[index].text):
        index += 1
    if index == len(tokens) or not _REFERENCE_TOKEN.fullmatch(tokens[index].text):
        return None
    if find_dates(tokens[index].text):
        return None  # a date, not a reference
    end = index + 1
    # "AB/16/05/ /06": a blank typed into the number; the pieces after it belong to it.
    while end < len(tokens) and tokens[end - 1].text[-1] in "/.-" and tokens[end].text[0] in "/.-":
        end += 1
    return (end, tokens[end - 1].end) if end > first else None


def _caps_run(tokens: Sequence[_Token], index: int) -> tuple[int, int] | None:
    """A title or heading in capitals: "MINISTER ŚRODOWISKA", "WYSTĄPIENIE POKONTROLNE"."""
    end = index
    while end < len(tokens) and _CAPS_WORD.fullmatch(tokens[end].text):
        end += 1
    letters = sum(sum(c.isalpha() for c in t.text) for t in tokens[index:end])
    if end == index or letters < _CAPS_RUN_LETTERS:
        return None
    return end, tokens[end - 1].end


def _honorific(tokens: Sequence[_Token], index: int) -> tuple[int, int] | None:
    """The honorific and the name after it: "Pani Anna Nowak", "Szanowny Pan Jan Kowalski"."""
    end = index
    while end < len(tokens) and end - index < 2 and not tokens[end].text.startswith("Pan"):
        end += 1
    if end == len(tokens) or not _HONORIFIC.fullmatch(
        " ".join(t.text for t in tokens[index : end + 1])
    ):
        return None
    end += 1
    names = 0
    while (
        end < len(tokens)
        and names < MAX_NAME_WORDS
        and _name_word(tokens[end].text)
        and not POSITION.match(tokens[end].text)
    ):
        end, names = end + 1, names + 1
    return (end, tokens[end - 1].end) if names else None


def _position(tokens: Sequence[_Token], index: int) -> tuple[int, int] | None:
    """A title and its office's words: "Dyrektor Powiatowego Urzędu Pracy w Gorlicach".

    It goes on over capitalised words and the small words between them, and stops at a
    sentence's capitalised first word ("W dniach", "Na podstawie") or a title in capitals.
    """
    if not (tokens[index].text[:1].isupper() and POSITION.match(tokens[index].text)):
        return None
    end = index + 1
    while end < len(tokens) and end - index < MAX_POSITION_WORDS:
        text = tokens[end].text
        # Connectors are lower case: a capital "W" or "Na" opens the body's first sentence.
        office_word = _name_word(text) and len(text) > 2 and not _CAPS_WORD.fullmatch(text)
        if not (text in _CONNECTORS or office_word):
            break
        end += 1
    while end > index + 1 and tokens[end - 1].text in _CONNECTORS:
        end -= 1  # "... Pracy w" / "Gorlicach": the small word goes with what follows
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
    return regex.fullmatch(r"\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?,?", text) is not None


def _after(tokens: Sequence[_Token], position: int) -> int:
    """The index of the first token that starts at or after ``position``."""
    return next((i for i, t in enumerate(tokens) if t.start >= position), len(tokens))


def _tail_breaks(line: str) -> set[int]:
    """Breaks before the closing, the tail's parts and the items of lists, after the head.

    Only a capitalised word opens a part ("Z poważaniem", "Otrzymują:"): the same words
    in lower case are inside a sentence ("... podać tel. kontaktowy").
    """
    breaks: set[int] = set()
    in_list = False
    for match in _TOKEN.finditer(line, min(len(line), HEAD_CHARS)):
        rest = line[match.start() :]
        if match.group()[:1].isupper() and (
            CLOSING.match(rest) or TAIL.match(rest) or LIST_HEADING.match(rest)
        ):
            breaks.add(match.start())
            in_list = LIST_HEADING.match(rest) is not None
        elif in_list and _ITEM.fullmatch(match.group()):
            breaks.add(match.start())
    return breaks
