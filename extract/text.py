"""One searchable string per document, with every character traced back to its word.

Stages run regexes over :attr:`TextView.text` (pages joined by a form feed, lines by a
newline, words by a space) and turn a match's character span into :class:`Evidence`
(page, box, text) through :meth:`TextView.evidence`, so every value points at pixels.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from extract.model import Evidence
from ocr.types import BBox, OcrDocument, OcrLine, OcrWord


@dataclass(frozen=True, slots=True)
class Span:
    """A word's place in the text: its character range and where it sits on which page."""

    start: int
    end: int
    page: int  # 1-based
    line: int  # index into TextView.lines
    word: OcrWord


@dataclass(frozen=True, slots=True)
class LineInfo:
    """A line's character range, page and geometry (for layout rules)."""

    start: int
    end: int
    page: int
    line: OcrLine
    page_height: int
    page_width: int
    index: int  # position in TextView.lines

    @property
    def top_fraction(self) -> float:
        """Vertical position of the line's top on its page, 0 (top) to 1 (bottom)."""
        return self.line.bbox.top / max(1, self.page_height)

    @property
    def left_fraction(self) -> float:
        """Horizontal position of the line's left edge, 0 (left) to 1 (right)."""
        return self.line.bbox.left / max(1, self.page_width)


class TextView:
    """The document text with a character-to-word map."""

    def __init__(self, document: OcrDocument) -> None:
        parts: list[str] = []
        spans: list[Span] = []
        lines: list[LineInfo] = []
        offset = 0
        for page_index, page in enumerate(document.pages):
            if page_index:
                parts.append("\f")
                offset += 1
            for line_index, line in enumerate(page.lines):
                if line_index:
                    parts.append("\n")
                    offset += 1
                line_start = offset
                for word_index, word in enumerate(line.words):
                    if word_index:
                        parts.append(" ")
                        offset += 1
                    spans.append(
                        Span(offset, offset + len(word.text), page.number, len(lines), word)
                    )
                    parts.append(word.text)
                    offset += len(word.text)
                lines.append(
                    LineInfo(
                        line_start, offset, page.number, line, page.height, page.width, len(lines)
                    )
                )
        self.text = "".join(parts)
        self.spans = tuple(spans)
        self.lines = tuple(lines)
        self.page_count = len(document.pages)
        self._starts = [span.start for span in spans]
        self._line_starts = [info.start for info in lines]

    def words_in(self, start: int, end: int) -> list[Span]:
        """The words that overlap the character range ``[start, end)``."""
        first = max(0, bisect.bisect_right(self._starts, start) - 1)
        found = []
        for span in self.spans[first:]:
            if span.start >= end:
                break
            if span.end > start:
                found.append(span)
        return found

    def evidence(self, start: int, end: int) -> tuple[Evidence, ...]:
        """Evidence for a character range: one box per page and line it touches."""
        groups: dict[tuple[int, int], list[Span]] = {}
        for span in self.words_in(start, end):
            groups.setdefault((span.page, span.line), []).append(span)
        return tuple(
            Evidence(
                page=page,
                bbox=BBox.enclosing(s.word.bbox for s in spans),
                text=" ".join(s.word.text for s in spans),
            )
            for (page, _), spans in groups.items()
        )

    def confidence(self, start: int, end: int) -> float:
        """Character-weighted mean OCR confidence of the words in the range (1.0 if none)."""
        words = [span.word for span in self.words_in(start, end)]
        weight = sum(len(w.text) for w in words)
        return sum(w.confidence * len(w.text) for w in words) / weight if weight else 1.0

    def line_text(self, line: LineInfo) -> str:
        """The text of one line."""
        return self.text[line.start : line.end]

    def gap_above(self, index: int) -> float:
        """Empty space above line ``index`` in line heights (inf at the top of a page)."""
        if index == 0 or self.lines[index - 1].page != self.lines[index].page:
            return float("inf")
        previous, line = self.lines[index - 1].line.bbox, self.lines[index].line.bbox
        return (line.top - previous.bottom) / max(1, previous.height)

    def line_at(self, offset: int) -> LineInfo | None:
        """The line containing character ``offset``."""
        index = bisect.bisect_right(self._line_starts, offset) - 1
        if index < 0:
            return None
        info = self.lines[index]
        return info if info.start <= offset <= info.end else None


# Line heights of empty space between two words that part two columns of a page (a
# registry stamp beside the addressee, the reference beside the date).
COLUMN_GAP = 2.5
# OCR (and hurried typists) drop diacritics; "ł" is also read as "l".
_PLAIN = str.maketrans("ąćęłńóśźż", "acelnoszz")


def without_diacritics(text: str) -> str:
    """The lower-case letters without their diacritics ("wójt" -> "wojt")."""
    return text.translate(_PLAIN)


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance: the fewest inserted, deleted or changed characters."""
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i]
        for j, char_b in enumerate(b, start=1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b))
            )
        previous = current
    return previous[-1]
