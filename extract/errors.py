"""Typed errors of the extraction half; the CLI maps them to exit codes."""

from __future__ import annotations


class ExtractError(Exception):
    """Base of the errors extraction raises on purpose; its message is meant for the user."""


class MissingResourceError(ExtractError):
    """A library or model extraction needs is missing; the message says what to install."""


class StageError(ExtractError):
    """A stage is registered wrongly: a field it requires or proposes is not declared."""
