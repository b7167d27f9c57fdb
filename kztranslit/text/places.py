"""Places in free text: every place of Kazakhstan a text names, resolved to its :class:`Place`.

1. **Candidates.** Up to five words are joined and looked up by name key, longest first, in
   the table built from the gazetteer (:mod:`kztranslit.text.table`); an inflected Cyrillic
   word is tried without its ending (:mod:`kztranslit.text.inflection`).
2. **Evidence.** Each place of a candidate gets points (:data:`WEIGHTS`) from what it is, how
   the name matched, how it is written and the words around it (``data/text/``); some
   contexts rule a place out whatever the points (a feature word, a person's name, a
   memorial phrase).
3. **The other mentions.** Lists of places, a region named in the sentence or the text, a
   place within 50 km, another name of the same place: gathered in up to four rounds (the
   places with namesakes weighed from the second, once the others are known).

>>> [(m.surface, m.place.name) for m in find_places("Flights from Qyzylorda to Nur-Sultan.")]
[('Qyzylorda', 'Kyzylorda'), ('Nur-Sultan', 'Astana')]
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Literal

from ..address import adjective_stem, bare_keys
from ..gazetteer import Place
from ..keys import name_key
from ..normalize import check_text
from .context import (
    DISTRICT_KINDS,
    designator_status,
    district_after,
    district_before,
    memorial_before,
    region_of_before,
    region_word_key,
    settlement_after,
    settlement_before,
    village_word,
    word_class,
)
from .inflection import variants
from .people import is_given, people_spans
from .scoring import AMBIGUOUS, CONTEXT_WINDOW, LIST_PARTNER, THRESHOLD, WEIGHTS, accepted, score
from .table import REGIONS, Cand, Table, kato_of, near, table, unit_prefix
from .tokens import CYRILLIC, HYPHEN, OTHER, SPACE, Tokens, collector_paused, tokenize
from .tokens import key as memo_key
from .words import words

__all__ = ["Mention", "MentionKind", "Span", "bounds", "find_places", "place_spans", "reset"]

MentionKind = Literal["settlement", "region", "district", "rural_district", "country"]


@dataclass(frozen=True, slots=True)
class Mention:
    """A place named in a text.

    ``start``/``end`` are offsets into the original text (``text[start:end] ==
    surface``); a Russian or Kazakh case ending is inside the span, a region, district
    or okrug word next to the name too (``Маңғыстау облысы``, ``Бәйдібек ауданында``),
    a settlement word is not (``the city of``). ``kind`` is ``"settlement"``,
    ``"region"``, ``"district"``, ``"rural_district"`` (a rural okrug) or
    ``"country"``; ``place`` is ``None`` only for the country. ``score`` (0–100)
    grows with the evidence; ``reason`` tells how the name matched (``exact``,
    ``transliteration``, ``former name``, ``alternate name``, ``region``,
    ``country``), ``matched`` the gazetteer name it matched, and ``evidence`` the
    context that counted.
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


# A Kazakh possessive, with a case ending: Ассамблеясы, Ассамблеясының, Банкі, Одағында.
_KK_POSSESSIVE = re.compile(r"(?:сы|сі|ы|і)(?:ның|нің|на|не|нда|нде|нан|нен|н)?$", re.IGNORECASE)
_WEB = re.compile(r"\.(?:[a-z]{2,}|[а-яё]{2,3})\b")
_YEAR = re.compile(r"\b(1[789]\d\d|20\d\d)\b")
_QUOTES_OPEN = "«\"“„'‘"
_QUOTES_CLOSE = "»\"”“'’"


# ---------------------------------------------------------------------------
# Candidates


@dataclass(slots=True)
class Span:
    """A run of words that is a name of the table, with its evidence once evaluated."""

    i: int  # first word
    j: int  # last word (inclusive) of the name
    start: int
    end: int
    cands: tuple[Cand, ...]
    ending: str = ""  # the case ending inside the last word ("" if none)
    locative: bool = False
    region_word: Literal["", "after", "before", "inside"] = ""
    district_kind: str = ""  # "district" or "rural_district" when a district or okrug word says so
    district_word: Literal["", "after", "before", "inside"] = ""
    district_end: int = -1  # the last word of a district or okrug word after the name
    village_ctx: bool = False  # a word says "village" (с., в селе, ауылы, village of)
    country: bool = False
    acronym: bool = False
    near: frozenset[str] = frozenset()  # places reached through a spelling one letter off (ids)
    status: str | None = None  # the KATO status the settlement word names (village, settlement…)
    n_settlements: int = 0  # how many settlements its options hold
    many_places: bool = False  # its options are more than one place
    designated_village: bool = False  # a settlement word goes with an option that is no city
    table_key: str | None = None  # the table's key when ``cands`` are its entries as they stand
    # filled by the evaluation
    total: float = -99.0
    best: Cand | None = None
    evidence: tuple[str, ...] = ()
    hard_no: str = ""
    settlement_ctx: bool = False
    region_ctx: bool = False
    options: tuple[_Option, ...] = ()
    lo: int = 0  # the sentence's offsets
    hi: int = 0
    before: str | None = None  # the word before, in the sentence (lower case)
    after: int | None = None  # the index of the word after, in the sentence


def _unit_word_after(tk: Tokens, j: int) -> str:
    """The unit a word right after word ``j`` names: ``"district"``, ``"okrug"``, ``"region"``
    (a plural word too: ``Sauran and Tole Bi districts``), or ``""``."""
    a = tk.word_after(j)
    if a is None:
        return ""
    k, low = tk.keys[a], tk.words[a].lower()
    cls = word_class(k, low)
    if cls in ("okrug", "district", "region"):
        return cls
    w = words()
    if low in w.district_plurals or k.startswith(w.district_plural_stems):
        return "district"
    if low in w.region_plurals or k.startswith(w.region_plural_stems):
        return "region"
    return ""


def _inflected(tk: Tokens, tab: Table, i: int, j: int, prefix: str, exact: str | None) -> Span | None:
    """The span of words ``i..j`` read without the last word's case ending, when that gives a
    likelier place than the word as written (``exact``, a key of the table, or None): Караганде
    is Karaganda, not a hamlet called Karagande; Усть-Каменогорском the city, not an okrug."""
    entries = tab.entries
    unit: bool | None = None  # whether a unit word follows, computed once when needed
    best: tuple[float, str, str, bool] | None = None
    for vkey, ending, loc in variants(tk.words[j], tk.kk_latin, 3 if j == i else 1):
        full = vkey if j == i else name_key(prefix + vkey)
        if full in tab.country:
            return Span(i, j, tk.starts[i], tk.ends[j], entries.get(full, ()), ending, loc, country=True)
        if full not in entries:
            continue
        if unit is None:
            unit = bool(_unit_word_after(tk, j))
        value = tab.strength(full, unit)
        if best is None or value > best[0]:
            best = (value, full, ending, loc)
    if best is None:
        return None
    if exact is not None:
        if unit is None:
            unit = bool(_unit_word_after(tk, j))
        if tab.strength(exact, unit) + 1.0 >= best[0]:
            return None  # the word as written is a name at least as likely
    _, full, ending, loc = best
    sp = Span(i, j, tk.starts[i], tk.ends[j], entries[full], ending, loc)
    sp.table_key = full
    return sp


@lru_cache(maxsize=50_000)
def _adjective(word: str) -> str | None:
    return adjective_stem(word)


def _adjective_span(tk: Tokens, tab: Table, i: int, j: int) -> Span | None:
    """Words ``i..j`` as a Russian adjective of a district, okrug or region before its word
    (``Теректинского района``, ``в Байтерекском районе``, ``Бухар-Жырауского района``)."""
    word = tk.words[j].lower()
    if "ск" not in word and "sk" not in word:
        return None  # a Russian adjective: -ский, -ского, -skiy…
    stem = _adjective("".join(tk.words[i : j + 1]))
    if stem is None:
        return None
    unit = _unit_word_after(tk, j)
    if not unit:
        return None
    cands = tab.adjectives.get(stem, ())
    kind = {"district": "district", "okrug": "rural_district", "region": "region"}[unit]
    if not any(c.place.kind == kind for c in cands) and unit != "region":
        # a district named by a noun (район Бәйтерек) in the adjective Russian makes of it
        for bare in bare_keys(stem):
            found = tuple(c for c in tab.entries.get(bare, ()) if c.place.kind == kind)
            if found:
                cands = cands + found
                break
    if not cands:
        return None
    ending = "~" + tk.words[j][len(tk.words[j]) - 2 :]
    return Span(i, j, tk.starts[i], tk.ends[j], cands, ending)


def _designator_after(tk: Tokens, j: int) -> bool:
    """A settlement, district or okrug word right after word ``j``."""
    a = tk.word_after(j)
    if a is None:
        return False
    return word_class(tk.keys[a], tk.words[a].lower()) in ("settlement", "district", "okrug")


def _near_span(tk: Tokens, tab: Table, i: int, found: Span | None) -> Span | None:
    """A name written with a designator whose spelling is a letter off the gazetteer's
    (Kazakh text, KATO's Russian forms: Басқұдық ауылында, Еңбекшіқазақ ауданы); the
    places it reaches so are taken only with their district or region named nearby."""
    j = found.j if found is not None else i
    if not (_designator_after(tk, j) or settlement_before(tk, i)):
        two_words = i + 1 < len(tk.words) and tk.cap[i + 1] and tk.join[i + 1] == SPACE
        if found is not None or not (two_words and _designator_after(tk, i + 1)):
            return None
        j = i + 1
    key = name_key("".join(tk.keys[i : j + 1]))
    cands = near().search(key)
    if found is not None:
        have = {c.place.id for c in found.cands}
        cands = tuple(c for c in cands if c.place.id not in have)
    if not cands:
        return None
    sp = Span(i, j, tk.starts[i], tk.ends[j], (found.cands if found is not None else ()) + cands)
    sp.near = frozenset(c.place.id for c in cands)
    return sp


def _candidates(tk: Tokens, tab: Table, person_words: set[int]) -> list[Span]:
    words_, keys, join, n = tk.words, tk.keys, tk.join, len(tk.words)
    entries, prefixes, country, acronyms = tab.entries, tab.prefixes, tab.country, tab.acronyms
    titles = words().place_name_titles
    out: list[Span] = []
    cap, cased, title_line, kk_latin = tk.cap, tk.cased, tk.title_line, tk.kk_latin
    max_words = tab.max_words
    starts = [i for i in range(n) if cap[i]] if cased else list(range(n))
    after = -1
    for i in starts:
        if i <= after or (i in person_words and not title_line[i]):
            continue
        w = words_[i]
        if keys[i] not in prefixes and w.isascii() and not kk_latin and w[-1] not in "iyjIYJ":
            continue  # a Latin word that begins no name, and no adjective of one (Terektinskiy)
        best: Span | None = None
        found_j, found_key = -1, ""  # the longest name of the table as written
        prefix = ""
        for j in range(i, min(n, i + max_words)):
            if j > i:
                if join[j] == OTHER:
                    break
                kj = keys[j]
                if cased and not (cap[j] or join[j] == HYPHEN or region_word_key(kj) or kj in titles):
                    break  # a name's words are capitalised, but for "Өтеген батыр", "Әйтеке би"
                key = memo_key(prefix + kj)
            else:
                key = keys[j]
            if not key:
                break
            plain = words_[j].isascii() and not kk_latin  # no case ending to take off
            if key in entries or key in country:
                found_j, found_key, best = j, key, None
                if not plain and key not in country:
                    best = _adjective_span(tk, tab, i, j) or _inflected(tk, tab, i, j, prefix, key)
            elif j == i and key in acronyms and w.isupper() and len(w) >= 3:
                best = Span(i, j, tk.starts[i], tk.ends[j], (Cand(acronyms[key], w, "region"),),
                            acronym=True)  # fmt: skip
                found_j = -1
            elif not plain and (cap[j] or not cased):
                inflected = _adjective_span(tk, tab, i, j) or _inflected(tk, tab, i, j, prefix, None)
                if inflected is not None:
                    best, found_j = inflected, -1
            elif cap[j] and words_[j][-1] in "iyjIYJ":  # Latin adjectives: Terektinskiy rayon
                adjective = _adjective_span(tk, tab, i, j)
                if adjective is not None:
                    best, found_j = adjective, -1
            prefix += keys[j]
            if (prefix if j == i else memo_key(prefix)) not in prefixes:
                break
        if best is None and found_j >= 0:
            best = Span(i, found_j, tk.starts[i], tk.ends[found_j], entries.get(found_key, ()),
                        country=found_key in country)  # fmt: skip
            best.table_key = found_key
        if cased and not w.isascii() and (best is None or all(c.gated or c.district for c in best.cands)):
            best = _near_span(tk, tab, i, best) or best
        if best is None:
            continue
        if (
            best.j > best.i
            and any(region_word_key(keys[t]) for t in range(best.i + 1, best.j + 1))
            and any(c.match in REGIONS for c in best.cands)
        ):
            best.region_word = "inside"
        out.append(best)
        after = best.j
    return out


# ---------------------------------------------------------------------------
# Evidence


def _match_weight(c: Cand, span_key_len: int, time_ctx: bool) -> list[tuple[float, str]]:
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


def _former_in_time(c: Cand, years: Sequence[int]) -> bool:
    f = c.former
    if f is None or not years:
        return False
    return any(f.in_use(y) for y in years)


def _span_context(tk: Tokens, sp: Span, persons: set[int], memo: dict[tuple[object, ...], Any]) -> None:
    """Context of a span that does not depend on the other mentions: sets the span's flags.

    Memoised on what the tests below read: the name's entry, the words from four before it to
    four after it (their text, sentence starts, headline lines, person words) and the 60
    characters after it.
    """
    if sp.table_key is None:
        _span_context_uncached(tk, sp, persons)
        return
    i, j, n = sp.i, sp.j, len(tk.words)
    a = i - 4 if i > 4 else 0
    b = j + 4 if j + 5 < n else n - 1
    lo = tk.starts[a]
    if lo > sp.start - 4:
        lo = sp.start - 4 if sp.start > 4 else 0
    hi = tk.ends[b]
    if hi < sp.end + 60:
        hi = sp.end + 60
    key = (
        sp.table_key, sp.region_word, sp.country, i - a, j - a, sp.start - lo, tk.text[lo:hi], tk.cased,
        tuple(tk.sentence_start[a : b + 1]), tuple(tk.title_line[a : b + 1]),
        tuple(map(persons.__contains__, range(a, b + 1))) if persons else (),
    )  # fmt: skip
    found = memo.get(key)
    if found is None:
        _span_context_uncached(tk, sp, persons)
        if len(memo) > 50_000:
            memo.clear()
        found = memo[key] = (
            sp.settlement_ctx, sp.status, sp.region_ctx, None if sp.after is None else sp.after - i,
            sp.district_kind, sp.district_word, None if sp.district_end < 0 else sp.district_end - i,
            sp.region_word, sp.hard_no, sp.before,
            sp.village_ctx,
        )  # fmt: skip
        return
    (sp.settlement_ctx, sp.status, sp.region_ctx, after, sp.district_kind, sp.district_word, district_end,
     sp.region_word, sp.hard_no, sp.before, sp.village_ctx) = found  # fmt: skip
    sp.after = None if after is None else after + i
    sp.district_end = -1 if district_end is None else district_end + i


def _span_context_uncached(tk: Tokens, sp: Span, persons: set[int]) -> None:
    w = words()
    text, words_, keys = tk.text, tk.words, tk.keys
    i, j = sp.i, sp.j
    last = words_[i - 1].lower() if i > 0 else ""
    # Settlement and region words, before and after.
    if settlement_before(tk, i):
        sp.settlement_ctx = True
        b = tk.word_before(i)
        sp.status = designator_status(b) if b is not None else None
    elif text[sp.end : sp.end + 1] == "," and w.apposition.match(text[sp.end : sp.end + 60]):
        sp.settlement_ctx = True
    if region_of_before(tk, i):
        sp.region_ctx = True
    a = sp.after = tk.word_after(j)
    cls = word_class(keys[a], words_[a].lower()) if a is not None else ""
    district = district_after(tk, j, a) if cls in ("okrug", "district") else None
    inside = _district_inside(tk, i, j) if j > i else ""
    if inside:  # the gazetteer's name has the word: "Kostanay District", "Talapker rural district"
        sp.district_kind, sp.district_word = inside, "inside"
    elif district is not None:
        sp.district_kind, sp.district_end = district
        sp.district_word = "after"
    elif a is not None and cls:
        if cls == "settlement" or (cls == "okrug" and settlement_after(keys[a])):
            nxt = tk.word_after(a)
            # not "the Kazakh city of …", where the noun begins a phrase of its own
            sp.settlement_ctx = not (words_[a].isascii() and nxt is not None and words_[nxt].lower() == "of")
            if sp.settlement_ctx:
                sp.status = designator_status(words_[a])
        elif cls == "region":
            sp.region_ctx = True
            if any(c.match in REGIONS for c in sp.cands) and sp.region_word != "inside":
                sp.region_word = "after"
        elif cls == "feature":
            sp.hard_no = "feature"
        elif cls == "memorial":
            sp.hard_no = "memorial"
    b = sp.before = tk.word_before(i)
    if b is not None:
        bk = keys[i - 1]
        if bk.startswith(w.region_before_stems) and any(c.match in REGIONS for c in sp.cands):
            sp.region_ctx = True
            sp.region_word = "before"
        elif b.rstrip(".") in w.feature_before:
            sp.hard_no = "feature"
    if not sp.district_kind and (last in ("of", "the") or b is not None) and district_before(tk, i, b):
        # "района Сауран", "the district of X": a district when one has the name; "в районе X"
        # is also "near X", so the settlement stays a candidate.
        sp.district_kind = "district"
        sp.district_word = "before" if b is not None and keys[i - 1] in w.district_before else ""
    if memorial_before(tk, i):
        sp.hard_no = "memorial"
    if sp.settlement_ctx:
        sp.village_ctx = village_word(tk, i, j)
    # A web address: "Петропавловск.news", "www.Almaty.kz".
    if (text[sp.end : sp.end + 1] == "." and _WEB.match(text, sp.end)) or (
        text[sp.start - 1 : sp.start] == "." and text[max(0, sp.start - 4) : sp.start].lower() == "www."
    ):
        sp.hard_no = "web address"
    # A hyphenated compound whose other part is a capitalised word that is not a place.
    if tk.join[i] == HYPHEN and i > 0 and tk.cap[i - 1] and tk.cased:
        sp.hard_no = sp.hard_no or "compound"
    if j + 1 < len(words_) and tk.join[j + 1] == HYPHEN and tk.cap[j + 1] and tk.cased:
        sp.hard_no = sp.hard_no or "compound"
    # A person's name around it.
    if any(t in persons for t in range(i, j + 1)) and not sp.settlement_ctx:
        sp.hard_no = "person"
    if sp.country and tk.cased and _in_organisation(tk, i, j):
        sp.hard_no = "organisation"


def _district_inside(tk: Tokens, i: int, j: int) -> str:
    """The kind a district or okrug word inside words ``i..j`` names, or ""."""
    w = words()
    for t in range(i + 1, j + 1):
        k, low = tk.keys[t], tk.words[t].lower()
        if low in w.okrug_first or k.startswith(w.okrug_first_stems) or low in w.okrug_single:
            return "rural_district"
    for t in range(i + 1, j + 1):
        k = tk.keys[t]
        if k in w.district_words or k.startswith(w.district_stems):
            return "district"
    return ""


def _in_organisation(tk: Tokens, i: int, j: int) -> bool:
    """The country's name is part of an organisation's name (see ``data/text/country_words.toml``)."""
    w = words()
    keys, words_, cap = tk.keys, tk.words, tk.cap

    def organisation_word(t: int) -> bool:
        low = words_[t].lower()
        return (
            not tk.sentence_start[t]
            and not tk.title_line[t]
            and low not in w.function_words
            and low not in w.titles
            and not keys[t].startswith(w.republic_stems)
        )

    cyrillic = CYRILLIC.search(words_[i]) is not None
    lower = 0
    t = i - 1
    while t >= 0 and tk.join[t + 1] == SPACE and not tk.sentence_start[t + 1]:
        if cap[t]:
            if organisation_word(t):
                return True
            break
        low = words_[t].lower()
        if keys[t].startswith(w.republic_stems):
            return False
        lower += 1
        if lower > 2 or (not cyrillic and low not in ("of", "the")):
            break
        t -= 1
    lower = 0
    t = j + 1
    while t < len(words_) and tk.join[t] == SPACE and not tk.sentence_start[t]:
        if cap[t]:
            # English "Kazakhstan Temir Zholy"; Kazakh "Қазақстан халқы Ассамблеясы", whose last
            # word takes the possessive (Russian "Казахстана и России" does not)
            return organisation_word(t) and (not cyrillic or _KK_POSSESSIVE.search(words_[t]) is not None)
        if not cyrillic or words_[t].lower() in w.function_words:
            break
        lower += 1
        if lower > 2:
            break
        t += 1
    return False


@dataclass(slots=True)
class _Option:
    """One place of a span with the evidence that does not depend on the other mentions."""

    cand: Cand
    points: float
    evidence: tuple[str, ...]
    needs_other_name: bool = False  # an unrelated alternate after "called", "formerly": only with it
    kind: Literal["settlement", "region", "district"] = "settlement"
    designated: bool = False  # a settlement word goes with it


@dataclass(slots=True)
class _Reach:
    """Where an unlisted village could find the evidence it needs (see :func:`_evaluate`): the
    regions named in each sentence and the districts and okrugs named in the text. A village of
    none of them, without its word and outside a list, is not worth weighing."""

    regions: dict[int, set[str]] = field(default_factory=dict)  # sentence → ISO codes
    units: set[str] = field(default_factory=set)  # KATO prefixes of districts (4) and okrugs (6)
    # What the spans of one text share, worked out once, by the id of a tuple of options or
    # candidates (each value keeps its tuple alive: the id is not reused within the text).
    _attested: dict[tuple[int, frozenset[str] | None], tuple[Any, ...]] = field(default_factory=dict)
    _shapes: dict[int, tuple[tuple[_Option, ...], bool, bool]] = field(default_factory=dict)
    _matches: dict[int, tuple[tuple[Cand, ...], bool, bool]] = field(default_factory=dict)
    _reaches: dict[int, tuple[tuple[Cand, ...], tuple[str, ...], tuple[str, ...]]] = field(
        default_factory=dict
    )

    def can_attest(self, c: Cand, sentence: int) -> bool:
        code = c.kato
        if code is not None and (code[:4] in self.units or code[:6] in self.units):
            return True
        return c.place.admin1 in self.regions.get(sentence, ())

    def attested(self, options: tuple[_Option, ...], sentence: int) -> tuple[tuple[_Option, ...], int]:
        """The options a word, list or unit of the text can attest, and how many settlements they hold."""
        regions = self.regions.get(sentence)
        key = (id(options), frozenset(regions) if regions else None)
        got = self._attested.get(key)
        if got is None:
            kept = tuple(o for o in options if not o.cand.gated or self.can_attest(o.cand, sentence))
            n = len({o.cand.place.id for o in kept if o.kind == "settlement"})
            got = self._attested[key] = (options, kept, n)
        return got[1], got[2]

    def shape(self, options: tuple[_Option, ...]) -> tuple[bool, bool]:
        """Whether the options are more than one place, and whether one is a village with its word."""
        got = self._shapes.get(id(options))
        if got is None:
            many = len(options) > 1 and any(o.cand.place is not options[0].cand.place for o in options)
            village = any(o.designated and o.cand.place.kind != "city" for o in options)
            got = self._shapes[id(options)] = (options, many, village)
        return got[1], got[2]

    def reaches(self, cands: tuple[Cand, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The regions the candidates name (ISO codes), and the units their districts and okrugs
        are (KATO prefixes), which a span with its district word brings to the text."""
        got = self._reaches.get(id(cands))
        if got is None:
            regions = tuple(c.place.admin1 for c in cands if c.match in REGIONS and c.place.admin1)
            units = tuple(
                unit_prefix(c.kato)
                for c in cands
                if not (c.match in REGIONS and c.place.admin1) and c.district and c.kato is not None
            )
            got = self._reaches[id(cands)] = (cands, regions, units)
        return got[1], got[2]

    def matches(self, cands: tuple[Cand, ...]) -> tuple[bool, bool]:
        """Whether the candidates hold a former name, and an unrelated alternate."""
        got = self._matches.get(id(cands))
        if got is None:
            former = any(c.match == "former" for c in cands)
            got = self._matches[id(cands)] = (cands, former, any(c.match == "unrelated" for c in cands))
        return got[1], got[2]


def _prepare(
    tk: Tokens,
    sp: Span,
    tab: Table,
    plural_settlement: bool,
    plural_district: bool,
    persons: set[int],
    reach: _Reach,
    in_list: bool = False,
) -> None:
    """The evidence of each place of a span that the other mentions cannot change (computed once)."""
    w = words()
    text, words_, keys = tk.text, tk.words, tk.keys
    i, j = sp.i, sp.j
    sp.options = ()
    if sp.country:
        if sp.hard_no:  # the country inside an organisation's name
            sp.total, sp.best, sp.evidence = -99.0, None, ()
        else:
            sp.total, sp.best, sp.evidence = 10.0, None, ("country",)
        return
    if sp.hard_no and sp.hard_no != "compound":
        return  # ruled out whatever the points (a compound can still be rescued by a list)
    common: list[tuple[float, str]] = []
    w0 = words_[i]
    if not tk.cased or tk.title_line[i]:
        pass
    elif len(w0) >= 4 and w0.isupper():
        common.append((WEIGHTS["all capitals"], "all capitals"))
    elif not tk.sentence_start[i]:
        common.append((WEIGHTS["capital mid-sentence"], "capital mid-sentence"))
    b = sp.before
    if b is not None:
        if b in w.strong_prepositions:
            common.append((WEIGHTS["preposition"], f"preposition {b!r}"))
        elif b in w.weak_prepositions:
            common.append((WEIGHTS["weak preposition"], f"preposition {b!r}"))
    if sp.locative:
        common.append((WEIGHTS["locative ending"], "locative ending"))
    key = keys[i] if i == j and not sp.ending else name_key("".join(keys[i : j + 1]))
    if tk.cased and key in tk.lower_keys:
        common.append((WEIGHTS["lower case elsewhere"], "lower case elsewhere"))
    if tk.cased and not tk.title_line[i] and _inside_proper_name(tk, sp, persons):
        common.append((WEIGHTS["inside a proper name"], "inside a proper name"))
    # the characters just before and after the name, when they are not part of a word
    at = tk.starts[i]
    q_open = text[at - 1] if at > (tk.ends[i - 1] if i else 0) else ""
    at = tk.ends[j]
    q_close = text[at] if at < (tk.starts[j + 1] if j + 1 < len(words_) else len(text)) else ""
    if q_open and q_close and q_open in _QUOTES_OPEN and q_close in _QUOTES_CLOSE and q_open != "'":
        common.append((WEIGHTS["in quotes"], "in quotes"))
    given_name = j == i and is_given(key)
    sentence = tk.sentence_of[i]
    sp.lo, sp.hi = tk.sentence_lo[sentence], tk.sentence_hi[sentence]
    has_former, has_unrelated = reach.matches(sp.cands)
    years, time_words = _sentence_facts(tk, sp.lo, sp.hi) if has_former else ([], False)
    abroad = key in tab.gaz.foreign
    alias_cue = has_unrelated and (w.alias_cue.search(text[max(0, sp.start - 30) : sp.start]) is not None)
    settlement_ctx = sp.settlement_ctx or plural_settlement
    district_hard = sp.district_word in ("after", "inside") or plural_district
    time_ctx = (tuple(years), time_words) if years or time_words else None
    sig = (
        sp.table_key, tuple(common), settlement_ctx, alias_cue, sp.region_ctx, sp.region_word, sp.acronym,
        sp.village_ctx, sp.district_kind, district_hard, len(key), time_ctx, abroad, given_name, sp.status,
        b == "the",
    )  # fmt: skip
    cache = tab.options_cache
    found = cache.get(sig) if sp.table_key is not None else None
    if found is None:
        found = _options(sp, common, settlement_ctx, alias_cue, district_hard, len(key), years, time_words,
                         abroad, given_name, b == "the")  # fmt: skip
        if sp.table_key is not None:
            if len(cache) > 20_000:
                cache.clear()
            cache[sig] = found
    options, n_settlements, has_gated = found
    if has_gated and not (settlement_ctx or in_list or sp.near):
        # an unlisted village that no word, list or unit of the text can attest is not weighed
        options, n_settlements = reach.attested(options, sentence)
    sp.options = options
    sp.n_settlements = n_settlements
    sp.many_places, sp.designated_village = reach.shape(options)


def _options(
    sp: Span,
    common: list[tuple[float, str]],
    settlement_ctx: bool,
    alias_cue: bool,
    district_hard: bool,
    key_len: int,
    years: Sequence[int],
    time_words: bool,
    abroad: bool,
    given_name: bool,
    the: bool,
) -> tuple[tuple[_Option, ...], int, bool]:
    """The options of a span from its context flags (memoised by the caller on the flags):
    the options, how many settlements they hold, whether one is an unlisted village."""
    has_region = any(c.match in REGIONS for c in sp.cands)
    out: list[_Option] = []
    for c in sp.cands:
        is_district = c.district
        if is_district and c.place.kind != sp.district_kind:
            continue  # a district or okrug needs its word ("Sozak" alone is the village)
        if not is_district and sp.district_kind and district_hard:
            continue  # "X ауданы", "X district": not the town, not the region
        needs_other = False
        if c.match == "unrelated" and not settlement_ctx:
            if not alias_cue:
                continue
            needs_other = True
        if c.match == "region alias" and not (sp.region_ctx or sp.region_word):
            continue  # an older or other name of a region needs the region word (Tselinograd Region)
        if sp.village_ctx and c.place.kind == "city" and c.match != "name":
            continue  # "в селе Самарка": a village, not a city through one of its other names
        parts = list(common)
        parts.append((c.prior, c.label))
        time_ctx = c.match == "former" and (_former_in_time(c, years) or time_words)
        parts += _match_weight(c, key_len, time_ctx)
        is_region = c.match in REGIONS
        if is_district:
            parts.append((WEIGHTS["district word"], "district word"))
            if sp.district_kind == "district" and c.place.status in ("district", "city_district"):
                # "ауданы", "район" name a district: Balkhash District before Balkhash City
                # Administration (which the text would call the city's administration)
                parts.append((WEIGHTS["its kind of settlement"], "a district"))
            elif c.place.status == "city_administration":
                parts.append((WEIGHTS["city administration"], "city administration"))
        elif is_region and (sp.region_ctx or sp.region_word or sp.acronym):
            parts.append((WEIGHTS["region word"], "region word"))
        elif not is_region and settlement_ctx:
            parts.append((WEIGHTS["settlement word"], "settlement word"))
        elif not is_region and sp.region_ctx and has_region:
            continue  # "X Region", "region of X": the region, not the settlement
        elif is_region and settlement_ctx:
            continue
        if abroad and c.place.kind != "city" and not (is_region or is_district):
            parts.append((WEIGHTS["name abroad"], "name abroad"))
        if given_name and c.place.kind != "city" and not is_district:
            parts.append((WEIGHTS["given name"], "given name"))
        kind: Literal["settlement", "region", "district"] = (
            "region" if is_region else "district" if is_district else "settlement"
        )
        if kind == "settlement" and sp.status not in (None, "city") and c.place.status == sp.status:
            parts.append((WEIGHTS["its kind of settlement"], f"a {sp.status}"))  # п. X, X кенті, ст. X
        if the and kind == "settlement" and not settlement_ctx:
            parts.append((WEIGHTS["article"], "article"))  # the Tobol, the Irtysh: rivers, not towns
        points = sum(x for x, _ in parts) + c.tiebreak
        designated = settlement_ctx and kind == "settlement"
        out.append(_Option(c, points, tuple(e for _, e in parts), needs_other, kind, designated))
    settled = [o for o in out if o.kind == "settlement" and not o.cand.gated]
    if len(settled) == 1 and not sp.region_ctx and not sp.region_word:
        # A region by the bare name of a city or town (Almaty, Atyrau) gains nothing from the
        # other mentions that the settlement does not gain too: below it, it never wins.
        top = settled[0]
        out = [o for o in out if o.kind != "region" or o.points >= top.points]
    n_settlements = len({o.cand.place.id for o in out if o.kind == "settlement"})
    return tuple(out), n_settlements, any(o.cand.gated for o in out)


def _sentence_facts(tk: Tokens, lo: int, hi: int) -> tuple[list[int], bool]:
    """Years and words that date a former name in the sentence ``text[lo:hi]`` (memoised per text)."""
    facts = tk.sentence_facts.get(lo)
    if facts is None:
        sentence = tk.text[lo:hi]
        years = [int(y) for y in _YEAR.findall(sentence)]
        facts = (years, words().time_words.search(sentence) is not None)
        tk.sentence_facts[lo] = facts
    return facts


def _evaluate(sp: Span, ctx: _Context, list_ok: bool, partners: AbstractSet[str] = frozenset()) -> None:
    """Add the evidence from the other mentions to each option of a span; keep the best one.

    An unlisted village or a locality (:func:`~kztranslit.text.table.needs_evidence`) without
    a settlement word, its unit named nearby, a list or another of its names loses
    ``"no evidence"``; a best option that another place of the same name comes within
    :data:`AMBIGUOUS` points of loses ``"namesakes"``.
    """
    if sp.country:
        return
    if sp.hard_no and not (sp.hard_no == "compound" and list_ok):
        sp.total, sp.best, sp.evidence = -99.0, None, ()
        return
    lo, hi, pos = sp.lo, sp.hi, sp.start
    settlements = sp.n_settlements
    options = sp.options
    # Distances matter for a choice among namesakes, or for a place not yet accepted.
    use_distance = bool(ctx.grid) and (settlements > 1 or not accepted(sp.total))
    regions, districts = ctx.regions, ctx.districts
    near_ids = sp.near
    keep_totals = settlements > 1 or len(options) > 1
    region_elsewhere: bool | None = None  # computed once, when needed
    region_near: dict[str | None, tuple[str | None, float, str]] = {}
    best_total, best_o = -99.0, None
    best_extra: list[str] = []
    totals: list[tuple[float, str, str]] = []  # (total, place id, option kind)
    for o in options:
        c = o.cand
        total = o.points
        extra: list[str] = []
        attested = o.designated or list_ok
        located = False  # its district, okrug or region named nearby
        if list_ok:
            total += WEIGHTS["list of places"]
            extra.append("list of places")
        if c.match in ("former", "variant", "unrelated") and ctx.named(c.place.id, lo, hi, pos):
            total += WEIGHTS["other name in sentence"]
            extra.append("other name in sentence")
            attested = True
        elif o.needs_other_name:
            continue
        kind = o.kind
        if kind != "region":
            admin1 = c.place.admin1
            found = region_near.get(admin1)  # namesakes share a few regions: each looked up once
            if found is None:
                where_ = ctx.near(regions, admin1, pos, lo, hi) if admin1 in regions else None
                found = region_near[admin1] = (
                    (where_, WEIGHTS[f"region in {where_}"], f"region {admin1} in {where_}")
                    if where_ is not None
                    else (None, 0.0, "")
                )
            where = found[0]
            if where is not None:
                total += found[1]
                extra.append(found[2])
                # a region in the sentence attests a village by its own name, not by an
                # alternate spelling (a Karachaganak contractor, West Kazakhstan Region)
                located = where == "sentence"
                attested = attested or (located and c.match == "name")
            elif o.designated and c.place.kind != "city" and regions:
                if region_elsewhere is None:
                    region_elsewhere = ctx.regions_between(lo, hi)
                if region_elsewhere:
                    # "село X" in a sentence that names another region: a village of that region
                    total += WEIGHTS["region elsewhere"]
                    extra.append("region elsewhere")
            if districts:
                # The district or okrug the place belongs to, named in the text (KATO codes:
                # AB CD EF HIJ, the district is ABCD00000, the okrug ABCDEF000).
                for parent in c.parents:
                    if parent not in districts:
                        continue
                    where = ctx.near(districts, parent, pos, lo, hi)
                    if where is not None:
                        total += WEIGHTS[f"district in {where}"]
                        extra.append(f"district {parent} in {where}")
                        attested = located = True
                        break
            if kind == "district":
                code = c.kato
                if code is not None and ctx.member_in_sentence(unit_prefix(code), lo, hi, pos):
                    total += WEIGHTS["its place in sentence"]
                    extra.append("its place in sentence")
            else:
                if partners and c.kato is not None and c.kato[:4] in partners:
                    total += WEIGHTS["district of a list partner"]
                    extra.append("district of a list partner")
                if (
                    use_distance
                    and not c.gated
                    and (settlements > 1 or accepted(total + WEIGHTS["near a place of the text"]))
                ):
                    other = ctx.neighbour_named(c.place, pos)
                    if other is not None:
                        total += WEIGHTS["near a place of the text"]
                        extra.append(f"near {other}")
        in_near = bool(near_ids) and c.place.id in near_ids
        if c.gated or in_near:
            if in_near and not located:
                attested = False  # a spelling a letter off: only where its unit is named
            if c.place.kind == "locality" and not o.designated:
                attested = False  # a farm, a camp, a station: only with its word
            if not attested:
                total += WEIGHTS["no evidence"]
                extra.append("no evidence")
        if keep_totals:
            totals.append((total - c.tiebreak, c.place.id, kind))  # the size tiebreak is no evidence
        if total > best_total:
            best_total, best_o, best_extra = total, o, extra
    if best_o is None:
        sp.total, sp.best, sp.evidence = -99.0, None, ()
        return
    best_cand = best_o.cand
    evidence = best_o.evidence + tuple(best_extra) if best_extra else best_o.evidence
    if len(totals) > 1 and accepted(best_total):
        best_id, best_kind = best_cand.place.id, best_o.kind
        rival = max((t for t, pid, kind in totals if kind == best_kind and pid != best_id), default=None)
        if rival is not None and best_total - best_cand.tiebreak - rival < AMBIGUOUS:
            best_total = min(best_total + WEIGHTS["namesakes"], THRESHOLD - 1.0)
            evidence += ("namesakes",)
    sp.total, sp.best, sp.evidence = best_total, best_cand, evidence


@dataclass(slots=True)
class _Context:
    """The places and regions accepted so far, by position, for the evidence that links mentions."""

    regions: dict[str, list[int]] = field(default_factory=dict)  # ISO code → positions (ascending)
    places: dict[str, list[int]] = field(default_factory=dict)  # settlement id → positions (ascending)
    districts: dict[str, list[int]] = field(default_factory=dict)  # KATO code → positions (ascending)
    members: dict[str, list[int]] = field(default_factory=dict)  # KATO prefix → positions of places in it
    # the settlements named, with a point of their own: 1° cell → id → (place, positions)
    grid: dict[tuple[int, int], dict[str, tuple[Place, list[int]]]] = field(default_factory=dict)
    near_cache: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    between_cache: dict[int, bool] = field(default_factory=dict)

    def member_in_sentence(self, prefix: str, lo: int, hi: int, besides: int) -> bool:
        """Whether another designated name in ``[lo, hi)`` may be a place inside the unit ``prefix``."""
        at = self.members.get(prefix)
        if not at:
            return False
        n = bisect.bisect_left(at, lo)
        while n < len(at) and at[n] < hi:
            if at[n] != besides:
                return True
            n += 1
        return False

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

    def regions_between(self, lo: int, hi: int) -> bool:
        """Whether some region is named in ``[lo, hi)`` (a sentence: memoised by its start)."""
        found = self.between_cache.get(lo)
        if found is None:
            found = self.between_cache[lo] = self._regions_between(lo, hi)
        return found

    def _regions_between(self, lo: int, hi: int) -> bool:
        for at in self.regions.values():
            n = bisect.bisect_left(at, lo)
            if n < len(at) and at[n] < hi:
                return True
        return False

    @staticmethod
    def near(table: dict[str, list[int]], code: str, pos: int, lo: int, hi: int) -> str | None:
        """Whether ``code`` is named in the sentence ``[lo, hi)``, in the window around ``pos``, or not."""
        at = table.get(code)
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
        """A settlement within 50 km of ``place`` that the text names within the window around ``pos``."""
        if not place.precise or not self.grid:
            return None
        near = self.near_cache.get(place.id)
        if near is None:
            near = self.near_cache[place.id] = self._near_positions(place)
        n = bisect.bisect_left(near, (pos - CONTEXT_WINDOW,))
        while n < len(near) and near[n][0] <= pos + CONTEXT_WINDOW:
            if near[n][0] != pos:
                return near[n][1]
            n += 1
        return None

    def _near_positions(self, place: Place) -> list[tuple[int, str]]:
        """(position, id) of every mention of a settlement within 50 km of ``place``, by position."""
        lat, lon = place.lat, place.lon
        scale = math.cos(math.radians(lat))
        y, x = math.floor(lat), math.floor(lon)
        out: list[tuple[int, str]] = []
        for cell in ((y + dy, x + dx) for dy in (-1, 0, 1) for dx in (-1, 0, 1)):
            for other, at in self.grid.get(cell, {}).values():
                if other is place:
                    continue
                dy_km = (other.lat - lat) * 111.2
                dx_km = (other.lon - lon) * 111.2 * scale
                if dx_km * dx_km + dy_km * dy_km < 2500.0:  # 50 km
                    out += [(p, other.id) for p in at]
        out.sort()
        return out

    def update(self, old: _Held | None, new: _Held | None, pos: int) -> None:
        """Replace what the answer at ``pos`` held in the context (positions stay sorted; a key
        or cell left empty goes, as if the context were built again)."""
        if old is not None:
            kind, key, place = old
            table = self._table(kind)
            if _remove(table[key], pos):
                del table[key]
            if kind == "place" and place.precise:
                cell_key = (math.floor(place.lat), math.floor(place.lon))
                cell = self.grid[cell_key]
                if _remove(cell[place.id][1], pos):
                    del cell[place.id]
                    if not cell:
                        del self.grid[cell_key]
        if new is not None:
            kind, key, place = new
            bisect.insort(self._table(kind).setdefault(key, []), pos)
            if kind == "place" and place.precise:
                self.add_settlement(place, pos)

    def _table(self, kind: str) -> dict[str, list[int]]:
        return self.regions if kind == "region" else self.districts if kind == "district" else self.places

    def add_settlement(self, place: Place, pos: int) -> None:
        """Index a settlement the text names (with a point of its own) by its 1° cell."""
        cell = self.grid.setdefault((math.floor(place.lat), math.floor(place.lon)), {})
        entry = cell.get(place.id)
        if entry is None:
            cell[place.id] = (place, [pos])
        else:
            bisect.insort(entry[1], pos)


def _remove(at: list[int], pos: int) -> bool:
    """Take ``pos`` out of the sorted positions ``at``; whether none is left."""
    del at[bisect.bisect_left(at, pos)]
    return not at


def _inside_proper_name(tk: Tokens, sp: Span, persons: set[int]) -> bool:
    """The name sits inside a longer run of capitalised words that is not a place's name.

    ``persons`` are the words that belong to a person's name or to a place named with its
    word, which a capital next to a name does not join (``әкімі Гүлмира Дәулетбай Бірінші
    Мамыр ауылындағы``, ``Шалкар Карасайского района``).
    """
    w = words()
    words_, keys = tk.words, tk.keys
    a = sp.after
    if a is not None and tk.cap[a] and a not in persons:
        k = keys[a]
        if words_[a].lower() not in w.function_words and not region_word_key(k) and not settlement_after(k):
            return True
    i = sp.i
    if (
        i > 1
        and not tk.sentence_start[i]
        and not tk.sentence_start[i - 1]
        and tk.join[i] == SPACE
        and tk.cap[i - 1]
        and i - 1 not in persons
    ):
        low = words_[i - 1].lower()
        if low not in w.function_words and low not in w.titles:
            return not keys[i - 1].startswith(w.region_before_stems)
    return False


def _lists(tk: Tokens, spans: list[Span]) -> list[list[int]]:
    """Groups of spans written as a list: ``A, B and C``, ``A и B``, ``A-B``."""
    joiners = words().list_joiners
    groups: list[list[int]] = []
    text = tk.text
    prev_end = -99
    for n, sp in enumerate(spans):
        if sp.start - prev_end < 12 and joiners.match(text[prev_end : sp.start]):
            groups[-1].append(n)
        else:
            groups.append([n])
        prev_end = sp.end
    return groups


def place_spans(text: str, tk: Tokens, person_words: set[int]) -> list[Span]:
    """Every candidate span of a tokenized text, evaluated (``accepted(sp.total)`` says which are places)."""
    w = words()
    tab = table()
    spans = _candidates(tk, tab, person_words)
    if not spans:
        return []
    memo = tab.context_cache
    for sp in spans:
        _span_context(tk, sp, person_words, memo)
    taken = -1  # a region word between two names belongs to the first: "X область Y"
    for sp in spans:
        if sp.region_word == "before" and sp.i - 1 <= taken:
            sp.region_word = ""
        taken = sp.after if sp.region_word == "after" and sp.after is not None else sp.j
    groups = _lists(tk, spans)
    group_of = {n: g for g in groups for n in g}
    # Context words written once for a whole list: "the cities of A, B and C", "A and B regions".
    plural: set[int] = set()
    plural_districts: set[int] = set()
    for g in groups:
        first, last = spans[g[0]], spans[g[-1]]
        if len(g) > 1:
            # "the cities of A, B and C", "в городах A и B": a plural settlement word before the list
            if settlement_before(tk, first.i) and any(
                tk.words[t].lower() in w.plural_settlement for t in range(max(0, first.i - 3), first.i)
            ):
                plural.update(g)
            b = first.before  # the word before the list (see _span_context)
            if b is not None and b.rstrip(".") in w.feature_before:
                for n in g:
                    spans[n].hard_no = "feature"
        a = last.after  # the word after the list (or the single name)
        if a is None:
            continue
        low, ka = tk.words[a].lower(), tk.keys[a]
        if low in w.region_plurals or ka.startswith(w.region_plural_stems):
            for n in g:  # "Turkistan and Zhambyl regions", "Turkestan regions"
                spans[n].region_ctx = True
        elif len(g) > 1 and low in w.feature_after:
            for n in g:  # "the Irtysh and Tobol rivers"
                spans[n].hard_no = "feature"
        elif low in w.district_plurals or ka.startswith(w.district_plural_stems):
            # "Sauran and Tole Bi districts", "Байзақ, Жуалы және Меркі аудандарының"
            plural_districts.update(g)
            for n in g:
                spans[n].district_kind = "district"
            last.district_word, last.district_end = "after", a
        elif low in w.plural_settlement_after or ka.startswith(w.plural_settlement_stems):
            plural.update(g)  # "Бабайқорған және Жүйнек ауылдарының", "Shakpak and Kazata villages"
    # words that are a person's name or a place with its word: no proper-name run goes through them
    named = set(person_words)
    for sp in spans:
        if sp.district_kind or sp.region_word or sp.settlement_ctx or sp.acronym:
            named.update(range(sp.i, sp.j + 1))
    reach = _Reach()
    for sp in spans:
        regions_named, units = reach.reaches(sp.cands)
        if regions_named:
            reach.regions.setdefault(tk.sentence_of[sp.i], set()).update(regions_named)
        if units and sp.district_kind:
            reach.units.update(units)
    for n, sp in enumerate(spans):
        _prepare(tk, sp, tab, n in plural, n in plural_districts, named, reach, len(group_of[n]) > 1)
    # The units each designated span may lie in (KATO prefixes: a district's four digits, an
    # okrug's six): a district or okrug among namesakes is the one a place named with it lies
    # in (Алмалы ауылдық округінде … Бәйдібек ауылының).
    members: dict[str, list[int]] = {}
    for sp in spans:
        if not (sp.settlement_ctx or sp.district_kind) or sp.country:
            continue
        for o in sp.options:
            code = o.cand.kato
            if code is None or o.kind == "region":
                continue
            prefixes = {code[:4]} if code[4:] != "00000" else set()
            if code[6:] != "000":
                prefixes.add(code[:6])
            for prefix in prefixes:
                at = members.setdefault(prefix, [])
                if not at or at[-1] != sp.start:
                    at.append(sp.start)
    # Rounds of evaluation: each span is weighed against the answers the last round accepted
    # (the context), until no answer changes. Only a span within the window of a changed
    # answer can change, and only a span weighed in the last round can have changed its
    # answer: each round reads and updates those alone.
    n_spans = len(spans)
    starts = [sp.start for sp in spans]
    accepted_: list[bool] = [False] * n_spans
    state: list[str] = [""] * n_spans  # each span's answer: its place's id, "" if none
    ctx = _Context(members=members)
    held: list[_Held | None] = [None] * n_spans  # what each span's accepted answer puts in the context
    weighed: list[int] = []  # the spans weighed in the last round
    changed: list[int] = []  # positions of the spans whose answer changed in the last round
    for round_no in range(4):
        for n in weighed:
            now_held = _held(spans[n]) if accepted_[n] else None
            if now_held != held[n]:
                ctx.update(held[n], now_held, starts[n])
                held[n] = now_held
        ctx.near_cache.clear()
        ctx.between_cache.clear()
        # What each list holds for its members: its accepted partners and their districts,
        # kept up to date as members are weighed again (linear in the list's length), made
        # again when a member was weighed in the last round (what it holds of the others is
        # as they were accepted at the start of a round).
        if round_no == 0:
            lists = {id(g): _ListPartners(spans, g, accepted_) for g in groups if len(g) > 1}
        else:
            for g in {id(group_of[n]): group_of[n] for n in weighed if len(group_of[n]) > 1}.values():
                lists[id(g)] = _ListPartners(spans, g, accepted_)
        if round_no == 0:  # a span with namesakes waits until the places without are known
            todo = [n for n in range(n_spans) if not spans[n].many_places]
        else:
            todo = [n for n in _near_spans(starts, changed) if not _decided(spans[n], accepted_[n])]
            if round_no == 1:
                todo = sorted(set(todo).union(n for n in range(n_spans) if spans[n].many_places))
        new = accepted_.copy()
        for n in todo:
            sp = spans[n]
            lp = lists.get(id(group_of[n]))
            if lp is None:
                _evaluate(sp, ctx, False)
            else:
                # the districts of the places listed with it (Кенен, Алга и Беткайнар Кордайского района)
                list_ok, partners = lp.without(n)
                _evaluate(sp, ctx, list_ok, partners)
                lp.update(n)
            new[n] = accepted(sp.total)
        changed = []
        for n in todo:
            sp = spans[n]
            cur = sp.best.place.id + ("+" if sp.total >= LIST_PARTNER else "") if new[n] and sp.best else ""
            if cur != state[n]:
                state[n] = cur
                changed.append(sp.start)
        accepted_ = new
        weighed = todo
        if not changed and round_no > 0:
            break
    return spans


#: What an accepted answer puts in the context: ("region", ISO code, place), ("district", KATO
#: code, place) or ("place", id, place).
_Held = tuple[str, str, Place]


def _held(sp: Span) -> _Held | None:
    best = sp.best
    if best is None:
        return None
    place = best.place
    if best.match in REGIONS and place.admin1:
        return ("region", place.admin1, place)
    if place.kind in DISTRICT_KINDS:
        code = kato_of(place)
        return ("district", code, place) if code is not None else None
    return ("place", place.id, place)


def _near_spans(starts: list[int], changed: list[int]) -> list[int]:
    """The spans (indices, ascending) that start within the window of a changed answer."""
    out: list[int] = []
    end = 0
    for pos in changed:
        lo = bisect.bisect_left(starts, pos - CONTEXT_WINDOW, end)  # past the spans taken already
        hi = bisect.bisect_right(starts, pos + CONTEXT_WINDOW, lo)
        if lo < hi:
            out.extend(range(lo, hi))
            end = hi
    return out


class _ListPartners:
    """The accepted members of one list: how many can vouch for the others (not the country,
    scored at least :data:`LIST_PARTNER`) and the districts they lie in, each counted, so a
    member's partners (the others) are read without walking the list."""

    __slots__ = ("accepted", "codes", "mine", "spans", "vouch")

    def __init__(self, spans: list[Span], group: list[int], accepted_: list[bool]) -> None:
        self.spans, self.accepted = spans, accepted_
        self.vouch = 0
        self.codes: dict[str, int] = {}
        self.mine: dict[int, tuple[bool, str | None]] = {}
        for m in group:
            self._add(m)

    def _add(self, m: int) -> None:
        if not self.accepted[m]:
            return
        sp = self.spans[m]
        vouches, code = not sp.country and sp.total >= LIST_PARTNER, _district_code(sp)
        self.mine[m] = (vouches, code)
        self.vouch += vouches
        if code is not None:
            self.codes[code] = self.codes.get(code, 0) + 1

    def update(self, m: int) -> None:
        """Count member ``m`` again after it was weighed."""
        old = self.mine.pop(m, None)
        if old is not None:
            self.vouch -= old[0]
            if old[1] is not None:
                self.codes[old[1]] -= 1
                if not self.codes[old[1]]:
                    del self.codes[old[1]]
        self._add(m)

    def without(self, n: int) -> tuple[bool, AbstractSet[str]]:
        """Whether another member vouches for member ``n``, and the others' districts (a live
        view, read before the next :meth:`update`)."""
        vouches, code = self.mine.get(n, (False, None))
        partners: AbstractSet[str] = self.codes.keys()
        if code is not None and self.codes[code] == 1:
            partners = partners - {code}  # member n is its district's only member
        return self.vouch - vouches > 0, partners


def _district_code(sp: Span) -> str | None:
    """The first four digits of the KATO code of a span's place (its district), or None."""
    if sp.best is None or sp.best.district:
        return None
    code = kato_of(sp.best.place)
    return code[:4] if code else None


def _decided(sp: Span, is_accepted: bool) -> bool:
    """Whether evidence from other mentions can no longer change a span.

    True for the country, for a span with no options or one a rule rules out (but a
    compound, which a list can rescue), and for an accepted span whose options are all
    one place (evidence from other mentions only adds points), but for a village with a
    settlement word, which a region named in the sentence can take points from.
    """
    if sp.country or not sp.options or (sp.hard_no and sp.hard_no != "compound"):
        return True
    best = sp.best
    if not is_accepted or best is None:
        return False
    if best.place.kind != "city" and sp.designated_village:
        return False  # a region named elsewhere in the sentence can still take points away
    return not sp.many_places  # one place: evidence only adds


def bounds(tk: Tokens, sp: Span) -> tuple[int, int]:
    """A mention's offsets: the name's, with the region, district or okrug word next to it."""
    if sp.best is not None and sp.best.place.kind in DISTRICT_KINDS:
        if sp.district_word == "after":
            return sp.start, tk.ends[sp.district_end]
        if sp.district_word == "before":
            return tk.starts[sp.i - 1], sp.end
        return sp.start, sp.end
    if sp.region_word == "after" and sp.after is not None:
        return sp.start, tk.ends[sp.after]
    if sp.region_word == "before":
        return tk.starts[sp.i - 1], sp.end
    return sp.start, sp.end


def _mention(tk: Tokens, sp: Span) -> Mention:
    start, end = bounds(tk, sp)
    surface = tk.text[start:end]
    if sp.country or sp.best is None:
        return Mention(start, end, surface, None, "country", score(sp.total), "country", surface, sp.evidence)
    c = sp.best
    kind: MentionKind = "region" if c.match in REGIONS else "settlement"
    if c.place.kind == "district":
        kind = "district"
    elif c.place.kind == "rural_district":
        kind = "rural_district"
    if c.match == "former":
        reason = "former name"
    elif c.match in REGIONS:
        reason = "region"
    elif c.match in ("variant", "unrelated"):
        reason = "alternate name"
    elif c.name == tk.text[sp.start : sp.end]:
        reason = "exact"
    else:
        reason = "transliteration"
    return Mention(start, end, surface, c.place, kind, score(sp.total), reason, c.name, sp.evidence)


def find_places(text: str, *, score_cutoff: float = 50.0, countries: bool = True) -> list[Mention]:
    """Places of Kazakhstan named in a text, in order, each resolved to its :class:`Place`.

    ``score_cutoff`` (0–100) is the least score returned: at the default 50 a
    mention needs the evidence described in the module documentation; lower it to
    see weaker candidates too. ``countries=False`` leaves out mentions of the
    country itself (``kind == "country"``). Never raises for any string.

    >>> [(m.surface, m.kind, m.place and m.place.id) for m in find_places("Aktau in Mangystau Region")]
    [('Aktau', 'settlement', 'kato:471010000'), ('Mangystau Region', 'region', 'KZ-47')]
    >>> [m.surface for m in find_places("The oral arguments on the Aral Sea")]
    []
    """
    check_text(text)
    if not text:
        return []
    with collector_paused():
        return _find_places(text, score_cutoff, countries)


def _find_places(text: str, score_cutoff: float, countries: bool) -> list[Mention]:
    tk = tokenize(text)
    people = people_spans(tk)
    person_words = {t for ps in people for t in range(ps.i, ps.j + 1)}
    spans = place_spans(text, tk, person_words)
    out = []
    for sp in spans:
        if sp.total <= -99.0:
            continue
        m = _mention(tk, sp)
        if m.score < score_cutoff or (m.kind == "country" and not countries):
            continue
        out.append(m)
    return out


def reset() -> None:
    """Forget the memoised word tests of this module."""
    _adjective.cache_clear()
