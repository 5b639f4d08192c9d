"""One sync at a time: an exclusive lock on a file in the data dir, waited for a bounded time.

``runlift sync`` and the daemon both take it before touching Garmin Connect or the state. The
lock belongs to the open file, so a crashed process releases it; the file itself stays.
"""

from __future__ import annotations

import fcntl
import os
import stat
import time
from collections.abc import Iterator
from contextlib import contextmanager

from runlift.sync import paths
from runlift.sync.errors import UserError

DEFAULT_WAIT_S = 30.0
_POLL_S = 0.1


@contextmanager
def sync_lock(wait_s: float = DEFAULT_WAIT_S) -> Iterator[None]:
    path = paths.lock_file()
    try:
        # Never through a link, never a pipe nobody opens for writing.
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK, 0o600)
    except OSError as exc:
        why = (
            "it is a folder; remove it"
            if path.is_dir()
            else "it is a link; runlift does not follow links for its own files"
            if path.is_symlink()
            else exc.strerror
        )
        raise UserError(f"{path}: cannot be used as the sync lock ({why})") from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise UserError(f"{path}: cannot be used as the sync lock (not a regular file)")
    try:
        deadline = time.monotonic() + wait_s
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise UserError(
                        f"another runlift sync is running (lock {path}); "
                        "try again when it has finished"
                    ) from None
                time.sleep(_POLL_S)
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
