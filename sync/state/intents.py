"""The intent log: every remote write, recorded before it is sent and confirmed after.

Each step is its own transaction, so a crash between any two leaves a trace of what may have
landed; a confirmation and its effect on the ledger share one transaction.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from runlift.sync import store
from runlift.sync.state import ledger
from runlift.sync.state.clock_text import day as _day
from runlift.sync.state.clock_text import now
from runlift.workouts.session_key import SessionKey

PENDING = "pending"
DONE = "done"
FAILED = "failed"
# A pending intent the next sync has reconciled with what it found remotely.
RESOLVED = "resolved"


class IntentAction(StrEnum):
    """The remote writes the intent log records (the text is what the state file keeps)."""

    CREATE_WORKOUT = "create_workout"
    SCHEDULE = "schedule"
    UNSCHEDULE = "unschedule"
    DELETE_WORKOUT = "delete_workout"


@dataclass(frozen=True)
class Intent:
    id: int
    target: str
    action: IntentAction
    key: SessionKey
    workout_ref: str | None
    entry_ref: str | None
    day: date | None
    content_hash: str | None
    status: str


class IntentLog:
    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    def intend(
        self,
        target: str,
        action: IntentAction,
        key: SessionKey,
        *,
        workout_ref: str | None = None,
        entry_ref: str | None = None,
        day: date | None = None,
        content_hash: str | None = None,
    ) -> int:
        """Record a remote write before it is sent; returns the intent's id."""
        with store.transaction(self._db) as db:
            cursor = db.execute(
                "INSERT INTO intents (target, created_at, action, key, workout_ref, entry_ref,"
                " day, content_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    target,
                    now(),
                    action.value,
                    str(key),
                    workout_ref,
                    entry_ref,
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
        remember: ledger.OwnedWorkout | None = None,
        forget: str | None = None,
        result: str = "",
    ) -> None:
        """Mark a write as landed and record its effect on the ledger (``forget``: a workout
        ref of the intent's target), in one transaction."""
        with store.transaction(self._db) as db:
            if remember is not None:
                ledger.upsert(db, remember)
            if forget is not None:
                (target,) = db.execute(
                    "SELECT target FROM intents WHERE id = ?", (intent_id,)
                ).fetchone()
                ledger.delete(db, target, forget)
            db.execute(
                "UPDATE intents SET status = ?, result = ?, finished_at = ? WHERE id = ?",
                (DONE, result, now(), intent_id),
            )

    def fail(self, intent_id: int, result: str) -> None:
        """Mark a write as known not to have landed."""
        with store.transaction(self._db) as db:
            db.execute(
                "UPDATE intents SET status = ?, result = ?, finished_at = ? WHERE id = ?",
                (FAILED, result, now(), intent_id),
            )

    def pending(self, target: str | None = None) -> list[Intent]:
        return [i for i in self.all(target) if i.status == PENDING]

    def resolve_pending(self, target: str) -> None:
        """After a sync has reconciled ``target``, its earlier unknown outcomes are settled."""
        with store.transaction(self._db) as db:
            db.execute(
                "UPDATE intents SET status = ?, finished_at = ? WHERE target = ? AND status = ?",
                (RESOLVED, now(), target, PENDING),
            )

    def all(self, target: str | None = None) -> list[Intent]:
        if target is None:
            rows = self._db.execute("SELECT * FROM intents ORDER BY id")
        else:
            rows = self._db.execute("SELECT * FROM intents WHERE target = ? ORDER BY id", (target,))
        return [_intent(row) for row in rows]


def _intent(row: sqlite3.Row) -> Intent:
    return Intent(
        id=row["id"],
        target=row["target"],
        action=IntentAction(row["action"]),
        key=SessionKey.parse(row["key"]),
        workout_ref=row["workout_ref"],
        entry_ref=row["entry_ref"],
        day=_day(row["day"]),
        content_hash=row["content_hash"],
        status=row["status"],
    )
