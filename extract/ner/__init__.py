"""The NER host: the one package that imports spaCy and loads its pipelines.

No Polish spaCy pipeline can be installed from the package registries, and nothing may be
downloaded at run time. So the pipeline is, in order of preference:

1. what ``PISMO_NER_MODEL`` names: a path or an installed package (it must exist, or
   extraction stops with an error saying so), ``installed`` for the first installed
   ``pl_core_news_lg`` / ``md`` / ``sm`` (never downloaded), or ``blank``;
2. the model pismo ships (``extract/ner/model``, trained on NKJP 1M by
   ``python -m extract.ner.train``);
3. ``spacy.blank("pl")``: the Polish tokenizer alone.

Whatever the base, pismo adds its own component, ``pismo_persons``: person names found
with Morfeusz (a first name Poles bear, then surname-like capitalised words, never an
office word), as ``persName`` entities where the base pipeline marked nothing. Entities
carry the nominative form of the name in ``span._.nominative``.

The pipeline is built once per process, on first use: the CLI does not import spaCy unless
extraction runs.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import regex

from extract import people
from extract.errors import MissingResourceError

PERSON = "persName"
ORGANIZATION = "orgName"
MODEL_VARIABLE = "PISMO_NER_MODEL"
_INSTALLED = ("pl_core_news_lg", "pl_core_news_md", "pl_core_news_sm")
# Whether Morfeusz names replace overlapping model spans (True) or only fill gaps (False);
# chosen by measurement on PolEval 2018 (see README and extract/ner/model/pismo.json).
PERSONS_OVERRIDE = False
MAX_NAME_TOKENS = 4  # "Anna Maria Nowak-Kowalska" is 4 tokens once the hyphen is split off
SHIPPED = Path(__file__).resolve().parent / "model"  # trained by extract/ner/train.py


@dataclass(frozen=True, slots=True)
class Entity:
    """A named entity: character span in the text, label and, for persons, the nominative."""

    start: int
    end: int
    label: str
    text: str
    nominative: str | None


def entities(text: str, nlp: Any = None) -> list[Entity]:
    """The entities of a text, in order (``nlp``: another pipeline than pismo's).

    The text is read sentence by sentence, as the model was trained (NKJP's sentences
    are its documents): run over a whole paragraph, it takes the capitalised first word
    of a sentence inside it for a name. On PolEval 2018 that raised micro F1 by 4.6
    points and persName F1 by 7.4.
    """
    nlp = nlp or pipeline()
    found = []
    starts, pieces = zip(*sentences(text), strict=True) if text else ((), ())
    for start, doc in zip(starts, nlp.pipe(pieces), strict=True):
        for span in doc.ents:
            nominative = span._.nominative if span.label_ == PERSON and _has_nominative() else None
            found.append(
                Entity(
                    start + span.start_char,
                    start + span.end_char,
                    span.label_,
                    span.text,
                    nominative,
                )
            )
    return found


# A sentence ends at ".", "!", "?" or "…" before a capital (or an opening quote or
# bracket), or at a line break: letters set their blocks one item per line.
_SENTENCE_END = regex.compile(r"(?<=[.!?…])\s+(?=[\p{Lu}„\"(])|\n+")


def sentences(text: str) -> list[tuple[int, str]]:
    """The sentences of a text with their start offsets."""
    found, position = [], 0
    for boundary in _SENTENCE_END.finditer(text):
        if boundary.start() > position:
            found.append((position, text[position : boundary.start()]))
        position = boundary.end()
    if position < len(text):
        found.append((position, text[position:]))
    return found


def _has_nominative() -> bool:
    from spacy.tokens import Span

    return Span.has_extension("nominative")


def describe() -> str:
    """Which pipeline runs: ``"blank pl + pismo_persons"``, a package name or a path."""
    return pipeline().meta.get("pismo_base", "?")


def pipeline() -> Any:
    """The spaCy pipeline (built on first use, then shared by every letter of the process).

    Built under a lock: a batch worker's warm-up thread may be building it
    (:func:`extract.warm_up`) when a letter first needs it.
    """
    with _BUILDING:
        return _pipeline()


_BUILDING = threading.Lock()


def forget() -> None:
    """Drop the pipeline built: the next use builds it again (after ``PISMO_NER_MODEL`` changed)."""
    with _BUILDING:
        _pipeline.cache_clear()


@cache
def _pipeline() -> Any:
    try:
        import spacy
    except ImportError as error:  # pragma: no cover - a dependency of the package
        raise MissingResourceError("spaCy is not installed; run: pip install spacy") from error
    nlp, base = _base(spacy)
    add_person_component(nlp)
    nlp.meta["pismo_base"] = base
    return nlp


def add_person_component(nlp: Any) -> None:
    """Add pismo's Morfeusz person component at the end of a pipeline."""
    from spacy.language import Language
    from spacy.tokens import Span

    if not Span.has_extension("nominative"):
        Span.set_extension("nominative", getter=_nominative)
    if "pismo_persons" not in Language.factories:
        Language.component("pismo_persons", func=_mark_persons)
    if "pismo_persons" not in nlp.pipe_names:
        nlp.add_pipe("pismo_persons", last=True)


def _base(spacy: Any) -> tuple[Any, str]:
    """The base pipeline: see the module docstring for the order."""
    from extract.ner import lexicon

    lexicon.register()  # pismo's own models start with it
    configured = os.environ.get(MODEL_VARIABLE, "").strip()
    if configured == "blank":
        return spacy.blank("pl"), "blank pl"
    if configured == "installed":
        for name in _INSTALLED:
            if spacy.util.is_package(name):
                return spacy.load(name), name
        raise MissingResourceError(
            f"{MODEL_VARIABLE}=installed, but none of {', '.join(_INSTALLED)} is installed"
        )
    if configured:
        try:
            return spacy.load(configured), configured
        except OSError as error:
            raise MissingResourceError(
                f"{MODEL_VARIABLE}={configured}: no spaCy pipeline there ({error}); "
                f"unset it to use the built-in one"
            ) from error
    if (SHIPPED / "meta.json").is_file():
        return spacy.load(SHIPPED), "pismo NKJP model"
    return spacy.blank("pl"), "blank pl"


def _mark_persons(doc: Any) -> Any:
    """Mark the names Morfeusz recognises as ``persName``.

    Where the model marked nothing they are added. With ``PERSONS_OVERRIDE`` they also
    replace overlapping model spans; measured on PolEval 2018 that lost 0.5 point of
    persName F1 against filling gaps only, so it is off.
    """
    found = list(_person_spans(doc))
    if not found:
        return doc
    taken = {i for span in found for i in range(span.start, span.end)}
    if PERSONS_OVERRIDE:
        kept = [s for s in doc.ents if not taken.intersection(range(s.start, s.end))]
        doc.ents = sorted([*kept, *found], key=lambda span: span.start)
        return doc
    marked = {token.i for span in doc.ents for token in span}
    added = [s for s in found if not marked.intersection(range(s.start, s.end))]
    if added:
        doc.set_ents(added, default="unmodified")
    return doc


def _person_spans(doc: Any) -> Iterator[Any]:
    from spacy.tokens import Span

    index = 0
    while index < len(doc):
        end = _name_end(doc, index)
        if end is None:
            index += 1
            continue
        yield Span(doc, index, end, label=PERSON)
        index = end


def _name_end(doc: Any, start: int) -> int | None:
    """The end of the longest name starting at token ``start`` (None if none starts there)."""
    first = doc[start]
    if not first.text[:1].isupper() or first.is_space:
        return None
    best = None
    end = start
    while end < len(doc) and end - start < MAX_NAME_TOKENS:
        token = doc[end]
        if token.is_space or (token.text != "-" and not token.text[:1].isupper()):
            break
        end += 1
        if doc[end - 1].text != "-" and people.find_name(doc[start:end].text) is not None:
            best = end
    return best


def _nominative(span: Any) -> str | None:
    found = people.find_name(span.text)
    return found.value if found else None
