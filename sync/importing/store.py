"""Imported strength activities and their work sets, in the state database (tables ``lift_*``).

The tables live in the one state file opened by ``runlift.sync.store`` (migrations in
``runlift.sync.store.migrations.lifts``). Every activity is written in one transaction, so an
interrupted import leaves whole activities or none. The same activity arriving again changes
nothing; arriving from a better source (the sets as corrected in Garmin Connect, after the
watch's file) replaces its sets.
"""

from __future__ import annotations

import sqlite3
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path

from runlift.sync import store as state_file
from runlift.sync.importing.activity import SOURCE_LEGACY, SOURCE_RANK, Activity
from runlift.workouts.matching import MatchedSet


class Outcome(StrEnum):
    ADDED = "added"
    UNCHANGED = "unchanged"
    REPLACED = "replaced"


@dataclass(frozen=True)
class StoredSet:
    activity_id: str
    day: date
    position: int
    category: str
    name: str | None
    reps: int | None
    weight_kg: float | None
    duration_s: float | None
    display_unit: str | None
    move: str | None
    matched_by: str
    # Why the set counts toward none of the moves (empty when it counts).
    reason: str = ""
    # The workout the activity was done from ("Runner Strength A · maintenance"), or "".
    workout: str = ""


def connect(path: Path | None = None) -> sqlite3.Connection:
    return state_file.connect(path)


def opened(path: Path | None = None) -> AbstractContextManager[sqlite3.Connection]:
    return state_file.opened(path)


def known(conn: sqlite3.Connection, activity_id: str) -> str | None:
    """The source an activity was stored from, or None when it is not stored (or stored by an
    earlier runlift that matched sets by category, so it should be read again)."""
    row = conn.execute(
        "SELECT source FROM lift_activities WHERE activity_id = ? AND source != ?",
        (activity_id, SOURCE_LEGACY),
    ).fetchone()
    return row[0] if row else None


def save(conn: sqlite3.Connection, activity: Activity, matched: list[MatchedSet]) -> Outcome:
    """Store ``activity`` with its matched work sets, all in one transaction."""
    start = activity.start.isoformat()
    with state_file.transaction(conn):
        row = conn.execute(
            "SELECT activity_id, source FROM lift_activities "
            "WHERE activity_id = ? OR start_utc = ?",
            (activity.activity_id, start),
        ).fetchone()
        outcome = Outcome.ADDED
        if row is not None:
            if SOURCE_RANK.get(row[1], 0) >= SOURCE_RANK[activity.source]:
                return Outcome.UNCHANGED
            conn.execute("DELETE FROM lift_activities WHERE activity_id = ?", (row[0],))
            outcome = Outcome.REPLACED
        conn.execute(
            "INSERT INTO lift_activities (activity_id, source, start_utc, day, name, origin, "
            "workout) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                activity.activity_id,
                activity.source,
                start,
                activity.day.isoformat(),
                activity.name,
                activity.origin,
                activity.workout.name,
            ),
        )
        conn.executemany(
            "INSERT INTO lift_sets (activity_id, position, start_utc, category, name, reps, "
            "weight_kg, duration_s, display_unit, move, matched_by, reason) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    activity.activity_id,
                    item.record.position,
                    item.record.start.isoformat() if item.record.start else None,
                    item.exercise.category,
                    item.exercise.name,
                    item.record.reps,
                    item.record.weight_kg,
                    item.record.duration_s,
                    item.record.display_unit,
                    item.move,
                    item.by,
                    item.reason,
                )
                for item in matched
            ],
        )
    return outcome


def work_sets(conn: sqlite3.Connection, since: date | None = None) -> list[StoredSet]:
    """Every stored work set, by date then position."""
    rows = conn.execute(
        "SELECT s.activity_id, a.day, s.position, s.category, s.name, s.reps, s.weight_kg, "
        "s.duration_s, s.display_unit, s.move, s.matched_by, s.reason, a.workout "
        "FROM lift_sets s JOIN lift_activities a USING (activity_id) "
        "WHERE a.day >= ? ORDER BY a.day, a.start_utc, s.position",
        ((since or date.min).isoformat(),),
    ).fetchall()
    days: dict[str, date] = {}
    # The columns in StoredSet's order; a day's date is read once for all its sets.
    return [
        StoredSet(
            row[0],
            days[row[1]] if row[1] in days else days.setdefault(row[1], date.fromisoformat(row[1])),
            row[2],
            row[3],
            row[4],
            row[5],
            row[6],
            row[7],
            row[8],
            row[9],
            row[10],
            row[11],
            row[12] or "",
        )
        for row in rows
    ]


def latest_garmin_day(conn: sqlite3.Connection) -> date | None:
    """The local date of the newest activity imported from Garmin Connect (by this runlift:
    activities an earlier one stored are to be read again)."""
    row = conn.execute(
        "SELECT MAX(day) FROM lift_activities WHERE activity_id LIKE 'garmin:%' AND source != ?",
        (SOURCE_LEGACY,),
    ).fetchone()
    return date.fromisoformat(row[0]) if row and row[0] else None
