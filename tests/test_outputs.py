"""Archival outputs: ALTO valid against the official schema, searchable PDF text and places.

One real run over every sample (``--formats json,alto,pdf``) feeds the tests: each
sample's ALTO must validate against ALTO 4.4 and carry pismo's word confidences, and
``pdftotext`` on its PDF must give pismo's text back, each word where OCR found it.
"""

from __future__ import annotations

import html as html_module
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import pytest

from ocr.types import OcrDocument

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SCHEMAS = ROOT / "outputs" / "schemas"
ALTO = "{http://www.loc.gov/standards/alto/ns-v4#}"
NAMES = sorted(p.stem for p in SAMPLES.iterdir() if p.suffix in {".png", ".tif", ".jpg", ".pdf"})

needs_tools = pytest.mark.skipif(
    shutil.which("tesseract") is None or shutil.which("pdftotext") is None,
    reason="tesseract and poppler are needed",
)


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("archival")
    command = [sys.executable, "-m", "pipeline", "run", str(SAMPLES), "-o", str(out)]
    subprocess.run([*command, "--formats", "json,alto,pdf", "-q"], cwd=ROOT, check=True)
    return out


def _schema():  # noqa: ANN202 - lxml's XMLSchema
    etree: Any = pytest.importorskip("lxml.etree")  # lxml ships no type hints

    class Local(etree.Resolver):
        def resolve(self, url, public_id, context):  # noqa: ANN001, ANN201 - lxml's API
            if url.endswith("xlink.xsd"):  # ALTO imports it by URL: answer offline
                return self.resolve_filename(str(SCHEMAS / "xlink.xsd"), context)
            return None

    parser = etree.XMLParser()
    parser.resolvers.add(Local())
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "alto-4-4.xsd"), parser))


def _document(out: Path, name: str) -> OcrDocument:
    return OcrDocument.from_dict(json.loads((out / f"{name}.ocr.json").read_text("utf-8")))


@needs_tools
@pytest.mark.parametrize("name", NAMES)
def test_alto_validates_and_carries_pismo_word_confidences(outputs: Path, name: str) -> None:
    etree = pytest.importorskip("lxml.etree")
    path = outputs / f"{name}.alto.xml"
    schema = _schema()
    assert schema.validate(etree.parse(str(path))), schema.error_log.last_error
    strings = ET.parse(path).getroot().iter(f"{ALTO}String")
    alto_words = [(s.get("CONTENT"), round(float(s.attrib["WC"]), 4)) for s in strings]
    document = _document(outputs, name)
    ours = [
        (w.text, round(w.confidence, 4)) for p in document.pages for ln in p.lines for w in ln.words
    ]
    assert alto_words == ours


@needs_tools
def test_alto_tags_the_strings_of_a_field_with_its_value(outputs: Path) -> None:
    name = "s01_seed_krakow"
    root = ET.parse(outputs / f"{name}.alto.xml").getroot()
    fields = json.loads((outputs / f"{name}.json").read_text("utf-8"))["fields"]
    tags = {t.get("ID"): t for t in root.iter(f"{ALTO}NamedEntityTag")}
    reference = tags["TAG_reference_number"]
    assert reference.get("DESCRIPTION") == fields["reference_number"]["value"]
    tagged = [
        s.attrib["CONTENT"]
        for s in root.iter(f"{ALTO}String")
        if "TAG_reference_number" in (s.get("TAGREFS") or "").split()
    ]
    assert " ".join(tagged) == fields["reference_number"]["evidence"][0]["text"]


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@needs_tools
@pytest.mark.parametrize("name", NAMES)
def test_pdf_text_layer_gives_pismo_text_back(outputs: Path, name: str) -> None:
    from rapidfuzz.distance import Levenshtein

    pdf = outputs / f"{name}.pdf"
    extracted = subprocess.run(
        ["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    document = _document(outputs, name)
    ours = _normal(" ".join(w.text for p in document.pages for ln in p.lines for w in ln.words))
    errors = Levenshtein.distance(_normal(extracted), ours)
    assert errors / max(1, len(ours)) <= 0.01, (errors, len(ours))


@needs_tools
@pytest.mark.parametrize("name", NAMES)
def test_pdf_words_lie_where_ocr_found_them(outputs: Path, name: str) -> None:
    html = subprocess.run(
        ["pdftotext", "-bbox", str(outputs / f"{name}.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    pages = re.findall(r"<page width=\"([\d.]+)\" height=\"([\d.]+)\">(.*?)</page>", html, re.S)
    document = _document(outputs, name)
    assert len(pages) == len(document.pages)
    word_pattern = (
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>'
    )
    for page, (width, _height, body) in zip(document.pages, pages, strict=True):
        found = re.findall(word_pattern, body)
        words = [w for ln in page.lines for w in ln.words]
        assert len(found) == len(words)
        scale = float(width) / page.width  # points per pixel
        # pdftotext orders words its own way: each must lie on an OCR word of its text.
        for *corners, text in found:
            x0, y0, x1, y1 = (float(c) / scale for c in corners)
            centre = ((x0 + x1) / 2, (y0 + y1) / 2)
            text = html_module.unescape(text)
            assert any(w.text == text and _near(centre, w.bbox) for w in words), (text, centre)


def _near(point: tuple[float, float], box) -> bool:  # noqa: ANN001 - a BBox
    slack = max(4.0, (box.bottom - box.top) * 0.5)
    return (
        box.left - slack <= point[0] <= box.right + slack
        and box.top - slack <= point[1] <= box.bottom + slack
    )


@needs_tools
def test_pdf_declares_pdfa_and_embeds_its_font(outputs: Path) -> None:
    data = (outputs / "s01_seed_krakow.pdf").read_bytes()
    assert b"<pdfaid:part>2</pdfaid:part>" in data and b"/OutputIntents" in data
    assert b"/FontFile2" in data
    info = subprocess.run(
        ["pdfinfo", str(outputs / "s01_seed_krakow.pdf")], capture_output=True, text=True
    ).stdout
    assert "Pages:           1" in info
