"""Turning Factbook profiles into sourced facts (predicates as in the kb contract).

The Factbook's values are strings; the parsers here are small pure functions with the quirks of
facts.md section 6.4 handled explicitly:

- border lists are split on ';' (and on ',' directly after "km", a typo in ``pl.json``), never on
  " and ", so "Bosnia and Herzegovina" survives; several sectors of one border ("Russia
  (northeast) 4,133 km and Russia (northwest) 46 km") are **summed** into one
  ``border_length_km`` fact whose note lists the sectors; parenthetical remarks after a length
  ("(of which 225 km ...)") go to the note;
- keys are matched ignoring outer spaces (Area's ``"total "``);
- partner lists are parsed item by item on "<name> <n>%", so "Gambia, The 4%" stays one name;
  known upstream errors listed in ``data/factbook_errata.csv`` are kept but annotated;
- the reference year is taken from each string ("(2024 est.)", "(2023)").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from concord.kb.curated import Fact
from concord.kb.factbook import FACTBOOK_AS_OF, FACTBOOK_SOURCE, Profile, profiles

if TYPE_CHECKING:
    import pandas as pd

    from concord.kb.registry import Registry

#: Columns of :func:`factbook_errata`.
ERRATA_COLUMNS = ("subject", "predicate", "object", "note", "source")

_MULTIPLIERS = {"trillion": 1e12, "billion": 1e9, "million": 1e6, "thousand": 1e3}
_NUMBER = re.compile(r"(-?\d[\d,]*(?:\.\d+)?)\s*(trillion|billion|million|thousand)?", re.I)
_YEAR = re.compile(r"\((?:[^()]*?\b)?((?:19|20)\d{2})\b[^()]*\)\s*$")
_AFTER_KM = re.compile(r"(\d)\s*km\s*\(([^()]*)\)")
_BORDER_ITEM = re.compile(r"(?:^|\s)(?:and\s+)?(?P<name>\S.*?)\s+(?P<km>\d[\d,]*(?:\.\d+)?)\s*km\b")
_PARTNER_ITEM = re.compile(r"(?:^|,)\s*(?P<name>[^%]+?)\s+(?P<pct>\d+(?:\.\d+)?)\s*%")
_PAREN = re.compile(r"^(?P<base>.*?)\s*\((?P<inner>[^()]*)\)\s*$")
_COORD = re.compile(r"(\d+)\s+(\d+)\s*([NS]),\s*(\d+)\s+(\d+)\s*([EW])")


@dataclass(frozen=True, slots=True)
class BorderItem:
    """One neighbour in a border list; several sectors of one neighbour are separate items."""

    name: str
    sector: str | None
    km: float
    remark: str | None
    text: str


def parse_number(text: str | None) -> float | None:
    """First number in ``text`` with its multiplier: "$288.406 billion (2024 est.)" -> 2.884e11."""
    if not text:
        return None
    match = _NUMBER.search(text)
    if match is None:
        return None
    value = float(match.group(1).replace(",", ""))
    scale = match.group(2)
    return value * _MULTIPLIERS[scale.lower()] if scale else value


def parse_year(text: str | None) -> str | None:
    """The year in a trailing parenthesis: "$91.908 billion (2024 est.)" -> "2024"."""
    if not text:
        return None
    match = _YEAR.search(text.strip())
    return match.group(1) if match else None


def parse_borders(text: str) -> list[BorderItem]:
    """Parse a "border countries" string into items (see the module docstring)."""
    remarks: dict[str, str] = {}

    def stash(match: re.Match[str]) -> str:
        key = f"#{len(remarks)}#"
        remarks[key] = match.group(2).strip()
        return f"{match.group(1)} km {key}"

    cleaned = _AFTER_KM.sub(stash, text)
    items: list[BorderItem] = []
    for part in re.split(r";|(?<=km),\s*", cleaned):
        for match in _BORDER_ITEM.finditer(part.strip()):
            name = match.group("name").strip()
            tail = part[match.end() :]
            remark_keys = re.match(r"\s*(#\d+#)", tail)
            remark = remarks.get(remark_keys.group(1)) if remark_keys else None
            name = re.sub(r"#\d+#\s*", "", name).strip()
            sector = None
            paren = _PAREN.match(name)
            if paren:
                name, sector = paren.group("base"), paren.group("inner")
            raw = match.group(0).strip()
            if remark:
                raw = f"{raw} ({remark})"
            items.append(
                BorderItem(name, sector, float(match.group("km").replace(",", "")), remark, raw)
            )
    return items


def parse_partners(text: str) -> list[tuple[str, float]]:
    """Parse "China 16%, UK 15%, Gambia, The 4% (2023)" into (name, share) pairs."""
    body = re.sub(r"\s*\([^()]*\)\s*$", "", text.strip())
    return [(m.group("name").strip(), float(m.group("pct"))) for m in _PARTNER_ITEM.finditer(body)]


def parse_coordinates(text: str | None) -> tuple[float, float] | None:
    """ "51 10 N, 71 25 E" -> (51.1667, 71.4167)."""
    match = _COORD.search(text or "")
    if match is None:
        return None
    d1, m1, h1, d2, m2, h2 = match.groups()
    lat = (int(d1) + int(m1) / 60) * (1 if h1 == "N" else -1)
    lon = (int(d2) + int(m2) / 60) * (1 if h2 == "E" else -1)
    return round(lat, 4), round(lon, 4)


def split_top_level(text: str, separators: str = ",;") -> list[str]:
    """Split on separators outside parentheses."""
    parts: list[str] = []
    current: list[str] = []
    depth = 0
    for char in text:
        depth += (char == "(") - (char == ")")
        if char in separators and depth == 0:
            parts.append("".join(current).strip())
            current = []
        else:
            current.append(char)
    parts.append("".join(current).strip())
    return [p for p in parts if p]


def parse_resources(text: str) -> list[tuple[str, str | None]]:
    """Resource names from a "Natural resources" string, with parenthetical remarks as notes.

    Prose fragments (longer than five words, or not starting a name) are dropped.
    """
    found: list[tuple[str, str | None]] = []
    for raw in split_top_level(text):
        item = re.sub(r"^(and |or )", "", raw.split(":")[-1].strip())
        item = re.sub(r"^(major |large |significant )?(deposits|reserves) of ", "", item)
        paren = _PAREN.match(item)
        name, remark = (paren.group("base"), paren.group("inner")) if paren else (item, None)
        name = name.strip()
        if name and name.lower() != "note" and len(name.split()) <= 5 and "(" not in name:
            found.append((name, remark))
    return found


# -- profile -> facts -------------------------------------------------------------------------
class _Emitter:
    """Collects facts for one profile with the Factbook source and the profile's URL."""

    def __init__(self, profile: Profile, subject: str, note: str | None) -> None:
        self.profile, self.subject, self.note = profile, subject, note
        self.facts: list[Fact] = []

    def add(
        self,
        predicate: str,
        value: float | None,
        *,
        obj: str | None = None,
        unit: str | None = None,
        as_of: str | None = None,
        quote: str | None = None,
        note: str | None = None,
    ) -> None:
        notes = "; ".join(n for n in (note, self.note) if n) or None
        self.facts.append(
            Fact(
                self.subject,
                predicate,
                obj,
                value,
                unit,
                as_of or FACTBOOK_AS_OF,
                FACTBOOK_SOURCE,
                self.profile.source_url,
                quote,
                notes,
            )
        )


def _per_year(profile: Profile, names: tuple[str, ...]) -> Iterator[tuple[str, str]]:
    """(year, text) for each yearly sub-key of the first field found under Economy."""
    for name in names:
        node = profile.field("Economy", name)
        if not isinstance(node, dict):
            continue
        for key in sorted(node):
            leaf = node[key]
            if isinstance(leaf, dict) and isinstance(leaf.get("text"), str):
                year = parse_year(leaf["text"]) or (
                    key.strip()[-4:] if key.strip()[-4:].isdigit() else None
                )
                yield year or FACTBOOK_AS_OF, leaf["text"]
        return


def _geography(out: _Emitter, reg: Registry, errata: dict[tuple[str, str, str], str]) -> None:
    profile = out.profile
    total = profile.text("Geography", "Land boundaries", "total")
    if total and parse_number(total) is not None:
        out.add("land_boundary_total_km", parse_number(total), unit="km", quote=total)
    borders = profile.text("Geography", "Land boundaries", "border countries")
    if borders:
        _borders(out, reg, borders)
    area = profile.text("Geography", "Area", "total")
    if area and parse_number(area) is not None:
        out.add("area_sq_km", parse_number(area), unit="sq km", quote=area)
    coast = profile.text("Geography", "Coastline")
    if coast and parse_number(coast) is not None:
        out.add("coastline_km", parse_number(coast), unit="km", quote=coast)
    resources = profile.text("Geography", "Natural resources")
    for name, remark in parse_resources(resources or ""):
        out.add("natural_resource", None, obj=name, quote=resources, note=remark)


def _borders(out: _Emitter, reg: Registry, text: str) -> None:
    grouped: dict[str, list[BorderItem]] = {}
    for item in parse_borders(text):
        full = f"{item.name} ({item.sector})" if item.sector else item.name
        key = reg.lookup(full) or reg.lookup(item.name) or item.name
        grouped.setdefault(key, []).append(item)
    for neighbour, items in grouped.items():
        total = sum(i.km for i in items)
        notes = [i.remark for i in items if i.remark]
        if len(items) > 1:
            parts = " + ".join(f"{i.sector or i.name} {i.km:,g} km" for i in items)
            notes.insert(0, f"sum of {len(items)} sectors: {parts}")
        if reg.lookup(neighbour) is None:
            notes.append("neighbour name not resolved to an ISO code")
        out.add(
            "border_length_km",
            total,
            obj=neighbour,
            unit="km",
            quote="; ".join(i.text for i in items),
            note="; ".join(notes) or None,
        )


def _economy(out: _Emitter, reg: Registry, errata: dict[tuple[str, str, str], str]) -> None:
    profile = out.profile
    gdp = profile.text("Economy", "GDP (official exchange rate)")
    if gdp and parse_number(gdp) is not None:
        out.add(
            "gdp_usd",
            parse_number(gdp),
            unit="USD",
            as_of=parse_year(gdp),
            quote=gdp,
            note="current dollars at official exchange rate",
        )
    series = (
        (
            "real_gdp_ppp_usd",
            ("Real GDP (purchasing power parity)", "GDP (purchasing power parity) - real"),
            "USD",
            "PPP, constant 2021 dollars",
        ),
        ("real_gdp_growth_pct", ("Real GDP growth rate", "GDP real growth rate"), "%", None),
        (
            "real_gdp_per_capita_ppp_usd",
            ("Real GDP per capita", "GDP - per capita (PPP)"),
            "USD",
            "PPP, constant 2021 dollars",
        ),
        ("exports_usd", ("Exports",), "USD", "goods and services, current dollars"),
        ("imports_usd", ("Imports",), "USD", "goods and services, current dollars"),
    )
    for predicate, names, unit, note in series:
        for year, text in _per_year(profile, names):
            if parse_number(text) is not None:
                out.add(predicate, parse_number(text), unit=unit, as_of=year, quote=text, note=note)
    for field, predicate in (
        ("Exports - partners", "export_partner_share_pct"),
        ("Imports - partners", "import_partner_share_pct"),
    ):
        partners_text = profile.text("Economy", field)
        if not partners_text:
            continue
        for name, share in parse_partners(partners_text):
            partner = reg.lookup(name) or name
            note = errata.get((out.subject, predicate, partner))
            if reg.lookup(name) is None:
                note = "; ".join(filter(None, (note, "partner name not resolved to an ISO code")))
            out.add(
                predicate,
                share,
                obj=partner,
                unit="%",
                as_of=parse_year(partners_text),
                quote=f"{name} {share:g}%",
                note=note,
            )


def _government(out: _Emitter) -> None:
    profile = out.profile
    capital = profile.text("Government", "Capital", "name")
    if capital:
        name = re.split(r";|\(|<", capital)[0].strip()
        out.add("capital", None, obj=name, quote=capital)
        coords = parse_coordinates(profile.text("Government", "Capital", "geographic coordinates"))
        if coords:
            out.add("capital_lat", coords[0], obj=name, unit="deg")
            out.add("capital_lon", coords[1], obj=name, unit="deg")
    orgs = profile.text("Government", "International organization participation")
    for item in split_top_level(orgs or ""):
        paren = _PAREN.match(item)
        abbreviation, remark = (
            (paren.group("base"), paren.group("inner")) if paren else (item, None)
        )
        out.add("io_participation", None, obj=abbreviation.strip(), note=remark)
    languages = profile.text("People and Society", "Languages", "Languages") or profile.text(
        "People and Society", "Languages"
    )
    if languages:
        _languages(out, languages)


def _languages(out: _Emitter, text: str) -> None:
    year = parse_year(text)
    body = re.sub(r"\s*\([^()]*\b(?:19|20)\d{2}\b[^()]*\)\s*$", "", text)
    for item in split_top_level(body):
        match = re.match(
            r"^(?P<name>[^\d(%]+)\s*(?:\((?P<inner>[^)]*)\))?\s*(?P<pct>\d+(?:\.\d+)?%)?", item
        )
        if match is None:
            continue
        name = match.group("name").strip()
        if not name or not (name[0].isupper() or name == "other") or len(name.split()) > 4:
            continue
        inner = match.group("inner") or ""
        value = float(match.group("pct").rstrip("%")) if match.group("pct") else None
        note = "official" if "official" in inner.lower() else None
        out.add(
            "language",
            value,
            obj=name,
            unit="%" if value is not None else None,
            as_of=year,
            quote=item,
            note=note,
        )


def profile_facts(
    profile: Profile,
    subject: str,
    reg: Registry,
    *,
    note: str | None = None,
    errata: dict[tuple[str, str, str], str] | None = None,
) -> list[Fact]:
    """All facts of one Factbook profile about ``subject`` (an ISO3 code)."""
    out = _Emitter(profile, subject, note)
    _geography(out, reg, errata or {})
    _economy(out, reg, errata or {})
    _government(out)
    return out.facts


def load_errata() -> dict[tuple[str, str, str], str]:
    """Known upstream errors: (subject, predicate, object) -> note."""
    from concord.kb.registry import read_data_csv

    return {
        (r["subject"], r["predicate"], r["object"]): f"{r['note']} ({r['source']})"
        for r in read_data_csv("factbook_errata.csv")
    }


def factbook_errata() -> pd.DataFrame:
    """Known upstream errors of the Factbook, from ``data/factbook_errata.csv``.

    Columns ``subject, predicate, object, note, source``: one row per fact key. Such facts stay
    in the store (their note carries the erratum) but are wrong; code that computes with
    Factbook facts (e.g. the trade baseline) leaves out the facts with these keys.
    """
    import pandas as pd

    from concord.kb.registry import read_data_csv

    rows = read_data_csv("factbook_errata.csv")
    return pd.DataFrame(rows, columns=list(ERRATA_COLUMNS))


def factbook_facts(reg: Registry) -> list[Fact]:
    """Facts from every Factbook profile that maps to an ISO3 code."""
    errata = load_errata()
    mapped = [(p, reg.from_gec(p.gec)) for p in profiles()]
    counts: dict[str, int] = {}
    for _, iso3 in mapped:
        if iso3:
            counts[iso3] = counts.get(iso3, 0) + 1
    facts: list[Fact] = []
    for profile, iso3 in mapped:
        if iso3 is None:
            continue
        shared = None
        if counts[iso3] > 1:
            shared = (
                f"from the Factbook profile '{profile.gec}' "
                f"(one of {counts[iso3]} profiles for {iso3})"
            )
        facts.extend(profile_facts(profile, iso3, reg, note=shared, errata=errata))
    return facts
