#!/usr/bin/env python3
"""Fuzz every public function with hostile strings up to 1 MB, checking time and memory.

Each input goes through every public function (each scheme of ``transliterate`` and
``to_cyrillic`` counted apart). A call must return its documented type, raise nothing but
its documented errors (``lookup``'s ``LookupError``), warn nothing, and stay within the
budget: :data:`BUDGET_S` seconds and :data:`BUDGET_MB` MB above the memory in use before it.

Inputs: from hypothesis (:func:`inputs`), names and near-names in every script, any
Unicode, and the shapes that break linear-time promises — a long word, a long line of real
place names, many short words, every script mixed, control characters, lone surrogates and
NUL — mostly short, up to 64 KB (:data:`RANDOM_MAX`); then one input of each shape at 1 MB,
and one of a person named again and again (:func:`longest`).

Each call is timed, and for inputs of 100 characters or more its memory measured: the peak
above what was in use before it (:class:`_Memory`; a shorter input would need 2 MB per
character to matter, and would show in time). Time is the process's CPU time: the machine
may be shared, and another job's load is not the library's slowness. A call past
:data:`STOP_S` is stopped (SIGPROF); the run caps its address space at :data:`CAP_GB` GB
above its start, so a runaway call fails with ``MemoryError`` instead of taking the
machine down.

The run reports, for each function, its calls, its worst time and worst memory with the
input that caused each, and its failures by kind, each with the first input that caused it.

    python tests/fuzz_public_api.py --examples 100000     # the full run (about an hour on 2 cores)
    python tests/fuzz_public_api.py --examples 2000 --max-size 65536   # no 1 MB phase

Inputs come in batches of 10,000, batch ``k`` drawn with seed ``--seed + k``; so two processes
``--examples 50000 --seed 0`` and ``--examples 50000 --seed 5`` send the same 100,000 inputs as
one run, on two cores (each then runs the 1 MB phase too).

``tests/test_fuzz.py`` runs the same target with fewer, smaller examples inside the suite.
"""

from __future__ import annotations

import argparse
import contextlib
import signal
import sys
import time
import tracemalloc
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hypothesis import HealthCheck, given, settings
from hypothesis import seed as hypothesis_seed
from hypothesis import strategies as st

import kztranslit
from kztranslit.errors import quote
from kztranslit.gazetteer import Place, gazetteer
from kztranslit.normalize import CYRILLIC_LETTERS

BUDGET_S = 2.0
BUDGET_MB = 200.0
TRACE_FROM = 100  # characters: the memory of calls on inputs this long is measured
STOP_S = 20.0  # a call still running after this is stopped and counted as a failure
CAP_GB = 8.0  # address space the full run may add (a runaway call gets MemoryError)
MAX_SIZE = 1 << 20
RANDOM_MAX = 1 << 16  # the random inputs go up to 64 KB; then each shape once at MAX_SIZE

SCHEMES = sorted(kztranslit.schemes())
REVERSE = [s for s, m in kztranslit.schemes().items() if m["reverse"]]

# Letters users send and the odd ones: Kazakh and Russian, Latin with every scheme's
# diacritics, look-alikes, legacy font letters, combining marks, apostrophes, dashes, digits.
LATIN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZäöüñğşıİūīėáǵńóúýçšžčŋȯăḣĭ"
CYRILLIC = CYRILLIC_LETTERS + "ЌќЄєҐґЎўЇїƏəɵ"
MARKS = "\u0300\u0301\u0306\u0307\u0308\u030b\u0361\ufe20\ufe21"
SIGNS = "'’ʼʹʺ”·-–— .,;:!?()\"«»0123456789"
CONTROLS = "\x00\x01\x07\x08\t\n\x0b\x0c\r\x1b\x7f\x85\u2028\u2029\u200b\u200e\u202e\ufeff\ufffe\uffff"
SURROGATES = "\ud800\udbff\udc00\udcff\udfff\udc80"
OTHER_SCRIPTS = "αβγΩ" "שלום" "مرحبا" "नमस्ते" "中文字" "한글" "ქართ" "Հայ" "\U0001f600𝔄𝕏\U000e0001"
ALPHABET = CYRILLIC + LATIN + MARKS + SIGNS + "\t\n\r\x00\u200b\ufeff\U0001f600𝔄"


def _real_words() -> list[str]:
    names: list[str] = []
    for p in gazetteer().places.values():
        names += [n for n in (p.name, p.name_kk, p.name_ru) if n]
    return sorted(set(names))


REAL = _real_words()


@st.composite
def sizes(draw: st.DrawFn, max_size: int) -> int:
    """Most inputs short: 95 % up to 100 characters, 4.5 % up to 2 KB, 0.45 % up to 16 KB, the
    rest up to ``max_size``."""
    r = draw(st.integers(0, 9999))
    top = 100 if r < 9500 else 2_000 if r < 9950 else 16_000 if r < 9995 else max_size
    return draw(st.integers(1, max(1, min(top, max_size))))


def _fill(unit: str, size: int) -> str:
    return (unit * (size // max(1, len(unit)) + 1))[:size] if unit else ""


@st.composite
def inputs(draw: st.DrawFn, max_size: int = MAX_SIZE) -> tuple[str, str]:
    """``(shape, text)``: a hostile input and what kind it is (for the report)."""
    shape = draw(st.sampled_from(SHAPES))
    size = draw(sizes(max_size))
    if shape == "name-like":
        return shape, draw(st.text(alphabet=ALPHABET, max_size=60))
    if shape == "any unicode":
        return shape, draw(st.text(max_size=60))
    if shape == "near a real name":
        name = draw(st.sampled_from(REAL))
        i = draw(st.integers(0, len(name)))
        return shape, name[:i] + draw(st.text(alphabet=ALPHABET, max_size=2)) + name[i + 1 :]
    if shape == "long word":
        letters = draw(st.sampled_from([CYRILLIC, LATIN, CYRILLIC + LATIN, LATIN + MARKS, "a", "Қ"]))
        return shape, _fill(draw(st.text(alphabet=letters, min_size=1, max_size=8)), size)
    if shape == "long line":
        words = draw(st.lists(st.sampled_from(REAL), min_size=1, max_size=12))
        sep = draw(st.sampled_from([" ", ", ", " - ", "; ", " и ", " and "]))
        return shape, _fill(sep.join(words) + sep, size)
    if shape == "many short words":
        short = st.text(alphabet=CYRILLIC + LATIN, min_size=1, max_size=3)
        words = draw(st.lists(short, min_size=1, max_size=9))
        sep = draw(st.sampled_from([" ", "\n", "\r\n", "\t", ",", "  "]))
        return shape, _fill(sep.join(words) + sep, size)
    if shape == "every script":
        everything = CYRILLIC + LATIN + OTHER_SCRIPTS + MARKS + SIGNS
        unit = draw(st.text(alphabet=everything, min_size=1, max_size=24))
        return shape, _fill(unit, size)
    # control characters, lone surrogates, NUL, among letters
    unit = draw(st.text(alphabet=CONTROLS + SURROGATES + "Алматы Almaty", min_size=1, max_size=16))
    return shape, _fill(unit, size)


SHAPES = (
    "name-like", "any unicode", "near a real name", "long word", "long line", "many short words",
    "every script", "controls and surrogates",
)  # fmt: skip


# ---------------------------------------------------------------------------- the functions


def _is_str(x: object) -> bool:
    return isinstance(x, str)


_OTHER = ["Tokayev"]  # the second text of the two-text functions, drawn with each input


def _functions() -> list[tuple[str, Callable[[str], object], Callable[[object], bool]]]:
    """``(name, call, result check)`` for every public function taking text."""
    k = kztranslit
    out: list[tuple[str, Callable[[str], object], Callable[[object], bool]]] = []
    for s in SCHEMES:
        out.append((f"transliterate[{s}]", lambda t, s=s: k.transliterate(t, s), _is_str))  # type: ignore[misc]
    for s in REVERSE:
        out.append((f"to_cyrillic[{s}]", lambda t, s=s: k.to_cyrillic(t, s), _is_str))  # type: ignore[misc]

    def lookup(t: str) -> object:
        try:
            return k.lookup(t)
        except LookupError:
            return None

    def name_at(t: str) -> object:
        try:
            return k.name_at(t, 2000)
        except LookupError:
            return None

    def key_ok(key: object) -> bool:
        return isinstance(key, str) and k.name_key(key) == key

    out += [
        ("to_cyrillic", k.to_cyrillic, _is_str),
        ("to_cyrillic_candidates", lambda t: k.to_cyrillic_candidates(t, limit=3),
         lambda r: isinstance(r, list) and all(0.0 <= c.score <= 1.0 + 1e-9 for c in r)),
        ("detect_scheme", k.detect_scheme, lambda r: r is None or isinstance(r, str)),
        ("name_key", lambda t: k.name_key(t, cache=False), key_ok),
        ("name_keys", lambda t: list(k.name_keys([t, None])), lambda r: isinstance(r, list) and len(r) == 2),
        ("clean", k.clean, _is_str),
        ("similarity", lambda t: k.similarity(t, _OTHER[0]),
         lambda r: isinstance(r, float) and 0 <= r <= 100),
        ("same_name", lambda t: k.same_name(t, _OTHER[0]), lambda r: isinstance(r, bool)),
        ("parse_person", k.parse_person, lambda r: r.surname is None or isinstance(r.surname, str)),  # type: ignore[attr-defined]
        ("to_kazakh_form", k.to_kazakh_form, _is_str),
        ("to_russian_form", k.to_russian_form, _is_str),
        ("extract", lambda t: k.extract(t, [_OTHER[0], t, None], limit=2), lambda r: isinstance(r, list)),
        ("extract_one", lambda t: k.extract_one(t, [_OTHER[0], None]),
         lambda r: r is None or isinstance(r, tuple)),
        ("geocode", k.geocode, lambda r: r is None or isinstance(r, Place)),
        ("search", lambda t: k.search(t, limit=3),
         lambda r: isinstance(r, list) and all(0.0 <= m.score <= 100.0 for m in r)),
        ("lookup", lookup, lambda r: r is None or isinstance(r, Place)),
        ("current_name", k.current_name, lambda r: r is None or isinstance(r, str)),
        ("name_at", name_at, lambda r: r is None or isinstance(r, str)),
        ("find_places", k.find_places, lambda r: isinstance(r, list)),
        ("find_people", k.find_people, lambda r: isinstance(r, list)),
        ("normalize_text", k.normalize_text, _is_str),
        ("normalize_text_with_replacements", k.normalize_text_with_replacements,
         lambda r: isinstance(r, tuple)),
        ("transliterate_many", lambda t: list(k.transliterate_many([t, None], "bgn_pcgn")),
         lambda r: isinstance(r, list) and len(r) == 2),
        ("geocode_many", lambda t: list(k.geocode_many([t], with_reason=True)),
         lambda r: isinstance(r, list) and len(r) == 1),
    ]  # fmt: skip
    try:
        from kztranslit.geopy import KazakhGazetteer
    except ImportError:  # geopy is an optional extra
        return out
    geo = KazakhGazetteer()
    out.append(("KazakhGazetteer.geocode", lambda t: geo.geocode(t) if t.strip() else None, lambda r: True))
    return out


# ------------------------------------------------------------------------------- the record


@dataclass
class Worst:
    value: float = 0.0
    shape: str = ""
    text: str = ""


@dataclass
class Record:
    """What one function did over the run: calls, worst time and memory, failures by kind."""

    calls: int = 0
    time: Worst = field(default_factory=Worst)
    memory: Worst = field(default_factory=Worst)  # MB
    failures: int = 0
    kinds: dict[str, tuple[int, str]] = field(default_factory=dict)  # kind -> (count, first input)

    def fail(self, shape: str, text: str, kind: str) -> None:
        self.failures += 1
        count, first = self.kinds.get(kind, (0, ""))
        self.kinds[kind] = (count + 1, first or f"{shape} of {len(text):,} chars: {quote(text, limit=40)}")


class Stop(Exception):
    pass


def _alarm(signum: int, frame: FrameType | None) -> None:
    raise Stop(f"still running after {STOP_S:g} s")


class _Memory:
    """The peak memory of one call above the memory in use before it, in MB.

    On Linux the process's peak resident size is reset before the call (``/proc/self/clear_refs``)
    after ``malloc_trim`` hands freed memory back, and read after it (``VmHWM``): no slowdown,
    and C allocations count too. Elsewhere ``tracemalloc`` traces the call (slower; Python's
    allocations only).
    """

    def __init__(self) -> None:
        self._trim: Callable[[int], int] | None = None
        self._base = 0
        try:
            import ctypes

            self._trim = ctypes.CDLL("libc.so.6").malloc_trim
            self._clear()
            self._status("VmHWM")
        except (OSError, AttributeError, ValueError):
            self._trim = None

    @staticmethod
    def _clear() -> None:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as f:
            f.write("5")

    @staticmethod
    def _status(field: str) -> int:
        with open("/proc/self/status", "rb") as f:
            data = f.read()
        at = data.index(field.encode() + b":")
        return int(data[at + len(field) + 1 : data.index(b"kB", at)]) * 1024

    def start(self) -> None:
        if self._trim is None:
            tracemalloc.start()
            self._base = tracemalloc.get_traced_memory()[0]
            return
        self._trim(0)
        self._clear()
        self._base = self._status("VmRSS")

    def stop(self) -> float:
        if self._trim is None:
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            return (peak - self._base) / 1e6
        return max(0, self._status("VmHWM") - self._base) / 1e6


MEMORY = _Memory()


def measure(name: str, fn: Callable[[str], object], ok: Callable[[object], bool], shape: str, text: str,
            rec: Record) -> None:  # fmt: skip
    """One call into ``rec``: timed, and its memory measured for inputs of :data:`TRACE_FROM` characters."""
    rec.calls += 1
    traced = len(text) >= TRACE_FROM
    mb = elapsed = 0.0
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        signal.setitimer(signal.ITIMER_PROF, STOP_S, 1.0)  # again each second, should one be lost
        try:
            if traced:
                MEMORY.start()
            t = time.process_time()
            try:
                result = fn(text)
            finally:
                elapsed = time.process_time() - t
                if traced:
                    mb = MEMORY.stop()
        except Exception as e:  # every exception is a finding (Stop too)
            rec.fail(shape, text, f"{type(e).__name__}: {str(e)[:60]}")
            _worst(rec, shape, text, elapsed, mb)
            return
        finally:
            signal.setitimer(signal.ITIMER_PROF, 0)
    why = [] if ok(result) else [f"bad result {quote(result, limit=40)}"]
    # A warning's kind: its class and its message up to the first quote (the quoted part varies).
    why += sorted({f"warning {w.category.__name__}: {str(w.message).split(chr(39))[0]}".strip()
                   for w in caught})  # fmt: skip
    _worst(rec, shape, text, elapsed, mb)
    if elapsed > BUDGET_S:
        why.append(f"over {BUDGET_S:g} s")
    if mb > BUDGET_MB:
        why.append(f"over {BUDGET_MB:g} MB")
    if why:
        rec.fail(shape, text, "; ".join(why))


def _worst(rec: Record, shape: str, text: str, elapsed: float, mb: float) -> None:
    if elapsed > rec.time.value:
        rec.time = Worst(elapsed, shape, text)
    if mb > rec.memory.value:
        rec.memory = Worst(mb, shape, text)


def run(examples: int, *, max_size: int = MAX_SIZE, seed: int | None = 0,
        records: dict[str, Record] | None = None, skip: Callable[[str, str], bool] | None = None,
        ) -> dict[str, Record]:  # fmt: skip
    """Run ``examples`` inputs through every function; ``skip(name, text)`` leaves a call out.

    Returns the records by function name (``records`` is extended when given).
    """
    records = {} if records is None else records
    signal.signal(signal.SIGPROF, _alarm)
    fns = _functions()
    for _, fn, _ in fns:  # load every lazy table outside the budget
        fn("Қызылорда Toqaev")

    @settings(max_examples=examples, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(inputs(max_size), st.sampled_from(REAL))
    def target(item: tuple[str, str], other: str) -> None:
        shape, text = item
        _OTHER[0] = other
        for name, fn, ok in fns:
            if skip is not None and skip(name, text):
                continue
            measure(name, fn, ok, shape, text, records.setdefault(name, Record()))

    (target if seed is None else hypothesis_seed(seed)(target))()
    return records


def check(text: str, other: str) -> None:
    """Every public function on one input; ``AssertionError`` naming each failure (type, budget, error)."""
    signal.signal(signal.SIGPROF, _alarm)
    _OTHER[0] = other
    records: dict[str, Record] = {}
    for name, fn, ok in _functions():
        measure(name, fn, ok, "given", text, records.setdefault(name, Record()))
    failed = [
        f"{name}: {kind} ({first})"
        for name, r in records.items() for kind, (_, first) in r.kinds.items()
    ]
    assert not failed, "\n".join(failed)


def longest(size: int, *, seed: int = 0) -> list[tuple[str, str]]:
    """One input of each hostile shape at ``size`` characters (the random run's inputs are mostly
    short: these make sure every shape is met at full length)."""
    import random

    rnd = random.Random(seed)
    real = ", ".join(rnd.sample(REAL, 40)) + ", "
    mixed = "".join(rnd.sample(CYRILLIC + LATIN + OTHER_SCRIPTS + MARKS + SIGNS, 60))
    return [
        ("long word", _fill("Qaraghandy", size)),
        ("long word", _fill("Қарағанды", size)),
        ("long line", _fill(real, size)),
        ("many short words", _fill("a қ Ab о, ж ", size)),
        ("every script", _fill(mixed, size)),
        ("controls and surrogates", _fill("\x00Алматы\x07\t\r\n\u202e\ufeff\ud800 Almaty\udcff\x1b", size)),
        # one person named again and again (each lone surname looks back for its full name)
        ("repeated names", _fill("Askar Mamin met Mamin in Almaty. Асқар Мамин мен Маминге ", size)),
    ]


def run_longest(
    size: int, records: dict[str, Record], *, skip: Callable[[str, str], bool] | None = None
) -> int:
    """Every function on :func:`longest` inputs; returns how many inputs ran."""
    signal.signal(signal.SIGPROF, _alarm)
    # The readers back to Cyrillic last: a runaway there (MemoryError at the cap) cannot starve the rest.
    fns = sorted(_functions(), key=lambda f: f[0].startswith("to_cyrillic"))
    items = longest(size)
    for shape, text in items:
        for name, fn, ok in fns:
            if skip is None or not skip(name, text):
                measure(name, fn, ok, shape, text, records.setdefault(name, Record()))
    return len(items)


def report(records: dict[str, Record], inputs_run: int, seconds: float) -> Iterator[str]:
    failed = sum(r.failures for r in records.values())
    yield (f"fuzz: {inputs_run:,} inputs through {len(records)} public functions in {seconds:,.0f} s; "
           f"budget {BUDGET_S:g} s and {BUDGET_MB:g} MB a call; "
           f"{'no failure' if not failed else f'{failed:,} failures'}")  # fmt: skip
    yield f"{'function':34} {'calls':>8} {'worst s':>8} {'worst MB':>9}  worst time on / worst memory on"
    for name, r in sorted(records.items()):
        t, m = r.time, r.memory
        yield (f"{name:34} {r.calls:>8,} {t.value:>8.3f} {m.value:>9.1f}  "
               f"{t.shape} ({len(t.text):,} chars) / {m.shape or '-'} ({len(m.text):,} chars)")  # fmt: skip
        for kind, (count, first) in r.kinds.items():
            yield f"    FAIL {count:,} x {kind}; first on {first}"


def _cap_address_space() -> None:
    try:
        import resource
    except ImportError:  # pragma: no cover - not on POSIX
        return
    with open("/proc/self/status", encoding="ascii") as f:
        vm = next(int(line.split()[1]) * 1024 for line in f if line.startswith("VmSize:"))
    cap = vm + int(CAP_GB * (1 << 30))
    resource.setrlimit(resource.RLIMIT_AS, (cap, resource.getrlimit(resource.RLIMIT_AS)[1]))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--examples", type=int, default=100_000)
    ap.add_argument("--max-size", type=int, default=MAX_SIZE, help="longest input, characters (1 MB)")
    ap.add_argument("--seed", type=int, default=0, help="seed of the first batch of 10,000 (then +1 each)")
    args = ap.parse_args()
    with contextlib.suppress(OSError, StopIteration, ValueError):  # no /proc: no cap
        _cap_address_space()
    t = time.perf_counter()
    done = 0
    records: dict[str, Record] = {}
    try:
        while done < args.examples:  # hypothesis caps one run; loop until the count is reached
            n = min(10_000, args.examples - done)
            run(n, max_size=min(args.max_size, RANDOM_MAX), seed=args.seed + done // 10_000, records=records)
            done += n
            print(f"… {done:,} inputs, {time.perf_counter() - t:,.0f} s", file=sys.stderr, flush=True)
        if args.max_size > RANDOM_MAX:
            done += run_longest(args.max_size, records)
            took = time.perf_counter() - t
            print(f"… and the longest of each shape, {took:,.0f} s", file=sys.stderr, flush=True)
    finally:  # what ran is reported, even if the run is stopped
        for line in report(records, done, time.perf_counter() - t):
            print(line, flush=True)
    return 1 if any(r.failures for r in records.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
