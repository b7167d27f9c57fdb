"""``kztranslit normalize``: the columns it adds equal the API's answers, in every format, streamed;
clear exit codes for real failures only."""

from __future__ import annotations

import csv
import gzip
import io
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import kztranslit
from kztranslit.batch import geocode_many
from kztranslit.cli import main
from kztranslit.gazetteer import reset

CITIES = ["Қызылорда", "Kzyl-Orda", "Aksu", "Qwerty", "", "г. Алматы", "Nur-Sultan, Kazakhstan", "Tashkent"]
GEO = [
    "geocode_id", "geocode_name", "geocode_kind", "admin1", "lat", "lon", "geocode_status", "geocode_score",
]  # fmt: skip


@pytest.fixture(autouse=True)
def no_user_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("KZTRANSLIT_DATA", str(tmp_path / "no-user-data"))
    reset()
    yield
    reset()


def write_csv(path: Path, rows: list[list[str]], delimiter: str = ",") -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, delimiter=delimiter).writerows(rows)
    return path


@pytest.fixture
def cities(tmp_path: Path) -> Path:
    return write_csv(tmp_path / "in.csv", [["id", "city"], *[[str(i), c] for i, c in enumerate(CITIES)]])


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def expected_cells(value: str) -> dict[str, str]:
    """What the API says about one value, as CSV cells."""
    (r,) = geocode_many([value], with_reason=True)
    p = r.place
    geo = [p.id, p.name, p.kind, p.admin1, p.lat, p.lon] if p else [None] * 6
    cells: dict[str, Any] = {
        "city_key": kztranslit.name_key(value),
        "city_latin2021": kztranslit.transliterate(value, "latin2021"),
        **{f"city_{f}": v for f, v in zip(GEO, [*geo, r.reason, r.score], strict=True)},
    }
    return {k: "" if v is None else str(v) for k, v in cells.items()}


def test_csv_to_stdout(cities: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(
        capsys, "normalize", str(cities), "--column", "city", "--add", "key,latin2021,geocode"
    )
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == ["id", "city", "city_key", "city_latin2021", *[f"city_{f}" for f in GEO]]
    assert [r["city"] for r in rows] == CITIES
    for row in rows:
        assert {k: v for k, v in row.items() if k.startswith("city_")} == expected_cells(row["city"])
    assert "8 rows" in err
    assert "city: 4 resolved, 1 ambiguous, 2 unresolved, 1 invalid" in err
    assert "\r" not in err  # no progress bar when stderr is not a terminal


def test_default_add_and_translit_scheme(cities: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "normalize", str(cities), "-c", "city", "-q")
    header = ["id", "city", "city_key", *[f"city_{f}" for f in GEO]]
    assert code == 0 and out.splitlines()[0] == ",".join(header)
    code, out, _ = run(
        capsys, "normalize", str(cities), "-c", "city", "--add", "translit", "--scheme", "bgn_pcgn"
    )
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["city_bgn_pcgn"] for r in rows] == [kztranslit.transliterate(c, "bgn_pcgn") for c in CITIES]


def test_tsv_and_jsonl(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tsv = write_csv(tmp_path / "in.tsv", [["city", "n"], ["Қызылорда", "1"], ["Qwerty", "2"]], delimiter="\t")
    out = tmp_path / "out.jsonl"
    code, _, _ = run(capsys, "normalize", str(tsv), "-c", "city", "-a", "key,geocode", "-o", str(out))
    assert code == 0
    recs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert recs[0]["city_geocode_id"] == "kato:431010000" and recs[0]["city_lat"] == 44.85278
    assert recs[1]["city_geocode_id"] is None and recs[1]["city_geocode_status"] == "unresolved"
    assert recs[0]["n"] == "1"
    # JSON lines in, with values that are not strings, and TSV out.
    src = tmp_path / "in.jsonl"
    lines = ['{"city": "Алматы", "x": {"a": 1}}', "", '{"city": 42}', '{"city": null, "x": [1]}']
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out2 = tmp_path / "out.tsv"
    code, _, err = run(capsys, "normalize", str(src), "-c", "city", "-a", "key,geocode", "-o", str(out2))
    assert code == 0 and "1 resolved, 0 ambiguous, 0 unresolved, 2 invalid" in err
    rows = list(csv.DictReader(out2.open(encoding="utf-8"), delimiter="\t"))
    assert [r["city_key"] for r in rows] == ["almati", "", ""]
    assert rows[0]["x"] == '{"a": 1}' and rows[1]["city"] == "42"


def test_jsonl_to_jsonl_keeps_types(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "in.ndjson"
    src.write_text('{"id": 1, "city": "Шымкент", "tags": ["a"]}\n', encoding="utf-8")
    code, out, _ = run(capsys, "normalize", str(src), "-c", "city", "-a", "latin2021")
    assert code == 0
    assert json.loads(out) == {"id": 1, "city": "Шымкент", "tags": ["a"], "city_latin2021": "Şymkent"}


def test_gzip_both_ways(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "in.csv.gz"
    with gzip.open(src, "wt", encoding="utf-8", newline="") as f:
        f.write("city\nҚызылорда\nАлматы\n")
    out = tmp_path / "out.csv.gz"
    code, _, _ = run(capsys, "normalize", str(src), "-c", "city", "-a", "key", "-o", str(out))
    assert code == 0
    with gzip.open(out, "rt", encoding="utf-8") as f:
        assert f.read() == "city,city_key\nҚызылорда,kizilorda\nАлматы,almati\n"


def test_rejects(cities: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rejects = tmp_path / "rejects.csv"
    code, out, err = run(capsys, "normalize", str(cities), "-c", "city", "--rejects", str(rejects))
    assert code == 0
    rejected = list(csv.DictReader(rejects.open(encoding="utf-8")))
    assert [r["city"] for r in rejected] == ["Qwerty", "Tashkent"]
    # The output's columns, then where each row was and why it is here.
    fields = list(csv.DictReader(io.StringIO(out)).fieldnames or [])
    assert list(rejected[0]) == [*fields, "reject_line", "reject_reason", "reject_text"]
    assert [(r["reject_line"], r["reject_reason"]) for r in rejected] == [
        ("5", "unresolved: city"), ("9", "unresolved: city"),
    ]  # fmt: skip
    assert "unresolved name: 2" in err


def test_several_columns_and_overwriting(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = write_csv(tmp_path / "in.csv", [["from", "to", "from_key"], ["Алматы", "Астана", "old"]])
    code, out, _ = run(capsys, "normalize", str(src), "-c", "from", "-c", "to", "-a", "key", "-q")
    assert code == 0
    assert out == "from,to,from_key,to_key\nАлматы,Астана,almati,astana\n"


def test_stdin_to_stdout() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "kztranslit", "normalize", "-", "-c", "city", "-a", "key,latin2021"],
        input="city\nҚызылорда\nШымкент\n", capture_output=True, text=True, encoding="utf-8", check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == [
        "city,city_key,city_latin2021", "Қызылорда,kizilorda,Qyzylorda", "Шымкент,šimkent,Şymkent",
    ]  # fmt: skip
    assert "2 rows" in proc.stderr


def test_bad_rows_do_not_fail(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    long = "Ж" * 300_000  # longer than the csv module's default field limit
    src = write_csv(tmp_path / "in.csv", [["city", "n"], [long, "1"], ["Алматы"], ["", "3"]])
    code, out, err = run(capsys, "normalize", str(src), "-c", "city")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows[0]["city_geocode_status"] == "invalid" and rows[0]["city_key"] == ""
    assert rows[1]["n"] == "" and rows[1]["city_geocode_name"] == "Almaty"  # a short row is padded
    assert "1 resolved, 0 ambiguous, 0 unresolved, 2 invalid" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-c", "town"], "unknown column 'town'; the header has: id, city"),
        (["-c", "city", "-a", "key,klingon"], "--add: unknown 'klingon'"),
        (["-c", "city", "-a", "translit", "--scheme", "klingon"], "unknown scheme 'klingon'"),
        (["-c", "city", "--region", "Atlantis"], "unknown region 'Atlantis'"),
        (["-c", "city", "--encoding", "klingon"], "unknown encoding"),
    ],
)
def test_usage_errors_exit_2(
    cities: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    code, out, err = run(capsys, "normalize", str(cities), *args)
    assert code == 2 and out == ""
    assert message in err


def test_file_errors_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "normalize", str(tmp_path / "missing.csv"), "-c", "city")
    assert code == 2 and "cannot read" in err and "No such file" in err
    odd = tmp_path / "cities.txt"
    odd.write_text("city\nАлматы\n", encoding="utf-8")
    code, _, err = run(capsys, "normalize", str(odd), "-c", "city")
    assert code == 2 and "give --format" in err
    code, out, _ = run(capsys, "normalize", str(odd), "-c", "city", "-a", "key", "--format", "csv")
    assert code == 0 and out == "city,city_key\nАлматы,almati\n"
    code, _, err = run(capsys, "normalize", str(odd), "-c", "city", "--format", "csv", "-o", str(odd))
    assert code == 2 and "overwrite the input" in err


def test_malformed_input_leaves_no_output_with_strict(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = write_csv(tmp_path / "in.csv", [["city"], ["Алматы"], ["Астана", "extra"]])
    out = tmp_path / "out.csv"
    code, _, err = run(capsys, "normalize", str(src), "-c", "city", "-o", str(out), "--strict")
    assert code == 2 and "line 3: 2 fields, the header has 1" in err
    assert not out.exists() and list(tmp_path.glob("*partial*")) == []
    bad = tmp_path / "bad.csv"
    bad.write_bytes("city\nАлматы\n".encode("cp1251"))
    code, _, err = run(capsys, "normalize", str(bad), "-c", "city", "-o", str(out), "--strict")
    assert code == 2 and "not UTF-8 text" in err and "give --encoding" in err and not out.exists()
    code, out_text, _ = run(capsys, "normalize", str(bad), "-c", "city", "-a", "key", "--encoding", "cp1251")
    assert code == 0 and out_text == "city,city_key\nАлматы,almati\n"
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"city": "Алматы"}\n{"city": \n', encoding="utf-8")
    code, _, err = run(capsys, "normalize", str(broken), "-c", "city", "--strict")
    assert code == 2 and "line 2: not JSON" in err


def test_malformed_lines_cost_one_row_each(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Without --strict an unreadable line is rejected with its line and reason, and the rest is read:
    rows in = rows out + rows rejected, exit 1."""
    src = tmp_path / "in.csv"
    src.write_bytes(
        b'id,city\n1,"Almaty\n2,Astana\n3,Alm\xffaty\n4,Taraz,extra\n5,"Aral"sk\n6,"Shym\nkent"\n7,Aktau\n'
    )
    out, rej = tmp_path / "out.csv", tmp_path / "rejects.csv"
    code, _, err = run(capsys, "normalize", str(src), "-c", "city", "-a", "key", "-o", str(out), "--rejects",
                       str(rej))  # fmt: skip
    assert code == 1
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [r["id"] for r in rows] == ["2", "6", "7"] and rows[1]["city"] == "Shym\nkent"
    rejected = list(csv.DictReader(rej.open(encoding="utf-8")))
    assert [(r["reject_line"], r["reject_text"]) for r in rejected] == [
        ("2", '1,"Almaty'), ("4", "3,Alm\\xffaty"), ("5", "4,Taraz,extra"), ("6", '5,"Aral"sk'),
    ]  # fmt: skip
    reasons = [r["reject_reason"] for r in rejected]
    assert reasons[0].startswith("a quote opened here closes on line 6 with text after it")
    assert reasons[1] == "not UTF-8 text (byte 0xff at column 6); give --encoding"
    assert reasons[2] == "3 fields, the header has 2" and reasons[3].startswith("text after a closing quote")
    assert f"{src}: line 2: a quote opened here closes on line 6" in err
    assert "7 rows in: 3 written, 4 unreadable (not written; in " in err
    assert "1 row with a line break inside a quoted cell (the first at line 7)" in err
    # The command: the rows after a stray quote are no longer swallowed.
    proc = subprocess.run(
        [sys.executable, "-m", "kztranslit", "normalize", "-", "-c", "city", "-a", "key"],
        input=b'id,city\n1,"Almaty\n2,Astana\n', capture_output=True, check=False,
    )  # fmt: skip
    assert proc.returncode == 1
    assert proc.stdout.decode() == "id,city,city_key\n2,Astana,astana\n"
    assert "stdin: line 2: a quote opened here is never closed" in proc.stderr.decode()


def test_empty_inputs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    code, _, err = run(capsys, "normalize", str(empty), "-c", "city")
    assert code == 2 and "unknown column 'city'" in err
    header = write_csv(tmp_path / "header.csv", [["city"]])
    code, out, err = run(capsys, "normalize", str(header), "-c", "city", "-a", "key")
    assert code == 0 and out == "city,city_key\n" and "0 rows" in err
    nothing = tmp_path / "nothing.jsonl"
    nothing.write_text("", encoding="utf-8")
    code, out, _ = run(capsys, "normalize", str(nothing), "-c", "city")
    assert code == 0 and out == ""


def test_progress_bar_only_on_a_terminal(cities: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("tqdm")
    from kztranslit._io import open_source, terminal_progress

    source = open_source(str(cities), "csv")
    try:
        monkeypatch.setattr(sys, "stderr", io.StringIO())
        assert terminal_progress(source)[0] is None
        tty = io.StringIO()
        tty.isatty = lambda: True  # type: ignore[method-assign]
        monkeypatch.setattr(sys, "stderr", tty)
        update, done = terminal_progress(source)
        assert update is not None
        update(4096)
        done()
        assert "normalize" in tty.getvalue() and "B" in tty.getvalue()
    finally:
        source.close()
