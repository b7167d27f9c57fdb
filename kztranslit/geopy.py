"""A geopy geocoder backed by the offline gazetteer, with an optional online fallback.

:class:`KazakhGazetteer` is a :class:`geopy.geocoders.base.Geocoder`: code written
for geopy (``geocode``/``reverse``, ``exactly_one``, ``RateLimiter``, pandas
``.apply``) runs unchanged and answers from :mod:`kztranslit.geocode`, without a
network. Install the ``[geopy]`` extra (``pip install '.[geopy]'`` from a clone); this is the
only module of kztranslit that imports geopy.

>>> from kztranslit.geopy import KazakhGazetteer
>>> g = KazakhGazetteer()
>>> g.geocode("Кызылорда")
Location(Kyzylorda, Kyzylorda Region, Kazakhstan, (44.85278, 65.50917, 0.0))
>>> g.geocode("Kzyl-Orda").raw.name_kk
'Қызылорда'
>>> g.reverse((43.25, 76.92)).address
'Almaty, Kazakhstan'

A query the gazetteer cannot answer goes to ``fallback=`` (another geopy
geocoder, e.g. Nominatim) in the spellings most likely to be found there
(:func:`fallback_spellings`), restricted to Kazakhstan; the first hit is returned.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping
from typing import Any

try:
    from geopy.geocoders.base import DEFAULT_SENTINEL, Geocoder
    from geopy.location import Location
    from geopy.point import Point
except ImportError as e:  # pragma: no cover - depends on the environment
    raise ImportError("kztranslit.geopy needs geopy: pip install geopy (the [geopy] extra)") from e

from .errors import quote
from .gazetteer import COUNTRY_NAMES, Place, gazetteer
from .geocode import search
from .keys import name_key
from .normalize import clean, has_cyrillic, russian_style, unify_punctuation

__all__ = ["KAZAKHSTAN_BOUNDS", "KazakhGazetteer", "fallback_spellings", "place_address"]

# The country's names (one list, in the gazetteer) and its ISO codes, as a query's last part.
_COUNTRY_KEYS = frozenset(name_key(n) for n in (*COUNTRY_NAMES, "KZ", "KAZ"))

#: ``((south, west), (north, east))``: a box around Kazakhstan, for checking a fallback's answers.
KAZAKHSTAN_BOUNDS = ((40.5, 46.4), (55.5, 87.4))

# How each geopy geocoder restricts a query to one country: (keyword, value factory), first match wins.
_COUNTRY_KEYWORDS: tuple[tuple[str, Callable[[], object]], ...] = (
    ("country_codes", lambda: "kz"),  # Nominatim, Geolake
    ("countries", lambda: ["KAZ"]),  # Pelias (alpha-2 or alpha-3), HERE v7 (alpha-3)
    ("country", lambda: "KZ"),  # GeoNames, OpenCage, MapBox
    ("components", lambda: {"country": "KZ"}),  # Google
)
# Keys of a structured query (a dict, as Nominatim takes), most specific first.
_STRUCTURED_KEYS = (
    "city", "town", "village", "settlement", "county", "district", "state", "region", "country",
)  # fmt: skip


def place_address(place: Place) -> str:
    """The address of a place as geopy shows it: its name, its region, the country.

    >>> from kztranslit import geocode
    >>> place_address(geocode("Талгар")), place_address(geocode("Almaty"))
    ('Talgar, Almaty Region, Kazakhstan', 'Almaty, Kazakhstan')
    >>> place_address(geocode("Qyzylorda oblysy"))
    'Kyzylorda Region, Kazakhstan'
    """
    parts = [place.name]
    region = gazetteer().regions.get(place.admin1) if place.admin1 and place.kind != "region" else None
    if region is not None and name_key(region.name) != name_key(place.name):
        parts.append(region.name)
    parts.append("Kazakhstan")
    return ", ".join(parts)


def _name_spellings(name: str) -> list[str]:
    """Spellings of one name: as given, then the forms other sources are likely to use."""
    from .restore import to_cyrillic
    from .translit import transliterate

    out = [name]
    if has_cyrillic(name):
        out.append(transliterate(name, "conventional"))  # Kyzylorda: English and most maps
        out.append(russian_style(name))  # Кызылорда: Russian-language sources
    elif any(c.isalpha() for c in name):
        kazakh = to_cyrillic(name)  # Qaraghandy, Şymkent, Oskemen → Kazakh Cyrillic
        if has_cyrillic(kazakh):
            out.append(transliterate(kazakh, "conventional"))  # → Karagandy, Shymkent
            out.append(kazakh)  # OpenStreetMap's name:kk
            out.append(russian_style(kazakh))
    return [s for s in dict.fromkeys(out) if s]


def fallback_spellings(query: str, *, limit: int = 4) -> list[str]:
    """The spellings of a query to send to another geocoder, the likeliest hit first.

    The query as given comes first. For a Cyrillic name: its conventional romanization
    (what English-language maps use), then its Russian-style Cyrillic (Kazakh letters
    replaced by the Russian ones Russian sources write). For a Latin name: the
    conventional romanization of its Kazakh reading, the Kazakh Cyrillic itself, and its
    Russian-style Cyrillic. Only the name (the part before the first comma) is varied;
    the rest of the query is kept. Duplicates are dropped; at most ``limit`` spellings.

    >>> fallback_spellings("Қызылорда")
    ['Қызылорда', 'Kyzylorda', 'Кызылорда']
    >>> fallback_spellings("Өскемен, Шығыс Қазақстан")
    ['Өскемен, Шығыс Қазақстан', 'Oskemen, Шығыс Қазақстан', 'Оскемен, Шығыс Қазақстан']
    >>> fallback_spellings("Qaraghandy")
    ['Qaraghandy', 'Karagandy', 'Қарағанды', 'Караганды']
    """
    s = unify_punctuation(clean(query)).strip()
    if not s:
        return []
    name, sep, rest = s.partition(",")
    name = name.strip()
    tail = f", {rest.strip()}" if sep and rest.strip() else ""
    return [f"{v}{tail}" for v in _name_spellings(name)][: max(0, limit)]


def _names_country(query: str) -> bool:
    return any(name_key(p) in _COUNTRY_KEYS for p in query.split(",") if p.strip())


def _in_kazakhstan(location: Any) -> bool:
    (south, west), (north, east) = KAZAKHSTAN_BOUNDS
    try:
        return bool(south <= location.latitude <= north and west <= location.longitude <= east)
    except (AttributeError, TypeError):  # not a Location: let it through
        return True


def _parameters(fn: Callable[..., Any]) -> frozenset[str] | None:
    """The keyword parameters a callable takes; ``None`` when it takes any (``**kwargs``)."""
    for _ in range(5):  # RateLimiter and functools.partial keep the wrapped callable in .func
        inner = getattr(fn, "func", None)
        if inspect.ismethod(fn) or not callable(inner):
            break
        fn = inner
    try:
        params = inspect.signature(fn).parameters.values()
    except (TypeError, ValueError):
        return None
    if any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params):
        return None
    return frozenset(p.name for p in params)


def _count(exactly_one: bool, limit: int | None) -> int:
    if exactly_one:
        return 1
    n = 10 if limit is None else int(limit)
    if n < 1:
        raise ValueError(f"limit must be at least 1, not {quote(limit)}")
    return n


def _point(value: Any) -> tuple[float, float]:
    """``(lat, lon)`` from anything geopy accepts as a point: Point, Location, tuple, ``"lat, lon"``."""
    if hasattr(value, "latitude") and hasattr(value, "longitude"):
        return float(value.latitude), float(value.longitude)
    p = Point(value)
    return float(p.latitude), float(p.longitude)


class KazakhGazetteer(Geocoder):  # type: ignore[misc]  # geopy has no type hints
    """Geocode places of Kazakhstan offline, in any script or romanization, through geopy's API.

    ``fallback`` is another geopy geocoder (or its ``geocode`` wrapped in a ``RateLimiter``)
    asked about the queries the gazetteer cannot answer; with ``kazakhstan_only`` (the
    default) it is asked with its own country filter when it has one (``country_codes="kz"``
    for Nominatim) or with ``, Kazakhstan`` appended, and its answers outside Kazakhstan
    are dropped. ``max_km`` is the default radius of :meth:`reverse`.

    Answers are :class:`geopy.location.Location` objects whose ``raw`` is the
    :class:`~kztranslit.Place` (a fallback's answers keep that geocoder's ``raw``).
    """

    def __init__(
        self,
        *,
        fallback: Any = None,
        kazakhstan_only: bool = True,
        max_km: float = 50.0,
        timeout: Any = DEFAULT_SENTINEL,
        user_agent: str | None = None,
    ) -> None:
        super().__init__(timeout=timeout, user_agent=user_agent)
        self.fallback = fallback
        self.kazakhstan_only = kazakhstan_only
        self.max_km = max_km
        self._fallback_geocode: Callable[..., Any] | None = None
        self._fallback_params: frozenset[str] | None = None
        if fallback is not None:
            fn = getattr(fallback, "geocode", fallback)
            if not callable(fn):
                kind = type(fallback).__name__
                raise TypeError(f"fallback must be a geopy geocoder or a callable, not {kind}")
            self._fallback_geocode = fn
            self._fallback_params = _parameters(fn)

    @staticmethod
    def _location(place: Place) -> Any:
        return Location(place_address(place), (place.lat, place.lon), place)

    def geocode(
        self,
        query: str | Mapping[str, str],
        *,
        exactly_one: bool = True,
        timeout: Any = DEFAULT_SENTINEL,
        region: str | None = None,
        near: Any = None,
        limit: int | None = None,
    ) -> Any:
        """The place a query names: a ``Location``, or a list of them with ``exactly_one=False``.

        ``query`` is a name in any script or scheme, optionally with its region after a
        comma, or a dict of Nominatim's structured fields (``city``, ``county``,
        ``state``…). ``region`` prefers places in a region (any spelling or ISO code);
        ``near`` (a point) prefers places close to it. ``limit`` caps the list (10 by
        default). ``None`` when nothing matches, here or in the fallback.

        >>> g = KazakhGazetteer()
        >>> [loc.address for loc in g.geocode("Aksu", exactly_one=False, limit=2)]
        ['Aksu, Pavlodar Region, Kazakhstan', 'Aksu, Turkistan Region, Kazakhstan']
        >>> g.geocode("Aksu", region="Aqmola oblysy").address
        'Aksu, Akmola Region, Kazakhstan'
        >>> g.geocode("Tashkent") is None
        True
        """
        text = self._query_text(query)
        point = _point(near) if near is not None else None
        matches = search(text, limit=_count(exactly_one, limit), region=region, near=point)
        if matches:
            locations = [self._location(m.place) for m in matches]
            return locations[0] if exactly_one else locations
        if self._fallback_geocode is not None and text.strip():
            return self._ask_fallback(text, exactly_one=exactly_one, timeout=timeout, region=region)
        return None

    @staticmethod
    def _query_text(query: str | Mapping[str, str]) -> str:
        if isinstance(query, Mapping):
            parts = [str(query[k]) for k in _STRUCTURED_KEYS if query.get(k)]
            return ", ".join(parts)
        if not isinstance(query, str):
            raise TypeError(f"query must be a str or a dict, not {type(query).__name__}")
        return query

    def _ask_fallback(self, text: str, *, exactly_one: bool, timeout: Any, region: str | None) -> Any:
        assert self._fallback_geocode is not None
        kwargs: dict[str, Any] = {"exactly_one": exactly_one}
        if timeout is not DEFAULT_SENTINEL:
            kwargs["timeout"] = timeout
        suffix = ""
        if region is not None:
            hint = gazetteer().region(region)
            suffix += f", {hint.name if hint is not None else region}"
        if self.kazakhstan_only:
            params = self._fallback_params or frozenset()
            keyword = next(((k, make) for k, make in _COUNTRY_KEYWORDS if k in params), None)
            if keyword is not None:
                kwargs[keyword[0]] = keyword[1]()
            elif not _names_country(text):
                suffix += ", Kazakhstan"
        for spelling in fallback_spellings(text):
            found = self._fallback_geocode(spelling + suffix, **kwargs)
            if found is None:
                continue
            if self.kazakhstan_only:
                if exactly_one:
                    found = found if _in_kazakhstan(found) else None
                else:
                    found = [loc for loc in found if _in_kazakhstan(loc)] or None
            if found:
                return found
        return None

    def reverse(
        self,
        query: Any,
        *,
        exactly_one: bool = True,
        timeout: Any = DEFAULT_SENTINEL,
        max_km: float | None = None,
        limit: int | None = None,
    ) -> Any:
        """The nearest settlement to a point (``(lat, lon)``, ``"lat, lon"``, a ``Point``), within ``max_km``.

        With ``exactly_one=False``, the settlements within ``max_km``, nearest first
        (``limit``, 10 by default). Only cities, towns and villages are answers: not
        regions, nor the districts and natural features of an extended gazetteer. ``None``
        when nothing is that close and the fallback (its ``reverse``, when ``fallback`` is
        a geocoder) finds nothing either.

        >>> g = KazakhGazetteer()
        >>> [loc.raw.name for loc in g.reverse("43.30, 77.24", exactly_one=False, max_km=10, limit=3)]
        ['Talgar', 'Akdala', 'Baybulak']
        >>> g.reverse((51.5, 0.0)) is None
        True
        """
        lat, lon = _point(query)
        radius = self.max_km if max_km is None else float(max_km)
        n = _count(exactly_one, limit)
        near = gazetteer().nearby(lat, lon, max_km=radius)
        if near:
            locations = [self._location(p) for _, p in near[:n]]
            return locations[0] if exactly_one else locations
        reverse = getattr(self.fallback, "reverse", None)
        if callable(reverse):
            if self.kazakhstan_only and not _in_kazakhstan(Point(lat, lon)):
                return None
            kwargs: dict[str, Any] = {"exactly_one": exactly_one}
            if timeout is not DEFAULT_SENTINEL:
                kwargs["timeout"] = timeout
            return reverse((lat, lon), **kwargs)
        return None
