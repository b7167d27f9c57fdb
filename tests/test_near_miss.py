"""Near misses of real names never raise: a sample of scripts/near_miss_sweep.py inside the suite.

The sample is drawn from the whole gazetteer (``gazetteer().places``, every script), one or two
edits each, through geocode, search, find_places and the normalize pipeline. The full sweep is
``python scripts/near_miss_sweep.py --mode one`` (every one-letter edit) or ``--sample N``.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Errors known and being fixed elsewhere: a near miss read as two names finds no size for a
# region in geocode._candidates (issue 11, item 0; geocode.py is being rewritten).
KNOWN_IN = ("geocode.py",)


def _sweep_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("near_miss_sweep", ROOT / "scripts" / "near_miss_sweep.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("near_miss_sweep", module)
    spec.loader.exec_module(module)
    return module


def test_edits_are_the_four_kinds() -> None:
    sweep = _sweep_module()
    edits = set(sweep.one_edits("ab", "abc"))
    assert {"a", "b", "ba", "cb", "bb", "ac", "aab", "cab", "abc"} <= edits
    assert "ab" not in edits  # an edit changes the word
    assert len(sweep.names()) >= 3 * 100


def test_a_sample_of_near_misses_never_raises() -> None:
    sweep = _sweep_module()
    n, raised = sweep.sweep(sweep.queries("sample", 400, seed=11))
    assert n == 400
    lines = list(sweep.report(n, raised, 0, "sample"))
    geo_failed = {q for verb in ("geocode", "search") for qs in raised[verb].errors.values() for q in qs}
    unknown = [
        (verb, error)
        for verb, r in raised.items()
        for error, qs in r.errors.items()
        if not any(f"({f}:" in error for f in KNOWN_IN)
        and not (verb == "normalize" and set(qs) <= geo_failed)
    ]
    assert not unknown, "\n".join(lines)
    if any(r.count for r in raised.values()):
        pytest.xfail("near misses crash geocode (geocode.py, being rewritten): " + lines[0])
