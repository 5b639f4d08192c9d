"""Pauses of calls to a service, with their reason, kept across runs and restarts.

One small JSON file in the data dir: {"garmin": {"until": "2026-11-23T22:00:00+00:00", "why":
"Garmin Connect answered 429 Too Many Requests"}, ...} (a bare time, as earlier runlift wrote
it, is read too). Every caller that is about to talk to a service asks ``check(service, now)``
first; a 429, a read budget used up or repeated refused sign-ins call ``record``. A pause comes
only from an answer of the service: a network failure never records one. ``lift`` ends one at
once (`runlift resume SERVICE`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

from runlift.sync import clock, own_files, paths
from runlift.sync.errors import RateLimited, service_name
from runlift.sync.files import write_json

SLOW_DOWN = "it asked runlift to slow down"


@dataclass(frozen=True)
class Pause:
    until: datetime
    why: str


def _file() -> Path:
    return paths.data_dir() / "cooloff.json"


WHAT = "rate-limit pauses"


def _read() -> dict[str, Pause]:
    """The pauses, read through runlift's one reader of its own files: a file of the wrong
    shape, a link or a pipe is one line naming it (never a traceback, never followed)."""
    path = paths.data_dir(create=False) / "cooloff.json"
    return own_files.read_json(path, _pauses, WHAT) or {}


def _pauses(value: Any) -> dict[str, Pause]:
    return {service: _pause(service, pause) for service, pause in own_files.mapping(value).items()}


def _pause(service: str, value: Any) -> Pause:
    what = f"the pause of {service!r}"
    if isinstance(value, str):  # as earlier runlift wrote it: the time alone
        value = {"until": value}
    entry = own_files.mapping(value, what)
    why = entry.get("why")
    if why is not None:
        own_files.text(why, f"{what}'s reason")
    return Pause(own_files.moment(entry.get("until"), what), why or SLOW_DOWN)


def _write(data: dict[str, Pause]) -> None:
    write_json(_file(), {s: {"until": p.until.isoformat(), "why": p.why} for s, p in data.items()})


def pause(service: str) -> Pause | None:
    return _read().get(service)


def resume_time(service: str) -> datetime | None:
    found = pause(service)
    return found.until if found else None


def all_pauses() -> dict[str, Pause]:
    return _read()


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


def record(
    service: str,
    now: datetime,
    retry_after_s: float | None,
    default_s: float,
    why: str = SLOW_DOWN,
) -> datetime:
    """Remember that ``service`` may be called again only after Retry-After (or the default),
    at most a day from now, and why."""
    wait = retry_after_s if retry_after_s is not None and retry_after_s > 0 else default_s
    wait = min(wait, LONGEST_PAUSE_S)
    until = now.astimezone(UTC) + timedelta(seconds=wait)
    data = _read()
    data[service] = Pause(until, why)
    _write(data)
    return until


def clear(service: str) -> Pause | None:
    """Forget ``service``'s pause; returns it (None when there was none)."""
    data = _read()
    gone = data.pop(service, None)
    if gone is not None:
        _write(data)
    return gone


def local_time(moment: datetime) -> str:
    """When a pause ends, as messages show it: the machine's local time with its zone."""
    return moment.astimezone().strftime("%Y-%m-%d %H:%M %Z")


def resume_command(service: str) -> str:
    """The command that lifts ``service``'s pause (`runlift resume garmin`)."""
    return f"runlift resume {'intervals' if service == 'intervals.icu' else service}"


def paused(service: str, found: Pause) -> RateLimited:
    return RateLimited(
        f"{service_name(service)} is paused ({found.why}); no calls to it until "
        f"{local_time(found.until)} (`{resume_command(service)}` lifts the pause if you know "
        "it is wrong)"
    )


def slow_down(service: str, until: datetime) -> RateLimited:
    return paused(service, Pause(until, SLOW_DOWN))


def check(service: str, now: datetime | None = None) -> None:
    """Raise RateLimited while ``service`` is paused; forget a pause that has passed."""
    now = now or clock.now()
    found = pause(service)
    if found is None:
        return
    if now.astimezone(UTC) < found.until:
        raise paused(service, found)
    clear(service)


def pause_after_429(
    service: str, retry_after: str | None, *, default_s: float, now: datetime | None = None
) -> RateLimited:
    """After ``service`` answered 429: remember the pause its Retry-After header asks for
    (seconds or an HTTP date; else ``default_s``; at most a day), and give the error to raise."""
    now = now or clock.now()
    why = f"{service_name(service)} answered 429 Too Many Requests"
    until = record(service, now, retry_after_s(retry_after, now), default_s, why=why)
    return paused(service, Pause(until, why))
