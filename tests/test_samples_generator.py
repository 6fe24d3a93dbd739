"""The synthetic sample generator (samples/generate.py) and the committed sample set.

The generator is the package samples/generator/ (samples/generate.py is its command line).
Nothing here needs Tesseract, and nothing writes into the repository (tmp_path only).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import random
import re
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest
from PIL import Image

from extract import extract
from extract.fields import FieldName, Signatory
from ocr.plaintext import document_from_text
from samples import generator
from samples.generator import forms, stamps, vocabulary
from samples.generator.compose import SPACED_LETTERS

SAMPLES_DIR = Path(__file__).resolve().parents[1] / "samples"
MANIFEST = SAMPLES_DIR / "manifest.json"
SHARED_TRUTH = Path(__file__).resolve().parents[2] / "shared" / "dev-letters" / "seed.truth.json"
TRUTH_KEYS = {
    "reference_number",
    "letter_date",
    "place",
    "sender",
    "addressee",
    "signatory",
    "distribution_list",
    "dates",
    "subject",
}
ISO_DATE = r"^\d{4}-\d{2}(-\d{2})?$"


@pytest.fixture(scope="module")
def gen() -> ModuleType:
    return generator


def _manifest_entries() -> list[dict]:
    if not MANIFEST.is_file():
        return []
    return json.loads(MANIFEST.read_text(encoding="utf-8"))["samples"]


def _pages_in_file(path: Path) -> int:
    if path.suffix == ".pdf":
        return len(re.findall(rb"/Type\s*/Page\b(?!s)", path.read_bytes()))
    with Image.open(path) as image:
        return getattr(image, "n_frames", 1)


def _assert_truth_shape(truth: dict) -> None:
    assert set(truth) == TRUTH_KEYS
    for key in ("reference_number", "letter_date", "place", "sender", "subject"):
        assert truth[key] is None or isinstance(truth[key], str), key
    if truth["letter_date"] is not None:
        assert re.match(ISO_DATE, truth["letter_date"])
    addressee = truth["addressee"]
    if addressee is not None:
        assert {"name", "position", "organization", "address"} <= set(addressee)
        assert set(addressee) - {"name", "position", "organization", "address"} <= {
            "per_distribution"
        }
        for key in ("name", "position", "organization", "address"):
            assert addressee[key] is None or isinstance(addressee[key], str)
    signatory = truth["signatory"]
    if signatory is not None:
        assert set(signatory) == {"name", "position", "on_behalf_of"}
        assert all(v is None or isinstance(v, str) for v in signatory.values())
    assert isinstance(truth["distribution_list"], list)
    assert all(isinstance(item, str) and item for item in truth["distribution_list"])
    assert isinstance(truth["dates"], list)
    assert len(truth["dates"]) == len(set(truth["dates"]))
    assert all(re.match(ISO_DATE, d) for d in truth["dates"])


# ---------------------------------------------------------------------------------------
# Generator, in code
# ---------------------------------------------------------------------------------------


def test_random_letter_is_deterministic_for_a_seed(gen: ModuleType) -> None:
    first = gen.random_letter(random.Random(42))
    again = gen.random_letter(random.Random(42))
    other = gen.random_letter(random.Random(43))
    assert first == again
    assert gen.gt_text(first) == gen.gt_text(again)
    assert gen.expected_truth(first) == gen.expected_truth(again)
    assert first != other


def test_rendering_is_deterministic(gen: ModuleType) -> None:
    spec = gen.random_letter(random.Random(7))
    one = gen.render_letter(spec, dpi=72)
    two = gen.render_letter(spec, dpi=72)
    assert [p.tobytes() for p in one] == [p.tobytes() for p in two]


@pytest.mark.parametrize(("dpi", "size"), [(300, (2480, 3508)), (150, (1240, 1754))])
def test_rendered_page_is_a4_at_the_requested_dpi(
    gen: ModuleType, dpi: int, size: tuple[int, int]
) -> None:
    spec = gen.random_letter(random.Random(3), gen.LetterOptions(paragraphs=1))
    pages = gen.render_letter(spec, dpi=dpi)
    assert pages[0].size == size
    assert pages[0].height / pages[0].width == pytest.approx(297 / 210, rel=1e-3)
    assert pages[0].mode == "L"
    assert pages[0].getextrema()[0] < 100  # there is ink on the page


def test_page_texts_match_rendered_pages(gen: ModuleType) -> None:
    spec = gen.letter_with_pages(11, gen.LetterOptions(), 2)
    texts = gen.page_texts(spec)
    assert len(texts) == len(gen.render_letter(spec, dpi=50)) == 2
    assert gen.gt_text(spec).split("\f") == ["\n".join(lines) + "\n" for lines in texts]
    if spec.distribution is not None:  # the list ends the letter, on its last page
        assert spec.distribution.label in texts[-1]


@pytest.mark.parametrize("seed", range(12))
def test_expected_truth_has_every_key_with_the_right_type(gen: ModuleType, seed: int) -> None:
    spec = gen.random_letter(random.Random(seed))
    truth = gen.expected_truth(spec)
    _assert_truth_shape(truth)
    assert truth["letter_date"] in truth["dates"]
    printed = " ".join(gen.gt_text(spec).split())
    assert spec.reference in printed
    assert truth["signatory"]["name"] in printed
    for item in truth["distribution_list"]:
        assert item in printed


def test_forced_features_are_printed(gen: ModuleType) -> None:
    options = gen.LetterOptions(
        topic="drogi",
        letter_date=dt.date(2019, 3, 14),
        date_style="stamp",
        signature_kind="zup",
        distribution_label="Do wiadomości:",
        paragraph_sign_and_email=True,
        stamp_position="mid",
    )
    spec = gen.random_letter(random.Random(5), options)
    text = gen.gt_text(spec)
    truth = gen.expected_truth(spec)
    assert "2019 -03- 14" in text
    assert "§ 5 ust. 2" in text
    assert "@" in text and ".example.pl" in text
    assert "Do wiadomości:" in text
    assert truth["signatory"]["on_behalf_of"]
    assert truth["dates"][0] == "2019-03-14"
    assert spec.stamp.dates[0] in truth["dates"]  # the registry-stamp date counts


def test_some_positions_are_printed_letter_spaced_and_read_whole(gen: ModuleType) -> None:
    spaced = [
        spec
        for seed in range(200)
        if (spec := gen.random_letter(random.Random(seed))).signatory is not None
        and spec.signatory.spaced
    ]
    assert spaced, "no letter of 200 has a letter-spaced position"
    shown = 0
    for spec in spaced[:8]:
        text = gen.gt_text(spec)
        for line in spec.signatory.position:
            if len(line) <= SPACED_LETTERS:  # a longer one is printed plain
                assert " ".join(line.upper().replace(" ", "")) in text
                shown += 1
        value = extract(document_from_text(text, source="t")).fields[FieldName.SIGNATORY].value
        assert isinstance(value, Signatory)
        assert value.position == " ".join(spec.signatory.position)
    assert shown


def test_reference_normalisation(gen: ModuleType) -> None:
    assert gen.normalize_reference("ZD – 7226/118/2020") == "ZD-7226/118/2020"
    assert gen.normalize_reference("GK.7021.14.2019") == "GK.7021.14.2019"


@pytest.mark.shared
def test_founding_letter_is_rebuilt_from_shared(gen: ModuleType) -> None:
    paths = gen.find_seed(SHARED_TRUTH.parents[1])
    assert paths is not None
    truth = json.loads(paths[1].read_text(encoding="utf-8"))
    spec = gen.seed_letter(paths[0].read_text(encoding="utf-8"), truth)
    lines = gen.page_texts(spec)[0]
    assert lines[-1].endswith("a/a")  # the transcription's "aa" is printed as on paper
    assert spec.reference == truth["reference_number"]
    assert list(spec.distribution.items) == truth["distribution_list"]


# ---------------------------------------------------------------------------------------
# CLI: corpus
# ---------------------------------------------------------------------------------------


def test_corpus_writes_n_letters(gen: ModuleType, tmp_path: Path) -> None:
    argv = ["corpus", "--out", str(tmp_path), "--count", "3", "--seed", "9", "--dpi", "72"]
    argv += ["--pages-min", "1", "--pages-max", "2", "--formats", "png,pdf,tif"]
    assert gen.main(argv) == 0
    entries = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))["samples"]
    assert [e["id"] for e in entries] == ["c0001", "c0002", "c0003"]
    for entry in entries:
        assert _pages_in_file(tmp_path / entry["file"]) == entry["pages"]
        _assert_truth_shape(json.loads((tmp_path / entry["expected"]).read_text("utf-8")))
        gt = (tmp_path / entry["gt"]).read_text(encoding="utf-8")
        assert gt.count("\f") == entry["pages"] - 1
    assert not list(tmp_path.glob(".*.tmp"))  # atomic writes left no temporary files


def test_corpus_rejects_unknown_format(gen: ModuleType, tmp_path: Path) -> None:
    argv = ["corpus", "--out", str(tmp_path), "--count", "1", "--formats", "bmp"]
    assert gen.main(argv) == 1


# ---------------------------------------------------------------------------------------
# The committed set (samples/manifest.json)
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("entry", _manifest_entries(), ids=lambda e: e["id"])
def test_manifest_entry_matches_the_files(entry: dict) -> None:
    path = SAMPLES_DIR / entry["file"]
    assert path.is_file()
    assert (
        path.suffix.lstrip(".")
        == {"png": "png", "jpeg": "jpg", "tiff": "tif", "pdf": "pdf"}[entry["format"]]
    )
    assert _pages_in_file(path) == entry["pages"]
    if entry["format"] != "pdf":
        with Image.open(path) as image:
            dpi = image.info.get("dpi")
            assert image.size == tuple(entry["size"])
        if entry["dpi"] is None:
            assert dpi is None
        else:
            assert dpi is not None and round(dpi[0]) == entry["dpi"]
    assert entry["rotation"] in (0, 90, 180, 270)
    assert isinstance(entry["skew"], (int, float))
    assert isinstance(entry["degradations"], list)
    assert entry["clean_300dpi"] == (not entry["degradations"] and entry["dpi"] == 300)
    gt = (SAMPLES_DIR / entry["gt"]).read_text(encoding="utf-8")
    assert gt.count("\f") == entry["pages"] - 1
    _assert_truth_shape(json.loads((SAMPLES_DIR / entry["expected"]).read_text("utf-8")))


@pytest.mark.skipif(not MANIFEST.is_file(), reason="samples/manifest.json not generated")
def test_standard_set_covers_the_required_cases() -> None:
    entries = _manifest_entries()
    gts = {e["id"]: (SAMPLES_DIR / e["gt"]).read_text(encoding="utf-8") for e in entries}
    everything = "\n".join(gts.values())
    for needle in ("2019 -03- 14", "§ 5 ust. 2", "@", "Do wiadomości:", "Otrzymują:", "z up."):
        assert needle in everything, needle
    assert {e["rotation"] for e in entries} >= {90, 180}
    assert any(abs(e["skew"]) >= 2 for e in entries)
    assert any(e["dpi"] is None and e["format"] == "jpeg" for e in entries)
    assert any(e["pages"] == 2 and e["format"] == "tiff" for e in entries)
    assert any(e["pages"] == 2 and e["format"] == "pdf" for e in entries)
    assert any(e["render_dpi"] == 150 for e in entries)
    assert sum(e["clean_300dpi"] for e in entries) >= 3
    size = sum(p.stat().st_size for p in SAMPLES_DIR.iterdir() if p.is_file())
    assert size < 6_500_000


# Stamps: name stamps signed across by hand, header stamps (opt-in LetterOptions).
# Pillow's HSV hue (0-255 circle) of each stamp ink, as pismo's ocr/ink.py bands them.
INK_HUES = {"red": ((0, 14), (205, 256)), "blue": ((128, 177),), "violet": ((177, 205),)}
MIN_CHROMA = 55
STAMP_DPI = 150


def _stamped(gen: ModuleType, letter_seed: int, kind: str = "only", **look: object):  # noqa: ANN202
    """A one-page letter with a name stamp whose look is forced (and no registry stamp)."""
    options = gen.LetterOptions(name_stamp=kind, stamp_position="", paragraphs=1)
    spec = gen.random_letter(random.Random(letter_seed), options)
    stamp = spec.signatory.stamp
    new_look = dataclasses.replace(stamp.look, **look)
    signatory = dataclasses.replace(spec.signatory, stamp=dataclasses.replace(stamp, look=new_look))
    return dataclasses.replace(spec, signatory=signatory)


def _name_stamp_box(gen: ModuleType, spec: object, dpi: int) -> tuple[int, int, int, int]:
    """The name stamp's box on the page, in pixels at dpi."""
    (stamp,) = [
        item
        for item in gen.layout_letter(spec)[0].items
        if isinstance(item, gen.PlacedStamp) and item.look.signature is not None
    ]
    scale = dpi / gen.LAYOUT_DPI
    return (
        round(stamp.x * scale),
        round(stamp.y * scale),
        round((stamp.x + stamp.width) * scale),
        round((stamp.y + stamp.height) * scale),
    )


def _ink_mask(image: Image.Image, ink: str) -> np.ndarray:
    """Pixels of a coloured ink: saturated enough and of that ink's hue."""
    rgb = np.asarray(image.convert("RGB"), dtype=np.int16)
    chroma = rgb.max(axis=2) - rgb.min(axis=2)
    hue = np.asarray(image.convert("RGB").convert("HSV"), dtype=np.int16)[:, :, 0]
    in_band = np.zeros(hue.shape, dtype=bool)
    for low, high in INK_HUES[ink]:
        in_band |= (hue >= low) & (hue < high)
    return (chroma >= MIN_CHROMA) & in_band


def test_stamps_are_off_by_default_and_change_nothing_else(gen: ModuleType) -> None:
    for seed in range(6):
        plain = gen.random_letter(random.Random(seed))
        assert plain.header_stamp is None and plain.signatory.stamp is None
        options = gen.LetterOptions(name_stamp="printed", header_stamp=True)
        stamped = gen.random_letter(random.Random(seed), options)
        # Stamps are drawn after everything else: the letter is otherwise the same one.
        unstamped = dataclasses.replace(
            stamped,
            signatory=dataclasses.replace(stamped.signatory, stamp=None),
            letterhead=plain.letterhead, header_stamp=None, sender=plain.sender,
        )  # fmt: skip
        assert unstamped == plain


@pytest.mark.parametrize("ink", ["red", "blue", "violet"])
def test_name_stamp_is_printed_in_the_ink_asked_for(gen: ModuleType, ink: str) -> None:
    spec = _stamped(gen, 21, ink=ink, signature="black", wear=0.4)
    page = gen.render_letter(spec, dpi=STAMP_DPI, color=True)[0]
    left, top, right, bottom = _name_stamp_box(gen, spec, STAMP_DPI)
    inside = _ink_mask(page, ink)[top:bottom, left:right]
    assert inside.sum() > 300  # the stamp's letters, in that hue, inside its box
    for other in set(INK_HUES) - {ink}:
        assert _ink_mask(page, other).sum() < inside.sum() / 10
    lines = [text for text, _ in stamps.name_stamp_lines(spec.signatory, spec.signatory.stamp)]
    assert lines[-1].endswith(spec.signatory.name)
    gt = gen.gt_text(spec).splitlines()
    assert all(line in gt for line in lines)  # the stamp's lines are transcribed


def test_signature_crosses_the_name_stamp(gen: ModuleType) -> None:
    spec = _stamped(gen, 22, ink="red", signature="ballpoint", wear=0.0)
    page = gen.render_letter(spec, dpi=STAMP_DPI, color=True)[0]
    left, top, right, bottom = _name_stamp_box(gen, spec, STAMP_DPI)
    pen = _ink_mask(page, "blue")  # the only blue on the page is the ballpoint
    assert pen.sum() > 200
    inside = pen[top:bottom, left:right]
    assert inside.sum() > 0.5 * pen.sum()  # most of the signature is on the stamp
    columns = np.flatnonzero(inside.any(axis=0))
    assert columns.max() - columns.min() > 0.5 * (right - left)  # across it, not beside it
    red = _ink_mask(page, "red")[top:bottom, left:right]
    touching = red & (np.roll(inside, 1, axis=0) | np.roll(inside, -1, axis=0))
    assert touching.sum() > 0  # strokes run over the stamp's letters
    unsigned = _stamped(gen, 22, ink="red", signature=None, wear=0.0)
    assert gen.gt_text(spec) == gen.gt_text(unsigned)  # the signature is not transcribed


@pytest.mark.parametrize("kind", ["only", "printed"])
def test_truth_carries_the_stamp_signatory(gen: ModuleType, kind: str) -> None:
    spec = _stamped(gen, 23, kind)
    s = spec.signatory
    truth = gen.expected_truth(spec)["signatory"]
    position = " ".join(s.position)
    assert truth == {"name": s.name, "position": position, "on_behalf_of": s.on_behalf_of}
    lines = [t for t, _ in stamps.name_stamp_lines(s, s.stamp)]
    stamp_text = " ".join(lines).casefold()
    assert s.name in lines[-1] and position.casefold() in stamp_text
    if s.on_behalf_of:
        assert s.on_behalf_of.casefold() in stamp_text
    # "only": the stamp is the only place the name is printed; "printed": it is in both.
    assert gen.gt_text(spec).count(s.name) == (1 if kind == "only" else 2)


def test_header_stamp_replaces_the_letterhead_and_is_the_sender(gen: ModuleType) -> None:
    options = gen.LetterOptions(header_stamp=True, stamp_position="", paragraphs=1)
    spec = gen.random_letter(random.Random(24), options)
    stamp = spec.header_stamp
    assert stamp is not None and spec.letterhead == ()
    assert 2 <= len(stamp.lines) <= 4
    name = " ".join(stamp.lines[: stamp.name_lines])
    assert gen.expected_truth(spec)["sender"].upper() == name
    placed = [i for i in gen.layout_letter(spec)[0].items if isinstance(i, gen.PlacedStamp)]
    assert placed[0].y < 30 * gen.LAYOUT_DPI / 25.4  # top-left, where a letterhead stands
    assert gen.gt_text(spec).startswith(stamp.lines[0])


def test_grey_render_draws_stamps_and_signature_in_grey(gen: ModuleType) -> None:
    spec = _stamped(gen, 25, ink="violet", signature="ballpoint")
    spec = dataclasses.replace(
        spec,
        header_stamp=stamps.draw_header_stamp(
            random.Random(1), forms.make_office(vocabulary.PLACES[0], "wojt")
        ),
    )
    grey = gen.render_letter(spec, dpi=STAMP_DPI)[0]
    assert grey.mode == "L"
    left, top, right, bottom = _name_stamp_box(gen, spec, STAMP_DPI)
    assert np.asarray(grey)[top:bottom, left:right].min() < 120  # stamp and pen, in grey
    colour = gen.render_letter(spec, dpi=STAMP_DPI, color=True)[0]
    violet = _ink_mask(colour, "violet")
    assert violet.sum() > 300
    # The grey page draws the same stamp where the colour page has violet ink, in grey.
    assert float(np.asarray(grey)[violet].mean()) < 200


def test_stamped_letters_are_deterministic_from_the_seed(gen: ModuleType) -> None:
    options = gen.LetterOptions(name_stamp=None, header_stamp=None)
    specs = [gen.random_letter(random.Random(31), options) for _ in range(2)]
    assert specs[0] == specs[1]
    stamped = _stamped(gen, 26)
    one = gen.render_letter(stamped, dpi=72, color=True)
    two = gen.render_letter(stamped, dpi=72, color=True)
    assert [p.tobytes() for p in one] == [p.tobytes() for p in two]
    moved = _stamped(gen, 26, seed=stamped.signatory.stamp.look.seed + 1)
    assert gen.render_letter(moved, dpi=72, color=True)[0].tobytes() != one[0].tobytes()
