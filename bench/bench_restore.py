"""Restoration speed and memory: ``to_cyrillic`` before and after, in one run.

Run from the project root: ``python bench/bench_restore.py [N]``.

- names per second of ``to_cyrillic`` on N real names written in Latin (the benchmark's real
  Kazakh names, bench/names.py, in four romanizations: latin2021, bgn_pcgn, rferl,
  conventional, cycled), first use excluded (each name read once before timing, so the
  per-word memo is warm as in a pipeline that meets a name many times) and cold (memo cleared);
  "before" is restore.py as of commit BEFORE (read from git into a module of its own), "after"
  the working tree;
- time and peak memory (tracemalloc) of ``to_cyrillic`` on a 1 MB single word and on 1 MB of
  ordinary text (the same names joined by spaces), after only: the code before took 125 s
  and 24 GB on the single word (issue 11).
"""

from __future__ import annotations

import importlib.util
import itertools
import subprocess
import sys
import time
import tracemalloc
import types
from collections.abc import Callable
from pathlib import Path

from names import distinct_kazakh_names, rate

import kztranslit
from kztranslit import restore, transliterate

ROOT = Path(__file__).resolve().parent.parent
BEFORE = "9193939"  # main when issue 12 was taken up


def load_before() -> types.ModuleType | None:
    try:
        source = subprocess.run(
            ["git", "show", f"{BEFORE}:kztranslit/restore.py"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    spec = importlib.util.spec_from_loader("kztranslit._restore_before", loader=None)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    module.__package__ = "kztranslit"
    sys.modules[spec.name] = module  # dataclasses look the module up
    exec(compile(source, "restore_before.py", "exec"), module.__dict__)
    return module


def latin_names(n: int) -> list[str]:
    base = distinct_kazakh_names()
    schemes = ("latin2021", "bgn_pcgn", "rferl", "conventional")
    latin = [transliterate(name, s) for name in base for s in schemes]
    return list(itertools.islice(itertools.cycle(latin), n))


def measure(label: str, fn: Callable[[str], object], text: str) -> None:
    tracemalloc.start()
    t = time.perf_counter()
    fn(text)
    seconds = time.perf_counter() - t
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"  {label:44} {seconds:7.2f} s   peak {peak / 2**20:7.1f} MB")


def main(argv: list[str] | None = None) -> None:
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("n", nargs="?", type=int, default=20_000, help="names (default 20,000)")
    n = ap.parse_args(argv).n
    data = latin_names(n)
    distinct = len(set(data))
    print(f"{n:,} Latin names ({distinct:,} distinct), to_cyrillic(name):")
    before = load_before()
    tools: dict[str, tuple[Callable[[str], str], Callable[[], None]]] = {}
    if before is not None:
        tools[f"before ({BEFORE})"] = (before.to_cyrillic, before._word_candidates.cache_clear)
    tools["after"] = (kztranslit.to_cyrillic, restore._word_candidates.cache_clear)
    for label, (fn, clear) in tools.items():
        fn("Almaty")  # load the lexicon and the models
        clear()
        t = time.perf_counter()
        for s in data[:distinct]:
            fn(s)
        cold = distinct / (time.perf_counter() - t)
        warm = rate(fn, data, repeat=3)
        print(f"  {label:22} cold {cold:10,.0f} names/s   warm {warm:10,.0f} names/s")
    sample = data[:2000]
    t = time.perf_counter()
    for s in sample:
        kztranslit.to_cyrillic(s, "latin2021")
    print(f"  after, scheme=latin2021 (warm lexicon): {len(sample) / (time.perf_counter() - t):,.0f} names/s")

    print("\nlong input (after):")
    word = "a" * 1_000_000
    measure("1 MB single word", kztranslit.to_cyrillic, word)
    measure("1 MB single word, scheme=latin2021", lambda s: kztranslit.to_cyrillic(s, "latin2021"), word)
    text = " ".join(itertools.islice(itertools.cycle(data), 120_000))[:1_000_000]
    restore._word_candidates.cache_clear()
    measure("1 MB of ordinary text (names), cold memo", kztranslit.to_cyrillic, text)
    measure("1 MB of ordinary text (names), warm memo", kztranslit.to_cyrillic, text)
    half = text[: len(text) // 2]
    measure("0.5 MB of the same text, warm memo", kztranslit.to_cyrillic, half)


if __name__ == "__main__":
    main()
