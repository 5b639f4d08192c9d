"""Why a call got no answer, told from the exception's type and its cause chain.

Each client runlift drives fails in its own types: requests (garminconnect's API calls,
stravalib) wraps urllib3's errors, which wrap the socket's; httpx wraps httpcore's, which wrap
the socket's; curl_cffi (garminconnect's sign-in and token refresh) raises its own types. The
whole chain is walked (``__cause__``, ``__context__``, urllib3's ``reason``, the exception
requests wraps as its argument) and the most specific kind found wins: the socket's
``gaierror`` under urllib3's ``NameResolutionError`` under requests' ``ConnectionError`` says
"name not resolved". Message text is never read.
"""

from __future__ import annotations

import errno
import socket
import ssl
from collections.abc import Iterator

NAME = "name not resolved"
PROXY = "proxy failed"
REFUSED = "connection refused"
NO_ROUTE = "network unreachable"
TLS = "secure connection (TLS) failed"
TIMED_OUT = "timed out"
LOST = "connection lost"
FAILED = "connection failed"
# The most specific kind first: a chain holds several (requests' generic ConnectionError around
# the socket's ConnectionRefusedError).
_ORDER = (NAME, PROXY, REFUSED, NO_ROUTE, TLS, TIMED_OUT, LOST, FAILED)
_NO_ROUTE_ERRNOS = {errno.ENETUNREACH, errno.EHOSTUNREACH, errno.ENETDOWN, errno.EHOSTDOWN}
# libcurl's error codes (CURLcode) for the kinds above.
_CURL_KINDS = {
    5: PROXY,  # COULDNT_RESOLVE_PROXY
    6: NAME,  # COULDNT_RESOLVE_HOST
    7: REFUSED,  # COULDNT_CONNECT
    28: TIMED_OUT,  # OPERATION_TIMEDOUT
    35: TLS,  # SSL_CONNECT_ERROR
    60: TLS,  # PEER_FAILED_VERIFICATION
    16: LOST,  # HTTP2
    18: LOST,  # PARTIAL_FILE
    52: LOST,  # GOT_NOTHING
    55: LOST,  # SEND_ERROR
    56: LOST,  # RECV_ERROR
    92: LOST,  # HTTP2_STREAM
}
# Kinds that fail before a connection exists: the request cannot have reached the service.
_BEFORE_CONNECTING = {NAME, PROXY, REFUSED, NO_ROUTE}
_MAX_LINKS = 32


def server_error(status: int) -> str:
    return f"server error {status}"


def unreachable_reason(exc: BaseException) -> str | None:
    """The short reason ``exc`` is a network failure ("connection refused"), else None."""
    kinds = {kind for link in _chain(exc) if (kind := _kind(link)) is not None}
    return next((kind for kind in _ORDER if kind in kinds), None)


def never_sent(exc: BaseException) -> bool:
    """Whether the request behind ``exc`` cannot have reached the service: the name did not
    resolve, or no connection was made (refused, no route, the connection timed out)."""
    links = list(_chain(exc))
    kinds = {kind for link in links if (kind := _kind(link)) is not None}
    return bool(kinds & _BEFORE_CONNECTING) or any(_connect_timeout(link) for link in links)


def _chain(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    queue: list[BaseException] = [exc]
    while queue and len(seen) < _MAX_LINKS:
        link = queue.pop(0)
        if id(link) in seen:
            continue
        seen.add(id(link))
        yield link
        inner = [link.__cause__, link.__context__, getattr(link, "reason", None), *link.args]
        queue.extend(item for item in inner if isinstance(item, BaseException))


def _kind(link: BaseException) -> str | None:
    return _socket_kind(link) or _library_kind(link)


def _socket_kind(link: BaseException) -> str | None:
    if isinstance(link, socket.gaierror):
        return NAME
    if isinstance(link, ConnectionRefusedError):
        return REFUSED
    if isinstance(link, (ssl.SSLError, ssl.CertificateError)):
        return TLS
    if isinstance(link, TimeoutError):
        return TIMED_OUT
    if isinstance(link, (ConnectionResetError, ConnectionAbortedError, BrokenPipeError)):
        return LOST
    if isinstance(link, OSError) and link.errno in _NO_ROUTE_ERRNOS:
        return NO_ROUTE
    return None


def _library_kind(link: BaseException) -> str | None:
    import http.client

    import httpx
    import requests
    import urllib3.exceptions as urllib3_errors

    if isinstance(link, urllib3_errors.NameResolutionError):
        return NAME
    if isinstance(link, (requests.exceptions.ProxyError, urllib3_errors.ProxyError)):
        return PROXY
    if isinstance(link, httpx.ProxyError):
        return PROXY
    if isinstance(link, (requests.exceptions.SSLError, urllib3_errors.SSLError)):
        return TLS
    if isinstance(link, (requests.Timeout, urllib3_errors.TimeoutError, httpx.TimeoutException)):
        return TIMED_OUT
    if isinstance(
        link,
        (
            http.client.RemoteDisconnected,
            http.client.IncompleteRead,
            urllib3_errors.ProtocolError,
            requests.exceptions.ChunkedEncodingError,
            httpx.RemoteProtocolError,
            httpx.ReadError,
            httpx.WriteError,
        ),
    ):
        return LOST
    curl = _curl_kind(link)
    if curl is not None:
        return curl
    if isinstance(
        link,
        (
            requests.ConnectionError,
            urllib3_errors.NewConnectionError,
            httpx.ConnectError,
            httpx.NetworkError,
            ConnectionError,
        ),
    ):
        return FAILED
    return None


def _curl_kind(link: BaseException) -> str | None:
    try:
        from curl_cffi.requests import exceptions as curl_errors
    except ImportError:  # pragma: no cover - garminconnect depends on curl_cffi
        return None
    if not isinstance(link, curl_errors.RequestException):
        return None
    if isinstance(link, curl_errors.DNSError):
        return NAME
    code = getattr(link, "code", None)
    kind = _CURL_KINDS.get(int(code)) if isinstance(code, int) else None
    if kind is not None:
        return kind
    if isinstance(link, curl_errors.ProxyError):
        return PROXY
    if isinstance(link, curl_errors.SSLError):
        return TLS
    if isinstance(link, curl_errors.Timeout):
        return TIMED_OUT
    if isinstance(link, (curl_errors.IncompleteRead, curl_errors.ChunkedEncodingError)):
        return LOST
    if isinstance(link, curl_errors.ConnectionError):
        return FAILED
    return None


def _connect_timeout(link: BaseException) -> bool:
    import httpx
    import requests
    import urllib3.exceptions as urllib3_errors

    kinds: tuple[type[BaseException], ...] = (
        requests.exceptions.ConnectTimeout,
        urllib3_errors.ConnectTimeoutError,
        httpx.ConnectTimeout,
    )
    try:
        from curl_cffi.requests import exceptions as curl_errors

        kinds += (curl_errors.ConnectTimeout,)
    except ImportError:  # pragma: no cover - garminconnect depends on curl_cffi
        pass
    return isinstance(link, kinds)
