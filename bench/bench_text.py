"""Benchmarks of ``kztranslit.text``: accuracy on the annotated corpus, and throughput.

Run from the project root::

    .venv/bin/python bench/bench_text.py            # corpus figures and throughput
    .venv/bin/python bench/bench_text.py --errors   # and every error of the corpus

Scoring of places (``tests/data/text_corpus_README.md``): a predicted mention is
correct when it overlaps an annotated span and resolves to the same GeoNames id,
to a settlement within 20 km of it, or, for a region annotation, to a region with
the same ISO code. Country mentions are ignored. Recall counts the annotated spans
that some correct prediction overlaps. People: a predicted person is correct when
it overlaps an annotated person span.

Throughput: at least 1 MB of English news text, made by repeating the seed article
and the English corpus sentences in shuffled order, timed through ``find_places``,
``find_people`` and ``normalize_text``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "text_corpus.jsonl"
SEED = ROOT / "seeds" / "000_43539035bb5e1252.txt"
sys.path.insert(0, str(ROOT))

from kztranslit.text import find_people, find_places, normalize_text  # noqa: E402


@dataclass
class Scores:
    """Counts and the errors behind them."""

    predicted: int = 0
    correct: int = 0
    gold: int = 0
    found: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 1.0


def load_corpus(path: Path = CORPUS) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def score_places(rows: list[dict[str, Any]]) -> Scores:
    """Precision and recall of :func:`find_places` on annotated rows."""
    from kztranslit.gazetteer import distance_km, gazetteer

    by_id = gazetteer().by_geonames
    sc = Scores()
    for row in rows:
        gold = row["places"]
        sc.gold += len(gold)
        hit = [False] * len(gold)
        for m in find_places(row["text"], countries=False):
            sc.predicted += 1
            ok = False
            for n, g in enumerate(gold):
                if m.start >= g["end"] or g["start"] >= m.end or m.place is None:
                    continue
                if "region" in g:
                    good = m.kind == "region" and m.place.admin1 == g["region"]
                else:
                    want = by_id.get(g["geonames_id"])
                    good = m.kind == "settlement" and (
                        m.place.geonames_id == g["geonames_id"]
                        or (
                            want is not None
                            and distance_km((want.lat, want.lon), (m.place.lat, m.place.lon)) <= 20.0
                        )
                    )
                if good:
                    ok = hit[n] = True
            if ok:
                sc.correct += 1
            else:
                name = m.place.id if m.place else "?"
                sc.errors.append(f"{row['id']}: false {m.surface!r} -> {name} {m.evidence}")
        for n, g in enumerate(gold):
            if hit[n]:
                sc.found += 1
            else:
                sc.errors.append(
                    f"{row['id']}: missed {g['surface']!r} {g.get('geonames_id') or g.get('region')}"
                )
    return sc


def score_people(rows: list[dict[str, Any]]) -> Scores:
    """Precision and recall of :func:`find_people` (span overlap) on annotated rows."""
    sc = Scores()
    for row in rows:
        gold = row["people"]
        sc.gold += len(gold)
        hit = [False] * len(gold)
        for p in find_people(row["text"]):
            sc.predicted += 1
            over = [n for n, g in enumerate(gold) if p.start < g["end"] and g["start"] < p.end]
            if over:
                sc.correct += 1
                for n in over:
                    hit[n] = True
            else:
                sc.errors.append(f"{row['id']}: false person {p.surface!r}")
        sc.found += sum(hit)
        sc.errors += [
            f"{row['id']}: missed person {g['surface']!r}" for n, g in enumerate(gold) if not hit[n]
        ]
    return sc


def news_text(size: int = 1_100_000, seed: int = 0) -> str:
    """At least ``size`` characters of English news: the seed article and the corpus's English rows."""
    rng = random.Random(seed)
    paragraphs = [p for p in SEED.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    paragraphs += [r["text"] for r in load_corpus() if r["lang"] == "en"]
    out: list[str] = []
    n = 0
    while n < size:
        rng.shuffle(paragraphs)
        for p in paragraphs:
            out.append(p)
            n += len(p) + 2
    return "\n\n".join(out)


def throughput(text: str, repeat: int = 3) -> dict[str, tuple[float, float]]:
    """MB/s of each public function on ``text``: (by CPU time, by wall clock), best of ``repeat`` runs.

    CPU time (``time.process_time``) is what the code costs; wall-clock time also counts
    whatever else the machine is running.
    """
    find_places("Warm-up in Almaty."), find_people("Warm-up by Kassym-Jomart Tokayev.")
    normalize_text(text[:10_000])
    mb = len(text.encode("utf-8")) / 1e6
    out = {}
    for name, fn in (
        ("find_places", find_places),
        ("find_people", find_people),
        ("normalize_text", normalize_text),
    ):
        cpu = wall = float("inf")
        for _ in range(repeat):
            c0, w0 = time.process_time(), time.perf_counter()
            fn(text)
            cpu = min(cpu, time.process_time() - c0)
            wall = min(wall, time.perf_counter() - w0)
        out[name] = (mb / cpu, mb / wall)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--errors", action="store_true", help="print every error")
    ap.add_argument("--no-speed", action="store_true", help="skip the throughput run")
    ns = ap.parse_args(argv)
    rows = load_corpus()
    places, people = score_places(rows), score_people(rows)
    print(
        f"corpus places: precision {places.precision:.3f} ({places.correct}/{places.predicted}), "
        f"recall {places.recall:.3f} ({places.found}/{places.gold})"
    )
    print(
        f"corpus people: precision {people.precision:.3f} ({people.correct}/{people.predicted}), "
        f"recall {people.recall:.3f} ({people.found}/{people.gold})"
    )
    for lang in ("en", "ru", "kk"):
        sub = [r for r in rows if r["lang"] == lang]
        s = score_places(sub)
        print(f"  places {lang}: precision {s.precision:.3f}, recall {s.recall:.3f}")
    if ns.errors:
        print("\n".join(places.errors + people.errors))
    if not ns.no_speed:
        text = news_text()
        mb = len(text.encode("utf-8")) / 1e6
        load = (
            f", load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
            if hasattr(os, "getloadavg")
            else ""
        )
        print(f"throughput on {mb:.2f} MB of English news (best of 3{load}):")
        for name, (cpu, wall) in throughput(text).items():
            print(f"  {name}: {cpu:.2f} MB/s by CPU time, {wall:.2f} MB/s by wall clock")
    return 0


if __name__ == "__main__":
    sys.exit(main())
