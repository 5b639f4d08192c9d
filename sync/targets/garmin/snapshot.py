"""What Garmin Connect's calendar holds for a range of days: the calendar months, merged.

The calendar month (``/calendar-service/year/{y}/month/{0-based m}``) is the one recorded view
of the calendar: scheduled workouts (``id`` is the schedule id), Garmin Coach sessions, race
events. A month's answer also lists about a week of each neighbouring month (the recorded
October 2023 runs from 24 September to 7 November); every day of the range is read from its own
month, so those padding days are left out: an entry counts once, and a far month kept from an
earlier read never brings back an entry its neighbour, read fresh, no longer has.

Months that do not touch the ``near`` range (the sync window and the days around it that shape
it day by day) are read only for races weeks ahead, or the recovery after one; with a
``MonthCache`` such a month is reused for ``FAR_MONTH_HOURS`` after it was read, so a sync with
nothing changed reads only the window's month(s). A race added weeks ahead is seen within that.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Protocol

from runlift.sync.targets.garmin.calendar import CalendarEntry, from_calendar_item, merge
from runlift.sync.targets.garmin.port import GarminPort

FAR_MONTH_HOURS = 12


class MonthCache(Protocol):
    def calendar_month(self, year: int, month: int, since: datetime) -> dict[str, Any] | None: ...

    def keep_calendar_month(
        self, year: int, month: int, answer: dict[str, Any], at: datetime
    ) -> None: ...


@dataclass(frozen=True)
class CalendarSnapshot:
    start: date
    end: date
    entries: tuple[CalendarEntry, ...]


def read_snapshot(
    garmin: GarminPort,
    start: date,
    end: date,
    *,
    near: tuple[date, date] | None = None,
    cache: MonthCache | None = None,
    now: Callable[[], datetime] | None = None,
) -> CalendarSnapshot:
    """One read per calendar month touching ``start``..``end`` (far months maybe kept)."""
    entries: list[CalendarEntry] = []
    near_months = set(months_touching(*near)) if near else None
    for year, month in months_touching(start, end):
        if cache is None or near_months is None or (year, month) in near_months:
            entries.extend(month_entries(garmin, year, month))
            continue
        moment = (now or _utc_now)()
        answer = cache.calendar_month(year, month, moment - timedelta(hours=FAR_MONTH_HOURS))
        if answer is None:
            answer = garmin.calendar_month(year, month)
            cache.keep_calendar_month(year, month, answer, moment)
        entries.extend(_entries(answer, year, month))
    inside = [e for e in merge(entries) if start <= e.day <= end]
    return CalendarSnapshot(start, end, tuple(inside))


def month_entries(garmin: GarminPort, year: int, month: int) -> list[CalendarEntry]:
    """The entries on the days of ``month`` (1-12), from its answer."""
    return _entries(garmin.calendar_month(year, month), year, month)


def _utc_now() -> datetime:
    from runlift.sync import clock

    return clock.now()


def _entries(answer: Any, year: int, month: int) -> list[CalendarEntry]:
    items = answer.get("calendarItems") if isinstance(answer, dict) else None
    return [
        entry
        for item in items or []
        if isinstance(item, dict)
        and (entry := from_calendar_item(item)) is not None
        and (entry.day.year, entry.day.month) == (year, month)
    ]


def months_touching(start: date, end: date) -> list[tuple[int, int]]:
    months = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months
