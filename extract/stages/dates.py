"""Dates, the letter's own date and its place.

The letter date is the date of the place-and-date line ("Kraków, 2017 -12- 05",
"Wrocław, dnia 26 kwietnia 2018 r.", "W Krakowie, dnia ..."), wherever it stands; failing
that, a date opened by "dnia" in the top third of the first page. Registry stamps and
dates quoted in the body ("pismo z dnia ...", "ustawy z dnia ...") are not letter dates.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from extract.dates import DateMatch, find_dates
from extract.model import Candidate, FieldName
from extract.text import TextView

NAME = "rules.dates"
# "Place, [dnia|dn.] DATE": the place is one to three capitalised words just before it.
_PLACE_BEFORE = regex.compile(
    r"(?P<prefix>^\s*[Ww]\s+)?(?P<lead>\b\p{Ll}+\s+)?"
    r"(?P<place>\p{Lu}[\p{Ll}.-]+(?:[ -]+(?:\p{Lu}[\p{Ll}.-]+|nad|n/|pod|k\.)){0,3})"
    r"\s*,?\s*(?:dnia|dn\.?|d\.)?\s*$"
)
_DNIA_BEFORE = regex.compile(r"(?:\bdnia|\bdn\.?)\s*$", regex.IGNORECASE)
# Words after which a date belongs to something else, not to this letter.
_QUOTED_BEFORE = regex.compile(
    r"(?:\bz\s+dnia|\bz\s+dn\.?|\bwp[łl]\w*|\bdata\s+wp[łl]ywu|\bodebrano|\bl\.\s?wp[łl]\w*)"
    r"\.?\s*(?:dnia|dn\.?)?\s*$",
    regex.IGNORECASE,
)
# "Warszawa /elektroniczny znacznik czasu/", "Gdańsk, data zgodna z podpisem": e-signed
# letters name the place and leave the date to the signature.
_PLACE_WITHOUT_DATE = regex.compile(
    r"\s*(?P<place>\p{Lu}[\p{Ll}-]+(?:[ -]\p{Lu}[\p{Ll}-]+){0,2}),?\s+/?\s*(?:elektroniczn\w*\s+"
    r"znacznik\w*|data\s+(?:zgodna|jak|wg|według|podpisu|złożenia)|dat[aąy]\s+podpisu|"
    r"podpisano\s+elektronicznie)",
    regex.IGNORECASE,
)
PLACE_ONLY_CONFIDENCE = 0.8
_NOT_PLACES = frozenset({"Dnia", "Data", "Znak", "Dotyczy", "Sygn", "Pismo", "Nr"})
PLACE_DATE_CONFIDENCE = 0.95
LOWER_ON_PAGE = 0.9
DNIA_TOP_CONFIDENCE = 0.7
TOP_OF_PAGE = 0.35


def find(view: TextView) -> Iterator[Candidate]:
    """Candidates for the letter date and place, and the list of all dates."""
    letter = _letter_date(view)
    year = int(letter[0].value[:4]) if letter else None
    yield from _all_dates(view, find_dates(view.text, current_year=year))
    if letter is None:
        yield from _place_without_date(view)
        return
    match, place, place_span, confidence = letter
    yield Candidate(
        FieldName.LETTER_DATE,
        match.value,
        match.raw,
        confidence,
        view.evidence(match.start, match.end),
        NAME,
    )
    if place:
        yield Candidate(
            FieldName.PLACE,
            place,
            place,
            confidence * view.confidence(*place_span),
            view.evidence(*place_span),
            NAME,
        )


def _letter_date(view: TextView) -> tuple[DateMatch, str | None, tuple[int, int], float] | None:
    """The best (date, place, place span, confidence) of the place-and-date line."""
    best: tuple[DateMatch, str | None, tuple[int, int], float] | None = None
    for match in find_dates(view.text):
        line = view.line_at(match.start)
        if line is None:
            continue
        before = view.text[line.start : match.start]
        if _QUOTED_BEFORE.search(before):
            continue
        place = _PLACE_BEFORE.search(before)
        between = before[place.end("place") :] if place else ""
        if (
            place
            and place["place"].split()[0] not in _NOT_PLACES
            and ("," in between or _DNIA_BEFORE.search(between))
        ):
            score = PLACE_DATE_CONFIDENCE * view.confidence(match.start, match.end)
            if line.page != 1 or line.top_fraction >= TOP_OF_PAGE:
                score *= LOWER_ON_PAGE  # allowed (some offices date at the end), less likely
            name, place_start = place["place"].strip(" .,"), place.start("place")
            if place["lead"] and " " in name:
                # "Urząd Miejski w Żywcu Żywiec, ...": a letterhead read into the same line;
                # the words after the lower-case one are the letterhead's, the last is the place.
                head, name = name.rsplit(" ", 1)
                place_start += len(head) + 1
            found = (
                match,
                name if not place["prefix"] else None,  # "W Krakowie": not nominative
                (line.start + place_start, line.start + place_start + len(name)),
                score,
            )
        elif (
            line.page == 1
            and line.top_fraction < TOP_OF_PAGE
            and (_DNIA_BEFORE.search(before) or not before.strip())
        ):
            found = (
                match,
                None,
                (0, 0),
                DNIA_TOP_CONFIDENCE * view.confidence(match.start, match.end),
            )
        else:
            continue
        if best is None or found[3] > best[3]:
            best = found
    return best


def _place_without_date(view: TextView) -> Iterator[Candidate]:
    for line in view.lines:
        if line.page != 1 or line.top_fraction >= TOP_OF_PAGE:
            continue
        found = _PLACE_WITHOUT_DATE.match(view.text, line.start, line.end)
        if found and found["place"].split()[0] not in _NOT_PLACES:
            start, end = found.span("place")
            yield Candidate(
                FieldName.PLACE,
                found["place"],
                found["place"],
                PLACE_ONLY_CONFIDENCE * view.confidence(start, end),
                view.evidence(start, end),
                NAME,
            )
            return


def _all_dates(view: TextView, matches: list[DateMatch]) -> Iterator[Candidate]:
    seen: dict[str, DateMatch] = {}
    for match in matches:
        seen.setdefault(match.value, match)
    if not seen:
        return
    values = [{"date": m.value, "raw": m.raw} for m in seen.values()]
    evidence = tuple(e for m in seen.values() for e in view.evidence(m.start, m.end))
    confidence = min(view.confidence(m.start, m.end) for m in seen.values())
    yield Candidate(
        FieldName.DATES, values, "; ".join(m.raw for m in seen.values()), confidence, evidence, NAME
    )
