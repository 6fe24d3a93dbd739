#!/usr/bin/env python3
"""Synthetic "scanned" Polish municipal letters: page images, printed text and truth.

A standalone script (Pillow, numpy and the standard library only; it imports nothing from
``ocr/`` or ``extract/``). Every letter is described by a :class:`LetterSpec`, composed into
rows of text blocks, laid out on A4 pages at a fixed layout resolution (so line breaks do not
depend on the output dpi), rendered at any dpi, optionally degraded like a scan, and written
with its ground truth:

* ``<id>.<ext>``: the scan (PNG, JPEG, TIFF single/multi-page, image-only PDF);
* ``<id>.expected.json``: the fields a careful reader extracts, in exactly the format of
  ``../shared/dev-letters/*.truth.json``;
* ``<id>.gt.txt``: the text printed on the page(s), one printed line per line, in reading
  order, pages separated by a form feed;
* ``manifest.json``: what was applied to every sample (dpi, rotation, skew, degradations).

Reading order (also documented in ``samples/README.md``): the page is a sequence of rows
(bands) top to bottom. Where blocks share a band (letterhead and date, reference and date,
registry stamp and addressee), their lines are merged by height like visual lines: lines
whose vertical centres are less than half a line apart form one text line, the parts joined
left to right by one space (this is how Tesseract reads such bands). A drawn registry stamp
is transcribed like any other block. Footer lines and the page number come last on their
page. Blank lines are not transcribed.

Usage::

    python samples/generate.py standard --out samples
    python samples/generate.py corpus --out /tmp/corpus --count 40 --seed 7 \
        --pages-min 1 --pages-max 3 --formats pdf,tif,png,jpg

The founding letter is not in this file: it is read at generation time from
``../shared/seed/*.txt`` and ``../shared/dev-letters/seed.truth.json`` (``--seed-letter`` /
``--seed-truth`` override the paths); without them the standard set is written without it.
All other names, numbers and addresses are drawn from the invented vocabulary below.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import hashlib
import io
import json
import logging
import os
import random
import re
import sys
import time
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

log = logging.getLogger("samples.generate")

# --------------------------------------------------------------------------------------
# Page geometry and typography (layout is computed at LAYOUT_DPI, rendering scales it)
# --------------------------------------------------------------------------------------

A4_MM = (210.0, 297.0)
LAYOUT_DPI = 300
DEFAULT_DPI = 300
MM = LAYOUT_DPI / 25.4  # layout pixels per millimetre
MARGIN_LEFT_MM = 25.0
MARGIN_RIGHT_MM = 20.0
MARGIN_TOP_MM = 18.0
CONTENT_BOTTOM_MM = 265.0  # rows must end above this line (footer area below)
FOOTER_TOP_MM = 272.0
PAGE_NUMBER_MM = 287.0  # top of the page-number line
TEXT_WIDTH_MM = A4_MM[0] - MARGIN_LEFT_MM - MARGIN_RIGHT_MM
LINE_SPACING = 1.3  # line box height in font sizes
BASELINE = 1.0  # baseline below the line-box top, in font sizes
SIGNATURE_SPACE_MM = 14.0  # room left for the handwritten signature
TEXT_INK = 25
STAMP_INK_GREY = 95
STAMP_INKS = {"blue": (40, 70, 165), "red": (185, 45, 60), "violet": (105, 55, 150)}
PAPER_WHITE = 255
MAX_JUSTIFY_STRETCH = 8.0  # leave a line ragged only if its spaces would grow beyond this

# Font roles: (size relative to the body size, face).
ROLES: dict[str, tuple[float, str]] = {
    "body": (1.0, "regular"),
    "bold": (1.0, "bold"),
    "head": (1.25, "bold"),
    "small": (0.92, "regular"),
    "small_bold": (0.92, "bold"),
    "stamp": (0.85, "stamp"),
    "datestamp": (1.0, "mono"),
}

FONT_DIRS = (
    Path("/usr/share/fonts"),
    Path("/usr/local/share/fonts"),
    Path.home() / ".fonts",
    Path.home() / ".local/share/fonts",
)
FONT_FAMILIES: dict[str, dict[str, tuple[str, ...]]] = {
    "liberation-serif": {
        "regular": ("LiberationSerif-Regular.ttf",),
        "bold": ("LiberationSerif-Bold.ttf",),
    },
    "liberation-sans": {
        "regular": ("LiberationSans-Regular.ttf",),
        "bold": ("LiberationSans-Bold.ttf",),
    },
    "dejavu-serif": {"regular": ("DejaVuSerif.ttf",), "bold": ("DejaVuSerif-Bold.ttf",)},
    "dejavu-sans": {"regular": ("DejaVuSans.ttf",), "bold": ("DejaVuSans-Bold.ttf",)},
}
STAMP_FACES = ("LiberationSans-Bold.ttf", "DejaVuSans-Bold.ttf", "DejaVuSansCondensed-Bold.ttf")
MONO_FACES = (
    "LiberationMono-Bold.ttf",
    "DejaVuSansMono-Bold.ttf",
    "LiberationMono-Regular.ttf",
    "DejaVuSansMono.ttf",
)

# --------------------------------------------------------------------------------------
# Invented vocabulary (nothing here comes from the letters in ../shared)
# --------------------------------------------------------------------------------------

MONTHS_GEN = (
    "stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca",
    "lipca", "sierpnia", "września", "października", "listopada", "grudnia",
)  # fmt: skip
MONTHS_NOM = (
    "styczeń", "luty", "marzec", "kwiecień", "maj", "czerwiec",
    "lipiec", "sierpień", "wrzesień", "październik", "listopad", "grudzień",
)  # fmt: skip
ROMAN_MONTHS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")

FIRST_NAMES_M = (
    ("Jan", "Jana"), ("Piotr", "Piotra"), ("Marek", "Marka"), ("Wiesław", "Wiesława"),
    ("Andrzej", "Andrzeja"), ("Krzysztof", "Krzysztofa"), ("Grzegorz", "Grzegorza"),
    ("Paweł", "Pawła"), ("Michał", "Michała"), ("Łukasz", "Łukasza"),
    ("Wojciech", "Wojciecha"), ("Jerzy", "Jerzego"), ("Bogdan", "Bogdana"),
    ("Kamil", "Kamila"), ("Rafał", "Rafała"), ("Sławomir", "Sławomira"),
    ("Mirosław", "Mirosława"), ("Leszek", "Leszka"), ("Dariusz", "Dariusza"),
    ("Zdzisław", "Zdzisława"),
)  # fmt: skip
FIRST_NAMES_F = (
    ("Bożena", "Bożeny"), ("Katarzyna", "Katarzyny"), ("Małgorzata", "Małgorzaty"),
    ("Joanna", "Joanny"), ("Beata", "Beaty"), ("Elżbieta", "Elżbiety"),
    ("Magdalena", "Magdaleny"), ("Dorota", "Doroty"), ("Renata", "Renaty"),
    ("Iwona", "Iwony"), ("Urszula", "Urszuli"), ("Jolanta", "Jolanty"),
    ("Grażyna", "Grażyny"), ("Żaneta", "Żanety"), ("Barbara", "Barbary"),
    ("Marta", "Marty"), ("Justyna", "Justyny"), ("Halina", "Haliny"),
)  # fmt: skip
# (masculine nominative, masculine genitive, feminine nominative, feminine genitive)
SURNAMES = (
    ("Wiśniewski", "Wiśniewskiego", "Wiśniewska", "Wiśniewskiej"),
    ("Nowicki", "Nowickiego", "Nowicka", "Nowickiej"),
    ("Kaczmarek", "Kaczmarka", "Kaczmarek", "Kaczmarek"),
    ("Zając", "Zająca", "Zając", "Zając"),
    ("Mazurek", "Mazurka", "Mazurek", "Mazurek"),
    ("Wróblewski", "Wróblewskiego", "Wróblewska", "Wróblewskiej"),
    ("Jabłoński", "Jabłońskiego", "Jabłońska", "Jabłońskiej"),
    ("Szczepański", "Szczepańskiego", "Szczepańska", "Szczepańskiej"),
    ("Głowacki", "Głowackiego", "Głowacka", "Głowackiej"),
    ("Kozłowski", "Kozłowskiego", "Kozłowska", "Kozłowskiej"),
    ("Żak", "Żaka", "Żak", "Żak"),
    ("Dudek", "Dudka", "Dudek", "Dudek"),
    ("Ostrowski", "Ostrowskiego", "Ostrowska", "Ostrowskiej"),
    ("Kubiak", "Kubiaka", "Kubiak", "Kubiak"),
    ("Sikora", "Sikory", "Sikora", "Sikory"),
    ("Lis", "Lisa", "Lis", "Lis"),
    ("Górecki", "Góreckiego", "Górecka", "Góreckiej"),
    ("Czarnecki", "Czarneckiego", "Czarnecka", "Czarneckiej"),
    ("Błaszczyk", "Błaszczyka", "Błaszczyk", "Błaszczyk"),
    ("Wieczorek", "Wieczorka", "Wieczorek", "Wieczorek"),
    ("Świątek", "Świątka", "Świątek", "Świątek"),
    ("Michalak", "Michalaka", "Michalak", "Michalak"),
    ("Śliwiński", "Śliwińskiego", "Śliwińska", "Śliwińskiej"),
    ("Pawlak", "Pawlaka", "Pawlak", "Pawlak"),
    ("Rogalski", "Rogalskiego", "Rogalska", "Rogalskiej"),
    ("Kołodziej", "Kołodzieja", "Kołodziej", "Kołodziej"),
    ("Bielecki", "Bieleckiego", "Bielecka", "Bieleckiej"),
    ("Ząbek", "Ząbka", "Ząbek", "Ząbek"),
    ("Gołębiowski", "Gołębiowskiego", "Gołębiowska", "Gołębiowskiej"),
    ("Chmiel", "Chmiela", "Chmiel", "Chmiel"),
    ("Urbańczyk", "Urbańczyka", "Urbańczyk", "Urbańczyk"),
    ("Fijałkowski", "Fijałkowskiego", "Fijałkowska", "Fijałkowskiej"),
    ("Krawiec", "Krawca", "Krawiec", "Krawiec"),
    ("Dąbrowski", "Dąbrowskiego", "Dąbrowska", "Dąbrowskiej"),
)
ACADEMIC_TITLES = ("", "", "", "mgr", "mgr inż.", "inż.", "dr")


@dataclass(frozen=True)
class Place:
    """A town or rural commune: the forms the letters need.

    Attributes:
        nom: Nominative ("Sanok"), printed in the place-and-date line.
        gen: Genitive ("Sanoka"), for "Burmistrz Miasta Sanoka"; for a rural commune the
            nominative, as in "Wójt Gminy Lipnica".
        loc: Locative ("Sanoku"), for "Urząd Miejski w Sanoku".
        county: The county adjective ("sanocki") or None.
        postal: Postal code of the town.
        area: Telephone area code.
        kind: "prezydent" (city), "burmistrz" (town) or "wojt" (rural commune).
    """

    nom: str
    gen: str
    loc: str
    county: str | None
    postal: str
    area: str
    kind: str


PLACES = (
    Place("Sanok", "Sanoka", "Sanoku", "sanocki", "38-500", "13", "burmistrz"),
    Place("Nowy Targ", "Nowego Targu", "Nowym Targu", "nowotarski", "34-400", "18", "burmistrz"),
    Place("Żywiec", "Żywca", "Żywcu", "żywiecki", "34-300", "33", "burmistrz"),
    Place("Kętrzyn", "Kętrzyna", "Kętrzynie", "kętrzyński", "11-400", "89", "burmistrz"),
    Place("Kłodzko", "Kłodzka", "Kłodzku", "kłodzki", "57-300", "74", "burmistrz"),
    Place("Ełk", "Ełku", "Ełku", "ełcki", "19-300", "87", "burmistrz"),
    Place("Wągrowiec", "Wągrowca", "Wągrowcu", "wągrowiecki", "62-100", "67", "burmistrz"),
    Place("Jarosław", "Jarosławia", "Jarosławiu", "jarosławski", "37-500", "16", "burmistrz"),
    Place("Brzeg", "Brzegu", "Brzegu", "brzeski", "49-300", "77", "burmistrz"),
    Place("Bochnia", "Bochni", "Bochni", "bocheński", "32-700", "14", "burmistrz"),
    Place("Płock", "Płocka", "Płocku", "płocki", "09-400", "24", "prezydent"),
    Place("Zamość", "Zamościa", "Zamościu", "zamojski", "22-400", "84", "prezydent"),
    Place("Kalisz", "Kalisza", "Kaliszu", "kaliski", "62-800", "62", "prezydent"),
    Place("Gniezno", "Gniezna", "Gnieźnie", "gnieźnieński", "62-200", "61", "prezydent"),
    Place("Tczew", "Tczewa", "Tczewie", "tczewski", "83-110", "58", "prezydent"),
    Place("Mielec", "Mielca", "Mielcu", "mielecki", "39-300", "17", "prezydent"),
    Place("Świdnica", "Świdnicy", "Świdnicy", "świdnicki", "58-100", "74", "prezydent"),
    Place("Łomża", "Łomży", "Łomży", "łomżyński", "18-400", "86", "prezydent"),
    Place("Sieradz", "Sieradza", "Sieradzu", "sieradzki", "98-200", "43", "prezydent"),
    Place("Ostrołęka", "Ostrołęki", "Ostrołęce", "ostrołęcki", "07-410", "29", "prezydent"),
    Place("Lipnica", "Lipnica", "Lipnicy", None, "83-424", "59", "wojt"),
    Place("Krzywcza", "Krzywcza", "Krzywczy", None, "37-755", "16", "wojt"),
    Place("Dobrzyca", "Dobrzyca", "Dobrzycy", None, "63-330", "62", "wojt"),
    Place("Kołbaskowo", "Kołbaskowo", "Kołbaskowie", None, "72-001", "91", "wojt"),
    Place("Ryjewo", "Ryjewo", "Ryjewie", None, "82-420", "55", "wojt"),
    Place("Baranów", "Baranów", "Baranowie", None, "24-105", "81", "wojt"),
    Place("Zbójno", "Zbójno", "Zbójnie", None, "87-645", "54", "wojt"),
    Place("Łubnice", "Łubnice", "Łubnicach", None, "28-232", "15", "wojt"),
    Place("Żółkiewka", "Żółkiewka", "Żółkiewce", None, "22-335", "82", "wojt"),
)
STREETS = (
    "Lipowa", "Polna", "Ogrodowa", "Słoneczna", "Leśna", "Kwiatowa", "Szkolna", "Krótka",
    "Długa", "Spacerowa", "Zielona", "Łąkowa", "Brzozowa", "Jesionowa", "Różana",
    "Źródlana", "Żeglarska", "Ciepła", "Wiśniowa", "Młyńska",
)  # fmt: skip
OFFICE_STREETS = (
    "Rynek", "pl. Ratuszowy", "ul. Mickiewicza", "ul. Piłsudskiego", "ul. 3 Maja",
    "ul. Kolejowa", "ul. Słowackiego", "pl. Wolności",
)  # fmt: skip
ESTATES = ("Zatorze", "Podgórze", "Przylesie", "Błonie", "Zawodzie", "Nad Potokiem")
VILLAGES = ("Zagórze", "Wola Dolna", "Podlesie", "Nowa Wieś", "Stare Pole", "Łęg", "Żabno")
FIRMS = (
    "Przedsiębiorstwo Usług Komunalnych „Ekosfera” Sp. z o.o.",
    "Firma Budowlana DROGMAR Sp. z o.o.",
    "Zakład Instalacyjny „Hydro-Tech” s.c.",
    "Spółdzielnia Mieszkaniowa „Zgoda”",
    "Fundacja Rozwoju Lokalnego „Wspólna Przestrzeń”",
    "Stowarzyszenie Przyjaciół Doliny Wisłoki",
    "Towarzystwo Rozwoju Wsi „Nasza Gmina”",
)
# (name, genitive, unit symbol); the head of a "Wydział" is a Naczelnik/Dyrektor, else Kierownik
DEPARTMENTS_GMINA = (
    ("Referat Gospodarki Komunalnej", "Referatu Gospodarki Komunalnej", "GK"),
    ("Wydział Inwestycji i Remontów", "Wydziału Inwestycji i Remontów", "IR"),
    ("Referat Podatków i Opłat", "Referatu Podatków i Opłat", "FN"),
    ("Wydział Finansowy", "Wydziału Finansowego", "RF"),
    ("Referat Ochrony Środowiska", "Referatu Ochrony Środowiska", "OŚ"),
    ("Wydział Gospodarki Przestrzennej", "Wydziału Gospodarki Przestrzennej", "GPN"),
    ("Biuro Rady", "Biura Rady", "BRM"),
    ("Referat Organizacyjny", "Referatu Organizacyjnego", "SEK"),
)
DEPARTMENTS_POWIAT = (
    ("Wydział Komunikacji i Transportu", "Wydziału Komunikacji i Transportu", "KT"),
    ("Wydział Architektury i Budownictwa", "Wydziału Architektury i Budownictwa", "AB"),
    ("Wydział Geodezji i Nieruchomości", "Wydziału Geodezji i Nieruchomości", "GGN"),
    ("Wydział Ochrony Środowiska i Rolnictwa", "Wydziału Ochrony Środowiska i Rolnictwa", "OŚR"),
    ("Biuro Rady Powiatu", "Biura Rady Powiatu", "BRP"),
)
DEPARTMENTS_ROADS = (
    ("Dział Utrzymania Dróg", "Działu Utrzymania Dróg", "DU"),
    ("Dział Inwestycji", "Działu Inwestycji", "DI"),
    ("Dział Zarządzania Ruchem", "Działu Zarządzania Ruchem", "ZR"),
)
JRWA_BY_TOPIC = {
    "interpelacja": ("0012", "0057", "7021"),
    "informacja": ("1432", "0140", "1510"),
    "podatek": ("3120", "3113", "3125"),
    "drogi": ("7230", "7226", "5520"),
    "planowanie": ("6730", "6733", "6720"),
    "skarga": ("1510", "6220", "7031"),
}
LAWS = {
    "gmina": (dt.date(1990, 3, 8), "o samorządzie gminnym"),
    "powiat": (dt.date(1998, 6, 5), "o samorządzie powiatowym"),
    "kpa": (dt.date(1960, 6, 14), "– Kodeks postępowania administracyjnego"),
    "dip": (dt.date(2001, 9, 6), "o dostępie do informacji publicznej"),
    "podatki": (dt.date(1991, 1, 12), "o podatkach i opłatach lokalnych"),
    "ordynacja": (dt.date(1997, 8, 29), "– Ordynacja podatkowa"),
    "drogi": (dt.date(1985, 3, 21), "o drogach publicznych"),
    "czystosc": (dt.date(1996, 9, 13), "o utrzymaniu czystości i porządku w gminach"),
    "planowanie": (dt.date(2003, 3, 27), "o planowaniu i zagospodarowaniu przestrzennym"),
}

# Body templates. Placeholders are filled by _Filler (dates are recorded as they are filled,
# so the truth knows every date and its order). {matter} is the letter's subject matter.
TOPICS: dict[str, dict[str, tuple[str, ...]]] = {
    "interpelacja": {
        "matters": (
            "remontu nawierzchni ulicy {street_gen}",
            "budowy chodnika wzdłuż ulicy {street_gen}",
            "oświetlenia ulicznego na osiedlu {estate}",
            "modernizacji placu zabaw przy ulicy {street_loc}",
            "organizacji ruchu w rejonie Szkoły Podstawowej nr {school}",
        ),
        "subjects": ("interpelacji w sprawie {matter}", "{matter}"),
        "openings": (
            "W odpowiedzi na {pron_gen} interpelację z dnia {d_past_long} w sprawie {matter} "
            "uprzejmie informuję, co następuje.",
            "Odpowiadając na interpelację złożoną podczas sesji {council_gen} w dniu {d_past}, "
            "dotyczącą {matter}, przedstawiam poniższe wyjaśnienia.",
            "Nawiązując do interpelacji {pron_title_gen} z dnia {d_past} w sprawie {matter}, "
            "przekazuję informacje przygotowane przez właściwe komórki organizacyjne urzędu.",
        ),
        "middles": (
            "Zadanie zostało ujęte w projekcie budżetu na {year_next} rok. Szacunkowy koszt jego "
            "realizacji wynosi {amount} i obejmuje wymianę podbudowy, wykonanie nowej "
            "nawierzchni oraz przebudowę zjazdów do posesji.",
            "Dokumentacja projektowa została opracowana w okresie {span}. Roboty budowlane "
            "zaplanowano w dniach {day_range}, po rozstrzygnięciu postępowania o udzielenie "
            "zamówienia publicznego.",
            "Z przeprowadzonej w dniu {d_past} wizji lokalnej wynika, że stan techniczny "
            "nawierzchni jest niezadowalający, a liczne ubytki wymagają naprawy. Do czasu "
            "rozpoczęcia remontu prowadzone będą bieżące prace interwencyjne.",
            "Wykonawca wyłoniony w trybie podstawowym zobowiązany jest zakończyć prace do dnia "
            "{d_future}. Nadzór inwestorski nad zadaniem sprawuje {dept_nom}.",
            "Mieszkańcy zostaną powiadomieni o czasowych utrudnieniach w ruchu z co najmniej "
            "tygodniowym wyprzedzeniem, za pośrednictwem ogłoszeń na tablicach informacyjnych "
            "oraz na stronie internetowej urzędu.",
            "Od {month_since} na terenie {area_gen} realizowany jest program poprawy "
            "bezpieczeństwa pieszych, w ramach którego wykonano już {count} przejść dla pieszych "
            "z doświetleniem.",
        ),
        "closings": (
            "Mam nadzieję, że przedstawione wyjaśnienia są wystarczające.",
            "O dalszych działaniach w tej sprawie poinformuję {pron_acc} odrębnym pismem.",
            "Pozostaję do dyspozycji w przypadku dodatkowych pytań.",
        ),
    },
    "informacja": {
        "matters": (
            "umów cywilnoprawnych zawartych przez urząd",
            "wydatków na promocję {area_gen}",
            "zatrudnienia w urzędzie",
            "kosztów utrzymania zieleni publicznej",
        ),
        "subjects": (
            "wniosku o informację publiczną w zakresie {matter}",
            "udostępnienia informacji publicznej",
        ),
        "openings": (
            "W odpowiedzi na wniosek z dnia {d_past}, działając na podstawie {law_dip}, "
            "przekazuję następujące informacje w zakresie {matter}.",
            "Uprzejmie informuję, że wniosek o udostępnienie informacji publicznej z dnia "
            "{d_past} dotyczący {matter} został rozpatrzony. Poniżej przedstawiam odpowiedzi na "
            "poszczególne pytania.",
        ),
        "middles": (
            "Ad {n}. W {year} roku urząd zawarł {count} umów zleceń oraz umów o dzieło. Łączna "
            "wartość tych umów wyniosła {amount} brutto.",
            "Ad {n}. Rejestr umów prowadzony jest w formie elektronicznej od {month_since} "
            "i jest dostępny do wglądu w siedzibie urzędu.",
            "Ad {n}. Urząd nie dysponuje informacją w zakresie wskazanym w pytaniu, w związku "
            "z czym nie jest możliwe jej udostępnienie.",
            "Ad {n}. Wydatki poniesione w okresie {span} wyniosły {amount}. Szczegółowe "
            "zestawienie stanowi załącznik do niniejszego pisma.",
            "Ad {n}. Informacje o zamówieniach publicznych publikowane są na bieżąco na stronie "
            "podmiotowej Biuletynu Informacji Publicznej urzędu.",
        ),
        "closings": (
            "Informację przekazano również drogą elektroniczną na adres wskazany we wniosku.",
            "Jednocześnie informuję, że udostępnienie informacji nastąpiło bez pobierania opłat.",
        ),
    },
    "podatek": {
        "matters": (
            "zaległości w podatku od nieruchomości",
            "rozłożenia zaległości podatkowej na raty",
            "opłaty za gospodarowanie odpadami komunalnymi",
        ),
        "subjects": ("{matter}", "{matter} za {year} rok"),
        "openings": (
            "Uprzejmie informuję, że według stanu ewidencji podatkowej na dzień {d_past} na "
            "koncie podatnika figuruje zaległość z tytułu podatku od nieruchomości za {year} "
            "rok w kwocie {amount} wraz z należnymi odsetkami za zwłokę.",
            "W odpowiedzi na wniosek z dnia {d_past} w sprawie {matter} informuję, że sprawa "
            "została rozpatrzona przez organ podatkowy.",
        ),
        "middles": (
            "Termin płatności ostatniej raty upłynął w dniu {d_past}. Należność należy "
            "uregulować do dnia {d_future} na rachunek bankowy urzędu, podając w tytule "
            "przelewu numer karty kontowej.",
            "Na wniosek podatnika organ podatkowy może rozłożyć zaległość na raty lub odroczyć "
            "termin jej zapłaty, zgodnie z art. 67a {law_ordynacja}.",
            "Wysokość stawek podatku na {year} rok określa uchwała Nr {uchwala} {council_gen} "
            "z dnia {d_past_long}, podjęta na podstawie {law_podatki}.",
            "Brak wpłaty w wyznaczonym terminie spowoduje wystawienie upomnienia, a następnie "
            "wszczęcie postępowania egzekucyjnego w administracji, co wiąże się z dodatkowymi "
            "kosztami.",
            "Raty płatne będą do 15 dnia każdego miesiąca, począwszy od {month_since}.",
        ),
        "closings": (
            "W przypadku dokonania wpłaty przed otrzymaniem niniejszego pisma proszę uznać je "
            "za bezprzedmiotowe.",
            "Dodatkowych informacji udziela {dept_nom}, tel. {phone}.",
        ),
    },
    "drogi": {
        "matters": (
            "zajęcia pasa drogowego ulicy {street_gen}",
            "umieszczenia urządzenia infrastruktury technicznej w pasie drogowym",
            "budowy zjazdu z drogi publicznej na działkę nr {plot}",
        ),
        "subjects": ("{matter}", "wniosku w sprawie {matter}"),
        "openings": (
            "W nawiązaniu do wniosku z dnia {d_past} w sprawie {matter} uprzejmie informuję, "
            "że zarządca drogi wyraża zgodę na prowadzenie robót na warunkach określonych "
            "w niniejszym piśmie.",
            "Rozpatrując wniosek złożony w dniu {d_past}, dotyczący {matter}, działając na "
            "podstawie art. 40 ust. 1 {law_drogi}, informuję, co następuje.",
        ),
        "middles": (
            "Roboty należy prowadzić w dniach {day_range} w godzinach od 7.00 do 18.00, "
            "z zachowaniem przejezdności drogi oraz bezpieczeństwa pieszych.",
            "Opłatę za zajęcie pasa drogowego ustalono zgodnie z uchwałą Nr {uchwala} "
            "{council_gen} z dnia {d_past_long}. Stawki za jeden dzień zajęcia określa "
            "§ {par} ust. {ust} tej uchwały.",
            "Po zakończeniu robót teren należy przywrócić do stanu pierwotnego i zgłosić do "
            "odbioru najpóźniej do dnia {d_future}.",
            "Oznakowanie robót należy wykonać zgodnie z projektem organizacji ruchu "
            "zatwierdzonym w dniu {d_past}.",
            "Za szkody powstałe w pasie drogowym w związku z prowadzonymi robotami odpowiada "
            "wnioskodawca. Okres gwarancji na odtworzoną nawierzchnię wynosi 36 miesięcy od "
            "dnia odbioru.",
        ),
        "closings": (
            "Niezastosowanie się do powyższych warunków skutkować będzie naliczeniem kary "
            "pieniężnej w wysokości dziesięciokrotności opłaty.",
            "Zgłoszenia zakończenia robót można dokonać pisemnie lub na adres e-mail: {email}.",
        ),
    },
    "planowanie": {
        "matters": (
            "ustalenia warunków zabudowy dla budowy budynku mieszkalnego jednorodzinnego",
            "ustalenia lokalizacji inwestycji celu publicznego",
        ),
        "subjects": ("{matter} na działce nr {plot} w obrębie {village}",),
        "openings": (
            "Na podstawie art. 61 § 4 {law_kpa} zawiadamiam, że na wniosek złożony w dniu "
            "{d_past} zostało wszczęte postępowanie administracyjne w sprawie {matter} na "
            "działce nr {plot} w obrębie {village}.",
        ),
        "middles": (
            "Zgodnie z art. 10 § 1 powołanej ustawy strony mają prawo czynnego udziału w każdym "
            "stadium postępowania. Z aktami sprawy można zapoznać się w siedzibie urzędu, "
            "pokój nr {room}, od poniedziałku do piątku w godzinach 8.00–15.00.",
            "Projekt decyzji został uzgodniony z zarządcą drogi w dniu {d_past} oraz "
            "z właściwym organem ochrony środowiska.",
            "Analizę funkcji oraz cech zabudowy i zagospodarowania terenu sporządzono w oparciu "
            "o przepisy {law_planowanie}.",
            "Teren objęty wnioskiem nie jest objęty miejscowym planem zagospodarowania "
            "przestrzennego. Studium uwarunkowań przyjęte uchwałą Nr {uchwala} z dnia "
            "{d_past_long} przewiduje na tym obszarze zabudowę mieszkaniową.",
        ),
        "closings": (
            "Uwagi i wnioski w sprawie można składać w terminie 14 dni od dnia doręczenia "
            "niniejszego zawiadomienia, pisemnie lub na adres e-mail: {email}.",
            "Zawiadomienie uważa się za dokonane po upływie 14 dni od dnia publicznego ogłoszenia.",
        ),
    },
    "skarga": {
        "matters": (
            "uciążliwego hałasu z terenu warsztatu przy ulicy {street_loc}",
            "nieprawidłowego odbioru odpadów komunalnych",
            "zanieczyszczenia nieruchomości przy ulicy {street_loc}",
        ),
        "subjects": ("skargi dotyczącej {matter}", "{matter}"),
        "openings": (
            "Odpowiadając na skargę z dnia {d_past} w sprawie {matter}, przekazaną przez "
            "Przewodniczącego {council_gen}, uprzejmie wyjaśniam, że sprawa została "
            "szczegółowo przeanalizowana.",
            "W nawiązaniu do skargi złożonej w dniu {d_past}, dotyczącej {matter}, informuję "
            "o sposobie jej rozpatrzenia.",
        ),
        "middles": (
            "W dniu {d_past} pracownicy {dept_gen} przeprowadzili kontrolę nieruchomości "
            "położonej przy ulicy {street_loc}. W trakcie kontroli nie stwierdzono naruszenia "
            "przepisów {law_czystosc}.",
            "Właściciel nieruchomości został pouczony o obowiązkach wynikających z regulaminu "
            "utrzymania czystości i porządku na terenie gminy, w szczególności z § {par} "
            "ust. {ust} tego regulaminu.",
            "Przedsiębiorca odbierający odpady komunalne złożył wyjaśnienia, które wpłynęły do "
            "urzędu w dniu {d_past}. Harmonogram odbioru odpadów na okres {span} został "
            "odpowiednio skorygowany.",
            "Ponowna kontrola zostanie przeprowadzona w terminie do dnia {d_future}, o czym "
            "skarżący zostanie poinformowany odrębnym pismem.",
        ),
        "closings": (
            "Mając na uwadze powyższe, skargę uznaję za bezzasadną.",
            "Mając na uwadze powyższe, skargę uznaję za zasadną w części dotyczącej "
            "harmonogramu odbioru odpadów.",
        ),
    },
}
GENERIC_MIDDLES = (
    "Wszelkich dodatkowych informacji w sprawie udziela {dept_nom}, tel. {phone}.",
    "Administratorem danych osobowych przetwarzanych w związku z prowadzoną sprawą jest "
    "{organ}. Szczegółowe informacje o zasadach przetwarzania danych dostępne są w siedzibie "
    "urzędu oraz na stronie internetowej {www}.",
    "Działania w tym zakresie prowadzone są systematycznie od {month_since} i obejmują "
    "zarówno prace inwestycyjne, jak i bieżące utrzymanie infrastruktury komunalnej.",
    "Niniejsze pismo sporządzono na podstawie art. 7 ust. 1 {law_ustroj}.",
    "W {year} roku na zadania z tego zakresu przeznaczono łącznie {amount}, natomiast "
    "w bieżącym roku planowane wydatki wynoszą {amount}.",
    "Sprawa była przedmiotem posiedzenia komisji merytorycznej w dniu {d_br}, podczas "
    "którego przedstawiono informację o stanie realizacji zadania.",
    "Zgodnie z § {par} ust. {ust} Regulaminu Organizacyjnego urzędu sprawy te należą do "
    "właściwości {dept_gen}.",
    "Informacja o planowanych pracach zostanie zamieszczona na stronie internetowej urzędu "
    "oraz przekazana radom osiedli i sołectw w terminie do {d_future}.",
    "Dodatkowo wyjaśniam, że postępowanie prowadzone jest zgodnie z przepisami {law_kpa}.",
    "Kolejne spotkanie z mieszkańcami zaplanowano w dniach {day_range} w sali konferencyjnej "
    "urzędu. Szczegółowy program spotkania zostanie opublikowany z odpowiednim wyprzedzeniem.",
    "Ponadto informuję, że w okresie {span} prowadzony będzie przegląd stanu technicznego "
    "obiektów, a jego wyniki zostaną przedstawione na najbliższej sesji rady.",
    "Wnioski i uwagi można składać osobiście w kancelarii urzędu, za pośrednictwem "
    "platformy ePUAP lub na adres e-mail: {email}.",
    "Z uwagi na ograniczone środki finansowe realizacja pozostałych zadań możliwa będzie po "
    "pozyskaniu dofinansowania ze źródeł zewnętrznych, o które urząd wystąpił w dniu "
    "{d_past}.",
    "Protokół odbioru częściowego robót sporządzono w dniu {d_past}, a odbiór końcowy "
    "przewidziano na {month_nom} {year_next} roku.",
)
# Always carries the two strings the OCR tests look for: "§ 5 ust. 2" and an e-mail address.
PARAGRAPH_SIGN_AND_EMAIL = (
    "Zgodnie z § 5 ust. 2 uchwały Nr {uchwala} {council_gen} z dnia {d_past_long} wnioski "
    "w tej sprawie rozpatrywane są w terminie 30 dni. Odpowiedź można otrzymać również drogą "
    "elektroniczną na adres e-mail: {office_email}."
)
TOPIC_DEPARTMENTS = {
    "interpelacja": ("GK", "IR", "DU", "DI", "KT"),
    "informacja": ("SEK", "RF", "BRP", "GGN", "ZR"),
    "podatek": ("FN", "RF"),
    "drogi": ("IR", "GK", "DU", "DI", "ZR", "KT"),
    "planowanie": ("GPN", "AB"),
    "skarga": ("OŚ", "GK", "OŚR"),
}
TOPIC_OFFICES = {
    "interpelacja": ("burmistrz", "prezydent", "wojt", "starosta"),
    "informacja": ("burmistrz", "prezydent", "wojt", "starosta", "drogi"),
    "podatek": ("burmistrz", "prezydent", "wojt"),
    "drogi": ("drogi", "burmistrz", "prezydent", "starosta"),
    "planowanie": ("burmistrz", "prezydent", "wojt"),
    "skarga": ("burmistrz", "prezydent", "wojt"),
}
TOPIC_ADDRESSEES = {
    "interpelacja": ("official", "official", "szanowna"),
    "informacja": ("organization", "private", "organization"),
    "podatek": ("private",),
    "drogi": ("organization", "person_at_org"),
    "planowanie": ("private", "per_distribution"),
    "skarga": ("private", "szanowna"),
}
REFERENCE_LABELS = ("Znak sprawy:", "Znak:", "Nasz znak:", "Znak pisma:")
DATE_STYLES = (
    "stamp", "long", "long", "dnia_long", "dn_dotted", "dotted", "dotted_r", "roman", "iso",
    "dashed", "long_bare", "month_only",
)  # fmt: skip
DATE_STYLE_WEIGHTS = (2, 4, 0, 3, 2, 2, 1, 1, 1, 1, 1, 0.4)
DATE_POSITIONS = ("header_right", "below_header_right", "beside_reference", "end")
STAMP_POSITIONS = ("top_right", "mid", "beside_addressee")
DISTRIBUTION_LABELS = ("Otrzymują:", "Do wiadomości:")
FAMILY_NAMES = tuple(FONT_FAMILIES)


# --------------------------------------------------------------------------------------
# Letter model
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Paragraph:
    """One body paragraph and the ISO dates it states, in order of appearance."""

    text: str
    dates: tuple[str, ...] = ()


@dataclass(frozen=True)
class Addressee:
    """The addressee block, printed top to bottom in the order of these fields.

    Attributes:
        honorific: "Pan", "Pani", "Szanowny Pan", "Szanowna Pani" ... or None.
        name: The person's name, nominative, first name first (None: no person).
        title: An academic title printed before the name ("mgr inż."), not part of the name.
        position: Function lines (joined by one space in the truth).
        organization: Institution lines (joined by one space).
        address: Postal lines (joined by ", ").
        per_distribution: True for "Według rozdzielnika" (the block is that one line).
    """

    honorific: str | None = None
    name: str | None = None
    title: str | None = None
    position: tuple[str, ...] = ()
    organization: tuple[str, ...] = ()
    address: tuple[str, ...] = ()
    per_distribution: bool = False


@dataclass(frozen=True)
class Signatory:
    """The signature block.

    Attributes:
        name: Signing person, nominative, without academic title.
        title: Academic title printed before the name, or None.
        position: The person's own title, one or more lines, normal capitalisation.
        on_behalf_of: What follows "z up." (the organ in the genitive), or None.
        on_behalf_prefix: "z up.", "Z up." or "z upoważnienia".
        closing: A closing formula printed above ("Z poważaniem"), or None.
        caps: Print the position (and on_behalf_of) in capitals.
        position_first: Title above the name (True) or name above the title (False).
    """

    name: str | None
    title: str | None
    position: tuple[str, ...]
    on_behalf_of: str | None = None
    on_behalf_prefix: str = "z up."
    closing: str | None = "Z poważaniem"
    caps: bool = False
    position_first: bool = True


@dataclass(frozen=True)
class Distribution:
    """A distribution list ("Otrzymują:", "Do wiadomości:", "Rozdzielnik:").

    Attributes:
        label: The heading as printed, with its colon.
        items: Recipients as they are in the truth (no numbering, no trailing ";,.").
        numbering: "1.", "1)", "-" or "" (no numbering; items then end with ";", last ".").
    """

    label: str
    items: tuple[str, ...]
    numbering: str = "1."


@dataclass(frozen=True)
class RegistryStamp:
    """A boxed registry stamp ("Wpłynęło dnia ...").

    Attributes:
        lines: The stamp's lines, top to bottom; the line at date_line is the date.
        date_line: Index of the line printed with the date-stamp font.
        dates: ISO dates the stamp states.
        position: "top_right" (beside the letterhead), "mid" (own band) or
            "beside_addressee" (left of the addressee block).
        offset_mm: Horizontal offset from the left text margin for "mid"/"beside_addressee".
        tilt: Rotation of the stamp impression, degrees counter-clockwise.
        ink: "blue", "red" or "violet" (grey on greyscale pages).
    """

    lines: tuple[str, ...]
    date_line: int
    dates: tuple[str, ...]
    position: str = "top_right"
    offset_mm: float = 0.0
    tilt: float = 0.0
    ink: str = "blue"


@dataclass(frozen=True)
class LetterLayout:
    """Typographic and layout conventions of a letter (independent of the content).

    Attributes:
        font_family: One of FONT_FAMILIES (a fallback is used when it is not installed).
        font_pt: Body font size in points.
        letterhead_align: "left" or "center".
        letterhead_bold_lines: How many leading letterhead lines are set large and bold.
        header_rule: Draw a rule under the letterhead.
        date_position: "header_right", "below_header_right", "beside_reference" or "end".
        addressee_x_mm: Left edge of the addressee block, from the left text margin.
        justify: Justify body paragraphs.
        first_line_indent_mm: First-line indent of body paragraphs.
        paragraph_gap_mm: Extra space between paragraphs.
        subject_bold: Print the subject line in bold.
        page_numbers: Format of page numbers on multi-page letters ("{i}", "{n}"), or None.
        footer_rule: Draw a rule above the footer lines.
        handler_first: Print "Sprawę prowadzi" above the distribution list.
    """

    font_family: str = "liberation-serif"
    font_pt: float = 12.0
    letterhead_align: str = "left"
    letterhead_bold_lines: int = 1
    header_rule: bool = False
    date_position: str = "header_right"
    addressee_x_mm: float = 88.0
    justify: bool = True
    first_line_indent_mm: float = 10.0
    paragraph_gap_mm: float = 2.0
    subject_bold: bool = True
    page_numbers: str | None = "Strona {i} z {n}"
    footer_rule: bool = True
    handler_first: bool = False


@dataclass(frozen=True)
class LetterSpec:
    """Everything printed on a letter, plus what the truth needs that is not printed.

    Attributes:
        sender: The issuing organ/office for the truth, normal capitalisation.
        letterhead: Letterhead lines as printed.
        place: Place of the place-and-date line (nominative), or None.
        letter_date: ISO date (or YYYY-MM) of the letter, or None.
        date_text: The date as printed after "Place, " (may start with "dnia ").
        date_style: Name of the date style ("stamp" prints the date in a date-stamp face).
        reference: The sender's reference as printed, or None.
        reference_label: Its label ("Znak sprawy:") or None (unlabelled).
        their_reference: An incoming reference line printed under ours ("Wasz znak: ..."),
            a distractor.
        addressee: The addressee block, or None.
        subject: The subject as printed after its label (a final "." is not in the truth).
        subject_label: "Dotyczy:", "w sprawie:" ...
        salutation: "Szanowny Panie Radny," ... or None.
        body: Body paragraphs.
        signatory: The signature block, or None.
        distribution: The distribution list, or None.
        handler: "Sprawę prowadzi: ..." lines.
        footer: Footer lines printed at the bottom of every page.
        stamp: A registry stamp, or None.
        layout: Layout conventions.
    """

    sender: str
    letterhead: tuple[str, ...]
    place: str | None
    letter_date: str | None
    date_text: str | None
    date_style: str = "long"
    reference: str | None = None
    reference_label: str | None = None
    their_reference: str | None = None
    addressee: Addressee | None = None
    subject: str | None = None
    subject_label: str = "Dotyczy:"
    salutation: str | None = None
    body: tuple[Paragraph, ...] = ()
    signatory: Signatory | None = None
    distribution: Distribution | None = None
    handler: tuple[str, ...] = ()
    footer: tuple[str, ...] = ()
    stamp: RegistryStamp | None = None
    layout: LetterLayout = field(default_factory=LetterLayout)


@dataclass(frozen=True)
class LetterOptions:
    """Constraints for random_letter; None leaves a choice to the random generator.

    Attributes:
        topic: One of TOPICS.
        office_kind: "burmistrz", "prezydent", "wojt", "starosta" or "drogi".
        letter_date: Date of the letter.
        date_style: One of DATE_STYLES.
        date_position: One of DATE_POSITIONS.
        reference_labelled: Print a label before the reference.
        their_reference: Print an incoming "Wasz znak: ..." line under the reference.
        addressee_kind: "official", "szanowna", "private", "organization",
            "person_at_org" or "per_distribution".
        signature_kind: "organ" (the head signs), "zup" (z up.) or "deputy".
        distribution_label: One of DISTRIBUTION_LABELS, or "" for no list.
        stamp_position: One of STAMP_POSITIONS, or "" for no stamp.
        paragraphs: Number of middle paragraphs.
        paragraph_sign_and_email: Include a paragraph with "§ 5 ust. 2" and an e-mail.
        font_family: One of FONT_FAMILIES.
        font_pt: Body size in points.
    """

    topic: str | None = None
    office_kind: str | None = None
    letter_date: dt.date | None = None
    date_style: str | None = None
    date_position: str | None = None
    reference_labelled: bool | None = None
    their_reference: bool | None = None
    addressee_kind: str | None = None
    signature_kind: str | None = None
    distribution_label: str | None = None
    stamp_position: str | None = None
    paragraphs: int | None = None
    paragraph_sign_and_email: bool = False
    font_family: str | None = None
    font_pt: float | None = None


# --------------------------------------------------------------------------------------
# Content generation
# --------------------------------------------------------------------------------------


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


PLACEHOLDER = re.compile(r"\{(\w+)\}")
GENITIVE_PLURAL_COUNTS = tuple(
    n for n in range(5, 49) if n % 10 not in (2, 3, 4) or n in (12, 13, 14)
)
ABBREVIATION_END = re.compile(r"\b(r|br|zm|ul|nr)\.\.")


class _Filler:
    """Fills body templates with invented details; records the dates it prints, in order."""

    BODY_DATE_STYLES = ("long", "long", "long", "dotted", "dotted_short", "roman", "long_roku")

    def __init__(self, rng: random.Random, ctx: dict[str, str], letter_day: dt.date) -> None:
        self.rng = rng
        self.ctx = ctx
        self.day = letter_day
        self.counter = 0

    def fill(self, template: str) -> tuple[str, tuple[str, ...]]:
        """Fill every placeholder of a template.

        Args:
            template: Text with {placeholders}.

        Returns:
            The text and the ISO dates it states, in order of appearance.
        """
        dates: list[str] = []

        def one(match: re.Match[str]) -> str:
            text, isos = self.value(match.group(1))
            dates.extend(isos)
            return text

        text = PLACEHOLDER.sub(one, template)
        # An abbreviation's dot also ends the sentence: "... 2019 r." not "... 2019 r..".
        return ABBREVIATION_END.sub(r"\1.", text), tuple(dates)

    def value(self, key: str) -> tuple[str, tuple[str, ...]]:
        """Text (and dates) for one placeholder."""
        if key in self.ctx:
            return self.ctx[key], ()
        if key.startswith("law_"):
            return self._law(key[4:])
        method: Callable[[], tuple[str, tuple[str, ...]]] = getattr(self, f"_{key}")
        return method()

    def _past(self) -> dt.date:
        return self.day - dt.timedelta(days=self.rng.randint(3, 150))

    def _future(self) -> dt.date:
        return self.day + dt.timedelta(days=self.rng.randint(7, 90))

    def _styled(self, day: dt.date) -> tuple[str, tuple[str, ...]]:
        return format_date(day, self.rng.choice(self.BODY_DATE_STYLES)), (day.isoformat(),)

    def _d_past(self) -> tuple[str, tuple[str, ...]]:
        return self._styled(self._past())

    def _d_past_long(self) -> tuple[str, tuple[str, ...]]:
        day = self._past()
        year = self.ctx.pop("_uchwala_year", None)
        if year is not None:  # "uchwała Nr XII/87/2019 ... z dnia ...": a day of 2019
            first = dt.date(int(year), 1, 1)
            last = min(dt.date(int(year), 12, 31), self.day - dt.timedelta(days=3))
            day = first + dt.timedelta(days=self.rng.randint(0, max(0, (last - first).days)))
        return format_date(day, "long"), (day.isoformat(),)

    def _d_future(self) -> tuple[str, tuple[str, ...]]:
        return self._styled(self._future())

    def _d_br(self) -> tuple[str, tuple[str, ...]]:
        """A date of the letter's year written with "br." (bieżącego roku)."""
        start = dt.date(self.day.year, 1, 1)
        if (self.day - start).days < 10:
            return self._d_past_long()
        day = start + dt.timedelta(days=self.rng.randint(0, (self.day - start).days - 3))
        return f"{day.day} {MONTHS_GEN[day.month - 1]} br.", (day.isoformat(),)

    def _day_range(self) -> tuple[str, tuple[str, ...]]:
        first = self._future()
        last = first + dt.timedelta(days=self.rng.randint(2, 6))
        dash = self.rng.choice(("-", "–"))
        if first.month == last.month:
            text = f"{first.day}{dash}{last.day} {MONTHS_GEN[last.month - 1]} {last.year} r."
        elif first.year == last.year:
            text = (
                f"{first.day} {MONTHS_GEN[first.month - 1]} – {last.day} "
                f"{MONTHS_GEN[last.month - 1]} {last.year} r."
            )
        else:
            text = f"{format_date(first, 'long')} – {format_date(last, 'long')}"
        return text, (first.isoformat(), last.isoformat())

    def _span(self) -> tuple[str, tuple[str, ...]]:
        first = self.day - dt.timedelta(days=self.rng.randint(60, 400))
        last = first + dt.timedelta(days=self.rng.randint(30, 200))
        if first.year == last.year:
            text = (
                f"od {first.day} {MONTHS_GEN[first.month - 1]} do {last.day} "
                f"{MONTHS_GEN[last.month - 1]} {last.year} r."
            )
        else:
            text = f"od {format_date(first, 'long')} do {format_date(last, 'long')}"
        return text, (first.isoformat(), last.isoformat())

    def _month_since(self) -> tuple[str, tuple[str, ...]]:
        day = self.day - dt.timedelta(days=self.rng.randint(365, 6 * 365))
        suffix = self.rng.choice(("r.", "roku"))
        return f"{MONTHS_GEN[day.month - 1]} {day.year} {suffix}", (iso_month(day),)

    def _month_nom(self) -> tuple[str, tuple[str, ...]]:
        # Used as "na {month_nom} {year_next} roku": month name with a year is a month date.
        month = self.rng.randint(1, 12)
        self.ctx["_month_nom"] = f"{self.day.year + 1}-{month:02d}"
        return MONTHS_NOM[month - 1], ()

    def _year_next(self) -> tuple[str, tuple[str, ...]]:
        pending = self.ctx.pop("_month_nom", None)
        return str(self.day.year + 1), (pending,) if pending else ()

    def _year(self) -> tuple[str, tuple[str, ...]]:
        return str(self.day.year - self.rng.randint(1, 3)), ()

    def _law(self, key: str) -> tuple[str, tuple[str, ...]]:
        if key == "ustroj":
            key = self.ctx["_law"]
        day, title = LAWS[key]
        year = self.rng.randint(max(day.year + 5, self.day.year - 4), self.day.year)
        extra = self.rng.choice(("", "", ", z późn. zm."))
        text = (
            f"ustawy z dnia {format_date(day, 'long')} {title} "
            f"(Dz. U. z {year} r. poz. {self.rng.randint(40, 2400)}{extra})"
        )
        return text, (day.isoformat(),)

    def _amount(self) -> tuple[str, tuple[str, ...]]:
        whole = f"{self.rng.randint(1200, 950000):,}".replace(",", " ")
        return f"{whole},{self.rng.randint(0, 99):02d} zł", ()

    def _uchwala(self) -> tuple[str, tuple[str, ...]]:
        early = self.day.timetuple().tm_yday < 15
        year = self.day.year - self.rng.randint(1 if early else 0, 3)
        self.ctx["_uchwala_year"] = str(year)
        return f"{roman(self.rng.randint(3, 60))}/{self.rng.randint(10, 600)}/{year}", ()

    def _phone(self) -> tuple[str, tuple[str, ...]]:
        r = self.rng
        number = f"{r.randint(200, 899)} {r.randint(10, 99)} {r.randint(10, 99)}"
        return f"{self.ctx['_area']} {number}", ()

    def _count(self) -> tuple[str, tuple[str, ...]]:
        # Only numbers followed by the genitive plural ("5 umów", "12 umów", "21 umów");
        # 2-4, 22-24 ... would need "umowy".
        return str(self.rng.choice(GENITIVE_PLURAL_COUNTS)), ()

    def _n(self) -> tuple[str, tuple[str, ...]]:
        self.counter += 1
        return str(self.counter), ()

    def _par(self) -> tuple[str, tuple[str, ...]]:
        return str(self.rng.randint(1, 14)), ()

    def _ust(self) -> tuple[str, tuple[str, ...]]:
        return str(self.rng.randint(1, 6)), ()

    def _room(self) -> tuple[str, tuple[str, ...]]:
        return str(self.rng.randint(1, 320)), ()

    def _email(self) -> tuple[str, tuple[str, ...]]:
        return self.rng.choice((self.ctx["office_email"], self.ctx["_handler_email"])), ()


def _letter_context(
    rng: random.Random, office: Office, dept: tuple[str, str, str], handler: Person
) -> dict[str, str]:
    """Fixed per-letter values the templates refer to."""
    slug = office.slug
    street = rng.choice(STREETS)
    # Feminine adjective streets: Lipowa -> Lipowej, Długa -> Długiej, Krótka -> Krótkiej.
    street_gen = street[:-1] + ("iej" if street[-2] in "gk" else "ej")
    handler_email = f"{ascii_slug(handler.first)[0]}.{ascii_slug(handler.last)}@{slug}.example.pl"
    return {
        "street_gen": street_gen,
        "street_loc": street_gen,
        "estate": rng.choice(ESTATES),
        "school": str(rng.randint(1, 9)),
        "plot": f"{rng.randint(1, 2400)}/{rng.randint(1, 40)}",
        "village": f"{rng.randint(1, 30):04d} {rng.choice(VILLAGES)}",
        "council_gen": office.council_gen,
        "area_gen": office.area_gen,
        "dept_nom": dept[0],
        "dept_gen": dept[1],
        "organ": office.organ,
        "www": f"www.{slug}.example.pl",
        "office_email": f"{rng.choice(('sekretariat', 'kancelaria', 'urzad'))}@{slug}.example.pl",
        "_handler_email": handler_email,
        "_area": office.place.area,
        "_law": office.law,
    }


def _pick_place(rng: random.Random, kind: str) -> Place:
    if kind == "wojt":
        pool = [p for p in PLACES if p.kind == "wojt"]
    elif kind == "prezydent":
        pool = [p for p in PLACES if p.kind == "prezydent"]
    elif kind == "burmistrz":
        pool = [p for p in PLACES if p.kind == "burmistrz"]
    else:  # starosta, drogi: seated in a county town
        pool = [p for p in PLACES if p.county]
    return rng.choice(pool)


def _letterhead(rng: random.Random, office: Office, ctx: dict[str, str]) -> tuple[str, ...]:
    place = office.place
    address = f"{office.street} {rng.randint(1, 40)}, {place.postal} {place.nom}"
    phone = f"tel. {place.area} {rng.randint(200, 899)} {rng.randint(10, 99)} 00"
    email = f"e-mail: {ctx['office_email']}"
    if office.letterhead_is_office:
        return (office.office_name, address, f"{phone}, {email}")
    style = rng.choice(("organ", "organ", "office", "organ_office"))
    if style == "organ":
        return (office.organ.upper(),)
    if style == "office":
        return (office.office_name, address, phone, email)
    return (office.organ.upper(), f"{office.office_name}, {address}", f"{phone}, {email}")


def _addressee(
    rng: random.Random, kind: str, office: Office, topic: str
) -> tuple[Addressee, str | None, bool]:
    """Draw an addressee; also returns the salutation and whether the addressee is female."""
    place = office.place
    postal_line = f"{place.postal} {place.nom}"
    street_line = f"ul. {rng.choice(STREETS)} {rng.randint(1, 90)}"
    if rng.random() < 0.4:
        street_line += f"/{rng.randint(1, 30)}"
    if kind == "per_distribution":
        return Addressee(per_distribution=True), "Szanowni Państwo,", False
    if kind == "organization":
        org = rng.choice(FIRMS)
        return (
            Addressee(organization=(org,), address=(street_line, postal_line)),
            ("Szanowni Państwo,"),
            False,
        )
    person = random_person(rng)
    f = person.female
    if kind == "person_at_org":
        position = (rng.choice(("Prezes Zarządu", "Dyrektor", "Kierownik Budowy")),)
        addressee = Addressee(
            honorific="Pani" if f else "Pan", name=person.name, position=position,
            organization=(rng.choice(FIRMS),), address=(street_line, postal_line),
        )  # fmt: skip
        return addressee, "Szanowna Pani," if f else "Szanowny Panie,", f
    if kind == "private":
        honorific = rng.choice(("Pani", "Sz. P.") if f else ("Pan", "Sz. P."))
        addressee = Addressee(
            honorific=honorific, name=person.name, address=(street_line, postal_line)
        )
        return addressee, "Szanowna Pani," if f else "Szanowny Panie,", f
    # official / szanowna: a councillor or the council chair (or a school head)
    roles = [("Radna" if f else "Radny", "Pani Radna" if f else "Panie Radny")]
    roles.append(
        (
            "Przewodnicząca" if f else "Przewodniczący",
            "Pani Przewodnicząca" if f else "Panie Przewodniczący",
        )
    )
    title, address_form = rng.choice(roles)
    position = f"{title} {office.council_gen}"
    if topic != "interpelacja" and rng.random() < 0.3:
        position = f"Dyrektor Szkoły Podstawowej nr {rng.randint(1, 9)} w {place.loc}"
        address_form = "Pani Dyrektor" if f else "Panie Dyrektorze"
    lines = (position,)
    if " w " in position and rng.random() < 0.5:
        head, tail = position.rsplit(" w ", 1)
        lines = (head, f"w {tail}")
    if kind == "szanowna":
        honorific = "Szanowna Pani" if f else "Szanowny Pan"
    else:
        honorific = "Pani" if f else "Pan"
    title_ac = rng.choice(ACADEMIC_TITLES) or None
    addressee = Addressee(honorific=honorific, name=person.name, title=title_ac, position=lines)
    salutation = f"{'Szanowna' if f else 'Szanowny'} {address_form},"
    return addressee, salutation, f


def _signatory(
    rng: random.Random, kind: str, office: Office, dept: tuple[str, str, str]
) -> Signatory:
    person = random_person(rng)
    title = rng.choice(ACADEMIC_TITLES) or None
    closing = rng.choice(("Z poważaniem", "Z poważaniem", "Z wyrazami szacunku", None))
    caps = rng.random() < 0.5
    if kind == "organ":
        position = (office.organ,) if rng.random() < 0.6 else (office.head_short,)
        return Signatory(
            person.name, title, position, closing=closing, caps=caps, position_first=True
        )
    if kind == "deputy":
        deputy = office.deputy
        if office.kind != "starosta" and rng.random() < 0.5:
            deputy = f"Zastępca {office.head_gen}"
        return Signatory(
            person.name,
            title,
            (deputy,),
            closing=closing,
            caps=caps,
            position_first=rng.random() < 0.5,
        )
    head = "Naczelnik" if dept[0].startswith("Wydział") else "Kierownik"
    options: list[tuple[str, ...]] = [(office.deputy,), (office.secretary,)]
    options.append((head, dept[1]) if rng.random() < 0.5 else (f"{head} {dept[1]}",))
    on_behalf = office.head_short_gen if rng.random() < 0.6 else office.head_gen
    return Signatory(
        person.name, title, rng.choice(options), on_behalf_of=on_behalf,
        on_behalf_prefix=rng.choice(("z up.", "z up.", "Z up.", "z upoważnienia")),
        closing=closing, caps=caps, position_first=rng.random() < 0.4,
    )  # fmt: skip


def _distribution(
    rng: random.Random, label: str, office: Office, addressee: Addressee, unit: str
) -> Distribution:
    place = office.place
    pool = [
        office.council_nom,
        f"Komenda Powiatowa Policji w {place.loc}",
        f"Powiatowy Inspektor Nadzoru Budowlanego w {place.loc}",
        f"Zakład Wodociągów i Kanalizacji w {place.loc}",
        f"Sołtys Sołectwa {rng.choice(VILLAGES)}",
        rng.choice(office.departments)[0],
        f"Rada Osiedla {rng.choice(ESTATES)}",
    ]
    rng.shuffle(pool)
    items: list[str] = []
    if addressee.per_distribution:
        label = rng.choice(("Otrzymują:", "Rozdzielnik:"))
        for _ in range(rng.randint(2, 4)):
            person = random_person(rng)
            items.append(
                f"{person.name}, ul. {rng.choice(STREETS)} {rng.randint(1, 60)}, "
                f"{place.postal} {place.nom}"
            )
        items.append(pool[0])
    else:
        if label == "Otrzymują:" or rng.random() < 0.4:
            items.append("Adresat")
        items.extend(pool[: rng.randint(1, 3)])
    items.append("a/a" if rng.random() < 0.8 else f"a/a {unit}")
    numbering = rng.choice(("1.", "1.", "1)", "-", ""))
    return Distribution(label, tuple(items), numbering)


def _stamp(
    rng: random.Random, position: str, office: Office, addressee: Addressee, day: dt.date
) -> RegistryStamp:
    """A registry stamp of the receiving side (or the sender's chancery)."""
    received = day + dt.timedelta(days=rng.randint(0, 6))
    word = "WPŁYNĘŁO"
    if addressee.position and "Rad" in " ".join(addressee.position):
        head: tuple[str, ...] = (office.council_nom.upper(), "Biuro Rady")
    elif addressee.organization:  # the receiving organisation's stamp
        head = _split_half(" ".join(addressee.organization).upper())
    else:  # the sender's own chancery stamp on the file copy
        head, word = (office.office_name.upper(), "Kancelaria Ogólna"), "WYSŁANO"
    style = rng.choice(("stamp", "stamp", "dotted", "roman_plain"))
    date_text = {
        "stamp": format_date(received, "stamp"),
        "dotted": f"{received.day:02d}. {received.month:02d}. {received.year}",
        "roman_plain": f"{received.day} {ROMAN_MONTHS[received.month - 1]} {received.year}",
    }[style]
    lines = (*head, word, date_text, f"L.dz. {rng.randint(12, 4800)}/{received.year % 100}")
    return RegistryStamp(
        lines, len(head) + 1, (received.isoformat(),), position=position,
        offset_mm=rng.uniform(30, 60) if position == "mid" else rng.uniform(0, 8),
        tilt=rng.uniform(-3, 3), ink=rng.choice(tuple(STAMP_INKS)),
    )  # fmt: skip


def _split_half(text: str) -> tuple[str, ...]:
    """Split a long name into two lines of similar length at a space."""
    if len(text) <= 32:
        return (text,)
    words = text.split()
    cut = min(range(1, len(words)), key=lambda i: abs(len(" ".join(words[:i])) - len(text) / 2))
    return (" ".join(words[:cut]), " ".join(words[cut:]))


def _handler(rng: random.Random, person: Person, office: Office) -> tuple[str, ...]:
    phone = f"tel. {office.place.area} {rng.randint(200, 899)} {rng.randint(10, 99)} "
    phone += f"{rng.randint(10, 99)}"
    email = f"{ascii_slug(person.first)[0]}.{ascii_slug(person.last)}@{office.slug}.example.pl"
    style = rng.choice(("one", "two", "made"))
    if style == "one":
        return (f"Sprawę prowadzi: {person.name}, {phone}",)
    if style == "two":
        return (
            "Sprawę prowadzi:",
            f"{person.name}, pok. {rng.randint(1, 60)}",
            f"{phone}, e-mail: {email}",
        )
    return (f"Sporządził{'a' if person.female else ''}: {person.name}, {phone}",)


def _body(
    rng: random.Random, filler: _Filler, topic: str, options: LetterOptions, count: int
) -> tuple[Paragraph, ...]:
    templates = TOPICS[topic]
    chosen = [rng.choice(templates["openings"])]
    pool: list[str] = []
    topic_pool = list(templates["middles"])
    generic_pool = list(GENERIC_MIDDLES)
    rng.shuffle(topic_pool)
    rng.shuffle(generic_pool)
    while len(pool) < count:
        # Topic paragraphs first (they carry the numbered answers), generic filler after.
        pool.extend(topic_pool[: max(0, min(len(topic_pool), count - len(pool)))])
        pool.extend(generic_pool[: max(0, count - len(pool))])
        rng.shuffle(generic_pool)
    chosen.extend(pool[:count])
    if options.paragraph_sign_and_email:
        chosen.insert(min(2, len(chosen)), PARAGRAPH_SIGN_AND_EMAIL)
    chosen.append(rng.choice(templates["closings"]))
    return tuple(Paragraph(*filler.fill(t)) for t in chosen)


def _draw_layout(rng: random.Random, options: LetterOptions, stamp_pos: str) -> LetterLayout:
    family = options.font_family or rng.choice(FAMILY_NAMES)
    font_pt = options.font_pt or rng.choice((11.0, 11.5, 12.0, 12.0))
    align = rng.choice(("left", "left", "center"))
    date_pos = options.date_position or rng.choice(DATE_POSITIONS)
    if align == "center" and date_pos == "header_right":
        align = "left"
    if stamp_pos == "top_right" and date_pos == "header_right":
        date_pos = "below_header_right"
    if stamp_pos == "top_right":
        align = "left"
    return LetterLayout(
        font_family=family, font_pt=font_pt, letterhead_align=align,
        header_rule=rng.random() < 0.4, date_position=date_pos,
        addressee_x_mm=rng.uniform(82, 95), justify=rng.random() < 0.7,
        first_line_indent_mm=rng.choice((0.0, 10.0, 12.5)),
        paragraph_gap_mm=rng.choice((0.0, 2.0, 3.0)), subject_bold=rng.random() < 0.7,
        page_numbers=rng.choice(("Strona {i} z {n}", "{i}/{n}", "- {i} -")),
        footer_rule=rng.random() < 0.6, handler_first=rng.random() < 0.4,
    )  # fmt: skip


def _title_genitive(addressee: Addressee, female: bool) -> str:
    """The addressee's title in the genitive ("Pana Radnego", "Pani Przewodniczącej")."""
    position = " ".join(addressee.position)
    if position.startswith("Przewodnicząc"):
        return "Pani Przewodniczącej" if female else "Pana Przewodniczącego"
    if position.startswith("Dyrektor"):
        return "Pani Dyrektor" if female else "Pana Dyrektora"
    return "Pani Radnej" if female else "Pana Radnego"


def random_letter(rng: random.Random, options: LetterOptions | None = None) -> LetterSpec:
    """Draw a random municipal letter.

    Layout conventions vary: date top-right, beside the reference or at the end; reference
    labelled or not; addressee with or without "Pan/Pani", organisation only or "Według
    rozdzielnika"; signature with or without "z up."; "Otrzymują:" or "Do wiadomości:";
    optional registry stamp. The number of middle paragraphs decides the page count.

    Args:
        rng: Random source; the same seed gives the same letter.
        options: Constraints; None draws everything.

    Returns:
        The letter.
    """
    opts = options or LetterOptions()
    topic = opts.topic or rng.choice(tuple(TOPICS))
    kind = opts.office_kind or rng.choice(TOPIC_OFFICES[topic])
    office = make_office(_pick_place(rng, kind), kind)
    day = opts.letter_date or dt.date(2012, 1, 1) + dt.timedelta(days=rng.randint(0, 5100))
    depts = [d for d in office.departments if d[2] in TOPIC_DEPARTMENTS[topic]]
    dept = rng.choice(depts or list(office.departments))
    handler = random_person(rng)
    ctx = _letter_context(rng, office, dept, handler)
    filler = _Filler(rng, ctx, day)

    stamp_pos = opts.stamp_position
    if stamp_pos is None:
        stamp_pos = rng.choice(STAMP_POSITIONS) if rng.random() < 0.3 else ""
    layout = _draw_layout(rng, opts, stamp_pos)
    date_style = opts.date_style or rng.choices(DATE_STYLES, DATE_STYLE_WEIGHTS)[0]
    labelled = opts.reference_labelled
    if labelled is None:
        labelled = rng.random() < 0.6
    their = None
    wants_their = opts.their_reference
    if wants_their is None:
        wants_their = rng.random() < 0.15
    if wants_their:
        other = rng.choice([d for d in DEPARTMENTS_GMINA if d[2] != dept[2]])
        their = f"Wasz znak: {other[2]}.{rng.randint(1000, 9999)}.{rng.randint(1, 99)}.{day.year}"

    addressee_kind = opts.addressee_kind or rng.choice(TOPIC_ADDRESSEES[topic])
    addressee, salutation, female = _addressee(rng, addressee_kind, office, topic)
    ctx["pron_gen"] = "Pani" if female else "Pana"
    ctx["pron_acc"] = "Panią" if female else "Pana"
    ctx["pron_title_gen"] = _title_genitive(addressee, female)
    ctx["matter"] = filler.fill(rng.choice(TOPICS[topic]["matters"]))[0]
    subject = None
    if topic in ("informacja", "podatek", "drogi", "planowanie") or rng.random() < 0.5:
        subject = filler.fill(rng.choice(TOPICS[topic]["subjects"]))[0]
        if rng.random() < 0.3:
            subject += "."
    signature_kind = opts.signature_kind or rng.choice(("organ", "organ", "zup", "deputy"))
    label = opts.distribution_label
    if label is None:
        label = rng.choice(DISTRIBUTION_LABELS) if rng.random() < 0.8 else ""
    distribution = None
    if label or addressee.per_distribution:
        distribution = _distribution(rng, label or "Otrzymują:", office, addressee, dept[2])
    footer: tuple[str, ...] = ()
    if rng.random() < 0.5:
        footer = (
            f"{office.office_name}, {office.street} 1, {office.place.postal} {office.place.nom}",
            f"tel. {office.place.area} 464 20 00, {ctx['www']}",
        )
    spec = LetterSpec(
        sender=office.office_name if office.letterhead_is_office else office.organ,
        letterhead=_letterhead(rng, office, ctx),
        place=office.place.nom,
        letter_date=iso_month(day) if date_style == "month_only" else day.isoformat(),
        date_text=format_date(day, date_style), date_style=date_style,
        reference=make_reference(rng, unit=dept[2], jrwa=rng.choice(JRWA_BY_TOPIC[topic]),
                                 year=day.year, initials=handler.initials),
        reference_label=rng.choice(REFERENCE_LABELS) if labelled else None,
        their_reference=their, addressee=addressee, subject=subject,
        subject_label=rng.choice(("Dotyczy:", "Dotyczy:", "w sprawie:", "Sprawa:")),
        salutation=salutation if rng.random() < 0.5 else None,
        signatory=_signatory(rng, signature_kind, office, dept), distribution=distribution,
        handler=_handler(rng, handler, office) if rng.random() < 0.7 else (),
        footer=footer,
        stamp=_stamp(rng, stamp_pos, office, addressee, day) if stamp_pos else None,
        layout=layout,
    )  # fmt: skip
    # The body is drawn last from its own stream, so that changing the paragraph count
    # (to fit a page count) leaves the rest of the letter as it was.
    body_rng = random.Random(rng.random())
    count = opts.paragraphs if opts.paragraphs is not None else body_rng.randint(1, 3)
    body = _body(body_rng, _Filler(body_rng, ctx, day), topic, opts, count)
    return replace(spec, body=body)


# --------------------------------------------------------------------------------------
# The founding letter (read from ../shared at generation time, never stored here)
# --------------------------------------------------------------------------------------

LIST_HEADING = re.compile(r"^(Otrzymują|Do wiadomości|Rozdzielnik|Kopia)\s*:?$", re.IGNORECASE)
NUMBERING = re.compile(r"^\s*(?:\d+\s*[.)]|[-–•])\s*")
STAMP_DATE = re.compile(r"^\d{4} -\d{2}- \d{2}$")


def _paragraph_blocks(text: str) -> list[list[str]]:
    blocks = re.split(r"\n\s*\n", text.strip())
    return [[ln.strip() for ln in b.splitlines() if ln.strip()] for b in blocks if b.strip()]


def seed_letter(text: str, truth: dict[str, object]) -> LetterSpec:
    """Rebuild a printable letter from a transcription and its truth file.

    The transcription's blank-line-separated blocks are assigned roles with the help of the
    truth: the block starting with "<place>," is the date line, the block equal to the
    reference is the reference, the block holding the addressee's name is the addressee,
    the one holding the signatory's name (with the title block above it) is the signature,
    the "Otrzymują:" block and what follows is the distribution list (printed from the truth
    when the counts agree, so an OCR-garbled "aa" is printed "a/a"); the blocks between the
    addressee and the signature are the body, the blocks before the date line the letterhead.

    Args:
        text: The transcription (one paragraph per line, blocks separated by blank lines).
        truth: The truth file (dev-letters format).

    Returns:
        A letter spec laid out like a Polish municipal letter.

    Raises:
        ValueError: When the transcription does not match the truth well enough.
    """
    blocks = _paragraph_blocks(text)
    place = str(truth["place"])
    i_date = next(i for i, b in enumerate(blocks) if b[0].startswith(f"{place},"))
    date_text = blocks[i_date][0][len(place) + 1 :].strip()
    ref = truth.get("reference_number")
    i_ref = next((i for i, b in enumerate(blocks) if normalize_reference(" ".join(b)) == ref), -1)
    addr = truth.get("addressee") or {}
    assert isinstance(addr, dict)
    i_addr = next(i for i, b in enumerate(blocks) if addr.get("name") in b)
    name_at = blocks[i_addr].index(str(addr["name"]))
    addressee = Addressee(
        honorific=" ".join(blocks[i_addr][:name_at]) or None, name=str(addr["name"]),
        position=tuple(blocks[i_addr][name_at + 1 :]),
    )  # fmt: skip
    sig = truth.get("signatory") or {}
    assert isinstance(sig, dict)
    i_sig = next(i for i, b in enumerate(blocks) if sig.get("name") in b)
    above = blocks[i_sig - 1]
    title_above = " ".join(above).casefold() == str(sig["position"]).casefold()
    i_sig_start = i_sig - 1 if title_above else i_sig
    i_list = next((i for i, b in enumerate(blocks) if LIST_HEADING.match(b[0])), len(blocks))
    printed_items = [NUMBERING.sub("", ln) for b in blocks[i_list:] for ln in b][1:]
    truth_items = list(truth.get("distribution_list") or [])  # type: ignore[call-overload]
    items = truth_items if len(truth_items) == len(printed_items) else printed_items
    body_start = max(i_date, i_ref, i_addr) + 1
    body = tuple(Paragraph(" ".join(b)) for b in blocks[body_start:i_sig_start])
    caps = " ".join(above).isupper()
    signatory = Signatory(
        name=str(sig["name"]), title=None, position=(str(sig["position"]),), closing=None,
        caps=caps, position_first=True,
    )  # fmt: skip
    letterhead = tuple(ln for b in blocks[:i_date] for ln in b)
    return LetterSpec(
        sender=str(truth["sender"]), letterhead=letterhead, place=place,
        letter_date=str(truth["letter_date"]), date_text=date_text,
        date_style="stamp" if STAMP_DATE.match(date_text) else "printed",
        reference=" ".join(blocks[i_ref]) if i_ref >= 0 else None, addressee=addressee,
        body=body, signatory=signatory,
        distribution=Distribution(blocks[i_list][0], tuple(items), "1.") if items else None,
        layout=LetterLayout(
            font_family="liberation-serif", font_pt=12.0, letterhead_align="left",
            header_rule=False, date_position="header_right", addressee_x_mm=92.0,
            justify=True, first_line_indent_mm=10.0, paragraph_gap_mm=2.0, footer_rule=False,
        ),
    )  # fmt: skip


def find_seed(shared: Path | None = None) -> tuple[Path, Path] | None:
    """Locate the founding letter's transcription and truth.

    Args:
        shared: The shared folder; default ``../shared`` next to the repository.

    Returns:
        (transcription, truth) paths, or None when they are absent.
    """
    shared = shared or Path(__file__).resolve().parents[2] / "shared"
    texts = sorted((shared / "seed").glob("*.txt")) if (shared / "seed").is_dir() else []
    truth = shared / "dev-letters" / "seed.truth.json"
    if not texts or not truth.is_file():
        return None
    return texts[0], truth


# --------------------------------------------------------------------------------------
# Truth
# --------------------------------------------------------------------------------------

TRUTH_KEYS = (
    "reference_number", "letter_date", "place", "sender", "addressee", "signatory",
    "distribution_list", "dates", "subject",
)  # fmt: skip


def _join(lines: Sequence[str], sep: str = " ") -> str | None:
    return sep.join(lines) if lines else None


def expected_truth(spec: LetterSpec) -> dict[str, object]:
    """The truth of a letter, in exactly the dev-letters truth format.

    Dates are listed once each in the order of first appearance in the reading order of
    the printed text (the order of ``gt.txt``), the letter and registry-stamp dates included.

    Args:
        spec: The letter.

    Returns:
        A dict with the keys of TRUTH_KEYS, in that order.
    """
    addressee: dict[str, object] | None = None
    if spec.addressee is not None:
        a = spec.addressee
        addressee = {
            "name": a.name, "position": _join(a.position), "organization": _join(a.organization),
            "address": _join(a.address, ", "),
        }  # fmt: skip
        if a.per_distribution:
            addressee["per_distribution"] = True
    signatory = None
    if spec.signatory is not None:
        s = spec.signatory
        signatory = {"name": s.name, "position": _join(s.position), "on_behalf_of": s.on_behalf_of}
    dates: list[str] = []
    for row in compose(spec):
        # At most one block of a row states dates (compose never puts two dated blocks
        # side by side), so the row order is the order of the printed text.
        for block in row.blocks:
            dates.extend(d for d in block.dates if d not in dates)
    return {
        "reference_number": normalize_reference(spec.reference) if spec.reference else None,
        "letter_date": spec.letter_date,
        "place": spec.place,
        "sender": spec.sender,
        "addressee": addressee,
        "signatory": signatory,
        "distribution_list": list(spec.distribution.items) if spec.distribution else [],
        "dates": dates,
        "subject": spec.subject.rstrip(" .") if spec.subject else None,
    }


# --------------------------------------------------------------------------------------
# Composition: spec -> rows of blocks (reading order)
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Line:
    """A printed line: runs of (text, font role); a single-run line may be re-wrapped."""

    runs: tuple[tuple[str, str], ...]
    space_before_mm: float = 0.0

    @property
    def text(self) -> str:
        """The line's text."""
        return "".join(text for text, _ in self.runs)


def _line(text: str, role: str = "body", space: float = 0.0) -> Line:
    return Line(((text, role),), space)


@dataclass(frozen=True)
class Block:
    """A block of text placed in a row.

    Attributes:
        lines: Pre-broken lines (each wrapped again if wider than the block).
        paragraph: Running text to wrap (instead of lines).
        role: Font role of the paragraph.
        x_mm: Left edge from the left text margin (ignored when anchored right).
        width_mm: Width; None means as wide as the content.
        align: "left", "right" or "center" (lines inside the block).
        anchor_right: Place the block against the right text margin.
        justify: Justify the paragraph (all lines but the last).
        indent_mm: First-line indent of the paragraph.
        dates: ISO dates the block states, in order.
        stamp: Draw the block as this registry stamp (boxed, tilted, inked).
        rule: A horizontal rule instead of text.
    """

    lines: tuple[Line, ...] = ()
    paragraph: str | None = None
    role: str = "body"
    x_mm: float = 0.0
    width_mm: float | None = TEXT_WIDTH_MM
    align: str = "left"
    anchor_right: bool = False
    justify: bool = False
    indent_mm: float = 0.0
    dates: tuple[str, ...] = ()
    stamp: RegistryStamp | None = None
    rule: bool = False


@dataclass(frozen=True)
class Row:
    """Blocks sharing a vertical band; only single-paragraph rows may break across pages."""

    blocks: tuple[Block, ...]
    space_before_mm: float = 0.0
    splittable: bool = False


def _date_block(spec: LetterSpec, *, at_end: bool) -> Block | None:
    if not spec.place and not spec.date_text:
        return None
    head = f"{spec.place}, " if spec.place else ""
    if spec.date_style == "stamp":
        line = Line(((head, "body"), (spec.date_text or "", "datestamp")))
    else:
        line = _line(f"{head}{spec.date_text or ''}")
    dates = (spec.letter_date,) if spec.letter_date else ()
    if at_end:
        return Block(lines=(line,), dates=dates)
    return Block(lines=(line,), width_mm=None, anchor_right=True, align="right", dates=dates)


def _letterhead_block(spec: LetterSpec, *, beside: bool) -> Block:
    n_bold = spec.layout.letterhead_bold_lines
    lines = tuple(
        _line(text, "head" if i < n_bold else "small") for i, text in enumerate(spec.letterhead)
    )
    if spec.layout.letterhead_align == "center" and not beside:
        return Block(lines=lines, align="center")
    return Block(lines=lines, width_mm=TEXT_WIDTH_MM * (0.62 if beside else 1.0))


def _stamp_block(stamp: RegistryStamp) -> Block:
    lines = tuple(
        _line(text, "datestamp" if i == stamp.date_line else "stamp")
        for i, text in enumerate(stamp.lines)
    )
    right = stamp.position == "top_right"
    return Block(
        lines=lines,
        width_mm=None,
        align="center",
        anchor_right=right,
        x_mm=stamp.offset_mm,
        dates=stamp.dates,
        stamp=stamp,
    )


def _reference_block(spec: LetterSpec) -> Block | None:
    lines = []
    if spec.reference:
        label = f"{spec.reference_label} " if spec.reference_label else ""
        lines.append(_line(label + spec.reference))
    if spec.their_reference:
        lines.append(_line(spec.their_reference))
    return Block(lines=tuple(lines), width_mm=TEXT_WIDTH_MM * 0.5) if lines else None


def _addressee_block(spec: LetterSpec) -> Block | None:
    a = spec.addressee
    if a is None:
        return None
    x = spec.layout.addressee_x_mm
    width = TEXT_WIDTH_MM - x
    if a.per_distribution:
        return Block(lines=(_line("Według rozdzielnika", "bold"),), x_mm=x, width_mm=width)
    lines: list[Line] = []
    if a.honorific:
        lines.append(_line(a.honorific))
    if a.name:
        lines.append(_line(f"{a.title} {a.name}" if a.title else a.name, "bold"))
    lines.extend(_line(t) for t in (*a.position, *a.organization))
    lines.extend(_line(t) for t in a.address)
    return Block(lines=tuple(lines), x_mm=x, width_mm=width)


def _signature_block(spec: LetterSpec) -> Block | None:
    s = spec.signatory
    if s is None:
        return None
    lines: list[Line] = []
    gap = 0.0
    if s.closing:
        lines.append(_line(s.closing))
        gap = 6.0
    if s.on_behalf_of:
        behalf = s.on_behalf_of.upper() if s.caps else s.on_behalf_of
        lines.append(_line(f"{s.on_behalf_prefix} {behalf}", space=gap))
        gap = 0.0 if s.position_first else SIGNATURE_SPACE_MM
    position = [p.upper() if s.caps else p for p in s.position]
    name = f"{s.title} {s.name}" if s.title and s.name else s.name
    if s.position_first:
        lines.extend(_line(p, space=gap if i == 0 else 0.0) for i, p in enumerate(position))
        if name:
            lines.append(_line(name, space=SIGNATURE_SPACE_MM))
    else:
        if name:
            lines.append(_line(name, space=max(gap, SIGNATURE_SPACE_MM)))
        lines.extend(_line(p) for p in position)
    x = 78.0
    return Block(lines=tuple(lines), x_mm=x, width_mm=TEXT_WIDTH_MM - x, align="center")


def _distribution_block(spec: LetterSpec) -> Block | None:
    d = spec.distribution
    if d is None:
        return None
    lines = [_line(d.label, "small_bold")]
    for i, item in enumerate(d.items, start=1):
        if d.numbering == "":
            end = "." if i == len(d.items) else ";"
            lines.append(_line(f"{item}{end}", "small"))
        else:
            mark = {"1.": f"{i}.", "1)": f"{i})", "-": "-"}[d.numbering]
            lines.append(_line(f"{mark} {item}", "small"))
    return Block(lines=tuple(lines), width_mm=TEXT_WIDTH_MM * 0.75)


def compose(spec: LetterSpec) -> list[Row]:
    """Arrange a letter into rows of blocks, in reading order.

    Args:
        spec: The letter.

    Returns:
        The rows, top to bottom. Within a row, blocks read left to right.
    """
    lay = spec.layout
    stamp = spec.stamp
    rows: list[Row] = []
    top_blocks: list[Block] = []
    date_top = lay.date_position == "header_right"
    stamp_top = stamp is not None and stamp.position == "top_right"
    top_blocks.append(_letterhead_block(spec, beside=date_top or stamp_top))
    date_block = _date_block(spec, at_end=lay.date_position == "end")
    if date_top and date_block:
        top_blocks.append(date_block)
    if stamp_top and stamp:
        top_blocks.append(_stamp_block(stamp))
    rows.append(Row(tuple(top_blocks)))
    if lay.header_rule:
        rows.append(Row((Block(rule=True),), 2.0))
    if lay.date_position == "below_header_right" and date_block:
        rows.append(Row((date_block,), 5.0))
    ref_block = _reference_block(spec)
    ref_row = [b for b in (ref_block,) if b]
    if lay.date_position == "beside_reference" and date_block:
        ref_row.append(date_block)
    if ref_row:
        rows.append(Row(tuple(ref_row), 8.0))
    if stamp is not None and stamp.position == "mid":
        rows.append(Row((_stamp_block(stamp),), 5.0))
    addr_row = []
    if stamp is not None and stamp.position == "beside_addressee":
        addr_row.append(_stamp_block(stamp))
    addr = _addressee_block(spec)
    if addr:
        addr_row.append(addr)
    if addr_row:
        rows.append(Row(tuple(addr_row), 10.0))
    if spec.subject:
        role = "bold" if lay.subject_bold else "body"
        subject = Block(paragraph=f"{spec.subject_label} {spec.subject}", role=role)
        rows.append(Row((subject,), 10.0))
    if spec.salutation:
        rows.append(Row((Block(lines=(_line(spec.salutation),)),), 8.0))
    for i, para in enumerate(spec.body):
        block = Block(
            paragraph=para.text,
            justify=lay.justify,
            indent_mm=lay.first_line_indent_mm,
            dates=para.dates,
        )
        rows.append(Row((block,), 7.0 if i == 0 else lay.paragraph_gap_mm, splittable=True))
    if lay.date_position == "end" and date_block:
        rows.append(Row((date_block,), 7.0))
    signature = _signature_block(spec)
    if signature:
        rows.append(Row((signature,), 9.0))
    tail = []
    if spec.handler:
        tail.append(Block(lines=tuple(_line(t, "small") for t in spec.handler)))
    dist = _distribution_block(spec)
    if dist:
        tail.insert(0 if not lay.handler_first else len(tail), dist)
    for i, block in enumerate(tail):
        rows.append(Row((block,), 10.0 if i == 0 else 5.0))
    return rows


# --------------------------------------------------------------------------------------
# Fonts and layout
# --------------------------------------------------------------------------------------


class FontNotFoundError(RuntimeError):
    """No usable TrueType font was found."""


@functools.lru_cache(maxsize=1)
def _font_index() -> dict[str, Path]:
    dirs = list(FONT_DIRS)
    if extra := os.environ.get("PISMO_FONT_DIR"):
        dirs.insert(0, Path(extra))
    index: dict[str, Path] = {}
    for folder in dirs:
        if folder.is_dir():
            for path in sorted(folder.rglob("*.ttf")):
                index.setdefault(path.name, path)
    return index


def _first_font(names: Iterable[str]) -> Path | None:
    index = _font_index()
    return next((index[n] for n in names if n in index), None)


@functools.lru_cache(maxsize=16)
def font_faces(family: str) -> dict[str, Path]:
    """Font files for the faces of a family, falling back to any installed family.

    Args:
        family: One of FONT_FAMILIES.

    Returns:
        Paths for the faces "regular", "bold", "stamp" and "mono".

    Raises:
        FontNotFoundError: When neither DejaVu nor Liberation fonts are installed.
    """
    order = [family, *(f for f in FONT_FAMILIES if f != family)]
    for name in order:
        faces = FONT_FAMILIES.get(name)
        if not faces:
            continue
        regular, bold = _first_font(faces["regular"]), _first_font(faces["bold"])
        if regular and bold:
            stamp = _first_font(STAMP_FACES) or bold
            mono = _first_font(MONO_FACES) or bold
            return {"regular": regular, "bold": bold, "stamp": stamp, "mono": mono}
    raise FontNotFoundError(
        "no DejaVu or Liberation TrueType font found under "
        + ", ".join(str(d) for d in FONT_DIRS)
        + ": install fonts-dejavu-core or fonts-liberation (or set PISMO_FONT_DIR)"
    )


@functools.lru_cache(maxsize=512)
def _load_font(path: Path, size: float) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(path), size)


class Typesetter:
    """Fonts of one letter at one resolution."""

    def __init__(self, layout: LetterLayout, dpi: float = LAYOUT_DPI) -> None:
        self.faces = font_faces(layout.font_family)
        self.pt = layout.font_pt
        self.dpi = dpi

    def size(self, role: str) -> float:
        """Font size of a role, in pixels."""
        return ROLES[role][0] * self.pt * self.dpi / 72.0

    def font(self, role: str) -> ImageFont.FreeTypeFont:
        """The font of a role."""
        return _load_font(self.faces[ROLES[role][1]], round(self.size(role) * 4) / 4)

    def width(self, runs: Sequence[tuple[str, str]]) -> float:
        """Advance width of a line's runs, in pixels."""
        return sum(self.font(role).getlength(text) for text, role in runs)

    def line_height(self, runs: Sequence[tuple[str, str]]) -> float:
        """Height of a line box, in pixels."""
        return LINE_SPACING * max(self.size(role) for _, role in runs)


@dataclass(frozen=True)
class PlacedLine:
    """A line at its place on the page, in layout pixels (LAYOUT_DPI)."""

    x: float
    y: float
    width: float
    align: str
    runs: tuple[tuple[str, str], ...]
    justify: bool = False

    @property
    def text(self) -> str:
        """The line's text."""
        return "".join(text for text, _ in self.runs)


@dataclass(frozen=True)
class PlacedStamp:
    """A registry stamp: box geometry and its lines relative to the box, layout pixels."""

    x: float
    y: float
    width: float
    height: float
    lines: tuple[PlacedLine, ...]
    tilt: float
    ink: str


@dataclass(frozen=True)
class PlacedRule:
    """A horizontal rule, layout pixels."""

    x: float
    y: float
    width: float


PlacedItem = PlacedLine | PlacedStamp | PlacedRule


@dataclass
class PageLayout:
    """Everything drawn on one page and the page's text lines in reading order."""

    items: list[PlacedItem] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)


def wrap_words(text: str, width: float, measure: Callable[[str], float], first: float) -> list[str]:
    """Break running text into lines greedily.

    Args:
        text: The text (runs of whitespace count as one space).
        width: Width available for the lines after the first.
        measure: Width of a string.
        first: Width available for the first line.

    Returns:
        The lines.
    """
    lines: list[str] = []
    current = ""
    limit = first
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if current and measure(candidate) > limit:
            lines.append(current)
            current, limit = word, width
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines


def _block_width(block: Block, ts: Typesetter) -> float:
    if block.width_mm is not None:
        return block.width_mm * MM
    widths = [ts.width(line.runs) for line in block.lines]
    pad = 2 * STAMP_PAD_MM * MM if block.stamp else 0.0
    return max(widths, default=0.0) + pad


STAMP_PAD_MM = 2.5


def _layout_block(block: Block, ts: Typesetter, x: float, width: float) -> tuple[list, float]:
    """Place a block's lines at (x, 0); returns the items and the block's height."""
    if block.rule:
        return [PlacedRule(x, 0.8 * MM, width)], 1.6 * MM
    if block.stamp is not None:
        return _layout_stamp(block, ts, x, width)
    items: list[PlacedItem] = []
    y = 0.0
    if block.paragraph is not None:
        font = ts.font(block.role)
        indent = block.indent_mm * MM
        texts = wrap_words(block.paragraph, width, font.getlength, width - indent)
        for i, text in enumerate(texts):
            runs = ((text, block.role),)
            last = i == len(texts) - 1
            left = x + (indent if i == 0 else 0.0)
            items.append(
                PlacedLine(
                    left, y, x + width - left, block.align, runs, justify=block.justify and not last
                )
            )
            y += ts.line_height(runs)
        return items, y
    for line in block.lines:
        y += line.space_before_mm * MM
        pieces = [line.runs]
        if len(line.runs) == 1 and ts.width(line.runs) > width:
            text, role = line.runs[0]
            pieces = [((t, role),) for t in wrap_words(text, width, ts.font(role).getlength, width)]
        for runs in pieces:
            items.append(PlacedLine(x, y, width, block.align, runs))
            y += ts.line_height(runs)
    return items, y


def _layout_stamp(block: Block, ts: Typesetter, x: float, width: float) -> tuple[list, float]:
    assert block.stamp is not None
    pad = STAMP_PAD_MM * MM
    inner = width - 2 * pad
    lines = []
    y = pad * 0.6
    for line in block.lines:
        lines.append(PlacedLine(pad, y, inner, "center", line.runs))
        y += ts.line_height(line.runs)
    height = y + pad * 0.6
    stamp = PlacedStamp(x, 0.0, width, height, tuple(lines), block.stamp.tilt, block.stamp.ink)
    return [stamp], height


def _shift(item: PlacedItem, dy: float) -> PlacedItem:
    return replace(item, y=item.y + dy)


def _item_texts(item: PlacedItem) -> list[str]:
    if isinstance(item, PlacedLine):
        return [item.text]
    if isinstance(item, PlacedStamp):
        return [line.text for line in item.lines]
    return []


def visual_lines(items: Sequence[PlacedItem], ts: Typesetter) -> list[str]:
    """The text lines of a row as a reader (or Tesseract) sees them.

    Lines of blocks that sit side by side are merged when their vertical centres are less
    than half a line apart; the merged parts are joined left to right by one space.

    Args:
        items: A row's placed items.
        ts: The typesetter of the layout.

    Returns:
        The row's lines, top to bottom.
    """
    entries: list[tuple[float, float, float, str]] = []
    for item in items:
        if isinstance(item, PlacedLine):
            height = ts.line_height(item.runs)
            entries.append((item.y + height / 2, height, item.x, item.text))
        elif isinstance(item, PlacedStamp):
            for line in item.lines:
                height = ts.line_height(line.runs)
                entries.append((item.y + line.y + height / 2, height, item.x + line.x, line.text))
    entries.sort()
    clusters: list[tuple[float, float, list[tuple[float, str]]]] = []
    for centre, height, x, text in entries:
        if clusters and abs(centre - clusters[-1][0]) <= 0.5 * min(height, clusters[-1][1]):
            clusters[-1][2].append((x, text))
        else:
            clusters.append((centre, height, [(x, text)]))
    return [" ".join(text for _, text in sorted(parts)) for _, _, parts in clusters]


def _row_items(row: Row, ts: Typesetter) -> tuple[list[PlacedItem], float]:
    """Lay out a row's blocks side by side at y = 0 (left to right)."""
    left = MARGIN_LEFT_MM * MM
    right_edge = left + TEXT_WIDTH_MM * MM
    placed: list[tuple[float, list[PlacedItem], float]] = []
    right_blocks = [b for b in row.blocks if b.anchor_right]
    limit = min((right_edge - _block_width(b, ts) for b in right_blocks), default=right_edge)
    for block in row.blocks:
        width = _block_width(block, ts)
        if block.anchor_right:
            x = right_edge - width
        else:
            x = left + block.x_mm * MM
            if right_blocks and x < limit:
                width = min(width, limit - 8 * MM - x)
        items, height = _layout_block(block, ts, x, width)
        placed.append((x, items, height))
    placed.sort(key=lambda p: p[0])
    items = [item for _, its, _ in placed for item in its]
    return items, max((h for _, _, h in placed), default=0.0)


def _bottom(spec: LetterSpec) -> float:
    return (CONTENT_BOTTOM_MM if spec.footer else PAGE_NUMBER_MM - 7.0) * MM


@functools.lru_cache(maxsize=32)
def layout_letter(spec: LetterSpec) -> tuple[PageLayout, ...]:
    """Lay a letter out on A4 pages (at LAYOUT_DPI).

    Rows are placed top to bottom; a paragraph row that does not fit continues on the next
    page, any other row moves to the next page whole. Footer lines and, on multi-page
    letters, page numbers are added to every page.

    Args:
        spec: The letter.

    Returns:
        The pages.
    """
    ts = Typesetter(spec.layout)
    top, bottom = MARGIN_TOP_MM * MM, _bottom(spec)
    pages = [PageLayout()]
    y = top
    for row in compose(spec):
        items, height = _row_items(row, ts)
        texts = visual_lines(items, ts)
        space = row.space_before_mm * MM if pages[-1].items else 0.0
        if y + space + height <= bottom or not pages[-1].items:
            _put(pages[-1], items, y + space, texts)
            y += space + height
            continue
        if not row.splittable:
            pages.append(PageLayout())
            _put(pages[-1], items, top, texts)
            y = top + height
            continue
        y += space
        offset = y
        for item in items:
            assert isinstance(item, PlacedLine)
            h = ts.line_height(item.runs)
            if item.y + offset + h > bottom:
                pages.append(PageLayout())
                offset = top - item.y
            _put(pages[-1], [item], offset)
            y = item.y + offset + h
    _add_page_furniture(spec, pages, ts)
    return tuple(pages)


def _put(
    page: PageLayout, items: Sequence[PlacedItem], dy: float, texts: Sequence[str] | None = None
) -> None:
    for item in items:
        page.items.append(_shift(item, dy))
        if texts is None:
            page.lines.extend(_item_texts(item))
    if texts is not None:
        page.lines.extend(texts)


def _add_page_furniture(spec: LetterSpec, pages: list[PageLayout], ts: Typesetter) -> None:
    left, width = MARGIN_LEFT_MM * MM, TEXT_WIDTH_MM * MM
    for number, page in enumerate(pages, start=1):
        y = FOOTER_TOP_MM * MM
        if spec.footer and spec.layout.footer_rule:
            page.items.append(PlacedRule(left, y - 2.0 * MM, width))
        for text in spec.footer:
            runs = ((text, "small"),)
            _put(page, [PlacedLine(left, y, width, "center", runs)], 0.0)
            y += ts.line_height(runs)
        if len(pages) > 1 and spec.layout.page_numbers:
            text = spec.layout.page_numbers.format(i=number, n=len(pages))
            line = PlacedLine(left, PAGE_NUMBER_MM * MM, width, "center", ((text, "small"),))
            _put(page, [line], 0.0)


def page_texts(spec: LetterSpec) -> list[list[str]]:
    """The printed lines of every page, in reading order.

    Args:
        spec: The letter.

    Returns:
        One list of lines per page.
    """
    return [list(page.lines) for page in layout_letter(spec)]


def gt_text(spec: LetterSpec) -> str:
    """The printed text: lines joined by newlines, pages separated by a form feed.

    Args:
        spec: The letter.

    Returns:
        Every page's lines, each page ending in a newline, pages joined by a form feed.
    """
    return "\f".join("\n".join(lines) + "\n" for lines in page_texts(spec))


# --------------------------------------------------------------------------------------
# Rendering
# --------------------------------------------------------------------------------------


def a4_size(dpi: float) -> tuple[int, int]:
    """A4 page size in pixels at a resolution (2480 x 3508 at 300 dpi)."""
    return round(A4_MM[0] / 25.4 * dpi), round(A4_MM[1] / 25.4 * dpi)


def _ink(mode: str, grey: int, colour: tuple[int, int, int] | None = None) -> int | tuple:
    if mode == "RGB":
        return colour or (grey, grey, grey + 5)
    return grey


def _draw_line(
    draw: ImageDraw.ImageDraw, line: PlacedLine, ts: Typesetter, scale: float, ink: object
) -> None:
    x0, width = line.x * scale, line.width * scale
    baseline = (line.y + BASELINE * max(ts.size(r) / scale for _, r in line.runs)) * scale
    words = line.runs[0][0].split(" ") if len(line.runs) == 1 else []
    if line.justify and len(words) > 1:
        font = ts.font(line.runs[0][1])
        natural = sum(font.getlength(w) for w in words)
        gap = (width - natural) / (len(words) - 1)
        if gap <= MAX_JUSTIFY_STRETCH * font.getlength(" "):
            x = x0
            for word in words:
                draw.text((x, baseline), word, font=font, fill=ink, anchor="ls")
                x += font.getlength(word) + gap
            return
    total = ts.width(line.runs)
    x = {"left": x0, "right": x0 + width - total, "center": x0 + (width - total) / 2}.get(
        line.align, x0
    )
    for text, role in line.runs:
        font = ts.font(role)
        draw.text((x, baseline), text, font=font, fill=ink, anchor="ls")
        x += font.getlength(text)


def _draw_stamp(page: Image.Image, stamp: PlacedStamp, ts: Typesetter, scale: float) -> None:
    w, h = max(1, round(stamp.width * scale)), max(1, round(stamp.height * scale))
    white = _ink(page.mode, PAPER_WHITE, (255, 255, 255))
    ink = _ink(page.mode, STAMP_INK_GREY, STAMP_INKS.get(stamp.ink))
    layer = Image.new(page.mode, (w, h), white)  # type: ignore[arg-type]
    draw = ImageDraw.Draw(layer)
    border = max(1, round(0.35 * ts.dpi / 25.4))
    draw.rounded_rectangle((0, 0, w - 1, h - 1), radius=border * 3, outline=ink, width=border)
    for line in stamp.lines:
        _draw_line(draw, line, ts, scale, ink)
    layer = layer.rotate(
        stamp.tilt, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=white
    )  # type: ignore[arg-type]
    cx, cy = (stamp.x + stamp.width / 2) * scale, (stamp.y + stamp.height / 2) * scale
    left, top = round(cx - layer.width / 2), round(cy - layer.height / 2)
    box = (
        max(0, left),
        max(0, top),
        min(page.width, left + layer.width),
        min(page.height, top + layer.height),
    )
    crop = layer.crop((box[0] - left, box[1] - top, box[2] - left, box[3] - top))
    page.paste(ImageChops.darker(page.crop(box), crop), box[:2])


def render_letter(
    spec: LetterSpec, *, dpi: int = DEFAULT_DPI, color: bool = False
) -> list[Image.Image]:
    """Render a letter's pages as clean images (white paper, black text).

    Args:
        spec: The letter.
        dpi: Output resolution; an A4 page is 2480 x 3508 pixels at 300 dpi.
        color: Render in RGB (registry stamps in colour) instead of greyscale.

    Returns:
        One image per page (mode "L" or "RGB"); its text is ``page_texts(spec)``.
    """
    mode = "RGB" if color else "L"
    scale = dpi / LAYOUT_DPI
    ts = Typesetter(spec.layout, dpi)
    text_ink = _ink(mode, TEXT_INK, (TEXT_INK, TEXT_INK, TEXT_INK + 8))
    images = []
    for page in layout_letter(spec):
        image = Image.new(mode, a4_size(dpi), _ink(mode, PAPER_WHITE, (255, 255, 255)))  # type: ignore[arg-type]
        draw = ImageDraw.Draw(image)
        for item in page.items:
            if isinstance(item, PlacedLine):
                _draw_line(draw, item, ts, scale, text_ink)
            elif isinstance(item, PlacedRule):
                y = item.y * scale
                thick = max(1, round(0.3 * dpi / 25.4))
                draw.line(
                    (item.x * scale, y, (item.x + item.width) * scale, y),
                    fill=text_ink,
                    width=thick,
                )
        for item in page.items:
            if isinstance(item, PlacedStamp):
                _draw_stamp(image, item, ts, scale)
        images.append(image)
    return images


# --------------------------------------------------------------------------------------
# Scan simulation
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScanProfile:
    """How a letter is "scanned": resolution and degradations, applied in this order.

    Paper tone and uneven lighting, skew, blur, noise, salt-and-pepper, binarisation,
    rotation; JPEG artefacts come from the JPEG encoding of the output (or a JPEG round trip
    for other formats).

    Attributes:
        dpi: Rendering resolution.
        color: Render in RGB (coloured stamp ink, tinted paper).
        paper: Paper grey level (e.g. 232), None for white.
        illumination: Strength of uneven lighting, 0 (none) to ~0.35.
        skew: Degrees the page content is turned clockwise (a crooked sheet).
        blur: Gaussian blur radius in pixels at 300 dpi.
        noise: Gaussian noise sigma (grey levels).
        salt_pepper: Fraction of pixels turned black or white.
        binarize: Threshold for a 1-bit (fax-like) image, or None.
        rotation: 0, 90, 180 or 270: degrees the page content is turned clockwise.
        jpeg_quality: JPEG quality (30-95) of the output or of a round trip, or None.
        write_dpi: Write the resolution into the file.
    """

    dpi: int = DEFAULT_DPI
    color: bool = False
    paper: int | None = None
    illumination: float = 0.0
    skew: float = 0.0
    blur: float = 0.0
    noise: float = 0.0
    salt_pepper: float = 0.0
    binarize: int | None = None
    rotation: int = 0
    jpeg_quality: int | None = None
    write_dpi: bool = True

    def degradations(self) -> list[dict[str, object]]:
        """The applied degradations, for the manifest (empty for a clean 300-dpi scan)."""
        out: list[dict[str, object]] = []
        if self.dpi < DEFAULT_DPI:
            out.append({"type": "low_dpi", "dpi": self.dpi})
        if self.paper is not None:
            out.append({"type": "grey_background", "level": self.paper})
        if self.illumination:
            out.append({"type": "uneven_lighting", "strength": self.illumination})
        if self.skew:
            out.append({"type": "skew", "degrees_clockwise": self.skew})
        if self.blur:
            out.append({"type": "blur", "radius_px_at_300dpi": self.blur})
        if self.noise:
            out.append({"type": "gaussian_noise", "sigma": self.noise})
        if self.salt_pepper:
            out.append({"type": "salt_and_pepper", "fraction": self.salt_pepper})
        if self.binarize is not None:
            out.append({"type": "binarize", "threshold": self.binarize})
        if self.rotation:
            out.append({"type": "rotation", "degrees_clockwise": self.rotation})
        if self.jpeg_quality is not None:
            out.append({"type": "jpeg", "quality": self.jpeg_quality})
        if not self.write_dpi:
            out.append({"type": "no_dpi_metadata"})
        return out


TRANSPOSE_CLOCKWISE = {
    90: Image.Transpose.ROTATE_270,
    180: Image.Transpose.ROTATE_180,
    270: Image.Transpose.ROTATE_90,
}


def _paper(image: Image.Image, profile: ScanProfile, rng: np.random.Generator) -> Image.Image:
    """Tint the paper and add uneven lighting (multiplicative, text stays dark)."""
    if profile.paper is None and not profile.illumination:
        return image
    arr = np.asarray(image, dtype=np.float32)
    h, w = arr.shape[:2]
    level = (profile.paper if profile.paper is not None else 255) / 255.0
    field_ = np.full((h, w), level, dtype=np.float32)
    if profile.illumination:
        yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
        ax, ay = rng.uniform(-1, 1, size=2)
        cx, cy = rng.uniform(0.2, 0.8) * w, rng.uniform(0.2, 0.8) * h
        ramp = (ax * (xx / w - 0.5) + ay * (yy / h - 0.5)) / 2 + 0.5
        vignette = ((xx - cx) / w) ** 2 + ((yy - cy) / h) ** 2
        field_ *= 1.0 - profile.illumination * np.clip(0.6 * ramp + 0.8 * vignette, 0, 1)
    if arr.ndim == 3:
        tint = np.array([1.0, 0.985, 0.94], dtype=np.float32)  # slightly yellow paper
        arr = arr * field_[..., None] * tint
    else:
        arr = arr * field_
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), image.mode)


def _noise(image: Image.Image, profile: ScanProfile, rng: np.random.Generator) -> Image.Image:
    if not profile.noise and not profile.salt_pepper:
        return image
    arr = np.asarray(image, dtype=np.float32)
    if profile.noise:
        arr = (
            arr
            + rng.normal(0.0, profile.noise, size=arr.shape[:2])[
                (...,) + ((None,) if arr.ndim == 3 else ())
            ]
        )
    if profile.salt_pepper:
        mask = rng.random(arr.shape[:2])
        arr[mask < profile.salt_pepper / 2] = 0
        arr[mask > 1 - profile.salt_pepper / 2] = 255
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), image.mode)


def degrade(image: Image.Image, profile: ScanProfile, rng: np.random.Generator) -> Image.Image:
    """Apply a scan profile to one clean page image.

    Args:
        image: A page from render_letter at profile.dpi.
        profile: The degradations.
        rng: Random source for lighting and noise.

    Returns:
        The "scanned" page (mode "1" when binarised).
    """
    out = _paper(image, profile, rng)
    if profile.skew:
        white = 255 if out.mode == "L" else (255, 255, 255)
        out = out.rotate(-profile.skew, resample=Image.Resampling.BICUBIC, fillcolor=white)
    if profile.blur:
        out = out.filter(ImageFilter.GaussianBlur(profile.blur * profile.dpi / DEFAULT_DPI))
    out = _noise(out, profile, rng)
    if profile.binarize is not None:
        table = [0 if v < profile.binarize else 255 for v in range(256)]
        out = out.convert("L").point(table, "1")
    if profile.rotation:
        out = out.transpose(TRANSPOSE_CLOCKWISE[profile.rotation])
    return out


def jpeg_round_trip(image: Image.Image, quality: int) -> Image.Image:
    """Encode and decode as JPEG to add block artefacts."""
    buffer = io.BytesIO()
    image.convert("RGB" if image.mode == "RGB" else "L").save(buffer, "JPEG", quality=quality)
    buffer.seek(0)
    with Image.open(buffer) as decoded:
        return decoded.copy()


# --------------------------------------------------------------------------------------
# Writing files (atomically: temporary name in the same folder, then rename)
# --------------------------------------------------------------------------------------

FORMATS = {"png": "PNG", "jpg": "JPEG", "tif": "TIFF", "pdf": "PDF"}
MULTIPAGE_FORMATS = ("pdf", "tif")
PDF_JPEG_QUALITY = 80
MAX_PARAGRAPHS = 60


def atomic_write(path: Path, write: Callable[[Path], None]) -> None:
    """Write a file under a temporary name, then rename it into place.

    Args:
        path: The final path.
        write: Writes the content to the path it is given.
    """
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        write(tmp)
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)


def write_text(path: Path, text: str) -> None:
    """Write UTF-8 text atomically (newlines as given)."""
    atomic_write(path, lambda p: p.write_bytes(text.encode("utf-8")))


def write_json(path: Path, data: object) -> None:
    """Write pretty UTF-8 JSON atomically."""
    write_text(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def write_scan(
    path: Path,
    pages: Sequence[Image.Image],
    *,
    fmt: str,
    dpi: int | None,
    jpeg_quality: int | None = None,
    title: str = "",
    created: time.struct_time | None = None,
) -> None:
    """Write page images as a scan file.

    Args:
        path: Output path.
        pages: Page images; several only for "pdf" and "tif".
        fmt: "png", "jpg", "tif" or "pdf".
        dpi: Resolution written into the file, or None to write none (not for PDF).
        jpeg_quality: JPEG quality for "jpg" (and the JPEG-coded pages of a PDF).
        title: PDF document title.
        created: PDF creation date (fixed, so that regenerating gives the same bytes).

    Raises:
        ValueError: For several pages in a single-page format, or a PDF without dpi.
    """
    if len(pages) > 1 and fmt not in MULTIPAGE_FORMATS:
        raise ValueError(f"{fmt} holds one page, got {len(pages)}")
    first, rest = pages[0], list(pages[1:])
    params: dict[str, object] = {"format": FORMATS[fmt]}
    if dpi is not None:
        params["dpi"] = (dpi, dpi)
    if fmt == "png":
        params["optimize"] = True
    elif fmt == "jpg":
        first = first.convert("RGB" if first.mode == "RGB" else "L")
        params.update(quality=jpeg_quality or 85, optimize=True)
    elif fmt == "tif":
        params["compression"] = "group4" if first.mode == "1" else "tiff_deflate"
        params.update(save_all=True, append_images=rest)
    elif fmt == "pdf":
        if dpi is None:
            raise ValueError("a PDF needs a resolution")
        params.pop("dpi")
        stamp = created or time.struct_time((2020, 1, 1, 0, 0, 0, 2, 1, 0))
        params.update(
            save_all=True,
            append_images=rest,
            resolution=float(dpi),
            title=title,
            creationDate=stamp,
            modDate=stamp,
        )
        if first.mode != "1":  # bilevel pages go in as CCITT G4, which takes no quality
            params["quality"] = jpeg_quality or PDF_JPEG_QUALITY
    atomic_write(path, lambda p: first.save(p, **params))  # type: ignore[arg-type]


def count_pdf_pages(data: bytes) -> int:
    """Count the page objects of a simple PDF (as Pillow writes them)."""
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", data))


# --------------------------------------------------------------------------------------
# Samples: one letter -> scan + truth + printed text + manifest entry
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SampleDef:
    """One sample of a set.

    Attributes:
        id: File stem.
        seed: Seed of the letter and its degradations.
        fmt: "png", "jpg", "tif" or "pdf".
        profile: The scan profile.
        options: Constraints for random_letter.
        pages: Wanted page count (the body is lengthened or shortened to fit).
        description: One line for the manifest.
        source: "random" or "seed" (the founding letter).
    """

    id: str
    seed: int
    fmt: str
    profile: ScanProfile
    options: LetterOptions = field(default_factory=LetterOptions)
    pages: int = 1
    description: str = ""
    source: str = "random"


def letter_with_pages(seed: int, options: LetterOptions, pages: int) -> LetterSpec:
    """A random letter whose body is as long as needed for a page count.

    With ``options.paragraphs`` set and fitting, that count is kept. Otherwise, among the
    paragraph counts that give exactly ``pages`` pages, the middle one is taken, so that on
    a multi-page letter the body runs on to the last page (not just the signature).

    Args:
        seed: Seed of the letter.
        options: Constraints (``paragraphs`` is a preference).
        pages: Wanted number of pages.

    Returns:
        The letter (the closest page count it gets, with a warning, if none fits exactly).
    """

    def build(count: int) -> LetterSpec:
        return random_letter(random.Random(seed), replace(options, paragraphs=count))

    if options.paragraphs is not None:
        spec = build(options.paragraphs)
        if len(layout_letter(spec)) == pages:
            return spec
    fitting: list[LetterSpec] = []
    closest: LetterSpec | None = None
    for count in range(0, MAX_PARAGRAPHS + 1):
        spec = build(count)
        got = len(layout_letter(spec))
        if got > pages:
            break
        closest = spec
        if got == pages:
            fitting.append(spec)
    if fitting:
        return fitting[len(fitting) // 2]
    log.warning("seed %d: could not fit exactly %d pages", seed, pages)
    return closest or build(0)


def make_sample(
    spec: LetterSpec, sample: SampleDef, out: Path, truth: dict[str, object] | None = None
) -> dict[str, object]:
    """Render, degrade and write one sample with its truth and printed text.

    Args:
        spec: The letter.
        sample: Sample definition (id, format, profile).
        out: Output folder.
        truth: The truth to write instead of expected_truth(spec) (for the founding letter).

    Returns:
        The manifest entry.
    """
    profile = sample.profile
    rng = np.random.default_rng(sample.seed)
    pages = [
        degrade(p, profile, rng) for p in render_letter(spec, dpi=profile.dpi, color=profile.color)
    ]
    if profile.jpeg_quality is not None and sample.fmt != "jpg":
        pages = [jpeg_round_trip(p, profile.jpeg_quality) for p in pages]
    dpi = profile.dpi if profile.write_dpi or sample.fmt == "pdf" else None
    created = None
    if spec.letter_date and len(spec.letter_date) == 10:
        created = time.strptime(spec.letter_date, "%Y-%m-%d")
    files = _write_pages(out, sample, pages, dpi, created)
    write_json(out / f"{sample.id}.expected.json", truth or expected_truth(spec))
    write_text(out / f"{sample.id}.gt.txt", gt_text(spec))
    clean = not profile.degradations() and profile.dpi == DEFAULT_DPI
    return {
        "id": sample.id,
        "file": files[0],
        "files": files,
        "format": {"png": "png", "jpg": "jpeg", "tif": "tiff", "pdf": "pdf"}[sample.fmt],
        "pages": len(pages),
        "dpi": dpi,
        "render_dpi": profile.dpi,
        "size": list(pages[0].size),
        "mode": pages[0].mode,
        "rotation": profile.rotation,
        "skew": profile.skew,
        "degradations": profile.degradations(),
        "clean_300dpi": clean and sample.fmt in ("png", "tif"),
        "expected": f"{sample.id}.expected.json",
        "gt": f"{sample.id}.gt.txt",
        "description": sample.description,
    }


def _write_pages(
    out: Path,
    sample: SampleDef,
    pages: list[Image.Image],
    dpi: int | None,
    created: time.struct_time | None,
) -> list[str]:
    quality = sample.profile.jpeg_quality
    if len(pages) == 1 or sample.fmt in MULTIPAGE_FORMATS:
        name = f"{sample.id}.{sample.fmt}"
        write_scan(
            out / name,
            pages,
            fmt=sample.fmt,
            dpi=dpi,
            jpeg_quality=quality,
            title=sample.id,
            created=created,
        )
        return [name]
    names = []
    for number, page in enumerate(pages, start=1):  # single-page format: one file per page
        name = f"{sample.id}.p{number}.{sample.fmt}"
        write_scan(out / name, [page], fmt=sample.fmt, dpi=dpi, jpeg_quality=quality)
        names.append(name)
    return names


MANIFEST_CONVENTIONS = {
    "rotation": "degrees (0/90/180/270) the page content was turned clockwise; "
    "turn the image counter-clockwise by this much to read it",
    "skew": "degrees the page content was turned clockwise before rotation (negative: "
    "counter-clockwise)",
    "dpi": "resolution written into the file; null when deliberately omitted",
    "render_dpi": "resolution the page was rendered at (A4: 2480x3508 px at 300 dpi)",
    "gt": "printed text, one visual line per line, top to bottom; lines of blocks side by "
    "side (e.g. letterhead and date) whose centres are within half a line are one line, "
    "joined left to right by a space; registry stamps included; footer and page number "
    "last; pages separated by a form feed",
    "clean_300dpi": "rendered at 300 dpi, no degradation, lossless format: the samples for "
    "the <= 1 % character error rate target",
}


def write_manifest(out: Path, entries: list[dict[str, object]], command: str) -> None:
    """Write ``manifest.json`` for a set of samples."""
    write_json(out / "manifest.json", {
        "generator": "samples/generate.py",
        "command": command,
        "conventions": MANIFEST_CONVENTIONS,
        "samples": entries,
    })  # fmt: skip


# --------------------------------------------------------------------------------------
# The committed standard set
# --------------------------------------------------------------------------------------

CLEAN = ScanProfile()
STANDARD_SAMPLES: tuple[SampleDef, ...] = (
    SampleDef(
        "s01_seed_krakow", 0, "png", CLEAN, source="seed",
        description="The founding letter (a city mayor's reply to a councillor), rendered "
        "clean from ../shared/seed; date-stamp date, unlabelled reference, 'Otrzymują:' "
        "ending in 'a/a'.",
    ),
    SampleDef(
        "s02_burmistrz_stamp_date", 102, "png", CLEAN,
        LetterOptions(topic="interpelacja", office_kind="burmistrz", addressee_kind="official",
                      letter_date=dt.date(2019, 3, 14), date_style="stamp",
                      date_position="header_right", distribution_label="Otrzymują:",
                      signature_kind="organ", stamp_position="", paragraphs=3, font_pt=12.0,
                      font_family="liberation-serif"),
        description="Burmistrz answers a councillor's interpelacja; date-stamp date "
        "'2019 -03- 14'; 'Otrzymują:' list.",
    ),
    SampleDef(
        "s03_drogi_zup_paragraph_email", 103, "png", CLEAN,
        LetterOptions(topic="drogi", office_kind="burmistrz", signature_kind="zup",
                      date_position="beside_reference", distribution_label="Do wiadomości:",
                      paragraph_sign_and_email=True, stamp_position="", paragraphs=2,
                      font_pt=12.0, font_family="liberation-sans"),
        description="Road-lane occupation terms; 'z up.' signature; 'Do wiadomości:' list; "
        "contains '§ 5 ust. 2' and an e-mail address.",
    ),
    SampleDef(
        "s04_starosta_registry_stamp", 104, "png", CLEAN,
        LetterOptions(topic="informacja", office_kind="starosta", addressee_kind="organization",
                      stamp_position="mid", signature_kind="deputy",
                      paragraphs=3, font_pt=12.0, font_family="dejavu-serif"),
        description="Starosta's answer to an NGO's information request; boxed registry "
        "stamp 'WPŁYNĘŁO' in its own band (its date is in the truth).",
    ),
    SampleDef(
        "s05_skarga_rotated90", 105, "png", ScanProfile(rotation=90),
        LetterOptions(topic="skarga", addressee_kind="szanowna", date_position="end",
                      paragraphs=2, font_pt=12.0),
        description="Complaint answer to 'Szanowna Pani/Szanowny Pan', date at the end; page "
        "turned 90° clockwise (scanned sideways).",
    ),
    SampleDef(
        "s06_wojt_podatek_rotated180", 106, "tif",
        ScanProfile(dpi=200, paper=232, illumination=0.12, rotation=180),
        LetterOptions(topic="podatek", office_kind="wojt", paragraphs=2, font_pt=11.5),
        description="Wójt's tax-arrears letter to a private person; greyish paper, "
        "200 dpi single-page TIFF (deflate), upside down.",
    ),
    SampleDef(
        "s07_starosta_skewed", 107, "png", ScanProfile(skew=2.5),
        LetterOptions(topic="interpelacja", office_kind="starosta",
                      stamp_position="beside_addressee", paragraphs=2),
        description="Starosta answers a county councillor; registry stamp beside the "
        "addressee; page "
        "skewed 2.5° clockwise.",
    ),
    SampleDef(
        "s08_prezydent_noisy_blurred", 108, "jpg",
        ScanProfile(noise=14.0, blur=1.3, jpeg_quality=40),
        LetterOptions(topic="planowanie", office_kind="prezydent", addressee_kind="private",
                      paragraphs=2),
        description="Prezydent's notice of administrative proceedings; gaussian noise, blur, "
        "JPEG quality 40.",
    ),
    SampleDef(
        "s09_zarzad_drog_150dpi", 109, "png", ScanProfile(dpi=150),
        LetterOptions(topic="informacja", office_kind="drogi", paragraphs=2),
        description="Road authority's answer to an information request; rendered at "
        "150 dpi.",
    ),
    SampleDef(
        "s10_two_page_fax_tiff", 110, "tif",
        ScanProfile(binarize=150, salt_pepper=0.0008, skew=-0.6),
        LetterOptions(topic="drogi", office_kind="prezydent", addressee_kind="person_at_org",
                      distribution_label="Otrzymują:"),
        pages=2,
        description="Two-page letter, binarised 1-bit like a fax (TIFF group 4) with specks "
        "and a slight skew; distribution list on page 2.",
    ),
    SampleDef(
        "s11_two_page_pdf_rozdzielnik", 111, "pdf", ScanProfile(dpi=200, paper=240),
        LetterOptions(topic="planowanie", office_kind="burmistrz",
                      addressee_kind="per_distribution", signature_kind="zup",
                      font_pt=11.0),
        pages=2,
        description="Two-page image-only PDF (200 dpi, JPEG-coded pages), 'Według "
        "rozdzielnika' notice to the parties, 'z up.' signature.",
    ),
    SampleDef(
        "s12_phone_photo_no_dpi", 112, "jpg",
        ScanProfile(dpi=200, color=True, paper=236, illumination=0.3, skew=-1.4, blur=0.9,
                    noise=5.0, jpeg_quality=70, write_dpi=False),
        LetterOptions(topic="skarga", office_kind="burmistrz", stamp_position="top_right",
                      paragraphs=2),
        description="Colour 'phone photo': tinted paper, uneven light, skew, blur, coloured "
        "registry stamp, JPEG without DPI metadata.",
    ),
    SampleDef(
        "s13_fax_100dpi", 113, "tif", ScanProfile(dpi=100, binarize=165, skew=0.8),
        LetterOptions(topic="podatek", office_kind="burmistrz", paragraphs=2,
                      reference_labelled=True, their_reference=True),
        description="Low-resolution fax: 100 dpi, 1-bit, slight skew (TIFF group 4).",
    ),
)  # fmt: skip


def generate_standard(
    out: Path, *, seed_paths: tuple[Path, Path] | None, only: Sequence[str] = ()
) -> list[dict[str, object]]:
    """Write the committed sample set.

    Args:
        out: Output folder.
        seed_paths: (transcription, truth) of the founding letter, or None to skip it.
        only: Sample ids to write (default all); the manifest lists only those written.

    Returns:
        The manifest entries.
    """
    out.mkdir(parents=True, exist_ok=True)
    entries = []
    for sample in STANDARD_SAMPLES:
        if only and sample.id not in only:
            continue
        truth = None
        if sample.source == "seed":
            if seed_paths is None:
                log.warning("founding letter not found (../shared/seed): skipping %s", sample.id)
                continue
            truth = json.loads(seed_paths[1].read_text(encoding="utf-8"))
            spec = seed_letter(seed_paths[0].read_text(encoding="utf-8"), truth)
            truth = {key: truth.get(key) for key in TRUTH_KEYS}
        else:
            spec = letter_with_pages(sample.seed, sample.options, sample.pages)
        entries.append(make_sample(spec, sample, out, truth))
        log.info("wrote %s (%d page(s))", sample.id, entries[-1]["pages"])
    write_manifest(out, entries, "python samples/generate.py standard --out samples")
    return entries


# --------------------------------------------------------------------------------------
# Random corpus
# --------------------------------------------------------------------------------------


def random_profile(rng: random.Random, *, dpi: int | None = None) -> ScanProfile:
    """Draw a scan profile for a benchmark corpus (a third clean, the rest degraded).

    Args:
        rng: Random source.
        dpi: Fixed rendering resolution, or None to draw 300/200/150.

    Returns:
        The profile.
    """
    render_dpi = dpi or rng.choice((300, 300, 300, 200, 150))
    kind = rng.choices(("clean", "skew", "rotate", "noisy", "fax"), (35, 30, 10, 15, 10))[0]
    if kind == "clean":
        return ScanProfile(dpi=render_dpi)
    if kind == "skew":
        angle = round(rng.uniform(0.5, 4.0) * rng.choice((-1, 1)), 2)
        return ScanProfile(dpi=render_dpi, skew=angle, paper=rng.choice((None, 238)))
    if kind == "rotate":
        return ScanProfile(
            dpi=render_dpi,
            rotation=rng.choice((90, 180, 270)),
            skew=round(rng.uniform(-1.0, 1.0), 2),
        )
    if kind == "noisy":
        return ScanProfile(
            dpi=render_dpi,
            noise=round(rng.uniform(4, 14), 1),
            blur=round(rng.uniform(0.5, 1.3), 2),
            jpeg_quality=rng.randint(30, 60),
            paper=rng.choice((None, 232)),
        )
    return ScanProfile(
        dpi=render_dpi,
        binarize=rng.randint(140, 170),
        salt_pepper=rng.choice((0.0, 0.0005)),
        skew=round(rng.uniform(-1.5, 1.5), 2),
    )


def _corpus_format(rng: random.Random, formats: Sequence[str], *, pages: int, noisy: bool) -> str:
    """Pick a format: a multi-page one for several pages, a lossy one for noisy pages.

    Gaussian noise does not compress losslessly (a noisy 300-dpi TIFF page is ~5 MB), so
    noisy pages go to JPEG or PDF (JPEG-coded pages) when those are among ``formats``.
    """
    choices = list(formats)
    if pages > 1:
        choices = [f for f in choices if f in MULTIPAGE_FORMATS] or choices
    if noisy:
        choices = [f for f in choices if f in ("jpg", "pdf")] or choices
        if pages > 1:
            choices = [f for f in choices if f in MULTIPAGE_FORMATS] or choices
    return rng.choice(choices)


def generate_corpus(
    out: Path,
    *,
    count: int,
    seed: int,
    pages_min: int = 1,
    pages_max: int = 3,
    formats: Sequence[str] = ("pdf", "tif", "png", "jpg"),
    dpi: int | None = None,
    clean: bool = False,
) -> list[dict[str, object]]:
    """Write a random corpus of letters with their truth, printed text and manifest.

    A multi-page letter drawn in a single-page format goes into a multi-page format from
    ``formats`` when there is one, else into one file per page (``<id>.p1.png``, ...).

    Args:
        out: Output folder.
        count: Number of letters.
        seed: Corpus seed.
        pages_min: Fewest pages per letter.
        pages_max: Most pages per letter.
        formats: Formats to draw from.
        dpi: Fixed rendering dpi, or None to vary it.
        clean: No degradations at all.

    Returns:
        The manifest entries.
    """
    out.mkdir(parents=True, exist_ok=True)
    master = random.Random(seed)
    entries = []
    for index in range(1, count + 1):
        letter_seed = master.randrange(2**31)
        rng = random.Random(letter_seed)
        pages = rng.randint(pages_min, pages_max)
        profile = ScanProfile(dpi=dpi or DEFAULT_DPI) if clean else random_profile(rng, dpi=dpi)
        fmt = _corpus_format(rng, formats, pages=pages, noisy=bool(profile.noise))
        if profile.jpeg_quality is None and fmt == "jpg":
            profile = replace(profile, jpeg_quality=rng.randint(75, 92))
        spec = letter_with_pages(letter_seed, LetterOptions(), pages)
        sample = SampleDef(
            f"c{index:04d}",
            letter_seed,
            fmt,
            profile,
            pages=pages,
            description=f"random letter (seed {letter_seed})",
        )
        entries.append(make_sample(spec, sample, out))
    write_manifest(
        out, entries, f"python samples/generate.py corpus --out {out} --count {count} --seed {seed}"
    )
    return entries


# --------------------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------------------


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="log every sample")
    sub = parser.add_subparsers(dest="command", required=True)
    std = sub.add_parser("standard", help="write the committed sample set")
    std.add_argument("--out", type=Path, default=Path(__file__).resolve().parent)
    std.add_argument("--seed-letter", type=Path, help="transcription of the founding letter")
    std.add_argument("--seed-truth", type=Path, help="truth of the founding letter")
    std.add_argument("--only", default="", help="comma-separated sample ids")
    corpus = sub.add_parser("corpus", help="write a random corpus")
    corpus.add_argument("--out", type=Path, required=True)
    corpus.add_argument("--count", type=int, required=True)
    corpus.add_argument("--seed", type=int, default=0)
    corpus.add_argument("--pages-min", type=int, default=1)
    corpus.add_argument("--pages-max", type=int, default=3)
    corpus.add_argument("--formats", default="pdf,tif,png,jpg")
    corpus.add_argument("--dpi", type=int, help="fixed rendering dpi (default: varied)")
    corpus.add_argument("--clean", action="store_true", help="no degradations")
    return parser


def _seed_paths(args: argparse.Namespace) -> tuple[Path, Path] | None:
    if args.seed_letter is None and args.seed_truth is None:
        return find_seed()
    found = find_seed()
    text = args.seed_letter or (found[0] if found else None)
    truth = args.seed_truth or (found[1] if found else None)
    if text is None or truth is None or not text.is_file() or not truth.is_file():
        return None
    return text, truth


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line.

    Args:
        argv: Arguments (default: sys.argv[1:]).

    Returns:
        0 on success, 1 on a usage error, 3 when no font is installed.
    """
    args = _parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s %(message)s",
        stream=sys.stderr,
    )
    try:
        if args.command == "standard":
            only = [s for s in args.only.split(",") if s]
            entries = generate_standard(args.out, seed_paths=_seed_paths(args), only=only)
        else:
            formats = [
                f.strip().lower().replace("tiff", "tif").replace("jpeg", "jpg")
                for f in args.formats.split(",")
                if f.strip()
            ]
            unknown = [f for f in formats if f not in FORMATS]
            if unknown or not formats or not 1 <= args.pages_min <= args.pages_max:
                print(f"error: bad --formats {unknown} or --pages-min/--pages-max", file=sys.stderr)
                return 1
            entries = generate_corpus(
                args.out,
                count=args.count,
                seed=args.seed,
                pages_min=args.pages_min,
                pages_max=args.pages_max,
                formats=formats,
                dpi=args.dpi,
                clean=args.clean,
            )
    except FontNotFoundError as error:
        print(f"error: {error}", file=sys.stderr)
        return 3
    pages = sum(int(e["pages"]) for e in entries)  # type: ignore[call-overload]
    print(f"wrote {len(entries)} letters ({pages} pages) to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
