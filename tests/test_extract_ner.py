"""The NER host (spaCy) and the NER stage's place in the resolver."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator

import pytest

from extract import extract, ner
from extract.errors import MissingResourceError
from extract.fields import FieldName, to_json
from ocr.plaintext import document_from_text

RIGHT = " " * 45


@pytest.fixture
def blank_pipeline(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The NER host on spacy.blank("pl"): pismo's Morfeusz persons alone."""
    monkeypatch.setenv(ner.MODEL_VARIABLE, "blank")
    ner.forget()
    yield
    monkeypatch.delenv(ner.MODEL_VARIABLE)
    ner.forget()


@pytest.mark.usefixtures("blank_pipeline")
def test_blank_polish_pipeline_marks_persons_in_the_nominative() -> None:
    assert ner.describe() == "blank pl"
    found = ner.entities(
        "W odpowiedzi na pismo Pani Marianny Zawadzkiej-Kos uprzejmie informuję, "
        "że Rada Gminy Zabierzów przyjęła uchwałę. Sprawę prowadzi Tadeusz Brzózka."
    )
    persons = [(e.text, e.nominative) for e in found if e.label == ner.PERSON]
    assert persons == [
        ("Marianny Zawadzkiej-Kos", "Marianna Zawadzka-Kos"),
        ("Tadeusz Brzózka", "Tadeusz Brzózka"),
    ]


@pytest.mark.usefixtures("blank_pipeline")
def test_office_names_are_not_persons() -> None:
    found = ner.entities("Urząd Gminy Zabierzów\nRada Powiatu Wielickiego\nStarosta Wielicki\n")
    assert [e for e in found if e.label == ner.PERSON] == []


def test_name_sharing_a_line_with_the_title_is_found_by_the_ner_stage() -> None:
    text = (
        "WOJEWODA ŚWIĘTOKRZYSKI\n\nKielce, 2 lutego 2023 r.\n\n"
        "W odpowiedzi na wniosek z dnia 12 stycznia 2023 r. uprzejmie informuję, że sprawa\n"
        "została przekazana do rozpatrzenia właściwemu organowi zgodnie z przepisami.\n\n"
        f"{RIGHT}Z poważaniem\n{RIGHT}z up. Wojewody\n{RIGHT}Dyrektor Wydziału Jacek Lipiński\n"
    )
    signatory = extract(document_from_text(text, source="t")).fields[FieldName.SIGNATORY]
    assert to_json(signatory.value) == {
        "name": "Jacek Lipiński",
        "position": "Dyrektor Wydziału",
        "on_behalf_of": "Wojewody",
        "signature": None,
    }
    assert signatory.source == "rules.signatory+ner.persons"


def test_a_configured_model_that_is_not_there_is_a_clear_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(ner.MODEL_VARIABLE, "/nonexistent/model")
    ner.forget()
    try:
        with pytest.raises(MissingResourceError, match="PISMO_NER_MODEL"):
            ner.pipeline()
    finally:
        monkeypatch.delenv(ner.MODEL_VARIABLE)
        ner.forget()


def test_cli_start_up_does_not_import_spacy() -> None:
    code = (
        "import sys, pipeline, batch.cli; batch.cli.build_parser(); print('spacy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.skipif(not (ner.SHIPPED / "meta.json").is_file(), reason="no shipped model")
def test_shipped_model_is_the_default_and_keeps_the_morfeusz_persons() -> None:
    ner.forget()
    assert ner.describe() == "pismo NKJP model"
    assert ner.pipeline().pipe_names[-1] == "pismo_persons"
    found = ner.entities("Sprawę prowadzi Tadeusz Brzózka z Urzędu Gminy w Lipnicy.")
    assert ("Tadeusz Brzózka", "Tadeusz Brzózka") in [(e.text, e.nominative) for e in found]


def test_lexicon_class_says_what_the_dictionary_knows_of_a_word() -> None:
    from extract.ner import lexicon

    assert "i" in lexicon.lexicon_class("Anna").split("|")[0]  # a first name
    assert lexicon.lexicon_class("urzędu") == "p|subst"  # a common noun
    assert lexicon.lexicon_class("Qwzxkt") == "|ign"  # unknown to SGJP
    assert lexicon.lexicon_class("2024") == "-"  # no letters: no look-up
    assert lexicon.lexicon_class("x" * 60) == "-"  # debris


def test_lexicon_lemma_gives_the_forms_of_a_name_one_lemma() -> None:
    from extract.ner import lexicon

    forms = {"Kowalski", "Kowalskiego", "Kowalskiemu", "Kowalskim"}
    assert {lexicon.lexicon_lemma(form) for form in forms} == {"kowalski"}
    assert lexicon.lexicon_lemma("urzędu") == "urząd"


def test_lexicon_component_annotates_before_the_model() -> None:
    import spacy

    from extract.ner import lexicon

    lexicon.register()
    nlp = spacy.blank("pl")
    nlp.add_pipe(lexicon.FACTORY)
    doc = nlp("Pani Anna pisze do urzędu.")
    assert doc[2].tag_ == "|fin"  # a verb, no proper-name reading
    assert doc[4].lemma_ == "urząd" and doc[4].tag_ == "p|subst"


def test_the_model_is_not_loaded_for_a_block_that_cannot_hold_a_name() -> None:
    from extract.layout import Segment
    from extract.stages import persons
    from extract.text import TextView

    for lines, expected in (
        (("Spółdzielnia Mieszkaniowa „Przyszłość”", "ul. Polna 7", "00-950 Warszawa"), False),
        (("Dyrektor Wydziału Halina Wróblewska",), True),
        (("Kancelaria Notarialna", "W. Zalewski"), True),
    ):
        view = TextView(document_from_text("\n".join(lines), source="x.txt"))
        parts = [
            Segment(line.start, line.end, line.page, line.index, line.line.bbox, line.page_width)
            for line in view.lines
        ]
        assert persons._may_hold_name(view, parts) is expected, lines
