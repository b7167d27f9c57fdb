"""Every sample of every scheme, in both directions where the scheme has one."""

from __future__ import annotations

import functools
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kztranslit.schemes import get_scheme, registry
from kztranslit.translit import reverse_with_scheme, transliterate


def _cases() -> list[tuple[str, str, str, str, dict[str, object]]]:
    cases = []
    reg = registry()
    for (sid, direction), scheme in sorted(reg.by_key.items()):
        for i, s in enumerate(scheme.samples):
            cases.append(
                pytest.param(
                    sid, direction, s.source, s.expected, dict(s.options),
                    id=f"{sid}-{direction}-{i}",
                )
            )
    return cases


@pytest.mark.parametrize(("sid", "direction", "source", "expected", "options"), _cases())
def test_sample(sid: str, direction: str, source: str, expected: str, options: dict) -> None:
    expected = unicodedata.normalize("NFC", expected)
    if direction == "to_latin":
        assert transliterate(source, sid, **options) == expected
    else:
        assert reverse_with_scheme(source, sid) == expected


def test_every_scheme_has_samples() -> None:
    for (sid, direction), scheme in registry().by_key.items():
        assert len(scheme.samples) >= 3, f"{sid} {direction} has too few samples"


def test_required_ids() -> None:
    required = {
        "latin2021", "latin2018", "latin2017", "bgn_pcgn", "ala_lc", "iso9", "rferl",
        "conventional", "icao", "qazaqparat", "ru_bgn_pcgn", "ru_icao", "ru_gost_b",
        "ru_wikipedia",
    }  # fmt: skip
    assert required <= set(registry().ids("to_latin"))
    assert get_scheme("bgn").id == "bgn_pcgn"


# The engine tries its full rule pattern only where a rule's spelling starts (Compiled.apply);
# the answer must be the plain substitution's, on real names, their near misses and any text.
@functools.cache
def _real_names() -> list[str]:
    from kztranslit.gazetteer import gazetteer

    names = {n for p in gazetteer().places.values() for n in (p.name, p.name_kk, p.name_ru) if n}
    return sorted(names)[::7]


_ENGINES = sorted(registry().by_key)


@functools.cache
def _romanized(scheme: str) -> list[str]:
    return [transliterate(n, scheme) for n in _real_names()[:400]]


def _near_miss(names: list[str]) -> st.SearchStrategy[str]:
    @st.composite
    def one(draw: st.DrawFn) -> str:
        name = draw(st.sampled_from(names))
        for _ in range(draw(st.integers(0, 2))):  # up to two edits: the text a user types
            i = draw(st.integers(0, len(name)))
            cut = draw(st.integers(0, 1))
            name = name[:i] + draw(st.text(alphabet="'’ʼ-ʹaısSCtTXхЦц Ққ", max_size=2)) + name[i + cut :]
        return name

    return one()


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_engine_equals_the_plain_substitution(data: st.DataObject) -> None:
    from kztranslit.normalize import clean
    from kztranslit.schemes import compiled

    sid, direction = data.draw(st.sampled_from(_ENGINES))
    engine = compiled(sid, direction, {})
    source = _real_names() if direction == "to_latin" else _romanized(sid)
    text = clean(data.draw(st.one_of(_near_miss(source), st.text(max_size=30))))
    regex = engine._regex
    expected = (regex.sub(engine._sub, text) if regex is not None else text).translate(engine._table)
    assert engine.apply(text) == expected
