"""The words around place names: the country's names and the words that say "region".

One list of each, for every part of the library that reads place names: the geocoder
drops a part of a query that names the country and reads a region word as a region hint;
the gazetteer indexes a region by its name without the region word; the geopy adapter
does not add ", Kazakhstan" to a query that already names it; the text finder does not
take the country for a place in it.

Compared by :func:`~kztranslit.keys.name_key`, so that every spelling counts
(``Qazaqstan`` = ``Казахстан``, ``oblysy`` = ``облысы``): see :func:`country_keys` and
:func:`region_word_keys`.

>>> from kztranslit.keys import name_key
>>> name_key("Қазақстан") in country_keys(), name_key("KAZ") in country_keys()
(True, True)
>>> name_key("Oblast'") in region_word_keys(), name_key("Almaty") in region_word_keys()
(True, False)
"""

from __future__ import annotations

from functools import cache

__all__ = [
    "COUNTRY_CODES",
    "COUNTRY_FORMAL_NAMES",
    "COUNTRY_NAMES",
    "REGION_WORDS",
    "country_keys",
    "region_word_keys",
]

#: Kazakhstan's own name, as a query or a text may write it: English and its common
#: romanizations of the Kazakh, Russian and Kazakh Cyrillic.
COUNTRY_NAMES = ("Kazakhstan", "Kazakstan", "Qazaqstan", "Kazahstan", "Казахстан", "Қазақстан")
#: The state's formal names (English, Russian, Kazakh).
COUNTRY_FORMAL_NAMES = ("Republic of Kazakhstan", "Республика Казахстан", "Қазақстан Республикасы")
#: Codes that stand for the country in addresses: ISO 3166-1 alpha-2 and alpha-3, and the
#: Russian and Latin abbreviation of "Republic of Kazakhstan" (РК, RK).
COUNTRY_CODES = ("KZ", "KAZ", "RK", "РК")

#: The word for "region" (first-level division) after a region's name, in English, Kazakh
#: (Latin and Cyrillic), Russian and their abbreviations: ``Qyzylorda oblysy``,
#: ``Кызылординская область``, ``Kyzylorda Region``, ``Акмолинская обл.``.
REGION_WORDS = (
    "region", "province", "oblast", "oblast'", "oblastʹ", "oblast’", "oblysy", "oblystyq", "oblys",
    "облысы", "область", "обл.", "обл",
)  # fmt: skip


@cache
def country_keys() -> frozenset[str]:
    """Name keys of every name and code of the country above."""
    from .keys import name_key

    return frozenset(name_key(n) for n in (*COUNTRY_NAMES, *COUNTRY_FORMAL_NAMES, *COUNTRY_CODES))


@cache
def region_word_keys() -> frozenset[str]:
    """Name keys of the region words above (``oblast'``, ``oblast``, ``Oblast`` all one key)."""
    from .keys import name_key

    return frozenset(name_key(w) for w in REGION_WORDS)
