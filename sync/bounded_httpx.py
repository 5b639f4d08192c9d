"""httpx calls (calendar feeds, intervals.icu, COROS, plugins' services) bounded in wall time and
in size.

``BoundedClient`` is an ``httpx.Client`` whose every ``send`` keeps runlift's limits:

- one ``Deadline`` for the whole call, redirects (at most ``limits.REDIRECTS``), headers and
  body included: the transport's network backend gives every connect, read and write only the
  time left, so headers dripped a byte at a time or a slow chain of redirects end at the
  deadline like a slow body does (``httpx.ReadTimeout``);
- the body decoded by runlift (``bounded_body``) up to a cap: ``limits.JSON_BYTES`` for JSON,
  ``limits.DOWNLOAD_BYTES`` for anything else, or the cap given;
- JSON within ``bounded_json``'s depth, numbers no service sends given to the caller as null.

What is refused raises ``AnswerRefused`` (an ``httpx.DecodingError``), ``str()`` saying why.
``get`` is one GET through such a client.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import httpcore
import httpx

from runlift.sync import bounded_json, limits
from runlift.sync.bounded_body import ACCEPT_ENCODING, BodyRefused, DeadlinePassed, collect
from runlift.sync.deadline import Deadline, current

_JSON_START = (b"{", b"[")


class AnswerRefused(httpx.DecodingError):
    """An answer runlift does not read; ``str()`` says why ("is larger than 4 MiB")."""


class CallTimedOut(Exception):
    """No complete answer before the deadline."""


class BoundedClient(httpx.Client):
    def __init__(
        self,
        *,
        timeout_s: float,
        cap: int | None = None,
        transport: httpx.BaseTransport | None = None,
        **options: Any,
    ) -> None:
        headers = {"Accept-Encoding": ACCEPT_ENCODING, **dict(options.pop("headers", None) or {})}
        super().__init__(
            timeout=httpx.Timeout(timeout_s),
            transport=transport or deadline_transport(),
            max_redirects=limits.REDIRECTS,
            headers=headers,
            **options,
        )
        self.timeout_s = timeout_s
        self.cap = cap

    def send(self, request: httpx.Request, **options: Any) -> httpx.Response:
        options.pop("stream", None)  # every answer is read here, within the limits
        deadline = Deadline(self.timeout_s)
        late = f"no complete answer within {self.timeout_s:g} s"
        with deadline:
            try:
                response = super().send(request, stream=True, **options)
            except httpx.TimeoutException:
                raise
            except httpx.HTTPError:
                if deadline.expired:
                    raise httpx.ReadTimeout(late, request=request) from None
                raise
            try:
                body = collect(
                    response.iter_raw(),
                    response.headers.get("Content-Encoding", ""),
                    self._cap(response),
                    deadline,
                )
            except DeadlinePassed:
                raise httpx.ReadTimeout(late, request=request) from None
            except BodyRefused as exc:
                raise AnswerRefused(str(exc), request=request) from None
            except httpx.HTTPError:
                if deadline.expired:
                    raise httpx.ReadTimeout(late, request=request) from None
                raise
            finally:
                response.close()
        headers = httpx.Headers(response.headers)
        headers.pop("Content-Encoding", None)
        headers.pop("Content-Length", None)
        return httpx.Response(
            response.status_code,
            headers=headers,
            content=_checked_json(body, headers, request),
            request=request,
        )

    def _cap(self, response: httpx.Response) -> int:
        if self.cap is not None:
            return self.cap
        if "json" in response.headers.get("Content-Type", "").lower():
            return limits.JSON_BYTES
        return limits.DOWNLOAD_BYTES


def _checked_json(body: bytes, headers: httpx.Headers, request: httpx.Request) -> bytes:
    """JSON within the limits, numbers no service sends as null; other bodies as they are."""
    labelled = "json" in headers.get("Content-Type", "").lower()
    if not (labelled or body.lstrip()[:1] in _JSON_START):
        return body
    try:
        value, dropped = bounded_json.read(body)
    except bounded_json.JsonRefused as exc:
        if str(exc).startswith("not valid JSON"):
            return body  # the caller says what is wrong with it
        raise AnswerRefused(f"is {exc}", request=request) from None
    return json.dumps(value).encode() if dropped else body


@dataclass(frozen=True)
class Answer:
    status: int
    reason: str
    headers: httpx.Headers
    body: bytes


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
) -> Answer:
    """One GET within ``timeout_s`` overall and ``cap`` bytes of decoded body. Raises
    CallTimedOut, BodyRefused (AnswerRefused) or another httpx.HTTPError."""
    options: dict[str, Any] = {"base_url": base_url} if base_url else {}
    try:
        with BoundedClient(
            timeout_s=timeout_s,
            cap=cap,
            transport=transport,
            auth=auth,
            follow_redirects=True,
            **options,
        ) as client:
            response = client.get(url, headers=dict(headers or {}), params=params)
    except httpx.TimeoutException:
        raise CallTimedOut(f"no complete answer within {timeout_s:g} s") from None
    except AnswerRefused as exc:
        raise BodyRefused(str(exc)) from None
    return Answer(response.status_code, response.reason_phrase, response.headers, response.content)


def deadline_transport() -> httpx.HTTPTransport:
    """httpx's own transport, every network operation of which ends by the current deadline.

    httpx has no option for httpcore's network backend; the pool's backend is wrapped in place
    (httpcore 1.x keeps it as ``_network_backend``). tests/test_hostile_answers.py fails if
    that stops holding (dripped headers would hang).
    """
    transport = httpx.HTTPTransport()
    pool: Any = transport._pool
    pool._network_backend = _DeadlineBackend(pool._network_backend)
    return transport


def _left(timeout: float | None, error: type[Exception]) -> float | None:
    deadline = current()
    if deadline is None:
        return timeout
    bounded = deadline.bound(timeout)
    if bounded is None:
        raise error("the call's deadline passed")
    return bounded


class _DeadlineStream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _left(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _left(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self,
        ssl_context: Any,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        inner = self._inner.start_tls(
            ssl_context, server_hostname, _left(timeout, httpcore.ConnectTimeout)
        )
        return _DeadlineStream(inner)

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _DeadlineBackend(httpcore.NetworkBackend):
    def __init__(self, inner: httpcore.NetworkBackend) -> None:
        self._inner = inner

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Any = None,
    ) -> httpcore.NetworkStream:
        left = _left(timeout, httpcore.ConnectTimeout)
        return _DeadlineStream(
            self._inner.connect_tcp(host, port, left, local_address, socket_options)
        )

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Any = None
    ) -> httpcore.NetworkStream:
        left = _left(timeout, httpcore.ConnectTimeout)
        return _DeadlineStream(self._inner.connect_unix_socket(path, left, socket_options))

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)
