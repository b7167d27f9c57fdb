"""Rewriting: every place and person name of a text in one spelling style, all else untouched.

>>> normalize_text("Protests in Qyzylorda and Taldyqorghan.")
'Protests in Kyzylorda and Taldykorgan.'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from ..gazetteer import Place, strip_region_word
from ..keys import name_key
from ..normalize import check_text
from .context import DISTRICT_KINDS
from .people import PersonSpan, people_spans
from .places import Span, bounds, place_spans
from .scoring import accepted
from .table import REGIONS, Cand, strip_designators
from .tokens import CYRILLIC, Tokens, collector_paused, tokenize

__all__ = ["Replacement", "conventional_name", "normalize_text", "normalize_text_with_replacements", "reset"]


@dataclass(frozen=True, slots=True)
class Replacement:
    """One change made by :func:`normalize_text_with_replacements`."""

    start: int
    end: int
    old: str
    new: str
    kind: Literal["place", "region", "district", "person"]


def _match_case(model: str, new: str) -> str:
    from ..normalize import turkic_upper

    if not model.isupper():
        return new
    letters = [c for c in model if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return turkic_upper(new) if "ı" in new else new.upper()
    return new


def _former_spelling(c: Cand, scheme: str) -> str:
    """A former name in a scheme: its English form for ``conventional``, else its Kazakh (or Russian) form."""
    from ..translit import transliterate

    f = c.former
    same = [g for g in c.place.former_names if f is not None and (g.start, g.end) == (f.start, f.end)]
    if scheme == "conventional":
        for g in same:
            if g.lang == "en":
                return g.name
        return c.name if not CYRILLIC.search(c.name) else transliterate(c.name, scheme)
    for lang in ("kk", "ru"):
        for g in same:
            if g.lang == lang:
                return transliterate(g.name, scheme)
    return transliterate(c.name, scheme) if CYRILLIC.search(c.name) else c.name


_FORMS: dict[tuple[str, str, str, str, bool, bool], str] = {}


def _place_form(c: Cand, scheme: str, current_names: bool, with_region_word: bool) -> str:
    """The name a mention is rewritten to (memoised by place, matched name and options)."""
    k = (c.place.id, c.name, c.match, scheme, current_names, with_region_word)
    form = _FORMS.get(k)
    if form is None:
        if len(_FORMS) > 50_000:
            _FORMS.clear()
        form = _FORMS[k] = _place_form_uncached(c, scheme, current_names, with_region_word)
    return form


# A name written with q, gh, a letter outside ASCII, the soft-sign apostrophe or the -yy/-iy
# adjective endings is a systematic romanization (BGN/PCGN, the Kazakh Latin alphabets), not
# the conventional English spelling: Zhezqazghan, Talghar, Balqash, Būrabay, Rudnyy, Akkol’.
_SYSTEMATIC = re.compile(r"[qQ]|[gG][hH]|[’ʹ'`]|[^\x00-\x7f]|(?:[yY][yY]|[iI][yY])\b")


def _title(name: str) -> str:
    """Each word of a name with a capital (``Ayteke bi`` → ``Ayteke Bi``)."""
    return " ".join(w[:1].upper() + w[1:] for w in name.split(" "))


def _bare(name: str) -> str:
    """A name without its designators, the multi-word ones included (``Арыс қалалық әкімдігі``)."""
    from ..address import split_designators

    return strip_designators(split_designators(name)[0])


def conventional_name(p: Place) -> str:
    """The conventional English spelling of a place's name (what English-language news writes).

    The gazetteer's ``name``, unless

    - it is an older name, no respelling of the place's current Kazakh or Russian name (GeoNames
      still writes Druzhba for Dostyk, Novokazalinsk for Aiteke Bi): then the current Kazakh
      name in the ``conventional`` scheme (the Russian one in ``ru_wikipedia`` where the
      gazetteer derived the Kazakh name from it);
    - it is KATO's genitive of a person's name (``Otegen Batyra``, ``село Ыбырая
      Алтынсарина``): then the name in the nominative;
    - it is a systematic romanization (q, gh, a letter outside ASCII, the soft-sign
      apostrophe, -yy/-iy: Zhezqazghan, Talghar, Balqash, Rudnyy): then the same name
      respelled (same number of words, name keys at least 75% alike), as the place's
      alternate names attest, else for a city or town the Wikipedia romanization of the
      Russian name (the exonyms of the Soviet-era cities: Balkhash, Zhezkazgan, Talgar), for
      a village the conventional transliteration of the Kazakh name (Shauildir).

    A district's English name is the curated one of ``districts.tsv`` (no older-name test); a
    district's or okrug's word stays as the name has it (``Karasay District``).

    >>> from kztranslit import geocode
    >>> [conventional_name(geocode(n)) for n in ("Жезқазған", "Талғар", "Балқаш", "Oral")]
    ['Zhezkazgan', 'Talgar', 'Balkhash', 'Oral']
    """
    from rapidfuzz import fuzz

    from ..translit import transliterate
    from .table import _GENITIVE_NAME

    name = p.name
    unit = p.kind == "district"
    strip = _bare if unit else strip_designators
    bare = strip(name)
    word = name[len(bare) :] if name.startswith(bare) else ""  # " District", " City Administration"
    own = name_key(bare)
    kk = strip(p.name_kk) if p.name_kk else ""
    ru = strip(p.name_ru) if p.name_ru else ""
    if p.kind != "region" and (kk or ru):
        likeness = max(fuzz.ratio(own, name_key(n)) for n in (kk, ru) if n)
        if likeness < 75.0 and not unit:  # an older name: the current one
            if kk and not p.name_kk_derived:
                return _title(transliterate(kk, "conventional")) + word
            return _title(transliterate(ru or kk, "ru_wikipedia")) + word
        if ru and _GENITIVE_NAME.match(ru) and bare.endswith("a"):  # the English name is the genitive too
            from ..address import nominative

            source = kk if kk and not p.name_kk_derived and not _GENITIVE_NAME.match(kk) else nominative(ru)
            return _title(transliterate(source, "conventional")) + word
    if not _SYSTEMATIC.search(name):
        return name
    n_words = len(name.split())
    alternates = {a.casefold() for a in p.alternate_names}
    options: list[tuple[str, float, str]] = []
    for original, scheme in ((p.name_kk, "conventional"), (p.name_ru, "ru_wikipedia")):
        if not original:
            continue
        form = _title(transliterate(original, scheme))  # English capitalises every word: Zhibek Zholy
        if len(form.split()) == n_words and not _SYSTEMATIC.search(form):
            likeness = fuzz.ratio(own, name_key(form))
            if likeness >= 75.0:
                options.append((form, likeness, scheme))
    for form, _, _ in options:
        if form.casefold() in alternates:
            return form
    if not options:
        return name
    preferred = "ru_wikipedia" if p.kind in ("city", "town") else "conventional"
    for form, _, scheme in options:
        if scheme == preferred:
            return form
    return max(options, key=lambda t: t[1])[0]


def _place_form_uncached(c: Cand, scheme: str, current_names: bool, with_region_word: bool) -> str:
    from ..translit import transliterate

    p = c.place
    if c.match == "former" and not current_names:
        return _former_spelling(c, scheme)
    if c.match == "form":
        # the form the text wrote is the Kazakh name KATO gives in Russian (Жандосов for
        # Жандосово, Ыбырай Алтынсарин for Ыбырая Алтынсарина): written in the scheme
        return _title(transliterate(c.name, scheme))
    if p.kind in DISTRICT_KINDS and not with_region_word:
        # the district or okrug word stays as the text wrote it: only the name is rewritten
        if scheme == "conventional":
            return strip_designators(conventional_name(p))
        source = p.name_kk or p.name_ru
        return transliterate(strip_designators(source), scheme) if source else strip_designators(p.name)
    name = conventional_name(p) if scheme == "conventional" else p.name_in(scheme)
    if c.match in REGIONS and not with_region_word:
        name = strip_region_word(name)
    return name


@lru_cache(maxsize=20_000)
def _rewrite_word(word: str, scheme: str) -> str:
    """One word of a person's name in a scheme (a Latin word goes through Kazakh Cyrillic first)."""
    from ..persons import to_kazakh_form
    from ..restore import to_cyrillic
    from ..translit import transliterate

    if CYRILLIC.search(word):
        cyr = to_kazakh_form(word)
    else:
        cyr = to_cyrillic(word)
        if not CYRILLIC.search(cyr):
            return word
    out = transliterate(cyr, scheme)
    if word[:1].isupper() and not out[:1].isupper():
        out = out[:1].upper() + out[1:]
    return _match_case(word, out)


def _person_replacements(tk: Tokens, ps: PersonSpan, scheme: str) -> list[Replacement]:
    from ..translit import transliterate

    out = []
    for u in ps.units:
        for t in range(u.i, u.j + 1):
            word = tk.words[t]
            if u.kind == "I":
                new = transliterate(word, scheme) if CYRILLIC.search(word) else word
            else:
                new = _rewrite_word(word, scheme)
            if new != word:
                out.append(Replacement(tk.starts[t], tk.ends[t], word, new, "person"))
    return out


def _place_replacement(tk: Tokens, sp: Span, scheme: str, current_names: bool) -> Replacement | None:
    from ..translit import transliterate

    c = sp.best
    if c is None or sp.country:
        return None
    if (c.match in REGIONS and sp.region_word) or (
        c.place.kind in DISTRICT_KINDS and sp.district_word == "inside"
    ):
        start, end = bounds(tk, sp)
        old = tk.text[start:end]
        new = _place_form(c, scheme, current_names, True)
    else:
        start, end = sp.start, sp.end
        old = tk.text[start:end]
        new = _place_form(c, scheme, current_names, False)
        if sp.ending and not sp.ending.startswith("~"):
            suffix = transliterate(sp.ending, scheme) if CYRILLIC.search(sp.ending) else sp.ending
            new += suffix.lower()
    new = _match_case(old, new)
    if new == old:
        return None
    kind: Literal["place", "region", "district"] = "place"
    if c.match in REGIONS:
        kind = "region"
    elif c.place.kind in DISTRICT_KINDS:
        kind = "district"
    return Replacement(start, end, old, new, kind)


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
    from ..translit import scheme_id

    check_text(text)
    scheme = scheme_id(scheme)  # an id or an alias, in any case, as transliterate reads it
    if not text:
        return text, []
    with collector_paused():
        reps = _replacements(text, scheme, current_names)
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


def _replacements(text: str, scheme: str, current_names: bool) -> list[Replacement]:
    tk = tokenize(text)
    people = people_spans(tk)
    person_words = {t for ps in people for t in range(ps.i, ps.j + 1)}
    reps: list[Replacement] = []
    for sp in place_spans(text, tk, person_words):
        if accepted(sp.total):
            r = _place_replacement(tk, sp, scheme, current_names)
            if r is not None:
                reps.append(r)
    for ps in people:
        reps += _person_replacements(tk, ps, scheme)
    return reps


def normalize_text(text: str, *, scheme: str = "conventional", current_names: bool = False) -> str:
    """Every Kazakh place and person name of a text rewritten in one style; all else untouched.

    ``scheme="conventional"`` gives places their conventional English spelling
    (:func:`conventional_name`: Qyzylorda → Kyzylorda, Zhezqazghan → Zhezkazgan) and
    people the ``conventional`` transliteration (Toqaev → Tokayev); any other scheme id transliterates the
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


def reset() -> None:
    """Forget the memoised spellings."""
    _rewrite_word.cache_clear()
    _FORMS.clear()
