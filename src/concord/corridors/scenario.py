"""Corridor scenarios: a frozen spec of what is avoided, closed, changed.

``Scenario`` is hashable, so networks and sea legs are cached per scenario. Build one with
:func:`scenario`, which resolves country names through the evidence base (Hebrew included),
normalises chokepoint names and collects every problem before raising once.

Chokepoints (canonical names, with the searoute passages they close):

========== ==================================================================
suez        Suez Canal (searoute ``suez``)
babalmandab Bab-el-Mandeb (``babalmandab``)
hormuz      Strait of Hormuz (``ormuz``)
bosporus    Turkish Straits (``bosporus`` and ``dardanelles``)
volgadon    Volga-Don link through Russia (tagged by Concord, see ``sea.py``)
panama      Panama Canal (``panama``)
malacca     Strait of Malacca (``malacca``)
gibraltar   Strait of Gibraltar (``gibraltar``)
sunda       Sunda Strait (``sunda``)
cape        Cape of Good Hope (``south_africa``)
========== ==================================================================
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Literal

from concord.errors import UnknownEntityError, ValidationError

Objective = Literal["time", "cost", "generalised"]
OBJECTIVES: tuple[Objective, ...] = ("time", "cost", "generalised")

CHOKEPOINTS: dict[str, tuple[str, ...]] = {
    "suez": ("suez",),
    "babalmandab": ("babalmandab",),
    "hormuz": ("ormuz",),
    "bosporus": ("bosporus", "dardanelles"),
    "volgadon": ("volga_don",),
    "panama": ("panama",),
    "malacca": ("malacca",),
    "gibraltar": ("gibraltar",),
    "sunda": ("sunda",),
    "cape": ("south_africa",),
}
_CHOKEPOINT_ALIASES = {
    "ormuz": "hormuz",
    "strait of hormuz": "hormuz",
    "bab-el-mandeb": "babalmandab",
    "bab el mandeb": "babalmandab",
    "bab-al-mandab": "babalmandab",
    "red sea": "babalmandab",
    "suez canal": "suez",
    "volga-don": "volgadon",
    "volga_don": "volgadon",
    "volga don": "volgadon",
    "dardanelles": "bosporus",
    "turkish straits": "bosporus",
    "panama canal": "panama",
    "south_africa": "cape",
    "cape of good hope": "cape",
}
#: searoute passage -> canonical chokepoint name (as reported on routes)
PASSAGE_NAMES: dict[str, str] = {p: name for name, ps in CHOKEPOINTS.items() for p in ps}
PASSAGE_NAMES.update({"northwest": "arctic", "bering": "arctic", "chili": "magellan"})
#: Passages inside one country's territory: avoiding the country closes them.
PASSAGE_COUNTRY: dict[str, str] = {
    "suez": "EGY",
    "bosporus": "TUR",
    "dardanelles": "TUR",
    "volga_don": "RUS",
    "panama": "PAN",
}


def is_adjustable(mode: str, countries: tuple[str, ...], dwell_max_h: float) -> bool:
    """Whether ``border_hours`` may change a leg's dwell: border and transshipment legs, and land
    legs that cross a border with a dwell (e.g. the Rasht-Astara road with the IR-AZ border)."""
    if mode in ("border", "transshipment"):
        return True
    return mode not in ("sea", "caspian_ferry") and len(countries) > 1 and dwell_max_h > 0


_MODES = ("rail_1435", "rail_1520", "road", "sea", "caspian_ferry", "border", "transshipment")


@dataclass(frozen=True, slots=True)
class Scenario:
    """What the network looks like in a scenario. All fields hashable; build with ``scenario()``.

    ``modes`` limits the travel modes (None = all; border and transshipment legs always stay).
    ``capacity_teu_yr`` and ``border_hours`` are sorted ``(id, value)`` pairs: capacity
    overrides (TEU/yr) by leg or node id; the most likely dwell (hours) of a border or
    transshipment leg, by leg id, the range scaled with it (``scenario()`` expands a node id to
    every such leg at the node). ``border_time_scale`` multiplies every border dwell.
    ``panama_detour`` keeps Panama open when the Red Sea is closed (by default Concord closes
    Panama with Suez or Bab-el-Mandeb so that Asia-Europe traffic goes round the Cape,
    corridors.md §1.3).
    """

    name: str = "baseline"
    avoid: frozenset[str] = frozenset()
    close: frozenset[str] = frozenset()
    modes: frozenset[str] | None = None
    sea_speed_knots: float = 14.0
    value_of_time_usd_per_teu_day: float = 100.0
    open_arctic: bool = False
    panama_detour: bool = False
    border_time_scale: float = 1.0
    capacity_teu_yr: tuple[tuple[str, float], ...] = ()
    border_hours: tuple[tuple[str, float], ...] = ()
    removed_nodes: frozenset[str] = frozenset()
    removed_legs: frozenset[str] = frozenset()
    notes: tuple[str, ...] = field(default=(), compare=False)

    def sea_restrictions(self) -> frozenset[str]:
        """The complete searoute restriction list (searoute replaces its default with it)."""
        closed = {p for name in self.close for p in CHOKEPOINTS[name]}
        if not self.open_arctic:
            closed |= {"northwest", "bering"}
        if not self.panama_detour and closed & {"suez", "babalmandab"}:
            closed.add("panama")
        closed |= {p for p, iso3 in PASSAGE_COUNTRY.items() if iso3 in self.avoid}
        return frozenset(closed)

    def with_removed(self, *, nodes: Iterable[str] = (), legs: Iterable[str] = ()) -> Scenario:
        """A copy with more nodes or legs removed (used by criticality)."""
        return replace(
            self,
            removed_nodes=self.removed_nodes | frozenset(nodes),
            removed_legs=self.removed_legs | frozenset(legs),
        )

    def to_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "avoid": sorted(self.avoid),
            "close": sorted(self.close),
            "modes": sorted(self.modes) if self.modes is not None else None,
            "sea_speed_knots": self.sea_speed_knots,
            "value_of_time_usd_per_teu_day": self.value_of_time_usd_per_teu_day,
            "sea_restrictions": sorted(self.sea_restrictions()),
        }


def chokepoint_name(name: str) -> str:
    """Canonical chokepoint name for ``name`` ('Hormuz', 'ormuz', 'Bab-el-Mandeb', ...)."""
    key = name.strip().lower()
    key = _CHOKEPOINT_ALIASES.get(key, key)
    if key not in CHOKEPOINTS:
        raise UnknownEntityError("chokepoint", name, sorted(CHOKEPOINTS))
    return key


def _resolve_country(name: str) -> str:
    from concord import kb

    return kb.resolve_country(name)


def _resolve_all(
    items: Iterable[str], resolve: Callable[[str], str], problems: list[str]
) -> set[str]:
    """Resolve every item; unknown names are added to ``problems`` instead of raising."""
    found: set[str] = set()
    for item in items:
        try:
            found.add(resolve(item))
        except UnknownEntityError as exc:
            problems.append(str(exc))
    return found


def scenario(
    *,
    name: str = "baseline",
    avoid: Iterable[str] = (),
    close: Iterable[str] = (),
    modes: Iterable[str] | None = None,
    sea_speed_knots: float = 14.0,
    value_of_time_usd_per_teu_day: float = 100.0,
    open_arctic: bool = False,
    panama_detour: bool = False,
    border_time_scale: float = 1.0,
    capacity_teu_yr: Mapping[str, float] | None = None,
    border_hours: Mapping[str, float] | None = None,
) -> Scenario:
    """Validate and freeze a corridor scenario; country names in any language, codes too."""
    problems: list[str] = []
    countries = _resolve_all(avoid, _resolve_country, problems)
    closed = _resolve_all(close, chokepoint_name, problems)
    mode_set = None if modes is None else frozenset(m.strip() for m in modes)
    if mode_set is not None:
        problems += [
            f"unknown mode {m!r} (one of {', '.join(_MODES)})" for m in mode_set - set(_MODES)
        ]
    if not 3.0 <= sea_speed_knots <= 30.0:
        problems.append(f"sea_speed_knots must be within 3-30, got {sea_speed_knots}")
    if value_of_time_usd_per_teu_day < 0:
        problems.append("value_of_time_usd_per_teu_day must be >= 0")
    if border_time_scale < 0:
        problems.append("border_time_scale must be >= 0")
    caps = dict(capacity_teu_yr or {})
    problems += [f"capacity of {k} must be >= 0, got {v}" for k, v in caps.items() if v < 0]
    problems += [f"capacity override for unknown leg or node {k!r}" for k in caps if not _known(k)]
    hours: dict[str, float] = {}
    for key, value in (border_hours or {}).items():
        if value < 0:
            problems.append(f"border hours of {key} must be >= 0, got {value}")
        legs, problem = _border_legs(key)
        hours.update(dict.fromkeys(legs, float(value)))
        problems += [problem] if problem else []
    if problems:
        raise ValidationError("corridor scenario", problems)
    return Scenario(
        name=name,
        avoid=frozenset(countries),
        close=frozenset(closed),
        modes=mode_set,
        sea_speed_knots=float(sea_speed_knots),
        value_of_time_usd_per_teu_day=float(value_of_time_usd_per_teu_day),
        open_arctic=open_arctic,
        panama_detour=panama_detour,
        border_time_scale=float(border_time_scale),
        capacity_teu_yr=tuple(sorted((k, float(v)) for k, v in caps.items())),
        border_hours=tuple(sorted((k, float(v)) for k, v in hours.items())),
    )


def _known(key: str) -> bool:
    from concord.corridors._data import legs_table, nodes_table

    return key in set(legs_table()["id"]) or key in set(nodes_table()["id"])


def _border_legs(key: str) -> tuple[list[str], str | None]:
    """The border or transshipment legs ``key`` (a leg or node id) stands for, or a problem."""
    from concord.corridors._data import legs_table

    legs = legs_table()
    adjustable = [
        str(leg_id)
        for leg_id, mode, countries, high in zip(
            legs["id"], legs["mode"], legs["countries"], legs["dwell_max_h"], strict=True
        )
        if is_adjustable(str(mode), tuple(countries), float(high))
    ]
    if key in set(legs["id"]):
        if key not in adjustable:
            return [], f"border hours: leg {key!r} has no border or transfer dwell"
        return [key], None
    ends = legs.set_index("id").loc[adjustable, ["from_id", "to_id"]]
    at_node = [leg for leg, row in ends.iterrows() if key in (row["from_id"], row["to_id"])]
    if not at_node:
        return [], (
            f"border hours: {key!r} is neither a border or transshipment leg nor a node with one "
            f"(e.g. {', '.join(adjustable[:6])})"
        )
    return [str(leg) for leg in at_node], None


BASELINE = Scenario()

__all__ = [
    "BASELINE",
    "CHOKEPOINTS",
    "OBJECTIVES",
    "PASSAGE_COUNTRY",
    "PASSAGE_NAMES",
    "Objective",
    "Scenario",
    "chokepoint_name",
    "is_adjustable",
    "scenario",
]
