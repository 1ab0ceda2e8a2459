"""`overture serve`: its help, and that the CLI does not import the web stack at start-up."""

from __future__ import annotations

import subprocess
import sys

from typer.testing import CliRunner

from overture.cli.main import app


def test_serve_help_lists_the_options() -> None:
    result = CliRunner().invoke(app, ["serve", "--help"])
    assert result.exit_code == 0
    for option in ("--host", "--port", "--token-env", "--time-limit", "--max-body", "--sources"):
        assert option in result.output


def test_cli_start_up_does_not_import_the_web_stack() -> None:
    code = (
        "import sys; import overture.cli.main; "
        "heavy = [m for m in ('fastapi', 'uvicorn', 'starlette', 'overture.web.app') "
        "if m in sys.modules]; print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_invalid_settings_exit_2() -> None:
    result = CliRunner().invoke(app, ["serve", "--workers", "0"])
    assert result.exit_code == 2


def test_settings_read_the_token_from_the_named_variable(monkeypatch: object) -> None:
    import pytest

    from overture.web import Settings

    mp = monkeypatch
    assert isinstance(mp, pytest.MonkeyPatch)
    mp.setenv("MY_OVERTURE_TOKEN", "abc123")
    settings = Settings.from_env("MY_OVERTURE_TOKEN", time_limit_s=3)
    assert settings.write_token == "abc123" and settings.time_limit_s == 3
    assert "abc123" not in repr(settings)
    mp.delenv("MY_OVERTURE_TOKEN")
    assert Settings.from_env("MY_OVERTURE_TOKEN").write_token is None
