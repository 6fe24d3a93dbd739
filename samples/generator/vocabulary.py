"""Invented vocabulary: names, places, offices, laws and body templates.

Nothing here comes from the letters in ``../shared``; town and office names are real Polish
place names used as vocabulary.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .geometry import FONT_FAMILIES

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

# Body templates. Placeholders are filled by TemplateFiller (dates are recorded as they are filled,
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
