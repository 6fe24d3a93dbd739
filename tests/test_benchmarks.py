"""The throughput benchmark runs end to end on a couple of pages (a smoke test: no timing)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract is not installed")
def test_throughput_benchmark_smoke(tmp_path: Path) -> None:
    pytest.importorskip("ocrmypdf")
    out = tmp_path / "throughput.json"
    args = ["--count", "1", "--pages-max", "2", "--rounds", "1", "--out", str(out)]
    args += ["--small", "1", "--small-rounds", "1"]
    subprocess.run([sys.executable, "-m", "benchmarks.throughput", *args], cwd=ROOT, check=True)
    report = json.loads(out.read_text(encoding="utf-8"))
    assert 1 <= report["pages"] <= 2
    assert set(report["contenders"]) == {"limit", "ocrmypdf", "naive", "pismo"}
    for row in report["contenders"].values():
        assert row["pages_per_s"] > 0 and row["peak_mb"] > 0
    assert set(report["ratios"]) == {"pismo/limit", "pismo/ocrmypdf", "pismo/naive"}
    small = report["small_batches"]["1"]
    assert small["pages"] == small["files"] == 1 and small["ratio"] > 0
    assert small["limit_s"][0] > 0 and small["pismo_s"][0] > 0
    assert report["extraction"]["letters_per_s"] > 0
    assert report["cli_help_seconds"] > 0


@pytest.mark.tesseract
@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract is not installed")
def test_stamped_letters_benchmark_reads_and_scores_every_letter() -> None:
    args = ["--count", "2", "--dpi", "150", "--jobs", "1"]
    run = subprocess.run(
        [sys.executable, "-m", "benchmarks.stamped_letters", *args],
        cwd=ROOT, check=True, capture_output=True, text=True,
    )  # fmt: skip
    figures = json.loads(run.stdout.strip().splitlines()[-1])
    assert figures["letters"] == 2 and figures["missing_outputs"] == 0
    assert figures["registry_date_as_letter_date"] == 0  # a stamp's date is never the letter's
    assert figures["strict"] > 0.3  # the printed fields are read; stamps are what is hard
    assert "signatory name+position" in run.stdout and "colour" in run.stdout
