"""Composition: a letter spec becomes rows of text blocks, in reading order."""

from __future__ import annotations

from dataclasses import dataclass

from .geometry import SIGNATURE_SPACE_MM, TEXT_WIDTH_MM
from .model import HeaderStamp, LetterSpec, RegistryStamp, StampLook
from .stamps import header_stamp_lines, name_stamp_lines

# Left edge of the signature block, from the left text margin.
SIGNATURE_X_MM = 78.0


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
        stamp: Draw the block as a stamp of this look (framed or not, tilted, inked).
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
    stamp: StampLook | None = None
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
        stamp=StampLook(ink=stamp.ink, tilt=stamp.tilt),
    )


def _header_stamp_block(stamp: HeaderStamp) -> Block:
    lines = tuple(_line(text, role) for text, role in header_stamp_lines(stamp))
    return Block(lines=lines, width_mm=None, align="center", stamp=stamp.look)


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


def _signature_rows(spec: LetterSpec) -> list[Row]:
    """The signature block's rows: one block, or closing, name stamp and printed block.

    A name stamp stands in its own row under the closing formula, against the right
    margin; the printed position and name follow it only when the stamp says it is
    printed too.
    """
    s = spec.signatory
    if s is None:
        return []
    if s.stamp is None:
        block = _signature_block(spec)
        return [Row((block,), 9.0)] if block else []
    rows: list[Row] = []
    if s.closing:
        rows.append(Row((_signature_column((_line(s.closing),)),), 9.0))
    lines = tuple(Line((run,)) for run in name_stamp_lines(s, s.stamp))
    stamp = Block(lines=lines, width_mm=None, align="center", anchor_right=True, stamp=s.stamp.look)
    rows.append(Row((stamp,), 4.0 if rows else 9.0))
    if s.stamp.printed:
        printed = _signature_block(spec, stamped=True)
        if printed and printed.lines:
            rows.append(Row((printed,), 3.0))
    return rows


SPACED_LETTERS = 16  # "ZASTĘPCA WÓJTA": the longest line letter-spaced in the column


def _signature_block(spec: LetterSpec, *, stamped: bool = False) -> Block | None:
    """The printed signature block; under a name stamp without closing or signature room."""
    s = spec.signatory
    if s is None:
        return None
    room = 0.0 if stamped else SIGNATURE_SPACE_MM
    lines: list[Line] = []
    gap = 0.0
    if s.closing and not stamped:
        lines.append(_line(s.closing))
        gap = 6.0
    if s.on_behalf_of:
        behalf = s.on_behalf_of.upper() if s.caps else s.on_behalf_of
        lines.append(_line(f"{s.on_behalf_prefix} {behalf}", space=gap))
        gap = 0.0 if s.position_first else room
    position = [p.upper() if s.caps else p for p in s.position]
    if s.spaced:  # short lines letter-spaced: a longer one would wrap inside its words
        position = [" ".join(p) if len(p) <= SPACED_LETTERS else p for p in position]
    name = f"{s.title} {s.name}" if s.title and s.name else s.name
    if s.position_first:
        lines.extend(_line(p, space=gap if i == 0 else 0.0) for i, p in enumerate(position))
        if name:
            lines.append(_line(name, space=room))
    else:
        if name:
            lines.append(_line(name, space=max(gap, room)))
        lines.extend(_line(p) for p in position)
    return _signature_column(tuple(lines))


def _signature_column(lines: tuple[Line, ...]) -> Block:
    """Lines centred in the signature's column, right of the page's middle."""
    x = SIGNATURE_X_MM
    return Block(lines=lines, x_mm=x, width_mm=TEXT_WIDTH_MM - x, align="center")


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
    if spec.header_stamp is not None:
        top_blocks.append(_header_stamp_block(spec.header_stamp))
    else:
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
    rows.extend(_signature_rows(spec))
    tail = []
    if spec.handler:
        tail.append(Block(lines=tuple(_line(t, "small") for t in spec.handler)))
    dist = _distribution_block(spec)
    if dist:
        tail.insert(0 if not lay.handler_first else len(tail), dist)
    for i, block in enumerate(tail):
        rows.append(Row((block,), 10.0 if i == 0 else 5.0))
    return rows
