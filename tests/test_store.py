"""The one state file: versioned, migrated in order per part, and a file from before migrates
without losing a row."""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Callable
from contextlib import closing
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from runlift.sync import paths, store
from runlift.sync.cli import main
from runlift.sync.importing import store as lifts
from runlift.sync.state import IntentAction, OwnedWorkout, SyncState
from runlift.sync.store import schema
from runlift.sync.strava.history import HistoryCache
from runlift.sync.targets.garmin.cache import GarminCache
from runlift.workouts.session_key import SessionKey

DAY = date(2026, 11, 24)

# The schema exactly as runlift created it before the store kept versions (sync/state.py,
# sync/importing/store.py and sync/strava/history.py at commit 0a409f5). Frozen: never edit.
V0_STATE = """
CREATE TABLE IF NOT EXISTS gc_workouts (
    workout_id INTEGER PRIMARY KEY, key TEXT NOT NULL, content_hash TEXT NOT NULL,
    day TEXT NOT NULL, schedule_id INTEGER, name TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS gc_intents (
    id INTEGER PRIMARY KEY AUTOINCREMENT, created_at TEXT NOT NULL, action TEXT NOT NULL,
    key TEXT NOT NULL, workout_id INTEGER, schedule_id INTEGER, day TEXT, content_hash TEXT,
    status TEXT NOT NULL DEFAULT 'pending', result TEXT NOT NULL DEFAULT '', finished_at TEXT
);
CREATE INDEX IF NOT EXISTS gc_intents_status ON gc_intents (status);
CREATE TABLE IF NOT EXISTS gc_workout_details (
    workout_id INTEGER PRIMARY KEY, updated TEXT NOT NULL, summary TEXT NOT NULL,
    fetched_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS gc_sync_runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT, started_at TEXT NOT NULL, finished_at TEXT,
    outcome TEXT NOT NULL, message TEXT NOT NULL DEFAULT '', counts TEXT NOT NULL DEFAULT '{}'
);
CREATE TABLE IF NOT EXISTS lift_activities (
    activity_id TEXT PRIMARY KEY, source TEXT NOT NULL, start_utc TEXT NOT NULL UNIQUE,
    day TEXT NOT NULL, name TEXT NOT NULL DEFAULT '', origin TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS lift_activities_day ON lift_activities (day);
CREATE TABLE IF NOT EXISTS lift_sets (
    activity_id TEXT NOT NULL REFERENCES lift_activities (activity_id) ON DELETE CASCADE,
    position INTEGER NOT NULL, start_utc TEXT, category TEXT NOT NULL, name TEXT, reps INTEGER,
    weight_kg REAL, duration_s REAL, display_unit TEXT, move TEXT, matched_by TEXT NOT NULL,
    PRIMARY KEY (activity_id, position)
);
CREATE INDEX IF NOT EXISTS lift_sets_move ON lift_sets (move);
"""
V0_STRAVA_CACHE = """
CREATE TABLE IF NOT EXISTS activity (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, sport_type TEXT NOT NULL,
    workout_type INTEGER, start_local TEXT NOT NULL, start_utc TEXT NOT NULL,
    distance_m REAL NOT NULL, moving_time_s INTEGER NOT NULL, elapsed_time_s INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS activity_start ON activity (start_utc);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""
V0_ROWS = [
    "INSERT INTO gc_workouts VALUES (101, '2026-11-24/A', 'aaaaaaaaaaaa', '2026-11-24', 9001,"
    " 'Runner Strength A', '2026-11-20T10:00:00+00:00')",
    "INSERT INTO gc_workouts VALUES (102, '2026-11-27/B', 'bbbbbbbbbbbb', '2026-11-27', NULL,"
    " 'Runner Strength B', '2026-11-20T10:00:00+00:00')",
    "INSERT INTO gc_intents (created_at, action, key, workout_id, status) VALUES"
    " ('2026-11-20T10:00:00+00:00', 'schedule', '2026-11-27/B', 102, 'pending')",
    "INSERT INTO gc_workout_details VALUES (55, '2026-11-01T10:00:00.0', '{\"sport\": \"run\"}',"
    " '2026-11-20T10:00:00+00:00')",
    "INSERT INTO gc_sync_runs (started_at, finished_at, outcome, counts) VALUES"
    " ('2026-11-20T10:00:00+00:00', '2026-11-20T10:01:00+00:00', 'ok', '{\"create\": 2}')",
    "INSERT INTO lift_activities VALUES ('garmin:1', 'garmin', '2026-11-18T17:00:00+00:00',"
    " '2026-11-18', 'Strength', '')",
    "INSERT INTO lift_sets VALUES ('garmin:1', 0, NULL, 'DEADLIFT', 'ROMANIAN_DEADLIFT', 10,"
    " 40.0, NULL, 'kilogram', 'romanian_deadlift', 'name')",
    "INSERT INTO lift_sets VALUES ('garmin:1', 1, NULL, 'DEADLIFT', 'ROMANIAN_DEADLIFT', 9,"
    " 42.5, NULL, 'kilogram', 'romanian_deadlift', 'name')",
]


# A state file as runlift wrote it just before its targets got one ledger (commit f4a57af),
# frozen as SQL: never edit.
V1_STATE = Path(__file__).parent / "frozen" / "state-before-targets.sql"


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("RUNLIFT_HOME", str(tmp_path))
    return tmp_path


def make_v0_files(folder: Path) -> None:
    """A state file and Strava cache as the code before the store wrote them (WAL, 0600)."""
    with closing(sqlite3.connect(folder / "state.sqlite3", isolation_level=None)) as db:
        db.execute("PRAGMA journal_mode=WAL")
        db.executescript(V0_STATE)
        for row in V0_ROWS:
            db.execute(row)
    with closing(sqlite3.connect(folder / "strava_history.sqlite3")) as db, db:
        db.executescript(V0_STRAVA_CACHE)
        db.execute(
            "INSERT INTO activity VALUES (7, 'Easy run', 'Run', NULL, '2026-11-19T07:00:00',"
            " '2026-11-19T06:00:00+00:00', 8000.0, 2700, 2800)"
        )
        db.execute("INSERT INTO meta VALUES ('covered_from', '2026-09-01T00:00:00+00:00')")


def test_a_state_file_from_before_versions_migrates_without_losing_a_row(home: Path) -> None:
    make_v0_files(paths.data_dir())
    with SyncState() as state:
        assert [(w.target, w.workout_ref, w.entry_ref, w.name) for w in state.ledger.owned()] == [
            ("garmin", "101", "9001", "Runner Strength A"),
            ("garmin", "102", None, "Runner Strength B"),
        ]
        assert [(i.action, i.workout_ref) for i in state.intents.pending("garmin")] == [
            ("schedule", "102")
        ]
        run = GarminCache(state).cached_run(55)
        assert run is not None
        assert (run.updated, run.summary, run.checked) == (
            "2026-11-01T10:00:00.0",
            {"sport": "run"},
            0,
        )
        assert state.runs.has_completed_sync("garmin")
    with lifts.opened() as conn:
        assert [(s.activity_id, s.reps, s.weight_kg) for s in lifts.work_sets(conn)] == [
            ("garmin:1", 10, 40.0),
            ("garmin:1", 9, 42.5),
        ]
    cache = HistoryCache()
    assert [(a.id, a.distance_m) for a in cache.activities()] == [(7, 8000.0)]
    assert cache.covered_from() == datetime(2026, 9, 1, tzinfo=UTC)
    assert not (paths.data_dir() / "strava_history.sqlite3").exists()
    with closing(sqlite3.connect(paths.state_db())) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == schema.FORMAT
        versions = dict(db.execute("SELECT part, version FROM schema_versions").fetchall())
    assert versions == {part: len(steps) for part, steps in schema.parts().items()}


def test_a_dry_run_reads_an_old_file_through_a_migrated_copy_and_leaves_it_alone() -> None:
    make_v0_files(paths.data_dir())
    before = paths.state_db().read_bytes()
    with SyncState(readonly=True) as state:
        assert [w.workout_ref for w in state.ledger.owned()] == ["101", "102"]
    assert paths.state_db().read_bytes() == before


def test_a_state_file_from_before_targets_moves_garmins_rows_over_without_loss() -> None:
    """Today's Garmin ledger, intents and runs become target "garmin"'s, ids as text; Garmin's
    caches stay Garmin's; what the file held before is all still there."""
    with closing(sqlite3.connect(paths.state_db(), isolation_level=None)) as db:
        db.executescript(V1_STATE.read_text(encoding="utf-8"))
    with SyncState() as state:
        assert state.ledger.owned() == [
            OwnedWorkout(
                "garmin",
                "5000001",
                SessionKey(date(2026, 11, 24), "A"),
                "aaaaaaaaaaaa",
                date(2026, 11, 24),
                "5000002",
                "Runner Strength A · Tue 24 Nov",
            ),
            OwnedWorkout(
                "garmin",
                "5000003",
                SessionKey(date(2026, 11, 27), "B"),
                "bbbbbbbbbbbb",
                date(2026, 11, 27),
                None,
                "Runner Strength B · Fri 27 Nov",
            ),
        ]
        assert [
            (i.id, i.target, i.action, str(i.key), i.workout_ref, i.status, i.content_hash)
            for i in state.intents.all()
        ] == [
            (1, "garmin", IntentAction.CREATE_WORKOUT, "2026-11-24/A", None, "done", "a" * 12),
            (2, "garmin", IntentAction.SCHEDULE, "2026-11-27/B", "5000003", "pending", "b" * 12),
            (3, "garmin", IntentAction.DELETE_WORKOUT, "2026-11-17/B", "4999990", "failed", None),
        ]
        # The pending schedule still makes the next Garmin sync look beyond the calendar.
        assert [i.id for i in state.intents.pending("garmin")] == [2]
        assert state.runs.has_completed_sync("garmin")
        assert not state.runs.has_completed_sync("coros")
        last = state.runs.last_run()
        assert last is not None
        assert (last.outcome, last.message, last.targets) == (
            "rate-limited",
            "Garmin Connect asked runlift to slow down",
            (),
        )
        # A new intent and run continue the old numbering.
        assert state.intents.intend("garmin", IntentAction.UNSCHEDULE, SessionKey(DAY, "A")) == 4
        assert state.runs.start_run() == 3
        cache = GarminCache(state)
        cached = cache.cached_run(766862681)
        assert cached is not None and (cached.checked, cached.first_page) == (3, True)
        unit = cache.weight_unit()
        assert unit is not None and (unit.factor, unit.source) == (1.0, "the first sync")
        since = datetime(2026, 11, 20, tzinfo=UTC)
        assert cache.calendar_month(2027, 1, since) == {"calendarItems": []}
    with closing(sqlite3.connect(paths.state_db())) as db:
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
        versions = dict(db.execute("SELECT part, version FROM schema_versions").fetchall())
    assert not {"gc_workouts", "gc_intents", "gc_sync_runs"} & tables
    assert versions == {part: len(steps) for part, steps in schema.parts().items()}


def with_parts(monkeypatch: pytest.MonkeyPatch, extra: dict[str, tuple[schema.Migration, ...]]):
    known = dict(schema.parts())
    monkeypatch.setattr(schema, "parts", lambda: {**known, **extra})


def test_a_part_appends_migrations_that_run_once_in_order(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ran: list[Path | None] = []

    def fill(db: sqlite3.Connection) -> None:
        ran.append(schema.database_file(db))
        db.execute("INSERT INTO notes_entries VALUES (1, 'a')")

    first: tuple[schema.Migration, ...] = (
        "CREATE TABLE notes_entries (id INTEGER PRIMARY KEY, text TEXT NOT NULL);",
        fill,
    )
    with_parts(monkeypatch, {"notes": first})
    store.connect().close()
    store.connect().close()
    assert ran.count(paths.state_db()) == 1
    with_parts(monkeypatch, {"notes": (*first, "ALTER TABLE notes_entries ADD COLUMN day TEXT;")})
    with store.opened() as db:
        assert [tuple(r) for r in db.execute("SELECT * FROM notes_entries")] == [(1, "a", None)]
        (version,) = db.execute("SELECT version FROM schema_versions WHERE part = 'notes'")
        assert version[0] == 3
    assert ran.count(paths.state_db()) == 1


def test_a_failing_migration_leaves_the_file_as_it_was(monkeypatch: pytest.MonkeyPatch) -> None:
    with SyncState() as state:
        state.runs.start_run()

    def boom(db: sqlite3.Connection) -> None:
        db.execute("DELETE FROM sync_runs")
        raise RuntimeError("half-way")

    with_parts(monkeypatch, {"notes": ("CREATE TABLE notes_entries (id INTEGER);", boom)})
    with pytest.raises(RuntimeError):
        store.connect()
    with closing(sqlite3.connect(paths.state_db())) as db:
        assert db.execute("SELECT COUNT(*) FROM sync_runs").fetchone() == (1,)
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master")}
        assert "notes_entries" not in tables
        assert ("notes",) not in db.execute("SELECT part FROM schema_versions").fetchall()


@pytest.mark.parametrize(
    "newer",
    [
        f"PRAGMA user_version = {schema.FORMAT + 1}",
        "UPDATE schema_versions SET version = version + 1 WHERE part = 'lifts'",
    ],
)
def test_a_file_from_a_newer_runlift_is_refused_untouched(
    newer: str, capsys: pytest.CaptureFixture[str]
) -> None:
    store.connect().close()
    with closing(sqlite3.connect(paths.state_db(), isolation_level=None)) as db:
        db.execute(newer)
    before = paths.state_db().read_bytes()
    assert main(["history"]) == 2
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert str(paths.state_db()) in line and "newer runlift" in line
    assert paths.state_db().read_bytes() == before
    assert not list(paths.data_dir().glob("*.damaged-*"))


OPENERS: dict[str, Callable[[], object]] = {
    "sync": lambda: SyncState().close(),
    "import": lambda: lifts.connect().close(),
    "strava cache": lambda: HistoryCache().activities(),
}


@pytest.mark.parametrize("opener", OPENERS.values(), ids=OPENERS.keys())
def test_the_state_file_is_private_whoever_creates_it(opener: Callable[[], object]) -> None:
    old = os.umask(0o022)
    try:
        opener()
    finally:
        os.umask(old)
    assert stat.S_IMODE(paths.state_db().stat().st_mode) == 0o600
    assert stat.S_IMODE(paths.data_dir().stat().st_mode) == 0o700


def test_every_part_reads_and_writes_the_one_file() -> None:
    with SyncState() as state:
        state.runs.start_run()
    HistoryCache().store([], datetime(2026, 1, 1, tzinfo=UTC))
    with lifts.opened() as conn:
        assert lifts.work_sets(conn, date(2026, 1, 1)) == []
    assert sorted(p.name for p in paths.data_dir().glob("*.sqlite3")) == ["state.sqlite3"]
