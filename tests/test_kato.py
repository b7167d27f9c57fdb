"""The KATO-level gazetteer: its generated files, its tree, addresses, districts, ranking, areas."""

from __future__ import annotations

import re
from collections import Counter

import pytest

import kztranslit
from kztranslit import geocode, lookup, search
from kztranslit._data import data_path
from kztranslit.areas import area_at, areas, decode_polyline
from kztranslit.batch import geocode_many
from kztranslit.gazetteer import Place, children, gazetteer, parents
from kztranslit.geocode import WEIGHTS, PlaceNotFound, locate
from kztranslit.keys import name_key

KINDS = {"district", "rural_district", "city", "town", "village", "locality"}


def _rows(name: str) -> list[dict[str, str]]:
    text = data_path("gazetteer", name).read_text(encoding="utf-8")
    header, *lines = text.rstrip("\n").split("\n")
    cols = header.split("\t")
    return [dict(zip(cols, line.split("\t"), strict=True)) for line in lines]


# --- the generated files ----------------------------------------------------------------------


def test_places_file_is_consistent() -> None:
    rows = _rows("places.tsv")
    ids = [r["id"] for r in rows]
    assert ids == sorted(ids) and len(ids) == len(set(ids)), "sorted, unique ids"
    regions = {r["code"] for r in _rows("regions.tsv")}
    known = set(ids) | regions
    codes = Counter(r["kato"] for r in rows if r["kato"])
    assert not [c for c, n in codes.items() if n > 1], "one row per KATO code"
    region_prefix = {
        r["kato"][:2]: r["code"] for r in _rows("regions.tsv") if r["kato"] and not r["valid_to"]
    }
    for r in rows:
        assert r["kind"] in KINDS, r["id"]
        assert r["parent"] in known, r["id"]  # every parent exists
        if r["kato"]:
            assert re.fullmatch(r"\d{9}", r["kato"]) and r["id"] == f"kato:{r['kato']}"
            assert region_prefix[r["kato"][:2]] == r["admin1"], r["id"]
            assert r["parent"] == r["admin1"] or r["parent"].startswith(f"kato:{r['kato'][:2]}"), r["id"]
        assert -90 <= float(r["lat"]) <= 90 and -180 <= float(r["lon"]) <= 180
        assert 40.0 <= float(r["lat"]) <= 56.0 and 46.0 <= float(r["lon"]) <= 88.0, r["id"]  # Kazakhstan


def test_keys_column_is_the_name_key_of_every_name() -> None:
    """The loader trusts the precomputed keys: they must be what name_key says today."""
    for r in _rows("places.tsv"):
        bare = kztranslit.address.split_designators(r["official"])[0] if r["official"] else ""
        names = [r["name"], r["name_kk"], r["name_ru"], bare]
        names += r["alternatenames"].split("|") if r["alternatenames"] else []
        names += [f.partition(":")[2] for f in r["former_names"].split("|")] if r["former_names"] else []
        assert r["keys"].split("|") == [name_key(n) if n else "" for n in names], r["id"]


def test_every_kato_unit_is_a_place() -> None:
    gaz = gazetteer()
    kato = [p for p in gaz.places.values() if p.kato and p.kind != "region"]
    assert len(kato) >= 16_200  # the 16,264 units of KATO 2022 but the 20 regions, one city each
    assert sum(p.kind == "district" for p in kato) >= 220
    assert sum(p.kind == "rural_district" for p in kato) >= 2_300
    assert sum(p.kind in ("city", "town", "village") for p in kato) >= 10_400


def test_areas_file_is_consistent() -> None:
    gaz = gazetteer()
    found = areas()
    assert {a.id for a in found.values() if a.kind == "region"} == {
        p.id for p in gaz.regions.values() if p.is_current
    }
    for a in found.values():
        assert a.id in gaz.places and a.kind in ("district", "region")
        w, s, e, n = a.bbox
        assert 46 <= w < e <= 88 and 40 <= s < n <= 56
        assert a.area_km2 > 0
        assert all(len(ring) >= 4 for poly in a.polygons for ring in poly)
    # the regions add up to the country (2,724,900 km² officially)
    total = sum(a.area_km2 for a in found.values() if a.kind == "region")
    assert 2_600_000 < total < 2_850_000


def test_polyline_round_trip() -> None:
    ring = ((43.25, 76.92), (43.2501, 76.95), (43.3, 77.0), (43.25, 76.92))
    assert decode_polyline(kztranslit.areas.encode_polyline(list(ring))) == ring


# --- the tree ---------------------------------------------------------------------------------


def test_lookup_by_kato_and_the_tree() -> None:
    akdala = lookup(kato="611633100")
    assert (akdala.name_ru, akdala.kind, akdala.status, akdala.admin1) == (
        "Акдала",
        "village",
        "village",
        "KZ-61",
    )
    chain = parents(akdala)
    assert [p.kind for p in chain] == ["rural_district", "district", "region"]
    assert chain[1].kato == "611600000" and chain[2].id == "KZ-61"
    assert akdala.district is chain[1] and akdala.region is chain[2]
    assert akdala in children(chain[0])
    assert lookup(kato="611600000").kind == "district"
    assert lookup(geonames_id=1519922).name == "Kyzylorda"
    assert lookup(id="KZ-43").kind == "region"
    with pytest.raises(PlaceNotFound, match="KATO code '000000001'"):
        lookup(kato="000000001")
    with pytest.raises(LookupError):  # PlaceNotFound is a LookupError
        lookup("Bishkek")
    with pytest.raises(TypeError):
        lookup("Almaty", kato="611633100")  # type: ignore[call-overload]


def test_designators_are_split_off() -> None:
    assert lookup(kato="611633000").official_name == "Акдалинский с.о."
    assert lookup(kato="613600000").name_ru == "район Байдибека"
    baidibek = lookup(kato="613600000")
    assert geocode("Байдибек ауданы") == baidibek  # the nominative of "район Байдибека"


def test_derived_kazakh_names_are_marked() -> None:
    gaz = gazetteer()
    derived = [p for p in gaz.places.values() if p.name_kk_derived]
    assert derived and all(p.name_kk for p in derived)
    assert not lookup("Almaty").name_kk_derived  # a sourced name
    # KATO's abbreviations and initials are kept as written, never read as Kazakh words
    # (уч. is участок, a plot; the Kazakh үш is "three")
    lead = re.compile(r"(?:[^\W\d_]{1,6}\.\s*)+")
    for p in derived:
        ru = lead.match(p.name_ru or "")
        if ru and p.kind in ("village", "locality"):
            assert p.name_kk.startswith(ru.group()), (p.name_ru, p.name_kk)
    assert any(p.name_kk.startswith("уч.") for p in derived)


def test_a_district_takes_its_kazakh_name_from_a_record_of_it() -> None:
    # KATO gives Russian names only; a district the hand-edited districts.tsv leaves without a
    # Kazakh name takes its WOF county's where derivation spells another name, and a city
    # administration its city's (not a transliteration of the Russian name).
    ili = lookup(kato="196800000")
    assert (ili.name_kk, ili.name_kk_derived) == ("Іле ауданы", False)
    assert "Илий" in ili.alternate_names  # the derivation stays a spelling that finds it
    assert geocode("Іле ауданы") == ili and geocode("Илийский район") == ili
    assert lookup(kato="194000000").name_kk == "Еңбекшіқазақ ауданы"
    oral = lookup(kato="271000000")
    assert (oral.name, oral.name_kk) == ("Oral City Administration", "Орал қалалық әкімдігі")
    assert lookup(kato="631000000").name_kk == "Өскемен қалалық әкімдігі"
    martuk = lookup(kato="154600000")  # WOF writes Мартөк: one name with the derived Мәртөк
    assert martuk.name_kk == "Мәртөк ауданы"


def test_coordinates_say_where_they_come_from() -> None:
    gaz = gazetteer()
    counts = Counter((p.coordinates or "").split(":")[0] for p in gaz.places.values() if p.kato)
    assert set(counts) <= {"wof", "geonames", "centre", "median", "okrug", "district", "region"}
    village = next(p for p in gaz.places.values() if p.coordinates == "okrug")
    assert not village.precise
    assert lookup("Kyzylorda").precise


# --- addresses --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "Туркестанская область, г. Арысь, с. Акдала",
        "с. Акдала, Арысский р-н",
        "Ақдала ауылы, Арыс қаласы",
        "Akdala village, Arys, Turkestan region",
        "Turkestanskaya oblast, g. Arys, s. Akdala",
        "Түркістан облысы Арыс қаласы Ақдала ауылы",
    ],
)
def test_addresses_in_every_language_and_order(query: str) -> None:
    place = geocode(query)
    assert place is not None and place.kato == "611633100", query


def test_a_part_that_contradicts_gives_no_answer() -> None:
    # there is no Akdala in Zhambyl region: no confident wrong answer
    assert geocode("с. Акдала, Жамбылская обл.") is None
    assert search("с. Акдала, Жамбылская обл.")[0].reason == "conflict"


def test_one_word_is_one_name_even_a_designator() -> None:
    """A query of one word is a name (the parser's shortcut gives what the full parse gives)."""
    from kztranslit.address import parse_address

    for word in ("Ауыл", "village", "район", "Almaty", "Ќарасу"):
        parts = parse_address(word)
        assert [(p.name, p.status) for p in parts] == [(parts[0].name, None)] and parts[0].name
    assert parse_address("Ќарасу")[0].name == "Қарасу"  # legacy font letter cleaned


def test_address_chain_inside_a_phrase() -> None:
    shalkar = geocode("Алматы облысы Қарасай ауданы Шалқар ауылы")
    assert shalkar is not None and shalkar.admin1 == "KZ-19" and shalkar.district.kato == "195200000"


@pytest.mark.parametrize(
    ("query", "kato"),
    [
        ("Sairam district", "615200000"),
        ("Байдибекский район", "613600000"),
        ("Теректинского района", "276200000"),
        ("Kyzylzhar district", "595000000"),
        ("Kostanay District", "395400000"),
        ("Kostanay", "391010000"),
        ("Kaskelen", "195220100"),
        ("о.Жуйнек", "615542000"),
    ],
)
def test_districts_okrugs_and_towns(query: str, kato: str) -> None:
    place = geocode(query)
    assert place is not None and place.kato == kato, (query, place)


def test_every_district_resolves_by_its_name_in_russian_kazakh_and_english() -> None:
    """Every KATO district and city administration, by each of its names; a name several
    districts share (Abai District, Zhambyl District) with its region, as an address says it."""
    gaz = gazetteer()
    districts = [p for p in gaz.places.values() if p.kind == "district" and p.kato]
    shared = Counter(name_key(n) for p in districts for n in {p.name_ru, p.name_kk, p.name} if n)
    misses = []
    for p in districts:
        for name in (p.name_ru, p.name_kk, p.name):
            assert name, p.id
            query = name if shared[name_key(name)] == 1 else f"{name}, {p.region.name}"  # type: ignore[union-attr]
            got = geocode(query)
            if got is None or got.id != p.id:
                misses.append((query, got and got.id))
    # Astana's Esil district and Akmola region's Esil District: "Akmola" was Astana's name too
    assert len(misses) <= 2, misses


def test_namesakes_are_ambiguous_and_a_hint_picks_one() -> None:
    (r,) = geocode_many(["Shakpak"], with_reason=True)
    assert r.reason == "ambiguous" and r.place is not None
    assert len({m.place.id for m in search("Shakpak")}) >= 3
    assert geocode("Shakpak", region="KZ-31").admin1 == "KZ-31"  # type: ignore[union-attr]
    assert geocode("Shakpak, Жамбылская область").admin1 == "KZ-31"  # type: ignore[union-attr]


def test_a_city_and_its_own_units_are_one_answer() -> None:
    for city in ("Kyzylorda", "Chimkent", "Alma-Ata", "Tselinograd"):
        (r,) = geocode_many([city], with_reason=True)
        assert r.reason == "resolved" and r.place is not None and r.place.kind == "city", city


# --- ranking (the WEIGHTS table, pinned) --------------------------------------------------------


def test_weights_table() -> None:
    assert WEIGHTS["name"] > WEIGHTS["alternate"] > WEIGHTS["former name"]
    assert (
        WEIGHTS["conflict"] < 0 and WEIGHTS["edit"] < 0 and WEIGHTS["locality"] < WEIGHTS["not in KATO"] < 0
    )


def test_ranking_order() -> None:
    # a city before a village of the same name; a region needs a word saying so
    almaty = search("Almaty")
    assert almaty[0].place.kind == "city" and almaty[0].place.kato == "750000000"
    kinds = [m.place.kind for m in almaty]
    assert kinds.index("region") > kinds.index("village")
    assert geocode("Almaty Region").kind == "region"  # type: ignore[union-attr]
    # the designator's status first: a station for "ст.", a village for "с."
    assert geocode("ст. Шоптиколь").status == "station"  # type: ignore[union-attr]
    assert geocode("с. Шоптиколь").status == "village"  # type: ignore[union-attr]
    # a former name of a big city before a hamlet's current name (Ak-Mechet: Kyzylorda)
    assert geocode("Ak-Mechet").kato == "431010000"  # type: ignore[union-attr]
    # a settlement before a winter quarters of the same name
    assert all(m.place.kind != "locality" for m in search("Akdala", limit=5))
    # near= picks the namesake nearest the point
    assert geocode("Aksu", near=(52.04, 76.92)).admin1 == "KZ-55"  # type: ignore[union-attr]
    scores = [m.rank for m in search("Aksu", limit=20)]
    assert scores == sorted(scores, reverse=True)


def test_typos_read_as_prominent_places_only() -> None:
    assert geocode("Kyzylorada").kato == "431010000"  # type: ignore[union-attr]
    assert geocode("Qwerty") is None  # one edit from a hamlet (Kurty) is no answer alone


# --- areas and reverse ------------------------------------------------------------------------


def test_locate_gives_district_and_region() -> None:
    loc = locate(42.06, 69.26)
    assert loc.district is not None and loc.district.kind == "district" and loc.region.id == "KZ-61"  # type: ignore[union-attr]
    assert locate(43.25, 76.92).region.id == "KZ-75"  # type: ignore[union-attr]
    far = locate(51.5, 0.0)
    assert far.place is None and far.district is None and far.region is None
    assert area_at(50.4, 80.25).status == "city_administration"  # type: ignore[union-attr]


def test_reverse_answers_settlements_with_their_own_point() -> None:
    gaz = gazetteer()
    for lat, lon in ((43.25, 76.92), (47.1, 51.9), (52.3, 76.95), (49.8, 73.1)):
        p = reverse_place(lat, lon)
        assert p is not None and p.precise and p.kind in ("city", "town", "village")
        assert gaz.places[p.id] is p


def reverse_place(lat: float, lon: float) -> Place | None:
    return kztranslit.reverse(lat, lon)


def test_every_name_is_the_conventional_spelling() -> None:
    """One documented rule for ``name`` (issue: Talghar, Saryaghash, Balqash, Rudnyy, Būrabay): the
    conventional English spelling, by ``conventional_name``, held by every place."""
    from kztranslit.text.rewrite import conventional_name

    gaz = gazetteer()
    assert [p.id for p in gaz.places.values() if p.kind != "region" and conventional_name(p) != p.name] == []
    names = {lookup(q).name for q in ("Талғар", "Сарыағаш", "Балқаш", "Рудный", "Бурабай", "Жезқазған")}
    assert names == {"Talgar", "Saryagash", "Balkhash", "Rudny", "Burabay", "Zhezkazgan"}


def test_a_name_that_reads_like_an_address_is_one_name() -> None:
    """``П.`` is also the designator of a settlement (посёлок): KATO's ``Пионерлагерь П.Морозова``
    is one name, which the whole query matches, not a settlement Морозова in a place Пионерлагерь."""
    for q in ("Пионерлагерь П.Морозова", "Pi'onerlager P.Morozova"):
        found = kztranslit.geocode(q)
        assert found is not None and found.kato == "115630115", q


def test_every_index_holds_one_object_per_place() -> None:
    """Rows are made into places on first access (``gazetteer._Rows``): whichever index reaches
    a place first, every other gives the same object, and a key's entries read lazily are the
    entries read in full."""
    gaz = gazetteer()
    akdala = gaz.by_kato["611633100"]
    assert gaz.places[akdala.id] is akdala
    assert any(e.place is akdala for e in gaz.index[name_key("Акдала")])
    assert all(e.place is gaz.places[e.place.id] for e in gaz.index[name_key("Aksu")])
    assert "611633100" in gaz.by_kato and "000000000" not in gaz.by_kato
    assert gaz.by_kato.get("000000000") is None and gaz.index.get("no such key") is None
    assert len(gaz.places) == len(list(gaz.places)) == len(set(gaz.places))
    with pytest.raises(KeyError):
        gaz.places["kato:000000000"]


def test_names_and_keys_read_from_the_rows_are_the_places_names() -> None:
    """The typo index reads every name with its key from the rows without making the places
    (``Gazetteer.names_and_keys``): the same names as the places have, each with its name key."""
    gaz = gazetteer()
    pairs = list(gaz.names_and_keys())
    assert all(key == name_key(name) for name, key in pairs)
    got = sorted(name for name, _ in pairs if name)
    want = sorted(
        n
        for p in gaz.places.values()
        for n in (p.name, p.name_kk, p.name_ru, *p.alternate_names, *(f.name for f in p.former_names))
        if n
    )
    assert got == want
