"""The letter's own reference number (znak sprawy), repaired from OCR confusions.

Shapes: the office-manual one (unit symbol(s), JRWA class, case number, year, optional
initials: ``BO-02.0003.4100.2019``, ``BRM.1431.27.2024.KW``, ``WI-IV.0231.18.2025.MS``) and
the slash shapes offices also use (``RIO.I.6002-6/12``, ``WK-602/57/2016``,
``AB/CD/0123/45/19``). A number is the
letter's own when it is labelled ("Znak sprawy:", "Nasz znak:", "Sygn.") or stands alone
near the top of the first page; "Wasz znak", a number in "pismo ... znak ..." and numbers in
the body are someone else's.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from extract.dates import find_dates
from extract.fields import FieldName, ReferenceParts
from extract.layout import Layout
from extract.model import Candidate
from extract.stages import NOTHING, Earlier, Stage
from extract.text import LineInfo, TextView

NAME = "rules.reference"
_SEGMENT = r"[\p{Lu}\p{Ll}\d|$§]+"
# A run of 3-8 segments joined by separators, spaces around them tolerated (OCR).
# A slot left blank between two slashes ("05/ /06", "05//06") is part of the number.
_LOOSE = regex.compile(
    rf"(?<![\w.,/|-]){_SEGMENT}(?: ?[.,\-–—/] ?(?:/ ?)?{_SEGMENT}){{2,7}}(?![\w])"
)
_OFFICE = regex.compile(
    # Unit symbols may hold a lower-case conjunction: GKiZ, OSiR, UMiG.
    r"(?P<unit>\p{Lu}(?:[\p{Lu}\d]|[iwz](?=\p{Lu})){0,9}(?:[-.](?:\p{Lu}{1,6}|\d{1,3}|\p{Lu}+\d+)){0,3})"
    r"\.(?P<jrwa>\d{1,4})\.(?P<case>\d{1,6}(?:\.\d{1,4})?)\.(?P<year>(?:19|20)\d{2})"
    # The author's initials, with the typist's after a slash ("JZ/AB").
    r"(?:\.(?P<initials>\p{Lu}{1,4}(?:/\p{Lu}{1,4})?))?"
)
_SLASH = regex.compile(
    # Unit groups joined by dots, hyphens or slashes ("AB/CD/0123/45/19"), then numbers,
    # a blank slot among them ("094/16/05//06"). A unit may be in mixed case ("ZKiOPm").
    r"\p{Lu}(?:[\p{Lu}\d]|[iwz](?=\p{Lu})){0,9}\p{Ll}{0,3}(?:[.\-/](?:\p{Lu}{1,6}|\d{1,4}))*"
    r"[.\-/]\d{1,6}(?:[-/.]\d{1,6}|/(?=/))*/(?:\d{2}|\d{4})"
)
_OWN_LABEL = regex.compile(
    r"(?:nasz\s+znak|znak\s+sprawy|znak\s+pisma|znak|sygn(?:atura)?\.?|nr\s+sprawy|sprawa\s+nr|"
    r"l\.\s?dz\.?|nr\s+pisma)\s*[:.]?\s*$",
    regex.IGNORECASE,
)
_THEIRS = regex.compile(
    r"(?:wasz\w*|wasza)\s+(?:\w+\s+){0,2}(?:znak|sygn|nr|l\.\s?dz)", regex.IGNORECASE
)
_FOREIGN = regex.compile(
    r"(?:pism\w*|wnios\w*|decyzj\w*|uchwał\w*|postanowieni\w*|"
    r"odpowiedzi\s+na|z\s+dnia|dotyczy|dot\.|nawi[ąa]zuj\w*)\b[^\n]{0,80}$",
    regex.IGNORECASE,
)
# Precompiled: normalize runs on every candidate of every letter.
_SPACE = regex.compile(r"\s+")
_SPECK_AFTER_S = regex.compile(r"(?<=[ŚS])[$§](?=[.\-])")
_DOLLAR_FOR_S = regex.compile(r"(?<=\p{Lu})[$§](?=[.\-])")
_SEPARATOR = regex.compile(r"([.\-/])")
_YEAR = regex.compile(r"(?:19|20)\d{2}")
_DIGITS_FOR = str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1", "|": "1", "S": "5", "B": "8"})
_LETTERS_FOR = str.maketrans({"0": "O", "1": "I", "5": "S", "8": "B"})
LABELLED = 0.95
TOP_UNLABELLED = 0.8
BODY = 0.25
TOP_OF_PAGE = 0.4
LABEL_GAP = 1.5  # line heights between a label line and the values under it


def find(layout: Layout, earlier: Earlier = NOTHING) -> Iterator[Candidate]:
    """Candidates for the reference number, scored by label and position."""
    view = layout.view
    dates = [(d.start, d.end) for d in find_dates(view.text)]
    for match in _LOOSE.finditer(view.text):
        value = normalize(match.group())
        if value is None or any(s < match.end() and match.start() < e for s, e in dates):
            continue  # "GDAŃSK, 05.05.2021" is a place and a date, not a reference
        line = view.line_at(match.start())
        if line is None:
            continue
        before = view.text[line.start : match.start()]
        above = _label_above(view, line, match.start())
        if _THEIRS.search(before) or _THEIRS.search(above):
            continue
        label_here = _OWN_LABEL.search(before)
        label = label_here or _OWN_LABEL.search(above)
        if _FOREIGN.search(before[: label_here.start()] if label_here else before):
            continue  # "w odpowiedzi na pismo znak: ...", "decyzja nr ..."
        if label:
            prior = LABELLED
        elif line.page == 1 and line.top_fraction < TOP_OF_PAGE:
            prior = TOP_UNLABELLED
        else:
            prior = BODY
        start, end = match.span()
        yield Candidate(
            FieldName.REFERENCE,
            value,
            match.group(),
            prior * (0.5 + 0.5 * view.confidence(start, end)),
            view.evidence(start, end),
            NAME,
            parts(value),
        )


STAGE = Stage(NAME, find, frozenset({FieldName.REFERENCE}))


def _label_above(view: TextView, line: LineInfo, start: int) -> str:
    """The label printed over a value in a table layout, or "".

    "Nasz znak:" / "Wasz znak:" stand on one line and their values under them: the label
    is the words of the line above that overlap the value's first word horizontally, when
    they end with a ":".
    """
    if line.index == 0:
        return ""
    previous = view.lines[line.index - 1]
    if previous.page != line.page or view.gap_above(line.index) > LABEL_GAP:
        return ""
    first = view.words_in(start, start + 1)
    if not first:
        return ""
    box = first[0].word.bbox
    words = [
        span.word.text
        for span in view.words_in(previous.start, previous.end)
        if span.word.bbox.left < box.right and span.word.bbox.right > box.left - box.height * 4
    ]
    text = " ".join(words)
    return text if text.rstrip().endswith(":") else ""


def normalize(raw: str) -> str | None:
    """The reference as printed without spaces, with OCR confusions repaired, or None.

    ``,`` becomes ``.``, dashes ``-``; letters in numeric segments become digits (``O`` 0,
    ``I``/``l`` 1, ``S`` 5, ``B`` 8) and digits in the initials after the year letters.
    """
    text = _SPACE.sub("", raw).replace(",", ".").replace("–", "-").replace("—", "-")
    # "$" after a unit letter is an "Ś" ("O$.1510" is "OŚ.1510"), or a speck after one
    # ("OŚ$.6220").
    text = _SPECK_AFTER_S.sub("", text)
    text = _DOLLAR_FOR_S.sub("Ś", text)
    pieces = _SEPARATOR.split(text)
    segments = pieces[0::2]
    fixed = [_fix_segment(segment, index, segments) for index, segment in enumerate(segments)]
    pieces[0::2] = fixed
    candidate = "".join(pieces)
    if _OFFICE.fullmatch(candidate) or _SLASH.fullmatch(candidate):
        return candidate
    return None


def parts(value: str) -> ReferenceParts | None:
    """The office-manual parts of a reference, or None for other shapes."""
    match = _OFFICE.fullmatch(value)
    if match is None:
        return None
    return ReferenceParts(
        match["unit"], match["jrwa"], match["case"], int(match["year"]), match["initials"]
    )


def _fix_segment(segment: str, index: int, segments: list[str]) -> str:
    digits = sum(ch.isdigit() for ch in segment)
    year_before = index > 0 and _YEAR.fullmatch(segments[index - 1].translate(_DIGITS_FOR))
    if index == len(segments) - 1 and year_before and len(segment) <= 4:
        return segment.translate(_LETTERS_FOR).upper()  # author initials: "5C" is "SC"
    if _roman_sub_unit(segment, index, segments):
        return regex.sub(r"[1l|L]", "I", segment)  # "GPN.1.6720": the sub-unit is "I"
    if index > 0 and digits * 2 >= len(segment):
        return segment.translate(_DIGITS_FOR)
    return segment


# A Roman sub-unit as OCR reads it: "1", "11", "l", "L", "|", "1V", "V1".
_ROMAN_READ = regex.compile(r"[1lI|L]{1,3}|[1lI|]?V|V[1lI|L]{0,3}")


def _roman_sub_unit(segment: str, index: int, segments: list[str]) -> bool:
    """Whether the segment is a Roman sub-unit read with "1", "l" or "L" for "I".

    It stands between the unit letters and the JRWA class: "GPN.I.6720", "SEK-I.1510".
    "11" is left alone: some offices number sub-units in digits.
    """
    if index == 0 or index + 1 >= len(segments) or not _ROMAN_READ.fullmatch(segment):
        return False
    if len(segment) > 1 and segment.isdigit():
        return False
    unit = segments[index - 1]
    jrwa = segments[index + 1].translate(_DIGITS_FOR)
    # JRWA classes have two to four digits ("AB-IV.862": class 862).
    return bool(regex.fullmatch(r"\p{Lu}{1,8}", unit)) and bool(regex.fullmatch(r"\d{2,4}", jrwa))
