"""The built-in sample plan behind ``--demo``: a half-marathon block that never goes stale.

sync/data/demo-plan.ics is an ordinary calendar, exported the way a training-plan service
writes one, with real dates: ten weeks ending with a half marathon on Sunday 6 December 2026.
So that the demo stays useful on any day, its dates are moved by whole weeks (weekdays never
change) so that the race falls on the Sunday seven weeks after the week of the first Monday
from the first day asked for. Unless a start is given, the demo's window starts on the coming
Monday (today on a Monday), so its first week is a whole week of base training with its two
sessions whatever the weekday; the next six weeks are the peak (one maintenance session each),
then the taper and the race (`runlift plan --demo --days 63` shows the whole block).
"""

from __future__ import annotations

from datetime import date, timedelta
from importlib.resources import files

# The race in the file (a Sunday).
RACE_DAY = date(2026, 12, 6)
FILE_NAME = "demo-plan.ics"
# The first week shown is the block's last base week: then six peak weeks, the taper, the race.
WEEKS_TO_RACE = 7


def calendar_bytes() -> bytes:
    return (files("runlift.sync") / "data" / FILE_NAME).read_bytes()


def label() -> str:
    return f"built-in demo calendar ({FILE_NAME})"


def first_day(today: date) -> date:
    """The coming Monday, or today when it is a Monday."""
    return today + timedelta(days=-today.weekday() % 7)


def race_day(anchor: date) -> date:
    """The Sunday seven weeks after the week of the first Monday on or after ``anchor``."""
    monday = anchor + timedelta(days=(7 - anchor.weekday()) % 7)
    return monday + timedelta(weeks=WEEKS_TO_RACE, days=6)


def shift_weeks(anchor: date) -> int:
    return (race_day(anchor) - RACE_DAY).days // 7
