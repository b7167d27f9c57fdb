"""Transliteration throughput: kztranslit's bgn_pcgn against ICU's Kazakh-Latin/BGN (PyICU),
unidecode and anyascii, on the same 100,000 real Kazakh names, in one process.

Run: python bench/bench_translit.py [N]. Prints names/s per tool and the ratio to kztranslit,
and the agreement of bgn_pcgn with ICU once ICU's known deviations are undone.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

from names import distinct_kazakh_names, names, rate

import kztranslit


def icu_undo(s: str) -> str:
    """ICU 72's known deviations from the PCGN 2019 text, undone (see data/schemes/bgn_pcgn.toml)."""
    s = unicodedata.normalize("NFC", s)
    s = s.replace("ī\u0306", "y").replace("Ī\u0306", "Y").replace("ë", "yo").replace("Ë", "Yo")
    s = s.replace("ʹ", "’").replace("ʺ", "”")  # ICU always writes the interpunct: compare with it on
    return s


def main(argv: list[str] | None = None) -> None:
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("n", nargs="?", type=int, default=100_000, help="names (default 100,000)")
    n = ap.parse_args(argv).n
    data = names(n)
    distinct = distinct_kazakh_names()
    print(f"{n:,} names ({len(distinct):,} distinct real Kazakh names, cycled)")
    tools: dict[str, Callable[[str], str]] = {}
    kztranslit.transliterate("Қызылорда", "bgn_pcgn")  # load the scheme once
    tools["kztranslit bgn_pcgn"] = lambda s: kztranslit.transliterate(s, "bgn_pcgn")
    icu_tr = None
    try:
        import icu

        icu_tr = icu.Transliterator.createInstance("Kazakh-Latin/BGN")
        tools[f"ICU {icu.ICU_VERSION} Kazakh-Latin/BGN"] = icu_tr.transliterate
    except ImportError:
        print("PyICU not installed: ICU column skipped (pip install PyICU)")
    try:
        from unidecode import unidecode

        tools["unidecode"] = unidecode
    except ImportError:
        pass
    try:
        from anyascii import anyascii

        tools["anyascii"] = anyascii
    except ImportError:
        pass
    rates = {name: rate(fn, data, repeat=3) for name, fn in tools.items()}
    ours = rates["kztranslit bgn_pcgn"]
    print(f"{'tool':34}{'names/s':>14}{'vs kztranslit':>16}")
    for name, per_s in rates.items():
        print(f"{name:34}{per_s:>14,.0f}{per_s / ours:>15.2f}x")
    if icu_tr is not None:
        agree = sum(
            icu_undo(icu_tr.transliterate(s)) == kztranslit.transliterate(s, "bgn_pcgn", interpunct=True)
            for s in distinct
        )
        share = agree / len(distinct)
        print(f"agreement with ICU (deviations undone): {agree}/{len(distinct)} = {share:.2%}")


if __name__ == "__main__":
    main()
