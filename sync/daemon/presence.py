"""Whether a daemon runs: it holds an exclusive lock on ``daemon.lock`` in the data dir for
its whole life, with its pid and next run written inside, so `runlift status` can tell (and a
second daemon refuses to start). The lock belongs to the open file: a daemon that dies
releases it, whatever it left in the file.
"""

from __future__ import annotations

import fcntl
import json
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

from runlift.sync import paths
from runlift.sync.errors import UserError

FILE = "daemon.lock"
# `runlift status` holds a shared lock for an instant to look: a starting daemon waits that out.
_START_WAIT_S = 2.0


@dataclass(frozen=True)
class DaemonPresence:
    running: bool
    pid: int | None = None
    next_run: datetime | None = None


class Presence:
    """The running daemon's side: what it writes into the file it holds."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self._written: datetime | None = None

    def announce(self, next_run: datetime | None) -> None:
        if next_run == self._written and next_run is not None:
            return
        body = {"pid": os.getpid(), "next_run": next_run.isoformat() if next_run else None}
        os.ftruncate(self.fd, 0)
        os.pwrite(self.fd, json.dumps(body).encode(), 0)
        self._written = next_run


@contextmanager
def held() -> Iterator[Presence]:
    path = paths.data_dir() / FILE
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        deadline = time.monotonic() + _START_WAIT_S
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() < deadline:
                    time.sleep(0.05)
                    continue
                other = _read(fd).pid
                who = f" (pid {other})" if other else ""
                raise UserError(f"another runlift daemon is running{who}; one is enough") from None
        presence = Presence(fd)
        presence.announce(None)
        try:
            yield presence
        finally:
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def look() -> DaemonPresence:
    """Whether a daemon holds the lock now, and what it wrote; creates nothing."""
    return _probe(paths.data_dir(create=False) / FILE)


def sync_running() -> bool:
    """Whether a sync (`runlift sync` or the daemon's) holds the sync lock now."""
    return _probe(paths.data_dir(create=False) / paths.LOCK_NAME).running


def _probe(path: os.PathLike[str]) -> DaemonPresence:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return DaemonPresence(False)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return _read(fd)
        fcntl.flock(fd, fcntl.LOCK_UN)
        return DaemonPresence(False)
    finally:
        os.close(fd)


def _read(fd: int) -> DaemonPresence:
    try:
        data = json.loads(os.pread(fd, 4096, 0) or b"{}")
    except (OSError, ValueError):
        data = {}
    if not isinstance(data, dict):
        data = {}
    pid = data.get("pid")
    try:
        next_run = datetime.fromisoformat(data["next_run"]) if data.get("next_run") else None
    except (TypeError, ValueError):
        next_run = None
    return DaemonPresence(True, pid if isinstance(pid, int) else None, next_run)
