"""Tests and doctests see the embedded data only: a developer's own imported gazetteer
(``kztranslit data import-geonames``) is hidden behind an empty user data directory."""

from __future__ import annotations

import os
import socket
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

# CI draws the same examples on every run (a submission's check cannot fail on a lucky draw);
# a developer's run draws new ones, which is how the property tests find what CI then keeps.
settings.register_profile("ci", derandomize=True, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

os.environ["KZTRANSLIT_DATA"] = tempfile.mkdtemp(prefix="kztranslit-test-data-")

_connect = socket.socket.connect


def _loopback_only(self: socket.socket, address: object) -> None:
    """No network in tests: only loopback (a local Spark session talks to itself)."""
    host = address[0] if isinstance(address, tuple) else address
    if isinstance(host, str) and host not in ("localhost", "::1") and not host.startswith("127."):
        raise RuntimeError(f"network access attempted in a test: {address!r}")
    _connect(self, address)  # type: ignore[arg-type]


socket.socket.connect = _loopback_only  # type: ignore[method-assign]


@pytest.fixture
def user_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A fresh user data directory for one test; the gazetteer is reset before and after."""
    from kztranslit.gazetteer import reset

    path = tmp_path / "user"
    monkeypatch.setenv("KZTRANSLIT_DATA", str(path))
    reset()
    yield path
    reset()
