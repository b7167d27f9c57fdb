"""Every sample of every scheme, in both directions where the scheme has one."""

from __future__ import annotations

import unicodedata

import pytest

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
