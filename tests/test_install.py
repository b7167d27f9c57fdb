"""A non-editable install works from any directory: the data ships inside the wheel."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_wheel_install_from_another_directory(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(wheels), str(ROOT)],
        check=True, capture_output=True,
    )  # fmt: skip
    target = tmp_path / "site"
    wheel = next(wheels.glob("kztranslit-*.whl"))
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
        check=True, capture_output=True,
    )  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(target)}
    code = (
        "import kztranslit, sys; assert kztranslit.__file__.startswith(sys.argv[1]), kztranslit.__file__;"
        "print(kztranslit.transliterate('Қызылорда', 'latin2021'), kztranslit.geocode('Kyzylorda').name)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(target)], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["Qyzylorda", "Kyzylorda"]
    cli = subprocess.run(
        [sys.executable, "-m", "kztranslit", "translit", "--scheme", "bgn_pcgn", "ЖАҢАӨЗЕН"],
        cwd=tmp_path, env=env, capture_output=True, text=True,
    )  # fmt: skip
    assert cli.stdout.strip() == "ZHANGAÖZEN", cli.stderr


def test_the_sdist_runs_its_own_tests(tmp_path: Path) -> None:
    """The sdist ships the tests with what they need (conftest.py, scripts/, bench/): every test
    module collects, and the tests that use those files pass from the unpacked sdist."""
    import tarfile

    import pytest

    pytest.importorskip("hatchling")
    subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "sdist", "-d", str(tmp_path / "dist")],
        cwd=ROOT, check=True, capture_output=True,
    )  # fmt: skip
    (sdist,) = (tmp_path / "dist").glob("kztranslit-*.tar.gz")
    with tarfile.open(sdist) as tar:
        tar.extractall(tmp_path, filter="data")
        names = {n.split("/", 1)[1] for n in tar.getnames() if "/" in n}
    assert {"conftest.py", "scripts/build_docs.py", "bench/bench_text.py", "bench/names.py"} <= names
    assert not any(n.startswith(("bench/out/", ".venv/")) for n in names)
    root = next(tmp_path.glob("kztranslit-*/"))
    env = {**os.environ, "PYTHONPATH": str(root)}
    collect = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", "tests"],
        cwd=root, env=env, capture_output=True, text=True,
    )  # fmt: skip
    assert collect.returncode == 0 and "error" not in collect.stdout.lower(), collect.stdout[-2000:]
    tests = ["tests/test_docs.py", "tests/test_importer.py::test_out_directory", "tests/test_text.py"]
    # -k: the docs check (scripts/), the user-data fixture (conftest.py), the corpus scorer (bench/)
    pick = ["-k", "doc or out or corpus"]
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *tests, *pick],
        cwd=root, env=env, capture_output=True, text=True,
    )  # fmt: skip
    assert run.returncode == 0, run.stdout[-2000:]  # 5 if nothing ran, 1 if anything failed
