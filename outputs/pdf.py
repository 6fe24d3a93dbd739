"""A searchable PDF: each page's scan with pismo's words as an invisible text layer.

Written by hand (the format is simple and no PDF library is needed at run time): per page
the page image as read (upright and deskewed, so the words' boxes fit it exactly) as a
JPEG, and over it every word in text rendering mode 3 (invisible), placed on its box and
stretched to its width, so that selecting a word in a viewer selects that word and
``pdftotext`` gives the text back.

The font is Tesseract's glyph-less font (``glyphless.ttf``, Apache-2.0, as Tesseract's
own PDF renderer uses it): a Type 0 font whose character codes are the UTF-16 code units
of the text, mapped back to Unicode by a ToUnicode CMap. The file is built to PDF/A-2b
(embedded font, XMP metadata, an sRGB output intent, a document ID); no PDF/A validator
can be installed from the package registries here, so that is by construction, not
checked.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from PIL import Image

from ocr.types import OcrDocument, OcrPage, OcrWord
from outputs import grey_jpeg

FONT_FILE = Path(__file__).resolve().parent / "glyphless.ttf"
_CHAR_WIDTH = 500  # the glyph-less font's advance, per 1000 units of font size


@dataclass(frozen=True, slots=True)
class PageScan:
    """A page image as OCR read it: JPEG bytes, pixel size and resolution."""

    jpeg: bytes
    width: int
    height: int
    dpi: float


JPEG_QUALITY = 80  # grey 300-dpi letters: about 0.5 MB a page, text edges still clean


def page_scan(image: Image.Image, dpi: int) -> PageScan:
    """Encode a page image (as OCR read it) for the PDF."""
    jpeg, (width, height) = grey_jpeg(image, JPEG_QUALITY)
    return PageScan(jpeg, width, height, float(dpi))


def render(document: OcrDocument, scans: Sequence[PageScan], *, title: str, producer: str) -> bytes:
    """The searchable PDF of a document (one scan per page, in page order)."""
    writer = _Writer()
    font = _font(writer)
    page_ids = []
    pages_id = writer.reserve()
    for page, scan in zip(document.pages, scans, strict=True):
        page_ids.append(_page(writer, page, scan, font, pages_id))
    kids = " ".join(f"{n} 0 R" for n in page_ids)
    writer.put(pages_id, f"<< /Type /Pages /Kids [{kids}] /Count {len(page_ids)} >>")
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    # PDF/A wants the metadata readable without decoding: no filter on this stream.
    metadata = writer.add_stream(
        _xmp(title, producer, now), "/Type /Metadata /Subtype /XML", compress=False
    )
    intent = _output_intent(writer)
    catalog = writer.add(
        f"<< /Type /Catalog /Pages {pages_id} 0 R /Metadata {metadata} 0 R "
        f"/OutputIntents [{intent} 0 R] >>"
    )
    stamp = now.strftime("D:%Y%m%d%H%M%SZ")
    info = writer.add(
        f"<< /Title {_text_string(title)} /Producer {_text_string(producer)} "
        f"/CreationDate ({stamp}) /ModDate ({stamp}) >>"
    )
    return writer.finish(catalog, info)


def _page(writer: _Writer, page: OcrPage, scan: PageScan, font: int, parent: int) -> int:
    scale = 72.0 / scan.dpi  # pixels to points
    width_pt, height_pt = scan.width * scale, scan.height * scale
    image = writer.add_stream(
        scan.jpeg,
        f"/Type /XObject /Subtype /Image /Width {scan.width} /Height {scan.height} "
        "/ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode",
        compress=False,
    )
    # Word boxes are in the pixels of the page OCR read; the scan may differ in size only
    # if it was downscaled for the PDF.
    fx, fy = scan.width / max(1, page.width), scan.height / max(1, page.height)
    lines = [f"q {width_pt:.2f} 0 0 {height_pt:.2f} 0 0 cm /Im1 Do Q", "BT 3 Tr"]
    for line in page.lines:
        for index, word in enumerate(line.words):
            last = index == len(line.words) - 1
            lines.append(_word(word, scale * fx, scale * fy, height_pt, space=not last))
    lines.append("ET")
    content = writer.add_stream("\n".join(lines).encode("ascii"), "")
    return writer.add(
        f"<< /Type /Page /Parent {parent} 0 R /MediaBox [0 0 {width_pt:.2f} {height_pt:.2f}] "
        f"/Resources << /XObject << /Im1 {image} 0 R >> /Font << /F1 {font} 0 R >> >> "
        f"/Contents {content} 0 R >>"
    )


def _word(word: OcrWord, sx: float, sy: float, page_height: float, *, space: bool) -> str:
    """The operators that put one word, invisible, over its box."""
    text = word.text + (" " if space else "")
    box = word.bbox
    height = max(1.0, (box.bottom - box.top) * sy)
    width = max(1.0, (box.right - box.left) * sx)
    # Stretch the glyphs so the word (not its trailing space) spans its box.
    natural = len(word.text) * _CHAR_WIDTH / 1000 * height
    stretch = 100.0 * width / natural if natural else 100.0
    x, y = box.left * sx, page_height - box.bottom * sy
    return f"/F1 {height:.2f} Tf {stretch:.2f} Tz 1 0 0 1 {x:.2f} {y:.2f} Tm <{_utf16(text)}> Tj"


def _utf16(text: str) -> str:
    return text.encode("utf-16-be").hex().upper()


def _text_string(text: str) -> str:
    return f"<FEFF{_utf16(text)}>"


def _font(writer: _Writer) -> int:
    """The glyph-less Type 0 font: every code drawn with glyph 1, read back as Unicode."""
    font_file = writer.add_stream(_font_bytes(), f"/Length1 {len(_font_bytes())}")
    descriptor = writer.add(
        "<< /Type /FontDescriptor /FontName /GlyphLessFont /Flags 5 "
        "/FontBBox [0 0 500 1000] /ItalicAngle 0 /Ascent 1000 /Descent 0 /CapHeight 1000 "
        f"/StemV 80 /FontFile2 {font_file} 0 R >>"
    )
    gid_map = writer.add_stream(b"\x00\x01" * 65536, "")
    cid_font = writer.add(
        "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /GlyphLessFont "
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
        f"/FontDescriptor {descriptor} 0 R /DW {_CHAR_WIDTH} /CIDToGIDMap {gid_map} 0 R >>"
    )
    to_unicode = writer.add_stream(_TO_UNICODE, "")
    return writer.add(
        "<< /Type /Font /Subtype /Type0 /BaseFont /GlyphLessFont /Encoding /Identity-H "
        f"/DescendantFonts [{cid_font} 0 R] /ToUnicode {to_unicode} 0 R >>"
    )


@cache
def _font_bytes() -> bytes:
    return FONT_FILE.read_bytes()


_TO_UNICODE = b"""/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
/CMapName /Adobe-Identity-UCS def
/CMapType 2 def
1 begincodespacerange
<0000> <FFFF>
endcodespacerange
1 beginbfrange
<0000> <FFFF> <0000>
endbfrange
endcmap
CMapName currentdict /CMap defineresource pop
end
end
"""


def _output_intent(writer: _Writer) -> int:
    profile = writer.add_stream(_srgb_profile(), "/N 3")
    return writer.add(
        "<< /Type /OutputIntent /S /GTS_PDFA1 /OutputConditionIdentifier (sRGB) "
        f"/Info (sRGB IEC61966-2.1) /DestOutputProfile {profile} 0 R >>"
    )


@cache
def _srgb_profile() -> bytes:
    from PIL import ImageCms

    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def _xmp(title: str, producer: str, when: dt.datetime) -> bytes:
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    escaped = title.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/"
 xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
<pdfaid:part>2</pdfaid:part>
<pdfaid:conformance>B</pdfaid:conformance>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escaped}</rdf:li></rdf:Alt></dc:title>
<xmp:CreateDate>{stamp}</xmp:CreateDate>
<xmp:ModifyDate>{stamp}</xmp:ModifyDate>
<pdf:Producer>{producer}</pdf:Producer>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>""".encode()


class _Writer:
    """Objects in, a PDF with a cross-reference table out."""

    def __init__(self) -> None:
        self._objects: dict[int, bytes] = {}
        self._next = 1

    def reserve(self) -> int:
        """An object number to fill in later (a parent its children point to)."""
        number = self._next
        self._next += 1
        return number

    def put(self, number: int, body: str | bytes) -> None:
        """Fill in a reserved object."""
        self._objects[number] = body.encode("latin-1") if isinstance(body, str) else body

    def add(self, body: str | bytes) -> int:
        """A new object; its number."""
        number = self.reserve()
        self.put(number, body)
        return number

    def add_stream(self, data: bytes, dictionary: str, *, compress: bool = True) -> int:
        """A new stream object (Flate-compressed unless told otherwise)."""
        if compress:
            data = zlib.compress(data)
            dictionary += " /Filter /FlateDecode"
        head = f"<< {dictionary} /Length {len(data)} >>\nstream\n".encode("latin-1")
        return self.add(head + data + b"\nendstream")

    def finish(self, root: int, info: int) -> bytes:
        """The whole file."""
        out = io.BytesIO()
        out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")  # binary marker, as PDF/A asks
        offsets = {}
        for number in sorted(self._objects):
            offsets[number] = out.tell()
            out.write(f"{number} 0 obj\n".encode("ascii"))
            out.write(self._objects[number])
            out.write(b"\nendobj\n")
        xref = out.tell()
        size = max(self._objects) + 1
        out.write(f"xref\n0 {size}\n0000000000 65535 f \n".encode("ascii"))
        for number in range(1, size):
            out.write(f"{offsets.get(number, 0):010d} 00000 n \n".encode("ascii"))
        identity = hashlib.md5(out.getvalue()).hexdigest().upper()  # noqa: S324 - an ID
        out.write(
            f"trailer\n<< /Size {size} /Root {root} 0 R /Info {info} 0 R "
            f"/ID [<{identity}> <{identity}>] >>\nstartxref\n{xref}\n%%EOF\n".encode("ascii")
        )
        return out.getvalue()
