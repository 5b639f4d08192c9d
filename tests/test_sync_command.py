"""`runlift sync` from the command line, against the fake Garmin Connect."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from runlift.sync import paths
from runlift.sync.cli import main
from runlift.sync.syncing import SyncRequest, sync_once
from runlift.workouts.garmin_marker import parse_marker
from tests.garmin_world import World, world_fixture  # noqa: F401

START = date(2026, 11, 2)


def write_config(tmp_path: Path, timezone: str = "") -> Path:
    path = tmp_path / "config.toml"
    path.write_text(
        f'timezone = "{timezone}"\n'
        "[loads]\nromanian_deadlift = 40\nbent_over_row = 30\n"
        '[plan]\nsource = "garmin"\nperiodize = false\n'
        "[garmin]\nread_retries = 2\nretry_wait_seconds = 0.0\n"
    )
    return path


def seed_plan(world: World, start: date = START) -> None:
    world.two_weeks_of_running(start)


@pytest.fixture(autouse=True)
def wide_terminal(monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")


def sync(config: Path, *args: str) -> int:
    return main(["sync", "--config", str(config), *args])


def runlift_schedules(world: World) -> list[tuple[date, str]]:
    out = []
    for s in world.fake.schedules.values():
        marker = parse_marker(world.fake.workouts[s["workoutId"]].get("description"))
        if marker is not None:
            out.append((date.fromisoformat(s["calendarDate"]), str(marker.key)))
    return sorted(out)


def test_dry_run_shows_the_changes_and_loads_and_changes_nothing(
    world: World, tmp_path: Path, capsys
) -> None:
    seed_plan(world)
    state_file = paths.data_dir() / "state.sqlite3"
    world.mark()
    assert sync(write_config(tmp_path), "--dry-run", "--start", START.isoformat()) == 0
    captured = capsys.readouterr()
    out = captured.out
    assert "would change" in out
    assert out.count("create") >= 3
    assert "Romanian Deadlift 40 kg" in out
    assert "nothing was changed" in captured.err
    assert world.writes() == []
    assert not state_file.exists()


def test_dry_run_json_is_the_changes_alone_on_stdout(world: World, tmp_path: Path, capsys) -> None:
    seed_plan(world)
    world.mark()
    args = ["--dry-run", "--json", "--start", START.isoformat()]
    assert sync(write_config(tmp_path), *args) == 0
    captured = capsys.readouterr()
    document = json.loads(captured.out)
    assert document["dry_run"] is True
    creates = [c for c in document["changes"] if c["change"] == "create"]
    assert len(creates) >= 3 and all(c["date"] and c["session"] for c in creates)
    assert any("Romanian Deadlift 40 kg" in (c["loads"] or "") for c in creates)
    assert document["requests"] == len(world.requests())
    assert "nothing was changed" in captured.err
    assert world.writes() == []


def test_first_and_second_sync_and_their_requests(world: World, tmp_path: Path, capsys) -> None:
    seed_plan(world)
    config = write_config(tmp_path)
    world.mark()
    assert sync(config, "--start", START.isoformat()) == 0
    created = runlift_schedules(world)
    assert len(created) == 4  # two a week
    assert all(key.startswith(day.isoformat()) for day, key in created)
    requests = world.requests()
    reads = [e for e in requests if e.method == "GET"]
    fits = [e for e in reads if e.path.startswith("/workout-service/workout/FIT/")]
    details = [e for e in reads if e.path.startswith("/workout-service/workout/") and e not in fits]
    listings = [
        e for e in reads if e not in details + fits and e.path != "/workout-service/workouts"
    ]
    assert len(listings) <= 2  # the calendar months
    assert len(fits) == 1  # the weight unit, measured once on Garmin's own FIT
    # One per running workout not seen before: the window's six and the one in the eight days
    # after it that the planner looks at (a race there would mean a taper).
    assert len(details) == 7
    # The library is read once because the local state is new (see README: recovery).
    assert sum(e.path == "/workout-service/workouts" for e in reads) == 1
    assert [e.method for e in world.writes()] == ["POST"] * 8

    world.mark()
    assert sync(config, "--start", START.isoformat()) == 0
    assert len(world.requests()) <= 2
    assert world.writes() == []
    assert "nothing to do" in capsys.readouterr().out


@pytest.mark.parametrize("zone", ["Pacific/Kiritimati", "Pacific/Pago_Pago"])
def test_dates_are_the_athletes_local_dates_never_shifted(
    world: World, tmp_path: Path, zone: str
) -> None:
    before = datetime.now(ZoneInfo(zone)).date()
    seed_plan(world, before)
    world.mark()
    assert sync(write_config(tmp_path, zone)) == 0
    after = datetime.now(ZoneInfo(zone)).date()
    months = {e.path for e in world.requests() if e.path.startswith("/calendar-service/")}
    # The month of today where the athlete is (UTC+14 or UTC-11), zero-based on the wire.
    assert {
        f"/calendar-service/year/{d.year}/month/{d.month - 1}" for d in (before, after)
    } & months
    scheduled = runlift_schedules(world)
    assert scheduled
    last = after + timedelta(days=13)
    for day, key in scheduled:
        assert key.startswith(day.isoformat())  # scheduled on the day it was planned for
        assert before <= day <= last + timedelta(days=6 - last.weekday())


def test_revoked_sign_in_is_one_clear_line_and_exit_2(world: World, tmp_path: Path, capsys) -> None:
    seed_plan(world)
    world.fake.revoke_all_tokens()
    assert sync(write_config(tmp_path), "--start", START.isoformat()) == 2
    err = capsys.readouterr().err
    assert "runlift login garmin" in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


def test_a_429_is_reported_with_the_time_to_try_again(world: World, tmp_path: Path, capsys) -> None:
    seed_plan(world)
    world.fail("status", 1, status=429, retry_after=3600)
    config = write_config(tmp_path)
    assert sync(config, "--start", START.isoformat()) == 2
    assert "will not call it again until" in capsys.readouterr().err
    world.mark()
    assert sync(config, "--start", START.isoformat()) == 2
    assert world.requests() == []
    assert "no calls to it until" in capsys.readouterr().err


def test_with_runs_from_the_config_only_the_calendar_months_are_read(
    world: World, tmp_path: Path
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(
        '[plan]\nsource = "config"\nquality_days = ["tue", "thu"]\nlong_days = ["sun"]\n'
        "periodize = false\n"
        "[garmin]\nread_retries = 2\nretry_wait_seconds = 0.0\n"
    )
    world.fake.add_own_strength_workout(START + timedelta(days=2))
    assert sync(config, "--start", START.isoformat()) == 0
    days = [day for day, _key in runlift_schedules(world)]
    assert len(days) == 4
    assert all(day.weekday() not in (1, 3, 6) for day in days)  # never on Tue, Thu, Sun
    world.mark()
    assert sync(config, "--start", START.isoformat()) == 0
    # The window's month: runlift's earlier sessions are remembered by the state.
    assert [e.path for e in world.requests()] == ["/calendar-service/year/2026/month/10"]


def test_daily_syncs_with_an_unchanged_plan_leave_the_sessions_where_they_are(
    world: World,
) -> None:
    """The daemon syncs every day with the window starting today: as the window slides, new
    sessions appear at its end, and the ones already placed stay put."""
    world.two_weeks_of_running(START)
    world.two_weeks_of_running(START + timedelta(days=14))
    placed: dict[str, date] = {}
    for offset in range(10):
        outcome = sync_once(world.config, SyncRequest(START + timedelta(days=offset), 14, "garmin"))
        assert {a.kind.value for a in outcome.outcome("garmin").diff.actions} <= {"create"}
        for day, key in runlift_schedules(world):
            assert placed.setdefault(key, day) == day
    assert len(placed) >= 6


def test_months_far_from_the_window_are_read_again_only_after_some_hours(
    world: World, tmp_path: Path
) -> None:
    """A goal race weeks ahead shapes the plan (peak weeks): its months are read, then kept for
    12 hours, so a sync with nothing changed reads only the window's month and one page of the
    workout list."""
    import time_machine

    seed_plan(world)
    config = tmp_path / "config.toml"
    config.write_text(  # the defaults a runner has: the plan follows the running block
        '[loads]\nromanian_deadlift = 40\n[plan]\nsource = "garmin"\n'
        "[garmin]\nread_retries = 2\nretry_wait_seconds = 0.0\n"
    )
    with time_machine.travel(datetime(2026, 11, 2, 6, 0, tzinfo=UTC), tick=False) as traveller:
        assert sync(config, "--start", START.isoformat()) == 0
        world.mark()
        assert sync(config, "--start", START.isoformat()) == 0
        assert [e.path for e in world.requests()] == [
            "/calendar-service/year/2026/month/10",
            "/workout-service/workouts",
        ]
        traveller.shift(timedelta(hours=13))
        world.mark()
        assert sync(config, "--start", START.isoformat()) == 0
        months = [e.path for e in world.requests() if e.path.startswith("/calendar-service/")]
        assert months == [
            "/calendar-service/year/2026/month/9",
            "/calendar-service/year/2026/month/10",
            "/calendar-service/year/2026/month/11",
            "/calendar-service/year/2027/month/0",
        ]


def test_after_a_lost_state_file_one_sync_rebuilds_it_and_the_next_is_steady_again(
    world: World, tmp_path: Path
) -> None:
    """The workouts found by their marker alone are recorded again, so later syncs do not read
    them by id each time."""
    from tests.garmin_world import lose_state

    seed_plan(world)
    config = write_config(tmp_path)
    assert sync(config, "--start", START.isoformat()) == 0
    lose_state()
    assert sync(config, "--start", START.isoformat()) == 0
    world.mark()
    assert sync(config, "--start", START.isoformat()) == 0
    assert world.writes() == [] and len(world.requests()) <= 3
    by_id = [e for e in world.requests() if e.path.startswith("/workout-service/workout/")]
    assert by_id == []
