"""The committed standard set (``samples/``): which letters, scanned how."""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Sequence
from pathlib import Path

from .model import LetterOptions
from .sample import SampleDef, letter_with_pages, make_sample, write_manifest
from .scan import ScanProfile
from .seed import seed_letter
from .truth import TRUTH_KEYS

log = logging.getLogger(__name__)


CLEAN = ScanProfile()
STANDARD_SAMPLES: tuple[SampleDef, ...] = (
    SampleDef(
        "s01_seed_krakow", 0, "png", CLEAN, source="seed",
        description="The founding letter (a city mayor's reply to a councillor), rendered "
        "clean from ../shared/seed; date-stamp date, unlabelled reference, 'Otrzymują:' "
        "ending in 'a/a'.",
    ),
    SampleDef(
        "s02_burmistrz_stamp_date", 102, "png", CLEAN,
        LetterOptions(topic="interpelacja", office_kind="burmistrz", addressee_kind="official",
                      letter_date=dt.date(2019, 3, 14), date_style="stamp",
                      date_position="header_right", distribution_label="Otrzymują:",
                      signature_kind="organ", stamp_position="", paragraphs=3, font_pt=12.0,
                      font_family="liberation-serif"),
        description="Burmistrz answers a councillor's interpelacja; date-stamp date "
        "'2019 -03- 14'; 'Otrzymują:' list.",
    ),
    SampleDef(
        "s03_drogi_zup_paragraph_email", 103, "png", CLEAN,
        LetterOptions(topic="drogi", office_kind="burmistrz", signature_kind="zup",
                      date_position="beside_reference", distribution_label="Do wiadomości:",
                      paragraph_sign_and_email=True, stamp_position="", paragraphs=2,
                      font_pt=12.0, font_family="liberation-sans"),
        description="Road-lane occupation terms; 'z up.' signature; 'Do wiadomości:' list; "
        "contains '§ 5 ust. 2' and an e-mail address.",
    ),
    SampleDef(
        "s04_starosta_registry_stamp", 104, "png", CLEAN,
        LetterOptions(topic="informacja", office_kind="starosta", addressee_kind="organization",
                      stamp_position="mid", signature_kind="deputy",
                      paragraphs=3, font_pt=12.0, font_family="dejavu-serif"),
        description="Starosta's answer to an NGO's information request; boxed registry "
        "stamp 'WPŁYNĘŁO' in its own band (its date is in the truth).",
    ),
    SampleDef(
        "s05_skarga_rotated90", 105, "png", ScanProfile(rotation=90),
        LetterOptions(topic="skarga", addressee_kind="szanowna", date_position="end",
                      paragraphs=2, font_pt=12.0),
        description="Complaint answer to 'Szanowna Pani/Szanowny Pan', date at the end; page "
        "turned 90° clockwise (scanned sideways).",
    ),
    SampleDef(
        "s06_wojt_podatek_rotated180", 106, "tif",
        ScanProfile(dpi=200, paper=232, illumination=0.12, rotation=180),
        LetterOptions(topic="podatek", office_kind="wojt", paragraphs=2, font_pt=11.5),
        description="Wójt's tax-arrears letter to a private person; greyish paper, "
        "200 dpi single-page TIFF (deflate), upside down.",
    ),
    SampleDef(
        "s07_starosta_skewed", 107, "png", ScanProfile(skew=2.5),
        LetterOptions(topic="interpelacja", office_kind="starosta",
                      stamp_position="beside_addressee", paragraphs=2),
        description="Starosta answers a county councillor; registry stamp beside the "
        "addressee; page "
        "skewed 2.5° clockwise.",
    ),
    SampleDef(
        "s08_prezydent_noisy_blurred", 108, "jpg",
        ScanProfile(noise=14.0, blur=1.3, jpeg_quality=40),
        LetterOptions(topic="planowanie", office_kind="prezydent", addressee_kind="private",
                      paragraphs=2),
        description="Prezydent's notice of administrative proceedings; gaussian noise, blur, "
        "JPEG quality 40.",
    ),
    SampleDef(
        "s09_zarzad_drog_150dpi", 109, "png", ScanProfile(dpi=150),
        LetterOptions(topic="informacja", office_kind="drogi", paragraphs=2),
        description="Road authority's answer to an information request; rendered at "
        "150 dpi.",
    ),
    SampleDef(
        "s10_two_page_fax_tiff", 110, "tif",
        ScanProfile(binarize=150, salt_pepper=0.0008, skew=-0.6),
        LetterOptions(topic="drogi", office_kind="prezydent", addressee_kind="person_at_org",
                      distribution_label="Otrzymują:"),
        pages=2,
        description="Two-page letter, binarised 1-bit like a fax (TIFF group 4) with specks "
        "and a slight skew; distribution list on page 2.",
    ),
    SampleDef(
        "s11_two_page_pdf_rozdzielnik", 111, "pdf", ScanProfile(dpi=200, paper=240),
        LetterOptions(topic="planowanie", office_kind="burmistrz",
                      addressee_kind="per_distribution", signature_kind="zup",
                      font_pt=11.0),
        pages=2,
        description="Two-page image-only PDF (200 dpi, JPEG-coded pages), 'Według "
        "rozdzielnika' notice to the parties, 'z up.' signature.",
    ),
    SampleDef(
        "s12_phone_photo_no_dpi", 112, "jpg",
        ScanProfile(dpi=200, color=True, paper=236, illumination=0.3, skew=-1.4, blur=0.9,
                    noise=5.0, jpeg_quality=70, write_dpi=False),
        LetterOptions(topic="skarga", office_kind="burmistrz", stamp_position="top_right",
                      paragraphs=2),
        description="Colour 'phone photo': tinted paper, uneven light, skew, blur, coloured "
        "registry stamp, JPEG without DPI metadata.",
    ),
    SampleDef(
        "s13_fax_100dpi", 113, "tif", ScanProfile(dpi=100, binarize=165, skew=0.8),
        LetterOptions(topic="podatek", office_kind="burmistrz", paragraphs=2,
                      reference_labelled=True, their_reference=True),
        description="Low-resolution fax: 100 dpi, 1-bit, slight skew (TIFF group 4).",
    ),
)  # fmt: skip


def generate_standard(
    out: Path, *, seed_paths: tuple[Path, Path] | None, only: Sequence[str] = ()
) -> list[dict[str, object]]:
    """Write the committed sample set.

    Args:
        out: Output folder.
        seed_paths: (transcription, truth) of the founding letter, or None to skip it.
        only: Sample ids to write (default all); the manifest lists only those written.

    Returns:
        The manifest entries.
    """
    out.mkdir(parents=True, exist_ok=True)
    entries = []
    for sample in STANDARD_SAMPLES:
        if only and sample.id not in only:
            continue
        truth = None
        if sample.source == "seed":
            if seed_paths is None:
                log.warning("founding letter not found (../shared/seed): skipping %s", sample.id)
                continue
            truth = json.loads(seed_paths[1].read_text(encoding="utf-8"))
            spec = seed_letter(seed_paths[0].read_text(encoding="utf-8"), truth)
            truth = {key: truth.get(key) for key in TRUTH_KEYS}
        else:
            spec = letter_with_pages(sample.seed, sample.options, sample.pages)
        entries.append(make_sample(spec, sample, out, truth))
        log.info("wrote %s (%d page(s))", sample.id, entries[-1]["pages"])
    write_manifest(out, entries, "python samples/generate.py standard --out samples")
    return entries
