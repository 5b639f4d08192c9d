"""`runlift status` tells the truth per service (signed in or not, paused until when and why,
and the command that lifts it, when it last answered), whether a daemon runs, and the same as
JSON; from local files only."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from runlift.sync import cooloff, paths
from runlift.sync.cli import main
from runlift.sync.files import write_json
from tests.fakes.strava import FakeStrava
from tests.garmin_world import World, world_fixture  # noqa: F401
from tests.test_strava_known_ground import sign_in as sign_in_strava
from tests.test_sync_command import seed_plan, write_config


@pytest.fixture(autouse=True)
def wide_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")


def status_lines(capsys: pytest.CaptureFixture[str], *args: str) -> list[str]:
    assert main(["status", *args]) == 0
    return capsys.readouterr().out.splitlines()


def status_json(capsys: pytest.CaptureFixture[str]) -> dict:
    assert main(["status", "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_status_says_where_the_config_and_data_live(runlift_home: Path, capsys) -> None:
    lines = status_lines(capsys)
    assert f"Config: {runlift_home / 'config.toml'} (not there: the defaults apply)" in lines
    assert f"Data: {runlift_home / 'data'}" in lines
    (runlift_home / "config.toml").write_text('units = "lb"\n')
    assert f"Config: {runlift_home / 'config.toml'}" in status_lines(capsys)


def test_a_fresh_home_is_signed_in_nowhere_and_no_daemon_runs(runlift_home: Path, capsys) -> None:
    lines = status_lines(capsys)
    assert "Garmin Connect: not signed in: run `runlift login garmin`" in lines
    assert "Strava: not used (not signed in: run `runlift login strava`)" in lines
    assert (
        "intervals.icu: not used (no API key: set INTERVALS_API_KEY or intervals.api_key)" in lines
    )
    assert "Daemon: not running (`runlift daemon --install` keeps one running)" in lines
    assert not any(line.startswith("Next daemon run") for line in lines)
    assert "Last sync: never" in lines
    assert "No runlift sessions on the Garmin calendar." in lines
    body = status_json(capsys)
    assert body["services"]["garmin"]["signed_in"] is False
    assert body["daemon"] == {"running": False, "pid": None, "next_run": None}
    assert body["last_sync"] is None and body["sessions"] == []


def test_signed_in_services_and_when_they_last_answered(
    world: World,
    strava_history: FakeStrava,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys,
) -> None:
    monkeypatch.setenv("INTERVALS_API_KEY", "some-key-of-the-athlete")
    sign_in_strava(strava_history)
    seed_plan(world)
    config = write_config(tmp_path)
    assert main(["sync", "--config", str(config)]) == 0
    assert main(["plan", "--source", "strava", "--config", str(config)]) == 0
    capsys.readouterr()
    lines = status_lines(capsys, "--config", str(config))
    garmin = next(line for line in lines if line.startswith("Garmin Connect: "))
    assert garmin.startswith("Garmin Connect: signed in; last answer ")
    strava = next(line for line in lines if line.startswith("Strava: "))
    assert strava.startswith("Strava: signed in; last answer ")
    assert "intervals.icu: signed in" in lines
    assert any(line.startswith("Last sync: ") and ", ok" in line for line in lines)

    body = status_json(capsys)
    for key in ("garmin", "strava"):
        service = body["services"][key]
        assert service["signed_in"] is True and service["used"] is True
        answered = datetime.fromisoformat(service["last_answer"])
        assert datetime.now(UTC) - answered < timedelta(minutes=5)
    assert body["services"]["intervals.icu"]["signed_in"] is True
    assert body["last_sync"]["outcome"] == "ok"
    assert len(body["sessions"]) >= 2


def test_a_pause_says_until_when_why_and_which_command_lifts_it(runlift_home: Path, capsys) -> None:
    now = datetime.now(UTC)
    cooloff.record("strava", now, 900, 900, why="read limit reached: 100 reads in 15 minutes")
    lines = status_lines(capsys)
    paused = next(line for line in lines if "paused until" in line)
    assert paused.startswith("Strava: paused until ")
    assert paused.endswith(
        "(read limit reached: 100 reads in 15 minutes); `runlift resume strava` lifts the pause "
        "if you know it is wrong"
    )
    strava = status_json(capsys)["services"]["strava"]
    assert strava["pause_reason"] == "read limit reached: 100 reads in 15 minutes"
    assert strava["lift_pause"] == "runlift resume strava"
    until = datetime.fromisoformat(strava["paused_until"])
    assert timedelta(minutes=14) < until - now <= timedelta(minutes=15)

    assert main(["resume", "strava"]) == 0
    assert "Strava: pause lifted" in capsys.readouterr().err
    assert not any("paused until" in line for line in status_lines(capsys))
    assert main(["resume", "strava"]) == 0
    assert capsys.readouterr().err == "Strava was not paused.\n"


def test_a_pause_written_by_an_earlier_runlift_is_shown_and_lifted(
    runlift_home: Path, capsys
) -> None:
    """runlift before this one kept a bare time per service, and paused Garmin after sign-ins
    that never reached it: the athlete who has such a pause lifts it with a command."""
    until = datetime.now(UTC) + timedelta(hours=2)
    write_json(paths.data_dir() / "cooloff.json", {"garmin": until.isoformat()})
    paused = next(line for line in status_lines(capsys) if "paused until" in line)
    assert "(it asked runlift to slow down); `runlift resume garmin` lifts" in paused
    assert main(["resume", "garmin"]) == 0
    assert cooloff.resume_time("garmin") is None


def test_a_plugins_pause_shows_too_and_is_lifted_by_its_name(runlift_home: Path, capsys) -> None:
    cooloff.pause_after_429("trackclub", "600", default_s=3600)
    paused = next(line for line in status_lines(capsys) if "paused until" in line)
    assert paused.startswith("trackclub: paused until ")
    assert "(trackclub answered 429 Too Many Requests); `runlift resume trackclub` lifts" in paused
    assert status_json(capsys)["services"]["trackclub"]["signed_in"] is None
    assert main(["resume", "trackclub"]) == 0
    assert cooloff.resume_time("trackclub") is None
    assert main(["resume", "../etc"]) == 2
