"""What a line of an addressee or signature block is: a name, a position, an office, an address.

Letters print these blocks as short lines, one thing per line. The classifiers here are
conventions of Polish official correspondence (honorifics, academic and service titles,
the head words of offices and positions, postal address shapes), not lists of names:
whether a capitalised word is a first name or a surname is asked of Morfeusz.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from extract import morph

# "Pan", "Pani", "Szanowny Pan", "Sz. P.", "WP", "Wielmożna Pani": they open the addressee
# block. The case of "Pan" tells the case of the name after it.
HONORIFIC = regex.compile(
    r"^\s*(?:Do\s+)?(?:(?:Sz\.?\s*P\.?|Szanown[ayi]|Wielmo[żz]n[ayi]|W\.?\s*P\.?|Sz\.?\s*Pan\w*)\s+)?"
    r"(?P<word>(?:Pan(?:u|a|i|owie)?|Pa[ńn]stw[ao]|Szanown[ayi]\s+Pa[ńn]stwo)\b|"
    r"(?:Sz\.?\s*P|W\.?\s*P)\.?(?=\s*$|\s+(?-i:\p{Lu}))|Sz[.,]\s*[BR.]\.?(?=\s*$))[.,]?\s*",
    regex.IGNORECASE,
)
_HONORIFIC_CASE = {"pan": "nom", "pana": "gen", "panu": "dat"}
# Academic degrees, professional and service titles that precede a name, never part of it.
TITLES = regex.compile(
    r"(?:(?:prof\.?|dr\.?|hab\.?|in[żz]\.?|mgr\.?|lic\.?|lek\.?|med\.?|wet\.?|n\.\s?med\.?|"
    r"adw\.?|r\.\s?pr\.?|radca\s+prawny|ks\.?|o\.|p[łl]k\.?|ppłk\.?|mjr\.?|kpt\.?|gen\.?|"
    r"bryg\.?|st\.\s?bryg\.?|nadkom\.?|insp\.?|m[łl]\.\s?insp\.?|asp\.?|sier[żz]\.?|"
    r"arch\.?|in[żz]ynier|magister|doktor|profesor)(?=[\s.]|$)\s*)+",
    regex.IGNORECASE,
)
# Head words of positions: "Dyrektor Wydziału ...", "Zastępca Prezydenta", "p.o. Kierownika".
_POSITION_WORDS = (
    r"prezydent|wiceprezydent|burmistrz|wiceburmistrz|w[óo]jt|zast[ęe]pc\w*|starost\w*|"
    r"wicestarost\w*|marsza[łl]\w*|wicemarsza[łl]\w*|wojewod\w*|wicewojewod\w*|minister\w*|"
    r"wiceminister\w*|sekretarz\w*|podsekretarz\w*|skarbnik\w*|dyrektor\w*|wicedyrektor\w*|"
    r"kierownik\w*|naczelnik\w*|komendant\w*|prezes\w*|wiceprezes\w*|cz[łl]on\w*|"
    r"przewodnicz[ąa]c\w*|wiceprzewodnicz[ąa]c\w*|radn[ayi]|inspektor(?!at)\w*|specjalist\w*|"
    r"referent\w*|ksi[ęe]gow\w*|kanclerz|rektor|prorektor|dziekan|so[łl]tys|"
    r"prokurator\w*|s[ęe]dzi\w*|kurator\w*|pe[łl]nomocnik\w*|rzecznik\w*|doradc\w*|"
    r"koordynator\w*|p\.\s?o\.|pe[łl]ni[ąa]c[ayi]|audytor\w*|geodet\w*|architekt\w*|"
    r"komisarz\w*|szef\w*|dow[óo]dc\w*|podinspektor\w*|konsultant\w*|asystent\w*|"
    r"pracownik\w*|urz[ęe]dnik\w*|nadleśnicz\w*|le[śs]nicz\w*|ko[mn]ornik\w*|notariusz\w*|"
    r"pose[łl]\w*|senator\w*|premier\w*|wiceprezes|ombudsman|pe[łl]nomocnik"
)
POSITION = regex.compile(rf"^\s*(?:{_POSITION_WORDS})\b", regex.IGNORECASE)
# Head words of institutions (for organisations in blocks and for letterheads).
_ORGANIZATION_WORDS = (
    r"urz[ąę]d\w*|starostw\w*|gmin\w*|miast\w*|powiat\w*|wojew[óo]dztw\w*|ministerstw\w*|"
    r"kancelari\w*|zarz[ąa]d\w*|rad[ay]\b|sejm\w*|senat\w*|stowarzyszeni\w*|fundacj\w*|"
    r"sp[óo][łl]dzielni\w*|towarzystw\w*|firm[ay]\b|przedsi[ęe]biorstw\w*|sp[óo][łl]k\w*|"
    r"szko[łl]\w*|zesp[óo][łl]\w*|przedszkol\w*|o[śs]rod\w*|centrum|instytut\w*|"
    r"uniwersytet\w*|politechni\w*|akademi\w*|biur[oa]\b|wydzia[łl]\w*|departament\w*|"
    r"stra[żz]\w*|komend(?!ant)\w*|policj\w*|prokuratur\w*|s[ąa]d\w*|izb[ay]\b|inspektorat\w*|"
    r"dyrekcj\w*|agencj\w*|zak[łl]ad\w*|szpital\w*|bibliotek\w*|muze\w*|teatr\w*|"
    r"klub\w*|zwi[ąa]z\w*|parafi\w*|kuri\w*|regionaln\w*|samorz[ąa]d\w*|wsp[óo]lnot\w*|"
    r"kolegium|trybuna[łl]\w*|rzecznik\w*|komisj\w*|g[łl][óo]wn\w*\s+urz|generaln\w*|"
    r"krajow\w*|pa[ńn]stwow\w*|wojew[óo]dzk\w*|powiatow\w*|miejsk\w*|gminn\w*|"
    r"komitet\w*|obw[óo]d\w*|kuratori\w*|nadle[śs]nictw\w*|przychodni\w*|dom\b|orkiestr\w*|"
    r"partia|kongregacj\w*|izba|biuletyn\w*|redakcj\w*|portal\w*|grupa|koło|ko[łl]o"
)
ORGANIZATION = regex.compile(
    rf"^\s*(?:{_ORGANIZATION_WORDS})\b|\b(?:sp\.\s?z\s?o\.\s?o|s\.\s?a\.|sp\.\s?j\.|sp\.\s?k\.)",
    regex.IGNORECASE,
)
ADDRESS = regex.compile(
    r"^\s*(?:ul\.|ulica\b|al\.|aleja\b|aleje\b|pl\.|plac\b|os\.|osiedle\b|skr\.\s?poczt|"
    r"skrytka)|\b\d{2}\s?-\s?\d{3}\b|"
    # a postal code OCR damaged ("3/-/55 Krzywcza"): digits and marks, then the town
    r"^\s*\d[\d/\-–.,|]{3,6}\s+(?-i:\p{Lu}\p{Ll}+(?:[\s-]\p{Lu}\p{Ll}+)*)\s*$",
    regex.IGNORECASE,
)
CONTACT = regex.compile(
    r"(?:\btel\b|\btelefon|\bfax\b|\bfaks\b|e-?mail|\bwww\.|https?://|@|\bnip\b|\bregon\b|"
    r"\bkrs\b|\bepuap\b|\binfolinia\b|\bkonto\b|\bbank\b|\bskrytka\s+epuap)",
    regex.IGNORECASE,
)
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
            words.append("-".join(p[:1].upper() + p[1:].lower() for p in word.split("-")))
    return " ".join(words)


# Adjectives that open both positions and office names ("Główny Specjalista", "Główny
# Inspektorat"): the noun after them decides.
_OPENING_ADJECTIVE = regex.compile(
    r"^(?:g[łl][óo]wn|starsz|m[łl]odsz|regionaln|wojew[óo]dzk|powiatow|miejsk|gminn|krajow|"
    r"pa[ńn]stwow|generaln|samodzieln|okr[ęe]gow|centraln|naczeln|publiczn|niepubliczn)"
    r"(?:y|i|a|e|ego|ej|emu|ym|ymi|ych|ą)$",
    regex.IGNORECASE,
)
_COMPANY = regex.compile(r"\b(?:sp\.\s?z\s?o\.\s?o|s\.\s?a\.$|sp\.\s?j\.|sp\.\s?k\.)", regex.I)
_KIND_WORDS = regex.compile(r"[\p{L}.]+")
_ACTING = regex.compile(r"p\.\s?o\.", regex.I)  # "p.o." (pełniący obowiązki)
_POSITION_WORD = regex.compile(rf"^(?:{_POSITION_WORDS})$", regex.IGNORECASE)
_ORGANIZATION_WORD = regex.compile(rf"^(?:{_ORGANIZATION_WORDS})$", regex.IGNORECASE)


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
    if _COMPANY.search(text):
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
