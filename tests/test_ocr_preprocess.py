from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageChops, ImageDraw

from ocr import preprocess
from ocr.types import BBox, PageImage


def _ink_fraction(image: Image.Image) -> float:
    return float((np.asarray(image) < 128).mean())


def _tilt(image: Image.Image, degrees_clockwise: float) -> Image.Image:
    """Turn the content clockwise (lines then run down to the right), keeping the size."""
    return image.rotate(
        -degrees_clockwise, resample=Image.Resampling.BICUBIC, fillcolor=255, expand=False
    )


def _palette_gif_like(size: tuple[int, int] = (300, 400)) -> Image.Image:
    # As in the real scans: the transparent index is black, so a naive convert is black.
    image = Image.new("P", size, 0)
    image.putpalette([0, 0, 0, 0, 0, 0, 255, 255, 255])
    ImageDraw.Draw(image).rectangle((20, 20, 200, 40), fill=1)
    image.info["transparency"] = 0
    return image


def test_to_grayscale_flattens_transparent_gif_onto_white() -> None:
    image = _palette_gif_like()
    assert np.asarray(image.convert("L")).mean() < 10  # the trap the function avoids
    gray = preprocess.to_grayscale(image)
    assert gray.mode == "L"
    pixels = np.asarray(gray)
    assert pixels.mean() > 230  # paper, not a black page
    assert pixels[25:35, 30:190].max() < 50  # the opaque ink survives


def test_to_grayscale_flattens_rgba_onto_white() -> None:
    image = Image.new("RGBA", (50, 50), (0, 0, 0, 0))
    image.paste((0, 0, 0, 255), (10, 10, 20, 20))
    pixels = np.asarray(preprocess.to_grayscale(image))
    assert pixels[0, 0] == 255
    assert pixels[15, 15] == 0


def test_to_grayscale_flattens_transparent_grayscale_png(tmp_path) -> None:
    path = tmp_path / "gray-trns.png"
    Image.new("L", (60, 60), 0).save(path, transparency=0)
    with Image.open(path) as image:
        gray = preprocess.to_grayscale(image)
        assert np.asarray(gray).mean() > 230


@pytest.mark.parametrize("mode", ["RGB", "1", "L", "P"])
def test_to_grayscale_returns_mode_l_same_size(mode: str) -> None:
    image = Image.new("L", (64, 48), 200).convert(mode)
    gray = preprocess.to_grayscale(image)
    assert (gray.mode, gray.size) == ("L", (64, 48))


def test_to_grayscale_stretches_16_bit_to_8_bit() -> None:
    array = np.zeros((20, 20), dtype=np.uint16)
    array[:, 10:] = 4000
    image = Image.fromarray(array)
    assert image.mode == "I;16"
    gray = preprocess.to_grayscale(image)
    pixels = np.asarray(gray)
    assert gray.mode == "L"
    assert (pixels[:, :10].max(), pixels[:, 10:].min()) == (0, 255)


def _page_at(dpi: int, size: tuple[int, int]) -> PageImage:
    return PageImage(number=1, image=Image.new("L", size, 255), dpi=dpi, source_dpi=float(dpi))


@pytest.mark.parametrize(
    ("dpi", "size", "expected_dpi", "expected_size"),
    [
        (65, (130, 182), 400, (800, 1120)),  # web GIFs and faxes go further, to 400
        (100, (200, 280), 400, (800, 1120)),
        (200, (400, 560), 300, (600, 840)),
        (600, (1200, 1800), 300, (600, 900)),
    ],
    ids=["65-up-to-400", "100-up-to-400", "200-up", "600-down"],
)
def test_resample_brings_page_into_range(
    dpi: int, size: tuple[int, int], expected_dpi: int, expected_size: tuple[int, int]
) -> None:
    page = preprocess.resample(_page_at(dpi, size))
    assert page.dpi == expected_dpi
    assert page.image.size == expected_size
    assert page.steps == (f"resample {dpi}->{expected_dpi} dpi",)
    assert page.source_dpi == dpi  # provenance is kept


def test_resample_honours_target_dpi() -> None:
    page = preprocess.resample(_page_at(600, (1200, 1800)), target_dpi=200)
    assert (page.dpi, page.image.size) == (200, (400, 600))


@pytest.mark.parametrize("dpi", [250, 300, 400])
def test_resample_leaves_page_in_range_alone(dpi: int) -> None:
    page = _page_at(dpi, (100, 140))
    assert preprocess.resample(page) is page


@pytest.mark.parametrize("degrees", [0, 90, 180, 270])
def test_rotate_round_trips(letter_image: Image.Image, degrees: int) -> None:
    turned = preprocess.rotate(letter_image, degrees)
    back = preprocess.rotate(turned, (360 - degrees) % 360)
    assert ImageChops.difference(back, letter_image).getbbox() is None


@pytest.mark.parametrize("degrees", [90, 270])
def test_rotate_quarter_turn_swaps_size(letter_image: Image.Image, degrees: int) -> None:
    assert preprocess.rotate(letter_image, degrees).size == letter_image.size[::-1]


def test_rotate_90_is_clockwise() -> None:
    image = Image.new("L", (40, 20), 255)
    image.paste(0, (0, 0, 5, 5))  # ink top-left
    turned = np.asarray(preprocess.rotate(image, 90))
    assert turned[:5, -5:].max() == 0  # clockwise: top-left goes to top-right


@pytest.mark.parametrize("degrees", [-5.0, -3.0, -1.0, 1.0, 2.5, 5.0])
def test_estimate_skew_finds_tilt_within_a_fifth_of_a_degree(
    letter_image: Image.Image, degrees: float
) -> None:
    estimate = preprocess.estimate_skew(_tilt(letter_image, degrees))
    assert not estimate.sideways
    assert estimate.angle == pytest.approx(degrees, abs=0.2)


@pytest.mark.parametrize("degrees", [-4.0, 3.0])
def test_deskew_removes_measured_tilt(letter_image: Image.Image, degrees: float) -> None:
    tilted = _tilt(letter_image, degrees)
    straightened = preprocess.deskew(tilted, preprocess.estimate_skew(tilted).angle)
    assert straightened.size == tilted.size
    assert abs(preprocess.estimate_skew(straightened).angle) < 0.5


def test_estimate_skew_of_upright_page_is_near_zero(letter_image: Image.Image) -> None:
    estimate = preprocess.estimate_skew(letter_image)
    assert not estimate.sideways
    assert abs(estimate.angle) <= preprocess.SKEW_THRESHOLD_DEG


@pytest.mark.parametrize("degrees", [90, 270])
def test_estimate_skew_reports_sideways_page(letter_image: Image.Image, degrees: int) -> None:
    assert preprocess.estimate_skew(preprocess.rotate(letter_image, degrees)).sideways


def test_estimate_skew_upside_down_page_is_not_sideways(letter_image: Image.Image) -> None:
    assert not preprocess.estimate_skew(preprocess.rotate(letter_image, 180)).sideways


def test_estimate_skew_of_blank_page_is_zero() -> None:
    estimate = preprocess.estimate_skew(Image.new("L", (600, 800), 255))
    assert estimate == preprocess.SkewEstimate(0.0, sideways=False)


def test_deskew_fills_uncovered_corners_with_white() -> None:
    image = Image.new("L", (200, 300), 255)
    rotated = np.asarray(preprocess.deskew(image, 4.0))
    assert rotated.min() == 255


def test_clean_returns_mode_l_same_size(letter_image: Image.Image) -> None:
    grey_paper = letter_image.point(lambda v: 60 + v * 140 // 255)  # dull paper, grey ink
    cleaned = preprocess.clean(grey_paper)
    assert (cleaned.mode, cleaned.size) == ("L", letter_image.size)
    pixels = np.asarray(cleaned)
    assert np.median(pixels) > 240  # the background is evened out to white
    assert _ink_fraction(cleaned) > 0.5 * _ink_fraction(letter_image)  # the text survives


@pytest.mark.parametrize("size", [(301, 403), (17, 17)], ids=["odd", "tiny"])
def test_clean_keeps_odd_sizes(size: tuple[int, int]) -> None:
    cleaned = preprocess.clean(Image.new("L", size, 200))
    assert (cleaned.mode, cleaned.size) == ("L", size)


def _draw_block(image: Image.Image, font, xy: tuple[int, int], lines: list[str]) -> BBox:
    draw = ImageDraw.Draw(image)
    boxes = []
    x, y = xy
    for line in lines:
        draw.text((x, y), line, font=font, fill=0)
        boxes.append(BBox(*(round(v) for v in draw.textbbox((x, y), line, font=font))))
        y += 50
    return BBox.enclosing(boxes)


def test_uncovered_ink_regions_finds_text_outside_covered_boxes(font) -> None:
    image = Image.new("L", (1240, 1754), 255)  # A4 at 150 dpi
    face = font(36)
    covered = _draw_block(image, face, (100, 100), ["Gmina Miasto Brzozów", "ul. Czysta 1"])
    stamp = _draw_block(
        image, face, (600, 1300), ["Podpisany elektronicznie", "przez Jan Kowalski"]
    )
    regions = preprocess.uncovered_ink_regions(image, [covered])
    assert len(regions) == 1
    region = regions[0]
    assert region.union(stamp) == region  # the whole stamp is inside the region
    assert region.left >= stamp.left - 16 and region.bottom <= stamp.bottom + 16
    assert region.union(covered) != region  # the covered text is not part of it


def test_uncovered_ink_regions_ignores_covered_text_and_specks(font) -> None:
    image = Image.new("L", (1240, 1754), 255)
    covered = _draw_block(image, font(36), (100, 100), ["Znak sprawy: BRM.1431.27.2024"])
    ImageDraw.Draw(image).rectangle((900, 1500, 910, 1510), fill=0)  # a speck
    ImageDraw.Draw(image).line((100, 1600, 1100, 1600), fill=0, width=2)  # a rule line
    assert preprocess.uncovered_ink_regions(image, [covered]) == []


def test_uncovered_ink_regions_of_blank_page_is_empty() -> None:
    assert preprocess.uncovered_ink_regions(Image.new("L", (800, 600), 255), []) == []
