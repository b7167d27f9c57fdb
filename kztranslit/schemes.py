"""Schemes as data, and the one small engine that runs them all.

A scheme is a TOML file in ``data/schemes/``: ``<id>.toml`` for the direction
from Cyrillic to Latin, ``<id>.reverse.toml`` for a Latin → Cyrillic direction
that is not the plain inverse of the forward table. A file holds its metadata
(name, authority, year, sources, notes with the decisions taken), a ``[map]``
of letters, ordered ``[[rules]]`` for letter sequences and context, optional
``[title]`` outputs, ``[options]`` and its own ``samples``. See
``data/schemes/README.md`` for the format.

The engine (:class:`Compiled`) is a ``str.translate`` table for the
context-free letters plus one regular expression for everything that depends
on context: rules with a letter before or after, word start or end, letter
sequences, and capitals whose Latin output has two letters (``Ш`` is ``Sh``
in ``Шымкент`` but ``SH`` in ``ШЫМКЕНТ``). Text without such spots is a
single ``translate`` call. Both passes are linear in the length of the text.

Nothing is read at import: the registry is built on first use, under a lock.
"""

from __future__ import annotations

import re
import sys
import threading
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from ._data import Lazy, data_path
from .errors import SchemeError, UnknownScheme
from .normalize import CYRILLIC_LETTERS, turkic_lower, turkic_upper

__all__ = ["Compiled", "Detect", "Sample", "Scheme", "compiled", "get_scheme", "registry", "schemes"]

Direction = Literal["to_latin", "to_cyrillic"]
OptionValue = bool | str

_LETTER = r"[^\W\d_]"


@dataclass(frozen=True, slots=True)
class Sample:
    """One test vector of a scheme: ``source`` gives ``expected`` under ``options``."""

    source: str
    expected: str
    options: Mapping[str, OptionValue] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Option:
    """An option a scheme accepts, with its default and the values it allows."""

    name: str
    default: OptionValue
    choices: tuple[OptionValue, ...]
    doc: str


@dataclass(frozen=True, slots=True)
class Detect:
    """What marks a scheme's output, for :func:`kztranslit.detect_scheme` (``[detect]`` table).

    ``markers``: letters or letter groups (lower case) that this scheme writes and most others
    do not; ``variants``: characters that other implementations of the same system write
    (ICU's ī̆ and ë for BGN/PCGN), accepted as the scheme's own; ``rank``: the order among
    schemes that fit a text equally well (lower first); ``fallback``: the scheme named for
    Latin text that no scheme marks.
    """

    markers: tuple[str, ...] = ()
    variants: tuple[str, ...] = ()
    rank: int = 100
    fallback: bool = False


@dataclass(frozen=True, slots=True)
class Rule:
    src: str
    out: str
    prev: str | None = None  # letters allowed before; "^" = word start
    next: str | None = None  # letters allowed after; "$" = word end
    when: Mapping[str, OptionValue] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Scheme:
    """A transliteration scheme in one direction, as read from its data file."""

    id: str
    direction: Direction
    name: str
    authority: str
    year: int | None
    sources: tuple[str, ...]
    input: str  # "kk", "ru" or "latin"
    reversible: bool
    aliases: tuple[str, ...]
    case: str  # "default" or "turkic"
    notes: str
    path: str
    letters: Mapping[str, str]
    title: Mapping[str, str]
    rules: tuple[Rule, ...]
    options: Mapping[str, Option]
    samples: tuple[Sample, ...]
    detect: Detect = field(default_factory=lambda: Detect())

    def metadata(self) -> dict[str, Any]:
        """Metadata for listings: id, name, authority, year, sources, reversible, options."""
        return {
            "id": self.id,
            "direction": self.direction,
            "name": self.name,
            "authority": self.authority,
            "year": self.year,
            "source": self.sources[0] if self.sources else "",
            "sources": list(self.sources),
            "input": self.input,
            "reversible": self.reversible,
            "aliases": list(self.aliases),
            "options": {o.name: o.default for o in self.options.values()},
        }


# ---------------------------------------------------------------------------
# Loading and validation


def _err(path: str, msg: str) -> SchemeError:
    return SchemeError(f"{path}: {msg}")


def _opts(raw: object, path: str, where: str) -> dict[str, OptionValue]:
    if raw is None:
        return {}
    if not isinstance(raw, dict) or not all(isinstance(v, bool | str) for v in raw.values()):
        raise _err(path, f"{where}: options must be a table of booleans or strings")
    return dict(raw)


_TOP_KEYS = {
    "id", "name", "authority", "year", "input", "reversible", "aliases", "source", "notes",
    "case", "samples", "map", "title", "rules", "options", "detect",
}  # fmt: skip
_DETECT_KEYS = {"markers", "variants", "rank", "fallback"}


def _detect(raw: object, path: str) -> Detect:
    if raw is None:
        return Detect()
    if not isinstance(raw, dict) or set(raw) - _DETECT_KEYS:
        raise _err(path, f"[detect] takes only {sorted(_DETECT_KEYS)}")
    lists = {}
    for key in ("markers", "variants"):
        value = raw.get(key, [])
        if not isinstance(value, list) or not all(isinstance(x, str) and x for x in value):
            raise _err(path, f"[detect] {key} must be a list of non-empty strings")
        lists[key] = tuple(unicodedata.normalize("NFC", x) for x in value)
    rank, fallback = raw.get("rank", 100), raw.get("fallback", False)
    if not isinstance(rank, int) or not isinstance(fallback, bool):
        raise _err(path, "[detect] rank must be an integer and fallback a boolean")
    return Detect(lists["markers"], lists["variants"], rank, fallback)


_RULE_KEYS = {"src", "out", "prev", "next", "when", "note"}


def _load(path_name: str, text: str, direction: Direction) -> Scheme:
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise _err(path_name, f"invalid TOML: {e}") from None
    for key in ("id", "name", "authority", "input"):
        if not isinstance(raw.get(key), str) or not raw[key]:
            raise _err(path_name, f"missing string field {key!r}")
    letters = raw.get("map", {})
    if not isinstance(letters, dict) or not all(
        isinstance(k, str) and isinstance(v, str) and k for k, v in letters.items()
    ):
        raise _err(path_name, "[map] must map non-empty strings to strings")
    for k in letters:
        if k != k.lower() and k != turkic_lower(k):
            raise _err(path_name, f"[map] key {k!r} must be lower case")
    title = raw.get("title", {})
    if not isinstance(title, dict):
        raise _err(path_name, "[title] must be a table")
    options: dict[str, Option] = {}
    for name, spec in raw.get("options", {}).items():
        if not isinstance(spec, dict) or "default" not in spec:
            raise _err(path_name, f"option {name!r} needs a default")
        default = spec["default"]
        choices = tuple(spec.get("choices", [True, False] if isinstance(default, bool) else []))
        if default not in choices:
            raise _err(path_name, f"option {name!r}: default {default!r} not among {choices!r}")
        options[name] = Option(name, default, choices, str(spec.get("doc", "")))
    rules: list[Rule] = []
    unknown = set(raw) - _TOP_KEYS
    if unknown:
        raise _err(path_name, f"unknown fields {sorted(unknown)} (samples must precede tables)")
    for i, r in enumerate(raw.get("rules", [])):
        where = f"rule {i + 1} ({r.get('src')!r})"
        if set(r) - _RULE_KEYS:
            raise _err(path_name, f"{where}: unknown fields {sorted(set(r) - _RULE_KEYS)}")
        if not isinstance(r.get("src"), str) or not r["src"] or not isinstance(r.get("out"), str):
            raise _err(path_name, f"{where}: needs string 'src' and 'out'")
        when = _opts(r.get("when"), path_name, where)
        for name, value in when.items():
            if name not in options or value not in options[name].choices:
                raise _err(path_name, f"{where}: unknown option value {name}={value!r}")
        rules.append(Rule(r["src"], r["out"], r.get("prev"), r.get("next"), when))
    samples: list[Sample] = []
    for i, s in enumerate(raw.get("samples", [])):
        if not (isinstance(s, list) and len(s) in (2, 3) and all(isinstance(x, str) for x in s[:2])):
            raise _err(path_name, f"sample {i + 1} must be [source, expected] or [.., .., {{options}}]")
        opts = _opts(s[2] if len(s) == 3 else None, path_name, f"sample {i + 1}")
        samples.append(Sample(s[0], s[1], opts))
    sources = raw.get("source", [])
    if isinstance(sources, str):
        sources = [sources]
    year = raw.get("year")
    scheme = Scheme(
        id=raw["id"],
        direction=direction,
        name=raw["name"],
        authority=raw["authority"],
        year=year if isinstance(year, int) else None,
        sources=tuple(sources),
        input=raw["input"],
        reversible=bool(raw.get("reversible", False)),
        aliases=tuple(raw.get("aliases", [])),
        case=str(raw.get("case", "default")),
        notes=str(raw.get("notes", "")),
        path=path_name,
        letters=letters,
        title=title,
        rules=tuple(rules),
        options=options,
        samples=tuple(samples),
        detect=_detect(raw.get("detect"), path_name),
    )
    if direction == "to_latin":
        missing = [c for c in CYRILLIC_LETTERS if c.islower() and c not in letters]
        if missing:
            raise _err(path_name, f"[map] lacks Cyrillic letters {''.join(missing)}")
    return scheme


def _invert(scheme: Scheme) -> Scheme:
    """The plain inverse of a reversible scheme (its letter table read backwards)."""
    inverse: dict[str, str] = {}
    for k, v in scheme.letters.items():
        if not v:
            continue
        key = turkic_lower(v) if scheme.case == "turkic" else v.lower()
        if key in inverse and inverse[key] != k:
            raise _err(scheme.path, f"reversible, but {v!r} comes from both {inverse[key]!r} and {k!r}")
        inverse[key] = k
    rules = tuple(Rule(src, out) for src, out in inverse.items() if len(src) > 1)
    letters = {src: out for src, out in inverse.items() if len(src) == 1}
    return Scheme(
        id=scheme.id,
        direction="to_cyrillic",
        name=scheme.name + " (reverse)",
        authority=scheme.authority,
        year=scheme.year,
        sources=scheme.sources,
        input="latin",
        reversible=True,
        aliases=scheme.aliases,
        case=scheme.case,
        notes="Plain inverse of the forward table.",
        path=scheme.path,
        letters=letters,
        title={},
        rules=rules,
        options={},
        samples=tuple(Sample(s.expected, s.source) for s in scheme.samples if not s.options),
    )


class _Registry:
    def __init__(self) -> None:
        self.by_key: dict[tuple[str, Direction], Scheme] = {}
        self.alias: dict[str, str] = {}
        folder = data_path("schemes")
        for path in sorted(folder.glob("*.toml")):
            direction: Direction = "to_cyrillic" if path.name.endswith(".reverse.toml") else "to_latin"
            scheme = _load(path.name, path.read_text(encoding="utf-8"), direction)
            key = (scheme.id, direction)
            if key in self.by_key:
                raise _err(path.name, f"scheme {scheme.id!r} ({direction}) defined twice")
            self.by_key[key] = scheme
        for (sid, direction), scheme in list(self.by_key.items()):
            if direction == "to_latin":
                for alias in scheme.aliases:
                    self.alias[alias] = sid
                if scheme.reversible and (sid, "to_cyrillic") not in self.by_key:
                    self.by_key[(sid, "to_cyrillic")] = _invert(scheme)

    def ids(self, direction: Direction | None = None) -> list[str]:
        return sorted({sid for sid, d in self.by_key if direction is None or d == direction})

    def resolve(self, scheme: object, direction: Direction) -> Scheme:
        if not isinstance(scheme, str):
            raise TypeError(f"scheme must be a str, not {type(scheme).__name__}")
        sid = self.alias.get(scheme, scheme)
        found = self.by_key.get((sid, direction))
        if found is None:
            raise UnknownScheme(scheme, self.ids(direction))
        return found


_REGISTRY: Lazy[_Registry] = Lazy(_Registry)


def registry() -> _Registry:
    return _REGISTRY.get()


def get_scheme(scheme: str, direction: Direction = "to_latin") -> Scheme:
    """The :class:`Scheme` for an id or alias; raises :class:`UnknownScheme` listing valid ids."""
    return registry().resolve(scheme, direction)


def schemes() -> dict[str, dict[str, Any]]:
    """Every Cyrillic → Latin scheme id with its metadata (authority, year, source, reversible).

    >>> meta = schemes()["bgn_pcgn"]
    >>> meta["year"], meta["reversible"]
    (1979, False)
    """
    reg = registry()
    out: dict[str, dict[str, Any]] = {}
    for sid in reg.ids("to_latin"):
        meta = reg.by_key[(sid, "to_latin")].metadata()
        meta["reverse"] = (sid, "to_cyrillic") in reg.by_key
        out[sid] = meta
    return out


# ---------------------------------------------------------------------------
# The engine


_Node = dict[str, "_Node"]  # a trie: letter → the rest ("" marks a word's end)


def _trie(words: Iterable[str]) -> str:
    """A pattern matching exactly ``words``, shaped as their trie (``ab|ac`` → ``a(?:b|c)``)."""
    root: _Node = {}
    for w in words:
        node = root
        for c in w:
            node = node.setdefault(c, {})
        node[""] = {}

    def pattern(node: _Node) -> str:
        alts = [re.escape(c) + pattern(node[c]) for c in sorted(node) if c]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return pattern(root)


def _class(chars: Iterable[str]) -> str:
    return "[" + "".join(re.escape(c) for c in sorted(set(chars))) + "]"


class Compiled:
    """A scheme compiled for a set of options: call :meth:`apply` on NFC text."""

    def __init__(self, scheme: Scheme, options: Mapping[str, OptionValue]) -> None:
        self.scheme = scheme
        self.options = dict(options)
        turkic = scheme.case == "turkic"
        latin_src = scheme.input == "latin"
        self._upper_out: Callable[[str], str] = turkic_upper if turkic and not latin_src else str.upper
        self._upper_src: Callable[[str], str] = turkic_upper if turkic and latin_src else str.upper

        active = [r for r in scheme.rules if all(options.get(k) == v for k, v in r.when.items())]
        # Context-free single letters: rules without context override the map.
        single: dict[str, str] = dict(scheme.letters)
        seq_rules: list[Rule] = []
        for r in active:
            if len(r.src) == 1 and r.prev is None and r.next is None:
                single[r.src] = r.out
            else:
                seq_rules.append(r)
        table: dict[int, str] = {}
        caps_special: list[str] = []
        upper_letters: set[str] = set()
        for src, out in single.items():
            table[ord(src)] = out
            up = self._upper_src(src)  # a str
            if len(up) != 1 or up == src:  # caseless (ʹ ’): the lower-case entry stands
                continue
            upper_letters.add(up)
            title = self._title(src, out)
            table[ord(up)] = title
            if title != self._upper_out(out):
                caps_special.append(up)
        for r in seq_rules:
            upper_letters.update(c for c in self._upper_src(r.src) if c.isalpha())
        self._table = table
        self._rules = seq_rules

        parts: list[str] = []
        ordered = sorted(seq_rules, key=lambda r: -len(r.src))  # stable: file order kept
        for r in ordered:
            variants = self._case_variants(r.src)
            body = "|".join(re.escape(v) for v in sorted(variants, key=len, reverse=True))
            parts.append(f"{self._before(r.prev)}({body}){self._after(r.next)}")
        # One capturing group per rule, in order, so `lastindex` names the rule.
        self._rule_of_group = {i + 1: r for i, r in enumerate(ordered)}
        if caps_special:
            x, u = _class(caps_special), _class(upper_letters)
            parts.append(f"({x})(?={u})|(?<={u})({x})(?!{_LETTER})")
        self._regex = re.compile("|".join(parts)) if parts else None
        # Where a rule can start: its spellings as one trie-shaped pattern of literals, which
        # the regex engine scans fast (the full pattern, all groups and lookarounds, costs
        # some microseconds at every position); the full pattern runs only where one starts.
        bodies = {v for r in seq_rules for v in self._case_variants(r.src)} | set(caps_special)
        self._starts = re.compile(_trie(bodies)) if bodies else None
        self._caps_only = not seq_rules
        # The two passes are only equivalent if no output can be read again as input.
        outs = "".join(table.values()) + "".join(r.out for r in seq_rules)
        # Outputs with combining marks (ISO 9's a̋, ALA-LC's ties) need NFC after the run.
        self.needs_nfc = any(unicodedata.combining(c) for c in outs)
        clash = {c for c in outs if ord(c) in table}
        if clash:
            raise _err(scheme.path, f"outputs {''.join(sorted(clash))!r} are also inputs")

    def _case_variants(self, src: str) -> set[str]:
        """The spellings of a rule's source the regex matches: every mix of cases for a source
        of up to three letters (``тс``, ``Тс``, ``ТС`` and ``тС``), else lower, title and upper."""
        up = self._upper_src
        if len(src) > 3:
            return {src, up(src[0]) + src[1:], up(src)}
        variants = {""}
        for c in src:
            u = up(c)
            options = {c, u} if len(u) == 1 else {c}
            variants = {v + o for v in variants for o in options}
        return variants

    def _before(self, prev: str | None) -> str:
        return self._context(prev, "^", "(?<!{})", "(?<={})")

    def _after(self, nxt: str | None) -> str:
        return self._context(nxt, "$", "(?!{})", "(?={})")

    def _context(self, allowed: str | None, edge: str, at_edge: str, beside: str) -> str:
        """A lookaround for a rule's neighbour: letters (either case) or the word's edge."""
        if allowed is None:
            return ""
        alts = []
        chars = allowed.replace(edge, "")
        if edge in allowed:
            alts.append(at_edge.format(_LETTER))
        if chars:
            both = set(chars) | {self._upper_src(c) for c in chars if len(self._upper_src(c)) == 1}
            alts.append(beside.format(_class(both)))
        return "(?:" + "|".join(alts) + ")"

    def _title(self, src: str, out: str) -> str:
        explicit = self.scheme.title.get(src)
        if explicit is not None:
            return explicit
        for i, c in enumerate(out):
            if c.isalpha():
                return out[:i] + self._upper_out(c) + out[i + 1 :]
        return out

    def _cased(self, chunk: str, src: str, out: str, text: str, start: int, end: int) -> str:
        first = chunk[0]
        letters = [c for c in chunk if c.isupper() or c.islower()]  # cased letters only (not ʼ)
        upper = [c.isupper() for c in letters]
        if len(letters) > 1 and any(upper[1:]) and not all(upper):
            mixed = self._mixed(chunk, src, out, text, end)  # тС → t·S, шЧ → sh·Ch
            if mixed is not None:
                return mixed
        if not first.isupper():
            return out
        if len(letters) > 1:
            caps = all(c.isupper() for c in letters)
        else:
            nxt = text[end] if end < len(text) else ""
            prv = text[start - 1] if start > 0 else ""
            caps = nxt.isupper() or (not nxt.isalpha() and prv.isupper())
        return self._upper_out(out) if caps else self._title(src, out)

    def _mixed(self, chunk: str, src: str, out: str, text: str, end: int) -> str | None:
        """A rule's output re-cased letter by letter for a source in mixed case (``тС``).

        Works where the output is the letters' own outputs with signs between them (the
        interpunct rules: ``t·s`` = ``t`` + ``·`` + ``s``); ``None`` otherwise.
        """
        if len(chunk) != len(src):
            return None
        parts: list[str] = []
        pos = 0
        for i, c in enumerate(src):
            own = self._table.get(ord(c))
            if own is None or not out.startswith(own, pos):
                return None
            sign_end = pos + len(own)
            while i + 1 < len(src) and sign_end < len(out) and not out[sign_end].isalpha():
                sign_end += 1  # the interpunct (or another sign) before the next letter's output
            sign = out[pos + len(own) : sign_end]
            nxt = chunk[i + 1] if i + 1 < len(chunk) else (text[end] if end < len(text) else "")
            if chunk[i].isupper():
                own = self._upper_out(own) if nxt.isupper() else self._title(c, own)
            parts.append(own + sign)
            pos = sign_end
        return "".join(parts) if pos == len(out) else None

    def _sub(self, m: re.Match[str]) -> str:
        g = m.lastindex or 0
        chunk = m.group(g)
        rule = self._rule_of_group.get(g)
        if rule is not None:
            return self._cased(chunk, rule.src, rule.out, m.string, m.start(g), m.end(g))
        # A capital with a two-letter output in an ALL-CAPS word.
        return self._upper_out(self._table[ord(chunk)])

    def apply(self, text: str) -> str:
        """Transliterate ``text`` (already cleaned and NFC)."""
        regex, starts = self._regex, self._starts
        # With no context rules, only ALL-CAPS words need the regex: Title Case and lower case skip it.
        if regex is None or starts is None or (self._caps_only and (text.istitle() or text.islower())):
            return text.translate(self._table)
        # ``regex.sub(self._sub, text)``, with the full pattern tried only where a rule starts.
        parts: list[str] = []
        done = pos = 0
        while (hit := starts.search(text, pos)) is not None:
            at = hit.start()
            m = regex.match(text, at)  # its lookbehinds still see the text before ``at``
            if m is None:
                pos = at + 1
                continue
            parts += (text[done:at], self._sub(m))
            done = pos = m.end()
        if parts:
            parts.append(text[done:])
            text = "".join(parts)
        return text.translate(self._table)


_COMPILED: dict[tuple[str, str, tuple[tuple[str, object], ...]], Compiled] = {}
_COMPILED_LOCK = threading.Lock()


def compiled(scheme: str, direction: Direction, options: Mapping[str, object]) -> Compiled:
    """The compiled engine for a scheme, direction and options (cached)."""
    if not options:
        fast = _DEFAULTS.get((scheme, direction))
        if fast is not None:
            return fast
        found = _compiled(scheme, direction, {})
        _DEFAULTS[(scheme, direction)] = found
        return found
    return _compiled(scheme, direction, options)


_DEFAULTS: dict[tuple[str, str], Compiled] = {}


def _compiled(scheme: str, direction: Direction, options: Mapping[str, object]) -> Compiled:
    key_opts = tuple(sorted(options.items())) if options else ()
    key = (scheme, direction, key_opts)
    found = _COMPILED.get(key)
    if found is not None:
        return found
    sch = get_scheme(scheme, direction)
    full: dict[str, OptionValue] = {name: o.default for name, o in sch.options.items()}
    for name, value in options.items():
        if name not in sch.options:
            valid = ", ".join(sorted(sch.options)) or "none"
            raise SchemeError(f"scheme {sch.id!r} has no option {name!r} (options: {valid})")
        if value not in sch.options[name].choices:
            choices = ", ".join(map(repr, sch.options[name].choices))
            raise SchemeError(f"option {name!r} of {sch.id!r} must be one of {choices}")
        full[name] = sch.options[name].choices[sch.options[name].choices.index(value)]
    with _COMPILED_LOCK:
        found = _COMPILED.get(key)
        if found is None:
            found = Compiled(sch, full)
            _COMPILED[key] = found
    return found
