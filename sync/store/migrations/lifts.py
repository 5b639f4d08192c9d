"""Imported strength activities and their sets (``lift_*``), used by
``runlift.sync.importing.store``.

Append a migration to change them; never edit one that has shipped.
"""

from __future__ import annotations

from runlift.sync.store.schema import Migration

MIGRATIONS: tuple[Migration, ...] = (
    # 1: the tables as runlift created them before the store kept versions.
    """
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
    """,
    # 2: the workout an activity was done from, and why a set counts toward no move. Sets stored
    # before were matched by category (real watch files proved that wrong) without keeping the
    # watch's first guess: they stop counting, and their activity (source "legacy") is read
    # again and replaced the next time it is imported.
    """
    ALTER TABLE lift_activities ADD COLUMN workout TEXT;
    ALTER TABLE lift_sets ADD COLUMN reason TEXT NOT NULL DEFAULT '';
    UPDATE lift_sets SET move = NULL, matched_by = 'unplanned',
        reason = 'imported by an earlier runlift that matched by category: import it again';
    UPDATE lift_activities SET source = 'legacy';
    """,
)
