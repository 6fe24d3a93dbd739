"""Scan simulation: paper tone, lighting, skew, blur, noise, binarisation and rotation."""

from __future__ import annotations

import io
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from PIL import Image, ImageFilter

from .geometry import DEFAULT_DPI


@dataclass(frozen=True)
class ScanProfile:
    """How a letter is "scanned": resolution and degradations, applied in this order.

    Paper tone and uneven lighting, skew, blur, noise, salt-and-pepper, binarisation,
    rotation; JPEG artefacts come from the JPEG encoding of the output (or a JPEG round trip
    for other formats).

    Attributes:
        dpi: Rendering resolution.
        color: Render in RGB (coloured stamp ink, tinted paper).
        paper: Paper grey level (e.g. 232), None for white.
        illumination: Strength of uneven lighting, 0 (none) to ~0.35.
        skew: Degrees the page content is turned clockwise (a crooked sheet).
        blur: Gaussian blur radius in pixels at 300 dpi.
        noise: Gaussian noise sigma (grey levels).
        salt_pepper: Fraction of pixels turned black or white.
        binarize: Threshold for a 1-bit (fax-like) image, or None.
        rotation: 0, 90, 180 or 270: degrees the page content is turned clockwise.
        jpeg_quality: JPEG quality (30-95) of the output or of a round trip, or None.
        write_dpi: Write the resolution into the file.
    """

    dpi: int = DEFAULT_DPI
    color: bool = False
    paper: int | None = None
    illumination: float = 0.0
    skew: float = 0.0
    blur: float = 0.0
    noise: float = 0.0
    salt_pepper: float = 0.0
    binarize: int | None = None
    rotation: int = 0
    jpeg_quality: int | None = None
    write_dpi: bool = True

    def degradations(self) -> list[dict[str, object]]:
        """The applied degradations, for the manifest (empty for a clean 300-dpi scan)."""
        out: list[dict[str, object]] = []
        if self.dpi < DEFAULT_DPI:
            out.append({"type": "low_dpi", "dpi": self.dpi})
        if self.paper is not None:
            out.append({"type": "grey_background", "level": self.paper})
        if self.illumination:
            out.append({"type": "uneven_lighting", "strength": self.illumination})
        if self.skew:
            out.append({"type": "skew", "degrees_clockwise": self.skew})
        if self.blur:
            out.append({"type": "blur", "radius_px_at_300dpi": self.blur})
        if self.noise:
            out.append({"type": "gaussian_noise", "sigma": self.noise})
        if self.salt_pepper:
            out.append({"type": "salt_and_pepper", "fraction": self.salt_pepper})
        if self.binarize is not None:
            out.append({"type": "binarize", "threshold": self.binarize})
        if self.rotation:
            out.append({"type": "rotation", "degrees_clockwise": self.rotation})
        if self.jpeg_quality is not None:
            out.append({"type": "jpeg", "quality": self.jpeg_quality})
        if not self.write_dpi:
            out.append({"type": "no_dpi_metadata"})
        return out


TRANSPOSE_CLOCKWISE = {
    90: Image.Transpose.ROTATE_270,
    180: Image.Transpose.ROTATE_180,
    270: Image.Transpose.ROTATE_90,
}


def _paper(image: Image.Image, profile: ScanProfile, rng: np.random.Generator) -> Image.Image:
    """Tint the paper and add uneven lighting (multiplicative, text stays dark)."""
    if profile.paper is None and not profile.illumination:
        return image
    arr = np.asarray(image, dtype=np.float32)
    h, w = arr.shape[:2]
    level = (profile.paper if profile.paper is not None else 255) / 255.0
    field_ = np.full((h, w), level, dtype=np.float32)
    if profile.illumination:
        yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
        ax, ay = rng.uniform(-1, 1, size=2)
        cx, cy = rng.uniform(0.2, 0.8) * w, rng.uniform(0.2, 0.8) * h
        ramp = (ax * (xx / w - 0.5) + ay * (yy / h - 0.5)) / 2 + 0.5
        vignette = ((xx - cx) / w) ** 2 + ((yy - cy) / h) ** 2
        field_ *= 1.0 - profile.illumination * np.clip(0.6 * ramp + 0.8 * vignette, 0, 1)
    if arr.ndim == 3:
        tint = np.array([1.0, 0.985, 0.94], dtype=np.float32)  # slightly yellow paper
        arr = arr * field_[..., None] * tint
    else:
        arr = arr * field_
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), image.mode)


def _noise(image: Image.Image, profile: ScanProfile, rng: np.random.Generator) -> Image.Image:
    if not profile.noise and not profile.salt_pepper:
        return image
    # float32 pixels; adding the (float64) noise makes the array float64.
    arr: NDArray[np.floating] = np.asarray(image, dtype=np.float32)
    if profile.noise:
        arr = (
            arr
            + rng.normal(0.0, profile.noise, size=arr.shape[:2])[
                (...,) + ((None,) if arr.ndim == 3 else ())
            ]
        )
    if profile.salt_pepper:
        mask = rng.random(arr.shape[:2])
        arr[mask < profile.salt_pepper / 2] = 0
        arr[mask > 1 - profile.salt_pepper / 2] = 255
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), image.mode)


def degrade(image: Image.Image, profile: ScanProfile, rng: np.random.Generator) -> Image.Image:
    """Apply a scan profile to one clean page image.

    Args:
        image: A page from render_letter at profile.dpi.
        profile: The degradations.
        rng: Random source for lighting and noise.

    Returns:
        The "scanned" page (mode "1" when binarised).
    """
    out = _paper(image, profile, rng)
    if profile.skew:
        white = 255 if out.mode == "L" else (255, 255, 255)
        out = out.rotate(-profile.skew, resample=Image.Resampling.BICUBIC, fillcolor=white)
    if profile.blur:
        out = out.filter(ImageFilter.GaussianBlur(profile.blur * profile.dpi / DEFAULT_DPI))
    out = _noise(out, profile, rng)
    if profile.binarize is not None:
        table = [0 if v < profile.binarize else 255 for v in range(256)]
        out = out.convert("L").point(table, "1")
    if profile.rotation:
        out = out.transpose(TRANSPOSE_CLOCKWISE[profile.rotation])
    return out


def jpeg_round_trip(image: Image.Image, quality: int) -> Image.Image:
    """Encode and decode as JPEG to add block artefacts."""
    buffer = io.BytesIO()
    image.convert("RGB" if image.mode == "RGB" else "L").save(buffer, "JPEG", quality=quality)
    buffer.seek(0)
    with Image.open(buffer) as decoded:
        return decoded.copy()
