"""Edges a user can reach by typing: each a one-line error (exit 2) or a warning line."""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

import pytest

from runlift.sync.cli import main
from runlift.sync.strava.tokens import token_file
from tests.fakes.strava import FakeStrava


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("RUNLIFT_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("COLUMNS", "200")
    return tmp_path / "home"


def error_line(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert err.startswith("runlift: error: ") and err.count("\n") == 1, err
    return err


@pytest.mark.parametrize("command", ["plan", "sync", "export"])
@pytest.mark.parametrize("start", ["9999-12-31", "0001-01-01"])
def test_a_start_at_the_end_of_the_calendar_is_one_line(
    capsys: pytest.CaptureFixture[str], command: str, start: str
) -> None:
    assert main([command, "--start", start]) == 2
    assert f"--start {start}: out of range" in error_line(capsys)


def test_import_since_out_of_range_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", "--garmin", "--since", "0001-01-01"]) == 2
    assert "--since 0001-01-01: out of range" in error_line(capsys)


@pytest.mark.parametrize("opening", ["[", "{a = "])
def test_toml_nested_100000_deep_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], opening: str
) -> None:
    closing = "]" if opening == "[" else "}"
    path = tmp_path / "deep.toml"
    path.write_text("a = " + opening * 100_000 + "1" + closing * 100_000 + "\n")
    assert main(["plan", "--config", str(path)]) == 2
    assert f"{path}: not valid TOML (nested too deeply)" in error_line(capsys)


def test_an_empty_sync_times_is_one_line(tmp_path: Path, capsys) -> None:
    path = tmp_path / "config.toml"
    path.write_text("[daemon]\nsync_times = []\n")
    assert main(["daemon", "--config", str(path)]) == 2
    assert "daemon.sync_times is empty: the daemon would never sync" in error_line(capsys)


def test_a_dangling_config_link_is_one_line_not_the_defaults(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home.mkdir()
    (home / "config.toml").symlink_to(home / "moved-away.toml")
    assert main(["plan", "--demo"]) == 2
    err = error_line(capsys)
    assert f"config file is a link to {home / 'moved-away.toml'}, which does not exist" in err


def test_loads_for_body_weight_moves_are_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "config.toml"
    path.write_text("[loads]\nside_plank_leg_lift = 5\nromanian_deadlift = 40\n")
    assert main(["plan", "--demo", "--config", str(path), "--json"]) == 0
    warnings = capsys.readouterr().err.splitlines()
    assert warnings == [
        f"runlift: warning: {path}: loads.side_plank_leg_lift: side plank with leg lift is "
        "done with body weight; the load is ignored"
    ]


@pytest.mark.parametrize("option", ["--config", "--runs"])
def test_a_fifo_is_refused_not_waited_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], option: str
) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    assert main(["plan", option, str(fifo)]) == 2
    assert f"{fifo}: not a regular file (a pipe or device)" in error_line(capsys)


def test_a_pasted_strava_address_with_another_state_is_one_line(
    home: Path,
    strava_redirect: FakeStrava,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("STRAVA_CLIENT_ID", strava_redirect.client_id)
    monkeypatch.setenv("STRAVA_CLIENT_SECRET", strava_redirect.client_secret)
    code = strava_redirect.issue_code()
    pasted = f"http://127.0.0.1:8123/strava/callback?state=yesterdays&code={code}&scope=read\n"
    monkeypatch.setattr(sys, "stdin", io.StringIO(pasted))
    assert main(["login", "strava", "--no-browser", "--stdin"]) == 2
    err = error_line(capsys)
    assert "the pasted address belongs to another sign-in" in err
    assert code not in err
    assert strava_redirect.log.count("POST", "/oauth/token") == 0
    assert not token_file().exists()
