"""Polish morphology: the one module that talks to Morfeusz 2 (and the PESEL name list).

Morfeusz's wheel carries the SGJP dictionary, so this works offline. It answers three
questions the stages ask: is this capitalised word a first name, a surname or a common
word; what is this person's name in the nominative ("Pana Adama Wiśniewskiego" →
"Adam Wiśniewski"); and what is this place called in the nominative ("w Nowym Sączu" →
"Nowy Sącz"). Answers are cached per word: letters repeat their words.

SGJP's first names include mythological ones ("Pan", "Krak"), so a first name must also be
on the PESEL list of names Poles actually bear (zxcvbn-pl ships it, from the state
register), which also ranks the ambiguous ones ("Stanisława": Stanisław or Stanisława).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

import regex

from extract.errors import MissingResourceError

FIRST_NAME = "imię"
SURNAME_CLASSES = frozenset({"nazwisko", "nazwisko_(odmężowskie)"})
GEO_CLASSES = frozenset({"nazwa_geograficzna", "człon_nazwy_geograficznej"})
# Readings labelled like this are not how a living person is called.
_ARCHAIC = frozenset({"mit.", "daw.", "przest.", "hist."})
_PERSON_GENDERS = ("m1", "f")


@dataclass(frozen=True, slots=True)
class Reading:
    """One Morfeusz interpretation of a word, its tag expanded into its values."""

    lemma: str  # homonym marks ("Adam:Sm1~owie") stripped
    pos: str  # "subst", "adj", "depr", "ign", ...
    numbers: tuple[str, ...]
    cases: tuple[str, ...]
    genders: tuple[str, ...]
    names: frozenset[str]  # proper-name classes: "imię", "nazwisko", "nazwa_geograficzna"...
    qualifiers: frozenset[str]
    plurale_tantum: bool = False  # a noun with no singular: "Katowice", "Tarnowskie Góry"

    def agrees(self, number: str, case: str, gender: str) -> bool:
        """Whether this reading can be the form of that number, case and gender."""
        return number in self.numbers and case in self.cases and gender in self.genders


@cache
def _analyser() -> Any:
    try:
        import morfeusz2
    except ImportError as error:  # pragma: no cover - a dependency of the package
        raise MissingResourceError(
            "morfeusz2 is not installed; run: pip install morfeusz2"
        ) from error
    return morfeusz2.Morfeusz(generate=False, expand_tags=False)


@cache
def _generator() -> Any:
    import morfeusz2

    return morfeusz2.Morfeusz(analyse=False, generate=True, expand_tags=False)


@cache
def _pesel_first_names() -> Any | None:
    """The PESEL first-name list (rank 1 = commonest), or None without zxcvbn-pl."""
    return _pesel_list("pl_first_names")


@cache
def _pesel_list(key: str) -> Any | None:
    try:
        import zxcvbn_pl
    except ImportError:  # optional: without it every SGJP first name counts
        return None
    return zxcvbn_pl.dictionaries().get(key)


def _tag_values(part: str) -> tuple[str, ...]:
    return tuple(part.split("."))


def _reading(lemma: str, tag: str, names: Sequence[str], qualifiers: Sequence[str]) -> Reading:
    fields = tag.split(":")
    pos = fields[0]
    numbers: tuple[str, ...] = ()
    cases: tuple[str, ...] = ()
    genders: tuple[str, ...] = ()
    if pos in {"subst", "depr", "adj", "ppas", "pact"} and len(fields) >= 4:
        numbers, cases, genders = (_tag_values(f) for f in fields[1:4])
    return Reading(
        lemma.split(":")[0].split("~")[0],
        pos,
        numbers,
        cases,
        genders,
        frozenset(names),
        frozenset(qualifiers),
        fields[-1] == "pt",
    )


@lru_cache(maxsize=65536)
def readings(word: str) -> tuple[Reading, ...]:
    """Every reading of one word (no spaces). Capitals-only words are read title-cased."""
    if not word:
        return ()
    probe = word.capitalize() if word.isupper() and len(word) > 1 else word
    found = []
    for _start, _end, (_orth, lemma, tag, names, qualifiers) in _analyser().analyse(probe):
        if tag == "interp":
            continue
        found.append(_reading(lemma, tag, names, qualifiers))
    return tuple(found)


def first_name_rank(lemma: str) -> int | None:
    """PESEL rank of a first name (1 = commonest); None if not a name Poles bear."""
    names = _pesel_first_names()
    if names is None:
        return 1
    return names.get(lemma.casefold())


def _is_first_name_reading(reading: Reading) -> bool:
    """A singular, current first-name reading (not a mythological or archaic one).

    Names rarer than the PESEL list holds count when the word is no ordinary word.
    """
    return (
        FIRST_NAME in reading.names
        and "sg" in reading.numbers
        and not reading.qualifiers & _ARCHAIC
        and (first_name_rank(reading.lemma) is not None or not is_common_word(reading.lemma))
    )


@lru_cache(maxsize=65536)
def is_first_name(word: str) -> bool:
    """Whether the word can be a (real, current) first name in some case."""
    return any(_is_first_name_reading(r) for r in readings(word))


@lru_cache(maxsize=65536)
def is_surname(word: str) -> bool:
    """Whether SGJP knows the word as a surname in some case."""
    return any(r.names & SURNAME_CLASSES for r in readings(word))


@lru_cache(maxsize=65536)
def is_known(word: str) -> bool:
    """Whether Morfeusz recognises the word at all (not an ``ign`` token)."""
    return any(r.pos != "ign" for r in readings(word))


@lru_cache(maxsize=65536)
def is_common_word(word: str) -> bool:
    """Whether the word has an ordinary (non-name) reading: a common noun, verb, adjective."""
    return any(
        (not r.names or "nazwa_pospolita" in r.names)
        and r.pos != "ign"
        and not r.qualifiers & _ARCHAIC
        for r in readings(word)
    )


def _name_readings(part: str, index: int) -> list[Reading]:
    """Readings of a name part that a person's name can use, best kind first."""
    usable = [
        r
        for r in readings(part)
        if r.pos in {"subst", "depr"}
        and (r.names & SURNAME_CLASSES or _is_first_name_reading(r))
        and "sg" in r.numbers
    ]

    # The first word of "Anna Nowak" is the first name, later ones the surname(s).
    def kind(r: Reading) -> int:
        wanted = FIRST_NAME in r.names if index == 0 else bool(r.names & SURNAME_CLASSES)
        return 0 if wanted else 1

    return sorted(usable, key=kind)


# Surnames SGJP does not know still decline like adjectives: "Bzdęgowskiego" → "-ski".
_SUFFIXES: dict[tuple[str, str], tuple[tuple[str, str], ...]] = {
    ("m1", "gen"): (("ckiego", "cki"), ("skiego", "ski"), ("dzkiego", "dzki"), ("ego", "y")),
    ("m1", "acc"): (("ckiego", "cki"), ("skiego", "ski"), ("dzkiego", "dzki"), ("ego", "y")),
    ("m1", "dat"): (("ckiemu", "cki"), ("skiemu", "ski"), ("dzkiemu", "dzki"), ("emu", "y")),
    ("m1", "inst"): (("ckim", "cki"), ("skim", "ski"), ("dzkim", "dzki")),
    ("m1", "loc"): (("ckim", "cki"), ("skim", "ski"), ("dzkim", "dzki")),
    ("f", "gen"): (("ckiej", "cka"), ("skiej", "ska"), ("dzkiej", "dzka"), ("owej", "owa")),
    ("f", "dat"): (("ckiej", "cka"), ("skiej", "ska"), ("dzkiej", "dzka"), ("owej", "owa")),
    ("f", "loc"): (("ckiej", "cka"), ("skiej", "ska"), ("dzkiej", "dzka"), ("owej", "owa")),
    ("f", "acc"): (("cką", "cka"), ("ską", "ska"), ("dzką", "dzka"), ("ową", "owa")),
    ("f", "inst"): (("cką", "cka"), ("ską", "ska"), ("dzką", "dzka"), ("ową", "owa")),
}


def _by_suffix(part: str, case: str, gender: str) -> str:
    lowered = part.casefold()
    for ending, nominative in _SUFFIXES.get((gender, case), ()):
        if lowered.endswith(ending) and len(lowered) > len(ending) + 1:
            return part[: len(part) - len(ending)] + nominative
    return part


_NOMINATIVE_ENDINGS = {"m1": ("ski", "cki", "dzki"), "f": ("ska", "cka", "dzka")}


def _suffix_fits(part: str, case: str, gender: str) -> bool:
    """Whether a word SGJP does not know looks like that case and gender of a surname."""
    if case == "nom":
        return part.casefold().endswith(_NOMINATIVE_ENDINGS.get(gender, ()))
    return _by_suffix(part, case, gender) != part


def _styled(lemma: str, printed: str) -> str:
    """The lemma in the printed word's style; names always start with a capital."""
    if printed.isupper() and len(printed) > 1:
        return lemma[:1].upper() + lemma[1:].lower()
    return lemma[:1].upper() + lemma[1:]


def person_nominative(words: Sequence[str], case_hint: str | None = None) -> str:
    """A person's name in the nominative: ["Pana"...] excluded, ["Adama", "Wiśniewskiego"] in.

    The words must agree in number, case and gender, so the reading that most of them
    share wins ("Bronisława Wrony" is a man's genitive, "Bronisława Wrona" a woman's
    nominative). ``case_hint`` is the case the context asks for ("gen" after "Pana").
    """
    parts = [word.split("-") for word in words]
    flat = [(i, p) for i, group in enumerate(parts) for p in group if p]
    options = [_name_readings(part, i) for i, part in flat]
    triple = _best_triple([p for _, p in flat], options, case_hint)
    if triple is None:
        return " ".join(words)
    number, case, gender = triple
    lemmas: list[str] = []
    for (_, part), found in zip(flat, options, strict=True):
        matching = [r for r in found if r.agrees(number, case, gender)]
        if matching:
            lemmas.append(_styled(matching[0].lemma, part))
        else:
            lemmas.append(_styled(_by_suffix(part, case, gender), part))
    out: list[str] = []
    cursor = 0
    for group in parts:
        count = len([p for p in group if p])
        out.append("-".join(lemmas[cursor : cursor + count]))
        cursor += count
    return " ".join(out)


def _best_triple(
    parts: Sequence[str], options: Sequence[Sequence[Reading]], case_hint: str | None
) -> tuple[str, str, str] | None:
    """The (number, case, gender) that most words can take; ties go to the hint, then nom."""
    triples: set[tuple[str, str, str]] = set()
    for found in options:
        for r in found:
            for case, gender in itertools.product(r.cases, r.genders):
                if gender in _PERSON_GENDERS:
                    triples.add(("sg", case, gender))
    if not triples:
        return None

    def score(triple: tuple[str, str, str]) -> tuple[int, int, int, int]:
        support = sum(
            1
            for part, found in zip(parts, options, strict=True)
            if any(r.agrees(*triple) for r in found)
            or (not found and _suffix_fits(part, triple[1], triple[2]))
        )
        first = 1 if options and any(r.agrees(*triple) for r in options[0][:1]) else 0
        return (support, triple[1] == case_hint, triple[1] == "nom", first)

    return max(sorted(triples), key=score)


def place_nominative(phrase: str) -> str:
    """A place named in the locative ("Gdyni", "Nowym Sączu") in the nominative.

    Words after "nad"/"pod" keep their printed form ("Nowe Miasto nad Wartą"); words that
    Morfeusz cannot read as a locative are kept as printed.
    """
    words = phrase.split()
    out: list[str] = []
    for index, word in enumerate(words):
        if word.casefold() in {"nad", "pod", "n/", "k.", "koło"}:
            out.extend(words[index:])
            break
        pieces = word.split("-")
        out.append("-".join(_styled(_place_piece(piece), piece) for piece in pieces))
    return " ".join(_agree_adjectives(words, out))


def _place_piece(piece: str) -> str:
    """Nominative lemma of one locative word; adjectives wait for their noun's gender."""
    found = [r for r in readings(piece) if "loc" in r.cases]
    nouns = [r for r in found if r.pos == "subst" and r.names & GEO_CLASSES]
    if nouns:
        # A plural form names a plural town ("Górach" in "Tarnowskich Górach": "Góry").
        plural = [r for r in nouns if r.plurale_tantum and "sg" not in r.numbers]
        best = min(plural or nouns, key=lambda r: (_place_rank(r.lemma), "sg" not in r.numbers))
        if "sg" not in best.numbers and not best.plurale_tantum:
            # A town named in the plural whose dictionary lemma is singular: "Brzozowicach"
            # is "Brzozowice", not "Brzozowica".
            return _plural_nominative(best.lemma) or best.lemma
        return best.lemma
    if any(r.pos == "adj" for r in found):
        return piece
    common = [r for r in found if r.pos == "subst"]
    return common[0].lemma if common else piece


def _plural_nominative(lemma: str) -> str | None:
    """The nominative plural of a place noun ("Brzozowica" → "Brzozowice")."""
    for orth, _lemma, tag, _names, _qualifiers in _generator().generate(lemma):
        fields = tag.split(":")
        if fields[0] == "subst" and "pl" in fields[1].split(".") and "nom" in fields[2].split("."):
            return orth
    return None


def _agree_adjectives(printed: Sequence[str], lemmas: list[str]) -> list[str]:
    """Adjectives of a place name take the nominative in their noun's gender."""
    genders = []
    for word in printed:
        found = [r for r in readings(word) if r.pos == "subst" and "loc" in r.cases]
        genders.append(found[0].genders[0] if found else None)
    out = list(lemmas)
    for index, word in enumerate(printed[: len(lemmas)]):
        adjective = [r for r in readings(word) if r.pos == "adj" and "loc" in r.cases]
        nouns = [g for g in genders[index + 1 :] + genders[:index] if g]
        if adjective and word.casefold() == lemmas[index].casefold() and nouns:
            number = (
                "pl"
                if any("pl" in r.numbers for r in adjective)
                and not any("sg" in r.numbers for r in adjective)
                else "sg"
            )
            form = _adjective_form(adjective[0].lemma, number, nouns[0])
            if form:
                out[index] = _styled(form, word)
    return out


def _adjective_form(lemma: str, number: str, gender: str) -> str | None:
    for orth, _lemma, tag, _names, _qual in _generator().generate(lemma):
        fields = tag.split(":")
        if (
            fields[0] == "adj"
            and len(fields) >= 5
            and number in fields[1].split(".")
            and "nom" in fields[2].split(".")
            and gender in fields[3].split(".")
            and fields[4] == "pos"
        ):
            return orth
    return None


@cache
def _places() -> Any | None:
    try:
        import zxcvbn_pl
    except ImportError:
        return None
    return zxcvbn_pl.dictionaries().get("pl_places")


def _place_rank(lemma: str) -> int:
    """TERYT rank of a place name (commoner places first); unknown places last."""
    places = _places()
    rank = places.get(lemma.casefold()) if places is not None else None
    return rank if rank is not None else 1 << 30


def organ_nominative(phrase: str) -> str:
    """An organ named in the genitive ("Starosty Nowotarskiego") in the nominative.

    Only the head noun and the adjectives agreeing with it change: "Burmistrza Miasta
    Sanoka" → "Burmistrz Miasta Sanoka". A phrase already in the nominative is kept.
    """
    words = phrase.split()
    if not words:
        return phrase
    head = [r for r in readings(words[0]) if r.pos == "subst" and "sg" in r.numbers]
    if not head or any("nom" in r.cases for r in head):
        return phrase
    genitive = [r for r in head if "gen" in r.cases]
    if not genitive:
        return phrase
    noun = genitive[0]
    gender = noun.genders[0]
    out = [_styled(noun.lemma, words[0])]
    index = 1
    while index < len(words):
        adjective = [
            r for r in readings(words[index]) if r.pos == "adj" and r.agrees("sg", "gen", gender)
        ]
        form = _adjective_form(adjective[0].lemma, "sg", gender) if adjective else None
        if form is None:
            break
        out.append(_styled(form, words[index]))
        index += 1
    return " ".join(out + words[index:])


REPAIRABLE_LENGTH = 6  # letters; shorter words have too many known neighbours to repair
FIRST_NAME_LENGTH = 4  # ... first names are fewer: four letters are enough
# Of two first names one letter from a misread one, the one this many times higher in the
# PESEL register's ranking is taken (Paweł, 5th, over Gaweł, 776th).
COMMONER_RANKS = 10
DIACRITIC_LENGTH = 4  # ... and a diacritic's few variants, too
# Tesseract's usual confusions inside words, each way round: "rn" read "m", "cl" read "d".
_OCR_CONFUSIONS = (("m", "rn"), ("rn", "m"), ("d", "cl"), ("h", "li"), ("u", "ii"), ("ł", "l"))
# ... and at a word's start, where a capital "I" is read as "T", "l", "|" or "[".
_OCR_FIRST_LETTER = (("T", "I"), ("l", "I"), ("|", "I"), ("[", "I"), ("1", "I"), ("r", "I"))


@lru_cache(maxsize=16384)
def repaired_name_word(word: str) -> str:
    """A name word SGJP does not know, repaired by one OCR confusion when that gives a name.

    "Czamecka" (unknown) → "Czarnecka" (a surname); otherwise the word as printed.
    """
    if is_known(word) or len(word) < 4:
        return word
    for wrong, right in _OCR_FIRST_LETTER:  # "Twona": an "I" read as "T"
        variant = right + word[1:]
        if word.startswith(wrong) and (is_first_name(variant) or is_surname(variant)):
            return variant
    for wrong, right in _OCR_CONFUSIONS:
        start = word.find(wrong, 1)
        while start != -1:
            variant = word[:start] + right + word[start + len(wrong) :]
            if is_surname(variant) or is_first_name(variant):
                return variant
            start = word.find(wrong, start + 1)
    return word


_POLISH_LETTERS = "aąbcćdeęfghijklłmnńoóprstuwyzźżś"


def _one_letter_away(word: str) -> set[str]:
    """Every lower-case string one deleted, inserted or substituted letter from ``word``."""
    lower = word.lower()
    variants = {lower[:i] + lower[i + 1 :] for i in range(len(lower))}
    for i in range(len(lower) + 1):
        for letter in _POLISH_LETTERS:
            variants.add(lower[:i] + letter + lower[i:])
            if i < len(lower):
                variants.add(lower[:i] + letter + lower[i + 1 :])
    variants.discard(lower)
    return variants


# Symbols OCR reads for letters inside a word ("Mia$ta", "Burmistrz4").
_SYMBOL_LETTERS = str.maketrans({"$": "s", "4": "a", "0": "o", "1": "l", "5": "s", "|": "l"})
_DIACRITIC_PAIRS = (
    ("a", "ą"),
    ("e", "ę"),
    ("o", "ó"),
    ("l", "ł"),
    ("s", "ś"),
    ("z", "ż"),
    ("z", "ź"),
    ("c", "ć"),
    ("n", "ń"),
)


def _diacritics_away(word: str) -> set[str]:
    """Every lower-case string one letter's diacritic away from ``word`` (added or lost)."""
    lower = word.lower()
    variants = set()
    for i, letter in enumerate(lower):
        for plain, marked in _DIACRITIC_PAIRS:
            other = marked if letter == plain else plain if letter == marked else None
            if other is not None:
                variants.add(lower[:i] + other + lower[i + 1 :])
    return variants


def _known_either_case(word: str) -> bool:
    return is_known(word) or is_known(word.capitalize())


@lru_cache(maxsize=4096)
def repaired_word(word: str) -> str:
    """A word SGJP does not know, made the one word it knows one letter away, if just one.

    For text OCR reads worst (a worn stamp): "Arcnitektury" -> "Architektury",
    "BUPMISTRZ" -> "BURMISTRZ". Two or more known neighbours leave the word as printed;
    so do short words, whose neighbours are too many to choose from. The letter case of
    the printed word is kept.
    """
    letters = word.translate(_SYMBOL_LETTERS) if regex.search(r"\p{L}{3}", word) else word
    if is_known(letters):
        return letters  # "Mia$ta" is "Miasta"; a known word stays as it is
    if len(letters) < DIACRITIC_LENGTH or not letters.isalpha():
        return word
    for wrong, right in _OCR_FIRST_LETTER:  # "lnwestycji": a capital "I" read as "l"
        if letters.startswith(wrong) and _known_either_case(variant := right + letters[1:]):
            return variant
    # A diacritic added or lost is the likeliest misreading ("Miastą", "Wojt"); then, in
    # longer words, any letter.
    known = {v for v in _diacritics_away(letters) if _known_either_case(v)}
    if not known and len(letters) >= REPAIRABLE_LENGTH:
        known = {v for v in _one_letter_away(letters) if _known_either_case(v)}
    if len(known) != 1:
        return word
    fixed = known.pop()
    if word.isupper():
        return fixed.upper()
    found = readings(fixed.capitalize())
    proper = bool(found) and all(r.names & GEO_CLASSES for r in found)
    return fixed.capitalize() if word[0].isupper() or proper else fixed


@lru_cache(maxsize=4096)
def repaired_first_name(word: str, *, vouched: bool = False) -> str:
    """A word that is no first name, made the first name one letter away, if one stands out.

    "Kami" -> "Kamil", "Jarzy" -> "Jerzy", "Haweł" -> "Paweł" (far commoner than Gaweł);
    "Darta" (Marta or Daria) stays. Only names in the nominative that people are given
    (in the PESEL register) count. A short name's diacritic alone is repaired too ("Jań").

    ``vouched``: the word stands before a surname on a stamp's name line, so it is a
    first name, however worn: one of four letters or more may be two letters off
    ("Kamy" -> "Kamil"), weighed against the names people are given most.
    """
    if len(word) < DIACRITIC_LENGTH - 1 or not word.isalpha() or is_first_name(word):
        return word
    if _registered(word, "pl_first_names"):
        return word  # a name people bear, which SGJP does not know ("Mykola")
    # A name line says the name in the nominative: the name itself, one people are given.
    names = {name for v in _diacritics_away(word) if _is_given_name(name := v.capitalize())}
    if not names and len(word) >= FIRST_NAME_LENGTH:
        names = {name for v in _one_letter_away(word) if _is_given_name(name := v.capitalize())}
    chosen = _commonest(names)
    if chosen is None and not names:
        shortest = FIRST_NAME_LENGTH if vouched else REGISTER_LENGTH
        chosen = _register_neighbour(
            word,
            "pl_first_names",
            _is_given_name,
            shortest=shortest,
            prior=FIRST_NAME_PRIOR,
            edits=REGISTER_EDITS + vouched,
        )
    if chosen is None:
        return word
    return chosen.upper() if word.isupper() else chosen


def _is_given_name(name: str) -> bool:
    """A first name in the nominative that people are given (in the PESEL register)."""
    return first_name_rank(name) is not None and any(
        r.lemma == name for r in readings(name) if _is_first_name_reading(r)
    )


def _commonest(names: set[str]) -> str | None:
    """The one name, or the one far commoner than the others ("Haweł": Paweł, not Gaweł).

    A misread letter is as likely in any name, so the name people are given far more
    often is the likelier one; names close in the register stay undecided.
    """
    ranked = sorted((rank, name) for name in names if (rank := first_name_rank(name)) is not None)
    if not ranked:
        return None
    if len(ranked) > 1 and ranked[1][0] < COMMONER_RANKS * ranked[0][0]:
        return None
    return ranked[0][1]


@lru_cache(maxsize=4096)
def repaired_surname(word: str, first_name: str) -> str:
    """A word that is no surname SGJP knows, made the one it knows one letter away.

    For a stamp's name line only, where ``first_name`` already shows the line is a name:
    "KubiaX" -> "Kubiak"; "Kowalskl" after "Anna" -> "Kowalska" (the nominative, in the
    first name's gender). Elsewhere a surname SGJP does not know is simply a rare one.
    """
    letters = word.translate(_SYMBOL_LETTERS)
    if len(letters) < REPAIRABLE_LENGTH - 1 or not letters.isalpha() or is_surname(letters):
        return word
    if _registered(letters, "pl_last_names"):
        return word  # a surname people bear, which SGJP does not know ("Kovalska")
    gender = "f" if _is_female(first_name) else "m1"
    candidates = {v.capitalize() for v in _one_letter_away(letters)}
    names = {name for name in candidates if _is_nominative_surname(name, gender)}
    if len(names) > 1 and gender == "f":  # "Kowalski" is a woman's surname too, uninflected
        names = {name for name in names if name.endswith("a")}
    if not names:
        found = _register_neighbour(
            letters, "pl_last_names", lambda name: _is_nominative_surname(name, gender)
        )
        names = {found} if found is not None else set()
    if len(names) != 1:
        return word
    name = names.pop()
    return name.upper() if word.isupper() else name


# A stamp's name worn by the pen two letters deep ("Fifatkowska", "Magrłałena") is the
# register's name two edits away, a lost or added diacritic costing none, when the word
# is long enough that two edits leave it one name: shorter words have too many neighbours.
REGISTER_EDITS = 2
REGISTER_LENGTH = 6
_FOLDED = str.maketrans("ąćęłńóśźż", "acelnoszz")


def _folded(word: str) -> str:
    """The word in lower case without Polish diacritics ("Łódź" -> "lodz")."""
    return word.casefold().translate(_FOLDED)


@cache
def _register_names(key: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[int, ...]]:
    """A PESEL register list: its names (lower case), the same folded, their ranks."""
    found = _pesel_list(key)
    if found is None:
        return (), (), ()
    # zxcvbn-pl (pinned below 0.4) answers one name at a time; its trie lists them all.
    items = sorted(found._trie.items(), key=lambda item: item[1][0])  # noqa: SLF001
    names = tuple(name for name, _ in items)
    return names, tuple(_folded(name) for name in names), tuple(rank for _, (rank,) in items)


def _register_neighbour(
    word: str,
    key: str,
    accept: Callable[[str], bool],
    *,
    shortest: int = REGISTER_LENGTH,
    prior: float = 0.0,
    edits: int = REGISTER_EDITS,
) -> str | None:
    """The register name (capitalised) a worn word was, or None when none stands out.

    Names up to :data:`REGISTER_EDITS` edits away (diacritics free) that ``accept`` takes
    (the nominative, the gender) are weighed by how a worn letter is misread
    (:func:`_misreading_cost`) and, with ``prior``, by how common the name is (``prior``
    times the decimal logarithm of its rank: an edit weighs as much as a name ten times
    rarer); the cheapest is taken when it is clearly cheapest, or, of a tie, far commoner
    than the rest (:func:`_commonest`'s rule). Words shorter than ``shortest`` letters
    have too many neighbours.
    """
    if len(word) < shortest or not word.isalpha():
        return None
    if _registered(word, key):
        return None  # a name people bear, as printed (SGJP may not know it: "Mykola")
    from rapidfuzz import process
    from rapidfuzz.distance import Levenshtein

    names, folded, ranks = _register_names(key)
    near = process.extract(
        _folded(word), folded, scorer=Levenshtein.distance, score_cutoff=edits, limit=None
    )
    costs: dict[str, tuple[float, int]] = {}
    for _, _, index in near:
        name = names[index].capitalize()
        if name not in costs and accept(name):
            misreading = _misreading_cost(_folded(word), folded[index])
            if misreading <= MAX_MISREADING:
                costs[name] = (misreading + prior * math.log10(ranks[index]), ranks[index])
    ranked = sorted((cost, rank, name) for name, (cost, rank) in costs.items())
    if not ranked:
        return None
    tied = sorted((rank, name) for cost, rank, name in ranked if cost < ranked[0][0] + CLEAR_MARGIN)
    if len(tied) > 1 and tied[1][0] < COMMONER_RANKS * tied[0][0]:
        return None
    return tied[0][1]


@cache
def _register_ranks(key: str) -> dict[str, int]:
    names, _, ranks = _register_names(key)
    return dict(zip(names, ranks, strict=True))


def _registered(word: str, key: str) -> bool:
    """Whether the register holds the word as printed, and no far commoner spelling of it.

    The register lists names without their diacritics too ("Grazyna", ranked as
    "Grażyna"): a spelling with a diacritic at least as common is the name.
    """
    ranks = _register_ranks(key)
    rank = ranks.get(word.casefold())
    if rank is None:
        return False
    marked = (ranks.get(variant) for variant in _diacritics_away(word))
    return not any(other is not None and other <= rank for other in marked)


MAX_MISREADING = 2.0  # the cost of two edits of unlike letters
# First names are few and unevenly given (the hundred commonest name most people): how
# common one is weighs in choosing what a worn one was.
FIRST_NAME_PRIOR = 1.0
CLEAR_MARGIN = 0.5  # ... and a candidate this much cheaper than the next stands out
# Letters a worn or crossed stamp letter is read as (diacritics are folded away first).
_LOOK_ALIKE = ("aoec", "iljtf", "mnrhu", "gqy", "kx", "bhk", "vwy", "dcl", "szx")


def _misreading_cost(read: str, name: str) -> float:
    """Edits from the letters read to a name's, a look-alike letter costing half.

    A first letter read wrong, lost or added costs half more: a name's capital is its
    tallest, best-read letter.
    """
    capital = 0.5
    previous = [0.0, *(j + capital for j in range(1, len(name) + 1))]
    for i, got in enumerate(read, 1):
        current = [i + capital]
        for j, want in enumerate(name, 1):
            swap = 0.0 if got == want else _swap_cost(got, want) + (capital if i == j == 1 else 0)
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + swap))
        previous = current
    return previous[-1]


def _swap_cost(got: str, want: str) -> float:
    """One letter read for another: half when they look alike (:data:`_LOOK_ALIKE`)."""
    return 0.5 if any(got in group and want in group for group in _LOOK_ALIKE) else 1.0


@lru_cache(maxsize=4096)
def joined_surname(head: str, tail: str, first_name: str) -> str | None:
    """A surname a signature's stroke cut in two ("Wiśniew ki"), whole; None if none fits.

    The pieces are joined as printed, or with one letter between them (the one the stroke
    covered): "Wiśniew" + "ki" -> "Wiśniewski". Only a surname SGJP knows in the
    nominative, in the first name's gender, and only when one join gives one ("Now" + "k":
    Nowak, Nowek... stays cut).
    """
    if not (head + tail).isalpha() or len(head) + len(tail) < FIRST_NAME_LENGTH - 1:
        return None
    gender = "f" if _is_female(first_name) else "m1"
    joins = [(head + tail).capitalize()]  # as printed first: a gap with no letter lost
    if not _is_nominative_surname(joins[0], gender):
        joins = [(head + letter + tail).capitalize() for letter in _POLISH_LETTERS]
    names = {name for name in joins if _is_nominative_surname(name, gender)}
    if len(names) != 1:
        return None
    name = names.pop()
    return name.upper() if head.isupper() else name


def _is_nominative_surname(word: str, gender: str) -> bool:
    return any(r.names & SURNAME_CLASSES and r.agrees("sg", "nom", gender) for r in readings(word))


def _is_female(first_name: str) -> bool:
    return any("f" in r.genders for r in readings(first_name) if _is_first_name_reading(r))


def place_confirmed(place: str, text: str) -> str | None:
    """The place as the rest of the letter names it, when OCR damaged one letter of it.

    A letter's town usually stands again in the letterhead's address ("38-500 Sanok") or
    in an office name ("Burmistrz Miasta Sanoka"). If ``place`` occurs nowhere else but a
    geographical name one edit away does ("Sanek" / "Sanok"), that name is returned;
    ``place`` itself when the text confirms it; None when the text says nothing.
    """
    if " " in place or "-" in place:
        return None
    if any(
        r.names & GEO_CLASSES and (r.lemma == place or "nom" in r.cases) for r in readings(place)
    ):
        return place  # a place SGJP knows in this form ("Brzozowice"): nothing to repair
    lemmas = _geo_lemmas(text)
    if lemmas.get(place, 0) > 1:
        return place
    near = [lemma for lemma, count in lemmas.items() if lemma != place and _one_edit(lemma, place)]
    return near[0] if len(near) == 1 else None


def _geo_lemmas(text: str) -> dict[str, int]:
    """Nominative geographical names of the capitalised words of a text, with counts."""
    counts: dict[str, int] = {}
    for word in regex.findall(r"\b\p{Lu}\p{Ll}{2,}\b", text):
        for lemma in {r.lemma for r in readings(word) if r.names & GEO_CLASSES}:
            counts[lemma] = counts.get(lemma, 0) + 1
    return counts


def _one_edit(a: str, b: str) -> bool:
    """Whether two words differ by one substituted, inserted or deleted letter."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    shorter, longer = sorted((a, b), key=len)
    return any(longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer)))


@lru_cache(maxsize=16384)
def genitive(word: str) -> bool:
    """Whether a word can be a noun or adjective in the genitive ("Województwa", "Gminy")."""
    return any(r.pos in {"subst", "adj"} and "gen" in r.cases for r in readings(word))


def nominative_singular(word: str) -> bool:
    """Whether a word can be a noun in the nominative singular ("Rada", not "Starostwa")."""
    return any(r.pos == "subst" and "sg" in r.numbers and "nom" in r.cases for r in readings(word))
