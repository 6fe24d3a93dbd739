"""OCR quality and cost: character error rate against known text, and time against bare Tesseract.

Usage:
    python benchmarks/ocr_quality.py [--langs pol,pol+eng] [--target-dpi 300,400]
        [--samples samples] [--shared ../shared] [--timing] [--json RESULT.json]

Texts compared:
- each sample in ``samples/`` (its scan against ``<id>.gt.txt``, the text the generator
  printed); the ``clean_300dpi`` ones carry the <= 1 % target;
- the three real GIF scans in ``../shared/real-scans`` against their transcriptions
  ``../shared/dev-letters/006-008.txt`` (which leave the stamps out, so stamp text read by
  OCR counts as error).

The character error rate is the Levenshtein distance between the whole texts (NFC,
typographic quotes and dashes folded, whitespace collapsed) over the reference length.
It is strict: a reading-order difference (a date printed beside the reference read
before or after it) counts as errors too.

``--timing`` also runs bare ``tesseract IMAGE stdout -l pol`` (``OMP_THREAD_LIMIT=1``) on
the same prepared page images and prints pismo's time per page over it.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import unicodedata
from dataclasses import asdict, dataclass
from pathlib import Path

from rapidfuzz.distance import Levenshtein

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ocr.engine import OcrOptions, read_document  # noqa: E402
from ocr.load import open_document  # noqa: E402
from ocr.tesseract import TesseractEngine  # noqa: E402
from ocr.types import OcrDocument  # noqa: E402

REAL_SCANS = {
    "smw_odpowiedz_rejestr_zgloszen.gif": "006.txt",
    "smw_odpowiedz_sumpro.gif": "007.txt",
    "smw_odpowiedz_rejestr_mandatow.gif": "008.txt",
}


@dataclass(frozen=True)
class Score:
    """One text compared under one configuration."""

    name: str
    group: str
    lang: str
    config: str  # "TARGET/LOW_RES" resampling targets, e.g. "300/400"
    ocr_dpi: int  # the resolution the pages were OCR'd at
    ref_chars: int
    cer: float
    seconds: float
    pages: int


def normalise(text: str) -> str:
    """NFC, typographic quotes and dashes folded, whitespace collapsed."""
    text = unicodedata.normalize("NFC", text)
    text = (
        text.replace("„", '"')
        .replace("”", '"')
        .replace("“", '"')
        .replace("–", "-")
        .replace("—", "-")
    )
    return re.sub(r"\s+", " ", text).strip()


def in_place(document: OcrDocument) -> str:
    """The document's text with each stamp put back, as a block, where its top stands.

    Transcriptions (the samples' ``gt.txt``, the real scans' references) write a stamp
    where it is on the page; pismo keeps stamps apart from the reading order. Each stamp
    becomes a block of its own before the first line below its top. (A stamp standing
    beside print, which a transcription interleaves line by line, costs some CER here.)
    """
    pages = []
    for page in document.pages:
        lines = list(page.lines)
        for number, stamp in enumerate(sorted(page.stamps, key=lambda s: -s.bbox.top)):
            at = next((i for i, o in enumerate(lines) if o.bbox.top > stamp.bbox.top), len(lines))
            block = -1 - number  # a block number no page line has: a blank line around it
            lines[at:at] = [dataclasses.replace(line, block=block) for line in stamp.lines]
        pages.append(dataclasses.replace(page, lines=tuple(lines)).text)
    return "\f".join(pages)


def cer(hypothesis: str, reference: str) -> float:
    """Whole-text character error rate (reading order counts)."""
    ref = normalise(reference)
    return Levenshtein.distance(normalise(hypothesis), ref) / max(1, len(ref))


def score_file(
    name: str, scan: Path, reference: str, *, group: str, lang: str, options: OcrOptions
) -> Score:
    """OCR one scan with pismo and compare it with its reference text."""
    started = time.perf_counter()
    document = open_document(scan)
    ocr_doc = read_document(
        document,
        TesseractEngine(lang=lang),
        options,
        source=name,
    )
    seconds = time.perf_counter() - started
    return Score(
        name,
        group,
        lang,
        f"{options.target_dpi}/{options.low_res_target_dpi}",
        max(page.dpi for page in ocr_doc.pages),
        len(normalise(reference)),
        round(cer(in_place(ocr_doc), reference), 4),
        round(seconds, 2),
        len(ocr_doc.pages),
    )


def corpus(samples: Path, shared: Path | None) -> list[tuple[str, Path, str, str]]:
    """(name, scan, reference text, group) for every comparable text found."""
    items: list[tuple[str, Path, str, str]] = []
    manifest_path = samples / "manifest.json"
    manifest = (
        json.loads(manifest_path.read_text(encoding="utf-8")) if manifest_path.exists() else []
    )
    entries = manifest.get("samples", manifest) if isinstance(manifest, dict) else manifest
    for entry in entries:
        gt = samples / f"{entry['id']}.gt.txt"
        if gt.exists():
            group = "clean_300dpi" if entry.get("clean_300dpi") else "degraded"
            items.append(
                (entry["id"], samples / entry["file"], gt.read_text(encoding="utf-8"), group)
            )
    if shared is not None and (shared / "real-scans").is_dir():
        for scan, text in REAL_SCANS.items():
            reference = (shared / "dev-letters" / text).read_text(encoding="utf-8")
            items.append((scan, shared / "real-scans" / scan, reference, "real_gif"))
    return items


def bare_tesseract_ratio(items: list[tuple[str, Path, str, str]], lang: str) -> dict[str, float]:
    """Return pismo's seconds per page over bare ``tesseract`` on the same prepared page image.

    Both run one page at a time with ``OMP_THREAD_LIMIT=1``, alternating per page so that
    machine drift hits both alike.
    """
    from ocr.engine import prepare
    from ocr.load import iter_pages

    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    engine = TesseractEngine(lang=lang)
    pismo_s = bare_s = 0.0
    pages = 0
    with tempfile.TemporaryDirectory() as tmp:
        for name, scan, _, _ in items:
            document = open_document(scan)
            for page in iter_pages(document):
                image_path = Path(tmp) / f"{pages}.png"
                prepared = prepare(page, engine, OcrOptions())
                prepared.image.save(image_path, dpi=(prepared.dpi, prepared.dpi))
                started = time.perf_counter()
                subprocess.run(
                    ["tesseract", str(image_path), "stdout", "-l", lang],
                    env=env,
                    capture_output=True,
                    check=True,
                )
                bare_s += time.perf_counter() - started
                pages += 1
            started = time.perf_counter()
            read_document(open_document(scan), engine, OcrOptions(), source=name)
            pismo_s += time.perf_counter() - started
    return {
        "pages": pages,
        "pismo_s_per_page": pismo_s / pages,
        "bare_s_per_page": bare_s / pages,
        "ratio": (pismo_s / pages) / (bare_s / pages),
    }


def _summary(scores: list[Score]) -> list[dict[str, object]]:
    rows = []
    keys = sorted({(s.group, s.lang, s.config) for s in scores})
    for group, lang, config in keys:
        chosen = [s for s in scores if (s.group, s.lang, s.config) == (group, lang, config)]
        chars = sum(s.ref_chars for s in chosen)
        rows.append(
            {
                "group": group,
                "lang": lang,
                "dpi": config,
                "texts": len(chosen),
                "cer": round(sum(s.cer * s.ref_chars for s in chosen) / chars, 4),
                "max_cer": max(s.cer for s in chosen),
                "s_per_page": round(
                    sum(s.seconds for s in chosen) / sum(s.pages for s in chosen), 2
                ),
            }
        )
    return rows


def main(argv: list[str] | None = None) -> int:
    """Run the measurement and print per-text and summary tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--langs", default="pol")
    parser.add_argument("--target-dpi", default="300", help="resampling targets to compare")
    parser.add_argument("--low-res-dpi", default="400", help="targets for pages under 150 dpi")
    parser.add_argument("--samples", type=Path, default=ROOT / "samples")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--only", default="", help="comma-separated groups to run")
    parser.add_argument("--clean", action="store_true", help="pismo's --clean preprocessing")
    parser.add_argument("--timing", action="store_true")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    items = corpus(args.samples, args.shared if args.shared.is_dir() else None)
    if args.only:
        items = [item for item in items if item[3] in args.only.split(",")]
    scores = []
    configs = [
        OcrOptions(target_dpi=int(dpi), low_res_target_dpi=int(low), clean=args.clean)
        for dpi in args.target_dpi.split(",")
        for low in args.low_res_dpi.split(",")
    ]
    for lang in args.langs.split(","):
        for options in configs:
            for name, scan, reference, group in items:
                score = score_file(name, scan, reference, group=group, lang=lang, options=options)
                scores.append(score)
                print(
                    f"{group:13} {lang:8} {score.config:8} {name:45} cer={score.cer:.4f} "
                    f"{score.seconds:5.1f}s",
                    flush=True,
                )
    summary = _summary(scores)
    print("\nsummary (character-weighted):")
    for row in summary:
        print("  " + "  ".join(f"{k}={v}" for k, v in row.items()))
    result: dict[str, object] = {"scores": [asdict(s) for s in scores], "summary": summary}
    if args.timing:
        timing = bare_tesseract_ratio(items, args.langs.split(",")[0])
        print("\ntiming: " + "  ".join(f"{k}={v:.3f}" for k, v in timing.items()))
        result["timing"] = timing
    if args.json:
        args.json.write_text(json.dumps(result, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
