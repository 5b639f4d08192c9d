"""What runlift did on Garmin Connect, kept in SQLite under the data dir.

- ``gc_workouts``: every workout runlift created and still owns (remote workout id, schedule id,
  session key, content hash, local date).
- ``gc_intents``: every remote write, recorded before it is sent and confirmed after, each in its
  own transaction, so a crash leaves a trace of what may have landed.
- ``gc_workout_details``: summaries of running workouts already read, keyed by workout id and
  the workout's update time, so a workout is read once until it changes.
- ``gc_sync_runs``: when each sync ran, how it ended and what it did (for ``runlift status``).

The tables live in the one state file opened by ``runlift.sync.store``; their migrations are in
``runlift.sync.store.migrations.garmin_sync``.
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from runlift.sync import clock, paths, store

PENDING = "pending"
DONE = "done"
FAILED = "failed"
# A pending intent the next sync has reconciled with what it found remotely.
RESOLVED = "resolved"


@dataclass(frozen=True)
class OwnedWorkout:
    workout_id: int
    key: str
    content_hash: str
    day: date
    schedule_id: int | None
    name: str = ""


@dataclass(frozen=True)
class Intent:
    id: int
    action: str
    key: str
    workout_id: int | None
    schedule_id: int | None
    day: date | None
    content_hash: str | None
    status: str


@dataclass(frozen=True)
class SyncRun:
    started_at: datetime
    finished_at: datetime | None
    outcome: str
    message: str
    counts: dict[str, int]


def _now() -> str:
    return clock.now().isoformat(timespec="seconds")


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


class SyncState:
    """One open connection to the state database; use as a context manager.

    ``readonly`` (for ``--dry-run``) never writes: an existing database is opened query-only,
    a missing one (or one without runlift's tables yet) is replaced by an empty one in memory.
    """

    def __init__(self, path: Path | None = None, *, readonly: bool = False) -> None:
        self.path = path or paths.state_db()
        self.readonly = readonly
        self._db = store.connect(self.path, readonly=readonly)

    def __enter__(self) -> SyncState:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    def transaction(self) -> AbstractContextManager[sqlite3.Connection]:
        return store.transaction(self._db)

    # -- workouts runlift owns

    def owned(self) -> list[OwnedWorkout]:
        rows = self._db.execute("SELECT * FROM gc_workouts ORDER BY day, key, workout_id")
        return [_owned(row) for row in rows]

    def owned_by_id(self) -> dict[int, OwnedWorkout]:
        return {w.workout_id: w for w in self.owned()}

    def remember(self, workout: OwnedWorkout) -> None:
        with self.transaction() as db:
            _upsert(db, workout)

    def forget(self, workout_id: int) -> None:
        with self.transaction() as db:
            db.execute("DELETE FROM gc_workouts WHERE workout_id = ?", (workout_id,))

    def has_completed_sync(self) -> bool:
        """False on a new or lost state: then only the remote side knows what runlift made."""
        row = self._db.execute("SELECT COUNT(*) FROM gc_sync_runs WHERE outcome = 'ok'").fetchone()
        return row[0] > 0

    # -- the intent log

    def intend(
        self,
        action: str,
        key: str,
        *,
        workout_id: int | None = None,
        schedule_id: int | None = None,
        day: date | None = None,
        content_hash: str | None = None,
    ) -> int:
        """Record a remote write before it is sent; returns the intent's id."""
        with self.transaction() as db:
            cursor = db.execute(
                "INSERT INTO gc_intents (created_at, action, key, workout_id, schedule_id, day,"
                " content_hash) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    _now(),
                    action,
                    key,
                    workout_id,
                    schedule_id,
                    day.isoformat() if day else None,
                    content_hash,
                ),
            )
            assert cursor.lastrowid is not None
            return cursor.lastrowid

    def confirm(
        self,
        intent_id: int,
        *,
        remember: OwnedWorkout | None = None,
        forget: int | None = None,
        result: str = "",
    ) -> None:
        """Mark a write as landed and record its effect, in one transaction."""
        with self.transaction() as db:
            if remember is not None:
                _upsert(db, remember)
            if forget is not None:
                db.execute("DELETE FROM gc_workouts WHERE workout_id = ?", (forget,))
            db.execute(
                "UPDATE gc_intents SET status = ?, result = ?, finished_at = ? WHERE id = ?",
                (DONE, result, _now(), intent_id),
            )

    def fail(self, intent_id: int, result: str) -> None:
        """Mark a write as known not to have landed."""
        with self.transaction() as db:
            db.execute(
                "UPDATE gc_intents SET status = ?, result = ?, finished_at = ? WHERE id = ?",
                (FAILED, result, _now(), intent_id),
            )

    def pending(self) -> list[Intent]:
        rows = self._db.execute("SELECT * FROM gc_intents WHERE status = ? ORDER BY id", (PENDING,))
        return [_intent(row) for row in rows]

    def resolve_pending(self) -> None:
        """After a sync has reconciled the remote side, earlier unknown outcomes are settled."""
        with self.transaction() as db:
            db.execute(
                "UPDATE gc_intents SET status = ?, finished_at = ? WHERE status = ?",
                (RESOLVED, _now(), PENDING),
            )

    def intents(self) -> list[Intent]:
        return [_intent(row) for row in self._db.execute("SELECT * FROM gc_intents ORDER BY id")]

    # -- running workouts already read

    def detail(self, workout_id: int, updated: str) -> dict[str, Any] | None:
        row = self._db.execute(
            "SELECT summary FROM gc_workout_details WHERE workout_id = ? AND updated = ?",
            (workout_id, updated),
        ).fetchone()
        return json.loads(row["summary"]) if row else None

    def store_detail(self, workout_id: int, updated: str, summary: dict[str, Any]) -> None:
        with self.transaction() as db:
            db.execute(
                "INSERT INTO gc_workout_details (workout_id, updated, summary, fetched_at)"
                " VALUES (?, ?, ?, ?) ON CONFLICT (workout_id) DO UPDATE SET"
                " updated = excluded.updated, summary = excluded.summary,"
                " fetched_at = excluded.fetched_at",
                (workout_id, updated, json.dumps(summary, sort_keys=True), _now()),
            )

    # -- sync runs

    def start_run(self) -> int:
        with self.transaction() as db:
            cursor = db.execute(
                "INSERT INTO gc_sync_runs (started_at, outcome) VALUES (?, 'running')", (_now(),)
            )
            assert cursor.lastrowid is not None
            return cursor.lastrowid

    def finish_run(
        self, run_id: int, outcome: str, message: str = "", counts: dict[str, int] | None = None
    ) -> None:
        with self.transaction() as db:
            db.execute(
                "UPDATE gc_sync_runs SET finished_at = ?, outcome = ?, message = ?, counts = ?"
                " WHERE id = ?",
                (_now(), outcome, message, json.dumps(counts or {}, sort_keys=True), run_id),
            )

    def last_run(self) -> SyncRun | None:
        row = self._db.execute("SELECT * FROM gc_sync_runs ORDER BY id DESC LIMIT 1").fetchone()
        if row is None:
            return None
        return SyncRun(
            started_at=datetime.fromisoformat(row["started_at"]),
            finished_at=datetime.fromisoformat(row["finished_at"]) if row["finished_at"] else None,
            outcome=row["outcome"],
            message=row["message"],
            counts=json.loads(row["counts"]),
        )


def _upsert(db: sqlite3.Connection, w: OwnedWorkout) -> None:
    db.execute(
        "INSERT INTO gc_workouts"
        " (workout_id, key, content_hash, day, schedule_id, name, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (workout_id) DO UPDATE SET key = excluded.key,"
        " content_hash = excluded.content_hash, day = excluded.day,"
        " schedule_id = excluded.schedule_id, name = excluded.name,"
        " updated_at = excluded.updated_at",
        (
            w.workout_id,
            w.key,
            w.content_hash,
            w.day.isoformat(),
            w.schedule_id,
            w.name,
            _now(),
        ),
    )


def _owned(row: sqlite3.Row) -> OwnedWorkout:
    return OwnedWorkout(
        workout_id=row["workout_id"],
        key=row["key"],
        content_hash=row["content_hash"],
        day=date.fromisoformat(row["day"]),
        schedule_id=row["schedule_id"],
        name=row["name"],
    )


def _intent(row: sqlite3.Row) -> Intent:
    return Intent(
        id=row["id"],
        action=row["action"],
        key=row["key"],
        workout_id=row["workout_id"],
        schedule_id=row["schedule_id"],
        day=_day(row["day"]),
        content_hash=row["content_hash"],
        status=row["status"],
    )
