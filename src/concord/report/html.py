"""The single-file HTML report: question and answer first, charts, map, claims, evidence.

plotly.js (from the installed ``plotly`` package) is inlined once in the page head; each figure
is embedded as JSON and drawn by a few lines of script. The file needs no network: no CDN, no
tiles, no fetched topology (maps are drawn from package-shipped Natural Earth outlines).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from concord.report.model import Band, ReportModel, fmt

if TYPE_CHECKING:
    import plotly.graph_objects as go


@lru_cache(maxsize=1)
def plotly_js() -> str:
    """The plotly.js bundle shipped by the installed plotly package."""
    from plotly.offline import get_plotlyjs

    return get_plotlyjs().replace("</script", "<\\/script")


@lru_cache(maxsize=4)
def _template_text(name: str) -> str:
    return (resources.files("concord.report") / "templates" / name).read_text(encoding="utf-8")


def _change_chart(
    series: Sequence[tuple[str, Sequence[tuple[str, Band]]]], *, title: str
) -> go.Figure:
    """Bars with bands of changes; the axis names the unit of the first series' first row."""
    from concord.report.charts import band_chart

    unit = series[0][1][0][1].unit if series[0][1] else ""
    return band_chart(
        [(name, list(rows)) for name, rows in series],
        title=title,
        axis_title=f"change ({unit})" if unit else "change",
    )


def report_figures(model: ReportModel) -> dict[str, go.Figure]:
    """The figures of a report, keyed by the ``data-figure`` names the template uses."""
    from concord.report.charts import (
        dependency_chart,
        distribution_chart,
        spread_chart,
    )
    from concord.report.maps import corridor_map

    figures: dict[str, go.Figure] = {}
    if model.income:
        figures["income"] = _change_chart(
            [("real income", model.income)], title="Change in real income"
        )
    if model.trade:
        figures["trade"] = _change_chart(list(model.trade), title="Change in trade")
    if model.pairs:
        figures["pairs"] = _change_chart(
            [("pair trade", model.pairs)], title="Change in trade between pairs"
        )
    if model.dependency:
        figures["dependency"] = dependency_chart(
            model.dependency, title="Trade shares with the great powers, before and after"
        )
    if model.spreads:
        figures["spreads"] = spread_chart(
            model.spreads, title="Monte Carlo: real income across the draws of the effect"
        )
    if model.distributions:
        figures["distributions"] = distribution_chart(
            model.distributions, title="Monte Carlo draws"
        )
    if model.routes:
        figures["map"] = corridor_map(
            [route.geometry for route in model.routes if route.geometry.get("legs")],
            highlight=model.highlight,
            title="Corridors in play",
        )
    return figures


def _figures_json(figures: Mapping[str, go.Figure]) -> str:
    payload = {name: json.loads(fig.to_json()) for name, fig in figures.items()}
    for fig in payload.values():
        fig["layout"].pop("template", None)
        fig["layout"]["template"] = {}
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    return text.replace("</", "<\\/").replace("<!--", "<\\!--")


def build_model(result: ReportModel | Any, *, corridors: bool = True) -> ReportModel:
    """The report model of a result; with ``corridors``, routes of its new members are added."""
    from dataclasses import replace

    from concord.report.adapter import as_dict, report_model
    from concord.report.corridors import corridors_in_play

    if isinstance(result, ReportModel):
        return result
    data = as_dict(result)
    if not corridors or "routes" in data:
        return report_model(data)
    routes, notes = corridors_in_play(data)
    model = report_model(data, routes=routes)
    return replace(model, notes=model.notes + tuple(notes)) if notes else model


def render_html(
    result: ReportModel | Any, *, generated: datetime | None = None, corridors: bool = True
) -> str:
    """The report page for a scenario result (or a ready :class:`ReportModel`) as one string.

    ``corridors`` adds a map of the routes that connect and cross the scenario's new members.
    """
    from jinja2 import Environment, select_autoescape
    from markupsafe import Markup

    from concord import __version__

    model = build_model(result, corridors=corridors)
    figures = report_figures(model)
    env = Environment(autoescape=select_autoescape(default=True, default_for_string=True))
    template = env.from_string(_template_text("report.html"))
    index = model.evidence_index()
    return template.render(
        model=model,
        version=__version__,
        generated=(generated or datetime.now(UTC)).strftime("%Y-%m-%d %H:%M UTC"),
        css=Markup(_template_text("report.css")),
        plotly_js=Markup(plotly_js()) if figures else "",
        figures=figures,
        figures_json=Markup(_figures_json(figures)),
        evidence_index=index,
        evidence_titles={
            item.id: f"{item.source}{', ' + item.date if item.date else ''}"
            for item in model.evidence
        },
        fmt=fmt,
    )


def write_html(result: ReportModel | Any, path: str | Path, *, corridors: bool = True) -> Path:
    """Write the single-file HTML report of ``result`` to ``path``; return the path."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    text = render_html(result, corridors=corridors)
    tmp = target.with_suffix(target.suffix + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(target)
    return target


__all__ = ["build_model", "plotly_js", "render_html", "report_figures", "write_html"]
