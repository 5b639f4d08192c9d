"""The one way into runlift's state file: opened, checked, migrated, private.

``connect()`` opens ``paths.state_db()`` (or ``path``) for the part that asks, after making sure
it is a readable SQLite file at the schema this runlift knows: a regular file of this user (never
a link), opened hardened (``store.hardening``: no trigger or view runs, no statement runs past
``limits.STATE_STATEMENT_S``), and holding nothing runlift's migrations did not make (another
program's database is refused, never written into). ``readonly=True`` (dry runs,
``status``) never writes: a missing file, or one that still needs a migration, is read through an
up-to-date copy in memory.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from urllib.parse import quote

from runlift.sync import paths
from runlift.sync.safe_paths import FOLDER, PathRefused, check_own_file
from runlift.sync.store import schema
from runlift.sync.store.damage import StateError, explain, is_damage, move_aside
from runlift.sync.store.hardening import foreign_objects, harden

BUSY_TIMEOUT_S = 30


def connect(path: Path | None = None, *, readonly: bool = False) -> sqlite3.Connection:
    path = path or paths.state_db()
    _check_files(path)
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
    except _Foreign as exc:
        db.close()
        raise StateError(
            f"{path}: holds {exc} that runlift did not create; runlift does not open a "
            "database it did not make: move it away and run the command again"
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


def _check_files(path: Path) -> None:
    """The state file and SQLite's files beside it are missing or regular files of this user,
    never links (SQLite would write into whatever file a link names)."""
    for each in (path, *(path.with_name(path.name + s) for s in _SIDECARS)):
        try:
            check_own_file(each)
        except PathRefused as exc:
            if str(exc) == FOLDER and each == path:
                raise StateError(
                    f"{path}: is a folder, not runlift's state file; move it away"
                ) from None
            raise StateError(
                f"{each}: {exc}; runlift keeps its state there: move it away and run the "
                "command again"
            ) from None


_SIDECARS = ("-wal", "-shm", "-journal")


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
    # nofollow: SQLite itself refuses a link, whatever happened since _check_files.
    mode = "ro" if readonly else "rw"
    uri = f"file:{quote(str(path.absolute()))}?mode={mode}&nofollow=1"
    db = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=BUSY_TIMEOUT_S)
    harden(db)
    if readonly:
        db.execute("PRAGMA query_only = ON")
    db.row_factory = sqlite3.Row
    db.execute("PRAGMA foreign_keys = ON")
    return db


class _Damaged(Exception):
    """SQLite cannot read the file through, or its tables are not runlift's."""


class _Foreign(Exception):
    """The file holds schema objects no runlift made; ``str()`` names them."""


def _ready(db: sqlite3.Connection, readonly: bool) -> sqlite3.Connection:
    """Readable through and through, not from a newer runlift, migrated, with runlift's tables."""
    try:
        row = db.execute("PRAGMA quick_check").fetchone()
        if row[0] != "ok":
            raise _Damaged(f"integrity check: {row[0]}")
        if foreign := foreign_objects(db, schema.known_objects()):
            more = f" and {len(foreign) - 3} more" if len(foreign) > 3 else ""
            raise _Foreign(", ".join(foreign[:3]) + more)
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
    harden(db)
    if source is not None:
        source.backup(db)
        source.close()
    db.row_factory = sqlite3.Row
    db.execute("PRAGMA foreign_keys = ON")
    schema.migrate(db)
    return db
