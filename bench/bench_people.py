"""Person-name matching on labelled pairs, by kind, next to a rapidfuzz baseline, in one run.

Run: python bench/bench_people.py [PAIRS.tsv ...]   (default: tests/data/people_pairs.tsv)

Each file has the columns ``a``, ``b``, ``same`` (1 or 0) and ``kind`` (see
tests/data/people_pairs_README.md). For every kind the script prints, for ``same_name`` and for
the baseline: the pairs of one person found (recall) and the pairs of two people said to match
(false matches); then precision and recall over the whole file.

The baseline is what a user would otherwise write: both names through ``unidecode``, lower case,
``rapidfuzz.fuzz.token_sort_ratio`` (word order ignored), a match at 85 or more.
"""

from __future__ import annotations

import csv
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz
from unidecode import unidecode

from kztranslit import same_name

ROOT = Path(__file__).resolve().parent.parent
BASELINE_CUTOFF = 85


def baseline(a: str, b: str) -> bool:
    return fuzz.token_sort_ratio(unidecode(a).lower(), unidecode(b).lower()) >= BASELINE_CUTOFF


@dataclass
class Tally:
    positives: int = 0
    found: int = 0
    negatives: int = 0
    false: int = 0
    missed: list[tuple[str, str]] = field(default_factory=list)
    wrong: list[tuple[str, str]] = field(default_factory=list)

    def add(self, same: bool, said: bool, a: str, b: str) -> None:
        if same:
            self.positives += 1
            self.found += said
            if not said:
                self.missed.append((a, b))
        else:
            self.negatives += 1
            self.false += said
            if said:
                self.wrong.append((a, b))

    @property
    def recall(self) -> float:
        return self.found / self.positives if self.positives else float("nan")

    @property
    def precision(self) -> float:
        return self.found / (self.found + self.false) if self.found + self.false else float("nan")


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def score(rows: list[dict[str, str]], fn: Callable[[str, str], bool]) -> dict[str, Tally]:
    out: dict[str, Tally] = {"all": Tally()}
    for r in rows:
        said = fn(r["a"], r["b"])
        same = r["same"] == "1"
        out.setdefault(r["kind"], Tally()).add(same, said, r["a"], r["b"])
        out["all"].add(same, said, r["a"], r["b"])
    return out


def _cell(t: Tally) -> str:
    rec = f"{t.found}/{t.positives} = {t.recall:.3f}" if t.positives else "-"
    neg = f"{t.false}/{t.negatives}" if t.negatives else "-"
    return f"{rec:>18} {neg:>7}"


def main(paths: list[Path], *, verbose: bool = False) -> None:
    for path in paths:
        rows = _rows(path)
        t = time.perf_counter()
        ours = score(rows, same_name)
        elapsed = time.perf_counter() - t
        base = score(rows, baseline)
        print(f"{path.name}: {len(rows)} pairs, same_name {len(rows) / elapsed:,.0f} pairs/s")
        print(f"  {'kind':<12}{'same_name: recall':>18} {'false':>7}   {'baseline: recall':>18} {'false':>7}")
        kinds = [*sorted(k for k in ours if k != "all"), "all"]
        for kind in kinds:
            print(f"  {kind:<12}{_cell(ours[kind])}   {_cell(base[kind])}")
        for label, tally in (("same_name", ours["all"]), ("baseline", base["all"])):
            print(f"  {label}: precision {tally.precision:.4f}, recall {tally.recall:.4f}")
        if verbose:
            for a, b in ours["all"].missed:
                print(f"  missed: {a} | {b}")
            for a, b in ours["all"].wrong:
                print(f"  false:  {a} | {b}")
        print()


if __name__ == "__main__":
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("pairs", nargs="*", type=Path, help="pair files (default: tests/data/people_pairs.tsv)")
    ap.add_argument("-v", action="store_true", help="print every missed and false pair")
    ns = ap.parse_args()
    main(ns.pairs or [ROOT / "tests" / "data" / "people_pairs.tsv"], verbose=ns.v)
