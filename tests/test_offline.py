"""No network access anywhere: the library works offline, and tests enforce it."""

from __future__ import annotations

import socket

import pytest

import kztranslit


def test_network_is_refused_in_tests() -> None:
    with pytest.raises(RuntimeError, match="network access"):
        socket.create_connection(("93.184.216.34", 80), timeout=1)


def test_everything_works_offline() -> None:
    assert kztranslit.geocode("Qyzylorda") is not None
    assert kztranslit.to_cyrillic("Tokayev") == "Тоқаев"
    assert kztranslit.same_name("Toqaev", "Токаев")
