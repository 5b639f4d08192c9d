"""The athlete's Strava activities, cached locally so each sync asks only for what is needed.

Two tables of the state file (``strava_activities``, ``strava_meta``; migrations in
``runlift.sync.store.migrations.strava_history``) hold the activities fetched so far and the
date from which the cache is complete. A sync re-reads a rolling window, the weeks the
projection looks at (and at least the activities since the newest one known, less OVERLAP), so
an activity uploaded late or entered by hand, renamed, retyped or deleted on Strava (a double
upload) is seen: typically one page and the empty page after it. When older history is needed
than the cache covers, that stretch is fetched once.

Strava documents that a page can hold fewer than per_page activities without being the last,
so every range is read until an empty page. Nothing is written until every range of the sync
has been read to its end, in one transaction: an interrupted sync leaves the cache as it was,
and a range counts as covered only once it was read completely.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from itertools import count
from pathlib import Path
from typing import TYPE_CHECKING

from runlift.sync import limits, paths, store
from runlift.sync.strava.activity import Activity, from_json
from runlift.sync.strava.http import StravaBrokenAnswer

if TYPE_CHECKING:
    from stravalib import Client

OVERLAP = timedelta(days=2)
ACTIVITIES_PATH = "/athlete/activities"
# The most Strava puts on one page.
PER_PAGE = 200
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

    def store(self, reads: Iterable[RangeRead], covered_from: datetime) -> None:
        """Write completely read ranges: what Strava no longer lists in them is dropped."""
        with store.opened(self.path) as db, store.transaction(db):
            for read in reads:
                # Strava's after and before are both exclusive.
                db.execute(
                    "DELETE FROM strava_activities WHERE start_utc > ? AND start_utc < ?",
                    (_utc_text(read.after), _utc_text(read.before) if read.before else "~"),
                )
                db.executemany(
                    "INSERT OR REPLACE INTO strava_activities VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [_row(a) for a in read.activities],
                )
            db.execute(
                "INSERT OR REPLACE INTO strava_meta VALUES (?, ?)",
                (_COVERED_FROM, _utc_text(covered_from)),
            )

    def _connect(self) -> AbstractContextManager[sqlite3.Connection]:
        return store.opened(self.path)


def sync_history(
    cache: HistoryCache,
    client: Client,
    since: datetime,
    recheck_from: datetime | None = None,
) -> int:
    """Bring the cache up to date from ``since`` (UTC) to now, re-reading everything from
    ``recheck_from`` or from the newest activity known less OVERLAP, whichever is earlier;
    returns the activities read."""
    covered = cache.covered_from()
    reads: list[RangeRead] = []
    if covered is None:
        reads.append(read_range(client, after=since))
        covered = since
    else:
        if since < covered:
            reads.append(read_range(client, after=since, before=covered))
            covered = since
        newest = cache.newest_start()
        starts = [recheck_from, newest - OVERLAP if newest else None]
        recheck = min((start for start in starts if start is not None), default=covered)
        reads.append(read_range(client, after=max(recheck, covered)))
    cache.store(reads, covered)
    return sum(len(read.activities) for read in reads)


@dataclass(frozen=True)
class RangeRead:
    """Every activity Strava lists after ``after`` (and before ``before``), read to the end."""

    after: datetime
    before: datetime | None
    activities: list[Activity]


def read_range(client: Client, after: datetime, before: datetime | None = None) -> RangeRead:
    found: list[Activity] = []
    for page in count(1):
        if page > limits.LIST_PAGES:
            raise StravaBrokenAnswer(
                f"Strava sent more than {limits.LIST_PAGES} pages of activities for one stretch "
                "of history without a last one; runlift stops reading (try again later)"
            )
        batch = client.protocol.get(
            ACTIVITIES_PATH,
            after=_epoch(after),
            before=_epoch(before) if before else None,
            page=page,
            per_page=PER_PAGE,
        )
        if not isinstance(batch, list):
            raise StravaBrokenAnswer(
                f"its answer to GET /api/v3{ACTIVITIES_PATH} is not a list of activities"
            )
        if not batch:
            break
        for raw in batch:
            try:
                found.append(from_json(raw))
            except (ValueError, AttributeError):
                # An item without an id or a start date cannot be placed on any day.
                continue
    return RangeRead(after, before, found)


def _epoch(moment: datetime) -> int:
    return int(moment.timestamp())


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
