"""pandas: a ``.kz`` accessor on Series, computed once per distinct value.

``import kztranslit.pandas`` registers the accessor (pandas is an optional extra:
the ``[pandas]`` extra, ``pip install '.[pandas]'`` from a clone):

>>> import pandas as pd
>>> import kztranslit.pandas
>>> city = pd.Series(["Қызылорда", "Кызылорда", None, "Aksu", "Qwerty"])
>>> city.kz.key().tolist()[:2]
['kizilorda', 'kizilorda']
>>> city.kz.transliterate("bgn_pcgn").tolist()[0]
'Qyzylorda'
>>> places = city.kz.geocode()
>>> places["name"].tolist()[:2], places["admin1"].tolist()[1]
(['Kyzylorda', 'Kyzylorda'], 'KZ-43')
>>> city.kz.geocode(with_reason=True)["reason"].tolist()
['resolved', 'resolved', 'invalid', 'ambiguous', 'unresolved']

Every verb works on the Series' distinct values (``pandas.factorize``) and maps the
answers back, so a column of a million rows and twenty thousand spellings costs
twenty thousand lookups. Each row's answer equals the plain function's:
``transliterate``, ``name_key`` and ``geocode``; a value that is not a name (missing,
``NaN``, a number, longer than :data:`kztranslit.batch.MAX_LENGTH`) gives a missing value.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

try:
    import numpy as np
    import pandas as pd
except ImportError as e:  # pragma: no cover - depends on the environment
    from .errors import MissingExtra

    raise MissingExtra("kztranslit.pandas", "pandas", "pandas") from e

from .batch import GeocodeResult, as_name, resolver, transliterator
from .keys import name_key

__all__ = [
    "PLACE_COLUMNS", "KzAccessor", "geocode_frame", "key_of", "key_series", "map_strings", "places_frame",
    "transliterate_series",
]  # fmt: skip

PLACE_COLUMNS = (
    "id", "name", "name_kk", "name_ru", "kind", "admin1", "lat", "lon", "geonames_id", "population",
)  # fmt: skip
"""The columns of :meth:`KzAccessor.geocode`, in order (``reason`` and ``score`` follow on request)."""


def _per_unique(series: pd.Series, fn: Callable[[object], Any], missing: Any) -> tuple[np.ndarray, list[Any]]:
    """``fn`` of each distinct value, and for each row the index of its answer in that list.

    Missing values (``None``, ``NaN``, ``pd.NA``) take the last slot, holding ``missing``.
    """
    try:
        codes, uniques = pd.factorize(series, use_na_sentinel=True)
    except TypeError:  # unhashable cells (lists, dicts) among the names: distinct strings by hand
        return _per_unique_slow(series, fn, missing)
    answers = [fn(v) for v in uniques]
    answers.append(missing)
    codes = np.where(codes < 0, len(answers) - 1, codes)
    return codes, answers


def _per_unique_slow(
    series: pd.Series, fn: Callable[[object], Any], missing: Any
) -> tuple[np.ndarray, list[Any]]:
    slot: dict[str, int] = {}
    answers: list[Any] = [missing]  # slot 0: every value that is not a string
    codes = np.zeros(len(series), dtype=np.intp)
    for i, v in enumerate(series.tolist()):
        if isinstance(v, str):
            j = slot.get(v)
            if j is None:
                j = slot[v] = len(answers)
                answers.append(fn(v))
            codes[i] = j
    return codes, answers


def _strings(codes: np.ndarray, answers: list[Any], index: pd.Index, name: object) -> pd.Series:
    values = np.empty(len(answers), dtype=object)
    values[:] = answers
    return pd.Series(list(values[codes]), index=index, name=name)


def map_strings(series: pd.Series, fn: Callable[[object], str | None]) -> pd.Series:
    """``fn`` of each distinct value of ``series``, spread back: same index and name."""
    codes, answers = _per_unique(series, fn, None)
    return _strings(codes, answers, series.index, series.name)


def transliterate_series(series: pd.Series, scheme: str = "latin2021", **options: bool | str) -> pd.Series:
    """``transliterate`` of each value (missing where the value is not a name), same index and name."""
    return map_strings(series, transliterator(scheme, options=options, cache_size=0))


def key_of(value: object) -> str | None:
    """``name_key`` of a value, ``None`` if it is not a name."""
    name = as_name(value)
    return None if name is None else name_key(name)


def key_series(series: pd.Series) -> pd.Series:
    """``name_key`` of each value (missing where the value is not a name), same index and name."""
    return map_strings(series, key_of)


def places_frame(
    series: pd.Series, resolve: Callable[[object], GeocodeResult], *, with_reason: bool = False
) -> pd.DataFrame:
    """The columns of :func:`geocode_frame` for a Series, with ``resolve`` answering each distinct value."""
    codes, answers = _per_unique(series, resolve, GeocodeResult(None, "invalid"))
    cols: dict[str, list[Any]] = {c: [] for c in PLACE_COLUMNS}
    for r in answers:
        for c in PLACE_COLUMNS:
            cols[c].append(None if r.place is None else getattr(r.place, c))
    if with_reason:
        cols["reason"] = [r.reason for r in answers]
        cols["score"] = [r.score for r in answers]
    data: dict[str, Any] = {}
    for c, values in cols.items():
        if c in ("lat", "lon", "score"):
            data[c] = np.array([np.nan if v is None else v for v in values], dtype=float)[codes]
        elif c in ("geonames_id", "population"):
            data[c] = pd.array(values, dtype="Int64").take(codes)
        else:
            obj = np.empty(len(values), dtype=object)
            obj[:] = values
            data[c] = list(obj[codes])
    return pd.DataFrame(data, index=series.index)


def geocode_frame(
    series: pd.Series,
    *,
    region: str | None = None,
    near: tuple[float, float] | None = None,
    with_reason: bool = False,
) -> pd.DataFrame:
    """The place of each value as columns :data:`PLACE_COLUMNS` (missing where none), same index.

    ``lat``, ``lon`` are floats (NaN where missing), ``geonames_id`` and ``population``
    nullable integers (``Int64``). ``with_reason=True`` adds ``reason`` (resolved,
    ambiguous, unresolved, invalid) and ``score``, as :func:`kztranslit.batch.geocode_many`.
    """
    resolve = resolver(region=region, near=near, cache_size=0)
    return places_frame(series, resolve, with_reason=with_reason)


@pd.api.extensions.register_series_accessor("kz")
class KzAccessor:
    """``series.kz``: kztranslit's verbs on a Series of names."""

    def __init__(self, series: pd.Series) -> None:
        self._s = series

    def transliterate(self, scheme: str = "latin2021", **options: bool | str) -> pd.Series:
        """Each name in ``scheme`` (:func:`kztranslit.transliterate`)."""
        return transliterate_series(self._s, scheme, **options)

    def key(self) -> pd.Series:
        """Each name's matching key (:func:`kztranslit.name_key`)."""
        return key_series(self._s)

    def geocode(
        self,
        *,
        region: str | None = None,
        near: tuple[float, float] | None = None,
        with_reason: bool = False,
        geometry: bool = False,
    ) -> pd.DataFrame:
        """Each name's place as a DataFrame aligned to the Series (see :func:`geocode_frame`).

        Join it back with a prefix: ``df.join(df["city"].kz.geocode().add_prefix("city_"))``.
        ``geometry=True`` gives a GeoDataFrame (a DataFrame) with a ``geometry`` column of
        points, ``None`` where no place matched (needs ``kztranslit[geopandas]``; see
        :func:`kztranslit.geopandas.points`).
        """
        frame = geocode_frame(self._s, region=region, near=near, with_reason=with_reason)
        if not geometry:
            return frame
        from .geopandas import points

        return points(frame)
