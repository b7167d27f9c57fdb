"""The generated parts of the documentation are up to date (scripts/build_docs.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_generated_docs_are_current() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_docs.py"), "--check"], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_install_instructions_work_before_a_release() -> None:
    """Until kztranslit is on PyPI, no page tells a user to install it from there: the install
    shown is from a clone (``pip install .``) or a built wheel, and the Spark tests' Java is said."""
    import re

    pages = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    pages += sorted((ROOT / "kztranslit").glob("*.py"))
    from_pypi = re.compile(r"pip install\s+['\"]?kztranslit\b")
    offenders = [p.name for p in pages if from_pypi.search(p.read_text(encoding="utf-8"))]
    assert offenders == []
    index = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
    assert "pip install ." in index and "pip wheel" in index and "Java" in index
