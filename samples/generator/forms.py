"""Polish forms the letters print: people, offices, dates and case references."""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import re
import unicodedata
from dataclasses import dataclass

from .vocabulary import (
    DEPARTMENTS_GMINA,
    DEPARTMENTS_POWIAT,
    DEPARTMENTS_ROADS,
    FIRST_NAMES_F,
    FIRST_NAMES_M,
    MONTHS_GEN,
    MONTHS_NOM,
    OFFICE_STREETS,
    ROMAN_MONTHS,
    SURNAMES,
    Place,
)


@dataclass(frozen=True)
class Person:
    """A person with the nominative and genitive of the full name."""

    first: str
    last: str
    female: bool
    first_gen: str
    last_gen: str

    @property
    def name(self) -> str:
        """Full name, nominative, first name first."""
        return f"{self.first} {self.last}"

    @property
    def name_gen(self) -> str:
        """Full name in the genitive ("Jana Kowalskiego")."""
        return f"{self.first_gen} {self.last_gen}"

    @property
    def initials(self) -> str:
        """Initials as used at the end of a reference number ("JK")."""
        return f"{self.first[0]}{self.last[0]}"


@dataclass(frozen=True)
class Office:
    """An issuing office and the forms of its head's title."""

    kind: str
    place: Place
    organ: str  # "Burmistrz Miasta Sanoka"
    office_name: str  # "Urząd Miejski w Sanoku"
    head_short: str  # "Burmistrz"
    head_short_gen: str  # "Burmistrza"
    head_gen: str  # "Burmistrza Miasta Sanoka"
    deputy: str  # "Zastępca Burmistrza"
    secretary: str  # "Sekretarz Miasta"
    council_nom: str  # "Rada Miejska w Sanoku"
    council_gen: str  # "Rady Miejskiej w Sanoku"
    area_gen: str  # "miasta" / "gminy" / "powiatu"
    law: str  # key of LAWS for the office's own statute
    departments: tuple[tuple[str, str, str], ...]
    street: str
    slug: str

    @property
    def letterhead_is_office(self) -> bool:
        """Offices without an organ of their own print the office name as letterhead."""
        return self.kind == "drogi"


def ascii_slug(text: str) -> str:
    """Fold Polish letters to ASCII and drop everything but letters ("Nowy Targ" -> "nowytarg").

    Args:
        text: Any text.

    Returns:
        Lower-case ASCII letters and digits only.
    """
    text = text.replace("ł", "l").replace("Ł", "L")
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", folded.lower())


def adjective_gen(adj: str) -> str:
    """Genitive (masculine/neuter) of a county adjective, capitalised ("sanocki" -> "Sanockiego").

    Args:
        adj: Nominative masculine adjective ending in "i".

    Returns:
        The capitalised genitive.
    """
    return adj[:-1].capitalize() + "iego"


def make_office(place: Place, kind: str) -> Office:
    """Build an office of the given kind seated in a place.

    Args:
        place: The seat.
        kind: "burmistrz", "prezydent", "wojt", "starosta" or "drogi".

    Returns:
        The office with every title form the letter needs.
    """
    slug = ascii_slug(place.nom)
    street = OFFICE_STREETS[int(hashlib.sha256(slug.encode()).hexdigest(), 16) % 8]
    county = place.county or "powiatowy"
    if kind == "starosta":
        adj = county.capitalize()
        return Office(
            kind, place, f"Starosta {adj}", f"Starostwo Powiatowe w {place.loc}", "Starosta",
            "Starosty", f"Starosty {adjective_gen(county)}", f"Wicestarosta {adj}",
            "Sekretarz Powiatu", f"Rada Powiatu {adjective_gen(county)}",
            f"Rady Powiatu {adjective_gen(county)}", "powiatu", "powiat", DEPARTMENTS_POWIAT,
            street, slug,
        )  # fmt: skip
    if kind == "drogi":
        city = place.kind == "prezydent"
        name = (
            f"Miejski Zarząd Dróg w {place.loc}"
            if city
            else (f"Zarząd Dróg Powiatowych w {place.loc}")
        )
        name_gen = (
            f"Miejskiego Zarządu Dróg w {place.loc}"
            if city
            else (f"Zarządu Dróg Powiatowych w {place.loc}")
        )
        council = (
            (f"Rada Miasta {place.gen}", f"Rady Miasta {place.gen}")
            if city
            else (f"Rada Powiatu {adjective_gen(county)}", f"Rady Powiatu {adjective_gen(county)}")
        )
        return Office(
            kind, place, name, name, "Dyrektor", "Dyrektora", f"Dyrektora {name_gen}",
            "Zastępca Dyrektora", "Główny Księgowy", council[0], council[1],
            "miasta" if city else "powiatu", "drogi", DEPARTMENTS_ROADS, "ul. Kolejowa", slug,
        )  # fmt: skip
    if kind == "prezydent":
        return Office(
            kind, place, f"Prezydent Miasta {place.gen}", f"Urząd Miasta {place.gen}",
            "Prezydent", "Prezydenta", f"Prezydenta Miasta {place.gen}",
            "Zastępca Prezydenta Miasta", "Sekretarz Miasta", f"Rada Miasta {place.gen}",
            f"Rady Miasta {place.gen}", "miasta", "gmina", DEPARTMENTS_GMINA, street, slug,
        )  # fmt: skip
    if kind == "wojt":
        return Office(
            kind, place, f"Wójt Gminy {place.gen}", f"Urząd Gminy {place.gen}", "Wójt",
            "Wójta", f"Wójta Gminy {place.gen}", "Zastępca Wójta", "Sekretarz Gminy",
            f"Rada Gminy {place.gen}", f"Rady Gminy {place.gen}", "gminy", "gmina",
            DEPARTMENTS_GMINA, street, slug,
        )  # fmt: skip
    return Office(
        "burmistrz", place, f"Burmistrz Miasta {place.gen}", f"Urząd Miejski w {place.loc}",
        "Burmistrz", "Burmistrza", f"Burmistrza Miasta {place.gen}", "Zastępca Burmistrza",
        "Sekretarz Miasta", f"Rada Miejska w {place.loc}", f"Rady Miejskiej w {place.loc}",
        "miasta", "gmina", DEPARTMENTS_GMINA, street, slug,
    )  # fmt: skip


def random_person(rng: random.Random, female: bool | None = None) -> Person:
    """Draw an invented person.

    Args:
        rng: Random source.
        female: Gender, or None to draw it.

    Returns:
        The person.
    """
    if female is None:
        female = rng.random() < 0.5
    first, first_gen = rng.choice(FIRST_NAMES_F if female else FIRST_NAMES_M)
    m_nom, m_gen, f_nom, f_gen = rng.choice(SURNAMES)
    last, last_gen = (f_nom, f_gen) if female else (m_nom, m_gen)
    return Person(first, last, female, first_gen, last_gen)


def roman(number: int) -> str:
    """Roman numeral of a positive integer below 4000.

    Args:
        number: The number.

    Returns:
        Its Roman numeral.
    """
    parts = (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    )
    out = []
    for value, numeral in parts:
        count, number = divmod(number, value)
        out.append(numeral * count)
    return "".join(out)


def format_date(day: dt.date, style: str) -> str:
    """Print a date the way Polish offices do.

    Args:
        day: The date.
        style: One of "long" (5 marca 2019 r.), "long_roku" (5 marca 2019 roku),
            "long_bare" (5 marca 2019), "dnia_long" (dnia 5 marca 2019 r.), "dotted"
            (05.03.2019 r.), "dotted_short" (5.03.2019 r.), "dotted_r" (05.03.2019r.),
            "dn_dotted" (dn. 5.03.2019 r.), "roman" (5 III 2019 r.), "iso" (2019-03-05),
            "dashed" (05-03-2019), "stamp" (2019 -03- 05), "month_only" (marzec 2019 r.).

    Returns:
        The printed date.

    Raises:
        ValueError: For an unknown style.
    """
    d, m, y = day.day, day.month, day.year
    month = MONTHS_GEN[m - 1]
    formats = {
        "long": f"{d} {month} {y} r.",
        "long_roku": f"{d} {month} {y} roku",
        "long_bare": f"{d} {month} {y}",
        "dnia_long": f"dnia {d} {month} {y} r.",
        "dotted": f"{d:02d}.{m:02d}.{y} r.",
        "dotted_short": f"{d}.{m:02d}.{y} r.",
        "dotted_r": f"{d:02d}.{m:02d}.{y}r.",
        "dn_dotted": f"dn. {d}.{m:02d}.{y} r.",
        "roman": f"{d} {ROMAN_MONTHS[m - 1]} {y} r.",
        "iso": day.isoformat(),
        "dashed": f"{d:02d}-{m:02d}-{y}",
        "stamp": f"{y} -{m:02d}- {d:02d}",
        "month_only": f"{MONTHS_NOM[m - 1]} {y} r.",
    }
    if style not in formats:
        raise ValueError(f"unknown date style {style!r}")
    return formats[style]


def iso_month(day: dt.date) -> str:
    """Month-precision ISO string ("2019-03")."""
    return f"{day.year}-{day.month:02d}"


def normalize_reference(printed: str) -> str:
    """The truth form of a printed reference: whitespace removed, en/em dashes as "-".

    Args:
        printed: The reference as printed.

    Returns:
        The normalised reference.
    """
    return re.sub(r"\s+", "", printed.replace("–", "-").replace("—", "-"))


def make_reference(rng: random.Random, *, unit: str, jrwa: str, year: int, initials: str) -> str:
    """Draw a case reference in one of the office-manual shapes.

    Args:
        rng: Random source.
        unit: Unit symbol ("GK").
        jrwa: JRWA class ("7021").
        year: Year of the case.
        initials: Author initials, used by some shapes.

    Returns:
        The reference as printed.
    """
    case = rng.randint(1, 420)
    shape = rng.choice(("dotted", "dotted", "initials", "sub", "roman_slash", "spaced_dash"))
    if shape == "initials":
        return f"{unit}.{jrwa}.{case}.{year}.{initials}"
    if shape == "sub":
        return f"{unit}-{rng.choice(('I', 'II', '01', '02'))}.{jrwa}.{case}.{year}"
    if shape == "roman_slash":
        return f"{unit}.{rng.choice(('I', 'II', 'III'))}.{jrwa}-{case}/{year % 100:02d}"
    if shape == "spaced_dash":
        return f"{unit} – {jrwa}/{case}/{year}"
    return f"{unit}.{jrwa}.{case}.{year}"
