"""Many names at once: streaming, cached, one answer per input, never an exception for a bad row.

The batch functions take any iterable (a file's column, a generator, a list of a
million names), give back an iterator of the same length in the same order, and
read and answer one item at a time: nothing is materialised. Each call keeps its
own bounded cache (:data:`CACHE_SIZE` distinct values, least recently used
evicted), because real columns repeat the same few thousand spellings.

A row that is not a name gives ``None`` instead of raising: ``None``, a number,
``NaN``, ``pandas.NA``, bytes, or a string longer than :data:`MAX_LENGTH`
characters (a cell, not a document); the geocoder also counts a string with no
letter in it (``""``, ``"12345"``, ``"--"``) as not a name. A bad *option* (an unknown scheme, a region
that is not a string) still raises, at the call, before any row is read.

>>> from kztranslit.batch import geocode_many, transliterate_many
>>> list(transliterate_many(["Қызылорда", None, "Шымкент"], "latin2021"))
['Qyzylorda', None, 'Şymkent']
>>> [p.name if p else None for p in geocode_many(["Кызылорда", "Bishkek", float("nan")])]
['Kyzylorda', None, None]
>>> [(r.reason, r.place.name if r.place else None)
...  for r in geocode_many(["Aksu", "Nur-Sultan", "Qwerty", 42, "12345"], with_reason=True)]
[('ambiguous', 'Aksu'), ('resolved', 'Astana'), ('unresolved', None), ('invalid', None), ('invalid', None)]
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal, overload

from .errors import quote
from .gazetteer import Place, gazetteer
from .geocode import Match, search
from .keys import name_keys
from .normalize import LETTER, check_text

__all__ = [
    "AMBIGUITY_MARGIN",
    "CACHE_SIZE",
    "MAX_LENGTH",
    "GeocodeResult",
    "as_name",
    "check_near",
    "geocode_many",
    "name_keys",
    "resolver",
    "transliterate_many",
    "transliterator",
]

MAX_LENGTH = 1_000
"""Longer strings are not names: the batch functions give ``None`` (reason ``"invalid"``)."""

CACHE_SIZE = 100_000
"""Distinct values each batch call remembers (least recently used evicted first)."""

AMBIGUITY_MARGIN = 3.0
"""Two different places whose scores are this close (0–100 scale) make an answer ``"ambiguous"``.

Calibrated on the dev benchmark (``places_dev.tsv``): below a 3-point margin about half of the
best answers are wrong; from 3 to 5 points, one in eight; above 10, fewer than one in a hundred.
"""

Reason = Literal["resolved", "ambiguous", "unresolved", "invalid"]


@dataclass(frozen=True, slots=True)
class GeocodeResult:
    """The answer for one row of :func:`geocode_many` with ``with_reason=True``.

    ``place`` is what :func:`kztranslit.geocode` returns for the row (``None`` when
    unresolved or invalid); ``reason`` is one of

    * ``"resolved"``: a best place, clearly ahead of any other;
    * ``"ambiguous"``: a best place (still given), but a different place scored within
      :data:`AMBIGUITY_MARGIN` points of it (three villages called Aksu);
    * ``"unresolved"``: a name, but no place of Kazakhstan matches it;
    * ``"invalid"``: not a name (``None``, a number, ``NaN``, a string with no letter —
      empty, blank, digits or signs only, ``"12345"`` — or longer than :data:`MAX_LENGTH`);

    and ``score`` the best match's score (0–100), ``None`` without a match.
    """

    place: Place | None
    reason: Reason
    score: float | None = None


_INVALID = GeocodeResult(None, "invalid")
_UNRESOLVED = GeocodeResult(None, "unresolved")


def as_name(value: object) -> str | None:
    """``value`` as a ``str`` if it can be a name, else ``None`` (see :data:`MAX_LENGTH`).

    >>> as_name("Астана"), as_name(None), as_name(float("nan")), as_name(7), as_name("x" * 5000)
    ('Астана', None, None, None, None)
    """
    if type(value) is not str:
        if not isinstance(value, str):
            return None
        value = str(value)  # a str subclass (numpy.str_): a plain str for the caches
    return value if len(value) <= MAX_LENGTH else None


def transliterator(
    scheme: str = "latin2021", *, options: dict[str, bool | str] | None = None, cache_size: int = CACHE_SIZE
) -> Callable[[object], str | None]:
    """A cached one-value function: ``transliterate(value, scheme)``, or ``None`` for a bad value.

    The scheme and options are checked now (``UnknownScheme``, ``SchemeError``).
    """
    from .translit import transliterate

    opts = dict(options or {})
    transliterate("а", scheme, **opts)  # Cyrillic, so an unknown scheme or option raises now, not at row 1

    @lru_cache(maxsize=cache_size)
    def one(text: str) -> str:
        return transliterate(text, scheme, **opts)

    def call(value: object) -> str | None:
        name = as_name(value)
        return None if name is None else one(name)

    return call


def _ambiguous(top: Match, second: Match) -> bool:
    """Whether the second match is a real rival of the first: a different place whose rank is
    within :data:`AMBIGUITY_MARGIN`, and not a unit the first lies in or that holds it (a city and
    its own region or city administration are one answer), nor a region against a settlement (a
    region needs a word saying so)."""
    if top.rank - second.rank >= AMBIGUITY_MARGIN:
        return False
    a, b = top.place, second.place
    if (a.kind == "region") != (b.kind == "region"):
        return False
    return not (a.id in _units_of(b) or b.id in _units_of(a))


def _units_of(place: Place) -> set[str]:
    from .gazetteer import parents

    return {p.id for p in parents(place)} | ({place.admin1} if place.admin1 else set())


def check_near(near: tuple[float, float] | None) -> tuple[float, float] | None:
    """``near`` as a pair of floats; ``TypeError`` or ``ValueError`` if it is not a valid point."""
    if near is None:
        return None
    try:
        lat, lon = (float(v) for v in near)
    except (TypeError, ValueError):
        raise TypeError(f"near must be a (lat, lon) pair of numbers, not {quote(near)}") from None
    if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0) or math.isnan(lat + lon):
        raise ValueError(f"near: coordinates out of range ({lat}, {lon})")
    return lat, lon


def resolver(
    *,
    region: str | None = None,
    near: tuple[float, float] | None = None,
    cache_size: int = CACHE_SIZE,
) -> Callable[[object], GeocodeResult]:
    """A cached one-value function giving a :class:`GeocodeResult` for any value (never raises).

    The options are checked now, and the gazetteer is loaded now, so that a broken data file
    raises here rather than hiding as "invalid" rows.
    """
    if region is not None:
        check_text(region, name="region")
    where = check_near(near)
    gazetteer()

    def one(text: str) -> GeocodeResult:
        if LETTER.search(text) is None:  # empty, blank, "12345": not a name
            return _INVALID
        found = search(text, limit=2, region=region, near=where)
        if not found or found[0].reason == "conflict":  # parts that contradict: as geocode
            return _UNRESOLVED
        top = found[0]
        ambiguous = len(found) > 1 and _ambiguous(top, found[1])
        return GeocodeResult(top.place, "ambiguous" if ambiguous else "resolved", top.score)

    cached = lru_cache(maxsize=cache_size)(one)

    def call(value: object) -> GeocodeResult:
        name = as_name(value)
        return _INVALID if name is None else cached(name)

    return call


def transliterate_many(
    texts: Iterable[object], scheme: str = "latin2021", **options: bool | str
) -> Iterator[str | None]:
    """``transliterate`` over many values, lazily, in order; ``None`` for a value that is not a name.

    >>> list(transliterate_many(["Маңғыстау", "", 12], "rferl"))
    ['Manghystau', '', None]
    """
    return map(transliterator(scheme, options=options), texts)


@overload
def geocode_many(
    texts: Iterable[object],
    *,
    region: str | None = ...,
    near: tuple[float, float] | None = ...,
    with_reason: Literal[False] = ...,
) -> Iterator[Place | None]: ...


@overload
def geocode_many(
    texts: Iterable[object],
    *,
    region: str | None = ...,
    near: tuple[float, float] | None = ...,
    with_reason: Literal[True],
) -> Iterator[GeocodeResult]: ...


def geocode_many(
    texts: Iterable[object],
    *,
    region: str | None = None,
    near: tuple[float, float] | None = None,
    with_reason: bool = False,
) -> Iterator[Place | None] | Iterator[GeocodeResult]:
    """``geocode`` over many values, lazily, in order; ``None`` where nothing (or no name) matches.

    Each place is exactly what ``geocode(value, region=region, near=near)`` returns. With
    ``with_reason=True`` each item is a :class:`GeocodeResult` instead, telling resolved,
    ambiguous, unresolved and invalid rows apart, with the score.

    >>> [p.id if p else None for p in geocode_many(["Qyzylorda oblysy", "Алматы", None])]
    ['KZ-43', 'kato:750000000', None]
    """
    resolve = resolver(region=region, near=near)
    if with_reason:
        return map(resolve, texts)
    return (resolve(t).place for t in texts)
