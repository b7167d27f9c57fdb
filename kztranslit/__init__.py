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
from .normalize import clean
from .schemes import schemes
from .translit import transliterate

__version__ = "0.1.0"

__all__ = [
    "DataError",
    "KztranslitError",
    "SchemeError",
    "UnknownScheme",
    "__version__",
    "clean",
    "schemes",
    "transliterate",
]
