#!/usr/bin/env python3
"""The whole test suite: ruff, mypy --strict, pytest (doctests included). Exit 1 on any failure."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STEPS = [
    [sys.executable, "-m", "ruff", "check", "."],
    [sys.executable, "-m", "mypy"],
    [sys.executable, "-m", "pytest"],
]


def main() -> int:
    failed = []
    for cmd in STEPS:
        print("+", " ".join(cmd[2:]), flush=True)
        if subprocess.call(cmd, cwd=ROOT) != 0:
            failed.append(cmd[2])
    if failed:
        print("FAILED:", ", ".join(failed))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
