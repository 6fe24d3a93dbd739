"""The letter model: what is printed on a letter and what its truth needs."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


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
class StampLook:
    """How a stamp impression looks on paper (the ink, not the words).

    Attributes:
        ink: "blue", "red" or "violet" (grey on greyscale pages).
        tilt: Rotation of the impression, degrees counter-clockwise.
        frame: "rounded" (the registry stamp's box), "thin" (a thin rectangle) or "none".
        wear: How unevenly the stamp is inked, 0 (evenly) to 1 (patchy, faded strokes).
        seed: Seed of the patchy inking and of the handwritten signature across it.
        signature: Ink of a handwritten signature drawn across the stamp ("ballpoint" blue
            or "black"), or None.
    """

    ink: str = "blue"
    tilt: float = 0.0
    frame: str = "rounded"
    wear: float = 0.0
    seed: int = 0
    signature: str | None = None


@dataclass(frozen=True)
class NameStamp:
    """A name stamp (pieczątka imienna) in the signature block, signed across by hand.

    Its lines come from the :class:`Signatory` it belongs to: the "z up." line, the
    position on one or two lines, then the person's name on its own line.

    Attributes:
        look: Ink, tilt, frame, inking and the signature across it.
        face: Stamp face of all lines: "sans", "serif" or "narrow".
        position_case: "caps" (all position lines in capitals), "first_caps" (the first
            line in capitals, as "KIEROWNIK" / "Referatu ...") or "as_is".
        split_position: Break a one-line position over two lines ("Zastępca" /
            "Burmistrza Miasta ...").
        with_title: Print the academic title before the name.
        printed: The printed signature block (position and name) is kept under the
            stamp; False: the stamp is the only place the signatory is named.
    """

    look: StampLook
    face: str = "sans"
    position_case: str = "caps"
    split_position: bool = False
    with_title: bool = False
    printed: bool = False


@dataclass(frozen=True)
class HeaderStamp:
    """A header stamp (pieczęć nagłówkowa) top-left, in place of a printed letterhead.

    Attributes:
        lines: The office's name (one or two lines), its address, phone and NIP lines.
        name_lines: How many leading lines are the office's name (set larger).
        look: Ink, tilt, frame and inking.
        face: Stamp face: "sans", "serif" or "narrow".
    """

    lines: tuple[str, ...]
    name_lines: int
    look: StampLook
    face: str = "sans"


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
        spaced: With ``caps``, print the position letter-spaced ("B U R M I S T R Z"), as
            typists set a title apart.
        position_first: Title above the name (True) or name above the title (False).
        stamp: A name stamp in the signature block, or None.
    """

    name: str | None
    title: str | None
    position: tuple[str, ...]
    on_behalf_of: str | None = None
    on_behalf_prefix: str = "z up."
    closing: str | None = "Z poważaniem"
    caps: bool = False
    spaced: bool = False
    position_first: bool = True
    stamp: NameStamp | None = None


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
        header_stamp: A header stamp printed instead of the letterhead, or None.
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
    header_stamp: HeaderStamp | None = None
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
        name_stamp: "" (no name stamp), "only" (a signed name stamp and no printed name
            or position), "printed" (a signed name stamp over the printed block), or
            None to draw one of the three. Off by default: the committed standard set was
            drawn without stamps and must stay byte-identical.
        header_stamp: Stamp the office's name and address top-left instead of printing
            a letterhead (True), not (False, the default), or None to draw.
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
    name_stamp: str | None = ""
    header_stamp: bool | None = False
