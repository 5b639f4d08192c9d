"""The diff between wanted sessions and runlift's remote workouts, without any server."""

from datetime import date, timedelta

from runlift.sync.engine.desired import desired_workouts
from runlift.sync.engine.diff import MAX_SCHEDULED, ActionKind, RemoteSchedule, RemoteWorkout, diff
from runlift.sync.model import PlannedSession
from runlift.workouts.garmin_payload import garmin_workout
from runlift.workouts.settings import AthleteSettings, MoveTarget

TUE = date(2026, 11, 24)
FRI = date(2026, 11, 27)
SETTINGS = AthleteSettings(targets={"romanian_deadlift": MoveTarget(load=40)})


def wanted(*sessions: tuple[date, str], settings: AthleteSettings = SETTINGS):
    return desired_workouts(
        [PlannedSession(day=d, label=label, reason="easy day") for d, label in sessions],
        settings,
        garmin_workout,
    )


def remote_of(want, workout_id: int, *days: date, schedule_ids=None) -> RemoteWorkout:
    """A remote workout with numbers for ids, as Garmin has them (the engine sees text)."""
    ids = schedule_ids or [workout_id * 10 + i for i in range(len(days))]
    return RemoteWorkout(
        workout_ref=str(workout_id),
        key=want.key,
        label=want.label,
        content_hash=want.content_hash,
        schedules=tuple(RemoteSchedule(str(sid), day) for sid, day in zip(ids, days, strict=True)),
        name=want.workout.name,
    )


def kinds(result):
    return [(a.kind, a.day) for a in result.actions]


def test_nothing_remote_creates_every_session() -> None:
    result = diff(wanted((TUE, "A"), (FRI, "B")), [])
    assert kinds(result) == [(ActionKind.CREATE, TUE), (ActionKind.CREATE, FRI)]
    assert all(a.reason == "easy day" for a in result.actions)


def test_what_is_already_there_is_left_alone() -> None:
    want = wanted((TUE, "A"), (FRI, "B"))
    result = diff(want, [remote_of(want[0], 1, TUE), remote_of(want[1], 2, FRI)])
    assert result.is_empty
    assert [w.key for w in result.unchanged] == [want[0].key, want[1].key]


def test_new_loads_update_the_workout_in_place() -> None:
    before = wanted((TUE, "A"))[0]
    heavier = AthleteSettings(targets={"romanian_deadlift": MoveTarget(load=42.5)})
    want = wanted((TUE, "A"), settings=heavier)
    result = diff(want, [remote_of(before, 1, TUE)])
    (action,) = result.actions
    assert (action.kind, action.remote.workout_ref) == (ActionKind.UPDATE, "1")
    assert "42.5 kg" in action.reason


def test_a_session_whose_day_changed_is_moved_and_renamed() -> None:
    old = wanted((TUE, "A"))[0]
    want = wanted((date(2026, 11, 25), "A"))
    (action,) = diff(want, [remote_of(old, 1, TUE)]).actions
    assert action.kind is ActionKind.MOVE
    assert action.schedule == RemoteSchedule("10", TUE)
    assert action.content_changed  # the name and marker carry the day
    assert action.reason.startswith("from 2026-11-24")


def test_a_session_no_longer_planned_is_deleted() -> None:
    old = wanted((TUE, "A"), (FRI, "B"))
    want = wanted((TUE, "A"))
    result = diff(want, [remote_of(old[0], 1, TUE), remote_of(old[1], 2, FRI)])
    (action,) = result.actions
    assert (action.kind, action.remote.workout_ref, action.reason) == (
        ActionKind.DELETE,
        "2",
        "no longer planned",
    )


def test_duplicates_for_the_same_session_are_cleaned_up() -> None:
    want = wanted((TUE, "A"))
    twins = [remote_of(want[0], 1, TUE), remote_of(want[0], 2, TUE)]
    (action,) = diff(want, twins).actions
    assert (action.kind, action.remote.workout_ref) == (ActionKind.DELETE, "2")
    assert action.reason == f"duplicate of {want[0].key}"


def test_of_two_copies_the_oldest_is_kept_though_ids_are_text_of_other_lengths() -> None:
    want = wanted((TUE, "A"))
    twins = [remote_of(want[0], 10, TUE), remote_of(want[0], 9, TUE)]
    (action,) = diff(want, twins).actions
    assert (action.kind, action.remote.workout_ref) == (ActionKind.DELETE, "10")


def test_a_workout_scheduled_twice_keeps_one_calendar_entry() -> None:
    want = wanted((TUE, "A"))
    doubled = remote_of(want[0], 1, TUE, TUE, schedule_ids=[11, 12])
    (action,) = diff(want, [doubled]).actions
    assert (action.kind, action.schedule) == (ActionKind.UNSCHEDULE, RemoteSchedule("12", TUE))


def test_a_workout_that_lost_its_calendar_entry_is_scheduled_again() -> None:
    want = wanted((TUE, "A"))
    orphan = remote_of(want[0], 1)
    (action,) = diff(want, [orphan]).actions
    assert (action.kind, action.remote.workout_ref, action.content_changed) == (
        ActionKind.SCHEDULE,
        "1",
        False,
    )


def test_removals_come_before_additions() -> None:
    old = wanted((TUE, "B"))
    want = wanted((FRI, "A"))
    result = diff(want, [remote_of(old[0], 1, TUE)])
    assert [a.kind for a in result.actions] == [ActionKind.DELETE, ActionKind.CREATE]


def test_never_more_scheduled_workouts_than_a_watch_holds() -> None:
    start = date(2026, 11, 2)
    sessions = [(start + timedelta(days=2 * i), "AB"[i % 2]) for i in range(35)]
    result = diff(wanted(*sessions), [], scheduled_elsewhere=4)
    assert result.count(ActionKind.CREATE) == MAX_SCHEDULED - 4
    assert result.notes and "30" in result.notes[0]
    created = sorted(a.day for a in result.actions)
    assert created[0] == start  # the nearest sessions are the ones kept
