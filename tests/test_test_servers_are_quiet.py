"""The project's loopback servers never write to the process's stderr.

A handler thread that outlives its client (the client timed out, or reset the connection) used
to print a BrokenPipe traceback from socketserver straight to sys.stderr, into whichever test
was capturing it at that moment: a test asserting "one line on stderr" then failed at random.
Each case here resets the connection on purpose, so the handler's error is certain.
"""

from __future__ import annotations

import queue
import socket
import struct
import time
from collections.abc import Callable

import pytest

from runlift.sync.strava.oauth import LoopbackReceiver
from tests.calendar_server import Route, serve
from tests.fakes.http import FakeServer
from tests.fakes.strava import FakeStrava

RESET = struct.pack("ii", 1, 0)  # SO_LINGER on, 0 s: close() sends RST


def reset_after(port: int, request: bytes) -> None:
    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        sock.sendall(request)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, RESET)


def wait_for(condition: Callable[[], bool]) -> None:
    deadline = time.monotonic() + 10
    while not condition():
        assert time.monotonic() < deadline, "the server thread never finished"
        time.sleep(0.01)


def test_the_fake_server_is_silent_when_the_client_hangs_up_before_the_answer(
    capfd: pytest.CaptureFixture[str],
) -> None:
    service = FakeStrava()
    server = FakeServer(service).start()
    try:
        # The answer is sent 0.2 s late, after the client has reset the connection.
        service.faults.add("latency", path_re="activities", seconds=0.2)
        reset_after(
            server.httpd.server_address[1],
            b"GET /api/v3/athlete/activities HTTP/1.1\r\nHost: x\r\n\r\n",
        )
        wait_for(lambda: bool(service.server_errors))
    finally:
        server.stop()
    assert isinstance(service.server_errors[0], ConnectionError)
    assert capfd.readouterr().err == ""


def test_the_fake_server_is_silent_when_the_client_resets_mid_request(
    capfd: pytest.CaptureFixture[str],
) -> None:
    service = FakeStrava()
    server = FakeServer(service).start()
    try:
        reset_after(server.httpd.server_address[1], b"GET /api/v3/athl")
        wait_for(lambda: bool(service.server_errors))
    finally:
        server.stop()
    assert capfd.readouterr().err == ""


def test_the_calendar_server_is_silent_when_the_client_resets(
    capfd: pytest.CaptureFixture[str],
) -> None:
    with serve({"/plan.ics": Route(b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")}) as calendar:
        reset_after(calendar.port, b"GET /plan.i")
        wait_for(lambda: bool(calendar.errors))
    assert capfd.readouterr().err == ""


def test_the_sign_in_receiver_is_silent_when_the_browser_resets(
    capfd: pytest.CaptureFixture[str],
) -> None:
    with LoopbackReceiver(queue.Queue()) as receiver:
        reset_after(receiver.server.server_address[1], b"GET /strava/callb")
        wait_for(lambda: bool(receiver.dropped))
    assert capfd.readouterr().err == ""
