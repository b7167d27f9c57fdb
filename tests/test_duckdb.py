"""DuckDB functions on a real DuckDB: each row equals the plain API, NULLs and bad rows included,
and each distinct value is computed once across chunks."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kztranslit
from kztranslit.batch import resolver
from kztranslit.normalize import LETTER

duckdb = pytest.importorskip("duckdb")
pytest.importorskip("pyarrow")
import kztranslit.duckdb as kzduck  # noqa: E402

CITIES: list[Any] = [
    "Қызылорда", "Кызылорда", None, "Kzyl-Orda", "Aksu", "Bishkek", "", "  ", "Қызылорда",
    "Nur-Sultan", "г. Алматы", "Tashkent", "Ust-Kamenogorsk", "x" * 2_000, "Шымкент", "Taldyqorghan",
    "Арысь", "Tselinograd", "Zhanaozen", "Qapşağai",
]  # fmt: skip


def is_name(v: object) -> bool:
    return isinstance(v, str) and len(v) <= 1_000


@pytest.fixture(scope="module")
def con() -> Any:
    c = duckdb.connect()
    kzduck.register(c)
    c.execute("CREATE TABLE t (i INTEGER, city VARCHAR)")
    c.executemany("INSERT INTO t VALUES (?, ?)", list(enumerate(CITIES)))
    return c


def column(con: Any, expr: str, table: str = "t") -> list[Any]:
    return [r[0] for r in con.execute(f"SELECT {expr} FROM {table} ORDER BY i").fetchall()]


def expected_geocode(v: object) -> dict[str, object] | None:
    if v is None:
        return None  # SQL: NULL in, NULL out
    return dict(zip(kzduck.GEOCODE_FIELDS, kzduck.geocode_row(resolver()(v)), strict=True))


def test_key_equals_name_key(con: Any) -> None:
    assert column(con, "kz_key(city)") == [kztranslit.name_key(v) if is_name(v) else None for v in CITIES]


@pytest.mark.parametrize("scheme", ["latin2021", "bgn_pcgn", "rferl", "ru_bgn_pcgn"])
def test_translit_equals_transliterate(con: Any, scheme: str) -> None:
    want = [kztranslit.transliterate(v, scheme) if is_name(v) else None for v in CITIES]
    assert column(con, f"kz_translit(city, '{scheme}')") == want


def test_translit_scheme_per_row(con: Any) -> None:
    schemes = ["latin2021", "bgn_pcgn", None, "iso9"]
    got = con.execute(
        "SELECT kz_translit(city, s) FROM t, (SELECT unnest(?) AS s) ORDER BY i, s NULLS LAST", [schemes]
    ).fetchall()
    want = [
        kztranslit.transliterate(v, s) if is_name(v) and s is not None else None
        for v in CITIES for s in sorted(schemes, key=lambda s: (s is None, s or ""))
    ]  # fmt: skip
    assert [r[0] for r in got] == want


def test_unknown_scheme_fails_the_query_with_the_valid_ones(con: Any) -> None:
    with pytest.raises(duckdb.Error, match=r"unknown scheme 'klingon'.*latin2021"):
        con.execute("SELECT kz_translit(city, 'klingon') FROM t").fetchall()


def test_to_cyrillic_equals_to_cyrillic(con: Any) -> None:
    want = [kztranslit.to_cyrillic(v) if is_name(v) else None for v in CITIES]
    assert column(con, "kz_to_cyrillic(city)") == want


def test_geocode_equals_geocode_row_by_row(con: Any) -> None:
    got = column(con, "kz_geocode(city)")
    assert got == [expected_geocode(v) for v in CITIES]
    for v, g in zip(CITIES, got, strict=True):
        if v is None:
            continue
        place = kztranslit.geocode(v) if is_name(v) else None
        assert g["id"] == (place.id if place else None), v
        assert g["kato"] == (place.kato if place else None)
    reasons = dict(zip(CITIES, (g and g["reason"] for g in got), strict=False))
    assert reasons["Кызылорда"] == "resolved"
    assert reasons["Aksu"] == "ambiguous"
    assert reasons["Bishkek"] == "unresolved"
    assert reasons[""] == reasons["x" * 2_000] == "invalid"


def test_geocode_struct_fields_in_sql(con: Any) -> None:
    row = con.execute(
        "SELECT g.id, g.kato, g.name, g.lat, g.lon, g.district, g.region, g.admin1, g.reason "
        "FROM (SELECT kz_geocode('Арысь') AS g)"
    ).fetchall()[0]
    place = kztranslit.geocode("Арысь")
    assert place is not None and place.district is not None and place.region is not None
    assert row == (place.id, place.kato, place.name, place.lat, place.lon, place.district.name,
                   place.region.name, place.admin1, "resolved")  # fmt: skip


def test_the_issue_query_over_read_csv(tmp_path: Path) -> None:
    rows = tmp_path / "rows.csv"
    rows.write_text("id,city\n1,Кызылорда\n2,Kzyl-Orda\n3,\n4,Bishkek\n", encoding="utf-8")
    con = duckdb.connect()
    kzduck.register(con)
    got = con.execute(f"SELECT kz_geocode(city).kato FROM read_csv('{rows}') ORDER BY id").fetchall()
    assert [r[0] for r in got] == ["431010000", "431010000", None, None]


def real_names(n: int, seed: int) -> list[str]:
    """Real spellings from the gazetteer with near misses, repeated with a long tail."""
    from kztranslit.gazetteer import gazetteer

    rng = random.Random(seed)
    places = sorted(gazetteer().places.values(), key=lambda p: p.id)
    pool: list[str] = []
    for p in rng.sample(places, 400):
        name = rng.choice([x for x in (p.name, p.name_kk, p.name_ru) if x])
        pool.append(name)
        pool.append(name.upper() if rng.random() < 0.5 else name[:-1])  # a near miss
    return rng.choices(pool, weights=[1 / (i + 5) for i in range(len(pool))], k=n)


def test_many_chunks_equal_the_plain_api_and_compute_each_distinct_value_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from kztranslit import batch

    names = real_names(6_000, seed=13)  # three DuckDB vectors of 2,048 rows
    calls: list[str] = []
    real_search = batch.search

    def counting(text: str, **kw: Any) -> Any:
        calls.append(text)
        return real_search(text, **kw)

    monkeypatch.setattr(batch, "search", counting)
    con = duckdb.connect()
    kzduck.register(con)
    con.execute("CREATE TABLE big AS SELECT unnest(?) AS city, generate_subscripts(?, 1) AS i", [names] * 2)
    got = column(con, "kz_geocode(city)", "big")
    # each distinct name resolved once, across chunks (a value with no letter, "112", is not a name)
    searched = {n for n in names if LETTER.search(n)}
    assert len(calls) == len(searched)
    assert sorted(calls) == sorted(searched)
    monkeypatch.setattr(batch, "search", real_search)
    resolve = resolver()
    fields = kzduck.GEOCODE_FIELDS
    assert got == [dict(zip(fields, kzduck.geocode_row(resolve(v)), strict=True)) for v in names]
    keys = column(con, "kz_key(city)", "big")
    assert keys == [kztranslit.name_key(v) for v in names]


def test_register_options() -> None:
    con = duckdb.connect()
    assert kzduck.register(con, prefix="kazakh_") == (
        "kazakh_key", "kazakh_translit", "kazakh_to_cyrillic", "kazakh_geocode")  # fmt: skip
    kzduck.register(con, prefix="kazakh_", region="Pavlodar Region")  # replaces the functions
    got = con.execute("SELECT kazakh_geocode('Aksu')").fetchall()[0][0]
    assert got["id"] == kztranslit.geocode("Aksu", region="Pavlodar Region").id  # type: ignore[union-attr]
    assert got["admin1"] == "KZ-55"
    with pytest.raises(ValueError):
        kzduck.register(con, prefix="kz; DROP TABLE t; --")
    with pytest.raises(TypeError):
        kzduck.register(con, near=("north", 1))  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        kzduck.register(con, near=(123.0, 1.0))


# ---------------------------------------------------------------------------
# Properties: any column of real names, near misses, NULLs and noise gives the plain API's answers


def _pool() -> list[str]:
    from kztranslit.gazetteer import gazetteer

    rng = random.Random(2)
    places = sorted(gazetteer().places.values(), key=lambda p: p.id)
    return [n for p in rng.sample(places, 300) for n in (p.name, p.name_kk, p.name_ru) if n]


POOL = _pool()


def near_miss(name: str, how: int) -> str:
    """A spelling people type: a dropped letter, swapped letters, case, spaces, a prefix."""
    if how == 0 and len(name) > 4:
        return name[:2] + name[3:]
    if how == 1 and len(name) > 4:
        return name[:2] + name[3] + name[2] + name[4:]
    return (name.upper(), f"  {name} ", f"г. {name}", name.lower())[how % 4]


cell = st.one_of(
    st.sampled_from(POOL),
    st.builds(near_miss, st.sampled_from(POOL), st.integers(0, 5)),
    st.none(),
    st.text(max_size=12),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(cell, min_size=1, max_size=30), st.sampled_from(["latin2021", "bgn_pcgn", "iso9"]))
def test_any_column_equals_the_plain_api(con: Any, values: list[str | None], scheme: str) -> None:
    got = con.execute(
        "SELECT kz_key(v), kz_translit(v, ?), kz_geocode(v) FROM (SELECT unnest(?) AS v, "
        "generate_subscripts(?, 1) AS i) ORDER BY i", [scheme, values, values]
    ).fetchall()  # fmt: skip
    resolve = resolver()
    for v, (key, latin, place) in zip(values, got, strict=True):
        assert key == (None if v is None else kztranslit.name_key(v))
        assert latin == (None if v is None else kztranslit.transliterate(v, scheme))
        assert place == expected_geocode(v)
        if v is not None:
            assert place["reason"] == resolve(v).reason
