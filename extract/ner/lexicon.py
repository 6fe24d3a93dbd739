"""``pismo_lexicon``: what the Polish dictionary knows of each token, as a model feature.

NKJP 1M is small: most surnames, towns and firms of a letter never occur in it, so a model
that sees only the spelling of a word must guess from its shape. SGJP (inside Morfeusz)
knows hundreds of thousands of proper names and says of which kind each is. This component
writes that knowledge into ``token.tag_`` before the tok2vec layer, which embeds it like
the word's prefix and suffix (``attrs = [..., "TAG"]`` in ``config.cfg``): the model learns
how far to trust "SGJP has it as a surname" in context.

The class is a short string: the proper-name kinds of all readings (``i`` first name,
``n`` surname, ``g`` geographical, ``f`` firm or organisation, ``p`` common noun, ``o``
another kind), then the parts of speech (``subst``, ``adj``, ``ign`` for unknown words...).
``Kraków`` is ``gin|subst``, ``urząd`` ``p|subst``.

The same function runs in training (``annotating_components``) and at inference, so the
feature means the same in both. It uses :mod:`extract.morph`, the only Morfeusz user.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from extract import morph

FACTORY = "pismo_lexicon"
_KINDS = {
    "imię": "i",
    "nazwisko": "n",
    "nazwisko_(odmężowskie)": "n",
    "nazwa_geograficzna": "g",
    "człon_nazwy_geograficznej": "g",
    "nazwa_firmy": "f",
    "nazwa_organizacji": "f",
    "nazwa_pospolita": "p",
}
_RANK = "nigf"  # which reading gives a capitalised word its lemma
_MAX_WORD = 40  # longer "words" are OCR debris or URLs: not worth a dictionary look-up


@lru_cache(maxsize=131072)
def lexicon_class(word: str) -> str:
    """The dictionary class of one token, e.g. ``"in|subst"`` (see the module docstring)."""
    if not word or len(word) > _MAX_WORD or not any(c.isalpha() for c in word):
        return "-"
    found = morph.readings(word)
    kinds = sorted({_KINDS.get(name, "o") for r in found for name in r.names})
    parts = sorted({r.pos for r in found})[:3]
    return f"{''.join(kinds)}|{'.'.join(parts)}"


@lru_cache(maxsize=131072)
def lexicon_lemma(word: str) -> str:
    """The lower-cased dictionary lemma of a token (a capitalised word: a proper name's).

    Polish inflects names (``Kowalskiego``, ``Kowalskiemu``); the lemma lets what the
    model learnt of one form carry to the others.
    """
    if not word or len(word) > _MAX_WORD:
        return word.lower()
    found = morph.readings(word)
    if not found:
        return word.lower()
    if not word[:1].isupper():
        return found[0].lemma.lower()
    # One lemma for all the forms of a name, whichever reading is right: nouns before
    # adjectives, surnames, first names, places, then the longest lemma.
    best = min(found, key=lambda r: (r.pos != "subst", _lemma_rank(r), -len(r.lemma)))
    return best.lemma.lower()


def _lemma_rank(reading: morph.Reading) -> int:
    kinds = [_KINDS.get(name, "o") for name in reading.names]
    return min((_RANK.index(k) for k in kinds if k in _RANK), default=len(_RANK))


def annotate(doc: Any) -> Any:
    """Write each token's dictionary class into ``token.tag_`` and lemma into ``lemma_``."""
    for token in doc:
        token.tag_ = lexicon_class(token.text)
        token.lemma_ = lexicon_lemma(token.text)
    return doc


def register() -> None:
    """Make the ``pismo_lexicon`` factory known to spaCy (before a pipeline naming it loads)."""
    from spacy.language import Language

    if FACTORY not in Language.factories:
        Language.component(FACTORY, func=annotate)
