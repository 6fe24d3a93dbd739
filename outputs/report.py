"""``OUT/report.html``: the batch at a glance, for the archivist who checks it.

One self-contained page (styles and script inline, page previews in ``report_files/``
beside it: it works offline, from a USB stick). A table lists every letter with a
thumbnail, its reference number, date, place, sender, addressee, signatory and
distribution; each field is coloured by its confidence; letters with a missing or
doubtful field come first; a filter box and sortable columns. Clicking a letter opens
its pages with every field's evidence box drawn over the scan.

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

from extract.fields import FIELDS, value_text
from outputs import grey_jpeg

PREVIEW_HEIGHT = 1400  # pixels of a page preview: evidence boxes readable, files small
PREVIEW_QUALITY = 70
FILES = "report_files"
LOW = 0.6  # below this a field is doubtful (orange); missing is red
TEXT_LIMIT = 4000  # characters of a letter's text in the report (the .txt has it all)
# A letter may rightly have no distribution list or subject: their absence is no problem.
OPTIONAL = tuple(spec.name.value for spec in FIELDS if spec.optional)
COLUMNS = tuple((spec.name.value, spec.label) for spec in FIELDS if spec.column)


@dataclass(frozen=True, slots=True)
class Letter:
    """What the report shows of one input: its index entry and its output JSON (if any)."""

    source: str
    status: str
    error: str | None
    output_name: str | None  # the .json path relative to OUT
    document: Mapping[str, Any] | None


def preview(image: Image.Image) -> bytes:
    """A page preview (JPEG) for the report, at most :data:`PREVIEW_HEIGHT` pixels high."""
    if image.height > PREVIEW_HEIGHT:
        width = max(1, round(image.width * PREVIEW_HEIGHT / image.height))
        image = image.resize((width, PREVIEW_HEIGHT), Image.Resampling.BILINEAR)
    return grey_jpeg(image, PREVIEW_QUALITY)[0]


def preview_name(output_name: str, page: int) -> str:
    """Where a page preview lives, relative to OUT."""
    return f"{FILES}/{output_name}.p{page}.jpg"


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
    return {
        "source": letter.source,
        "status": letter.status,
        "error": letter.error,
        "json": letter.output_name,
        "pages": shown_pages,
        "text": (document.get("text") or "")[:TEXT_LIMIT],
        "fields": {name: _field(fields.get(name)) for name, _ in COLUMNS} | _others(fields),
    }


def _others(fields: Mapping[str, Any]) -> dict[str, Any]:
    shown = {name for name, _ in COLUMNS}
    return {name: _field(value) for name, value in fields.items() if name not in shown}


def _field(field: Any) -> dict[str, Any]:
    if not isinstance(field, Mapping) or field.get("value") in (None, [], {}):
        return {"text": None, "confidence": None, "evidence": []}
    return {
        "text": value_text(field["value"]),
        "confidence": field.get("confidence"),
        "evidence": [
            {"page": e.get("page"), "bbox": e.get("bbox"), "text": e.get("text")}
            for e in field.get("evidence") or ()
        ],
    }


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
function open(letter) {
  document.getElementById("viewer-title").textContent = letter.source;
  const fields = document.getElementById("viewer-fields");
  fields.replaceChildren();
  for (const [name, field] of Object.entries(letter.fields)) {
    fields.appendChild(el("dt", null, name));
    fields.appendChild(el("dd", grade(field, name), field.text === null ? "—" : field.text));
  }
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
    for (const [name, field] of Object.entries(letter.fields)) {
      for (const piece of field.evidence) {
        if (piece.page !== page.number || !piece.bbox || !page.width) continue;
        const [l, t, r, b] = piece.bbox;
        const box = el("div", "box");
        box.dataset.field = name;
        box.dataset.text = piece.text || "";
        box.style.left = (100 * l / page.width) + "%";
        box.style.top = (100 * t / page.height) + "%";
        box.style.width = (100 * (r - l) / page.width) + "%";
        box.style.height = (100 * (b - t) / page.height) + "%";
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
