"""The one place runlift reads the wall clock: now, and today's date in the athlete's time zone.

Everything that needs the date or time asks here (or is handed a ``now`` callable defaulting to
:func:`now`), so tests move time with time-machine and nothing else. What reads a clock
elsewhere, and why:

- ``sync.lock`` waits for the sync lock with ``time.monotonic()``: a timeout measures elapsed
  time, which must not jump when the wall clock is set;
- the daemon's ``schedule`` library and the Garmin and Strava clients (token expiry) read the
  wall clock inside those libraries.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo


def now() -> datetime:
    return datetime.now(UTC)


def today(zone: ZoneInfo | None) -> date:
    """The athlete's local date: config time zone, else the system's."""
    return now().astimezone(zone).date() if zone else now().astimezone().date()
