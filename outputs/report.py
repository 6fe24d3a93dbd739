"""``OUT/report.html``: the batch at a glance, for the archivist who checks it.

One self-contained page (styles and script inline, page previews in ``report_files/``
beside it: it works offline, from a USB stick). A table lists every letter with a
thumbnail, its reference number, date, place, sender, addressee, signatory and
distribution; each field is coloured by its confidence; letters with a missing or
doubtful field come first; a filter box and sortable columns. Clicking a letter opens
its pages with every field's evidence box drawn over the scan, and its stamps (dashed, in
a colour of their ink) and signature strokes (faint) from the stored OCR (``.ocr.json``).

Letter text never becomes markup: the data travel as JSON inside a
``<script type="application/json">`` (with ``<`` escaped, so no text can close it) and
the page builds its table with ``textContent``. A scan that reads
``<script>alert(1)</script>`` shows exactly that.
"""

from __future__ import annotations

import html
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from PIL import Image

from extract.fields import FIELDS, SignatureKind, value_text
from ocr.types import BBox, Mark, Stamp
from outputs import grey_jpeg

PREVIEW_HEIGHT = 1400  # pixels of a page preview: evidence boxes readable, files small
PREVIEW_QUALITY = 70
FILES = "report_files"
LOW = 0.6  # below this a field is doubtful (orange); missing is red
TEXT_LIMIT = 4000  # characters of a letter's text in the report (the .txt has it all)
# A letter may rightly have no distribution list or subject: their absence is no problem.
OPTIONAL = tuple(spec.name.value for spec in FIELDS if spec.optional)
COLUMNS = tuple((spec.name.value, spec.label) for spec in FIELDS if spec.column)
# The parts of a record field (received, signatory, addressee), as the viewer labels them.
PART_LABELS = {
    "date": "data",
    "number": "numer",
    "office": "urząd",
    "name": "imię i nazwisko",
    "honorific": "zwrot",
    "position": "stanowisko",
    "organization": "instytucja",
    "address": "adres",
    "on_behalf_of": "z up. / w imieniu",
    "signature": "podpis",
}
SIGNATURES = {
    SignatureKind.HANDWRITTEN.value: "odręczny",
    SignatureKind.ELECTRONIC.value: "elektroniczny",
    SignatureKind.STAMP_ONLY.value: "tylko pieczęć",
    SignatureKind.NONE.value: "brak (dokument elektroniczny)",
    # null: the page cannot show it (a grey scan, a transcription).
    None: "nie do ustalenia (skan bez koloru)",
}


@dataclass(frozen=True, slots=True)
class PageInk:
    """What one page carries besides its text: its stamps and marks (signature strokes)."""

    page: int
    stamps: tuple[Stamp, ...] = ()
    marks: tuple[Mark, ...] = ()


@dataclass(frozen=True, slots=True)
class Letter:
    """What the report shows of one input: its index entry and its output JSON (if any).

    ``ink`` holds the pages' stamps and marks (:func:`letter_ink`): the output JSON carries
    them only when it was written with words (``--with-words``), the stored OCR always.
    """

    source: str
    status: str
    error: str | None
    output_name: str | None  # the .json path relative to OUT
    document: Mapping[str, Any] | None
    ink: tuple[PageInk, ...] = ()


def preview(image: Image.Image) -> bytes:
    """A page preview (JPEG) for the report, at most :data:`PREVIEW_HEIGHT` pixels high."""
    if image.height > PREVIEW_HEIGHT:
        width = max(1, round(image.width * PREVIEW_HEIGHT / image.height))
        image = image.resize((width, PREVIEW_HEIGHT), Image.Resampling.BILINEAR)
    return grey_jpeg(image, PREVIEW_QUALITY)[0]


def preview_name(output_name: str, page: int) -> str:
    """Where a page preview lives, relative to OUT."""
    return f"{FILES}/{output_name}.p{page}.jpg"


def page_ink(ocr: Mapping[str, Any]) -> tuple[PageInk, ...]:
    """The stamps and marks of the pages of an OCR record (``.ocr.json``, or ``ocr``).

    Raises:
        ValueError: If a stamp or mark is malformed (an unknown ink, a degenerate box).
        KeyError: If one lacks its box or ink.
    """
    found: list[PageInk] = []
    for index, page in enumerate(ocr.get("pages") or (), start=1):
        stamps = tuple(Stamp.from_dict(stamp) for stamp in page.get("stamps") or ())
        marks = tuple(Mark.from_dict(mark) for mark in page.get("marks") or ())
        if stamps or marks:
            found.append(PageInk(int(page.get("number", index)), stamps, marks))
    return tuple(found)


def read_ink(out: Path, output_name: str) -> tuple[PageInk, ...]:
    """The stamps and marks in a letter's stored OCR beside its output; () if unreadable.

    Only the stamps and marks are kept, not the words: a batch's report holds every
    letter at once, and a page's words are most of its ``.ocr.json``.
    """
    path = out / (output_name.removesuffix(".json") + ".ocr.json")
    try:
        return page_ink(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError):
        return ()  # deleted or damaged since: the letter is shown without its stamps


def letter_ink(
    out: Path, output_name: str, document: Mapping[str, Any] | None
) -> tuple[PageInk, ...]:
    """A letter's stamps and marks: from its output when that holds its words, else its OCR.

    An output written with words (``--with-words``) carries the whole OCR, stamps and
    marks too; the stored ``.ocr.json`` is read only for one without.
    """
    pages = ((document or {}).get("ocr") or {}).get("pages") or []
    if not (pages and all("lines" in page for page in pages)):
        return read_ink(out, output_name)
    try:
        return page_ink((document or {})["ocr"])
    except (ValueError, KeyError, TypeError):
        return ()  # a damaged stamp or mark: the letter is shown without its stamps


def render(letters: Sequence[Letter], out: Path, *, title: str = "pismo") -> str:
    """The report's HTML (previews are looked up in ``out``)."""
    data = [_letter_data(letter, out) for letter in letters]
    payload = json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")
    columns = json.dumps([list(c) for c in COLUMNS], ensure_ascii=False).replace("<", "\\u003c")
    optional = json.dumps(list(OPTIONAL))
    # The letters' data go in last: a letter reading "%COLUMNS%" must stay text.
    return (
        _TEMPLATE.replace("%TITLE%", html.escape(title))
        .replace("%COLUMNS%", columns)
        .replace("%LOW%", str(LOW))
        .replace("%OPTIONAL%", optional)
        .replace("%DATA%", payload)
    )


def _letter_data(letter: Letter, out: Path) -> dict[str, Any]:
    document = letter.document or {}
    fields = document.get("fields") or {}
    pages = (document.get("ocr") or {}).get("pages") or []
    stem = (letter.output_name or "").removesuffix(".json")
    shown_pages: list[dict[str, Any]] = []
    for page in pages:
        number = int(page.get("number", len(shown_pages) + 1))
        name = preview_name(stem, number)
        shown_pages.append(
            {
                "number": number,
                "width": page.get("width"),
                "height": page.get("height"),
                "image": quote(name) if stem and (out / name).is_file() else None,
            }
        )
    ink = letter.ink
    stamps = [(page.page, stamp) for page in ink for stamp in page.stamps]
    return {
        "source": letter.source,
        "status": letter.status,
        "error": letter.error,
        "json": letter.output_name,
        "pages": shown_pages,
        "text": (document.get("text") or "")[:TEXT_LIMIT],
        "fields": {name: _field(fields.get(name), stamps) for name, _ in COLUMNS}
        | _others(fields, stamps),
        "stamps": [_stamp(number, page, stamp) for number, (page, stamp) in enumerate(stamps, 1)],
        "marks": [
            {"page": page.page, "ink": mark.ink.value, "bbox": mark.bbox.to_list()}
            for page in ink
            for mark in page.marks
        ],
    }


def _stamp(number: int, page: int, stamp: Stamp) -> dict[str, Any]:
    return {
        "number": number,
        "page": page,
        "ink": stamp.ink.value,
        "crossed_by": None if stamp.crossed_by is None else stamp.crossed_by.value,
        "bbox": stamp.bbox.to_list(),
        "confidence": round(stamp.confidence, 2),
        "lines": [line.text for line in stamp.lines],
    }


def _others(fields: Mapping[str, Any], stamps: Sequence[tuple[int, Stamp]]) -> dict[str, Any]:
    shown = {name for name, _ in COLUMNS}
    return {name: _field(value, stamps) for name, value in fields.items() if name not in shown}


def _field(field: Any, stamps: Sequence[tuple[int, Stamp]] = ()) -> dict[str, Any]:
    """A field as the page shows it: its text, record parts and evidence (with its stamp)."""
    if not isinstance(field, Mapping) or field.get("value") in (None, [], {}):
        return {"text": None, "confidence": None, "evidence": [], "parts": []}
    value = field["value"]
    return {
        "text": value_text(value),
        "confidence": field.get("confidence"),
        "evidence": [
            {
                "page": e.get("page"),
                "bbox": e.get("bbox"),
                "text": e.get("text"),
                "stamp": stamp_of(e, stamps),
            }
            for e in field.get("evidence") or ()
        ],
        "parts": _parts(value) if isinstance(value, Mapping) else [],
    }


def _parts(record: Mapping[str, Any]) -> list[list[str]]:
    """A record's parts as ``[label, text]``, the empty ones too: "no number" is news."""
    shown: list[list[str]] = []
    for key, item in record.items():
        if key == "per_distribution":
            continue  # already the whole value's text ("według rozdzielnika")
        if key == "signature" and (item is None or isinstance(item, str)):
            text = SIGNATURES.get(item, item or "")
        else:
            text = "—" if item in (None, "") else value_text(item)
        shown.append([PART_LABELS.get(key, key), text])
    return shown


def stamp_of(evidence: Mapping[str, Any], stamps: Sequence[tuple[int, Stamp]]) -> int | None:
    """The number (1-based, in the letter) of the stamp a piece of evidence was read from.

    Evidence records only a page, a box and a text, so the stamp is recognised by its
    words: ``extract`` points a stamp-read field at the box enclosing a run of the
    stamp's own words on one of its lines (or at the whole stamp). A box merely *inside*
    a stamp is not enough: that could be printed text the stamp was pressed over.
    """
    box = _box(evidence.get("bbox"))
    if box is None:
        return None
    for number, (page, stamp) in enumerate(stamps, start=1):
        if page == evidence.get("page") and (box == stamp.bbox or _of_words(box, stamp)):
            return number
    return None


def _of_words(box: BBox, stamp: Stamp) -> bool:
    """Whether ``box`` encloses exactly a run of consecutive words of one stamp line."""
    for line in stamp.lines:
        for first, word in enumerate(line.words):
            run = word.bbox
            for other in line.words[first:]:
                run = run.union(other.bbox)
                if run == box:
                    return True
    return False


def _box(values: Any) -> BBox | None:
    try:
        return BBox.from_list(values)
    except (TypeError, ValueError):
        return None  # no box, or not four numbers


_TEMPLATE = """<!DOCTYPE html>
<html lang="pl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>%TITLE% – raport</title>
<style>
body { font: 14px/1.4 system-ui, sans-serif; margin: 0; color: #222; }
header { padding: 10px 16px; background: #2d3e50; color: #fff; display: flex; gap: 16px;
  align-items: center; }
header input { font-size: 14px; padding: 4px 8px; width: 320px; }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid #ddd; padding: 4px 6px; vertical-align: top; text-align: left; }
th { background: #f3f3f3; cursor: pointer; position: sticky; top: 0; }
tr.letter { cursor: pointer; }
tr.letter:hover { background: #f7fbff; }
td.ok { background: #e6f4ea; } td.low { background: #fff1d6; } td.missing { background: #fde2e1; }
td.error { background: #fde2e1; } td.none { color: #999; }
img.thumb { width: 64px; border: 1px solid #ccc; }
#viewer { display: none; position: fixed; inset: 0; background: rgba(0,0,0,.75); overflow: auto; }
#viewer .panel { background: #fff; margin: 20px auto; max-width: 1100px; padding: 12px; }
.page { position: relative; display: inline-block; margin: 8px 0; }
.page img { display: block; max-width: 1000px; width: 100%; }
.box { position: absolute; box-sizing: border-box; border: 2px solid #d33;
  background: rgba(221,51,51,.12); }
.box span { position: absolute; top: -16px; left: 0; font-size: 11px; background: #d33;
  color: #fff; padding: 0 3px; white-space: nowrap; }
/* Stamps: dashed and unfilled, labelled below, so no one takes them for evidence boxes. */
.stamp, .mark { position: absolute; box-sizing: border-box; }
.stamp { border: 2px dashed var(--ink); }
.stamp span { position: absolute; bottom: -16px; left: 0; font-size: 11px; color: #fff;
  background: var(--ink); padding: 0 3px; white-space: nowrap; }
.mark { border: 1px dotted var(--ink); opacity: .5; }
.ink-red { --ink: #e0107a; } .ink-violet { --ink: #7a3cc4; } .ink-blue { --ink: #1f5fd6; }
.ink-green { --ink: #1b8a3c; } .ink-black { --ink: #444; }
.badge { margin-left: 6px; padding: 0 4px; border-radius: 3px; font-size: 11px;
  background: #7a3cc4; color: #fff; }
dd ul { margin: 2px 0; padding-left: 18px; color: #555; }
#viewer-stamps td:nth-child(4) { white-space: pre-line; }
pre { white-space: pre-wrap; background: #fafafa; padding: 8px; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; }
</style>
</head>
<body>
<header><strong>%TITLE%</strong><span id="count"></span>
<input id="filter" type="search" placeholder="Filtruj (znak, nazwisko, data...)"></header>
<table id="letters"><thead><tr id="head"></tr></thead><tbody id="rows"></tbody></table>
<div id="viewer"><div class="panel"><button id="close">Zamknij</button>
<h2 id="viewer-title"></h2><dl id="viewer-fields"></dl><div id="viewer-pages"></div>
<h3>Pieczęcie</h3><p id="viewer-no-stamps">Brak pieczęci.</p>
<table id="viewer-stamps"><thead><tr><th>Nr</th><th>Strona</th><th>Tusz</th><th>Tekst</th>
<th>Pewność</th></tr></thead><tbody></tbody></table>
<h3>Tekst</h3><pre id="viewer-text"></pre></div></div>
<script type="application/json" id="data">%DATA%</script>
<script type="application/json" id="columns">%COLUMNS%</script>
<script>
"use strict";
const LOW = %LOW%;
const OPTIONAL = %OPTIONAL%;
const letters = JSON.parse(document.getElementById("data").textContent);
const columns = JSON.parse(document.getElementById("columns").textContent);
const el = (tag, cls, text) => {
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  if (text !== undefined && text !== null) node.textContent = text;
  return node;
};
const grade = (f, name) => f.text === null ? (OPTIONAL.includes(name) ? "none" : "missing")
  : (f.confidence !== null && f.confidence < LOW ? "low" : "ok");
// Failed letters first, then by how many fields are missing (2 each) or doubtful (1 each).
const WEIGHT = {ok: 0, none: 0, low: 1, missing: 2};
const trouble = l => l.status !== "ok" ? 1000 :
  columns.reduce((sum, [n]) => sum + WEIGHT[grade(l.fields[n], n)], 0);
let sortKey = null, sortUp = true;
function order() {
  const list = letters.slice();
  if (sortKey === null) {
    list.sort((a, b) => trouble(b) - trouble(a) || a.source.localeCompare(b.source));
  } else {
    const key = l => sortKey === "source" ? l.source : (l.fields[sortKey].text || "");
    list.sort((a, b) => (sortUp ? 1 : -1) * key(a).localeCompare(key(b)));
  }
  return list;
}
function head() {
  const row = document.getElementById("head");
  for (const [key, label] of [["source", "Plik"], ...columns]) {
    const th = el("th", null, label);
    th.dataset.key = key;
    th.addEventListener("click", () => {
      sortUp = sortKey === key ? !sortUp : true; sortKey = key; table();
    });
    row.appendChild(th);
  }
  row.insertBefore(el("th", null, ""), row.firstChild);
}
function table() {
  const body = document.getElementById("rows");
  body.replaceChildren();
  const needle = document.getElementById("filter").value.toLowerCase();
  let shown = 0;
  for (const letter of order()) {
    const texts = columns.map(([n]) => letter.fields[n].text || "");
    const haystack = [letter.source, ...texts].join(" ");
    if (needle && !haystack.toLowerCase().includes(needle)) continue;
    shown += 1;
    const row = el("tr", "letter");
    row.dataset.source = letter.source;
    const thumb = el("td");
    const first = letter.pages.find(p => p.image);
    if (first) {
      const img = el("img", "thumb"); img.src = first.image; img.alt = ""; thumb.appendChild(img);
    }
    row.appendChild(thumb);
    row.appendChild(el("td", letter.status === "ok" ? null : "error", letter.source));
    for (const [name] of columns) {
      const field = letter.fields[name];
      const cell = el("td", letter.status === "ok" ? grade(field, name) : "error",
        letter.status === "ok" ? (field.text || "—") : "");
      cell.dataset.field = name;
      if (field.confidence !== null) cell.title = "pewność " + field.confidence.toFixed(2);
      row.appendChild(cell);
    }
    if (letter.status !== "ok") row.children[2].textContent = letter.error || "błąd";
    row.addEventListener("click", () => open(letter));
    body.appendChild(row);
  }
  document.getElementById("count").textContent = shown + " / " + letters.length + " pism";
}
// A box in page pixels, placed over the preview in percent (the preview is scaled).
function place(node, [l, t, r, b], page) {
  node.style.left = (100 * l / page.width) + "%";
  node.style.top = (100 * t / page.height) + "%";
  node.style.width = (100 * (r - l) / page.width) + "%";
  node.style.height = (100 * (b - t) / page.height) + "%";
  return node;
}
function fieldCell(field, name) {
  const dd = el("dd", grade(field, name), field.text === null ? "—" : field.text);
  const stamped = field.evidence.filter(e => e.stamp !== null);
  if (stamped.length) {
    const part = stamped.length < field.evidence.length ? " (część)" : "";
    const badge = el("span", "badge", "pieczęć" + part);
    badge.title = "odczytane z pieczęci nr " + stamped.map(e => e.stamp).join(", ");
    dd.appendChild(badge);
  }
  if (field.parts.length) {
    const list = el("ul");
    for (const [label, text] of field.parts) list.appendChild(el("li", null, label + ": " + text));
    dd.appendChild(list);
  }
  return dd;
}
function stampTable(letter) {
  const body = document.querySelector("#viewer-stamps tbody");
  body.replaceChildren();
  for (const s of letter.stamps) {
    const row = el("tr");
    row.dataset.stamp = s.number;
    const ink = s.crossed_by ? s.ink + " (przekreślona: " + s.crossed_by + ")" : s.ink;
    for (const text of [s.number, s.page, ink, s.lines.join("\\n"), s.confidence.toFixed(2)]) {
      row.appendChild(el("td", null, String(text)));
    }
    body.appendChild(row);
  }
  document.getElementById("viewer-stamps").hidden = !letter.stamps.length;
  document.getElementById("viewer-no-stamps").hidden = letter.stamps.length > 0;
}
function open(letter) {
  document.getElementById("viewer-title").textContent = letter.source;
  const fields = document.getElementById("viewer-fields");
  fields.replaceChildren();
  for (const [name, field] of Object.entries(letter.fields)) {
    fields.appendChild(el("dt", null, name));
    fields.appendChild(fieldCell(field, name));
  }
  stampTable(letter);
  const pages = document.getElementById("viewer-pages");
  pages.replaceChildren();
  for (const page of letter.pages) {
    const holder = el("div", "page");
    holder.dataset.page = page.number;
    if (page.image) {
      const img = el("img"); img.src = page.image; img.alt = "strona " + page.number;
      holder.appendChild(img);
    } else {
      holder.appendChild(el("p", null, "strona " + page.number + " (bez podglądu)"));
    }
    const here = item => item.page === page.number && page.width;
    // Marks and stamps first: the field evidence boxes stay on top of them.
    for (const mark of letter.marks.filter(here)) {
      const box = place(el("div", "mark ink-" + mark.ink), mark.bbox, page);
      box.title = "podpis / znak (" + mark.ink + ")";
      holder.appendChild(box);
    }
    for (const s of letter.stamps.filter(here)) {
      const box = place(el("div", "stamp ink-" + s.ink), s.bbox, page);
      box.dataset.stamp = s.number;
      box.title = s.lines.join("\\n") + "\\npewność " + s.confidence.toFixed(2);
      box.appendChild(el("span", null, "pieczęć " + s.number + " · " + s.confidence.toFixed(2)));
      holder.appendChild(box);
    }
    for (const [name, field] of Object.entries(letter.fields)) {
      for (const piece of field.evidence) {
        if (piece.page !== page.number || !piece.bbox || !page.width) continue;
        const box = place(el("div", "box"), piece.bbox, page);
        box.dataset.field = name;
        box.dataset.text = piece.text || "";
        box.appendChild(el("span", null, name));
        holder.appendChild(box);
      }
    }
    pages.appendChild(holder);
  }
  document.getElementById("viewer-text").textContent = letter.text;
  document.getElementById("viewer").style.display = "block";
}
document.getElementById("close").addEventListener("click", () => {
  document.getElementById("viewer").style.display = "none";
});
document.getElementById("filter").addEventListener("input", table);
head();
table();
</script>
</body>
</html>
"""
