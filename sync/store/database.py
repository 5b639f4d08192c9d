"""The one way into runlift's state file: opened, checked, migrated, private.

``connect()`` opens ``paths.state_db()`` (or ``path``) for the part that asks, after making sure
it is a readable SQLite file at the schema this runlift knows. ``readonly=True`` (dry runs,
``status``) never writes: a missing file, or one that still needs a migration, is read through an
up-to-date copy in memory.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from runlift.sync import paths
from runlift.sync.store import schema
from runlift.sync.store.damage import StateError, explain, is_damage, move_aside

BUSY_TIMEOUT_S = 30


def connect(path: Path | None = None, *, readonly: bool = False) -> sqlite3.Connection:
    path = path or paths.state_db()
    if path.is_dir():
        raise StateError(f"{path}: is a folder, not runlift's state file; move it away")
    if readonly and not path.exists():
        return _in_memory()
    if not readonly:
        _create_private(path)
    try:
        db = _open(path, readonly)
    except sqlite3.Error as exc:
        raise explain(exc, path) from None
    try:
        return _ready(db, readonly)
    except _Damaged as exc:
        db.close()
        if readonly:
            raise StateError(
                f"{path}: damaged ({exc}); the next `runlift sync` or `runlift import` moves it "
                "aside and starts afresh"
            ) from None
        raise move_aside(path, str(exc)) from None
    except sqlite3.Error as exc:
        db.close()
        raise explain(exc, path) from None
    except schema.NewerSchema as exc:
        db.close()
        raise StateError(
            f"{path}: written by a newer runlift ({exc}); upgrade runlift to use it"
        ) from None
    except BaseException:
        db.close()
        raise


@contextmanager
def opened(path: Path | None = None, *, readonly: bool = False) -> Iterator[sqlite3.Connection]:
    db = connect(path, readonly=readonly)
    try:
        yield db
    finally:
        db.close()


@contextmanager
def transaction(db: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """All or nothing: BEGIN IMMEDIATE, COMMIT, or ROLLBACK on any exception."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        if db.in_transaction:  # SQLite already rolled back after e.g. SQLITE_FULL
            db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def _create_private(path: Path) -> None:
    """The file is 0600 whoever creates it, and before SQLite writes a byte."""
    try:
        os.close(os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        pass
    except OSError as exc:
        raise StateError(f"{path}: cannot be created ({exc.strerror})") from None
    if not os.access(path, os.W_OK):
        raise StateError(f"{path}: is read-only; make it writable (chmod u+w)")
    with suppress(OSError):  # another user's file: opening it says what is wrong
        path.chmod(0o600)


def _open(path: Path, readonly: bool) -> sqlite3.Connection:
    if readonly:
        db = sqlite3.connect(
            f"file:{path}?mode=ro", uri=True, isolation_level=None, timeout=BUSY_TIMEOUT_S
        )
        db.execute("PRAGMA query_only = ON")
    else:
        db = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_S)
    db.row_factory = sqlite3.Row
    db.execute("PRAGMA foreign_keys = ON")
    return db


class _Damaged(Exception):
    """SQLite cannot read the file through, or its tables are not runlift's."""


def _ready(db: sqlite3.Connection, readonly: bool) -> sqlite3.Connection:
    """Readable through and through, not from a newer runlift, migrated, with runlift's tables."""
    try:
        row = db.execute("PRAGMA quick_check").fetchone()
        if row[0] != "ok":
            raise _Damaged(f"integrity check: {row[0]}")
        if readonly and schema.pending(db):
            db = _in_memory(db)
        elif not readonly:
            schema.migrate(db)
        schema.check(db)
        if not readonly:
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = NORMAL")
    except sqlite3.Error as exc:
        if is_damage(exc):
            raise _Damaged(str(exc)) from None
        raise
    except schema.WrongSchema as exc:
        raise _Damaged(f"not runlift's tables: {exc}") from None
    return db


def _in_memory(source: sqlite3.Connection | None = None) -> sqlite3.Connection:
    db = sqlite3.connect(":memory:", isolation_level=None)
    if source is not None:
        source.backup(db)
        source.close()
    db.row_factory = sqlite3.Row
    db.execute("PRAGMA foreign_keys = ON")
    schema.migrate(db)
    return db
