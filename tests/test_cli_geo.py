"""The gazetteer commands: geocode, search, reverse, data path, data import-geonames."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

from kztranslit.cli import main

SAMPLE = Path(__file__).parent / "data" / "geonames_sample"
PLACE_KEYS = {
    "id", "name", "name_kk", "name_ru", "lat", "lon", "kind", "admin1", "geonames_id", "population",
    "former_names",
}  # fmt: skip


@pytest.fixture(autouse=True)
def _isolated(user_dir: Path) -> Path:
    """Every test here runs with its own, empty user data directory (conftest.py)."""
    return user_dir



def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def json_lines(out: str) -> list[Any]:
    return [json.loads(line) for line in out.splitlines()]


# ---------------------------------------------------------------------------
# geocode


def test_geocode_text(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "geocode", "Кызылорда")
    assert code == 0 and err == ""
    assert out.split("\t") == [
        "kato:431010000",
        "Kyzylorda",
        "Қызылорда",
        "city",
        "KZ-43",
        "44.85278",
        "65.50917\n",
    ]


def test_geocode_json_one_object_per_query(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "geocode", "--json", "Nur-Sultan", "Ust-Kamenogorsk")
    assert code == 0
    astana, oskemen = json_lines(out)
    assert set(astana) == PLACE_KEYS
    assert (astana["name"], astana["kind"], astana["admin1"], astana["geonames_id"]) == (
        "Astana",
        "city",
        "KZ-71",
        1526273,
    )
    assert {"name": "Tselinograd", "lang": "en", "from": "1961", "to": "1992"} in astana["former_names"]
    assert oskemen["name"] == "Oskemen"
    assert isinstance(astana["lat"], float) and isinstance(astana["population"], int)


def test_geocode_miss_exits_1_and_prints_null(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "geocode", "--json", "Almaty", "Bishkek", "Oral")
    assert code == 1
    lines = out.splitlines()
    assert (
        lines[1] == "null"
        and json.loads(lines[0])["name"] == "Almaty"
        and json.loads(lines[2])["name"] == "Oral"
    )
    assert "Bishkek" in err
    code, out, err = run(capsys, "geocode", "Bishkek")
    assert code == 1 and out == "\n" and "Bishkek" in err


def test_geocode_region(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "geocode", "--json", "--region", "Akmola", "Aksu")
    assert code == 0 and json_lines(out)[0]["admin1"] == "KZ-11"
    code, out, _ = run(capsys, "geocode", "--json", "-r", "KZ-61", "Aksu")
    assert json_lines(out)[0]["admin1"] == "KZ-61"


def test_geocode_unknown_region_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "geocode", "--region", "Narnia", "Aksu")
    assert code == 2 and out == "" and "Narnia" in err


def test_geocode_reads_stdin_line_by_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("Қарағанды\nTashkent\nШымкент\n"))
    code, out, _ = run(capsys, "geocode", "--json")
    assert code == 1
    assert [p and p["name"] for p in json_lines(out)] == ["Karagandy", None, "Shymkent"]


# ---------------------------------------------------------------------------
# search


def test_search_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "search", "Aksu", "--limit", "3", "--json")
    assert code == 0
    found = json_lines(out)
    assert len(found) == 3
    assert set(found[0]) == PLACE_KEYS | {"score", "reason", "matched"}
    assert found[0]["reason"] == "exact" and found[0]["matched"] == "Aksu"
    assert [f["score"] for f in found] == sorted((f["score"] for f in found), reverse=True)


def test_search_text_and_words(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "search", "Ust", "Kamenogorsk", "-n", "1")  # the words make one query
    assert code == 0 and out.split("\t")[4] == "Oskemen"
    code, out, _ = run(capsys, "search", "Tselinograd", "-n", "1")
    score, reason, matched, pid, name, *_ = out.rstrip("\n").split("\t")
    assert (reason, matched, pid, name) == ("former name", "Tselinograd", "kato:710000000", "Astana")
    assert float(score) > 90


def test_search_nothing_is_not_an_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "search", "Tashkent", "--json") == (0, "", "")


def test_search_bad_limit(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "search", "Aksu", "--limit", "0")
    assert code == 2 and "--limit" in err


# ---------------------------------------------------------------------------
# reverse


def test_reverse(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "reverse", "43.25", "76.92")
    assert code == 0 and out.split("\t")[1] == "Almaty"
    code, out, _ = run(capsys, "reverse", "43.30", "77.24", "--json")
    assert json_lines(out)[0]["name"] == "Talgar"


def test_reverse_miss_and_range(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "reverse", "46.0", "70.0", "--max-km", "1", "--json")
    assert (code, out) == (1, "null\n") and "1 km" in err
    code, out, err = run(capsys, "reverse", "123", "76")
    assert code == 2 and out == "" and "out of range" in err
    code, _, err = run(capsys, "reverse", "43", "76", "--max-km", "-1")
    assert code == 2


# ---------------------------------------------------------------------------
# data


def test_data_path(capsys: pytest.CaptureFixture[str], user_dir: Path) -> None:
    assert run(capsys, "data", "path") == (0, f"{user_dir}\n", "")


def test_data_import_geonames_then_geocode(
    capsys: pytest.CaptureFixture[str], user_dir: Path, tmp_path: Path
) -> None:
    kz = tmp_path / "KZ.zip"
    with zipfile.ZipFile(kz, "w") as z:
        z.write(SAMPLE / "KZ.txt", "KZ.txt")
    alt = tmp_path / "alternateNamesV2.zip"
    with zipfile.ZipFile(alt, "w") as z:
        z.write(SAMPLE / "alternateNamesV2.txt", "alternateNamesV2.txt")
    assert run(capsys, "geocode", "Sarysu özeni")[0] == 1
    code, out, _ = run(capsys, "data", "import-geonames", str(kz), "--alternate-names", str(alt))
    assert code == 0
    assert out.startswith(f"wrote {user_dir / 'places.tsv'}: 11 places")
    code, out, _ = run(capsys, "geocode", "--json", "Sarysu özeni", "Lake Alakol")
    assert code == 0
    river, lake = json_lines(out)
    assert (river["name"], river["kind"], river["geonames_id"]) == ("Sarysu", "feature", 90000001)
    assert (lake["name"], lake["name_ru"]) == ("Lake Alakol", "Алаколь")


def test_data_import_options(capsys: pytest.CaptureFixture[str], user_dir: Path, tmp_path: Path) -> None:
    out_dir = tmp_path / "out"
    code, out, _ = run(
        capsys, "data", "import-geonames", str(SAMPLE / "KZ.txt"), "--min-population", "1", "--classes", "P",
        "--out", str(out_dir),
    )  # fmt: skip
    assert code == 0 and "1 places" in out
    assert (out_dir / "places.tsv").is_file() and not user_dir.exists()


def test_data_import_errors(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run(capsys, "data", "import-geonames", str(tmp_path / "missing.zip"))
    assert code == 2 and out == "" and "missing.zip" in err
    code, out, err = run(capsys, "data", "import-geonames", str(SAMPLE / "alternateNamesV2.txt"))
    assert code == 2 and "10 columns" in err
    code, out, err = run(capsys, "data", "import-geonames", str(SAMPLE / "KZ.txt"), "--classes", "Q")
    assert code == 2 and "feature classes" in err


@pytest.mark.parametrize(
    "argv",
    [
        ["geocode", "--bogus"],
        ["search"],
        ["reverse", "43"],
        ["reverse", "north", "76"],
        ["data"],
        ["data", "nope"],
    ],
)
def test_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as e:
        main(argv)
    assert e.value.code == 2
    assert "usage:" in capsys.readouterr().err


def test_import_of_the_cli_stays_light() -> None:
    code = (
        "import sys, kztranslit.cli; print([m for m in ('geopy', 'kztranslit.importer') if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
