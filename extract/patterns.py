"""The Polish vocabulary of official letters, each cue compiled once.

These are conventions of Polish official correspondence (the instrukcja kancelaryjna and
office practice), never one office's wording: the openings of a letter's body, closing
formulas, honorifics, academic and service titles, the head words of positions and
offices, legal forms, address and contact lines, "z up." and e-signature captions,
distribution-list headings, registry stamps and page marks. Every stage that needs a cue
imports it from here; ``tests/test_extract_patterns.py`` tests each one.

Patterns that one stage alone uses (the shapes of reference numbers, of dates) stay with
that stage.
"""

from __future__ import annotations

import regex

# ---------------------------------------------------------------- the parts of a letter

# Openings of the body: the salutation, the usual first words of an answer, the subject
# line, the title of a decision.
BODY_START = regex.compile(
    r"^\s*(?:[-–•]\s*)?(?:szanown\w*\s+(?:panie|pa[ńn]stwo|panowie)\b|szanown\w*\b.*[,!]\s*$|dzie[ńn]\s+dobry|w\s+odpowiedzi|uprzejmie|dzia[łl]aj[ąa]c|"
    r"na\s+podstawie|zgodnie\s+z|w\s+nawi[ąa]zaniu|nawi[ąa]zuj[ąa]c|w\s+zwi[ąa]zku|informuj[ęe]|"
    r"przekazuj[ęe]|stosownie|odpowiadaj[ąa]c|w\s+za[łl][ąa]czeniu|rozpatruj[ąa]c|"
    r"dotyczy|sprawa\s*:|temat\s*:|dot\.|decyzja|postanowienie|zawiadomienie|"
    r"wezwanie|informacja\b|odpowied[źz]\s+na|interpelacja|ad\.?\s*1|ad\s+1|"
    r"pragn[ęe]|zwracam\s+si[ęe]|niniejszym|w\s+imieniu|witam)",
    regex.IGNORECASE,
)
# Closing formulas: the signature follows them.
CLOSING = regex.compile(
    r"^\s*(?:z[.,]?\s+powa[żz]aniem|z[.,]?\s+wyrazami\s+szacunku|wyrazy\s+szacunku|"
    r"[łl][ąa]cz[ęe]\s+(?:wyrazy|pozdrowienia)|z\s+pozdrowieniami|pozdrawiam|"
    r"z\s+uszanowaniem|z\s+serdecznymi|serdecznie\s+pozdrawiam)\b[\s,.!]*",
    regex.IGNORECASE,
)
# Lines after which a signature block cannot go on: the letter's tail.
TAIL = regex.compile(
    r"^\s*(?:otrzymuj[ąae]|otrzymali|do\s+wiadomo[śs]ci|d\s?/\s?w\b|dw\.|kopia\b|"
    r"rozdzielnik|spraw[ęe]\s+prowadzi|sporz[aą]dzi|sporz\.|opracowa[łl]|wykona[łl]|"
    r"za[łl][aą]cznik|za[łl]\.|klauzula|rodo\b|administratorem|informacja\s+o\s+przetwarz|"
    r"pouczenie|uzasadnienie|tel\.|tel\s*:|fax|e-mail|www\.|nip\b|regon)",
    regex.IGNORECASE,
)
# Page numbers and running footers: they interrupt a letter but do not end a part of it.
PAGE_MARK = regex.compile(
    r"^\s*(?:strona\s*\d+(?:\s*z\s*\d+)?|-\s*\d+\s*-|\d+\s*/\s*\d+|str\.\s*\d+)\s*$",
    regex.IGNORECASE,
)

# ---------------------------------------------------------------------- people and offices

# "Pan", "Pani", "Szanowny Pan", "Sz. P.", "WP", "Wielmożna Pani": they open the addressee
# block. The case of "Pan" tells the case of the name after it.
HONORIFIC = regex.compile(
    r"^\s*(?:Do\s+)?(?:(?:Sz\.?\s*P\.?|Szanown[ayi]|Wielmo[żz]n[ayi]|W\.?\s*P\.?|Sz\.?\s*Pan\w*)\s+)?"
    r"(?P<word>(?:Pan(?:u|a|i|owie)?|Pa[ńn]stw[ao]|Szanown[ayi]\s+Pa[ńn]stwo)\b|"
    r"(?:Sz\.?\s*P|W\.?\s*P)\.?(?=\s*$|\s+(?-i:\p{Lu}))|Sz[.,]\s*[BR.]\.?(?=\s*$))[.,]?\s*",
    regex.IGNORECASE,
)
# Academic degrees, professional and service titles that precede a name, never part of it.
TITLES = regex.compile(
    r"(?:(?:prof\.?|dr\.?|hab\.?|in[żz]\.?|mgr\.?|lic\.?|lek\.?|med\.?|wet\.?|n\.\s?med\.?|"
    r"adw\.?|r\.\s?pr\.?|radca\s+prawny|ks\.?|o\.|p[łl]k\.?|ppłk\.?|mjr\.?|kpt\.?|gen\.?|"
    r"bryg\.?|st\.\s?bryg\.?|nadkom\.?|insp\.?|m[łl]\.\s?insp\.?|asp\.?|sier[żz]\.?|"
    r"arch\.?|in[żz]ynier|magister|doktor|profesor)(?=[\s.]|$)\s*)+",
    regex.IGNORECASE,
)
# Head words of positions: "Dyrektor Wydziału ...", "Zastępca Prezydenta", "p.o. Kierownika".
POSITION_WORDS = (
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
POSITION = regex.compile(rf"^\s*(?:{POSITION_WORDS})\b", regex.IGNORECASE)
# The commonest position head words as whole words (nominative; genitive after "z up."):
# what a worn stamp's first word is repaired to (extract.stamps).
POSITION_HEADS = (
    "prezydent",
    "prezydenta",
    "burmistrz",
    "burmistrza",
    "wójt",
    "wójta",
    "starosta",
    "starosty",
    "marszałek",
    "marszałka",
    "wojewoda",
    "wojewody",
    "dyrektor",
    "zastępca",
    "kierownik",
    "naczelnik",
    "komendant",
    "komendanta",
    "inspektor",
    "sekretarz",
    "skarbnik",
    "prezes",
    "specjalista",
    "referent",
    "koordynator",
    "pełnomocnik",
    "rzecznik",
    "kanclerz",
    "rektor",
)
# ... and the other words a name stamp's position lines are made of: deputies' titles and
# the offices and units a position names (in the genitive), for the later words' repair.
POSITION_LINE_WORDS = (
    *POSITION_HEADS,
    "wiceprezydent",
    "wiceburmistrz",
    "wicestarosta",
    "dyrektora",
    "kierownika",
    "naczelnika",
    "zastępcy",
    "miasta",
    "gminy",
    "powiatu",
    "województwa",
    "urzędu",
    "wydziału",
    "referatu",
    "biura",
    "departamentu",
    *(  # noqa: SIM905 - seventy words read better as text than as a list
        # What an office's department is of, as a stamp's position line names it
        # ("Naczelnik Wydziału Inwestycji i Remontów"), in the genitive.
        "architektury budownictwa urbanistyki inwestycji remontów gospodarki komunalnej "
        "nieruchomości nieruchomościami mienia przestrzennej planowania geodezji "
        "kartografii katastru finansów finansowego budżetu podatków opłat księgowości "
        "spraw obywatelskich społecznych organizacyjnego organizacyjnych administracyjnego "
        "administracji kadr edukacji oświaty kultury sportu turystyki zdrowia ochrony "
        "środowiska rolnictwa leśnictwa dróg transportu komunikacji infrastruktury "
        "zamówień publicznych promocji rozwoju strategii funduszy europejskich "
        "zarządzania kryzysowego bezpieczeństwa ewidencji ludności rejestracji pojazdów "
        "działalności gospodarczej informatyki prawnego kontroli audytu mieszkaniowej "
        "lokalowej zieleni odpadami energetyki cywilnego obsługi ogólnego"
    ).split(),
)
# Head words of institutions (for organisations in blocks and for letterheads).
ORGANIZATION_WORDS = (
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
# Legal forms of companies: "Sp. z o.o.", "S.A." (at the end), "sp.j.", "sp.k.".
LEGAL_FORM = regex.compile(
    r"\b(?:sp\.\s?z\.?\s?[o0]\.\s?[o0]|s\.\s?a\.$|sp\.\s?j\.|sp\.\s?k\.)", regex.IGNORECASE
)
# "Sp. z o.o." as OCR reads it ("Sp. z 0.0.", "Sp.z o. o.", "Sp.z.0.0"): spelled right in
# the output.
SP_Z_OO = regex.compile(r"\bSp\.\s?z\.?\s?[o0]\.\s?[o0]\b\.?", regex.IGNORECASE)
ORGANIZATION = regex.compile(rf"^\s*(?:{ORGANIZATION_WORDS})\b|{LEGAL_FORM.pattern}", regex.I)
# One-person authorities whose title names the sender: "Prezydent Miasta ...", "Minister
# ...", not a deputy's or an official's title ("Zastępca", "Kierownik").
ORGAN = regex.compile(
    r"^\s*(?:prezydent|burmistrz|w[óo]jt|starost[ay]|marsza[łl]ek|wojewod[ay]|minister|"
    r"prezes|komendant|rektor|dyrektor\s+generaln\w*|rzecznik|g[łl][óo]wny\s+inspektor|"
    r"prokurator|kurator|przewodnicz[ąa]c\w*)\b(?=.*\s\S)",
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

# ------------------------------------------------------------------------ signatures

# "z up." / "z upoważnienia" / "w imieniu" (and OCR's "Z, up."), then the organ, as printed.
# "up." alone before a capital is "z up." whose small "z" a worn stamp or OCR lost.
ON_BEHALF = regex.compile(
    # A worn stamp's "upoważnienia" with two letters misread ("upawaćnienia") still counts,
    # and so does a "z" OCR read twice ("Zz upoważnienia").
    r"^\s*(?:zz?\s+(?:upowa[żz]nienia){s<=2}\b|z[.,]?\s*up(?:\.|\b)|w\s+imieniu|up\.(?=\s*\p{Lu}))"
    r"\s*:?\s*(?P<organ>.*)$",
    regex.IGNORECASE,
)
# "Wojewoda Opolski z up. Jan Nowak": the organ first, on the same line.
ORGAN_THEN_ON_BEHALF = regex.compile(
    r"^\s*(?P<organ>(?-i:\p{Lu}).*?)\s+(?:z\s+upowa[żz]nienia|z[.,]?\s*up\.?)\s+"
    r"(?P<rest>(?-i:\p{Lu}).*)$",
    regex.IGNORECASE,
)
# "Dokument podpisany przez Jan Nowak", "Podpisany elektronicznie przez: ...".
E_SIGNED_BY = regex.compile(
    r"^\s*(?:dokument\s+)?podpisan[ya]\s+(?:elektronicznie\s+|kwalifikowanym\s+\S+\s+\S+\s+)?"
    r"(?:przez)?\s*:?\s*(?P<rest>[^;]*)",
    regex.IGNORECASE,
)
# Words that say a signature is electronic, wherever they stand in the signature block:
# "(podpisano elektronicznie)", "podpisany kwalifikowanym podpisem elektronicznym".
ELECTRONIC_SIGNATURE = regex.compile(
    r"podpisan[oaey]\s+(?:elektronicznie|kwalifikowan)|podpis(?:em)?\s+elektroniczn|"
    r"podpis\w*\s+kwalifikowan|podpis\w*\s+zaufan|signature\s+(?:not\s+)?(?:verified|valid)|"
    r"\bsigned\s+by\b",
    regex.IGNORECASE,
)
# Caption lines of e-signatures and signature marks that say nothing of the signer.
SIGNATURE_CAPTION = regex.compile(
    r"^\s*(?:signature\s+not\s+verified|signed\s+by|data\s*:|date\s*:|reason\s*:|"
    r"location\s*:|powód\s*:|lokalizacja\s*:|[/(\[]?\s*podpisano|[/(\[]?\s*podpis\b|"
    r"[/(\[]-?[/)\]]|[-.…_/\s]+$|\d{1,3}$|\d{4}[-.]\d\d[-.]\d\d)",
    regex.IGNORECASE,
)
# "/-/ Jan Nowak", "(-) Jan Nowak": the mark of a signature on a copy, before the name.
COPY_MARK = regex.compile(r"^\s*(?:/-/|\(-\)|\(podpis\)|/podpis/)\s*(?=\S)", regex.IGNORECASE)

# ------------------------------------------------------------- lists, stamps, the tail

# A distribution-list heading alone on its line, or followed by ":"/"." and the first
# item; "Dwa egzemplarze..." or "Kopia decyzji zostanie..." are sentences, not headings.
LIST_HEADING = regex.compile(
    r"\s*(?P<name>otrzymuj[ąae]|otrzymali|do\s+wiadomo[śs]ci|d\s?/\s?w|dw|kopi[ae]|rozdzielnik)"
    r"(?:\s*[:.][\s:.]*(?P<rest>.*)|\s*)$",
    regex.IGNORECASE,
)
# Lines that end a distribution list: the tail's other parts, a closing, contact lines.
LIST_END = regex.compile(
    r"\s*(?:spraw[ęe]\s+prowadzi|sporz[aą]dzi[łl]|sporz\.|opracowa[łl]|wykona[łl]|"
    r"za[łl][aą]cznik|klauzula|rodo\b|administratorem|informacja\s+o\s+przetwarzaniu|"
    r"z\s+powa[żz]aniem|z\s+wyrazami|tel\.|tel\s*:|fax|e-mail|www\.|za[łl]\.|podpisan|"
    r"dokument\s+podpisany|pouczenie|nip\b|regon|konto|bank\b)",
    regex.IGNORECASE,
)
# "Adresat według rozdzielnika": the letter goes to its distribution list.
PER_DISTRIBUTION = regex.compile(
    r"^\s*(?:adresaci\s+)?(?:wed[łl]ug|wg\.?)\s+rozdzielnika\b", regex.IGNORECASE
)
# Words of a receiving office's registry stamp ("Wpłynęło", "Kancelaria", "L.dz.").
# The sender's dispatch stamp on its file copy ("WYSŁANO dnia ...", "Nadano"): a chancery
# stamp like the registry stamp, but its date is when the letter left, not when it came.
DISPATCH_STAMP = regex.compile(r"\bwys[łl]ano\b|\bnadano\b|\bwyekspediowano\b", regex.IGNORECASE)
REGISTRY_STAMP = regex.compile(
    r"wp[łl]yn|data\s+wp|kancelari|sekretariat|dziennik|l\.\s?dz|l\.\s?wp|ilo[śs][ćc]\s+za[łl]|podpis|"
    r"\bwp[łl]\b",
    regex.IGNORECASE,
)
