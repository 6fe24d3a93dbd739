"""Polish dates in the forms official letters print them, tolerant of lost diacritics.

:func:`find_dates` returns every calendar date with at least month precision, with its
character span: month names in any case (``stycznia``, ``styczeń``, ``styczniu``), Roman
months (``5 XII 2017``), numeric ``5.12.2017 r.``, ``05-12-2017``, ``2017.12.05``, stamp-style
``2017 -12- 05``, ISO, day ranges (``12-16 marca 2012 r.``, ``01.01 do 28.04.2018 r.``) and
``br.`` (the letter's year, given by the caller). Year-only mentions are not dates;
impossible dates (31 February) are dropped.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

import regex

from extract.text import without_diacritics

# Month forms: nominative, genitive (the usual one in dates), locative ("w styczniu").
MONTH_FORMS: dict[int, tuple[str, ...]] = {
    1: ("styczeń", "stycznia", "styczniu"),
    2: ("luty", "lutego", "lutym"),
    3: ("marzec", "marca", "marcu"),
    4: ("kwiecień", "kwietnia", "kwietniu"),
    5: ("maj", "maja", "maju"),
    6: ("czerwiec", "czerwca", "czerwcu"),
    7: ("lipiec", "lipca", "lipcu"),
    8: ("sierpień", "sierpnia", "sierpniu"),
    9: ("wrzesień", "września", "wrześniu"),
    10: ("październik", "października", "październiku"),
    11: ("listopad", "listopada", "listopadzie"),
    12: ("grudzień", "grudnia", "grudniu"),
}
_GENITIVE_MONTHS = frozenset(forms[1] for forms in MONTH_FORMS.values())


def day_missing(value: str, raw: str) -> bool:
    """Whether a date without a day (``value`` ``YYYY-MM``) names its month in the genitive.

    The genitive stands after a day ("29 maja"); a month on its own is in the nominative
    ("maj 2023"). So "maja 2023" is a date whose day is missing: written in by hand and not
    read, or a form's gap never filled.
    """
    words = raw.casefold().split()
    return len(value) == len("YYYY-MM") and bool(words) and words[0] in _GENITIVE_MONTHS


ROMAN_MONTHS = {
    "I": 1,
    "II": 2,
    "III": 3,
    "IV": 4,
    "V": 5,
    "VI": 6,
    "VII": 7,
    "VIII": 8,
    "IX": 9,
    "X": 10,
    "XI": 11,
    "XII": 12,
}
MIN_YEAR, MAX_YEAR = 1900, 2100
_LETTER_CLASS = {
    "m": "(?:m|rn)",  # OCR reads "m" as "rn" ("rnaja")
    "ą": "[ąa]",
    "ć": "[ćc]",
    "ę": "[ęe]",
    "ł": "[łl]",
    "ń": "[ńn]",
    "ó": "[óo]",
    "ś": "[śs]",
    "ź": "[źzż]",
    "ż": "[żzź]",
}


def _tolerant(word: str) -> str:
    return "".join(_LETTER_CLASS.get(ch, regex.escape(ch)) for ch in word)


def _month_of(name: str) -> int:
    folded = without_diacritics(name.lower())
    # "październik" has a real "rn"; only a form not found as read had an "m" misread.
    return _MONTH_BY_FOLDED.get(folded) or _MONTH_BY_FOLDED[folded.replace("rn", "m")]


_MONTH_BY_FOLDED = {
    without_diacritics(form): month for month, forms in MONTH_FORMS.items() for form in forms
}
_MONTH_NAME = (
    "(?:"
    + "|".join(
        _tolerant(form)
        for form in sorted(
            {f for forms in MONTH_FORMS.values() for f in forms}, key=len, reverse=True
        )
    )
    + ")"
)
# Upper case only: "poz. 1, 19 i 2052" must not read as 19 January 2052.
_ROMAN = "(?-i:XII|XI|X|IX|VIII|VII|VI|V|IV|III|II|I)"
_YEAR = r"(?:19|20)\d{2}"
# Not glued to a word, a reference number or another number; "dnia23 lutego" (a space
# lost in a text layer or by OCR) is still a date.
_B = r"(?:(?<![\w./-])|(?<=\bdnia|\bdn\.))"
# ... and not followed by more of one, though "r." may be glued on ("31.10.2025r.")
_E = r"(?=r\b|r\.|\W|$)(?![./-](?!r\b|r\.)\w)"  # "20.02.2008.r" too
_SEP = r"\s{0,2}[.\-/]\s{0,2}"
_CURRENT_YEAR = r"(?:b\.\s?r\.|br\.?|bieżącego\s+roku|biezacego\s+roku)"

DATE_PATTERN = regex.compile(
    rf"""
    {_B}(?:
      (?P<fd>\d{{1,2}})\.(?P<fm>\d{{1,2}})\.(?P<fy>{_YEAR})\s?(?:r\.?)?\s{{0,2}}[-–—]\s{{0,2}}
          (?P<td>\d{{1,2}})\.(?P<tm>\d{{1,2}})\.(?P<ty>{_YEAR}){_E}
    | (?P<d7>\d{{1,2}})\s?[-–—]\s?(?P<d8>\d{{1,2}})\.(?P<m8>\d{{1,2}})\.(?P<y8>{_YEAR}){_E}
    | (?:(?P<rd2>\d{{1,2}})\s+(?P<rmname>{_MONTH_NAME})\s+(?:do|[-–—])\s+)?
      (?P<d1>\d{{1,2}})(?:(?:\s{{0,2}}[-–—]\s{{0,2}}|\s+(?:do|i)\s+)(?P<d2>\d{{1,2}}))?\.?\s+
          (?P<mname>{_MONTH_NAME})\s+(?:(?P<y1>{_YEAR}){_E}|(?P<br1>{_CURRENT_YEAR}))
    | (?P<d3>\d{{1,2}})[.\s]\s{{0,2}}(?P<roman>{_ROMAN})[.\s]\s{{0,2}}(?P<y2>{_YEAR}){_E}
    | (?:(?P<rd>\d{{1,2}})\.(?P<rm>\d{{1,2}})\.?\s{{0,2}}(?:do|[-–—])\s{{0,2}})?
          (?P<d4>\d{{1,2}}){_SEP}(?P<m4>\d{{1,2}}){_SEP}(?P<y4>{_YEAR}){_E}
    | (?P<y5>{_YEAR}){_SEP}(?P<m5>\d{{1,2}}){_SEP}(?P<d5>\d{{1,2}}){_E}
    | (?:(?P<mfrom>{_MONTH_NAME})\s+(?:do|[-–—])\s+)?(?P<mname2>{_MONTH_NAME})\s+(?P<y6>{_YEAR}){_E}
    )
    """,
    regex.VERBOSE | regex.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class DateMatch:
    """A date found in the text: ISO value (``YYYY-MM-DD`` or ``YYYY-MM``) and its span."""

    value: str
    start: int
    end: int
    raw: str


def find_dates(text: str, *, current_year: int | None = None) -> list[DateMatch]:
    """Every date in ``text`` in order; a range gives both ends (the same span twice).

    Args:
        text: The text to search.
        current_year: The year ``br.`` refers to (the letter's); such dates are skipped
            when it is None.
    """
    return list(_find_dates(text, current_year))


@functools.lru_cache(maxsize=8)
def _find_dates(text: str, current_year: int | None) -> tuple[DateMatch, ...]:
    # Cached: the date, letter-date and reference stages all search one document's text.
    return tuple(d for match in DATE_PATTERN.finditer(text) for d in _dates_of(match, current_year))


def _dates_of(match: regex.Match[str], current_year: int | None) -> list[DateMatch]:
    raw = " ".join(match.group().split())  # a date may wrap over a line break
    start, end = match.span()

    def made(year: int, month: int, day: int | None) -> DateMatch | None:
        value = _iso(year, month, day)
        return None if value is None else DateMatch(value, start, end, raw)

    results: list[DateMatch | None] = []
    if match["fd"]:  # "01.01.2020-31.12.2020"
        results.append(made(int(match["fy"]), int(match["fm"]), int(match["fd"])))
        results.append(made(int(match["ty"]), int(match["tm"]), int(match["td"])))
    elif match["d7"]:  # "12-16.03.2012"
        for day in (match["d7"], match["d8"]):
            results.append(made(int(match["y8"]), int(match["m8"]), int(day)))
    elif match["mname"]:
        year = int(match["y1"]) if match["y1"] else current_year
        month = _month_of(match["mname"])
        if year is not None:
            if match["rmname"]:  # "od 30 kwietnia do 16 czerwca 2024 r."
                first = _month_of(match["rmname"])
                results.append(made(year, first, int(match["rd2"])))
            results.append(made(year, month, int(match["d1"])))
            if match["d2"]:
                results.append(made(year, month, int(match["d2"])))
    elif match["roman"]:
        results.append(
            made(int(match["y2"]), ROMAN_MONTHS[match["roman"].upper()], int(match["d3"]))
        )
    elif match["d4"]:
        year = int(match["y4"])
        if match["rd"]:
            results.append(made(year, int(match["rm"]), int(match["rd"])))
        results.append(made(year, int(match["m4"]), int(match["d4"])))
    elif match["y5"]:
        results.append(made(int(match["y5"]), int(match["m5"]), int(match["d5"])))
    elif match["mname2"]:
        if match["mfrom"]:  # "od stycznia do marca 2021 r."
            first = _month_of(match["mfrom"])
            results.append(made(int(match["y6"]), first, None))
        month = _month_of(match["mname2"])
        results.append(made(int(match["y6"]), month, None))
    return [r for r in results if r is not None]


def _iso(year: int, month: int, day: int | None) -> str | None:
    if not MIN_YEAR <= year <= MAX_YEAR or not 1 <= month <= 12:
        return None
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None
