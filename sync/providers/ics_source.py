"""The bytes of a calendar: a local .ics file or an http(s)/webcal URL fetched once with httpx.

Feed URLs are capabilities: whoever has one can read the athlete's calendar. Messages, logs,
journals and state rows name a feed by its scheme and host only (``https://host/…``).

A feed is streamed (``runlift.sync.bounded_httpx``): at most ``MAX_BYTES`` of decoded calendar
(a gzip bomb stops at the cap, not in memory), and one deadline for the whole call, redirects
and headers included, so a server dripping a byte at a time or a slow chain of redirects
cannot hold runlift longer than ``TIMEOUT_S``.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from urllib.parse import SplitResult, urlsplit

from runlift.sync import limits
from runlift.sync.errors import UserError

TIMEOUT_S = limits.FEED_CALL_S
MAX_BYTES = limits.CALENDAR_BYTES
_URL = re.compile(r"^(https?|webcals?)://", re.IGNORECASE)
_WEBCAL = re.compile(r"^webcals?://", re.IGNORECASE)
_UNSAFE = re.compile(r"[\x00-\x20\x7f]")


def is_url(location: str) -> bool:
    return _URL.match(location) is not None


def describe(location: str) -> str:
    """How messages name the calendar: the path, or the URL's scheme and host only."""
    if not is_url(location):
        return location
    scheme = location.split(":", 1)[0].lower()
    try:
        parts = urlsplit(location)
        host = parts.hostname or ""
        port = f":{parts.port}" if parts.port else ""
    except ValueError:
        return f"{scheme}://…"
    if _UNSAFE.search(host) or not host:
        return f"{scheme}://…"
    if ":" in host:
        host = f"[{host}]"
    return f"{scheme}://{host}{port}/…"


def http_url(location: str) -> str:
    """webcal:// is how calendar apps subscribe; the feed itself is served over https."""
    return _WEBCAL.sub("https://", location)


def checked_url(location: str) -> str:
    """The URL to fetch, or a one-line error for one no server could be asked for."""
    name = describe(location)
    if _UNSAFE.search(location):
        raise UserError(f"{name}: not a valid URL (it holds a space, line break or control byte)")
    try:
        parts: SplitResult = urlsplit(http_url(location))
        port = parts.port
    except ValueError as exc:
        text = str(exc)
        reason = (
            "port out of range 0-65535"
            if "range" in text
            else "port is not a number"
            if "Port" in text
            else "malformed host"
        )
        raise UserError(f"{name}: not a valid URL ({reason})") from None
    if not parts.hostname:
        raise UserError(f"{name}: not a valid URL (no host)")
    if port == 0:
        raise UserError(f"{name}: not a valid URL (port out of range 1-65535)")
    return parts.geturl()


def read_calendar_bytes(location: str, timeout_s: float = TIMEOUT_S) -> bytes:
    if is_url(location):
        return _fetch(location, timeout_s)
    return read_calendar_file(Path(location).expanduser())


def read_calendar_file(path: Path) -> bytes:
    """A regular file of at most ``MAX_BYTES``; a FIFO or device is refused, not waited on."""
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise UserError(f"{path}: is a directory, not a calendar file")
        if not stat.S_ISREG(info.st_mode):
            raise UserError(f"{path}: not a regular file (a pipe or device), not a calendar file")
        if info.st_size > MAX_BYTES:
            raise UserError(f"{path}: calendar file larger than {MAX_BYTES // limits.MiB} MiB")
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise UserError(f"{path}: calendar file not found") from None
    except OSError as exc:
        raise UserError(f"{path}: cannot read calendar file ({exc.strerror})") from None
    if len(data) > MAX_BYTES:
        raise UserError(f"{path}: calendar file larger than {MAX_BYTES // limits.MiB} MiB")
    return data


def _fetch(location: str, timeout_s: float) -> bytes:
    import httpx

    from runlift.sync import logs
    from runlift.sync.bounded_body import BodyRefused
    from runlift.sync.bounded_httpx import CallTimedOut, get

    name = describe(location)
    url = checked_url(location)
    logs.SECRETS.add(_secret_parts(location, url))
    headers = {"Accept": "text/calendar, */*;q=0.5", "User-Agent": "runlift"}
    try:
        answer = get(url, timeout_s=timeout_s, cap=MAX_BYTES, headers=headers)
    except CallTimedOut:
        raise UserError(f"{name}: no complete answer within {timeout_s:g} s") from None
    except BodyRefused as exc:
        raise UserError(f"{name}: the calendar {exc}") from None
    except (httpx.HTTPError, httpx.InvalidURL) as exc:
        raise UserError(f"{name}: cannot reach it ({_network_reason(exc)})") from None
    if answer.status >= 400:
        raise UserError(f"{name}: the server answered {answer.status} {answer.reason or 'error'}")
    return answer.body


def _secret_parts(location: str, url: str) -> list[str]:
    """What the log filter hides: the URL as given and as fetched, its path with the query,
    and its query; a short path alone ("/calendar") would hide unrelated log text."""
    parts = urlsplit(url)
    query = f"?{parts.query}" if parts.query else ""
    hidden = [location, url, parts.path + query, parts.query]
    if len(parts.path) >= 16:
        hidden.append(parts.path)
    return hidden


def _network_reason(exc: Exception) -> str:
    import httpx

    from runlift.sync import network

    reason = network.unreachable_reason(exc)
    if reason is not None:
        return reason
    if isinstance(exc, httpx.TooManyRedirects):
        return f"more than {limits.REDIRECTS} redirects"
    if isinstance(exc, httpx.UnsupportedProtocol):
        return "unsupported protocol"
    if isinstance(exc, httpx.InvalidURL):
        return "invalid URL"
    return type(exc).__name__
