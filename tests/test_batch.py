"""Batch reliability: bad inputs, resume, kills, crashes, paths, Dask (issue 5).

The bad inputs are generated here, each the way it reaches an archive: an empty file, a
PDF cut short by a failed copy, a password-protected PDF, a text file with an image
suffix, a 1x1 image, a PNG whose header claims 60000x60000 pixels, blank and black
pages, a 50-page PDF, an English page, a file deleted while the batch runs and an
output folder that cannot be written.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import time
import zlib
from collections import deque
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageDraw

import pipeline
from batch import cli, logs, runner, tasks
from batch import journal as journal_module
from batch.executors import ProcessExecutor
from ocr.engine import Orientation, Recognition
from tests.conftest import write_pdf as write_pdf_objects
from tests.fakes import FakeEngine, make_scan, run

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"


def index_rows(out: Path) -> dict[str, dict]:
    lines = (out / "index.jsonl").read_text(encoding="utf-8").splitlines()
    return {row["path"]: row for row in map(json.loads, lines)}


# ------------------------------------------------------------------ generated bad inputs


class InkEngine(FakeEngine):
    """FakeEngine that, as Tesseract, finds no words on a page without ink."""

    def read_page(self, image: Image.Image, *, dpi: int) -> Recognition:
        low, high = image.convert("L").getextrema()
        if low == high:
            self.pages += 1
            return Recognition(())
        return super().read_page(image, dpi=dpi)


def page_image(shade: int = 255, text: str = "Urząd Gminy") -> Image.Image:
    image = Image.new("L", (1240, 1754), shade)
    if text:
        ImageDraw.Draw(image).text((100, 100), text, fill=0 if shade > 128 else 255)
    return image


def write_pdf(path: Path, pages: int, resolution: float = 150.0) -> Path:
    images = [page_image(text=f"Strona {n}") for n in range(1, pages + 1)]
    images[0].save(path, "PDF", save_all=True, append_images=images[1:], resolution=resolution)
    return path


def huge_png_header(path: Path, width: int = 60000, height: int = 60000) -> Path:
    """A valid PNG signature and IHDR claiming a huge size, with a tiny IDAT."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    data = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr)
    data += chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b"")
    path.write_bytes(data)
    return path


def huge_scan_pdf(path: Path, width: int = 30000, height: int = 40000) -> Path:
    """A PDF whose one page is a JPEG scan claiming ``width`` x ``height`` pixels at 300 ppi.

    The image's dictionary says its size; its data is a stub, as the guard must refuse it
    before decoding a byte.
    """
    width_pt, height_pt = width * 72 // 300, height * 72 // 300
    content = b"q %d 0 0 %d 0 0 cm /Im1 Do Q" % (width_pt, height_pt)
    jpeg = b"\xff\xd8\xff\xd9"
    return write_pdf_objects(
        path,
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] " % (width_pt, height_pt)
            + b"/Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>",
            b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
            b"<< /Type /XObject /Subtype /Image /Width %d /Height %d " % (width, height)
            + b"/ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode "
            + b"/Length %d >>\nstream\n" % len(jpeg)
            + jpeg
            + b"\nendstream",
        ],
    )


def encrypted_pdf(path: Path, plain: Path) -> Path | None:
    if shutil.which("qpdf") is None:
        return None
    subprocess.run(
        ["qpdf", "--encrypt", "user", "owner", "256", "--", str(plain), str(path)], check=True
    )
    return path


@pytest.fixture
def bad_batch(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A folder of good and bad inputs; the expected message word per bad one."""
    folder = tmp_path / "in"
    folder.mkdir()
    make_scan(folder / "good.png")
    make_scan(folder / "good.tif")
    expected: dict[str, str] = {}
    (folder / "empty.pdf").write_bytes(b"")
    expected["empty.pdf"] = "empty"
    whole = write_pdf(tmp_path / "whole.pdf", 3)
    (folder / "truncated.pdf").write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    expected["truncated.pdf"] = "PDF"
    if encrypted_pdf(folder / "locked.pdf", whole) is not None:
        expected["locked.pdf"] = "password"
    (folder / "notes.tif").write_text("Protokół z posiedzenia\n", encoding="utf-8")
    expected["notes.tif"] = "notes.tif"
    Image.new("L", (1, 1), 255).save(folder / "dot.png")
    expected["dot.png"] = "too small"
    huge_png_header(folder / "bomb.png")
    expected["bomb.png"] = "--max-pixels"
    huge_scan_pdf(folder / "poster.pdf")  # a scan of 1.2 billion pixels
    expected["poster.pdf"] = "--max-pixels"
    # ... but a page of no letter's size holding an ordinary scan is read as an A4 page.
    write_pdf(folder / "inches.pdf", 1, resolution=1.0)  # a 1240-inch page
    page_image(255, text="").save(folder / "blank.png", dpi=(150, 150))
    page_image(0, text="").save(folder / "black.png", dpi=(150, 150))
    write_pdf(folder / "fifty.pdf", 50)
    english = page_image(text="Dear Sir, thank you for your letter of 3 May.")
    english.save(folder / "english.png", dpi=(150, 150))
    return folder, expected


def test_every_bad_input_is_an_index_error_and_the_batch_goes_on(
    bad_batch: tuple[Path, dict[str, str]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder, expected = bad_batch
    out = tmp_path / "out"
    code = run(["run", str(folder), "-o", str(out), "-j", "2"], InkEngine())
    rows = index_rows(out)
    err = capsys.readouterr().err
    assert code == cli.ExitCode.SOME_FAILED
    assert "Traceback" not in err
    assert set(rows) == {p.name for p in folder.iterdir()}
    for name, word in expected.items():
        row = rows[name]
        assert row["status"] == "error", name
        assert word in row["error"], (name, row["error"])
        assert row["error"].startswith(str(folder / name)) or row["error"].startswith(name)
        assert "\n" not in row["error"]
        assert not (out / Path(name).with_suffix(".json")).exists()
    ok = (
        "good.png",
        "good.tif",
        "blank.png",
        "black.png",
        "english.png",
        "fifty.pdf",
        "inches.pdf",
    )
    for name in ok:
        assert rows[name]["status"] == "ok", rows[name]
    assert rows["fifty.pdf"]["pages"] == 50
    assert rows["blank.png"]["warnings"] >= 1 and rows["black.png"]["warnings"] >= 1
    assert not list(out.rglob("*.tmp"))


def test_page_count_limit_is_an_error_naming_the_option(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    write_pdf(folder / "long.pdf", 12)
    make_scan(folder / "short.png")
    out = tmp_path / "out"
    assert run(["run", str(folder), "-o", str(out), "--max-pages", "10"]) == 2
    rows = index_rows(out)
    assert "--max-pages" in rows["long.pdf"]["error"]
    assert rows["short.png"]["status"] == "ok"


class DeletingEngine(FakeEngine):
    """Deletes a file the batch has yet to read, at its first page."""

    def __init__(self, victim: Path) -> None:
        super().__init__()
        self.victim = victim

    def read_page(self, image: Image.Image, *, dpi: int) -> Recognition:
        self.victim.unlink(missing_ok=True)
        return super().read_page(image, dpi=dpi)


def test_file_deleted_mid_run_is_an_error_and_the_rest_is_done(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    make_scan(folder / "a.png")
    victim = make_scan(folder / "z.png")
    out = tmp_path / "out"
    code = run(["run", str(folder), "-o", str(out), "-j", "1"], DeletingEngine(victim))
    rows = index_rows(out)
    assert code == 2
    assert rows["a.png"]["status"] == "ok"
    assert rows["z.png"]["status"] == "error"
    assert "No such file" in rows["z.png"]["error"]


def test_unwritable_output_subfolder_is_an_error_for_its_inputs_only(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    make_scan(folder / "a.png")
    make_scan(folder / "sub" / "b.png")
    out = tmp_path / "out"
    out.mkdir()
    (out / "sub").write_text("a file where the folder should go", encoding="utf-8")
    code = run(["run", str(folder), "-o", str(out), "-j", "1"])
    rows = index_rows(out)
    assert code == 2
    assert rows["a.png"]["status"] == "ok"
    assert "cannot write the outputs" in rows["sub/b.png"]["error"]


def test_read_only_output_folder_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "in"
    make_scan(folder / "a.png")
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(0o555)
    if os.geteuid() == 0:  # root writes anywhere: the kernel's answer to a user, simulated

        def refuse(self: Path, *args: object, **kwargs: object) -> None:
            raise PermissionError(13, "Permission denied", str(self))

        monkeypatch.setattr(Path, "mkdir", refuse)
    try:
        code = run(["run", str(folder), "-o", str(out)])
    finally:
        out.chmod(0o755)
    err = capsys.readouterr().err
    assert code == cli.ExitCode.USAGE
    assert f"{out}: cannot write to the output folder" in err
    assert "Permission denied" in err and "Traceback" not in err


# ------------------------------------------------------------------------------ resume


def test_rerun_skips_finished_inputs_and_redoes_changed_ones(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    make_scan(folder / "a.png")
    changed = make_scan(folder / "b.png")
    touched = make_scan(folder / "c.png")
    out = tmp_path / "out"
    first = FakeEngine()
    assert run(["run", str(folder), "-o", str(out), "-j", "1"], first) == 0
    assert first.pages == 3
    before = index_rows(out)

    again = FakeEngine()
    assert run(["run", str(folder), "-o", str(out), "-j", "1"], again) == 0
    assert again.pages == 0
    assert index_rows(out) == before
    journal = out / journal_module.FOLDER / journal_module.NAME
    assert len(journal.read_text(encoding="utf-8").splitlines()) == 3  # compacted, not grown

    page_image(text="Inna treść").save(changed, dpi=(150, 150))
    os.utime(touched)  # a new time, the same content: not redone
    third = FakeEngine()
    assert run(["run", str(folder), "-o", str(out), "-j", "1"], third) == 0
    assert third.pages == 1

    fewer_formats = FakeEngine()  # every file asked for is there: nothing to do
    command = ["run", str(folder), "-o", str(out), "-j", "1"]
    assert run([*command, "--formats", "json"], fewer_formats) == 0
    assert fewer_formats.pages == 0

    other_reading = FakeEngine()  # an option of the reading: read again
    assert run([*command, "--formats", "json", "--no-deskew"], other_reading) == 0
    assert other_reading.pages == 3

    forced = FakeEngine()
    assert (
        run(["run", str(folder), "-o", str(out), "-j", "1", "--formats", "json", "--force"], forced)
        == 0
    )
    assert forced.pages == 3


def test_outputs_asked_for_later_are_built_from_what_was_stored_without_reading(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "in"
    for name in ("a.png", "b.tif", "c.png"):
        make_scan(folder / name)
    out = tmp_path / "out"
    command = ["run", str(folder), "-o", str(out), "-j", "1"]
    assert run([*command, "--formats", "json"], FakeEngine()) == 0
    before = {p.name: p.read_bytes() for p in out.glob("*.json")}

    later = FakeEngine()
    assert run([*command, "--formats", "json,txt,alto,pdf", "--report"], later) == 0
    assert later.calls == []  # not one page read, not one orientation asked
    for stem in ("a", "b", "c"):
        for suffix in (".txt", ".alto.xml", ".pdf"):
            assert (out / f"{stem}{suffix}").stat().st_size > 0, (stem, suffix)
        assert (out / "report_files" / f"{stem}.p1.jpg").is_file()
    assert (out / "report.html").is_file()
    assert {p.name: p.read_bytes() for p in out.glob("*.json")} == before  # untouched
    assert all(row["status"] == "ok" for row in index_rows(out).values())

    # The same files as a run that read the letter with them asked for at once.
    fresh = tmp_path / "fresh"
    assert run(["run", str(folder), "-o", str(fresh), "-j", "1", "--formats", "txt,alto,pdf"]) == 0
    for suffix in (".txt", ".alto.xml"):
        assert (out / f"a{suffix}").read_bytes() == (fresh / f"a{suffix}").read_bytes()
    assert _pdf_images(out / "a.pdf") == _pdf_images(fresh / "a.pdf")

    (out / "c.ocr.json").unlink()  # what was stored is gone: that letter is read again
    (out / "c.pdf").unlink()
    again = FakeEngine()
    assert run([*command, "--formats", "json,pdf"], again) == 0
    assert again.pages == 1 and (out / "c.pdf").is_file() and (out / "c.ocr.json").is_file()


def test_a_page_turned_upright_is_prepared_again_the_same_way(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    make_scan(folder / "a.png")
    out, fresh = tmp_path / "out", tmp_path / "fresh"
    command = ["run", str(folder), "-j", "1", "--orientation", "osd"]
    assert run([*command, "-o", str(out)], FakeEngine(orientation=Orientation(90, 12.0))) == 0
    later = FakeEngine(orientation=Orientation(90, 12.0))
    assert run([*command, "-o", str(out), "--formats", "json,pdf"], later) == 0
    assert later.calls == []
    upright = FakeEngine(orientation=Orientation(90, 12.0))
    assert run([*command, "-o", str(fresh), "--formats", "json,pdf"], upright) == 0
    assert _pdf_images(out / "a.pdf") == _pdf_images(fresh / "a.pdf")  # turned, as read


def test_a_file_an_earlier_reading_left_is_made_again_and_previews_alone_are_written(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "in"
    make_scan(folder / "a.png")
    out = tmp_path / "out"
    command = ["run", str(folder), "-o", str(out), "-j", "1"]
    assert run([*command, "--formats", "json,txt"]) == 0
    (out / "a.txt").write_text("what an earlier reading said\n", encoding="utf-8")
    assert run([*command, "--formats", "json", "--no-deskew"]) == 0  # read again, no txt
    later = FakeEngine()
    assert run([*command, "--formats", "json,txt", "--no-deskew"], later) == 0
    assert later.calls == []  # completed, not read ...
    assert (out / "a.txt").read_text(encoding="utf-8") != "what an earlier reading said\n"
    previews = FakeEngine()  # ... and the report's previews, with no other file to add
    assert run([*command, "--formats", "json", "--no-deskew", "--report"], previews) == 0
    assert previews.calls == [] and (out / "report_files" / "a.p1.jpg").is_file()
    again = FakeEngine()
    assert run([*command, "--formats", "json", "--no-deskew", "--report"], again) == 0
    assert again.calls == [] and index_rows(out)["a.png"]["status"] == "ok"


def _pdf_images(path: Path) -> list[tuple[int, int, bytes]]:
    """The page images of a PDF (size and pixels), as poppler extracts them."""
    with tempfile.TemporaryDirectory() as scratch:
        subprocess.run(["pdfimages", "-png", str(path), f"{scratch}/p"], check=True)
        shots = sorted(Path(scratch).iterdir())
        return [(*Image.open(p).size, Image.open(p).tobytes()) for p in shots]


def test_rerun_retries_failed_inputs_and_redoes_a_deleted_output(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    make_scan(folder / "a.png")
    (folder / "b.png").write_bytes(b"")
    out = tmp_path / "out"
    assert run(["run", str(folder), "-o", str(out), "-j", "1"]) == 2
    make_scan(folder / "b.png")  # the operator re-copies the file
    (out / "a.json").unlink()
    engine = FakeEngine()
    assert run(["run", str(folder), "-o", str(out), "-j", "1"], engine) == 0
    assert engine.pages == 2
    assert {row["status"] for row in index_rows(out).values()} == {"ok"}


def test_a_damaged_last_journal_line_is_ignored(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    make_scan(folder / "a.png")
    make_scan(folder / "b.png")
    out = tmp_path / "out"
    assert run(["run", str(folder), "-o", str(out), "-j", "1"]) == 0
    path = out / journal_module.FOLDER / journal_module.NAME
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text(lines[0] + lines[1][: len(lines[1]) // 2], encoding="utf-8")  # a kill
    engine = FakeEngine()
    assert run(["run", str(folder), "-o", str(out), "-j", "1"], engine) == 0
    assert engine.pages == 1
    assert len(index_rows(out)) == 2


def test_stale_temporary_files_of_a_killed_run_are_removed(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    make_scan(folder / "a.png")
    out = tmp_path / "out"
    (out / "sub").mkdir(parents=True)
    stale = out / "sub" / ".pismo-k3j2h1_x.tmp"
    stale.write_text('{"half": ', encoding="utf-8")
    others = out / "sub" / ".notes.txt.swp.tmp"  # another tool's file: left alone
    others.write_text("x", encoding="utf-8")
    assert run(["run", str(folder), "-o", str(out), "-j", "1"]) == 0
    assert not stale.exists()
    assert others.exists()


def test_second_run_into_the_same_folder_waits_for_none(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    make_scan(folder / "a.png")
    out = tmp_path / "out"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path; from batch.files import FolderLock;"
            "lock = FolderLock(Path(sys.argv[1])); assert lock.acquire();"
            "print('held', flush=True); time.sleep(30)",
            str(out),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        assert run(["run", str(folder), "-o", str(out), "-j", "1"]) == cli.ExitCode.USAGE
    finally:
        holder.kill()
        holder.wait()
    assert run(["run", str(folder), "-o", str(out), "-j", "1"]) == 0


# ------------------------------------------------------------------------------- paths


def test_awkward_names_are_read_and_written_inside_out(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    names = ["-dash.png", "ze spacją ąę.png", "new\nline.png", "a.png"]
    for name in names:
        make_scan(folder / name)
    (folder / "link.png").symlink_to(folder / "a.png")
    out = tmp_path / "out"
    assert run(["run", str(folder), "-o", str(out), "-j", "2"]) == 0
    rows = index_rows(out)
    assert set(rows) == {*names, "link.png"}
    for row in rows.values():
        assert (out / row["output"]).resolve().is_relative_to(out.resolve())
    assert run(["run", str(folder / "-dash.png"), "-o", str(tmp_path / "single")]) == 0


def test_a_symlinked_output_subfolder_does_not_lead_writes_outside(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    make_scan(folder / "sub" / "b.png")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    (out / "sub").symlink_to(elsewhere, target_is_directory=True)
    assert run(["run", str(folder), "-o", str(out), "-j", "1"]) == 2
    assert "outside" in index_rows(out)["sub/b.png"]["error"]
    assert list(elsewhere.iterdir()) == []


# ----------------------------------------------------------------------- crash isolation


def _work_that_crashes(task: str) -> str:
    if task == "bad":
        os.kill(os.getpid(), signal.SIGKILL)  # as the kernel's OOM killer would
    return task.upper()


def test_a_worker_that_dies_costs_only_its_own_input() -> None:
    tasks = ["a", "b", "bad", "c", "d", "e"]
    executor = ProcessExecutor(_work_that_crashes, 2, lambda task, message: f"error: {message}")
    results = dict(executor.run(deque(tasks)))
    executor.close()
    assert set(results) == set(tasks)
    assert results["bad"].startswith("error: the worker process died")
    assert [results[t] for t in tasks if t != "bad"] == ["A", "B", "C", "D", "E"]


# ------------------------------------------------------------------- kills with real OCR

needs_tesseract = pytest.mark.skipif(
    shutil.which("tesseract") is None, reason="tesseract is not installed"
)


def _pismo(args: list[str], **kwargs) -> subprocess.Popen:  # noqa: ANN003 - Popen's
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen([sys.executable, "-m", "pipeline", *args], cwd=ROOT, env=env, **kwargs)


def _comparable(out: Path) -> dict[str, object]:
    """Every output file's content; index rows without their timings."""
    found: dict[str, object] = {}
    for path in sorted(out.rglob("*")):
        relative = path.relative_to(out).as_posix()
        if path.is_dir() or relative.startswith(".pismo") or relative == logs.LOG_FILE:
            continue
        if relative == "index.jsonl":
            rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
            found[relative] = [{k: v for k, v in r.items() if k != "seconds"} for r in rows]
        elif relative == "index.csv":
            continue  # the same rows as index.jsonl, with timings
        else:
            found[relative] = path.read_bytes()
    return found


def _rerun_completes_as_reference(folder: Path, out: Path, reference: Path, why: str = "") -> None:
    """A plain re-run into ``out`` finishes the batch with the reference run's outputs."""
    assert _pismo(["run", str(folder), "-o", str(out), "-j", "2", "-q"]).wait(timeout=300) == 0
    assert _comparable(out) == _comparable(reference), why


@pytest.fixture(scope="module")
def real_batch(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, float]:
    """Five sample scans, and the outputs of an uninterrupted run on them."""
    folder = tmp_path_factory.mktemp("real") / "in"
    folder.mkdir()
    for name in sorted(SAMPLES.glob("s0[1-5]_*.png")):
        shutil.copy(name, folder / name.name)
    out = folder.parent / "reference"
    started = time.monotonic()
    assert _pismo(["run", str(folder), "-o", str(out), "-j", "2", "-q"]).wait(timeout=300) == 0
    return folder, out, time.monotonic() - started


@needs_tesseract
def test_sigkill_at_a_random_moment_then_rerun_gives_the_same_outputs(
    real_batch: tuple[Path, Path, float], tmp_path: Path
) -> None:
    folder, reference, seconds = real_batch
    out = tmp_path / "out"
    moment = random.Random(os.getpid()).uniform(0.3, max(0.5, seconds * 0.8))
    victim = _pismo(["run", str(folder), "-o", str(out), "-j", "2", "-q"], start_new_session=True)
    time.sleep(moment)
    os.killpg(victim.pid, signal.SIGKILL)  # pismo and its workers, mid-flight
    victim.wait()
    if out.exists():  # whatever was finished is whole
        for path in out.rglob("*.json"):
            json.loads(path.read_text(encoding="utf-8"))
    _rerun_completes_as_reference(folder, out, reference, f"killed after {moment:.1f} s")


@needs_tesseract
def test_ctrl_c_keeps_finished_outputs_exits_130_and_the_next_run_resumes(
    real_batch: tuple[Path, Path, float], tmp_path: Path
) -> None:
    folder, reference, _ = real_batch
    out = tmp_path / "out"
    victim = _pismo(
        ["run", str(folder), "-o", str(out), "-j", "2"],
        start_new_session=True,
        stderr=subprocess.PIPE,
        text=True,
        # A shell starts background jobs with SIGINT ignored, and Python keeps an inherited
        # "ignore": give pismo the terminal's default, as an interactive user has it.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    assert victim.stderr is not None
    seen = []
    for line in victim.stderr:  # interrupt once the first letter is done, mid-batch
        seen.append(line)
        if "[1/" in line:
            break
    os.killpg(victim.pid, signal.SIGINT)  # Ctrl-C reaches the whole foreground group
    _, rest = victim.communicate(timeout=60)
    err = "".join(seen) + rest
    assert victim.returncode == cli.ExitCode.INTERRUPTED, err
    assert "Traceback" not in err
    finished = index_rows(out) if (out / "index.jsonl").exists() else {}
    assert all((out / row["output"]).is_file() for row in finished.values())
    _rerun_completes_as_reference(folder, out, reference)


@needs_tesseract
def test_dask_local_cluster_gives_the_same_outputs_as_local_processes(
    real_batch: tuple[Path, Path, float], tmp_path: Path
) -> None:
    pytest.importorskip("dask.distributed")
    folder, reference, _ = real_batch
    out = tmp_path / "out"
    args = ["run", str(folder), "-o", str(out), "-j", "2", "-q", "--executor", "dask"]
    done = _pismo(args, stderr=subprocess.PIPE, text=True)
    _, err = done.communicate(timeout=300)
    assert done.returncode == 0, err
    assert _comparable(out) == _comparable(reference)


@needs_tesseract
def test_dask_scheduler_address_runs_the_batch_on_that_cluster(
    real_batch: tuple[Path, Path, float], tmp_path: Path
) -> None:
    distributed = pytest.importorskip("dask.distributed")
    folder, reference, _ = real_batch
    out = tmp_path / "out"
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        args = ["run", str(folder), "-o", str(out), "-q", "--executor", "dask"]
        done = _pismo(
            [*args, "--scheduler", cluster.scheduler_address], stderr=subprocess.PIPE, text=True
        )
        _, err = done.communicate(timeout=300)
    assert done.returncode == 0, err
    assert _comparable(out) == _comparable(reference)


def test_dask_scheduler_that_does_not_answer_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("dask.distributed")
    monkeypatch.setattr("batch.cluster.CONNECT_TIMEOUT", "2s")
    folder = tmp_path / "in"
    make_scan(folder / "a.png")
    args = ["run", str(folder), "-o", str(tmp_path / "out"), "--executor", "dask"]
    code = run([*args, "--scheduler", "tcp://127.0.0.1:9"])
    err = capsys.readouterr().err
    assert code == cli.ExitCode.MISSING_DEPENDENCY
    assert "no Dask scheduler answers at tcp://127.0.0.1:9" in err
    assert "Traceback" not in err


def test_progress_lines_without_a_terminal_and_silence_with_q(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "in"
    for n in range(3):
        make_scan(folder / f"letter{n}.png")
    monkeypatch.setattr("batch.progress.LOG_EVERY_S", 0.0)
    assert run(["run", str(folder), "-o", str(tmp_path / "a"), "-j", "1"]) == 0
    assert "3/3 inputs, 3 pages" in capsys.readouterr().err
    assert run(["run", str(folder), "-o", str(tmp_path / "b"), "-j", "1", "-q"]) == 0
    assert capsys.readouterr().err == ""


def test_tracebacks_go_to_the_log_file_with_v_never_to_the_console(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "in"
    make_scan(folder / "a.png")

    def broken(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(pipeline, "extract", broken)
    out = tmp_path / "out"
    assert run(["run", str(folder), "-o", str(out), "-j", "1", "-v"]) == 2
    assert "Traceback" not in capsys.readouterr().err
    logged = (out / logs.LOG_FILE).read_text(encoding="utf-8")
    assert "Traceback" in logged and "ZeroDivisionError" in logged


def test_a_long_input_read_in_parts_by_all_workers_gives_the_same_outputs(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    write_pdf(folder / "long.pdf", tasks.PAGES_PER_PART * 2 + 3)
    make_scan(folder / "short.png")
    one, two = tmp_path / "one", tmp_path / "two"
    assert run(["run", str(folder), "-o", str(one), "-j", "1"]) == 0
    assert run(["run", str(folder), "-o", str(two), "-j", "2"]) == 0
    for name in ("long.json", "long.ocr.json", "long.txt", "short.json"):
        assert (one / name).read_bytes() == (two / name).read_bytes(), name
    assert index_rows(two)["long.pdf"]["pages"] == tasks.PAGES_PER_PART * 2 + 3


def test_a_failing_part_fails_its_input_once(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    write_pdf(folder / "long.pdf", tasks.PAGES_PER_PART * 3)
    make_scan(folder / "short.png")
    out = tmp_path / "out"
    engine = FakeEngine([ValueError("engine broke")])
    assert run(["run", str(folder), "-o", str(out), "-j", "2"], engine) == 2
    rows = index_rows(out)
    assert len(rows) == 2
    assert "internal error" in rows["long.pdf"]["error"]
    assert not (out / "long.json").exists()


def test_a_letter_with_a_page_that_timed_out_is_tried_again(tmp_path: Path) -> None:
    from ocr.errors import OcrTimeoutError

    folder = tmp_path / "in"
    make_scan(folder / "a.png")
    out = tmp_path / "out"
    slow = FakeEngine([OcrTimeoutError("Tesseract took longer than 1 s")])
    assert run(["run", str(folder), "-o", str(out), "-j", "1"], slow) == 0
    assert index_rows(out)["a.png"]["incomplete"] is True
    again = FakeEngine()
    assert run(["run", str(folder), "-o", str(out), "-j", "1"], again) == 0
    assert again.pages == 1
    assert index_rows(out)["a.png"]["incomplete"] is False


def test_the_index_written_while_a_resumed_batch_runs_keeps_earlier_inputs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "in"
    make_scan(folder / "a.png")
    out = tmp_path / "out"
    assert run(["run", str(folder), "-o", str(out), "-j", "1"]) == 0
    make_scan(folder / "b.png")
    monkeypatch.setattr(runner, "INDEX_EVERY_S", 0.0)
    written: list[list[str]] = []
    real = runner.write_index

    def recording(out: Path, rows: Sequence[Mapping[str, Any]]) -> None:
        written.append([r["path"] for r in rows])
        real(out, rows)

    monkeypatch.setattr(runner, "write_index", recording)
    assert run(["run", str(folder), "-o", str(out), "-j", "1"]) == 0
    assert written[0] == ["a.png", "b.png"]  # the periodic one, mid-run
