"""Fixtures of the browser tests: Debian's chromium driven headless by Playwright, and a live
Concord server on a free loopback port.

Chromium is never downloaded: the tests use ``/usr/bin/chromium`` (``apt-get install chromium``,
done by ``.ci/run``). When it is missing the tests skip, except under
``CONCORD_REQUIRE_REFERENCE=1`` (CI), where they fail.
"""

from __future__ import annotations

import io
import os
import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path(os.environ.get("CONCORD_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def _require_chromium() -> None:
    if CHROMIUM.exists():
        return
    reason = f"chromium is not installed at {CHROMIUM} (apt-get install chromium)"
    if os.environ.get("CONCORD_REQUIRE_REFERENCE", "") == "1":
        pytest.fail(reason + "; CONCORD_REQUIRE_REFERENCE=1 makes this an error")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    _require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where screenshots go: $CONCORD_SCREENSHOTS, or a session temporary folder."""
    chosen = os.environ.get("CONCORD_SCREENSHOTS")
    folder = Path(chosen) if chosen else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture(scope="session")
def server() -> Iterator[str]:
    """Base URL of a Concord server running in a thread on a free loopback port."""
    import uvicorn

    from concord.web import WebSettings, create_app

    port = _free_port()
    config = uvicorn.Config(
        create_app(WebSettings(max_draws=20)), host="127.0.0.1", port=port, log_level="warning"
    )
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not instance.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the Concord server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    instance.should_exit = True
    thread.join(timeout=10)


def content_share(png: bytes) -> tuple[float, int]:
    """Share of pixels that differ from the most common colour, and the number of colours."""
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    colours = image.getcolors(maxcolors=image.width * image.height) or []
    background = max(colours)[1]
    far = sum(
        count
        for count, colour in colours
        if sum(abs(a - b) for a, b in zip(colour, background, strict=True)) > 30
    )
    return far / (image.width * image.height), len(colours)


@pytest.fixture(scope="session")
def not_blank() -> Callable[..., None]:
    """Assert a screenshot has real content: enough pixels off the background, many colours.

    An empty plotly frame (axes and title only) has about 1 % of its pixels off the background;
    a drawn chart several percent; a map of filled countries over a sea most of them.
    """

    def check(png: bytes, what: str, min_share: float = 0.03) -> None:
        share, colours = content_share(png)
        assert share > min_share, f"{what} is blank: only {share:.1%} of pixels differ"
        assert colours > 16, f"{what} is blank: {colours} colours"

    return check
