"""A random corpus for benchmarks: varied letters, scan profiles and formats."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from .files import MULTIPAGE_FORMATS
from .geometry import DEFAULT_DPI
from .model import LetterOptions
from .sample import SampleDef, letter_with_pages, make_sample, write_manifest
from .scan import ScanProfile


def random_profile(rng: random.Random, *, dpi: int | None = None) -> ScanProfile:
    """Draw a scan profile for a benchmark corpus (a third clean, the rest degraded).

    Args:
        rng: Random source.
        dpi: Fixed rendering resolution, or None to draw 300/200/150.

    Returns:
        The profile.
    """
    render_dpi = dpi or rng.choice((300, 300, 300, 200, 150))
    kind = rng.choices(("clean", "skew", "rotate", "noisy", "fax"), (35, 30, 10, 15, 10))[0]
    if kind == "clean":
        return ScanProfile(dpi=render_dpi)
    if kind == "skew":
        angle = round(rng.uniform(0.5, 4.0) * rng.choice((-1, 1)), 2)
        return ScanProfile(dpi=render_dpi, skew=angle, paper=rng.choice((None, 238)))
    if kind == "rotate":
        return ScanProfile(
            dpi=render_dpi,
            rotation=rng.choice((90, 180, 270)),
            skew=round(rng.uniform(-1.0, 1.0), 2),
        )
    if kind == "noisy":
        return ScanProfile(
            dpi=render_dpi,
            noise=round(rng.uniform(4, 14), 1),
            blur=round(rng.uniform(0.5, 1.3), 2),
            jpeg_quality=rng.randint(30, 60),
            paper=rng.choice((None, 232)),
        )
    return ScanProfile(
        dpi=render_dpi,
        binarize=rng.randint(140, 170),
        salt_pepper=rng.choice((0.0, 0.0005)),
        skew=round(rng.uniform(-1.5, 1.5), 2),
    )


def _corpus_format(rng: random.Random, formats: Sequence[str], *, pages: int, noisy: bool) -> str:
    """Pick a format: a multi-page one for several pages, a lossy one for noisy pages.

    Gaussian noise does not compress losslessly (a noisy 300-dpi TIFF page is ~5 MB), so
    noisy pages go to JPEG or PDF (JPEG-coded pages) when those are among ``formats``.
    """
    choices = list(formats)
    if pages > 1:
        choices = [f for f in choices if f in MULTIPAGE_FORMATS] or choices
    if noisy:
        choices = [f for f in choices if f in ("jpg", "pdf")] or choices
        if pages > 1:
            choices = [f for f in choices if f in MULTIPAGE_FORMATS] or choices
    return rng.choice(choices)


def generate_corpus(
    out: Path,
    *,
    count: int,
    seed: int,
    pages_min: int = 1,
    pages_max: int = 3,
    formats: Sequence[str] = ("pdf", "tif", "png", "jpg"),
    dpi: int | None = None,
    clean: bool = False,
) -> list[dict[str, object]]:
    """Write a random corpus of letters with their truth, printed text and manifest.

    A multi-page letter drawn in a single-page format goes into a multi-page format from
    ``formats`` when there is one, else into one file per page (``<id>.p1.png``, ...).

    Args:
        out: Output folder.
        count: Number of letters.
        seed: Corpus seed.
        pages_min: Fewest pages per letter.
        pages_max: Most pages per letter.
        formats: Formats to draw from.
        dpi: Fixed rendering dpi, or None to vary it.
        clean: No degradations at all.

    Returns:
        The manifest entries.
    """
    out.mkdir(parents=True, exist_ok=True)
    master = random.Random(seed)
    entries = []
    for index in range(1, count + 1):
        letter_seed = master.randrange(2**31)
        rng = random.Random(letter_seed)
        pages = rng.randint(pages_min, pages_max)
        profile = ScanProfile(dpi=dpi or DEFAULT_DPI) if clean else random_profile(rng, dpi=dpi)
        fmt = _corpus_format(rng, formats, pages=pages, noisy=bool(profile.noise))
        if profile.jpeg_quality is None and fmt == "jpg":
            profile = replace(profile, jpeg_quality=rng.randint(75, 92))
        spec = letter_with_pages(letter_seed, LetterOptions(), pages)
        sample = SampleDef(
            f"c{index:04d}",
            letter_seed,
            fmt,
            profile,
            pages=pages,
            description=f"random letter (seed {letter_seed})",
        )
        entries.append(make_sample(spec, sample, out))
    write_manifest(
        out, entries, f"python samples/generate.py corpus --out {out} --count {count} --seed {seed}"
    )
    return entries
