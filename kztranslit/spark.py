"""Spark: pandas UDFs for transliteration, keys and geocoding.

The ``[spark]`` extra (PySpark with pandas and PyArrow; ``pip install '.[spark]'`` from a
clone). The UDFs run the same code as :mod:`kztranslit.pandas` on each Arrow batch, so each
row's answer equals the plain function's::

    from pyspark.sql import SparkSession
    from kztranslit.spark import geocode_udf, key_udf, transliterate_udf

    spark = SparkSession.builder.getOrCreate()
    df = spark.createDataFrame([("Қызылорда",), ("Kzyl-Orda",), (None,)], "city string")
    df = (df.withColumn("city_key", key_udf("city"))
            .withColumn("city_latin", transliterate_udf("latin2021")("city"))
            .withColumn("place", geocode_udf("city")))
    df.select("city", "place.id", "place.name", "place.admin1").show()

:func:`geocode_udf` gives a struct column with the fields of :data:`PLACE_SCHEMA`; a
row no place matches gets a struct whose fields are all null (test ``place.id IS NULL``).

**Once per executor.** Nothing is shipped with the UDFs but their options: each Python
worker imports kztranslit, loads the gazetteer on its first batch (module-level, under a
lock, about half a second) and keeps it, with a cache of the answers (100,000 distinct
values per option set), for every later batch and task: Spark reuses its Python workers
(``spark.python.worker.reuse``, on by default). kztranslit must be installed on the
executors, in the Python they run (``PYSPARK_PYTHON``).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING, Any

try:
    import pandas as pd
    import pyspark  # noqa: F401  (the UDFs import from it when made)
except ImportError as e:  # pragma: no cover - depends on the environment
    from .errors import MissingExtra

    raise MissingExtra("kztranslit.spark", "PySpark with pandas and PyArrow", "spark") from e

from .batch import CACHE_SIZE, GeocodeResult, check_near, resolver, transliterator
from .normalize import check_text
from .pandas import key_of, map_strings, places_frame

if TYPE_CHECKING:
    from pyspark.sql import Column

__all__ = ["PLACE_SCHEMA", "geocode_udf", "key_udf", "transliterate_udf"]

PLACE_SCHEMA = (
    "id string, name string, name_kk string, name_ru string, kind string, admin1 string, "
    "lat double, lon double, geonames_id long, population long"
)
"""The struct :func:`geocode_udf` returns, as a Spark DDL string."""

_REASON_SCHEMA = ", reason string, score double"


# Per worker process: the cached functions, by option set, kept across batches and tasks.
@lru_cache(maxsize=64)
def _worker_transliterator(
    scheme: str, options: tuple[tuple[str, bool | str], ...]
) -> Callable[[object], str | None]:
    return transliterator(scheme, options=dict(options), cache_size=CACHE_SIZE)


@lru_cache(maxsize=64)
def _worker_resolver(
    region: str | None, near: tuple[float, float] | None
) -> Callable[[object], GeocodeResult]:
    return resolver(region=region, near=near, cache_size=CACHE_SIZE)


def _check_options(region: str | None, near: tuple[float, float] | None) -> None:
    if region is not None:
        check_text(region, name="region")
    check_near(near)


def transliterate_udf(scheme: str = "latin2021", **options: bool | str) -> Any:
    """A pandas UDF transliterating a string column: ``transliterate_udf("bgn_pcgn")("city")``.

    The scheme and options are checked here, on the driver.
    """
    from pyspark.sql.pandas.functions import pandas_udf

    transliterator(scheme, options=options, cache_size=0)  # UnknownScheme / SchemeError now
    frozen = tuple(sorted(options.items()))

    def kz_transliterate(s: pd.Series) -> pd.Series:
        return map_strings(s, _worker_transliterator(scheme, frozen))

    return pandas_udf(kz_transliterate, "string")  # type: ignore[call-overload]


def key_udf(column: Column | str) -> Column:
    """The matching key (:func:`kztranslit.name_key`) of each value of a string column."""
    from pyspark.sql.pandas.functions import pandas_udf

    def kz_key(s: pd.Series) -> pd.Series:
        return map_strings(s, key_of)

    return pandas_udf(kz_key, "string")(column)  # type: ignore[call-overload,no-any-return]


def geocode_udf(
    column: Column | str,
    *,
    region: str | None = None,
    near: tuple[float, float] | None = None,
    with_reason: bool = False,
) -> Column:
    """The place of each value of a string column, as a struct (:data:`PLACE_SCHEMA`).

    ``with_reason=True`` adds ``reason`` and ``score`` fields, as
    :func:`kztranslit.batch.geocode_many`. The options are checked here, on the driver.
    """
    from pyspark.sql.pandas.functions import pandas_udf

    _check_options(region, near)  # bad options raise now, on the driver (without loading the gazetteer)
    schema = PLACE_SCHEMA + (_REASON_SCHEMA if with_reason else "")

    def kz_geocode(s: pd.Series) -> pd.DataFrame:
        return places_frame(s, _worker_resolver(region, near), with_reason=with_reason).reset_index(drop=True)

    return pandas_udf(kz_geocode, schema)(column)  # type: ignore[call-overload,no-any-return]
