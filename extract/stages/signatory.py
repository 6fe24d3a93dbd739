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

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

import regex

from extract import morph, people
from extract.fields import FieldName, Signatory, SignatureKind
from extract.layout import Layout, Segment, is_sentence
from extract.model import Candidate, Evidence
from extract.patterns import (
    COPY_MARK,
    E_SIGNED_BY,
    ELECTRONIC_SIGNATURE,
    ON_BEHALF,
    ORGAN_THEN_ON_BEHALF,
    POSITION,
    SIGNATURE_CAPTION,
    TITLES,
)
from extract.stages import NOTHING, Earlier, Stage
from extract.stamps import StampKind, StampText, of_kind
from extract.text import TextView
from ocr.types import BBox

NAME = "rules.signatory"
# A place-and-date line printed at the end of the letter, above or beside the signature.
_DATE_LINE = regex.compile(
    r"\d{1,2}\s?[.\-/]\s?\d{1,2}\s?[.\-/]\s?\d{2,4}|\d{4}-\d\d-\d\d|\bdnia\b|\b(?:19|20)\d\d\b"
)
E_SIGNATURE_CONFIDENCE = 0.8
# A signatory read from a name stamp: stamp text is worn and crossed by the signature, so
# it never reaches the confidence of print (times the stamp's own OCR confidence).
STAMP_CONFIDENCE = 0.8
# Signature strokes stand within this many text-line heights of the signatory's words.
SIGNATURE_REACH = 6
REPAIRED_NAME = 0.9  # a name that needed an OCR repair is less sure


@dataclass(slots=True)
class _Signature:
    name: str | None = None
    e_signed: str | None = None
    positions: list[str] = field(default_factory=list)
    on_behalf_of: str | None = None
    repaired: bool = False  # the name needed an OCR repair
    electronic: bool = False  # an e-signature caption ("Dokument podpisany przez ...")


def find(layout: Layout, earlier: Earlier = NOTHING) -> Iterator[Candidate]:
    """The signatory of the letter's closing block, completed from its name stamp."""
    view = layout.view
    block, confidence = layout.signature_zone.parts, layout.signature_zone.confidence
    signature = _parse(view, block) if block else _Signature()
    texts = [view.text[s.start : s.end] for s in block]
    evidence = [e for s in block for e in view.evidence(s.start, s.end)]
    name_stamp = _name_stamp(layout)
    stamped = _from_stamp(name_stamp, signature)
    kind = _kind(layout, signature, evidence, name_stamp)
    if stamped is not None:
        stamp, signed, read = stamped
        stamp_confidence = STAMP_CONFIDENCE * stamp.stamp.confidence
        confidence = min(confidence, stamp_confidence) if block else stamp_confidence
        signature = _merged(signature, signed)
        texts.append(read.text)
        evidence.extend(read.evidence(0, len(read.text)))
    name = signature.name or signature.e_signed
    if signature.name is None and signature.e_signed:
        confidence = min(confidence, E_SIGNATURE_CONFIDENCE)
    if signature.repaired:
        confidence *= REPAIRED_NAME
    position = _trimmed(" ".join(signature.positions)) or None
    if name is None and position is None:
        return
    if block:
        confidence *= min(view.confidence(s.start, s.end) for s in block)
    value = Signatory(name, position, signature.on_behalf_of, kind)
    yield Candidate(FieldName.SIGNATORY, value, "\n".join(texts), confidence, tuple(evidence), NAME)


def _name_stamp(layout: Layout) -> StampText | None:
    """The letter's last name stamp: the one pressed at its signature."""
    stamps = list(of_kind(layout.stamps, StampKind.NAME))
    return stamps[-1] if stamps else None


def _from_stamp(
    stamp: StampText | None, printed: _Signature
) -> tuple[StampText, _Signature, TextView] | None:
    """The name stamp, what it says and the reading that says it, when that adds to ``printed``."""
    if stamp is None:
        return None
    parsed = [
        (_parse(view, Layout(view).segments(view.lines), stamp=True), view)
        for view in stamp.readings
    ]
    named = max(parsed, key=lambda pair: _name_rank(pair[0]))  # the first of the best
    titled = next((p for p in parsed if _known_position(p[0])), None)
    signed = named[0]
    if titled is not None and not _known_position(signed):
        signed.positions = list(titled[0].positions)
    signed.on_behalf_of = _voted([p.on_behalf_of for p, _ in parsed], signed.on_behalf_of)
    # A stamp's worn letters: each word one letter off the only word SGJP knows is read
    # as that word ("Arcnitektury"); names are left alone (surnames are too many).
    signed.positions = _distinct([_repaired(p) for p in signed.positions])
    signed.on_behalf_of = signed.on_behalf_of and _repaired(signed.on_behalf_of)
    return (stamp, signed, named[1]) if _says_more(printed, signed) else None


def _voted(values: Sequence[str | None], own: str | None) -> str | None:
    """What most readings of a stamp say (a worn word is worn in one or two), ``own`` on a tie.

    Readings that say nothing do not vote: a line lost in one reading is no vote against it.
    """
    said = Counter(value for value in values if value)
    if not said:
        return own
    return max(said, key=lambda value: (said[value], value == own))


def _repaired(text: str) -> str:
    # Words with the symbols OCR reads for letters in them ("Mia$ta"): repaired_word maps
    # those back where a word has three letters in a row.
    return regex.sub(r"[\p{L}$|0-9]+", lambda m: _repaired_word(m.group()), text)


def _repaired_word(word: str) -> str:
    """A stamp's position word: a title or office word first ("Miaste": Miasta, not Miasto)."""
    fixed = people.position_word(word)
    return fixed if fixed != word else morph.repaired_word(word)


def _name_rank(signature: _Signature) -> int:
    """How far a reading's name can be trusted: a surname the dictionary knows, any, none.

    Readings of a worn stamp differ mostly in the surname ("Nowak", "nowak", "Nowek");
    the one that gives a known surname, unrepaired, is the likeliest right.
    """
    if signature.name is None:
        return 0
    surnames = signature.name.split()[1:]
    known = bool(surnames) and all(morph.is_surname(w) for w in surnames)
    return 1 + 2 * known + (not signature.repaired)


def _known_position(signature: _Signature) -> bool:
    return bool(signature.positions) and POSITION.match(signature.positions[0]) is not None


def _kind(
    layout: Layout,
    printed: _Signature,
    evidence: Sequence[Evidence],
    stamp: StampText | None,
) -> str | None:
    """How the letter was signed, or None when the page cannot show it (a grey scan)."""
    if printed.electronic:
        return SignatureKind.ELECTRONIC.value
    places = [
        *((e.page, e.bbox) for e in evidence),
        *([(stamp.page, stamp.stamp.bbox)] if stamp else []),
    ]
    if (stamp is not None and stamp.stamp.crossed_by is not None) or any(
        _near(mark.bbox, box) for page, mark in layout.marks for at, box in places if at == page
    ):
        return SignatureKind.HANDWRITTEN.value
    # A stamp with nothing of another ink across it is no proof of "stamp-only": the pen
    # may share the pad's colour (a pink stamp and a red pen). That needs the strokes told
    # apart by their shape; until then the answer is "not known".
    return SignatureKind.NONE.value if layout.born_digital else None


def _near(mark: BBox, box: BBox) -> bool:
    """Whether strokes stand by a signature's words: a few of their lines above or below."""
    reach = SIGNATURE_REACH * box.height
    overlaps = mark.left < box.right + reach and box.left < mark.right + reach
    return overlaps and mark.top < box.bottom + reach and box.top < mark.bottom + reach


def _says_more(printed: _Signature, stamp: _Signature) -> bool:
    """Whether the stamp gives what the printed block lacks (a name, a position, an organ)."""
    return bool(
        (stamp.name and not (printed.name or printed.e_signed))
        or (stamp.positions and not printed.positions)
        or (stamp.on_behalf_of and not printed.on_behalf_of)
    )


def _merged(printed: _Signature, stamp: _Signature) -> _Signature:
    """The printed block, its gaps filled from the stamp (print reads more reliably)."""
    name_from_stamp = not (printed.name or printed.e_signed) and stamp.name is not None
    return _Signature(
        name=stamp.name if name_from_stamp else printed.name,
        e_signed=printed.e_signed,
        # A block without a name is no signature block (a footer the zone ran into): the
        # stamp that names the signer has the position too.
        positions=(stamp.positions if name_from_stamp else [])
        or printed.positions
        or stamp.positions,
        on_behalf_of=printed.on_behalf_of or stamp.on_behalf_of,
        repaired=stamp.repaired if name_from_stamp else printed.repaired,
        electronic=printed.electronic,
    )


STAGE = Stage(NAME, find, frozenset({FieldName.SIGNATORY}))


def _parse(view: TextView, zone: Sequence[Segment], *, stamp: bool = False) -> _Signature:
    """What a signature block says; ``stamp``: it is a name stamp's reading.

    A name stamp's lines are a position and a name; a line there that is no position and
    no readable name is the name worn past reading. A printed block's such line is most
    likely the end of the position ("Miasta" / "Kolna").
    """
    signature = _Signature()
    awaiting_organ = awaiting_e_signed = continuing_organ = office_lines = False
    for index, part in enumerate(zone):
        text = COPY_MARK.sub("", view.text[part.start : part.end]).strip(" ,;")
        text = people.joined_pieces(text)  # "B U R M I S T R Z", "PREZ YDENTA"
        signature.electronic |= bool(ELECTRONIC_SIGNATURE.search(text))
        e_signed = E_SIGNED_BY.match(text)
        if e_signed:
            signature.electronic = True
            found = people.find_name(e_signed["rest"].strip(), whole=False)
            signature.e_signed = signature.e_signed or (found.value if found else None)
            awaiting_e_signed = found is None
            continue
        if (
            SIGNATURE_CAPTION.match(text)
            or _DATE_LINE.search(text)
            or not regex.search(r"\p{L}{2}", text)
        ):
            continue
        organ_first = ORGAN_THEN_ON_BEHALF.match(text)
        if organ_first and signature.on_behalf_of is None:
            signature.on_behalf_of = people.normal_case(organ_first["organ"].strip(" ,"))
            text = organ_first["rest"]
        on_behalf = ON_BEHALF.match(text)
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
        worn_last = stamp and index == len(zone) - 1 and signature.name is None
        if _first_name_alone(text) or (stamp and _name_remnant(text)):
            continue  # a name the signature or wear damaged: no position either
        if worn_last and _worn_words(text):
            continue  # a name stamp ends with the name: its last line, worn, is no position
        if office_lines or (signature.name and _office(text) and not signature.positions):
            # "Jan Nowak / Urząd Gminy X / X 15 / 00-000 X": the signer's office and its
            # address under the name, no position.
            office_lines = True
            continue
        if signature.positions and signature.positions[-1].endswith("-"):
            signature.positions[-1] += people.normal_case(text)  # "Szkolno-" / "Przedszkolnego"
        elif _legible(text):
            signature.positions.append(people.normal_case(_headed(text)))
    signature.positions = _distinct(signature.positions)
    return signature


def _trimmed(position: str) -> str:
    """A position without what a signature's strokes or the next line left at its ends.

    Strokes read as letters before its head word ("(zenne Naczelnik ...", "Seen
    Zastępca ...": only words SGJP does not know, and single letters, go; "Główny
    Specjalista", "p.o. Dyrektora" stay), the degrees of the name under it at its end
    ("... Miasta Ostrołęki mgr"), and a full stop a stroke put after a word within it
    ("Miasta. Tczewa"; "m.st." is an abbreviation and stays).
    """
    words = position.split()
    heads = [i for i in range(1, len(words)) if POSITION.match(" ".join(words[i:]))]
    # The last head with only strokes, or a worn reading of itself, before it ("R
    # ZASTĘPCA | m Zastępca Wójta ...": the stamp's head and the print's, read in a line).
    head = max(
        (i for i in heads if all(_stroke(w) or _same_word(w, words[i]) for w in words[:i])),
        default=0,
    )
    words = words[head:]
    while len(words) > 1 and TITLES.fullmatch(words[-1]):
        words.pop()
    return regex.sub(r"(?<=\p{L}{4})\.(?=\s+\p{Lu})", "", " ".join(words))


def _same_word(word: str, other: str) -> bool:
    return word.strip(",.:;").casefold() == other.strip(",.:;").casefold()


def _stroke(word: str) -> bool:
    """A word before a position's head that is a stroke read as letters, not a word."""
    letters = regex.sub(r"[^\p{L}]", "", word)
    return len(letters) < 2 or not morph.is_known(letters)


def _headed(text: str) -> str:
    """A position line whose misread head word ("Urmistrz") is read as the head it is."""
    first, _, rest = text.partition(" ")
    head = people.position_head(first)
    return text if head == first else f"{head} {rest}".rstrip()


def _distinct(positions: list[str]) -> list[str]:
    """Position lines without one a later line repeats ("Burmistrz" before "Burmistrz X").

    A stamp pressed over the printed block gives a position twice, once in print and once
    in the stamp's reading. Whole words are compared ("Dyrektor" stays before "Dyrektorka").
    """
    kept: list[str] = []
    for index, line in enumerate(positions):
        words = line.casefold().split()
        later = [p.casefold().split() for p in positions[index + 1 :]]
        if not any(other[: len(words)] == words for other in later):
            kept.append(line)
    return kept


# An academic degree opens a name line, never a position ("inż. Jan Nowak", "dr Nowak").
_DEGREE = regex.compile(r"(?i:prof|dr|hab|in[żz]|mgr|lic)\.?\s+\S")


def _name_remnant(text: str) -> bool:
    """A name line OCR damaged: a degree before it, a known surname last, or worn words.

    Such a line is no name to report, and no part of the position either.
    """
    if _DEGREE.match(text):
        return True
    if POSITION.match(text) is not None:
        return False
    words = regex.findall(r"\p{L}+", text)
    if not words or len(words) > 3:
        return False
    last = words[-1]
    if morph.is_surname(last) and not morph.is_common_word(last):
        return True  # "Michalak", "Kamyk Kozłowski": the first name misread
    if morph.is_surname(last) and _name_shaped(words) and people.line_kind(text) is None:
        # Many surnames are words too ("Wieczorek", "Lis"); in a name stamp a line of
        # capitalised words that names no office and ends in one is the name, worn.
        return True
    # Mostly words the dictionary does not know ("ikora", "Ararze Lude"): a name worn
    # past reading; a position's words are dictionary words.
    unknown = [w for w in words if regex.search(r"\p{Ll}", w) and not morph.is_known(w)]
    return 2 * len(unknown) >= len(words) + 1


def _worn_words(text: str) -> bool:
    """A short line with a word the dictionary does not know, and no position's head.

    A position's words are dictionary words (a worn one is repaired before this), so on
    a name stamp's last line such a word is a name the pen wore ("Ju w as Lis").
    """
    words = regex.findall(r"\p{L}+", text)
    if not words or len(words) > MAX_NAME_WORDS or POSITION.match(text) is not None:
        return False
    return any(len(w) >= 2 and not w.isupper() and not morph.is_known(w) for w in words)


MAX_NAME_WORDS = 4  # a name with a degree, or a name a stroke cut into pieces


def _name_shaped(words: Sequence[str]) -> bool:
    """Two or three capitalised words, as a name line prints them."""
    return 2 <= len(words) <= 3 and all(w[0].isupper() for w in words)


def _office(text: str) -> bool:
    """An office named in the nominative ("Urząd Gminy X"), not a position's genitive part."""
    words = text.split()
    return (
        people.line_kind(text) == "organization"
        and bool(words)
        and morph.nominative_singular(words[0])
    )


def _first_name_alone(text: str) -> bool:
    words = text.split()
    return len(words) == 1 and POSITION.match(text) is None and morph.is_first_name(words[0])


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
    return opening and not is_sentence(text)
