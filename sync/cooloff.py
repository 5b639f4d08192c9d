"""When a service said "too many requests", remember until when, across runs and restarts.

One small JSON file in the data dir: {"garmin": "2026-11-23T22:00:00+00:00", ...}. Every caller
that is about to talk to a service asks ``check(service, now)`` first; a 429 calls ``record``.
"""

from __future__ import annotations

import json
import math
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from pathlib import Path

from runlift.sync import clock, paths
from runlift.sync.errors import RateLimited
from runlift.sync.files import write_json


def _file() -> Path:
    return paths.data_dir() / "cooloff.json"


def _read() -> dict[str, str]:
    try:
        data = json.loads(_file().read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return {}
    return {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, str)}


def _write(data: dict[str, str]) -> None:
    write_json(_file(), data)


def resume_time(service: str) -> datetime | None:
    value = _read().get(service)
    return datetime.fromisoformat(value) if value else None


def all_resume_times() -> dict[str, datetime]:
    return {service: datetime.fromisoformat(value) for service, value in _read().items()}


def retry_after_s(value: str | None, now: datetime) -> float | None:
    """A Retry-After header as seconds from ``now``: delay-seconds or an HTTP date (RFC 9110
    allows both). None when absent or unreadable; a date in the past gives a negative wait."""
    text = (value or "").strip()
    if not text:
        return None
    try:
        seconds = float(text)
    except ValueError:
        pass
    else:
        return seconds if math.isfinite(seconds) else None
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        return None
    return (when - now).total_seconds()


# No service's limit outlasts a day (Strava's daily window, Garmin's hours-long lock); a longer
# Retry-After is a mistake or a hostile server, and would overflow the date arithmetic.
LONGEST_PAUSE_S = 24 * 3600.0


def record(service: str, now: datetime, retry_after_s: float | None, default_s: float) -> datetime:
    """Remember that ``service`` may be called again only after Retry-After (or the default),
    at most a day from now."""
    wait = retry_after_s if retry_after_s is not None and retry_after_s > 0 else default_s
    wait = min(wait, LONGEST_PAUSE_S)
    until = now.astimezone(UTC) + timedelta(seconds=wait)
    data = _read()
    data[service] = until.isoformat()
    _write(data)
    return until


def clear(service: str) -> None:
    data = _read()
    if data.pop(service, None) is not None:
        _write(data)


def local_time(moment: datetime) -> str:
    """When a pause ends, as messages show it: the machine's local time with its zone."""
    return moment.astimezone().strftime("%Y-%m-%d %H:%M %Z")


def slow_down(service: str, until: datetime) -> RateLimited:
    return RateLimited(
        f"{service} asked runlift to slow down; no calls to it until {local_time(until)}"
    )


def check(service: str, now: datetime | None = None) -> None:
    """Raise RateLimited while ``service`` is cooling off; forget a cool-off that has passed."""
    now = now or clock.now()
    until = resume_time(service)
    if until is None:
        return
    if now.astimezone(UTC) < until:
        raise slow_down(service, until)
    clear(service)


def pause_after_429(
    service: str, retry_after: str | None, *, default_s: float, now: datetime | None = None
) -> RateLimited:
    """After ``service`` answered 429: remember the pause its Retry-After header asks for
    (seconds or an HTTP date; else ``default_s``; at most a day), and give the error to raise."""
    now = now or clock.now()
    until = record(service, now, retry_after_s(retry_after, now), default_s)
    return slow_down(service, until)
