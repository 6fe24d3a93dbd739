"""Open scans and PDFs as a stream of page images: the only module that imports pdf2image.

Formats are recognised by their content, not their extension. Pages are produced one at a
time, so a 300-page PDF never holds more than one page raster in memory. Resolution comes
from the file when it is credible and is otherwise estimated from the page size, assuming
an A4/Letter sheet (the only thing an office letter is printed on).
"""

from __future__ import annotations

import logging
import shutil
import warnings
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

import numpy as np
import pdf2image
import pdf2image.exceptions
from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

from ocr import pdfimages
from ocr.errors import InputFileError, MissingDependencyError
from ocr.types import PageImage

log = logging.getLogger(__name__)

RENDER_DPI = 300  # PDF pages are rasterised at this resolution
A4_LONG_SIDE_IN = 11.69
MIN_CREDIBLE_DPI = 50
MAX_CREDIBLE_DPI = 1200
# An office letter is A4 or smaller (A5 notes, Letter); a claimed dpi giving a page more
# than this many inches on its long side (e.g. 72 dpi written by software that did not
# know) is not believed.
MAX_PAGE_LONG_SIDE_IN = 17.0
MIN_PAGE_LONG_SIDE_IN = 5.0
DEFAULT_MAX_PAGES = 2000
DEFAULT_MAX_PIXELS = Image.MAX_IMAGE_PIXELS or 89_478_485  # Pillow's decompression-bomb guard
PDF_TIMEOUT_S = 120
POPPLER_HINT = "apt-get install poppler-utils"
_EXIF_ORIENTATION = 0x0112
_QUARTER_TURNS = frozenset({5, 6, 7, 8})  # EXIF orientations that swap width and height
# What Pillow raises on damaged image data, depending on format and where it breaks.
_DECODE_ERRORS = (OSError, ValueError, TypeError, SyntaxError, EOFError)
_PIL_FORMATS = {
    "TIFF": "tiff",
    "JPEG": "jpeg",
    "PNG": "png",
    "GIF": "gif",
    "BMP": "bmp",
    "WEBP": "webp",
    "MPO": "jpeg",
}


class InputFormat(StrEnum):
    """Input formats pismo reads."""

    PDF = "pdf"
    TIFF = "tiff"
    JPEG = "jpeg"
    PNG = "png"
    GIF = "gif"
    BMP = "bmp"
    WEBP = "webp"


@dataclass(frozen=True, slots=True)
class LoadOptions:
    """Limits and resolution choices of the loader."""

    render_dpi: int = RENDER_DPI
    max_pages: int = DEFAULT_MAX_PAGES
    max_pixels: int = DEFAULT_MAX_PIXELS
    # Read a scanned PDF page's own JPEG instead of rasterising the page (ocr/pdfimages.py).
    embedded_scans: bool = True


@dataclass(frozen=True, slots=True)
class InputDocument:
    """An opened input: its format and page count; :func:`iter_pages` yields its pages."""

    path: Path
    format: InputFormat
    page_count: int
    # PDF pages whose only image is a whole-page JPEG scan (read, not rendered).
    scans: Mapping[int, pdfimages.ScanImage] = field(default_factory=dict)
    # Each PDF page's size in points (pdfinfo), for the pixel guard and the page's scale.
    page_sizes: Mapping[int, tuple[float, float]] = field(default_factory=dict)

    def page_scale(self, number: int) -> float:
        """How much smaller than its nominal size a PDF page is read: 1.0 for a letter's.

        A page more than 17 inches long is no letter: its size is a scan's pixels taken as
        points by software that assumed 72 dpi (Pillow, img2pdf without --dpi, phone
        apps). It is read at an A4 page's size, its resolution estimated.
        """
        size = self.page_sizes.get(number)
        if size is None or max(size) / 72.0 <= MAX_PAGE_LONG_SIDE_IN:
            return 1.0
        return A4_LONG_SIDE_IN / (max(size) / 72.0)


def check_poppler() -> None:
    """Fail before a batch when poppler's tools (PDF pages and text layers) are missing.

    Raises:
        MissingDependencyError: Naming the package to install.
    """
    missing = [tool for tool in ("pdfinfo", "pdftoppm", "pdftotext") if shutil.which(tool) is None]
    if missing:
        raise MissingDependencyError(
            f"poppler's {', '.join(missing)} not installed: {POPPLER_HINT}"
        )


def open_document(path: Path, options: LoadOptions = LoadOptions()) -> InputDocument:
    """Identify ``path`` by its content and count its pages, without decoding them.

    Raises:
        InputFileError: If the file is empty, unreadable, not a supported format, encrypted,
            or over a configured limit; the message says what to do.
        MissingDependencyError: If poppler is needed and not installed.
    """
    head = _read_head(path)
    if head.startswith(b"%PDF") or b"%PDF-" in head[:1024]:
        return _open_pdf(path, options)
    fmt, count = _image_format_and_frames(path, options)
    _check_page_count(path, count, options)
    return InputDocument(path, fmt, count)


def _check_page_count(path: Path, count: int, options: LoadOptions) -> None:
    if count < 1:
        raise InputFileError(f"{path}: the file has no pages")
    if count > options.max_pages:
        raise InputFileError(
            f"{path}: {count} pages is over the limit of {options.max_pages}; "
            "split the file or raise --max-pages"
        )


def _open_pdf(path: Path, options: LoadOptions) -> InputDocument:
    """A PDF's pages, its scanned pages, and the scale its pages are rendered at.

    The pixel guard judges what will be decoded: a scanned page's own image (checked as
    the page is read), else the page rendered at its (scaled) resolution.
    """
    count = _pdf_page_count(path, options)
    _check_page_count(path, count, options)
    pages = pdfimages.page_sizes(path, count)
    scans = pdfimages.scanned_pages(path, pages) if options.embedded_scans else {}
    document = InputDocument(path, InputFormat.PDF, count, scans, pages.sizes)
    if 1 not in scans:
        _check_render_size(document, 1, options)  # refused at once, not when its turn comes
    return document


def iter_pages(
    document: InputDocument,
    options: LoadOptions = LoadOptions(),
    pages: range | None = None,
) -> Iterator[PageImage]:
    """Yield the document's pages one at a time, upright per EXIF, with their resolution.

    Args:
        document: An opened input.
        options: Loading limits and the PDF rendering resolution.
        pages: The page numbers to read (1-based; default: all), so that workers can
            share the pages of a long document.

    Raises:
        InputFileError: If a page cannot be decoded.
    """
    wanted = pages if pages is not None else range(1, document.page_count + 1)
    if document.format is InputFormat.PDF:
        for number in wanted:
            scan = _embedded_page(document, number, options)
            yield scan if scan is not None else _render_pdf_page(document, number, options)
        return
    with _open_image(document.path, options) as image:
        frames = iter(
            ImageSequence.Iterator(image) if document.format is InputFormat.TIFF else [image]
        )
        for number in range(1, wanted.stop if wanted else 1):
            try:
                frame = next(frames)
            except StopIteration:
                return
            except _DECODE_ERRORS as e:
                raise InputFileError(
                    f"{document.path}: page {number} cannot be decoded (damaged or truncated?): {e}"
                ) from e
            if number in wanted:
                yield _page_from_frame(document.path, frame, number, options)


def _read_head(path: Path) -> bytes:
    try:
        with path.open("rb") as stream:
            head = stream.read(2048)
    except IsADirectoryError:
        raise InputFileError(f"{path}: is a directory, not a file") from None
    except OSError as e:
        raise InputFileError(
            f"{path}: cannot read the file ({e.strerror}); check it exists and is readable"
        ) from e
    if not head:
        raise InputFileError(f"{path}: the file is empty (0 bytes); re-scan or re-copy it")
    return head


def _pdf_page_count(path: Path, options: LoadOptions) -> int:
    """The PDF's page count (and its errors: encrypted, damaged)."""
    try:
        info = pdf2image.pdfinfo_from_path(str(path), timeout=PDF_TIMEOUT_S)
    except pdf2image.exceptions.PDFInfoNotInstalledError as e:
        raise MissingDependencyError(f"poppler's pdfinfo is not installed: {POPPLER_HINT}") from e
    except (pdf2image.exceptions.PDFPageCountError, pdf2image.exceptions.PDFSyntaxError) as e:
        message = str(e)
        if "Incorrect password" in message or "encrypted" in message.lower():
            raise InputFileError(
                f"{path}: the PDF is password-protected; decrypt it first "
                "(e.g. qpdf --decrypt --password=... in.pdf out.pdf)"
            ) from e
        raise InputFileError(
            f"{path}: not a readable PDF (damaged or truncated?): {_last_line(message)}"
        ) from e
    except Exception as e:  # noqa: BLE001 - pdf2image raises bare exceptions on timeouts
        raise InputFileError(f"{path}: could not read the PDF: {e}") from e
    return int(info.get("Pages", 0))


def _check_render_size(document: InputDocument, number: int, options: LoadOptions) -> int:
    """The dpi a PDF page is rendered at; refuse it if that is over ``max_pixels``."""
    dpi = max(1, round(options.render_dpi * document.page_scale(number)))
    size = document.page_sizes.get(number)
    if size is not None:  # else the rendered page is checked instead
        width, height = (round(side * dpi / 72.0) for side in size)
        _check_pixels(document.path, (width, height), options)
    return dpi


def _embedded_page(document: InputDocument, number: int, options: LoadOptions) -> PageImage | None:
    """A scanned page's own JPEG at its own resolution, or None to render the page."""
    scan = document.scans.get(number)
    if scan is None:
        return None
    if scan.width * scan.height > options.max_pixels:
        # The page is the scan: what would be decoded is over the limit, whatever its size.
        _check_pixels(document.path, (scan.width, scan.height), options)
    image = pdfimages.extract(document.path, number)
    if image is None:
        return None
    if image.mode not in ("L", "RGB"):
        image = image.convert("RGB")  # as rendering gives it; grey pages stay grey
    # The glance at an A4 page's 36 dpi whatever the page's nominal size: the comparison's
    # thresholds are set for that many pixels.
    scale = document.page_scale(number)
    glance = pdfimages.glance(document.path, number, max(1, round(GLANCE_DPI * scale)))
    if glance is None or not _looks_like(image, glance):
        log.debug("%s page %d: more than its scan on the page; rendered", document.path, number)
        return None
    # The scan's own resolution, when the page it fills has a letter's size; estimated from
    # its pixels as an A4 page's when not (a 72-dpi default page size).
    dpi, estimated = credible_dpi(scan.ppi, image.size)
    return PageImage(
        number=number,
        image=image,
        dpi=round(dpi),
        source_dpi=dpi,
        dpi_estimated=estimated,
        pdf_dpi=scan.ppi,
    )


# Comparing the scan with a 36-dpi glance at the rendered page (anything drawn over it?):
GLANCE_DPI = 36
_INK_STEP = 80  # grey levels darker in the rendering than in the scan: something drawn
_MAX_EXTRA_INK = 0.002  # share of the page; a short line of text is about 0.3 %
_MAX_MEAN_DIFFERENCE = 24.0  # a scan placed flipped or shifted differs everywhere


def _looks_like(scan: Image.Image, rendered: Image.Image) -> bool:
    """Whether the rendered page shows the scan and nothing else (text, stamps, drawings)."""
    grey = scan.convert("L")
    small = np.asarray(grey.resize(rendered.size, Image.Resampling.BOX), dtype=np.int16)
    page = np.asarray(rendered.convert("L"), dtype=np.int16)
    extra_ink = float(np.mean(small - page > _INK_STEP))
    return (
        extra_ink <= _MAX_EXTRA_INK and float(np.mean(np.abs(small - page))) <= _MAX_MEAN_DIFFERENCE
    )


def _render_pdf_page(document: InputDocument, number: int, options: LoadOptions) -> PageImage:
    path = document.path
    # A page of no letter's size is rendered to an A4 page's (InputDocument.page_scale);
    # the guard judges that rendering before it is made.
    dpi = _check_render_size(document, number, options)
    try:
        images = pdf2image.convert_from_path(
            str(path),
            dpi=dpi,
            first_page=number,
            last_page=number,
            # In colour: stamps and signatures are told from print by their ink
            # (ocr.ink); rendering RGB costs about 10 % more than grey, a page's OCR 20x that.
            timeout=PDF_TIMEOUT_S,
        )
    except pdf2image.exceptions.PDFPopplerTimeoutError as e:
        raise InputFileError(f"{path}: page {number} took too long to render") from e
    except pdf2image.exceptions.PopplerNotInstalledError as e:
        raise MissingDependencyError(f"poppler's pdftoppm is not installed: {POPPLER_HINT}") from e
    except (pdf2image.exceptions.PDFPageCountError, pdf2image.exceptions.PDFSyntaxError) as e:
        raise InputFileError(
            f"{path}: page {number} cannot be rendered: {_last_line(str(e))}"
        ) from e
    if not images:
        raise InputFileError(f"{path}: page {number} could not be rendered (damaged PDF?)")
    image = images[0]
    _check_pixels(path, image.size, options)
    return PageImage(
        number=number,
        image=image,
        dpi=options.render_dpi,
        source_dpi=float(options.render_dpi),
        dpi_estimated=document.page_scale(number) != 1.0,
        pdf_dpi=float(dpi),
    )


def _open_image(path: Path, options: LoadOptions) -> Image.Image:
    """Open an image with the decompression-bomb guard on, translating every failure."""
    try:
        with warnings.catch_warnings():
            # Pillow only warns between 1x and 2x its limit; a warning is a refusal here.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            # Pillow's own guard uses its global limit; make it the configured one.
            previous, Image.MAX_IMAGE_PIXELS = Image.MAX_IMAGE_PIXELS, options.max_pixels
            try:
                image = Image.open(path)
            finally:
                Image.MAX_IMAGE_PIXELS = previous
        _check_pixels(path, image.size, options)
        return image
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as e:
        raise InputFileError(
            f"{path}: the image claims more pixels than the safety limit allows "
            f"(decompression-bomb guard: {e}); if the scan is genuine, raise --max-pixels"
        ) from e
    except UnidentifiedImageError as e:
        raise InputFileError(
            f"{path}: not a PDF or an image format pismo reads "
            "(PDF, TIFF, JPEG, PNG, GIF, BMP, WebP); convert it or leave it out"
        ) from e
    except OSError as e:
        raise InputFileError(
            f"{path}: the image cannot be read (damaged or truncated?): {e}"
        ) from e


def _check_pixels(path: Path, size: tuple[int, int], options: LoadOptions) -> None:
    width, height = size
    if width * height > options.max_pixels:
        raise InputFileError(
            f"{path}: {width}x{height} pixels is over the limit of {options.max_pixels} "
            "(decompression-bomb guard); if the scan is genuine, raise --max-pixels"
        )
    if min(width, height) < 16:
        raise InputFileError(f"{path}: {width}x{height} pixels is too small to hold a letter")


def _image_format_and_frames(path: Path, options: LoadOptions) -> tuple[InputFormat, int]:
    with _open_image(path, options) as image:
        name = _PIL_FORMATS.get(image.format or "")
        if name is None:
            raise InputFileError(
                f"{path}: image format {image.format} is not supported; "
                "convert it to TIFF, PNG or PDF"
            )
        fmt = InputFormat(name)
        try:
            frames = getattr(image, "n_frames", 1) if fmt is InputFormat.TIFF else 1
        except _DECODE_ERRORS as e:  # counting TIFF pages walks the file: damage shows here
            raise InputFileError(f"{path}: the TIFF is damaged or truncated: {e}") from e
        return fmt, int(frames)


def _page_from_frame(
    path: Path, frame: Image.Image, number: int, options: LoadOptions
) -> PageImage:
    _check_pixels(path, frame.size, options)
    x_dpi, y_dpi = _dpi_pair(frame.info.get("dpi"))
    try:
        frame.load()
        # EXIF orientation: phones and some scanners store the page sideways plus a tag.
        if frame.getexif().get(_EXIF_ORIENTATION, 1) in _QUARTER_TURNS:
            x_dpi, y_dpi = y_dpi, x_dpi
        upright = ImageOps.exif_transpose(frame)
    except _DECODE_ERRORS as e:
        raise InputFileError(
            f"{path}: page {number} cannot be decoded (damaged or truncated?): {e}"
        ) from e
    upright, x_dpi, steps = _square_pixels(upright, x_dpi, y_dpi)
    dpi, estimated = credible_dpi(x_dpi, upright.size)
    return PageImage(
        number=number,
        image=upright if steps else upright.copy(),
        dpi=round(dpi),
        source_dpi=dpi,
        dpi_estimated=estimated,
        steps=steps,
    )


def _dpi_pair(claimed: object) -> tuple[float, float]:
    """The (x, y) resolution a file claims; (0, 0) when it claims none."""
    values = claimed if isinstance(claimed, tuple) else (claimed, claimed)
    try:
        return float(values[0]), float(values[1])
    except (TypeError, ValueError, IndexError):
        return 0.0, 0.0


def _square_pixels(
    image: Image.Image, x_dpi: float, y_dpi: float
) -> tuple[Image.Image, float, tuple[str, ...]]:
    """Stretch a page with unequal resolutions (fax "normal" mode, 204x98 dpi) to square pixels.

    Text from a 204x98-dpi fax is squashed to half height otherwise (CER 4 % vs 0.05 %).
    """
    if min(x_dpi, y_dpi) < MIN_CREDIBLE_DPI or abs(x_dpi - y_dpi) <= 0.02 * max(x_dpi, y_dpi):
        return image, x_dpi, ()
    target = max(x_dpi, y_dpi)
    size = (round(image.width * target / x_dpi), round(image.height * target / y_dpi))
    step = f"square pixels {x_dpi:g}x{y_dpi:g} -> {target:g} dpi"
    return image.resize(size, Image.Resampling.LANCZOS), target, (step,)


def credible_dpi(claimed: object, size: tuple[int, int]) -> tuple[float, bool]:
    """Return the page resolution and whether it was estimated rather than read.

    The claimed resolution is believed when it is in a plausible range and gives a
    letter-sized page; otherwise the page is assumed to be A4 and the resolution is its
    long side in pixels over 11.69 inches. A 555x774 GIF (no dpi) comes out at about 66 dpi.
    """
    long_side = max(size)
    x_dpi = _dpi_pair(claimed)[0]
    if MIN_CREDIBLE_DPI <= x_dpi <= MAX_CREDIBLE_DPI:
        inches = long_side / x_dpi
        if MIN_PAGE_LONG_SIDE_IN <= inches <= MAX_PAGE_LONG_SIDE_IN:
            return x_dpi, False
    return long_side / A4_LONG_SIDE_IN, True


def _last_line(message: str) -> str:
    lines = [line for line in message.strip().splitlines() if line.strip()]
    return lines[-1] if lines else message
