"""name_key: the must-show groups, its properties, and the fast paths against a slow reference."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from kztranslit.keys import name_key, name_keys, reference_key, token_keys

SAME = [
    ["Qyzylorda", "Kyzylorda", "Қызылорда", "Кызылорда", "Qızılorda", "KYZYLORDA"],
    ["Toqaev", "Tokayev", "Tokaev", "Тоқаев", "Токаев"],
    ["Taldyqorghan", "Taldykorgan", "Taldyqorğan", "Талдыкорган"],
    ["Manghystau", "Mangystau", "Mañğystau", "Mangghystaū"],
    ["Sarsenbaiuly", "Sarsenbayuly", "Сәрсенбайұлы"],
    ["Zhambyl", "Jambyl", "Жамбыл"],
    ["Oskemen", "Öskemen", "Өскемен"],
]
DIFFERENT = [("Aktobe", "Aktau"), ("Aksu", "Aksay"), ("Saran", "Sarkand"), ("Atyrau", "Aktau")]


@pytest.mark.parametrize("group", SAME, ids=lambda g: g[0])
def test_spellings_of_one_name_share_a_key(group: list[str]) -> None:
    assert len({name_key(name) for name in group}) == 1, {name: name_key(name) for name in group}


@pytest.mark.parametrize(("a", "b"), DIFFERENT)
def test_different_names_keep_different_keys(a: str, b: str) -> None:
    assert name_key(a) != name_key(b)


def test_batch_and_tokens() -> None:
    assert list(name_keys(["Тоқаев", None, "Toqaev"])) == ["tokaev", None, "tokaev"]
    assert token_keys("Қасым-Жомарт Тоқаев") == ["kasimjomart", "tokaev"]


def test_cache_does_not_change_the_key() -> None:
    for group in SAME:
        for name in group:
            assert name_key(name, cache=False) == name_key(name)


def test_type_error() -> None:
    with pytest.raises(TypeError):
        name_key(12)  # type: ignore[arg-type]


# ------------------------------------------------------------------------- properties

LATIN = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
    "äöüáéíóúàèìòùâêîôûñçşğıİīūēōăĭŭǵńśźżžšč ǰŋəƏɵÿÀÉÖÜŞĞÑÇŽŠČ"
)
CYRILLIC = "АаӘәБбВвГгҒғДдЕеЁёЖжЗзИиЙйКкҚқЛлМмНнҢңОоӨөПпРрСсТтУуҰұҮүФфХхҺһЦцЧчШшЩщЪъЫыІіЬьЭэЮюЯяЌќЄєҐґ"
SIGNS = " -'’ʼ.,()\u0301\u0306\u0308\u0304"
any_text = st.text()
# Names as they come: any mix of the letters of both scripts, signs and combining marks.
name_text = st.text(alphabet=LATIN + CYRILLIC + SIGNS + "0123456789")
# One script per string: look-alike folding is case-specific for mixed words (Latin B
# inside a Cyrillic word is В, Latin b is not), so case stability is a property of these.
one_script = st.one_of(st.text(alphabet=LATIN + SIGNS), st.text(alphabet=CYRILLIC + SIGNS))


@settings(max_examples=1500, deadline=None)
@given(any_text)
def test_never_raises(text: str) -> None:
    assert isinstance(name_key(text, cache=False), str)


@settings(max_examples=1500, deadline=None)
@given(st.one_of(any_text, name_text))
@example("È\u0309")  # a mark left after NFC, dropped so that re-keying cannot compose it
@example("ngngng")
@example("Ддж")  # д + дж: "ddj" once gave "dj", which keys to "j"
@example("Джджамбул")
def test_idempotent(text: str) -> None:
    k = name_key(text)
    assert name_key(k) == k


def test_idempotent_on_every_short_string_of_the_step_4_letters() -> None:
    """Step 4 rewrites across letters (dj, ng, doubles): every string of up to five of the letters
    it joins, in both scripts, keys to a fixed point (hypothesis found "Ддж" only on some draws)."""
    import itertools

    letters = "djngaждңг"
    for n in range(1, 6):
        for chars in itertools.product(letters, repeat=n):
            k = name_key("".join(chars), cache=False)
            assert name_key(k, cache=False) == k, "".join(chars)


@settings(max_examples=1500, deadline=None)
@given(one_script)
@example("ß")
@example("ǰ")
@example("ŉ")
def test_stable_under_case(text: str) -> None:
    assert name_key(text.upper()) == name_key(text) == name_key(text.lower())


@settings(max_examples=1500, deadline=None)
@given(st.one_of(any_text, name_text))
def test_stable_under_nfc_nfd(text: str) -> None:
    k = name_key(text)
    for form in ("NFC", "NFD"):
        assert name_key(unicodedata.normalize(form, text)) == k


# ----------------------------------------------------------- fast paths vs the reference


@settings(max_examples=3000, deadline=None)
@given(st.one_of(any_text, name_text, one_script))
@example("gh'")
@example("Шоқан Уәлиханов")
@example("Ќостанай")
def test_fast_paths_match_the_reference(text: str) -> None:
    assert name_key(text, cache=False) == reference_key(text)


def test_fast_paths_on_the_must_show_names() -> None:
    for group in SAME:
        for name in group:
            assert name_key(name, cache=False) == reference_key(name)


def test_cyrillic_fast_path_assumptions() -> None:
    """NFC changes nothing in a string of Cyrillic-block letters and ASCII, and cannot make one."""
    block = [chr(c) for c in range(0x400, 0x500)]
    ascii_ = [chr(c) for c in range(128)]
    for c in block:
        assert unicodedata.normalize("NFC", c) == c
        decomposition = unicodedata.normalize("NFD", c)
        assert "\u0400" <= decomposition[0] <= "\u04ff" or len(decomposition) == 1
    for a in block + ascii_:
        for b in block:
            assert unicodedata.normalize("NFC", a + b) == a + b
            assert unicodedata.normalize("NFC", b + a) == b + a
    for c in range(0x10000):
        if not 0x400 <= c <= 0x4FF and not 0xD800 <= c <= 0xDFFF:
            assert not any("\u0400" <= x <= "\u04ff" for x in unicodedata.normalize("NFC", chr(c)))
