"""The fuzz target of tests/fuzz_public_api.py, a short run inside the suite, plus long inputs.

The full run (100,000 inputs, every shape at 1 MB) is ``python tests/fuzz_public_api.py``; here a
few hundred short inputs and every shape at 8 KB, with the same budgets: no exception but the
documented ones, no warning, the documented result type, under 2 s and 200 MB a call.
"""

from __future__ import annotations

import time

import pytest

import kztranslit
from tests.fuzz_public_api import Record, check, report, run, run_longest

# Failures known and owned elsewhere, each with where it is being fixed. A failure of another
# kind, or of another function, fails the test; when these are fixed, the test passes as it is
# (and the entry can go).
GEOCODERS = frozenset(
    {"geocode", "search", "lookup", "name_at", "current_name", "geocode_many", "KazakhGazetteer.geocode"}
)
KNOWN = [
    (GEOCODERS, "warning RuntimeWarning: Surrogate character",
     "unidecode warns on a lone surrogate in geocode's typo key (geocode.py, being rewritten)"),
]  # fmt: skip


def _judge(records: dict[str, Record], inputs: int) -> None:
    lines = list(report(records, inputs, 0))
    unknown = [
        (name, kind)
        for name, r in records.items()
        for kind in r.kinds
        if not any(name in names and kind.startswith(prefix) for names, prefix, _ in KNOWN)
    ]
    assert not unknown, "\n".join(lines)
    met = {(name, k) for name, r in records.items() for k in r.kinds}
    known = [why for names, prefix, why in KNOWN if any(n in names and k.startswith(prefix) for n, k in met)]
    if known:
        pytest.xfail("; ".join(known))


def test_fuzz_short_run() -> None:
    records = run(300, max_size=4096, seed=0)
    assert min(r.calls for r in records.values()) == 300 and len(records) >= 45
    _judge(records, 300)


def test_every_shape_long() -> None:
    records: dict[str, Record] = {}
    n = run_longest(8192, records)
    assert n >= 6 and all(r.calls == n for r in records.values())
    _judge(records, n)


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
