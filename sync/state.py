"""What runlift did on Garmin Connect, kept in SQLite under the data dir.

- ``gc_workouts``: every workout runlift created and still owns (remote workout id, schedule id,
  session key, content hash, local date).
- ``gc_intents``: every remote write, recorded before it is sent and confirmed after, each in its
  own transaction, so a crash leaves a trace of what may have landed.
- ``gc_workout_details``: summaries of running workouts already read, keyed by workout id, with
  the workout's update time and how runlift last confirmed it (``CachedRun``), so a workout is
  read once until it changes.
- ``gc_sync_runs``: when each sync ran, how it ended and what it did (for ``runlift status``).
- ``gc_weight_unit``: how Garmin renders a step's weight on the watch, once measured.
- ``gc_calendar_months``: calendar months far from the sync window, as last read (races ahead).

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
class CachedRun:
    """A running workout runlift read, as kept in ``gc_workout_details``."""

    workout_id: int
    # Garmin's update time of the workout when read ("" when it could not be read by id).
    updated: str
    summary: dict[str, Any]
    # The check round in which runlift last knew it unchanged (``SyncState.check_round``).
    checked: int
    # Whether the workout list's first page held it when last looked for (None: never looked).
    first_page: bool | None


@dataclass(frozen=True)
class WeightUnit:
    """Watch kilograms per kilogram sent, measured from Garmin's own FIT of a workout."""

    factor: float
    measured_at: datetime
    source: str


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

    def cached_run(self, workout_id: int) -> CachedRun | None:
        """A running workout read before, and how runlift last confirmed it (``CachedRun``)."""
        row = self._db.execute(
            "SELECT * FROM gc_workout_details WHERE workout_id = ?", (workout_id,)
        ).fetchone()
        if row is None:
            return None
        first_page = row["first_page"]
        return CachedRun(
            workout_id=workout_id,
            updated=row["updated"],
            summary=json.loads(row["summary"]),
            checked=row["checked"],
            first_page=None if first_page is None else bool(first_page),
        )

    def check_round(self) -> int:
        """The number of a new round of checks: one more than any round recorded."""
        row = self._db.execute("SELECT MAX(checked) FROM gc_workout_details").fetchone()
        return int(row[0] or 0) + 1

    def store_detail(
        self,
        workout_id: int,
        updated: str,
        summary: dict[str, Any],
        *,
        checked: int = 0,
    ) -> None:
        """A running workout as just read by id in check round ``checked``. Where the list
        shows it is kept: an edit does not move a workout in the list (as recorded)."""
        with self.transaction() as db:
            db.execute(
                "INSERT INTO gc_workout_details (workout_id, updated, summary, fetched_at, checked)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT (workout_id) DO UPDATE SET"
                " updated = excluded.updated, summary = excluded.summary,"
                " fetched_at = excluded.fetched_at, checked = excluded.checked",
                (workout_id, updated, json.dumps(summary, sort_keys=True), _now(), checked),
            )

    def confirm_runs(self, workout_ids: set[int], checked: int) -> None:
        """These cached workouts were found unchanged in round ``checked``."""
        with self.transaction() as db:
            db.executemany(
                "UPDATE gc_workout_details SET checked = ? WHERE workout_id = ?",
                [(checked, wid) for wid in sorted(workout_ids)],
            )

    def note_first_page(self, found: set[int], missed: set[int]) -> None:
        """Which cached workouts the workout list's first page held, and which it did not."""
        with self.transaction() as db:
            db.executemany(
                "UPDATE gc_workout_details SET first_page = ? WHERE workout_id = ?",
                [(1, wid) for wid in sorted(found)] + [(0, wid) for wid in sorted(missed)],
            )

    # -- calendar months far from the window

    def calendar_month(self, year: int, month: int, since: datetime) -> dict[str, Any] | None:
        """A month's answer as read at or after ``since``, if kept."""
        row = self._db.execute(
            "SELECT items, fetched_at FROM gc_calendar_months WHERE year = ? AND month = ?",
            (year, month),
        ).fetchone()
        if row is None or datetime.fromisoformat(row["fetched_at"]) < since:
            return None
        answer: dict[str, Any] = json.loads(row["items"])
        return answer

    def keep_calendar_month(
        self, year: int, month: int, answer: dict[str, Any], at: datetime
    ) -> None:
        if self.readonly:
            return
        with self.transaction() as db:
            db.execute(
                "INSERT INTO gc_calendar_months (year, month, items, fetched_at)"
                " VALUES (?, ?, ?, ?) ON CONFLICT (year, month) DO UPDATE SET"
                " items = excluded.items, fetched_at = excluded.fetched_at",
                (year, month, json.dumps(answer), at.isoformat()),
            )

    # -- the weight unit Garmin renders

    def weight_unit(self) -> WeightUnit | None:
        row = self._db.execute("SELECT * FROM gc_weight_unit WHERE id = 1").fetchone()
        if row is None:
            return None
        return WeightUnit(row["factor"], datetime.fromisoformat(row["measured_at"]), row["source"])

    def store_weight_unit(self, factor: float, source: str) -> None:
        with self.transaction() as db:
            db.execute(
                "INSERT INTO gc_weight_unit (id, factor, measured_at, source) VALUES (1, ?, ?, ?)"
                " ON CONFLICT (id) DO UPDATE SET factor = excluded.factor,"
                " measured_at = excluded.measured_at, source = excluded.source",
                (factor, _now(), source),
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
