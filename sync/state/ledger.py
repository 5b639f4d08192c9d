"""The ownership ledger: every workout runlift created on a target and still owns.

Keyed by the target's name and the target's own id for the workout (``workout_ref``), kept as
opaque text: the engine never reads meaning into an id, and each target writes and parses its
own (Garmin's numbers, COROS's program ids). ``entry_ref`` is the workout's calendar entry as
the target names it, when runlift made one.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date

from runlift.sync import store
from runlift.sync.state.clock_text import now
from runlift.workouts.session_key import SessionKey


@dataclass(frozen=True)
class OwnedWorkout:
    target: str
    workout_ref: str
    key: SessionKey
    content_hash: str
    day: date
    entry_ref: str | None = None
    name: str = ""


class Ledger:
    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    def owned(self, target: str | None = None) -> list[OwnedWorkout]:
        """What runlift owns on ``target`` (on every target when None), by day."""
        if target is None:
            rows = self._db.execute(
                "SELECT * FROM owned_workouts ORDER BY day, key, target, length(workout_ref),"
                " workout_ref"
            )
        else:
            rows = self._db.execute(
                "SELECT * FROM owned_workouts WHERE target = ?"
                " ORDER BY day, key, length(workout_ref), workout_ref",
                (target,),
            )
        return [_owned(row) for row in rows]

    def by_ref(self, target: str) -> dict[str, OwnedWorkout]:
        return {w.workout_ref: w for w in self.owned(target)}

    def remember(self, workout: OwnedWorkout) -> None:
        with store.transaction(self._db) as db:
            upsert(db, workout)

    def adopt(self, workouts: list[OwnedWorkout]) -> None:
        """Record workouts found remotely by their marker that the ledger does not hold (a lost
        or older state file); rows it holds are left as they are."""
        with store.transaction(self._db) as db:
            for workout in workouts:
                known = db.execute(
                    "SELECT 1 FROM owned_workouts WHERE target = ? AND workout_ref = ?",
                    (workout.target, workout.workout_ref),
                ).fetchone()
                if known is None:
                    upsert(db, workout)

    def forget(self, target: str, workout_ref: str) -> None:
        with store.transaction(self._db) as db:
            delete(db, target, workout_ref)


def upsert(db: sqlite3.Connection, w: OwnedWorkout) -> None:
    db.execute(
        "INSERT INTO owned_workouts"
        " (target, workout_ref, entry_ref, key, content_hash, day, name, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (target, workout_ref) DO UPDATE SET entry_ref = excluded.entry_ref,"
        " key = excluded.key, content_hash = excluded.content_hash, day = excluded.day,"
        " name = excluded.name, updated_at = excluded.updated_at",
        (
            w.target,
            w.workout_ref,
            w.entry_ref,
            str(w.key),
            w.content_hash,
            w.day.isoformat(),
            w.name,
            now(),
        ),
    )


def delete(db: sqlite3.Connection, target: str, workout_ref: str) -> None:
    db.execute(
        "DELETE FROM owned_workouts WHERE target = ? AND workout_ref = ?", (target, workout_ref)
    )


def _owned(row: sqlite3.Row) -> OwnedWorkout:
    return OwnedWorkout(
        target=row["target"],
        workout_ref=row["workout_ref"],
        key=SessionKey.parse(row["key"]),
        content_hash=row["content_hash"],
        day=date.fromisoformat(row["day"]),
        entry_ref=row["entry_ref"],
        name=row["name"],
    )
