"""Real Kazakh names for the benchmarks: every Kazakh Cyrillic name the repository holds.

Place names (GeoNames cities500: official Kazakh names and Kazakh alternate names),
region names, the given-name lexicon, and the Kazakh spellings of the person-name
evaluation sets, and full names made of those real given names and surnames. ``names(n)``
cycles through them to ``n`` items.
"""

from __future__ import annotations

import csv
import itertools
import time
from collections.abc import Callable
from pathlib import Path

from kztranslit.normalize import KAZAKH_LETTERS

ROOT = Path(__file__).resolve().parent.parent
KK = set(KAZAKH_LETTERS)


def _tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def distinct_kazakh_names() -> list[str]:
    out: set[str] = set()
    for row in _tsv(ROOT / "data" / "gazetteer" / "places.tsv"):
        for name in [row["name_kk"], *row["alternatenames"].split("|")]:
            if name and any(c in KK for c in name) and all(not ("a" <= c.lower() <= "z") for c in name):
                out.add(name)
    for row in _tsv(ROOT / "data" / "gazetteer" / "regions.tsv"):
        out.add(row["name_kk"])
    for row in _tsv(ROOT / "data" / "names" / "given_names.tsv"):
        out.add(row["name_kk"])
    surnames: set[str] = set()
    for split in ("people_dev.tsv", "people_holdout.tsv", "people_holdout2.tsv"):
        for row in _tsv(ROOT / "tests" / "data" / split):
            if row["kind"] == "kk":
                out.add(row["spelling"])
                surnames.add(row["spelling"].split()[-1])
    # Full names made of real given names and real surnames (every seventh pair).
    given = sorted(r["name_kk"] for r in _tsv(ROOT / "data" / "names" / "given_names.tsv"))
    pairs = itertools.product(given, sorted(surnames))
    out.update(f"{g} {s}" for g, s in itertools.islice(pairs, 0, None, 7))
    return sorted(n for n in out if n)


def names(n: int) -> list[str]:
    base = distinct_kazakh_names()
    return list(itertools.islice(itertools.cycle(base), n))


def rate(fn: Callable[[str], object], data: list[str], repeat: int = 5) -> float:
    """Items per second of ``fn`` over ``data``, best of ``repeat`` passes."""
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        for s in data:
            fn(s)
        best = min(best, time.perf_counter() - t)
    return len(data) / best
