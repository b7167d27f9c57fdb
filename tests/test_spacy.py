"""The spaCy component on a real spaCy (blank pipelines, no model download): its entities are
exactly find_places + find_people on the seed article and the text corpus, in Russian, English and
Kazakh pipelines; it fills in next to another entity source without overlaps; spaCy finds it
(and ``spacy.blank("kk")``) through the installed package's entry points."""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

spacy = pytest.importorskip("spacy")
import kztranslit.spacy  # noqa: E402,F401  (registers the factory and "kk")
from kztranslit.text import find_people, find_places  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def corpus() -> list[tuple[str, str, str]]:
    """(id, language, text) of every text of the corpus and of the seed articles."""
    out = []
    with (ROOT / "tests" / "data" / "text_corpus.jsonl").open(encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            out.append((rec["id"], rec["lang"], rec["text"]))
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        out.append((path.name, "en", path.read_text(encoding="utf-8")))
    return out


TEXTS = corpus()


@pytest.fixture(scope="module")
def pipelines() -> dict[str, Any]:
    out = {}
    for lang in ("en", "ru", "kk"):
        nlp = spacy.blank(lang)
        nlp.add_pipe("kztranslit")
        out[lang] = nlp
    return out


Found = tuple[int, int, str, str | None]


def expected(text: str, *, place: str = "GPE", person: str = "PERSON") -> list[Found]:
    """find_places + find_people, in order; where two overlap, the longer (then the earlier) stays."""
    found: list[Found] = [(m.start, m.end, place, m.place.id if m.place else None) for m in find_places(text)]
    found += [(p.start, p.end, person, p.key) for p in find_people(text)]
    kept: list[Found] = []
    for f in sorted(found, key=lambda f: (f[0] - f[1], f[0])):
        if all(f[1] <= k[0] or k[1] <= f[0] for k in kept):
            kept.append(f)
    return sorted(kept)


def ents(doc: Any) -> list[Found]:
    return [
        (e.start_char, e.end_char, e.label_, e._.kz_place_id if e.label_ != "PERSON" else e._.kz_person_key)
        for e in doc.ents
    ]


def test_the_corpus_and_the_seed_article_give_find_places_and_find_people(pipelines: dict[str, Any]) -> None:
    assert len(TEXTS) > 250
    total = 0
    for tid, lang, text in TEXTS:
        doc = pipelines[lang](text)
        assert doc.text == text
        want = expected(text)
        assert ents(doc) == want, tid
        total += len(want)
        group = doc.spans["kztranslit"]
        assert len(group) == len(find_places(text)) + len(find_people(text))
        for e in doc.ents:
            place = e._.kz_place
            assert (place.id if place else None) == e._.kz_place_id
    assert total > 400  # the corpus is not empty of names


@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
def test_every_language_on_every_text(pipelines: dict[str, Any], lang: str) -> None:
    """The tokenizer does not matter: the same entities from any language's pipeline."""
    for tid, _, text in TEXTS[::7]:
        assert ents(pipelines[lang](text)) == expected(text), (lang, tid)


def test_a_tokenizer_that_keeps_punctuation_gets_its_tokens_split() -> None:
    from spacy.tokenizer import Tokenizer

    nlp = spacy.blank("en")
    nlp.tokenizer = Tokenizer(nlp.vocab)  # whitespace only: "Qyzylorda," is one token
    nlp.add_pipe("kztranslit")
    text = "Flights from Qyzylorda, Aktau's port and (Nur-Sultan) resumed; Tokayev's plane too."
    doc = nlp(text)
    assert doc.text == text
    assert ents(doc) == expected(text)
    assert len(doc.ents) >= 3
    assert "Qyzylorda" in [t.text for t in doc]


def test_the_extensions() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("kztranslit")
    doc = nlp("Kassym-Jomart Tokayev visited Kazakhstan's Qyzylorda. President Toqaev left.")
    by_text = {e.text: e for e in doc.ents}
    assert by_text["Qyzylorda"]._.kz_place.name == "Kyzylorda"
    assert by_text["Qyzylorda"]._.kz_person_key is None
    assert by_text["Kazakhstan"]._.kz_place is None  # the country: a GPE without a place
    people = [e for e in doc.ents if e.label_ == "PERSON"]
    assert len(people) == 2 and people[0]._.kz_person_key == people[1]._.kz_person_key
    assert people[0]._.kz_place is None


def test_options() -> None:
    text = "Kassym-Jomart Tokayev flew from Kazakhstan's capital to Qyzylorda."
    only_places = spacy.blank("en")
    only_places.add_pipe("kztranslit", config={"people": False, "countries": False})
    assert [e.text for e in only_places(text).ents] == ["Qyzylorda"]
    only_people = spacy.blank("en")
    only_people.add_pipe("kztranslit", config={"places": False, "person_label": "PER"})
    assert [(e.text, e.label_) for e in only_people(text).ents] == [("Kassym-Jomart Tokayev", "PER")]
    strict = spacy.blank("en")
    strict.add_pipe("kztranslit", config={"score_cutoff": 100.0})
    assert all(m.score >= 100.0 for m in find_places(text, score_cutoff=100.0))
    assert len(strict(text).ents) == len(expected_at(text, 100.0))
    with pytest.raises(ValueError, match="score_cutoff"):
        spacy.blank("en").add_pipe("kztranslit", config={"score_cutoff": 101})


def expected_at(text: str, cutoff: float) -> list[Any]:
    return [*find_places(text, score_cutoff=cutoff), *find_people(text)]


# ---------------------------------------------------------------------------
# Next to another source of entities


def ruled(overwrite: bool = False) -> Any:
    """An entity ruler first (standing in for a trained model's output), then kztranslit."""
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([
        {"label": "ORG", "pattern": "FC Astana"},
        {"label": "GPE", "pattern": "Almaty"},
        {"label": "PERSON", "pattern": "Nazarbayev"},
    ])  # fmt: skip
    nlp.add_pipe("kztranslit", config={"overwrite_ents": overwrite})
    return nlp


TEXT = "FC Astana beat Almaty's side in Qyzylorda; Nursultan Nazarbayev watched."


def overlaps(a: Any, b: Any) -> bool:
    return a.start_char < b.end_char and b.start_char < a.end_char


def test_next_to_a_model_kztranslit_fills_in_without_overlaps() -> None:
    nlp = ruled()
    ruler = nlp.get_pipe("entity_ruler")
    model = [(e.start_char, e.end_char, e.label_) for e in ruler(nlp.make_doc(TEXT)).ents]
    doc = nlp(TEXT)
    got = {(e.start_char, e.end_char, e.label_) for e in doc.ents}
    assert set(model) <= got  # the model's entities stay
    ours = list(doc.spans["kztranslit"])
    assert [(s.start_char, s.end_char) for s in ours] == [(a, b) for a, b, _, _ in expected(TEXT)]
    for span in ours:  # each of ours is an entity exactly when it overlaps none of the model's
        triple = (span.start_char, span.end_char, span.label_)
        if triple in model:
            continue  # the model found the same: one entity
        clash = any(overlaps(span, e) for e in doc.ents if (e.start_char, e.end_char, e.label_) in model)
        assert (triple in got) == (not clash), span.text
    assert ("Qyzylorda", "GPE") in [(e.text, e.label_) for e in doc.ents]  # what the model missed
    assert ("Nazarbayev", "PERSON") in [(e.text, e.label_) for e in doc.ents]
    almaty = next(e for e in doc.ents if e.text == "Almaty")
    assert almaty.label_ == "GPE" and almaty._.kz_place is not None  # same words, same label: the place
    assert almaty._.kz_place.name == "Almaty"
    assert_no_overlaps(doc)


def test_overwrite_ents_lets_kztranslit_win() -> None:
    nlp = ruled(overwrite=True)
    model = list(nlp.get_pipe("entity_ruler")(nlp.make_doc(TEXT)).ents)
    doc = nlp(TEXT)
    got = {(e.start_char, e.end_char, e.label_) for e in doc.ents}
    ours = list(doc.spans["kztranslit"])
    assert {(s.start_char, s.end_char, s.label_) for s in ours} <= got  # all of ours
    for e in model:  # and the model's that overlap none of them
        clash = any(overlaps(e, s) and (s.start_char, s.end_char) != (e.start_char, e.end_char) for s in ours)
        assert ((e.start_char, e.end_char, e.label_) in got) == (not clash), e.text
    assert_no_overlaps(doc)


def assert_no_overlaps(doc: Any) -> None:
    ends = [(e.start, e.end) for e in doc.ents]
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(ends))


def test_a_real_entity_recognizer_keeps_its_entities_and_sets_the_labels() -> None:
    """An initialised (untrained) NER with the WikiNER labels of the Russian models: whatever it
    predicts stays, kztranslit's labels become LOC and PER, and nothing overlaps."""
    spacy.util.fix_random_seed(0)
    nlp = spacy.blank("ru")
    ner = nlp.add_pipe("ner")
    for label in ("LOC", "PER", "ORG"):
        ner.add_label(label)
    nlp.add_pipe("kztranslit")
    nlp.initialize()
    assert nlp.get_pipe("kztranslit").labels == ("LOC", "PER")
    for _, _, text in TEXTS[:40]:
        model = nlp.get_pipe("ner")(nlp.make_doc(text))
        doc = nlp(text)
        kept = [(e.start_char, e.end_char, e.label_) for e in model.ents]
        assert set(kept) <= {(e.start_char, e.end_char, e.label_) for e in doc.ents}
        assert_no_overlaps(doc)
        for e in doc.ents:
            if (e.start_char, e.end_char, e.label_) not in kept:
                assert e.label_ in ("LOC", "PER")


# ---------------------------------------------------------------------------
# Serialisation and installation


def test_docs_and_pipelines_serialise(tmp_path: Path) -> None:
    nlp = spacy.blank("ru")
    nlp.add_pipe("kztranslit", config={"countries": False})
    text = "Токаев прилетел в Актау, затем в Алматы."
    doc = nlp(text)
    from spacy.tokens import Doc

    again = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert ents(again) == ents(doc)
    assert [e._.kz_place for e in again.ents] == [e._.kz_place for e in doc.ents]
    nlp.to_disk(tmp_path / "model")
    loaded = spacy.load(tmp_path / "model")
    assert loaded.get_pipe("kztranslit").countries is False
    assert ents(loaded(text)) == ents(doc)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """kztranslit built as a wheel and installed into a directory of its own (no deps)."""
    tmp = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(tmp),
         str(ROOT)],
        check=True, capture_output=True,
    )  # fmt: skip
    target = tmp / "site"
    wheel = next(tmp.glob("kztranslit-*.whl"))
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
        check=True, capture_output=True,
    )  # fmt: skip
    return {**os.environ, "PYTHONPATH": str(target)}


def test_spacy_finds_the_factory_and_kazakh_through_entry_points(installed: dict[str, str]) -> None:
    code = (
        "import sys, spacy\n"
        "nlp = spacy.blank('en')\n"
        "nlp.add_pipe('kztranslit')\n"
        "print([(e.text, e.label_) for e in nlp('Flights to Qyzylorda.').ents])\n"
        "kk = spacy.blank('kk')\n"
        "kk.add_pipe('kztranslit')\n"
        "print(kk.lang, [e.text for e in kk('Қасым-Жомарт Тоқаев Ақтауда болды.').ents])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=installed["PYTHONPATH"], env=installed,
                         capture_output=True, text=True)  # fmt: skip
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0] == "[('Qyzylorda', 'GPE')]"
    text = "Қасым-Жомарт Тоқаев Ақтауда болды."
    assert lines[1] == "kk " + str([text[a:b] for a, b, _, _ in expected(text)])


# ---------------------------------------------------------------------------
# Properties: sentences built from real names give the finders' mentions in any pipeline


def _names() -> tuple[list[str], list[str]]:
    import random

    from kztranslit.gazetteer import gazetteer

    rng = random.Random(4)
    places = sorted(gazetteer().places.values(), key=lambda p: p.id)
    place_names = [n for p in rng.sample(places, 200) for n in (p.name, p.name_kk, p.name_ru) if n]
    people = ["Kassym-Jomart Tokayev", "Қасым-Жомарт Тоқаев", "Нурсултан Назарбаев", "Alikhan Smailov",
              "Dinara Zhumabayeva", "Абай Құнанбайұлы", "Tokayev", "Toqaev"]  # fmt: skip
    return place_names, people


PLACE_NAMES, PEOPLE = _names()
WORDS = ["in", "from", "the city of", "в", "из", "г.", "ауылында", "and", "said", ",", "Region", "облысы"]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.one_of(st.sampled_from(PLACE_NAMES), st.sampled_from(PEOPLE), st.sampled_from(WORDS)),
             min_size=1, max_size=12),
    st.sampled_from(["en", "ru", "kk"]),
    st.sampled_from([" ", "", "\n", " - "]),
)  # fmt: skip
def test_any_sentence_of_real_names(words: list[str], lang: str, sep: str) -> None:
    text = sep.join(words) + "."
    nlp = PIPELINES[lang]
    doc = nlp(text)
    assert doc.text == text
    assert ents(doc) == expected(text)


PIPELINES: dict[str, Any] = {}
for _lang in ("en", "ru", "kk"):
    PIPELINES[_lang] = spacy.blank(_lang)
    PIPELINES[_lang].add_pipe("kztranslit")


def test_nlp_pipe_in_two_processes() -> None:
    nlp = PIPELINES["en"]
    texts = [t for _, _, t in TEXTS[:16]]
    one = [ents(d) for d in nlp.pipe(texts)]
    two = [ents(d) for d in nlp.pipe(texts, n_process=2, batch_size=4)]
    assert one == two == [expected(t) for t in texts]
