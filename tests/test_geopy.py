"""The geopy adapter: geopy's contracts, RateLimiter, and the fallback (no network anywhere)."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("geopy")

from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders.base import DEFAULT_SENTINEL, Geocoder
from geopy.location import Location
from geopy.point import Point

import kztranslit
from kztranslit.gazetteer import Place, reset
from kztranslit.geopy import KazakhGazetteer, fallback_spellings, place_address


@pytest.fixture(autouse=True)
def _embedded_gazetteer_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No extended gazetteer of the machine running the tests."""
    monkeypatch.setenv("KZTRANSLIT_DATA", str(tmp_path / "empty"))
    reset()
    yield
    reset()


class Recorder(Geocoder):  # type: ignore[misc]
    """A stand-in for Nominatim: records the queries it gets, answers from a dict."""

    def __init__(self, answers: dict[str, tuple[float, float]] | None = None) -> None:
        super().__init__()
        self.answers = answers or {}
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.reverse_calls: list[tuple[Any, dict[str, Any]]] = []

    def geocode(
        self,
        query: str,
        *,
        exactly_one: bool = True,
        timeout: Any = DEFAULT_SENTINEL,
        country_codes: Any = None,
    ) -> Any:
        self.calls.append(
            (query, {"exactly_one": exactly_one, "timeout": timeout, "country_codes": country_codes})
        )
        if query not in self.answers:
            return None
        loc = Location(f"{query} (recorder)", self.answers[query], {"q": query})
        return loc if exactly_one else [loc]

    def reverse(self, query: Any, *, exactly_one: bool = True, timeout: Any = DEFAULT_SENTINEL) -> Any:
        self.reverse_calls.append((query, {"exactly_one": exactly_one}))
        loc = Location("somewhere (recorder)", query, {})
        return loc if exactly_one else [loc]


class PlainRecorder(Recorder):
    """A geocoder without a country filter: the adapter must append the country to the query."""

    def geocode(self, query: str, *, exactly_one: bool = True, timeout: Any = DEFAULT_SENTINEL) -> Any:
        return super().geocode(query, exactly_one=exactly_one, timeout=timeout)


# ---------------------------------------------------------------------------
# geopy's contracts


def test_is_a_geopy_geocoder() -> None:
    assert isinstance(KazakhGazetteer(), Geocoder)


def test_geocode_returns_a_location_with_the_place_as_raw() -> None:
    loc = KazakhGazetteer().geocode("Қызылорда")
    assert isinstance(loc, Location)
    assert isinstance(loc.raw, Place)
    assert loc.raw == kztranslit.geocode("Қызылорда")
    assert loc.address == "Kyzylorda, Kyzylorda Region, Kazakhstan"
    assert (loc.latitude, loc.longitude) == (loc.raw.lat, loc.raw.lon)
    assert tuple(loc) == (loc.address, (loc.raw.lat, loc.raw.lon))


@pytest.mark.parametrize(
    "query", ["Кызылорда", "Qyzylorda", "Qızılorda", "Kzyl-Orda", "Kyzylorda, Kazakhstan"]
)
def test_every_spelling_gives_the_same_location(query: str) -> None:
    assert KazakhGazetteer().geocode(query).raw.name == "Kyzylorda"


def test_former_names_are_geocoded() -> None:
    g = KazakhGazetteer()
    assert g.geocode("Ust-Kamenogorsk").raw.name == "Oskemen"
    assert g.geocode("Tselinograd").raw.name == "Astana"


def test_no_match_is_none_in_both_modes() -> None:
    g = KazakhGazetteer()
    assert g.geocode("Tashkent") is None
    assert g.geocode("Tashkent", exactly_one=False) is None
    assert g.geocode("   ") is None


def test_exactly_one_false_gives_a_ranked_list() -> None:
    g = KazakhGazetteer()
    found = g.geocode("Aksu", exactly_one=False)
    assert isinstance(found, list) and len(found) > 1
    assert all(isinstance(loc, Location) for loc in found)
    assert found[0] == g.geocode("Aksu")
    assert [loc.raw for loc in found] == [m.place for m in kztranslit.search("Aksu")]
    assert len(g.geocode("Aksu", exactly_one=False, limit=2)) == 2


def test_region_and_near_prefer_places() -> None:
    g = KazakhGazetteer()
    assert g.geocode("Aksu", region="Akmola").raw.admin1 == "KZ-11"
    assert g.geocode("Aksu", region="KZ-61").raw.admin1 == "KZ-61"
    shymkent = (42.3, 69.6)
    assert g.geocode("Aksu", near=shymkent).raw.admin1 == "KZ-61"
    assert g.geocode("Aksu", near=Point(*shymkent)).raw.admin1 == "KZ-61"
    assert g.geocode("Aksu", near="42.3, 69.6").raw.admin1 == "KZ-61"


def test_structured_query() -> None:
    g = KazakhGazetteer()
    assert (
        g.geocode({"city": "Aksu", "state": "Akmola Region", "country": "Kazakhstan"}).raw.admin1 == "KZ-11"
    )
    assert g.geocode({"city": "Қызылорда"}).raw.name == "Kyzylorda"


def test_bad_query_type_raises_type_error() -> None:
    with pytest.raises(TypeError):
        KazakhGazetteer().geocode(42)


def test_limit_must_be_positive() -> None:
    with pytest.raises(ValueError, match="limit"):
        KazakhGazetteer().geocode("Aksu", exactly_one=False, limit=0)
    with pytest.raises(ValueError, match="limit"):
        KazakhGazetteer().reverse((43.25, 76.92), exactly_one=False, limit=0)


def test_extended_gazetteer_features_are_geocoded_but_not_reverse_answers(tmp_path: Path) -> None:
    from kztranslit.importer import import_geonames

    sample = Path(__file__).parent / "data" / "geonames_sample"
    g = KazakhGazetteer()
    assert g.geocode("Sarysu özeni") is None
    import_geonames(
        sample / "KZ.txt", alternate_names=sample / "alternateNamesV2.txt"
    )  # into KZTRANSLIT_DATA
    river = g.geocode("Сарысу өзені")
    assert river.address == "Sarysu, Kyzylorda Region, Kazakhstan" and river.raw.kind == "feature"
    assert g.reverse(river.point, max_km=5) is None  # a river or a district is no address
    saty = g.geocode("Saty")
    assert g.reverse(saty.point).raw == saty.raw  # a village is


def test_address_of_a_region_and_of_a_city_of_republican_significance() -> None:
    assert place_address(kztranslit.geocode("Almaty")) == "Almaty, Kazakhstan"
    assert place_address(kztranslit.geocode("Aqmola oblysy")) == "Akmola Region, Kazakhstan"
    assert place_address(kztranslit.geocode("Talghar")) == "Talgar, Almaty Region, Kazakhstan"


# ---------------------------------------------------------------------------
# reverse


@pytest.mark.parametrize("point", [(43.25, 76.92), "43.25, 76.92", Point(43.25, 76.92), [43.25, 76.92]])
def test_reverse_accepts_what_geopy_accepts(point: Any) -> None:
    loc = KazakhGazetteer().reverse(point)
    assert loc.raw.name == "Almaty"
    assert loc.raw == kztranslit.reverse(43.25, 76.92)


def test_reverse_accepts_a_location() -> None:
    g = KazakhGazetteer()
    assert g.reverse(g.geocode("Talghar")).raw.name == "Talgar"


def test_reverse_list_is_nearest_first_within_max_km() -> None:
    g = KazakhGazetteer()
    found = g.reverse((43.25, 76.92), exactly_one=False, max_km=60)
    assert found[0].raw.name == "Almaty"
    assert len(found) > 1
    assert all(loc.raw.kind in ("city", "town", "village") for loc in found)
    from geopy.distance import great_circle

    km = [great_circle((43.25, 76.92), loc.point).km for loc in found]
    assert km == sorted(km) and km[-1] <= 60.1
    assert len(g.reverse((43.25, 76.92), exactly_one=False, max_km=60, limit=2)) == 2


def test_reverse_far_from_everything_is_none() -> None:
    g = KazakhGazetteer()
    assert g.reverse((51.5, 0.0)) is None
    assert g.reverse((51.5, 0.0), exactly_one=False) is None
    assert g.reverse((46.0, 70.0), max_km=1) is None  # Betpak-Dala: no settlement within 1 km
    assert KazakhGazetteer(max_km=1).reverse((46.0, 70.0)) is None


@pytest.mark.filterwarnings("ignore::UserWarning")  # geopy warns before it refuses latitude 123
def test_reverse_out_of_range_raises_value_error() -> None:
    with pytest.raises(ValueError):
        KazakhGazetteer().reverse((123.0, 76.0))


# ---------------------------------------------------------------------------
# RateLimiter and batch use


def test_under_rate_limiter() -> None:
    g = KazakhGazetteer()
    geocode = RateLimiter(g.geocode, min_delay_seconds=0)
    names = ["Кызылорда", "Nur-Sultan", "Tashkent", "Oskemen"]
    found = [geocode(n) for n in names]  # what pandas' Series.apply does
    assert [loc.raw.name if loc else None for loc in found] == ["Kyzylorda", "Astana", None, "Oskemen"]
    assert geocode("Aksu", exactly_one=False, region="KZ-55")[0].raw.admin1 == "KZ-55"
    many = RateLimiter(functools.partial(g.geocode, exactly_one=False, limit=3), min_delay_seconds=0)
    assert len(many("Aksu")) == 3
    reverse = RateLimiter(g.reverse, min_delay_seconds=0)
    assert reverse("43.25, 76.92").raw.name == "Almaty"
    assert reverse((51.5, 0.0)) is None


def test_rate_limiter_swallowing_fallback_errors() -> None:
    from geopy.exc import GeocoderUnavailable

    class Down(Recorder):
        def geocode(self, query: str, **kwargs: Any) -> Any:
            raise GeocoderUnavailable("no network in tests")

    g = KazakhGazetteer(fallback=Down())
    geocode = RateLimiter(g.geocode, min_delay_seconds=0, max_retries=0, swallow_exceptions=True)
    assert geocode("Шарын шатқалы") is None  # the fallback failed; RateLimiter swallowed it
    assert geocode("Almaty").raw.name == "Almaty"  # a gazetteer hit never reaches the fallback
    with pytest.raises(GeocoderUnavailable):
        g.geocode("Шарын шатқалы")


# ---------------------------------------------------------------------------
# The fallback

CHARYN = (43.35, 79.08)  # Charyn (Sharyn) Canyon: not in the embedded gazetteer


def test_a_gazetteer_hit_never_asks_the_fallback() -> None:
    rec = Recorder()
    g = KazakhGazetteer(fallback=rec)
    assert g.geocode("Кызылорда").raw.name == "Kyzylorda"
    assert rec.calls == []


def test_fallback_gets_the_spellings_in_order_and_stops_at_the_first_hit() -> None:
    assert kztranslit.geocode("Шарын шатқалы") is None
    rec = Recorder({"Sharyn shatkaly": CHARYN})
    loc = KazakhGazetteer(fallback=rec).geocode("Шарын шатқалы")
    assert loc.address == "Sharyn shatkaly (recorder)"
    assert loc.raw == {"q": "Sharyn shatkaly"}  # the fallback's own raw
    assert [q for q, _ in rec.calls] == ["Шарын шатқалы", "Sharyn shatkaly"]
    assert all(kw["country_codes"] == "kz" for _, kw in rec.calls)


def test_fallback_misses_everywhere() -> None:
    rec = Recorder()
    assert KazakhGazetteer(fallback=rec).geocode("Шарын шатқалы") is None
    assert [q for q, _ in rec.calls] == fallback_spellings("Шарын шатқалы")
    assert [q for q, _ in rec.calls] == ["Шарын шатқалы", "Sharyn shatkaly", "Шарын шаткалы"]


def test_fallback_without_a_country_filter_gets_the_country_in_the_query() -> None:
    rec = PlainRecorder({"Шарын шаткалы, Kazakhstan": CHARYN})
    loc = KazakhGazetteer(fallback=rec).geocode("Шарын шатқалы")
    assert loc is not None
    assert [q for q, _ in rec.calls] == [
        "Шарын шатқалы, Kazakhstan",
        "Sharyn shatkaly, Kazakhstan",
        "Шарын шаткалы, Kazakhstan",
    ]
    rec.calls.clear()
    KazakhGazetteer(fallback=rec).geocode("Kolsay Lakes, Qazaqstan")
    assert rec.calls[0][0] == "Kolsay Lakes, Qazaqstan"  # the country is named already


def test_fallback_latin_query_spellings() -> None:
    rec = Recorder()
    KazakhGazetteer(fallback=rec).geocode("Sharyn shatqaly")
    sent = [q for q, _ in rec.calls]
    assert sent[0] == "Sharyn shatqaly"
    assert "Шарын шатқалы" in sent  # its Kazakh Cyrillic reading
    assert len(sent) == len(set(sent)) <= 4


def test_fallback_answers_outside_kazakhstan_are_dropped() -> None:
    rec = Recorder({"Шарын шатқалы": (48.85, 2.35), "Sharyn shatkaly": CHARYN})
    loc = KazakhGazetteer(fallback=rec).geocode("Шарын шатқалы")
    assert (loc.latitude, loc.longitude) == CHARYN
    paris_only = Recorder({"Шарын шатқалы": (48.85, 2.35)})
    assert KazakhGazetteer(fallback=paris_only).geocode("Шарын шатқалы") is None


def test_fallback_anywhere_when_not_kazakhstan_only() -> None:
    rec = PlainRecorder({"Tashkent": (41.31, 69.28)})
    loc = KazakhGazetteer(fallback=rec, kazakhstan_only=False).geocode("Tashkent")
    assert loc.address == "Tashkent (recorder)"
    assert [q for q, _ in rec.calls] == ["Tashkent"]


def test_fallback_list_mode_timeout_and_region() -> None:
    rec = Recorder({"Sharyn shatkaly, Almaty Region": CHARYN})
    found = KazakhGazetteer(fallback=rec).geocode(
        "Шарын шатқалы", exactly_one=False, timeout=3, region="Almaty oblysy"
    )
    assert isinstance(found, list) and found[0].address.startswith("Sharyn shatkaly")
    assert rec.calls[0] == (
        "Шарын шатқалы, Almaty Region",
        {"exactly_one": False, "timeout": 3, "country_codes": "kz"},
    )


def test_fallback_wrapped_in_a_rate_limiter_keeps_its_country_filter() -> None:
    rec = Recorder({"Sharyn shatkaly": CHARYN})
    g = KazakhGazetteer(fallback=RateLimiter(rec.geocode, min_delay_seconds=0))
    assert g.geocode("Шарын шатқалы") is not None
    assert [kw["country_codes"] for _, kw in rec.calls] == ["kz", "kz"]


def test_fallback_must_be_callable() -> None:
    with pytest.raises(TypeError):
        KazakhGazetteer(fallback=42)


def test_reverse_fallback_only_inside_kazakhstan() -> None:
    rec = Recorder()
    g = KazakhGazetteer(fallback=rec)
    assert g.reverse((43.25, 76.92)).raw.name == "Almaty"
    assert rec.reverse_calls == []
    assert g.reverse((46.0, 70.0), max_km=1).address == "somewhere (recorder)"
    assert rec.reverse_calls == [((46.0, 70.0), {"exactly_one": True})]
    assert g.reverse((51.5, 0.0)) is None
    assert len(rec.reverse_calls) == 1


# ---------------------------------------------------------------------------
# fallback_spellings


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Қызылорда", ["Қызылорда", "Kyzylorda", "Кызылорда"]),
        ("Жаңаөзен", ["Жаңаөзен", "Zhanaozen", "Жанаозен"]),
        ("Усть-Каменогорск", ["Усть-Каменогорск", "Ust-Kamenogorsk"]),
        ("Şymkent", ["Şymkent", "Shymkent", "Шымкент"]),
        ("Almaty", ["Almaty", "Алматы"]),
        ("  ", []),
    ],
)
def test_fallback_spellings(query: str, expected: list[str]) -> None:
    assert fallback_spellings(query) == expected


def test_fallback_spellings_keep_the_rest_of_the_query_and_the_limit() -> None:
    assert fallback_spellings("Өскемен,  East Kazakhstan") == [
        "Өскемен, East Kazakhstan",
        "Oskemen, East Kazakhstan",
        "Оскемен, East Kazakhstan",
    ]
    assert fallback_spellings("Қызылорда", limit=1) == ["Қызылорда"]
    assert fallback_spellings("Qaraghandy", limit=0) == []
