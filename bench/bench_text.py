"""Benchmarks of ``kztranslit.text``: accuracy on the annotated corpus, and throughput.

Run from the project root::

    .venv/bin/python bench/bench_text.py            # corpus figures and throughput
    .venv/bin/python bench/bench_text.py --errors   # and every error of the corpus
    .venv/bin/python bench/bench_text.py --against /tmp/base   # and an earlier tree, taking turns
    .venv/bin/python bench/bench_text.py --speed-only          # throughput alone

Scoring of places (``tests/data/text_corpus_README.md``): a predicted mention is
correct when it overlaps an annotated span and resolves to the annotated place: a
region with the same ISO code; a place with the same KATO code (once the gazetteer
carries them); a settlement with the same GeoNames id or within 20 km of it. A
district is never its centre. Figures are given overall and by kind of place
(region, city, district, rural okrug, village), for the whole corpus, the first set
and the regional set. Country mentions are ignored. Recall counts the annotated
spans that some correct prediction overlaps. People: a predicted person is correct
when it overlaps an annotated person span.

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

    def line(self) -> str:
        return (
            f"precision {self.precision:.3f} ({self.correct}/{self.predicted}), "
            f"recall {self.recall:.3f} ({self.found}/{self.gold})"
        )


#: The kinds of place the scorer reports apart (``kind`` of an annotation).
KINDS = ("region", "city", "district", "rural_district", "village")


@dataclass
class PlaceScores(Scores):
    """Overall counts, and the same counts by kind of place."""

    by_kind: dict[str, Scores] = field(default_factory=lambda: {k: Scores() for k in KINDS})
    needs_kato: int = 0  # annotations that only a KATO code identifies (no GeoNames id, no region)


def load_corpus(path: Path = CORPUS) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def gold_kind(g: dict[str, Any]) -> str:
    """The kind of an annotation: its ``kind``, else a region or a settlement's size class."""
    if "kind" in g:
        return str(g["kind"])
    if "region" in g:
        return "region"
    from kztranslit.gazetteer import gazetteer

    place = gazetteer().by_geonames.get(g["geonames_id"])
    return "city" if place is not None and place.kind in ("city", "town") else "village"


def found_kind(m: Any) -> str:
    """The kind of a predicted mention, in the annotation's terms."""
    kind = getattr(m.place, "kind", None)
    if m.kind == "region" or kind == "region":
        return "region"
    if kind in ("district", "rural_district"):
        return str(kind)
    return "city" if kind in ("city", "town") else "village"


def same_place(m: Any, g: dict[str, Any]) -> bool:
    """Whether a predicted mention resolves to the annotated place.

    A region by its ISO code; a place with a KATO code by that code (once the gazetteer has
    them, ``place.kato``); a settlement with a GeoNames id by that id or a settlement within
    20 km of it (GeoNames has duplicates). A district is never its centre.
    """
    from kztranslit.gazetteer import distance_km, gazetteer

    if m.place is None:
        return False
    if "region" in g:
        return m.kind == "region" and m.place.admin1 == g["region"]
    kato = getattr(m.place, "kato", None)
    if "kato" in g and kato is not None and str(kato) == g["kato"]:
        return True
    if "geonames_id" not in g or found_kind(m) in ("region", "district", "rural_district"):
        return False
    if m.place.geonames_id == g["geonames_id"]:
        return True
    want = gazetteer().by_geonames.get(g["geonames_id"])
    return want is not None and distance_km((want.lat, want.lon), (m.place.lat, m.place.lon)) <= 20.0


def score_places(rows: list[dict[str, Any]]) -> PlaceScores:
    """Precision and recall of :func:`find_places` on annotated rows, overall and by kind.

    A prediction is correct when it overlaps an annotated span and resolves to its place
    (:func:`same_place`); it counts for the kind of that annotation, a false one for the kind
    of the place it gave. Country mentions are ignored.
    """
    sc = PlaceScores()
    for row in rows:
        gold = row["places"]
        kinds = [gold_kind(g) for g in gold]
        sc.gold += len(gold)
        sc.needs_kato += sum("geonames_id" not in g and "region" not in g for g in gold)
        for k in kinds:
            sc.by_kind[k].gold += 1
        hit = [False] * len(gold)
        for m in find_places(row["text"], countries=False):
            sc.predicted += 1
            good = [
                n
                for n, g in enumerate(gold)
                if m.start < g["end"] and g["start"] < m.end and same_place(m, g)
            ]
            kind = kinds[good[0]] if good else found_kind(m)
            sc.by_kind[kind].predicted += 1
            if good:
                sc.correct += 1
                sc.by_kind[kind].correct += 1
                for n in good:
                    hit[n] = True
            else:
                name = m.place.id if m.place else "?"
                sc.errors.append(f"{row['id']}: false {m.surface!r} -> {name} {m.evidence}")
        for n, g in enumerate(gold):
            if hit[n]:
                sc.found += 1
                sc.by_kind[kinds[n]].found += 1
            else:
                ident = g.get("kato") or g.get("geonames_id") or g.get("region")
                sc.errors.append(f"{row['id']}: missed {kinds[n]} {g['surface']!r} {ident}")
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


def is_regional(row: dict[str, Any]) -> bool:
    """A row of the regional set (districts, okrugs, villages; ids ``xx-r001``…)."""
    return "-r" in row["id"]


def news_text(size: int = 1_100_000, seed: int = 0) -> str:
    """At least ``size`` characters of English news: the seed article and the corpus's English rows."""
    rng = random.Random(seed)
    paragraphs = [p for p in SEED.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    # The first set only: the regional rows came later, and the bench compares with earlier runs.
    paragraphs += [r["text"] for r in load_corpus() if r["lang"] == "en" and not is_regional(r)]
    out: list[str] = []
    n = 0
    while n < size:
        rng.shuffle(paragraphs)
        for p in paragraphs:
            out.append(p)
            n += len(p) + 2
    return "\n\n".join(out)


#: MB/s of each function: (by CPU time, by wall clock).
Figures = dict[str, tuple[float, float]]
FUNCTIONS = {"find_places": find_places, "find_people": find_people, "normalize_text": normalize_text}


def throughput(text: str, repeat: int = 3) -> Figures:
    """MB/s of each public function on ``text``: (by CPU time, by wall clock), best of ``repeat`` runs.

    CPU time (``time.process_time``) is what the code costs; wall-clock time also counts
    whatever else the machine is running.
    """
    find_places("Warm-up in Almaty."), find_people("Warm-up by Kassym-Jomart Tokayev.")
    normalize_text(text[:10_000])
    mb = len(text.encode("utf-8")) / 1e6
    out = {}
    for name, fn in FUNCTIONS.items():
        cpu = wall = float("inf")
        for _ in range(repeat):
            c0, w0 = time.process_time(), time.perf_counter()
            fn(text)
            cpu = min(cpu, time.process_time() - c0)
            wall = min(wall, time.perf_counter() - w0)
        out[name] = (mb / cpu, mb / wall)
    return out


def report(rows: list[dict[str, Any]], title: str) -> tuple[PlaceScores, Scores]:
    """Print the place and people figures of some rows: overall, by kind and by language."""
    places, people = score_places(rows), score_people(rows)
    print(f"{title} ({len(rows)} sentences)")
    print(f"  places: {places.line()}")
    for kind in KINDS:
        s = places.by_kind[kind]
        if s.gold or s.predicted:
            print(f"    {kind}: {s.line()}")
    for lang in ("en", "ru", "kk"):
        sub = [r for r in rows if r["lang"] == lang]
        if sub:
            print(f"    {lang}: {score_places(sub).line()}")
    if places.needs_kato:
        print(f"    annotations only a KATO code identifies (need the KATO gazetteer): {places.needs_kato}")
    print(f"  people: {people.line()}")
    return places, people


# Serves timings of the three functions of another source tree on the text in a file (see
# --against): each line read names a function, each line written is its CPU and wall seconds.
_AGAINST = """
import sys, time
from kztranslit.text import find_people, find_places, normalize_text
text = open(sys.argv[1], encoding="utf-8").read()
find_places("Warm-up in Almaty."), find_people("Warm-up by Kassym-Jomart Tokayev.")
normalize_text(text[:10_000])
print("ready", flush=True)
for line in sys.stdin:
    fn = globals()[line.strip()]
    c0, w0 = time.process_time(), time.perf_counter()
    fn(text)
    print(time.process_time() - c0, time.perf_counter() - w0, flush=True)
"""


def throughput_turns(tree: Path, text: str, repeat: int = 5) -> tuple[Figures, Figures]:
    """:func:`throughput` of this tree and of the ``kztranslit`` package in another source tree
    (a checkout of an earlier commit: ``git archive <commit> kztranslit data | tar -x -C <tree>``,
    run in a process of its own with that tree first on the path), the two taking turns on
    every run: on a shared machine whose speed changes from minute to minute, each meets the
    same moments. Best of ``repeat`` runs each."""
    import subprocess
    import tempfile

    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".txt", delete=False) as f:
        f.write(text)
        path = f.name
    env = {**os.environ, "PYTHONPATH": str(tree)}
    other = subprocess.Popen(
        [sys.executable, "-c", _AGAINST, path], env=env, cwd=str(tree),
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert other.stdin is not None and other.stdout is not None
    try:
        if other.stdout.readline().strip() != "ready":
            raise RuntimeError(f"the tree {tree} did not start")
        find_places("Warm-up in Almaty."), find_people("Warm-up by Kassym-Jomart Tokayev.")
        normalize_text(text[:10_000])
        mb = len(text.encode("utf-8")) / 1e6
        mine: Figures = {}
        theirs: Figures = {}
        for name, fn in FUNCTIONS.items():
            best = [(float("inf"), float("inf"))] * 2  # (cpu, wall) of this tree, of the other
            for n in range(2 * repeat):
                who = 0 if n % 4 in (0, 3) else 1  # this tree, the other, the other, this tree, …
                if who == 0:
                    c0, w0 = time.process_time(), time.perf_counter()
                    fn(text)
                    cpu, wall = time.process_time() - c0, time.perf_counter() - w0
                else:
                    other.stdin.write(name + "\n")
                    other.stdin.flush()
                    cpu, wall = map(float, other.stdout.readline().split())
                best[who] = (min(best[who][0], cpu), min(best[who][1], wall))
            mine[name] = (mb / best[0][0], mb / best[0][1])
            theirs[name] = (mb / best[1][0], mb / best[1][1])
        return mine, theirs
    finally:
        other.stdin.close()
        other.wait()
        os.unlink(path)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--errors", action="store_true", help="print every error")
    ap.add_argument("--no-speed", action="store_true", help="skip the throughput run")
    ap.add_argument("--speed-only", action="store_true", help="skip the corpus figures")
    ap.add_argument(
        "--against",
        type=Path,
        metavar="TREE",
        help="also time the kztranslit of another source tree (an earlier commit) on the same text",
    )
    ns = ap.parse_args(argv)
    if not ns.speed_only:
        rows = load_corpus()
        places, people = report(rows, "corpus")
        report([r for r in rows if not is_regional(r)], "  of which the first set")
        report([r for r in rows if is_regional(r)], "  of which the regional set")
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
        if ns.against is None:
            print(f"throughput on {mb:.2f} MB of English news (best of 3{load}):")
            runs = [("", throughput(text))]
        else:
            print(f"throughput on {mb:.2f} MB of English news (best of 5, taking turns with {ns.against}{load}):")  # noqa: E501
            mine, theirs = throughput_turns(ns.against, text)
            runs = [("", mine), (f" [{ns.against}]", theirs)]
        for label, figures in runs:
            for name, (cpu, wall) in figures.items():
                print(f"  {name}{label}: {cpu:.2f} MB/s by CPU time, {wall:.2f} MB/s by wall clock")
    return 0


if __name__ == "__main__":
    sys.exit(main())
