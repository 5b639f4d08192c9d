"""The bytes of a calendar: a local .ics file or an http(s)/webcal URL fetched once with httpx.

Feed URLs often carry a private key in the path or query, so messages name the URL's host and
short path segments only.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from runlift.sync.errors import UserError

TIMEOUT_S = 15.0
MAX_BYTES = 20 * 1024 * 1024
_URL = re.compile(r"^(https?|webcals?)://", re.IGNORECASE)
_WEBCAL = re.compile(r"^webcals?://", re.IGNORECASE)
# Path segments at least this long are treated as secrets in messages.
_SECRET_SEGMENT = 16


def is_url(location: str) -> bool:
    return _URL.match(location) is not None


def describe(location: str) -> str:
    """How messages name the calendar: the path, or the URL without anything secret."""
    if not is_url(location):
        return location
    parts = urlsplit(location)
    segments = [
        "..." if len(segment) >= _SECRET_SEGMENT else segment for segment in parts.path.split("/")
    ]
    host = parts.hostname or ""
    port = f":{parts.port}" if parts.port else ""
    query = "?..." if parts.query else ""
    return f"{parts.scheme}://{host}{port}{'/'.join(segments)}{query}"


def http_url(location: str) -> str:
    """webcal:// is how calendar apps subscribe; the feed itself is served over https."""
    return _WEBCAL.sub("https://", location)


def read_calendar_bytes(location: str, timeout_s: float = TIMEOUT_S) -> bytes:
    if is_url(location):
        return _fetch(location, timeout_s)
    return _read_file(Path(location).expanduser())


def _read_file(path: Path) -> bytes:
    try:
        if path.stat().st_size > MAX_BYTES:
            raise UserError(f"{path}: calendar file larger than {MAX_BYTES // 2**20} MB")
        return path.read_bytes()
    except FileNotFoundError:
        raise UserError(f"{path}: calendar file not found") from None
    except IsADirectoryError:
        raise UserError(f"{path}: is a directory, not a calendar file") from None
    except OSError as exc:
        raise UserError(f"{path}: cannot read calendar file ({exc.strerror})") from None


def _fetch(location: str, timeout_s: float) -> bytes:
    import httpx

    name = describe(location)
    url = http_url(location)
    try:
        with httpx.Client(timeout=timeout_s, follow_redirects=True) as client:
            response = client.get(
                url, headers={"Accept": "text/calendar, */*;q=0.5", "User-Agent": "runlift"}
            )
    except httpx.TimeoutException:
        raise UserError(f"{name}: no answer within {timeout_s:g} s") from None
    except httpx.HTTPError as exc:
        raise UserError(f"{name}: cannot reach it ({_network_reason(exc)})") from None
    if response.status_code >= 400:
        phrase = response.reason_phrase or "error"
        raise UserError(f"{name}: the server answered {response.status_code} {phrase}")
    if len(response.content) > MAX_BYTES:
        raise UserError(f"{name}: calendar larger than {MAX_BYTES // 2**20} MB")
    return response.content


def _network_reason(exc: Exception) -> str:
    import httpx

    if isinstance(exc, httpx.ConnectError):
        return "connection failed"
    if isinstance(exc, httpx.TooManyRedirects):
        return "too many redirects"
    if isinstance(exc, httpx.UnsupportedProtocol):
        return "unsupported protocol"
    return type(exc).__name__
