"""How the state file writes times and days (ISO text)."""

from __future__ import annotations

from datetime import date

from runlift.sync import clock


def now() -> str:
    return clock.now().isoformat(timespec="seconds")


def day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None
