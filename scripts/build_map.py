#!/usr/bin/env python3
"""Regenerate ``docs/map_rows.svg``: the map of the pipeline benchmark's million rows.

Builds ``bench/out/rows.csv`` with ``bench/make_rows.py`` when it is missing (seeded: the same file
every run), then runs ``kztranslit normalize bench/out/rows.csv --column city --add geocode --map
docs/map_rows.svg`` on the embedded gazetteer only. The map follows from the code and the data:
run this after a change to either. About a minute.

Run from anywhere: python scripts/build_map.py [--check]  (--check: exit 1 if the map would change)
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAP = ROOT / "docs" / "map_rows.svg"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="exit 1 if docs/map_rows.svg would change")
    ns = ap.parse_args()
    rows = ROOT / "bench" / "out" / "rows.csv"
    env = {**os.environ, "PYTHONPATH": str(ROOT),
           "KZTRANSLIT_DATA": str(Path(tempfile.gettempdir()) / "kztranslit-bench-no-user-data")}  # fmt: skip
    if not rows.exists():
        make = [sys.executable, str(ROOT / "bench" / "make_rows.py"), "--out", str(rows)]
        subprocess.run(make, check=True, env=env)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "map_rows.svg"
        cmd = [sys.executable, "-m", "kztranslit", "normalize", str(rows), "--column", "city",
               "--add", "geocode", "-q", "-o", str(Path(tmp) / "out.csv"), "--map", str(out)]  # fmt: skip
        subprocess.run(cmd, check=True, cwd=ROOT / "bench" / "out", env=env)
        new = out.read_text(encoding="utf-8")
    if ns.check:
        same = MAP.exists() and MAP.read_text(encoding="utf-8") == new
        print(f"{MAP.relative_to(ROOT)}: {'up to date' if same else 'would change'}")
        return 0 if same else 1
    MAP.write_text(new, encoding="utf-8")
    print(f"{MAP.relative_to(ROOT)}: {len(new.encode()):,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
