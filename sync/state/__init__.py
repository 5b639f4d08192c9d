"""What runlift did on its targets, kept in the one state file (``runlift.sync.store``).

One open connection, in four pieces, each a module of its own:

- ``ledger``: every workout runlift created on a target and still owns, with the target's own
  ids as opaque text (``owned_workouts``);
- ``intents``: every remote write, recorded before it is sent and confirmed with its effect on
  the ledger after, each in its own transaction (``intents``);
- ``runs``: when each sync ran, how it ended, what it did and on which targets (``sync_runs``);
- a target's own caches (Garmin's workout details, calendar months and weight unit) live with
  that target and use ``SyncState.connection``.

The tables' migrations are in ``runlift.sync.store.migrations.sync_state``.
"""

from __future__ import annotations

import sqlite3
from contextlib import AbstractContextManager
from pathlib import Path

from runlift.sync import paths, store
from runlift.sync.state.intents import (
    DONE,
    FAILED,
    PENDING,
    RESOLVED,
    Intent,
    IntentAction,
    IntentLog,
)
from runlift.sync.state.ledger import Ledger, OwnedWorkout
from runlift.sync.state.runs import RunLog, SyncRun


class SyncState:
    """One open connection to the state file; use as a context manager.

    ``readonly`` (for ``--dry-run`` and ``status``) never writes: an existing file is opened
    query-only, a missing one (or one without runlift's tables yet) is replaced by an empty one
    in memory.
    """

    def __init__(self, path: Path | None = None, *, readonly: bool = False) -> None:
        self.path = path or paths.state_db()
        self.readonly = readonly
        self.connection = store.connect(self.path, readonly=readonly)
        self.ledger = Ledger(self.connection)
        self.intents = IntentLog(self.connection)
        self.runs = RunLog(self.connection)

    def __enter__(self) -> SyncState:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.connection.close()

    def transaction(self) -> AbstractContextManager[sqlite3.Connection]:
        return store.transaction(self.connection)


__all__ = [
    "DONE",
    "FAILED",
    "PENDING",
    "RESOLVED",
    "Intent",
    "IntentAction",
    "IntentLog",
    "Ledger",
    "OwnedWorkout",
    "RunLog",
    "SyncRun",
    "SyncState",
]
