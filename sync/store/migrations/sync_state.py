"""The sync engine's tables, read and written by ``runlift.sync.state``: the ownership ledger
(``owned_workouts``), the intent log (``intents``) and the run log (``sync_runs``), keyed by
target name with the target's ids as opaque text.

Append a migration to change them; never edit one that has shipped.
"""

from __future__ import annotations

from runlift.sync.store.schema import Migration

MIGRATIONS: tuple[Migration, ...] = (
    # 1: the ledger, intents and runs of every target. Until now they were Garmin's alone
    # (gc_workouts, gc_intents, gc_sync_runs of part garmin_sync, made before this part runs):
    # their rows move over as target "garmin", integer ids as text, and the old tables go.
    # A run that ended "ok" then had completed the only target there was.
    """
    CREATE TABLE owned_workouts (
        target TEXT NOT NULL,
        workout_ref TEXT NOT NULL,
        entry_ref TEXT,
        key TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        day TEXT NOT NULL,
        name TEXT NOT NULL DEFAULT '',
        updated_at TEXT NOT NULL,
        PRIMARY KEY (target, workout_ref)
    );
    CREATE TABLE intents (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        target TEXT NOT NULL,
        created_at TEXT NOT NULL,
        action TEXT NOT NULL,
        key TEXT NOT NULL,
        workout_ref TEXT,
        entry_ref TEXT,
        day TEXT,
        content_hash TEXT,
        status TEXT NOT NULL DEFAULT 'pending',
        result TEXT NOT NULL DEFAULT '',
        finished_at TEXT
    );
    CREATE INDEX intents_status ON intents (target, status);
    CREATE TABLE sync_runs (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        outcome TEXT NOT NULL,
        message TEXT NOT NULL DEFAULT '',
        counts TEXT NOT NULL DEFAULT '{}',
        targets TEXT NOT NULL DEFAULT ''
    );
    INSERT INTO owned_workouts
        (target, workout_ref, entry_ref, key, content_hash, day, name, updated_at)
        SELECT 'garmin', CAST(workout_id AS TEXT), CAST(schedule_id AS TEXT), key,
            content_hash, day, name, updated_at
        FROM gc_workouts;
    INSERT INTO intents
        (id, target, created_at, action, key, workout_ref, entry_ref, day, content_hash,
         status, result, finished_at)
        SELECT id, 'garmin', created_at, action, key, CAST(workout_id AS TEXT),
            CAST(schedule_id AS TEXT), day, content_hash, status, result, finished_at
        FROM gc_intents;
    INSERT INTO sync_runs (id, started_at, finished_at, outcome, message, counts, targets)
        SELECT id, started_at, finished_at, outcome, message, counts,
            CASE WHEN outcome = 'ok' THEN 'garmin' ELSE '' END
        FROM gc_sync_runs;
    DROP TABLE gc_workouts;
    DROP TABLE gc_intents;
    DROP TABLE gc_sync_runs;
    """,
)
