"""Field accuracy of pismo's JSON against truth files: ``pismo evaluate TRUTH_DIR OUT_DIR``.

Truth files are ``NAME.truth.json`` in the format of the development letters (see the
output contract in README): scalars, ``addressee``/``signatory`` objects and lists. For
each one, ``OUT_DIR/NAME.json`` is pismo's output. Per field it reports:

- strict accuracy: normalised exact match (Unicode NFC, case-folded, typographic quotes
  unified, whitespace collapsed, outer ``,.;:`` and spaces removed);
- lenient accuracy: normalised similarity (1 - Levenshtein distance / longer length) ≥ 0.9;
- for ``dates`` and ``distribution_list``, F1 of the lists (strict and lenient matching);
- a calibration table: among answered fields (the addressee and the signatory counted as
  wholes, right when every scored sub-field is), how often each confidence band is right.

``sender`` and ``subject`` are reported but left out of the overall figure: their truth is
a judgement call (which of the letterhead's lines, how much of the subject).
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex

from extract.fields import FIELDS, Scoring
from extract.text import edit_distance

# How each field is scored comes from the field catalogue.
SCALARS = tuple(
    spec.name.value for spec in FIELDS if spec.scoring in {Scoring.EXACT, Scoring.INFORMATIONAL}
)
INFORMATIONAL = frozenset(
    spec.name.value for spec in FIELDS if spec.scoring is Scoring.INFORMATIONAL
)
PERSONS = {spec.name.value: spec.scored_parts for spec in FIELDS if spec.scoring is Scoring.PARTS}
LISTS = {spec.name.value: spec.item_key or "" for spec in FIELDS if spec.scoring is Scoring.LIST}
LENIENT = 0.9
BANDS = ((0.9, 1.01), (0.7, 0.9), (0.5, 0.7), (0.0, 0.5))


@dataclass(frozen=True, slots=True)
class Score:
    """One scored field of one letter."""

    letter: str
    field: str
    strict: float  # 0/1 for scalars, F1 for lists
    lenient: float
    truth: Any
    got: Any
    confidence: float | None  # of a non-empty answer; None when pismo answered nothing


@dataclass(slots=True)
class Report:
    """All scores of a run, with the figures derived from them."""

    scores: list[Score] = field(default_factory=list)
    missing_outputs: list[str] = field(default_factory=list)

    def per_field(self) -> dict[str, tuple[float, float, int]]:
        """Field → (strict, lenient, count)."""
        table: dict[str, list[Score]] = {}
        for score in self.scores:
            table.setdefault(score.field, []).append(score)
        return {
            name: (
                sum(s.strict for s in rows) / len(rows),
                sum(s.lenient for s in rows) / len(rows),
                len(rows),
            )
            for name, rows in sorted(table.items())
        }

    def overall(self) -> tuple[float, float]:
        """Strict and lenient accuracy over the scored (not informational) fields."""
        rows = [s for s in self.scores if s.field not in INFORMATIONAL]
        if not rows:
            return 0.0, 0.0
        return sum(s.strict for s in rows) / len(rows), sum(s.lenient for s in rows) / len(rows)

    def calibration(self) -> list[tuple[str, int, int]]:
        """(band, right, answered) per answered field.

        The addressee and the signatory count as wholes, right when every scored
        sub-field is right.
        """
        fields: dict[tuple[str, str], list[Score]] = {}
        for score in self.scores:
            base = score.field.split(".")[0]
            if base not in LISTS and base not in INFORMATIONAL:
                fields.setdefault((score.letter, base), []).append(score)
        answered = [
            (
                max(s.confidence for s in rows if s.confidence is not None),
                all(s.strict == 1.0 for s in rows),
            )
            for rows in fields.values()
            if any(s.confidence is not None for s in rows)
        ]
        table = []
        for low, high in BANDS:
            band = [right for confidence, right in answered if low <= confidence < high]
            label = f">= {low:.1f}" if high > 1 else f"{low:.1f}-{high:.1f}"
            table.append((label, sum(band), len(band)))
        return table

    def misses(self) -> list[Score]:
        """The scores that are not strictly right."""
        return [s for s in self.scores if s.strict < 1.0]

    def to_dict(self) -> dict[str, Any]:
        """JSON form of the report."""
        strict, lenient = self.overall()
        return {
            "overall": {"strict": strict, "lenient": lenient, "letters": self.letters},
            "fields": {
                name: {"strict": s, "lenient": lenient_, "n": n}
                for name, (s, lenient_, n) in self.per_field().items()
            },
            "informational": sorted(INFORMATIONAL),
            "calibration": [
                {"confidence": band, "right": right, "answered": answered}
                for band, right, answered in self.calibration()
            ],
            "missing_outputs": self.missing_outputs,
            "misses": [
                {"letter": s.letter, "field": s.field, "truth": s.truth, "got": s.got}
                for s in self.misses()
            ],
        }

    @property
    def letters(self) -> int:
        """How many letters were scored."""
        return len({s.letter for s in self.scores} | set(self.missing_outputs))


def normalise(value: Any) -> str:
    """The form two answers are compared in (see the module docstring)."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFC", str(value)).casefold()
    text = text.replace("„", '"').replace("”", '"').replace("“", '"')
    return regex.sub(r"\s+", " ", text).strip(" ,.;:")


def similarity(a: Any, b: Any) -> float:
    """1 - edit distance / longer length, of the normalised texts (1.0 for two empties)."""
    left, right = normalise(a), normalise(b)
    if not left and not right:
        return 1.0
    if not left or not right:
        return 0.0
    return 1 - edit_distance(left, right) / max(len(left), len(right))


def list_f1(truth: Sequence[Any], got: Sequence[Any], match: Callable[[Any, Any], bool]) -> float:
    """F1 of two lists, each truth item matched to at most one answer."""
    if not truth and not got:
        return 1.0
    used: set[int] = set()
    hits = 0
    for expected in truth:
        for index, answer in enumerate(got):
            if index not in used and match(expected, answer):
                used.add(index)
                hits += 1
                break
    precision = hits / len(got) if got else 0.0
    recall = hits / len(truth) if truth else 0.0
    return 0.0 if precision + recall == 0 else 2 * precision * recall / (precision + recall)


def score_letter(name: str, truth: Mapping[str, Any], output: Mapping[str, Any]) -> Iterator[Score]:
    """Scores of one letter's output against its truth (keys absent in truth are skipped)."""
    fields = output.get("fields") or {}
    for key in SCALARS:
        if key in truth:
            got, confidence = _answer(fields.get(key))
            yield _scalar(name, key, truth[key], got, confidence)
    for key, parts in PERSONS.items():
        if key not in truth:
            continue
        expected = truth[key] or dict.fromkeys(parts)
        got, confidence = _answer(fields.get(key))
        got = got if isinstance(got, dict) else {}
        for part in parts:
            if part in expected:
                answer = got.get(part)
                yield _scalar(
                    name, f"{key}.{part}", expected[part], answer, confidence if answer else None
                )
    for key, item_key in LISTS.items():
        if key not in truth:
            continue
        got, confidence = _answer(fields.get(key))
        items = [g.get(item_key) if isinstance(g, dict) else g for g in got or []]
        yield Score(
            name,
            key,
            list_f1(truth[key], items, lambda a, b: normalise(a) == normalise(b)),
            list_f1(truth[key], items, lambda a, b: similarity(a, b) >= LENIENT),
            truth[key],
            items,
            confidence if items else None,
        )


def _answer(entry: Any) -> tuple[Any, float]:
    if isinstance(entry, dict) and "value" in entry:
        return entry["value"], float(entry.get("confidence") or 0.0)
    return entry, 0.0


def _scalar(name: str, key: str, truth: Any, got: Any, confidence: float | None) -> Score:
    answered = got not in (None, "", [])
    return Score(
        name,
        key,
        float(normalise(got) == normalise(truth)),
        float(similarity(got, truth) >= LENIENT),
        truth,
        got,
        confidence if answered else None,
    )


def load_output(out_dir: Path, name: str) -> dict[str, Any]:
    """The output ``OUT_DIR/NAME.json``, or {} when there is none (scored as all missed)."""
    path = out_dir / f"{name}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def evaluate(truth_dir: Path, out_dir: Path) -> Report:
    """Score every ``TRUTH_DIR/NAME.truth.json`` against ``OUT_DIR/NAME.json``."""
    report = Report()
    for truth_path in sorted(truth_dir.glob("*.truth.json")):
        name = truth_path.name.removesuffix(".truth.json")
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        output = load_output(out_dir, name)
        if not output:
            report.missing_outputs.append(name)
        report.scores.extend(score_letter(name, truth, output))
    return report


def miss_lines(report: Report) -> list[str]:
    """One line per miss: the letter, the field, the truth and what was got."""
    lines = []
    for miss in report.misses():
        truth = json.dumps(miss.truth, ensure_ascii=False)
        got = json.dumps(miss.got, ensure_ascii=False)
        lines.append(f"MISS {miss.letter} {miss.field}: truth={truth} got={got}")
    return lines


def render(report: Report, *, verbose: bool = False) -> str:
    """The report as a plain-text table."""
    lines = [f"{'field':26s} {'strict':>7s} {'lenient':>8s} {'n':>4s}"]
    for name, (strict, lenient, count) in report.per_field().items():
        note = "  (informational)" if name in INFORMATIONAL else ""
        lines.append(f"{name:26s} {strict:7.3f} {lenient:8.3f} {count:4d}{note}")
    strict, lenient = report.overall()
    lines.append(f"{'overall':26s} {strict:7.3f} {lenient:8.3f}   letters={report.letters}")
    lines.append("")
    lines.append("confidence   right / answered")
    for band, right, answered in report.calibration():
        share = f"{right / answered:.2f}" if answered else "-"
        lines.append(f"{band:10s} {right:5d} / {answered:<5d} {share}")
    if report.missing_outputs:
        lines.append(f"\nno output for: {', '.join(report.missing_outputs)}")
    if verbose:
        lines.append("")
        lines.extend(miss_lines(report))
    return "\n".join(lines) + "\n"
