"""Build the pipeline benchmark's input: a 1,000,000-row CSV of place names as people type them.

About 20,000 distinct spellings of the gazetteer's places: official, Kazakh and Russian names,
alternate and former names, transliterations in every scheme, the queries of the dev benchmark
(``../shared/eval/places_dev.tsv``), and noisy copies of all of them (case changes, a dropped or
swapped letter, extra spaces, ``г.`` prefixes, ``, Kazakhstan`` suffixes). Rows repeat spellings
with a long-tailed frequency, as real columns do. Seeded: the same file every run.

Run from the project root: python bench/make_rows.py [--rows 1000000] [--distinct 20000] [--out PATH]
Writes bench/out/rows.csv (columns id, city, amount) by default.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "eval" / "places_dev.tsv"
SEED = 20_240_601
KK_SCHEMES = ("latin2021", "latin2018", "latin2017", "bgn_pcgn", "ala_lc", "iso9", "rferl", "conventional",
              "icao", "qazaqparat")  # fmt: skip
RU_SCHEMES = ("ru_bgn_pcgn", "ru_icao", "ru_gost_b", "ru_wikipedia")


def base_spellings() -> list[str]:
    """Every spelling the data gives, in a fixed order, without duplicates."""
    # Only the embedded gazetteer: an extended one in the user's data directory would change the file.
    os.environ["KZTRANSLIT_DATA"] = str(Path(tempfile.gettempdir()) / "kztranslit-bench-no-user-data")
    sys.path.insert(0, str(ROOT))
    from kztranslit import transliterate
    from kztranslit.gazetteer import gazetteer

    out: dict[str, None] = {}
    for place in gazetteer().places.values():
        names = [place.name, place.name_kk, place.name_ru, *place.alternate_names]
        names += [f.name for f in place.former_names]
        for name in names:
            if name:
                out[name] = None
        if place.name_kk:
            for scheme in KK_SCHEMES:
                out[transliterate(place.name_kk, scheme)] = None
        if place.name_ru:
            for scheme in RU_SCHEMES:
                out[transliterate(place.name_ru, scheme)] = None
    if DEV.exists():
        with DEV.open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f, delimiter="\t"):
                out[row["query"]] = None
    return [s for s in out if s.strip()]


def _case(rng: random.Random, s: str) -> str:
    how = rng.randrange(4)
    if how == 0:
        return s.upper()
    if how == 1:
        return s.lower()
    if how == 2:
        return s.title()
    return "".join(c.swapcase() if rng.random() < 0.2 else c for c in s)


def _drop(rng: random.Random, s: str) -> str:
    if len(s) < 5:
        return s
    i = rng.randrange(1, len(s) - 1)
    return s[:i] + s[i + 1 :]


def _swap(rng: random.Random, s: str) -> str:
    if len(s) < 5:
        return s
    i = rng.randrange(1, len(s) - 2)
    return s[:i] + s[i + 1] + s[i] + s[i + 2 :]


def _spaces(rng: random.Random, s: str) -> str:
    s = s.replace(" ", "  ") if " " in s and rng.random() < 0.5 else s
    return " " * rng.randrange(0, 3) + s + " " * rng.randrange(1, 3)


def _prefix(rng: random.Random, s: str) -> str:
    return rng.choice(("г. ", "г.", "Г. ", "с. ", "city of ")) + s


def _suffix(rng: random.Random, s: str) -> str:
    return s + rng.choice((", Kazakhstan", ", Казахстан", ", KZ", ", Қазақстан"))


NOISE = (_case, _drop, _swap, _spaces, _prefix, _suffix)


def spellings(distinct: int, rng: random.Random) -> list[str]:
    """``distinct`` different spellings: the data's own, then noisy copies (one or two kinds of noise)."""
    base = base_spellings()
    seen = dict.fromkeys(base[:distinct])
    while len(seen) < distinct:
        s = rng.choice(base)
        for noise in rng.sample(NOISE, rng.choice((1, 1, 2))):
            s = noise(rng, s)
        if s.strip():
            seen[s] = None
    return list(seen)


def rows(n: int, names: list[str], rng: random.Random) -> Iterator[list[str]]:
    """Every spelling at least once, the rest drawn with a long tail (weight 1 / (rank + 10))."""
    order = names[:]
    rng.shuffle(order)
    weights = [1.0 / (i + 10) for i in range(len(order))]
    picks = order + rng.choices(order, weights=weights, k=max(0, n - len(order)))
    rng.shuffle(picks)
    for i, city in enumerate(picks[:n], 1):
        yield [str(i), city, f"{rng.uniform(1, 10_000):.2f}"]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--distinct", type=int, default=20_000)
    ap.add_argument("--out", default=str(ROOT / "bench" / "out" / "rows.csv"))
    ns = ap.parse_args()
    rng = random.Random(SEED)
    names = spellings(ns.distinct, rng)
    out = Path(ns.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "city", "amount"])
        w.writerows(rows(ns.rows, names, rng))
    print(f"{out}: {ns.rows:,} rows, {len(names):,} distinct spellings", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
