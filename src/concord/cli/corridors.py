"""``concord route`` and ``concord corridors ...``: routes, corridor shares, critical elements."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from concord.cli._app import JSON_OPTION, app, print_json, print_table

if TYPE_CHECKING:
    from concord.corridors import Scenario

corridors_app = typer.Typer(
    no_args_is_help=True,
    help="Eurasian corridors: compare corridors between regions, find critical links.",
)
app.add_typer(corridors_app, name="corridors")

ByOption = Annotated[
    str, typer.Option("--by", help="Minimise time, cost or generalised (cost + time value).")
]
AvoidOption = Annotated[
    str | None,
    typer.Option("--avoid", help="Countries to avoid, comma-separated (RUS, Russia, רוסיה)."),
]
CloseOption = Annotated[
    str | None,
    typer.Option(
        "--close",
        help="Chokepoints to close: suez, babalmandab, hormuz, bosporus, volgadon, panama, "
        "malacca, gibraltar, sunda, cape.",
    ),
]
ModesOption = Annotated[
    str | None,
    typer.Option("--modes", help="Allowed modes, e.g. 'sea' or 'rail_1435,rail_1520'."),
]
SpeedOption = Annotated[float, typer.Option("--speed", help="Sea speed in knots.")]
VotOption = Annotated[
    float, typer.Option("--vot", help="Value of time, USD per TEU per day (generalised cost).")
]
BorderOption = Annotated[
    float, typer.Option("--border-scale", help="Multiply every border dwell time (1 = as curated).")
]
BorderHoursOption = Annotated[
    list[str] | None,
    typer.Option(
        "--border-hours",
        help="Most likely dwell in hours at a border or transfer, ID=HOURS (a leg id such as "
        "BRE-MAL, or a node id such as BRE for every border/transfer leg at it); repeat or "
        "comma-separate. The range scales with it.",
    ),
]
CapacityOption = Annotated[
    list[str] | None,
    typer.Option(
        "--capacity",
        help="Capacity in TEU/yr of a leg or node, ID=VALUE (e.g. AKT-ALT=50000, AKT=0); "
        "repeat or comma-separate. Used by corridor shares.",
    ),
]
FromOption = Annotated[str, typer.Option("--from", help="Origin place or country.")]
ToOption = Annotated[str, typer.Option("--to", help="Destination place or country.")]


def _split(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").split(",") if part.strip()]


def parse_assignments(option: str, values: list[str] | None) -> tuple[dict[str, float], list[str]]:
    """``['A=1', 'B=2,C=3']`` -> ``({'A': 1.0, 'B': 2.0, 'C': 3.0}, problems)``."""
    out: dict[str, float] = {}
    problems: list[str] = []
    for item in (part for value in values or [] for part in _split(value)):
        key, sep, number = item.rpartition("=")
        if not sep or not key.strip():
            problems.append(f"{option} {item!r}: expected ID=NUMBER")
            continue
        try:
            out[key.strip().upper()] = float(number)
        except ValueError:
            problems.append(f"{option} {item!r}: {number!r} is not a number")
    return out, problems


def _scenario(  # noqa: PLR0917
    avoid: str | None,
    close: str | None,
    modes: str | None,
    speed: float,
    vot: float,
    border_scale: float = 1.0,
    border_hours: list[str] | None = None,
    capacity: list[str] | None = None,
) -> Scenario:
    from concord import corridors
    from concord.errors import ValidationError

    hours, hour_problems = parse_assignments("--border-hours", border_hours)
    caps, cap_problems = parse_assignments("--capacity", capacity)
    if hour_problems or cap_problems:
        raise ValidationError("corridor scenario options", hour_problems + cap_problems)
    mode_list = _split(modes)
    return corridors.scenario(
        avoid=_split(avoid),
        close=_split(close),
        modes=mode_list or None,
        sea_speed_knots=speed,
        value_of_time_usd_per_teu_day=vot,
        border_time_scale=border_scale,
        border_hours=hours,
        capacity_teu_yr=caps,
    )


@app.command("route")
def route_command(  # noqa: PLR0917 - Typer options are parameters
    origin: Annotated[str, typer.Argument(help="Origin: a node (Xian, שיאן) or a country.")],
    destination: Annotated[str, typer.Argument(help="Destination: a node or a country.")],
    by: ByOption = "time",
    avoid: AvoidOption = None,
    close: CloseOption = None,
    modes: ModesOption = None,
    k: Annotated[int, typer.Option("--k", help="Number of alternative routes.")] = 1,
    speed: SpeedOption = 14.0,
    vot: VotOption = 100.0,
    border_scale: BorderOption = 1.0,
    border_hours: BorderHoursOption = None,
    capacity: CapacityOption = None,
    geometry: Annotated[
        bool, typer.Option("--geometry", help="With --json: include leg polylines.")
    ] = False,
    as_json: bool = JSON_OPTION,
) -> None:
    """Best route(s) between two places, with scenario changes (avoid, close, modes)."""
    from concord import corridors

    scen = _scenario(avoid, close, modes, speed, vot, border_scale, border_hours, capacity)
    found = corridors.routes(origin, destination, by=by, k=k, scenario=scen)  # type: ignore[arg-type]
    if as_json:
        print_json(found.to_dict(geometry=geometry))
        return
    for rank, r in enumerate(found.routes, start=1):
        title = (
            f"{rank}. {r.corridor}: {r.time_days:.1f} d "
            f"({r.time_days_min:.1f}-{r.time_days_max:.1f}), USD {r.cost_usd:,.0f}/TEU "
            f"({r.cost_usd_min:,.0f}-{r.cost_usd_max:,.0f}), {r.length_km:,.0f} km"
        )
        rows = [
            [
                f"{leg.from_name} -> {leg.to_name}",
                leg.mode,
                f"{leg.length_km:,.0f}",
                f"{leg.time_h / 24:.1f} ({leg.time_min_h / 24:.1f}-{leg.time_max_h / 24:.1f})",
                f"{leg.cost_usd:,.0f}",
                ",".join(leg.countries),
                ",".join(leg.chokepoints),
            ]
            for leg in r.legs
        ]
        print_table(
            title, ["leg", "mode", "km", "days", "USD/TEU", "countries", "chokepoints"], rows
        )


@corridors_app.command("compare")
def compare_command(  # noqa: PLR0917 - Typer options are parameters
    origin: FromOption = "CHN",
    destination: ToOption = "DEU",
    demand: Annotated[float, typer.Option("--demand", help="Demand in TEU per year.")] = 500_000,
    scale: Annotated[float, typer.Option("--logit-scale", help="Logit scale (mu).")] = 8.0,
    avoid: AvoidOption = None,
    close: CloseOption = None,
    speed: SpeedOption = 14.0,
    vot: VotOption = 100.0,
    border_scale: BorderOption = 1.0,
    border_hours: BorderHoursOption = None,
    capacity: CapacityOption = None,
    as_json: bool = JSON_OPTION,
) -> None:
    """Corridor shares between two regions (logit on generalised cost, within capacities)."""
    from concord import corridors

    scen = _scenario(avoid, close, None, speed, vot, border_scale, border_hours, capacity)
    result = corridors.compare(
        origin, destination, scenario=scen, demand_teu=demand, logit_scale=scale
    )
    if as_json:
        print_json(result.to_dict())
        return
    rows = [
        [
            c.corridor,
            f"{100 * c.share:.1f} %",
            f"{100 * c.share_unconstrained:.1f} %",
            f"{c.flow_teu:,.0f}",
            f"{c.route.time_days:.1f}",
            f"{c.route.cost_usd:,.0f}",
            " - ".join(c.route.node_names),
        ]
        for c in result.corridors
    ]
    print_table(
        f"{result.origin} -> {result.destination}, {result.demand_teu:,.0f} TEU/yr",
        ["corridor", "share", "unconstrained", "TEU/yr", "days", "USD/TEU", "via"],
        rows,
    )
    for resource, load, cap in result.binding:
        typer.echo(f"binding capacity: {resource} {load:,.0f} of {cap:,.0f} TEU/yr")


@corridors_app.command("critical")
def critical_command(  # noqa: PLR0917 - Typer options are parameters
    origin: FromOption = "CHN",
    destination: ToOption = "DEU",
    top: Annotated[int, typer.Option("--top", help="How many elements to show.")] = 10,
    avoid: AvoidOption = None,
    close: CloseOption = None,
    modes: ModesOption = None,
    vot: VotOption = 100.0,
    border_scale: BorderOption = 1.0,
    border_hours: BorderHoursOption = None,
    as_json: bool = JSON_OPTION,
) -> None:
    """Nodes, legs and chokepoints ranked by the generalised-cost increase when removed."""
    from concord import corridors

    scen = _scenario(avoid, close, modes, 14.0, vot, border_scale, border_hours)
    result = corridors.criticality(origin, destination, scenario=scen)
    if as_json:
        print_json(result.to_dict(n=top))
        return
    rows = [
        [
            row["kind"],
            row["name"],
            "disconnects" if row["disconnects"] else f"{row['delta_time_days']:+.1f}",
            "" if row["disconnects"] else f"{row['delta_cost_usd']:+,.0f}",
            "" if row["disconnects"] else f"{row['delta_gcost_usd']:+,.0f}",
            row["corridor_after"] or "",
        ]
        for row in result.rows[:top]
    ]
    print_table(
        f"critical elements {result.origin} -> {result.destination}; base: {result.base.corridor}",
        ["kind", "element", "+days", "+USD/TEU", "+generalised", "then via"],
        rows,
    )
