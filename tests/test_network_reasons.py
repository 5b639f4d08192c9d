"""Every way a request can get no answer, met by each HTTP client runlift drives (requests for
garminconnect's API calls and stravalib, httpx for intervals.icu and calendars, curl_cffi for
garminconnect's sign-in and token refresh), on real sockets: the reason is told from the
exception's type and cause chain, the same for all three, and whether the request can have
reached the service."""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress

import pytest

from runlift.sync import network
from tests.processes import closed_port

TIMEOUT_S = 0.5


@contextmanager
def server(behaviour: Callable[[socket.socket], None]) -> Iterator[int]:
    """A loopback TCP server that treats each connection with ``behaviour``."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.05)
    done = threading.Event()
    held: list[socket.socket] = []

    def serve() -> None:
        while not done.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            held.append(conn)
            behaviour(conn)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield listener.getsockname()[1]
    finally:
        done.set()
        thread.join(5)
        for conn in held:
            conn.close()
        listener.close()


def silent(conn: socket.socket) -> None:
    """Accepts and never answers."""


def hangs_up(conn: socket.socket) -> None:
    """Reads the request, then closes without a word."""
    conn.settimeout(1)
    with suppress(OSError):
        conn.recv(65536)
    conn.close()


def plain_http(conn: socket.socket) -> None:
    """Answers in plain HTTP whatever comes, a TLS handshake included."""
    conn.settimeout(1)
    try:
        conn.recv(65536)
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
    except OSError:
        pass


@contextmanager
def target(kind: str) -> Iterator[str]:
    if kind == "refused":
        with closed_port() as port:
            yield f"http://127.0.0.1:{port}/x"
    elif kind == "unresolvable":
        yield "http://connect.runlift.invalid/x"
    elif kind == "silent":
        with server(silent) as port:
            yield f"http://127.0.0.1:{port}/x"
    elif kind == "hangs up":
        with server(hangs_up) as port:
            yield f"http://127.0.0.1:{port}/x"
    else:
        with server(plain_http) as port:
            yield f"https://127.0.0.1:{port}/x"


def with_requests(url: str) -> None:
    import requests

    requests.get(url, timeout=TIMEOUT_S)


def with_httpx(url: str) -> None:
    import httpx

    httpx.get(url, timeout=TIMEOUT_S)


def with_curl(url: str) -> None:
    from curl_cffi import requests as curl

    curl.get(url, timeout=TIMEOUT_S, impersonate="chrome")


# (what is behind the address, the reason, whether the request cannot have been sent)
KINDS = [
    ("refused", network.REFUSED, True),
    ("unresolvable", network.NAME, True),
    ("silent", network.TIMED_OUT, False),
    ("hangs up", network.LOST, False),
    ("not TLS", network.TLS, None),
]
CLIENTS = {"requests": with_requests, "httpx": with_httpx, "curl_cffi": with_curl}


@pytest.mark.parametrize("client", CLIENTS)
@pytest.mark.parametrize(("kind", "reason", "unsent"), KINDS, ids=[k[0] for k in KINDS])
def test_each_failure_has_its_reason_whatever_the_client(
    client: str, kind: str, reason: str, unsent: bool | None
) -> None:
    with target(kind) as url, pytest.raises(Exception) as caught:
        CLIENTS[client](url)
    assert network.unreachable_reason(caught.value) == reason
    if unsent is not None:
        assert network.never_sent(caught.value) is unsent


def test_an_error_that_is_not_the_network_has_no_reason() -> None:
    assert network.unreachable_reason(ValueError("Expecting value: line 1 column 1")) is None
    assert network.unreachable_reason(KeyError("access_token")) is None
