"""What a line of an addressee or signature block is: a name, a position, an office, an address.

Letters print these blocks as short lines, one thing per line. The classifiers here are
conventions of Polish official correspondence (honorifics, academic and service titles,
the head words of offices and positions, postal address shapes), not lists of names:
whether a capitalised word is a first name or a surname is asked of Morfeusz.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import regex

from extract import morph
from extract.patterns import (
    ADDRESS,
    CONTACT,
    HONORIFIC,
    LEGAL_FORM,
    ORGANIZATION,
    ORGANIZATION_WORDS,
    POSITION,
    POSITION_HEADS,
    POSITION_LINE_WORDS,
    POSITION_WORDS,
    TITLES,
)
from extract.text import edit_distance, without_diacritics

_HONORIFIC_CASE = {"pan": "nom", "pana": "gen", "panu": "dat"}
# A name word: "Kowalski", "KOWALSKI", "Okońska-Walkowicz", an initial "J."
_NAME_WORD = regex.compile(r"^(?:\p{Lu}\p{Ll}+|\p{Lu}{2,})(?:-(?:\p{Lu}\p{Ll}+|\p{Lu}{2,}))*$")
_INITIAL = regex.compile(r"^\p{Lu}\.$")


@dataclass(frozen=True, slots=True)
class Name:
    """A person's name found in a line: nominative form and the printed words' span."""

    value: str
    start: int  # character offsets of the printed name within the line
    end: int
    repaired: bool = False  # an OCR confusion was undone to make it a known name


def honorific(line: str) -> tuple[str | None, str]:
    """The honorific opening a line ("Pan", "Pani"...) and the rest of the line."""
    match = HONORIFIC.match(line)
    if match is None:
        return None, line
    return match["word"], line[match.end() :]


def case_after(word: str | None) -> str | None:
    """The grammatical case a name takes after this honorific (None: could be any)."""
    return _HONORIFIC_CASE.get(word.casefold()) if word else None


@lru_cache(maxsize=16384)
def find_name(line: str, case_hint: str | None = None, *, whole: bool = True) -> Name | None:
    """A person's name in ``line``: first name(s) then surname(s), titles skipped.

    With ``whole`` the name must be all the line holds (besides titles and trailing
    punctuation): that is how blocks print it, and it keeps "Rada Miasta" out.
    """
    stripped = line.rstrip(" ,;.")
    title = TITLES.match(stripped)
    offset = title.end() if title else 0
    words = [(m.start() + offset, m.group()) for m in regex.finditer(r"\S+", stripped[offset:])]
    for begin in range(len(words) if not whole else min(1, len(words))):
        for length in (3, 2):
            chunk = words[begin : begin + length]
            if len(chunk) < length:
                continue
            if whole and begin + length != len(words):
                continue
            texts = [_repaired(w) for _, w in chunk]
            if length == 2 and not _looks_like_name(texts) and _looks_like_name(texts[::-1]):
                texts = texts[::-1]  # surname first, as lists and some stamps print it
            if _looks_like_name(texts):
                start, last = chunk[0][0], chunk[-1]
                value = _nominative(texts, case_hint)
                repaired = sorted(texts) != sorted(w for _, w in chunk)
                return Name(value, start, last[0] + len(last[1]), repaired)
    return None


def _looks_like_name(words: list[str]) -> bool:
    """First name (or initial) then surname-like words, none of them an office word."""
    if not all(_NAME_WORD.match(w) or _INITIAL.match(w) for w in words):
        return False
    if any(POSITION.match(w) or ORGANIZATION.match(w) for w in words):
        return False
    first, rest = words[0], words[1:]
    if not (_INITIAL.match(first) or morph.is_first_name(first)):
        return False
    for word in rest:
        if _INITIAL.match(word):
            return False
        parts = word.split("-")
        if not all(_surname_like(p) for p in parts):
            return False
    return True


def _surname_like(word: str) -> bool:
    """A surname: SGJP knows it as one, or it is no ordinary word (unknown surnames)."""
    return morph.is_surname(word) or morph.is_first_name(word) or not morph.is_common_word(word)


def _repaired(word: str) -> str:
    """A name word with OCR confusions repaired where that makes it a known name."""
    return "-".join(morph.repaired_name_word(part) for part in word.split("-"))


def _nominative(words: list[str], case_hint: str | None) -> str:
    if _INITIAL.match(words[0]):
        return " ".join([words[0], morph.person_nominative(words[1:], case_hint)])
    return morph.person_nominative(words, case_hint)


LOWER_WORDS = frozenset(
    {"i", "w", "we", "z", "ze", "do", "na", "dla", "oraz", "o", "od", "po", "przy", "ds.", "d/s"}
)


@lru_cache(maxsize=4096)
def position_head(word: str) -> str:
    """The word as the position head it is one or two misread letters from, if any.

    "PREZYDENI" -> "PREZYDENT", "Urmistrz" -> "Burmistrz"; a word the dictionary knows is
    no misreading ("Starostwo"). Letter case as printed.
    """
    return _nearest(word, POSITION_HEADS)


@lru_cache(maxsize=4096)
def position_word(word: str) -> str:
    """A word of a stamp's position line as the title or office word it is misread from.

    As :func:`position_head`, over the words position lines are made of: "Prezydenla" ->
    "Prezydenta", "Miaste" -> "Miasta". A long word one letter from a title is that title
    even when SGJP knows it ("Rurmistrza": a rare noun, but on a stamp a misread
    "Burmistrza"); office words are not, as they are too near them ("Starostwa").
    """
    fixed = _nearest(word, POSITION_LINE_WORDS)
    core = word.strip(".,;:'\"„”")
    if (
        fixed != word
        or core.casefold() in POSITION_LINE_WORDS
        or len(core) < KNOWN_MISREAD_LENGTH
        or _ORGANIZATION_WORD.match(core)
    ):
        return fixed
    near = [known for known in POSITION_LINE_WORDS if edit_distance(core.casefold(), known) == 1]
    return word.replace(core, _styled(near[0], core), 1) if len(near) == 1 else word


KNOWN_MISREAD_LENGTH = 8  # letters; shorter known words are too often the word meant


def worn_start(word: str) -> str:
    """A stamp line's first word whose first letters wore off, whole: "ydziału" -> "Wydziału".

    Only a word in lower case (a stamp's lines start with a capital) that ends exactly one
    title or office word, one or two letters short of it.
    """
    if len(word) < WORN_START_LETTERS or not (word.isalpha() and word.islower()):
        return word
    whole = {
        known
        for known in POSITION_LINE_WORDS
        if known.endswith(word) and 0 < len(known) - len(word) <= 2
    }
    return whole.pop().capitalize() if len(whole) == 1 else word


WORN_START_LETTERS = 3  # fewer left of a word end too many words


# A stamp's or a typeset block's letter-spaced words ("B U R M I S T R Z", "PREZ YDENTA")
# are read as pieces; a run of up to this many pieces is tried as one word.
MAX_PIECES = 16
_PIECE = regex.compile(r"\S+")


def joined_pieces(line: str) -> str:
    """A position line with the words OCR read in pieces joined again.

    Pieces join when together they make a word position lines are made of ("PREZ YDENTA"
    -> "PREZYDENTA", "Z A S T Ę P C A" -> "ZASTĘPCA"), or another word SGJP knows, of
    five letters or more, when they are single letters ("T C Z E W A") or two pieces one of
    which is no word ("Fin ansowego"); the cut into the fewest words is taken
    (:func:`piece_runs`). Words that stand apart as printed, each a word (``z up.``,
    ``Rady Miasta``), make no position word together, so they stay apart.
    """
    pieces = [(m.start(), m.end()) for m in _PIECE.finditer(line)]
    out: list[str] = []
    last = 0
    for first, end in piece_runs([line[a:b] for a, b in pieces]):
        out.append(line[last : pieces[first][0]])
        joined = "".join(line[a:b] for a, b in pieces[first:end])
        out.append(one_case(joined) if end - first > 1 else joined)
        last = pieces[end - 1][1]
    out.append(line[last:])
    return "".join(out)


def one_case(word: str) -> str:
    """A word joined of pieces in the case most of its letters are ("KoŁBaskowo")."""
    if word.isupper() or word.islower() or word[1:].islower():
        return word
    upper = sum(letter.isupper() for letter in word)
    if upper > len(word) - upper:
        return word.upper()
    return word.capitalize() if word[0].isupper() else word.lower()


def piece_runs(words: Sequence[str]) -> list[tuple[int, int]]:
    """The ``words`` as runs ``(first, end)`` to join, by :func:`joined_pieces`' rule.

    Of all ways to cut the words into runs, the one with the fewest runs, a word SGJP does
    not know left alone counting double: "B U R M I S T R Z A M I A S T A" is BURMISTRZA
    MIASTA (two runs), not BURMISTRZAMI (a word too) and four letters left over.
    """
    count = len(words)
    best: list[tuple[float, int]] = [(0.0, 0)] + [(math.inf, 0)] * count  # cost, run start
    for end in range(1, count + 1):
        for first in range(max(0, end - MAX_PIECES), end):
            run = words[first:end]
            cost = _run_cost(run)
            if cost is not None and best[first][0] + cost < best[end][0]:
                best[end] = (best[first][0] + cost, first)
    runs, end = [], count
    while end > 0:
        first = best[end][1]
        runs.append((first, end))
        end = first
    return runs[::-1]


@lru_cache(maxsize=8192)
def _known_word(word: str) -> bool:
    return morph.is_known(word) or morph.is_known(word.capitalize())


def _run_cost(run: Sequence[str]) -> float | None:
    """What a run costs as one word, or None when its pieces make no word together."""
    if len(run) == 1:
        return 1.0 if not run[0].isalpha() or _known_word(run[0]) else UNKNOWN_ALONE
    if not all(w.isalpha() for w in run):
        return None
    joined = "".join(run)
    if joined.casefold() in POSITION_LINE_WORDS:
        return None if all(w.casefold() in POSITION_LINE_WORDS for w in run) else 1.0
    # Letters one by one (a longer piece among them) make a word by no chance; of words
    # read in two, one is no word SGJP knows ("Fin ansowego", not "Rady Miasta").
    spaced = sum(len(w) > 1 for w in run) <= 1 and len(run) > 2
    pieces = len(run) == 2 and not all(_known_word(w) for w in run)
    if len(joined) >= JOINED_LENGTH and (spaced or pieces) and _known_word(joined):
        return 1.0
    return None


UNKNOWN_ALONE = 2.0  # a piece no word, left alone, costs as much as two words
JOINED_LENGTH = 5  # letters: shorter joins make chance words ("o d" -> "od")


def _nearest(word: str, vocabulary: Sequence[str]) -> str:
    """The word as the one ``vocabulary`` word one or two letters from it, if just one."""
    core = word.strip(".,;:'\"„”")
    lower = core.casefold()
    if lower in vocabulary:
        return word
    # A lost or misread diacritic first: "Wojt" is a word too (an old spelling), and
    # "Zastępcą" a form, but on a position line they are "Wójt" and "Zastępca".
    plain = [k for k in vocabulary if without_diacritics(k) == without_diacritics(lower)]
    if len(plain) == 1:
        return word.replace(core, _styled(plain[0], core), 1)
    if len(lower) < 5 or morph.is_known(core):
        return word
    allowed = 1 if len(lower) < 8 else 2
    near = sorted(
        (edit_distance(lower, known), known)
        for known in vocabulary
        if abs(len(known) - len(lower)) <= allowed
    )
    near = [pair for pair in near if pair[0] <= allowed]
    if not near or (len(near) > 1 and near[1][0] == near[0][0]):
        return word  # nothing near, or two words as near ("PREZYDENTĄ"): not a guess
    return word.replace(core, _styled(near[0][1], core), 1)


def _styled(known: str, printed: str) -> str:
    return known.upper() if printed.isupper() else known.capitalize()


def same_body(organ: str, office: str) -> bool:
    """Whether an organ and an office name the same place or domain, so belong together.

    "Burmistrz Miasta Sanoka" and "Urząd Miejski w Sanoku" share "Sanok"; "Starosta
    Tczewski" and "Starostwo Powiatowe w Tczewie" share "Tczew"; "Minister Infrastruktury"
    and "Ministerstwo Infrastruktury" their domain. Words are compared by their first
    letters, so that inflection does not part them; the words every office name has
    ("Miasta", "Gminy", "Urząd") do not count.
    """
    return bool(_stems(organ) & _stems(office))


def _stems(name: str) -> set[str]:
    words = regex.findall(r"\p{L}{4,}", name.casefold())
    return {word[:STEM] for word in words if word[:STEM] not in _GENERIC_STEMS}


STEM = 5  # letters: "sanok" of Sanoka/Sanoku, "tczew" of Tczewski/Tczewie
_GENERIC_STEMS = frozenset(
    w[:STEM]
    for w in (
        "urząd",
        "urzędu",
        "miasta",
        "miejski",
        "gminy",
        "gminny",
        "powiatu",
        "powiatowe",
        "województwa",
        "wojewódzki",
        "rady",
        "stołecznego",
        "prezydent",
        "burmistrz",
        "starosta",
        "starostwo",
        "marszałek",
        "zarząd",
        "dyrektor",
        "kierownik",
    )
)


def normal_case(text: str) -> str:
    """A line printed in capitals in normal capitalisation; mixed case is kept as printed.

    "PREZYDENT MIASTA GDYNI" → "Prezydent Miasta Gdyni".
    """
    letters = [c for c in text if c.isalpha()]
    if not letters or not all(c.isupper() for c in letters) or len(letters) < 4:
        return text
    words = []
    for index, word in enumerate(text.split()):
        lowered = word.lower()
        if index and lowered in LOWER_WORDS:
            words.append(lowered)
        elif (
            len(word) <= 3
            and "." not in word
            and index
            and word.isalpha()
            and lowered not in {"rad", "sąd"}
        ):
            words.append(word)  # an acronym: "RP", "MSWiA", "PKP"
        else:
            # "KUJAWSKO-POMORSKI", "KUJAWSKO–POMORSKI": each part of a compound capitalised
            words.append(
                _COMPOUND.sub(lambda m: m.group()[:1].upper() + m.group()[1:].lower(), word)
            )
    return " ".join(words)


_COMPOUND = regex.compile(r"[^-–]+")
# Adjectives that open both positions and office names ("Główny Specjalista", "Główny
# Inspektorat"): the noun after them decides.
_OPENING_ADJECTIVE = regex.compile(
    r"^(?:g[łl][óo]wn|starsz|m[łl]odsz|regionaln|wojew[óo]dzk|powiatow|miejsk|gminn|krajow|"
    r"pa[ńn]stwow|generaln|samodzieln|okr[ęe]gow|centraln|naczeln|publiczn|niepubliczn|"
    # the sixteen voivodeships' adjectives: "Dolnośląski Urząd Wojewódzki"
    r"dolno[śs]l[ąa]sk|lubelsk|lubusk|[łl][óo]dzk|ma[łl]opolsk|mazowieck|opolsk|podkarpack|"
    r"podlask|pomorsk|[śs]l[ąa]sk|[śs]wi[ęe]tokrzysk|wielkopolsk|zachodniopomorsk|mazursk)"
    r"(?:y|i|a|e|ego|ej|emu|ym|ymi|ych|ą)$|^(?:kujawsko|warmi[ńn]sko)$",
    regex.IGNORECASE,
)
_KIND_WORDS = regex.compile(r"[\p{L}.]+")
_ACTING = regex.compile(r"p\.\s?o\.", regex.I)  # "p.o." (pełniący obowiązki)
_POSITION_WORD = regex.compile(rf"^(?:{POSITION_WORDS})$", regex.IGNORECASE)
_ORGANIZATION_WORD = regex.compile(rf"^(?:{ORGANIZATION_WORDS})$", regex.IGNORECASE)


@lru_cache(maxsize=16384)
def line_kind(text: str) -> str | None:
    """The kind of one block line: position, organization, address, contact or None.

    The first noun decides: "Dyrektor Szkoły Podstawowej" is a position, "Szkoła
    Podstawowa" an organisation, "Główny Specjalista" a position.
    """
    if ADDRESS.search(text):
        return "address"
    if CONTACT.search(text):
        return "contact"
    if LEGAL_FORM.search(text):
        return "organization"
    words = _KIND_WORDS.findall(text)[:3]
    for word in words:
        if _OPENING_ADJECTIVE.match(word):
            continue
        # Office nouns first: "Starostwo", "Ministerstwo", "Kuratorium" share their stems
        # with the titles "Starosta", "Minister", "Kurator".
        if _ORGANIZATION_WORD.match(word):
            return "organization"
        if _POSITION_WORD.match(word) or _ACTING.match(word):
            return "position"
        return None
    return None
