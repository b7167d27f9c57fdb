"""GeoPandas: the gazetteer's places and areas as GeoDataFrames; points for geocoded rows.

``pip install '.[geopandas]'`` (GeoPandas and Shapely). The frames have the columns
of :mod:`kztranslit.export` (one row per place or area, the same values as its files) and a
``geometry`` column, in WGS 84 longitude/latitude (``EPSG:4326``):

>>> import kztranslit.geopandas as kzgpd
>>> towns = kzgpd.places(kinds=["city", "town"], region="Kyzylorda Region")
>>> towns.crs.to_epsg(), towns.geometry.geom_type.unique().tolist()
(4326, ['Point'])
>>> towns.loc[towns["name"] == "Kyzylorda", ["kato", "district"]].values.tolist()
[['431010000', 'Kyzylorda City Administration']]
>>> districts = kzgpd.areas("districts", region="KZ-43")
>>> len(districts), districts.geometry.geom_type.unique().tolist()
(8, ['MultiPolygon'])
>>> bool(districts.contains(towns.geometry.iloc[0]).any())
True

:func:`points` turns the columns ``lat``/``lon`` of any frame into a GeoDataFrame; the pandas
accessor uses it for ``series.kz.geocode(geometry=True)``:

>>> import pandas as pd
>>> import kztranslit.pandas
>>> where = pd.Series(["Кызылорда", "Bishkek"]).kz.geocode(geometry=True)
>>> [None if g is None else (g.x, g.y) for g in where.geometry]
[(65.50917, 44.85278), None]
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

try:
    import geopandas as gpd
    import pandas as pd
    import shapely
except ImportError as e:  # pragma: no cover - depends on the environment
    from .errors import MissingExtra

    raise MissingExtra("kztranslit.geopandas", "GeoPandas and Shapely", "geopandas") from e

from .export import AREA_COLUMNS, PLACE_COLUMNS, area_record, multipolygon, place_record, select_areas
from .export import select_places as _select_places

__all__ = ["CRS", "areas", "places", "points"]

CRS = "EPSG:4326"
"""The coordinate reference system of every frame: WGS 84 (GeoJSON's, GeoParquet's), x = longitude."""


def points(frame: pd.DataFrame, *, lat: str = "lat", lon: str = "lon") -> gpd.GeoDataFrame:
    """``frame`` with a ``geometry`` column of points from its ``lat``/``lon`` columns (None where missing).

    >>> points(pd.DataFrame({"lat": [43.25, None], "lon": [76.92, None]})).geometry.tolist()
    [<POINT (76.92 43.25)>, None]
    """
    ys = pd.to_numeric(frame[lat], errors="coerce").to_numpy(dtype=float, na_value=float("nan"))
    xs = pd.to_numeric(frame[lon], errors="coerce").to_numpy(dtype=float, na_value=float("nan"))
    geoms = shapely.points(xs, ys)
    missing = pd.isna(ys) | pd.isna(xs)
    geoms[missing] = None
    return gpd.GeoDataFrame(frame, geometry=gpd.GeoSeries(geoms, index=frame.index, crs=CRS), crs=CRS)


def _frame(records: list[dict[str, Any]], columns: Iterable[str]) -> pd.DataFrame:
    cols = list(columns)
    frame = pd.DataFrame.from_records(records, columns=cols) if records else pd.DataFrame(columns=cols)
    for c in ("population", "geonames_id", "wof_id"):
        if c in frame:
            frame[c] = frame[c].astype("Int64")
    return frame


def places(*, kinds: Iterable[str] | None = None, region: str | None = None) -> gpd.GeoDataFrame:
    """The places of the gazetteer (of some ``kinds``, in a ``region``) as points, by id.

    The columns are :data:`kztranslit.export.PLACE_COLUMNS` (``alternate_names`` and
    ``former_names`` as lists) and ``geometry``.
    """
    records = [place_record(p) for p in _select_places(kinds=kinds, region=region)]
    return points(_frame(records, PLACE_COLUMNS))


def areas(layer: str = "districts", *, region: str | None = None) -> gpd.GeoDataFrame:
    """The ``"districts"`` or ``"regions"`` (in a ``region``) as multipolygons, by id.

    The columns are :data:`kztranslit.export.AREA_COLUMNS` and ``geometry``.
    """
    found = select_areas(layer, region=region)
    frame = _frame([area_record(place, area) for place, area in found], AREA_COLUMNS)
    geoms = [shapely.MultiPolygon([(poly[0], poly[1:]) for poly in multipolygon(area)]) for _, area in found]
    return gpd.GeoDataFrame(frame, geometry=gpd.GeoSeries(geoms, index=frame.index, crs=CRS), crs=CRS)
