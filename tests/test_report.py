"""The batch report in a real headless browser (Debian's chromium, driven by Playwright).

A run with ``--report`` over sample scans, plus a letter whose text reads
``<script>alert(1)</script>``; the page must load without console errors, list every
letter (the doubtful first), open a letter and draw each evidence box over the word it
stands for, and show the script text as text.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from outputs import report

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
XSS = "<script>alert(1)</script>"

pytestmark = pytest.mark.skipif(
    shutil.which("tesseract") is None or not Path(CHROMIUM).exists(),
    reason="tesseract and chromium are needed",
)


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
