"""What went wrong with the state file, said on one line; a damaged file is moved aside.

Nothing in the state file is the only copy of anything that matters: runlift's workouts on
Garmin Connect carry its marker and are found again by the next sync, and lifted sets come back
by importing again. So a file SQLite cannot read is renamed ``<name>.damaged-<UTC time>`` (with
its -wal and -shm files) and the next command starts a fresh one.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from runlift.sync import clock, limits
from runlift.sync.errors import UserError

REBUILT = (
    "the next `runlift sync` finds runlift's Garmin workouts again by their marker, "
    "and `runlift import` brings back the lifted sets"
)
_FULL = {"SQLITE_FULL", "SQLITE_IOERR_WRITE", "SQLITE_IOERR_FSYNC"}


class StateError(UserError):
    """The state file cannot be used; the message names it and says what to do."""


def is_damage(exc: sqlite3.Error) -> bool:
    code = _code(exc)
    return code.startswith("SQLITE_CORRUPT") or code == "SQLITE_NOTADB"


def move_aside(path: Path, why: str) -> StateError:
    """Rename the damaged file out of the way; the error to end the command with."""
    aside = path.with_name(f"{path.name}.damaged-{clock.now():%Y%m%dT%H%M%SZ}")
    try:
        path.rename(aside)
    except OSError as exc:
        return StateError(f"{path}: damaged ({why}) and cannot be moved aside ({exc.strerror})")
    for suffix in ("-wal", "-shm"):
        sidecar = path.with_name(path.name + suffix)
        if sidecar.exists():
            sidecar.rename(aside.with_name(aside.name + suffix))
    return StateError(
        f"{path}: damaged ({why}); moved it aside to {aside.name}, starting afresh: {REBUILT}"
    )


def explain(exc: sqlite3.Error, path: Path) -> StateError:
    """The one line for an SQLite failure on the state file (a damaged file is moved aside)."""
    code = _code(exc)
    reason = str(exc) or code
    if is_damage(exc):
        return move_aside(path, reason)
    if code in _FULL:
        return StateError(
            f"{path}: could not write ({reason}); nothing was half-written, free some disk "
            "space and run the command again"
        )
    if code.startswith("SQLITE_READONLY"):
        return StateError(f"{path}: is read-only ({reason}); make it writable (chmod u+w)")
    if code.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return StateError(f"{path}: in use by another runlift for too long; try again later")
    if code == "SQLITE_INTERRUPT":
        return StateError(
            f"{path}: a read or write of it ran longer than {limits.STATE_STATEMENT_S:g} s and "
            "was stopped; nothing was half-written (if it happens again, move the file away: "
            f"{REBUILT})"
        )
    if code.startswith("SQLITE_CANTOPEN"):
        return StateError(f"{path}: cannot be opened ({reason}); check the folder's permissions")
    return StateError(f"{path}: {reason} ({code})")


def _code(exc: sqlite3.Error) -> str:
    return getattr(exc, "sqlite_errorname", None) or "SQLITE_ERROR"
