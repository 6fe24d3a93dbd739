"""The extraction half of pismo: OCR words in, catalogue fields with evidence out.

Stages find candidates and one resolver chooses. The fields are declared once, in
:mod:`extract.fields`; the layout analyses the stages share are computed once per letter,
in :mod:`extract.layout`. This package imports only :mod:`ocr.types` from the OCR half,
never an image or OCR library.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from extract.model import ExtractionResult
    from extract.stages import Stage
    from ocr.types import OcrDocument


def extract(document: OcrDocument, stages: Iterable[Stage] | None = None) -> ExtractionResult:
    """Run the stages (default: all, :data:`extract.run.STAGES`) and resolve each field.

    Raises:
        StageError: If a stage proposes a field it does not declare.
    """
    _join_warming()
    from extract import run  # on first use: see extract.run

    return run.extract(document, run.STAGES if stages is None else stages)


_warming: threading.Thread | None = None
_basics = threading.Event()  # the stages imported and Morfeusz loaded, by the warm-up


def warm_up(*, ner: bool = False) -> None:
    """Load what extraction needs in a thread of its own, once per process.

    A batch worker calls this as its first page's OCR starts, and waits on Tesseract
    meanwhile: the stages' imports and Morfeusz's dictionary load in that wait instead
    of after the page. ``ner``: the NER model too (spaCy, 0.7 s of a core; only letters
    whose names the rules miss need it), when a core stands idle for it. A failure is
    left for extraction itself to report.
    """
    global _warming
    if _warming is None:
        _warming = threading.Thread(target=_load, args=(ner,), name="pismo-warm-up", daemon=True)
        _warming.start()


def _load(ner: bool) -> None:
    try:
        from extract import morph, run  # noqa: F401

        morph.readings("Warszawa")
    except Exception:  # noqa: BLE001, S110 - extraction reports it, with its context
        pass
    finally:
        _basics.set()
    if not ner:
        return
    try:
        from extract import ner as entities

        entities.pipeline()  # locked: a letter that needs it meanwhile waits, never loads twice
    except Exception:  # noqa: BLE001, S110
        pass


def _join_warming() -> None:
    """Wait for the warm-up's first half: two threads must not load Morfeusz at once."""
    if _warming is not None:
        _basics.wait()
