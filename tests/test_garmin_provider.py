"""Upcoming runs read from the fake Garmin Connect calendar, with the requests counted."""

from __future__ import annotations

import json
from datetime import date

from runlift.sync.cli import main
from runlift.sync.model import DayKind
from runlift.sync.providers.garmin import GarminProvider
from runlift.sync.state import SyncState
from tests.fakes.garmin import SPORTS
from tests.garmin_world import World, world_fixture  # noqa: F401

NOV = (date(2026, 11, 2), date(2026, 11, 15))
assert SPORTS[2] == "cycling"


def seed_week(world: World) -> dict[str, int]:
    intervals = world.running(date(2026, 11, 3), "intervals")
    easy = world.running(date(2026, 11, 5), "easy_strides")
    world.schedule(easy, date(2026, 11, 12))  # the same workout twice: read once
    tempo = world.running(date(2026, 11, 10), "tempo")
    world.fake.add_own_strength_workout(date(2026, 11, 4))
    world.schedule(world.upload(cycling()), date(2026, 11, 6))
    world.fake.add_coach_item(date(2026, 11, 8), "Anaerobic")
    world.fake.add_race(date(2026, 11, 15), "City 10K", 10000)
    return {"intervals": intervals, "easy": easy, "tempo": tempo}


def cycling() -> dict:
    sport = {"sportTypeId": 2, "sportTypeKey": "cycling"}
    step = {
        "type": "ExecutableStepDTO",
        "stepOrder": 1,
        "stepType": {"stepTypeId": 3, "stepTypeKey": "interval"},
        "endCondition": {"conditionTypeId": 2, "conditionTypeKey": "time"},
        "endConditionValue": 3600,
    }
    return {
        "workoutName": "Spin",
        "sportType": sport,
        "workoutSegments": [{"segmentOrder": 1, "sportType": sport, "workoutSteps": [step]}],
    }


def read_runs(world: World, first: date, last: date):
    with SyncState() as state:
        return GarminProvider(world.config, world.client(), state).upcoming_runs(first, last)


def paths(world: World) -> list[str]:
    return [e.path for e in world.requests()]


def test_runs_races_and_coach_sessions_from_one_calendar_month(world: World) -> None:
    ids = seed_week(world)
    world.mark()
    every = read_runs(world, *NOV)
    runs = [r for r in every if r.kind is not DayKind.NOT_A_RUN]
    assert [(r.day.isoformat(), r.title, r.kind) for r in runs] == [
        ("2026-11-03", "6 x 800 m", None),
        ("2026-11-05", "Easy + strides", None),
        ("2026-11-08", "Anaerobic", None),
        ("2026-11-10", "Tempo 25", None),
        ("2026-11-12", "Easy + strides", None),
        ("2026-11-15", "City 10K", DayKind.RACE),
    ]
    # The calendar's other entries are handed over as not runs, each with why.
    ignored = [(r.title, r.reason) for r in every if r.kind is DayKind.NOT_A_RUN]
    assert [reason for _, reason in ignored] == [
        "your own strength workout (runlift leaves it be)",
        "a cycling workout",
    ]
    intervals, easy, coach, tempo = runs[0], runs[1], runs[2], runs[3]
    assert intervals.structure.work_intervals == 6 and intervals.structure.hard_targets
    assert easy.structure.strides_only and not easy.structure.hard_targets
    assert tempo.structure.hard_targets and tempo.structure.longest_work_s == 1500
    assert coach.source == "garmin-coach"
    assert runs[5].distance_m == 10000
    seen = paths(world)
    assert seen.count("/calendar-service/year/2026/month/10") == 1
    # One detail read per running workout not seen before; none for strength or cycling.
    details = sorted(p for p in seen if p.startswith("/workout-service/workout/"))
    assert details == sorted(f"/workout-service/workout/{wid}" for wid in ids.values())
    assert len(seen) == 1 + len(ids)


def test_workout_details_are_read_again_only_when_the_workout_changed(world: World) -> None:
    ids = seed_week(world)
    read_runs(world, *NOV)
    world.mark()
    read_runs(world, *NOV)
    # The month, and one page of the workout list by update time: nothing edited, all cached.
    assert [e.path for e in world.requests()] == [
        "/calendar-service/year/2026/month/10",
        "/workout-service/workouts",
    ]

    world.fake.edit_workout(ids["tempo"], workoutName="Tempo 30")
    world.mark()
    runs = read_runs(world, *NOV)
    details = [p for p in paths(world) if p.startswith("/workout-service/workout/")]
    assert details == [f"/workout-service/workout/{ids['tempo']}"]
    assert "Tempo 30" in [r.title for r in runs]


def test_a_window_across_two_months_reads_each_month_once(world: World) -> None:
    world.running(date(2026, 11, 30), "easy")  # on December's padding days too
    world.running(date(2026, 12, 2), "long")
    world.mark()
    runs = read_runs(world, date(2026, 11, 25), date(2026, 12, 6))
    assert [r.day for r in runs] == [date(2026, 11, 30), date(2026, 12, 2)]
    months = [p for p in paths(world) if p.startswith("/calendar-service/")]
    assert months == [
        "/calendar-service/year/2026/month/10",
        "/calendar-service/year/2026/month/11",
    ]


MONTHS_READ = [(2026, 9), (2026, 10), (2026, 11), (2027, 0)]


def test_runlift_plan_reads_garmin_through_the_entry_point(world: World, capsys) -> None:
    world.two_weeks_of_running(date(2026, 11, 2))
    world.mark()
    assert main(["plan", "--source", "garmin", "--start", "2026-11-02", "--json"]) == 0
    plan = json.loads(capsys.readouterr().out)
    kinds = {day["date"]: day["kind"] for day in plan["days"]}
    assert kinds["2026-11-03"] == "quality"  # 6 x 800 m at a pace
    assert kinds["2026-11-10"] == "quality"  # a paced tempo block between warm-up and cool-down
    assert kinds["2026-11-05"] == "easy"  # easy run with strides
    assert {s["date"] for s in plan["sessions"]}.isdisjoint({"2026-11-03", "2026-11-10"})
    # The months from a week before the window (recovery after a race) to eight weeks after it
    # (a goal race sets the peak weeks): October 2026 to January 2027.
    months = [e.path for e in world.requests() if "/calendar-service/" in e.path]
    assert months == [f"/calendar-service/year/{y}/month/{m}" for y, m in MONTHS_READ]


def test_an_edit_that_keeps_the_name_is_seen_and_the_run_classified_again(world: World) -> None:
    """The calendar month lists no update time; the workout list's updateDate says what was
    edited (its name can stay "6 x 800 m" while the steps become an easy run)."""
    ids = seed_week(world)
    (intervals,) = [r for r in read_runs(world, *NOV) if r.day == date(2026, 11, 3)]
    assert intervals.structure.hard_targets
    easy_steps = world.fake.workouts[ids["easy"]]["workoutSegments"]
    world.fake.edit_workout(ids["intervals"], workoutSegments=easy_steps)
    (edited,) = [r for r in read_runs(world, *NOV) if r.day == date(2026, 11, 3)]
    assert edited.title == "6 x 800 m"
    assert not edited.structure.hard_targets


def test_an_edit_stamped_in_the_same_second_as_the_newest_cached_workout_is_seen(
    world: World,
) -> None:
    """Garmin's update times have whole seconds ("2023-10-02T05:45:53.0"): an edit can carry
    the very time of the newest workout already cached, and is an edit all the same."""
    ids = seed_week(world)
    world.fake.workouts[ids["intervals"]]["updatedDate"] = "2026-10-01T07:00:00.0"
    read_runs(world, *NOV)  # cached: intervals as of 1 October, the others newer
    newest = max(world.fake.workouts[ids[k]]["updatedDate"] for k in ("easy", "tempo"))
    easy_steps = world.fake.workouts[ids["easy"]]["workoutSegments"]
    world.fake.edit_workout(ids["intervals"], workoutSegments=easy_steps)
    world.fake.workouts[ids["intervals"]]["updatedDate"] = newest  # edited in that second
    (edited,) = [r for r in read_runs(world, *NOV) if r.day == date(2026, 11, 3)]
    assert not edited.structure.hard_targets
