"""The NER corpora: NKJP 1M (training, dev) and PolEval 2018 (evaluation), read as spans.

NKJP 1M comes as PolDeepNer's IOB export (``nkjp-nested-simplified-v2.iob.gz``): one token
per line (``orth base ctag tag``), nested annotations joined by ``#`` in the tag
(``B-persName#B-persName-forename``), ``-DOCSTART FILE <id>`` between documents. pismo
trains on the outermost spans only, their labels folded into six: ``persName``,
``orgName``, ``placeName`` (``placeName-settlement``, ``-country``...), ``geogName``,
``date``, ``time``. The train/dev split is by document, from the split file that ships
with the corpus (``research-split-seed13.json``: ``random.Random(13)`` over the document
ids, 3,501 train / 388 dev).

PolEval 2018 gold is raw text with brat spans (``persName_forename``, ``placeName_country``
...); the same folding applies, nested spans give way to the span around them, and spans
marked ``derivType`` (adjectives derived from names, "rosyjskich") are not entities here.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

LABELS = ("persName", "orgName", "placeName", "geogName", "date", "time")
NKJP_FILE = Path("nkjp1m-ner") / "nkjp-nested-simplified-v2.iob.gz"
NKJP_SPLIT = Path("nkjp1m-ner") / "research-split-seed13.json"
POLEVAL_FILE = Path("poleval2018-ner") / "POLEVAL-NER_GOLD.json.gz"


@dataclass(frozen=True, slots=True)
class Sentence:
    """A tokenised sentence with its entities as token spans ``(start, end, label)``."""

    document: str
    words: tuple[str, ...]
    spans: tuple[tuple[int, int, str], ...]
    tags: tuple[str, ...] = ()  # NKJP's part of speech per token ("subst", "adj", ...)


@dataclass(frozen=True, slots=True)
class RawDocument:
    """A raw text with its entities as character spans ``(start, end, label)``."""

    name: str
    text: str
    spans: tuple[tuple[int, int, str], ...]
    ignored: tuple[tuple[int, int], ...]  # derived forms: neither right nor wrong


def fold(label: str) -> str | None:
    """The top label of an NKJP/PolEval label ("placeName-country" → "placeName")."""
    top = label.replace("_", "-").split("-")[0]
    return top if top in LABELS else None


def nkjp_sentences(data: Path) -> Iterator[Sentence]:
    """Every sentence of NKJP 1M with its outermost entities."""
    document = ""
    rows: list[tuple[str, ...]] = []
    with gzip.open(data / NKJP_FILE, "rt", encoding="utf-8") as lines:
        for line in lines:
            line = line.rstrip("\n")
            if line.startswith("-DOCSTART"):
                if line.startswith("-DOCSTART FILE"):
                    document = line.split(maxsplit=2)[2].strip()
                continue
            if not line.strip():
                if rows:
                    yield _sentence(document, rows)
                    rows = []
                continue
            fields = line.split("\t")
            rows.append((fields[0], fields[-1], fields[2].split(":")[0] if len(fields) > 3 else ""))
    if rows:
        yield _sentence(document, rows)


def _sentence(document: str, rows: list[tuple[str, ...]]) -> Sentence:
    words = tuple(row[0] for row in rows)
    tags = tuple(row[2] if len(row) > 2 else "" for row in rows)
    spans: list[tuple[int, int, str]] = []
    open_spans: dict[str, int] = {}  # full label -> start token, per nesting layer
    for index, row in enumerate(rows):
        tag = row[1]
        parts = [] if tag == "O" else tag.split("#")
        current = {p[2:]: p[0] for p in parts if len(p) > 2 and p[1] == "-"}
        for label, start in list(open_spans.items()):
            if current.get(label) != "I":
                spans.append((start, index, label))
                del open_spans[label]
        for label, kind in current.items():
            if kind == "B" or label not in open_spans:
                if label in open_spans:
                    spans.append((open_spans[label], index, label))
                open_spans[label] = index
    spans.extend((start, len(rows), label) for label, start in open_spans.items())
    return Sentence(document, words, _outermost(spans), tags)


def _outermost(spans: list[tuple[int, int, str]]) -> tuple[tuple[int, int, str], ...]:
    """Folded spans with every span inside another removed, in order."""
    folded = sorted(
        {(s, e, fold(label)) for s, e, label in spans if fold(label) and e > s},
        key=lambda span: (span[0], -span[1]),
    )
    kept: list[tuple[int, int, str]] = []
    for start, end, label in folded:
        if kept and start < kept[-1][1]:
            continue  # nested in (or crossing) the span before it
        kept.append((start, end, label))  # type: ignore[arg-type]  # label is str: spans fold to it
    return tuple(kept)


def nkjp_split(data: Path) -> dict[str, set[str]]:
    """The document ids of the train and dev parts."""
    split = json.loads((data / NKJP_SPLIT).read_text(encoding="utf-8"))
    return {part: set(ids) for part, ids in split.items()}


def poleval_documents(data: Path) -> Iterator[RawDocument]:
    """The PolEval 2018 gold documents (first answer), spans folded and outermost."""
    with gzip.open(data / POLEVAL_FILE, "rt", encoding="utf-8") as handle:
        questions = json.load(handle)["questions"]
    for question in questions:
        text = question["input"]["fileContent"]
        brat = question["answers"][0]["data"]["brat"]
        entities: dict[str, tuple[int, int, str]] = {}
        derived: set[str] = set()
        for line in brat.splitlines():
            fields = line.split("\t")
            if line.startswith("T") and len(fields) >= 2:
                label, *offsets = fields[1].split(" ")
                if len(offsets) == 2 and offsets[0].isdigit() and offsets[1].isdigit():
                    entities[fields[0]] = (int(offsets[0]), int(offsets[1]), label)
            elif line.startswith("A") and len(fields) >= 2 and "derivType" in fields[1]:
                derived.add(fields[1].split(" ")[1])
        kept = [span for key, span in entities.items() if key not in derived]
        ignored = tuple((entities[key][0], entities[key][1]) for key in derived if key in entities)
        yield RawDocument(question["input"].get("fname", ""), text, _outermost(kept), ignored)
