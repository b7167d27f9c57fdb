"""bgn_pcgn against ICU's Kazakh-Latin/BGN, where PyICU is installed.

ICU 72 deviates from the PCGN 2019 text in known ways (its NFD pass turns й into ī̆ and
ё into ë; it writes ʹ ʺ for ь ъ; it always applies the optional interpunct). Those are
undone on ICU's side; everything else must agree on ≥ 99.5% of the names.
"""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

import pytest

from kztranslit import transliterate

icu = pytest.importorskip("icu")
ROOT = Path(__file__).resolve().parent.parent


def real_names() -> list[str]:
    """The benchmark's real Kazakh names (bench/names.py): places, regions, given names, the
    person sets' Kazakh spellings, and full names made of real given names and surnames."""
    sys.path.insert(0, str(ROOT / "bench"))
    from names import distinct_kazakh_names

    return distinct_kazakh_names()


def undo_icu(s: str) -> str:
    s = unicodedata.normalize("NFC", s)
    s = s.replace("ī\u0306", "y").replace("Ī\u0306", "Y").replace("ë", "yo").replace("Ë", "Yo")
    return s.replace("ʹ", "’").replace("ʺ", "”")


def test_agreement_with_icu() -> None:
    tr = icu.Transliterator.createInstance("Kazakh-Latin/BGN")
    names = real_names()
    assert len(names) > 3000
    differ = [
        (n, a, b)
        for n in names
        if (a := undo_icu(tr.transliterate(n))) != (b := transliterate(n, "bgn_pcgn", interpunct=True))
    ]
    share = 1 - len(differ) / len(names)
    print(f"agreement with ICU {icu.ICU_VERSION}: {len(names) - len(differ)}/{len(names)} = {share:.2%}")
    assert share >= 0.995, differ[:20]
