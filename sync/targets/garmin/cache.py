"""Garmin Connect's own caches in the state file (tables ``gc_*``, part ``garmin_sync``).

- ``gc_workout_details``: summaries of running workouts already read, keyed by workout id, with
  the workout's update time and how runlift last confirmed it (``CachedRun``), so a workout is
  read once until it changes (``runlift.sync.targets.garmin.edits``);
- ``gc_calendar_months``: calendar months far from the sync window, as last read (races ahead);
- ``gc_weight_unit``: how Garmin renders a step's weight on the watch, once measured.

Open on the connection of a ``SyncState``; read-only when it is.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from runlift.sync import store
from runlift.sync.state.clock_text import now

if TYPE_CHECKING:
    from runlift.sync.state import SyncState


@dataclass(frozen=True)
class CachedRun:
    """A running workout runlift read, as kept in ``gc_workout_details``."""

    workout_id: int
    # Garmin's update time of the workout when read ("" when it could not be read by id).
    updated: str
    summary: dict[str, Any]
    # The check round in which runlift last knew it unchanged (``GarminCache.check_round``).
    checked: int
    # Whether the workout list's first page held it when last looked for (None: never looked).
    first_page: bool | None


@dataclass(frozen=True)
class WeightUnit:
    """Watch kilograms per kilogram sent, measured from Garmin's own FIT of a workout."""

    factor: float
    measured_at: datetime
    source: str


class GarminCache:
    def __init__(self, state: SyncState) -> None:
        self._db: sqlite3.Connection = state.connection
        self.readonly = state.readonly

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
        with store.transaction(self._db) as db:
            db.execute(
                "INSERT INTO gc_workout_details (workout_id, updated, summary, fetched_at, checked)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT (workout_id) DO UPDATE SET"
                " updated = excluded.updated, summary = excluded.summary,"
                " fetched_at = excluded.fetched_at, checked = excluded.checked",
                (workout_id, updated, json.dumps(summary, sort_keys=True), now(), checked),
            )

    def confirm_runs(self, workout_ids: set[int], checked: int) -> None:
        """These cached workouts were found unchanged in round ``checked``."""
        with store.transaction(self._db) as db:
            db.executemany(
                "UPDATE gc_workout_details SET checked = ? WHERE workout_id = ?",
                [(checked, wid) for wid in sorted(workout_ids)],
            )

    def note_first_page(self, found: set[int], missed: set[int]) -> None:
        """Which cached workouts the workout list's first page held, and which it did not."""
        with store.transaction(self._db) as db:
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
        with store.transaction(self._db) as db:
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
        with store.transaction(self._db) as db:
            db.execute(
                "INSERT INTO gc_weight_unit (id, factor, measured_at, source) VALUES (1, ?, ?, ?)"
                " ON CONFLICT (id) DO UPDATE SET factor = excluded.factor,"
                " measured_at = excluded.measured_at, source = excluded.source",
                (factor, now(), source),
            )
