"""Name stamps and header stamps: what they say and how they are inked.

A name stamp (pieczątka imienna) says who signs: the "z up." line, the position on one or
two lines (capitals are usual), then the person's name in mixed case on its own line; a
handwritten signature is drawn across it. A header stamp (pieczęć nagłówkowa) stands
top-left on letters printed without a letterhead: the office's name, its address, phone
and NIP. Random draws are here; the drawing of ink and signatures is in :mod:`.inking`.
"""

from __future__ import annotations

import random

from .forms import Office
from .geometry import STAMP_FACE_NAMES, STAMP_INKS
from .model import HeaderStamp, NameStamp, Signatory, StampLook

# A one-line position longer than this is set over two lines on a name stamp.
_LONG_POSITION = 22


def draw_look(rng: random.Random, *, signed: bool) -> StampLook:
    """Draw how a name or header stamp is inked.

    Args:
        rng: Random source.
        signed: Draw a handwritten signature across it.

    Returns:
        The look: red, blue or violet ink, tilted by up to 3 degrees, no frame or a thin
        one, unevenly inked.
    """
    return StampLook(
        ink=rng.choice(tuple(STAMP_INKS)),
        tilt=round(rng.uniform(-3.0, 3.0), 2),
        frame=rng.choice(("none", "none", "thin")),
        wear=round(rng.uniform(0.2, 0.65), 2),
        seed=rng.randrange(2**31),
        signature=rng.choice(("ballpoint", "ballpoint", "black")) if signed else None,
    )


def draw_name_stamp(rng: random.Random, signatory: Signatory, *, printed: bool) -> NameStamp:
    """Draw a name stamp for a signatory.

    Args:
        rng: Random source.
        signatory: Whose stamp (its lines come from it).
        printed: The printed block stays under the stamp.

    Returns:
        The stamp.
    """
    one_long_line = len(signatory.position) == 1 and len(signatory.position[0]) > _LONG_POSITION
    return NameStamp(
        look=draw_look(rng, signed=True),
        face=rng.choice(STAMP_FACE_NAMES),
        position_case=rng.choice(("caps", "caps", "first_caps", "as_is")),
        split_position=one_long_line and rng.random() < 0.6,
        with_title=signatory.title is not None and rng.random() < 0.5,
        printed=printed,
    )


def _role(face: str) -> str:
    """The font role of a stamp's lines in ``face`` (its name lines: the role + "_name")."""
    return f"nstamp_{face}"


def header_stamp_lines(stamp: HeaderStamp) -> tuple[tuple[str, str], ...]:
    """The lines of a header stamp and their font roles: the office's name, then its address."""
    role = _role(stamp.face)
    return tuple(
        (text, f"{role}_name" if i < stamp.name_lines else role)
        for i, text in enumerate(stamp.lines)
    )


def name_stamp_lines(signatory: Signatory, stamp: NameStamp) -> tuple[tuple[str, str], ...]:
    """The lines of a name stamp and their font roles, top to bottom.

    Args:
        signatory: The signatory the stamp names.
        stamp: The stamp.

    Returns:
        (text, role) per line: "z up." line, position lines, the name line.
    """
    role = _role(stamp.face)
    lines: list[tuple[str, str]] = []
    if signatory.on_behalf_of:
        behalf = signatory.on_behalf_of
        if stamp.position_case != "as_is":
            behalf = behalf.upper()
        lines.append((f"{signatory.on_behalf_prefix} {behalf}", role))
    position = list(signatory.position)
    if stamp.split_position and len(position) == 1 and " " in position[0]:
        head, tail = position[0].split(" ", 1)
        position = [head, tail]
    for i, text in enumerate(position):
        caps = stamp.position_case == "caps" or (stamp.position_case == "first_caps" and i == 0)
        lines.append((text.upper() if caps else text, role))
    if signatory.name:
        name = signatory.name
        if stamp.with_title and signatory.title:
            name = f"{signatory.title} {name}"
        lines.append((name, f"{role}_name"))
    return tuple(lines)


def draw_header_stamp(rng: random.Random, office: Office) -> HeaderStamp:
    """Draw the header stamp of an office: its name, address, and phone and/or NIP.

    Args:
        rng: Random source.
        office: The office (only invented vocabulary).

    Returns:
        A stamp of 2 to 4 lines (the name over one or two lines).
    """
    place = office.place
    name = office.office_name.upper()
    name_lines: tuple[str, ...] = (name,)
    if len(name) > 24 and " W " in name and rng.random() < 0.6:
        head, tail = name.rsplit(" W ", 1)
        name_lines = (head, f"W {tail}")
    address = f"{office.street} {rng.randint(1, 40)}, {place.postal} {place.nom}"
    phone = f"tel. {place.area} {rng.randint(200, 899)} {rng.randint(10, 99)} 00"
    nip = f"NIP {rng.randint(500, 999)}-{rng.randint(10, 99)}-{rng.randint(10, 99)}-"
    nip += f"{rng.randint(100, 999)}"
    extra = rng.choice(((), (phone,), (f"{phone}, {nip}",), (phone, nip)))
    lines = (*name_lines, address, *extra)[:4]
    return HeaderStamp(
        lines, len(name_lines), draw_look(rng, signed=False), face=rng.choice(STAMP_FACE_NAMES)
    )
