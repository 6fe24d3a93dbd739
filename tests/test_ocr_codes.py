"""Separator sheets' codes: Kodak patch codes (numpy) and barcodes (zxing-cpp)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from ocr.barcodes import find_codes
from ocr.patchcodes import PATTERNS, find_patch
from samples.generator.separators import separator_sheet

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def _bars(pattern: str, dpi: int, *, turned: bool = False, skew: float = 0.0) -> Image.Image:
    """A page with ``pattern``'s bars (``W``/``N``) across it, an inch from its top."""
    size = (round(8.27 * dpi), round(11.69 * dpi))
    page = Image.new("L", size, 255)
    draw = ImageDraw.Draw(page)
    y = float(dpi)
    for letter in pattern:
        thick = (0.20 if letter == "W" else 0.08) * dpi
        draw.rectangle((dpi, round(y), size[0] - dpi, round(y + thick) - 1), fill=0)
        y += thick + 0.08 * dpi
    if skew:
        page = page.rotate(skew, resample=Image.Resampling.BICUBIC, fillcolor=255)
    return page.rotate(90, expand=True) if turned else page


@pytest.mark.parametrize(("pattern", "name"), sorted(PATTERNS.items()))
def test_each_patch_code_is_named_by_its_bars(pattern: str, name: str) -> None:
    found = find_patch(_bars(pattern, 300), 300)
    assert found is not None and found.kind == "patch" and found.text == name
    assert found.bbox.top == pytest.approx(300, abs=6)  # an inch from the top


@pytest.mark.parametrize("dpi", [150, 200, 300])
@pytest.mark.parametrize("turned", [False, True])
def test_a_patch_is_found_at_any_resolution_crooked_or_along_the_page(
    dpi: int, *, turned: bool
) -> None:
    found = find_patch(_bars("NWNW", dpi, turned=turned, skew=1.5), dpi)
    assert found is not None and found.text == "T"


@pytest.mark.parametrize(
    "pattern",
    ["WWWW", "NNNN", "NWNWN", "WNN"],  # no patch's mix, a fifth bar, three bars
)
def test_bars_of_no_patch_code_are_not_one(pattern: str) -> None:
    assert find_patch(_bars(pattern, 300), 300) is None


def test_a_letter_page_has_no_patch_and_no_code() -> None:
    page = Image.open(SAMPLES / "s01_seed_krakow.png")
    assert find_patch(page, 300) is None
    assert find_codes(page, 300) == ()


@pytest.mark.parametrize("kind", ["qr", "barcode"])
def test_a_scanned_separator_sheets_code_is_read_with_its_text(kind: str) -> None:
    sheet = separator_sheet(kind, random.Random(4), dpi=200)
    codes = find_codes(sheet, 200)
    assert [c.kind for c in codes] == ["QRCode" if kind == "qr" else "Code128"]
    assert codes[0].text.startswith("SEPARATOR " if kind == "qr" else "SEP-")
    # Its box is in the page's pixels (the reading ran on a smaller copy).
    assert 0 <= codes[0].bbox.left < codes[0].bbox.right <= sheet.width
    assert codes[0].bbox.top < sheet.height * 0.4


def test_generated_patch_sheets_are_read_at_every_resolution() -> None:
    rng = random.Random(7)
    for dpi in (150, 200, 300, 150, 200, 300):
        sheet = separator_sheet("patch", rng, dpi=dpi)
        found = find_patch(sheet, dpi)
        assert found is not None and found.text in {"T", "2", "3"}, dpi
