"""The sync engine against the fake Garmin Connect, through the real garminconnect client.

Sessions are placed by hand here (what the planner would hand over), so each test says exactly
which sessions are wanted; tests/test_sync_command.py runs the whole `runlift sync`.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from runlift.sync.engine.desired import desired_workouts
from runlift.sync.model import PlannedSession
from runlift.sync.targets.garmin.account import GarminAccount
from runlift.sync.targets.garmin.cache import GarminCache
from runlift.sync.targets.garmin.target import GarminTarget
from runlift.workouts.garmin_marker import parse_marker
from runlift.workouts.garmin_payload import garmin_workout
from runlift.workouts.settings import AthleteSettings, MoveTarget
from tests.garmin_world import World, lose_state, world_fixture  # noqa: F401
from tests.target_sync import sync_planned as sync_through

MON = date(2026, 11, 2)
WINDOW = (MON, MON + timedelta(days=13))
LIGHT = AthleteSettings(targets={"romanian_deadlift": MoveTarget(load=40)})
HEAVY = AthleteSettings(targets={"romanian_deadlift": MoveTarget(load=45)})


def session(day: int, label: str) -> PlannedSession:
    return PlannedSession(MON + timedelta(days=day), label, "easy day")


FOUR = [session(1, "A"), session(4, "B"), session(8, "A"), session(11, "B")]


def sync_planned(world: World, sessions, settings=LIGHT):
    """One sync of hand-placed sessions over the two-week window: what `runlift sync` does once
    the planner has placed them."""
    client = world.client()
    return sync_through(
        lambda state: GarminTarget(GarminAccount(client, GarminCache(state)), state),
        sessions,
        settings,
        window=WINDOW,
    )


def runlift_calendar(world: World) -> list[tuple[str, str, date]]:
    """(key, content hash, day) of every calendar entry of a runlift workout."""
    out = []
    for _sid, wid, day in world.calendar():
        marker = parse_marker(world.fake.workouts[wid].get("description"))
        if marker is not None:
            out.append((marker.key, marker.content_hash, day))
    return sorted(out)


def runlift_workouts(world: World) -> list[int]:
    return sorted(
        wid for wid, w in world.fake.workouts.items() if parse_marker(w.get("description"))
    )


def assert_exactly(world: World, sessions, settings=LIGHT) -> None:
    wanted = sorted(
        (d.key, d.content_hash, d.day) for d in desired_workouts(sessions, settings, garmin_workout)
    )
    assert runlift_calendar(world) == wanted
    assert len(runlift_workouts(world)) == len(wanted)  # no duplicates, no orphans


def methods(entries) -> list[str]:
    return [e.method for e in entries]


def test_first_sync_creates_and_schedules_each_session(world: World) -> None:
    world.mark()
    outcome = sync_planned(world, FOUR)
    assert_exactly(world, FOUR)
    assert outcome.report.done["create"] == 4
    assert methods(world.writes()) == ["POST"] * 8


def test_a_second_sync_with_nothing_changed_makes_at_most_two_requests(world: World) -> None:
    sync_planned(world, FOUR)
    world.mark()
    outcome = sync_planned(world, FOUR)
    assert outcome.diff.is_empty
    assert len(world.requests()) <= 2
    assert world.writes() == []


def test_new_loads_replace_the_workouts_never_rewrite_them(world: World) -> None:
    """A workout rewritten in place is reported to stay stale on the watch: new content is a
    new workout on the calendar, then the old one unscheduled and deleted."""
    sync_planned(world, FOUR)
    ids = runlift_workouts(world)
    world.mark()
    sync_planned(world, FOUR, HEAVY)
    assert_exactly(world, FOUR, HEAVY)
    assert not set(runlift_workouts(world)) & set(ids)
    assert "PUT" not in methods(world.writes())
    assert methods(world.writes()) == ["POST", "POST", "DELETE", "DELETE"] * 4


def test_a_moved_session_is_a_new_workout_on_the_new_day_and_the_old_one_goes(world: World) -> None:
    """The workout's name and marker carry its day: a new day is new content."""
    sync_planned(world, FOUR)
    ids = runlift_workouts(world)
    moved = [FOUR[0], session(5, "B"), FOUR[2], FOUR[3]]
    world.mark()
    sync_planned(world, moved)
    assert_exactly(world, moved)
    assert len(set(runlift_workouts(world)) - set(ids)) == 1
    assert "PUT" not in methods(world.writes())


def test_a_session_the_athlete_dragged_away_is_put_back_by_unschedule_and_schedule(
    world: World,
) -> None:
    sync_planned(world, FOUR)
    ids = runlift_workouts(world)
    (schedule_id,) = [sid for sid, _w, day in world.calendar() if day == FOUR[1].day]
    world.fake.move_schedule(schedule_id, FOUR[1].day + timedelta(days=1))
    world.mark()
    outcome = sync_planned(world, FOUR)
    assert_exactly(world, FOUR)
    assert runlift_workouts(world) == ids
    assert outcome.report.done["move"] == 1
    assert [(e.method, e.path.rsplit("/", 2)[-2]) for e in world.writes()] == [
        ("DELETE", "schedule"),
        ("POST", "schedule"),
    ]


def test_a_session_no_longer_planned_is_unscheduled_and_deleted(world: World) -> None:
    sync_planned(world, FOUR)
    world.mark()
    sync_planned(world, FOUR[:3])
    assert_exactly(world, FOUR[:3])
    assert methods(world.writes()) == ["DELETE", "DELETE"]


def test_the_athletes_own_strength_workout_on_the_same_day_survives_everything(
    world: World,
) -> None:
    mine = dict(
        reversed(world.fake.add_own_strength_workout(entry.day))
        for entry in [*FOUR, session(5, "B")]
    )
    before = {wid: dict(world.fake.workouts[wid]) for wid in mine.values()}
    days = {sid: world.fake.schedules[sid]["calendarDate"] for sid in mine}

    sync_planned(world, FOUR)  # create
    sync_planned(world, FOUR, HEAVY)  # update
    sync_planned(world, [FOUR[0], session(5, "B"), FOUR[2], FOUR[3]], HEAVY)  # move
    sync_planned(world, [FOUR[0]], HEAVY)  # delete
    lose_state()
    sync_planned(world, [], HEAVY)  # rebuilt from the remote side, then delete the rest

    assert {wid: world.fake.workouts[wid] for wid in before} == before
    assert {sid: world.fake.schedules[sid]["calendarDate"] for sid in mine} == days
    assert runlift_workouts(world) == []


def test_duplicates_found_remotely_are_cleaned(world: World) -> None:
    sync_planned(world, FOUR)
    wid = runlift_workouts(world)[0]
    workout = world.fake.workouts[wid]
    day = next(d for _s, w, d in world.calendar() if w == wid)
    world.schedule(wid, day)  # a second calendar entry of the same workout
    twin = world.upload(
        {
            k: workout[k]
            for k in (
                "workoutName",
                "description",
                "sportType",
                "workoutSegments",
                "estimatedDurationInSecs",
            )
        }
    )
    world.schedule(twin, day)  # and a second workout for the same session
    sync_planned(world, FOUR)
    assert_exactly(world, FOUR)


def test_with_the_state_deleted_the_next_sync_rebuilds_from_the_markers(world: World) -> None:
    sync_planned(world, FOUR)
    ids = runlift_workouts(world)
    lose_state()
    world.mark()
    outcome = sync_planned(world, FOUR)
    assert outcome.diff.is_empty
    assert world.writes() == []
    assert runlift_workouts(world) == ids


def fresh(world: World, before) -> None:
    """The fake emptied down to the athlete's own workout, with ``before`` synced by runlift."""
    world.heal()
    world.fake.state.workouts.clear()
    world.fake.state.schedules.clear()
    lose_state()
    world.fake.add_own_strength_workout(MON + timedelta(days=1))
    if before:
        sync_planned(world, before)


@pytest.mark.parametrize("kind", ["reset", "apply_then_reset"])
@pytest.mark.parametrize("state_lost", [False, True], ids=["state kept", "state lost"])
@pytest.mark.parametrize("change", ["first sync", "plan and loads changed"])
def test_a_sync_killed_at_any_remote_call_is_finished_by_the_next(
    world: World, kind: str, state_lost: bool, change: str
) -> None:
    """Kill the sync at request k (``reset``: k never lands; ``apply_then_reset``: k lands and
    its answer is lost; nothing after k gets through), maybe lose the local state, then sync
    again: exactly the wanted sessions, each once, nothing orphaned. For every k, until a sync
    gets through untouched."""
    before, after, settings = (
        ([], FOUR, LIGHT)
        if change == "first sync"
        else (FOUR, [session(2, "A"), FOUR[1], session(9, "A")], HEAVY)
    )
    k = 1
    while True:
        fresh(world, before)
        world.kill_from(k, kind)
        try:
            sync_planned(world, after, settings)
            survived = True
        except Exception:
            survived = False
        world.heal()
        if state_lost:
            lose_state()
        sync_planned(world, after, settings)
        assert_exactly(world, after, settings)
        world.mark()
        assert sync_planned(world, after, settings).diff.is_empty
        assert world.writes() == []
        if survived:
            break
        k += 1
    assert k > 8  # every request of a sync that writes was a kill point
