"""What Garmin Connect's calendar holds for a range of days: the calendar months, merged.

The calendar month (``/calendar-service/year/{y}/month/{0-based m}``) is the one recorded view
of the calendar: scheduled workouts (``id`` is the schedule id), Garmin Coach sessions, race
events. A month's answer can include padding days of its neighbours, so the same entry can come
twice; ``merge`` keeps one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from runlift.sync.garmin.calendar import CalendarEntry, from_calendar_item, merge
from runlift.sync.garmin.port import GarminPort


@dataclass(frozen=True)
class CalendarSnapshot:
    start: date
    end: date
    entries: tuple[CalendarEntry, ...]


def read_snapshot(garmin: GarminPort, start: date, end: date) -> CalendarSnapshot:
    """One read per calendar month touching ``start``..``end``."""
    entries: list[CalendarEntry] = []
    for year, month in months_touching(start, end):
        entries.extend(month_entries(garmin, year, month))
    inside = [e for e in merge(entries) if start <= e.day <= end]
    return CalendarSnapshot(start, end, tuple(inside))


def month_entries(garmin: GarminPort, year: int, month: int) -> list[CalendarEntry]:
    answer = garmin.calendar_month(year, month)
    items = answer.get("calendarItems") if isinstance(answer, dict) else None
    return [
        entry
        for item in items or []
        if isinstance(item, dict) and (entry := from_calendar_item(item)) is not None
    ]


def months_touching(start: date, end: date) -> list[tuple[int, int]]:
    months = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months
