"""The distribution list: the recipients under a list heading, in order.

Headings: "Otrzymują:", "Do wiadomości:", "Dw.", "Kopia:", "Rozdzielnik". Items lose their
numbering and trailing ``;,.``; items wrapped over lines are joined.

A list ends at a blank line after its items, at the next list heading, or at a line that
starts something else: "Sprawę prowadzi", "Sporządził(a)", "Załączniki", contact lines,
the data-protection (RODO) clause, a page footer.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex

from extract import morph, people
from extract.fields import DistributionEntry, FieldName
from extract.layout import Layout
from extract.model import Candidate
from extract.patterns import LIST_END, LIST_HEADING, PAGE_MARK
from extract.stages import NOTHING, Earlier, Stage
from extract.text import LineInfo, TextView

NAME = "rules.distribution"
# "1.", "2)", "a)", bullets; and what OCR leaves of a numbering column it read apart from
# the items: a bare ")" or "." before the item, a bare number on a line of its own.
_NUMBER = regex.compile(
    r"\s*(?:\d{1,2}\s?[.)]|\d{1,2}\s*[-–]\s|\d{1,2}\s*$|[IVX]{1,4}\.\s|\)|[a-z]\)|[-•–·*]\s|"
    r"[.,]\s)\s*"
)
# "a/a" (the office's own copy) as OCR reads it: "a/a", "aa", "a|a", "a/fa", "a/aKI."
_AA = regex.compile(
    r"^a\s?(?:[/|\\l1.j]f?|f)?\s?a(?=$|[\s.\-–]|\p{Lu})\.?\s*(?:[-–]\s*)?", regex.IGNORECASE
)
# The unit symbol after "a/a" is upper case, so an "l" in it is an OCR'd "I" ("Kl" = "KI").
_UNIT_SYMBOL = regex.compile(r"[\p{Lu}l]{1,6}")
MAX_ITEM_LINE = 120  # longer lines are prose, not list items
CONFIDENCE = 0.9


@dataclass(frozen=True, slots=True)
class _Item:
    text: str
    start: int
    end: int


def find(layout: Layout, earlier: Earlier = NOTHING) -> Iterator[Candidate]:
    """One candidate holding every list item found, in order."""
    view = layout.view
    items: list[tuple[_Item, str]] = []
    index = 0
    while index < len(view.lines):
        heading = LIST_HEADING.fullmatch(_text(view, view.lines[index]))
        if heading is None:
            index += 1
            continue
        name = heading["name"].strip().rstrip(":.")
        rest_start = view.lines[index].start + heading.start("rest") if heading["rest"] else 0
        found, index = _items_after(view, index, heading["rest"] or "", rest_start)
        items.extend((item, _list_name(name)) for item in found)
    sure = CONFIDENCE
    if not items:
        zone = layout.signature_zone.parts
        after = zone[0].line + 1 if zone else 0  # the zone may run into a headless list
        items, sure = [(item, "") for item in _headless(view, after)], HEADLESS_CONFIDENCE
    if not items:
        return
    value = tuple(DistributionEntry(item.text, name) for item, name in items)
    evidence = tuple(e for item, _ in items for e in view.evidence(item.start, item.end))
    confidence = sure * min(view.confidence(i.start, i.end) for i, _ in items)
    yield Candidate(
        FieldName.DISTRIBUTION,
        value,
        "; ".join(i.text for i, _ in items),
        confidence,
        evidence,
        NAME,
    )


STAGE = Stage(NAME, find, frozenset({FieldName.DISTRIBUTION}))

# "a/a" (ad acta: the office's own copy) standing as an item or ending one ("... - a/a").
_AA_ITEM = regex.compile(r"(?:^|\s)a\s?/\s?a\b", regex.IGNORECASE)
HEADLESS_CONFIDENCE = 0.8  # a list known by its "a/a" alone, not by a heading


def _headless(view: TextView, after: int) -> list[_Item]:
    """A numbered list with no heading, after the signature, that files a copy "a/a".

    Offices sometimes print the distribution list without "Otrzymują:": only the numbered
    recipients, one of them the office's own file copy. "a/a" is what tells it from a
    numbered list in the body (attachments, points of a decision).

    Args:
        view: The letter.
        after: The first line after the signature block (0 when none was found).
    """
    for index in range(max(1, after), len(view.lines)):
        if not regex.match(r"\s*1\s?[.)]\s*\S", _text(view, view.lines[index])):
            continue
        found, _ = _items_after(view, index - 1)
        if found and any(_AA_ITEM.search(item.text) for item in found):  # items are cleaned
            return found
    return []


def _items_after(
    view: TextView, index: int, rest: str = "", rest_start: int = 0
) -> tuple[list[_Item], int]:
    """Collect the items of the list headed at line ``index``; return the next line.

    Args:
        view: The letter.
        index: The heading's line (or the line before a list without one).
        rest: What follows the heading on its line ("Otrzymują: 1. Adresat").
        rest_start: Where ``rest`` starts in the text.
    """
    items: list[_Item] = []
    heading_line = view.lines[index]
    numbered = False
    if rest.strip():
        bullet = _NUMBER.match(rest)
        offset = bullet.end() if bullet else 0
        numbered = bullet is not None
        items.append(_Item(rest[offset:], rest_start + offset, heading_line.end))
    item_left = 0  # x of the last item's text: wrapped lines of a numbered item align there
    after_break = False  # between a page break and the next number: page-2 letterhead
    index += 1
    while index < len(view.lines):
        line = view.lines[index]
        text = _text(view, line)
        bullet = _NUMBER.match(text)
        if PAGE_MARK.fullmatch(text) or _behind(view, index):
            index += 1
            continue
        after_break = (after_break or line.page != view.lines[index - 1].page) and not bullet
        if numbered and after_break:
            index += 1
            continue
        gap_ends = _ends_list(view, index, items) and not (numbered and bullet)
        if (
            gap_ends
            or LIST_HEADING.fullmatch(text)
            or LIST_END.match(text)
            or len(text) > MAX_ITEM_LINE
        ):
            break
        if (
            numbered
            and not bullet
            and not _continues(text, line, item_left)
            and not _numbered_next(view, index)
        ):
            break  # the signature or footer right under the last item
        starts_item = (
            bullet is not None
            or not items
            or _ends_item(items[-1].text, text, numbered)
            or _new_entry(items[-1].text, text, at_bullet=_left_of(line, item_left) or not numbered)
        )
        numbered = numbered or bullet is not None
        body_start = line.start + (bullet.end() if bullet else 0)
        if starts_item:
            items.append(_Item(view.text[body_start : line.end], body_start, line.end))
            first = view.words_in(body_start, body_start + 1)
            item_left = first[0].word.bbox.left if first else line.line.bbox.left
        else:
            last = items[-1]
            items[-1] = _Item(f"{last.text} {text.strip()}", last.start, line.end)
        index += 1
    return [_clean(item) for item in items if _clean(item).text], index


def _behind(view: TextView, index: int) -> bool:
    """Whether a line starts above the line before it: a column OCR read apart.

    Tesseract may read a list's number column on its own, as junk ("Ut BWNDN i").
    """
    previous, line = view.lines[index - 1], view.lines[index]
    return line.page == previous.page and line.line.bbox.top < previous.line.bbox.top


def _numbered_next(view: TextView, index: int) -> bool:
    """Whether the line after ``index`` is a numbered item.

    A line between two numbered items belongs to the list: an item wrapped back to the
    margin ("... w Nowym" / "Targu").
    """
    if index + 1 >= len(view.lines) or view.lines[index + 1].page != view.lines[index].page:
        return False
    return bool(_NUMBER.match(view.line_text(view.lines[index + 1])))


def _left_of(line: LineInfo, item_left: int) -> bool:
    """Whether a line starts left of the item text (where the numbers stand)."""
    return line.line.bbox.left < item_left - max(1, line.line.bbox.height)


def _new_entry(previous: str, text: str, *, at_bullet: bool) -> bool:
    """Whether an unnumbered line is a new recipient even inside a numbered list.

    OCR drops numbers ("1." read as "." or not at all). "a/a" and "Adresat" are always
    their own items; a line opening with an office or a title ("Rada Powiatu ...",
    "Sołtys ...") at the numbers' column is one too, unless the item above broke at a
    hyphen.
    """
    stripped = text.strip().lstrip("„\"'”“ ")
    if _AA.match(stripped) or stripped.rstrip(";,.").casefold() == "adresat":
        return True
    # A line under the item text wraps it ("Dyrektor Wydziału" / "Starostwa ..."), unless
    # it opens with a noun in the nominative ("Rada Powiatu ..."); a line at the numbers'
    # column whose number OCR lost is the next recipient.
    if previous.rstrip().endswith("-") or not stripped:
        return False
    starts_anew = at_bullet or morph.nominative_singular(stripped.split()[0])
    return starts_anew and people.line_kind(stripped) in {"organization", "position"}


def _continues(text: str, line: LineInfo, item_left: int) -> bool:
    """Whether an unnumbered line inside a numbered list wraps the item above it."""
    indent_tolerance = max(1, line.line.bbox.height)  # about one character
    return text.strip()[:1].islower() or line.line.bbox.left >= item_left - indent_tolerance


def _ends_list(view: TextView, index: int, items: list[_Item]) -> bool:
    """A gap (blank line, another block or page) after at least one item ends the list."""
    if not items:
        return False
    previous, line = view.lines[index - 1], view.lines[index]
    if line.page != previous.page:
        return False  # a list may go on over the page break
    gap = line.line.bbox.top - previous.line.bbox.bottom
    return gap > max(1, previous.line.bbox.height)  # about one empty line


def _ends_item(previous: str, text: str, numbered: bool) -> bool:
    """Whether ``text`` starts a new item rather than continuing ``previous``."""
    if numbered:
        return False  # numbered lists: only a number starts an item
    stripped = text.strip()
    return previous.rstrip().endswith((";", ",", ".")) or not stripped[:1].islower()


_RULE_FOR_I = regex.compile(r"^[|\[](?=\p{Ll})")


def _clean(item: _Item) -> _Item:
    text = " ".join(item.text.split()).rstrip(" ;,.").lstrip("„\"'”“ ")
    text = _RULE_FOR_I.sub("I", text)  # "|wona", "[wona": an "I" read as a rule
    aa = _AA.match(text)
    if aa:  # "a/a", "aa", "a/aKI." -> "a/a", "a/a KI"
        rest = text[aa.end() :].strip()
        if _UNIT_SYMBOL.fullmatch(rest):
            rest = rest.replace("l", "I")
        text = "a/a" + (f" {rest}" if rest else "")
    return _Item(text, item.start, item.end)


def _list_name(printed: str) -> str:
    words = " ".join(printed.split())
    return (
        words[:1].upper() + words[1:].lower() if words.isupper() else words[:1].upper() + words[1:]
    )


def _text(view: TextView, line: LineInfo) -> str:
    return view.text[line.start : line.end]
