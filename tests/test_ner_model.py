"""The NER model: corpus reading, the training command (a smoke run), and the shipped
model's quality floor on slices of NKJP dev and PolEval 2018."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extract import ner
from extract.ner import corpus, evaluate, lexicon, train

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "ner"
needs_data = pytest.mark.skipif(
    not (DATA / corpus.NKJP_FILE).is_file(), reason="../shared/data/ner is not beside the repo"
)
SHIPPED = ner.SHIPPED
# Floors on the slices below, under what the shipped model measured on them.
NKJP_SLICE_FLOOR = 0.79  # measured 0.814 on these 1,500 sentences
POLEVAL_SLICE_FLOOR = 0.76  # measured 0.785 on these 60 documents
needs_model = pytest.mark.skipif(
    not (SHIPPED / "meta.json").is_file(), reason="no trained model in extract/ner/model"
)


def test_nested_tags_give_the_outermost_span_with_a_folded_label() -> None:
    rows: list[tuple[str, ...]] = [
        ("Jan", "B-persName#B-persName-forename"),
        ("Nowak", "I-persName#B-persName-surname"),
        ("z", "O"),
        ("Gdyni", "B-placeName-settlement"),
        ("i", "O"),
        ("Urzędu", "B-orgName"),
        ("Miasta", "I-orgName#B-placeName-settlement"),
        ("Sopotu", "I-orgName#I-placeName-settlement"),
    ]
    sentence = corpus._sentence("d", rows)
    assert sentence.spans == ((0, 2, "persName"), (3, 4, "placeName"), (5, 8, "orgName"))


def test_training_text_spaces_follow_punctuation() -> None:
    words = ["Pan", "(", "radny", ")", "powiedział", ":", "tak", "."]
    text = "".join(w + (" " if s else "") for w, s in zip(words, train.spaces(words), strict=True))
    assert text == "Pan (radny) powiedział: tak."


def test_scores_are_exact_span_matches() -> None:
    gold = [(0, 0, 2, "persName"), (0, 5, 8, "orgName")]
    predicted = [(0, 0, 2, "persName"), (0, 5, 7, "orgName")]
    table = evaluate.scores(gold, predicted)
    assert table["persName"]["f"] == 1.0
    assert table["orgName"]["f"] == 0.0
    assert table["all"] == {"p": 0.5, "r": 0.5, "f": 0.5, "gold": 2}


@needs_data
def test_corpora_read_with_the_documented_counts() -> None:
    split = corpus.nkjp_split(DATA)
    assert (len(split["train"]), len(split["dev"])) == (3501, 388)
    documents = list(corpus.poleval_documents(DATA))
    assert len(documents) == 1828
    assert all(0 <= s < e <= len(d.text) for d in documents[:50] for s, e, _ in d.spans)


@needs_data
def test_training_command_runs_end_to_end(tmp_path: Path) -> None:
    out = tmp_path / "model"
    code = train.main(
        [
            "--data",
            str(DATA),
            "--out",
            str(out),
            "--limit",
            "200",
            "--max-steps",
            "4",
            "--workdir",
            str(tmp_path),
        ]
    )
    assert code == 0
    info = json.loads((out / "pismo.json").read_text("utf-8"))
    assert info["sentences"] == {"train": 200, "dev": 200}
    assert info["config_sha256"] == train.config_hash()
    import spacy

    nlp = spacy.load(out)
    assert nlp.pipe_names == ["pismo_lexicon", "tok2vec", "ner"]
    # spaCy types get_pipe() as a bare Callable[[Doc], Doc]; the "ner" pipe has .labels.
    assert set(nlp.get_pipe("ner").labels) <= set(corpus.LABELS)  # type: ignore[attr-defined]
    nlp("Pan Jan Nowak mieszka w Gdyni od 3 maja 2020 r.")


@needs_model
def test_shipped_model_has_its_licence_and_provenance() -> None:
    info = json.loads((SHIPPED / "pismo.json").read_text("utf-8"))
    assert "GPL-3.0" in info["licence"]
    assert info["config_sha256"] == train.config_hash()
    size = sum(p.stat().st_size for p in SHIPPED.rglob("*") if p.is_file())
    assert size <= 25 * 1024 * 1024


@needs_model
@needs_data
def test_shipped_model_quality_floor_on_slices() -> None:
    import spacy

    lexicon.register()  # the shipped model's first component
    nlp = spacy.load(SHIPPED)
    nkjp = evaluate.nkjp_dev(nlp, DATA, limit=1500)
    poleval = evaluate.poleval(nlp, DATA, limit=60)
    # Floors under the figures of the full evaluation (pismo.json), for these slices.
    assert nkjp["all"]["f"] >= NKJP_SLICE_FLOOR, nkjp["all"]
    assert poleval["all"]["f"] >= POLEVAL_SLICE_FLOOR, poleval["all"]
