"""The command line: ``standard`` (the committed set) and ``corpus`` (a random corpus)."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from .corpus import generate_corpus
from .files import FORMATS
from .fonts import FontNotFoundError
from .seed import find_seed
from .standard import generate_standard

DESCRIPTION = 'Synthetic "scanned" Polish municipal letters: page images, printed text and truth.'
# The committed set lives next to the generator package (samples/).
SAMPLES_DIR = Path(__file__).resolve().parents[1]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=DESCRIPTION)
    parser.add_argument("-v", "--verbose", action="store_true", help="log every sample")
    sub = parser.add_subparsers(dest="command", required=True)
    std = sub.add_parser("standard", help="write the committed sample set")
    std.add_argument("--out", type=Path, default=SAMPLES_DIR)
    std.add_argument("--seed-letter", type=Path, help="transcription of the founding letter")
    std.add_argument("--seed-truth", type=Path, help="truth of the founding letter")
    std.add_argument("--only", default="", help="comma-separated sample ids")
    corpus = sub.add_parser("corpus", help="write a random corpus")
    corpus.add_argument("--out", type=Path, required=True)
    corpus.add_argument("--count", type=int, required=True)
    corpus.add_argument("--seed", type=int, default=0)
    corpus.add_argument("--pages-min", type=int, default=1)
    corpus.add_argument("--pages-max", type=int, default=3)
    corpus.add_argument("--formats", default="pdf,tif,png,jpg")
    corpus.add_argument("--dpi", type=int, help="fixed rendering dpi (default: varied)")
    corpus.add_argument("--clean", action="store_true", help="no degradations")
    return parser


def _seed_paths(args: argparse.Namespace) -> tuple[Path, Path] | None:
    if args.seed_letter is None and args.seed_truth is None:
        return find_seed()
    found = find_seed()
    text = args.seed_letter or (found[0] if found else None)
    truth = args.seed_truth or (found[1] if found else None)
    if text is None or truth is None or not text.is_file() or not truth.is_file():
        return None
    return text, truth


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line.

    Args:
        argv: Arguments (default: sys.argv[1:]).

    Returns:
        0 on success, 1 on a usage error, 3 when no font is installed.
    """
    args = _parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s %(message)s",
        stream=sys.stderr,
    )
    try:
        if args.command == "standard":
            only = [s for s in args.only.split(",") if s]
            entries = generate_standard(args.out, seed_paths=_seed_paths(args), only=only)
        else:
            formats = [
                f.strip().lower().replace("tiff", "tif").replace("jpeg", "jpg")
                for f in args.formats.split(",")
                if f.strip()
            ]
            unknown = [f for f in formats if f not in FORMATS]
            if unknown or not formats or not 1 <= args.pages_min <= args.pages_max:
                print(f"error: bad --formats {unknown} or --pages-min/--pages-max", file=sys.stderr)
                return 1
            entries = generate_corpus(
                args.out,
                count=args.count,
                seed=args.seed,
                pages_min=args.pages_min,
                pages_max=args.pages_max,
                formats=formats,
                dpi=args.dpi,
                clean=args.clean,
            )
    except FontNotFoundError as error:
        print(f"error: {error}", file=sys.stderr)
        return 3
    pages = sum(int(e["pages"]) for e in entries)  # type: ignore[call-overload]  # JSON: object
    print(f"wrote {len(entries)} letters ({pages} pages) to {args.out}", file=sys.stderr)
    return 0
