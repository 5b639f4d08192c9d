"""The Strava provider's activity cache (``strava_*``), used by ``runlift.sync.strava.history``.

Append a migration to change them; never edit one that has shipped.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path
from urllib.parse import quote

from runlift.sync.safe_paths import PathRefused, check_own_file
from runlift.sync.store.hardening import harden
from runlift.sync.store.schema import Migration, database_file

# Where the cache lived before it moved into the state file.
LEGACY_FILE = "strava_history.sqlite3"
_COLUMNS = (
    "id, name, sport_type, workout_type, start_local, start_utc, distance_m, moving_time_s,"
    " elapsed_time_s"
)


def adopt_legacy_cache(db: sqlite3.Connection) -> None:
    """Copy the activities of the old separate cache file in, so no request is spent again.

    The old file is only a cache: one that cannot be read is left where it is and ignored.
    """
    state = database_file(db)
    legacy = state.parent / LEGACY_FILE if state else None
    if legacy is None or not legacy.is_file():
        return
    try:
        check_own_file(legacy)
        uri = f"file:{quote(str(legacy.absolute()))}?mode=ro&nofollow=1"
        with closing(sqlite3.connect(uri, uri=True)) as old:
            harden(old)
            activities = old.execute(f"SELECT {_COLUMNS} FROM activity").fetchall()
            meta = old.execute("SELECT key, value FROM meta").fetchall()
    except (sqlite3.Error, PathRefused):
        return
    db.executemany(
        f"INSERT OR REPLACE INTO strava_activities ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        activities,
    )
    db.executemany("INSERT OR REPLACE INTO strava_meta (key, value) VALUES (?, ?)", meta)
    _remove(legacy)


def _remove(legacy: Path) -> None:
    for path in (
        legacy,
        legacy.with_name(legacy.name + "-wal"),
        legacy.with_name(legacy.name + "-shm"),
    ):
        path.unlink(missing_ok=True)


MIGRATIONS: tuple[Migration, ...] = (
    # 1: the cache's tables, as they were in strava_history.sqlite3.
    """
    CREATE TABLE IF NOT EXISTS strava_activities (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        sport_type TEXT NOT NULL,
        workout_type INTEGER,
        start_local TEXT NOT NULL,
        start_utc TEXT NOT NULL,
        distance_m REAL NOT NULL,
        moving_time_s INTEGER NOT NULL,
        elapsed_time_s INTEGER NOT NULL
    );
    CREATE INDEX IF NOT EXISTS strava_activities_start ON strava_activities (start_utc);
    CREATE TABLE IF NOT EXISTS strava_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    """,
    # 2: the old separate cache file's activities, moved in.
    adopt_legacy_cache,
)
