"""`runlift sync` and `runlift export` push exactly the week's phase: a maintenance session on
the watch has one set per move (the real garminconnect client against the fake Garmin Connect)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from runlift.sync.cli import main
from runlift.sync.config import PlanSection
from runlift.sync.syncing import SyncRequest, sync_once
from runlift.workouts.fit_workout_reader import read_workout, session_from_workout
from runlift.workouts.garmin_marker import parse_marker
from runlift.workouts.volume import Volume
from tests.garmin_world import World, world_fixture  # noqa: F401

START = date(2026, 11, 2)  # a Monday; the world's half marathon is on Sun 2026-11-29


def runlift_workouts(world: World) -> list[dict]:
    return [
        workout
        for workout in world.fake.workouts.values()
        if parse_marker(workout.get("description")) is not None
    ]


def iterations(workout: dict) -> list[int]:
    steps = workout["workoutSegments"][0]["workoutSteps"]
    return [step["numberOfIterations"] for step in steps if step["type"] == "RepeatGroupDTO"]


def test_peak_weeks_put_one_maintenance_session_a_week_on_the_watch(world: World) -> None:
    world.two_weeks_of_running(START)
    config = replace(world.config, plan=PlanSection())  # periodize on, the default
    outcome = sync_once(config, SyncRequest(START, 14, "garmin"))
    assert outcome.outcome("garmin").diff.actions
    workouts = runlift_workouts(world)
    assert len(workouts) == 2  # one a week: both weeks are peak weeks
    for workout in workouts:
        assert " · maintenance · " in workout["workoutName"]
        assert set(iterations(workout)) == {1}


def test_base_weeks_put_the_full_program_on_the_watch(world: World) -> None:
    world.two_weeks_of_running(START)
    config = replace(world.config, plan=PlanSection(periodize=False))
    sync_once(config, SyncRequest(START, 14, "garmin"))
    workouts = runlift_workouts(world)
    assert len(workouts) == 4
    assert all(" · maintenance" not in w["workoutName"] for w in workouts)
    assert all(max(iterations(w)) >= 2 for w in workouts)


def test_export_writes_the_peak_weeks_maintenance_session(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("RUNLIFT_HOME", str(tmp_path / "home"))
    out = tmp_path / "out"
    # The demo opens with a base week; its second week is its first peak week.
    args = ["export", "--demo", "--out", str(out), "--start", "2026-11-23", "--weeks", "2"]
    assert main(args) == 0
    files = sorted(out.glob("*.fit"))
    sessions = [session_from_workout(read_workout(f.read_bytes())) for f in files]
    assert [s.volume for s in sessions] == [Volume.FULL, Volume.FULL, Volume.MAINTENANCE]
    assert {block.sets for block in sessions[-1].blocks} == {1}
    assert files[-1].name == "2026-12-04_runner-strength-A.fit"
