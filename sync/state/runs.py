"""The run log: when each sync ran, how it ended, what it did, and which targets it completed
(for ``runlift status``, and to know whether a target's state has ever been complete)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from runlift.sync import store
from runlift.sync.state.clock_text import now


@dataclass(frozen=True)
class SyncRun:
    started_at: datetime
    finished_at: datetime | None
    outcome: str
    message: str
    counts: dict[str, int]
    # The targets this run brought up to date (a run that failed on one may finish another).
    targets: tuple[str, ...] = ()


class RunLog:
    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    def start_run(self) -> int:
        with store.transaction(self._db) as db:
            cursor = db.execute(
                "INSERT INTO sync_runs (started_at, outcome) VALUES (?, 'running')", (now(),)
            )
            assert cursor.lastrowid is not None
            return cursor.lastrowid

    def finish_run(
        self,
        run_id: int,
        outcome: str,
        message: str = "",
        counts: dict[str, int] | None = None,
        targets: Iterable[str] = (),
    ) -> None:
        with store.transaction(self._db) as db:
            db.execute(
                "UPDATE sync_runs SET finished_at = ?, outcome = ?, message = ?, counts = ?,"
                " targets = ? WHERE id = ?",
                (
                    now(),
                    outcome,
                    message,
                    json.dumps(counts or {}, sort_keys=True),
                    ",".join(targets),
                    run_id,
                ),
            )

    def last_run(self) -> SyncRun | None:
        row = self._db.execute("SELECT * FROM sync_runs ORDER BY id DESC LIMIT 1").fetchone()
        if row is None:
            return None
        return SyncRun(
            started_at=datetime.fromisoformat(row["started_at"]),
            finished_at=datetime.fromisoformat(row["finished_at"]) if row["finished_at"] else None,
            outcome=row["outcome"],
            message=row["message"],
            counts=json.loads(row["counts"]),
            targets=tuple(t for t in row["targets"].split(",") if t),
        )

    def has_completed_sync(self, target: str | None = None) -> bool:
        """False on a new or lost state (or one that never completed ``target``): then only
        the remote side knows what runlift made there."""
        args: tuple[str, ...] = ()
        if target is None:
            query = "SELECT COUNT(*) FROM sync_runs WHERE outcome = 'ok'"
        else:
            query = "SELECT COUNT(*) FROM sync_runs WHERE instr(',' || targets || ',', ?) > 0"
            args = (f",{target},",)
        return self._db.execute(query, args).fetchone()[0] > 0
