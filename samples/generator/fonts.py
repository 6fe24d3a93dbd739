"""Fonts: finding the installed TrueType faces and sizing them for a letter."""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from PIL import ImageFont

from .geometry import (
    FONT_DIRS,
    FONT_FAMILIES,
    LAYOUT_DPI,
    LINE_SPACING,
    MONO_FACES,
    ROLES,
    STAMP_FACES,
    STAMP_NARROW_FACES,
    STAMP_SERIF_FACES,
)
from .model import LetterLayout


class FontNotFoundError(RuntimeError):
    """No usable TrueType font was found."""


@functools.lru_cache(maxsize=1)
def _font_index() -> dict[str, Path]:
    dirs = list(FONT_DIRS)
    if extra := os.environ.get("PISMO_FONT_DIR"):
        dirs.insert(0, Path(extra))
    index: dict[str, Path] = {}
    for folder in dirs:
        if folder.is_dir():
            for path in sorted(folder.rglob("*.ttf")):
                index.setdefault(path.name, path)
    return index


def _first_font(names: Iterable[str]) -> Path | None:
    index = _font_index()
    return next((index[n] for n in names if n in index), None)


@functools.lru_cache(maxsize=16)
def font_faces(family: str) -> dict[str, Path]:
    """Font files for the faces of a family, falling back to any installed family.

    Args:
        family: One of FONT_FAMILIES.

    Returns:
        Paths for the faces "regular", "bold", "stamp", "stamp_serif", "stamp_narrow"
        and "mono".

    Raises:
        FontNotFoundError: When neither DejaVu nor Liberation fonts are installed.
    """
    order = [family, *(f for f in FONT_FAMILIES if f != family)]
    for name in order:
        faces = FONT_FAMILIES.get(name)
        if not faces:
            continue
        regular, bold = _first_font(faces["regular"]), _first_font(faces["bold"])
        if regular and bold:
            stamp = _first_font(STAMP_FACES) or bold
            mono = _first_font(MONO_FACES) or bold
            return {
                "regular": regular,
                "bold": bold,
                "stamp": stamp,
                "stamp_serif": _first_font(STAMP_SERIF_FACES) or bold,
                "stamp_narrow": _first_font(STAMP_NARROW_FACES) or stamp,
                "mono": mono,
            }
    raise FontNotFoundError(
        "no DejaVu or Liberation TrueType font found under "
        + ", ".join(str(d) for d in FONT_DIRS)
        + ": install fonts-dejavu-core or fonts-liberation (or set PISMO_FONT_DIR)"
    )


@functools.lru_cache(maxsize=512)
def _load_font(path: Path, size: float) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(path), size)


class Typesetter:
    """Fonts of one letter at one resolution."""

    def __init__(self, layout: LetterLayout, dpi: float = LAYOUT_DPI) -> None:
        self.faces = font_faces(layout.font_family)
        self.pt = layout.font_pt
        self.dpi = dpi

    def size(self, role: str) -> float:
        """Font size of a role, in pixels."""
        return ROLES[role][0] * self.pt * self.dpi / 72.0

    def font(self, role: str) -> ImageFont.FreeTypeFont:
        """The font of a role."""
        return _load_font(self.faces[ROLES[role][1]], round(self.size(role) * 4) / 4)

    def width(self, runs: Sequence[tuple[str, str]]) -> float:
        """Advance width of a line's runs, in pixels."""
        return sum(self.font(role).getlength(text) for text, role in runs)

    def line_height(self, runs: Sequence[tuple[str, str]]) -> float:
        """Height of a line box, in pixels."""
        return LINE_SPACING * max(self.size(role) for _, role in runs)
