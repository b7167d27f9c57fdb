"""The fuzz target of tests/fuzz_public_api.py, a short run inside the suite, plus long inputs."""

from __future__ import annotations

import time

import pytest

import kztranslit
from tests.fuzz_public_api import check, run


def test_fuzz_short_run() -> None:
    assert run(300) > 0


@pytest.mark.parametrize(
    "text",
    [
        "a'" * 50_000, "-" * 100_000, "Қ" * 100_000, "İı" * 50_000, "a\u0301" * 50_000,
        "yeyeye" * 20_000, "shchshch" * 20_000, "г. " * 30_000, ", " * 50_000, "Aksu " * 20_000,
    ],
)  # fmt: skip
def test_long_adversarial_inputs_finish(text: str) -> None:
    t = time.perf_counter()
    check(text[:2000], "Tokayev")
    kztranslit.transliterate(text, "bgn_pcgn")
    kztranslit.name_key(text)
    kztranslit.geocode(text)
    assert time.perf_counter() - t < 20
