"""The athlete's Strava activities, cached locally so each sync asks only for what is new.

Two tables of the state file (``strava_activities``, ``strava_meta``; migrations in
``runlift.sync.store.migrations.strava_history``) hold the activities fetched so far and the
date from which the cache is complete. A sync asks
Strava for the activities after the newest one known, less OVERLAP: one request in the steady
state, and it still catches an activity uploaded late or entered by hand after a newer one
(a gym session logged in the evening after the run that followed it), or renamed since. When
older history is needed than the cache covers, that stretch is fetched once. Fetched pages are
written in one transaction after the last page, so an interrupted sync leaves the cache as it
was.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from contextlib import AbstractContextManager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from runlift.sync import paths, store
from runlift.sync.strava.activity import Activity, from_summary

if TYPE_CHECKING:
    from stravalib import Client

OVERLAP = timedelta(days=2)
_COVERED_FROM = "covered_from"


class HistoryCache:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path or paths.state_db()

    def activities(self, since: datetime | None = None) -> list[Activity]:
        """Cached activities starting at or after ``since`` (UTC), oldest first."""
        with self._connect() as db:
            rows = db.execute(
                "SELECT * FROM strava_activities WHERE start_utc >= ? ORDER BY start_utc",
                (_utc_text(since) if since else "",),
            ).fetchall()
        return [_activity(row) for row in rows]

    def covered_from(self) -> datetime | None:
        with self._connect() as db:
            row = db.execute(
                "SELECT value FROM strava_meta WHERE key = ?", (_COVERED_FROM,)
            ).fetchone()
        return datetime.fromisoformat(row[0]) if row else None

    def newest_start(self) -> datetime | None:
        with self._connect() as db:
            row = db.execute("SELECT MAX(start_utc) FROM strava_activities").fetchone()
        return datetime.fromisoformat(row[0]) if row and row[0] else None

    def store(self, activities: Iterable[Activity], covered_from: datetime) -> None:
        with store.opened(self.path) as db, store.transaction(db):
            db.executemany(
                "INSERT OR REPLACE INTO strava_activities VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [_row(a) for a in activities],
            )
            db.execute(
                "INSERT OR REPLACE INTO strava_meta VALUES (?, ?)",
                (_COVERED_FROM, _utc_text(covered_from)),
            )

    def _connect(self) -> AbstractContextManager[sqlite3.Connection]:
        return store.opened(self.path)


def sync_history(cache: HistoryCache, client: Client, since: datetime) -> int:
    """Bring the cache up to date from ``since`` (UTC) to now; returns activities fetched."""
    covered = cache.covered_from()
    fetched: list[Activity] = []
    if covered is None:
        fetched += _fetch(client, after=since)
        covered = since
    else:
        if since < covered:
            fetched += _fetch(client, after=since, before=covered)
            covered = since
        newest = cache.newest_start()
        fetched += _fetch(client, after=max(newest - OVERLAP, covered) if newest else covered)
    cache.store(fetched, covered)
    return len(fetched)


def _fetch(client: Client, after: datetime, before: datetime | None = None) -> list[Activity]:
    found: list[Activity] = []
    for summary in client.get_activities(after=after, before=before):
        if summary.id is None or summary.start_date is None or summary.start_date_local is None:
            continue
        found.append(from_summary(summary))
    return found


def _utc_text(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat()


def _row(a: Activity) -> tuple[object, ...]:
    return (
        a.id,
        a.name,
        a.sport_type,
        a.workout_type,
        a.start_local.isoformat(),
        _utc_text(a.start_utc),
        a.distance_m,
        a.moving_time_s,
        a.elapsed_time_s,
    )


def _activity(row: sqlite3.Row) -> Activity:
    return Activity(
        id=row["id"],
        name=row["name"],
        sport_type=row["sport_type"],
        workout_type=row["workout_type"],
        start_local=datetime.fromisoformat(row["start_local"]),
        start_utc=datetime.fromisoformat(row["start_utc"]),
        distance_m=row["distance_m"],
        moving_time_s=row["moving_time_s"],
        elapsed_time_s=row["elapsed_time_s"],
    )
