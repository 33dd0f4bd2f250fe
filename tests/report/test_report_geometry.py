"""Map geometry comes from a registry package, works offline and is cached."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from concord.errors import InputError
from concord.report.geometry import EURASIA_BBOX, country_outlines
from concord.report.maps import RouteLine, corridor_map


def test_outlines_cover_eurasia_with_the_corridor_countries() -> None:
    outlines = {o.iso3: o for o in country_outlines()}
    for iso3 in ("KAZ", "CHN", "RUS", "AZE", "GEO", "TUR", "IRN", "DEU", "ISR", "ARE", "UZB"):
        assert iso3 in outlines, iso3
    kaz = outlines["KAZ"]
    lon = [x for ring in kaz.rings for x in ring[0]]
    lat = [y for ring in kaz.rings for y in ring[1]]
    # Kazakhstan spans about 46.5-87.3 E and 40.6-55.4 N (Natural Earth)
    assert 45 < min(lon) < 48 and 86 < max(lon) < 88.5
    assert 40 < min(lat) < 41.5 and 55 < max(lat) < 56
    lon_min, lat_min, lon_max, lat_max = EURASIA_BBOX
    for outline in outlines.values():
        for ring_lon, ring_lat in outline.rings:
            assert all(lon_min - 1e-6 <= x <= lon_max + 1e-6 for x in ring_lon)
            assert all(lat_min - 1e-6 <= y <= lat_max + 1e-6 for y in ring_lat)


def test_outlines_are_cached_on_disk() -> None:
    country_outlines()
    cache = Path(os.environ["CONCORD_HOME"]) / "cache"
    assert any(p.name.startswith("outlines-") for p in cache.iterdir())


def test_route_with_unequal_lon_lat_is_an_input_error() -> None:
    with pytest.raises(InputError, match="2 longitudes and 1 latitudes"):
        RouteLine.from_mapping({"name": "bad", "legs": [{"lon": [1, 2], "lat": [3]}]})


def test_map_has_no_geo_subplot() -> None:
    fig = corridor_map([{"name": "r", "legs": [{"lon": [51.2, 49.9], "lat": [43.6, 40.4]}]}])
    # geo subplots fetch a topology from a CDN and render blank offline
    assert all(trace.type == "scatter" for trace in fig.data)
    assert "geo" not in fig.to_plotly_json()["layout"]
