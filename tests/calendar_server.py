"""A tiny HTTP server on 127.0.0.1 that serves calendar feeds and counts the requests."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler

from tests.fakes.http import QuietHTTPServer


@dataclass
class Route:
    body: bytes
    status: int = 200
    content_type: str = "text/calendar; charset=utf-8"
    delay_s: float = 0.0
    # Extra headers (Content-Encoding for a compressed body).
    headers: dict[str, str] = field(default_factory=dict)
    # Send the body one byte at a time, this many seconds apart (a server that drips).
    drip_s: float = 0.0
    # Send the status line and headers one byte at a time, this many seconds apart.
    drip_headers_s: float = 0.0


@dataclass
class CalendarServer:
    port: int
    routes: dict[str, Route]
    requests: list[str] = field(default_factory=list)
    # What a handler raised (a client that hung up): recorded, never printed.
    errors: list[BaseException] = field(default_factory=list)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"


@contextmanager
def serve(routes: dict[str, Route]) -> Iterator[CalendarServer]:
    state = CalendarServer(port=0, routes=routes)

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            state.requests.append(self.path)
            route = state.routes.get(self.path) or Route(b"not found", 404, "text/plain")
            if route.delay_s:
                time.sleep(route.delay_s)
            try:
                if route.drip_headers_s:
                    self._drip_headers(route)
                    return
                self.send_response(route.status)
                self.send_header("Content-Type", route.content_type)
                self.send_header("Content-Length", str(len(route.body)))
                for name, value in route.headers.items():
                    self.send_header(name, value)
                self.end_headers()
                if not route.drip_s:
                    self.wfile.write(route.body)
                for byte in route.body if route.drip_s else b"":
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(route.drip_s)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def _drip_headers(self, route: Route) -> None:
            lines = [f"HTTP/1.1 {route.status} OK", f"Content-Type: {route.content_type}"]
            lines += [f"X-Padding-{n}: {'x' * 40}" for n in range(200)]
            head = ("\r\n".join(lines) + "\r\n\r\n").encode()
            for byte in head:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(route.drip_headers_s)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = QuietHTTPServer(("127.0.0.1", 0), Handler)
    server.errors = state.errors
    state.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()


def closed_port() -> int:
    """A port on 127.0.0.1 that nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
