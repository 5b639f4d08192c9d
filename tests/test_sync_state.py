"""The local record of what runlift did on Garmin Connect."""

import sqlite3
import stat
from datetime import date

import pytest

from runlift.sync import paths
from runlift.sync.state import DONE, FAILED, PENDING, RESOLVED, OwnedWorkout, SyncState

DAY = date(2026, 11, 24)


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("RUNLIFT_HOME", str(tmp_path))
    return tmp_path


def test_an_intent_is_recorded_before_and_confirmed_with_its_effect() -> None:
    with SyncState() as state:
        intent = state.intend("create_workout", "2026-11-24/A", day=DAY, content_hash="a" * 12)
        assert [(i.action, i.status) for i in state.pending()] == [("create_workout", PENDING)]
        assert state.owned() == []
        state.confirm(
            intent, remember=OwnedWorkout(7, "2026-11-24/A", "a" * 12, DAY, None, "Runner")
        )
        assert state.pending() == []
        assert state.owned() == [OwnedWorkout(7, "2026-11-24/A", "a" * 12, DAY, None, "Runner")]
        assert state.intents()[0].status == DONE


def test_a_crash_between_intent_and_send_leaves_the_intent_pending_after_reopening() -> None:
    with SyncState() as state:
        state.intend("schedule", "2026-11-24/A", workout_id=7, day=DAY)
    with SyncState() as state:
        (pending,) = state.pending()
        assert (pending.action, pending.workout_id, pending.day) == ("schedule", 7, DAY)
        state.resolve_pending()
        assert state.pending() == []
        assert state.intents()[0].status == RESOLVED


def test_a_refused_write_is_marked_failed_and_changes_nothing() -> None:
    with SyncState() as state:
        intent = state.intend("delete_workout", "2026-11-24/A", workout_id=7)
        state.fail(intent, "GarminRejected")
        assert state.intents()[0].status == FAILED
        assert state.owned() == []


def test_the_effect_and_the_confirmation_share_one_transaction() -> None:
    with SyncState() as state:
        intent = state.intend("create_workout", "2026-11-24/A")
        broken = OwnedWorkout(7, "2026-11-24/A", "a" * 12, DAY, None)
        object.__setattr__(broken, "day", "not a date")
        with pytest.raises(AttributeError):
            state.confirm(intent, remember=broken)
        assert state.owned() == []
        assert state.pending()[0].id == intent


def test_a_new_state_has_never_completed_a_sync() -> None:
    with SyncState() as state:
        assert not state.has_completed_sync()
        run = state.start_run()
        assert not state.has_completed_sync()
        state.finish_run(run, "ok", counts={"create": 2})
        assert state.has_completed_sync()
        last = state.last_run()
        assert last is not None
        assert (last.outcome, last.counts) == ("ok", {"create": 2})


def test_the_file_is_private_in_wal_mode_and_shares_space_with_other_tables() -> None:
    db = sqlite3.connect(paths.state_db())
    db.execute("CREATE TABLE lift_sessions (id INTEGER PRIMARY KEY)")
    db.commit()
    db.close()
    with SyncState() as state:
        state.remember(OwnedWorkout(1, "2026-11-24/A", "a" * 12, DAY, 5))
    db = sqlite3.connect(paths.state_db())
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"lift_sessions", "gc_workouts", "gc_intents", "gc_sync_runs"} <= tables
    assert stat.S_IMODE(paths.state_db().stat().st_mode) == 0o600


def test_read_only_state_never_creates_or_writes_the_file() -> None:
    with SyncState(readonly=True) as state:
        assert state.owned() == []
    assert not paths.state_db().exists()
    with SyncState() as state:
        state.remember(OwnedWorkout(1, "2026-11-24/A", "a" * 12, DAY, 5))
    before = paths.state_db().read_bytes()
    with SyncState(readonly=True) as state:
        assert [w.workout_id for w in state.owned()] == [1]
        with pytest.raises(sqlite3.OperationalError):
            state.remember(OwnedWorkout(2, "2026-11-27/B", "b" * 12, DAY, 6))
    assert paths.state_db().read_bytes() == before


def test_workout_details_are_kept_with_their_update_time_and_last_check() -> None:
    with SyncState() as state:
        assert state.check_round() == 1
        state.store_detail(9, "2026-11-01T10:00:00.0", {"sport": "running"}, checked=1)
        state.store_detail(8, "2026-10-01T10:00:00.0", {"sport": "running"}, checked=1)
        run = state.cached_run(9)
        assert run is not None
        assert (run.updated, run.summary, run.checked, run.first_page) == (
            "2026-11-01T10:00:00.0",
            {"sport": "running"},
            1,
            None,
        )
        assert state.cached_run(7) is None
        assert state.check_round() == 2
        state.note_first_page(found={9}, missed={8})
        state.confirm_runs({9}, 2)
        state.store_detail(9, "2026-11-02T10:00:00.0", {"sport": "trail_running"}, checked=3)
        again = state.cached_run(9)
        assert again is not None
        # Read again after an edit: new summary and round; where the list shows it is kept.
        assert (again.updated, again.summary, again.checked, again.first_page) == (
            "2026-11-02T10:00:00.0",
            {"sport": "trail_running"},
            3,
            True,
        )
        assert state.cached_run(8).first_page is False
