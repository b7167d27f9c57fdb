#!/usr/bin/env python3
"""Near misses of every gazetteer name, through every verb a user calls on a name: none may raise.

Names: every place of ``kztranslit.gazetteer.gazetteer().places`` in each script it has — its
conventional Latin ``name``, its Kazakh Cyrillic ``name_kk`` and its Russian ``name_ru`` — so the
sweep grows with the gazetteer. Edits: every one-letter deletion, insertion, substitution and swap
of neighbours, and two of them in a row (insertions and substitutions take the letters of the
name's own alphabet: Latin, Kazakh Cyrillic or Russian Cyrillic).

Verbs: ``geocode``, ``search``, ``find_places`` (the name alone and in a sentence), and the
``normalize`` pipeline (``kztranslit normalize`` over a CSV of all the queries, key, Latin and
geocode; a row on which a verb fails there is a reject with the error as its reason).

Modes:

* ``--mode sample`` (default): ``--sample N`` queries drawn at random (``--seed``): a name, a
  script, then one edit (half the time) or two;
* ``--mode deletions``: every one-letter deletion of every name in every script;
* ``--mode one``: every one-letter edit of every name in every script (large: see the count).

Prints the number of names and queries, and for each verb how many raised, with the distinct
errors and a few queries for each. Exit 1 if anything raised.

    python scripts/near_miss_sweep.py --sample 20000
    python scripts/near_miss_sweep.py --mode deletions
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kztranslit.gazetteer import gazetteer  # noqa: E402
from kztranslit.normalize import CYRILLIC_LETTERS, KAZAKH_LETTERS  # noqa: E402

LATIN = "abcdefghijklmnopqrstuvwxyz"
KAZAKH = "".join(c for c in CYRILLIC_LETTERS if c.islower())
RUSSIAN = "".join(c for c in KAZAKH if c not in KAZAKH_LETTERS)
SCRIPTS = {"latin": ("name", LATIN), "kazakh": ("name_kk", KAZAKH), "russian": ("name_ru", RUSSIAN)}
EDITS = ("deletion", "insertion", "substitution", "swap")


def names() -> list[tuple[str, str]]:
    """``(script, name)`` for every place and script it has a name in, sorted, no repeats."""
    out: set[tuple[str, str]] = set()
    for place in gazetteer().places.values():
        for script, (attr, _) in SCRIPTS.items():
            value = getattr(place, attr)
            if value:
                out.add((script, value))
    return sorted(out)


def one_edits(word: str, alphabet: str) -> Iterator[str]:
    """Every one-letter edit of ``word``: deletions, swaps of neighbours, substitutions, insertions."""
    for i in range(len(word)):
        yield word[:i] + word[i + 1 :]
    for i in range(len(word) - 1):
        if word[i] != word[i + 1]:
            yield word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    for i in range(len(word)):
        for c in alphabet:
            if c != word[i].lower():
                yield word[:i] + c + word[i + 1 :]
    for i in range(len(word) + 1):
        for c in alphabet:
            yield word[:i] + c + word[i:]


def random_edit(word: str, alphabet: str, rnd: random.Random) -> str:
    """One edit of ``word`` at random (a kind, a place, a letter)."""
    kind = rnd.choice(EDITS)
    if not word:
        kind = "insertion"
    i = rnd.randrange(len(word) + (kind == "insertion"))
    if kind == "deletion":
        return word[:i] + word[i + 1 :]
    if kind == "swap":
        i = min(i, max(0, len(word) - 2))
        return word[:i] + word[i + 1 : i + 2] + word[i : i + 1] + word[i + 2 :]
    c = rnd.choice(alphabet)
    if kind == "substitution":
        return word[:i] + c + word[i + 1 :]
    return word[:i] + c + word[i:]


def queries(mode: str, sample: int, seed: int) -> Iterator[tuple[str, str, str]]:
    """``(script, name, query)`` for the mode; in the exhaustive modes each query once."""
    pool = names()
    if mode in ("deletions", "one"):
        seen: set[str] = set()
        for script, name in pool:
            if mode == "deletions":
                edits: Iterable[str] = (name[:i] + name[i + 1 :] for i in range(len(name)))
            else:
                edits = one_edits(name, SCRIPTS[script][1])
            for q in edits:
                if q not in seen:
                    seen.add(q)
                    yield script, name, q
        return
    rnd = random.Random(seed)
    for _ in range(sample):
        script, name = rnd.choice(pool)
        alphabet = SCRIPTS[script][1]
        q = random_edit(name, alphabet, rnd)
        if rnd.random() < 0.5:
            q = random_edit(q, alphabet, rnd)
        yield script, name, q


def space() -> tuple[int, int, int]:
    """How many names, one-letter edits and (about) two-letter edits the sweep draws from."""
    pool = names()
    one = 0
    for script, name in pool:
        n, a = len(name), len(SCRIPTS[script][1])
        one += n + max(0, n - 1) + n * (a - 1) + (n + 1) * a
    per = one / max(1, len(pool))
    return len(pool), one, int(len(pool) * per * per / 2)


@dataclass
class Raised:
    """What raised in one verb: the count, and per distinct error a few queries."""

    count: int = 0
    errors: dict[str, list[str]] = field(default_factory=dict)

    def add(self, query: str, error: str) -> None:
        self.count += 1
        seen = self.errors.setdefault(error, [])
        if len(seen) < 5:
            seen.append(query)


def _where(e: BaseException) -> str:
    """An error as ``Type: message (file:function)``, at the library's innermost frame."""
    frames = [f for f in traceback.extract_tb(e.__traceback__) if "kztranslit" in f.filename]
    at = f" ({Path(frames[-1].filename).name}:{frames[-1].name})" if frames else ""
    return f"{type(e).__name__}: {str(e)[:60]}{at}"


def verbs() -> dict[str, Callable[[str], object]]:
    from kztranslit import find_places, geocode, search

    return {
        "geocode": geocode,
        "search": lambda q: search(q, limit=5),
        "find_places": find_places,
        "find_places in a sentence": lambda q: find_places(f"Протест прошёл в {q}, сообщили из {q}."),
    }


def sweep(items: Iterable[tuple[str, str, str]], *, pipeline: bool = True) -> tuple[int, dict[str, Raised]]:
    """Run every query through every verb; returns the number of queries and what raised, by verb."""
    raised = {name: Raised() for name in verbs()}
    if pipeline:
        raised["normalize"] = Raised()
    fns = verbs()
    n = 0
    batch: list[str] = []
    for _, _, q in items:
        n += 1
        for name, fn in fns.items():
            try:
                fn(q)
            except Exception as e:  # a finding, not a stop
                raised[name].add(q, _where(e))
        batch.append(q)
    if pipeline and batch:
        _pipeline(batch, raised["normalize"])
    return n, raised


def _pipeline(batch: list[str], raised: Raised) -> None:
    """The queries as one CSV through ``kztranslit normalize``; a failed row is a reject with its error."""
    from kztranslit.cli import main

    with tempfile.TemporaryDirectory(prefix="near-miss-") as d:
        src, out, rej = Path(d) / "in.csv", Path(d) / "out.csv", Path(d) / "rejects.csv"
        with src.open("w", encoding="utf-8", newline="") as f:
            w = csv.writer(f)
            w.writerow(["city"])
            w.writerows([q] for q in batch)
        try:
            main(["normalize", str(src), "-c", "city", "-a", "key,latin2021,geocode", "-q", "-o", str(out),
                  "--rejects", str(rej)])  # fmt: skip
        except Exception as e:  # the pipeline itself must not raise either
            raised.add("(the whole file)", _where(e))
            return
        with out.open(encoding="utf-8", newline="") as f:
            written = sum(1 for _ in csv.DictReader(f))
        with rej.open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                reason = row["reject_reason"]
                if not reason.startswith("unresolved"):
                    line = int(row["reject_line"])
                    raised.add(batch[line - 2], reason.removeprefix("failed: ")[:80])
        if written + raised.count != len(batch):
            raised.add("(rows lost)", f"{len(batch)} rows in, {written} written, {raised.count} rejected")


def report(n: int, raised: dict[str, Raised], seconds: float, mode: str) -> Iterator[str]:
    pool, one, two = space()
    total = sum(r.count for r in raised.values())
    yield (f"near-miss sweep ({mode}): {n:,} queries from {pool:,} names (Latin, Kazakh, Russian; "
           f"{one:,} one-letter and about {two:,} two-letter edits in all) through {len(raised)} verbs "
           f"in {seconds:,.0f} s: {'none raised' if not total else f'{total:,} raised'}")  # fmt: skip
    for verb, r in raised.items():
        yield f"  {verb:28} {r.count:>6,} raised"
        for error, qs in sorted(r.errors.items(), key=lambda kv: -len(kv[1])):
            yield f"      {error}: {', '.join(map(repr, qs))}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--mode", choices=["sample", "deletions", "one"], default="sample")
    ap.add_argument("--sample", type=int, default=20_000, help="queries to draw in sample mode")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--no-pipeline", action="store_true", help="leave out the normalize pipeline")
    args = ap.parse_args()
    t = time.perf_counter()
    n, raised = sweep(queries(args.mode, args.sample, args.seed), pipeline=not args.no_pipeline)
    for line in report(n, raised, time.perf_counter() - t, args.mode):
        print(line)
    return 1 if any(r.count for r in raised.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
