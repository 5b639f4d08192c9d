"""What SQLite offers against a hostile database file, applied to every connection runlift opens.

A state file is only a file: another program, or a person, may have put something else there.
So every connection runs with

- defensive mode (no writes to the schema table, no corrupting PRAGMAs);
- an untrusted schema (no SQL function with side effects called from a table's definition);
- triggers and views switched off: runlift creates neither, so none can run (a trigger that
  inserts into its own table for ever, a view with a recursive query);
- at most ``limits.STATE_STATEMENT_S`` per statement: one that runs longer is interrupted
  (SQLite's "interrupted"), so nothing in the file can hang a command.

``foreign_objects`` lists what the file holds that runlift's migrations never made (a trigger, a
view, another program's tables); the store refuses such a file instead of writing into it.
"""

from __future__ import annotations

import sqlite3
import time

from runlift.sync import limits

_OFF = (
    (sqlite3.SQLITE_DBCONFIG_DEFENSIVE, True),
    (sqlite3.SQLITE_DBCONFIG_TRUSTED_SCHEMA, False),
    (sqlite3.SQLITE_DBCONFIG_ENABLE_TRIGGER, False),
    (sqlite3.SQLITE_DBCONFIG_ENABLE_VIEW, False),
)
# Opcodes between two looks at the clock (a few milliseconds of work).
_PROGRESS_STEPS = 10_000


def harden(db: sqlite3.Connection, statement_s: float = limits.STATE_STATEMENT_S) -> None:
    for option, value in _OFF:
        db.setconfig(option, value)
    db.execute("PRAGMA trusted_schema = OFF")
    clock = _StatementClock(statement_s)
    db.set_trace_callback(clock.started)
    db.set_progress_handler(clock.too_long, _PROGRESS_STEPS)


class _StatementClock:
    """Interrupts a statement that has run longer than ``limit_s``."""

    def __init__(self, limit_s: float) -> None:
        self.limit_s = limit_s
        self.since = time.monotonic()

    def started(self, statement: str) -> None:
        # A statement starts (SQLite also reports each trigger program, as "-- TRIGGER ...";
        # those belong to the statement that fired them).
        if not statement.startswith("--"):
            self.since = time.monotonic()

    def too_long(self) -> int:
        return int(time.monotonic() - self.since > self.limit_s)


def foreign_objects(db: sqlite3.Connection, known: frozenset[tuple[str, str]]) -> list[str]:
    """Schema objects ``known`` (the (type, name) pairs runlift's migrations make) lacks, as
    "trigger t" / "table x"; SQLite's own tables (sqlite_sequence, ...) are not counted."""
    rows = db.execute(
        "SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
        " ORDER BY type, name"
    ).fetchall()
    return [f"{kind} {name}" for kind, name in rows if (kind, name) not in known]
