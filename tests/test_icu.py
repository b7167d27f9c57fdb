"""bgn_pcgn against ICU's Kazakh-Latin/BGN, where PyICU is installed.

ICU 72 deviates from the PCGN 2019 text in known ways (its NFD pass turns й into ī̆ and
ё into ë; it writes ʹ ʺ for ь ъ; it always applies the optional interpunct). Those are
undone on ICU's side; everything else must agree on ≥ 99.5% of the names.
"""

from __future__ import annotations

import csv
import itertools
import unicodedata
from pathlib import Path

import pytest

from kztranslit import transliterate

icu = pytest.importorskip("icu")
ROOT = Path(__file__).resolve().parent.parent
KK = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")


def _tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def real_names() -> list[str]:
    """Kazakh Cyrillic names of the repository, and full names made of its real given names and
    the real surnames of the person-name sets (each part a real name)."""
    names: set[str] = set()
    for row in _tsv(ROOT / "data" / "gazetteer" / "places.tsv"):
        for n in [row["name_kk"], *row["alternatenames"].split("|")]:
            if n and any(c in KK for c in n) and not any("a" <= c.lower() <= "z" for c in n):
                names.add(n)
    given = [r["name_kk"] for r in _tsv(ROOT / "data" / "names" / "given_names.tsv")]
    surnames: set[str] = set()
    for split in ("people_dev.tsv", "people_holdout.tsv"):
        for row in _tsv(ROOT / "tests" / "data" / split):
            if row["kind"] == "kk":
                names.add(row["spelling"])
                surnames.add(row["spelling"].split()[-1])
    names.update(given)
    pairs = itertools.product(sorted(given), sorted(surnames))
    names.update(f"{g} {s}" for g, s in itertools.islice(pairs, 0, None, 7))
    return sorted(names)


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
