"""kztranslit: every spelling of a Kazakh name.

Transliteration between Kazakh Cyrillic, Russian Cyrillic and every romanization
in real use; keys and scores that make spelling variants of a name meet; an
offline gazetteer of Kazakhstan with former names; names in free text.

>>> import kztranslit
>>> kztranslit.transliterate("Қызылорда", "bgn_pcgn")
'Qyzylorda'

Nothing is loaded at import: scheme files and the gazetteer load on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .errors import (
    DataError,
    InvalidDate,
    KztranslitError,
    PlaceNotFound,
    SchemeError,
    SchemeNotReversible,
    UnknownScheme,
)
from .gazetteer import FormerName, Place, children, parents
from .geocode import Location, Match, current_name, geocode, locate, lookup, name_at, reverse, search
from .keys import name_key, name_keys
from .normalize import clean
from .schemes import schemes
from .translit import transliterate

if TYPE_CHECKING:  # the rest is imported on first use (see __getattr__), typed here
    from .batch import GeocodeResult, geocode_many, transliterate_many
    from .geopy import KazakhGazetteer
    from .importer import ImportResult, import_geonames
    from .match import SAME_NAME_SCORE, extract, extract_one, same_name, similarity
    from .persons import Person, parse_person, to_kazakh_form, to_russian_form
    from .restore import Candidate, detect_scheme, to_cyrillic, to_cyrillic_candidates
    from .text import (
        Mention,
        PersonMention,
        Replacement,
        find_people,
        find_places,
        normalize_text,
        normalize_text_with_replacements,
    )

# Public name -> the submodule that defines it, imported on first access. (The geocoder is
# imported above: its module and its function share the name ``geocode``.)
_LAZY = {
    "GeocodeResult": "batch", "geocode_many": "batch", "transliterate_many": "batch",
    "KazakhGazetteer": "geopy",
    "ImportResult": "importer", "import_geonames": "importer",
    "SAME_NAME_SCORE": "match", "extract": "match", "extract_one": "match", "same_name": "match",
    "similarity": "match",
    "Person": "persons", "parse_person": "persons", "to_kazakh_form": "persons",
    "to_russian_form": "persons",
    "Candidate": "restore", "detect_scheme": "restore", "to_cyrillic": "restore",
    "to_cyrillic_candidates": "restore",
    "Mention": "text", "PersonMention": "text", "Replacement": "text", "find_people": "text",
    "find_places": "text", "normalize_text": "text", "normalize_text_with_replacements": "text",
}  # fmt: skip

__version__ = "0.1.0"

__all__ = [
    "SAME_NAME_SCORE",
    "Candidate",
    "DataError",
    "FormerName",
    "GeocodeResult",
    "ImportResult",
    "InvalidDate",
    "KazakhGazetteer",
    "KztranslitError",
    "Location",
    "Match",
    "Mention",
    "Person",
    "PersonMention",
    "Place",
    "PlaceNotFound",
    "Replacement",
    "SchemeError",
    "SchemeNotReversible",
    "UnknownScheme",
    "__version__",
    "children",
    "clean",
    "current_name",
    "detect_scheme",
    "extract",
    "extract_one",
    "find_people",
    "find_places",
    "geocode",
    "geocode_many",
    "import_geonames",
    "locate",
    "lookup",
    "name_at",
    "name_key",
    "name_keys",
    "normalize_text",
    "normalize_text_with_replacements",
    "parents",
    "parse_person",
    "reverse",
    "same_name",
    "schemes",
    "search",
    "similarity",
    "to_cyrillic",
    "to_cyrillic_candidates",
    "to_kazakh_form",
    "to_russian_form",
    "transliterate",
    "transliterate_many",
]


def __getattr__(name: str) -> object:
    """Import the submodule that defines ``name`` on first use: ``import kztranslit`` stays light."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'kztranslit' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
