"""Layout: rows of blocks placed on A4 pages, and the printed text of every page."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from .compose import Block, Row, compose
from .fonts import Typesetter
from .geometry import (
    CONTENT_BOTTOM_MM,
    FOOTER_TOP_MM,
    MARGIN_LEFT_MM,
    MARGIN_TOP_MM,
    MM,
    PAGE_NUMBER_MM,
    TEXT_WIDTH_MM,
)
from .model import LetterSpec, StampLook


@dataclass(frozen=True)
class PlacedLine:
    """A line at its place on the page, in layout pixels (LAYOUT_DPI)."""

    x: float
    y: float
    width: float
    align: str
    runs: tuple[tuple[str, str], ...]
    justify: bool = False

    @property
    def text(self) -> str:
        """The line's text."""
        return "".join(text for text, _ in self.runs)


@dataclass(frozen=True)
class PlacedStamp:
    """A stamp: box geometry and its lines relative to the box, layout pixels."""

    x: float
    y: float
    width: float
    height: float
    lines: tuple[PlacedLine, ...]
    look: StampLook


@dataclass(frozen=True)
class PlacedRule:
    """A horizontal rule, layout pixels."""

    x: float
    y: float
    width: float


PlacedItem = PlacedLine | PlacedStamp | PlacedRule


@dataclass
class PageLayout:
    """Everything drawn on one page and the page's text lines in reading order."""

    items: list[PlacedItem] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)


def wrap_words(text: str, width: float, measure: Callable[[str], float], first: float) -> list[str]:
    """Break running text into lines greedily.

    Args:
        text: The text (runs of whitespace count as one space).
        width: Width available for the lines after the first.
        measure: Width of a string.
        first: Width available for the first line.

    Returns:
        The lines.
    """
    lines: list[str] = []
    current = ""
    limit = first
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if current and measure(candidate) > limit:
            lines.append(current)
            current, limit = word, width
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines


def _block_width(block: Block, ts: Typesetter) -> float:
    if block.width_mm is not None:
        return block.width_mm * MM
    widths = [ts.width(line.runs) for line in block.lines]
    pad = 2 * STAMP_PAD_MM * MM if block.stamp else 0.0
    return max(widths, default=0.0) + pad


STAMP_PAD_MM = 2.5


def _layout_block(block: Block, ts: Typesetter, x: float, width: float) -> tuple[list, float]:
    """Place a block's lines at (x, 0); returns the items and the block's height."""
    if block.rule:
        return [PlacedRule(x, 0.8 * MM, width)], 1.6 * MM
    if block.stamp is not None:
        return _layout_stamp(block, ts, x, width)
    items: list[PlacedItem] = []
    y = 0.0
    if block.paragraph is not None:
        font = ts.font(block.role)
        indent = block.indent_mm * MM
        texts = wrap_words(block.paragraph, width, font.getlength, width - indent)
        for i, text in enumerate(texts):
            runs: tuple[tuple[str, str], ...] = ((text, block.role),)
            last = i == len(texts) - 1
            left = x + (indent if i == 0 else 0.0)
            items.append(
                PlacedLine(
                    left, y, x + width - left, block.align, runs, justify=block.justify and not last
                )
            )
            y += ts.line_height(runs)
        return items, y
    for line in block.lines:
        y += line.space_before_mm * MM
        pieces = [line.runs]
        if len(line.runs) == 1 and ts.width(line.runs) > width:
            text, role = line.runs[0]
            pieces = [((t, role),) for t in wrap_words(text, width, ts.font(role).getlength, width)]
        for runs in pieces:
            items.append(PlacedLine(x, y, width, block.align, runs))
            y += ts.line_height(runs)
    return items, y


def _layout_stamp(block: Block, ts: Typesetter, x: float, width: float) -> tuple[list, float]:
    assert block.stamp is not None
    pad = STAMP_PAD_MM * MM
    inner = width - 2 * pad
    lines = []
    y = pad * 0.6
    for line in block.lines:
        lines.append(PlacedLine(pad, y, inner, "center", line.runs))
        y += ts.line_height(line.runs)
    height = y + pad * 0.6
    stamp = PlacedStamp(x, 0.0, width, height, tuple(lines), block.stamp)
    return [stamp], height


def _shift(item: PlacedItem, dy: float) -> PlacedItem:
    return replace(item, y=item.y + dy)


def _item_texts(item: PlacedItem) -> list[str]:
    if isinstance(item, PlacedLine):
        return [item.text]
    if isinstance(item, PlacedStamp):
        return [line.text for line in item.lines]
    return []


def visual_lines(items: Sequence[PlacedItem], ts: Typesetter) -> list[str]:
    """The text lines of a row as a reader (or Tesseract) sees them.

    Lines of blocks that sit side by side are merged when their vertical centres are less
    than half a line apart; the merged parts are joined left to right by one space.

    Args:
        items: A row's placed items.
        ts: The typesetter of the layout.

    Returns:
        The row's lines, top to bottom.
    """
    entries: list[tuple[float, float, float, str]] = []
    for item in items:
        if isinstance(item, PlacedLine):
            height = ts.line_height(item.runs)
            entries.append((item.y + height / 2, height, item.x, item.text))
        elif isinstance(item, PlacedStamp):
            for line in item.lines:
                height = ts.line_height(line.runs)
                entries.append((item.y + line.y + height / 2, height, item.x + line.x, line.text))
    entries.sort()
    clusters: list[tuple[float, float, list[tuple[float, str]]]] = []
    for centre, height, x, text in entries:
        if clusters and abs(centre - clusters[-1][0]) <= 0.5 * min(height, clusters[-1][1]):
            clusters[-1][2].append((x, text))
        else:
            clusters.append((centre, height, [(x, text)]))
    return [" ".join(text for _, text in sorted(parts)) for _, _, parts in clusters]


def _row_items(row: Row, ts: Typesetter) -> tuple[list[PlacedItem], float]:
    """Lay out a row's blocks side by side at y = 0 (left to right)."""
    left = MARGIN_LEFT_MM * MM
    right_edge = left + TEXT_WIDTH_MM * MM
    placed: list[tuple[float, list[PlacedItem], float]] = []
    right_blocks = [b for b in row.blocks if b.anchor_right]
    limit = min((right_edge - _block_width(b, ts) for b in right_blocks), default=right_edge)
    for block in row.blocks:
        width = _block_width(block, ts)
        if block.anchor_right:
            x = right_edge - width
        else:
            x = left + block.x_mm * MM
            if right_blocks and x < limit:
                width = min(width, limit - 8 * MM - x)
        items, height = _layout_block(block, ts, x, width)
        placed.append((x, items, height))
    placed.sort(key=lambda p: p[0])
    items = [item for _, its, _ in placed for item in its]
    return items, max((h for _, _, h in placed), default=0.0)


def _bottom(spec: LetterSpec) -> float:
    return (CONTENT_BOTTOM_MM if spec.footer else PAGE_NUMBER_MM - 7.0) * MM


@functools.lru_cache(maxsize=32)
def layout_letter(spec: LetterSpec) -> tuple[PageLayout, ...]:
    """Lay a letter out on A4 pages (at LAYOUT_DPI).

    Rows are placed top to bottom; a paragraph row that does not fit continues on the next
    page, any other row moves to the next page whole. Footer lines and, on multi-page
    letters, page numbers are added to every page.

    Args:
        spec: The letter.

    Returns:
        The pages.
    """
    ts = Typesetter(spec.layout)
    top, bottom = MARGIN_TOP_MM * MM, _bottom(spec)
    pages = [PageLayout()]
    y = top
    for row in compose(spec):
        items, height = _row_items(row, ts)
        texts = visual_lines(items, ts)
        space = row.space_before_mm * MM if pages[-1].items else 0.0
        if y + space + height <= bottom or not pages[-1].items:
            _put(pages[-1], items, y + space, texts)
            y += space + height
            continue
        if not row.splittable:
            pages.append(PageLayout())
            _put(pages[-1], items, top, texts)
            y = top + height
            continue
        y += space
        offset = y
        for item in items:
            assert isinstance(item, PlacedLine)
            h = ts.line_height(item.runs)
            if item.y + offset + h > bottom:
                pages.append(PageLayout())
                offset = top - item.y
            _put(pages[-1], [item], offset)
            y = item.y + offset + h
    _add_page_furniture(spec, pages, ts)
    return tuple(pages)


def _put(
    page: PageLayout, items: Sequence[PlacedItem], dy: float, texts: Sequence[str] | None = None
) -> None:
    for item in items:
        page.items.append(_shift(item, dy))
        if texts is None:
            page.lines.extend(_item_texts(item))
    if texts is not None:
        page.lines.extend(texts)


def _add_page_furniture(spec: LetterSpec, pages: list[PageLayout], ts: Typesetter) -> None:
    left, width = MARGIN_LEFT_MM * MM, TEXT_WIDTH_MM * MM
    for number, page in enumerate(pages, start=1):
        y = FOOTER_TOP_MM * MM
        if spec.footer and spec.layout.footer_rule:
            page.items.append(PlacedRule(left, y - 2.0 * MM, width))
        for text in spec.footer:
            runs = ((text, "small"),)
            _put(page, [PlacedLine(left, y, width, "center", runs)], 0.0)
            y += ts.line_height(runs)
        if len(pages) > 1 and spec.layout.page_numbers:
            text = spec.layout.page_numbers.format(i=number, n=len(pages))
            line = PlacedLine(left, PAGE_NUMBER_MM * MM, width, "center", ((text, "small"),))
            _put(page, [line], 0.0)


def page_texts(spec: LetterSpec) -> list[list[str]]:
    """The printed lines of every page, in reading order.

    Args:
        spec: The letter.

    Returns:
        One list of lines per page.
    """
    return [list(page.lines) for page in layout_letter(spec)]


def gt_text(spec: LetterSpec) -> str:
    """The printed text: lines joined by newlines, pages separated by a form feed.

    Args:
        spec: The letter.

    Returns:
        Every page's lines, each page ending in a newline, pages joined by a form feed.
    """
    return "\f".join("\n".join(lines) + "\n" for lines in page_texts(spec))


def run_on_text(spec: LetterSpec) -> str:
    """The printed text run into one line, as transcriptions copied from web pages hold it.

    Args:
        spec: The letter.

    Returns:
        Every line of every page, joined by single spaces.
    """
    return " ".join(line for lines in page_texts(spec) for line in lines if line.strip())
