"""Random municipal letters: offices, addressees, signatures, stamps and body."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import replace

from .filler import TemplateFiller
from .forms import (
    Office,
    Person,
    ascii_slug,
    format_date,
    iso_month,
    make_office,
    make_reference,
    random_person,
)
from .geometry import STAMP_INKS
from .model import (
    Addressee,
    Distribution,
    LetterLayout,
    LetterOptions,
    LetterSpec,
    Paragraph,
    RegistryStamp,
    Signatory,
)
from .stamps import draw_header_stamp, draw_name_stamp
from .vocabulary import (
    ACADEMIC_TITLES,
    DATE_POSITIONS,
    DATE_STYLE_WEIGHTS,
    DATE_STYLES,
    DEPARTMENTS_GMINA,
    DISTRIBUTION_LABELS,
    ESTATES,
    FAMILY_NAMES,
    FIRMS,
    GENERIC_MIDDLES,
    JRWA_BY_TOPIC,
    PARAGRAPH_SIGN_AND_EMAIL,
    PLACES,
    REFERENCE_LABELS,
    ROMAN_MONTHS,
    STAMP_POSITIONS,
    STREETS,
    TOPIC_ADDRESSEES,
    TOPIC_DEPARTMENTS,
    TOPIC_OFFICES,
    TOPICS,
    VILLAGES,
    Place,
)


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
        job = (rng.choice(("Prezes Zarządu", "Dyrektor", "Kierownik Budowy")),)
        addressee = Addressee(
            honorific="Pani" if f else "Pan", name=person.name, position=job,
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
    lines: tuple[str, ...] = (position,)
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


# Of the positions printed in capitals, this share is letter-spaced ("B U R M I S T R Z").
SPACED_SHARE = 0.3


def _spaced(signatory: Signatory) -> Signatory:
    """Some capitals' positions letter-spaced, drawn apart from the letter's own draws.

    A generator of its own, seeded by the signatory's name, so that the letters every
    seed drew before letter-spacing was added stay the letters they were.
    """
    draw = random.Random(f"spaced {signatory.name}").random()
    return replace(signatory, spaced=signatory.caps and draw < SPACED_SHARE)


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
    rng: random.Random, filler: TemplateFiller, topic: str, options: LetterOptions, count: int
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
    filler = TemplateFiller(rng, ctx, day)

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
        signatory=_spaced(_signatory(rng, signature_kind, office, dept)), distribution=distribution,
        handler=_handler(rng, handler, office) if rng.random() < 0.7 else (),
        footer=footer,
        stamp=_stamp(rng, stamp_pos, office, addressee, day) if stamp_pos else None,
        layout=layout,
    )  # fmt: skip
    # The body is drawn last from its own stream, so that changing the paragraph count
    # (to fit a page count) leaves the rest of the letter as it was.
    body_rng = random.Random(rng.random())
    count = opts.paragraphs if opts.paragraphs is not None else body_rng.randint(1, 3)
    body = _body(body_rng, TemplateFiller(body_rng, ctx, day), topic, opts, count)
    # Stamps are drawn after everything else, so that letters without them (the default)
    # are the letters this generator has always drawn from the same seed.
    return _with_stamps(rng, replace(spec, body=body), opts, office)


def _with_stamps(
    rng: random.Random, spec: LetterSpec, opts: LetterOptions, office: Office
) -> LetterSpec:
    """Add the name stamp and header stamp the options ask for (or draw them)."""
    kind = opts.name_stamp
    if kind is None:
        kind = rng.choice(("", "only", "printed"))
    header = opts.header_stamp
    if header is None:
        header = rng.random() < 0.3
    if kind and spec.signatory is not None:
        stamp = draw_name_stamp(rng, spec.signatory, printed=kind == "printed")
        spec = replace(spec, signatory=replace(spec.signatory, stamp=stamp))
    if header:
        # The stamp names the office, so the office is the sender (as with letterheads
        # that print only the office).
        spec = replace(
            spec, letterhead=(), header_stamp=draw_header_stamp(rng, office),
            sender=office.office_name,
        )  # fmt: skip
    return spec
