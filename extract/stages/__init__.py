"""Extraction stages: each finds candidates for the fields it declares; none decides.

A stage is a function of the letter's :class:`~extract.layout.Layout` (text, words, and the
shared layout analyses) and of the candidates earlier stages proposed for the fields it
``requires``. It declares the fields it ``produces``; :func:`extract.extract` runs the
stages in order, checks both declarations and hands every candidate to the resolver. A
stage never imports another stage: what two stages share is computed once by the layout.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from extract.fields import FieldName
from extract.layout import Layout
from extract.model import Candidate

# The candidates proposed by earlier stages, for the fields a stage requires.
Earlier = Mapping[FieldName, Sequence[Candidate]]
NOTHING: Earlier = {}


@dataclass(frozen=True, slots=True)
class Stage:
    """A registered stage: its name (the candidates' ``source``), function and fields."""

    name: str
    find: Callable[[Layout, Earlier], Iterable[Candidate]]
    produces: frozenset[FieldName]
    requires: frozenset[FieldName] = frozenset()
