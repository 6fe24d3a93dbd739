"""Extraction throughput from stored OCR, one process, one core: letters per second.

    python -m benchmarks.extract_speed [--repeat N] [FILES...]

Loads the stored OCR (default: ``samples/*.ocr.json``) once, then times
:func:`extract.extract` over all of them ``--repeat`` times (after one untimed warm-up
pass, so Morfeusz's dictionary load and the per-word caches of a long batch are not
charged to the first letters; the first pass is reported separately). Prints letters/s and
words/s. The issue's floor is 100 letters/s.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from extract import extract
from ocr.types import OcrDocument

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; print one JSON line with the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args(argv)
    files = args.files or sorted((ROOT / "samples").glob("*.ocr.json"))
    documents = [OcrDocument.from_dict(json.loads(p.read_text(encoding="utf-8"))) for p in files]
    words = sum(len(line.words) for d in documents for p in d.pages for line in p.lines)
    started = time.perf_counter()
    for document in documents:
        extract(document)
    first = time.perf_counter() - started
    started = time.perf_counter()
    for _ in range(args.repeat):
        for document in documents:
            extract(document)
    seconds = time.perf_counter() - started
    letters = len(documents) * args.repeat
    result = {
        "letters": len(documents),
        "words_per_letter": round(words / max(1, len(documents))),
        "first_pass_letters_per_s": round(len(documents) / first, 1),
        "letters_per_s": round(letters / seconds, 1),
        "words_per_s": round(words * args.repeat / seconds),
    }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
