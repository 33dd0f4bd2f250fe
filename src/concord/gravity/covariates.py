"""Gravity covariates from the evidence base, for panels without GeoDist.

``kb_covariates(countries)`` returns one row per ordered pair (including i = i) in GeoDist's
layout, so :func:`concord.gravity.geodist.add_geodist` merges it into a panel:

* ``dist`` (km): great-circle (haversine) distance between the capitals' coordinates
  (``capital_lat`` / ``capital_lon`` facts); for i = i the internal distance
  0.67·sqrt(area/π) of CEPII GeoDist (Head & Mayer), from the ``area_sq_km`` fact;
* ``contig``: 1 when a ``border_length_km`` fact links the two countries (either direction);
* ``comlang_off``: 1 when the two countries share an official or primary language, as GeoDist
  defines it: ``language`` facts noted "official", plus each country's most spoken listed
  language, or its only listed one (names compared loosely: "English only" = "English",
  "Castilian Spanish" matches "Spanish", "Standard Chinese or Mandarin" matches "Mandarin");
* ``source``: the sources of the coordinate, area and language facts behind the row.

Missing facts give NaN (distance) so panel validation names the rows. Values follow the
Factbook, not GeoDist: e.g. the Factbook lists only Kazakh as Kazakhstan's official language
(and its language shares overlap), so values can differ from GeoDist's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

EARTH_RADIUS_KM = 6371.0088  # IUGG mean Earth radius
INTERNAL_DISTANCE_FACTOR = 0.67  # CEPII GeoDist: d_ii = 0.67 * sqrt(area / pi)
_DROP_WORDS = re.compile(r"\b(only|standard|official|language|languages)\b")


def great_circle_km(
    lat1: np.ndarray, lon1: np.ndarray, lat2: np.ndarray, lon2: np.ndarray
) -> np.ndarray:
    """Haversine distance in km between points given in degrees (arrays broadcast)."""
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dphi = p2 - p1
    dlmb = np.radians(lon2) - np.radians(lon1)
    h = np.sin(dphi / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dlmb / 2) ** 2
    return np.asarray(2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0))))


def language_keys(name: str) -> set[str]:
    """Loose keys of a language name: lower case, qualifiers dropped, 'X or Y' split."""
    text = re.sub(r"\([^)]*\)", " ", name.lower())
    keys = set()
    for part in re.split(r"\bor\b|\band\b|/|,", text):
        words = _DROP_WORDS.sub(" ", part).split()
        if words and words != ["other"]:
            keys.add(" ".join(words))
            keys.add(words[-1])  # "castilian spanish" also matches "spanish"
    return keys


def _first(facts: pd.DataFrame, predicate: str) -> pd.DataFrame:
    rows = facts[facts["predicate"] == predicate]
    return rows.drop_duplicates("subject").set_index("subject")


def _language_rows(facts: pd.DataFrame) -> pd.DataFrame:
    """Official languages, plus each country's most spoken listed language (the primary one)."""
    rows = facts[facts["predicate"] == "language"]
    official = rows[rows["note"].fillna("") == "official"]
    listed = rows[rows["object"].str.lower() != "other"]
    shares = listed[listed["value"].notna()]
    primary = shares.sort_values("value", ascending=False).drop_duplicates("subject")
    counts = listed["subject"].value_counts()
    only = listed[listed["subject"].map(counts) == 1]  # a single listed language is primary
    return pd.concat([official, primary, only])


def _official_languages(facts: pd.DataFrame) -> dict[str, set[str]]:
    rows = _language_rows(facts)
    out: dict[str, set[str]] = {}
    for subject, name in zip(rows["subject"], rows["object"], strict=True):
        out.setdefault(str(subject), set()).update(language_keys(str(name)))
    return out


def _borders(facts: pd.DataFrame) -> set[tuple[str, str]]:
    rows = facts[(facts["predicate"] == "border_length_km") & (facts["value"].fillna(0) > 0)]
    pairs = set(zip(rows["subject"].astype(str), rows["object"].astype(str), strict=True))
    return pairs | {(b, a) for a, b in pairs}


def _load_facts(base: Any) -> pd.DataFrame:
    predicates = ("capital_lat", "capital_lon", "area_sq_km", "border_length_km", "language")
    return pd.concat([base.facts(predicate=p) for p in predicates], ignore_index=True)


def kb_covariates(
    countries: Sequence[str], *, base: Any | None = None, home: Path | str | None = None
) -> pd.DataFrame:
    """Pair covariates for ``countries`` (names or codes, resolved by the registry).

    Columns: iso_o, iso_d, dist, contig, comlang_off, source. ``base`` is an open
    :class:`concord.kb.KnowledgeBase`; without it the evidence base at ``home`` is opened.
    """
    from concord import kb

    codes = list(dict.fromkeys(kb.resolve_country(c) for c in countries))
    if base is None:
        with kb.open(home) as opened:
            facts = _load_facts(opened)
    else:
        facts = _load_facts(base)
    facts = facts[facts["subject"].isin(codes)]
    lat = _first(facts, "capital_lat")["value"].reindex(codes).to_numpy(dtype=float)
    lon = _first(facts, "capital_lon")["value"].reindex(codes).to_numpy(dtype=float)
    area = _first(facts, "area_sq_km")["value"].reindex(codes).to_numpy(dtype=float)
    n = len(codes)
    i, j = (a.ravel() for a in np.meshgrid(np.arange(n), np.arange(n), indexing="ij"))
    dist = great_circle_km(lat[i], lon[i], lat[j], lon[j])
    internal = INTERNAL_DISTANCE_FACTOR * np.sqrt(area / np.pi)
    dist = np.where(i == j, internal[i], dist)

    borders = _borders(facts)
    official = _official_languages(facts)
    iso = np.array(codes, dtype=object)
    contig = [int((a, b) in borders) for a, b in zip(iso[i], iso[j], strict=True)]
    comlang = [
        int(a != b and bool(official.get(a, set()) & official.get(b, set())))
        for a, b in zip(iso[i], iso[j], strict=True)
    ]
    used = pd.concat(
        [
            facts[facts["predicate"].isin(["capital_lat", "capital_lon", "area_sq_km"])],
            _language_rows(facts),
        ]
    )
    sources = used.groupby("subject")["source"].agg(lambda s: "; ".join(sorted(set(s))))
    source = sources.reindex(codes).fillna("").to_numpy(dtype=object)
    pair_source = [a if a == b else f"{a} | {b}" for a, b in zip(source[i], source[j], strict=True)]
    return pd.DataFrame(
        {
            "iso_o": iso[i],
            "iso_d": iso[j],
            "dist": dist,
            "contig": contig,
            "comlang_off": comlang,
            "source": pair_source,
        }
    )
