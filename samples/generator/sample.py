"""One sample: a letter becomes a scan, its truth, its printed text and a manifest entry."""

from __future__ import annotations

import logging
import random
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
from PIL import Image

from .files import MULTIPAGE_FORMATS, write_json, write_scan, write_text
from .geometry import DEFAULT_DPI
from .layout import gt_text, layout_letter
from .letters import random_letter
from .model import LetterOptions, LetterSpec
from .render import render_letter
from .scan import ScanProfile, degrade, jpeg_round_trip
from .truth import expected_truth

log = logging.getLogger(__name__)

# The most body paragraphs tried when fitting a letter to a page count.
MAX_PARAGRAPHS = 60


@dataclass(frozen=True)
class SampleDef:
    """One sample of a set.

    Attributes:
        id: File stem.
        seed: Seed of the letter and its degradations.
        fmt: "png", "jpg", "tif" or "pdf".
        profile: The scan profile.
        options: Constraints for random_letter.
        pages: Wanted page count (the body is lengthened or shortened to fit).
        description: One line for the manifest.
        source: "random" or "seed" (the founding letter).
    """

    id: str
    seed: int
    fmt: str
    profile: ScanProfile
    options: LetterOptions = field(default_factory=LetterOptions)
    pages: int = 1
    description: str = ""
    source: str = "random"


def letter_with_pages(seed: int, options: LetterOptions, pages: int) -> LetterSpec:
    """A random letter whose body is as long as needed for a page count.

    With ``options.paragraphs`` set and fitting, that count is kept. Otherwise, among the
    paragraph counts that give exactly ``pages`` pages, the middle one is taken, so that on
    a multi-page letter the body runs on to the last page (not just the signature).

    Args:
        seed: Seed of the letter.
        options: Constraints (``paragraphs`` is a preference).
        pages: Wanted number of pages.

    Returns:
        The letter (the closest page count it gets, with a warning, if none fits exactly).
    """

    def build(count: int) -> LetterSpec:
        return random_letter(random.Random(seed), replace(options, paragraphs=count))

    if options.paragraphs is not None:
        spec = build(options.paragraphs)
        if len(layout_letter(spec)) == pages:
            return spec
    fitting: list[LetterSpec] = []
    closest: LetterSpec | None = None
    for count in range(0, MAX_PARAGRAPHS + 1):
        spec = build(count)
        got = len(layout_letter(spec))
        if got > pages:
            break
        closest = spec
        if got == pages:
            fitting.append(spec)
    if fitting:
        return fitting[len(fitting) // 2]
    log.warning("seed %d: could not fit exactly %d pages", seed, pages)
    return closest or build(0)


def make_sample(
    spec: LetterSpec, sample: SampleDef, out: Path, truth: dict[str, object] | None = None
) -> dict[str, object]:
    """Render, degrade and write one sample with its truth and printed text.

    Args:
        spec: The letter.
        sample: Sample definition (id, format, profile).
        out: Output folder.
        truth: The truth to write instead of expected_truth(spec) (for the founding letter).

    Returns:
        The manifest entry.
    """
    profile = sample.profile
    rng = np.random.default_rng(sample.seed)
    pages = [
        degrade(p, profile, rng) for p in render_letter(spec, dpi=profile.dpi, color=profile.color)
    ]
    if profile.jpeg_quality is not None and sample.fmt != "jpg":
        pages = [jpeg_round_trip(p, profile.jpeg_quality) for p in pages]
    dpi = profile.dpi if profile.write_dpi or sample.fmt == "pdf" else None
    created = None
    if spec.letter_date and len(spec.letter_date) == 10:
        created = time.strptime(spec.letter_date, "%Y-%m-%d")
    files = _write_pages(out, sample, pages, dpi, created)
    write_json(out / f"{sample.id}.expected.json", truth or expected_truth(spec))
    write_text(out / f"{sample.id}.gt.txt", gt_text(spec))
    clean = not profile.degradations() and profile.dpi == DEFAULT_DPI
    return {
        "id": sample.id,
        "file": files[0],
        "files": files,
        "format": {"png": "png", "jpg": "jpeg", "tif": "tiff", "pdf": "pdf"}[sample.fmt],
        "pages": len(pages),
        "dpi": dpi,
        "render_dpi": profile.dpi,
        "size": list(pages[0].size),
        "mode": pages[0].mode,
        "rotation": profile.rotation,
        "skew": profile.skew,
        "degradations": profile.degradations(),
        "clean_300dpi": clean and sample.fmt in ("png", "tif"),
        "expected": f"{sample.id}.expected.json",
        "gt": f"{sample.id}.gt.txt",
        "description": sample.description,
    }


def _write_pages(
    out: Path,
    sample: SampleDef,
    pages: list[Image.Image],
    dpi: int | None,
    created: time.struct_time | None,
) -> list[str]:
    quality = sample.profile.jpeg_quality
    if len(pages) == 1 or sample.fmt in MULTIPAGE_FORMATS:
        name = f"{sample.id}.{sample.fmt}"
        write_scan(
            out / name,
            pages,
            fmt=sample.fmt,
            dpi=dpi,
            jpeg_quality=quality,
            title=sample.id,
            created=created,
        )
        return [name]
    names = []
    for number, page in enumerate(pages, start=1):  # single-page format: one file per page
        name = f"{sample.id}.p{number}.{sample.fmt}"
        write_scan(out / name, [page], fmt=sample.fmt, dpi=dpi, jpeg_quality=quality)
        names.append(name)
    return names


MANIFEST_CONVENTIONS = {
    "rotation": "degrees (0/90/180/270) the page content was turned clockwise; "
    "turn the image counter-clockwise by this much to read it",
    "skew": "degrees the page content was turned clockwise before rotation (negative: "
    "counter-clockwise)",
    "dpi": "resolution written into the file; null when deliberately omitted",
    "render_dpi": "resolution the page was rendered at (A4: 2480x3508 px at 300 dpi)",
    "gt": "printed text, one visual line per line, top to bottom; lines of blocks side by "
    "side (e.g. letterhead and date) whose centres are within half a line are one line, "
    "joined left to right by a space; registry stamps included; footer and page number "
    "last; pages separated by a form feed",
    "clean_300dpi": "rendered at 300 dpi, no degradation, lossless format: the samples for "
    "the <= 1 % character error rate target",
}


def write_manifest(out: Path, entries: list[dict[str, object]], command: str) -> None:
    """Write ``manifest.json`` for a set of samples."""
    write_json(out / "manifest.json", {
        "generator": "samples/generate.py",
        "command": command,
        "conventions": MANIFEST_CONVENTIONS,
        "samples": entries,
    })  # fmt: skip
