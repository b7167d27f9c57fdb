"""DuckDB benchmark: ``kz_geocode`` on the pipeline bench's million rows, next to ``kztranslit normalize``.

In one run, each in a subprocess of its own (wall time, peak RSS from ``wait4``):

1. ``kztranslit normalize bench/out/rows.csv --column city --add geocode -o …``: the reference.
2. DuckDB: ``read_csv`` the same file, ``kz_geocode(city)`` on every row, write the rows with the
   struct's fields to a CSV (``COPY … TO``): the same job in SQL. Twice: with DuckDB's default
   threads (one per core), and with ``SET threads = 1`` (Python UDFs take turns on the GIL anyway;
   fewer threads hold fewer vectors waiting to be written in order).
3. DuckDB: ``SELECT g.reason, count(*) … GROUP BY 1``: geocoding without writing a file.

Then every one of the 1,000,000 rows of (2) is compared with (1) (place id and status), and a seeded
sample of 20,000 rows with the plain API (every field of the struct).

Run from the project root: python bench/bench_duckdb.py [--rows-csv PATH] [--sample 20000] [--json PATH]
(``bench/make_rows.py`` builds ``bench/out/rows.csv`` if it is missing.) Exit 1 if a row differs.
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
ENV = {**os.environ, "KZTRANSLIT_DATA": NO_USER_DATA, "PYTHONPATH": str(ROOT)}

FIELDS = "id, kato, name, kind, lat, lon, district, region, admin1, reason, score"
COPY = r"""
import sys, duckdb, kztranslit.duckdb
src, dst, threads = sys.argv[1], sys.argv[2], sys.argv[3]
con = duckdb.connect()
con.execute('SET enable_progress_bar = false')
if threads != "default":
    con.execute(f"SET threads = {int(threads)}")
kztranslit.duckdb.register(con)
fields = ", ".join(f"g.{f} AS city_{f}" for f in "FIELDS".split(", "))
con.execute(f'''COPY (
    SELECT t.id, t.city, t.amount, {fields}
    FROM (SELECT *, kz_geocode(city) AS g
          FROM read_csv(?, header = true, quote = '"', escape = '"',
                        columns = {{'id': 'BIGINT', 'city': 'VARCHAR', 'amount': 'VARCHAR'}})) t
) TO '{dst}' (HEADER, DELIMITER ',')''', [src])
""".replace("FIELDS", FIELDS)
COUNT = r"""
import sys, duckdb, kztranslit.duckdb
con = duckdb.connect()
con.execute('SET enable_progress_bar = false')
kztranslit.duckdb.register(con)
rows = con.execute('''SELECT g.reason, count(*) FROM (SELECT kz_geocode(city) AS g FROM read_csv(?,
    header = true, columns = {'id': 'BIGINT', 'city': 'VARCHAR', 'amount': 'VARCHAR'}))
    GROUP BY 1 ORDER BY 1''',
    [sys.argv[1]]).fetchall()
print(dict(rows))
"""


def measure(cmd: list[str]) -> tuple[float, float, str]:
    """Wall seconds, peak RSS in MB of this child alone (``os.wait4``), and its stdout."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=ROOT, env=ENV, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t
        code = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(), err.read().decode()
    if code != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{stderr}")
    sys.stderr.write(stderr)
    return wall, usage.ru_maxrss / 1024, stdout


def compare(normalized: Path, duck: Path) -> tuple[int, int, list[str]]:
    """Rows whose place id and status are equal in both files (in order), rows compared, a few diffs."""
    same = n = 0
    diffs: list[str] = []
    with normalized.open(encoding="utf-8", newline="") as a, duck.open(encoding="utf-8", newline="") as b:
        ra, rb = csv.DictReader(a), csv.DictReader(b)
        for x, y in zip(ra, rb, strict=True):
            n += 1
            ok = (x["id"] == y["id"] and x["city_geocode_id"] == y["city_id"]
                  and x["city_geocode_status"] == y["city_reason"])  # fmt: skip
            same += ok
            if not ok and len(diffs) < 5:
                a_ = f"{x['city_geocode_id']} {x['city_geocode_status']}"
                b_ = f"{y['city_id']} {y['city_reason']}"
                diffs.append(f"{x['id']} {x['city']!r}: normalize {a_}, duckdb {b_}")
    return same, n, diffs


def check_sample(duck: Path, rows: int, sample: int) -> tuple[int, int]:
    """Rows of a seeded sample whose struct fields all equal the plain API's (``geocode_row``)."""
    os.environ["KZTRANSLIT_DATA"] = NO_USER_DATA
    sys.path.insert(0, str(ROOT))
    from kztranslit.batch import resolver
    from kztranslit.duckdb import GEOCODE_FIELDS, geocode_row

    resolve = resolver()
    picks = set(random.Random(7).sample(range(rows), min(sample, rows)))
    same = checked = 0
    with duck.open(encoding="utf-8", newline="") as f:
        for i, rec in enumerate(csv.DictReader(f)):
            if i not in picks:
                continue
            checked += 1
            want = ["" if v is None else str(v) for v in geocode_row(resolve(rec["city"]))]
            got = [rec[f"city_{k}"] for k in GEOCODE_FIELDS]
            floats = [k in ("lat", "lon", "score") for k in GEOCODE_FIELDS]
            got = [str(float(g)) if is_float and g else g for is_float, g in zip(floats, got, strict=True)]
            same += got == want
            if got != want and checked - same <= 3:
                print(f"  differs: {rec['city']!r}\n    got  {got}\n    want {want}", file=sys.stderr)
    return same, checked


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rows-csv", default=str(OUT / "rows.csv"))
    ap.add_argument("--sample", type=int, default=20_000)
    ap.add_argument("--json", default=None, help="also write the figures to this JSON file")
    ns = ap.parse_args()
    rows_csv = Path(ns.rows_csv)
    if not rows_csv.exists():
        make = [sys.executable, str(ROOT / "bench" / "make_rows.py"), "--out", str(rows_csv)]
        subprocess.run(make, check=True)
    with rows_csv.open("rb") as f:
        rows = sum(1 for _ in f) - 1
    normalized, duck = OUT / "normalized_geocode.csv", OUT / "duckdb_geocode.csv"
    exe = Path(sys.executable).with_name("kztranslit")
    cli = [sys.executable, "-m", "kztranslit"] if not exe.exists() else [str(exe)]
    cmd = [*cli, "normalize", str(rows_csv), "--column", "city", "--add", "geocode", "-q", "-o",
           str(normalized)]  # fmt: skip
    nwall, nrss, _ = measure(cmd)
    dwall, drss, _ = measure([sys.executable, "-c", COPY, str(rows_csv), str(duck), "default"])
    one = OUT / "duckdb_geocode_1.csv"
    twall, trss, _ = measure([sys.executable, "-c", COPY, str(rows_csv), str(one), "1"])
    cwall, crss, counts = measure([sys.executable, "-c", COUNT, str(rows_csv)])
    print(f"rows: {rows:,} ({rows_csv})")
    print(f"kztranslit normalize --add geocode   {nwall:6.1f} s  {rows / nwall:>9,.0f} rows/s  "
          f"{nrss:6.1f} MB")  # fmt: skip
    print(f"DuckDB kz_geocode, COPY to CSV       {dwall:6.1f} s  {rows / dwall:>9,.0f} rows/s  {drss:6.1f} MB"
          f"   ({dwall / nwall:.2f}x normalize's time)")  # fmt: skip
    print(f"DuckDB, the same, SET threads = 1    {twall:6.1f} s  {rows / twall:>9,.0f} rows/s  {trss:6.1f} MB"
          f"   ({twall / nwall:.2f}x)")  # fmt: skip
    print(f"DuckDB kz_geocode, GROUP BY reason   {cwall:6.1f} s  {rows / cwall:>9,.0f} rows/s  {crss:6.1f} MB"
          f"   ({cwall / nwall:.2f}x)  {counts.strip()}")  # fmt: skip
    same, n, diffs = compare(normalized, duck)
    same1, n1, _ = compare(normalized, one)
    same, n = min(same, same1), max(n, n1)
    print(f"every row, DuckDB vs normalize (place id, status): {same:,} of {n:,} identical")
    for d in diffs:
        print("  differs:", d)
    ssame, schecked = check_sample(duck, rows, ns.sample)
    print(f"sample vs the plain API (every field of the struct): {ssame:,} of {schecked:,} identical")
    figures = {
        "rows": rows,
        "normalize": {"seconds": round(nwall, 2), "peak_rss_mb": round(nrss, 1)},
        "duckdb_copy": {"seconds": round(dwall, 2), "peak_rss_mb": round(drss, 1),
                        "ratio": round(dwall / nwall, 2)},
        "duckdb_copy_threads_1": {"seconds": round(twall, 2), "peak_rss_mb": round(trss, 1),
                                  "ratio": round(twall / nwall, 2)},
        "duckdb_group_by": {"seconds": round(cwall, 2), "peak_rss_mb": round(crss, 1),
                            "ratio": round(cwall / nwall, 2)},
        "rows_identical": same, "rows_compared": n, "sample_identical": ssame, "sample_checked": schecked,
    }  # fmt: skip
    if ns.json:
        Path(ns.json).write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0 if same == n == rows and ssame == schecked else 1


if __name__ == "__main__":
    sys.exit(main())
