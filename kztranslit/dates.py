"""Dates as the gazetteer's former names are dated: by year.

:func:`year_of` reads what a caller may pass for "when" (``name_at(place, when)``): a
``date`` or ``datetime``, a year, or an ISO date string, and gives the year, or a clear
error naming what it was given.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from .errors import InvalidDate, quote

__all__ = ["year_of"]

_ISO = re.compile(r"(\d{4})(?:-\d{2}(?:-\d{2}(?:[T ].+)?)?)?")


def year_of(when: object) -> int:
    """The year of a ``date``, a year (``int``) or an ISO date string (``"1997"``, ``"1997-12"``,
    ``"1997-12-10"``, ``"1997-12-10T12:00"``).

    Raises :class:`~kztranslit.errors.InvalidDate` (a ``ValueError``) for a string that is not
    an ISO date or a year out of range, ``TypeError`` for anything else.

    >>> year_of(date(1961, 4, 12)), year_of(1997), year_of("2019-03-23"), year_of(" 2022 ")
    (1961, 1997, 2019, 2022)
    >>> year_of("soon")
    Traceback (most recent call last):
    ...
    kztranslit.errors.InvalidDate: not a date: 'soon' (give a date, a year or an ISO date such as ...)
    """
    if isinstance(when, date):
        return when.year
    if isinstance(when, int) and not isinstance(when, bool):
        if not 1 <= when <= 9999:
            raise InvalidDate(f"year out of range: {when} (1 to 9999)")
        return when
    if isinstance(when, str):
        text = when.strip()
        m = _ISO.fullmatch(text)
        if m is not None:
            if len(text) >= 10:
                try:
                    datetime.fromisoformat(text)
                except ValueError:
                    m = None
            elif len(text) == 7 and not 1 <= int(text[5:]) <= 12:
                m = None
        if m is None or int(m.group(1)) < 1:
            raise InvalidDate(
                f"not a date: {quote(when)} (give a date, a year or an ISO date such as '1997-12-10')"
            )
        return int(m.group(1))
    raise TypeError(f"when must be a date, an int year or an ISO date string, not {type(when).__name__}")
