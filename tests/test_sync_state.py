"""The local record of what runlift did on its targets: the ledger, the intent log, the run log,
and Garmin's own caches beside them in the one file."""

import sqlite3
import stat
from datetime import date

import pytest

from runlift.sync import paths
from runlift.sync.state import (
    DONE,
    FAILED,
    PENDING,
    RESOLVED,
    IntentAction,
    OwnedWorkout,
    SyncState,
)
from runlift.sync.targets.garmin.cache import GarminCache
from runlift.workouts.session_key import SessionKey

DAY = date(2026, 11, 24)
KEY = SessionKey(DAY, "A")


def owned(ref: str = "7", entry: str | None = None, target: str = "garmin") -> OwnedWorkout:
    return OwnedWorkout(target, ref, KEY, "a" * 12, DAY, entry, "Runner")


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("RUNLIFT_HOME", str(tmp_path))
    return tmp_path


def test_an_intent_is_recorded_before_and_confirmed_with_its_effect() -> None:
    with SyncState() as state:
        intent = state.intents.intend(
            "garmin", IntentAction.CREATE_WORKOUT, KEY, day=DAY, content_hash="a" * 12
        )
        assert [(i.action, i.status) for i in state.intents.pending()] == [
            (IntentAction.CREATE_WORKOUT, PENDING)
        ]
        assert state.ledger.owned() == []
        state.intents.confirm(intent, remember=owned())
        assert state.intents.pending() == []
        assert state.ledger.owned() == [owned()]
        assert state.intents.all()[0].status == DONE


def test_a_crash_between_intent_and_send_leaves_the_intent_pending_after_reopening() -> None:
    with SyncState() as state:
        state.intents.intend("garmin", IntentAction.SCHEDULE, KEY, workout_ref="7", day=DAY)
    with SyncState() as state:
        (pending,) = state.intents.pending()
        assert (pending.target, pending.action, pending.workout_ref, pending.day) == (
            "garmin",
            IntentAction.SCHEDULE,
            "7",
            DAY,
        )
        state.intents.resolve_pending("garmin")
        assert state.intents.pending() == []
        assert state.intents.all()[0].status == RESOLVED


def test_a_refused_write_is_marked_failed_and_changes_nothing() -> None:
    with SyncState() as state:
        intent = state.intents.intend("garmin", IntentAction.DELETE_WORKOUT, KEY, workout_ref="7")
        state.intents.fail(intent, "GarminRejected")
        assert state.intents.all()[0].status == FAILED
        assert state.ledger.owned() == []


def test_the_effect_and_the_confirmation_share_one_transaction() -> None:
    with SyncState() as state:
        intent = state.intents.intend("garmin", IntentAction.CREATE_WORKOUT, KEY)
        broken = owned()
        object.__setattr__(broken, "day", "not a date")
        with pytest.raises(AttributeError):
            state.intents.confirm(intent, remember=broken)
        assert state.ledger.owned() == []
        assert state.intents.pending()[0].id == intent


def test_targets_keep_their_own_ledger_intents_and_ids_as_given() -> None:
    """The same session on two targets: each target's opaque ids, neither touching the other."""
    coros = OwnedWorkout("coros", "475403419167932916", KEY, "b" * 12, DAY, "4609/12/12")
    with SyncState() as state:
        state.ledger.remember(owned("0042", "9001"))
        state.ledger.remember(coros)
        state.intents.intend("coros", IntentAction.SCHEDULE, KEY, workout_ref=coros.workout_ref)
        state.intents.intend("garmin", IntentAction.SCHEDULE, KEY, workout_ref="0042")
        state.intents.resolve_pending("garmin")
        assert [i.target for i in state.intents.pending()] == ["coros"]
    with SyncState() as state:
        assert state.ledger.by_ref("coros") == {coros.workout_ref: coros}
        assert state.ledger.by_ref("garmin") == {"0042": owned("0042", "9001")}
        state.ledger.forget("garmin", "0042")
        assert [w.target for w in state.ledger.owned()] == ["coros"]


def test_a_new_state_has_never_completed_a_sync() -> None:
    with SyncState() as state:
        assert not state.runs.has_completed_sync()
        run = state.runs.start_run()
        assert not state.runs.has_completed_sync()
        state.runs.finish_run(run, "ok", counts={"create": 2}, targets=["garmin"])
        assert state.runs.has_completed_sync()
        assert state.runs.has_completed_sync("garmin")
        assert not state.runs.has_completed_sync("coros")
        last = state.runs.last_run()
        assert last is not None
        assert (last.outcome, last.counts, last.targets) == ("ok", {"create": 2}, ("garmin",))


def test_a_run_that_failed_on_one_target_completed_the_other() -> None:
    with SyncState() as state:
        run = state.runs.start_run()
        state.runs.finish_run(run, "auth", "COROS: run `runlift login coros`", targets=["garmin"])
        assert state.runs.has_completed_sync("garmin")
        assert not state.runs.has_completed_sync("coros")
        assert not state.runs.has_completed_sync()


def test_the_file_is_private_in_wal_mode() -> None:
    with SyncState() as state:
        state.ledger.remember(owned("1", "5"))
    db = sqlite3.connect(paths.state_db())
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"owned_workouts", "intents", "sync_runs"} <= tables
    assert stat.S_IMODE(paths.state_db().stat().st_mode) == 0o600


def test_read_only_state_never_creates_or_writes_the_file() -> None:
    with SyncState(readonly=True) as state:
        assert state.ledger.owned() == []
    assert not paths.state_db().exists()
    with SyncState() as state:
        state.ledger.remember(owned("1", "5"))
    before = paths.state_db().read_bytes()
    with SyncState(readonly=True) as state:
        assert [w.workout_ref for w in state.ledger.owned()] == ["1"]
        with pytest.raises(sqlite3.OperationalError):
            state.ledger.remember(owned("2", "6"))
    assert paths.state_db().read_bytes() == before


def test_workout_details_are_kept_with_their_update_time_and_last_check() -> None:
    with SyncState() as opened:
        state = GarminCache(opened)
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
