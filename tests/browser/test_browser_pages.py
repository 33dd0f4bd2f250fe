"""The pages in headless chromium: open each, route avoiding a country, check a Hebrew paragraph,
run a scenario; screenshots must show real maps and charts, and nothing leaves loopback."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser

HEBREW = (
    'קזחסטן חולקת גבול של 1,460 ק"מ עם סין, הארוך בגבולותיה אחרי רוסיה. '
    "כ־40% מהתפוקה העולמית של אורניום ב־2024 הגיעו מקזחסטן."
)
NotBlank = Callable[..., None]


@pytest.fixture
def page(browser: Any, server: str) -> Iterator[Any]:
    """A fresh page whose requests may reach only the Concord server."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    outside: list[str] = []

    def guard(route: Any) -> None:
        if route.request.url.startswith(server):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda exc: errors.append(str(exc)))
    yield opened
    context.close()
    assert not outside, f"requests left loopback: {outside[:5]}"
    assert not errors, f"script errors: {errors[:5]}"


def _colour_pixels(png: bytes, rgb: tuple[int, int, int], tolerance: int = 40) -> int:
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    return sum(
        count
        for count, colour in image.getcolors(maxcolors=image.width * image.height) or []
        if sum(abs(a - b) for a, b in zip(colour, rgb, strict=True)) <= tolerance
    )


@pytest.mark.parametrize("path", ["/", "/scenario", "/corridors", "/claims", "/docs"])
def test_each_page_opens(page: Any, server: str, shots: Path, path: str) -> None:
    response = page.goto(server + path, wait_until="networkidle")
    assert response.status == 200
    assert page.title()
    name = path.strip("/") or "home"
    page.screenshot(path=str(shots / f"page-{name}.png"), full_page=True)


def test_corridor_explorer_routes_around_russia(
    page: Any, server: str, shots: Path, not_blank: NotBlank
) -> None:
    page.goto(server + "/corridors", wait_until="networkidle")
    page.wait_for_selector("#route-map .main-svg")
    page.fill("#route-origin", "Xian")
    page.fill("#route-destination", "Duisburg")
    page.fill("#route-avoid", "רוסיה")  # Russia, in Hebrew
    page.click("#route-submit")
    page.wait_for_selector("body[data-route-status=done]", timeout=30_000)
    row = page.locator("#route-table tbody tr").first.inner_text()
    assert "Middle Corridor" in row
    assert "Aktau" in row or "Kuryk" in row
    assert "RUS" not in page.locator("#route-table tbody tr td:nth-child(4)").first.inner_text()
    traces = page.evaluate(
        "Array.from(document.getElementById('route-map').data, "
        "t => [t.name, (t.x || []).filter(v => v !== null).length])"
    )
    route_points = [n for name, n in traces if name == "Middle Corridor"]
    assert route_points and route_points[0] > 5
    png = page.locator("#route-map").screenshot(path=str(shots / "corridors-avoid-russia.png"))
    not_blank(png, "corridor map", 0.3)
    # the route is drawn in its own colour (#c0392b) on top of the countries
    assert _colour_pixels(png, (192, 57, 43)) > 200


def test_claim_checker_judges_a_hebrew_paragraph(page: Any, server: str, shots: Path) -> None:
    page.goto(server + "/claims", wait_until="networkidle")
    page.fill("#claims-text", HEBREW)
    page.click("#claims-submit")
    page.wait_for_selector("body[data-claims-status=done]", timeout=30_000)
    verdicts = page.locator("#claims-table .verdict").all_inner_texts()
    assert "discrepant" in verdicts  # 1,460 km against 1,765 / 1,782.8 km
    assert "consistent" in verdicts  # about 40 % against 39 %
    table = page.locator("#claims-table").inner_text()
    assert "1,765" in table
    page.screenshot(path=str(shots / "claims-hebrew.png"), full_page=True)


def test_claim_checker_refuses_five_megabytes_and_keeps_serving(page: Any, server: str) -> None:
    page.goto(server + "/claims", wait_until="networkidle")
    answer = page.evaluate(
        """async () => {
            const r = await fetch('/api/claims/check', {method: 'POST',
                headers: {'Content-Type': 'application/json'},
                body: JSON.stringify({text: 'x'.repeat(5000000)})});
            return [r.status, await r.json()];
        }"""
    )
    assert answer[0] == 413
    assert "MB" in answer[1]["message"]
    assert page.evaluate("fetch('/api/health').then(r => r.status)") == 200


def test_scenario_with_unknown_country_shows_a_clear_error(page: Any, server: str) -> None:
    page.goto(server + "/scenario", wait_until="networkidle")
    page.click("details summary")
    page.fill(
        "#scenario-spec",
        '{"scenario": {"name": "x", "year": 2024}, "accord": [{"bloc": "AA", "members": '
        '["ISR"], "accession": [{"country": "Atlantis", "date": "2025-11-06"}]}]}',
    )
    page.click("#scenario-run-spec")
    page.wait_for_selector("#error:not([hidden])")
    assert "Atlantis" in page.inner_text("#error")


def test_scenario_run_shows_its_report(
    page: Any, server: str, shots: Path, not_blank: NotBlank
) -> None:
    page.goto(server + "/scenario", wait_until="networkidle")
    page.wait_for_function("document.querySelectorAll('#scenario-name option').length > 0")
    page.select_option("#scenario-name", "kazakhstan-abraham-accords")
    page.fill("#scenario-draws", "3")
    page.click("#scenario-run")
    page.wait_for_selector("body[data-run-status=done]", timeout=120_000)
    frame = page.frame_locator("#scenario-report")
    frame.locator("#chart-map .main-svg").first.wait_for(timeout=30_000)
    assert "Kazakhstan" in frame.locator("#answer").inner_text()
    charts = frame.locator(".js-plotly-plot").count()
    assert charts >= 5
    png = page.locator("#scenario-report").screenshot(path=str(shots / "scenario-report.png"))
    not_blank(png, "scenario report")
