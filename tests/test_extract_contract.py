"""The output contract (extract/contract.py): a whole letter's output against the schema.

Every letter here is synthetic: names, offices and towns are invented for these tests.
Letters are built with the helpers in :mod:`tests.letters`.
"""

from __future__ import annotations

import json

import jsonschema

from extract import contract
from ocr.plaintext import document_from_text
from tests.letters import BODY, _letter, _right


def test_full_letter_output_is_schema_valid() -> None:
    text = _letter(
        "WÓJT GMINY",
        "ZABIERZÓW",
        "ul. Krzemienna 12, 32-080 Zabierzów",
        "tel. 12 000 00 00, e-mail: gmina@zabierzow.test",
        "",
        _right("Zabierzów, 12 marca 2024 r."),
        "ROG.0012.4.2024",
        "",
        _right(
            "Pan",
            "Adam Wiśniewski",
            "Dyrektor Zespołu Szkół",
            "w Rudawie",
            "ul. Szkolna 3",
            "32-064 Rudawa",
        ),
        "",
        "Dotyczy: przekazania informacji o stanie realizacji zadań",
        "oświatowych w roku szkolnym 2023/2024.",
        "",
        "Szanowny Panie Dyrektorze,",
        BODY,
        "Z poważaniem",
        "",
        "z up. Wójta",
        "mgr Cezary Kos",
        "Sekretarz Gminy",
        "",
        "Otrzymują:",
        "1. Adresat",
        "2. a/a",
    )
    document = document_from_text(text, source="letter.txt")
    output = contract.output_of(
        document, {"path": "letter.txt", "pages": len(document.pages), "format": "text"}
    )
    jsonschema.validate(output, json.loads(contract.schema_text()))
    fields = output["fields"]
    assert fields["sender"]["value"] == "Wójt Gminy Zabierzów"
    assert fields["addressee"]["value"]["name"] == "Adam Wiśniewski"
    assert fields["addressee"]["value"]["address"] == "ul. Szkolna 3, 32-064 Rudawa"
    assert fields["signatory"]["value"] == {
        "name": "Cezary Kos",
        "position": "Sekretarz Gminy",
        "on_behalf_of": "Wójta",
        "signature": None,
    }
    assert fields["subject"]["value"].startswith("przekazania informacji")
