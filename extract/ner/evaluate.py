"""Measure pismo's NER: ``python -m extract.ner.evaluate`` (``make ner-eval``).

- NKJP 1M dev part (the documents of the split file's ``dev``): the corpus's own tokens,
  exact span match, precision, recall and F1 per label and overall (micro).
- PolEval 2018 gold: raw text in, read sentence by sentence as pismo reads text
  (:func:`extract.ner.entities`), exact character spans, micro F1 over
  the six labels; gold labels folded and nested gold spans giving way to the span around
  them, as in training; predictions on spans marked ``derivType`` are neither right nor
  wrong (:mod:`extract.ner.corpus`).
- Speed: tokens per second of the whole pipeline on one core, and the model's load time.

``--write-meta`` stores the figures in the model's ``pismo.json``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterable
from itertools import islice
from pathlib import Path
from typing import Any

from extract import ner
from extract.ner import corpus, lexicon
from extract.ner.train import DEFAULT_DATA, DEFAULT_OUT, spaces


def scores(
    gold: Iterable[tuple[object, int, int, str]], predicted: Iterable[tuple[object, int, int, str]]
) -> dict[str, dict[str, float]]:
    """P/R/F per label and ``"all"`` from (document, start, end, label) spans."""
    gold_set, predicted_set = set(gold), set(predicted)
    table: dict[str, dict[str, float]] = {}
    for label in (*corpus.LABELS, "all"):
        g = {s for s in gold_set if label in ("all", s[3])}
        p = {s for s in predicted_set if label in ("all", s[3])}
        hits = len(g & p)
        precision = hits / len(p) if p else 0.0
        recall = hits / len(g) if g else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        table[label] = {
            "p": round(precision, 4),
            "r": round(recall, 4),
            "f": round(f1, 4),
            "gold": len(g),
        }
    return table


def nkjp_dev(nlp: Any, data: Path, limit: int | None = None) -> dict[str, dict[str, float]]:
    """Exact-span scores on the NKJP dev documents, on the corpus's tokens."""
    from spacy.tokens import Doc

    dev = corpus.nkjp_split(data)["dev"]
    sentences = (s for s in corpus.nkjp_sentences(data) if s.document in dev)
    gold: list[tuple[int, int, int, str]] = []
    predicted: list[tuple[int, int, int, str]] = []
    for number, sentence in enumerate(islice(sentences, limit)):
        doc = Doc(nlp.vocab, words=list(sentence.words), spaces=spaces(sentence.words))
        doc = nlp(doc)
        gold.extend((number, s, e, label) for s, e, label in sentence.spans)
        predicted.extend((number, ent.start, ent.end, ent.label_) for ent in doc.ents)
    return scores(gold, predicted)


def poleval(nlp: Any, data: Path, limit: int | None = None) -> dict[str, dict[str, float]]:
    """Exact character-span scores on PolEval 2018 gold, raw text in."""
    gold: list[tuple[int, int, int, str]] = []
    predicted: list[tuple[int, int, int, str]] = []
    for number, document in enumerate(islice(corpus.poleval_documents(data), limit)):
        ignored = set(document.ignored)
        gold.extend((number, s, e, label) for s, e, label in document.spans)
        for ent in ner.entities(document.text, nlp):
            if (ent.start, ent.end) not in ignored:
                predicted.append((number, ent.start, ent.end, ent.label))
    return scores(gold, predicted)


def speed(nlp: Any, data: Path, documents: int = 200) -> float:
    """Tokens per second of the pipeline on PolEval texts, one process."""
    texts = [d.text for d in islice(corpus.poleval_documents(data), documents)]
    tokens = sum(len(nlp.make_doc(text)) for text in texts)
    started = time.perf_counter()
    for text in texts:
        ner.entities(text, nlp)
    return tokens / (time.perf_counter() - started)


def main(argv: Iterable[str] | None = None) -> int:
    """The command line: print the figures as JSON (and store them with --write-meta)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, help="sentences (NKJP) / documents (PolEval)")
    parser.add_argument("--with-persons", action="store_true", help="add pismo_persons")
    parser.add_argument(
        "--persons-override",
        action="store_true",
        help="pismo_persons replaces overlapping model spans (default: fills gaps only)",
    )
    parser.add_argument("--write-meta", action="store_true")
    args = parser.parse_args(list(argv) if argv is not None else None)
    import spacy

    lexicon.register()
    started = time.perf_counter()
    nlp = spacy.load(args.model)
    load_seconds = time.perf_counter() - started
    if args.with_persons:
        ner.PERSONS_OVERRIDE = args.persons_override
        ner.add_person_component(nlp)
    result = {
        "model": str(args.model),
        "load_seconds": round(load_seconds, 2),
        "nkjp_dev": nkjp_dev(nlp, args.data, args.limit),
        "poleval2018": poleval(nlp, args.data, args.limit),
        "tokens_per_second": round(speed(nlp, args.data)),
        "limit": args.limit,
        "with_persons": args.with_persons,
        "persons_override": args.with_persons and args.persons_override,
    }
    print(json.dumps(result, indent=2))
    if args.write_meta:
        meta_path = args.model / "pismo.json"
        meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
        key = "model"
        if args.with_persons:
            key = "model+persons_override" if args.persons_override else "model+persons_fill"
        meta.setdefault("evaluation", {})[key] = {k: v for k, v in result.items() if k != "model"}
        meta_path.write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
