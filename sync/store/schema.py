"""Ordered migrations per part of runlift, tracked in the state file itself.

``PRAGMA user_version`` is the layout of the store (FORMAT); the ``schema_versions`` table holds,
per part, how many of that part's migrations the file has had. Each part keeps its own ordered
list in ``runlift.sync.store.migrations.<part>``, so parts change their tables without touching
each other's lists; a new part adds its module and one line to ``parts()``.

A migration is SQL (one or more statements) or a function given the open connection; all
pending migrations run in one transaction, so a failure leaves the file as it was.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Mapping, Sequence
from functools import cache
from pathlib import Path

Migration = str | Callable[[sqlite3.Connection], None]

FORMAT = 1
_VERSIONS = "CREATE TABLE IF NOT EXISTS schema_versions (part TEXT PRIMARY KEY, version INTEGER)"


class NewerSchema(Exception):
    """The file was written by a newer runlift; never touch it."""


class WrongSchema(Exception):
    """A table runlift needs is missing or lacks columns: not a state file runlift can use."""


def parts() -> Mapping[str, Sequence[Migration]]:
    from runlift.sync.store.migrations import garmin_sync, lifts, strava_history, sync_state

    # In this order: sync_state's first migration moves garmin_sync's first tables' rows.
    return {
        "garmin_sync": garmin_sync.MIGRATIONS,
        "lifts": lifts.MIGRATIONS,
        "strava_history": strava_history.MIGRATIONS,
        "sync_state": sync_state.MIGRATIONS,
    }


Parts = Mapping[str, Sequence[Migration]]


def pending(db: sqlite3.Connection, known: Parts | None = None) -> dict[str, int]:
    """Per part with migrations still to run, the version the file is at."""
    known = parts() if known is None else known
    format_ = db.execute("PRAGMA user_version").fetchone()[0]
    if format_ > FORMAT:
        raise NewerSchema(f"store format {format_}, this runlift knows up to {FORMAT}")
    done = _versions(db)
    behind: dict[str, int] = {}
    for part, migrations in known.items():
        version = done.get(part, 0)
        if version > len(migrations):
            raise NewerSchema(f"{part} at version {version}, this runlift knows {len(migrations)}")
        if version < len(migrations) or format_ < FORMAT:
            behind[part] = version
    return behind


def migrate(db: sqlite3.Connection, known: Parts | None = None) -> None:
    """Bring the file up to date, all in one transaction (a no-op when it already is); a file
    whose tables are not runlift's (WrongSchema) is left as it was."""
    known = parts() if known is None else known
    if not pending(db, known):
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        _run(db, known)
        check(db, known)
    except BaseException as exc:
        if db.in_transaction:  # SQLite already rolled back after e.g. SQLITE_FULL
            db.execute("ROLLBACK")
        if (
            isinstance(exc, sqlite3.Error)
            and getattr(exc, "sqlite_errorname", "") == "SQLITE_ERROR"
        ):
            # A table of runlift's name with other columns ("no such column"): not runlift's file.
            raise WrongSchema(str(exc)) from None
        raise
    db.execute("COMMIT")


def _run(db: sqlite3.Connection, known: Parts) -> None:
    db.execute(_VERSIONS)
    for part, version in pending(db, known).items():
        migrations = known[part]
        for migration in migrations[version:]:
            _apply(db, migration)
        db.execute(
            "INSERT INTO schema_versions (part, version) VALUES (?, ?) ON CONFLICT (part)"
            " DO UPDATE SET version = excluded.version",
            (part, len(migrations)),
        )
    db.execute(f"PRAGMA user_version = {FORMAT}")


def check(db: sqlite3.Connection, known: Parts | None = None) -> None:
    """Raise WrongSchema unless every table runlift's migrations make has at least its columns."""
    known = parts() if known is None else known
    for table, columns in _expected(tuple((part, tuple(m)) for part, m in known.items())).items():
        found = {row[1] for row in db.execute(f"PRAGMA table_info({_quoted(table)})")}
        if not found:
            raise WrongSchema(f"table {table} is missing")
        if missing := columns - found:
            raise WrongSchema(f"table {table} lacks {', '.join(sorted(missing))}")


def database_file(db: sqlite3.Connection) -> Path | None:
    """The file behind ``db`` (None in memory)."""
    for row in db.execute("PRAGMA database_list"):
        if row[1] == "main":
            return Path(row[2]) if row[2] else None
    return None


@cache
def _expected(known: tuple[tuple[str, tuple[Migration, ...]], ...]) -> dict[str, frozenset[str]]:
    """Each table and its columns, as the migrations make them in an empty database."""
    reference = sqlite3.connect(":memory:", isolation_level=None)
    try:
        _run(reference, dict(known))
        tables = [
            row[0]
            for row in reference.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {
            table: frozenset(row[1] for row in reference.execute(f"PRAGMA table_info({table})"))
            for table in tables
        }
    finally:
        reference.close()


def known_objects(known: Parts | None = None) -> frozenset[tuple[str, str]]:
    """Every (type, name) a migration of runlift's makes, at any version: what a state file
    of any runlift may hold."""
    known = parts() if known is None else known
    return _made(tuple((part, tuple(m)) for part, m in known.items()))


@cache
def _made(known: tuple[tuple[str, tuple[Migration, ...]], ...]) -> frozenset[tuple[str, str]]:
    reference = sqlite3.connect(":memory:", isolation_level=None)
    found: set[tuple[str, str]] = set()
    try:
        reference.execute(_VERSIONS)
        for _part, migrations in known:
            for migration in migrations:
                _apply(reference, migration)
                found.update(
                    reference.execute(
                        "SELECT type, name FROM sqlite_master"
                        " WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
                    ).fetchall()
                )
        found.add(("table", "schema_versions"))
        return frozenset(found)
    finally:
        reference.close()


def _versions(db: sqlite3.Connection) -> dict[str, int]:
    exists = db.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_versions'"
    ).fetchone()
    if not exists:
        return {}
    versions: dict[str, int] = {}
    for part, version in db.execute("SELECT part, version FROM schema_versions"):
        if not isinstance(part, str) or isinstance(version, bool) or not isinstance(version, int):
            raise WrongSchema(f"schema version {str(version)[:20]!r} of {str(part)[:40]!r}")
        versions[part] = version
    return versions


def _apply(db: sqlite3.Connection, migration: Migration) -> None:
    if isinstance(migration, str):
        for statement in _statements(migration):
            db.execute(statement)
    else:
        migration(db)


def _statements(script: str) -> Iterator[str]:
    """Split SQL into statements (executescript would commit the open transaction)."""
    current = ""
    for line in script.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            yield current.strip()
            current = ""
    if current.strip():
        yield current.strip()


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'
