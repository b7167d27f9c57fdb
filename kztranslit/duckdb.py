"""DuckDB: kztranslit's verbs as SQL functions, vectorized, each distinct value computed once.

``pip install '.[duckdb]'`` (DuckDB and PyArrow). :func:`register` adds the
functions to a connection:

>>> import duckdb
>>> import kztranslit.duckdb
>>> con = duckdb.connect()
>>> kztranslit.duckdb.register(con)
('kz_key', 'kz_translit', 'kz_to_cyrillic', 'kz_geocode')
>>> con.execute("SELECT kz_key('Қызылорда'), kz_translit('Қызылорда', 'bgn_pcgn'), "
...             "kz_to_cyrillic('Tokayev')").fetchall()
[('kizilorda', 'Qyzylorda', 'Тоқаев')]
>>> con.execute("SELECT kz_geocode('Kzyl-Orda').kato").fetchall()
[('431010000',)]
>>> for row in con.execute('''
...         SELECT city, g.id, g.name, g.region, g.reason
...         FROM (SELECT city, kz_geocode(city) AS g FROM (VALUES ('Aksu'), ('Bishkek'), (NULL)) t(city))
...         ''').fetchall():
...     print(row)
('Aksu', 'kato:551610000', 'Aksu', 'Pavlodar Region', 'ambiguous')
('Bishkek', None, None, None, 'unresolved')
(None, None, None, None, None)

The functions:

* ``kz_key(text)``: :func:`kztranslit.name_key`;
* ``kz_translit(text, scheme)``: :func:`kztranslit.transliterate` (an unknown scheme fails
  the query with the list of valid ones);
* ``kz_to_cyrillic(text)``: :func:`kztranslit.to_cyrillic`;
* ``kz_geocode(text)``: a ``STRUCT`` with the fields of :data:`GEOCODE_FIELDS`: the place
  :func:`kztranslit.geocode` returns (``id``, ``kato``, ``name``, ``kind``, ``lat``, ``lon``,
  the names of its ``district`` and ``region``, the region's ISO code ``admin1``) and the
  ``reason`` and ``score`` of :func:`kztranslit.batch.geocode_many` (``resolved``,
  ``ambiguous``, ``unresolved``, ``invalid``). A name no place matches gives a struct whose
  place fields are null and whose ``reason`` says why: test ``g.id IS NULL``.

As everywhere in SQL, a NULL argument gives NULL. A string that is not a name (longer than
:data:`kztranslit.batch.MAX_LENGTH`) gives NULL (``kz_geocode``: reason ``invalid``), as the
batch functions do.

**Vectorized.** The functions are Arrow UDFs: DuckDB hands them a column chunk at a time
(2,048 rows); each chunk is dictionary-encoded, only its distinct values are computed, and
the answers are spread back with ``take``. Answers are cached across chunks and queries
(:data:`kztranslit.batch.CACHE_SIZE` distinct values per function, least recently used
evicted), so a column of a million rows and twenty thousand spellings costs twenty thousand
lookups. Each row's answer equals the plain function's.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from functools import lru_cache
from typing import Any

try:
    import duckdb
    import pyarrow as pa
    import pyarrow.compute as pc
except ImportError as e:  # pragma: no cover - depends on the environment
    from .errors import MissingExtra

    raise MissingExtra("kztranslit.duckdb", "DuckDB and PyArrow", "duckdb") from e

from .batch import CACHE_SIZE, GeocodeResult, as_name, check_near, resolver, transliterator
from .normalize import check_text

__all__ = ["FUNCTIONS", "GEOCODE_FIELDS", "geocode_row", "register"]

GEOCODE_FIELDS: dict[str, str] = {
    "id": "VARCHAR", "kato": "VARCHAR", "name": "VARCHAR", "kind": "VARCHAR", "lat": "DOUBLE",
    "lon": "DOUBLE", "district": "VARCHAR", "region": "VARCHAR", "admin1": "VARCHAR", "reason": "VARCHAR",
    "score": "DOUBLE",
}  # fmt: skip
"""The fields of the struct ``kz_geocode`` returns, with their SQL types."""

FUNCTIONS = ("key", "translit", "to_cyrillic", "geocode")
"""The functions :func:`register` adds, without their prefix."""

_ARROW_TYPES = {"VARCHAR": pa.string(), "DOUBLE": pa.float64()}


def geocode_row(result: GeocodeResult) -> tuple[object, ...]:
    """The fields of :data:`GEOCODE_FIELDS` for one answer of :func:`kztranslit.batch.resolver`.

    >>> from kztranslit.batch import resolver
    >>> geocode_row(resolver()("Qyzylorda"))[:4]
    ('kato:431010000', '431010000', 'Kyzylorda', 'city')
    """
    p = result.place
    if p is None:
        return (None,) * 9 + (result.reason, result.score)
    district, region = p.district, p.region
    return (
        p.id, p.kato, p.name, p.kind, p.lat, p.lon, None if district is None else district.name,
        None if region is None else region.name, p.admin1, result.reason, result.score,
    )  # fmt: skip


def _chunk(values: Any) -> Any:
    """One Arrow array from what DuckDB passes (a ChunkedArray of one vector)."""
    return values.combine_chunks() if isinstance(values, pa.ChunkedArray) else values


def _per_distinct(fn: Callable[[object], object], out_type: Any) -> Callable[[Any], Any]:
    """An Arrow UDF of one string column: ``fn`` of each distinct value of a chunk, spread back."""

    def udf(values: Any) -> Any:
        encoded = pc.dictionary_encode(_chunk(values))
        answers = [fn(v) for v in encoded.dictionary.to_pylist()]
        return pa.array(answers, type=out_type).take(encoded.indices)

    return udf


def _cached(fn: Callable[[str], object], cache_size: int) -> Callable[[object], object]:
    """``fn`` of a name, cached; ``None`` for a value that is not a name (see ``as_name``)."""
    one = lru_cache(maxsize=cache_size)(fn)

    def call(value: object) -> object:
        name = as_name(value)
        return None if name is None else one(name)

    return call


def _translit_udf(cache_size: int) -> Callable[[Any, Any], Any]:
    fns: dict[str, Callable[[object], str | None]] = {}

    def scheme_fn(scheme: object) -> Callable[[object], str | None] | None:
        if not isinstance(scheme, str):
            return None  # a NULL scheme: NULL, as any NULL argument
        fn = fns.get(scheme)
        if fn is None:
            fn = fns[scheme] = transliterator(scheme, cache_size=cache_size)  # UnknownScheme now
        return fn

    def udf(texts: Any, schemes: Any) -> Any:
        texts, schemes = _chunk(texts), _chunk(schemes)
        by_scheme = pc.dictionary_encode(schemes)
        names = by_scheme.dictionary.to_pylist()
        if len(names) == 1:  # the usual case: one scheme for the whole column
            fn = scheme_fn(names[0])
            encoded = pc.dictionary_encode(texts)
            answers = [None if fn is None else fn(v) for v in encoded.dictionary.to_pylist()]
            return pa.array(answers, type=pa.string()).take(encoded.indices)
        return pa.array(
            [None if (fn := scheme_fn(s)) is None else fn(t)
             for t, s in zip(texts.to_pylist(), schemes.to_pylist(), strict=True)],
            type=pa.string(),
        )  # fmt: skip

    return udf


def _geocode_udf(resolve: Callable[[object], GeocodeResult], cache_size: int) -> Callable[[Any], Any]:
    names = list(GEOCODE_FIELDS)
    types = [_ARROW_TYPES[t] for t in GEOCODE_FIELDS.values()]
    struct = pa.struct(list(zip(names, types, strict=True)))
    row: Callable[[object], object] = lru_cache(maxsize=cache_size)(lambda v: geocode_row(resolve(v)))

    def udf(values: Any) -> Any:
        encoded = pc.dictionary_encode(_chunk(values))
        rows = [row(v) for v in encoded.dictionary.to_pylist()]
        columns = [pa.array([r[i] for r in rows], type=t) for i, t in enumerate(types)]  # type: ignore[index]
        return pa.StructArray.from_arrays(columns, fields=list(struct)).take(encoded.indices)

    return udf


def _sql_type(con: duckdb.DuckDBPyConnection, text: str) -> Any:
    make = getattr(con, "sqltype", None) or con.type  # ``type`` before DuckDB 1.3
    return make(text)


def register(
    con: duckdb.DuckDBPyConnection,
    *,
    prefix: str = "kz_",
    region: str | None = None,
    near: tuple[float, float] | None = None,
    cache_size: int = CACHE_SIZE,
) -> tuple[str, ...]:
    """Add ``kz_key``, ``kz_translit``, ``kz_to_cyrillic`` and ``kz_geocode`` to a connection.

    ``prefix`` names them (``prefix="kazakh_"`` gives ``kazakh_geocode``…); functions of the
    same names already registered are replaced. ``region`` and ``near`` are
    :func:`kztranslit.geocode`'s preferences for every row of ``kz_geocode``; they are
    checked now, and the gazetteer is loaded now. Returns the names of the functions.
    """
    from .keys import name_key
    from .restore import to_cyrillic

    if region is not None:
        check_text(region, name="region")
    where = check_near(near)
    if not isinstance(prefix, str) or not prefix.replace("_", "a").isalnum():
        raise ValueError(f"prefix must be letters, digits and underscores, not {prefix!r}")
    resolve = resolver(region=region, near=where, cache_size=0)  # the UDF keeps the cache
    varchar = _sql_type(con, "VARCHAR")
    struct = _sql_type(con, "STRUCT(" + ", ".join(f"{k} {t}" for k, t in GEOCODE_FIELDS.items()) + ")")
    udfs: dict[str, tuple[Callable[..., Any], list[Any], Any]] = {
        "key": (_per_distinct(_cached(name_key, cache_size), pa.string()), [varchar], varchar),
        "translit": (_translit_udf(cache_size), [varchar, varchar], varchar),
        "to_cyrillic": (_per_distinct(_cached(to_cyrillic, cache_size), pa.string()), [varchar], varchar),
        "geocode": (_geocode_udf(resolve, cache_size), [varchar], struct),
    }
    names = []
    for verb, (fn, params, returns) in udfs.items():
        name = prefix + verb
        with contextlib.suppress(duckdb.Error):  # not registered yet
            con.remove_function(name)
        create: Any = con.create_function  # (the stubs' overloads differ between DuckDB versions)
        create(name, fn, params, returns, type="arrow", null_handling="special")
        names.append(name)
    return tuple(names)
