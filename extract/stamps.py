"""The stamps OCR found on a letter, as text the stages can read, each with its kind.

A stamp's reading is worse than print's: it is small, worn, pressed unevenly and crossed by
a signature. Its lines are cleaned of the edge junk a signature stroke leaves ("Jan
Nowa:12", "57 Anna Kowal;"), a first word one or two letters off a position's head word is
read as that word ("PREZYDENI MIASTA", "JYREKTOR"), because a stamp's first line is almost
always a position and a worn letter is the likeliest misreading, and a worn first name
before a known surname is repaired. OCR keeps several readings of a stamp (its best and
its alternatives); each is cleaned, and the fields choose among them.

A grey scan's registry stamp is read by OCR among the page's own lines; it is found there
by its shape (:func:`registry_in_text`) and given as a stamp of its own.

Kinds, from what a stamp says and where it stands:

* ``registry``: the receiving office's registry stamp ("Wpłynęło", "Data wpływu", "L.dz.");
* ``name``: a name stamp (a position, a name, "z up."), under or beside the signature;
* ``header``: the sending office's name and address stamped at the top of page 1, where a
  printed letterhead would be;
* ``other``: anything else (a round seal's ring of text, a date stamp, an unreadable one).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum

import regex

from extract import morph, people
from extract.dates import find_dates
from extract.patterns import (
    ADDRESS,
    DISPATCH_STAMP,
    ON_BEHALF,
    ORGANIZATION,
    POSITION,
    REGISTRY_STAMP,
    TITLES,
)
from extract.text import TextView
from ocr.types import BBox, Ink, OcrDocument, OcrLine, OcrPage, OcrWord, Stamp, mean_confidence

# A date or a registry number: four digits at least, in groups ("14.08.2016", "4488/16").
_NUMBERED = regex.compile(
    r"(?=(?:\D{0,3}\d){4})\d{1,4}\s*[.\-/ ]\s*\d{1,4}(?:\s*[.\-/ ]\s*\d{2,4})?"
)
SHORT_LINE = 5  # letters; a shorter stamp line ...
SURE_WORD = 0.75  # ... read less surely than this is a stroke, not a word
HEADER_DEPTH = 0.3  # share of page 1's height a header stamp stands within


class StampKind(StrEnum):
    """What a stamp is, for the fields it may give."""

    NAME = "name"
    REGISTRY = "registry"
    HEADER = "header"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class StampText:
    """One stamp: where it is, its kind, and its cleaned lines as a searchable view."""

    page: int
    stamp: Stamp
    kind: StampKind
    # Every legible reading of the stamp (its best first, then its alternatives), cleaned,
    # its lines only, in page pixels (evidence points at the stamp): a field may take from
    # another reading what the best one mangled. Never empty.
    readings: tuple[TextView, ...]
    in_text: bool = False  # found among the page's own lines (a grey scan's registry stamp)

    @property
    def view(self) -> TextView:
        """The stamp's best reading."""
        return self.readings[0]


def stamps_of(document: OcrDocument) -> tuple[StampText, ...]:
    """Every stamp of the document with a legible line, page by page, top to bottom.

    On a page without a registry stamp read apart, one found among the page's lines comes
    after the page's stamps.
    """
    found: list[StampText] = []
    for page in document.pages:
        for stamp in sorted(page.stamps, key=lambda s: (s.bbox.top, s.bbox.left)):
            readings = [
                legible
                for lines in (stamp.lines, *stamp.alternatives)
                if (legible := tuple(c for line in lines if (c := _cleaned(line)) is not None))
            ]
            composite = _composite_name(readings)
            views = tuple(
                TextView(_as_document(document, page, lines))
                for lines in (*readings, *([composite] if composite else []))
            )
            if views:
                kind = _kind(views, page, stamp)
                found.append(StampText(page.number, stamp, kind, views))
        if not any(s.kind is StampKind.REGISTRY for s in found):
            printed = registry_in_text(page)
            if printed is not None:
                view = TextView(_as_document(document, page, printed.lines))
                found.append(StampText(page.number, printed, StampKind.REGISTRY, (view,), True))
    return tuple(found)


def _composite_name(readings: Sequence[tuple[OcrLine, ...]]) -> tuple[OcrLine, ...] | None:
    """A reading whose name joins the first name one reading got to another's surname.

    "dr Małgorzata Fijstkowska" and "dr Makgerzała Fijałkowska" make Małgorzata
    Fijałkowska; "mgr Ratał K złodziej" and "mgr Batał Kołodziej" make Rafał Kołodziej (a
    first name one letter off is repaired here, as the surname another reading gives
    vouches for the line). A reading's name line is its last line of capitalised words
    (after degrees); its surname, the second of exactly two. None when one reading has
    the whole name, or no two readings make it.
    """
    named: list[tuple[int, int, OcrWord, OcrWord | None]] = []  # reading, line, first, surname
    for index, lines in enumerate(readings):
        words = _name_words(lines[-1])  # a name stamp ends with the name
        if words:
            surname = words[1] if len(words) == 2 and words[1].text[:1].isupper() else None
            named.append((index, len(lines) - 1, words[0], surname))
    if any(s and morph.is_first_name(f.text) and morph.is_surname(s.text) for _, _, f, s in named):
        return None
    surname = next((s for _, _, _, s in named if s and morph.is_surname(s.text)), None)
    given = next(
        (n for n in named if morph.is_first_name(morph.repaired_first_name(n[2].text))), None
    )
    if given is None or surname is None:
        return None
    index, position, first, _ = given
    line = readings[index][position]
    name = [_as(first, morph.repaired_first_name(first.text)), surname]
    words = [*line.words[: line.words.index(first)], *name]  # the degrees before it kept
    composite = list(readings[index])
    composite[position] = OcrLine.from_words(words, block=line.block, paragraph=line.paragraph)
    return tuple(composite)


def _name_words(line: OcrLine) -> list[OcrWord]:
    """The words of a name line after its degrees ("dr Jan Nowak"); [] if it is none.

    Two or three words, the first capitalised (a worn surname may read as pieces).
    """
    words = list(line.words)
    while words and TITLES.fullmatch(words[0].text + " "):
        words.pop(0)
    first = words[0].text if words else ""
    named = 2 <= len(words) <= 3 and first[:1].isupper() and first.isalpha() and not first.isupper()
    return words if named else []


# "WPŁYNĘŁO", "Data wpływu", "Wpł." heading a short run of words: a registry stamp the
# page's OCR read as print (on a grey scan nothing tells its ink from print's). The head
# is capitalised, as stamps print it; "wpłynęło" in lower case is a sentence's verb.
# "WPŁYNĘŁO" (its last letter may be worn: "WPŁYNĘŁ", but not "wpłynęła" in a sentence).
_REGISTRY_HEAD = regex.compile(
    r"\W{0,3}(?:(?i:WP[ŁL]YN[ĘE][ŁL]O?\b)|Data\s+wp[łl]ywu|DATA\s+WP[ŁL]YWU|Wp[łl]\.|WP[ŁL]\.)"
)
_HEAD_HINT = ("wp", "data")  # a line without either is not looked at further (speed)
REGISTRY_LINES = 3  # a registry stamp's lines below its head: date, number, signature
OFFICE_LINES = 2  # ... and above it: the receiving office's name
MAX_STAMP_WORDS = 4  # a run of more words on one line is a sentence, not a stamp's line
MAX_HEAD_WORDS = 3  # the head and, at most, the date printed beside it
# Words this many line heights apart belong to different blocks that share a text line
# (the stamp and the addressee beside it).
BLOCK_GAP = 2.0
ADJACENT = 1.5  # line heights from one stamp line to the next, at most


def registry_in_text(page: OcrPage) -> Stamp | None:
    """A registry stamp among the page's own lines: its head and the lines under it.

    Each line's run of words in the head's column is taken (a stamp shares its text lines
    with the addressee block beside it). It is a stamp only by its shape: a capitalised
    head standing apart (not inside a sentence, not a column heading of a table), a date
    on the line right under it, and above it at most an office's name right over it.
    """
    for index, line in enumerate(page.lines):
        if not any(hint in line.text.casefold() for hint in _HEAD_HINT):
            continue
        head = _registry_head(line)
        if not head or len(head) > MAX_HEAD_WORDS or _runs(line.words) > 2:
            continue  # a sentence, or a table's row of column headings
        left, right = head[0].bbox.left, head[-1].bbox.right
        reach = (right - left) // 2
        column = (left - reach, right + reach)
        below = _adjacent(page.lines[index + 1 : index + 1 + REGISTRY_LINES], column, head[0])
        if not any(_date_in(part.text, None) for part in below[:2]):
            continue  # no date stamped right under the head (a stroke may stand between)
        above = _adjacent(page.lines[max(0, index - OFFICE_LINES) : index][::-1], column, head[0])
        office = [part for part in above[::-1] if not regex.search(r"\d", part.text)]
        if office and people.line_kind(office[0].text) != "organization":
            office = []  # an organ's letterhead over the stamp is not the receiving office
        lines = (*office, OcrLine.from_words(head, block=line.block), *below)
        return Stamp(BBox.enclosing(ln.bbox for ln in lines), Ink.BLACK, lines)
    return None


def _adjacent(lines: Sequence[OcrLine], column: tuple[int, int], head: OcrWord) -> list[OcrLine]:
    """The runs in the column of ``lines`` (nearest first), while each is next to the last.

    A line with nothing in the column is passed over: the letterhead's line beside the
    stamp, which the engine put between two of its lines.
    """
    found: list[OcrLine] = []
    previous = head.bbox
    for line in lines:
        part = _in_column(line, column)
        if part is None:
            continue
        gap = max(part.bbox.top - previous.bottom, previous.top - part.bbox.bottom)
        if gap > ADJACENT * max(1, head.bbox.height):
            break
        found.append(part)
        previous = part.bbox
    return found


def _runs(words: Sequence[OcrWord]) -> int:
    """How many block-separated runs of words a line holds."""
    count, start = 0, 0
    while start < len(words):
        start += len(_run(words, start))
        count += 1
    return count


def _registry_head(line: OcrLine) -> tuple[OcrWord, ...]:
    """The run of words a registry stamp's head opens in the line, or ().

    The head stands at the line's start or after a block-sized gap (a stamp beside the
    letterhead's contact line).
    """
    words = line.words
    for start, word in enumerate(words):
        if not regex.search(r"\p{L}", word.text):
            continue  # a stroke before it ("| WPŁYNĘŁO") is no part of the head
        apart = not any(regex.search(r"\p{L}", w.text) for w in words[:start]) or (
            word.bbox.left - words[start - 1].bbox.right
            > BLOCK_GAP * max(1, words[start - 1].bbox.height)
        )
        if apart and _REGISTRY_HEAD.match(" ".join(w.text for w in words[start : start + 2])):
            return _run(words, start)
    return ()


def _in_column(line: OcrLine, column: tuple[int, int]) -> OcrLine | None:
    """The run of words that starts in a stamp's column, if a stamp line's few."""
    start = next(
        (
            i
            for i, w in enumerate(line.words)
            if column[0] <= (w.bbox.left + w.bbox.right) // 2 <= column[1]
        ),
        None,
    )
    if start is None:
        return None
    words = _run(line.words, start)
    return OcrLine.from_words(words, block=line.block) if len(words) <= MAX_STAMP_WORDS else None


def _run(words: Sequence[OcrWord], start: int) -> tuple[OcrWord, ...]:
    """The words from ``start`` on that stand together, up to the first block-sized gap."""
    run = [words[start]]
    for word in words[start + 1 :]:
        if word.bbox.left - run[-1].bbox.right > BLOCK_GAP * max(1, run[-1].bbox.height):
            break
        run.append(word)
    return tuple(run)


def _kind(views: Sequence[TextView], page: OcrPage, stamp: Stamp) -> StampKind:
    """The kind the stamp's best reading shows; if none, the kind another reading shows.

    The best reading decides, so that one noisy reading's "podpis" does not make a name
    stamp a registry stamp; a best reading that lost the telling line is helped out.
    """
    for view in views:
        kind = _kind_of([view.text[line.start : line.end] for line in view.lines], page, stamp)
        if kind is not StampKind.OTHER:
            return kind
    return StampKind.OTHER


def _kind_of(texts: Sequence[str], page: OcrPage, stamp: Stamp) -> StampKind:
    if any(DISPATCH_STAMP.search(t) for t in texts):
        return StampKind.OTHER  # the sender's own "sent" stamp: no receiving office's date
    if any(REGISTRY_STAMP.search(t) for t in texts):
        return StampKind.REGISTRY
    if any(POSITION.match(t) or ON_BEHALF.match(t) for t in texts):
        return StampKind.NAME
    at_top = page.number == 1 and stamp.bbox.bottom <= HEADER_DEPTH * page.height
    if not at_top and any(_name_line(t) for t in texts):
        return StampKind.NAME  # its position worn past reading under the pen: the name is left
    if at_top and any(ORGANIZATION.match(t) or ADDRESS.search(t) for t in texts):
        return StampKind.HEADER
    return StampKind.OTHER


def _name_line(text: str) -> bool:
    """A line that is a person's name and nothing else ("Jan Nowak")."""
    found = people.find_name(text)
    return found is not None and found.start == 0 and found.end == len(text)


def _cleaned(line: OcrLine) -> OcrLine | None:
    """The line without edge junk, its first word repaired to a position head; None if empty."""
    words = _surname_joined(
        _pieces_joined([part for w in line.words for part in _unglued(_trimmed(w))])
    )
    while words and _junk_word(words[0].text, words[1:]) and not _preposition(words):
        words.pop(0)
    while words and _junk_word(words[-1].text, words[:-1]):
        words.pop()
    text = " ".join(w.text for w in words)
    numbered = _NUMBERED.search(text) is not None  # a date stamp's "2016 -08- 14" is kept
    if not words or not (numbered or regex.search(r"\p{L}{2}", text)):
        return None
    if (
        not numbered
        and len(regex.findall(r"\p{L}", text)) < SHORT_LINE
        and (mean_confidence(words) or 0) < SURE_WORD
    ):
        return None  # "rze", "NY": a stroke of the signature read as letters
    # A worn first word one or two letters off a position's head is that head; one whose
    # first letters wore off ("ura") is the office word it ends.
    head = people.position_head(words[0].text)
    words[0] = _as(words[0], people.worn_start(head) if head == words[0].text else head)
    words = _first_name_repaired(words)
    return OcrLine.from_words(words, block=line.block, paragraph=line.paragraph)


def _first_name_repaired(words: list[OcrWord]) -> list[OcrWord]:
    """A stamp's name line ("Kami Kaczmarek", "Darrusz KubiaX") with its worn words whole.

    A first name a letter or two from a given name is read as it when the surname is one
    SGJP knows; a surname one letter from a known one (a capital read in lower case too:
    "tając"), when the first name is a given name; both, when each is close to a name.
    Degrees before the name stay as printed.
    """
    words = _worn_degrees_dropped(words)
    degrees = 0  # "mgr inż. Jan Nowak": the degrees stay as printed
    while degrees < len(words) and TITLES.fullmatch(words[degrees].text):
        degrees += 1
    titles, name = words[:degrees], words[degrees:]
    if len(name) != 2 or not all(regex.fullmatch(r"[\p{L}$|0-9]+", w.text) for w in name):
        return words
    first, surname = name
    if morph.is_surname(surname.text) and surname.text[0].isupper():
        # The surname vouches for the line: its first word is a first name, however worn.
        given = morph.repaired_first_name(first.text, vouched=True)
        return [*titles, _as(first, given), surname]
    given = morph.repaired_first_name(first.text)  # as printed when it is a name already
    if not morph.is_first_name(given):
        return words
    fixed = morph.repaired_surname(surname.text, given)
    if not surname.text[0].isupper() and (fixed == surname.text or not fixed[:1].isupper()):
        return words  # a lower-case word is a surname only once repaired to one ("tając")
    if given != first.text and fixed == surname.text:
        # Both words worn ("Jaanna Ffjałkowska") are taken only when both are one letter
        # from a name: two chance hits on the register and the dictionary are unlikely.
        return words
    return [*titles, _as(first, given), _as(surname, fixed)]


def _worn_degrees_dropped(words: list[OcrWord]) -> list[OcrWord]:
    """A name line without the worn degree before a legible one ("męt inż. Jan Nowak").

    Only short words that are no first name, before a degree that is the line's second or
    third word (degrees stand before a name): "mgr" worn to "męt" would otherwise be read
    as the first name.
    """
    for index in (1, 2):
        if index < len(words) and TITLES.fullmatch(words[index].text):
            before = words[:index]
            if all(len(w.text) <= WORN_DEGREE and not morph.is_first_name(w.text) for w in before):
                return words[index:]
    return words


WORN_DEGREE = 4  # letters: "mgr", "inż.", "prof" worn


def _surname_joined(words: list[OcrWord]) -> list[OcrWord]:
    """A name line whose surname the pen cut in two ("Marek Wiśniew ki"), the surname whole.

    Looked at before edge junk goes (the cut-off piece is as short as a stroke). Only a
    lower-case piece after two capitalised words is a cut: "Anna Nowak Kowalska" is a
    double name. The first name, worn or not, decides the surname's gender.
    """
    if len(words) < 3:
        return words
    first, head, tail = words[-3:]
    if not (first.text[:1].isupper() and head.text[:1].isupper() and tail.text.islower()):
        return words
    joined = morph.joined_surname(head.text, tail.text, morph.repaired_first_name(first.text))
    if joined is None:
        return words
    whole = OcrWord(joined, head.bbox.union(tail.bbox), min(head.confidence, tail.confidence))
    return [*words[:-2], whole]


def _pieces_joined(words: list[OcrWord]) -> list[OcrWord]:
    """A letter-spaced stamp line's pieces as the words they are ("Z A S T Ę P C A").

    Looked at before edge junk goes: each piece of a spaced word is as short as a stroke.
    """
    joined = []
    for first, end in people.piece_runs([w.text for w in words]):
        run = words[first:end]
        box = BBox.enclosing(w.bbox for w in run)
        text = people.one_case("".join(w.text for w in run))
        joined.append(run[0] if len(run) == 1 else OcrWord(text, box, mean_confidence(run) or 0))
    return joined


def _as(word: OcrWord, text: str) -> OcrWord:
    return word if text == word.text else dataclasses.replace(word, text=text)


def _junk_word(text: str, others: list[OcrWord]) -> bool:
    """An edge "word" that is a stroke or a stray letter, not part of the line.

    A number is junk only beside words alone ("57 Bożena Góra": a stroke read as digits);
    in a line with other digits it is part of a date or a registry number.
    """
    if len(regex.findall(r"\p{L}", text)) > 1:
        return False
    if len(regex.findall(r"\d", text)) < 2:
        return True
    if regex.search(r"\d[./\-]\d", text):
        return False  # "25.05", "1234/24": a date or a registry number
    return not any(regex.search(r"\d", w.text) for w in others)


def _preposition(words: list[OcrWord]) -> bool:
    """A one-letter preposition or "i" opening a line ("W KÓRNIKU", "z up."), not a stroke."""
    return (
        len(words) > 1
        and words[0].text.casefold() in _PREPOSITIONS
        and bool(regex.match(r"\p{L}{2}", words[1].text))
    )


_PREPOSITIONS = frozenset({"w", "z", "o", "u", "i"})


def _unglued(word: OcrWord) -> list[OcrWord]:
    """Two words a worn gap read as a dot glued ("ura.lnwestycji"); abbreviations ("m.st.") stay."""
    parts = regex.fullmatch(r"(\p{L}{3,})\.(\p{L}{3,})", word.text)
    if parts is None:
        return [word]
    left, right = parts.groups()
    box = word.bbox
    cut = box.left + (box.right - box.left) * (len(left) + 1) // len(word.text)
    return [
        OcrWord(left, BBox(box.left, box.top, cut, box.bottom), word.confidence),
        OcrWord(right, BBox(cut, box.top, box.right, box.bottom), word.confidence),
    ]


def _trimmed(word: OcrWord) -> OcrWord:
    """A word without marks glued to it ("Nowa:12" -> "Nowa", "'Dyrektor" -> "Dyrektor")."""
    text = _MARKS_AFTER.sub("", word.text)
    text = _MARKS_BEFORE.sub("", text)
    return word if text == word.text else OcrWord(text, word.bbox, word.confidence)


_MARKS_AFTER = regex.compile(r"(?<=\p{L}{2})[^\p{L}.\-]+$")
_MARKS_BEFORE = regex.compile(r"^[^\p{L}\d]+(?=\p{L}{2})")


def _as_document(document: OcrDocument, page: OcrPage, lines: tuple[OcrLine, ...]) -> OcrDocument:
    """A one-page document of the stamp's lines, numbered as its page (for evidence)."""
    stamp_page = OcrPage(page.number, page.width, page.height, page.dpi, lines=lines)
    return OcrDocument(document.source, (stamp_page,), document.engine, document.lang)


def of_kind(stamps: Iterable[StampText], kind: StampKind) -> Iterator[StampText]:
    """The stamps of one kind, in document order."""
    return (s for s in stamps if s.kind is kind)


# A date as registry stamps print it, by hand or with a date stamp: "11 05. 2018",
# "11.V.2018", "2018 -05- 11"; a two-digit year too.
_STAMP_DATE = regex.compile(
    r"(?<!\d)(?P<day>[0-3]?\d)\s*[.\-/ ]\s*(?P<month>[01]?\d|[IVX]{1,4})\s*[.\-/ ]\s*"
    r"(?P<year>(?:19|20)\d\d|\d\d)(?!\d)|"
    r"(?<!\d)(?P<year2>(?:19|20)\d\d)\s*[.\-/ ]\s*(?P<month2>[01]?\d)\s*[.\-/ ]\s*"
    r"(?P<day2>[0-3]?\d)(?!\d)"
)
_DAY_MONTH = regex.compile(r"(?<!\d)(?P<day>[0-3]?\d)\s*[.\-/ ]\s*(?P<month>[01]?\d)\b")
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9}
_ROMAN |= {"X": 10, "XI": 11, "XII": 12}
# "L.dz.", "Nr", "L. wpł.", "Znak": the registry number follows.
_REGISTRY_NUMBER = regex.compile(
    r"(?:\bl\.?\s?dz\.?|\bnr\b\.?|\bnumer\b|\bl\.?\s?wp[łl]?\.?|\bznak\b)\s*:?\s*"
    r"(?P<number>[\p{L}\d][\p{L}\d./\-]*\d[\p{L}\d./\-]*)",
    regex.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class StampDate:
    """A date read on a stamp: ISO, as printed, and its span in the stamp's view."""

    value: str
    raw: str
    start: int
    end: int
    view: TextView  # the reading of the stamp it was read in


def stamp_date(stamp: StampText, year_hint: int | None = None) -> StampDate | None:
    """The first date a stamp states (digits, Roman months or words), or None.

    The stamp's best reading is asked first, then its other readings: a date stamp's
    digits are the likeliest part of a registry stamp to be misread in one of them.

    Args:
        stamp: The stamp.
        year_hint: The letter's year: taken for a stamp date whose year is missing or
            misread (a year after the hint's next one cannot be a registry date).
    """
    for view in stamp.readings:
        found = _date_in(view.text, year_hint)
        if found is not None:
            value, raw, start, end = found
            return StampDate(value, raw, start, end, view)
    return None


def _date_in(text: str, year_hint: int | None) -> tuple[str, str, int, int] | None:
    for found in _STAMP_DATE.finditer(text):
        day = int(found["day"] or found["day2"])
        month_text = found["month"] or found["month2"]
        month = _ROMAN.get(month_text) or (int(month_text) if month_text.isdigit() else 0)
        year = int(found["year"] or found["year2"])
        year += 2000 if year < 100 else 0
        if year_hint is not None and not year_hint <= year <= year_hint + 1:
            year = year_hint  # a registry stamp is pressed days after the letter is dated
        if 1 <= day <= 31 and 1 <= month <= 12:
            return f"{year:04d}-{month:02d}-{day:02d}", found[0], *found.span()
    if year_hint is not None:
        for found in _DAY_MONTH.finditer(text):
            day, month = int(found["day"]), int(found["month"])
            if 1 <= day <= 31 and 1 <= month <= 12:
                return f"{year_hint:04d}-{month:02d}-{day:02d}", found[0], *found.span()
    dates = find_dates(text)  # the printed forms ("11 maja 2018 r.")
    return (dates[0].value, dates[0].raw, dates[0].start, dates[0].end) if dates else None


def registry_number(stamp: StampText) -> str | None:
    """The registry number after "L.dz." / "Nr" on a registry stamp, in any of its readings."""
    for view in stamp.readings:
        found = _REGISTRY_NUMBER.search(view.text)
        if found:
            return str(found["number"])
    return None
