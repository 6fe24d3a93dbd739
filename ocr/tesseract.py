"""Tesseract behind one door: the only module that imports pytesseract.

Every call runs the ``tesseract`` CLI in a subprocess with ``OMP_THREAD_LIMIT=1``: on the
2-core machines we measured, Tesseract's own OpenMP threads make a page about 5x slower,
and pismo parallelises across processes instead. Known harmless failures become an empty
result plus a warning; a missing binary or language becomes :class:`MissingDependencyError`;
everything else becomes :class:`OcrEngineError` ``from`` the original exception.
"""

from __future__ import annotations

import functools
import logging
import os
import tempfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytesseract

from ocr.errors import (
    TIMEOUT_PHRASE,
    MissingDependencyError,
    OcrEngineError,
    OcrTimeoutError,
)
from ocr.types import BBox, OcrLine, OcrWord, Orientation, Recognition

if TYPE_CHECKING:
    from PIL import Image

log = logging.getLogger(__name__)

DEFAULT_LANG = "pol"
DEFAULT_PSM = 3  # fully automatic page segmentation: letters have side-by-side blocks
BLOCK_PSM = 6  # one uniform block: a stamp's few lines, read apart from the page
DEFAULT_TIMEOUT_S = 180.0  # per page, as OCRmyPDF's --tesseract-timeout
OSD_TIMEOUT_S = 60.0
WORD_LEVEL = 5  # TSV level of word rows; conf -1 rows are layout rows, not words
INSTALL_HINT = "apt-get install tesseract-ocr tesseract-ocr-pol tesseract-ocr-osd"
NOT_INSTALLED = f"Tesseract is not installed or not on PATH: {INSTALL_HINT}"
# Messages Tesseract prints for inputs it cannot read but that are not our bug.
HARMLESS_FAILURES = ("Empty page", "Image too large", "Image too small")


@dataclass(frozen=True, slots=True)
class TesseractEngine:
    """The :class:`~ocr.engine.OcrEngine` pismo uses: Tesseract with fixed language and mode."""

    lang: str = DEFAULT_LANG
    psm: int = DEFAULT_PSM
    timeout: float = DEFAULT_TIMEOUT_S

    @property
    def name(self) -> str:
        """Engine name and version for the output, e.g. ``tesseract 5.3.0``."""
        return version()

    def check(self, *, orientation: bool = True) -> None:
        """Fail before the batch starts if the binary or the language data is missing.

        Args:
            orientation: Also require the ``osd`` data that orientation detection needs.
        """
        check_languages(f"{self.lang}+osd" if orientation else self.lang)

    def recognize(self, image: Image.Image, *, dpi: int, block: bool = False) -> Recognition:
        """Read a page image (see :func:`recognize`); ``block``: one block of text (a stamp)."""
        psm = BLOCK_PSM if block else self.psm
        return recognize(image, dpi=dpi, lang=self.lang, psm=psm, timeout=self.timeout)

    def detect_orientation(self, image: Image.Image, *, dpi: int) -> Orientation | None:
        """Detect the page orientation (see :func:`detect_orientation`)."""
        return detect_orientation(image, dpi=dpi, timeout=min(OSD_TIMEOUT_S, self.timeout))


def _single_threaded() -> None:
    # pytesseract inherits os.environ for its subprocess; it has no env parameter.
    os.environ["OMP_THREAD_LIMIT"] = "1"


@functools.cache
def version() -> str:
    """Return ``"tesseract X.Y.Z"``.

    Raises:
        MissingDependencyError: If the tesseract binary is not installed.
    """
    try:
        return f"tesseract {pytesseract.get_tesseract_version()}"
    except pytesseract.TesseractNotFoundError as e:
        raise MissingDependencyError(NOT_INSTALLED) from e


@functools.cache
def languages() -> frozenset[str]:
    """Return the language data Tesseract has installed."""
    version()  # a missing binary gives the clearer error
    return frozenset(pytesseract.get_languages(config=""))


def check_languages(lang: str) -> None:
    """Fail early, before any page is read, when ``lang`` (e.g. ``pol+eng``) is not installed.

    Raises:
        MissingDependencyError: Naming the Debian package that provides the missing data.
    """
    missing = [code for code in lang.split("+") if code not in languages()]
    if missing:
        packages = " ".join(f"tesseract-ocr-{code}" for code in missing)
        raise MissingDependencyError(
            f"Tesseract has no language data for {', '.join(missing)}: "
            f"apt-get install {packages} (installed: {', '.join(sorted(languages()))})"
        )


def recognize(
    image: Image.Image,
    *,
    dpi: int,
    lang: str = DEFAULT_LANG,
    psm: int = DEFAULT_PSM,
    timeout: float = DEFAULT_TIMEOUT_S,
) -> Recognition:
    """Read one page image into lines of words with boxes and confidences.

    One Tesseract run per page (TSV output); words are grouped into lines by Tesseract's own
    block/paragraph/line numbers.

    Args:
        image: The prepared page (mode "L" or "1").
        dpi: The page resolution, passed on so Tesseract does not guess it.
        lang: Tesseract language(s), e.g. ``pol`` or ``pol+eng``.
        psm: Page segmentation mode.
        timeout: Seconds before the page is abandoned.

    Returns:
        The recognised lines; an empty result with a warning for an image Tesseract
        rejects as empty or too large.

    Raises:
        OcrTimeoutError: If Tesseract ran longer than ``timeout``.
        MissingDependencyError: If the binary or the language data is missing.
        OcrEngineError: For any other Tesseract failure.
    """
    config = f"--psm {psm} --dpi {dpi}"
    try:
        data = _run(
            pytesseract.image_to_data,
            image,
            lang=lang,
            config=config,
            timeout=timeout,
            output_type=pytesseract.Output.DICT,
        )
    except _Harmless as e:
        return Recognition((), (str(e),))
    return Recognition(tuple(lines_from_tsv(data)))


def detect_orientation(
    image: Image.Image, *, dpi: int, timeout: float = OSD_TIMEOUT_S
) -> Orientation | None:
    """Ask Tesseract OSD which clockwise rotation makes the page upright.

    Returns:
        The orientation, or None when OSD cannot decide (too little text on the page).

    Raises:
        OcrTimeoutError: If OSD ran longer than ``timeout``.
        MissingDependencyError: If the ``osd`` data is missing.
    """
    try:
        data = _run(
            pytesseract.image_to_osd,
            image,
            lang="osd",
            config=f"--psm 0 --dpi {dpi}",
            timeout=timeout,
            output_type=pytesseract.Output.DICT,
        )
    except _Harmless:
        return None
    except OcrTimeoutError:
        raise
    except OcrEngineError as e:
        # "Too few characters" and friends: OSD declines, which is an answer, not a failure.
        log.debug("OSD declined: %s", e)
        return None
    return Orientation(int(data["rotate"]), float(data["orientation_conf"]))


def lines_from_tsv(data: Mapping[str, Sequence[Any]]) -> Iterator[OcrLine]:
    """Group Tesseract's word rows (TSV as a dict of columns) into lines.

    Rows of another level, with ``conf`` -1 or with blank text are layout rows, not words.
    """
    current_key: tuple[int, int, int] | None = None
    words: list[OcrWord] = []
    for i, level in enumerate(data["level"]):
        text = str(data["text"][i]).strip()
        conf = float(data["conf"][i])
        if int(level) != WORD_LEVEL or conf < 0 or not text:
            continue
        key = (int(data["block_num"][i]), int(data["par_num"][i]), int(data["line_num"][i]))
        if key != current_key and words:
            yield _line(words, current_key)
            words = []
        current_key = key
        left, top = int(data["left"][i]), int(data["top"][i])
        box = BBox(left, top, left + int(data["width"][i]), top + int(data["height"][i]))
        words.append(OcrWord(text, box, min(conf, 100.0) / 100.0))
    if words:
        yield _line(words, current_key)


def _line(words: list[OcrWord], key: tuple[int, int, int] | None) -> OcrLine:
    block, paragraph, _ = key or (0, 0, 0)
    return OcrLine.from_words(words, block=block, paragraph=paragraph)


class _Harmless(Exception):
    """A Tesseract failure that means "nothing to read here"."""


def _run(
    function: Callable[..., Any], image: Image.Image, *, lang: str, timeout: float, **kwargs: Any
) -> Any:
    """Run a pytesseract function on ``image`` and translate its errors."""
    _single_threaded()
    with tempfile.TemporaryDirectory(prefix="pismo-tess-") as tmp:
        # An uncompressed BMP is written in milliseconds (pytesseract's PNG takes ~50 ms) and
        # Leptonica reads it as fast as PNG; PGM, equally quick to write, reads ~0.13 s slower.
        path = Path(tmp) / "page.bmp"
        (image if image.mode in ("1", "L") else image.convert("L")).save(path)
        try:
            return function(str(path), lang=lang, timeout=timeout, **kwargs)
        except pytesseract.TesseractNotFoundError as e:
            raise MissingDependencyError(NOT_INSTALLED) from e
        except pytesseract.TesseractError as e:  # a RuntimeError subclass: catch it first
            raise _translate(e, lang) from e
        except RuntimeError as e:  # pytesseract's timeout is a bare RuntimeError
            if "timeout" in str(e).lower():
                raise OcrTimeoutError(f"Tesseract {TIMEOUT_PHRASE} {timeout:g} s") from e
            raise OcrEngineError(f"Tesseract failed: {e}") from e


def _translate(error: pytesseract.TesseractError, lang: str) -> Exception:
    message = str(error.message).strip()
    if any(known in message for known in HARMLESS_FAILURES):
        line = next(ln for ln in message.splitlines() if any(k in ln for k in HARMLESS_FAILURES))
        return _Harmless(f"Tesseract: {line.strip()}; page left empty")
    if "Failed loading language" in message or "Error opening data file" in message:
        return MissingDependencyError(
            f"Tesseract cannot load language data '{lang}': apt-get install "
            + " ".join(f"tesseract-ocr-{code}" for code in lang.split("+"))
        )
    return OcrEngineError(f"Tesseract failed (status {error.status}): {message[-300:]}")
