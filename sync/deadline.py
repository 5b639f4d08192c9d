"""One wall-clock deadline for a whole remote call: connecting, redirects, headers and body.

The HTTP clients' own timeouts are per read: a server that sends a byte every few seconds (of
its headers or its body), or a slow chain of redirects, never trips them. A ``Deadline`` is
entered around the call and enforced two ways:

- httpx (calendar feeds, intervals.icu): every connect, read and write gets at most the time
  left, through the transport's network backend (``runlift.sync.bounded_httpx``);
- requests (Strava, Garmin Connect): the sockets the call uses are registered with the
  deadline (``runlift.sync.bounded_requests``), and when it passes a timer thread shuts them
  down, so whatever read is waiting ends at once and later connects fail at once.

``expired`` tells the caller, catching the client's connection error, that it was the deadline.
"""

from __future__ import annotations

import socket
import threading
import time
from contextlib import suppress
from contextvars import ContextVar, Token
from types import TracebackType


class Deadline:
    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer: threading.Timer | None = None
        self._token: Token[Deadline | None] | None = None

    def __enter__(self) -> Deadline:
        self.end = time.monotonic() + self.seconds
        self._timer = threading.Timer(self.seconds, self._expire)
        self._timer.daemon = True
        self._timer.start()
        self._token = _CURRENT.set(self)
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._timer is not None:
            self._timer.cancel()
        if self._token is not None:
            _CURRENT.reset(self._token)
        with self._lock:
            self._sockets.clear()

    def left(self) -> float:
        """Seconds left (0 once passed)."""
        left = self.end - time.monotonic()
        if left <= 0:
            self.expired = True
            return 0.0
        return left

    def bound(self, timeout: float | None) -> float | None:
        """A per-operation timeout cut to the time left; None when none is left."""
        left = self.left()
        if left <= 0:
            return None
        return left if timeout is None else min(timeout, left)

    def watch(self, sock: socket.socket) -> None:
        """Shut ``sock`` down when the deadline passes (at once if it has)."""
        with self._lock:
            if not self.expired:
                self._sockets.append(sock)
                return
        _shut(sock)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            sockets, self._sockets = self._sockets, []
        for sock in sockets:
            _shut(sock)


_CURRENT: ContextVar[Deadline | None] = ContextVar("runlift_deadline", default=None)


def current() -> Deadline | None:
    return _CURRENT.get()


def _shut(sock: socket.socket) -> None:
    # The plain socket's shutdown, also for a TLS socket: the reader blocked in it sees the end
    # of the stream, without another thread touching the TLS state.
    with suppress(OSError):
        socket.socket.shutdown(sock, socket.SHUT_RDWR)
