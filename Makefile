# Two commands for a newcomer: `make demo` and `make test`. Both set up what is missing
# (Debian packages, a virtualenv with pismo) and are quick when everything is there.
VENV ?= .venv
PYTHON ?= python3
PY := $(VENV)/bin/python
STAMP := $(VENV)/.pismo-installed

.PHONY: setup system-deps demo test test-all lint same-outputs cer samples record-ocr clean ner-model ner-eval

setup: system-deps $(STAMP)

system-deps:
	@scripts/system-deps.sh

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	@touch $@

## Run pismo on the bundled sample scans into out/.
demo: setup
	$(VENV)/bin/pismo run samples -o out --report

## The test suite (CI runs this via .ci/run); slow measurements are excluded.
test: setup
	$(PY) -m pytest -m "not slow"

test-all: setup
	$(PY) -m pytest

## ruff and mypy (CI runs this before the tests). mypy: the shipped code, benchmarks,
## scripts, the sample generator and the tests.
lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy ocr extract batch outputs pipeline.py benchmarks scripts samples tests

## Every output byte of the work tree against a base revision (default origin/main).
same-outputs: setup
	scripts/same_outputs.sh $(BASE)

## OCR character error rate on the samples and the real scans (see README).
cer: setup
	$(PY) benchmarks/ocr_quality.py

## Regenerate the committed samples (scans, truth, printed text).
samples: setup
	$(PY) samples/generate.py standard --out samples

clean:
	rm -rf out build *.egg-info .pytest_cache .ruff_cache

## Re-record samples/<id>.ocr.json (the stored OCR the fast tests replay) after OCR changes.
record-ocr: setup
	rm -rf build/recorded
	$(VENV)/bin/pismo run samples -o build/recorded -q
	cp build/recorded/*.ocr.json samples/

## Train the NER model on NKJP 1M into extract/ner/model (25-40 min on 2 cores), then
## measure it on the NKJP dev split and PolEval 2018 and store the figures with it.
NER_DATA ?= ../shared/data/ner
ner-model: setup
	$(PY) -m extract.ner.train --data $(NER_DATA)
	$(PY) -m extract.ner.evaluate --data $(NER_DATA) --write-meta
	$(PY) -m extract.ner.evaluate --data $(NER_DATA) --with-persons --write-meta

ner-eval: setup
	$(PY) -m extract.ner.evaluate --data $(NER_DATA)
	$(PY) -m extract.ner.evaluate --data $(NER_DATA) --with-persons
	$(PY) -m extract.ner.evaluate --data $(NER_DATA) --with-persons --persons-override
