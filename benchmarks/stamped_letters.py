"""Field accuracy on rendered letters that carry name, header and registry stamps.

    python -m benchmarks.stamped_letters [--count N] [--seed S] [--dpi 300 150] [--misses]

The samples generator draws one-page letters, each with a registry stamp, a name stamp
signed across by hand (half of them the only place the signatory is named, half over the
printed block) and, for about half, a header stamp instead of a printed letterhead. They
are rendered clean (no scan degradation: what is measured is the stamps), alternately in
colour and in grey, at each of the ``--dpi`` resolutions in turn, written as PNG files
(a multi-page TIFF for the few that run to two pages),
and read by the real pipeline (``python -m pipeline run IN -o OUT``, Tesseract and all).
Scoring is ``extract.evaluate.score_letter`` against the generator's truth. Printed:

* strict accuracy per field, for all letters, colour, grey and each dpi;
* signatory: name and position both strictly right;
* received date: ``fields.received.value.date`` against the date of a "WPŁYNĘŁO"
  registry stamp; a "WYSŁANO" stamp (the sender's dispatch stamp on its file copy) states
  no received date, and pismo reading one as received is counted apart;
* how many letters got a registry-stamp date as their letter date (must be 0): counted
  only where the stamp's date is not also the letter's own date.

With ``--misses``: every miss, and the stamps pismo read (``.ocr.json`` ``stamps``) on
letters whose signatory, sender or received date it got wrong.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extract.evaluate import Report, Score, load_output, miss_lines, score_letter
from samples import generator as gen
from samples.generator.sample import SampleDef, letter_with_pages, make_sample
from samples.generator.vocabulary import STAMP_POSITIONS

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Stamped:
    """One generated letter: its file stem, how it was rendered, and its stamps' truth."""

    name: str
    color: bool
    dpi: int
    name_stamp: str
    header_stamp: bool
    registry_date: str
    received: str | None
    letter_date: str | None
    truth: Mapping[str, Any]


def letter_options(index: int, dpis: Sequence[int]) -> tuple[bool, int, str]:
    """Colour, dpi and name-stamp kind of letter ``index``.

    A cycle through every combination, so that a small count still covers all of them.
    """
    color = index % 2 == 0
    dpi = dpis[(index // 2) % len(dpis)]
    kind = ("only", "printed")[(index // (2 * len(dpis))) % 2]
    return color, dpi, kind


def generate(out: Path, count: int, seed: int, dpis: Sequence[int]) -> list[Stamped]:
    """Write ``count`` stamped letters as PNG files to ``out/in`` and truth to ``out/truth``.

    Args:
        out: Work folder.
        count: Number of letters.
        seed: Seed of the set.
        dpis: Resolutions to cycle through.

    Returns:
        The letters.
    """
    scans, truths = out / "in", out / "truth"
    scans.mkdir(parents=True, exist_ok=True)
    truths.mkdir(parents=True, exist_ok=True)
    master = random.Random(seed)
    letters = []
    for index in range(count):
        letter_seed = master.randrange(2**31)
        rng = random.Random(letter_seed)
        color, dpi, kind = letter_options(index, dpis)
        options = gen.LetterOptions(
            name_stamp=kind,
            header_stamp=rng.random() < 0.5,
            stamp_position=rng.choice(STAMP_POSITIONS),
        )
        spec = letter_with_pages(letter_seed, options, 1)
        assert spec.stamp is not None
        name = f"L{index:03d}_{'colour' if color else 'grey'}_{dpi}"
        # A letter that runs to two pages goes into one multi-page TIFF: one input, one output.
        fmt = "png" if len(gen.layout_letter(spec)) == 1 else "tif"
        sample = SampleDef(name, letter_seed, fmt, gen.ScanProfile(dpi=dpi, color=color))
        make_sample(spec, sample, scans)
        # Truth and transcript out of the scan folder: pismo reads every file there.
        for suffix in (".expected.json", ".gt.txt"):
            (scans / f"{name}{suffix}").replace(truths / f"{name}{suffix}")
        truth = json.loads((truths / f"{name}.expected.json").read_text(encoding="utf-8"))
        letters.append(
            Stamped(
                name, color, dpi, kind, spec.header_stamp is not None, spec.stamp.dates[0],
                # "WYSŁANO" is the sender's dispatch stamp on its file copy: no received date.
                spec.stamp.dates[0] if "WPŁYNĘŁO" in spec.stamp.lines else None,
                spec.letter_date, truth,
            )
        )  # fmt: skip
    return letters


def run_pismo(scans: Path, outputs: Path, jobs: int, *, extract_only: bool = False) -> float:
    """Run the pipeline over a folder; returns the seconds it took.

    ``extract_only``: extract again from the OCR a previous run stored in ``outputs``
    (a change to the rules measured in seconds, not an OCR pass).
    """
    command = [sys.executable, "-m", "pipeline", "run", str(scans), "-o", str(outputs)]
    if extract_only:
        stored = sorted(str(path) for path in outputs.glob("*.ocr.json"))
        if not stored:
            raise SystemExit(f"{outputs}: no stored OCR; run once without --extract-only")
        command = [sys.executable, "-m", "pipeline", "extract", *stored, "-o", str(outputs)]
    else:
        command += ["-j", str(jobs)]
    started = time.perf_counter()
    subprocess.run([*command, "-q"], cwd=ROOT, check=False)
    return time.perf_counter() - started


def _value(output: Mapping[str, Any], key: str) -> Any:
    entry = (output.get("fields") or {}).get(key)
    return entry.get("value") if isinstance(entry, dict) else None


def _received_date(output: Mapping[str, Any]) -> str | None:
    received = _value(output, "received")
    return received.get("date") if isinstance(received, dict) else None


@dataclass
class Tally:
    """Letter-level counts of one group of letters."""

    letters: int = 0
    signatory_right: int = 0
    received_stamps: int = 0
    received_right: int = 0
    dispatch_as_received: int = 0
    registry_as_letter_date: int = 0

    @property
    def dispatch_stamps(self) -> int:
        """Letters whose chancery stamp is a dispatch stamp: every other letter's."""
        return self.letters - self.received_stamps

    def add(self, letter: Stamped, output: Mapping[str, Any], scores: Sequence[Score]) -> None:
        """Count one letter."""
        self.letters += 1
        parts = {s.field: s.strict for s in scores}
        if parts.get("signatory.name") == 1.0 and parts.get("signatory.position") == 1.0:
            self.signatory_right += 1
        got = _received_date(output)
        if letter.received is not None:
            self.received_stamps += 1
            self.received_right += got == letter.received
        else:
            self.dispatch_as_received += got is not None
        if letter.registry_date != letter.letter_date:
            self.registry_as_letter_date += _value(output, "letter_date") == letter.registry_date


def groups(letter: Stamped) -> tuple[str, ...]:
    """The columns a letter counts in."""
    return ("all", "colour" if letter.color else "grey", f"{letter.dpi} dpi")


def score(
    letters: Iterable[Stamped], outputs: Mapping[str, Mapping[str, Any]]
) -> tuple[dict[str, Report], dict[str, Tally]]:
    """Score every letter's output; reports and tallies per group."""
    reports: dict[str, Report] = {}
    tallies: dict[str, Tally] = {}
    for letter in letters:
        output = outputs[letter.name]
        scores = list(score_letter(letter.name, letter.truth, output))
        for group in groups(letter):
            report = reports.setdefault(group, Report())
            if not output:
                report.missing_outputs.append(letter.name)
            report.scores.extend(scores)
            tallies.setdefault(group, Tally()).add(letter, output, scores)
    return reports, tallies


def table(reports: Mapping[str, Report], tallies: Mapping[str, Tally]) -> str:
    """Strict accuracy per field and group, then the stamp figures."""
    order = {"all": 0, "colour": 1, "grey": 2}
    columns = sorted(
        reports, key=lambda c: (order.get(c, 3), -int(c.split()[0]) if c[0].isdigit() else 0)
    )
    head = f"{'field':26s}" + "".join(f"{c:>10s}" for c in columns)
    lines = [head]
    per_field = {c: reports[c].per_field() for c in columns}
    for name in per_field["all"]:
        row = "".join(f"{per_field[c].get(name, (0.0, 0.0, 0))[0]:10.3f}" for c in columns)
        lines.append(f"{name:26s}{row}")
    lines.append(f"{'overall':26s}" + "".join(f"{reports[c].overall()[0]:10.3f}" for c in columns))
    lines.append(f"{'letters':26s}" + "".join(f"{tallies[c].letters:10d}" for c in columns))
    for label, attr, out_of in (
        ("signatory name+position", "signatory_right", "letters"),
        ("received date", "received_right", "received_stamps"),
        ("dispatch read as received", "dispatch_as_received", "dispatch_stamps"),
        ("registry date as letter", "registry_as_letter_date", "letters"),
    ):
        cells = "".join(
            f"{getattr(tallies[c], attr):>4d}/{getattr(tallies[c], out_of):<5d}" for c in columns
        )
        lines.append(f"{label:26s}{cells}")
    return "\n".join(lines) + "\n"


def misses(
    letters: Iterable[Stamped],
    reports: Mapping[str, Report],
    outputs: Mapping[str, Mapping[str, Any]],
    folder: Path,
) -> str:
    """Every miss, and what pismo read in the stamps of letters with stamp-field misses."""
    lines = miss_lines(reports["all"])
    wrong = {
        m.letter for m in reports["all"].misses() if m.field.startswith(("signatory", "sender"))
    }
    for letter in letters:
        ocr = folder / f"{letter.name}.ocr.json"
        received = _received_date(outputs[letter.name])
        if letter.name not in wrong and received == letter.received:
            continue
        lines.append(
            f"STAMPS {letter.name} (name stamp {letter.name_stamp}, header stamp "
            f"{letter.header_stamp}, received {letter.received}, got {received}):"
        )
        if ocr.is_file():
            for page in json.loads(ocr.read_text(encoding="utf-8")).get("pages", []):
                for stamp in page.get("stamps") or []:
                    text = " | ".join(str(stamp.get("text", "")).splitlines())
                    lines.append(f"  [{stamp.get('ink')}] {text}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Generate, run pismo, score; print the table and one JSON line of figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=24)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--dpi", type=int, nargs="+", default=[300, 150])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--misses", action="store_true")
    parser.add_argument("--keep", type=Path, help="work folder to keep (default: a temporary one)")
    parser.add_argument(
        "--extract-only",
        action="store_true",
        help="with --keep: extract again from the OCR a run with the same options stored there",
    )
    args = parser.parse_args(argv)
    if args.extract_only and args.keep is None:
        parser.error("--extract-only needs --keep (the folder with the stored OCR)")
    with tempfile.TemporaryDirectory(prefix="stamped_") as temporary:
        work = args.keep or Path(temporary)
        started = time.perf_counter()
        letters = generate(work, args.count, args.seed, args.dpi)
        generated = time.perf_counter() - started
        seconds = run_pismo(work / "in", work / "out", args.jobs, extract_only=args.extract_only)
        outputs = {letter.name: load_output(work / "out", letter.name) for letter in letters}
        reports, tallies = score(letters, outputs)
        sys.stdout.write(table(reports, tallies))
        if args.misses:
            sys.stdout.write("\n" + misses(letters, reports, outputs, work / "out"))
    figures: dict[str, object] = {
        "letters": args.count,
        "strict": round(reports["all"].overall()[0], 4),
        "signatory": tallies["all"].signatory_right,
        "received": tallies["all"].received_right,
        "received_stamps": tallies["all"].received_stamps,
        "dispatch_as_received": tallies["all"].dispatch_as_received,
        "registry_date_as_letter_date": tallies["all"].registry_as_letter_date,
        "missing_outputs": len(reports["all"].missing_outputs),
        "generate_s": round(generated, 1),
        "pismo_s": round(seconds, 1),
    }
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
