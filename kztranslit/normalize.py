"""Normalization: small pure functions, composed in one documented order.

:func:`clean` is what every other part of the library runs on its input first:

1. :func:`check_text` — a ``str`` or a clear ``TypeError``;
2. NFC (:func:`nfc`) — decomposed ``И`` + U+0306 becomes ``Й``, ``Е`` + U+0308 ``Ё``;
3. :func:`repair_legacy` — letters of pre-Unicode Kazakh fonts that typed
   Kazakh letters on the slots of other Cyrillic letters (``Ќ`` for ``Қ``,
   ``Є`` for ``Ғ``, ``Ґ`` for ``Ө``), repaired inside words that are Cyrillic;
4. :func:`fold_confusables` — Latin look-alike letters inside Cyrillic words
   folded to Cyrillic (``Aқтөбе`` with a Latin A, ``Көшесi`` with a Latin i),
   and Cyrillic look-alikes inside Latin words folded to Latin;
5. :func:`unify_punctuation` — apostrophes, quotes, dashes and spaces unified.

:func:`turkic_lower` and :func:`turkic_upper` give the case mapping of the
2018 and 2021 alphabets (``İ``/``i``, ``I``/``ı``), which Python's own
``str.lower`` gets wrong. :func:`fold_case` is the case folding used by keys.

>>> clean("Aқтөбе")            # Latin A inside a Cyrillic word
'Ақтөбе'
>>> clean("Ќостанай")          # legacy font letter
'Қостанай'
>>> clean("Көшесi") == "Көшесі"
True
>>> turkic_upper("institut"), turkic_lower("ILIM")
('İNSTİTUT', 'ılım')
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

__all__ = [
    "CYRILLIC_CHAR",
    "CYRILLIC_LETTERS",
    "KAZAKH_LETTERS",
    "LETTER",
    "RUSSIAN_FOR_KAZAKH",
    "SURROGATE",
    "bad_text",
    "check_text",
    "clean",
    "fold_case",
    "fold_confusables",
    "has_cyrillic",
    "is_cyrillic",
    "nfc",
    "printable",
    "repair_legacy",
    "russian_style",
    "turkic_lower",
    "turkic_upper",
    "unify_punctuation",
]

#: The nine letters of Kazakh Cyrillic that Russian does not have (both cases).
KAZAKH_LETTERS = "ӘәҒғҚқҢңӨөҰұҮүҺһІі"
#: The Russian letter each of them is written with in Russian-language sources (Қ → К, Ң → Н).
RUSSIAN_FOR_KAZAKH = "АаГгКкНнОоУуУуХхИи"
#: Every letter of the Kazakh and Russian Cyrillic alphabets (both cases).
CYRILLIC_LETTERS = "АаӘәБбВвГгҒғДдЕеЁёЖжЗзИиЙйКкҚқЛлМмНнҢңОоӨөПпРрСсТтУуҰұҮүФфХхҺһЦцЧчШшЩщЪъЫыІіЬьЭэЮюЯя"

# Pre-Unicode Kazakh fonts put the Kazakh letters on the code points of other
# Cyrillic letters of Windows-1251. These three are documented in the project's
# romanization reference and seen in real gazetteer data (WOF, GeoNames). Other slots
# of those fonts (Ў for Ұ, Ї for Ү, Њ for Ң, Ћ for Һ) are not repaired: the letters are
# real Uzbek, Ukrainian and Serbian letters, and no attested Kazakh data needed them.
_LEGACY = str.maketrans({"Ќ": "Қ", "ќ": "қ", "Є": "Ғ", "є": "ғ", "Ґ": "Ө", "ґ": "ө"})
_LEGACY_CHARS = "ЌќЄєҐґ"

# Latin letters that look like Cyrillic ones, and the reverse. Only unambiguous
# shapes: Latin "i" inside a Cyrillic word is Kazakh "і" (a frequent typing habit).
_LAT_TO_CYR = {
    "A": "А", "a": "а", "B": "В", "C": "С", "c": "с", "E": "Е", "e": "е", "H": "Н",
    "I": "І", "i": "і", "K": "К", "M": "М", "O": "О", "o": "о", "P": "Р", "p": "р",
    "T": "Т", "X": "Х", "x": "х", "y": "у", "Y": "Ү", "Ə": "Ә", "ə": "ә", "Ɵ": "Ө",
    "ɵ": "ө", "h": "һ",
}  # fmt: skip
_CYR_TO_LAT = {
    "А": "A", "а": "a", "В": "B", "С": "C", "с": "c", "Е": "E", "е": "e", "Н": "H",
    "І": "I", "і": "i", "К": "K", "М": "M", "О": "O", "о": "o", "Р": "P", "р": "p",
    "Т": "T", "Х": "X", "х": "x", "у": "y",
}  # fmt: skip
_LAT_TO_CYR_T = str.maketrans(_LAT_TO_CYR)
_CYR_TO_LAT_T = str.maketrans(_CYR_TO_LAT)
_CYR_ONLY = "".join(sorted(set(CYRILLIC_LETTERS) - set(_CYR_TO_LAT)))
# A "word": a run of letters (any script) and combining marks.
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
#: A letter of any script: a text without one is no name ("", "12345", "--").
LETTER = re.compile(r"[^\W\d_]")

_PUNCT = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u02bc": "'", "\u02bb": "'", "\u0060": "'",
        "\u00b4": "'", "\u2032": "'", "\u201c": '"', "\u201d": '"', "\u201e": '"',
        "\u00ab": '"', "\u00bb": '"', "\u2010": "-", "\u2011": "-", "\u2012": "-",
        "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-", "\u00a0": " ",
        "\u2007": " ", "\u2009": " ", "\u200a": " ", "\u202f": " ", "\u3000": " ",
        "\u200b": None, "\u200c": None, "\u200d": None, "\ufeff": None, "\u00ad": None,
    }
)  # fmt: skip


def check_text(text: object, *, name: str = "text") -> str:
    """Return ``text`` if it is a ``str``; raise ``TypeError`` naming the type otherwise.

    >>> check_text(12)
    Traceback (most recent call last):
    ...
    TypeError: text must be a str, not int
    """
    if isinstance(text, str):
        return text
    raise TypeError(f"{name} must be a str, not {type(text).__name__}")


#: A lone surrogate: what bytes that are not text become when decoded with ``surrogateescape``
#: (file names, ``sys.argv``, stdin), and what no encoding can write.
SURROGATE = re.compile("[\ud800-\udfff]")


def bad_text(text: str, encoding: str = "UTF-8") -> str | None:
    r"""Why ``text`` (decoded with ``surrogateescape``) is not text, or ``None`` if it is.

    >>> bad_text("Almaty"), bad_text("Alm\udcffaty")
    (None, 'not UTF-8 text (byte 0xff at column 4)')
    """
    m = SURROGATE.search(text)
    if m is None:
        return None
    code = ord(m.group())
    what = f"byte 0x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"lone surrogate U+{code:04X}"
    return f"not {encoding} text ({what} at column {m.start() + 1})"


def printable(text: str) -> str:
    r"""``text`` with its undecodable bytes written as ``\xNN`` and its line end dropped.

    >>> printable("Alm\udcffaty\r\n")
    'Alm\\xffaty'
    """
    text = text.rstrip("\r\n")
    if SURROGATE.search(text) is None:
        return text

    def escape(m: re.Match[str]) -> str:
        code = ord(m.group())
        return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}"

    return SURROGATE.sub(escape, text)


def nfc(text: str) -> str:
    """Unicode NFC (composed) form; a no-op for text that is already NFC."""
    if text.isascii() or unicodedata.is_normalized("NFC", text):
        return text
    return unicodedata.normalize("NFC", text)


_HAS_LEGACY = re.compile(f"[{_LEGACY_CHARS}]")
_HAS_LATIN = re.compile(r"[A-Za-zƏəƟɵ]")
#: A character of the Cyrillic blocks (U+0400–U+052F: Cyrillic and its supplement).
CYRILLIC_CHAR = re.compile(r"[\u0400-\u052f]")


def has_cyrillic(text: str) -> bool:
    """Whether ``text`` holds a Cyrillic character (the one test the library uses for it).

    >>> has_cyrillic("Almaty"), has_cyrillic("Almaty (Алматы)")
    (False, True)
    """
    return CYRILLIC_CHAR.search(text) is not None


def is_cyrillic(text: str) -> bool:
    """Whether ``text`` has letters and every one of them is Cyrillic (digits and signs aside).

    >>> is_cyrillic("Қызылорда-2"), is_cyrillic("Кызылорда / Kyzylorda"), is_cyrillic("12")
    (True, False, False)
    """
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all("\u0400" <= c <= "\u052f" for c in letters)


_RUSSIAN_STYLE = str.maketrans(KAZAKH_LETTERS, RUSSIAN_FOR_KAZAKH)


def russian_style(text: str) -> str:
    """Kazakh Cyrillic written with Russian letters only, as Russian-language sources do.

    >>> russian_style("Қызылорда"), russian_style("Өскемен")
    ('Кызылорда', 'Оскемен')
    """
    return text.translate(_RUSSIAN_STYLE)


_NEEDS_REPAIR = re.compile(f"[{_LEGACY_CHARS}A-Za-zƏəƟɵ]")


def repair_legacy(text: str) -> str:
    """Repair letters of legacy Kazakh fonts (``Ќ`` → ``Қ``, ``Є`` → ``Ғ``, ``Ґ`` → ``Ө``)."""
    if _HAS_LEGACY.search(text) is None:
        return text
    return text.translate(_LEGACY)


#: The inside of a character class of what lower-cases into a–z: A–Z in either case, İ and
#: the Kelvin sign.
A_TO_Z = "a-zA-Z\u0130\u212a"
# The letters look-alike folding counts: Cyrillic; Latin (A–Z, the Latin schwa and barred o);
# Cyrillic letters with no Latin twin; what lower-cases into a–z.
_CYRILLIC_LETTER = re.compile("[" + "".join(re.escape(c) for c in CYRILLIC_LETTERS) + "]")
_LATIN_LETTER = re.compile(f"[{A_TO_Z}Əəɵ]")
_CYRILLIC_ONLY_LETTER = re.compile("[" + "".join(re.escape(c) for c in _CYR_ONLY) + "]")
_A_TO_Z = re.compile(f"[{A_TO_Z}]")
# A word (as ``_WORD`` finds it) with letters of both scripts: each word start is looked at once.
_MIXED_WORD = re.compile(
    r"(?<![^\W\d_])(?=[^\W\d_]*?"
    + _LATIN_LETTER.pattern
    + r")(?=[^\W\d_]*?"
    + _CYRILLIC_LETTER.pattern
    + r")[^\W\d_]+"
)


def _fold_word(word: str) -> str:
    if word.isascii() or _CYRILLIC_LETTER.search(word) is None or _LATIN_LETTER.search(word) is None:
        return word  # one script: nothing to fold
    cyr = len(_CYRILLIC_LETTER.findall(word))
    lat = len(_LATIN_LETTER.findall(word))
    if cyr >= lat or _CYRILLIC_ONLY_LETTER.search(word):
        folded = word.translate(_LAT_TO_CYR_T)
        # Only fold when every Latin letter had a Cyrillic twin.
        return folded if _A_TO_Z.search(folded) is None else word
    folded = word.translate(_CYR_TO_LAT_T)
    return folded if _CYRILLIC_LETTER.search(folded) is None else word


def fold_confusables(text: str) -> str:
    """Fold look-alike letters of the other script inside a word.

    A word with more Cyrillic letters (or any letter only Cyrillic has) gets its
    Latin look-alikes turned Cyrillic; a mostly Latin word gets its Cyrillic
    look-alikes turned Latin. Words that mix letters with no twin stay as they are.

    >>> fold_confusables("Copaн Pavlodar")
    'Соран Pavlodar'
    """
    if text.isascii() or _HAS_LATIN.search(text) is None or CYRILLIC_CHAR.search(text) is None:
        return text  # one script only: nothing to fold
    return sub_each_once(_MIXED_WORD, _fold_word, text)


#: Distinct matches :func:`sub_each_once` remembers within one call.
SUB_MEMO = 50_000


def sub_each_once(pattern: re.Pattern[str], replace: Callable[[str], str], text: str) -> str:
    """``pattern.sub`` with ``replace`` called once for each distinct match (a long text
    repeats its words); the first :data:`SUB_MEMO` distinct matches are remembered.

    >>> sub_each_once(re.compile(r"\\w+"), str.upper, "aa bb aa")
    'AA BB AA'
    """
    seen: dict[str, str] = {}

    def one(m: re.Match[str]) -> str:
        found = m.group()
        out = seen.get(found)
        if out is None:
            out = replace(found)
            if len(seen) < SUB_MEMO:
                seen[found] = out
        return out

    return pattern.sub(one, text)


def unify_punctuation(text: str) -> str:
    """One apostrophe (``'``), one double quote, one hyphen, plain spaces; drop invisible marks.

    >>> unify_punctuation("Zatobol’sk — «Kyzylorda»")
    'Zatobol\\'sk - "Kyzylorda"'
    """
    if text.isascii():
        return text
    return text.translate(_PUNCT)


def clean(text: object) -> str:
    """Type check, NFC, legacy letters, look-alikes: what every entry point runs first.

    Punctuation is kept (the schemes' outputs depend on it); see :func:`unify_punctuation`.
    """
    s = check_text(text)
    if s.isascii():
        return s
    if not unicodedata.is_normalized("NFC", s):
        s = unicodedata.normalize("NFC", s)
    if _NEEDS_REPAIR.search(s) is None:  # no legacy letter, no Latin letter: nothing to fold
        return s
    return fold_confusables(repair_legacy(s))


_TURKIC_UPPER = str.maketrans({"i": "İ", "ı": "I"})
_TURKIC_LOWER = str.maketrans({"İ": "i", "I": "ı"})


def turkic_upper(text: str) -> str:
    """Upper case with ``i`` → ``İ`` and ``ı`` → ``I`` (2021 alphabet)."""
    return text.translate(_TURKIC_UPPER).upper()


def turkic_lower(text: str) -> str:
    """Lower case with ``İ`` → ``i`` and ``I`` → ``ı`` (2021 alphabet)."""
    return text.translate(_TURKIC_LOWER).lower()


def fold_case(text: str) -> str:
    """Case folding for matching: dotted and dotless i fold together to ``i``.

    >>> fold_case("İLIM"), fold_case("ılım")
    ('ilim', 'ilim')
    """
    return text.replace("İ", "i").replace("ı", "i").casefold()
