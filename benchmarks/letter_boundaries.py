"""Where letters begin in a scanner's batch: boundary precision, recall and F1.

    python -m benchmarks.letter_boundaries [--letters 300] [--seed 11] [--misses]

Batches of about ten letters each are built from the samples generator's letters (their
printed text, page by page: what a perfect OCR reads; no Tesseract here): 1 to 4 pages,
half of them without page numbers, a fifth with an attachment page after the letter
(``Załącznik nr 1 ...``), and a fifth scanned duplex (a blank back after every page).
:func:`extract.boundaries.letters` cuts each batch; a boundary is a page where a letter
starts (a batch's first page is not counted: it always starts one). Printed: precision,
recall and F1 over all batches, and how many letters came out whole (first and last page
right).

With ``../shared/dev-letters`` beside the project, the same for batches of those real
letters (one page each, texts of many offices).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from extract import boundaries
from ocr.plaintext import document_from_text
from samples.generator import LetterOptions
from samples.generator.layout import page_texts
from samples.generator.sample import letter_with_pages

ROOT = Path(__file__).resolve().parents[1]
DEV_LETTERS = ROOT.parent / "shared" / "dev-letters"
PER_BATCH = 10
PAGE_WEIGHTS = {1: 0.45, 2: 0.3, 3: 0.15, 4: 0.1}
ATTACHMENT_SHARE = 0.2
DUPLEX_SHARE = 0.2
UNNUMBERED_SHARE = 0.5


@dataclass(frozen=True)
class Batch:
    """A batch's pages (texts) and the pages where its letters start (1-based)."""

    name: str
    pages: tuple[str, ...]
    starts: frozenset[int]


def generated_letter(rng: random.Random) -> list[str]:
    """One generated letter's pages, as printed, with its attachment and blank backs."""
    pages = rng.choices(list(PAGE_WEIGHTS), weights=list(PAGE_WEIGHTS.values()))[0]
    spec = letter_with_pages(rng.randrange(2**31), LetterOptions(), pages)
    if rng.random() < UNNUMBERED_SHARE:
        spec = dataclasses.replace(spec, layout=dataclasses.replace(spec.layout, page_numbers=None))
    texts = ["\n".join(lines) for lines in page_texts(spec)]
    if rng.random() < ATTACHMENT_SHARE:
        texts.append(_attachment(rng, spec.reference))
    if rng.random() < DUPLEX_SHARE:
        texts = [page for text in texts for page in (text, "")]
    return texts


def _attachment(rng: random.Random, reference: str | None) -> str:
    """An attachment page: its heading, a title and a short table."""
    number = rng.randint(1, 3)
    heading = f"Załącznik nr {number}" + (f" do pisma znak {reference}" if reference else "")
    title = rng.choice(("Wykaz nieruchomości", "Harmonogram prac", "Zestawienie kosztów"))
    rows = [f"{i}. Pozycja {i} – {rng.randint(10, 999)},00 zł" for i in range(1, rng.randint(4, 9))]
    return "\n".join([heading, "", title.upper(), "", *rows])


def generated_batches(letters: int, seed: int) -> list[Batch]:
    """Batches of :data:`PER_BATCH` generated letters, ``letters`` in all."""
    rng = random.Random(seed)
    batches = []
    for first in range(0, letters, PER_BATCH):
        pages: list[str] = []
        starts = set()
        for _ in range(min(PER_BATCH, letters - first)):
            starts.add(len(pages) + 1)
            pages.extend(generated_letter(rng))
        batches.append(
            Batch(f"generated-{first // PER_BATCH:03d}", tuple(pages), frozenset(starts))
        )
    return batches


def dev_batches(folder: Path, seed: int) -> list[Batch]:
    """Batches of the real development letters' texts, shuffled, one page each."""
    texts = [path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.txt"))]
    random.Random(seed).shuffle(texts)
    batches = []
    for first in range(0, len(texts), PER_BATCH):
        chunk = texts[first : first + PER_BATCH]
        pages = tuple(text.strip("\f") for text in chunk)
        starts = frozenset(range(1, len(pages) + 1))
        batches.append(Batch(f"dev-{first // PER_BATCH:03d}", pages, starts))
    return batches


@dataclass
class Tally:
    """Boundary counts over batches."""

    right: int = 0
    found: int = 0
    true: int = 0
    letters: int = 0
    whole: int = 0

    def add(self, batch: Batch, starts: Sequence[int], total: int) -> None:
        """Count one batch's boundaries and whole letters."""
        got, want = set(starts) - {1}, set(batch.starts) - {1}
        self.right += len(got & want)
        self.found += len(got)
        self.true += len(want)
        spans = _spans(sorted(batch.starts), total)
        self.letters += len(spans)
        self.whole += len(spans & _spans(sorted(starts), total))

    def figures(self) -> dict[str, float]:
        """Precision, recall, F1 and the share of whole letters."""
        precision = self.right / self.found if self.found else 1.0
        recall = self.right / self.true if self.true else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(f1, 4),
            "letters": self.letters,
            "whole_letters": round(self.whole / self.letters, 4) if self.letters else 1.0,
        }


def _spans(starts: Sequence[int], total: int) -> set[tuple[int, int]]:
    ends = [*(start - 1 for start in starts[1:]), total]
    return set(zip(starts, ends, strict=True))


def measure(batches: Sequence[Batch], misses: bool) -> dict[str, float]:
    """Cut every batch; its figures (and, with ``misses``, each wrong boundary)."""
    tally = Tally()
    for batch in batches:
        document = document_from_text("\f".join(batch.pages), source=batch.name)
        found = boundaries.letters(document)
        starts = [letter.first for letter in found]
        tally.add(batch, starts, len(batch.pages))
        if misses:
            _print_misses(batch, found)
    return tally.figures()


def _print_misses(batch: Batch, found: Sequence[boundaries.Letter]) -> None:
    got = {letter.first: letter.why for letter in found}
    for page in sorted(set(got) ^ set(batch.starts)):
        text = batch.pages[page - 1].strip().splitlines()
        head = " | ".join(text[:4])[:150]
        kind = f"false start ({got[page]})" if page in got else "missed start"
        print(f"{batch.name} page {page}: {kind}: {head}")


def main(argv: list[str] | None = None) -> int:
    """Build the batches, cut them, print the figures as a table and one JSON line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letters", type=int, default=300)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--misses", action="store_true")
    args = parser.parse_args(argv)
    figures = {"generated": measure(generated_batches(args.letters, args.seed), args.misses)}
    if DEV_LETTERS.is_dir():
        figures["dev_letters"] = measure(dev_batches(DEV_LETTERS, args.seed), args.misses)
    for name, row in figures.items():
        print(f"{name:12} " + "  ".join(f"{key} {value}" for key, value in row.items()))
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
