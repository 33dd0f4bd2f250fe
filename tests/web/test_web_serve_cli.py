"""``concord serve``: registered on the CLI, refuses bad options with one line and exit code 2."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from typer.testing import CliRunner

from concord.cli import app


def test_serve_is_a_command() -> None:
    result = CliRunner().invoke(app, ["serve", "--help"])
    assert result.exit_code == 0
    assert "--port" in result.output


def test_bad_log_level_is_exit_code_2() -> None:
    result = CliRunner().invoke(app, ["serve", "--log-level", "loud"])
    assert result.exit_code == 2
    assert "log level 'loud'" in result.output


def test_port_out_of_range_is_refused() -> None:
    result = CliRunner().invoke(app, ["serve", "--port", "70000"])
    assert result.exit_code == 2
    assert "--port" in result.output
    assert "65535" in result.output


def test_home_option_is_the_evidence_base_of_the_whole_server(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: dict[str, Any] = {}

    def fake_run(web_app: Any, **options: Any) -> None:
        started["home"] = os.environ["CONCORD_HOME"]
        started["settings_home"] = web_app.state.concord.settings.home

    monkeypatch.setenv("CONCORD_HOME", str(tmp_path / "elsewhere"))
    monkeypatch.setattr(uvicorn, "run", fake_run)
    result = CliRunner().invoke(app, ["serve", "--home", str(tmp_path / "base")])
    assert result.exit_code == 0, result.output
    # scenario runs open kb by its default location, so the server's default must be --home
    assert started["home"] == str((tmp_path / "base").resolve())
    assert Path(started["settings_home"]) == tmp_path / "base"
