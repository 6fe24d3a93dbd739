"""Shared fixtures: page builders, rendered letters, hand-made PDFs, marker handling.

The fixtures build their inputs in code: ``OcrPage``s from word lists, PIL-rendered letters
in a DejaVu/Liberation font, minimal PDFs written byte by byte. Nothing touches the network.
"""

from __future__ import annotations

import shutil
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from ocr.types import BBox, OcrLine, OcrPage, OcrWord

SHARED_DIR = Path(__file__).parents[2] / "shared"
FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
)
PAPER_IN = {"a4": (8.27, 11.69), "a5": (5.83, 8.27)}

# A realistic letter: lines of different lengths, a right-pushed date, blank lines between
# blocks. A repeated line would make skew and orientation estimates look better than they are.
LETTER_LINES: tuple[str, ...] = (
    "Urząd Miejski w Pułtusku",
    "ul. Rynek 41, 06-100 Pułtusk",
    "",
    "                         Pułtusk, 31 października 2025 r.",
    "Znak sprawy: ORG.1431.58.2024",
    "",
    "Szanowna Pani,",
    "w odpowiedzi na wniosek o udostępnienie informacji publicznej",
    "z dnia 20 października 2025 r. uprzejmie informuję, że rejestr",
    "umów zawartych przez Starostwo jest prowadzony w formie",
    "elektronicznej i publikowany w Biuletynie Informacji Publicznej.",
    "Zgodnie z art. 13 ust. 1 ustawy udostępnienie następuje bez",
    "zbędnej zwłoki, nie później niż w terminie 14 dni.",
    "",
    "Z poważaniem",
    "Jan Kowalski, Sekretarz Powiatu",
)

Renderer = Callable[..., Image.Image]


def pytest_runtest_setup(item: pytest.Item) -> None:
    if item.get_closest_marker("shared") and not SHARED_DIR.is_dir():
        pytest.skip(f"{SHARED_DIR} is absent")
    if item.get_closest_marker("tesseract") and shutil.which("tesseract") is None:
        pytest.skip("the tesseract binary is not installed")


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    return SHARED_DIR


@pytest.fixture(scope="session")
def font_path() -> str:
    for candidate in FONT_CANDIDATES:
        if Path(candidate).is_file():
            return candidate
    pytest.skip("no DejaVu or Liberation font under /usr/share/fonts")


@pytest.fixture(scope="session")
def font(font_path: str) -> Callable[[int], ImageFont.FreeTypeFont]:
    """Return a function giving the test font at a pixel size."""

    def at_size(pixels: int) -> ImageFont.FreeTypeFont:
        return ImageFont.truetype(font_path, pixels)

    return at_size


@pytest.fixture(scope="session")
def render_page(font: Callable[[int], ImageFont.FreeTypeFont]) -> Renderer:
    """Return ``render(lines=LETTER_LINES, *, dpi=150, font_pt=10, paper="a5")`` -> "L" image.

    Text starts at a 0.6 inch margin, black on white, 1.5 line spacing.
    """

    def render(
        lines: Sequence[str] = LETTER_LINES,
        *,
        dpi: int = 150,
        font_pt: float = 10,
        paper: str = "a5",
    ) -> Image.Image:
        width_in, height_in = PAPER_IN[paper]
        image = Image.new("L", (round(width_in * dpi), round(height_in * dpi)), 255)
        size = round(font_pt * dpi / 72)
        face = font(size)
        draw = ImageDraw.Draw(image)
        x = y = round(0.6 * dpi)
        for line in lines:
            draw.text((x, y), line, font=face, fill=0)
            y += round(size * 1.5)
        return image

    return render


@pytest.fixture(scope="session")
def letter_image(render_page: Renderer) -> Image.Image:
    """An upright A5 letter at 150 dpi (never modify it: it is shared by the session)."""
    return render_page()


@pytest.fixture(scope="session")
def letter_text() -> str:
    """The text rendered on :func:`letter_image`, one line per line."""
    return "\n".join(LETTER_LINES)


@pytest.fixture(scope="session")
def make_line() -> Callable[..., OcrLine]:
    """Return ``make_line(words, *, top=0, block=1, paragraph=0, confidence=0.9)``.

    ``words`` are strings or ``(text, confidence)`` pairs; boxes are laid out left to right
    at 20 px per character with 10 px gaps, 30 px high.
    """

    def build(
        words: Sequence[str | tuple[str, float]],
        *,
        top: int = 0,
        block: int = 1,
        paragraph: int = 0,
        confidence: float = 0.9,
        left: int = 0,
    ) -> OcrLine:
        built: list[OcrWord] = []
        x = left
        for item in words:
            text, conf = (item, confidence) if isinstance(item, str) else item
            box = BBox(x, top, x + 20 * len(text), top + 30)
            built.append(OcrWord(text, box, conf))
            x = box.right + 10
        return OcrLine.from_words(built, block=block, paragraph=paragraph)

    return build


@pytest.fixture(scope="session")
def make_page(make_line: Callable[..., OcrLine]) -> Callable[..., OcrPage]:
    """Return ``make_page(blocks, *, number=1, **page_fields)``.

    ``blocks`` is a list of blocks, each a list of lines, each a string of space-separated
    words; blocks are numbered from 1 and lines stacked 40 px apart.
    """

    def build(blocks: Sequence[Sequence[str]], *, number: int = 1, **fields: object) -> OcrPage:
        lines: list[OcrLine] = []
        for block, block_lines in enumerate(blocks, start=1):
            for text in block_lines:
                lines.append(make_line(text.split(), top=40 * len(lines), block=block))
        fields.setdefault("width", 1240)
        fields.setdefault("height", 1754)
        fields.setdefault("dpi", 150)
        return OcrPage(number=number, lines=tuple(lines), **fields)  # type: ignore[arg-type]

    return build


def write_text_pdf(
    path: Path,
    lines: Sequence[tuple[float, float, str]],
    *,
    size: tuple[float, float] = (595, 842),
    font_pt: float = 12,
) -> Path:
    """Write a one-page PDF with a Helvetica text layer; ``lines`` are (x, y, text) in points.

    ``y`` is the baseline from the bottom of the page (PDF convention). Text must be
    Latin-1; the file has a correct xref table, so poppler reads it without repair.
    """
    ops = [f"BT /F1 {font_pt:g} Tf"]
    for x, y, text in lines:
        escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        ops.append(f"1 0 0 1 {x:g} {y:g} Tm ({escaped}) Tj")
    ops.append("ET")
    stream = "\n".join(ops).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {size[0]:g} {size[1]:g}] "
            "/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>"
        ).encode(),
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    return write_pdf(path, objects)


def write_pdf(path: Path, objects: Sequence[bytes]) -> Path:
    """Write numbered PDF objects (1 = catalog) with a correct xref table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    path.write_bytes(bytes(out))
    return path


def write_scan_pdf_with_footer(path: Path, image: Image.Image, footer: str) -> Path:
    """A PDF whose page is a scanned image plus one line of real text (a software footer)."""
    gray = image.convert("L")
    data = zlib.compress(gray.tobytes())
    content = (
        f"q 595 0 0 842 0 0 cm /Im1 Do Q\nBT /F1 8 Tf 1 0 0 1 40 20 Tm ({footer}) Tj ET"
    ).encode("latin-1")
    return write_pdf(
        path,
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font "
            b"<< /F1 5 0 R >> /XObject << /Im1 6 0 R >> >> /Contents 4 0 R >>",
            b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
            b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
            % gray.size
            + b"/BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n" % len(data)
            + data
            + b"\nendstream",
        ],
    )


@pytest.fixture(scope="session")
def scan_pdf_writer() -> Callable[..., Path]:
    """Return :func:`write_scan_pdf_with_footer`."""
    return write_scan_pdf_with_footer


@pytest.fixture(scope="session")
def text_pdf_writer() -> Callable[..., Path]:
    """Return :func:`write_text_pdf` (a born-digital PDF with a known text layer)."""
    return write_text_pdf


# Lines of a born-digital test letter: (x, baseline y, text) in points on an A4 page.
TEXT_PDF_LINES: tuple[tuple[float, float, str], ...] = (
    (72, 760, "Gmina Miasto Brzozów"),
    (380, 730, "Brzozów, 5 maja 2025 r."),
    (72, 700, "Znak sprawy: BRM.1431.27.2024"),
    (72, 650, "W odpowiedzi na wniosek z dnia 22 kwietnia 2025 r. informuje,"),
    (72, 635, "ze gmina nie prowadzi rejestru umow w formie elektronicznej."),
)


@pytest.fixture
def text_pdf(tmp_path: Path) -> Path:
    """A one-page born-digital A4 PDF whose text layer covers the page."""
    return write_text_pdf(tmp_path / "letter.pdf", TEXT_PDF_LINES)
