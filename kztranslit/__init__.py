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

from .errors import DataError, KztranslitError, SchemeError, UnknownScheme
from .gazetteer import FormerName, Place
from .geocode import Match, current_name, geocode, lookup, name_at, reverse, search
from .keys import name_key, name_keys
from .normalize import clean
from .restore import Candidate, detect_scheme, to_cyrillic, to_cyrillic_candidates
from .schemes import schemes
from .translit import transliterate

__version__ = "0.1.0"

__all__ = [
    "Candidate",
    "DataError",
    "FormerName",
    "ImportResult",
    "KazakhGazetteer",
    "KztranslitError",
    "Match",
    "Place",
    "SchemeError",
    "UnknownScheme",
    "__version__",
    "clean",
    "current_name",
    "detect_scheme",
    "geocode",
    "import_geonames",
    "lookup",
    "name_at",
    "name_key",
    "name_keys",
    "reverse",
    "schemes",
    "search",
    "to_cyrillic",
    "to_cyrillic_candidates",
    "transliterate",
]


def __getattr__(name: str) -> object:
    """Optional integrations and the importer, imported on first use (geopy is an optional extra)."""
    if name == "KazakhGazetteer":
        from .geopy import KazakhGazetteer

        return KazakhGazetteer
    if name in ("import_geonames", "ImportResult"):
        from . import importer

        return getattr(importer, name)
    raise AttributeError(f"module 'kztranslit' has no attribute {name!r}")
