"""Dates, the letter's own date and its place.

The letter date is the date of the place-and-date line ("Gdynia, 2019 -03- 14",
"Opole, dnia 6 maja 2020 r.", "W Nowym Sączu, dnia ..."), wherever it stands; failing
that, a date opened by "dnia" in the top third of the first page. Registry stamps and
dates quoted in the body ("pismo z dnia ...", "ustawy z dnia ...") are not letter dates.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import regex

from extract import morph, people
from extract.dates import DateMatch, day_missing, find_dates
from extract.fields import DateMention, FieldName
from extract.layout import Layout
from extract.model import Candidate
from extract.patterns import DISPATCH_STAMP, REGISTRY_STAMP
from extract.stages import NOTHING, Earlier, Stage
from extract.stamps import StampKind, StampText, of_kind, stamp_date
from extract.text import LineInfo, TextView

NAME = "rules.dates"
# A place-name word: "Gdynia", "Bielsko-Biała", "GDAŃSK"; one word per alternative and no
# character shared between a word and its separator, so matching stays linear.
_TITLE_WORD = r"\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?"
_CAPS_WORD = r"\p{Lu}{2,}(?:-\p{Lu}{2,})?"
# Either all words capitalised ("Nowy Targ", "Kędzierzyn-Koźle") or all in capitals
# ("GDAŃSK"): a capitals letterhead or initials glued before "Gdynia" stay out of it.
_PLACE = (
    rf"(?:{_TITLE_WORD}(?: (?:{_TITLE_WORD}|nad|n/|pod|k\.))"
    + "{0,3}"
    + rf"|{_CAPS_WORD}(?: {_CAPS_WORD})"
    + "{0,3})"
)
# "Place, [dnia|dn.] DATE": the place is one to four capitalised words just before it.
_PLACE_BEFORE = regex.compile(
    rf"(?P<prefix>^\s*[Ww][Ee]?\s+)?(?P<lead>\b\p{{Ll}}+\s+)?(?P<place>{_PLACE})"
    r"\s*[,.;]?\s*(?:dnia|dn\.?|d\.)?\s*$"
)
# After the date of a place-and-date line: nothing, "r."/"roku", or the reference number.
# (A short token stands for an OCR-damaged "r.": "27.02.2018 T.")
_AFTER_DATE = regex.compile(r"\s*(?:roku|\S{1,3})?\s*[.,]?\s*(?:\S*\d\S*)?\s*$", regex.IGNORECASE)
_DNIA_BEFORE = regex.compile(r"(?:\bdnia|\bdn\.?)\s*$", regex.IGNORECASE)
# Words after which a date belongs to something else, not to this letter.
_QUOTED_BEFORE = regex.compile(
    r"(?:\bz\s+dnia|\bz\s+dn\.?|\bwp[łl]\w*|\bdata\s+wp[łl]ywu|\bodebrano|\bl\.\s?wp[łl]\w*)"
    r"\.?\s*(?:dnia|dn\.?)?\s*$",
    regex.IGNORECASE,
)
# "Opole /elektroniczny znacznik czasu/", "Gdańsk, data zgodna z podpisem": e-signed
# letters name the place and leave the date to the signature.
_PLACE_WITHOUT_DATE = regex.compile(
    rf"\s*(?P<place>{_PLACE}),?\s*(?i:dnia\s*)?[/(\[]?\s*(?i:elektroniczn\w*\s+znacznik\w*|"
    r"data\s+(?:zgodna|jak|wg|według|podpisu|złożenia)|dat[aąy]\s+podpisu|"
    r"zgodnie\s+z\s+dat\w*|podpisano\s+elektronicznie)"
)
PLACE_ONLY_CONFIDENCE = 0.8
REPAIRED_PLACE = 0.9  # a place corrected to the town the letter names elsewhere
_NOT_PLACES = frozenset({"Dnia", "Data", "Znak", "Dotyczy", "Sygn", "Pismo", "Nr"})
PLACE_DATE_CONFIDENCE = 0.95
# "Warszawa, /$ maja 2023 r.": the day written in by hand, read as marks or not at all (or
# a form's dotted gap never filled). The month and year are printed; the day is unknown.
_ILLEGIBLE_DAY = regex.compile(r"\s(?:[^\p{L}\d\s]{1,4}|[._…]{2,})\s*$")
NO_DAY = 0.5  # a letter date without its day: right as far as it goes, flagged for a person
LOWER_ON_PAGE = 0.9
DNIA_TOP_CONFIDENCE = 0.7
TOP_OF_PAGE = 0.35


def find(layout: Layout, earlier: Earlier = NOTHING) -> Iterator[Candidate]:
    """Candidates for the letter date and place, and the list of all dates."""
    view = layout.view
    letter = _letter_date(view)
    year = int(letter[0].value[:4]) if letter else None
    yield from _all_dates(view, find_dates(view.text, current_year=year), layout.stamps, year)
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
        printed = view.text[place_span[0] : place_span[1]]
        confirmed = morph.place_confirmed(place, view.text)
        yield Candidate(
            FieldName.PLACE,
            confirmed or place,
            printed,
            confidence
            * view.confidence(*place_span)
            * (1.0 if confirmed in {None, place} else REPAIRED_PLACE),
            view.evidence(*place_span),
            NAME,
        )


STAGE = Stage(NAME, find, frozenset({FieldName.LETTER_DATE, FieldName.PLACE, FieldName.DATES}))


def _letter_date(view: TextView) -> tuple[DateMatch, str | None, tuple[int, int], float] | None:
    """The best (date, place, place span, confidence) of the place-and-date line."""
    best: tuple[DateMatch, str | None, tuple[int, int], float] | None = None
    for match in find_dates(view.text):
        line = view.line_at(match.start)
        if line is None:
            continue
        before = view.text[line.start : match.start]
        if (
            _QUOTED_BEFORE.search(before)
            or ":" in before[-60:]
            and not _labelled_reference_before(before)
        ):
            continue  # a stamp, a quotation, or "Sporządziła: Anna Nowak, 05.05.2021"
        if not _AFTER_DATE.fullmatch(view.text, match.end, line.end):
            continue  # the date is inside a sentence, not on a place-and-date line
        # A month printed for a day that is not there ("/$ maja 2023"): only the month is
        # known, and a person should look. ("maj 2023 r." is a month, and no doubt.)
        month_only = len(match.value) == len("YYYY-MM")
        illegible = _ILLEGIBLE_DAY.search(before) if month_only else None
        no_day = illegible is not None or day_missing(match.value, match.raw)
        if illegible is not None:
            before = before[: illegible.start()]
        place = _PLACE_BEFORE.search(before)
        between = before[place.end("place") :] if place else ""
        if (
            place
            and place["place"].split()[0] not in _NOT_PLACES
            and (
                "," in between
                or _DNIA_BEFORE.search(between)
                or not before[: place.start()].strip()
            )
        ):
            score = PLACE_DATE_CONFIDENCE * _blend(view.confidence(match.start, match.end))
            if line.page != 1 or line.top_fraction >= TOP_OF_PAGE:
                score *= LOWER_ON_PAGE  # allowed (some offices date at the end), less likely
            name, place_start = place["place"].strip(" .,"), place.start("place")
            if " " in name and (place["lead"] or people.line_kind(name) is not None):
                # "Urząd Miejski w Żywcu Żywiec, ...", "Urząd Miasta Kalisza Kalisz, ...": a
                # letterhead read into the same line; its last word is the place.
                head, name = name.rsplit(" ", 1)
                place_start += len(head) + 1
            found = (
                match,
                # "W Nowym Sączu, dnia ...": the place is printed in the locative.
                morph.place_nominative(name) if place["prefix"] else name,
                (line.start + place_start, line.start + place_start + len(name)),
                score,
            )
        elif (
            line.page == 1
            and line.top_fraction < TOP_OF_PAGE
            and (_DNIA_BEFORE.search(before) or not before.strip())
            and not _stamp_above(view, line)
        ):
            found = (
                match,
                None,
                (0, 0),
                DNIA_TOP_CONFIDENCE * _blend(view.confidence(match.start, match.end)),
            )
        else:
            continue
        if no_day:
            found = (*found[:3], found[3] * NO_DAY)
        if best is None or found[3] > best[3]:
            best = found
    return best


def _blend(ocr_confidence: float) -> float:
    """Temper OCR confidence: a rule that matched is evidence even on a faint word."""
    return 0.5 + 0.5 * ocr_confidence


def _labelled_reference_before(before: str) -> bool:
    """A reference label before the place ("Znak: XY.1.2020  Gdynia, ...") is no objection."""
    return bool(regex.search(r"(?i:znak|sygn)[\w\s.]{0,20}:\s*\S+\s+\S", before))


def _stamp_above(view: TextView, line: LineInfo) -> bool:
    """A registry or dispatch stamp's head over the date ("WPŁYNĘŁO", "WYSŁANO"): its date."""
    above = view.lines[line.index - 1] if line.index else None
    if above is None:
        return False
    text = view.text[above.start : above.end]
    return bool(REGISTRY_STAMP.search(text) or DISPATCH_STAMP.search(text))


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


def _all_dates(
    view: TextView,
    matches: Sequence[DateMatch],
    stamps: Sequence[StampText] = (),
    year: int | None = None,
) -> Iterator[Candidate]:
    """Every date of the text, then those of registry stamps (a date the page states)."""
    seen: dict[str, DateMatch] = {}
    for match in matches:
        seen.setdefault(match.value, match)
    values = [DateMention(m.value, m.raw) for m in seen.values()]
    evidence = [e for m in seen.values() for e in view.evidence(m.start, m.end)]
    confidences = [view.confidence(m.start, m.end) for m in seen.values()]
    for stamp in of_kind(stamps, StampKind.REGISTRY):
        date = stamp_date(stamp, year)
        if date is None or any(v.date == date.value for v in values):
            continue
        values.append(DateMention(date.value, date.raw))
        evidence.extend(date.view.evidence(date.start, date.end))
        confidences.append(date.view.confidence(date.start, date.end))
    if not values:
        return
    yield Candidate(
        FieldName.DATES,
        tuple(values),
        "; ".join(v.raw for v in values),
        min(confidences),
        tuple(evidence),
        NAME,
    )
