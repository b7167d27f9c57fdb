"""Optional extras: `import kztranslit` (and the map and the export) import none of the adapters'
packages; an adapter imported without its packages raises an ImportError naming the extra."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("spacy", "duckdb", "geopandas", "shapely", "pyarrow", "pandas", "polars", "pyspark", "numpy")


def run(code: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)


def test_import_kztranslit_stays_light() -> None:
    code = (
        "import sys, kztranslit\n"
        "kztranslit.geocode('Kzyl-Orda'); kztranslit.transliterate('Қызылорда', 'latin2021')\n"
        "import kztranslit.maps, kztranslit.export\n"
        "kztranslit.maps.draw_map(kztranslit.geocode_many(['Almaty'], with_reason=True))\n"
        "kztranslit.export.export('-', format='csv', kinds=['city'], region='KZ-43')\n"
        f"print('LOADED', [m for m in {HEAVY!r} if m in sys.modules])\n"
    )
    out = run(code)
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines()[-1] == "LOADED []"


@pytest.mark.parametrize(
    ("module", "blocked", "extra"),
    [
        ("kztranslit.spacy", "spacy", "spacy"),
        ("kztranslit.duckdb", "duckdb", "duckdb"),
        ("kztranslit.duckdb", "pyarrow", "duckdb"),
        ("kztranslit.geopandas", "geopandas", "geopandas"),
        ("kztranslit.geopandas", "shapely", "geopandas"),
        ("kztranslit.pandas", "pandas", "pandas"),
        ("kztranslit.polars", "polars", "polars"),
        ("kztranslit.spark", "pyspark", "spark"),
    ],
)
def test_an_adapter_without_its_extra_names_the_extra(module: str, blocked: str, extra: str) -> None:
    code = (
        f"import sys; sys.modules[{blocked!r}] = None\n"  # as if not installed
        "from kztranslit.errors import MissingExtra\n"
        f"try:\n    import {module}\nexcept MissingExtra as e:\n"
        "    assert isinstance(e, ImportError)\n    print(e)\n"
    )
    out = run(code)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().endswith(f"pip install '.[{extra}]'"), out.stdout
    assert out.stdout.startswith(module)


def test_parquet_without_pyarrow_names_its_extra_and_the_other_formats_work(tmp_path: Path) -> None:
    code = (
        "import sys; sys.modules['pyarrow'] = None\n"
        "from kztranslit.export import export\n"
        f"print(export({str(tmp_path / 'x.geojson')!r}, kinds=['city']).features > 0)\n"
        f"try:\n    export({str(tmp_path / 'x.parquet')!r})\nexcept ImportError as e:\n    print(e)\n"
    )
    out = run(code)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0] == "True" and lines[1].endswith("pip install '.[parquet]'")
    assert not (tmp_path / "x.parquet").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["x.geojson"]  # and no partial file left


def test_pyproject_declares_each_extra_and_the_dev_extra_holds_them() -> None:
    try:
        import tomllib
    except ImportError:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = meta["optional-dependencies"]
    dev = " ".join(extras["dev"])
    for extra in ("spacy", "duckdb", "geopandas", "parquet", "pandas", "polars", "spark"):
        assert extra in extras, extra
        for requirement in extras[extra]:
            name = requirement.split(">")[0].split("[")[0].split("=")[0]
            assert name in dev or name == "pyarrow", (extra, name)  # pyarrow comes with pyspark[sql]
    assert meta["entry-points"]["spacy_factories"] == {"kztranslit": "kztranslit.spacy:make_component"}
    assert meta["entry-points"]["spacy_languages"] == {"kk": "kztranslit.spacy:Kazakh"}
