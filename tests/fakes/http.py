"""A threaded HTTP server on 127.0.0.1 that hands requests to a fake service and applies faults."""

from __future__ import annotations

import json
import socket
import sys
import threading
import time
from contextlib import suppress
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from tests.fakes.faults import FaultScript, Kind
from tests.fakes.requestlog import RequestLog


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes

    def arg(self, name: str, default: str | None = None) -> str | None:
        values = self.query.get(name)
        return values[0] if values else default

    def json(self) -> Any:
        return json.loads(self.body or b"null")

    def form(self) -> dict[str, str]:
        return {k: v[0] for k, v in parse_qs(self.body.decode()).items()}

    @property
    def bearer(self) -> str | None:
        value = self.headers.get("authorization", "")
        return value[7:] if value.lower().startswith("bearer ") else None


@dataclass
class Response:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of_json(cls, data: Any, status: int = 200, **headers: str) -> Response:
        return cls(
            status, json.dumps(data).encode(), {"Content-Type": "application/json", **headers}
        )


class FakeService:
    """A service the server dispatches to. Subclasses implement ``handle``."""

    def __init__(self) -> None:
        self.log = RequestLog()
        self.faults = FaultScript()
        self.lock = threading.RLock()
        self.server: FakeServer | None = None
        # What a handler thread raised (a client that hung up mid-answer): never printed.
        self.server_errors: list[BaseException] = []

    def handle(self, request: Request) -> Response:
        raise NotImplementedError

    def unauthorized(self, request: Request) -> Response:
        return Response.of_json({"message": "Unauthorized"}, 401)

    def decorate(self, request: Request, response: Response) -> Response:
        """Headers every answer carries (Strava's rate-limit headers)."""
        return response

    def fault_response(self, status: int, retry_after: float | None) -> Response:
        """The answer to a ``status`` fault; services with a recorded body for it override."""
        headers = {} if retry_after is None else {"Retry-After": str(int(retry_after))}
        return Response.of_json(
            {"message": f"HTTP {status}", "error": "FaultInjected"}, status, **headers
        )

    @property
    def url(self) -> str:
        assert self.server is not None, "server not started"
        return self.server.url


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out as two writes; with Nagle on, the body waits for the client's
    # delayed ACK (~40 ms a request).
    disable_nagle_algorithm = True
    service: FakeService

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def _dispatch(self) -> None:
        parts = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        request = Request(
            method=self.command,
            path=parts.path,
            query=parse_qs(parts.query),
            headers={k.lower(): v for k, v in self.headers.items()},
            body=body,
        )
        service = self.service
        fault = service.faults.pick(request.method, request.path)
        if fault is not None and fault.kind == Kind.RESET:
            service.log.add(request.method, request.path, parts.query, 0)
            self._reset()
            return
        if fault is not None and fault.kind == Kind.HOSTILE:
            service.log.add(request.method, request.path, parts.query, fault.answer.status)
            self.close_connection = True
            # The client may hang up mid-answer (its deadline, its cap): that is the point.
            with suppress(ConnectionError, OSError):
                fault.answer.send(self.wfile)
            return
        if fault is not None and fault.kind == Kind.LATENCY:
            time.sleep(fault.seconds)
        if fault is not None and fault.kind == Kind.STATUS:
            response = service.fault_response(fault.status, fault.retry_after)
        elif fault is not None and fault.kind == Kind.EXPIRED_TOKEN:
            response = service.unauthorized(request)
        else:
            with service.lock:
                response = service.handle(request)
        response = service.decorate(request, response)
        service.log.add(request.method, request.path, parts.query, response.status)
        if fault is not None and fault.kind == Kind.APPLY_THEN_RESET:
            self._reset()
            return
        payload = response.body
        if fault is not None and fault.kind == Kind.MALFORMED:
            payload = b"<html>Service Unavailable" if payload else b"{"
        length_sent = len(payload)
        if fault is not None and fault.kind == Kind.TRUNCATE:
            payload = payload[: len(payload) // 2]
        self.send_response(response.status)
        for key, value in response.headers.items():
            self.send_header(key, value)
        if response.status != 204:  # a 204 has no body and says no length (garth test_delete)
            self.send_header("Content-Length", str(length_sent))
        self.end_headers()
        self.wfile.write(payload)
        if fault is not None and fault.kind == Kind.TRUNCATE:
            self._reset()

    def _reset(self) -> None:
        self.close_connection = True
        try:
            self.connection.setsockopt(
                socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00"
            )
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = _dispatch


class QuietHTTPServer(ThreadingHTTPServer):
    """A test server that never writes to the process's stderr.

    socketserver prints a traceback to sys.stderr when a handler raises, e.g. a BrokenPipe
    when the client timed out and hung up before the answer; that lands in whatever test is
    capturing stderr at that moment. The error goes to ``errors`` instead.
    """

    daemon_threads = True

    def __init__(self, address: tuple[str, int], handler: type[BaseHTTPRequestHandler]) -> None:
        super().__init__(address, handler)
        self.errors: list[BaseException] = []

    def handle_error(self, request: Any, client_address: Any) -> None:
        error = sys.exc_info()[1]
        if error is not None:
            self.errors.append(error)


class FakeServer:
    def __init__(self, service: FakeService) -> None:
        handler = type("Handler", (_Handler,), {"service": service})
        self.httpd = QuietHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.errors = service.server_errors
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        service.server = self

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> FakeServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
