"""Typed errors of the OCR half. ``pipeline`` maps them to exit codes and index entries."""

from __future__ import annotations


class PismoError(Exception):
    """Base of every error pismo raises on purpose; its message is meant for the user."""


class InputFileError(PismoError):
    """An input file cannot be read as a letter: corrupt, encrypted, unsupported, too big."""


class MissingDependencyError(PismoError):
    """An external program or data file is missing; the message says what to install."""


class OcrEngineError(PismoError):
    """The OCR engine failed in a way that is not a known harmless case."""


class OcrTimeoutError(OcrEngineError):
    """The OCR engine took longer than the per-page timeout.

    Its message holds :data:`TIMEOUT_PHRASE`, which the page's warning repeats: a batch
    recognises a letter with a page given up on by it (and tries that letter again).
    """


TIMEOUT_PHRASE = "took longer than"
