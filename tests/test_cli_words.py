"""One contract for every command: the same option words, one rule for input bytes, one rule for
"no answer", long inputs echoed shortened, counts in good English."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from kztranslit.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def cli(*argv: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "kztranslit", *argv], input=stdin, capture_output=True)


# ----------------------------------------------------------------------------- option words


def test_o_is_the_output_file_in_translit_as_in_normalize(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.txt"
    code, stdout, _ = run(capsys, "translit", "-s", "bgn_pcgn", "-o", str(out), "Қызылорда")
    assert code == 0 and stdout == "" and out.read_text(encoding="utf-8") == "Qyzylorda\n"
    code, _, _ = run(capsys, "translit", "--output", str(out), "--option", "interpunct=true", "-s", "bgn",
                     "Маңғыстау")  # fmt: skip
    assert code == 0 and out.read_text(encoding="utf-8") == "Mangghystaū\n"
    code, _, err = run(capsys, "translit", "-o", str(tmp_path / "no" / "such" / "dir.txt"), "Алматы")
    assert code == 2 and "cannot write" in err and "No such file" in err
    # The old spelling of a scheme option still works, and says what it now means.
    code, stdout, err = run(capsys, "translit", "-s", "bgn_pcgn", "-o", "interpunct=true", "Маңғыстау")
    assert (code, stdout) == (0, "Mangghystaū\n") and "-o is --output in every command" in err


def test_scheme_ids_and_aliases_in_any_case(capsys: pytest.CaptureFixture[str]) -> None:
    for scheme in ("BGN_PCGN", "bgn", "Bgn-Pcgn", "ISO3166"):
        assert run(capsys, "translit", "-s", scheme, "Қызылорда") == (0, "Qyzylorda\n", "")
    assert run(capsys, "translit", "-s", "LATIN", "Шымкент")[1] == "Şymkent\n"
    assert run(capsys, "translit", "--to-cyrillic", "-s", "Latin2021", "Şymkent")[1] == "Шымкент\n"


def test_a_one_way_scheme_cannot_be_read_back(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "translit", "--to-cyrillic", "-s", "ru_icao", "Almaty")
    assert code == 2 and out == ""
    assert "scheme 'ru_icao' cannot be read back to Cyrillic" in err and "unknown scheme" not in err
    assert "latin2021" in err  # the schemes that can
    code, _, err = run(capsys, "translit", "--to-cyrillic", "-s", "klingon", "Almaty")
    assert code == 2 and "unknown scheme 'klingon'" in err


def test_rewrite_and_normalize_take_aliases(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("Протест в Кызылорде.\n"))
    code, out, _ = run(capsys, "rewrite", "-", "-s", "LATIN")
    assert code == 0 and "Qyzylorda" in out
    src = tmp_path / "in.csv"
    src.write_text("city\nҚызылорда\n", encoding="utf-8")
    code, out, _ = run(capsys, "normalize", str(src), "-c", "city", "-a", "BGN,Key", "-q")
    assert code == 0 and out == "city,city_bgn_pcgn,city_key\nҚызылорда,Qyzylorda,kizilorda\n"


# ------------------------------------------------------------------------- one input rule


def test_bytes_that_are_not_utf8_are_named_the_same_from_a_file_and_from_stdin(tmp_path: Path) -> None:
    data = "Протест в Алматы.\n".encode() + b"\xff\xfe bad\n"
    path = tmp_path / "text.txt"
    path.write_bytes(data)
    for cmd in ("places", "people", "rewrite"):
        from_file, from_stdin = cli(cmd, str(path)), cli(cmd, "-", stdin=data)
        assert from_file.returncode == from_stdin.returncode == 2
        assert from_file.stdout == from_stdin.stdout == b""
        why = "line 2: not UTF-8 text (byte 0xff at column 1)\n"
        assert from_file.stderr.decode() == f"kztranslit: {path}: {why}"
        assert from_stdin.stderr.decode() == f"kztranslit: stdin: {why}"
    # A BOM is not text: dropped, from a file and from stdin alike.
    bom = b"\xef\xbb\xbfAlmaty\n"
    path.write_bytes(bom)
    assert cli("places", str(path)).stdout == cli("places", "-", stdin=bom).stdout != b""


def test_a_bad_line_is_named_and_the_others_answered_without_a_warning() -> None:
    done = cli("geocode", stdin=b"Alm\xffaty\nAstana\n")
    assert done.returncode == 1
    assert done.stdout.decode().split("\n")[0] == ""  # one line out for each line in
    assert "Astana" in done.stdout.decode().split("\n")[1]
    assert done.stderr.decode() == "kztranslit: stdin line 1: not UTF-8 text (byte 0xff at column 4)\n"
    for cmd in (["translit"], ["key"], ["translit", "--to-cyrillic"]):
        done = cli(*cmd, stdin=b"Alm\xffaty\n\xef\xbb\xbfAlmaty\r\n")
        assert done.returncode == 1 and b"Warning" not in done.stderr
        assert done.stderr.decode() == "kztranslit: stdin line 1: not UTF-8 text (byte 0xff at column 4)\n"
        first, second, *_ = done.stdout.decode().split("\n")
        assert first == "" and second.lower() in ("almaty", "алматы", "almati\talmaty")
    # Arguments are decoded with surrogateescape by Python: the same rule applies.
    done = subprocess.run([sys.executable, "-m", "kztranslit", "geocode", b"Alm\xffaty"], capture_output=True)
    assert done.returncode == 1 and b"argument 1: not UTF-8 text (byte 0xff at column 4)" in done.stderr


# ---------------------------------------------------------------------- one no-answer rule


def test_an_empty_query_has_no_answer_in_geocode_and_search(capsys: pytest.CaptureFixture[str]) -> None:
    for cmd in ("geocode", "search"):
        code, _, err = run(capsys, cmd, "")
        assert code == 1 and err == "kztranslit: no place in Kazakhstan matches ''\n", cmd
    assert run(capsys, "search", "Tashkent") == (0, "", "")  # a real query: its ranked list, empty here


def test_long_inputs_are_echoed_shortened(capsys: pytest.CaptureFixture[str]) -> None:
    long = "Qwertyuiop" * 100_000  # 1 MB
    code, _, err = run(capsys, "geocode", long)
    assert code == 1 and len(err) < 200 and "(1,000,000 characters)" in err
    code, _, err = run(capsys, "translit", "-s", long, "x")
    assert code == 2 and len(err) < 400 and "(1,000,000 characters)" in err
    code, _, err = run(capsys, "geocode", "-r", long, "Aksu")
    assert code == 2 and len(err) < 200


def test_counts_are_in_good_english(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "in.csv"
    src.write_text("city\nАлматы\n", encoding="utf-8")
    _, _, err = run(capsys, "normalize", str(src), "-c", "city", "-a", "key")
    assert "kztranslit normalize: 1 row in\n" in err
    src.write_text("city\nАлматы\nАстана\n", encoding="utf-8")
    _, _, err = run(capsys, "normalize", str(src), "-c", "city", "-a", "key")
    assert "kztranslit normalize: 2 rows in\n" in err


def test_the_demo_table_has_headings(capsys: pytest.CaptureFixture[str]) -> None:
    seeds = Path(__file__).resolve().parent.parent / "seeds"
    assert main(["demo", str(seeds)]) == 0
    lines = capsys.readouterr().out.splitlines()
    at = lines.index("Each place in every style:")
    assert lines[at + 1].split() == ["Kazakh", "latin2021", "bgn_pcgn", "rferl", "conventional", "Russian"]
    assert set(lines[at + 2].replace(" ", "")) == {"-"}
    assert lines[at + 3].split()[:2] == ["Алматы", "Almaty"]


def test_a_query_that_fails_costs_that_query(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib

    module = importlib.import_module("kztranslit.geocode")  # (the package's `geocode` is the function)
    real = module.geocode

    def flaky(query: str, **kw: object) -> object:
        if query == "Alaty":
            raise KeyError("KZ-75")
        return real(query, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(module, "geocode", flaky)
    code, out, err = run(capsys, "geocode", "Alaty", "Astana")
    assert code == 1 and out.split("\n")[0] == "" and "Astana" in out.split("\n")[1]
    assert err == "kztranslit: 'Alaty': failed: KeyError: 'KZ-75' (a bug: please report it)\n"
