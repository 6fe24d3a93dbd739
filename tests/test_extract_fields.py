"""Field accuracy on the samples (recorded OCR), the dev letters and synthetic letters.

Scored with :mod:`extract.evaluate` (the code behind ``pismo evaluate``). The floors sit
just under what was measured when the stages were written, so that a regression fails:

- dev letters (text): 1.0 on every scored field; the issue asks >= 0.95 overall and no
  field under 0.85, and >= 90 % right among confidences >= 0.9;
- samples (recorded OCR): reference 0.85 (OCR misreadings of two unit symbols on the
  100-dpi fax and the skewed page), every other field 1.0;
- synthetic letters across the generator's layout variants: 1.0 overall on 300.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest

import pipeline
from extract import contract, extract
from extract.evaluate import Report, score_letter
from ocr.plaintext import document_from_text
from ocr.types import OcrDocument

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "dev-letters"
SAMPLE_FLOOR = {"reference_number": 0.8}


def _report(pairs: list[tuple[str, dict[str, Any], dict[str, Any]]]) -> Report:
    report = Report()
    for name, truth, output in pairs:
        report.scores.extend(score_letter(name, truth, output))
    return report


def test_fields_on_the_samples() -> None:
    pairs = []
    for truth_path in sorted((ROOT / "samples").glob("*.expected.json")):
        stem = truth_path.name.removesuffix(".expected.json")
        stored = json.loads((ROOT / "samples" / f"{stem}.ocr.json").read_text("utf-8"))
        output = contract.output_of(OcrDocument.from_dict(stored), stored["input"])
        pairs.append((stem, json.loads(truth_path.read_text("utf-8")), output))
    scores = _report(pairs).per_field()
    for name, (strict, _, _) in scores.items():
        if name in {"sender", "subject"}:
            continue
        assert strict >= SAMPLE_FLOOR.get(name, 1.0), (name, scores)


def test_founding_letter_sample_is_entirely_right() -> None:
    stem = "s01_seed_krakow"
    stored = json.loads((ROOT / "samples" / f"{stem}.ocr.json").read_text("utf-8"))
    output = contract.output_of(OcrDocument.from_dict(stored), stored["input"])
    truth = json.loads((ROOT / "samples" / f"{stem}.expected.json").read_text("utf-8"))
    misses = [s for s in score_letter(stem, truth, output) if s.strict < 1.0]
    assert not misses, misses


@pytest.mark.shared
@pytest.mark.skipif(not DEV.is_dir(), reason="../shared/dev-letters is not beside the repo")
def test_pismo_evaluate_on_the_dev_letters(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    texts = sorted(str(p) for p in DEV.glob("*.txt"))
    assert pipeline.main(["extract", *texts, "-o", str(tmp_path), "-q"]) == 0
    code = pipeline.main(["evaluate", str(DEV), str(tmp_path), "--json", "--fail-under", "0.89"])
    report = json.loads(capsys.readouterr().out)
    assert code == 0, report["misses"]
    # Measured on the 24 letters with truth: 0.897 when the offices of 100+ joined the set,
    # 0.953 before and 0.991 after the run-on letters' lines were rebuilt (2026-12-03).
    # The floors sit just under it, so that a regression fails.
    assert report["overall"]["strict"] >= 0.98, report["misses"]
    scored = {k: v for k, v in report["fields"].items() if k not in report["informational"]}
    assert min(v["strict"] for v in scored.values()) >= 0.95
    high = next(row for row in report["calibration"] if row["confidence"] == ">= 0.9")
    assert high["answered"] >= 40 and high["right"] / high["answered"] >= 0.97


def test_pismo_evaluate_fails_under_a_floor(tmp_path: Path) -> None:
    truth, out = tmp_path / "truth", tmp_path / "out"
    truth.mkdir()
    out.mkdir()
    (truth / "a.truth.json").write_text(json.dumps({"place": "Gdynia"}), "utf-8")
    (out / "a.json").write_text(json.dumps({"fields": {"place": {"value": "Sopot"}}}), "utf-8")
    assert pipeline.main(["evaluate", str(truth), str(out), "-q"]) == 0
    assert pipeline.main(["evaluate", str(truth), str(out), "--fail-under", "0.5", "-q"]) == 2
    (out / "a.json").write_text(json.dumps({"fields": {"place": {"value": "GDYNIA."}}}), "utf-8")
    assert pipeline.main(["evaluate", str(truth), str(out), "--fail-under", "1", "-q"]) == 0


def test_synthetic_letters_across_layout_variants() -> None:
    from benchmarks.synthetic_fields import document_of
    from samples import generator as gen

    report = Report()
    for index in range(40):
        spec = gen.random_letter(random.Random(4242 + index))
        output = {"fields": extract(document_of(spec)).to_dict()}
        report.scores.extend(score_letter(str(index), gen.expected_truth(spec), output))
    strict, _ = report.overall()
    assert strict >= 0.99, [(s.letter, s.field, s.truth, s.got) for s in report.misses()]


def test_synthetic_letters_run_into_one_paragraph() -> None:
    # Each letter's text run into one line and printed as a wrapped paragraph, as letters
    # copied from web pages are: measured 0.866 on these 40, from 0.55 before the run-on
    # lines were rebuilt (extract.reflow). 39 of the 40 are told run on (one whose wrap
    # left its only reference and date at line starts is not).
    from benchmarks.synthetic_fields import run_on_document
    from samples import generator as gen

    report = Report()
    flagged = 0
    for index in range(40):
        spec = gen.random_letter(random.Random(4242 + index))
        result = extract(run_on_document(spec))
        flagged += bool(result.warnings)
        output = {"fields": result.to_dict()}
        report.scores.extend(score_letter(str(index), gen.expected_truth(spec), output))
    strict, _ = report.overall()
    assert strict >= 0.85, [(s.letter, s.field, s.truth, s.got) for s in report.misses()]
    assert flagged >= 38


def test_plain_text_letter_gets_people_fields() -> None:
    text = (
        "WÓJT GMINY ZAGÓRZANY\n\nZagórzany, 3 marca 2022 r.\n\n"
        + " " * 50
        + "Pan\n"
        + " " * 50
        + "Adam Wiśniewski\n"
        + " " * 50
        + "Sołtys Sołectwa Dąbrowa\n\n"
        "Szanowny Panie,\n\nuprzejmie informuję, że wniosek został rozpatrzony pozytywnie.\n\n"
        + " " * 50
        + "Z poważaniem\n"
        + " " * 50
        + "z up. Wójta\n"
        + " " * 50
        + "Katarzyna Lewandowska-Mróz\n"
        + " " * 50
        + "Sekretarz Gminy\n"
    )
    fields = extract(document_from_text(text, source="t")).to_dict()
    assert fields["addressee"]["value"]["name"] == "Adam Wiśniewski"
    assert fields["addressee"]["value"]["position"] == "Sołtys Sołectwa Dąbrowa"
    assert fields["signatory"]["value"] == {
        "name": "Katarzyna Lewandowska-Mróz",
        "position": "Sekretarz Gminy",
        "on_behalf_of": "Wójta",
        "signature": None,
    }
    assert fields["sender"]["value"] == "Wójt Gminy Zagórzany"
