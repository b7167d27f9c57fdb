#!/usr/bin/env python3
"""Draw the sample of KATO ↔ Who's On First links that is checked by hand.

A fixed seed draws ``--n`` settlements (villages, towns, cities, settlements) whose coordinates
come from a WOF locality, and prints for each what a reviewer needs to judge the link without
trusting the build: the KATO code, Russian and Kazakh names and district; the WOF record's own
names, its own county (WOF's pre-2022 district, from ``wof:hierarchy``) and the distance from the
WOF point to the KATO district's centre. The reviewer's verdicts live in
``data/gazetteer/reviews/wof_links.tsv`` (this sample, one verdict column added by hand).

    python scripts/sample_links.py --sources ../shared/data > /tmp/sample.tsv
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import math
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLACES = ROOT / "data" / "gazetteer" / "places.tsv"
KINDS = {"village", "town", "city", "settlement"}


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sources", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--n", type=int, default=100)
    ap.add_argument("--seed", type=int, default=20261203)
    args = ap.parse_args(argv)

    with PLACES.open(encoding="utf-8", newline="") as f:
        rows = {r["id"]: r for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)}
    linked = sorted(
        r["id"] for r in rows.values() if r["kato"] and r["wof_id"] and r["status"] in KINDS
    )
    sample = sorted(random.Random(args.seed).sample(linked, args.n), key=lambda i: rows[i]["kato"])
    wanted = {int(rows[i]["wof_id"]) for i in sample}

    wof: dict[int, dict[str, object]] = {}
    with gzip.open(args.sources / "whosonfirst-kz" / "records.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            p = json.loads(line)["properties"]
            wof[int(p["wof:id"])] = p  # every record: counties are needed as well as the sample
    out = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n")
    out.writerow(["kato", "name_ru", "name_kk", "district_ru", "wof_id", "wof_names", "wof_county",
                  "km_to_district_centre"])  # fmt: skip
    for i in sample:
        r = rows[i]
        district = r
        while district["kind"] not in ("district", "region") and district["parent"] in rows:
            district = rows[district["parent"]]
        p = wof[int(r["wof_id"])]
        assert int(r["wof_id"]) in wanted
        names = []
        for key in ("wof:name", "name:rus_x_preferred", "name:kaz_x_preferred", "name:eng_x_preferred"):
            value = p.get(key)
            for n in value if isinstance(value, list) else [value] if value else []:
                if n not in names:
                    names.append(str(n))
        hierarchy = p.get("wof:hierarchy") or [{}]
        county_id = hierarchy[0].get("county_id") if isinstance(hierarchy, list) else None  # type: ignore[union-attr]
        county = wof.get(int(county_id)) if county_id and int(county_id) > 0 else None
        county_name = str(county.get("name:rus_x_preferred", [county["wof:name"]])[0]) if county else ""
        here = (float(p["geom:latitude"]), float(p["geom:longitude"]))  # type: ignore[arg-type]
        centre = (float(district["lat"]), float(district["lon"]))
        out.writerow([r["kato"], r["name_ru"], r["name_kk"], district["name_ru"], r["wof_id"],
                      " | ".join(names), county_name, f"{km(here, centre):.0f}"])  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
