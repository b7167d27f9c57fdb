"""pandas and polars verbs: each row equals the plain API (missing rows included), index kept,
and the work is done once per distinct value."""

from __future__ import annotations

import math
from typing import Any

import pytest

import kztranslit
from kztranslit.batch import geocode_many

CITIES: list[Any] = [
    "Қызылорда", "Кызылорда", None, "Kzyl-Orda", float("nan"), "Aksu", "Qwerty", "", "Қызылорда",
    "Nur-Sultan", "г. Алматы", "Tashkent", "Ust-Kamenogorsk", "x" * 2_000,
]  # fmt: skip
PLACE_FIELDS = [
    "id", "name", "name_kk", "name_ru", "kind", "admin1", "lat", "lon", "geonames_id", "population",
]  # fmt: skip


def is_name(v: object) -> bool:
    return isinstance(v, str) and len(v) <= 1_000


def expected_translit(scheme: str) -> list[str | None]:
    return [kztranslit.transliterate(v, scheme) if is_name(v) else None for v in CITIES]


def expected_keys() -> list[str | None]:
    return [kztranslit.name_key(v) if is_name(v) else None for v in CITIES]


def expected_places() -> list[kztranslit.Place | None]:
    return [kztranslit.geocode(v) if is_name(v) else None for v in CITIES]


def missing(v: object) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v)) or type(v).__name__ in ("NAType", "NaTType")


def same(a: list[Any], b: list[Any]) -> bool:
    """Equal lists, any missing value (None, NaN, pd.NA) equal to any other."""
    return len(a) == len(b) and all((missing(x) and missing(y)) or x == y for x, y in zip(a, b, strict=True))


# ---------------------------------------------------------------------------
# pandas


@pytest.fixture(scope="module")
def pd() -> Any:
    pandas = pytest.importorskip("pandas")
    import kztranslit.pandas  # noqa: F401  (registers .kz)

    return pandas


@pytest.fixture
def city(pd: Any) -> Any:
    return pd.Series(CITIES, name="city", index=[f"r{i}" for i in range(len(CITIES))], dtype=object)


@pytest.mark.parametrize("scheme", ["latin2021", "bgn_pcgn", "ru_icao"])
def test_pandas_transliterate(city: Any, scheme: str) -> None:
    out = city.kz.transliterate(scheme)
    assert same(out.tolist(), expected_translit(scheme))
    assert out.index.equals(city.index) and out.name == "city"


def test_pandas_key(city: Any) -> None:
    out = city.kz.key()
    assert same(out.tolist(), expected_keys())
    assert out.index.equals(city.index)


def test_pandas_geocode(city: Any, pd: Any) -> None:
    out = city.kz.geocode()
    assert list(out.columns) == PLACE_FIELDS
    assert out.index.equals(city.index)
    for (_, row), place in zip(out.iterrows(), expected_places(), strict=True):
        if place is None:
            assert all(missing(v) for v in row.tolist())
        else:
            assert [row[f] for f in PLACE_FIELDS] == [getattr(place, f) for f in PLACE_FIELDS]
    assert str(out["geonames_id"].dtype) == "Int64" and out["lat"].dtype == float


def test_pandas_geocode_with_reason_and_options(city: Any) -> None:
    out = city.kz.geocode(region="KZ-43", with_reason=True)
    expected = list(geocode_many(CITIES, region="KZ-43", with_reason=True))
    assert out["reason"].tolist() == [r.reason for r in expected]
    assert same(out["score"].tolist(), [r.score for r in expected])
    assert same(out["id"].tolist(), [r.place.id if r.place else None for r in expected])


def test_pandas_other_dtypes(pd: Any) -> None:
    cat = pd.Series(["Алматы", "Qyzylorda", "Алматы", None], dtype="category")
    assert same(cat.kz.key().tolist(), ["almati", "kizilorda", "almati", None])
    numbers = pd.Series([1.5, None, 3.0])
    assert same(numbers.kz.transliterate().tolist(), [None, None, None])
    assert numbers.kz.geocode()["id"].isna().all()
    assert len(pd.Series([], dtype=object).kz.geocode()) == 0
    mixed = pd.Series([["Almaty"], "Алматы", {"a": 1}, None, "Алматы"])
    assert same(mixed.kz.key().tolist(), [None, "almati", None, None, "almati"])
    assert same(mixed.kz.geocode()["name"].tolist(), [None, "Almaty", None, None, "Almaty"])


def test_pandas_join_back(pd: Any) -> None:
    df = pd.DataFrame({"city": ["Қызылорда", "Qwerty"]}, index=[10, 20])
    joined = df.join(df["city"].kz.geocode().add_prefix("city_"))
    assert joined.loc[10, "city_name"] == "Kyzylorda" and missing(joined.loc[20, "city_id"])


def test_pandas_work_is_per_distinct_value(pd: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from kztranslit import batch

    calls: list[str] = []
    real = kztranslit.search

    def counting(query: str, **kwargs: Any) -> list[kztranslit.Match]:
        calls.append(query)
        return real(query, **kwargs)

    monkeypatch.setattr(batch, "search", counting)
    pd.Series(["Алматы", "Qyzylorda"] * 500).kz.geocode()
    assert sorted(calls) == ["Qyzylorda", "Алматы"]


def test_pandas_bad_scheme(city: Any) -> None:
    with pytest.raises(kztranslit.UnknownScheme):
        city.kz.transliterate("klingon")


# ---------------------------------------------------------------------------
# polars


@pytest.fixture(scope="module")
def pl() -> Any:
    polars = pytest.importorskip("polars")
    import kztranslit.polars  # noqa: F401  (registers .kz)

    return polars


@pytest.fixture
def frame(pl: Any) -> Any:
    # polars has no NaN in a String column: NaN rows are nulls there.
    return pl.DataFrame({"city": [None if missing(v) else v for v in CITIES]}, schema={"city": pl.String})


@pytest.mark.parametrize("scheme", ["latin2021", "bgn_pcgn", "ru_icao"])
def test_polars_transliterate(frame: Any, pl: Any, scheme: str) -> None:
    out = frame.select(pl.col("city").kz.transliterate(scheme))
    assert out.columns == ["city"]
    assert out["city"].to_list() == expected_translit(scheme)
    assert frame["city"].kz.transliterate(scheme).to_list() == expected_translit(scheme)


def test_polars_key(frame: Any, pl: Any) -> None:
    assert frame.select(pl.col("city").kz.key())["city"].to_list() == expected_keys()
    lazy = frame.lazy().with_columns(key=pl.col("city").kz.key()).collect()
    assert lazy["key"].to_list() == expected_keys()


def test_polars_geocode(frame: Any, pl: Any) -> None:
    out = frame.select(pl.col("city").kz.geocode().alias("place"))["place"]
    assert isinstance(out.dtype, pl.Struct) and [f.name for f in out.dtype.fields] == PLACE_FIELDS
    for got, place in zip(out.to_list(), expected_places(), strict=True):
        if place is None:
            assert got is None
        else:
            assert got == {f: getattr(place, f) for f in PLACE_FIELDS}
    unnested = frame.select(pl.col("city").kz.geocode()).unnest("city")
    assert unnested.columns == PLACE_FIELDS


def test_polars_geocode_with_reason(frame: Any, pl: Any) -> None:
    out = frame["city"].kz.geocode(with_reason=True)
    expected = list(geocode_many(frame["city"].to_list(), with_reason=True))
    assert out.struct.field("reason").to_list() == [r.reason for r in expected]
    assert out.struct.field("score").to_list() == [r.score for r in expected]
    assert out.null_count() == 0


def test_polars_other_dtypes(pl: Any) -> None:
    nums = pl.DataFrame({"x": [1, 2, None]})
    assert nums.select(pl.col("x").kz.key())["x"].to_list() == [None, None, None]
    cat = pl.Series(["Алматы", "Алматы", None], dtype=pl.Categorical)
    assert cat.kz.transliterate().to_list() == ["Almaty", "Almaty", None]
    empty = pl.DataFrame({"city": []}, schema={"city": pl.String})
    assert empty.select(pl.col("city").kz.geocode()).height == 0


def test_polars_bad_scheme(pl: Any) -> None:
    with pytest.raises(kztranslit.UnknownScheme):
        pl.col("city").kz.transliterate("klingon")
