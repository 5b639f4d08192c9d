"""A stop request that a signal handler may make while the main thread is waiting on it.

``threading.Event`` cannot be set from a signal handler: Python runs the handler in the main
thread between two bytecodes, possibly while that thread holds the event's own (non-reentrant)
lock inside ``Event.wait``, and ``Event.set`` then waits for that lock forever. Here the request
is a plain flag, and a wait sleeps in ``select`` on one end of a socket pair that ``set`` writes
a byte to: nothing is locked, so ``set`` returns at any point of a ``wait``.
"""

from __future__ import annotations

import select
import socket
from contextlib import suppress


class StopRequest:
    def __init__(self) -> None:
        self._requested = False
        # Made by the first wait (a daemon that is only ticked, as in tests, holds no sockets).
        self._pair: tuple[socket.socket, socket.socket] | None = None

    def set(self) -> None:
        self._requested = True
        pair = self._pair
        if pair is not None:
            # OSError: a wake-up byte already waits (or the pair is closed); the flag says it.
            with suppress(OSError):
                pair[1].send(b"\0")

    def is_set(self) -> bool:
        return self._requested

    def wait(self, timeout_s: float) -> bool:
        """Sleep until a stop is requested or ``timeout_s`` passes; whether one was requested."""
        if self._pair is None:
            reader, writer = socket.socketpair()
            reader.setblocking(False)
            writer.setblocking(False)
            self._pair = (reader, writer)
        reader = self._pair[0]
        # A request made after this check writes to the pair, so select returns at once.
        if not self._requested:
            select.select([reader], [], [], max(0.0, timeout_s))
        with suppress(OSError):  # drained
            while reader.recv(64):
                pass
        return self._requested

    def close(self) -> None:
        pair, self._pair = self._pair, None
        for end in pair or ():
            end.close()
