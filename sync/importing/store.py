"""Imported strength activities and their work sets, in the state database (tables ``lift_*``).

The file is ``sync.paths.state_db()``, shared with the Garmin sync's own tables (``gc_*``); each
part creates its tables with IF NOT EXISTS. Every activity is written in one transaction, so an
interrupted import leaves whole activities or none. The same activity arriving again changes
nothing; arriving from a better source (the sets as corrected in Garmin Connect, after the
watch's file) replaces its sets.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path

from runlift.sync import paths
from runlift.sync.importing.activity import SOURCE_RANK, Activity
from runlift.workouts.matching import MatchedSet

_SCHEMA = """
CREATE TABLE IF NOT EXISTS lift_activities (
    activity_id TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    start_utc TEXT NOT NULL UNIQUE,
    day TEXT NOT NULL,
    name TEXT NOT NULL DEFAULT '',
    origin TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS lift_activities_day ON lift_activities (day);
CREATE TABLE IF NOT EXISTS lift_sets (
    activity_id TEXT NOT NULL REFERENCES lift_activities (activity_id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    start_utc TEXT,
    category TEXT NOT NULL,
    name TEXT,
    reps INTEGER,
    weight_kg REAL,
    duration_s REAL,
    display_unit TEXT,
    move TEXT,
    matched_by TEXT NOT NULL,
    PRIMARY KEY (activity_id, position)
);
CREATE INDEX IF NOT EXISTS lift_sets_move ON lift_sets (move);
"""


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
    # The activity's name: the workout's ("Runner Strength A · maintenance") when done from one.
    activity_name: str = ""


def connect(path: Path | None = None) -> sqlite3.Connection:
    conn = sqlite3.connect(path or paths.state_db(), isolation_level=None, timeout=30)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.executescript(_SCHEMA)
    return conn


@contextmanager
def opened(path: Path | None = None) -> Iterator[sqlite3.Connection]:
    conn = connect(path)
    try:
        yield conn
    finally:
        conn.close()


@contextmanager
def _transaction(conn: sqlite3.Connection) -> Iterator[None]:
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def known(conn: sqlite3.Connection, activity_id: str) -> str | None:
    """The source an activity was stored from, or None when it is not stored."""
    row = conn.execute(
        "SELECT source FROM lift_activities WHERE activity_id = ?", (activity_id,)
    ).fetchone()
    return row[0] if row else None


def save(conn: sqlite3.Connection, activity: Activity, matched: list[MatchedSet]) -> Outcome:
    """Store ``activity`` with its matched work sets, all in one transaction."""
    start = activity.start.isoformat()
    with _transaction(conn):
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
            "INSERT INTO lift_activities (activity_id, source, start_utc, day, name, origin) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (
                activity.activity_id,
                activity.source,
                start,
                activity.day.isoformat(),
                activity.name,
                activity.origin,
            ),
        )
        conn.executemany(
            "INSERT INTO lift_sets (activity_id, position, start_utc, category, name, reps, "
            "weight_kg, duration_s, display_unit, move, matched_by) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
                )
                for item in matched
            ],
        )
    return outcome


def work_sets(conn: sqlite3.Connection, since: date | None = None) -> list[StoredSet]:
    """Every stored work set, by date then position."""
    rows = conn.execute(
        "SELECT s.activity_id, a.day, s.position, s.category, s.name, s.reps, s.weight_kg, "
        "s.duration_s, s.display_unit, s.move, s.matched_by, a.name "
        "FROM lift_sets s JOIN lift_activities a USING (activity_id) "
        "WHERE a.day >= ? ORDER BY a.day, a.start_utc, s.position",
        ((since or date.min).isoformat(),),
    ).fetchall()
    return [
        StoredSet(
            activity_id=row[0],
            day=date.fromisoformat(row[1]),
            position=row[2],
            category=row[3],
            name=row[4],
            reps=row[5],
            weight_kg=row[6],
            duration_s=row[7],
            display_unit=row[8],
            move=row[9],
            matched_by=row[10],
            activity_name=row[11],
        )
        for row in rows
    ]


def activity_count(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT COUNT(*) FROM lift_activities").fetchone()[0])


def latest_garmin_day(conn: sqlite3.Connection) -> date | None:
    """The local date of the newest activity imported from Garmin Connect."""
    row = conn.execute(
        "SELECT MAX(day) FROM lift_activities WHERE activity_id LIKE 'garmin:%'"
    ).fetchone()
    return date.fromisoformat(row[0]) if row and row[0] else None
