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
