"""Body templates filled with invented details, recording the dates they print."""

from __future__ import annotations

import datetime as dt
import random
import re
from collections.abc import Callable

from .forms import format_date, iso_month, roman
from .vocabulary import LAWS, MONTHS_GEN, MONTHS_NOM

PLACEHOLDER = re.compile(r"\{(\w+)\}")
GENITIVE_PLURAL_COUNTS = tuple(
    n for n in range(5, 49) if n % 10 not in (2, 3, 4) or n in (12, 13, 14)
)
ABBREVIATION_END = re.compile(r"\b(r|br|zm|ul|nr)\.\.")


# A placeholder's text and the ISO dates it states.
Filled = tuple[str, tuple[str, ...]]


class TemplateFiller:
    """Fills body templates with invented details; records the dates it prints, in order."""

    BODY_DATE_STYLES = ("long", "long", "long", "dotted", "dotted_short", "roman", "long_roku")

    def __init__(self, rng: random.Random, ctx: dict[str, str], letter_day: dt.date) -> None:
        self.rng = rng
        self.ctx = ctx
        self.day = letter_day
        self.counter = 0

    def fill(self, template: str) -> Filled:
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

    def value(self, key: str) -> Filled:
        """Text (and dates) for one placeholder.

        Args:
            key: The placeholder's name: a key of the letter context, "law_<LAWS key>" or
                one of DRAWN_PLACEHOLDERS.

        Returns:
            The text and the ISO dates it states.

        Raises:
            KeyError: For a placeholder nothing fills.
        """
        if key in self.ctx:
            return self.ctx[key], ()
        if key.startswith("law_"):
            return self._law(key[4:])
        return DRAWN_PLACEHOLDERS[key](self)

    def _past(self) -> dt.date:
        return self.day - dt.timedelta(days=self.rng.randint(3, 150))

    def _future(self) -> dt.date:
        return self.day + dt.timedelta(days=self.rng.randint(7, 90))

    def _styled(self, day: dt.date) -> Filled:
        return format_date(day, self.rng.choice(self.BODY_DATE_STYLES)), (day.isoformat(),)

    def _d_past(self) -> Filled:
        return self._styled(self._past())

    def _d_past_long(self) -> Filled:
        day = self._past()
        year = self.ctx.pop("_uchwala_year", None)
        if year is not None:  # "uchwała Nr XII/87/2019 ... z dnia ...": a day of 2019
            first = dt.date(int(year), 1, 1)
            last = min(dt.date(int(year), 12, 31), self.day - dt.timedelta(days=3))
            day = first + dt.timedelta(days=self.rng.randint(0, max(0, (last - first).days)))
        return format_date(day, "long"), (day.isoformat(),)

    def _d_future(self) -> Filled:
        return self._styled(self._future())

    def _d_br(self) -> Filled:
        """A date of the letter's year written with "br." (bieżącego roku)."""
        start = dt.date(self.day.year, 1, 1)
        if (self.day - start).days < 10:
            return self._d_past_long()
        day = start + dt.timedelta(days=self.rng.randint(0, (self.day - start).days - 3))
        return f"{day.day} {MONTHS_GEN[day.month - 1]} br.", (day.isoformat(),)

    def _day_range(self) -> Filled:
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

    def _span(self) -> Filled:
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

    def _month_since(self) -> Filled:
        day = self.day - dt.timedelta(days=self.rng.randint(365, 6 * 365))
        suffix = self.rng.choice(("r.", "roku"))
        return f"{MONTHS_GEN[day.month - 1]} {day.year} {suffix}", (iso_month(day),)

    def _month_nom(self) -> Filled:
        # Used as "na {month_nom} {year_next} roku": month name with a year is a month date.
        month = self.rng.randint(1, 12)
        self.ctx["_month_nom"] = f"{self.day.year + 1}-{month:02d}"
        return MONTHS_NOM[month - 1], ()

    def _year_next(self) -> Filled:
        pending = self.ctx.pop("_month_nom", None)
        return str(self.day.year + 1), (pending,) if pending else ()

    def _year(self) -> Filled:
        return str(self.day.year - self.rng.randint(1, 3)), ()

    def _law(self, key: str) -> Filled:
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

    def _amount(self) -> Filled:
        whole = f"{self.rng.randint(1200, 950000):,}".replace(",", " ")
        return f"{whole},{self.rng.randint(0, 99):02d} zł", ()

    def _uchwala(self) -> Filled:
        early = self.day.timetuple().tm_yday < 15
        year = self.day.year - self.rng.randint(1 if early else 0, 3)
        self.ctx["_uchwala_year"] = str(year)
        return f"{roman(self.rng.randint(3, 60))}/{self.rng.randint(10, 600)}/{year}", ()

    def _phone(self) -> Filled:
        r = self.rng
        number = f"{r.randint(200, 899)} {r.randint(10, 99)} {r.randint(10, 99)}"
        return f"{self.ctx['_area']} {number}", ()

    def _count(self) -> Filled:
        # Only numbers followed by the genitive plural ("5 umów", "12 umów", "21 umów");
        # 2-4, 22-24 ... would need "umowy".
        return str(self.rng.choice(GENITIVE_PLURAL_COUNTS)), ()

    def _n(self) -> Filled:
        self.counter += 1
        return str(self.counter), ()

    def _par(self) -> Filled:
        return str(self.rng.randint(1, 14)), ()

    def _ust(self) -> Filled:
        return str(self.rng.randint(1, 6)), ()

    def _room(self) -> Filled:
        return str(self.rng.randint(1, 320)), ()

    def _email(self) -> Filled:
        return self.rng.choice((self.ctx["office_email"], self.ctx["_handler_email"])), ()


# Placeholders drawn afresh at every use (each may consume random numbers), by name.
DRAWN_PLACEHOLDERS: dict[str, Callable[[TemplateFiller], Filled]] = {
    "d_past": TemplateFiller._d_past,
    "d_past_long": TemplateFiller._d_past_long,
    "d_future": TemplateFiller._d_future,
    "d_br": TemplateFiller._d_br,
    "day_range": TemplateFiller._day_range,
    "span": TemplateFiller._span,
    "month_since": TemplateFiller._month_since,
    "month_nom": TemplateFiller._month_nom,
    "year_next": TemplateFiller._year_next,
    "year": TemplateFiller._year,
    "amount": TemplateFiller._amount,
    "uchwala": TemplateFiller._uchwala,
    "phone": TemplateFiller._phone,
    "count": TemplateFiller._count,
    "n": TemplateFiller._n,
    "par": TemplateFiller._par,
    "ust": TemplateFiller._ust,
    "room": TemplateFiller._room,
    "email": TemplateFiller._email,
}
