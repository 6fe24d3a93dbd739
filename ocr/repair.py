"""Post-OCR repair of characters the Debian ``pol`` model cannot output.

Debian's ``pol.traineddata`` has no ``§``, ``@``, ``°`` or ``–`` in its character set, so
Tesseract never outputs them: ``§ 5`` comes out as ``$ 5``, ``biuro@gmina.pl`` as
``biuroQ©gmina.pl``, and an initial ``S.`` before a surname often as ``S$.``. Polish letters
practically never contain a dollar sign, so these repairs are safe where they are scoped:
``$`` before a number, and the ``@`` confusions only inside something shaped like an e-mail
address. An en dash read as ``-`` needs no repair (the output contract writes dashes as ``-``).
"""

from __future__ import annotations

import regex

from ocr.types import OcrLine, OcrWord

# "$5", "$$12", "$5." glued to the number, or "$"/"$$" alone before a word starting with a digit.
_PARAGRAPH_GLUED = regex.compile(r"^(\$\$?)(?=\d)")
_PARAGRAPH_ALONE = regex.compile(r"^\$\$?$")
_STARTS_WITH_DIGIT = regex.compile(r"^\d")
# "S$." / "$." is an initial "S." (the model reads the S twice or as a dollar).
_INITIAL_S = regex.compile(r"^S?\$\.$")
_TLD = r"(?:pl|eu|com|org|net|gov|edu|info|biz|int|de|uk)"
# local part, the confused "@", a dotted domain ending in a known top-level domain
_EMAIL = regex.compile(
    rf"^(?P<pre>[(<\[\"„]?)(?P<local>[\p{{Ll}}\d][\p{{Ll}}\d._+-]*)"
    rf"(?P<at>Q©|©Q|QQ|©|Q|@|\(a\)|\(at\))"
    rf"(?P<domain>[\p{{L}}\d-]+(?:\.[\p{{L}}\d-]+)*\.(?i:{_TLD}))(?P<post>[)>\]\"”“.,;:]*)$",
)


def repair_lines(lines: tuple[OcrLine, ...]) -> tuple[OcrLine, ...]:
    """Return ``lines`` with the known ``pol`` character confusions repaired.

    Words keep their boxes and confidences; only their text changes.
    """
    return tuple(_repair_line(line) for line in lines)


def repair_word(text: str, next_text: str | None) -> str:
    """Repair one word, given the text of the word after it on the line (or None)."""
    if _PARAGRAPH_ALONE.match(text) and next_text and _STARTS_WITH_DIGIT.match(next_text):
        return text.replace("$", "§")
    if _PARAGRAPH_GLUED.match(text):
        return _PARAGRAPH_GLUED.sub(lambda m: "§" * len(m[1]), text)
    if _INITIAL_S.match(text):
        return "S."
    email = _EMAIL.match(text)
    if email and email["at"] != "@" and _plausible_email_confusion(email):
        return f"{email['pre']}{email['local']}@{email['domain']}{email['post']}"
    return text


def _plausible_email_confusion(match: regex.Match[str]) -> bool:
    # A bare "Q" is only taken for "@" when the local part is lower-case, as addresses are:
    # "QQ" in a surname or a capitalised word stays as it is.
    if "©" in match["at"] or match["at"].startswith("("):
        return True
    return match["local"] == match["local"].lower()


def _repair_line(line: OcrLine) -> OcrLine:
    words = line.words
    repaired = tuple(
        _with_text(word, repair_word(word.text, words[i + 1].text if i + 1 < len(words) else None))
        for i, word in enumerate(words)
    )
    return line if repaired == words else OcrLine(repaired, line.bbox, line.block, line.paragraph)


def _with_text(word: OcrWord, text: str) -> OcrWord:
    return word if text == word.text else OcrWord(text, word.bbox, word.confidence)
