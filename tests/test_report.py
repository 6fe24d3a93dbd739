"""The batch report, its data and the page in a real headless browser (Debian's chromium).

A run with ``--report`` over sample scans, plus a letter whose text reads
``<script>alert(1)</script>``; the page must load without console errors, list every
letter (the doubtful first), open a letter and draw each evidence box over the word it
stands for, and show the script text as text. A letter built by hand carries a stamp
(reading a script tag too) and a signature's strokes: the page draws both where they
are, marks the fields read from the stamp and lists the stamp.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageDraw, ImageFont

from batch.index import write_report
from extract.contract import output_of
from ocr.plaintext import document_from_text
from ocr.types import BBox, Ink, Mark, OcrDocument, OcrLine, OcrPage, OcrWord, Stamp
from outputs import report

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
XSS = "<script>alert(1)</script>"


def _xss_letter(path: Path) -> Path:
    """A page whose OCR text is a script tag (big type, so Tesseract reads it)."""
    image = Image.new("L", (2480, 1200), 255)
    draw = ImageDraw.Draw(image)
    font_path = next((p for p in Path("/usr/share/fonts").rglob("DejaVuSans.ttf")), None)
    font = ImageFont.truetype(str(font_path), 90) if font_path else ImageFont.load_default()
    draw.text((150, 300), "Znak sprawy: AB.123.2024", fill=0, font=font)
    draw.text((150, 600), XSS, fill=0, font=font)
    image.save(path, dpi=(300, 300))
    return path


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("tesseract") is None:
        pytest.skip("tesseract is needed")
    folder = tmp_path_factory.mktemp("report") / "in"
    folder.mkdir()
    for name in ("s01_seed_krakow.png", "s04_starosta_registry_stamp.png"):
        shutil.copy(SAMPLES / name, folder / name)
    _xss_letter(folder / "xss.png")
    out = folder.parent / "out"
    command = [sys.executable, "-m", "pipeline", "run", str(folder), "-o", str(out), "-q"]
    subprocess.run([*command, "--report"], cwd=ROOT, check=True)
    return out


@pytest.fixture(scope="module")
def browser():  # noqa: ANN201 - Playwright's Browser
    if not Path(CHROMIUM).exists():
        pytest.skip("chromium is needed")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield browser
        browser.close()


def _open(browser, out: Path):  # noqa: ANN001, ANN202 - Playwright objects
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))

    def on_dialog(dialog):  # noqa: ANN001, ANN202 - a Playwright Dialog
        problems.append(f"dialog: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.goto((out / "report.html").as_uri())
    page.wait_for_selector("tr.letter")
    return page, problems


def test_report_lists_every_letter_without_console_errors(browser, batch: Path) -> None:  # noqa: ANN001
    page, problems = _open(browser, batch)
    rows = page.locator("tr.letter")
    assert rows.count() == 3
    sources = [rows.nth(i).get_attribute("data-source") for i in range(3)]
    assert set(sources) == {"s01_seed_krakow.png", "s04_starosta_registry_stamp.png", "xss.png"}
    assert sources[0] == "xss.png"  # missing fields first
    reference = page.locator(
        'tr[data-source="s01_seed_krakow.png"] td[data-field="reference_number"]'
    )
    truth = json.loads((batch / "s01_seed_krakow.json").read_text("utf-8"))
    assert reference.inner_text() == truth["fields"]["reference_number"]["value"]
    assert "ok" in (reference.get_attribute("class") or "") or "low" in (
        reference.get_attribute("class") or ""
    )
    page.fill("#filter", "starosta")
    assert page.locator("tr.letter").count() == 1
    page.screenshot(path=str(batch / "report-table.png"))
    assert problems == []


def test_evidence_boxes_lie_over_their_words(browser, batch: Path) -> None:  # noqa: ANN001
    page, problems = _open(browser, batch)
    page.click('tr[data-source="s01_seed_krakow.png"]')
    page.wait_for_selector("#viewer .page img")
    page.wait_for_function("document.querySelector('#viewer .page img').complete")
    image = page.locator("#viewer .page img").first.bounding_box()
    output = json.loads((batch / "s01_seed_krakow.json").read_text("utf-8"))
    width, height = output["ocr"]["pages"][0]["width"], output["ocr"]["pages"][0]["height"]
    boxes = page.locator('#viewer .box[data-field="reference_number"]')
    assert boxes.count() == 1
    drawn = boxes.first.bounding_box()
    left, top, right, bottom = output["fields"]["reference_number"]["evidence"][0]["bbox"]
    scale = image["width"] / width
    assert abs(drawn["x"] - (image["x"] + left * scale)) <= 2
    assert abs(drawn["y"] - (image["y"] + top * scale)) <= 2
    assert abs(drawn["width"] - (right - left) * scale) <= 3
    assert abs(image["height"] - height * scale) <= 2
    page.screenshot(path=str(batch / "report-letter.png"), full_page=False)
    assert problems == []


def test_letter_text_that_is_markup_shows_as_text(browser, batch: Path) -> None:  # noqa: ANN001
    read = json.loads((batch / "xss.json").read_text("utf-8"))["text"]
    assert XSS in read  # Tesseract read the tag as printed
    page, problems = _open(browser, batch)
    page.click('tr[data-source="xss.png"]')
    page.wait_for_selector("#viewer .page")
    assert XSS in page.locator("#viewer-text").inner_text()  # shown as text
    assert page.locator("#viewer script").count() == 0
    assert problems == []  # no alert() dialog, no script error
    html = (batch / "report.html").read_text("utf-8")
    assert "<script>alert" not in html  # never in the markup, only escaped inside JSON


def test_report_json_cannot_close_its_script_element(tmp_path: Path) -> None:
    letter = report.Letter(
        "a.png",
        "ok",
        None,
        "a.json",
        {"fields": {"subject": {"value": "</script><script>alert(1)</script>"}}, "ocr": {}},
    )
    html = report.render([letter], tmp_path)
    assert "</script><script>alert" not in html
    assert "\\u003c/script>" in html


def test_letter_text_cannot_reach_the_report_template(tmp_path: Path) -> None:
    letter = report.Letter(
        "a.png", "ok", None, "a.json", {"fields": {"subject": {"value": "%COLUMNS% %LOW%"}}}
    )
    html = report.render([letter], tmp_path)
    start = html.index('<script type="application/json" id="data">') + len(
        '<script type="application/json" id="data">'
    )
    data = json.loads(html[start : html.index("</script>", start)])
    assert data[0]["fields"]["subject"]["text"] == "%COLUMNS% %LOW%"


# ---------------------------------------------------------------- stamps and marks

PAGE_SIZE = (2480, 3508)  # an A4 page at 300 dpi; its preview is scaled to 1400 px high
STAMP_BOX = BBox(1480, 280, 2100, 560)
MARK_BOX = BBox(1400, 2380, 2000, 2620)
RECEIVED = {"date": "2019-03-14", "number": "123/19", "office": "Starostwo Powiatowe"}
SIGNATORY = {"name": "Jan Nowak", "position": "Wójt Gminy", "on_behalf_of": None}


def _line(*words: tuple[str, int, int, int, int]) -> OcrLine:
    return OcrLine.from_words((OcrWord(t, BBox(*box), 0.8) for t, *box in words), block=9)


# The registry stamp's lines: the office, the date, the number and a script tag.
STAMP_LINES = (
    _line(("Starostwo", 1500, 300, 1760, 350), ("Powiatowe", 1780, 300, 2040, 350)),
    _line(("WPŁYNĘŁO", 1500, 370, 1740, 420), ("14.03.2019", 1760, 370, 2020, 420)),
    _line(("L.dz.", 1500, 440, 1620, 490), ("123/19", 1640, 440, 1800, 490)),
    _line((XSS, 1500, 500, 2080, 545)),
)


def _stamped_page() -> OcrPage:
    stamp = Stamp(STAMP_BOX, Ink.VIOLET, STAMP_LINES, crossed_by=Ink.BLUE)
    return OcrPage(1, *PAGE_SIZE, 300, stamps=(stamp,), marks=(Mark(MARK_BOX, Ink.BLUE),))


def _evidence(box: BBox, text: str) -> dict[str, Any]:
    return {"page": 1, "bbox": box.to_list(), "text": text}


def _output(page: OcrPage, *, signature: str | None) -> dict[str, Any]:
    """An output JSON (page metadata only, as a batch writes it) with three fields."""
    office, date, number = STAMP_LINES[0], STAMP_LINES[1], STAMP_LINES[2]
    return {
        "ocr": {"pages": [page.to_dict(with_words=False)]},
        "text": "Szanowny Panie",
        "fields": {
            "received": {
                "value": RECEIVED,
                "confidence": 0.64,
                "evidence": [
                    _evidence(office.bbox, office.text),
                    _evidence(date.bbox, date.text),
                    # Only the number's word: a run of the line's words counts too.
                    _evidence(number.words[1].bbox, "123/19"),
                ],
            },
            "signatory": {
                "value": SIGNATORY | {"signature": signature},
                "confidence": 0.9,
                "evidence": [_evidence(BBox(1500, 2450, 1900, 2500), "Jan Nowak")],
            },
            # Printed words the stamp was pressed over: inside its box, not its words.
            "addressee": {
                "value": {"name": "Anna Kowalska"},
                "confidence": 0.9,
                "evidence": [_evidence(BBox(1600, 372, 1900, 418), "Anna Kowalska")],
            },
        },
    }


def _write_letter(out: Path, name: str, page: OcrPage, *, signature: str | None) -> None:
    """A letter's outputs as a batch leaves them: JSON, stored OCR and a page preview."""
    document = OcrDocument(f"{name}.png", (page,), "fake 1.0", "pol")
    (out / f"{name}.json").write_text(json.dumps(_output(page, signature=signature)), "utf-8")
    (out / f"{name}.ocr.json").write_text(json.dumps(document.to_dict()), "utf-8")
    image = Image.new("L", PAGE_SIZE, 255)
    ImageDraw.Draw(image).rectangle(STAMP_BOX.to_list(), outline=90, width=8)
    shot = out / report.preview_name(name, 1)
    shot.parent.mkdir(parents=True, exist_ok=True)
    shot.write_bytes(report.preview(image))


@pytest.fixture
def stamped(tmp_path: Path) -> Path:
    """A batch folder with report.html over two letters: one stamped, one not."""
    _write_letter(tmp_path, "stamped", _stamped_page(), signature="handwritten")
    _write_letter(tmp_path, "plain", OcrPage(1, *PAGE_SIZE, 300), signature=None)
    rows = [
        {"path": f"{name}.png", "status": "ok", "error": None, "output": f"{name}.json"}
        for name in ("stamped", "plain")
    ]
    write_report(tmp_path, rows)
    return tmp_path


def _data(html: str) -> dict[str, dict[str, Any]]:
    """The letters' data the page is built from, by source."""
    opening = '<script type="application/json" id="data">'
    start = html.index(opening) + len(opening)
    return {d["source"]: d for d in json.loads(html[start : html.index("</script>", start)])}


def test_report_lists_the_stamps_and_marks_of_the_stored_ocr(stamped: Path) -> None:
    data = _data((stamped / "report.html").read_text("utf-8"))
    letter = data["stamped.png"]
    assert letter["stamps"] == [
        {
            "number": 1,
            "page": 1,
            "ink": "violet",
            "crossed_by": "blue",
            "bbox": [1480, 280, 2100, 560],
            "confidence": 0.8,
            "lines": ["Starostwo Powiatowe", "WPŁYNĘŁO 14.03.2019", "L.dz. 123/19", XSS],
        }
    ]
    assert letter["marks"] == [{"page": 1, "ink": "blue", "bbox": [1400, 2380, 2000, 2620]}]
    assert data["plain.png"]["stamps"] == [] and data["plain.png"]["marks"] == []


def test_evidence_made_of_a_stamps_words_is_marked_as_the_stamp(stamped: Path) -> None:
    fields = _data((stamped / "report.html").read_text("utf-8"))["stamped.png"]["fields"]
    assert [e["stamp"] for e in fields["received"]["evidence"]] == [1, 1, 1]
    assert [e["stamp"] for e in fields["signatory"]["evidence"]] == [None]
    # Inside the stamp's box, but no run of its words: printed text under the stamp.
    assert [e["stamp"] for e in fields["addressee"]["evidence"]] == [None]


def test_stamp_is_recognised_by_its_whole_box_and_not_on_another_page() -> None:
    stamps = [(2, Stamp(STAMP_BOX, Ink.RED, STAMP_LINES))]
    assert report.stamp_of({"page": 2, "bbox": STAMP_BOX.to_list()}, stamps) == 1
    assert report.stamp_of({"page": 1, "bbox": STAMP_BOX.to_list()}, stamps) is None
    assert report.stamp_of({"page": 2, "bbox": None}, stamps) is None


def test_fields_extraction_reads_from_stamps_carry_their_stamp() -> None:
    """The evidence ``extract`` really writes for stamp-read fields is recognised.

    The name stamp's edge junk ("7", "2") is cleaned off and its worn head repaired
    before extraction reads it, so its evidence is a run of the stamp's words, not a line.
    """
    letter = document_from_text(
        "Urząd Gminy Dobrzyca\n\nDobrzyca, 12 marca 2019 r.\n\nSzanowny Panie,\n"
        "dokumenty zostały przekazane do archiwum.\n\nZ poważaniem",
        source="letter.txt",
    ).pages[0]
    name_stamp = (
        _line(("PREZYDENI", 1300, 2600, 1540, 2645), ("MIASTA", 1560, 2600, 1700, 2645)),
        _line(
            ("7", 1300, 2660, 1320, 2705),
            ("Tomasz", 1340, 2660, 1490, 2705),
            ("Wiśniewski;2", 1510, 2660, 1800, 2705),
        ),
    )
    stamps = (
        Stamp(STAMP_BOX, Ink.VIOLET, STAMP_LINES),
        Stamp(BBox(1290, 2590, 1810, 2715), Ink.RED, name_stamp),
    )
    page = dataclasses.replace(letter, stamps=stamps)
    document = OcrDocument("letter.txt", (page,), "fake 1.0", "pol")
    output = output_of(document, {"path": "letter.txt"})
    ink = report.page_ink(document.to_dict())
    html = report.render([report.Letter("a", "ok", None, "a.json", output, ink)], Path())
    read = _data(html)["a"]["fields"]
    assert read["received"]["text"] == "2019-03-14, 123/19, Starostwo Powiatowe"
    assert {e["stamp"] for e in read["received"]["evidence"]} == {1}
    assert read["signatory"]["text"] == "Tomasz Wiśniewski, Prezydent Miasta"
    assert {e["stamp"] for e in read["signatory"]["evidence"]} == {2}
    assert [e["stamp"] for e in read["letter_date"]["evidence"]] == [None]


def test_received_and_signature_are_shown_part_by_part(stamped: Path) -> None:
    data = _data((stamped / "report.html").read_text("utf-8"))
    fields = data["stamped.png"]["fields"]
    assert fields["received"]["parts"] == [
        ["data", "2019-03-14"],
        ["numer", "123/19"],
        ["urząd", "Starostwo Powiatowe"],
    ]
    assert ["podpis", "odręczny"] in fields["signatory"]["parts"]
    assert ["z up. / w imieniu", "—"] in fields["signatory"]["parts"]
    unknown = data["plain.png"]["fields"]["signatory"]["parts"]
    assert ["podpis", report.SIGNATURES[None]] in unknown


def test_stamp_text_never_becomes_markup(stamped: Path) -> None:
    html = (stamped / "report.html").read_text("utf-8")
    assert "<script>alert" not in html
    assert "\\u003cscript>alert(1)\\u003c/script>" in html


def test_damaged_or_missing_stored_ocr_leaves_the_letter_without_stamps(tmp_path: Path) -> None:
    (tmp_path / "bad.ocr.json").write_text('{"pages": [{"stamps": [{"ink": "gold"}]}]}', "utf-8")
    assert report.read_ink(tmp_path, "bad.json") == ()
    assert report.read_ink(tmp_path, "missing.json") == ()


def test_an_output_with_its_words_gives_its_stamps_without_the_stored_ocr(
    tmp_path: Path,
) -> None:
    page = dataclasses.replace(
        document_from_text("Urząd Gminy Dobrzyca", source="a.txt").pages[0],
        stamps=(Stamp(STAMP_BOX, Ink.VIOLET, STAMP_LINES),),
    )
    document = OcrDocument("a.txt", (page,), "fake 1.0", "pol").to_dict()
    ink = report.letter_ink(tmp_path, "a.json", {"ocr": document})  # no a.ocr.json at all
    assert [p.stamps[0].ink for p in ink] == [Ink.VIOLET]
    # Without its words the output's OCR says nothing of stamps: the stored OCR does.
    (tmp_path / "a.ocr.json").write_text(json.dumps(document), "utf-8")
    ocr_only = {"pages": [{"number": 1, "width": 100, "height": 100}]}
    assert report.letter_ink(tmp_path, "a.json", {"ocr": ocr_only}) == ink


def _open_letter(browser, out: Path, source: str):  # noqa: ANN001, ANN202 - Playwright objects
    page, problems = _open(browser, out)
    page.click(f'tr[data-source="{source}"]')
    page.wait_for_function("document.querySelector('#viewer .page img')?.complete")
    return page, problems


def _placed(drawn: dict[str, float], image: dict[str, float], box: BBox, scale: float) -> bool:
    """Whether a drawn box stands on ``box`` of the page, scaled onto the shown image."""
    return (
        abs(drawn["x"] - (image["x"] + box.left * scale)) <= 2
        and abs(drawn["y"] - (image["y"] + box.top * scale)) <= 2
        and abs(drawn["width"] - box.width * scale) <= 2
        and abs(drawn["height"] - box.height * scale) <= 2
    )


def test_stamp_and_mark_are_drawn_where_they_are(browser, stamped: Path) -> None:  # noqa: ANN001
    page, problems = _open_letter(browser, stamped, "stamped.png")
    image = page.locator("#viewer .page img").first.bounding_box()
    scale = image["width"] / PAGE_SIZE[0]
    assert scale < 0.5  # the page is shown scaled: the test checks the scaling
    stamp = page.locator('#viewer .stamp[data-stamp="1"]')
    assert stamp.count() == 1
    assert _placed(stamp.bounding_box(), image, STAMP_BOX, scale)
    assert "ink-violet" in (stamp.get_attribute("class") or "")
    tooltip = stamp.get_attribute("title") or ""
    assert "Starostwo Powiatowe\nWPŁYNĘŁO 14.03.2019" in tooltip and "0.80" in tooltip
    assert "0.80" in stamp.inner_text()
    mark = page.locator("#viewer .mark")
    assert mark.count() == 1
    assert _placed(mark.bounding_box(), image, MARK_BOX, scale)
    assert page.locator('#viewer .box[data-field="received"]').count() == 3
    page.screenshot(path=str(stamped / "report-stamps.png"))
    assert problems == []


def test_fields_read_from_a_stamp_and_the_stamp_list(browser, stamped: Path) -> None:  # noqa: ANN001
    page, problems = _open_letter(browser, stamped, "stamped.png")
    fields = page.locator("#viewer-fields dd")
    received = fields.nth(list(_data(page.content())["stamped.png"]["fields"]).index("received"))
    assert "pieczęć" in received.locator(".badge").inner_text()
    assert "numer: 123/19" in received.inner_text()
    assert "urząd: Starostwo Powiatowe" in received.inner_text()
    assert page.locator("#viewer-fields .badge").count() == 1  # not the addressee's
    assert "podpis: odręczny" in page.locator("#viewer-fields").inner_text()
    rows = page.locator("#viewer-stamps tbody tr")
    assert rows.count() == 1
    cells = [rows.first.locator("td").nth(i).inner_text() for i in range(5)]
    assert cells[:3] == ["1", "1", "violet (przekreślona: blue)"]
    assert cells[3].splitlines() == [line.text for line in STAMP_LINES]  # the tag as text
    assert cells[4] == "0.80"
    assert page.locator("#viewer script").count() == 0
    assert problems == []  # no alert() dialog, no script error


def test_a_page_without_stamps_shows_none(browser, stamped: Path) -> None:  # noqa: ANN001
    page, problems = _open_letter(browser, stamped, "plain.png")
    assert page.locator("#viewer .stamp, #viewer .mark, #viewer .badge").count() == 0
    assert page.locator('#viewer .box[data-field="received"]').count() == 3  # as before
    assert page.locator("#viewer-stamps").is_hidden()
    assert page.locator("#viewer-no-stamps").is_visible()
    assert problems == []
