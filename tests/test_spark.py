"""Spark: the pandas UDFs in a real local Spark session give the Python API's answers.

Skipped without PySpark (with pandas and PyArrow) or without a Java runtime. One session for
the module, one local core, no UI; about 30 s on a small machine, most of it the JVM's start.
"""

from __future__ import annotations

import csv
import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import kztranslit

pytest.importorskip("pyspark")
pytest.importorskip("pyarrow")
pd = pytest.importorskip("pandas")
if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
    pytest.skip("no Java runtime for Spark", allow_module_level=True)

pytestmark = pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas:FutureWarning")
ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "eval" / "places_dev.tsv"
FIELDS = ["id", "name", "name_kk", "name_ru", "kind", "admin1", "lat", "lon", "geonames_id", "population"]
NAMES = [
    "Қызылорда", "Кызылорда", "Kzyl-Orda", "Aksu", "Qwerty", "", "г. Алматы", "Nur-Sultan, Kazakhstan",
    "Ust-Kamenogorsk", "Tashkent", "Жаңаөзен", "ШЫМКЕНТ", "Kyzylorada", None,
]  # fmt: skip


def names() -> list[str | None]:
    out: list[str | None] = list(NAMES)
    if DEV.exists():  # and a few hundred spellings people really write
        with DEV.open(encoding="utf-8", newline="") as f:
            out += [r["query"] for i, r in enumerate(csv.DictReader(f, delimiter="\t")) if i % 8 == 0]
    return out


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    from pyspark.sql import SparkSession

    os.environ["PYSPARK_PYTHON"] = sys.executable  # the workers run this environment, with kztranslit
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    session = (
        SparkSession.builder.master("local[1]")
        .appName("kztranslit-test")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "1")
        .config("spark.default.parallelism", "1")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "100")  # several batches per task
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def test_udfs_equal_the_python_api(spark: Any) -> None:
    from kztranslit.spark import geocode_udf, key_udf, transliterate_udf

    rows = names()
    df = spark.createDataFrame([(i, n) for i, n in enumerate(rows)], "i long, city string")
    out = (
        df.withColumn("key", key_udf("city"))
        .withColumn("latin", transliterate_udf("latin2021")("city"))
        .withColumn("bgn", transliterate_udf("bgn_pcgn")(df.city))
        .withColumn("place", geocode_udf("city"))
        .withColumn("why", geocode_udf("city", with_reason=True))
        .orderBy("i")
        .collect()
    )
    assert len(out) == len(rows)
    for row, name in zip(out, rows, strict=True):
        assert row.city == name
        if name is None:
            assert row.key is None and row.latin is None and row.place.id is None
            assert row.why.reason == "invalid"
            continue
        assert row.key == kztranslit.name_key(name)
        assert row.latin == kztranslit.transliterate(name, "latin2021")
        assert row.bgn == kztranslit.transliterate(name, "bgn_pcgn")
        place = kztranslit.geocode(name)
        got = row.place.asDict()
        if place is None:
            assert all(v is None for v in got.values()), name
        else:
            assert got == {f: getattr(place, f) for f in FIELDS}, name
        (search,) = kztranslit.batch.geocode_many([name], with_reason=True)
        assert (row.why.reason, row.why.score) == (search.reason, search.score), name


def test_struct_column_in_sql(spark: Any) -> None:
    from kztranslit.spark import geocode_udf

    df = spark.createDataFrame([("Қызылорда",), ("Qwerty",)], "city string")
    df = df.withColumn("place", geocode_udf("city"))
    df.createOrReplaceTempView("cities")
    got = spark.sql("SELECT city, place.admin1 AS admin1 FROM cities WHERE place.id IS NOT NULL").collect()
    assert [(r.city, r.admin1) for r in got] == [("Қызылорда", "KZ-43")]


def test_the_gazetteer_loads_once_per_worker(spark: Any) -> None:
    from pyspark.sql.pandas.functions import pandas_udf

    def worker_state(s: pd.Series) -> pd.Series:
        from kztranslit.gazetteer import gazetteer

        return pd.Series([f"{os.getpid()}:{id(gazetteer())}"] * len(s))

    probe = pandas_udf(worker_state, "string")  # type: ignore[call-overload]
    df = spark.range(300).selectExpr("cast(id as string) as x")
    seen = {r[0] for _ in range(2) for r in df.select(probe("x")).collect()}
    by_worker: dict[str, set[str]] = {}
    for state in seen:
        pid, gaz = state.split(":")
        by_worker.setdefault(pid, set()).add(gaz)
    # Spark keeps a pool of Python workers (one per core, more if earlier jobs needed them): whichever
    # runs a batch, a worker that has loaded the gazetteer keeps it for every later job.
    assert by_worker and all(len(g) == 1 for g in by_worker.values()), seen


def test_bad_options_raise_on_the_driver() -> None:
    from kztranslit.spark import geocode_udf, transliterate_udf

    with pytest.raises(kztranslit.UnknownScheme):
        transliterate_udf("klingon")
    with pytest.raises(ValueError):
        geocode_udf("city", near=(100.0, 0.0))
