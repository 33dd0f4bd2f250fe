"""``concord serve``: registered on the CLI, refuses bad options with one line and exit code 2."""

from __future__ import annotations

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
