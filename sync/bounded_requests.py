"""requests sessions (Strava through stravalib, Garmin Connect through garminconnect) bounded
in wall time and in size.

``arm(session)`` makes every call on the session keep runlift's limits, whatever the client
library on top of it does with the answer:

- the sockets of a call are registered with the ``Deadline`` the caller entered, which shuts
  them down when it passes (a server dripping its headers or body, a slow redirect chain);
- a response hook reads the body before the library sees it: decoded by runlift
  (``bounded_body``), at most ``limits.JSON_BYTES`` of JSON or ``limits.DOWNLOAD_BYTES`` of a
  file; JSON is checked by ``bounded_json`` (depth) and numbers no service sends (infinity,
  NaN, past SQLite's integers) reach the library as null;
- at most ``limits.REDIRECTS`` redirects.

What is refused raises ``AnswerRefused``; the caller names the service in its one line.
"""

from __future__ import annotations

import json
from typing import Any

import requests
import urllib3
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

from runlift.sync import bounded_json, deadline, limits
from runlift.sync.bounded_body import ACCEPT_ENCODING, BodyRefused, collect

_CHUNK = 64 * limits.KiB
_JSON_START = (b"{", b"[")


class AnswerRefused(Exception):
    """An answer runlift does not read; ``str()`` says why ("is larger than 4 MiB").

    Not a requests error: the client libraries must not take it for a network failure and
    send the request again (garminconnect retries those).
    """

    def __init__(self, reason: str, response: requests.Response | None = None) -> None:
        super().__init__(reason)
        self.response = response


def arm(session: requests.Session) -> None:
    """Bound every later call on ``session`` (adapters mounted later are armed on the next
    call: call ``arm`` again before each)."""
    for adapter in session.adapters.values():
        if isinstance(adapter, HTTPAdapter):
            _arm_adapter(adapter)
    hooks = session.hooks["response"]
    if _bounded_body not in hooks:
        hooks.insert(0, _bounded_body)
    session.max_redirects = limits.REDIRECTS
    session.headers["Accept-Encoding"] = ACCEPT_ENCODING


def _arm_adapter(adapter: HTTPAdapter) -> None:
    manager = adapter.poolmanager
    if manager.pool_classes_by_scheme is _POOLS:
        return
    manager.pool_classes_by_scheme = _POOLS
    manager.clear()  # pools made before: their connections are not watched


def _bounded_body(response: requests.Response, *args: Any, **kwargs: Any) -> None:
    """Read the body within the limits before anything else does (hooks run first)."""
    if getattr(response, "_content_consumed", False) or kwargs.get("stream"):
        return
    raw = response.raw
    encoding = response.headers.get("Content-Encoding", "")
    chunks = raw.stream(_CHUNK, decode_content=False) if raw is not None else iter(())
    cap = limits.JSON_BYTES if _looks_json(response) else limits.DOWNLOAD_BYTES
    call = deadline.current()
    try:
        body = collect(chunks, encoding, cap, call)
    except BodyRefused as exc:
        response.close()
        raise AnswerRefused(str(exc), response=response) from None
    # What requests itself raises when it reads a body and these happen.
    except urllib3.exceptions.ProtocolError as exc:
        raise requests.exceptions.ChunkedEncodingError(exc, response=response) from None
    except urllib3.exceptions.SSLError as exc:
        raise requests.exceptions.SSLError(exc, response=response) from None
    except (urllib3.exceptions.ReadTimeoutError, OSError) as exc:
        raise requests.exceptions.ConnectionError(exc, response=response) from None
    if call is not None and call.left() <= 0:
        # The deadline shut the socket: what arrived may look whole (headers cut short read
        # as complete ones) and is not.
        raise AnswerRefused(f"was not complete within {call.seconds:g} s", response=response)
    if response.headers.get("Content-Encoding"):
        # The body is decoded here; nothing downstream may decode it again.
        del response.headers["Content-Encoding"]
    response._content = _checked_json(body, response)
    response._content_consumed = True


def _looks_json(response: requests.Response) -> bool:
    return "json" in response.headers.get("Content-Type", "").lower()


def _checked_json(body: bytes, response: requests.Response) -> bytes:
    """JSON within the limits, numbers no service sends as null; other bodies as they are."""
    if not (_looks_json(response) or body.lstrip()[:1] in _JSON_START):
        return body
    if len(body) > limits.JSON_BYTES:
        raise AnswerRefused(
            f"is larger than {limits.size_text(limits.JSON_BYTES)} of JSON", response=response
        )
    try:
        value, dropped = bounded_json.read(body)
    except bounded_json.JsonRefused as exc:
        if str(exc).startswith("not valid JSON"):
            return body  # the client library says what is wrong with it
        raise AnswerRefused(f"is {exc}", response=response) from None
    return json.dumps(value).encode() if dropped else body


class _WatchedHTTPConnection(HTTPConnection):
    def connect(self) -> None:
        super().connect()
        _watch(self.sock)

    def getresponse(self) -> Any:
        _watch(self.sock)
        return super().getresponse()


class _WatchedHTTPSConnection(HTTPSConnection):
    def connect(self) -> None:
        super().connect()
        _watch(self.sock)

    def getresponse(self) -> Any:
        _watch(self.sock)
        return super().getresponse()


class _WatchedHTTPPool(HTTPConnectionPool):
    ConnectionCls = _WatchedHTTPConnection


class _WatchedHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _WatchedHTTPSConnection


_POOLS: dict[str, type[HTTPConnectionPool]] = {
    "http": _WatchedHTTPPool,
    "https": _WatchedHTTPSPool,
}


def _watch(sock: Any) -> None:
    current = deadline.current()
    if current is not None and sock is not None:
        current.watch(sock)
