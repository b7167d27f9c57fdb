#!/usr/bin/env python3
"""Fuzz every public function with arbitrary strings and unusual Unicode.

Each input runs through every public function; a function must return a value of its
documented type, raise nothing but the documented errors, and finish within a time budget
(no hang, no catastrophic regular-expression backtracking).

    python tests/fuzz_public_api.py --examples 100000     # the full run (minutes)

``tests/test_fuzz.py`` runs the same target with fewer examples inside the test suite.
"""

from __future__ import annotations

import argparse
import signal
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import FrameType

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kztranslit
from kztranslit.gazetteer import Place
from kztranslit.normalize import CYRILLIC_LETTERS

SCHEMES = sorted(kztranslit.schemes())
REVERSE = [s for s, m in kztranslit.schemes().items() if m["reverse"]]
BUDGET_S = 5.0  # per input, all functions together; generous for a slow, loaded machine

# Strings users actually send, and the odd ones: Kazakh and Russian letters, Latin with every
# scheme's diacritics, look-alikes, legacy font letters, combining marks, apostrophes, dashes,
# digits, controls, astral characters, and long runs.
ALPHABET = (
    CYRILLIC_LETTERS + "ЌќЄєҐґЎўЇїӘәƏəɵ"
    + "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
    + "äöüñğşıİūīėáǵńóúýçšžčŋȯăḣĭ" + "\u0300\u0301\u0306\u0307\u0308\u030b\u0361\ufe20\ufe21"
    + "'’ʼʹʺ”·-–— .,;:!?()\"«»0123456789\t\n\r\x00\u200b\ufeff\U0001f600𝔄"
)  # fmt: skip
texts = st.one_of(
    st.text(alphabet=ALPHABET, max_size=60),
    st.text(max_size=40),  # any Unicode
    st.builds(lambda s, n: s * n, st.text(alphabet=ALPHABET, min_size=1, max_size=4), st.integers(1, 3000)),
)


def _optional(name: str) -> Callable[..., object] | None:
    try:
        return getattr(kztranslit, name)  # type: ignore[no-any-return]
    except AttributeError:
        return None


def check(text: str, other: str) -> None:
    """Every public function on one input; asserts the documented result types."""
    for scheme in SCHEMES:
        out = kztranslit.transliterate(text, scheme)
        assert isinstance(out, str)
    for scheme in REVERSE:
        assert isinstance(kztranslit.to_cyrillic(text, scheme), str)
    assert isinstance(kztranslit.to_cyrillic(text), str)
    cands = kztranslit.to_cyrillic_candidates(text, limit=3)
    assert isinstance(cands, list) and all(0.0 <= c.score <= 1.0 + 1e-9 for c in cands)
    assert kztranslit.detect_scheme(text) is None or isinstance(kztranslit.detect_scheme(text), str)
    key = kztranslit.name_key(text)
    assert isinstance(key, str) and kztranslit.name_key(key) == key
    assert isinstance(kztranslit.clean(text), str)
    score = kztranslit.similarity(text, other)
    assert 0.0 <= score <= 100.0
    assert isinstance(kztranslit.same_name(text, other), bool)
    person = kztranslit.parse_person(text)
    assert person.surname is None or isinstance(person.surname, str)
    found = kztranslit.extract(text, [other, text, None], limit=2)
    assert isinstance(found, list)
    place = kztranslit.geocode(text)
    assert place is None or isinstance(place, Place)
    assert all(0.0 <= m.score <= 100.0 for m in kztranslit.search(text, limit=3))
    for name in ("find_places", "find_people"):
        fn = _optional(name)
        if fn is not None:
            mentions = fn(text)
            assert isinstance(mentions, list)
            assert all(0 <= m.start <= m.end <= len(text) for m in mentions)  # type: ignore[attr-defined]
    normalize_text = _optional("normalize_text")
    if normalize_text is not None:
        assert isinstance(normalize_text(text), str)


class Hang(Exception):
    pass


def _alarm(signum: int, frame: FrameType | None) -> None:
    raise Hang(f"an input took more than {BUDGET_S} s")


def run(examples: int, *, seed: int | None = None) -> int:
    """Run the target on ``examples`` inputs; returns how many ran."""
    count = 0
    check("Қызылорда Toqaev", "Tokayev")  # load every lazy table outside the time budget
    signal.signal(signal.SIGALRM, _alarm)

    @settings(
        max_examples=examples, deadline=None, database=None, derandomize=seed is not None,
        suppress_health_check=list(HealthCheck),
    )  # fmt: skip
    @given(texts, texts)
    def target(text: str, other: str) -> None:
        nonlocal count
        signal.setitimer(signal.ITIMER_REAL, BUDGET_S)
        try:
            check(text, other)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        count += 1

    target()
    return count


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--examples", type=int, default=100_000)
    args = ap.parse_args()
    t = time.perf_counter()
    done = 0
    while done < args.examples:  # hypothesis caps one run; loop until the count is reached
        done += run(min(10_000, args.examples - done))
    print(f"fuzz: {done:,} inputs through every public function, no failure, {time.perf_counter() - t:.0f} s")


if __name__ == "__main__":
    main()
