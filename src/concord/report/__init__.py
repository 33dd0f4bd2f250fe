"""Reports of scenario runs: tables, plotly charts, offline maps, HTML and Markdown writers.

    from concord.report import write_html
    write_html(result, "out/report.html")   # result: ScenarioResult or its .to_dict()

Everything works with no network: plotly.js is inlined once, maps are drawn from Natural Earth
outlines that a dependency ships (see :mod:`concord.report.geometry`).
"""

from __future__ import annotations

from concord.report.adapter import report_model
from concord.report.html import render_html, write_html
from concord.report.model import ReportModel

__all__ = ["ReportModel", "render_html", "report_model", "write_html"]
