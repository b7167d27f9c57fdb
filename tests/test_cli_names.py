"""`kztranslit key`, `kztranslit same`, `kztranslit translit`, `kztranslit schemes`."""

from __future__ import annotations

import io
import json

import pytest

from kztranslit.cli import main


def test_key(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["key", "Toqaev", "Tokayev", "Тоқаев"]) == 0
    keys = {line.split("\t")[0] for line in capsys.readouterr().out.splitlines()}
    assert keys == {"tokaev"}


def test_same(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["same", "Қасым-Жомарт Тоқаев", "TOKAYEV Kassym-Jomart", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["same"] is True
    assert main(["same", "Nazarbayev", "Nazarbayeva"]) == 1


def test_translit_reads_stdin_line_by_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("Қызылорда\nЖАҢАӨЗЕН\n"))
    assert main(["translit", "--scheme", "bgn_pcgn"]) == 0
    assert capsys.readouterr().out.splitlines() == ["Qyzylorda", "ZHANGAÖZEN"]
    assert main(["translit", "--to-cyrillic", "Taldykorgan"]) == 0
    assert capsys.readouterr().out.strip() == "Талдықорған"
    assert main(["translit", "-s", "bgn_pcgn", "-o", "interpunct=true", "Маңғыстау"]) == 0
    assert capsys.readouterr().out.strip() == "Mangghystaū"


def test_bad_scheme_lists_the_valid_ones(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["translit", "--scheme", "klingon", "Алматы"]) == 2
    err = capsys.readouterr().err
    assert "unknown scheme 'klingon'" in err and "bgn_pcgn" in err


def test_schemes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schemes", "--json"]) == 0
    table = json.loads(capsys.readouterr().out)
    assert table["bgn_pcgn"]["year"] == 1979 and table["latin2021"]["reverse"] is True


def test_demo_on_the_seed(capsys: pytest.CaptureFixture[str]) -> None:
    from pathlib import Path

    seeds = Path(__file__).resolve().parent.parent / "seeds"
    assert main(["demo", str(seeds)]) == 0
    out = capsys.readouterr().out
    assert "'Qyzylorda'" in out and "-> Kyzylorda (city, KZ-43" in out
    assert "'Nur-Sultan'" in out and "-> Astana (city, KZ-71" in out and "former name" in out
    assert "Mangystau Region (region, KZ-47" in out
    assert "Тоқаев" in out
