"""The CLI contract, in-process: outputs, index, exit codes, errors, schema validity."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import jsonschema
import pytest
from PIL import Image

import pipeline
from batch import files, tasks
from extract import contract
from ocr.engine import Recognition
from ocr.errors import MissingDependencyError, OcrTimeoutError
from tests.fakes import FakeEngine, make_scan, run

SCHEMA = json.loads(contract.schema_text())


@pytest.fixture
def scans(tmp_path: Path) -> Path:
    root = tmp_path / "in"
    make_scan(root / "a.png")
    make_scan(root / "2017" / "b.tif")
    make_scan(root / "2017" / "żółć z spacją.jpg")
    (root / "notes.txt").write_text("not a scan", encoding="utf-8")
    return root


def test_run_writes_outputs_mirroring_the_input_tree(scans: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run(["run", str(scans), "-o", str(out), "-j", "1", "-q"]) == 0
    for stem in ("a", "2017/b", "2017/żółć z spacją"):
        for suffix in (".json", ".txt", ".ocr.json"):
            assert (out / f"{stem}{suffix}").is_file(), stem + suffix
    assert not list(out.rglob("*.tmp")), "temporary files left behind"


def test_run_output_is_schema_valid_and_has_every_field(scans: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run(["run", str(scans), "-o", str(out), "-j", "1", "-q"])
    document = json.loads((out / "a.json").read_text(encoding="utf-8"))
    jsonschema.validate(document, SCHEMA)
    assert document["source"]["path"] == "a.png"
    assert document["source"]["format"] == "png"
    assert document["text"] == "Kraków, dnia"
    page = document["ocr"]["pages"][0]
    assert page["dpi"] == 300 and page["source_dpi"] == 150.0  # upscaled from 150 dpi
    assert set(document["fields"]) == {
        "reference_number",
        "letter_date",
        "place",
        "sender",
        "addressee",
        "signatory",
        "distribution_list",
        "dates",
        "subject",
        "received",
    }


def test_run_index_lists_every_input_in_jsonl_and_csv(scans: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run(["run", str(scans), "-o", str(out), "-j", "1", "-q"])
    lines = [json.loads(line) for line in (out / "index.jsonl").read_text("utf-8").splitlines()]
    assert [entry["path"] for entry in lines] == ["2017/b.tif", "2017/żółć z spacją.jpg", "a.png"]
    assert all(entry["status"] == "ok" and entry["pages"] == 1 for entry in lines)
    assert (out / "index.csv").read_bytes().startswith(b"\xef\xbb\xbf")  # BOM for spreadsheets
    with (out / "index.csv").open(encoding="utf-8-sig") as stream:
        rows = list(csv.DictReader(stream))
    assert [row["path"] for row in rows] == [entry["path"] for entry in lines]


def test_run_bad_input_is_an_index_error_and_the_batch_goes_on(scans: Path, tmp_path: Path) -> None:
    (scans / "empty.pdf").write_bytes(b"")
    (scans / "fake.tif").write_text("this is text", encoding="utf-8")
    out = tmp_path / "out"
    assert run(["run", str(scans), "-o", str(out), "-j", "1", "-q"]) == 2
    index = {
        e["path"]: e for e in map(json.loads, (out / "index.jsonl").read_text("utf-8").splitlines())
    }
    assert index["empty.pdf"]["status"] == "error"
    assert "empty" in index["empty.pdf"]["error"] and "empty.pdf" in index["empty.pdf"]["error"]
    assert index["fake.tif"]["status"] == "error"
    assert index["a.png"]["status"] == "ok"
    assert not (out / "empty.json").exists()


def test_run_single_file_without_output_prints_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scan = make_scan(tmp_path / "letter.png")
    assert run(["run", str(scan)]) == 0
    document = json.loads(capsys.readouterr().out)
    jsonschema.validate(document, SCHEMA)
    assert document["source"]["path"] == "letter.png"


def test_run_several_inputs_without_output_is_a_usage_error(scans: Path) -> None:
    assert run(["run", str(scans)]) == 1


def test_run_missing_input_is_a_usage_error(tmp_path: Path) -> None:
    assert run(["run", str(tmp_path / "nope.pdf"), "-o", str(tmp_path / "out")]) == 1


def test_run_unknown_format_is_a_usage_error(scans: Path, tmp_path: Path) -> None:
    assert run(["run", str(scans), "-o", str(tmp_path / "o"), "--formats", "json,docx"]) == 1


def test_bad_arguments_exit_1() -> None:
    assert pipeline.main(["run"]) == 1
    assert pipeline.main(["frobnicate"]) == 1


def test_missing_dependency_exits_3(scans: Path, tmp_path: Path) -> None:
    def missing(options: tasks.RunOptions) -> FakeEngine:
        raise MissingDependencyError(
            "Tesseract has no language data for pol: apt-get install tesseract-ocr-pol"
        )

    assert pipeline.main(["run", str(scans), "-o", str(tmp_path / "o")], make_engine=missing) == 3


def test_page_timeout_gives_an_empty_page_with_a_warning(tmp_path: Path) -> None:
    scan = make_scan(tmp_path / "slow.png")
    out = tmp_path / "out"
    assert (
        run(
            ["run", str(scan), "-o", str(out), "-q"],
            FakeEngine([OcrTimeoutError("Tesseract took longer than 1 s")]),
        )
        == 0
    )
    document = json.loads((out / "slow.json").read_text(encoding="utf-8"))
    assert document["text"] == ""
    assert any("took longer" in w for w in document["warnings"])


def test_inputs_with_the_same_stem_do_not_overwrite_each_other(tmp_path: Path) -> None:
    root = tmp_path / "in"
    make_scan(root / "x.png")
    make_scan(root / "x.tif")
    out = tmp_path / "out"
    assert run(["run", str(root), "-o", str(out), "-q", "-j", "1"]) == 0
    assert (out / "x.png.json").is_file() and (out / "x.tif.json").is_file()


def test_a_name_another_inputs_letters_would_take_keeps_its_suffix() -> None:
    # box.pdf may be cut into box#01.json... and box.letters.json: these inputs may not.
    sources = ["box.pdf", "box#01.pdf", "box.letters.tif", "other#02.pdf", "a/box#01.pdf"]
    assert tasks.unique_names(sources) == [
        "box",
        "box#01.pdf",
        "box.letters.tif",
        "other#02",
        "a/box#01",
    ]


def test_output_folder_inside_the_input_is_not_read_back(scans: Path) -> None:
    out = scans / "out"
    make_scan(out / "looks-like-a-scan.png")  # would be OCR'd if the output were walked
    engine = FakeEngine()
    run(["run", str(scans), "-o", str(out), "-q", "-j", "1"], engine)
    assert engine.pages == 3


def test_same_names_from_two_folders_do_not_overwrite_each_other(tmp_path: Path) -> None:
    make_scan(tmp_path / "a" / "x.png")
    make_scan(tmp_path / "b" / "x.png")
    out = tmp_path / "out"
    assert run(["run", str(tmp_path / "a"), str(tmp_path / "b"), "-o", str(out), "-q"]) == 0
    assert (out / "x.json").is_file() and (out / "x~2.json").is_file()
    index = [json.loads(line) for line in (out / "index.jsonl").read_text("utf-8").splitlines()]
    assert [e["output"] for e in index] == ["x.json", "x~2.json"]


def test_index_output_keeps_the_subfolder(scans: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run(["run", str(scans), "-o", str(out), "-j", "1", "-q"])
    index = [json.loads(line) for line in (out / "index.jsonl").read_text("utf-8").splitlines()]
    assert index[0]["output"] == "2017/b.json"


def test_unexpected_error_in_one_input_does_not_end_the_batch(scans: Path, tmp_path: Path) -> None:
    class Exploding(FakeEngine):
        def read_page(self, image: Image.Image, *, dpi: int) -> Recognition:
            if image.getpixel((0, 0)) == 0:
                raise ZeroDivisionError("boom")
            return super().read_page(image, dpi=dpi)

    black = Image.new("L", (1240, 1754), 0)
    black.save(scans / "black.png", dpi=(150, 150))
    out = tmp_path / "out"
    assert run(["run", str(scans), "-o", str(out), "-j", "1", "-q"], Exploding()) == 2
    index = {
        e["path"]: e for e in map(json.loads, (out / "index.jsonl").read_text("utf-8").splitlines())
    }
    assert "internal error" in index["black.png"]["error"] and "boom" in index["black.png"]["error"]
    assert index["a.png"]["status"] == "ok"


def test_outputs_are_readable_by_others_per_umask(scans: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run(["run", str(scans), "-o", str(out), "-j", "1", "-q"])
    assert (out / "a.json").stat().st_mode & 0o777 == 0o666 & ~files._umask()


def test_output_that_is_a_file_is_a_usage_error(scans: Path, tmp_path: Path) -> None:
    target = tmp_path / "file"
    target.write_text("x", encoding="utf-8")
    assert run(["run", str(scans), "-o", str(target)]) == 1


def test_interrupted_batch_still_writes_the_index_of_finished_inputs(
    scans: Path, tmp_path: Path
) -> None:
    class Interrupting(FakeEngine):
        def read_page(self, image: Image.Image, *, dpi: int) -> Recognition:
            if self.pages == 2:
                raise KeyboardInterrupt
            return super().read_page(image, dpi=dpi)

    out = tmp_path / "out"
    assert run(["run", str(scans), "-o", str(out), "-j", "1", "-q"], Interrupting()) == 130
    index = [json.loads(line) for line in (out / "index.jsonl").read_text("utf-8").splitlines()]
    assert [e["status"] for e in index] == ["ok", "ok"]


def test_extract_reruns_from_stored_ocr_without_ocr(scans: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run(["run", str(scans), "-o", str(out), "-j", "1", "-q"])
    again = tmp_path / "again"
    assert pipeline.main(["extract", str(out / "a.ocr.json"), "-o", str(again), "-q"]) == 0
    first = json.loads((out / "a.json").read_text("utf-8"))
    second = json.loads((again / "a.json").read_text("utf-8"))
    jsonschema.validate(second, SCHEMA)
    assert second["text"] == first["text"] and second["source"] == first["source"]
    assert second["ocr"] == first["ocr"]


def test_extract_explains_wrong_inputs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    output = tmp_path / "a.json"
    output.write_text(json.dumps({"schema_version": "1.0", "fields": {}}), encoding="utf-8")
    listed = tmp_path / "list.json"
    listed.write_text("[1, 2]", encoding="utf-8")
    code = pipeline.main(["extract", str(output), str(listed), str(tmp_path / "none.ocr.json")])
    assert code == 2
    errors = capsys.readouterr().err
    assert "pass its stored OCR" in errors
    assert "list.json: not stored OCR" in errors
    assert "none.ocr.json: no such file" in errors


def test_extract_reads_plain_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = tmp_path / "letter.txt"
    text.write_text("PREZYDENT MIASTA\n\n        Kraków, 5 grudnia 2017 r.\n", encoding="utf-8")
    assert pipeline.main(["extract", str(text)]) == 0
    document = json.loads(capsys.readouterr().out)
    jsonschema.validate(document, SCHEMA)
    assert document["ocr"]["pages"][0]["source"] == "text"


def test_extract_gives_a_flattened_text_its_lines_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    body = "Na podstawie art. 10 ustawy przeprowadzono kontrolę w urzędzie i jego wydziałach. "
    text = tmp_path / "flat.txt"
    head = "RADA GMINY RG.0003.5.2015 Lipno, 7 maja 2015 r. Pan Jan Wrona "
    text.write_text(head + body * 8, encoding="utf-8")
    assert pipeline.main(["extract", str(text)]) == 0
    fields = json.loads(capsys.readouterr().out)["fields"]
    assert fields["letter_date"]["value"] == "2015-05-07"
    assert fields["addressee"]["value"]["name"] == "Jan Wrona"


def test_schema_command_prints_the_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert pipeline.main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out)["title"].startswith("pismo output")


def test_atomic_write_leaves_no_partial_file_on_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "a.json"
    target.write_text("old", encoding="utf-8")

    def broken_replace(self: Path, other: Path) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(Path, "replace", broken_replace)
    with pytest.raises(OSError):
        files.atomic_write(target, "new")
    assert target.read_text(encoding="utf-8") == "old"
    assert list(tmp_path.iterdir()) == [target]


@pytest.mark.tesseract
def test_run_in_parallel_with_real_tesseract(scans: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert pipeline.main(["run", str(scans), "-o", str(out), "-j", "2", "-q"]) == 0
    index = [json.loads(line) for line in (out / "index.jsonl").read_text("utf-8").splitlines()]
    assert [e["status"] for e in index] == ["ok"] * 3
    document = json.loads((out / "a.json").read_text("utf-8"))
    jsonschema.validate(document, SCHEMA)
    assert document["ocr"]["engine"].startswith("tesseract ")


def test_with_words_embeds_lines_and_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scan = make_scan(tmp_path / "letter.png")
    assert run(["run", str(scan), "--with-words"]) == 0
    document = json.loads(capsys.readouterr().out)
    jsonschema.validate(document, SCHEMA)
    words = document["ocr"]["pages"][0]["lines"][0]["words"]
    assert [w["text"] for w in words] == ["Kraków,", "dnia"]
    assert words[0]["bbox"] == [10, 10, 100, 40]


@pytest.mark.tesseract
@pytest.mark.parametrize("shade", [255, 0], ids=["blank", "all-black"])
def test_blank_and_black_pages_give_empty_text_and_a_warning(tmp_path: Path, shade: int) -> None:
    scan = tmp_path / "page.png"
    Image.new("L", (2480, 3508), shade).save(scan, dpi=(300, 300))
    out = tmp_path / "out"
    assert pipeline.main(["run", str(scan), "-o", str(out), "-q"]) == 0
    document = json.loads((out / "page.json").read_text("utf-8"))
    jsonschema.validate(document, SCHEMA)
    assert document["text"].strip() == ""
    assert document["warnings"], "an empty page must say so"


def test_parallel_workers_use_the_engine_the_run_was_given(scans: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run(["run", str(scans), "-o", str(out), "-j", "2", "-q"]) == 0
    document = json.loads((out / "a.json").read_text("utf-8"))
    assert document["ocr"]["engine"] == "fake 1.0"


@pytest.mark.parametrize(
    ("pages", "workers", "size"),
    [(1, 2, 1), (8, 2, 2), (24, 2, 6), (200, 2, 8), (3, 4, 1), (9, 1, 5)],
)
def test_an_input_is_cut_into_two_parts_a_worker_of_at_most_eight_pages(
    pages: int, workers: int, size: int
) -> None:
    from batch.tasks import part_pages

    assert part_pages(pages, workers) == size


def test_the_batchs_parent_imports_no_extraction_stage_nor_spacy() -> None:
    import subprocess
    import sys

    probe = "import sys, pipeline; print(sorted(m for m in sys.modules if m in WATCHED))"
    watched = (
        "WATCHED = {'extract.run', 'extract.boundaries', 'extract.patterns', 'spacy', 'morfeusz2'}"
    )
    found = subprocess.run(
        [sys.executable, "-c", f"{watched}\n{probe}"],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[1],
    )
    assert found.stdout.strip() == "[]"
