"""Letters, not files: a scanner's batch cut into its letters by ``pismo run`` (issue 16).

The engine is a fake that reads each page as a text of invented letters, in page order
(``-j 1``); the pages are blank scans in a PDF.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

from PIL import Image

from ocr.engine import Recognition
from ocr.plaintext import document_from_text
from samples.generator.separators import separator_sheet
from tests.fakes import FakeEngine, run
from tests.test_extract_boundaries import ATTACHMENT, FIRST, OTHER, SECOND_PAGE

THIRD = """\
STAROSTA POWIATU LIPOWSKIEGO
Lipowo, 20 maja 2024 r.
GN.6821.2.2024
Pani
Ewa Nowak
ul. Leśna 2
11-100 Lipowo
Szanowna Pani,
uprzejmie informuję o terminie rozprawy administracyjnej."""


def _reading(text: str) -> Recognition:
    page = document_from_text(text, source="page").pages[0] if text else None
    return Recognition(page.lines if page else ())


def _batch(
    folder: Path, texts: list[str], images: dict[int, Image.Image] | None = None
) -> tuple[Path, FakeEngine]:
    """A PDF of blank pages (``images``: some pages' own, by number), and an engine that
    reads them as ``texts`` in order."""
    folder.mkdir(parents=True, exist_ok=True)
    own = images or {}
    pages = [own.get(n) or Image.new("L", (1240, 1754), 255) for n in range(1, len(texts) + 1)]
    path = folder / "box.pdf"
    pages[0].save(path, "PDF", save_all=True, append_images=pages[1:], resolution=150.0)
    return path, FakeEngine([_reading(text) for text in texts])


def _rows(out: Path) -> list[dict]:
    lines = (out / "index.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


BOX = [FIRST, SECOND_PAGE, "", OTHER, ATTACHMENT, THIRD]


def test_a_batch_becomes_its_letters_each_with_its_files_and_index_row(tmp_path: Path) -> None:
    _, engine = _batch(tmp_path / "in", BOX)
    out = tmp_path / "out"
    assert run(["run", str(tmp_path / "in"), "-o", str(out), "-j", "1"], engine) == 0
    rows = _rows(out)
    assert [(r["output"], r["letter"], r["file_pages"], r["pages"]) for r in rows] == [
        ("box#01.json", 1, "1-3", 3),  # the blank back stays with its letter
        ("box#02.json", 2, "4-5", 2),  # ... and so does the attachment
        ("box#03.json", 3, "6", 1),
    ]
    assert {r["path"] for r in rows} == {"box.pdf"}
    letters = json.loads((out / "box.letters.json").read_text(encoding="utf-8"))
    assert [letter["pages"] for letter in letters["letters"]] == [[1, 3], [4, 5], [6, 6]]
    third = json.loads((out / "box#03.json").read_text(encoding="utf-8"))
    assert third["source"]["letter"] == {"number": 3, "of": 3, "pages": [6, 6]}
    assert third["source"]["pages"] == 1 and third["ocr"]["pages"][0]["number"] == 1
    assert third["fields"]["reference_number"]["value"] == "GN.6821.2.2024"
    assert third["fields"]["place"]["value"] == "Lipowo"  # its head read as a page 1's
    for name in ("box#01.ocr.json", "box#02.txt", "box#03.txt"):
        assert (out / name).is_file(), name
    assert not (out / "box.json").exists()


def test_a_finished_batch_is_not_read_again_and_other_split_options_read_it_whole(
    tmp_path: Path,
) -> None:
    _, engine = _batch(tmp_path / "in", BOX)
    out = tmp_path / "out"
    assert run(["run", str(tmp_path / "in"), "-o", str(out), "-j", "1"], engine) == 0
    again = FakeEngine([_reading(text) for text in BOX])
    assert run(["run", str(tmp_path / "in"), "-o", str(out), "-j", "1"], again) == 0
    assert again.pages == 0  # resumed: the list of letters marks it done
    assert len(_rows(out)) == 3
    whole = FakeEngine([_reading(text) for text in BOX])
    argv = ["run", str(tmp_path / "in"), "-o", str(out), "-j", "1", "--split", "off"]
    assert run(argv, whole) == 0
    assert [r["output"] for r in _rows(out)] == ["box.json"]


def test_a_short_input_is_one_letter_unless_splitting_always(tmp_path: Path) -> None:
    texts = [FIRST, SECOND_PAGE, OTHER]  # two letters, three pages: under auto's threshold
    _, engine = _batch(tmp_path / "in", texts)
    out = tmp_path / "out"
    assert run(["run", str(tmp_path / "in"), "-o", str(out), "-j", "1"], engine) == 0
    assert [r["output"] for r in _rows(out)] == ["box.json"]
    engine = FakeEngine([_reading(text) for text in texts])
    argv = ["run", str(tmp_path / "in"), "-o", str(tmp_path / "all"), "-j", "1"]
    assert run([*argv, "--split", "always"], engine) == 0
    assert [r["output"] for r in _rows(tmp_path / "all")] == ["box#01.json", "box#02.json"]


def test_a_batchs_report_shows_each_letter_with_its_own_previews(tmp_path: Path) -> None:
    _, engine = _batch(tmp_path / "in", BOX)
    out = tmp_path / "out"
    argv = ["run", str(tmp_path / "in"), "-o", str(out), "-j", "1", "--report"]
    assert run(argv, engine) == 0
    previews = sorted(p.name for p in (out / "report_files").iterdir())
    assert previews == [
        "box#01.p1.jpg", "box#01.p2.jpg", "box#01.p3.jpg",
        "box#02.p1.jpg", "box#02.p2.jpg", "box#03.p1.jpg",
    ]  # fmt: skip
    report = (out / "report.html").read_text(encoding="utf-8")
    assert "box#02.json" in report and "box#03.json" in report


def test_separator_sheets_cut_even_a_short_batch_and_are_no_letters_page(tmp_path: Path) -> None:
    sheet = separator_sheet("patch", random.Random(3), dpi=150)
    texts = [FIRST, SECOND_PAGE, "", OTHER]  # under auto's threshold: the sheet cuts it
    _, engine = _batch(tmp_path / "in", texts, {3: sheet})
    out = tmp_path / "out"
    argv = ["run", str(tmp_path / "in"), "-o", str(out), "-j", "1", "--report"]
    assert run(argv, engine) == 0
    assert [(r["output"], r["file_pages"]) for r in _rows(out)] == [
        ("box#01.json", "1-2"),
        ("box#02.json", "4"),
    ]
    listed = json.loads((out / "box.letters.json").read_text(encoding="utf-8"))
    why = [letter["why"] for letter in listed["letters"]]
    assert why[0] == "first page" and why[1].startswith("after a patch code ")
    (left_out,) = listed["left_out"]
    assert left_out["page"] == 3 and left_out["why"].startswith("patch code ")
    assert left_out["ocr"]["codes"][0]["kind"] == "patch"  # kept: the input can be cut again
    previews = sorted(p.name for p in (out / "report_files").iterdir())
    assert previews == ["box#01.p1.jpg", "box#01.p2.jpg", "box#02.p1.jpg"]


# ------------------------------------------------------------------ page files joined

MIDDLE = """\
ustawy o dostępie do informacji publicznej, a także przepisów wykonawczych do niej,
których treść została przekazana w załączeniu do niniejszego pisma."""


def _pages(folder: Path, names: list[str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        Image.new("L", (1240, 1754), 255).save(folder / name, dpi=(150, 150))


def test_a_folder_of_numbered_pages_of_one_letter_gives_one_letter_with_all_its_fields(
    tmp_path: Path,
) -> None:
    _pages(tmp_path / "in" / "box", ["0001.png", "0002.png", "0003.png"])
    engine = FakeEngine([_reading(text) for text in (FIRST, MIDDLE, SECOND_PAGE)])
    out = tmp_path / "out"
    assert run(["run", str(tmp_path / "in"), "-o", str(out), "-j", "1"], engine) == 0
    assert [(r["path"], r["output"], r["pages"]) for r in _rows(out)] == [("box", "box.json", 3)]
    letter = json.loads((out / "box.json").read_text(encoding="utf-8"))
    assert letter["fields"]["reference_number"]["value"] == "OR.1431.17.2024"  # page 1
    assert letter["fields"]["signatory"]["value"]["name"] == "Jan Kowalski"  # page 3
    assert letter["source"]["files"] == ["box/0001.png", "box/0002.png", "box/0003.png"]
    again = FakeEngine()
    assert run(["run", str(tmp_path / "in"), "-o", str(out), "-j", "1"], again) == 0
    assert again.pages == 0  # resumed: the files' joint stamp is unchanged


def test_a_folder_of_numbered_pages_from_a_stack_is_cut_into_its_letters(tmp_path: Path) -> None:
    _pages(tmp_path / "in", ["0001.png", "0002.png", "0003.png"])
    engine = FakeEngine([_reading(text) for text in (FIRST, SECOND_PAGE, OTHER)])
    out = tmp_path / "out"
    assert run(["run", str(tmp_path / "in"), "-o", str(out), "-j", "1"], engine) == 0
    rows = _rows(out)  # three pages: a stack is cut whatever its length
    assert [(r["path"], r["output"], r["file_pages"]) for r in rows] == [
        ("in", "in#01.json", "1-2"),
        ("in", "in#02.json", "3"),
    ]


def test_page_marked_files_are_joined_in_page_order_and_a_gap_is_not(tmp_path: Path) -> None:
    _pages(tmp_path / "in", ["pismo_p2.png", "pismo_p1.png", "skan-p1.jpg", "skan-p3.jpg"])
    engine = FakeEngine([_reading(text) for text in (FIRST, SECOND_PAGE)] + [_reading(OTHER)])
    out = tmp_path / "out"
    assert run(["run", str(tmp_path / "in"), "-o", str(out), "-j", "1"], engine) == 0
    rows = {r["path"]: r for r in _rows(out)}
    assert set(rows) == {"pismo", "skan-p1.jpg", "skan-p3.jpg"}
    letter = json.loads((out / "pismo.json").read_text(encoding="utf-8"))
    assert letter["source"]["files"] == ["pismo_p1.png", "pismo_p2.png"]
    assert letter["fields"]["signatory"]["value"]["name"] == "Jan Kowalski"  # p2 read second
    assert run(["run", str(tmp_path / "in"), "-o", str(tmp_path / "off"), "-j", "1",
                "--group", "off"], FakeEngine()) == 0  # fmt: skip
    assert len(_rows(tmp_path / "off")) == 4


def test_page_files_read_in_parts_by_two_workers_give_the_same_outputs(tmp_path: Path) -> None:
    _pages(tmp_path / "in" / "box", ["1.png", "2.png", "10.png"])  # natural order: 1, 2, 10
    one, two = tmp_path / "one", tmp_path / "two"
    assert run(["run", str(tmp_path / "in"), "-o", str(one), "-j", "1", "--group", "folder"]) == 0
    assert run(["run", str(tmp_path / "in"), "-o", str(two), "-j", "2", "--group", "folder"]) == 0
    for name in ("box.json", "box.ocr.json", "box.txt"):
        assert (one / name).read_bytes() == (two / name).read_bytes(), name
    stored = json.loads((two / "box.ocr.json").read_text(encoding="utf-8"))
    assert [page["number"] for page in stored["pages"]] == [1, 2, 3]
    letter = json.loads((two / "box.json").read_text(encoding="utf-8"))
    assert letter["source"]["files"] == ["box/1.png", "box/2.png", "box/10.png"]


def test_a_cut_batch_with_its_report_is_not_read_again_unless_its_stored_ocr_is_gone(
    tmp_path: Path,
) -> None:
    _, engine = _batch(tmp_path / "in", BOX)
    out = tmp_path / "out"
    argv = ["run", str(tmp_path / "in"), "-o", str(out), "-j", "1", "--report"]
    assert run(argv, engine) == 0
    again = FakeEngine([_reading(text) for text in BOX])
    assert run(argv, again) == 0
    assert again.pages == 0  # every letter has its files and previews
    (out / "box#02.json").unlink()
    (out / "report_files" / "box#03.p1.jpg").unlink()
    third = FakeEngine([_reading(text) for text in BOX])
    assert run(argv, third) == 0
    assert third.pages == 0  # cut and extracted again from the letters' stored OCR
    assert (out / "box#02.json").is_file() and (out / "report_files" / "box#03.p1.jpg").is_file()
    (out / "box#02.ocr.json").unlink()
    fourth = FakeEngine([_reading(text) for text in BOX])
    assert run(argv, fourth) == 0
    assert fourth.pages == len(BOX) and (out / "box#02.ocr.json").is_file()


def test_another_split_or_format_later_cuts_again_from_the_stored_ocr(tmp_path: Path) -> None:
    rng = random.Random(2)
    sheets = {3: separator_sheet("patch", rng, dpi=150), 5: separator_sheet("qr", rng, dpi=150)}
    _, engine = _batch(tmp_path / "in", [FIRST, SECOND_PAGE, "", OTHER, "", THIRD], sheets)
    out = tmp_path / "out"
    argv = ["run", str(tmp_path / "in"), "-o", str(out), "-j", "1"]
    assert run(argv, engine) == 0
    cut = [(r["output"], r["file_pages"]) for r in _rows(out)]
    assert cut == [("box#01.json", "1-2"), ("box#02.json", "4"), ("box#03.json", "6")]
    fields = {r["output"]: r["reference_number"] for r in _rows(out)}
    for split, outputs in (("off", ["box.json"]), ("auto", list(fields))):
        idle = FakeEngine([])
        assert run([*argv, "--split", split], idle) == 0
        assert idle.pages == 0, split
        assert [r["output"] for r in _rows(out)] == outputs
    assert {r["output"]: r["reference_number"] for r in _rows(out)} == fields
    assert not (out / "box.json").exists()  # cut again: the whole input's file removed
    idle = FakeEngine([])
    assert run([*argv, "--formats", "json,alto,pdf"], idle) == 0
    assert idle.pages == 0  # the PDF's pages prepared again by their stored steps
    assert (out / "box#03.alto.xml").is_file() and (out / "box#02.pdf").is_file()


def test_another_cut_removes_the_files_of_letters_no_longer_written(tmp_path: Path) -> None:
    _, engine = _batch(tmp_path / "in", BOX)
    out = tmp_path / "out"
    argv = ["run", str(tmp_path / "in"), "-o", str(out), "-j", "1", "--report"]
    assert run([*argv, "--formats", "json,txt,alto"], engine) == 0
    assert (out / "box#03.alto.xml").is_file()
    whole = FakeEngine([_reading(text) for text in BOX])
    assert run([*argv, "--split", "off"], whole) == 0
    left = sorted(p.name for p in out.iterdir() if p.name.startswith("box"))
    assert left == ["box.json", "box.ocr.json", "box.txt"]
    previews = sorted(p.name for p in (out / "report_files").iterdir())
    assert previews == [f"box.p{n}.jpg" for n in range(1, 7)]
    again = FakeEngine([_reading(text) for text in BOX])
    assert run(argv, again) == 0
    left = sorted(p.name for p in out.iterdir() if p.name.startswith("box"))
    assert "box.json" not in left and "box.letters.json" in left and "box#03.json" in left


def test_another_split_leaves_a_one_page_letter_as_it_is(tmp_path: Path) -> None:
    _, engine = _batch(tmp_path / "in", [FIRST])
    out = tmp_path / "out"
    argv = ["run", str(tmp_path / "in"), "-o", str(out), "-j", "1"]
    assert run(argv, engine) == 0
    written = (out / "box.json").stat().st_mtime_ns
    for split in ("off", "always"):
        assert run([*argv, "--split", split], FakeEngine([])) == 0
    assert (out / "box.json").stat().st_mtime_ns == written  # nothing to cut: not redone
    journal = (out / ".pismo" / "journal.jsonl").read_text(encoding="utf-8").splitlines()
    assert json.loads(journal[-1])["split"] == "always"
