"""Field accuracy and extraction speed on synthetic letters with layout-faithful words.

    python -m benchmarks.synthetic_fields [--count N] [--seed S] [--misses]

``samples/generate.py`` draws letters across its layout variants (date top-right, beside
the reference or at the end; labelled or bare references; "Pan"/"Szanowna Pani"/
organisation/"Według rozdzielnika" addressees; organ, "z up." and deputy signatures;
registry stamps; one or two pages). Each letter's laid-out lines become an OCR document
whose words sit where the renderer would print them (word boxes split from the line's
width by character count), so this measures extraction on exact text with real layout,
without OCR noise: OCR noise is measured on the rendered samples. Every letter is new, so
the speed figure includes cold per-word caches.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import textwrap
import time
from collections.abc import Iterator, Sequence

from extract import extract
from extract.evaluate import Report, render, score_letter
from ocr.plaintext import document_from_text
from ocr.types import BBox, OcrDocument, OcrLine, OcrPage, OcrWord, PageSource
from samples import generator as gen


def document_of(spec: gen.LetterSpec) -> OcrDocument:
    """The letter's laid-out lines as an OCR document with word boxes."""
    ts = gen.Typesetter(spec.layout)
    width, height = gen.a4_size(gen.LAYOUT_DPI)
    pages = []
    for number, layout in enumerate(gen.layout_letter(spec), start=1):
        lines = sorted(_lines(layout.items, ts), key=lambda line: (line.bbox.top, line.bbox.left))
        pages.append(
            OcrPage(number, width, height, gen.LAYOUT_DPI, tuple(lines), source=PageSource.TEXT)
        )
    return OcrDocument(source="synthetic", pages=tuple(pages), engine="layout", lang="pol")


def run_on_document(spec: gen.LetterSpec) -> OcrDocument:
    """The letter as a flattened transcription printed and read: a paragraph wrapped at 90.

    The words stand on a plain-text grid (``ocr.plaintext``): what OCR gives of such a page.
    """
    wrapped = "\n".join(textwrap.wrap(gen.run_on_text(spec), RUN_ON_WIDTH))
    return document_from_text(wrapped, source="synthetic-run-on")


RUN_ON_WIDTH = 90  # characters per printed line: 12 pt on A4


def _lines(items: Sequence[object], ts: gen.Typesetter) -> Iterator[OcrLine]:
    for block, item in enumerate(items, start=1):
        if isinstance(item, gen.PlacedLine):
            yield from _placed(item, 0.0, 0.0, ts, block)
        elif isinstance(item, gen.PlacedStamp):
            for line in item.lines:
                yield from _placed(line, item.x, item.y, ts, block)


def _placed(
    line: gen.PlacedLine, dx: float, dy: float, ts: gen.Typesetter, block: int
) -> Iterator[OcrLine]:
    """A placed line where its ink is: aligned within its box, as wide as its text."""
    width = min(line.width, ts.width(line.runs)) if not line.justify else line.width
    x = line.x + dx
    if line.align == "right":
        x += line.width - width
    elif line.align == "center":
        x += (line.width - width) / 2
    yield from _line(x, line.y + dy, width, line.text, ts.line_height(line.runs), block)


def _line(
    x: float, y: float, width: float, text: str, height: float, block: int
) -> Iterator[OcrLine]:
    words = text.split()
    if not words:
        return
    per_char = width / max(1, len(text))
    boxes, cursor = [], x
    for word in words:
        right = cursor + per_char * len(word)
        boxes.append(OcrWord(word, BBox(int(cursor), int(y), int(right), int(y + height)), 1.0))
        cursor = right + per_char
    yield OcrLine.from_words(boxes, block=block)


def main(argv: list[str] | None = None) -> int:
    """Generate, extract and score; print the report and one JSON line of figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--misses", action="store_true")
    parser.add_argument(
        "--run-on",
        action="store_true",
        help="each letter's text run into one line, printed as a paragraph (wrapped) and read",
    )
    args = parser.parse_args(argv)
    report = Report()
    seconds = 0.0
    for index in range(args.count):
        spec = gen.random_letter(random.Random(args.seed * 100_003 + index))
        document = run_on_document(spec) if args.run_on else document_of(spec)
        started = time.perf_counter()
        result = extract(document)
        seconds += time.perf_counter() - started
        output = {"fields": result.to_dict()}
        report.scores.extend(score_letter(f"L{index:04d}", gen.expected_truth(spec), output))
    sys.stdout.write(render(report, verbose=args.misses))
    strict, lenient = report.overall()
    figures = {"letters": args.count, "strict": round(strict, 4), "lenient": round(lenient, 4)}
    figures["letters_per_s"] = round(args.count / seconds, 1)
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
