"""Train pismo's Polish NER on NKJP 1M: ``python -m extract.ner.train`` (``make ner-model``).

Steps: read NKJP 1M from ``--data`` (``../shared/data/ner`` by default), fold its labels
into six and keep the outermost spans (:mod:`extract.ner.corpus`), split it by document
with the corpus's split file, write spaCy's binary corpora, train with
``extract/ner/config.cfg`` and put the best model in ``--out`` (``extract/ner/model``,
which ``pip install .`` ships) with a ``pismo.json`` recording the data, the split, the
licence and the config's hash; ``python -m extract.ner.evaluate`` then adds the metrics.

``--limit`` and ``--max-steps`` make a small run (the CI smoke test trains a few hundred
sentences for a few steps to prove the command works end to end).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sys
import tempfile
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from extract.ner import corpus, lexicon

HERE = Path(__file__).resolve().parent
CONFIG = HERE / "config.cfg"
DEFAULT_OUT = HERE / "model"
DEFAULT_DATA = HERE.parents[2] / "shared" / "data" / "ner"
LICENCE = "GPL-3.0-or-later (trained on NKJP 1M, GPL-3.0, IPI PAN)"
# Punctuation written without a space before / after it, to give the training texts the
# shape of running text (NKJP stores tokens, not the spaces between them).
_NO_SPACE_BEFORE = frozenset(",.:;!?)]}%…”")
_NO_SPACE_AFTER = frozenset("([{„")


def spaces(words: Sequence[str]) -> list[bool]:
    """Whether each token is followed by a space, guessed from punctuation."""
    following = [*words[1:], ""]
    return [
        bool(nxt) and nxt[:1] not in _NO_SPACE_BEFORE and word[-1:] not in _NO_SPACE_AFTER
        for word, nxt in zip(words, following, strict=True)
    ]


def write_corpora(data: Path, folder: Path, limit: int | None = None) -> dict[str, int]:
    """Write ``train.spacy`` and ``dev.spacy`` into ``folder``; return sentence counts."""
    import spacy
    from spacy.tokens import DocBin

    nlp = spacy.blank("pl")
    split = corpus.nkjp_split(data)
    bins = {"train": DocBin(), "dev": DocBin()}
    counts = {"train": 0, "dev": 0}
    for sentence in corpus.nkjp_sentences(data):
        part = "dev" if sentence.document in split["dev"] else "train"
        if limit is not None and counts[part] >= limit:
            continue
        doc = _doc(nlp, sentence)
        bins[part].add(doc)
        counts[part] += 1
    for part, docbin in bins.items():
        docbin.to_disk(folder / f"{part}.spacy")
    return counts


def _doc(nlp: Any, sentence: corpus.Sentence) -> Any:
    from spacy.tokens import Doc

    doc = Doc(nlp.vocab, words=list(sentence.words), spaces=spaces(sentence.words))
    doc.ents = [_span(doc, span) for span in sentence.spans]
    for token, tag in zip(doc, sentence.tags, strict=False):
        token.tag_ = tag  # for a config that also learns parts of speech (multi-task)
    return doc


def _span(doc: Any, span: tuple[int, int, str]) -> Any:
    from spacy.tokens import Span

    start, end, label = span
    return Span(doc, start, end, label=label)


def config_hash(path: Path = CONFIG) -> str:
    """SHA-256 of the training config without its comments, recorded with the model it made.

    Comments do not change the model, so rewording them does not orphan a shipped model.
    """
    lines = path.read_text(encoding="utf-8").splitlines()
    settings = "\n".join(line for line in lines if not line.lstrip().startswith("#"))
    return hashlib.sha256(settings.encode("utf-8")).hexdigest()


def train(
    data: Path,
    out: Path,
    *,
    limit: int | None = None,
    max_steps: int | None = None,
    workdir: Path | None = None,
    settings: dict[str, Any] | None = None,
    config: Path = CONFIG,
) -> dict[str, Any]:
    """Convert, train and install the model in ``out``; return what ``pismo.json`` says."""
    from spacy.cli.train import train as spacy_train

    lexicon.register()  # the config's first component
    started = time.monotonic()
    with tempfile.TemporaryDirectory(dir=workdir) as scratch:
        folder = Path(scratch)
        counts = write_corpora(data, folder, limit)
        overrides: dict[str, Any] = {
            "paths.train": str(folder / "train.spacy"),
            "paths.dev": str(folder / "dev.spacy"),
        }
        overrides.update(settings or {})
        if max_steps is not None:
            overrides["training.max_steps"] = max_steps
            overrides["training.eval_frequency"] = max(1, min(500, max_steps))
        spacy_train(config, folder / "trained", overrides=overrides)
        best = folder / "trained" / "model-best"
        staging = out.with_name(f".{out.name}.new")
        shutil.rmtree(staging, ignore_errors=True)
        shutil.copytree(best, staging)
        info = {
            "labels": list(corpus.LABELS),
            "training_data": "NKJP 1M named entities (PolDeepNer nkjp-nested-simplified-v2), "
            "outermost spans, labels folded into six",
            "split": f"{corpus.NKJP_SPLIT} (by document)",
            "sentences": counts,
            "licence": LICENCE,
            "config": config.name,
            "config_sha256": config_hash(config),
            "overrides": {k: v for k, v in overrides.items() if not k.startswith("paths.")},
            "training_seconds": round(time.monotonic() - started),
        }
        (staging / "pismo.json").write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
        # The model replaces the old one only once it is complete.
        if out.exists():
            shutil.rmtree(out)
        staging.rename(out)
    return info


def main(argv: Iterable[str] | None = None) -> int:
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the ner data folder")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--limit", type=int, help="sentences per part (a small run)")
    parser.add_argument("--max-steps", type=int, help="training steps (default: the config's)")
    parser.add_argument("--workdir", type=Path, help="where the binary corpora go (temp)")
    parser.add_argument("--config", type=Path, default=CONFIG, help="the training config")
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="override a config value (e.g. components.tok2vec.model.encode.width=160)",
    )
    args = parser.parse_args(list(argv) if argv is not None else None)
    if not (args.data / corpus.NKJP_FILE).is_file():
        print(f"{args.data / corpus.NKJP_FILE}: not found; pass --data", file=sys.stderr)
        return 1
    settings = {}
    for item in args.set:
        key, _, value = item.partition("=")
        settings[key] = json.loads(value) if value[:1] in "[{0123456789-" else value
    info = train(
        args.data,
        args.out,
        limit=args.limit,
        max_steps=args.max_steps,
        workdir=args.workdir,
        settings=settings,
        config=args.config,
    )
    print(json.dumps(info, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
