from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytesseract
import pytest
from PIL import Image, ImageDraw

from ocr import preprocess, tesseract
from ocr.engine import Orientation, Recognition
from ocr.errors import MissingDependencyError, OcrEngineError, OcrTimeoutError
from ocr.types import BBox

COLUMNS = (
    "level",
    "page_num",
    "block_num",
    "par_num",
    "line_num",
    "word_num",
    "left",
    "top",
    "width",
    "height",
    "conf",
    "text",
)
# Tesseract TSV as pytesseract's Output.DICT: layout rows (levels 1-4, conf -1) around words.
TSV_ROWS = [
    (1, 1, 0, 0, 0, 0, 0, 0, 1750, 2480, -1, ""),
    (2, 1, 1, 0, 0, 0, 100, 90, 600, 40, -1, ""),
    (3, 1, 1, 1, 0, 0, 100, 90, 600, 40, -1, ""),
    (4, 1, 1, 1, 1, 0, 100, 90, 600, 40, -1, ""),
    (5, 1, 1, 1, 1, 1, 100, 90, 200, 40, 93.5, "Pułtusk,"),
    (5, 1, 1, 1, 1, 2, 320, 92, 380, 38, "87", "31.10.2025r."),
    (5, 1, 1, 1, 1, 3, 710, 92, 10, 38, 95, "   "),  # blank word row
    (2, 1, 2, 0, 0, 0, 100, 200, 900, 120, -1, ""),
    (5, 1, 2, 1, 1, 1, 100, 200, 120, 40, 96, "Znak"),
    (5, 1, 2, 1, 1, 2, 230, 200, 200, 40, 100.7, "sprawy:"),
    (5, 1, 2, 1, 2, 1, 100, 250, 300, 40, 91, "ORG.1431.58.2024"),
    (5, 1, 2, 1, 2, 2, 420, 250, 50, 40, -1, "ghost"),  # conf -1: not a word
    (4, 1, 2, 2, 1, 0, 100, 300, 400, 40, -1, "layout"),  # not level 5
    (5, 1, 2, 2, 1, 1, 100, 300, 150, 40, 64, "Szanowna"),
]


def _tsv(rows: list[tuple[Any, ...]]) -> dict[str, list[Any]]:
    return {name: [row[i] for row in rows] for i, name in enumerate(COLUMNS)}


def test_lines_from_tsv_groups_words_by_block_paragraph_line() -> None:
    lines = list(tesseract.lines_from_tsv(_tsv(TSV_ROWS)))
    assert [line.text for line in lines] == [
        "Pułtusk, 31.10.2025r.",
        "Znak sprawy:",
        "ORG.1431.58.2024",
        "Szanowna",
    ]
    assert [(line.block, line.paragraph) for line in lines] == [(1, 1), (2, 1), (2, 1), (2, 2)]


def test_lines_from_tsv_scales_confidence_to_unit_range() -> None:
    lines = list(tesseract.lines_from_tsv(_tsv(TSV_ROWS)))
    confidences = [word.confidence for line in lines for word in line.words]
    assert confidences == pytest.approx([0.935, 0.87, 0.96, 1.0, 0.91, 0.64])


def test_lines_from_tsv_boxes_from_left_top_width_height() -> None:
    first = next(tesseract.lines_from_tsv(_tsv(TSV_ROWS)))
    assert [w.bbox for w in first.words] == [BBox(100, 90, 300, 130), BBox(320, 92, 700, 130)]
    assert first.bbox == BBox(100, 90, 700, 130)


@pytest.mark.parametrize(
    "rows",
    [[], [row for row in TSV_ROWS if row[0] != 5], [(5, 1, 1, 1, 1, 1, 0, 0, 9, 9, -1, "x")]],
    ids=["no-rows", "layout-only", "only-conf-minus-one"],
)
def test_lines_from_tsv_without_words_is_empty(rows: list[tuple[Any, ...]]) -> None:
    assert list(tesseract.lines_from_tsv(_tsv(rows))) == []


# --- error translation, with pytesseract patched -------------------------------------------

IMAGE = Image.new("L", (64, 64), 255)


def _raiser(error: BaseException):
    def fake(*args: Any, **kwargs: Any) -> Any:
        raise error

    return fake


@pytest.fixture
def clear_tesseract_caches() -> Iterator[None]:
    tesseract.version.cache_clear()
    tesseract.languages.cache_clear()
    yield
    tesseract.version.cache_clear()
    tesseract.languages.cache_clear()


def test_recognize_runs_single_threaded_on_a_grayscale_file(monkeypatch) -> None:
    monkeypatch.setenv("OMP_THREAD_LIMIT", "4")
    seen: dict[str, Any] = {}

    def fake_image_to_data(path: str, **kwargs: Any) -> dict[str, list[Any]]:
        seen["omp"] = os.environ.get("OMP_THREAD_LIMIT")
        with Image.open(path) as written:
            seen["mode"] = written.mode
        seen.update(kwargs)
        return _tsv(TSV_ROWS)

    monkeypatch.setattr(pytesseract, "image_to_data", fake_image_to_data)
    result = tesseract.recognize(IMAGE.convert("RGB"), dpi=300, lang="pol+eng", psm=4)
    assert seen["omp"] == "1"
    assert seen["mode"] == "L"
    assert seen["lang"] == "pol+eng"
    assert "--psm 4" in seen["config"] and "--dpi 300" in seen["config"]
    assert seen["timeout"] == tesseract.DEFAULT_TIMEOUT_S
    assert [line.text for line in result.lines][0] == "Pułtusk, 31.10.2025r."
    assert result.warnings == ()


def test_recognize_writes_uncompressed_bmp_keeping_bilevel_mode(monkeypatch) -> None:
    seen: dict[str, str] = {}

    def fake_image_to_data(path: str, **kwargs: Any) -> dict[str, list[Any]]:
        seen["suffix"] = Path(path).suffix
        with Image.open(path) as written:
            seen["mode"] = written.mode
        return _tsv([])

    monkeypatch.setattr(pytesseract, "image_to_data", fake_image_to_data)
    tesseract.recognize(IMAGE.convert("1"), dpi=300)
    assert seen == {"suffix": ".bmp", "mode": "1"}


@pytest.mark.parametrize(
    ("error", "expected", "needle"),
    [
        pytest.param(
            pytesseract.TesseractNotFoundError(),
            MissingDependencyError,
            "apt-get install tesseract-ocr",
            id="binary-missing",
        ),
        pytest.param(
            RuntimeError("Tesseract process timeout"),
            OcrTimeoutError,
            "longer than",
            id="timeout",
        ),
        pytest.param(
            pytesseract.TesseractError(
                1, "Failed loading language 'pol'\nTesseract couldn't load any languages!"
            ),
            MissingDependencyError,
            "tesseract-ocr-pol",
            id="language-missing",
        ),
        pytest.param(
            pytesseract.TesseractError(
                1, "Error opening data file /usr/share/tesseract-ocr/5/tessdata/pol.traineddata"
            ),
            MissingDependencyError,
            "tesseract-ocr-pol",
            id="data-file-missing",
        ),
        pytest.param(
            pytesseract.TesseractError(-11, "Segmentation fault"),
            OcrEngineError,
            "Segmentation fault",
            id="other-tesseract-error",
        ),
        pytest.param(
            RuntimeError("pipe broke"), OcrEngineError, "pipe broke", id="other-runtime-error"
        ),
    ],
)
def test_recognize_translates_errors(
    monkeypatch, error: Exception, expected: type[Exception], needle: str
) -> None:
    monkeypatch.setattr(pytesseract, "image_to_data", _raiser(error))
    with pytest.raises(expected, match=needle) as caught:
        tesseract.recognize(IMAGE, dpi=300)
    assert caught.value.__cause__ is error


def test_recognize_timeout_is_an_engine_error(monkeypatch) -> None:
    monkeypatch.setattr(
        pytesseract, "image_to_data", _raiser(RuntimeError("Tesseract process timeout"))
    )
    with pytest.raises(OcrEngineError):  # callers catching the base class still see it
        tesseract.recognize(IMAGE, dpi=300, timeout=2.5)


@pytest.mark.parametrize(
    ("message", "needle"),
    [
        ("Empty page!!", "Empty page"),
        ("Image too large: (40000, 40000)", "Image too large"),
        ("Image too small to scale!!", "Image too small"),
    ],
)
def test_recognize_harmless_failure_gives_empty_result_with_warning(
    monkeypatch, message: str, needle: str
) -> None:
    error = pytesseract.TesseractError(1, message)
    monkeypatch.setattr(pytesseract, "image_to_data", _raiser(error))
    result = tesseract.recognize(IMAGE, dpi=300)
    assert result.lines == ()
    assert len(result.warnings) == 1
    assert needle in result.warnings[0]


def test_detect_orientation_reads_osd_dict(monkeypatch) -> None:
    seen: dict[str, Any] = {}

    def fake_osd(path: str, **kwargs: Any) -> dict[str, Any]:
        seen.update(kwargs)
        return {"rotate": 180, "orientation_conf": 14.5, "script": "Latin"}

    monkeypatch.setattr(pytesseract, "image_to_osd", fake_osd)
    assert tesseract.detect_orientation(IMAGE, dpi=150) == Orientation(180, 14.5)
    assert seen["lang"] == "osd"
    assert "--psm 0" in seen["config"] and "--dpi 150" in seen["config"]


@pytest.mark.parametrize(
    "error",
    [
        pytesseract.TesseractError(1, "Too few characters. Skipping this page"),
        pytesseract.TesseractError(1, "Empty page!!"),
    ],
    ids=["too-few-characters", "empty-page"],
)
def test_detect_orientation_undecided_is_none(monkeypatch, error: Exception) -> None:
    monkeypatch.setattr(pytesseract, "image_to_osd", _raiser(error))
    assert tesseract.detect_orientation(IMAGE, dpi=300) is None


def test_detect_orientation_timeout_raises(monkeypatch) -> None:
    monkeypatch.setattr(
        pytesseract, "image_to_osd", _raiser(RuntimeError("Tesseract process timeout"))
    )
    with pytest.raises(OcrTimeoutError):
        tesseract.detect_orientation(IMAGE, dpi=300)


def test_detect_orientation_missing_osd_data_raises(monkeypatch) -> None:
    error = pytesseract.TesseractError(1, "Failed loading language 'osd'")
    monkeypatch.setattr(pytesseract, "image_to_osd", _raiser(error))
    with pytest.raises(MissingDependencyError, match="tesseract-ocr-osd"):
        tesseract.detect_orientation(IMAGE, dpi=300)


def test_version_without_binary_says_what_to_install(
    monkeypatch, clear_tesseract_caches: None
) -> None:
    monkeypatch.setattr(
        pytesseract, "get_tesseract_version", _raiser(pytesseract.TesseractNotFoundError())
    )
    with pytest.raises(MissingDependencyError, match="apt-get install tesseract-ocr"):
        tesseract.version()


@pytest.mark.parametrize(
    ("lang", "packages"),
    [("xyz", "tesseract-ocr-xyz"), ("pol+xyz+deu", "tesseract-ocr-xyz tesseract-ocr-deu")],
)
def test_check_languages_names_missing_package(monkeypatch, lang: str, packages: str) -> None:
    monkeypatch.setattr(tesseract, "languages", lambda: frozenset({"pol", "osd", "eng"}))
    with pytest.raises(MissingDependencyError) as caught:
        tesseract.check_languages(lang)
    assert f"apt-get install {packages}" in str(caught.value)
    assert "installed: eng, osd, pol" in str(caught.value)


@pytest.mark.parametrize("lang", ["pol", "pol+eng"])
def test_check_languages_accepts_installed(monkeypatch, lang: str) -> None:
    monkeypatch.setattr(tesseract, "languages", lambda: frozenset({"pol", "osd", "eng"}))
    tesseract.check_languages(lang)


def test_tesseract_engine_passes_its_settings(monkeypatch) -> None:
    seen: dict[str, Any] = {}

    def fake_recognize(image: Image.Image, **kwargs: Any) -> Recognition:
        seen.update(kwargs)
        return Recognition(())

    monkeypatch.setattr(tesseract, "recognize", fake_recognize)
    tesseract.TesseractEngine(lang="pol+eng", psm=6, timeout=30).recognize(IMAGE, dpi=200)
    assert seen == {"dpi": 200, "lang": "pol+eng", "psm": 6, "timeout": 30}


# --- the real binary -----------------------------------------------------------------------

POLISH_LINE = "Zażółć gęślą jaźń, Łódź i Świętokrzyskie źródła"


@pytest.mark.tesseract
def test_recognize_reads_polish_diacritics(font) -> None:
    image = Image.new("L", (1800, 120), 255)
    ImageDraw.Draw(image).text((30, 30), POLISH_LINE, font=font(42), fill=0)
    result = tesseract.recognize(image, dpi=300)
    words = [word for line in result.lines for word in line.words]
    assert " ".join(w.text for w in words) == POLISH_LINE
    assert min(w.confidence for w in words) >= 0.9


@pytest.mark.tesseract
def test_recognize_blank_page_is_empty() -> None:
    result = tesseract.recognize(Image.new("L", (600, 800), 255), dpi=300)
    assert result.lines == ()


@pytest.mark.tesseract
@pytest.mark.parametrize("rotate", [90, 180, 270])
def test_detect_orientation_of_turned_page(letter_image: Image.Image, rotate: int) -> None:
    scan = preprocess.rotate(letter_image, (360 - rotate) % 360)
    found = tesseract.detect_orientation(scan, dpi=150)
    assert found is not None
    assert found.rotate == rotate
    assert found.confidence > 2.0


@pytest.mark.tesseract
def test_check_languages_with_real_binary(clear_tesseract_caches: None) -> None:
    tesseract.check_languages("pol+osd")
    with pytest.raises(MissingDependencyError, match="tesseract-ocr-xyz"):
        tesseract.check_languages("pol+xyz")
    assert tesseract.TesseractEngine().name.startswith("tesseract 5")


@pytest.mark.tesseract
def test_recognize_with_missing_language_names_package() -> None:
    with pytest.raises(MissingDependencyError, match="tesseract-ocr-xyz"):
        tesseract.recognize(IMAGE, dpi=300, lang="xyz")


def test_engine_check_requires_osd_data_unless_orientation_is_off(monkeypatch) -> None:
    monkeypatch.setattr(tesseract, "languages", lambda: frozenset({"pol", "eng"}))
    engine = tesseract.TesseractEngine()
    with pytest.raises(MissingDependencyError, match="tesseract-ocr-osd"):
        engine.check()
    engine.check(orientation=False)
