"""Names in free text: find, resolve and rewrite Kazakh places and people.

:func:`find_places` returns every place of Kazakhstan a text mentions, resolved to its
:class:`~kztranslit.Place`; :func:`find_people` every Kazakh (or Russian) person
name, with a key that is the same for every spelling of the same person;
:func:`normalize_text` rewrites all of them in one spelling style and leaves every
other character of the text as it was.

The package, one module per concern: :mod:`~kztranslit.text.tokens` (words, offsets,
keys, sentences), :mod:`~kztranslit.text.words` (the word lists of ``data/text/``:
settlement, region, feature and memorial words, prepositions, titles, endings),
:mod:`~kztranslit.text.inflection` (case endings), :mod:`~kztranslit.text.context` (the
context predicates both finders share), :mod:`~kztranslit.text.table` (the name table
built from the gazetteer), :mod:`~kztranslit.text.scoring` (the evidence weights),
:mod:`~kztranslit.text.places`, :mod:`~kztranslit.text.people` and
:mod:`~kztranslit.text.rewrite`.

How places are found
--------------------

1. **Tokens.** Words are cut with their offsets; a hyphen joins parts
   (``Nur-Sultan``); an English possessive ``'s`` stays outside the word.
2. **Keys.** Each word gets its :func:`~kztranslit.name_key`, so every script,
   scheme and former name of the gazetteer comes through the same table: up to
   five words are joined and looked up, longest first (``West Kazakhstan
   Region``, ``Батыс Қазақстан облысы``, ``Zhibek Zholy``). A Cyrillic word that is
   not a name as it stands is tried without a Russian case ending (``Караганде``,
   ``Уральске``, ``Конаевым``, ``Мангистауской``) or a Kazakh suffix (``Ақтауда``,
   ``Алматыдан``, ``облысының``); the mention covers the whole word.
3. **Evidence.** Whether a capitalised word that matches is a place at all is
   decided by adding up evidence, in points (:data:`WEIGHTS` gives every value):
   what was matched (a current name, a former name, a spelling variant, an
   unrelated alternate name), how big the place is (city, town, village, region),
   how the word is written (mid-sentence capital, sentence start, headline,
   lower case: never a place in cased text), and the words around it: a
   settlement word (``the city of``, ``г.``, ``в посёлке``, ``қаласы``,
   ``ауылында``), a region word (``Region``, ``oblast``, ``облысы``, ``области``,
   ``the region of``), a place preposition (``in``, ``near``, ``в``, ``из``) or a
   Kazakh locative ending, a list of other places, a region of the text that
   holds it. Against it: the word also occurs in lower case in the text, it
   heads or sits inside a longer proper name (``Temir Zholy``) or quotes, a
   larger city abroad has the name, it is a given name. Some contexts rule a
   place out whatever the points: a feature word (``Lake``, ``Sea``, ``River``,
   ``Street``, ``проспект``, ``көшесі``), a person's name around it (``Abai
   Kunanbayev``, ``Nursultan Nazarbayev``), a memorial phrase (``the monument to``,
   ``named after``, ``имени``, ``атындағы``), a hyphenated compound whose other
   part is an unknown name (``Issyk-Kul``).
4. **Villages need evidence.** The gazetteer is KATO's (~23,000 places, 66 villages
   called Бірлік). A village no source gives a size for, and a locality, is a place only
   with a settlement word, its district or okrug named in the text, its region named in
   the sentence, a list with another place or another of its names nearby (``Жеңіс
   күні`` is Victory Day).
5. **Namesakes.** Among the places of one name the same points choose, with
   a region, district or okrug named in the text (``Махамбет … района Бәйтерек … ЗКО``;
   an address chain inside a sentence: ``Алматы облысы Қарасай ауданы Шалқар ауылы``),
   the distance to the other places of the text and, for former names, a year of the
   period the name was in use. Namesakes less than :data:`AMBIGUOUS` point apart are no
   answer.

Region names are regions when a region word says so or no settlement has the
name; a bare name shared with a settlement is the settlement when that is a
city, the region otherwise (``Manghystau``). The three cities of republican
significance are always the city. The country is a mention with ``kind ==
"country"`` and ``place is None``.

How people are found
--------------------

Capitalised words are read as a person's name when they follow a name pattern:
a known given name (``data/names/given_names.tsv``) before or after a word
with a surname ending (-ov, -ev, -in, -ova, -eva, -ina, -uly, -qyzy, -ұлы,
-қызы, -enko, -sky…), or after any capitalised word; a patronymic (-ович,
-овна, -ұлы); initials (``K.-J. Tokayev``, ``Қ.-Ж. Тоқаев``, ``Тоқаев Қ.-Ж.``); a
title before a surname (``President Tokayev``). A lone surname or given name
elsewhere in the text joins the full name it belongs to (``Toqaev's
government``) and takes its key. The parts come from
:func:`kztranslit.persons.parse_person`.

>>> [(m.surface, m.place.name) for m in find_places("Flights from Qyzylorda to Nur-Sultan.")]
[('Qyzylorda', 'Kyzylorda'), ('Nur-Sultan', 'Astana')]
>>> [(m.surface, m.place.id) for m in find_places("В Мангистауской области и в Караганде")]
[('Мангистауской области', 'KZ-47'), ('Караганде', 'kato:351010000')]
>>> [p.surface for p in find_people("President Qasym-Zhomart Toqaev said. Toqaev's aides agreed.")]
['Qasym-Zhomart Toqaev', 'Toqaev']
>>> normalize_text("Protests in Qyzylorda and Taldyqorghan.")
'Protests in Kyzylorda and Taldykorgan.'
"""

from __future__ import annotations

from . import context, inflection, people, places, rewrite, table, tokens, words
from .people import PersonMention, PersonName, find_people, person_key
from .places import Mention, find_places
from .rewrite import Replacement, normalize_text, normalize_text_with_replacements
from .scoring import AMBIGUOUS, CONTEXT_WINDOW, LIST_PARTNER, THRESHOLD, WEIGHTS

__all__ = [
    "AMBIGUOUS",
    "CONTEXT_WINDOW",
    "LIST_PARTNER",
    "THRESHOLD",
    "WEIGHTS",
    "Mention",
    "PersonMention",
    "PersonName",
    "Replacement",
    "find_people",
    "find_places",
    "normalize_text",
    "normalize_text_with_replacements",
    "person_key",
    "reset",
]


def reset() -> None:
    """Forget the lookup tables built from the gazetteer and the word lists (rebuilt on next use)."""
    table.reset()
    words.reset()
    context.reset()
    tokens.reset()
    inflection.reset()
    people.reset()
    places.reset()
    rewrite.reset()
