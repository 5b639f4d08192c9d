"""Strava's place in runlift: found through the entry point, configured, signed in from the CLI."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from runlift.sync.cli import main
from runlift.sync.config import parse_config
from runlift.sync.errors import UserError
from runlift.sync.providers import registry
from runlift.sync.providers.base import RunsProvider
from runlift.sync.providers.strava import StravaProvider
from runlift.sync.strava.credentials import app_credentials
from runlift.sync.strava.oauth import parse_answer


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("RUNLIFT_HOME", str(tmp_path))
    monkeypatch.delenv("STRAVA_CLIENT_ID", raising=False)
    monkeypatch.delenv("STRAVA_CLIENT_SECRET", raising=False)
    return tmp_path


def test_the_strava_source_is_found_through_its_entry_point() -> None:
    cls = registry.provider_class("strava")
    assert cls is StravaProvider
    provider = registry.make_provider("strava", parse_config({}), today=date(2026, 3, 2))
    assert isinstance(provider, RunsProvider)
    assert provider.name == "strava"


def test_planning_from_strava_without_signing_in_says_to_log_in(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["plan", "--source", "strava"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "runlift login strava" in err


def test_login_without_app_credentials_is_one_line_naming_the_settings(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["login", "strava", "--no-browser", "--stdin"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "STRAVA_CLIENT_ID" in err and "strava.client_id" in err


def test_credentials_come_from_the_environment_before_the_config(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    config = parse_config({"strava": {"client_id": "111", "client_secret": "from-config"}})
    assert app_credentials(config).client_id == 111
    monkeypatch.setenv("STRAVA_CLIENT_ID", "222")
    monkeypatch.setenv("STRAVA_CLIENT_SECRET", "from-env")
    credentials = app_credentials(config)
    assert (credentials.client_id, credentials.client_secret) == (222, "from-env")
    assert "from-env" not in repr(credentials)
    monkeypatch.setenv("STRAVA_CLIENT_ID", "my-app")
    with pytest.raises(UserError, match="STRAVA_CLIENT_ID"):
        app_credentials(config)


@pytest.mark.parametrize(
    ("strava", "message"),
    [
        ({"history_weeks": 0}, "strava.history_weeks"),
        ({"timeout_seconds": 0}, "strava.timeout_seconds"),
        ({"redirect_port": 70000}, "strava.redirect_port"),
        ({"reads_per_15min": 500}, "strava.reads_per_15min"),
        ({"reads_per_day": "many"}, "strava.reads_per_day"),
    ],
)
def test_bad_strava_settings_name_the_setting(strava: dict[str, object], message: str) -> None:
    with pytest.raises(UserError, match=message):
        parse_config({"strava": strava})


def test_a_pasted_redirect_url_or_bare_code_is_understood() -> None:
    url = "http://127.0.0.1:8123/strava/callback?state=xyz&code=0a1b2c3d4e5f&scope=read,activity:read_all"
    answer = parse_answer(url, pasted=True)
    assert answer is not None
    assert (answer.code, answer.state, answer.scope) == (
        "0a1b2c3d4e5f",
        "xyz",
        "read,activity:read_all",
    )
    bare = parse_answer("  0a1b2c3d4e5f\n", pasted=True)
    assert bare is not None and (bare.code, bare.state) == ("0a1b2c3d4e5f", None)
    denied = parse_answer("http://127.0.0.1/strava/callback?state=xyz&error=access_denied")
    assert denied is not None and denied.error == "access_denied"
    assert parse_answer("hello there") is None
