"""The regions of a letter: where the head ends and the body, the closing and the tail begin.

A Polish official letter runs: letterhead, place and date, reference, addressee block,
subject, salutation, body, closing formula, signature, then the tail (distribution list,
"Sprawę prowadzi", attachments, data-protection clause, footer). The stages for the
addressee, sender and signatory need these boundaries; they are found from conventional
openings and closings (salutations, "W odpowiedzi", "Dotyczy:", "Ad 1", "Z poważaniem")
and from line shapes, never from one office's wording.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import regex

from extract import people
from extract.text import LineInfo, Span, TextView
from ocr.types import BBox

# Openings of the body: the salutation, the usual first words of an answer, the subject
# line, the title of a decision.
BODY_START = regex.compile(
    r"^\s*(?:szanown\w*\s+(?:panie|pa[ńn]stwo|panowie)\b|szanown\w*\b.*[,!]\s*$|dzie[ńn]\s+dobry|w\s+odpowiedzi|uprzejmie|dzia[łl]aj[ąa]c|"
    r"na\s+podstawie|zgodnie\s+z|w\s+nawi[ąa]zaniu|w\s+zwi[ąa]zku|informuj[ęe]|"
    r"przekazuj[ęe]|stosownie|odpowiadaj[ąa]c|w\s+za[łl][ąa]czeniu|rozpatruj[ąa]c|"
    r"dotyczy|sprawa\s*:|temat\s*:|dot\.|decyzja|postanowienie|zawiadomienie|"
    r"wezwanie|informacja\b|odpowied[źz]\s+na|interpelacja|ad\.?\s*1|ad\s+1|"
    r"pragn[ęe]|zwracam\s+si[ęe]|niniejszym|w\s+imieniu|witam)",
    regex.IGNORECASE,
)
CLOSING = regex.compile(
    r"^\s*(?:z[.,]?\s+powa[żz]aniem|z[.,]?\s+wyrazami\s+szacunku|wyrazy\s+szacunku|"
    r"[łl][ąa]cz[ęe]\s+(?:wyrazy|pozdrowienia)|z\s+pozdrowieniami|pozdrawiam|"
    r"z\s+uszanowaniem|z\s+serdecznymi|serdecznie\s+pozdrawiam)\b[\s,.!]*",
    regex.IGNORECASE,
)
# Lines after which a signature block cannot go on.
TAIL = regex.compile(
    r"^\s*(?:otrzymuj[ąae]|otrzymali|do\s+wiadomo[śs]ci|d\s?/\s?w\b|dw\.|kopia\b|"
    r"rozdzielnik|spraw[ęe]\s+prowadzi|sporz[aą]dzi|sporz\.|opracowa[łl]|wykona[łl]|"
    r"za[łl][aą]cznik|za[łl]\.|klauzula|rodo\b|administratorem|informacja\s+o\s+przetwarz|"
    r"pouczenie|uzasadnienie|tel\.|tel\s*:|fax|e-mail|www\.|nip\b|regon)",
    regex.IGNORECASE,
)
# Page numbers and running footers: they interrupt a letter but do not end a part of it.
PAGE_MARK = regex.compile(
    r"^\s*(?:strona\s*\d+(?:\s*z\s*\d+)?|-\s*\d+\s*-|\d+\s*/\s*\d+|str\.\s*\d+)\s*$",
    regex.IGNORECASE,
)
_WORDS = regex.compile(r"\p{L}+")
_CLAUSE = regex.compile(r",\s+(?!dnia\b)\p{Ll}{3,}")
PROSE_LENGTH = 75  # characters: a longer line is running text, not a block line
SENTENCE_LENGTH = 40  # characters: a sentence line this long is a paragraph's


def body_start(view: TextView) -> int:
    """Index of the first line of the body on page 1 (the end of the letter's head).

    Computed once per document: the addressee, sender, signatory and NER stages all ask.
    """
    if "body_start" not in view.memo:
        view.memo["body_start"] = _body_start(view)
    return view.memo["body_start"]  # type: ignore[return-value]


def _body_start(view: TextView) -> int:
    """See :func:`body_start`.

    The body starts at an opening or subject line, or at the first run of running text
    (a long line followed by another long line, as paragraphs are).
    """
    lines = view.lines
    for index, line in enumerate(lines):
        if line.page != 1:
            return index
        text = view.line_text(line)
        if BODY_START.match(text):
            return index
        if _running(text):
            following = lines[index + 1] if index + 1 < len(lines) else None
            if following is None or _running(view.line_text(following)):
                return index
    return len(lines)


def _running(text: str) -> bool:
    """A line of a paragraph: long prose, or a sentence of some length.

    Contact and address lines of a letterhead ("tel. ..., e-mail: ...") are not.
    """
    if people.CONTACT.search(text) or people.ADDRESS.search(text):
        return len(text) > PROSE_LENGTH and _prose(text) and is_sentence(text)
    return (len(text) > PROSE_LENGTH and _prose(text)) or (
        len(text) > SENTENCE_LENGTH and is_sentence(text)
    )


def _prose(text: str) -> bool:
    """Running text has mostly lower-case words."""
    words = _WORDS.findall(text)
    lower = sum(1 for w in words if w[:1].islower())
    return len(words) >= 6 and lower >= len(words) / 2


def is_prose(text: str) -> bool:
    """Whether a line is running text rather than a block line (a name, a title)."""
    return len(text) > PROSE_LENGTH and _prose(text)


@dataclass(frozen=True, slots=True)
class Segment:
    """Part of a line standing apart from the rest (a column): its text range and box."""

    start: int
    end: int
    page: int
    line: int  # index into TextView.lines
    bbox: BBox
    page_width: int

    @property
    def left_fraction(self) -> float:
        """Horizontal position of the left edge, 0 (left) to 1 (right)."""
        return self.bbox.left / max(1, self.page_width)


COLUMN_GAP = 2.5  # line heights of empty space between words that part two columns


def segments(view: TextView, lines: Sequence[LineInfo]) -> list[Segment]:
    """The lines cut into columns where their words stand far apart.

    A registry stamp and the addressee block printed side by side come out of OCR as
    one line, and are two columns.
    """
    found: list[Segment] = []
    for line in lines:
        key = ("segments", line.index)
        if key not in view.memo:
            view.memo[key] = _line_segments(view, line)
        found.extend(view.memo[key])  # type: ignore[arg-type]
    return found


def _line_segments(view: TextView, line: LineInfo) -> list[Segment]:
    spans = view.words_in(line.start, line.end)
    if not spans:
        return []
    found = []
    height = max(1, line.line.bbox.height)
    group = [spans[0]]
    for span in spans[1:]:
        if span.word.bbox.left - group[-1].word.bbox.right > COLUMN_GAP * height:
            found.append(_segment(line, group))
            group = []
        group.append(span)
    found.append(_segment(line, group))
    return found


def _segment(line: LineInfo, group: Sequence[Span]) -> Segment:
    return Segment(
        group[0].start,
        group[-1].end,
        line.page,
        line.index,
        BBox.enclosing(s.word.bbox for s in group),
        line.page_width,
    )


@lru_cache(maxsize=16384)
def is_sentence(text: str) -> bool:
    """Whether a line is running text, however short: mostly lower-case words.

    Block lines (names, titles, office names) capitalise their words; the last line of a
    paragraph ("zostanie rozpatrzony w ustawowym terminie.") does not.
    """
    words = _WORDS.findall(text)
    if words and words[0][:1].islower() and not _LOWER_CASE_OPENING.match(text):
        return True  # a paragraph's last words ("we wniosku.")
    if len(words) < 3:
        return False
    if _CLAUSE.search(text) and sum(c.isdigit() for c in text) < 4:
        return True  # a clause after a comma: "..., uprzejmie wyjaśniam, że"
    lower = sum(1 for w in words if w[:1].islower() and w not in _FUNCTION_WORDS)
    return lower > (len(words) - sum(1 for w in words if w in _FUNCTION_WORDS)) / 2


# Lower-case words that open block lines: titles before a name, "z up.", "p.o.".
_LOWER_CASE_OPENING = regex.compile(
    r"^\s*(?:prof|dr|mgr|in[żz]|lic|lek|adw|r\.\s?pr|ks|p[łl]k|mjr|kpt|gen|bryg|nadkom|insp|"
    r"z\s*up|z\s+upowa|w\s+imieniu|p\.\s?o|pe[łl]ni[ąa]c|podpisan|dokument|sygn|znak|nr|"
    r"ds\.?|d/s)\b|^\s*(?:i|oraz|do\s+spraw|w|we)(?-i:\s+\p{Lu})",
    regex.IGNORECASE,
)
# Words that stay lower-case inside titles and office names ("Minister Rolnictwa i Rozwoju
# Wsi", "Pełnomocnik do spraw ...").
_FUNCTION_WORDS = frozenset(
    {"i", "w", "we", "z", "ze", "do", "na", "dla", "oraz", "o", "od", "po", "przy", "ds", "spraw"}
)
