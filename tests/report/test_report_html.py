"""The single-file HTML report: content order, evidence links, one inlined plotly.js, no network."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from concord.errors import InputError
from concord.report import render_html, report_model, write_html
from concord.report.html import report_figures

Example = Callable[[], dict[str, Any]]


@pytest.fixture
def page(example_result: Example) -> str:
    return render_html(example_result())


def test_question_and_answer_come_before_the_charts(page: str) -> None:
    question = page.index('id="question"')
    answer = page.index('id="answer"')
    first_chart = page.index('class="chart"')
    assert question < answer < first_chart


def test_plotly_js_is_inlined_exactly_once_and_nothing_is_fetched(page: str) -> None:
    assert page.count("plotly.js v") == 1
    # no external script, stylesheet or image
    assert not re.search(r"<(script|link|img)[^>]+(src|href)=\"https?://", page)
    assert "cdn.plot.ly" not in page.split("</script>", 1)[1]


def test_every_figure_is_embedded_as_json(page: str) -> None:
    blob = page.split('id="concord-figures">', 1)[1].split("</script>", 1)[0]
    figures = json.loads(blob)
    assert set(figures) == {"income", "trade", "pairs", "dependency", "spreads", "map"}
    income = figures["income"]["data"][0]
    assert income["x"] == [0.0784, 0.0068, -0.0003]
    # the band is an asymmetric error bar from the 2.5th to the 97.5th percentile
    assert income["error_x"]["array"] == pytest.approx([0.1229 - 0.0784, 0.0106 - 0.0068, 0.0])
    assert income["error_x"]["arrayminus"] == pytest.approx([0.0784 - 0.0555, 0.0068 - 0.0048, 0])
    for name, fig in figures.items():
        assert fig["data"], name
        assert 'data-figure="' + name + '"' in page


def test_numbers_link_to_their_evidence(example_result: Example, page: str) -> None:
    model = report_model(example_result())
    income = dict(model.income)
    # Kazakhstan's real income cites the effect (e1), sigma (e2) and its baseline exports (e3)
    assert income["Kazakhstan (KAZ)"].evidence == ("e1", "e2", "e3")
    assert income["Israel (ISR)"].evidence == ("e1", "e2")
    # the KAZ->ISR pair cites the effect and the pair's baseline flow
    assert dict(model.pairs)["KAZ → ISR"].evidence == ("e1", "e2", "e4")
    # the accession input cites the membership record
    accession = next(row for row in model.inputs if row.label == "AA accession")
    assert accession.evidence == ("e5",)
    assert 'href="#ev-3"' in page
    assert 'id="ev-5"' in page
    assert "TASS (2025-11-07), 2025-11-06" in page
    assert "announced at the White House" in page  # the record's note is quoted


def test_map_draws_countries_and_the_route(page: str) -> None:
    figures = json.loads(page.split('id="concord-figures">', 1)[1].split("</script>", 1)[0])
    traces = figures["map"]["data"]
    outlines = [t for t in traces if t.get("fill") == "toself"]
    assert outlines, "no country outlines"
    points = sum(len([x for x in t["x"] if x is not None]) for t in outlines)
    assert points > 5000
    route = next(t for t in traces if t.get("name") == "Xi'an → Duisburg, Middle Corridor")
    assert route["x"][:2] == [80.4, 51.2]


def test_text_from_the_result_is_escaped(example_result: Example) -> None:
    data = example_result()
    data["scenario"]["title"] = "<script>alert(1)</script>"
    data["warnings"] = ["</script><img src=x onerror=alert(1)>"]
    page = render_html(data)
    assert "<script>alert(1)</script>" not in page
    assert "<img src=x" not in page
    assert "&lt;script&gt;alert(1)" in page


def test_a_result_without_sections_gives_a_short_report() -> None:
    page = render_html({"scenario": {"title": "Nothing to show"}}, corridors=False)
    assert "Nothing to show" in page
    assert "plotly.js v" not in page  # no charts, no 4.8 MB of script


def test_write_html_writes_one_file(example_result: Example, tmp_path: Path) -> None:
    target = write_html(example_result(), tmp_path / "out" / "report.html")
    assert target.is_file()
    assert target.stat().st_size > 4_000_000  # plotly.js is inside
    assert list(target.parent.iterdir()) == [target]


def test_not_a_result_is_an_input_error() -> None:
    with pytest.raises(InputError, match="ScenarioResult"):
        render_html(42)


def test_figures_survive_a_missing_band(example_result: Example) -> None:
    data = example_result()
    model = report_model(data)
    assert model.income[2][1].low is None  # Russia: no draws, no band
    figures = report_figures(model)
    bars = figures["income"].data[0]
    assert bars.error_x.array[2] == 0.0
    # the Monte Carlo chart leaves out the country without draws
    assert [s.label for s in model.spreads] == ["Kazakhstan (KAZ)", "Israel (ISR)"]


def test_answer_is_written_from_the_numbers(example_result: Example) -> None:
    model = report_model(example_result())
    assert model.question.startswith("What does “Kazakhstan joins the Abraham Accords” do")
    first = model.answer[0]
    assert first.startswith("Kazakhstan: real income +0.078 % (95 % band +0.056 to +0.123)")
    assert "KAZ's partner concentration (HHI): 951 → 929." in model.answer
    assert any(line.startswith("Uranium: AA + USA share of world output 0.4 % → 39.1 %")
               for line in model.answer)  # fmt: skip


def test_checked_claims_show_verdicts_and_cite_their_references(example_result: Example) -> None:
    from concord.claims.check import check_text

    text = 'קזחסטן חולקת גבול של 1,460 ק"מ עם סין.'
    data = example_result()
    data["claims"] = check_text(text).to_dict()["checks"]
    model = report_model(data)
    border = model.claims[0]
    assert border.verdict == "discrepant"
    assert border.value == "1,460 km"
    cited = {item.id: item for item in model.evidence if item.id in border.evidence}
    values = {item.label.split(" = ")[-1] for item in cited.values()}
    # the Factbook's 1,765 km and the official 1,782.8 km are both cited
    assert "1,765 km" in values
    assert "1,782.8 km" in values
    page = render_html(model)
    assert "verdict-discrepant" in page
