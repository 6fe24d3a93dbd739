"""Ink layers and stamps: coloured ink found and told apart, stamps read on their own.

Pages are drawn in code: black print, a red (or violet) name stamp in a serif face, and a
blue ballpoint scribble drawn across the stamp, as a signed letter has them. The stamp
tests run the real Tesseract.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from ocr import ink
from ocr.engine import OcrOptions, read_image_page
from ocr.tesseract import TesseractEngine
from ocr.types import Ink, OcrPage, PageImage

DPI = 300
PRINT = (
    "Urząd Gminy w Dobrzycy",
    "W odpowiedzi na wniosek z dnia 3 marca 2024 r. informuję,",
    "że dokumenty zostały przekazane do archiwum zakładowego.",
    "Z poważaniem",
)
STAMP_RED = (200, 40, 60)
STAMP_VIOLET = (110, 50, 160)
BALLPOINT = (30, 50, 170)


def _page(
    font: Callable[[int], ImageFont.FreeTypeFont],
    *,
    stamp: tuple[str, ...] = ("KIEROWNIK REFERATU", "Tomasz Wiśniewski"),
    stamp_ink: tuple[int, int, int] | None = STAMP_RED,
    signature: bool = True,
) -> Image.Image:
    """An A5 page at 300 dpi: print at the top, a name stamp and a signature lower down."""
    image = Image.new("RGB", (1748, 2480), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    y = 180
    for line in PRINT:
        draw.text((180, y), line, font=font(42), fill=(0, 0, 0))
        y += 70
    if stamp_ink is not None:
        y = 1300
        for line in stamp:
            draw.text((800, y), line, font=font(40), fill=stamp_ink)
            y += 62
    if signature:
        # A ballpoint flourish across the stamp's lines.
        points = [(760 + 12 * i, 1330 + int(70 * np.sin(i / 4))) for i in range(70)]
        draw.line(points, fill=BALLPOINT, width=6)
    return image


def _read(image: Image.Image) -> OcrPage:
    page = PageImage(number=1, image=image, dpi=DPI, source_dpi=DPI)
    return read_image_page(page, TesseractEngine(), OcrOptions(deskew=False))


def test_a_grey_page_has_no_colour_layer() -> None:
    grey = Image.new("L", (800, 600), 255)
    assert ink.colour_image(grey) is None


def test_black_print_in_rgb_has_no_colour_layer(
    font: Callable[[int], ImageFont.FreeTypeFont],
) -> None:
    page = _page(font, stamp_ink=None, signature=False)
    assert ink.colour_image(page) is None


def test_a_stamped_page_has_a_colour_layer(font: Callable[[int], ImageFont.FreeTypeFont]) -> None:
    assert ink.colour_image(_page(font)) is not None


@pytest.mark.parametrize(
    ("colour", "expected"),
    [(STAMP_RED, Ink.RED), (STAMP_VIOLET, Ink.VIOLET), (BALLPOINT, Ink.BLUE), ((0, 0, 0), None)],
)
def test_ink_of_a_colour(colour: tuple[int, int, int], expected: Ink | None) -> None:
    labels = ink.ink_labels(Image.new("RGB", (4, 4), colour))
    found = {list(Ink)[int(v) - 1] for v in np.unique(labels) if v}
    assert found == ({expected} if expected else set())


def test_stamp_and_signature_are_one_region_of_two_inks(
    font: Callable[[int], ImageFont.FreeTypeFont],
) -> None:
    regions = ink.regions(_page(font))
    assert len(regions) == 1
    assert set(regions[0].inks) == {Ink.RED, Ink.BLUE}
    assert regions[0].bbox.top < 1330 < regions[0].bbox.bottom


def test_isolate_keeps_the_stamp_and_drops_the_signature(
    font: Callable[[int], ImageFont.FreeTypeFont],
) -> None:
    page = _page(font)
    isolated = np.asarray(ink.isolate(page, Ink.RED))
    signature_only = np.asarray(ink.isolate(_page(font, stamp_ink=None), Ink.RED))
    assert (isolated < 128).sum() > 1000  # the stamp's letters
    assert (signature_only < 128).sum() == 0  # no red: the ballpoint is gone
    assert (isolated[180:500] < 128).sum() == 0  # and the black print at the top


def test_strength_mends_the_letters_a_signature_crosses(
    font: Callable[[int], ImageFont.FreeTypeFont],
) -> None:
    page = _page(font)
    crossing = (770, 1290, 1500, 1420)  # the stamp's first line, the signature across it
    signed = page.crop(crossing)
    mended = np.asarray(ink.strength(signed, Ink.RED)) < 128
    isolated = np.asarray(ink.isolate(signed, Ink.RED)) < 128
    unsigned = _page(font, signature=False).crop(crossing)
    stamp_ink = np.asarray(ink.isolate(unsigned, Ink.RED)) < 128
    pen = np.asarray(signed, dtype=np.int16)
    under_pen = (pen[:, :, 2] - pen[:, :, 0] > 60) & stamp_ink  # letters the pen covers
    assert under_pen.sum() > 100
    # Isolation loses the stamp's letters under the pen; strength closes most of them.
    assert (isolated & under_pen).sum() < 0.1 * under_pen.sum()
    assert (mended & under_pen).sum() > 0.5 * under_pen.sum()
    assert (np.asarray(ink.strength(page, Ink.RED))[180:500] < 128).sum() == 0  # print gone


def test_a_pen_of_the_stamps_own_hue_is_taken_off_apart(
    font: Callable[[int], ImageFont.FreeTypeFont],
) -> None:
    stamp_blue, navy = (70, 110, 200), (20, 30, 110)  # a blue pad, a navy ballpoint
    page = _page(font, stamp_ink=stamp_blue, signature=False)
    ImageDraw.Draw(page).line([(760, 1450), (1500, 1450)], fill=navy, width=8)  # below it
    crop = page.crop((750, 1280, 1520, 1480))
    assert (
        ink.strength_without_pen(_page(font, stamp_ink=stamp_blue, signature=False), Ink.BLUE)
        is None
    )
    without = np.asarray(ink.strength_without_pen(crop, Ink.BLUE)) < 128
    kept = np.asarray(ink.strength(crop, Ink.BLUE)) < 128
    stroke = slice(1450 - 1280 - 3, 1450 - 1280 + 4)
    assert kept[stroke].sum() > 3000  # the pen, as dark in blue as the stamp
    assert without[stroke].sum() < 0.1 * kept[stroke].sum()
    assert without[:100].sum() > 0.5 * kept[:100].sum()  # the stamp's letters stay


def _scribbled(page: Image.Image, pen: tuple[int, ...] | int) -> Image.Image:
    """The page with a heavy signature over the stamp: more pen than stamp ink."""
    draw = ImageDraw.Draw(page)
    for row in (1310, 1350, 1390):
        points = [(760 + 12 * i, row + int(45 * np.sin(i / 3))) for i in range(62)]
        draw.line(points, fill=pen, width=9)
    return page


def test_a_pen_that_covers_more_than_the_stamp_is_still_told_apart(
    font: Callable[[int], ImageFont.FreeTypeFont],
) -> None:
    # An unevenly inked pad (its second line lighter), and a navy pen that is most of the
    # hue's pixels: the darkest few percent of the ink were the pen's alone, no test.
    def stamped() -> Image.Image:
        page = _page(font, stamp=("KIEROWNIK REFERATU",), stamp_ink=(60, 95, 190), signature=False)
        draw = ImageDraw.Draw(page)
        draw.text((800, 1362), "Tomasz Wiśniewski", font=font(40), fill=(120, 150, 215))
        return page

    box = (750, 1280, 1520, 1450)
    crop = _scribbled(stamped(), (25, 40, 130)).crop(box)
    rgb = np.asarray(crop, dtype=np.int16)
    pen = (np.abs(rgb - np.array([25, 40, 130])).sum(axis=2) < 30) & (rgb[:, :, 0] < 40)
    assert pen.sum() > 0.5 * (ink.ink_labels(crop) > 0).sum()
    without = np.asarray(ink.strength_without_pen(crop, Ink.BLUE)) < 128
    near_pen = Image.fromarray(pen.astype(np.uint8) * 255).filter(ImageFilter.MaxFilter(5))
    letters = (ink.ink_labels(stamped().crop(box)) > 0) & ~(np.asarray(near_pen) > 0)
    assert (without & pen).sum() < 0.3 * pen.sum()  # the pen is gone
    assert (without & letters).sum() > 0.6 * letters.sum()  # and the stamp beside it stays


def test_a_grey_pad_under_a_black_pen_is_mended_even_when_the_pen_is_most_ink(
    font: Callable[[int], ImageFont.FreeTypeFont],
) -> None:
    box = (750, 1280, 1520, 1450)
    page = _page(font, stamp_ink=(150, 150, 150), signature=False).convert("L")
    crop = _scribbled(page.copy(), 60).crop(box)
    grey = np.asarray(crop)
    pen = grey < 100
    assert pen.sum() > ((grey >= 100) & (grey < 200)).sum()  # more pen than pad
    mended = ink.mended_grey(crop)
    assert mended is not None
    dark = np.asarray(mended) < 128
    near_pen = Image.fromarray(pen.astype(np.uint8) * 255).filter(ImageFilter.MaxFilter(5))
    letters = (np.asarray(page.crop(box)) < 200) & ~(np.asarray(near_pen) > 0)
    assert (dark & pen).sum() < 0.3 * pen.sum()  # the pen is gone
    assert (dark & letters).sum() > 0.6 * letters.sum()  # the pad's letters beside it stay
    # One ink alone (a black stamp's letters and their grey rims) is not two.
    plain = _page(font, stamp_ink=(40, 40, 40), signature=False).convert("L")
    assert ink.mended_grey(plain.crop((750, 1280, 1520, 1450))) is None


def test_faint_stamp_ink_reads_in_strength_not_in_isolation(
    font: Callable[[int], ImageFont.FreeTypeFont],
) -> None:
    faint = (240, 200, 210)  # a worn pink impression: under the colour threshold
    page = _page(font, stamp_ink=faint, signature=False)
    assert (np.asarray(ink.isolate(page, Ink.RED)) < 128).sum() == 0
    assert (np.asarray(ink.strength(page, Ink.RED)) < 128).sum() > 1000


@pytest.mark.tesseract
@pytest.mark.parametrize("stamp_ink", [STAMP_RED, STAMP_VIOLET])
def test_name_stamp_is_read_apart_from_the_text(
    font: Callable[[int], ImageFont.FreeTypeFont], stamp_ink: tuple[int, int, int]
) -> None:
    page = _read(_page(font, stamp_ink=stamp_ink))
    assert len(page.stamps) == 1
    stamp = page.stamps[0]
    assert stamp.ink is (Ink.RED if stamp_ink == STAMP_RED else Ink.VIOLET)
    assert "KIEROWNIK REFERATU" in stamp.text
    assert "Wiśniewski" in stamp.text
    assert "KIEROWNIK" not in page.text  # not mixed into the letter's reading order
    assert "archiwum" in page.text
    assert stamp.bbox.top >= 1280 and stamp.bbox.left >= 780


@pytest.mark.tesseract
def test_print_under_a_coloured_stamp_stays_in_the_text(
    font: Callable[[int], ImageFont.FreeTypeFont],
) -> None:
    image = _page(font, signature=False)
    # The signatory's name printed in black where the stamp is then pressed over it.
    ImageDraw.Draw(image).text((820, 1340), "Marianna Dobrowolska", font=font(42), fill=(0, 0, 0))
    page = _read(image)
    assert page.stamps and "KIEROWNIK" in page.stamps[0].text
    assert "Dobrowolska" in page.text
    assert "KIEROWNIK" not in page.text


@pytest.mark.tesseract
def test_a_signature_alone_is_no_stamp_but_a_mark(
    font: Callable[[int], ImageFont.FreeTypeFont],
) -> None:
    page = _read(_page(font, stamp_ink=None))
    assert page.stamps == ()
    assert [mark.ink for mark in page.marks] == [Ink.BLUE]
    assert page.marks[0].bbox.top < 1330 < page.marks[0].bbox.bottom
    assert OcrPage.from_dict(page.to_dict()).marks == page.marks


@pytest.mark.tesseract
def test_a_grey_name_stamp_below_the_text_is_read(
    font: Callable[[int], ImageFont.FreeTypeFont],
) -> None:
    grey = _page(font, stamp_ink=(90, 90, 90), signature=False).convert("L")
    page = _read(grey)
    texts = [stamp.text for stamp in page.stamps] + [page.text]
    assert any("KIEROWNIK REFERATU" in text for text in texts)


def test_stamps_survive_the_json_edge() -> None:
    from ocr.types import BBox, OcrLine, OcrWord, Stamp

    line = OcrLine.from_words([OcrWord("DYREKTOR", BBox(10, 10, 200, 50), 0.8)], block=0)
    page = OcrPage(1, 1000, 1400, 300, stamps=(Stamp(BBox(10, 10, 200, 50), Ink.RED, (line,)),))
    page = dataclasses.replace(
        page, stamps=(dataclasses.replace(page.stamps[0], alternatives=((line,), ())),)
    )
    data = page.to_dict()
    assert data["stamps"][0]["kind"] == "stamp"
    assert data["stamps"][0]["ink"] == "red"
    assert data["stamps"][0]["text"] == "DYREKTOR"
    assert OcrPage.from_dict(data) == page


@pytest.mark.tesseract
def test_the_signature_across_a_stamp_is_its_crossing_ink(
    font: Callable[[int], ImageFont.FreeTypeFont],
) -> None:
    (stamp,) = _read(_page(font)).stamps
    assert stamp.crossed_by is Ink.BLUE
    (unsigned,) = _read(_page(font, signature=False)).stamps
    assert unsigned.crossed_by is None
