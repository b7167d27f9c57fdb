"""Polars: a ``kz`` namespace on expressions and Series, computed once per distinct value.

``import kztranslit.polars`` registers it (polars is an optional extra:
the ``[polars]`` extra, ``pip install '.[polars]'`` from a clone):

>>> import polars as pl
>>> import kztranslit.polars
>>> df = pl.DataFrame({"city": ["Қызылорда", "Кызылорда", None, "Qwerty"]})
>>> out = df.select(
...     pl.col("city").kz.transliterate("bgn_pcgn").alias("latin"),
...     pl.col("city").kz.key().alias("key"),
...     pl.col("city").kz.geocode().alias("place"),
... )
>>> out["latin"].to_list()
['Qyzylorda', 'Kyzylorda', None, 'Qwerty']
>>> out["place"].struct.field("admin1").to_list()
['KZ-43', 'KZ-43', None, None]
>>> df["city"].kz.key().to_list()
['kizilorda', 'kizilorda', None, 'kuerti']

Each verb maps the column's distinct values (``unique``) and spreads the answers back
(``replace_strict``), so repeated spellings cost one lookup. Each row's answer equals
the plain function's; a null, a non-string column, or a string longer than
:data:`kztranslit.batch.MAX_LENGTH` gives null. ``geocode()`` returns a Struct with the
fields of :data:`PLACE_FIELDS` (null where no place matches); ``geocode(with_reason=True)``
adds ``reason`` and ``score`` and is never null.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

try:
    import polars as pl
except ImportError as e:  # pragma: no cover - depends on the environment
    from .errors import MissingExtra

    raise MissingExtra("kztranslit.polars", "Polars", "polars") from e

from .batch import GeocodeResult, as_name, resolver, transliterator
from .keys import name_key

__all__ = ["PLACE_FIELDS", "KzExpr", "KzSeries", "geocode_series", "key_series", "transliterate_series"]

PLACE_FIELDS: dict[str, Any] = {
    "id": pl.String, "name": pl.String, "name_kk": pl.String, "name_ru": pl.String, "kind": pl.String,
    "admin1": pl.String, "lat": pl.Float64, "lon": pl.Float64, "geonames_id": pl.Int64,
    "population": pl.Int64,
}  # fmt: skip
"""The fields of the Struct ``geocode()`` returns, with their types."""

_REASON_FIELDS: dict[str, Any] = {"reason": pl.String, "score": pl.Float64}


def _map_unique(s: pl.Series, fn: Callable[[object], object], dtype: Any) -> pl.Series:
    """``fn`` of each distinct value of ``s`` (null included), spread back over the rows."""
    if s.dtype == pl.Categorical or s.dtype == pl.Enum:
        s = s.cast(pl.String)
    if s.dtype != pl.String or len(s) == 0:  # numbers, lists…: no row holds a name
        return pl.Series(s.name, [fn(None)] * len(s), dtype=dtype)
    uniques = s.unique(maintain_order=True)
    answers = pl.Series([fn(v) for v in uniques.to_list()], dtype=dtype)
    return s.replace_strict(uniques, answers, return_dtype=dtype).alias(s.name)


def _key(value: object) -> str | None:
    name = as_name(value)
    return None if name is None else name_key(name)


def _transliterate_fn(scheme: str, options: dict[str, bool | str]) -> Callable[[pl.Series], pl.Series]:
    fn = transliterator(scheme, options=options, cache_size=0)  # an unknown scheme raises now
    return lambda s: _map_unique(s, fn, pl.String)


def _geocode_fn(
    region: str | None, near: tuple[float, float] | None, with_reason: bool
) -> tuple[Callable[[pl.Series], pl.Series], Any]:
    resolve = resolver(region=region, near=near, cache_size=0)
    fields = {**PLACE_FIELDS, **_REASON_FIELDS} if with_reason else PLACE_FIELDS
    dtype = pl.Struct(fields)

    def one(value: object) -> dict[str, object] | None:
        r: GeocodeResult = resolve(value)
        if r.place is None and not with_reason:
            return None
        row = {f: None if r.place is None else getattr(r.place, f) for f in PLACE_FIELDS}
        if with_reason:
            row.update(reason=r.reason, score=r.score)
        return row

    return (lambda s: _map_unique(s, one, dtype)), dtype


def transliterate_series(s: pl.Series, scheme: str = "latin2021", **options: bool | str) -> pl.Series:
    """``transliterate`` of each value of a Series (null where the value is not a name)."""
    return _transliterate_fn(scheme, options)(s)


def key_series(s: pl.Series) -> pl.Series:
    """``name_key`` of each value of a Series (null where the value is not a name)."""
    return _map_unique(s, _key, pl.String)


def geocode_series(
    s: pl.Series,
    *,
    region: str | None = None,
    near: tuple[float, float] | None = None,
    with_reason: bool = False,
) -> pl.Series:
    """The place of each value of a Series, as a Struct (see :data:`PLACE_FIELDS`)."""
    return _geocode_fn(region, near, with_reason)[0](s)


@pl.api.register_expr_namespace("kz")
class KzExpr:
    """``pl.col(...).kz``: kztranslit's verbs as expressions."""

    def __init__(self, expr: pl.Expr) -> None:
        self._expr = expr

    def transliterate(self, scheme: str = "latin2021", **options: bool | str) -> pl.Expr:
        """Each name in ``scheme`` (:func:`kztranslit.transliterate`), a String column."""
        return self._expr.map_batches(_transliterate_fn(scheme, options), return_dtype=pl.String,
                                      is_elementwise=True)  # fmt: skip

    def key(self) -> pl.Expr:
        """Each name's matching key (:func:`kztranslit.name_key`), a String column."""
        return self._expr.map_batches(key_series, return_dtype=pl.String, is_elementwise=True)

    def geocode(
        self, *, region: str | None = None, near: tuple[float, float] | None = None, with_reason: bool = False
    ) -> pl.Expr:
        """Each name's place (:func:`kztranslit.geocode`), a Struct column (see :data:`PLACE_FIELDS`).

        Unnest it into columns with ``.struct.unnest()`` or pick one with ``.struct.field("id")``.
        """
        fn, dtype = _geocode_fn(region, near, with_reason)
        return self._expr.map_batches(fn, return_dtype=dtype, is_elementwise=True)


@pl.api.register_series_namespace("kz")
class KzSeries:
    """``series.kz``: the same verbs on a polars Series."""

    def __init__(self, series: pl.Series) -> None:
        self._s = series

    def transliterate(self, scheme: str = "latin2021", **options: bool | str) -> pl.Series:
        """Each name in ``scheme``."""
        return transliterate_series(self._s, scheme, **options)

    def key(self) -> pl.Series:
        """Each name's matching key."""
        return key_series(self._s)

    def geocode(
        self, *, region: str | None = None, near: tuple[float, float] | None = None, with_reason: bool = False
    ) -> pl.Series:
        """Each name's place, a Struct Series."""
        return geocode_series(self._s, region=region, near=near, with_reason=with_reason)
