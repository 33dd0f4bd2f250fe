"""The HTML report of ``concord run kazakhstan`` in headless chromium with networking disabled:
every chart and the corridor map render, and the page asks for nothing from the network."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from concord.cli import app
from concord.report import write_html

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def report_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("run") / "kazakhstan"
    result = CliRunner().invoke(app, ["run", "kazakhstan", "--draws", "4", "--out", str(out)])
    assert result.exit_code == 0, result.output
    html = out / "report.html"
    if not html.exists():  # until `concord run` writes the HTML report itself
        write_html(json.loads((out / "result.json").read_text(encoding="utf-8")), html)
    return html


def test_report_renders_offline(
    browser: Any, report_file: Path, shots: Path, not_blank: Callable[..., None]
) -> None:
    context = browser.new_context(offline=True, viewport={"width": 1200, "height": 900})
    asked: list[str] = []

    def guard(route: Any) -> None:
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            asked.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(report_file.as_uri(), wait_until="load")
    page.wait_for_selector("#chart-map .main-svg")
    expected = page.locator("[data-figure]").count()
    assert expected >= 6  # income, trade, pairs, dependency, Monte Carlo, map
    drawn = page.locator("[data-figure] .main-svg").count()
    assert drawn >= expected  # every chart has its SVG
    # bars and markers are real SVG paths, not empty frames
    assert page.locator("#chart-income .trace.bars path").count() >= 5
    assert page.locator("#chart-map .scatterlayer .trace").count() >= 3
    assert "Kazakhstan" in page.inner_text("#answer")
    for name in ("income", "dependency", "map"):
        png = page.locator(f"#chart-{name}").screenshot(path=str(shots / f"report-{name}.png"))
        not_blank(png, f"report chart {name}", 0.3 if name == "map" else 0.03)
    page.screenshot(path=str(shots / "report-full.png"), full_page=True)
    context.close()
    assert not asked, f"the report asked the network for {asked[:5]}"
    assert not errors, errors[:5]
