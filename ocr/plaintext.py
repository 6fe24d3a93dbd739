"""Plain text as an :class:`OcrDocument`, so extraction can run on transcriptions.

``pismo extract letter.txt`` and the evaluation on text-only letters need words with
positions. Positions are synthesised on a fixed character grid of an A4 page at 300 dpi:
columns come from the characters' offsets (so a date pushed right by spaces stands
right, as on paper), lines from line numbers; a blank line starts a new block, a form
feed a new page.
"""

from __future__ import annotations

import regex

from ocr.types import BBox, OcrDocument, OcrLine, OcrPage, OcrWord, PageSource

PAGE_WIDTH, PAGE_HEIGHT, DPI = 2480, 3508, 300
CHAR_WIDTH = 25  # 12 pt serif at 300 dpi averages about this per character
LINE_HEIGHT = 50
MARGIN = 200
_WORD = regex.compile(r"\S+")


def document_from_text(text: str, *, source: str) -> OcrDocument:
    """Build a document whose words carry synthetic but layout-preserving boxes."""
    texts = text.split("\f")
    if len(texts) > 1 and not texts[-1].strip():
        texts.pop()  # pdftotext and others end every page with a form feed
    pages = tuple(_page(number, page_text) for number, page_text in enumerate(texts, start=1))
    return OcrDocument(source=source, pages=pages, engine="plain text", lang="pol")


def _page(number: int, text: str) -> OcrPage:
    lines: list[OcrLine] = []
    block = 1
    for row, raw in enumerate(text.expandtabs(8).splitlines()):
        if not raw.strip():
            block += 1 if lines and lines[-1].block == block else 0
            continue
        top = MARGIN + row * LINE_HEIGHT
        words = [
            OcrWord(
                match.group(),
                BBox(
                    MARGIN + match.start() * CHAR_WIDTH,
                    top,
                    MARGIN + match.end() * CHAR_WIDTH,
                    top + LINE_HEIGHT - 10,
                ),
                1.0,
            )
            for match in _WORD.finditer(raw)
        ]
        lines.append(OcrLine.from_words(words, block=block))
    height = max(PAGE_HEIGHT, (lines[-1].bbox.bottom + MARGIN) if lines else 0)
    width = max(PAGE_WIDTH, max((ln.bbox.right + MARGIN for ln in lines), default=0))
    return OcrPage(
        number=number,
        width=width,
        height=height,
        dpi=DPI,
        lines=tuple(lines),
        source=PageSource.TEXT,
    )
