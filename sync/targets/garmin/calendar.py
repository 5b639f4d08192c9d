"""Items of Garmin Connect's calendar month, read into entries.

The month (``/calendar-service/year/{y}/month/{m0}``) lists workouts, Garmin Coach items, race
events and padding days of the neighbouring months: the same scheduled workout can show in two
months. ``merge`` keeps one of each.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from typing import Any

from runlift.sync import limits


class EntryKind(StrEnum):
    WORKOUT = "workout"
    COACH = "coach"
    RACE = "race"
    # An event of the calendar that is not a race (an expo, a group run the athlete noted).
    EVENT = "event"


@dataclass(frozen=True)
class CalendarEntry:
    kind: EntryKind
    day: date
    title: str
    sport: str = ""
    workout_id: int | None = None
    schedule_id: int | None = None
    uuid: str = ""
    duration_s: float | None = None
    distance_m: float | None = None

    @property
    def identity(self) -> tuple[object, ...]:
        if self.kind is EntryKind.WORKOUT:
            if self.schedule_id is not None:
                return (self.kind, self.schedule_id)
            return (self.kind, self.workout_id, self.day)
        if self.kind is EntryKind.COACH:
            # A Coach item's id changes when the plan regenerates; its day and uuid do not.
            return (self.kind, self.day, self.uuid or self.title.casefold())
        return (self.kind, self.day, self.title.casefold())

    @property
    def is_running(self) -> bool:
        return is_running_sport(self.sport)

    @property
    def is_strength(self) -> bool:
        return self.sport == "strength_training"


def is_running_sport(sport: str) -> bool:
    return "running" in sport or sport in {"run", "track", "treadmill"}


def from_calendar_item(item: dict[str, Any]) -> CalendarEntry | None:
    """One item of a calendar month."""
    item_type = str(item.get("itemType") or "")
    day = calendar_day(item.get("date") or item.get("calendarDate"))
    if day is None:
        return None
    title = limits.title(str(item.get("title") or item.get("workoutName") or "").strip())
    if item_type == "event":
        if not item.get("isRace"):
            return CalendarEntry(kind=EntryKind.EVENT, day=day, title=title, sport=_sport(item))
        target = item.get("completionTarget")
        target = target if isinstance(target, dict) else {}
        return CalendarEntry(
            kind=EntryKind.RACE,
            day=day,
            title=title,
            sport=_sport(item) or "running",
            distance_m=_distance_m(target),
        )
    if item_type == "fbtAdaptiveWorkout":
        return CalendarEntry(
            kind=EntryKind.COACH,
            day=day,
            title=title,
            sport=_sport(item) or "running",
            uuid=str(item.get("workoutUuid") or ""),
            duration_s=_ms_or_s(item.get("duration")),
            distance_m=_cm_or_m(item.get("distance")),
        )
    if item_type == "workout":
        workout_id = as_id(item.get("workoutId"))
        if workout_id is None:
            return None
        return CalendarEntry(
            kind=EntryKind.WORKOUT,
            day=day,
            title=title,
            sport=_sport(item),
            workout_id=workout_id,
            schedule_id=as_id(item.get("id")),
        )
    return None


def merge(entries: list[CalendarEntry]) -> list[CalendarEntry]:
    """One entry per scheduled workout, Coach session and race, richest fields kept."""
    merged: dict[tuple[object, ...], CalendarEntry] = {}
    for entry in entries:
        seen = merged.get(entry.identity)
        merged[entry.identity] = entry if seen is None else _richer(seen, entry)
    return sorted(merged.values(), key=lambda e: (e.day, e.kind, e.title, e.workout_id or 0))


def _richer(a: CalendarEntry, b: CalendarEntry) -> CalendarEntry:
    fill = {
        name: getattr(b, name)
        for name in ("sport", "uuid", "duration_s", "distance_m", "title")
        if not getattr(a, name) and getattr(b, name)
    }
    return replace(a, **fill) if fill else a


def _sport(item: dict[str, Any]) -> str:
    sport = item.get("sportTypeKey")
    if not sport and isinstance(item.get("sportType"), dict):
        sport = item["sportType"].get("sportTypeKey")
    return limits.title(str(sport or "")).lower()


def calendar_day(value: Any) -> date | None:
    """A "YYYY-MM-DD..." date from a JSON field, or None."""
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        day = date.fromisoformat(value[:10])
    except ValueError:
        return None
    return day if limits.year_in_range(day.year) else None


def positive(value: Any) -> float | None:
    """A number above zero from a JSON field, or None (absent, null, zero, not a number)."""
    if isinstance(value, bool) or value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if number > 0 else None


def as_id(value: Any) -> int | None:
    """An id from a JSON field: a positive whole number, whether Garmin sent 123 or "123"."""
    if isinstance(value, str):
        value = value.strip()
        return int(value) if value.isdecimal() and int(value) > 0 else None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else None


def _ms_or_s(value: Any) -> float | None:
    # Calendar items give durations in milliseconds.
    number = positive(value)
    return number / 1000 if number is not None else None


def _cm_or_m(value: Any) -> float | None:
    # Calendar items give distances in centimetres.
    number = positive(value)
    return number / 100 if number is not None else None


def _distance_m(target: dict[str, Any]) -> float | None:
    """A race's distance from its ``completionTarget`` ({value 5.0, unit "kilometer", unitType
    "distance"} in the recorded month); a target of another kind (a time) is no distance."""
    value = positive(target.get("value"))
    unit_type = str(target.get("unitType") or "distance").lower()
    factor = _METRES_PER.get(str(target.get("unit") or "").lower())
    if value is None or factor is None or unit_type != "distance":
        return None
    return value * factor


_METRES_PER = {
    "kilometer": 1000.0,
    "km": 1000.0,
    "mile": 1609.344,
    "mi": 1609.344,
    "meter": 1.0,
    "m": 1.0,
}
