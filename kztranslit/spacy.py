"""spaCy: the places and people kztranslit finds, as entity spans of a pipeline.

``pip install '.[spacy]'``. The pipeline component ``"kztranslit"`` runs
:func:`~kztranslit.find_places` and :func:`~kztranslit.find_people` on each ``Doc`` and adds
what they find as entities: places with the label ``GPE``, people with ``PERSON``. spaCy
finds the factory through kztranslit's entry point (``spacy_factories``), so
``nlp.add_pipe("kztranslit")`` works without an import; importing this module registers it too.

>>> import spacy
>>> import kztranslit.spacy
>>> nlp = spacy.blank("en")
>>> _ = nlp.add_pipe("kztranslit")
>>> doc = nlp("President Qasym-Zhomart Toqaev flew from Kzyl-Orda to Nur-Sultan.")
>>> [(e.text, e.label_) for e in doc.ents]
[('Qasym-Zhomart Toqaev', 'PERSON'), ('Kzyl-Orda', 'GPE'), ('Nur-Sultan', 'GPE')]
>>> [e._.kz_place.name for e in doc.ents if e.label_ == "GPE"]
['Kyzylorda', 'Astana']
>>> doc.ents[0]._.kz_person_key == nlp("Kassym-Jomart Tokayev").ents[0]._.kz_person_key  # one person
True

**Span extensions.** ``span._.kz_place_id`` is the place's gazetteer id and
``span._.kz_place`` the :class:`~kztranslit.Place` itself (``None`` for the country, which
is a ``GPE`` too); ``span._.kz_person_key`` is the person's key, equal for every spelling of
the same person (:attr:`~kztranslit.PersonMention.key`). They hold strings only, so docs
pickle and ``nlp.pipe(..., n_process=2)`` works.

**Languages.** Any pipeline: ``spacy.blank("ru")``, ``spacy.blank("en")``,
``spacy.blank("kk")``. spaCy has no Kazakh language of its own; kztranslit registers
:class:`Kazakh` under ``kk`` (entry point ``spacy_languages``): spaCy's default tokenizer
rules, which split punctuation and hyphens in Kazakh Cyrillic as in Russian, and nothing
else (no stop words, no lemmas). Where spaCy one day has its own ``kk``, that one is used.
The mentions do not depend on the tokenizer: where a mention starts or ends inside a token,
the token is split there, so every entity's offsets are exactly the finder's.

**Next to a trained NER** (``en_core_web_sm``, ``ru_core_news_sm``…), placed after it, the
component fills in what the model missed. How conflicts are settled:

1. All of kztranslit's spans go to ``doc.spans["kztranslit"]`` (a span group may overlap),
   with their extensions, whatever the model found.
2. ``doc.ents`` keeps every entity the model found; a kztranslit span that overlaps none of
   them is added. A span that overlaps one is left out of ``doc.ents`` (it stays in the span
   group): the model's decision on that text stands, whether it agrees (same words: its
   entity also gets the extensions when its label is the one kztranslit would give) or not
   (``FC Astana`` as ``ORG``). With ``overwrite_ents=True`` the other way round: kztranslit's
   spans replace the entities they overlap.
3. The labels follow the model's scheme: ``GPE``/``PERSON`` (OntoNotes, the English models)
   or, for a model with ``LOC``/``PER`` and no ``GPE`` (WikiNER, the Russian models),
   ``LOC``/``PER``; set ``place_label``/``person_label`` to choose.
4. Between its own spans (a place and a person over the same words, which the finders avoid)
   the longer wins, then the earlier.

Config (``nlp.add_pipe("kztranslit", config={...})``): ``places`` and ``people`` (both on),
``countries`` (the country's own name, on), ``score_cutoff`` (of :func:`find_places`, 50),
``place_label`` and ``person_label`` (``null``: from the model, as above), ``overwrite_ents``
(off), ``spans_key`` (``"kztranslit"``).
"""

from __future__ import annotations

import importlib.util
import itertools
from collections.abc import Iterable

try:
    from spacy.language import BaseDefaults, Language
    from spacy.pipeline import EntityRecognizer
    from spacy.tokens import Doc, Span, Token
    from spacy.util import registry
except ImportError as e:  # pragma: no cover - depends on the environment
    from .errors import MissingExtra

    raise MissingExtra("kztranslit.spacy", "spaCy", "spacy") from e

from .gazetteer import Place, gazetteer

__all__ = ["FACTORY", "Kazakh", "KazakhNames", "make_component"]

FACTORY = "kztranslit"
"""The name of the component's factory: ``nlp.add_pipe("kztranslit")``."""

_EXTENSIONS = ("kz_place_id", "kz_person_key")


def _place_of(span: Span) -> Place | None:
    pid = span._.kz_place_id
    return None if pid is None else gazetteer().places.get(pid)


for _name in _EXTENSIONS:
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=None)
if not Span.has_extension("kz_place"):
    Span.set_extension("kz_place", getter=_place_of)


class KazakhNames:
    """The pipeline component: places and people of :mod:`kztranslit.text` as entities (see the module)."""

    def __init__(
        self,
        nlp: Language,
        name: str = FACTORY,
        *,
        places: bool = True,
        people: bool = True,
        countries: bool = True,
        score_cutoff: float = 50.0,
        place_label: str | None = None,
        person_label: str | None = None,
        overwrite_ents: bool = False,
        spans_key: str = "kztranslit",
    ) -> None:
        if not 0.0 <= float(score_cutoff) <= 100.0:
            raise ValueError(f"score_cutoff must be between 0 and 100, not {score_cutoff!r}")
        self.nlp = nlp
        self.name = name
        self.places = places
        self.people = people
        self.countries = countries
        self.score_cutoff = float(score_cutoff)
        self.place_label = place_label
        self.person_label = person_label
        self.overwrite_ents = overwrite_ents
        self.spans_key = spans_key

    @property
    def labels(self) -> tuple[str, str]:
        """The labels it sets (places, people): as configured, else in the scheme of the pipeline's NER."""
        model: set[str] = set()
        for _, proc in self.nlp.pipeline:
            if isinstance(proc, EntityRecognizer):
                model.update(proc.labels)
        wikiner = "GPE" not in model and "LOC" in model
        place = self.place_label or ("LOC" if wikiner else "GPE")
        person = self.person_label or ("PER" if "PER" in model and "PERSON" not in model else "PERSON")
        return place, person

    def find(self, text: str) -> list[tuple[int, int, str, str | None]]:
        """``(start, end, "place" or "person", place id or person key)`` of each mention, in order."""
        from .text import find_people, find_places

        out: list[tuple[int, int, str, str | None]] = []
        if self.places:
            for m in find_places(text, score_cutoff=self.score_cutoff, countries=self.countries):
                out.append((m.start, m.end, "place", None if m.place is None else m.place.id))
        if self.people:
            out.extend((p.start, p.end, "person", p.key) for p in find_people(text))
        out.sort(key=lambda t: (t[0], t[1]))
        return out

    def __call__(self, doc: Doc) -> Doc:
        found = [f for f in self.find(doc.text) if f[0] < f[1]]
        if not found:
            doc.spans[self.spans_key] = []
            return doc
        _split_at(doc, {pos for start, end, _, _ in found for pos in (start, end)})
        place_label, person_label = self.labels
        spans: list[Span] = []
        for start, end, what, value in found:
            label = place_label if what == "place" else person_label
            span = doc.char_span(start, end, label=label)
            if span is None:  # pragma: no cover - _split_at makes every offset a token boundary
                continue
            if what == "place":
                span._.kz_place_id = value
            else:
                span._.kz_person_key = value
            spans.append(span)
        doc.spans[self.spans_key] = spans
        doc.ents = _merge(list(doc.ents), _without_overlaps(spans), ours_win=self.overwrite_ents)
        return doc


def _split_at(doc: Doc, offsets: set[int]) -> None:
    """Split the tokens that ``offsets`` fall inside, so that each offset is a token boundary."""
    cuts: dict[int, list[int]] = {}
    size = len(doc.text)  # (built from the tokens at each call)
    for pos in sorted(offsets):
        if pos >= size:
            continue
        token = doc[_token_at(doc, pos)]
        if token.idx < pos < token.idx + len(token.text):
            cuts.setdefault(token.i, []).append(pos - token.idx)
    if not cuts:
        return
    with doc.retokenize() as retokenizer:
        for i, points in cuts.items():
            token = doc[i]
            bounds = [0, *points, len(token.text)]
            orths = [token.text[a:b] for a, b in itertools.pairwise(bounds)]
            heads: list[Token | tuple[Token, int]] = [(token, k) for k in range(len(orths))]
            retokenizer.split(token, orths, heads=heads)


def _token_at(doc: Doc, pos: int) -> int:
    """The index of the token whose text (or the whitespace after it) holds character ``pos``."""
    lo, hi = 0, len(doc) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if doc[mid].idx <= pos:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _without_overlaps(spans: list[Span]) -> list[Span]:
    """kztranslit's own spans without overlaps: the longer wins, then the earlier."""
    kept: list[Span] = []
    taken: set[int] = set()
    for span in sorted(spans, key=lambda s: (-(s.end_char - s.start_char), s.start_char)):
        tokens = set(range(span.start, span.end))
        if not tokens & taken:
            kept.append(span)
            taken |= tokens
    return sorted(kept, key=lambda s: s.start)


def _merge(model: list[Span], ours: Iterable[Span], *, ours_win: bool) -> list[Span]:
    """The entities of the model and ours, without overlaps (see the module: conflicts)."""
    ours = list(ours)
    winners, losers = (ours, model) if ours_win else (model, ours)
    taken = {t for s in winners for t in range(s.start, s.end)}
    kept = [s for s in losers if not taken.intersection(range(s.start, s.end))]
    return sorted([*winners, *kept], key=lambda s: s.start)


@Language.factory(
    FACTORY,
    default_config={
        "places": True, "people": True, "countries": True, "score_cutoff": 50.0, "place_label": None,
        "person_label": None, "overwrite_ents": False, "spans_key": "kztranslit",
    },
    assigns=["doc.ents", "doc.spans", "span._.kz_place_id", "span._.kz_person_key"],
    retokenizes=True,
)  # fmt: skip
def make_component(
    nlp: Language,
    name: str,
    places: bool,
    people: bool,
    countries: bool,
    score_cutoff: float,
    place_label: str | None,
    person_label: str | None,
    overwrite_ents: bool,
    spans_key: str,
) -> KazakhNames:
    """The factory spaCy calls for ``nlp.add_pipe("kztranslit", config=...)``."""
    return KazakhNames(
        nlp, name, places=places, people=people, countries=countries, score_cutoff=score_cutoff,
        place_label=place_label, person_label=person_label, overwrite_ents=overwrite_ents,
        spans_key=spans_key,
    )  # fmt: skip


class KazakhDefaults(BaseDefaults):
    """spaCy's default tokenizer rules; no stop words, lemmas or lexical attributes of Kazakh."""

    writing_system = {"direction": "ltr", "has_case": True, "has_letters": True}  # noqa: RUF012


def _kazakh() -> type[Language]:
    """spaCy's own Kazakh language class when it has one, else kztranslit's minimal one."""
    if importlib.util.find_spec("spacy.lang.kk") is not None:  # pragma: no cover - no spaCy has one yet
        module = importlib.import_module("spacy.lang.kk")
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, Language) and value is not Language:
                return value

    class Kazakh(Language):  # type: ignore[no-untyped-call]
        """Kazakh for ``spacy.blank("kk")``: a language class with spaCy's default tokenizer."""

        lang = "kk"
        Defaults = KazakhDefaults

    return Kazakh


Kazakh = _kazakh()
"""The language class of ``spacy.blank("kk")`` (registered with spaCy under ``kk``)."""

if importlib.util.find_spec("spacy.lang.kk") is None:
    registry.languages.register("kk", func=Kazakh)
