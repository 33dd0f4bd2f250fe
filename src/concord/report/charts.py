"""Plotly charts of a scenario report: changes with uncertainty bands, dependency, distributions.

Each function takes the report model's plain rows and returns a ``plotly.graph_objects.Figure``;
none of them touches the network. Bands are drawn as asymmetric error bars from the band's low
to high bound around the central value.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from concord.report.model import Band, DependencyRow, Distribution, Spread

if TYPE_CHECKING:
    import plotly.graph_objects as go

COLOURS = ("#1f6fb2", "#c0392b", "#27864a", "#8e44ad", "#d35400")


def _layout(fig: go.Figure, title: str, *, height: int) -> go.Figure:
    fig.update_layout(
        title={"text": title, "x": 0, "xanchor": "left"},
        height=height,
        margin={"l": 10, "r": 20, "t": 50, "b": 40},
        plot_bgcolor="white",
        paper_bgcolor="white",
        legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 1, "xanchor": "right"},
        bargap=0.25,
    )
    fig.update_xaxes(gridcolor="#e5e5e5", zerolinecolor="#777", automargin=True)
    fig.update_yaxes(gridcolor="#e5e5e5", zerolinecolor="#777", automargin=True)
    return fig


def band_chart(
    series: Sequence[tuple[str, Sequence[tuple[str, Band]]]],
    *,
    title: str,
    axis_title: str,
) -> go.Figure:
    """Horizontal bars of central values with their bands, one colour per series.

    ``series`` is ``[(series_name, [(row_label, band), ...]), ...]``.
    """
    import plotly.graph_objects as go

    fig = go.Figure()
    labels: list[str] = []
    for index, (name, rows) in enumerate(series):
        if not rows:
            continue
        for label, _ in rows:
            if label not in labels:
                labels.append(label)
        values = [band.value for _, band in rows]
        plus = [
            max(band.high - band.value, 0.0) if band.high is not None else 0.0 for _, band in rows
        ]
        minus = [
            max(band.value - band.low, 0.0) if band.low is not None else 0.0 for _, band in rows
        ]
        text = [band.describe() for _, band in rows]
        fig.add_trace(
            go.Bar(
                y=[label for label, _ in rows],
                x=values,
                orientation="h",
                name=name,
                marker_color=COLOURS[index % len(COLOURS)],
                error_x={
                    "type": "data",
                    "symmetric": False,
                    "array": plus,
                    "arrayminus": minus,
                    "color": "#333",
                    "thickness": 1.2,
                },
                text=text,
                hovertemplate="%{y}: %{text}<extra>" + name + "</extra>",
                textposition="none",
            )
        )
    fig.update_layout(barmode="group")
    fig.update_xaxes(title_text=axis_title)
    fig.update_yaxes(categoryorder="array", categoryarray=list(reversed(labels)))
    return _layout(fig, title, height=max(260, 60 + 34 * len(labels) * max(1, len(series))))


def dependency_chart(rows: Sequence[DependencyRow], *, title: str) -> go.Figure:
    """Partner shares before and after, grouped by country and partner."""
    import plotly.graph_objects as go

    labels = [f"{row.country} · {row.partner}" for row in rows]
    fig = go.Figure(
        [
            go.Bar(
                x=labels,
                y=[row.before for row in rows],
                name="before",
                marker_color="#9aa5b1",
                hovertemplate="%{x}: %{y:.2f}<extra>before</extra>",
            ),
            go.Bar(
                x=labels,
                y=[row.after for row in rows],
                name="after",
                marker_color=COLOURS[0],
                hovertemplate="%{x}: %{y:.2f}<extra>after</extra>",
            ),
        ]
    )
    fig.update_layout(barmode="group")
    unit = rows[0].unit if rows else ""
    fig.update_yaxes(title_text=f"share of trade ({unit})" if unit else "share of trade")
    return _layout(fig, title, height=380)


def distribution_chart(distributions: Sequence[Distribution], *, title: str) -> go.Figure:
    """Monte Carlo draws as box plots with every draw shown, first row on top.

    Each ``group`` (quantity) gets its own panel and x axis, so small changes (real income) are
    not squashed by large ones (exports).
    """
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    groups = list(dict.fromkeys(d.group for d in distributions))
    rows = [[d for d in distributions if d.group == g] for g in groups]
    fig = make_subplots(
        rows=len(groups) or 1,
        cols=1,
        subplot_titles=[g or None for g in groups] if any(groups) else None,
        row_heights=[max(len(r), 1) for r in rows] or None,
        vertical_spacing=min(0.12, 0.4 / max(len(groups), 1)),
    )
    for row, members in enumerate(rows, start=1):
        for index, dist in enumerate(members):
            fig.add_trace(
                go.Box(
                    x=list(dist.values),
                    name=dist.label,
                    orientation="h",
                    boxpoints="all",
                    jitter=0.4,
                    pointpos=0,
                    marker={"size": 3, "opacity": 0.5},
                    line={"color": COLOURS[index % len(COLOURS)]},
                    hoverinfo="x",
                ),
                row=row,
                col=1,
            )
        fig.update_yaxes(
            categoryorder="array",
            categoryarray=[d.label for d in reversed(members)],
            row=row,
            col=1,
        )
        unit = members[0].unit if members else ""
        label = f"{members[0].group} ({unit})" if members and members[0].group else unit
        fig.update_xaxes(title_text=label, row=row, col=1)
    fig.update_layout(showlegend=False)
    height = 70 + 30 * len(distributions) + 70 * len(groups)
    return _layout(fig, title, height=max(260, height))


def spread_chart(spreads: Sequence[Spread], *, title: str) -> go.Figure:
    """Monte Carlo summaries: 95 % band (thin), mean ± 1 sd (thick), mean and point markers."""
    import plotly.graph_objects as go

    labels = [s.label for s in spreads]
    means = [s.mean for s in spreads]
    fig = go.Figure(
        [
            go.Scatter(
                x=means,
                y=labels,
                mode="markers",
                name="band (2.5-97.5 percentile)",
                marker={"size": 1, "color": "#555"},
                error_x={
                    "type": "data",
                    "symmetric": False,
                    "array": [s.high - s.mean for s in spreads],
                    "arrayminus": [s.mean - s.low for s in spreads],
                    "color": "#555",
                    "thickness": 1.5,
                    "width": 6,
                },
                hovertemplate="%{y}: band %{customdata}<extra></extra>",
                customdata=[f"{s.low:.3f} to {s.high:.3f}" for s in spreads],
            ),
            go.Scatter(
                x=means,
                y=labels,
                mode="markers",
                name="mean ± 1 sd",
                marker={"size": 9, "color": COLOURS[0]},
                error_x={
                    "type": "data",
                    "array": [s.sd or 0.0 for s in spreads],
                    "color": COLOURS[0],
                    "thickness": 6,
                    "width": 0,
                },
                hovertemplate="%{y}: mean %{x:.4f}<extra></extra>",
            ),
            go.Scatter(
                x=[s.point for s in spreads],
                y=labels,
                mode="markers",
                name="point estimate",
                marker={"size": 10, "symbol": "diamond", "color": COLOURS[1]},
                hovertemplate="%{y}: point %{x:.4f}<extra></extra>",
            ),
        ]
    )
    unit = spreads[0].unit if spreads else ""
    fig.update_xaxes(title_text=f"change ({unit})" if unit else "change")
    fig.update_yaxes(categoryorder="array", categoryarray=list(reversed(labels)))
    return _layout(fig, title, height=max(280, 80 + 34 * len(spreads)))


__all__ = ["band_chart", "dependency_chart", "distribution_chart", "spread_chart"]
