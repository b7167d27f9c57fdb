"""The spaCy benchmark: the ``kztranslit`` component's throughput next to ``find_places`` alone.

The texts: the text corpus (``tests/data/text_corpus.jsonl``, Russian, English and Kazakh) and the
seed articles (``seeds/``). Each is run through, in MB of UTF-8 text per second:

* ``find_places`` alone;
* ``find_places`` + ``find_people`` (what the component calls);
* a blank spaCy pipeline of the text's language (``spacy.blank("ru"/"en"/"kk")``) alone: its tokenizer;
* the same pipeline with the ``kztranslit`` component (``nlp.pipe``).

Before timing, the component's entities are checked against ``find_places`` + ``find_people`` on
every text (offsets, label, place id or person key): exit 1 if one differs. The four runs are timed
in interleaved rounds (``--rounds``, each at least ``--seconds`` long) after a warm-up pass; the
best round of each counts.

Run from the project root: python bench/bench_spacy.py [--rounds 5] [--seconds 2] [--json PATH]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
os.environ["KZTRANSLIT_DATA"] = str(Path(tempfile.gettempdir()) / "kztranslit-bench-no-user-data")
sys.path.insert(0, str(ROOT))

import spacy  # noqa: E402

import kztranslit.spacy  # noqa: E402,F401  (registers the component and "kk")
from kztranslit.text import find_people, find_places  # noqa: E402


def texts() -> list[tuple[str, str]]:
    out = []
    with (ROOT / "tests" / "data" / "text_corpus.jsonl").open(encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            out.append((rec["lang"], rec["text"]))
    out += [("en", p.read_text(encoding="utf-8")) for p in sorted((ROOT / "seeds").glob("*.txt"))]
    return out


def rates(runs: dict[str, Callable[[], None]], size: int, rounds: int, seconds: float) -> dict[str, float]:
    """MB/s of each run (one pass over ``size`` bytes): interleaved rounds of at least ``seconds`` each,
    the best round counted (the machine is shared: the best round is the least disturbed)."""
    for run in runs.values():
        run()  # warm-up: tables loaded, caches filled as in a long run
    best = dict.fromkeys(runs, 0.0)
    for _ in range(rounds):
        for label, run in runs.items():
            passes, t = 0, time.perf_counter()
            while (took := time.perf_counter() - t) < seconds or passes == 0:
                run()
                passes += 1
            best[label] = max(best[label], size * passes / took / 1e6)
    return best


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seconds", type=float, default=2.0, help="length of one round of one run")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--json", default=None)
    ns = ap.parse_args()
    docs = texts()
    size = sum(len(t.encode()) for _, t in docs)
    blank = {lang: spacy.blank(lang) for lang in ("en", "ru", "kk")}
    piped = {}
    for lang in blank:
        nlp = spacy.blank(lang)
        nlp.add_pipe("kztranslit")
        piped[lang] = nlp
    by_lang: dict[str, list[str]] = {}
    for lang, t in docs:
        by_lang.setdefault(lang, []).append(t)

    differ = mentions = 0
    for lang, t in docs:
        doc = piped[lang](t)
        got = [(e.start_char, e.end_char, e.label_,
                e._.kz_place_id if e.label_ == "GPE" else e._.kz_person_key) for e in doc.ents]  # fmt: skip
        want = sorted([(m.start, m.end, "GPE", m.place.id if m.place else None) for m in find_places(t)]
                      + [(p.start, p.end, "PERSON", p.key) for p in find_people(t)])  # fmt: skip
        mentions += len(want)
        differ += got != want
    print(
        f"{len(docs)} texts, {size:,} bytes of UTF-8, {mentions:,} mentions; "
        f"component's entities = find_places + find_people: {len(docs) - differ} of {len(docs)} texts"
    )

    def places_only() -> None:
        for _, t in docs:
            find_places(t)

    def places_and_people() -> None:
        for _, t in docs:
            find_places(t)
            find_people(t)

    def tokenizer_only() -> None:
        for lang, ts in by_lang.items():
            for _ in blank[lang].pipe(ts):
                pass

    def component() -> None:
        for lang, ts in by_lang.items():
            for _ in piped[lang].pipe(ts):
                pass

    figures: dict[str, object] = {"texts": len(docs), "bytes": size, "mentions": mentions,
                                  "texts_equal": len(docs) - differ}  # fmt: skip
    runs = {"find_places alone": places_only, "find_places + find_people": places_and_people,
            "spaCy blank pipeline alone": tokenizer_only,
            "spaCy blank + kztranslit component": component}  # fmt: skip
    for label, mbs in rates(runs, size, ns.rounds, ns.seconds).items():
        figures[label] = round(mbs, 3)
        print(f"{label:36} {mbs:7.3f} MB/s")
    if ns.json:
        Path(ns.json).write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0 if differ == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
