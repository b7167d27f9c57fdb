"""Every lazily loaded table loads once and consistently when many threads hit it first.

Run in a fresh interpreter, so that nothing is loaded yet: scheme registry, gazetteer and its
indexes, the restorer's lexicon and character model, the given-name lexicon, the text finder.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CODE = r"""
import json, threading
import kztranslit

def work():
    return [
        kztranslit.transliterate("Қызылорда", "bgn_pcgn"),
        kztranslit.to_cyrillic("Taldykorgan"),
        kztranslit.to_cyrillic("Qyzylorda", "rferl"),
        kztranslit.geocode("Kyzylorda").id,
        kztranslit.geocode("Kyzylorada").id,
        kztranslit.same_name("Toqaev", "Токаев"),
        kztranslit.parse_person("Касым-Жомарт Кемелевич Токаев").surname,
        [m.surface for m in kztranslit.find_places("Protesters in Qyzylorda and Almaty")],
        [p.surface for p in kztranslit.find_people("Qasym-Zhomart Toqaev said")],
    ]

barrier = threading.Barrier(12)
results = []

def run():
    barrier.wait()
    results.append(json.dumps(work(), ensure_ascii=False))

threads = [threading.Thread(target=run) for _ in range(12)]
for t in threads: t.start()
for t in threads: t.join()
print(json.dumps(sorted(set(results)), ensure_ascii=False))
"""


def test_first_use_from_many_threads() -> None:
    out = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, cwd=ROOT, check=True)
    distinct = json.loads(out.stdout)
    assert len(distinct) == 1, distinct
    assert json.loads(distinct[0])[:4] == ["Qyzylorda", "Талдықорған", "Қызылорда", "kato:431010000"]


ROWS = r"""
import threading
from kztranslit.gazetteer import gazetteer

gaz = gazetteer()
ids = list(gaz.places)[:3000]  # rows not made yet: each thread asks for them first
barrier = threading.Barrier(8)
seen = []

def run():
    barrier.wait()
    seen.append([id(gaz.places[i]) for i in ids])

threads = [threading.Thread(target=run) for _ in range(8)]
for t in threads: t.start()
for t in threads: t.join()
print(len({tuple(s) for s in seen}))
"""


def test_a_row_is_made_once_from_many_threads() -> None:
    """The gazetteer makes a row's Place on first access: threads racing for it get one object."""
    out = subprocess.run([sys.executable, "-c", ROWS], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "1"
