"""Names in free text: find, resolve and rewrite Kazakh places and people.

:func:`find_places` returns every place of Kazakhstan a text mentions, resolved to its
:class:`~kztranslit.Place`; :func:`find_people` every Kazakh (or Russian) person
name, with a key that is the same for every spelling of the same person;
:func:`normalize_text` rewrites all of them in one spelling style and leaves every
other character of the text as it was.

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
4. **Namesakes.** Among the places of one name the same points choose, with
   a region named in the text, the distance to the other places of the text
   and, for former names, a year of the period the name was in use.

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
[('Мангистауской области', 'KZ-47'), ('Караганде', 'geonames:609655')]
>>> [p.surface for p in find_people("President Qasym-Zhomart Toqaev said. Toqaev's aides agreed.")]
['Qasym-Zhomart Toqaev', 'Toqaev']
>>> normalize_text("Protests in Qyzylorda and Taldyqorghan.")
'Protests in Kyzylorda and Taldykorgan.'
"""

from __future__ import annotations

import bisect
import itertools
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from .gazetteer import (
    COUNTRY_NAMES,
    KINDS,
    Derived,
    FormerName,
    Gazetteer,
    Place,
    gazetteer,
    strip_region_word,
)
from .keys import name_key
from .normalize import check_text

__all__ = [
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

MentionKind = Literal["settlement", "region", "country"]


# ---------------------------------------------------------------------------
# Results


@dataclass(frozen=True, slots=True)
class Mention:
    """A place named in a text.

    ``start``/``end`` are offsets into the original text (``text[start:end] ==
    surface``); a Russian or Kazakh case ending is inside the span, a region word
    next to a region's name too (``Маңғыстау облысы``), a settlement word is not
    (``the city of``). ``place`` is ``None`` only for the country (``kind ==
    "country"``). ``score`` (0–100) grows with the evidence; ``reason`` tells how
    the name matched (``exact``, ``transliteration``, ``former name``, ``alternate
    name``, ``region``, ``country``), ``matched`` the gazetteer name it matched,
    and ``evidence`` the context that counted.
    """

    start: int
    end: int
    surface: str
    place: Place | None
    kind: MentionKind
    score: float
    reason: str
    matched: str
    evidence: tuple[str, ...] = field(default=(), compare=False)


@dataclass(frozen=True, slots=True)
class PersonName:
    """The parts of a person's name, in their dictionary form: a Russian or Kazakh case ending
    taken off (``Жамбыла Жабаева`` → ``Жамбыл``, ``Жабаев``; ``Құнанбайұлының`` →
    ``Құнанбайұлы``), initials kept as initials. The mention's ``surface`` is the text as written.
    """

    given: tuple[str, ...]
    patronymic: str | None
    surname: str | None
    gender: Literal["m", "f"] | None


@dataclass(frozen=True, slots=True)
class PersonMention:
    """A person named in a text; ``key`` is equal for every mention of the same person.

    A lone surname or given name that joins a full mention elsewhere in the text
    carries that mention's ``person`` and ``key``; ``linked`` is then True.
    The key is ``"<surname stem>:<gender>:<initials>"`` (see :func:`person_key`).
    """

    start: int
    end: int
    surface: str
    person: PersonName
    key: str
    linked: bool = False


@dataclass(frozen=True, slots=True)
class Replacement:
    """One change made by :func:`normalize_text_with_replacements`."""

    start: int
    end: int
    old: str
    new: str
    kind: Literal["place", "region", "person"]


# ---------------------------------------------------------------------------
# Evidence weights (points). A candidate is a place when its total reaches THRESHOLD.

#: Every weight of the place finder, in points; :data:`THRESHOLD` is the bar.
WEIGHTS: dict[str, float] = {
    # what the place is
    "city": 3.0,  # 50,000 people or more, or a region's centre
    "town": 1.0,  # 10,000 or more
    "village": -1.0,
    "hamlet": -2.0,  # under 1,000 people, or no population given
    "region": 2.0,  # a current region by its bare name
    "old region": -1.0,  # an abolished region by its bare name
    # how it matched
    "former name": -2.0,  # a former name with no date or word pointing to its time
    "variant": -1.0,  # an alternate name that is a spelling of the place's name
    "unrelated alternate": -4.0,  # an alternate name unlike the place's names (Soviet names…)
    "short name": -1.0,  # a key of three letters or fewer
    # how it is written
    "capital mid-sentence": 1.0,
    "all capitals": 1.0,
    # context that says "place"
    "settlement word": 4.0,
    "region word": 4.0,
    "preposition": 2.0,
    "weak preposition": 1.0,
    "locative ending": 1.0,
    "list of places": 2.0,
    "region in text": 2.0,
    "region in sentence": 4.0,
    "other name in sentence": 3.0,  # another name of the same place nearby: a renaming, "also called"
    "near a place of the text": 3.0,  # within 50 km of another place the text names
    "time of former name": 3.0,
    # context that says "something else"
    "lower case elsewhere": -2.0,
    "inside a proper name": -3.0,
    "in quotes": -3.0,
    "name abroad": -2.0,
    "given name": -2.0,
}
THRESHOLD = 1.0
#: A list partner lends "list of places" only when it has this many points itself (a city
#: mid-sentence, or a place with a context word): a list of weak guesses proves nothing.
LIST_PARTNER = 3.0


def _accepted(total: float) -> bool:
    return total >= THRESHOLD - 0.5


def _score(total: float) -> float:
    """Evidence points → 0–100; a total at the threshold scores above 50, half a point below at 50."""
    return round(100.0 / (1.0 + math.exp(-(total - THRESHOLD + 0.5))), 1)


# ---------------------------------------------------------------------------
# Words of the context. Lower-case surfaces, or name keys where spelling varies.

_SETTLEMENT_BEFORE = re.compile(
    r"(?:\b(?:cit(?:y|ies)|towns?|villages?|settlements?|auls?|hamlets?|townships?|outskirts|capital)"
    r"\s+of\s+(?:the\s+)?"
    r"|(?<![^\W\d_])(?:г|гор|с|п|пос|пгт|ст|д|а|қ|ауыл|с/о)\.\s*"
    r"|(?<![^\W\d_])(?:город[еау]?|городах|городов|посёлк[еау]|поселк[еау]|посёлок|поселок|сел[еоа]"
    r"|сёлах|аул[еа]?|станци[ияю]|деревн[еияю]|райцентр[еау]?|village|town|city)\s+)$",
    re.IGNORECASE,
)
# The last word before a name that can end one of the phrases above (a cheap test before the regex).
_SETTLEMENT_TRIGGERS = frozenset({
    "of", "the", "г", "гор", "с", "п", "пос", "пгт", "ст", "д", "а", "қ", "ауыл", "о", "village", "town",
    "city",
})  # fmt: skip
_SETTLEMENT_TRIGGER_PREFIXES = (
    "город",
    "посёл",
    "посел",
    "сел",
    "сёл",
    "аул",
    "станци",
    "деревн",
    "райцентр",
)
_MEMORIAL_TRIGGERS = frozenset({"to", "of", "by", "after", "for", "imeni", "имени", "им"})
_MEMORIAL_TRIGGER_PREFIXES = (
    "памятник",
    "стих",
    "поэм",
    "произведени",
    "творчеств",
    "книг",
    "мавзоле",
    "музе",
)
_REGION_OF = re.compile(r"\b(?:regions?|provinces?|oblasts?)\s+of\s+(?:the\s+)?$", re.IGNORECASE)
_PLURAL_SETTLEMENT = re.compile(
    r"\b(?:cities|towns|villages|settlements|городах|городов|города|сёлах|селах|аулах)\b", re.IGNORECASE
)
# After a name: city / village words (keys; Kazakh words carry case endings, so prefixes).
_SETTLEMENT_AFTER_PREFIXES = ("kalas", "kala", "auil", "kent", "selos", "stantsias")
_SETTLEMENT_AFTER_WORDS = frozenset(
    name_key(w) for w in ("city", "town", "village", "aul", "settlement", "kenti")
)
_REGION_WORD_PREFIXES = ("oblis", "oblast")
_REGION_WORDS = frozenset(name_key(w) for w in ("region", "province", "oblys", "obl"))
_REGION_PLURALS = frozenset({"regions", "provinces", "oblasts", "областей", "областях", "областям"})
# Features and streets: a name next to one of these names the feature, not the town.
_FEATURE_BEFORE = frozenset({
    "lake", "river", "mount", "mt", "cape", "gulf", "bay", "street", "avenue", "озеро", "озера",
    "озере", "озёра", "река", "реки", "реке", "рекой", "р", "ул", "улица", "улице", "улицы",
    "улицу", "проспект", "проспекте", "проспекта", "пр", "пр-т", "площадь", "площади", "бульвар",
    "бульваре", "хребет", "хребта", "пик", "перевал", "мыс", "залив", "заливе", "канал", "пустыня",
    "пустыни", "месторождение", "месторождении", "месторождения", "полуостров", "полуострове",
})  # fmt: skip
_FEATURE_AFTER = frozenset({
    "sea", "lake", "lakes", "river", "rivers", "mountains", "mountain", "mts", "range", "ranges",
    "peninsula", "street", "st", "avenue", "ave", "boulevard", "square", "canal", "desert",
    "valley", "gorge", "reservoir", "field", "fields", "oilfield", "basin", "steppe", "plateau",
    "depression", "море", "моря", "морем", "озеро", "озера", "река", "реки", "хребет", "хребта",
    "горы", "гор", "полуостров", "полуострова", "улица", "улице", "проспект", "месторождение",
    "месторождения", "водохранилище", "водохранилища", "пустыня", "пустыни",
})  # fmt: skip
# Kazakh feature words after a name, by key prefix: көшесі, даңғылы, өзені, көлі, теңізі, таулары,
# түбегі, шатқалы (they carry case endings).
_FEATURE_AFTER_PREFIXES = ("koše", "danil", "ozen", "koli", "teniz", "tauli", "tubeg", "šatkal")
# A person's name, not the town named after the person.
_MEMORIAL_BEFORE = re.compile(
    r"(?:\b(?:monument|statue|memorial|tribute|museum|mausoleum|poems?|verses?|novels?|works|songs?"
    r"|books?|dedicated|birthday|anniversary)\s+(?:to|of|by)"
    r"|\bnamed\s+(?:after|for)|\bimeni|\bпамятник(?:а|ом|е|и)?|\bимени|\bим\.|\bмавзолей|\bмузей"
    r"|\bстих(?:и|ов|ах|ами)?|\bпоэм[аыу]?|\bпроизведени[яйе]|\bтворчеств[оае]|\bкниг[аиу]"
    r")\s*$",
    re.IGNORECASE,
)
# ", a mining town …", ", the regional centre": an apposition naming the kind of place.
_APPOSITION = re.compile(
    r"^\s*,\s+(?:an?|the)\s+(?:[\w-]+\s+){0,3}?(?:town|city|village|settlement|aul|capital|centre|center"
    r"|port|hub)\b",
    re.IGNORECASE,
)
# Kazakh puts these after the name: "X атындағы", "X ескерткіші", "X шығармалары", "X өлеңдері".
_MEMORIAL_AFTER = ("atindagi", "atin", "eskertkiš", "mavzolei", "šigarmalar", "olender", "muzei")
_STRONG_PREPOSITIONS = frozenset({
    "in", "near", "outside", "from", "at", "around", "across", "into", "inside", "throughout",
    "towards", "toward", "via", "through", "в", "во", "из", "под", "около", "возле", "близ",
    "вблизи", "окрестностях",
})  # fmt: skip
_WEAK_PREPOSITIONS = frozenset(
    {"to", "of", "for", "between", "до", "к", "ко", "через", "по", "у", "между", "для", "над"}
)
_LIST_JOINERS = re.compile(r"^(?:\s*,\s*|\s*,?\s+(?:and|or|и|или|және|мен|&)\s+|\s*[-–—/]\s*)$")
_TIME_WORDS = re.compile(
    r"\b(?:formerly|renamed|(?:then|once|was|were|previously)\s+(?:called|named|known)|former\s+name"
    r"|old\s+name|(?:now|today)\s+(?:called|named|known)|soviet(?:[- ]era|\s+times)"
    r"|бывш\w*|переименова\w*|(?:тогда|ранее|прежде)\s+назыв\w*|(?:старое|прежнее)\s+название"
    r"|советск\w+\s+(?:время|годы|период)|бұрынғы|бұрын|қайта\s+аталған)\b",
    re.IGNORECASE,
)
# Just before a second name of a place: "which guidebooks call X", "also known as X", "(formerly X".
_ALIAS_CUE = re.compile(
    r"(?:\b(?:call(?:s|ed)?|known\s+as|named|formerly|renamed(?:\s+(?:to|as))?|a\.?k\.?a\.?|or|now"
    r"|или|бывш\w+|ранее|прежде|называ\w+|переименова\w+|бұрынғы|немесе|аталған)\s*|[(/]\s*)$",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b(1[789]\d\d|20\d\d)\b")
_QUOTES_OPEN = "«\"“„'‘"
_QUOTES_CLOSE = "»\"”“'’"
# Closed-class words and titles: never a given name, a surname or a proper name's part.
_FUNCTION_WORDS = frozenset({
    "the", "a", "an", "and", "or", "but", "in", "on", "at", "of", "to", "from", "for", "with", "by",
    "as", "after", "before", "since", "during", "while", "when", "where", "if", "this", "that",
    "these", "those", "some", "many", "most", "all", "both", "each", "every", "one", "two", "his",
    "her", "its", "their", "our", "my", "he", "she", "it", "they", "we", "i", "you", "there", "here",
    "then", "also", "yet", "so", "not", "no", "under", "over", "about", "against", "between",
    "through", "last", "next", "new", "former", "late", "said", "says", "according", "other",
    "later", "earlier", "today", "yesterday", "tomorrow", "meanwhile", "however", "now", "still", "even",
    "only", "just", "again", "instead", "thus", "therefore", "moreover", "why", "how", "what",
    "who", "which", "whom", "whose", "will", "would", "should", "could", "may", "might", "must", "can",
    "затем", "потом", "сегодня", "вчера", "завтра", "однако", "тогда", "теперь", "сейчас", "позже",
    "ранее", "кроме", "также", "кейін", "бүгін", "кеше", "ертең", "алайда", "сондай-ақ",
    "в", "во", "на", "и", "а", "но", "или", "из", "по", "с", "со", "к", "ко", "у", "о", "об", "от",
    "до", "за", "для", "при", "под", "над", "после", "как", "это", "этот", "эта", "все", "его", "её",
    "их", "он", "она", "они", "мы", "вы", "я", "не", "же", "ли", "бы", "еще", "ещё", "уже",
    "бұл", "осы", "сол", "мен", "және", "бен", "пен", "да", "де", "та", "те", "үшін", "бойынша",
    "оның", "ол", "олар", "біз", "сіз", "бірақ", "немесе",
})  # fmt: skip
_TITLES = frozenset({
    "president", "prime", "minister", "premier", "mr", "mrs", "ms", "miss", "dr", "prof", "professor",
    "akim", "mayor", "governor", "chairman", "chairwoman", "chair", "deputy", "senator", "ambassador",
    "general", "colonel", "judge", "prosecutor", "spokesman", "spokeswoman", "speaker", "ex-president",
    "leader", "founder", "activist", "journalist", "poet", "writer", "academician", "sir", "saint",
    "президент", "президента", "президентом", "премьер", "премьер-министр", "министр", "министра",
    "аким", "акима", "господин", "госпожа", "г-н", "г-жа", "депутат", "председатель", "посол",
    "поэт", "писатель", "академик", "генерал", "судья", "прокурор", "президенті", "премьер-министрі",
    "министрі", "әкімі", "ақын", "жазушы", "төраға", "төрағасы", "елші", "депутаты",
})  # fmt: skip

# Russian endings of nouns and of region adjectives, and what the nominative ends in.
_RU_ENDINGS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ской", ("ская",)), ("скую", ("ская",)), ("ском", ("ский", "ское")), ("ского", ("ский", "ское")),
    ("скою", ("ская",)), ("ские", ("ская",)), ("ских", ("ская",)),
    ("ого", ("ый", "ий", "ое", "ой")), ("его", ("ий", "ее")), ("ому", ("ый", "ий", "ое", "ой")),
    ("ему", ("ий", "ее")), ("ую", ("ая",)), ("юю", ("яя",)),
    ("ым", ("", "ый", "ое", "ой")), ("им", ("", "ий", "ее")), ("ом", ("", "о", "ый", "ий", "ое", "ой")),
    ("ем", ("", "е", "ь", "й", "ий", "ее")), ("ой", ("а", "ая", "ый", "ой")),
    ("ей", ("я", "ь", "яя")), ("ою", ("а",)), ("ью", ("ь",)),
    ("е", ("", "а", "й", "я", "ь", "е")), ("а", ("",)), ("у", ("", "а")), ("ы", ("а",)),
    ("и", ("я", "ь", "й", "а")), ("я", ("ь", "й")), ("ю", ("я", "ь", "й")), ("ю", ("ь",)),
)  # fmt: skip
# Kazakh case and derivational suffixes, longest first; "locative" ones say "in, to, from".
_KK_SUFFIXES: tuple[tuple[str, bool], ...] = tuple(
    sorted(
        [(s, True) for s in ("дағы", "дегі", "тағы", "тегі", "ндағы", "ндегі", "да", "де", "та", "те",
                             "нда", "нде", "дан", "ден", "тан", "тен", "нан", "нен", "ға", "ге", "қа",
                             "ке", "на", "не", "ына", "іне", "ында", "інде", "ынан", "інен")]
        + [(s, False) for s in ("ның", "нің", "дың", "дің", "тың", "тің", "ны", "ні", "ды", "ді", "ты",
                                "ті", "мен", "бен", "пен", "лық", "лік", "дық", "дік", "тық", "тік",
                                "сы", "сі", "ын", "ін", "дар", "дер", "тар", "тер", "лар", "лер")],
        key=lambda t: -len(t[0]),
    )
)  # fmt: skip
_KK_LATIN_SUFFIXES: tuple[tuple[str, bool], ...] = tuple(
    sorted(
        [(s, True) for s in ("dağy", "degı", "dagy", "degi", "da", "de", "ta", "te", "dan", "den",
                             "tan", "ten", "nan", "nen", "ğa", "ge", "qa", "ke", "ga", "gha")]
        + [(s, False) for s in ("nyñ", "nıñ", "dyñ", "dıñ", "tyñ", "tıñ", "nyng", "ning", "dyng",
                                "ding", "tyng", "ting")],
        key=lambda t: -len(t[0]),
    )
)  # fmt: skip
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_KK_LATIN_LETTERS = re.compile(r"[äöüğñşūıÄÖÜĞÑŞŪ]")


# ---------------------------------------------------------------------------
# Tokens

_WORD = re.compile(r"[^\W_]+(?:['’ʼ`][^\W_]+)*")
# The same words, with an English possessive left out of the word (group 1): Toqaev's → Toqaev.
_WORD_IN_TEXT = re.compile(r"([^\W_]+(?:['’ʼ`](?![sS]\b)[^\W_]+)*)(?:['’][sS]\b)?")
_SPACE, _HYPHEN, _OTHER = 0, 1, 2


@dataclass(slots=True)
class _Tokens:
    """The words of a text with their offsets, keys and shape, in parallel lists."""

    text: str
    starts: list[int]
    ends: list[int]
    words: list[str]
    keys: list[str]
    join: list[int]  # how a word is joined to the one before: space, hyphen, other
    sentence_start: list[bool]
    title_line: list[bool]  # the word's line is a headline in Title Case or capitals
    cased: bool  # the text uses capitals to mark names at all
    lower_keys: frozenset[str]  # keys of the words written in lower case inside sentences
    kk_latin: bool
    sentence_of: list[int]  # the sentence number of each word
    sentence_lo: list[int]  # each sentence's first offset …
    sentence_hi: list[int]  # … and the end of its last word
    cap: list[bool]  # the word begins with a capital (or a digit)
    sentence_facts: dict[int, tuple[list[int], bool]] = field(default_factory=dict)


# Words → name keys, shared by all calls (a plain dict: each get and set is atomic under threads).
_KEY_CACHE: dict[str, str] = {}


def _key(word: str) -> str:
    k = _KEY_CACHE.get(word)
    if k is None:
        k = name_key(word)
        if len(_KEY_CACHE) > 500_000:
            _KEY_CACHE.clear()
        _KEY_CACHE[word] = k
    return k


def _join_kind(gap: str) -> int:
    if gap == " ":
        return _SPACE
    if gap == "-":
        return _HYPHEN
    if not gap.strip() and gap.count("\n") < 2:
        return _SPACE
    return _OTHER


def _boundary(gap: str) -> bool:
    g = gap.strip(" \t\"'«»“”„‘’()[]")
    return (bool(g) and (g[-1] in ".!?…:;—–" or g.endswith("--"))) or "\n" in gap


def _tokenize(text: str) -> _Tokens:
    spans = [m.span(1) for m in _WORD_IN_TEXT.finditer(text)]
    starts = [a for a, _ in spans]
    ends = [b for _, b in spans]
    words = [text[a:b] for a, b in spans]
    gaps = [text[e:s] for e, s in zip(ends, starts[1:])]  # noqa: B905 - one shorter by design
    join = [_OTHER] * bool(words) + [_SPACE if g == " " else _join_kind(g) for g in gaps]
    sent = [True] * bool(words) + [g != " " and _boundary(g) for g in gaps]
    cache = _KEY_CACHE
    keys = [cache.get(w) or _key(w) for w in words]
    cap = [w[0].isupper() or w[0].isdigit() for w in words]
    # Lines in Title Case or capitals: capitals there say nothing about names.
    title = [False] * len(words)
    long_word = [len(w) >= 4 and w[0].isalpha() for w in words]
    long_cap = [c and lw for c, lw in zip(cap, long_word, strict=True)]
    line_start = 0
    for line in text.split("\n"):
        line_end = line_start + len(line)
        if len(line) < 400 and line.strip():
            a = bisect.bisect_left(starts, line_start)
            b = bisect.bisect_left(starts, line_end)
            n_long = sum(long_word[a:b])
            if n_long >= 3 and sum(long_cap[a:b]) >= 0.75 * n_long:
                title[a:b] = [True] * (b - a)
        line_start = line_end + 1
    cased = any(cap) and not all(cap)
    lower = frozenset(k for k, c, t in zip(keys, cap, title, strict=True) if not c and not t)
    kk_latin = _KK_LATIN_LETTERS.search(text) is not None
    sentence_of = [n - 1 for n in itertools.accumulate(sent)]
    firsts = [n for n, first in enumerate(sent) if first]
    lo = [starts[n] for n in firsts]
    hi = [ends[n - 1] for n in firsts[1:]] + ends[-1:]
    return _Tokens(
        text, starts, ends, words, keys, join, sent, title, cased, lower, kk_latin, sentence_of, lo, hi, cap
    )


# ---------------------------------------------------------------------------
# The lookup table built from the gazetteer

_Match = Literal["name", "former", "variant", "unrelated", "region", "region alias"]
_REGIONS = ("region", "region alias")


@dataclass(frozen=True, slots=True)
class _Cand:
    place: Place
    name: str  # the gazetteer's spelling that matched
    match: _Match
    former: FormerName | None = None
    # What the place is worth on its own (see WEIGHTS), computed once with the table.
    prior: float = field(init=False, compare=False)
    label: str = field(init=False, compare=False)
    tiebreak: float = field(init=False, compare=False)  # ties go to the bigger place

    def __post_init__(self) -> None:
        prior, label = _place_prior(self.place, self.match)
        object.__setattr__(self, "prior", prior)
        object.__setattr__(self, "label", label)
        object.__setattr__(self, "tiebreak", math.log10((self.place.population or 0) + 10) / 100)


@dataclass(slots=True)
class _Table:
    gaz: Gazetteer
    entries: dict[str, tuple[_Cand, ...]]
    prefixes: frozenset[str]  # every prefix of every key: when to stop adding words
    country: frozenset[str]
    acronyms: dict[str, Place]  # ЗКО, ВКО, ШҚО…: initials of a region's multi-part name
    max_words: int


def _is_code(name: str) -> bool:
    return name.isascii() and name.isupper() and len(name) <= 4


def _ends_in_feature(name: str) -> bool:
    words = name.lower().replace("-", " ").split()
    return len(words) > 1 and (words[-1] in _FEATURE_AFTER or words[0] in _FEATURE_BEFORE)


def _acronym(name: str) -> str | None:
    parts = [p for p in re.split(r"[\s-]+", name) if p]
    if len(parts) < 3 or not all(p[0].isalpha() for p in parts):
        return None
    return "".join(p[0].upper() for p in parts)


def _build_table(gaz: Gazetteer) -> _Table:
    from rapidfuzz import fuzz

    out: dict[str, list[_Cand]] = {}
    for key, entries in gaz.index.items():
        for e in entries:
            p = e.place
            if e.reason == "former name":
                former = next((f for f in p.former_names if f.name == e.name), None)
                out.setdefault(key, []).append(_Cand(p, e.name, "former", former))
                continue
            if e.reason == "name":
                out.setdefault(key, []).append(_Cand(p, e.name, "name"))
                continue
            if _is_code(e.name) or _ends_in_feature(e.name):
                continue
            mains = [name_key(n) for n in (p.name, p.name_kk, p.name_ru) if n]
            mains += [name_key(f.name) for f in p.former_names]
            related = max((fuzz.ratio(key, m) for m in mains if m), default=0.0) >= 70.0
            out.setdefault(key, []).append(_Cand(p, e.name, "variant" if related else "unrelated"))
    acronyms: dict[str, Place] = {}
    for key, entries in gaz.region_index.items():
        for e in entries:
            p = e.place
            if e.reason != "region name":
                continue
            if strip_region_word(p.name) == p.name:
                continue  # Astana, Almaty, Shymkent, Baikonur as units: the text means the city
            main_names = {n for n in (p.name, p.name_kk, p.name_ru, *p.alternate_names[:1]) if n}
            main = e.name in main_names or e.name in {strip_region_word(n) for n in main_names}
            out.setdefault(key, []).append(_Cand(p, e.name, "region" if main else "region alias"))
    for p in gaz.regions.values():
        if strip_region_word(p.name) == p.name:
            continue
        for n in (p.name_ru, p.name_kk, *p.alternate_names):
            if n and _CYRILLIC.search(n):
                a = _acronym(n)
                if a and p.is_current:
                    acronyms[name_key(a)] = p
    country = frozenset(name_key(n) for n in COUNTRY_NAMES)
    keys = set(out) | country | set(acronyms)
    prefixes = frozenset(k[:i] for k in keys for i in range(1, len(k) + 1))
    max_words = 1 + max(len(_WORD.findall(c.name.replace("-", " "))) for cs in out.values() for c in cs)
    return _Table(gaz, {k: tuple(v) for k, v in out.items()}, prefixes, country, acronyms, min(max_words, 6))


_TABLE: Derived[_Table] = Derived(_build_table)


def _table() -> _Table:
    return _TABLE.get()


def reset() -> None:
    """Forget the lookup tables built from the gazetteer (they are rebuilt on next use)."""
    _TABLE.reset()
    _KEY_CACHE.clear()
    _variants.cache_clear()
    _classify.cache_clear()
    _is_given.cache_clear()
    _surname_keys.cache_clear()
    _neighbours.cache_clear()
    _rewrite_word.cache_clear()
    _FORMS.clear()


# ---------------------------------------------------------------------------
# Inflected words


@lru_cache(maxsize=100_000)
def _variants(word: str, kk_latin: bool, min_stem: int = 3) -> tuple[tuple[str, str, bool], ...]:
    """Keys of a word without its case ending: (key, the ending, whether it is locative).

    A Kazakh suffix is returned as written (``да``); a Russian ending with a ``~`` in
    front (``~е``): the rewrite keeps the first and drops the second.
    """
    low = word.lower()
    out: list[tuple[str, str, bool]] = []
    seen: set[str] = set()

    def add(base: str, ending: str, loc: bool) -> None:
        k = name_key(base)
        if len(k) >= min_stem and k not in seen:
            seen.add(k)
            out.append((k, ending, loc))

    if _CYRILLIC.search(low):
        for suffix, loc in _KK_SUFFIXES:
            if low.endswith(suffix) and len(low) - len(suffix) >= min_stem:
                add(low[: -len(suffix)], word[-len(suffix) :], loc)
        for ending, nominatives in _RU_ENDINGS:
            if low.endswith(ending) and len(low) - len(ending) >= min_stem:
                stem = low[: -len(ending)]
                for nom in nominatives:
                    add(stem + nom, "~" + word[-len(ending) :], False)
    elif kk_latin:
        for suffix, loc in _KK_LATIN_SUFFIXES:
            if low.endswith(suffix) and len(low) - len(suffix) >= min_stem:
                add(low[: -len(suffix)], word[-len(suffix) :], loc)
    return tuple(out)


# ---------------------------------------------------------------------------
# Candidates


@dataclass(slots=True)
class _Span:
    i: int  # first word
    j: int  # last word (inclusive) of the name
    start: int
    end: int
    cands: tuple[_Cand, ...]
    ending: str = ""  # the case ending inside the last word ("" if none)
    locative: bool = False
    region_word: Literal["", "after", "before", "inside"] = ""
    country: bool = False
    acronym: bool = False
    # filled by the evaluation
    total: float = -99.0
    best: _Cand | None = None
    evidence: tuple[str, ...] = ()
    hard_no: str = ""
    settlement_ctx: bool = False
    region_ctx: bool = False
    options: list[_Option] = field(default_factory=list)
    lo: int = 0  # the sentence's offsets
    hi: int = 0
    before: str | None = None  # the word before, in the sentence (lower case)
    after: int | None = None  # the index of the word after, in the sentence


def _region_word_key(key: str) -> bool:
    return key in _REGION_WORDS or key.startswith(_REGION_WORD_PREFIXES)


def _candidates(tk: _Tokens, tab: _Table, person_words: set[int]) -> list[_Span]:
    words, keys, join, n = tk.words, tk.keys, tk.join, len(tk.words)
    entries, prefixes = tab.entries, tab.prefixes
    out: list[_Span] = []
    cap = tk.cap
    starts = [i for i in range(n) if cap[i]] if tk.cased else list(range(n))
    after = -1
    for i in starts:
        if i <= after or (i in person_words and not tk.title_line[i]):
            continue
        w = words[i]
        best: _Span | None = None
        prefix = ""
        for j in range(i, min(n, i + tab.max_words)):
            if j > i and join[j] == _OTHER:
                break
            key = keys[j] if j == i else name_key(prefix + keys[j])
            if not key:
                break
            if j > i and tk.cased and not (cap[j] or join[j] == _HYPHEN or _region_word_key(keys[j])):
                break
            if key in entries or key in tab.country:
                best = _Span(i, j, tk.starts[i], tk.ends[j], entries.get(key, ()), country=key in tab.country)
            elif j == i and key in tab.acronyms and w.isupper() and len(w) >= 3:
                best = _Span(i, j, tk.starts[i], tk.ends[j], (_Cand(tab.acronyms[key], w, "region"),),
                             acronym=True)  # fmt: skip
            elif cap[j] or not tk.cased:
                for vkey, ending, loc in _variants(words[j], tk.kk_latin, 3 if j == i else 1):
                    full = vkey if j == i else name_key(prefix + vkey)
                    if full in entries or full in tab.country:
                        best = _Span(i, j, tk.starts[i], tk.ends[j], entries.get(full, ()), ending, loc,
                                     country=full in tab.country)  # fmt: skip
                        break
            prefix += keys[j]
            if name_key(prefix) not in prefixes:
                break
        if best is None:
            continue
        if any(_region_word_key(keys[t]) for t in range(best.i + 1, best.j + 1)) and any(
            c.match in _REGIONS for c in best.cands
        ):
            best.region_word = "inside"
        out.append(best)
        after = best.j
    return out


# ---------------------------------------------------------------------------
# Evidence


def _prev_gap(tk: _Tokens, i: int) -> str:
    return tk.text[tk.ends[i - 1] if i > 0 else 0 : tk.starts[i]]


def _next_gap(tk: _Tokens, j: int) -> str:
    return tk.text[tk.ends[j] : tk.starts[j + 1] if j + 1 < len(tk.words) else len(tk.text)]


def _word_before(tk: _Tokens, i: int) -> str | None:
    """The word just before ``i`` in the same sentence (lower case), or None."""
    if i == 0 or tk.sentence_start[i]:
        return None
    gap = _prev_gap(tk, i)
    if gap.strip(" -\u00a0") and gap.strip() not in (".",):
        return None
    w = tk.words[i - 1].lower()
    return w + "." if gap.startswith(".") else w


def _word_after(tk: _Tokens, j: int) -> int | None:
    if j + 1 >= len(tk.words) or tk.sentence_start[j + 1]:
        return None
    gap = _next_gap(tk, j)
    if gap.strip(" \u00a0-"):
        return None
    return j + 1


def _place_prior(p: Place, match: str) -> tuple[float, str]:
    if match in _REGIONS:
        return (WEIGHTS["region"], "region") if p.is_current else (WEIGHTS["old region"], "old region")
    pop = p.population or 0
    if p.kind == "city":
        return WEIGHTS["city"], "city"
    if p.kind == "town":
        return WEIGHTS["town"], "town"
    if pop < 1000:
        return WEIGHTS["hamlet"], "hamlet"
    return WEIGHTS["village"], "village"


def _match_weight(c: _Cand, span_key_len: int, time_ctx: bool) -> list[tuple[float, str]]:
    out: list[tuple[float, str]] = []
    if c.match == "former":
        out.append((WEIGHTS["time of former name"], "time of former name") if time_ctx
                   else (WEIGHTS["former name"], "former name"))  # fmt: skip
    elif c.match == "variant":
        out.append((WEIGHTS["variant"], "variant"))
    elif c.match == "unrelated":
        out.append((WEIGHTS["unrelated alternate"], "unrelated alternate"))
    if span_key_len <= 3:
        out.append((WEIGHTS["short name"], "short name"))
    return out


def _former_in_time(c: _Cand, years: Sequence[int]) -> bool:
    f = c.former
    if f is None or not years:
        return False
    return any(f.in_use(y) for y in years)


def _sentence_bounds(tk: _Tokens, i: int) -> tuple[int, int]:
    """Offsets of the first and the end of the last word of the sentence of word ``i``."""
    n = tk.sentence_of[i]
    return tk.sentence_lo[n], tk.sentence_hi[n]


def _span_context(tk: _Tokens, sp: _Span, persons: set[int]) -> None:
    """Context of a span that does not depend on the other mentions: sets the span's flags."""
    text, words, keys = tk.text, tk.words, tk.keys
    i, j = sp.i, sp.j
    last = words[i - 1].lower() if i > 0 else ""
    # Settlement and region words, before and after.
    if _settlement_before(last, text, sp.start) or (
        text[sp.end : sp.end + 1] == "," and _APPOSITION.match(text[sp.end : sp.end + 60])
    ):
        sp.settlement_ctx = True
    if last in ("of", "the") and _REGION_OF.search(text[max(0, sp.start - 40) : sp.start]):
        sp.region_ctx = True
    a = sp.after = _word_after(tk, j)
    if a is not None:
        ak = keys[a]
        if ak in _SETTLEMENT_AFTER_WORDS or ak.startswith(_SETTLEMENT_AFTER_PREFIXES):
            sp.settlement_ctx = True
        elif _region_word_key(ak):
            sp.region_ctx = True
            if any(c.match in _REGIONS for c in sp.cands) and sp.region_word != "inside":
                sp.region_word = "after"
        elif words[a].lower() in _FEATURE_AFTER or ak.startswith(_FEATURE_AFTER_PREFIXES):
            sp.hard_no = "feature"
        elif ak.startswith(_MEMORIAL_AFTER):
            sp.hard_no = "memorial"
    b = sp.before = _word_before(tk, i)
    if b is not None:
        bk = keys[i - 1]
        if bk.startswith("oblast") and any(c.match in _REGIONS for c in sp.cands):
            sp.region_ctx = True
            sp.region_word = "before"
        elif b.rstrip(".") in _FEATURE_BEFORE:
            sp.hard_no = "feature"
    if _memorial_before(last, text, sp.start):
        sp.hard_no = "memorial"
    # A hyphenated compound whose other part is a capitalised word that is not a place.
    if tk.join[i] == _HYPHEN and i > 0 and tk.cap[i - 1] and tk.cased:
        sp.hard_no = sp.hard_no or "compound"
    if j + 1 < len(words) and tk.join[j + 1] == _HYPHEN and tk.cap[j + 1] and tk.cased:
        sp.hard_no = sp.hard_no or "compound"
    # A person's name around it.
    if any(t in persons for t in range(i, j + 1)) and not sp.settlement_ctx:
        sp.hard_no = "person"


def _settlement_before(last: str, text: str, start: int) -> bool:
    """``the city of``, ``г.``, ``в посёлке`` … just before ``start`` (``last`` is the word before it)."""
    if last in _SETTLEMENT_TRIGGERS or last.startswith(_SETTLEMENT_TRIGGER_PREFIXES):
        return _SETTLEMENT_BEFORE.search(text[max(0, start - 40) : start]) is not None
    return False


def _memorial_before(last: str, text: str, start: int) -> bool:
    """``the monument to``, ``named after``, ``памятник``, ``стихи`` … just before ``start``."""
    if last in _MEMORIAL_TRIGGERS or last.startswith(_MEMORIAL_TRIGGER_PREFIXES):
        return _MEMORIAL_BEFORE.search(text[max(0, start - 40) : start]) is not None
    return False


@dataclass(slots=True)
class _Option:
    """One place of a span with the evidence that does not depend on the other mentions."""

    cand: _Cand
    points: float
    evidence: tuple[str, ...]
    needs_other_name: bool = False  # an unrelated alternate after "called", "formerly": only with it
    settlement: bool = True


def _prepare(tk: _Tokens, sp: _Span, tab: _Table, plural_settlement: bool) -> None:
    """The evidence of each place of a span that the other mentions cannot change (computed once)."""
    text, words, keys = tk.text, tk.words, tk.keys
    i, j = sp.i, sp.j
    sp.options = []
    if sp.country:
        sp.total, sp.best, sp.evidence = 10.0, None, ("country",)
        return
    if sp.hard_no and sp.hard_no != "compound":
        return  # ruled out whatever the points (a compound can still be rescued by a list)
    common: list[tuple[float, str]] = []
    w0 = words[i]
    if not tk.cased or tk.title_line[i]:
        pass
    elif len(w0) >= 4 and w0.isupper():
        common.append((WEIGHTS["all capitals"], "all capitals"))
    elif not tk.sentence_start[i]:
        common.append((WEIGHTS["capital mid-sentence"], "capital mid-sentence"))
    b = sp.before
    if b is not None:
        if b in _STRONG_PREPOSITIONS:
            common.append((WEIGHTS["preposition"], f"preposition {b!r}"))
        elif b in _WEAK_PREPOSITIONS:
            common.append((WEIGHTS["weak preposition"], f"preposition {b!r}"))
    if sp.locative:
        common.append((WEIGHTS["locative ending"], "locative ending"))
    key = keys[i] if i == j and not sp.ending else name_key("".join(keys[i : j + 1]))
    if tk.cased and key in tk.lower_keys:
        common.append((WEIGHTS["lower case elsewhere"], "lower case elsewhere"))
    if tk.cased and not tk.title_line[i] and _inside_proper_name(tk, sp):
        common.append((WEIGHTS["inside a proper name"], "inside a proper name"))
    gap_b = _prev_gap(tk, i)
    gap_a = _next_gap(tk, j)
    q_open, q_close = gap_b[-1:], gap_a[:1]
    if q_open and q_close and q_open in _QUOTES_OPEN and q_close in _QUOTES_CLOSE and q_open != "'":
        common.append((WEIGHTS["in quotes"], "in quotes"))
    given_name = j == i and _is_given(key)
    sp.lo, sp.hi = _sentence_bounds(tk, i)
    years, time_words = (
        _sentence_facts(tk, sp.lo, sp.hi) if any(c.match == "former" for c in sp.cands) else ([], False)
    )
    abroad = key in tab.gaz.foreign
    alias_cue = any(c.match == "unrelated" for c in sp.cands) and (
        _ALIAS_CUE.search(text[max(0, sp.start - 30) : sp.start]) is not None
    )
    settlement_ctx = sp.settlement_ctx or plural_settlement
    has_region = any(c.match in _REGIONS for c in sp.cands)
    for c in sp.cands:
        needs_other = False
        if c.match == "unrelated" and not settlement_ctx:
            if not alias_cue:
                continue
            needs_other = True
        if c.match == "region alias" and not (sp.region_ctx or sp.region_word):
            continue  # an older or other name of a region needs the region word (Tselinograd Region)
        parts = list(common)
        parts.append((c.prior, c.label))
        time_ctx = c.match == "former" and (_former_in_time(c, years) or time_words)
        parts += _match_weight(c, len(key), time_ctx)
        is_region = c.match in _REGIONS
        if is_region and (sp.region_ctx or sp.region_word or sp.acronym):
            parts.append((WEIGHTS["region word"], "region word"))
        elif not is_region and settlement_ctx:
            parts.append((WEIGHTS["settlement word"], "settlement word"))
        elif not is_region and sp.region_ctx and has_region:
            continue  # "X Region", "region of X": the region, not the settlement
        elif is_region and settlement_ctx:
            continue
        if abroad and c.place.kind != "city" and not is_region:
            parts.append((WEIGHTS["name abroad"], "name abroad"))
        if given_name and c.place.kind != "city":
            parts.append((WEIGHTS["given name"], "given name"))
        points = sum(w for w, _ in parts) + c.tiebreak
        sp.options.append(_Option(c, points, tuple(e for _, e in parts), needs_other, not is_region))


def _sentence_facts(tk: _Tokens, lo: int, hi: int) -> tuple[list[int], bool]:
    """Years and words that date a former name in the sentence ``text[lo:hi]`` (memoised per text)."""
    facts = tk.sentence_facts.get(lo)
    if facts is None:
        sentence = tk.text[lo:hi]
        facts = ([int(y) for y in _YEAR.findall(sentence)], _TIME_WORDS.search(sentence) is not None)
        tk.sentence_facts[lo] = facts
    return facts


def _evaluate(sp: _Span, ctx: _Context, list_ok: bool) -> None:
    """Add the evidence from the other mentions to each option of a span; keep the best one."""
    if sp.country:
        return
    if sp.hard_no and not (sp.hard_no == "compound" and list_ok):
        sp.total, sp.best, sp.evidence = -99.0, None, ()
        return
    lo, hi = sp.lo, sp.hi
    settlements = {o.cand.place.id for o in sp.options if o.settlement}
    # Distances matter for a choice among namesakes, or for a place not yet accepted.
    use_distance = bool(ctx.places) and (len(settlements) > 1 or not _accepted(sp.total))
    best_total, best_cand = -99.0, None
    best_ev: tuple[str, ...] = ()
    for o in sp.options:
        c = o.cand
        total = o.points
        ev = list(o.evidence)
        if list_ok:
            total += WEIGHTS["list of places"]
            ev.append("list of places")
        renamed = c.match in ("former", "variant", "unrelated") and ctx.named(c.place.id, lo, hi, sp.start)
        if o.needs_other_name and not renamed:
            continue
        if renamed:
            total += WEIGHTS["other name in sentence"]
            ev.append("other name in sentence")
        if o.settlement:
            admin1 = c.place.admin1
            if admin1 is not None and admin1 in ctx.regions:
                where = ctx.region_near(admin1, sp.start, lo, hi)
                if where is not None:
                    total += WEIGHTS[f"region in {where}"]
                    ev.append(f"region {admin1} in {where}")
            if use_distance:
                other = ctx.neighbour_named(c.place, sp.start)
                if other is not None:
                    total += WEIGHTS["near a place of the text"]
                    ev.append(f"near {other}")
        if total > best_total:
            best_total, best_cand, best_ev = total, c, tuple(ev)
    sp.total, sp.best, sp.evidence = best_total, best_cand, best_ev


#: How far (in characters) the other places and the regions of a text count as its context.
CONTEXT_WINDOW = 3000


@dataclass(slots=True)
class _Context:
    """The places and regions accepted so far, by position, for the evidence that links mentions."""

    regions: dict[str, list[int]] = field(default_factory=dict)  # ISO code → positions (ascending)
    places: dict[str, list[int]] = field(default_factory=dict)  # settlement id → positions (ascending)

    def region_near(self, code: str, pos: int, lo: int, hi: int) -> str | None:
        """Whether the region is named in the sentence ``[lo, hi)``, in the window around ``pos``, or not."""
        at = self.regions.get(code)
        if not at:
            return None
        n = bisect.bisect_left(at, lo)
        if n < len(at) and at[n] < hi:
            return "sentence"
        n = bisect.bisect_left(at, pos - CONTEXT_WINDOW)
        return "text" if n < len(at) and at[n] <= pos + CONTEXT_WINDOW else None

    def named(self, place_id: str, lo: int, hi: int, besides: int) -> bool:
        """Whether another mention in ``[lo, hi)`` (not the one at ``besides``) names the place."""
        at = self.places.get(place_id)
        if not at:
            return False
        n = bisect.bisect_left(at, lo)
        while n < len(at) and at[n] < hi:
            if at[n] != besides:
                return True
            n += 1
        return False

    def neighbour_named(self, place: Place, pos: int) -> str | None:
        """A place within 50 km of ``place`` that the text names within the window around ``pos``."""
        for other in _neighbours(place.id):
            if self.named(other, pos - CONTEXT_WINDOW, pos + CONTEXT_WINDOW + 1, pos):
                return other
        return None


@lru_cache(maxsize=4096)
def _neighbours(place_id: str) -> tuple[str, ...]:
    """The settlements within 50 km of a settlement (great-circle), nearest first."""
    gaz = gazetteer()
    here = gaz.places.get(place_id)
    if here is None:
        return ()
    near = gaz.nearby(here.lat, here.lon, max_km=50.0, kinds=_NEIGHBOUR_KINDS)
    return tuple(p.id for km, p in near if km < 50.0 and p.id != place_id)


_NEIGHBOUR_KINDS = frozenset(k for k in KINDS if k != "region")


def _inside_proper_name(tk: _Tokens, sp: _Span) -> bool:
    """The name sits inside a longer run of capitalised words that is not a place's name."""
    words, keys = tk.words, tk.keys
    a = sp.after
    if a is not None and tk.cap[a]:
        w = words[a]
        k = keys[a]
        if (
            w.lower() not in _FUNCTION_WORDS
            and not _region_word_key(k)
            and k not in _SETTLEMENT_AFTER_WORDS
            and not k.startswith(_SETTLEMENT_AFTER_PREFIXES)
        ):
            return True
    i = sp.i
    if i > 0 and not tk.sentence_start[i] and tk.join[i] == _SPACE and tk.cap[i - 1]:
        w = words[i - 1].lower()
        if w not in _FUNCTION_WORDS and w not in _TITLES:
            return not keys[i - 1].startswith("oblast")
    return False


def _lists(tk: _Tokens, spans: list[_Span]) -> list[list[int]]:
    """Groups of spans written as a list: ``A, B and C``, ``A и B``, ``A-B``."""
    groups: list[list[int]] = []
    for n, sp in enumerate(spans):
        if n and groups:
            prev = spans[groups[-1][-1]]
            gap = tk.text[prev.end : sp.start]
            if len(gap) < 12 and _LIST_JOINERS.match(gap):
                groups[-1].append(n)
                continue
        groups.append([n])
    return groups


@lru_cache(maxsize=50_000)
def _is_given(key: str) -> bool:
    """A key of a given name of the lexicon (``data/names/given_names.tsv``, via ``kztranslit.persons``)."""
    from .persons import given_name_info

    return bool(key) and bool(given_name_info(key))


def _place_spans(text: str, tk: _Tokens, person_words: set[int]) -> list[_Span]:
    tab = _table()
    spans = _candidates(tk, tab, person_words)
    if not spans:
        return []
    for sp in spans:
        _span_context(tk, sp, person_words)
    taken = -1  # a region word between two names belongs to the first: "X область Y"
    for sp in spans:
        if sp.region_word == "before" and sp.i - 1 <= taken:
            sp.region_word = ""
        taken = sp.after if sp.region_word == "after" and sp.after is not None else sp.j
    groups = _lists(tk, spans)
    group_of = {n: g for g in groups for n in g}
    # Context words written once for a whole list: "the cities of A, B and C", "A and B regions".
    plural: set[int] = set()
    for g in groups:
        if len(g) < 2:
            continue
        first, last = spans[g[0]], spans[g[-1]]
        head = text[max(0, first.start - 40) : first.start]
        if _SETTLEMENT_BEFORE.search(head) and _PLURAL_SETTLEMENT.search(head):
            plural.update(g)
        a = _word_after(tk, last.j)
        if a is not None and (tk.words[a].lower() in _REGION_PLURALS or tk.keys[a].startswith("oblistar")):
            for n in g:
                spans[n].region_ctx = True
        if a is not None and tk.words[a].lower() in _FEATURE_AFTER:
            for n in g:
                spans[n].hard_no = "feature"
        b = _word_before(tk, first.i)
        if b is not None and b.rstrip(".") in _FEATURE_BEFORE:
            for n in g:
                spans[n].hard_no = "feature"
    for n, sp in enumerate(spans):
        _prepare(tk, sp, tab, n in plural)
    accepted: list[bool] = [False] * len(spans)
    for round_no in range(3):
        ctx = _Context()
        for n, sp in enumerate(spans):
            if accepted[n] and sp.best is not None:
                if sp.best.match in _REGIONS and sp.best.place.admin1:
                    ctx.regions.setdefault(sp.best.place.admin1, []).append(sp.start)
                else:
                    ctx.places.setdefault(sp.best.place.id, []).append(sp.start)
        new: list[bool] = []
        for n, sp in enumerate(spans):
            if round_no and _decided(sp, accepted[n]):
                new.append(accepted[n])
                continue
            g = group_of[n]
            list_ok = len(g) > 1 and any(
                accepted[m] and not spans[m].country and spans[m].total >= LIST_PARTNER for m in g if m != n
            )
            _evaluate(sp, ctx, list_ok)
            new.append(_accepted(sp.total))
        if new == accepted:
            break
        accepted = new
    return spans


def _decided(sp: _Span, accepted: bool) -> bool:
    """Whether evidence from other mentions can no longer change a span.

    True for the country, for a span with no options or one a rule rules out (but a
    compound, which a list can rescue), and for an accepted settlement with no
    namesake (that evidence only adds points to settlements).
    """
    if sp.country or not sp.options or (sp.hard_no and sp.hard_no != "compound"):
        return True
    if not accepted or sp.best is None or sp.best.match in _REGIONS:
        return False
    return len({o.cand.place.id for o in sp.options if o.settlement}) <= 1


def _bounds(tk: _Tokens, sp: _Span) -> tuple[int, int]:
    """A mention's offsets: the name's, with the region word next to it when there is one."""
    if sp.region_word == "after" and sp.after is not None:
        return sp.start, tk.ends[sp.after]
    if sp.region_word == "before":
        return tk.starts[sp.i - 1], sp.end
    return sp.start, sp.end


def _mention(tk: _Tokens, sp: _Span) -> Mention:
    start, end = _bounds(tk, sp)
    surface = tk.text[start:end]
    if sp.country or sp.best is None:
        return Mention(
            start, end, surface, None, "country", _score(sp.total), "country", surface, sp.evidence
        )
    c = sp.best
    kind: MentionKind = "region" if c.match in _REGIONS else "settlement"
    if c.match == "former":
        reason = "former name"
    elif c.match in _REGIONS:
        reason = "region"
    elif c.match in ("variant", "unrelated"):
        reason = "alternate name"
    elif c.name == tk.text[sp.start : sp.end]:
        reason = "exact"
    else:
        reason = "transliteration"
    return Mention(start, end, surface, c.place, kind, _score(sp.total), reason, c.name, sp.evidence)


def find_places(text: str, *, score_cutoff: float = 50.0, countries: bool = True) -> list[Mention]:
    """Places of Kazakhstan named in a text, in order, each resolved to its :class:`Place`.

    ``score_cutoff`` (0–100) is the least score returned: at the default 50 a
    mention needs the evidence described in the module documentation; lower it to
    see weaker candidates too. ``countries=False`` leaves out mentions of the
    country itself (``kind == "country"``). Never raises for any string.

    >>> [(m.surface, m.kind, m.place and m.place.id) for m in find_places("Aktau in Mangystau Region")]
    [('Aktau', 'settlement', 'geonames:610612'), ('Mangystau Region', 'region', 'KZ-47')]
    >>> [m.surface for m in find_places("The oral arguments on the Aral Sea")]
    []
    """
    check_text(text)
    if not text:
        return []
    tk = _tokenize(text)
    people = _people_spans(tk)
    person_words = {t for ps in people for t in range(ps.i, ps.j + 1)}
    spans = _place_spans(text, tk, person_words)
    out = []
    for sp in spans:
        if sp.total <= -99.0:
            continue
        m = _mention(tk, sp)
        if m.score < score_cutoff or (m.kind == "country" and not countries):
            continue
        out.append(m)
    return out


# ---------------------------------------------------------------------------
# People


@dataclass(slots=True)
class _Unit:
    """One word of a name: hyphenated parts together (Kassym-Jomart), initials together (K.-J.)."""

    i: int
    j: int
    start: int
    end: int
    kind: str  # "I" initials, "G" given name, "P" patronymic, "S" surname-like, "W" other, "X" no name
    base: str  # the word without a case ending (Cyrillic), for the key


@dataclass(slots=True)
class _PersonSpan:
    i: int
    j: int
    start: int
    end: int
    units: list[_Unit]
    linked_to: _PersonSpan | None = None


_PATRONYMIC_ENDINGS = ("ovič", "evič", "ovna", "evna", "ična")
_EXTRA_SURNAME_ENDINGS = ("enko",)
_STRICT_SURNAME_ENDINGS = ("ov", "ev", "ova", "eva", "uli", "kizi", "enko")


def _is_initial(tk: _Tokens, t: int) -> bool:
    w = tk.words[t]
    return (
        len(w) <= 2
        and w[0].isupper()
        and (len(w) == 1 or w[1].islower())
        and tk.text[tk.ends[t] : tk.ends[t] + 1] == "."
    )


def _given_word(word: str) -> bool:
    parts = [p for p in word.split("-") if p]
    return bool(parts) and all(_is_given(_key(p)) for p in parts)


def _surname_like(key: str) -> bool:
    from .persons import surname_stem

    return len(key) > 4 and (surname_stem(key)[2] or key.endswith(_EXTRA_SURNAME_ENDINGS))


@lru_cache(maxsize=100_000)
def _classify(word: str) -> tuple[str, str]:
    """The kind of a name word, and its base form (a Cyrillic case ending taken off)."""
    low = word.lower()
    key = _key(word.replace("-", ""))
    if low in _FUNCTION_WORDS or low in _TITLES or _region_word_key(key):
        return "X", word
    if len(key) > 5 and key.endswith(_PATRONYMIC_ENDINGS):
        return "P", word
    if _given_word(word):
        return "G", word
    strong = key.endswith(_STRICT_SURNAME_ENDINGS) and len(key) > 4
    if _CYRILLIC.search(word) and not strong:
        # An inflected name: Жамбыла, Құнанбайұлының (whose -ның looks like a surname's -ин).
        for vkey, ending, _loc in _variants(word, False):
            base = word[: -len(ending.lstrip("~"))] if ending else word
            if _is_given(vkey):
                return "G", base
            if vkey.endswith(_STRICT_SURNAME_ENDINGS) and len(vkey) > 4:
                return "S", base
    if _surname_like(key):
        return "S", word
    return "W", word


def _units(tk: _Tokens) -> list[_Unit]:
    words, n = tk.words, len(tk.words)
    out: list[_Unit] = []
    after = -1
    for t in [t for t, c in enumerate(tk.cap) if c]:
        if t <= after:
            continue
        w = words[t]
        if not w[0].isupper():
            continue
        if _is_initial(tk, t):
            j = t
            while j + 1 < n and _is_initial(tk, j + 1) and re.fullmatch(r"\.\s?-?\s?", _next_gap(tk, j)):
                j += 1
            out.append(_Unit(t, j, tk.starts[t], tk.ends[j] + 1, "I", tk.text[tk.starts[t] : tk.ends[j] + 1]))
            after = j
            continue
        j = t
        while j + 1 < n and tk.join[j + 1] == _HYPHEN and words[j + 1][:1].isupper():
            j += 1
        word = w if j == t else tk.text[tk.starts[t] : tk.ends[j]]
        kind, base = _classify(word)
        if kind != "W" and j + 1 < n and tk.join[j + 1] == _SPACE:
            nk = tk.keys[j + 1]
            if _region_word_key(nk) or tk.words[j + 1].lower() in _FEATURE_AFTER:
                kind = "X"  # Алматинской области, Satpayev Street: not a person's name
        out.append(_Unit(t, j, tk.starts[t], tk.ends[j], kind, base))
        after = j
    return out


def _adjacent(tk: _Tokens, a: _Unit, b: _Unit) -> bool:
    gap = tk.text[a.end : b.start]
    if a.kind == "I":
        return gap in ("", " ")
    return gap == " " and not (tk.sentence_start[b.i] and not tk.title_line[b.i])


# Name patterns over the kinds of consecutive words, longest first.
_PATTERNS: tuple[str, ...] = (
    "GGPS", "GPS", "SGP", "SGG", "GGS", "IS", "SI", "GS", "SG", "WS", "GP",
)  # fmt: skip
_PATTERN_SET = frozenset(_PATTERNS)


def _people_spans(tk: _Tokens) -> list[_PersonSpan]:
    if not tk.words:
        return []
    tab = _table()
    units = _units(tk)
    spans: list[_PersonSpan] = []
    used: set[int] = set()
    u = 0
    n_units = len(units)
    while u < n_units:
        first = units[u]
        if first.kind == "X" or (
            first.kind == "W"
            and (u + 1 == n_units or units[u + 1].kind != "S" or not _adjacent(tk, first, units[u + 1]))
        ):
            u += 1  # no pattern starts here (the only one with a plain word first is WS)
            continue
        run = [first]
        while u + len(run) < n_units and len(run) < 4 and _adjacent(tk, run[-1], units[u + len(run)]):
            run.append(units[u + len(run)])
        kinds = "".join(x.kind for x in run)
        hit = next((kinds[:k] for k in (4, 3, 2) if kinds[:k] in _PATTERN_SET), None)
        if hit is not None:
            if _plausible(tk, tab, run[: len(hit)], hit):
                chosen = run[: len(hit)]
                spans.append(_PersonSpan(chosen[0].i, chosen[-1].j, chosen[0].start, chosen[-1].end, chosen))
            used.update(range(u, u + len(hit)))  # a name pattern that is a place leaves no lone words
            u += len(hit)
            continue
        u += 1
    # Lone words: a surname or given name of a full mention, a surname after a title, a memorial.
    names = _Names.of(s for s in spans if any(x.kind in ("G", "I") for x in s.units))
    for n, x in enumerate(units):
        if n in used or x.kind not in ("S", "G", "W"):
            continue
        link = names.link(x)
        if link is None and x.kind == "W":
            continue
        last = tk.words[x.i - 1].lower() if x.i > 0 else ""
        titled = x.kind == "S" and last in _TITLES and _word_before(tk, x.i) is not None
        k = _key(x.base)
        strict = (
            x.kind == "S"
            and k.endswith(_STRICT_SURNAME_ENDINGS)
            and k not in tab.entries
            and k not in tab.gaz.foreign
            and not tk.title_line[x.i]
        )
        memorial = link is None and not (titled or strict) and _memorial_before(last, tk.text, x.start)
        if (link is not None or titled or memorial or strict) and not _lone_place_context(tk, x):
            spans.append(_PersonSpan(x.i, x.j, x.start, x.end, [x], link))
    spans.sort(key=lambda s: s.start)
    return spans


def _plausible(tk: _Tokens, tab: _Table, run: list[_Unit], pat: str) -> bool:
    """Reject name patterns that are more likely something else."""
    first, last = run[0], run[-1]
    if name_key(tk.text[first.start : last.end]) in tab.entries and _lone_place_context(
        tk, _Unit(first.i, last.j, first.start, last.end, "W", "")
    ):
        return False  # a village named after a person, where the text speaks of the place
    if pat == "WS":
        w = run[0]
        if tk.title_line[w.i] and tk.title_line[run[1].i]:
            return False
        if tk.sentence_start[w.i] and _key(w.base) in tk.lower_keys:
            return False  # "Later Tokayev": a word the text also writes in lower case
        if w.base.isupper() and len(w.base) > 1 and not run[1].base.isupper():
            return False
        k = _key(w.base)
        return not (k in tab.country or any(c.match in _REGIONS for c in tab.entries.get(k, ())))
    return True


def _lone_place_context(tk: _Tokens, x: _Unit) -> bool:
    last = tk.words[x.i - 1].lower() if x.i > 0 else ""
    if _settlement_before(last, tk.text, x.start) or (
        last in ("of", "the") and _REGION_OF.search(tk.text[max(0, x.start - 40) : x.start])
    ):
        return True
    b = _word_before(tk, x.i)
    if b is not None and b in _STRONG_PREPOSITIONS:
        return True
    a = _word_after(tk, x.j)
    if a is not None:
        k = tk.keys[a]
        if k in _SETTLEMENT_AFTER_WORDS or k.startswith(_SETTLEMENT_AFTER_PREFIXES) or _region_word_key(k):
            return True
        if tk.words[a].lower() in _FEATURE_AFTER or k.startswith(_FEATURE_AFTER_PREFIXES):
            return True
    return False


def _surname_unit(units: Sequence[_Unit]) -> _Unit | None:
    s = [x for x in units if x.kind == "S"]
    if s:
        return s[-1] if units[0].kind != "S" else s[0]
    w = [x for x in units if x.kind == "W"]
    return w[-1] if w else None


@dataclass(slots=True)
class _Names:
    """The full mentions of a text by surname and by first given name, for linking lone words."""

    by_surname: dict[str, list[_PersonSpan]] = field(default_factory=dict)
    by_given: dict[str, list[_PersonSpan]] = field(default_factory=dict)

    @classmethod
    def of(cls, full: Iterable[_PersonSpan]) -> _Names:
        out = cls()
        for ps in full:
            sur = _surname_unit(ps.units)
            if sur is not None:
                for k in _surname_keys(_key(sur.base)):
                    out.by_surname.setdefault(k, []).append(ps)
            g = [u for u in ps.units if u.kind == "G"]
            if g:
                out.by_given.setdefault(_key(g[0].base), []).append(ps)
        return out

    def link(self, x: _Unit) -> _PersonSpan | None:
        """The full mention a lone surname or given name belongs to: the nearest before it, else after."""
        if not (self.by_surname or self.by_given):
            return None
        k = _key(x.base)
        if x.kind == "G":
            found = self.by_given.get(k)
        else:
            sk = _surname_keys(k)
            found = (
                self.by_surname.get(k)
                if len(sk) == 1
                else [ps for key in sk for ps in self.by_surname.get(key, ())]
            )
        if not found:
            return None
        before = [ps for ps in found if ps.start < x.start]
        if before:
            return max(before, key=lambda ps: ps.start)
        return min(found, key=lambda ps: ps.start) if found else None


@lru_cache(maxsize=50_000)
def _surname_keys(key: str) -> tuple[str, ...]:
    """The key, and the stem with the gender if it has a surname ending (Сарсенбаев = Сәрсенбайұлы)."""
    from .persons import surname_stem

    stem, gender, had = surname_stem(key)
    return (key, f"{stem}:{gender}") if had else (key,)


def _initials_of(given: Iterable[str]) -> str:
    out = []
    for g in given:
        for part in re.split(r"[\s.-]+", g):
            k = _key(part)
            if k:
                out.append(k[0])
    return "".join(out)


def person_key(surname: str | None, given: Sequence[str] = (), gender: str | None = None) -> str:
    """The key of a person: ``"<surname stem>:<gender>:<initials of the given names>"``.

    The stem is :func:`kztranslit.persons.surname_stem` of the surname's key, so
    Тоқаев, Tokayev and Toqaev meet, and so do Сарсенбаев and Сәрсенбайұлы; a man
    and a woman of one family do not (``m``/``f``). Initials are the first letters of
    the given names' keys (Kassym-Jomart, Qasym-Zhomart, К.-Ж. → ``kj``).

    >>> person_key("Toqaev", ["Qasym-Zhomart"]) == person_key("Токаев", ["К.-Ж."])
    True
    """
    from .persons import surname_stem

    stem, g, _ = surname_stem(_key(surname)) if surname else ("", None, False)
    return f"{stem}:{gender or g or ''}:{_initials_of(given)}"


def _to_person(ps: _PersonSpan) -> tuple[PersonName, str]:
    from .persons import parse_person

    if ps.linked_to is not None:
        return _to_person(ps.linked_to)
    units = ps.units
    if len(units) == 1 and units[0].kind == "G":
        g = units[0].base
        gender = _given_gender(g)
        return PersonName((g,), None, None, gender), f"::{_key(g)}"
    p = parse_person(" ".join(u.base for u in units))
    gender, base = p.gender, p.surname
    # A Russian case ending can make a man's surname look like a woman's (Жамбыла Жабаева):
    # with a man's given name, the key is the man's surname (the mention keeps the written form).
    if gender == "f" and base and _CYRILLIC.search(base) and base.lower().endswith(("ова", "ева", "ина")):
        given_genders = {_given_gender(g) for g in p.given if not re.fullmatch(r"\w{1,2}\.", g)} - {None}
        if given_genders == {"m"}:
            base, gender = base[:-1], "m"
    return PersonName(p.given, p.patronymic, base, gender), person_key(base, p.given, gender)


def _given_gender(word: str) -> Literal["m", "f"] | None:
    from .persons import given_name_info

    first = word.split("-")[0]
    genders = {g.gender for g in given_name_info(first)} - {None}
    if len(genders) == 1:
        return "m" if "m" in genders else "f"
    return None


def find_people(text: str) -> list[PersonMention]:
    """Person names in a text, in order, each with its parts and a key shared by its mentions.

    >>> [(p.surface, p.key) for p in find_people("Kassym-Jomart Tokayev met Alikhan Smailov. Tokayev left.")]
    [('Kassym-Jomart Tokayev', 'toka:m:kj'), ('Alikhan Smailov', 'smail:m:a'), ('Tokayev', 'toka:m:kj')]
    """
    check_text(text)
    if not text:
        return []
    tk = _tokenize(text)
    out = []
    for ps in _people_spans(tk):
        person, key = _to_person(ps)
        out.append(
            PersonMention(ps.start, ps.end, text[ps.start : ps.end], person, key, ps.linked_to is not None)
        )
    return out


# ---------------------------------------------------------------------------
# Rewriting


def _match_case(model: str, new: str) -> str:
    from .normalize import turkic_upper

    if not model.isupper():
        return new
    letters = [c for c in model if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return turkic_upper(new) if "ı" in new else new.upper()
    return new


def _former_spelling(c: _Cand, scheme: str) -> str:
    """A former name in a scheme: its English form for ``conventional``, else its Kazakh (or Russian) form."""
    from .translit import transliterate

    f = c.former
    same = [g for g in c.place.former_names if f is not None and (g.start, g.end) == (f.start, f.end)]
    if scheme == "conventional":
        for g in same:
            if g.lang == "en":
                return g.name
        return c.name if not _CYRILLIC.search(c.name) else transliterate(c.name, scheme)
    for lang in ("kk", "ru"):
        for g in same:
            if g.lang == lang:
                return transliterate(g.name, scheme)
    return transliterate(c.name, scheme) if _CYRILLIC.search(c.name) else c.name


_FORMS: dict[tuple[str, str, str, str, bool, bool], str] = {}


def _place_form(c: _Cand, scheme: str, current_names: bool, with_region_word: bool) -> str:
    """The name a mention is rewritten to (memoised by place, matched name and options)."""
    k = (c.place.id, c.name, c.match, scheme, current_names, with_region_word)
    form = _FORMS.get(k)
    if form is None:
        if len(_FORMS) > 50_000:
            _FORMS.clear()
        form = _FORMS[k] = _place_form_uncached(c, scheme, current_names, with_region_word)
    return form


def _place_form_uncached(c: _Cand, scheme: str, current_names: bool, with_region_word: bool) -> str:
    p = c.place
    if c.match == "former" and not current_names:
        return _former_spelling(c, scheme)
    name = p.name if scheme == "conventional" else p.name_in(scheme)
    if c.match in _REGIONS and not with_region_word:
        name = strip_region_word(name)
    return name


@lru_cache(maxsize=20_000)
def _rewrite_word(word: str, scheme: str) -> str:
    """One word of a person's name in a scheme (a Latin word goes through Kazakh Cyrillic first)."""
    from .persons import to_kazakh_form
    from .restore import to_cyrillic
    from .translit import transliterate

    if _CYRILLIC.search(word):
        cyr = to_kazakh_form(word)
    else:
        cyr = to_cyrillic(word)
        if not _CYRILLIC.search(cyr):
            return word
    out = transliterate(cyr, scheme)
    if word[:1].isupper() and not out[:1].isupper():
        out = out[:1].upper() + out[1:]
    return _match_case(word, out)


def _person_replacements(tk: _Tokens, ps: _PersonSpan, scheme: str) -> list[Replacement]:
    from .translit import transliterate

    out = []
    for u in ps.units:
        for t in range(u.i, u.j + 1):
            word = tk.words[t]
            if u.kind == "I":
                new = transliterate(word, scheme) if _CYRILLIC.search(word) else word
            else:
                new = _rewrite_word(word, scheme)
            if new != word:
                out.append(Replacement(tk.starts[t], tk.ends[t], word, new, "person"))
    return out


def _place_replacement(tk: _Tokens, sp: _Span, scheme: str, current_names: bool) -> Replacement | None:
    from .translit import transliterate

    c = sp.best
    if c is None or sp.country:
        return None
    if c.match in _REGIONS and sp.region_word:
        start, end = _bounds(tk, sp)
        old = tk.text[start:end]
        new = _place_form(c, scheme, current_names, True)
    else:
        start, end = sp.start, sp.end
        old = tk.text[start:end]
        new = _place_form(c, scheme, current_names, False)
        if sp.ending and not sp.ending.startswith("~"):
            suffix = transliterate(sp.ending, scheme) if _CYRILLIC.search(sp.ending) else sp.ending
            new += suffix.lower()
    new = _match_case(old, new)
    if new == old:
        return None
    return Replacement(start, end, old, new, "region" if c.match in _REGIONS else "place")


def normalize_text_with_replacements(
    text: str, *, scheme: str = "conventional", current_names: bool = False
) -> tuple[str, list[Replacement]]:
    """Like :func:`normalize_text`, and the list of the changes made (offsets into the input).

    >>> text = "Kassym-Jomart Tokayev in Qyzylorda"
    >>> new, changes = normalize_text_with_replacements(text, scheme="latin2021")
    >>> new
    'Qasym-Jomart Toqaev in Qyzylorda'
    >>> [(r.old, r.new, r.kind) for r in changes]
    [('Kassym', 'Qasym', 'person'), ('Tokayev', 'Toqaev', 'person')]
    """
    from .schemes import schemes

    check_text(text)
    valid = schemes()
    if scheme not in valid:
        from .errors import UnknownScheme

        raise UnknownScheme(scheme, valid)
    if not text:
        return text, []
    tk = _tokenize(text)
    people = _people_spans(tk)
    person_words = {t for ps in people for t in range(ps.i, ps.j + 1)}
    reps: list[Replacement] = []
    for sp in _place_spans(text, tk, person_words):
        if _accepted(sp.total):
            r = _place_replacement(tk, sp, scheme, current_names)
            if r is not None:
                reps.append(r)
    for ps in people:
        reps += _person_replacements(tk, ps, scheme)
    reps.sort(key=lambda r: r.start)
    parts: list[str] = []
    pos = 0
    kept: list[Replacement] = []
    for r in reps:
        if r.start < pos:
            continue  # overlaps an earlier change
        parts.append(text[pos : r.start])
        parts.append(r.new)
        pos = r.end
        kept.append(r)
    parts.append(text[pos:])
    return "".join(parts), kept


def normalize_text(text: str, *, scheme: str = "conventional", current_names: bool = False) -> str:
    """Every Kazakh place and person name of a text rewritten in one style; all else untouched.

    ``scheme="conventional"`` gives places their conventional English name
    (``place.name``: Qyzylorda → Kyzylorda) and people the ``conventional``
    transliteration (Toqaev → Tokayev); any other scheme id transliterates the
    Kazakh name (``latin2021``: Taldyqorğan, Mañğystau, Toqaev). A region keeps
    a region word only when the text had one. ``current_names=True`` replaces
    former names by current ones (Nur-Sultan → Astana). A Kazakh case suffix is
    kept and a Russian case ending dropped (Алматыда → Almatyda, в Караганде → в
    Karagandy). Text outside the names is returned unchanged, byte for byte.
    :func:`normalize_text_with_replacements` also returns the changes.

    >>> print(normalize_text("NUR-SULTAN -- Toqaev's visit", current_names=True))
    ASTANA -- Tokayev's visit
    """
    return normalize_text_with_replacements(text, scheme=scheme, current_names=current_names)[0]
