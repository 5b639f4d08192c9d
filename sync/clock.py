"""The one place runlift reads the clock: today's date in the athlete's time zone."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo


def now() -> datetime:
    return datetime.now(UTC)


def today(zone: ZoneInfo | None) -> date:
    """The athlete's local date: config time zone, else the system's."""
    return now().astimezone(zone).date() if zone else now().astimezone().date()
