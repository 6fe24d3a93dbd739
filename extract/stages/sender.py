"""The sender: the issuing organ or office as the letterhead prints it.

The letterhead is the first thing on page 1: the first line of the head naming an organ
("PREZYDENT MIASTA KRAKOWA", "Wójt Gminy ...") or an office ("Urząd Miasta ...", "Straż
Miejska ..."), with its continuation lines ("PREZYDENT MIASTA" / "KRAKOWA"). Address,
telephone and e-mail lines are not part of it; a line that mixes contact details and the
office name ("Centrala: ... Urząd Wojewódzki ...") gives the office name.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence

import regex

from extract import morph, people
from extract.fields import FieldName, SenderParts
from extract.layout import Layout, Segment, beside, is_sentence
from extract.model import Candidate
from extract.patterns import ADDRESS, CONTACT, LIST_HEADING, ON_BEHALF, REGISTRY_STAMP
from extract.patterns import ORGAN as ORGAN_HEAD
from extract.stages import NOTHING, Earlier, Stage
from extract.stamps import StampKind, of_kind
from extract.text import TextView

NAME = "rules.sender"
_WORD_START = regex.compile(r"(?<![\p{L}\d@./])\p{Lu}")
_MARKS = regex.compile(r"^[^\p{L}\d]+")  # spaces, and marks OCR read in a logo
# "Żywiec, 2019 -03- 14", "Zamość, sierpień 2016 r." printed on the letterhead's line.
# The place is one word, in title case (then the date may be worded) or in capitals (then
# in digits): the letterhead before it ("STAROSTWO POWIATOWE", "Urząd Gminy Zabierzów")
# stays whole. (A two-word place loses its first word to the letterhead.)
_PLACE_AND_DATE = regex.compile(
    r"\s\p{Lu}\p{Ll}[\p{L}-]*,\s*(?:dn(?:ia|\.)\s*)?(?:\d|\p{Ll}+\s+\d{4})"
    r"|\s\p{Lu}{3,}[\p{Lu}-]*,\s*(?:dn(?:ia|\.)\s*)?\d"
)
MAX_LINES = 3
CONTINUATION_GAP = 0.8
LETTERHEAD_DEPTH = 0.3  # share of the page height the letterhead stays within
ORGAN_CONFIDENCE = 0.8  # "Prezydent Miasta ...": the organ, what the archive catalogues
OFFICE_CONFIDENCE = 0.7  # "Urząd Miasta ...": the office, when no organ is printed
STAMP_CONFIDENCE = 0.8  # times the above: a header stamp is worn, and read apart
IN_STAMP = 0.5  # share of a line's box inside a registry stamp's: the stamp's line
TAIL_LINES = 25  # a letter without a signature zone: its office is looked for this far up


def find(layout: Layout, earlier: Earlier = NOTHING) -> Iterator[Candidate]:
    """The letterhead's organ (preferred) and office names; a header stamp's, less surely.

    With neither, the organ the body speaks for ("w imieniu Starosty X informuję"). Each
    candidate carries the sender by level (:class:`SenderParts`), from all of them and
    the signature's "z up.".
    """
    found = list(_found(layout))
    parts = _parts(found)
    for candidate in found:
        yield dataclasses.replace(candidate, parts=parts)


def _parts(found: Sequence[Candidate]) -> SenderParts | None:
    """The organ, the office and its unit among the names found, first of each kind.

    An office is the organ's only when the two name the same place or domain ("Burmistrz
    Miasta Sanoka", "Urząd Miasta Sanoka"): a heading of another body printed above the
    letterhead ("KANCELARIA SENATU" over "Minister Łączności") is not.
    """
    organ = office = unit = None
    for candidate in found:
        value = str(candidate.value)
        kind = people.line_kind(value)
        if kind == "position" and not ON_BEHALF.match(value):
            organ = organ or value
        elif kind == "organization" and _UNIT.match(value):
            unit = unit or value
        elif kind == "organization":
            office = office or value
    if organ is not None and office is not None and not people.same_body(organ, office):
        office = None
    if organ is None and office is None and unit is None:
        return None
    return SenderParts(organ, office, unit)


# The units of an office: "Wydział Architektury", "Departament Rolnictwa", "Referat X".
_UNIT = regex.compile(
    r"(?i:wydzia[łl]|departament|referat|biuro|dzia[łl]|oddzia[łl]|sekcja|"
    r"samodzielne\s+stanowisko|delegatura)\b"
)


def _found(layout: Layout) -> Iterator[Candidate]:
    """The sender's candidates, in the order of their sources' trust."""
    printed = [*_labelled(layout), *_letterhead(layout)]
    yield from printed
    for stamp in of_kind(layout.stamps, StampKind.HEADER):
        # A letter without a printed letterhead carries the office's stamp where it would
        # stand; a stamp reads worse than print, so a printed letterhead wins.
        stamp_layout = Layout(stamp.view)
        for found in _letterhead(stamp_layout, stamp_layout.segments(stamp.view.lines)):
            confidence = found.confidence * STAMP_CONFIDENCE
            yield dataclasses.replace(found, confidence=confidence)
            return
    if not printed:
        yield from _spoken_for(layout.view)
        yield from _speaking(layout.view)
        yield from _signed_office(layout)


# "Od: Urząd Miasta X, Wydział Y." (a letter sent as, or transcribed from, an e-mail).
_FROM_LABEL = regex.compile(r"\s*(?:Od|Nadawca)\s*:\s*(?P<rest>\S.*)")


def _labelled(layout: Layout) -> Iterator[Candidate]:
    """The sender a head line names after "Od:": its first part, up to a comma."""
    view = layout.view
    for part in layout.head:
        found = _FROM_LABEL.match(view.text, part.start, part.end)
        if found is None:
            continue
        first = found["rest"].split(",")[0].strip(" .;")
        if people.line_kind(first) not in {"position", "organization"}:
            continue
        start = found.start("rest")
        end = start + len(first)
        yield _candidate(view, people.normal_case(first), start, end, ORGAN_CONFIDENCE)
        return


# "w imieniu Starosty Borkowskiego informuję", "z upoważnienia Burmistrza Miasta X": the
# organ the letter speaks for, in the genitive, capitalised words up to the verb.
_SPOKEN_FOR = regex.compile(
    r"\b(?:w\s+imieniu|z\s+upoważnienia)\s+"
    r"(?P<organ>\p{Lu}\p{Ll}+(?:\s+(?:\p{Lu}[\p{L}\-]*|m\.\s?st\.|(?:i|w|we)(?=\s+\p{Lu})))*)"
)
SPOKEN_FOR_CONFIDENCE = 0.6  # named in a sentence, not printed as the letterhead


def _spoken_for(view: TextView) -> Iterator[Candidate]:
    for found in _SPOKEN_FOR.finditer(view.text):
        organ = morph.organ_nominative(found["organ"])
        if people.line_kind(organ) != "position" or ORGAN_HEAD.match(organ) is None:
            continue
        start, end = found.span("organ")
        yield _candidate(view, people.normal_case(organ), start, end, SPOKEN_FOR_CONFIDENCE)
        return


# "Referat X Urzędu Miejskiego w Y informuje, że": an office speaking of itself in the third
# person, the subject a run of capitalised words (an acronym explained in brackets may
# follow it) right before the verb and its "że". The run is bounded: a page of capitals
# must not make the search slow.
_CAPITALISED = r"\p{Lu}[\p{L}\-]*"
_JOINING = ("i", "w", "we", "z", "ze", "do", "na")  # lower-case words inside office names
_NAME_WORD = rf"(?:{_CAPITALISED}|{'|'.join(_JOINING)})"
_SPEAKING = regex.compile(
    rf"(?<![\p{{L}}.])(?P<subject>{_CAPITALISED}(?:\s+{_NAME_WORD}(?=\s)){{0,12}}\s+{_CAPITALISED}"
    r"|\p{Lu}{2,8})(?:\s*\([^()]{2,12}\))?\s+(?:uprzejmie\s+)?"
    r"(?:informuje|zawiadamia|wyjaśnia),?\s+(?:że|iż)\b"
)
# The subject of a clause that reports another office ("zgodnie z pismem X informuje, że",
# "wskazano, że X informuje"): the words before it in the sentence.
_REPORTED = regex.compile(r"(?:\b(?:że|iż|pism\w*|któr\w*|jak)|,)\s*$")
# "Podkarpacki Ośrodek Doradztwa (POD)": where the letter spells out its acronym.
_SPELLED_OUT = rf"(?P<full>{_CAPITALISED}(?:\s+{_NAME_WORD}){{1,12}})\s*\(\s*"
# A unit speaking for its office: the office follows in the genitive ("Wydział X Urzędu Y").
_UNIT = regex.compile(r"^(?:Wydzia[łl]|Referat|Departament|Biuro|Zesp[óo][łl]|Dzia[łl])\b")
SPEAKING_CONFIDENCE = 0.5  # the subject of a sentence: a letter may quote another office


def _speaking(view: TextView) -> Iterator[Candidate]:
    """The office or organ the body speaks as, in the third person ("X informuje, że")."""
    for found in _SPEAKING.finditer(view.text):
        start, end = found.span("subject")
        if _REPORTED.search(view.text[max(0, start - 20) : start]):
            continue
        spoken = _named_by_tail(view, start, end, spelled=False)
        if spoken is not None:
            yield spoken
            return


def _named_by_tail(view: TextView, start: int, end: int, *, spelled: bool) -> Candidate | None:
    """The longest tail of the capitalised run at ``start:end`` that names an office.

    The run may open with other words ("Ponadto POD", "W odpowiedzi ... Referat X").
    """
    run = view.text[start:end]
    for word in _WORD_START.finditer(run):
        found = _speaker(view, start + word.start(), end, spelled=spelled)
        if found is not None:
            return found
    return None


def _speaker(view: TextView, start: int, end: int, *, spelled: bool) -> Candidate | None:
    """The office or organ the words at ``start:end`` name, as a sender candidate.

    An acronym is looked up once (``spelled``) where the letter spells it out.
    """
    subject = view.text[start:end]
    if regex.fullmatch(r"\p{Lu}{2,8}", subject):
        found = (
            None
            if spelled
            else regex.search(_SPELLED_OUT + regex.escape(subject) + r"\s*\)", view.text)
        )
        return None if found is None else _named_by_tail(view, *found.span("full"), spelled=True)
    if _UNIT.match(subject):
        office = _office_within(subject)
        if office is None:
            return None
        subject, start = subject[office:], start + office
    organ = morph.organ_nominative(subject)
    if len(organ.split()) < 2 or people.line_kind(organ) not in {"position", "organization"}:
        return None
    return _candidate(view, people.normal_case(organ), start, end, SPEAKING_CONFIDENCE)


def _office_within(unit: str) -> int | None:
    """Where the office a unit belongs to starts in its name ("Urzędu" in "Wydział X Urzędu Y")."""
    for match in _WORD_START.finditer(unit):
        rest = unit[match.start() :]
        if match.start() and people.line_kind(rest) == "organization" and not _UNIT.match(rest):
            return match.start()
    return None


SIGNED_OFFICE_CONFIDENCE = 0.6  # an office under the signer's name or in the footer
_ADDRESS_WITHIN = 2  # lines: an office line with its address right under it


def _signed_office(layout: Layout) -> Iterator[Candidate]:
    """The office under the signature or in the footer: its name with its address below.

    A letter sent by e-mail, or printed without a letterhead, names its office where the
    signer signs ("Jan Nowak / Urząd Gminy X / ul. ... / 00-000 X") or in the footer.
    """
    view = layout.view
    zone = layout.signature_zone.parts
    first = zone[0].line if zone else layout.body_start  # not the addressee's office
    parts = layout.segments(view.lines[max(first, len(view.lines) - TAIL_LINES) :])
    for index, part in enumerate(parts):
        text = view.text[part.start : part.end]
        if LIST_HEADING.match(text):
            return  # a distribution list: its offices are the recipients
        if people.line_kind(text) != "organization" or regex.match(r"\s*\d", text):
            continue
        below = (view.text[p.start : p.end] for p in parts[index + 1 : index + 1 + _ADDRESS_WITHIN])
        if any(ADDRESS.search(t) for t in below):
            value = people.normal_case(_without_contact(text.strip()))
            yield _candidate(view, value, part.start, part.end, SIGNED_OFFICE_CONFIDENCE)
            return


def _letterhead(layout: Layout, head: Sequence[Segment] | None = None) -> Iterator[Candidate]:
    """The organ and office names heading ``head`` (default: the head of page 1)."""
    view = layout.view
    head = layout.head if head is None else head
    addressee_block = set(layout.addressee_block.parts if layout.addressee_block else ())
    after_on_behalf = False
    for position, part in enumerate(head):
        text = view.text[part.start : part.end]
        if part in addressee_block:
            continue
        if people.honorific(text)[0] is not None or part.bbox.top > LETTERHEAD_DEPTH * (
            view.lines[part.line].page_height
        ):
            return  # the addressee block or below: no letterhead any more
        if ON_BEHALF.match(text):
            after_on_behalf = True  # an e-signature block printed at the top
            continue
        if _near_stamp(view, head, position) or after_on_behalf or _in_registry(layout, part):
            continue
        offset = _organ_start(text)
        if offset is None or is_sentence(text[offset:]):
            continue  # "Wójt Gminy X zawiadamia, że ...": the body, speaking as its organ
        start = part.start + offset
        end_offset = _organ_end(view, head, position, run_on=layout.run_on)
        printed = _without_contact(" ".join(view.text[start:end_offset].split()))
        value = people.normal_case(printed.strip(" ,;"))
        if not value:
            continue
        organ = people.line_kind(value) == "position"
        sureness = ORGAN_CONFIDENCE if organ else OFFICE_CONFIDENCE
        yield _candidate(view, value, start, end_offset, sureness)


STAGE = Stage(NAME, find, frozenset({FieldName.SENDER}))


def _candidate(view: TextView, value: str, start: int, end: int, sureness: float) -> Candidate:
    """The sender printed at ``start:end``, as sure as its kind of source and its OCR."""
    return Candidate(
        FieldName.SENDER,
        value,
        view.text[start:end],
        sureness * view.confidence(start, end),
        view.evidence(start, end),
        NAME,
    )


def _organ_start(text: str) -> int | None:
    """Where an organ or office name starts in the line, if it names one.

    After contact details ("tel. 12 345 67 89 Urząd Gminy X"), or after marks OCR read
    in a logo beside it ("°| ' Nadleśnictwo X"), which hold no word.
    """
    kind = people.line_kind(text)
    if kind in {"position", "organization"}:
        return len(text) - len(_MARKS.sub("", text, count=1))  # marks before it: not of it
    if kind not in {None, "contact"}:
        return None  # an address line: the addressee's or the letterhead's street
    for match in _WORD_START.finditer(text):
        if kind != "contact" and regex.search(r"\p{L}{2}", text[: match.start()]):
            return None
        if people.line_kind(_without_contact(text[match.start() :])) in {
            "position",
            "organization",
        }:
            return match.start()
    return None


def _without_contact(text: str) -> str:
    """The text before the first address or contact detail in it."""
    cut = len(text)
    for pattern in (CONTACT, ADDRESS, _PLACE_AND_DATE):
        found = pattern.search(text)
        if found is not None and found.start() > 0:
            cut = min(cut, found.start())
    return text[:cut].rstrip(" ,;:")


def _organ_end(
    view: TextView, head: Sequence[Segment], position: int, *, run_on: bool = False
) -> int:
    """End of the organ name: its line and the continuation lines right under it.

    ``run_on``: the head was one paragraph cut into parts, which follow each other in
    reading order wherever it wrapped: the next part continues the name or nothing does.
    """
    first = head[position]
    end = first.end
    previous = first
    taken = 1
    for part in head[position + 1 :]:
        if taken >= MAX_LINES or part.page != first.page:
            break
        if beside(part, first, run_on=run_on):
            continue
        text = view.text[part.start : part.end]
        gap = (part.bbox.top - previous.bbox.bottom) / max(1, previous.bbox.height)
        named = people.line_kind(text) is not None and not _genitive_words(text)
        if gap > CONTINUATION_GAP or named or not _continues(text):
            break
        end, previous, taken = part.end, part, taken + 1
    return end


def _genitive_words(text: str) -> bool:
    """A line of an office name's genitive tail ("WOJEWÓDZTWA LUBUSKIEGO", "Gminy X").

    Such a line names no office of its own: its first word is no noun in the nominative.
    """
    words = text.split()
    if not words:
        return False
    first = people.normal_case(words[0])
    # A known genitive, not merely no nominative: a word OCR stripped of its diacritics
    # ("Wydzial") is known as neither.
    return not morph.nominative_singular(first) and morph.genitive(first)


def _continues(text: str) -> bool:
    """A continuation of an office name: capitalised words, no digits, not a name."""
    words = regex.findall(r"\p{L}+", text)
    return (
        bool(words)
        and not regex.search(r"\d", text)
        and all(w[:1].isupper() or w.lower() in _JOINING for w in words)
        and people.find_name(text) is None
    )


def _in_registry(layout: Layout, part: Segment) -> bool:
    """Whether the segment is part of a registry stamp: the receiving office's name."""
    return any(
        stamp.page == part.page and part.bbox.overlap_share(stamp.stamp.bbox) > IN_STAMP
        for stamp in of_kind(layout.stamps, StampKind.REGISTRY)
    )


def _near_stamp(view: TextView, head: Sequence[Segment], position: int) -> bool:
    """Whether the segment heads a registry stamp (its next lines are stamp lines)."""
    first = head[position]
    close = [
        p
        for p in head[position : position + 4]
        if abs(p.left_fraction - first.left_fraction) < 0.15
    ]
    texts = (view.text[p.start : p.end] for p in close)
    return any(REGISTRY_STAMP.search(t) and not CONTACT.search(t) for t in texts)
