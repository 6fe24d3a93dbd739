"""Page geometry and typography.

Layout is computed at LAYOUT_DPI (so line breaks do not depend on the output resolution);
rendering scales it to the output dpi.
"""

from __future__ import annotations

from pathlib import Path

A4_MM = (210.0, 297.0)
LAYOUT_DPI = 300
DEFAULT_DPI = 300
MM = LAYOUT_DPI / 25.4  # layout pixels per millimetre
MARGIN_LEFT_MM = 25.0
MARGIN_RIGHT_MM = 20.0
MARGIN_TOP_MM = 18.0
CONTENT_BOTTOM_MM = 265.0  # rows must end above this line (footer area below)
FOOTER_TOP_MM = 272.0
PAGE_NUMBER_MM = 287.0  # top of the page-number line
TEXT_WIDTH_MM = A4_MM[0] - MARGIN_LEFT_MM - MARGIN_RIGHT_MM
LINE_SPACING = 1.3  # line box height in font sizes
BASELINE = 1.0  # baseline below the line-box top, in font sizes
SIGNATURE_SPACE_MM = 14.0  # room left for the handwritten signature
TEXT_INK = 25
STAMP_INK_GREY = 95
STAMP_INKS = {"blue": (40, 70, 165), "red": (185, 45, 60), "violet": (105, 55, 150)}
# Handwritten signatures: ballpoint ink (RGB) and its grey level on greyscale pages.
SIGNATURE_INKS = {"ballpoint": (28, 45, 135), "black": (32, 32, 40)}
SIGNATURE_INK_GREY = {"ballpoint": 70, "black": 40}
PAPER_WHITE = 255
MAX_JUSTIFY_STRETCH = 8.0  # leave a line ragged only if its spaces would grow beyond this

# Font roles: (size relative to the body size, face).
ROLES: dict[str, tuple[float, str]] = {
    "body": (1.0, "regular"),
    "bold": (1.0, "bold"),
    "head": (1.25, "bold"),
    "small": (0.92, "regular"),
    "small_bold": (0.92, "bold"),
    "stamp": (0.85, "stamp"),
    "datestamp": (1.0, "mono"),
    # Name and header stamps: the same three faces for position/address lines and, a
    # little larger, for the name line (name stamps) or office name (header stamps).
    "nstamp_sans": (0.85, "stamp"),
    "nstamp_serif": (0.9, "stamp_serif"),
    "nstamp_narrow": (0.95, "stamp_narrow"),
    "nstamp_sans_name": (1.0, "stamp"),
    "nstamp_serif_name": (1.05, "stamp_serif"),
    "nstamp_narrow_name": (1.1, "stamp_narrow"),
}
STAMP_FACE_NAMES = ("sans", "serif", "narrow")

FONT_DIRS = (
    Path("/usr/share/fonts"),
    Path("/usr/local/share/fonts"),
    Path.home() / ".fonts",
    Path.home() / ".local/share/fonts",
)
FONT_FAMILIES: dict[str, dict[str, tuple[str, ...]]] = {
    "liberation-serif": {
        "regular": ("LiberationSerif-Regular.ttf",),
        "bold": ("LiberationSerif-Bold.ttf",),
    },
    "liberation-sans": {
        "regular": ("LiberationSans-Regular.ttf",),
        "bold": ("LiberationSans-Bold.ttf",),
    },
    "dejavu-serif": {"regular": ("DejaVuSerif.ttf",), "bold": ("DejaVuSerif-Bold.ttf",)},
    "dejavu-sans": {"regular": ("DejaVuSans.ttf",), "bold": ("DejaVuSans-Bold.ttf",)},
}
STAMP_FACES = ("LiberationSans-Bold.ttf", "DejaVuSans-Bold.ttf", "DejaVuSansCondensed-Bold.ttf")
STAMP_SERIF_FACES = ("LiberationSerif-Bold.ttf", "DejaVuSerif-Bold.ttf")
STAMP_NARROW_FACES = ("LiberationSansNarrow-Bold.ttf", "DejaVuSansCondensed-Bold.ttf")
MONO_FACES = (
    "LiberationMono-Bold.ttf",
    "DejaVuSansMono-Bold.ttf",
    "LiberationMono-Regular.ttf",
    "DejaVuSansMono.ttf",
)
