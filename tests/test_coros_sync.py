"""`runlift sync` with COROS as a target, alone or beside Garmin Connect: the real garminconnect
and httpx clients over 127.0.0.1 against the fake Garmin Connect and the fake COROS Training Hub,
every request counted."""

from __future__ import annotations

import json
from collections import Counter
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import time_machine

from runlift.sync import cooloff, paths
from runlift.sync.cli import main
from runlift.sync.targets.coros.session import CorosSession, save_session
from runlift.workouts.garmin_marker import parse_marker
from tests.fakes.coros import USER_ID, FakeCoros
from tests.garmin_world import World, world_fixture  # noqa: F401
from tests.test_sync_command import START, runlift_schedules, seed_plan

COROS_WRITES = r"/training/(program/add|program/delete|schedule/update)"
# Each session's five moves (the side plank twice, one block a side), as COROS's catalogue ids.
COROS_MOVES = {"T1225", "T1287", "T1054", "T1216", "T1032"}


@pytest.fixture
def coros(fake_coros: FakeCoros, world: World) -> FakeCoros:
    """Signed in to COROS, as after `runlift login coros`."""
    save_session(CorosSession(fake_coros.issue_token(), USER_ID, "eu", fake_coros.url))
    return fake_coros


def write_config(
    tmp_path: Path, targets: tuple[str, ...] = ("garmin", "coros"), source: str = "garmin"
) -> Path:
    path = tmp_path / "config.toml"
    listed = ", ".join(f'"{t}"' for t in targets)
    path.write_text(
        "[loads]\nromanian_deadlift = 40\nbent_over_row = 30\nwalking_lunge = 12\n"
        f'[plan]\nsource = "{source}"\nperiodize = false\n'
        'quality_days = ["tue", "thu"]\nlong_days = ["sun"]\n'
        f"[sync]\ntargets = [{listed}]\n"
        "[garmin]\nread_retries = 2\nretry_wait_seconds = 0.0\n"
    )
    return path


def sync(config: Path, *args: str) -> int:
    return main(["sync", "--config", str(config), "--start", START.isoformat(), *args])


def coros_calendar(fake: FakeCoros) -> list[tuple[date, str]]:
    """(day, session key) of every runlift entry on the COROS calendar."""
    out = []
    for entity in fake.state.entities:
        marker = parse_marker(entity.program.get("overview"))
        if entity.status == 1 and marker is not None:
            out.append((entity.happen_day, str(marker.key)))
    return sorted(out)


def coros_library(fake: FakeCoros) -> list[str]:
    """Session keys of runlift's programs in the COROS library."""
    return sorted(
        str(marker.key)
        for p in fake.programs.values()
        if (marker := parse_marker(p.get("overview"))) is not None
    )


def test_both_targets_get_each_session_once_and_a_second_sync_writes_nothing(
    world: World, coros: FakeCoros, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seed_plan(world)
    config = write_config(tmp_path)
    assert sync(config) == 0
    on_garmin = runlift_schedules(world)
    on_coros = coros_calendar(coros)
    assert len(on_garmin) == 4 and on_coros == on_garmin
    assert all(n == 1 for n in Counter(key for _day, key in on_coros).values())
    assert coros_library(coros) == sorted(key for _day, key in on_coros)
    # The five moves with COROS's own exercise ids, sets, reps or holds, weights in grams.
    program = next(iter(coros.programs.values()))
    assert {e["name"] for e in program["exercises"]} == COROS_MOVES
    rdl = next(e for e in program["exercises"] if e["name"] == "T1287")
    assert (rdl["targetType"], rdl["intensityValue"], rdl["restType"]) == (3, 40_000, 1)
    out = capsys.readouterr()
    assert "Changes made on Garmin Connect" in out.out and "Changes made on COROS" in out.out
    assert "COROS Training Hub requests: " in out.err

    world.mark()
    coros.log.clear()
    assert sync(config) == 0
    assert world.writes() == [] and len(world.requests()) <= 3
    assert coros.log.count(path_re=COROS_WRITES) == 0 and coros.log.count() == 2
    assert (runlift_schedules(world), coros_calendar(coros)) == (on_garmin, on_coros)
    out = capsys.readouterr().out
    assert "COROS Training Hub already holds the planned sessions (4); nothing to do." in out


def test_coros_alone_needs_no_garmin_account(
    world: World, coros: FakeCoros, tmp_path: Path
) -> None:
    (paths.garmin_token_dir() / "garmin_tokens.json").unlink()  # never signed in to Garmin
    config = write_config(tmp_path, ("coros",), "config")
    world.mark()
    assert sync(config) == 0
    assert len(coros_calendar(coros)) == 4 and world.requests() == []
    coros.log.clear()
    assert sync(config) == 0
    assert coros.log.count() == 2 and coros.log.count(path_re=COROS_WRITES) == 0


def test_a_dry_run_shows_each_targets_changes_and_changes_nothing(
    world: World, coros: FakeCoros, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seed_plan(world)
    config = write_config(tmp_path)
    world.mark()
    assert sync(config, "--dry-run", "--json") == 0
    document = json.loads(capsys.readouterr().out)
    per_target = document["targets"]
    assert [c["change"] for c in per_target["coros"]["changes"]] == ["create"] * 4
    assert [c["change"] for c in per_target["garmin"]["changes"]] == ["create"] * 4
    assert {c["target"] for c in document["changes"]} == {"garmin", "coros"}
    assert per_target["coros"]["requests"] == 2
    assert world.writes() == [] and coros.log.count(path_re=COROS_WRITES) == 0
    assert not paths.state_db().exists()


def test_a_later_change_moves_each_target_by_its_own_diff(
    world: World, coros: FakeCoros, tmp_path: Path
) -> None:
    """New loads: a new workout on each calendar, the old one away; both stay in step."""
    seed_plan(world)
    config = write_config(tmp_path)
    assert sync(config) == 0
    config.write_text(
        config.read_text().replace("romanian_deadlift = 40", "romanian_deadlift = 45")
    )
    assert sync(config) == 0
    assert coros_calendar(coros) == runlift_schedules(world)
    assert len(coros_library(coros)) == 4
    loads = {
        e["intensityValue"]
        for p in coros.programs.values()
        for e in p["exercises"]
        if e["name"] == "T1287"
    }
    assert loads == {45_000}


def test_a_429_from_coros_pauses_coros_while_garmin_is_still_synced(
    world: World, coros: FakeCoros, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seed_plan(world)
    config = write_config(tmp_path)
    coros.faults.add("status", status=429, retry_after=3600)
    assert sync(config) == 2
    (line,) = capsys.readouterr().err.strip().splitlines()[-1:]
    assert "COROS Training Hub is paused (it asked runlift to slow down)" in line
    assert len(runlift_schedules(world)) == 4 and coros_calendar(coros) == []
    assert coros.log.count() == 1 and cooloff.resume_time("coros") is not None
    assert sync(config) == 2
    assert coros.log.count() == 1  # paused: not one more request
    assert main(["resume", "coros"]) == 0  # the athlete knows the pause is over
    assert sync(config) == 0
    assert coros_calendar(coros) == runlift_schedules(world)


def test_an_ended_coros_sign_in_is_one_line_naming_the_login(
    world: World, coros: FakeCoros, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seed_plan(world)
    coros.expire_all_tokens()  # the athlete signed in to the Training Hub in a browser
    assert sync(write_config(tmp_path)) == 2
    out, err = capsys.readouterr()
    assert "Changes made on Garmin Connect" in out  # what Garmin got is shown, then the error
    assert "Traceback" not in err
    assert err.strip().splitlines()[-1].startswith("runlift: error: ")
    assert "runlift login coros" in err.strip().splitlines()[-1]
    assert coros.log.count("POST", "/account/login") == 0
    assert len(runlift_schedules(world)) == 4
    # The ended sign-in is forgotten: the next sync asks for a login without a request to COROS.
    sent = coros.log.count()
    assert sync(write_config(tmp_path)) == 2
    last = capsys.readouterr().err.strip().splitlines()[-1]
    assert "not signed in to COROS" in last and "runlift login coros" in last
    assert coros.log.count() == sent


def test_status_lists_each_targets_sessions_from_local_files(
    world: World,
    coros: FakeCoros,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    seed_plan(world)
    config = write_config(tmp_path)
    with time_machine.travel(datetime(2026, 11, 2, 6, 0, tzinfo=UTC), tick=False):
        assert sync(config) == 0
        capsys.readouterr()
        world.mark()
        coros.log.clear()
        assert main(["status", "--config", str(config)]) == 0
    out = capsys.readouterr().out
    assert "COROS Training Hub: signed in" in out
    assert "No runlift sessions" not in out
    garmin_table = out.index("runlift sessions on the Garmin calendar")
    coros_table = out.index("runlift sessions on the COROS calendar")
    assert garmin_table < coros_table
    ids = [p["id"] for p in coros.programs.values()]
    assert len(ids) == 4 and all(out.index(i) > coros_table for i in ids)
    assert world.requests() == [] and coros.log.count() == 0


def test_the_daemon_syncs_garmin_while_coros_waits_for_its_login(
    world: World, fake_coros: FakeCoros
) -> None:
    """Both targets named, COROS never signed in: each slot syncs Garmin Connect, leaves COROS
    out without a request, and syncs COROS from the first slot after `runlift login coros`."""
    from runlift.sync.config import parse_config
    from runlift.sync.daemon.service import build_daemon

    seed_plan(world)
    config = parse_config(
        {
            "plan": {"source": "garmin", "periodize": False},
            "sync": {"targets": ["garmin", "coros"]},
            "garmin": {"retry_wait_seconds": 0.0},
            "daemon": {"sync_times": ["05:30", "17:30"]},
        }
    )
    with time_machine.travel(datetime(2026, 11, 2, 5, 0, tzinfo=UTC), tick=False) as clock:
        daemon = build_daemon(config)
        clock.move_to(datetime(2026, 11, 2, 5, 31, tzinfo=UTC))
        daemon.tick()
        [first] = [o for o in daemon.outcomes if o.name == "sync"]
        assert first.ok, first.message
        assert len(runlift_schedules(world)) == 4 and fake_coros.log.count() == 0
        save_session(CorosSession(fake_coros.issue_token(), USER_ID, "eu", fake_coros.url))
        clock.move_to(datetime(2026, 11, 2, 17, 31, tzinfo=UTC))
        daemon.tick()
    assert coros_calendar(fake_coros) == runlift_schedules(world)
