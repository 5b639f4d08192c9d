"""`runlift doctor garmin` against the fake Garmin Connect, in both weight readings."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
import time_machine

from runlift.sync.cli import main
from runlift.sync.state import SyncState
from runlift.sync.targets.garmin.cache import GarminCache
from runlift.workouts.fit_workout_reader import read_workout
from runlift.workouts.garmin_marker import parse_marker
from tests.garmin_world import World, world_fixture  # noqa: F401
from tests.test_sync_command import START, seed_plan, write_config

TODAY = date(2026, 11, 2)


@pytest.fixture(autouse=True)
def wide_terminal(monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")


def doctor(config: Path) -> int:
    with time_machine.travel(TODAY, tick=False):
        return main(["doctor", "garmin", "--config", str(config)])


def lines(capsys) -> list[str]:
    return capsys.readouterr().out.strip().splitlines()


def stored_factor() -> float | None:
    with SyncState() as state:
        unit = GarminCache(state).weight_unit()
    return unit.factor if unit else None


def test_every_check_holds_when_garmin_reads_weights_as_sent(
    world: World, tmp_path: Path, capsys
) -> None:
    world.mark()
    assert doctor(write_config(tmp_path)) == 0
    out = lines(capsys)
    names = [line.split(":", 1)[0] for line in out[:-1]]
    assert names == [
        "create",
        "read back",
        "watch exercise",
        "watch weight",
        "schedule",
        "calendar month",
        "unschedule",
        "delete",
    ]
    assert all(": ok (" in line for line in out[:-1])
    assert "watch weight: ok (the watch gets 20 kg for 20 kg sent)" in out
    assert "watch exercise: ok (deadlift/romanian_deadlift)" in out
    assert f"listed on {(TODAY + timedelta(days=365)).isoformat()}" in "\n".join(out)
    assert out[-1].startswith("runlift doctor garmin: all checks hold")
    # Nothing left behind, and the FIT came from Garmin's own rendering of the workout.
    assert world.fake.workouts == {} and world.fake.schedules == {}
    assert any(e.path.startswith("/workout-service/workout/FIT/") for e in world.requests())
    assert stored_factor() == 1.0


def test_a_scaled_weight_differs_is_stored_and_every_later_sync_uses_it(
    world: World, tmp_path: Path, capsys
) -> None:
    world.fake.fit_weight_reading = "grams"  # Garmin reads weightValue as grams
    config = write_config(tmp_path)
    assert doctor(config) == 1
    out = lines(capsys)
    weight = next(line for line in out if line.startswith("watch weight:"))
    assert weight.startswith("watch weight: differs (the watch gets 0.02 kg for 20 kg sent")
    assert "scales weights by 0.001" in weight
    assert out[-1].startswith("runlift doctor garmin: some checks differ")
    assert world.fake.workouts == {}
    assert stored_factor() == 0.001

    seed_plan(world)
    assert main(["sync", "--config", str(config), "--start", START.isoformat()]) == 0
    assert "scaled by 0.001" in capsys.readouterr().err
    mine = [w for w in world.fake.workouts.values() if parse_marker(w.get("description"))]
    assert mine
    for workout in mine:  # the watch gets the load, not a thousandth of it
        fit = read_workout(world.api().download_workout(workout["workoutId"]))
        assert 40.0 in {block.weight_kg for block in fit.blocks}


def test_until_measured_a_dry_run_says_the_unit_is_unverified(
    world: World, tmp_path: Path, capsys
) -> None:
    seed_plan(world)
    config = write_config(tmp_path)
    assert main(["sync", "--config", str(config), "--start", START.isoformat(), "--dry-run"]) == 0
    assert "unverified" in capsys.readouterr().err
    assert main(["sync", "--config", str(config), "--start", START.isoformat()]) == 0
    assert stored_factor() == 1.0  # measured by the first sync that sent a load
    assert main(["sync", "--config", str(config), "--start", START.isoformat(), "--dry-run"]) == 0
    assert "unverified" not in capsys.readouterr().err


def test_the_first_sync_measures_a_scaled_reading_and_the_next_fixes_the_loads(
    world: World, tmp_path: Path, capsys
) -> None:
    world.fake.fit_weight_reading = "grams"
    seed_plan(world)
    config = write_config(tmp_path)
    assert main(["sync", "--config", str(config), "--start", START.isoformat()]) == 0
    assert stored_factor() == 0.001
    assert main(["sync", "--config", str(config), "--start", START.isoformat()]) == 0
    assert "scaled by 0.001" in capsys.readouterr().err
    for workout in world.fake.workouts.values():
        if parse_marker(workout.get("description")):
            fit = read_workout(world.api().download_workout(workout["workoutId"]))
            assert 40.0 in {block.weight_kg for block in fit.blocks}


def test_a_calendar_listing_one_read_late_still_holds(world: World, tmp_path: Path, capsys) -> None:
    world.fake.calendar_lag = True
    assert doctor(write_config(tmp_path)) == 0
    assert "calendar month: ok (listed on" in capsys.readouterr().out


def test_a_refused_step_differs_and_the_check_workout_is_still_deleted(
    world: World, tmp_path: Path, capsys
) -> None:
    world.fake.faults.add(
        "status", method="POST", path_re=r"^/workout-service/schedule/", status=400
    )
    assert doctor(write_config(tmp_path)) == 1
    out = lines(capsys)
    assert any(line.startswith("schedule: differs (") for line in out)
    assert "delete: ok" in "\n".join(out)
    assert world.fake.workouts == {}


def test_json_lists_every_check_and_the_measured_factor(
    world: World, tmp_path: Path, capsys
) -> None:
    import json

    with time_machine.travel(TODAY, tick=False):
        code = main(["doctor", "garmin", "--json", "--config", str(write_config(tmp_path))])
    assert code == 0
    body = json.loads(capsys.readouterr().out)
    assert body["ok"] is True and body["weight_factor"] == 1.0
    assert [c["check"] for c in body["checks"]][:2] == ["create", "read back"]
    assert all(c["ok"] for c in body["checks"]) and body["requests"] > 0
