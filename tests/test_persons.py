"""parse_person, the given-names lexicon, and the Kazakh ↔ Russian forms of names."""

from __future__ import annotations

import threading

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from kztranslit import persons
from kztranslit.errors import DataError
from kztranslit.keys import name_key
from kztranslit.normalize import KAZAKH_LETTERS
from kztranslit.persons import (
    Person,
    given_name_info,
    is_initial,
    parse_person,
    surname_stem,
    to_kazakh_form,
    to_russian_form,
)

# ------------------------------------------------------------------------------ parsing

# (text, given, patronymic, surname, gender)
PARSES = [
    ("Kassym-Jomart Tokayev", ("Kassym-Jomart",), None, "Tokayev", "m"),
    ("TOKAYEV Kassym-Jomart", ("Kassym-Jomart",), None, "TOKAYEV", "m"),
    ("Tokayev, Kassym-Jomart", ("Kassym-Jomart",), None, "Tokayev", "m"),
    ("Tokayev K.-J.", ("K.-J.",), None, "Tokayev", "m"),
    ("К.-Ж. Токаев", ("К.-Ж.",), None, "Токаев", "m"),
    ("Токаев К.-Ж. К.", ("К.-Ж.",), "К.", "Токаев", "m"),
    ("Токаев Касым-Жомарт Кемелевич", ("Касым-Жомарт",), "Кемелевич", "Токаев", "m"),
    ("Қасым-Жомарт Кемелұлы Тоқаев", ("Қасым-Жомарт",), "Кемелұлы", "Тоқаев", "m"),
    ("Қасым-Жомарт Кемел ұлы Тоқаев", ("Қасым-Жомарт",), "Кемел ұлы", "Тоқаев", "m"),
    ("Kassym-Jomart K. Tokayev", ("Kassym-Jomart",), "K.", "Tokayev", "m"),
    ("Назарбаева Дарига Нурсултановна", ("Дарига",), "Нурсултановна", "Назарбаева", "f"),
    ("Дариға Нұрсұлтанқызы Назарбаева", ("Дариға",), "Нұрсұлтанқызы", "Назарбаева", "f"),
    ("NAZARBAYEVA Dariga", ("Dariga",), None, "NAZARBAYEVA", "f"),
    ("Кулибаев Т. А.", ("Т.",), "А.", "Кулибаев", "m"),
    ("Т.А.Кулибаев", ("Т.",), "А.", "Кулибаев", "m"),
    # A Kazakh patronymic-style surname is the surname when no other surname is there.
    ("Rysbek Sarsenbaiuly", ("Rysbek",), None, "Sarsenbaiuly", "m"),
    ("Sarsenbaiuly R.", ("R.",), None, "Sarsenbaiuly", "m"),
    ("Абай Құнанбайұлы", ("Абай",), None, "Құнанбайұлы", "m"),
    # The surname in capitals among words in title case (registry style).
    ("BAIBEK Bauyrzhan", ("Bauyrzhan",), None, "BAIBEK", "m"),
    # A known given name tells the order.
    ("Мами Кайрат", ("Кайрат",), None, "Мами", "m"),
    # A -вич word is a patronymic only in a name of three words (or after initials).
    ("Aleksandr Mashkevich", ("Aleksandr",), None, "Mashkevich", "m"),
    ("ALEKSANDR MASHKEVICH", ("ALEKSANDR",), None, "MASHKEVICH", "m"),
    ("Александр Антонович Машкевич", ("Александр",), "Антонович", "Машкевич", "m"),
    ("Машкевич Александр Антонович", ("Александр",), "Антонович", "Машкевич", "m"),
    ("Токаев К.-Ж. Кемелевич", ("К.-Ж.",), "Кемелевич", "Токаев", "m"),
    # Two known given names: a surname ending of the other gender marks the given name.
    ("Дияс Зарина", ("Зарина",), None, "Дияс", "f"),
    ("Zarina Diyas", ("Zarina",), None, "Diyas", "f"),
    # Western order by default.
    ("Elena Rybakina", ("Elena",), None, "Rybakina", "f"),
    ("Denis Ten", ("Denis",), None, "Ten", "m"),
]


# (text, given, surname, title)
TITLED = [
    ("Төле би", ("Төле",), None, "би"),
    ("Töle Biy", ("Töle",), None, "Biy"),
    ("Tole bi Alibekuly", ("Tole",), "Alibekuly", "bi"),
    ("Әйтеке би Байбекұлы", ("Әйтеке",), "Байбекұлы", "би"),
    ("Әлібекұлы Төле би", ("Төле",), "Әлібекұлы", "би"),
    ("TOLE BI ALIBEKULY", ("TOLE",), "ALIBEKULY", "BI"),
    ("Қабанбай батыр", ("Қабанбай",), None, "батыр"),
    ("Abylai Khan", ("Abylai",), None, "Khan"),
    ("акын Джамбул Джабаев", ("Джамбул",), "Джабаев", "акын"),
    # titles that are also names: in capitals, a title only after a known given name
    ("Zhamanov Batyr", ("Batyr",), "Zhamanov", None),
    ("Batyr Zhamanov", ("Batyr",), "Zhamanov", None),
    ("Imran Khan", ("Imran",), "Khan", None),
    ("Хан, Виктор", ("Виктор",), "Хан", None),
    # a hyphenated title is a title, in any case (Russian and older Latin spelling)
    ("Аблай-хан", ("Аблай",), None, "хан"),
    ("Ablai-Khan", ("Ablai",), None, "Khan"),
    ("Бухар-жырау Калкаманулы", ("Бухар",), "Калкаманулы", "жырау"),
    # the singer-poets' titles
    ("Біржан сал Қожағұлұлы", ("Біржан",), "Қожағұлұлы", "сал"),
    ("Ақан сері", ("Ақан",), None, "сері"),
    # a title needs a name to go with
    ("Хан", (), "Хан", None),
]


@pytest.mark.parametrize("text, given, surname, title", TITLED, ids=[x[0] for x in TITLED])
def test_titles(text: str, given: tuple[str, ...], surname: str | None, title: str | None) -> None:
    if not given_name_info("Абылай"):
        pytest.skip("data/names/given_names.tsv is not there")
    p = parse_person(text)
    assert (p.given, p.surname, p.title) == (given, surname, title)
    assert p.title_key == (name_key(title) if title else None)


@pytest.mark.parametrize("text, given, patronymic, surname, gender", PARSES, ids=[x[0] for x in PARSES])
def test_parse(text: str, given: tuple[str, ...], patronymic: str | None, surname: str, gender: str) -> None:
    p = parse_person(text)
    assert (p.given, p.patronymic, p.surname, p.gender) == (given, patronymic, surname, gender)


@pytest.mark.parametrize(
    ("text", "given", "surname", "years"),
    [
        ("Абылай хан (1711–1781)", ("Абылай",), None, (1711, 1781)),
        ("Маргулан, Алькей Хаканович, 1904–1985", ("Алькей",), "Маргулан", (1904, 1985)),
        ("Uraz Dzhandosov (born 1961)", ("Uraz",), "Dzhandosov", (1961,)),
        ("Ораз Жандосов [1899-1938]", ("Ораз",), "Жандосов", (1899, 1938)),
        ("Aliya (Ali) Nazarbayeva", ("Aliya", "Ali"), "Nazarbayeva", ()),  # no digit: not a date
    ],
)
def test_years_are_not_words_of_the_name(
    text: str, given: tuple[str, ...], surname: str | None, years: tuple[int, ...]
) -> None:
    p = parse_person(text)
    assert (p.given, p.surname, p.years) == (given, surname, years)


def test_turkish_patronymic() -> None:
    p = parse_person("Abay Kunanbayoğlu")
    assert (p.surname, p.gender) == ("Kunanbayoğlu", "m")
    assert surname_stem(p.surname_key or "") == surname_stem(name_key("Құнанбайұлы"))


def test_keys_of_the_parts() -> None:
    p = parse_person("Қасым-Жомарт Кемелұлы Тоқаев")
    assert p.given_keys == ("kasimjomart",)
    assert p.patronymic_key == "kemeluli"
    assert p.surname_key == "tokaev"
    assert p.raw == "Қасым-Жомарт Кемелұлы Тоқаев"
    assert not p.initials_only
    assert parse_person("К.-Ж. Токаев").initials_only


def test_person_is_frozen() -> None:
    p = parse_person("Askar Mamin")
    assert isinstance(p, Person)
    with pytest.raises(AttributeError):
        p.surname = "X"  # type: ignore[misc]


def test_single_words_and_empty() -> None:
    assert parse_person("Tokayev").surname == "Tokayev"
    assert parse_person("Nursultan").given == ("Nursultan",)  # a known given name
    empty = parse_person("")
    assert (empty.given, empty.surname, empty.patronymic) == ((), None, None)
    with pytest.raises(TypeError):
        parse_person(None)  # type: ignore[arg-type]


@pytest.mark.parametrize("token", ["K.", "Zh.", "К.-Ж.", "Ш.", "K"])
def test_initials(token: str) -> None:
    assert is_initial(token)


@pytest.mark.parametrize("token", ["Ten", "Zhomart", "Kassym-Jomart", "Ли"])
def test_not_initials(token: str) -> None:
    assert not is_initial(token)


def test_surname_stems() -> None:
    assert surname_stem("tokaev") == ("toka", "m", True)
    assert surname_stem("tokaeva") == ("toka", "f", True)
    assert surname_stem("kudaiberdiuli")[0] == surname_stem("kudaiberdiev")[0]
    assert surname_stem("sarsenbaiuli")[0] == surname_stem("sarsenbaev")[0]
    assert surname_stem("rybakina")[1] == "f"


@settings(max_examples=500, deadline=None)
@given(st.text())
def test_parse_never_raises(text: str) -> None:
    p = parse_person(text)
    assert p.raw == text


# ----------------------------------------------------------------------------- lexicon


def test_lexicon_is_loaded_lazily_and_once() -> None:
    persons._LEXICON.reset()
    assert not persons._LEXICON.loaded
    results: list[int] = []

    def work() -> None:
        results.append(len(given_name_info("Нұрсұлтан")))

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert persons._LEXICON.loaded
    assert len(set(results)) == 1


def test_lexicon_absent_is_tolerated(monkeypatch: pytest.MonkeyPatch) -> None:
    def missing(*parts: str) -> object:
        raise DataError("no data directory")

    monkeypatch.setattr(persons, "data_path", missing)
    persons._LEXICON.reset()
    persons._parse.cache_clear()
    try:
        assert given_name_info("Nursultan") == ()
        p = parse_person("Nursultan Nazarbayev")
        assert (p.given, p.surname) == (("Nursultan",), "Nazarbayev")
    finally:
        monkeypatch.undo()
        persons._LEXICON.reset()
        persons._parse.cache_clear()


def test_lexicon_rows() -> None:
    rows = given_name_info("Qasym")
    if not rows:
        pytest.skip("data/names/given_names.tsv is not there")
    assert rows[0].kk == "Қасым"
    assert rows[0].gender == "m"
    # variants: other forms of the same name, found by key, never written by to_russian_form
    assert [g.kk for g in given_name_info("Ибрагим")] == ["Ыбырай"]
    assert [g.kk for g in given_name_info("Chokan")] == ["Шоқан"]
    assert to_russian_form("Шоқан") == "Шокан"


# ------------------------------------------------------------------ Kazakh ↔ Russian


@pytest.mark.parametrize(
    ("kk", "ru"),
    [
        ("Тоқаев", "Токаев"),
        ("Сәрсенбайұлы", "Сарсенбайулы"),
        ("Әлихан", "Алихан"),
        ("Нұрсұлтан", "Нурсултан"),
        ("Өскемен", "Оскемен"),
        ("Жаңаөзен", "Жанаозен"),
        ("ТОҚАЕВ Қасым-Жомарт", "ТОКАЕВ Касым-Жомарт"),
    ],
)
def test_to_russian_form(kk: str, ru: str) -> None:
    assert to_russian_form(kk) == ru


@pytest.mark.parametrize(
    ("ru", "kk"),
    [
        ("Токаев", "Тоқаев"),
        ("Касым-Жомарт", "Қасым-Жомарт"),
        ("Нурсултан", "Нұрсұлтан"),
        ("Алихан", "Әлихан"),  # from the lexicon
        ("Жумагулов", "Жұмағұлов"),
        ("Келимбетов", "Келімбетов"),
        ("Сулейменов", "Сүлейменов"),
        ("Куандык", "Қуандық"),  # у next to a vowel is a consonant and stays
        ("Туякбай", "Тұяқбай"),  # я begins with й: the у before it is a vowel
        ("Сарсенбаев", "Сарсенбаев"),  # both vowel kinds: left as it is
        ("Сарсенбайулы", "Сарсенбайұлы"),
    ],
)
def test_to_kazakh_form(ru: str, kk: str) -> None:
    if ru == "Алихан" and not given_name_info("Алихан"):
        pytest.skip("data/names/given_names.tsv is not there")
    assert to_kazakh_form(ru) == kk


KK_WORDS = st.text(alphabet="аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя", min_size=1, max_size=12)


@settings(max_examples=300, deadline=None)
@given(st.lists(KK_WORDS, min_size=1, max_size=3))
def test_forms_keep_the_key(words: list[str]) -> None:
    """Away from the lexicon, both conversions change letters the key folds together."""
    assume(not any(given_name_info(w) for w in words))
    name = " ".join(w.capitalize() for w in words)
    ru = to_russian_form(name)
    assert not set(ru) & set(KAZAKH_LETTERS)
    assert name_key(ru) == name_key(name)
    assert name_key(to_kazakh_form(ru)) == name_key(name)
    assert to_russian_form(to_kazakh_form(ru)) == ru


def test_forms_leave_latin_alone() -> None:
    assert to_kazakh_form("Tokayev Токаев") == "Tokayev Тоқаев"
    assert to_russian_form("Qasym Қасым") == "Qasym Касым"


def test_a_text_too_long_for_a_name_is_one_opaque_word() -> None:
    # Thousands of words are no person's name: kept whole, keyed, not parsed (linear time).
    from kztranslit.persons import MAX_NAME_LENGTH

    long = "Айгүл Тоқаева Кенжеев " * 2_000
    p = parse_person(long)
    assert len(long) > MAX_NAME_LENGTH
    assert (p.given, p.patronymic, p.surname, p.gender) == ((), None, long, None)
    assert p.surname_key == name_key(long)
    assert parse_person("Айгүл Тоқаева").surname == "Тоқаева"
