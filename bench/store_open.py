"""What opening the state file costs: the integrity check, migration check and layout check.

Builds state files of a few sizes (a year of syncs and imports, and ten times that), opens each
the way every command does (``runlift.sync.store.connect``) several times and prints the median
beside a bare ``sqlite3.connect``. Ends with `store_open_ms_10y: N` (milliseconds for ten years).
"""

from __future__ import annotations

import os
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from functools import partial
from pathlib import Path

from runlift.sync import store

RUNS = 15


def fill(path: Path, years: int) -> None:
    """Two sessions a week: runlift's workouts, their imported sets (16 a session)."""
    with store.opened(path) as db, store.transaction(db):
        for n in range(104 * years):
            day = date(2020, 1, 1) + timedelta(days=3 * n)
            db.execute(
                "INSERT INTO owned_workouts (target, workout_ref, entry_ref, key, content_hash,"
                " day, name, updated_at) VALUES ('garmin', ?, ?, ?, ?, ?, ?, ?)",
                (str(n), str(n), f"{day}/A", "a" * 12, day.isoformat(), "Runner Strength A", "x"),
            )
            db.execute(
                "INSERT INTO lift_activities (activity_id, source, start_utc, day, name, origin)"
                " VALUES (?, 'fit', ?, ?, 'Strength', '')",
                (f"fit:{n}", f"{day}T17:00:00+00:00", day.isoformat()),
            )
            db.executemany(
                "INSERT INTO lift_sets (activity_id, position, start_utc, category, name, reps,"
                " weight_kg, duration_s, display_unit, move, matched_by)"
                " VALUES (?, ?, NULL, 'deadlift', 'romanian_deadlift', 10, 40.0, NULL, 'kg',"
                " 'romanian_deadlift', 'exercise')",
                [(f"fit:{n}", p) for p in range(16)],
            )


def median_ms(open_once: Callable[[], None]) -> float:
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        open_once()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def _bare_open(path: Path) -> None:
    sqlite3.connect(path).close()


def _store_open(path: Path) -> None:
    store.connect(path).close()


def main() -> None:
    rows = []
    with tempfile.TemporaryDirectory() as home:
        for years in (1, 10):
            path = Path(home) / f"state-{years}y.sqlite3"
            fill(path, years)
            size_kb = os.path.getsize(path) / 1024
            bare = median_ms(partial(_bare_open, path))
            checked = median_ms(partial(_store_open, path))
            rows.append((years, size_kb, bare, checked))
    print(f"{'history':>8} {'file kB':>8} {'bare open ms':>13} {'store open ms':>14}")
    for years, size_kb, bare, checked in rows:
        print(f"{years:>7}y {size_kb:>8.0f} {bare:>13.2f} {checked:>14.2f}")
    print(f"store_open_ms_10y: {rows[-1][3]:.2f}")


if __name__ == "__main__":
    main()
