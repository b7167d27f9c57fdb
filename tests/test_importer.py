"""import_geonames: GeoNames' dump of Kazakhstan into the extended gazetteer."""

from __future__ import annotations

import csv
import tracemalloc
import zipfile
from pathlib import Path

import pytest

import kztranslit
from kztranslit._data import data_path
from kztranslit.errors import DataError
from kztranslit.gazetteer import gazetteer, user_data_dir
from kztranslit.importer import PLACE_COLUMNS, ImportResult, import_geonames, pick_names, place_kind

SAMPLE = Path(__file__).parent / "data" / "geonames_sample"


def zipped(directory: Path, zip_name: str, source: Path, member: str) -> Path:
    """``source`` packed as ``member`` in ``directory/zip_name``, with a readme like GeoNames' zips."""
    path = directory / zip_name
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.write(source, member)
        z.writestr("readme.txt", "GeoNames export\n")
    return path


@pytest.fixture
def dump(tmp_path: Path) -> tuple[Path, Path]:
    """``KZ.zip`` and ``alternateNamesV2.zip`` as downloaded (the V2 zip also holds iso-languagecodes.txt)."""
    kz = zipped(tmp_path, "KZ.zip", SAMPLE / "KZ.txt", "KZ.txt")
    alt = zipped(tmp_path, "alternateNamesV2.zip", SAMPLE / "alternateNamesV2.txt", "alternateNamesV2.txt")
    with zipfile.ZipFile(alt, "a") as z:
        z.writestr("iso-languagecodes.txt", "ISO 639-3\tISO 639-2\tISO 639-1\tLanguage Name\n")
    return kz, alt


def rows(path: Path) -> dict[str, dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return {r["geonames_id"]: r for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)}


def test_the_river_is_found_after_the_import_and_not_before(user_dir: Path, dump: tuple[Path, Path]) -> None:
    assert kztranslit.geocode("Sarysu özeni") is None
    assert kztranslit.geocode("Сарысу өзені") is None
    result = import_geonames(dump[0], alternate_names=dump[1])
    assert result.path == user_dir / "places.tsv" == user_data_dir() / "places.tsv"
    river = kztranslit.geocode("Sarysu özeni")  # no reset() needed: the import resets the gazetteer
    assert river is not None
    assert (river.id, river.kind, river.admin1, river.source) == (
        "geonames:90000001",
        "feature",
        "KZ-43",
        "user:places.tsv",
    )
    assert kztranslit.geocode("Сарысу өзені") == river
    # the bare name is the embedded village of that name: a settlement before a feature
    assert kztranslit.geocode("Sarysu").kind == "village"  # type: ignore[union-attr]
    assert river in [m.place for m in kztranslit.search("Sarysu", limit=50)]


def test_result_counts(user_dir: Path, dump: tuple[Path, Path]) -> None:
    result = import_geonames(dump[0], alternate_names=dump[1])
    assert isinstance(result, ImportResult)
    assert (result.places, result.cities, result.towns, result.villages) == (11, 1, 0, 1)
    assert (result.districts, result.localities, result.features) == (2, 0, 7)
    assert result.with_name_kk == result.with_name_ru == 11
    assert str(result).startswith(f"wrote {result.path}: 11 places")


def test_columns_are_the_importers_and_the_gazetteer_reads_them(
    user_dir: Path, dump: tuple[Path, Path]
) -> None:
    result = import_geonames(dump[0], alternate_names=dump[1])
    embedded = data_path("gazetteer", "places.tsv").read_text(encoding="utf-8").split("\n", 1)[0].split("\t")
    text = result.path.read_text(encoding="utf-8")
    assert text.split("\n", 1)[0] == "\t".join(PLACE_COLUMNS)
    # the columns both files share mean the same thing
    assert {"geonames_id", "name", "name_kk", "name_ru", "lat", "lon", "kind", "admin1"} <= set(
        embedded
    ) & set(PLACE_COLUMNS)
    assert text.endswith("\n") and "\r" not in text
    assert all(len(line.split("\t")) == len(PLACE_COLUMNS) for line in text.splitlines())


def test_kept_and_left_out(user_dir: Path, dump: tuple[Path, Path]) -> None:
    got = rows(import_geonames(dump[0], alternate_names=dump[1]).path)
    assert set(got) == {f"900000{i:02d}" for i in range(1, 11)} | {"1519922"}
    # left out: the country (PCLI), a region (ADM1), an abandoned town (PPLQ), a railway (R), Kyrgyzstan
    for gid in ("1522867", "90000011", "90000012", "90000013", "90000014"):
        assert gid not in got
    assert all(m.place.source == "kato" for m in kztranslit.search("Turksib"))  # the railway: not imported
    assert kztranslit.geocode("Issyk-Kul") is None


def test_kinds_and_admin1(user_dir: Path, dump: tuple[Path, Path]) -> None:
    got = rows(import_geonames(dump[0], alternate_names=dump[1]).path)
    kinds = {got[g]["name"]: got[g]["kind"] for g in got}
    assert kinds["Saty"] == "village"  # class P, population 0
    assert kinds["Karasay District"] == "district"  # class A, ADM2, whatever its population
    assert got["90000005"]["population"] == "290000"
    assert kinds["Sarysu"] == kinds["Lake Alakol"] == kinds["Charyn Canyon"] == kinds["Otrar"] == "feature"
    assert kinds["Kyzylorda"] == "city"
    assert (got["90000002"]["geonames_admin1"], got["90000002"]["admin1"]) == ("12510144", "KZ-33")
    assert got["90000006"]["admin1"] == "KZ-27"
    assert got["90000001"]["timezone"] == "Asia/Qyzylorda"


def test_place_kind() -> None:
    assert [place_kind("P", n) for n in (0, 9_999, 10_000, 49_999, 50_000)] == [
        "village", "village", "town", "town", "city",
    ]  # fmt: skip
    assert place_kind("A", 2_000_000) == "locality"
    assert {place_kind(c, 0) for c in "HTLVSU"} == {"feature"}


def test_names_from_language_tags(user_dir: Path, dump: tuple[Path, Path]) -> None:
    got = rows(import_geonames(dump[0], alternate_names=dump[1]).path)
    lake = got["90000003"]
    assert (lake["name_kk"], lake["name_ru"]) == ("Алакөл", "Алаколь")
    alternates = lake["alternatenames"].split("|")
    assert "Алакөл" not in alternates and "Алаколь" not in alternates
    assert not any("wikipedia" in a for a in alternates)  # link rows are not names
    district = got["90000006"]
    assert (district["name_kk"], district["name_ru"]) == ("Бәйтерек ауданы", "Байтерекский район")
    assert "Зеленовский район" in district["alternatenames"].split("|")  # historic: an alternate name
    assert got["90000004"]["name_kk"] == "Теңіз"  # not the Kyrgyz Теңиз


def test_names_by_letter_rules_without_the_alternate_names(user_dir: Path) -> None:
    got = rows(import_geonames(SAMPLE / "KZ.txt").path)  # plain .txt works too
    assert (got["90000005"]["name_kk"], got["90000005"]["name_ru"]) == ("Қарасай ауданы", "Карасайский район")
    assert (got["90000003"]["name_kk"], got["90000003"]["name_ru"]) == ("Алакөл көлі", "Алаколь")
    assert got["90000006"]["name_ru"] == "Байтерекский район"  # not the Soviet Зеленовский район
    assert (got["90000007"]["name_kk"], got["90000007"]["name_ru"]) == ("Саты", "Саты")


def test_pick_names_rules() -> None:
    assert pick_names("Oral", ["Орал", "Уральск", "Уральськ"]) == ("Орал", "Уральск")
    assert pick_names("Kokshetau", ["Көкшетау", "Кокшетау", "Көкчө-Тоо"]) == ("Көкшетау", "Кокшетау")
    assert pick_names("Almaty", ["Алматы", "Alma-Ata"]) == ("Алматы", "Алматы")
    assert pick_names("Sarysu", ["Sary-Su"]) == ("", "")


def test_bare_names_find_districts_and_features(user_dir: Path, dump: tuple[Path, Path]) -> None:
    import_geonames(dump[0], alternate_names=dump[1])
    # a district KATO has: the embedded record answers; GeoNames' copy follows it
    for q in ("Karasay District", "Қарасай ауданы", "Карасайский район"):
        found = [m.place.id for m in kztranslit.search(q)]
        assert found[:2] == ["kato:195200000", "geonames:90000005"], q
    # features by their names with the generic word (a bare name is a settlement first)
    assert kztranslit.geocode("Ozero Tengiz").id == "geonames:90000004"
    assert kztranslit.geocode("Lake Alakol").id == "geonames:90000003"
    assert kztranslit.geocode("Алакөл көлі").id == "geonames:90000003"
    assert kztranslit.geocode("Charyn Canyon").id == "geonames:90000008"
    assert kztranslit.geocode("Saty").kind == "village"
    assert kztranslit.geocode("Зеленовский район").id == "geonames:90000006"  # historic name


def test_the_embedded_record_wins(user_dir: Path, dump: tuple[Path, Path]) -> None:
    import_geonames(dump[0], alternate_names=dump[1])
    kyzylorda = kztranslit.geocode("Kyzylorda")
    assert kyzylorda.source == "kato"
    assert kyzylorda.population == 354800  # the embedded figure, not the sample's 300000
    assert kyzylorda.former_names


def test_embedded_answers_do_not_change(user_dir: Path, dump: tuple[Path, Path]) -> None:
    queries = ["Almaty", "Кызылорда", "Nur-Sultan", "Aksu", "Balkhash", "Talgar", "Qyzylorda oblysy"]
    before = [kztranslit.geocode(q) for q in queries]
    import_geonames(dump[0], alternate_names=dump[1])
    assert [kztranslit.geocode(q) for q in queries] == before


def test_min_population_drops_small_settlements_only(user_dir: Path, dump: tuple[Path, Path]) -> None:
    got = rows(import_geonames(dump[0], min_population=1).path)
    assert "90000007" not in got  # Saty: population 0
    assert "1519922" in got and "90000001" in got and "90000005" in got


def test_classes(user_dir: Path, dump: tuple[Path, Path]) -> None:
    got = rows(import_geonames(dump[0], classes="H").path)
    assert set(got) == {"90000001", "90000002", "90000003", "90000004"}
    got = rows(import_geonames(dump[0], classes="R").path)
    assert set(got) == {"90000013"}
    with pytest.raises(ValueError, match="feature classes"):
        import_geonames(dump[0], classes="XP")
    with pytest.raises(ValueError):
        import_geonames(dump[0], min_population=-1)


def test_out_directory(user_dir: Path, dump: tuple[Path, Path], tmp_path: Path) -> None:
    out = tmp_path / "elsewhere" / "deep"
    result = import_geonames(dump[0], out=out)
    assert result.path == out / "places.tsv" and result.path.is_file()
    assert not (user_dir / "places.tsv").exists()
    assert kztranslit.geocode("Sarysu özeni") is None  # the library reads the user data directory only


def test_per_country_alternate_names_zip(user_dir: Path, dump: tuple[Path, Path], tmp_path: Path) -> None:
    # GeoNames' alternatenames/KZ.zip holds a KZ.txt in the alternate-names format
    (tmp_path / "alt").mkdir()
    alt = zipped(tmp_path / "alt", "KZ.zip", SAMPLE / "alternateNamesV2.txt", "KZ.txt")
    got = rows(import_geonames(dump[0], alternate_names=alt).path)
    assert got["90000003"]["name_ru"] == "Алаколь"


def test_wrong_files_are_refused_with_file_and_line(user_dir: Path, dump: tuple[Path, Path]) -> None:
    with pytest.raises(DataError, match=r"alternateNamesV2\.zip:alternateNamesV2\.txt:1: 10 columns"):
        import_geonames(dump[1])
    with pytest.raises(DataError, match=r"KZ\.zip:KZ\.txt:1: 19 columns"):
        import_geonames(dump[0], alternate_names=dump[0])
    with pytest.raises(FileNotFoundError):
        import_geonames(dump[0].with_name("missing.zip"))
    with pytest.raises(FileNotFoundError):
        import_geonames(dump[0], alternate_names=dump[0].with_name("missing.zip"))


def test_bad_line_and_ambiguous_zip(user_dir: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    line = (SAMPLE / "KZ.txt").read_text(encoding="utf-8").splitlines()[0].split("\t")
    line[4] = "north"
    bad.write_text("\t".join(line) + "\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"bad\.txt:1: bad geonameid, coordinates or population"):
        import_geonames(bad)
    two = tmp_path / "two.zip"
    with zipfile.ZipFile(two, "w") as z:
        z.write(SAMPLE / "KZ.txt", "KZ.txt")
        z.write(SAMPLE / "KZ.txt", "RU.txt")
    with pytest.raises(DataError, match=r"expected one GeoNames \.txt file"):
        import_geonames(two)


def test_a_file_that_is_not_text_names_the_file_and_the_format(
    user_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    garbage = tmp_path / "garbage.bin"
    garbage.write_bytes(bytes(range(128, 256)) * 8)  # no GeoNames file, not UTF-8
    with pytest.raises(DataError, match=r"garbage\.bin:1: not UTF-8 text \(byte 0x80 at column 1\); "
                       r"expected GeoNames' geoname table \(KZ\.zip or KZ\.txt"):  # fmt: skip
        import_geonames(garbage)
    from kztranslit.cli import main

    assert main(["data", "import-geonames", str(garbage)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("kztranslit: garbage.bin:1: not UTF-8 text") and "codec" not in err
    broken = tmp_path / "broken.zip"
    broken.write_bytes((SAMPLE / "KZ.txt").read_bytes()[:100] + b"PK\x05\x06" + b"\0" * 18)
    with pytest.raises(DataError, match=r"broken\.zip"):
        import_geonames(broken)


def test_data_tables_name_the_file_and_line(tmp_path: Path) -> None:
    from kztranslit._data import read_tsv

    table = tmp_path / "admin1.tsv"
    table.write_text("geonames_admin1\tiso\n01\tKZ-75\n02\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"admin1\.tsv:3: 1 fields, the header has 2"):
        list(read_tsv(table, dict))
    table.write_bytes(b"geonames_admin1\tiso\n01\tKZ-\xff\n")
    with pytest.raises(DataError, match=r"admin1\.tsv:2: not UTF-8 text \(byte 0xff at column 7\)"):
        list(read_tsv(table, dict))
    assert dict(read_tsv(data_path("gazetteer", "admin1.tsv"), lambda r: (r["iso"], r["geonames_admin1"])))


def test_a_failed_import_keeps_the_previous_file(user_dir: Path, dump: tuple[Path, Path]) -> None:
    first = import_geonames(dump[0]).path.read_bytes()
    with pytest.raises(DataError):
        import_geonames(dump[1])
    assert (user_dir / "places.tsv").read_bytes() == first
    assert [p.name for p in user_dir.iterdir()] == ["places.tsv"]  # no temporary file left


def test_the_extended_gazetteer_loads(user_dir: Path, dump: tuple[Path, Path]) -> None:
    import_geonames(dump[0], alternate_names=dump[1])
    gaz = gazetteer()
    imported = [p for p in gaz.places.values() if p.source == "user:places.tsv"]
    assert len(imported) == 10  # Kyzylorda's copy is skipped
    assert all(p.kind in ("village", "district", "locality", "feature") for p in imported)


def _write_filler(directory: Path, lines: int) -> tuple[Path, Path]:
    """The sample plus ``lines`` rows of another country, and as many alternate names of them."""
    kz = directory / f"all{lines}.txt"
    alt = directory / f"alt{lines}.txt"
    sample = (SAMPLE / "KZ.txt").read_text(encoding="utf-8")
    with kz.open("w", encoding="utf-8") as f:
        f.write(sample)
        for i in range(lines):
            cells = [str(20_000_000 + i), f"Place {i}", f"Place {i}", f"Platz {i},Lieu {i}", "50.0", "10.0"]
            cells += [
                "P",
                "PPL",
                "DE",
                "",
                "01",
                "",
                "",
                "",
                str(i),
                "",
                "100",
                "Europe/Berlin",
                "2023-01-01",
            ]
            f.write("\t".join(cells) + "\n")
    with alt.open("w", encoding="utf-8") as f:
        f.write((SAMPLE / "alternateNamesV2.txt").read_text(encoding="utf-8"))
        for i in range(lines):
            f.write(f"{30_000_000 + i}\t{20_000_000 + i}\tde\tPlatz {i}\t1\t\t\t\t\t\n")
    return kz, alt


def test_memory_does_not_grow_with_the_number_of_lines(user_dir: Path, tmp_path: Path) -> None:
    import_geonames(SAMPLE / "KZ.txt", alternate_names=SAMPLE / "alternateNamesV2.txt", out=tmp_path / "warm")
    peaks = []
    for lines in (2_000, 40_000):  # 40,000 lines are about 4 MB of text in each file
        kz, alt = _write_filler(tmp_path, lines)
        tracemalloc.start()
        try:
            result = import_geonames(kz, alternate_names=alt, out=tmp_path / f"out{lines}")
            peaks.append(tracemalloc.get_traced_memory()[1])
        finally:
            tracemalloc.stop()
        assert result.places == 11
    assert peaks[1] < peaks[0] * 1.5 + 100_000, peaks
    assert peaks[1] < 1_000_000, peaks


def test_progress_callback(user_dir: Path, dump: tuple[Path, Path]) -> None:
    seen: list[tuple[str, int]] = []
    import_geonames(dump[0], alternate_names=dump[1], progress=lambda label, n: seen.append((label, n)))
    assert seen == [
        ("KZ.zip:KZ.txt", 16),
        ("alternateNamesV2.zip:alternateNamesV2.txt", 9),
        ("KZ.zip:KZ.txt", 16),
    ]
