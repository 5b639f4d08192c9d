"""The sync engine on the in-memory Garmin twin: every recovery path of apply, with faults per
call (landed and answer lost, not landed, 404, 429, 400). The loopback tests
(tests/test_sync_engine.py) prove the same engine on the wire."""

from __future__ import annotations

import contextlib
from datetime import date, timedelta

import pytest

from runlift.sync import cooloff
from runlift.sync.engine.desired import desired_workouts
from runlift.sync.engine.run import SyncOutcome
from runlift.sync.errors import RateLimited, Rejected, ServiceUnreachable
from runlift.sync.model import PlannedSession
from runlift.sync.state import SyncState
from runlift.sync.targets.garmin.account import GarminAccount
from runlift.sync.targets.garmin.cache import GarminCache
from runlift.sync.targets.garmin.target import GarminTarget
from runlift.sync.targets.garmin.twin import MemoryGarmin
from runlift.workouts.garmin_marker import parse_marker
from runlift.workouts.garmin_payload import garmin_workout
from runlift.workouts.settings import AthleteSettings, MoveTarget
from tests.target_sync import sync_planned

MON = date(2026, 11, 2)
WINDOW = (MON, MON + timedelta(days=13))
LIGHT = AthleteSettings(targets={"romanian_deadlift": MoveTarget(load=40)})
HEAVY = AthleteSettings(targets={"romanian_deadlift": MoveTarget(load=45)})


def session(day: int, label: str) -> PlannedSession:
    return PlannedSession(MON + timedelta(days=day), label, "easy day")


TWO = [session(1, "A"), session(4, "B")]


@pytest.fixture
def garmin(runlift_home) -> MemoryGarmin:
    return MemoryGarmin()


def sync(
    garmin: MemoryGarmin,
    sessions=TWO,
    settings=LIGHT,
    *,
    dry_run: bool = False,
    window: tuple[date, date] = WINDOW,
    reach: int = 0,
):
    """``reach``: days read past the window (the runs source garmin looks at)."""
    return sync_planned(
        lambda state: GarminTarget(GarminAccount(garmin, GarminCache(state)), state),
        sessions,
        settings,
        window=window,
        dry_run=dry_run,
        reach=reach,
    )


def ok_sync(garmin: MemoryGarmin, sessions=TWO, settings=LIGHT) -> SyncOutcome:
    """A sync that must get through; returns its outcome."""
    return sync(garmin, sessions, settings)


def mine(garmin: MemoryGarmin) -> dict[int, str]:
    """runlift's workouts: id -> key."""
    out = {}
    for wid, workout in garmin.workouts.items():
        marker = parse_marker(workout.get("description"))
        if marker is not None:
            out[wid] = marker.key
    return out


def assert_exactly(garmin: MemoryGarmin, sessions=TWO, settings=LIGHT) -> None:
    wanted = sorted((d.key, d.day) for d in desired_workouts(sessions, settings, garmin_workout))
    own = mine(garmin)
    calendar = sorted((own[wid], day) for wid, day in garmin.scheduled() if wid in own)
    assert calendar == wanted
    assert len(own) == len(wanted)


def test_a_lost_create_answer_is_found_in_the_library_not_sent_again(garmin) -> None:
    garmin.fail("create_workout", "lost")
    outcome = ok_sync(garmin)
    assert (outcome.report.recovered, outcome.report.resent) == (1, 0)
    assert garmin.calls["create_workout"] == 2
    assert_exactly(garmin)


def test_a_create_that_never_landed_is_sent_once_more(garmin) -> None:
    garmin.fail("create_workout", "not_landed")
    outcome = ok_sync(garmin)
    assert (outcome.report.recovered, outcome.report.resent) == (0, 1)
    assert_exactly(garmin)


def test_a_create_failing_twice_stops_the_sync_and_the_next_finishes(garmin) -> None:
    garmin.fail("create_workout", "not_landed", times=2)
    with pytest.raises(ServiceUnreachable, match="failed twice"):
        sync(garmin)
    ok_sync(garmin)
    assert_exactly(garmin)


def test_a_create_refused_on_the_second_try_is_recorded_and_raised(garmin) -> None:
    garmin.fail("create_workout", "not_landed")
    garmin.fail("create_workout", "rejected", nth=2)
    with pytest.raises(Rejected):
        sync(garmin)
    with SyncState() as state:
        assert [i.status for i in state.intents.all()] == ["failed"]
    ok_sync(garmin)
    assert_exactly(garmin)


def test_a_429_stops_at_once_and_records_the_write_as_not_landed(garmin) -> None:
    garmin.fail("schedule", "rate_limited")
    with pytest.raises(RateLimited):
        sync(garmin)
    assert garmin.calls["schedule"] == 1 and garmin.calls["create_workout"] == 1
    with SyncState() as state:
        assert [(i.action, i.status) for i in state.intents.all()] == [
            ("create_workout", "done"),
            ("schedule", "failed"),
        ]
    assert cooloff.resume_time("garmin") is not None
    with pytest.raises(RateLimited):  # paused: nothing is sent
        sync(garmin)
    assert garmin.calls["schedule"] == 1 and garmin.calls["calendar_month"] == 2
    cooloff.clear("garmin")  # the pause is over
    ok_sync(garmin)
    assert_exactly(garmin)
    assert garmin.calls["create_workout"] == 2  # the unscheduled one is found, not recreated


def test_a_lost_schedule_answer_is_adopted_from_the_month(garmin) -> None:
    garmin.fail("schedule", "lost")
    outcome = ok_sync(garmin)
    assert outcome.report.recovered == 1 and garmin.calls["schedule"] == 2
    assert_exactly(garmin)


def test_a_lost_schedule_answer_listed_late_is_never_sent_twice(garmin) -> None:
    garmin.calendar_lag = True
    garmin.fail("schedule", "lost")
    outcome = ok_sync(garmin)
    assert outcome.report.unconfirmed == 1 and garmin.calls["schedule"] == 2
    again = ok_sync(garmin)
    assert again.diff.is_empty
    assert garmin.calls["schedule"] == 2
    assert_exactly(garmin)


def test_a_schedule_that_never_landed_is_made_by_the_next_sync(garmin) -> None:
    garmin.fail("schedule", "not_landed")
    assert ok_sync(garmin).report.unconfirmed == 1
    assert len(garmin.schedules) == 1
    ok_sync(garmin)
    assert_exactly(garmin)


def test_entries_the_month_lists_late_are_read_directly_not_made_again(garmin) -> None:
    garmin.calendar_lag = True
    ok_sync(garmin)
    again = ok_sync(garmin)
    assert again.diff.is_empty
    assert garmin.calls["schedule_entry"] == 2 and garmin.calls["schedule"] == 2


def test_an_entry_the_athlete_removed_is_made_again(garmin) -> None:
    ok_sync(garmin)
    garmin.schedules.pop(next(iter(garmin.schedules)))
    outcome = ok_sync(garmin)
    assert outcome.report.done["schedule"] == 1
    assert_exactly(garmin)


def test_new_content_replaces_each_workout_and_a_crash_at_any_step_converges(garmin) -> None:
    for step in range(1, 9):
        garmin = MemoryGarmin()
        _reset_state()
        ok_sync(garmin)
        writes = {"create_workout": 0, "schedule": 0, "unschedule": 0, "delete_workout": 0}
        order = ["create_workout", "schedule", "unschedule", "delete_workout"] * 2
        call = order[step - 1]
        writes[call] = order[:step].count(call)
        garmin.fail(call, "not_landed", nth=writes[call], times=None)
        with contextlib.suppress(ServiceUnreachable):
            sync(garmin, TWO, HEAVY)
        garmin.heal()
        ok_sync(garmin, TWO, HEAVY)
        assert_exactly(garmin, TWO, HEAVY)


def test_a_move_is_unschedule_then_schedule(garmin) -> None:
    ok_sync(garmin)
    (wid, day) = garmin.scheduled()[0]
    schedule_id = next(s for s, v in garmin.schedules.items() if v["workoutId"] == wid)
    garmin.move_schedule(schedule_id, day + timedelta(days=1))
    before = dict(garmin.calls)
    outcome = ok_sync(garmin)
    assert outcome.report.done["move"] == 1
    assert garmin.calls["unschedule"] - before.get("unschedule", 0) == 1
    assert garmin.calls["schedule"] - before["schedule"] == 1
    assert garmin.calls["create_workout"] == before["create_workout"]
    assert_exactly(garmin)


def test_a_workout_deleted_under_a_move_is_made_anew(garmin) -> None:
    ok_sync(garmin)
    wid, day = garmin.scheduled()[0]
    schedule_id = next(s for s, v in garmin.schedules.items() if v["workoutId"] == wid)
    garmin.move_schedule(schedule_id, day + timedelta(days=1))
    garmin.fail("schedule", "not_found")  # gone between the read and the write
    ok_sync(garmin)
    assert garmin.calls["create_workout"] == 3
    wanted = {d.key for d in desired_workouts(TWO, LIGHT, garmin_workout)}
    assert wanted <= set(mine(garmin).values())


def test_removals_already_done_are_taken_as_done(garmin) -> None:
    ok_sync(garmin)
    garmin.fail("unschedule", "not_found")
    garmin.fail("delete_workout", "not_found")
    outcome = ok_sync(garmin, TWO[:1])
    assert outcome.report.done["delete"] == 1


def test_lost_removal_answers_are_proved_by_reading_back(garmin) -> None:
    ok_sync(garmin)
    garmin.fail("unschedule", "lost")
    garmin.fail("delete_workout", "lost")
    outcome = ok_sync(garmin, TWO[:1])
    assert outcome.report.recovered == 2 and outcome.report.resent == 0
    assert_exactly(garmin, TWO[:1])


def test_removals_that_never_landed_are_sent_once_more(garmin) -> None:
    ok_sync(garmin)
    garmin.fail("unschedule", "not_landed")
    garmin.fail("delete_workout", "not_landed")
    outcome = ok_sync(garmin, TWO[:1])
    assert outcome.report.resent == 2
    assert_exactly(garmin, TWO[:1])


def test_with_the_state_lost_runlift_workouts_are_found_by_their_marker(garmin) -> None:
    ok_sync(garmin)
    ids = set(mine(garmin))
    _reset_state()
    outcome = ok_sync(garmin)
    assert outcome.diff.is_empty
    assert set(mine(garmin)) == ids
    assert garmin.calls["workout"] == 2  # each marker read once (the month has no descriptions)


def test_an_unscheduled_runlift_workout_from_a_crash_is_found_in_the_library(garmin) -> None:
    garmin.fail("schedule", "not_landed", times=None)
    sync(garmin)
    garmin.heal()
    _reset_state()
    ok_sync(garmin)
    assert garmin.calls["create_workout"] == 2
    assert_exactly(garmin)


def test_the_athletes_own_strength_workout_is_never_touched(garmin) -> None:
    own = {
        "workoutName": "My leg day",
        "description": None,
        "sportType": {"sportTypeId": 5, "sportTypeKey": "strength_training"},
        "workoutSegments": [],
    }
    own_id = garmin.add_workout(own, TWO[0].day)
    named = garmin.add_workout({**own, "workoutName": "Runner Strength A · Tue 3 Nov"})
    ok_sync(garmin, TWO, HEAVY)
    _reset_state()
    ok_sync(garmin, [], HEAVY)
    assert own_id in garmin.workouts and named in garmin.workouts
    assert (own_id, TWO[0].day) in garmin.scheduled()
    assert mine(garmin) == {}


def test_a_dry_run_writes_nothing(garmin) -> None:
    outcome = sync(garmin, dry_run=True)
    assert outcome.report is None and len(outcome.diff.actions) == 2
    assert outcome.summary() == "dry run: 2 change(s) pending (3 requests)"
    assert garmin.workouts == {}


def test_sessions_before_and_after_the_window_are_left_alone(garmin) -> None:
    """Earlier sessions are history; later ones (a longer window before) stay scheduled."""
    four_weeks = [*TWO, session(15, "A"), session(22, "B")]
    sync(garmin, four_weeks, window=(MON, MON + timedelta(days=27)))
    next_week = (MON + timedelta(days=7), MON + timedelta(days=20))
    outcome = ok_sync_window(garmin, [session(15, "A")], next_week)
    assert outcome.diff.is_empty
    assert len(garmin.workouts) == 4 and len(garmin.schedules) == 4


def test_sessions_read_past_the_window_are_left_alone(garmin) -> None:
    sync(garmin, [*TWO, session(15, "A")], window=(MON, MON + timedelta(days=20)))
    outcome = sync(garmin, TWO, reach=8)
    assert outcome.diff.is_empty and len(garmin.schedules) == 3


def test_a_marker_that_cannot_be_read_is_read_by_the_next_sync(garmin) -> None:
    ok_sync(garmin)
    _reset_state()
    garmin.fail("workout", "not_found")  # the detail read fails once
    ok_sync(garmin)
    ok_sync(garmin)
    assert_exactly(garmin)


def test_a_late_listed_entry_moved_past_the_window_is_not_touched(garmin) -> None:
    garmin.calendar_lag = True
    ok_sync(garmin)
    wid, _day = garmin.scheduled()[-1]
    schedule_id = next(s for s, v in garmin.schedules.items() if v["workoutId"] == wid)
    garmin.move_schedule(schedule_id, WINDOW[1] + timedelta(days=3))
    ok_sync(garmin)
    assert (
        garmin.schedules[schedule_id]["calendarDate"] == (WINDOW[1] + timedelta(days=3)).isoformat()
    )
    assert wid in garmin.workouts


def test_new_content_for_a_workout_scheduled_twice_clears_both_entries(garmin) -> None:
    ok_sync(garmin)
    wid, day = garmin.scheduled()[0]
    garmin.schedule(wid, day)  # the athlete put it on the calendar twice
    ok_sync(garmin, TWO, HEAVY)
    assert_exactly(garmin, TWO, HEAVY)


def test_with_the_state_lost_a_lost_create_of_new_content_is_told_from_the_old(garmin) -> None:
    ok_sync(garmin)
    _reset_state()
    garmin.fail("create_workout", "lost")
    outcome = ok_sync(garmin, TWO, HEAVY)
    assert outcome.report.recovered == 1 and outcome.report.resent == 0
    assert_exactly(garmin, TWO, HEAVY)


def ok_sync_window(garmin: MemoryGarmin, sessions, window) -> SyncOutcome:
    return sync(garmin, sessions, LIGHT, window=window)


def _reset_state() -> None:
    from runlift.sync import paths

    db = paths.state_db()
    for suffix in ("", "-wal", "-shm"):
        db.with_name(db.name + suffix).unlink(missing_ok=True)


def test_a_lost_create_is_told_from_the_athletes_own_strength_workouts(garmin) -> None:
    own = {
        "workoutName": "My leg day",
        "sportType": {"sportTypeId": 5, "sportTypeKey": "strength_training"},
        "workoutSegments": [],
    }
    own_id = garmin.add_workout(own)
    garmin.fail("create_workout", "lost")
    outcome = ok_sync(garmin)
    assert outcome.report.recovered == 1 and own_id in garmin.workouts
    assert garmin.calls["workout"] == 1  # only the new one read: the other is not runlift-named
    assert_exactly(garmin)


def test_a_lost_create_read_back_skips_a_workout_gone_between_list_and_read(garmin) -> None:
    copy = {
        "workoutName": "Runner Strength A · Tue 3 Nov",  # runlift's name, no marker
        "sportType": {"sportTypeId": 5, "sportTypeKey": "strength_training"},
        "workoutSegments": [],
    }
    copy_id = garmin.add_workout(copy)
    # Listed before the lost create's workout (the list is newest created first).
    garmin.workouts[copy_id]["createdDate"] = "2099-01-01T00:00:00.0"
    garmin.fail("create_workout", "lost")
    # The copy is read once when runlift looks for its own workouts (no marker), then deleted
    # by the athlete just as the read-back reads it.
    garmin.fail("workout", "not_found", nth=2)
    outcome = ok_sync(garmin)
    assert outcome.report.recovered == 1 and outcome.report.resent == 0
    assert_exactly(garmin)
