"""The NER host: the one module that imports spaCy and loads its pipelines.

No Polish spaCy pipeline can be installed from the package registries, and nothing may be
downloaded at run time. So the pipeline is, in order of preference:

1. the pipeline named by ``PISMO_NER_MODEL`` (a path or an installed package; it must exist,
   or extraction stops with an error saying so);
2. an installed ``pl_core_news_lg`` / ``md`` / ``sm`` (never downloaded);
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
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from extract import people
from ocr.errors import MissingDependencyError

PERSON = "persName"
MODEL_VARIABLE = "PISMO_NER_MODEL"
_INSTALLED = ("pl_core_news_lg", "pl_core_news_md", "pl_core_news_sm")
MAX_NAME_TOKENS = 4  # "Anna Maria Nowak-Kowalska" is 4 tokens once the hyphen is split off


@dataclass(frozen=True, slots=True)
class Entity:
    """A named entity: character span in the text, label and, for persons, the nominative."""

    start: int
    end: int
    label: str
    text: str
    nominative: str | None


def entities(text: str) -> list[Entity]:
    """The entities of a text, in order."""
    doc = pipeline()(text)
    return [
        Entity(
            span.start_char,
            span.end_char,
            span.label_,
            span.text,
            span._.nominative if span.label_ == PERSON else None,
        )
        for span in doc.ents
    ]


def describe() -> str:
    """Which pipeline runs: ``"blank pl + pismo_persons"``, a package name or a path."""
    return pipeline().meta.get("pismo_base", "?")


@cache
def pipeline() -> Any:
    """The spaCy pipeline (built on first use, then shared by every letter of the process)."""
    try:
        import spacy
        from spacy.language import Language
        from spacy.tokens import Span
    except ImportError as error:  # pragma: no cover - a dependency of the package
        raise MissingDependencyError("spaCy is not installed; run: pip install spacy") from error
    if not Span.has_extension("nominative"):
        Span.set_extension("nominative", getter=_nominative)
    if "pismo_persons" not in Language.factories:
        Language.component("pismo_persons", func=_mark_persons)
    nlp, base = _base(spacy)
    nlp.add_pipe("pismo_persons", last=True)
    nlp.meta["pismo_base"] = base
    return nlp


def _base(spacy: Any) -> tuple[Any, str]:
    configured = os.environ.get(MODEL_VARIABLE)
    if configured:
        try:
            return spacy.load(configured), configured
        except OSError as error:
            raise MissingDependencyError(
                f"{MODEL_VARIABLE}={configured}: no spaCy pipeline there ({error}); "
                f"unset it to use the built-in one"
            ) from error
    for name in _INSTALLED:
        if spacy.util.is_package(name):
            return spacy.load(name), name
    return spacy.blank("pl"), "blank pl"


def _mark_persons(doc: Any) -> Any:
    """Add ``persName`` spans for the names Morfeusz recognises, where nothing is marked."""
    taken = {token.i for span in doc.ents for token in span}
    found = [
        span for span in _person_spans(doc) if not taken.intersection(range(span.start, span.end))
    ]
    if found:
        doc.set_ents(found, default="unmodified")
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
