"""Synthetic "scanned" Polish municipal letters: page images, printed text and truth.

Pillow, numpy and the standard library only; nothing here imports ``ocr/`` or ``extract/``.
Every letter is described by a :class:`LetterSpec`, composed into rows of text blocks, laid
out on A4 pages at a fixed layout resolution (so line breaks do not depend on the output
dpi), rendered at any dpi, optionally degraded like a scan, and written with its ground
truth:

* ``<id>.<ext>``: the scan (PNG, JPEG, TIFF single/multi-page, image-only PDF);
* ``<id>.expected.json``: the fields a careful reader extracts, in exactly the format of
  ``../shared/dev-letters/*.truth.json``;
* ``<id>.gt.txt``: the text printed on the page(s), one printed line per line, in reading
  order, pages separated by a form feed;
* ``manifest.json``: what was applied to every sample (dpi, rotation, skew, degradations).

Reading order (also documented in ``samples/README.md``): the page is a sequence of rows
(bands) top to bottom. Where blocks share a band (letterhead and date, reference and date,
registry stamp and addressee), their lines are merged by height like visual lines: lines
whose vertical centres are less than half a line apart form one text line, the parts joined
left to right by one space (this is how Tesseract reads such bands). Drawn stamps are
transcribed like any other block: the registry stamp, a name stamp (its "z up." line,
position lines and name, in the signature block's place) and a header stamp (office name,
address, phone/NIP, in the letterhead's place), each line as printed on the stamp,
capitals included. The handwritten signature drawn across a name stamp is not text and is
not transcribed. Footer lines and the page number come last on their page. Blank lines
are not transcribed.

Stamps (``stamps`` draws them, ``inking`` inks them): name stamps (pieczątka imienna) and
header stamps (pieczęć nagłówkowa) are opt-in (``LetterOptions.name_stamp`` and
``header_stamp``, off by default and drawn from the letter's random stream only after
everything else), so a seed without them gives the letter it always gave. A name stamp is
red, blue or violet (grey on greyscale pages), without a frame or in a thin one, tilted by
up to 3 degrees, patchily inked with faded streaks, and signed across in ballpoint (dark
blue or black) by a random scribble of Bezier and sine strokes. With ``name_stamp="only"``
the stamp is the only place the signatory is named; with ``"printed"`` the printed block
follows it. The truth's signatory is the same either way (the stamp is drawn from it);
with a header stamp the truth's sender is the office the stamp names.

The modules, in the order a letter goes through them:

* ``geometry``: page geometry and typography; ``vocabulary``: the invented names, places,
  laws and body templates; ``model``: the letter model (:class:`LetterSpec` and its parts);
* ``forms`` (people, offices, dates, references), ``filler`` (body templates) and
  ``letters`` (:func:`random_letter`): content generation; ``seed``: the founding letter;
* ``compose``: a letter as rows of blocks in reading order; ``truth``: its truth;
* ``fonts`` and ``layout``: the rows placed on pages, and the printed text of every page;
* ``stamps``: name and header stamps; ``inking``: patchy stamp ink and signatures;
* ``render``: clean page images; ``scan``: scan simulation (:class:`ScanProfile`);
* ``files``: atomic writing of scans, text and JSON; ``sample``: one letter to one sample;
* ``standard``: the committed set; ``corpus``: a random corpus; ``cli``: the command line.

The command line is ``samples/generate.py`` (``standard`` and ``corpus``; see
``samples/README.md``). The founding letter is not stored here: it is read at generation
time from ``../shared/seed/*.txt`` and ``../shared/dev-letters/seed.truth.json``; without
them the standard set is written without it. All other names, numbers and addresses are
drawn from the invented vocabulary.
"""

from __future__ import annotations

from .cli import main
from .compose import compose
from .corpus import generate_corpus
from .files import write_scan
from .fonts import FontNotFoundError, Typesetter
from .forms import format_date, normalize_reference
from .geometry import DEFAULT_DPI, LAYOUT_DPI
from .layout import (
    PageLayout,
    PlacedLine,
    PlacedRule,
    PlacedStamp,
    gt_text,
    layout_letter,
    page_texts,
    run_on_text,
)
from .letters import random_letter
from .model import (
    Addressee,
    Distribution,
    HeaderStamp,
    LetterLayout,
    LetterOptions,
    LetterSpec,
    NameStamp,
    Paragraph,
    RegistryStamp,
    Signatory,
    StampLook,
)
from .render import a4_size, render_letter
from .sample import SampleDef, letter_with_pages, make_sample
from .scan import ScanProfile, degrade, jpeg_round_trip
from .seed import find_seed, seed_letter
from .standard import STANDARD_SAMPLES, generate_standard
from .truth import TRUTH_KEYS, expected_truth

__all__ = [
    "DEFAULT_DPI",
    "LAYOUT_DPI",
    "STANDARD_SAMPLES",
    "TRUTH_KEYS",
    "Addressee",
    "Distribution",
    "FontNotFoundError",
    "HeaderStamp",
    "LetterLayout",
    "LetterOptions",
    "LetterSpec",
    "NameStamp",
    "PageLayout",
    "Paragraph",
    "PlacedLine",
    "PlacedRule",
    "PlacedStamp",
    "RegistryStamp",
    "SampleDef",
    "ScanProfile",
    "Signatory",
    "StampLook",
    "Typesetter",
    "a4_size",
    "compose",
    "degrade",
    "expected_truth",
    "find_seed",
    "format_date",
    "generate_corpus",
    "generate_standard",
    "gt_text",
    "jpeg_round_trip",
    "layout_letter",
    "letter_with_pages",
    "main",
    "make_sample",
    "normalize_reference",
    "page_texts",
    "random_letter",
    "render_letter",
    "run_on_text",
    "seed_letter",
    "write_scan",
]
