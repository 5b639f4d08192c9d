"""httpx calls (calendar feeds, intervals.icu) bounded in wall time and in size.

``get`` sends one GET, follows at most ``limits.REDIRECTS`` redirects, and reads the body up to
a cap on its decoded size, all within one ``Deadline``: the transport's network backend gives
every connect, read and write only the time left, so headers dripped a byte at a time or a slow
chain of redirects end at the deadline like a slow body does.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import httpcore
import httpx

from runlift.sync import limits
from runlift.sync.bounded_body import ACCEPT_ENCODING, BodyRefused, DeadlinePassed, collect
from runlift.sync.deadline import Deadline


@dataclass(frozen=True)
class Answer:
    status: int
    reason: str
    headers: httpx.Headers
    body: bytes


class CallTimedOut(Exception):
    """No complete answer before the deadline."""


def get(
    url: str,
    *,
    timeout_s: float,
    cap: int,
    headers: Mapping[str, str] | None = None,
    params: Mapping[str, str] | None = None,
    auth: httpx.Auth | None = None,
    base_url: str = "",
    transport: httpx.BaseTransport | None = None,
    read_error_bodies: bool = False,
) -> Answer:
    """One GET within ``timeout_s`` overall; the body is read for answers below 400 (and for
    the others when ``read_error_bodies``). Raises CallTimedOut, BodyRefused or httpx.HTTPError.
    """
    deadline = Deadline(timeout_s)
    wanted = {"Accept-Encoding": ACCEPT_ENCODING, **(headers or {})}
    options: dict[str, Any] = {"base_url": base_url} if base_url else {}
    with deadline:
        try:
            with (
                httpx.Client(
                    timeout=httpx.Timeout(timeout_s),
                    follow_redirects=True,
                    max_redirects=limits.REDIRECTS,
                    transport=transport or deadline_transport(deadline),
                    auth=auth,
                    **options,
                ) as client,
                client.stream("GET", url, headers=wanted, params=params) as response,
            ):
                body = b""
                if response.status_code < 400 or read_error_bodies:
                    encoding = response.headers.get("Content-Encoding", "")
                    body = collect(response.iter_raw(), encoding, cap, deadline)
                return Answer(response.status_code, response.reason_phrase, response.headers, body)
        except (httpx.TimeoutException, DeadlinePassed):
            raise CallTimedOut(f"no complete answer within {timeout_s:g} s") from None
        except BodyRefused:
            raise
        except httpx.HTTPError:
            if deadline.expired:
                raise CallTimedOut(f"no complete answer within {timeout_s:g} s") from None
            raise


def deadline_transport(deadline: Deadline) -> httpx.HTTPTransport:
    """httpx's own transport, every network operation of which ends by ``deadline``.

    httpx has no option for httpcore's network backend; the pool's backend is wrapped in place
    (httpcore 1.x keeps it as ``_network_backend``). tests/test_remote_deadlines.py fails if
    that stops holding.
    """
    transport = httpx.HTTPTransport()
    pool: Any = transport._pool
    pool._network_backend = _DeadlineBackend(pool._network_backend, deadline)
    return transport


class _DeadlineStream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream, deadline: Deadline) -> None:
        self._inner = inner
        self._deadline = deadline

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, self._left(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, self._left(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self,
        ssl_context: Any,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        inner = self._inner.start_tls(
            ssl_context, server_hostname, self._left(timeout, httpcore.ConnectTimeout)
        )
        return _DeadlineStream(inner, self._deadline)

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)

    def _left(self, timeout: float | None, error: type[Exception]) -> float:
        bounded = self._deadline.bound(timeout)
        if bounded is None:
            raise error("the call's deadline passed")
        return bounded


class _DeadlineBackend(httpcore.NetworkBackend):
    def __init__(self, inner: httpcore.NetworkBackend, deadline: Deadline) -> None:
        self._inner = inner
        self._deadline = deadline

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Any = None,
    ) -> httpcore.NetworkStream:
        bounded = self._deadline.bound(timeout)
        if bounded is None:
            raise httpcore.ConnectTimeout("the call's deadline passed")
        stream = self._inner.connect_tcp(host, port, bounded, local_address, socket_options)
        return _DeadlineStream(stream, self._deadline)

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Any = None
    ) -> httpcore.NetworkStream:
        bounded = self._deadline.bound(timeout)
        if bounded is None:
            raise httpcore.ConnectTimeout("the call's deadline passed")
        stream = self._inner.connect_unix_socket(path, bounded, socket_options)
        return _DeadlineStream(stream, self._deadline)

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)
