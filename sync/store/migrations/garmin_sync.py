"""Garmin Connect's own tables (``gc_*``): the caches of ``runlift.sync.targets.garmin.cache``.

The first migration also made the ledger, intents and runs of the days when Garmin was the only
target; ``runlift.sync.store.migrations.sync_state`` moved their rows to the engine's tables.

Append a migration to change them; never edit one that has shipped.
"""

from __future__ import annotations

from runlift.sync.store.schema import Migration

MIGRATIONS: tuple[Migration, ...] = (
    # 1: the tables as runlift created them before the store kept versions (IF NOT EXISTS, so a
    # state file from then keeps its rows).
    """
    CREATE TABLE IF NOT EXISTS gc_workouts (
        workout_id INTEGER PRIMARY KEY,
        key TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        day TEXT NOT NULL,
        schedule_id INTEGER,
        name TEXT NOT NULL DEFAULT '',
        updated_at TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS gc_intents (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        created_at TEXT NOT NULL,
        action TEXT NOT NULL,
        key TEXT NOT NULL,
        workout_id INTEGER,
        schedule_id INTEGER,
        day TEXT,
        content_hash TEXT,
        status TEXT NOT NULL DEFAULT 'pending',
        result TEXT NOT NULL DEFAULT '',
        finished_at TEXT
    );
    CREATE INDEX IF NOT EXISTS gc_intents_status ON gc_intents (status);
    CREATE TABLE IF NOT EXISTS gc_workout_details (
        workout_id INTEGER PRIMARY KEY,
        updated TEXT NOT NULL,
        summary TEXT NOT NULL,
        fetched_at TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS gc_sync_runs (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        outcome TEXT NOT NULL,
        message TEXT NOT NULL DEFAULT '',
        counts TEXT NOT NULL DEFAULT '{}'
    );
    """,
    # 2: how Garmin renders a workout step's weight on the watch, as measured by
    # `runlift doctor garmin` or a first sync (watch kg / sent kg; 1.0 when it reads as sent).
    """
    CREATE TABLE IF NOT EXISTS gc_weight_unit (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        factor REAL NOT NULL,
        measured_at TEXT NOT NULL,
        source TEXT NOT NULL
    );
    """,
    # 3: calendar months far from the sync window (read only for races that shape the plan
    # weeks ahead, or the recovery after one), kept for a few hours between syncs.
    """
    CREATE TABLE IF NOT EXISTS gc_calendar_months (
        year INTEGER NOT NULL,
        month INTEGER NOT NULL,
        items TEXT NOT NULL,
        fetched_at TEXT NOT NULL,
        PRIMARY KEY (year, month)
    );
    """,
    # 4: how runlift knows a cached running workout is still as read (edits are found without
    # a list order no recording shows honoured): the check round it was last confirmed in, and
    # whether the workout list's first page held it when last looked for.
    """
    ALTER TABLE gc_workout_details ADD COLUMN checked INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE gc_workout_details ADD COLUMN first_page INTEGER;
    """,
)
