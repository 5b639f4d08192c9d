"""Garmin Connect's two views of the calendar, read into one list of entries.

``workoutScheduleByPeriod`` (scheduled workouts for a date range, Garmin Coach sessions included)
and the calendar month (``/calendar-service/year/{y}/month/{m0}``: workouts, Garmin Coach items,
race events, padding days of the neighbouring months) overlap: the same scheduled workout shows
in both, and in two months when it falls on a padding day. ``merge`` keeps one of each.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from typing import Any


class EntryKind(StrEnum):
    WORKOUT = "workout"
    COACH = "coach"
    RACE = "race"


@dataclass(frozen=True)
class CalendarEntry:
    kind: EntryKind
    day: date
    title: str
    sport: str = ""
    workout_id: int | None = None
    schedule_id: int | None = None
    # Only when the listing carries it; workouts' descriptions otherwise need a detail read.
    description: str | None = None
    updated: str = ""
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


def from_schedule_item(item: dict[str, Any]) -> CalendarEntry | None:
    """One item of ``workoutScheduleByPeriod``.

    Read leniently: the service has been seen answering both the schedule shape
    (``workoutScheduleId``, ``calendarDate``, ``workout {...}``) and the calendar-item shape.
    """
    workout = found if isinstance(found := item.get("workout"), dict) else {}
    item_type = str(item.get("itemType") or "workout")
    if item_type not in ("workout", "fbtAdaptiveWorkout"):
        return from_calendar_item(item)
    day = _date(item.get("calendarDate") or item.get("date") or item.get("scheduledDate"))
    if day is None:
        return None
    workout_id = _int(item.get("workoutId") or workout.get("workoutId"))
    uuid = str(item.get("workoutUuid") or workout.get("workoutUuid") or "")
    title = str(
        item.get("workoutName") or item.get("title") or workout.get("workoutName") or ""
    ).strip()
    sport = _sport(item) or _sport(workout)
    coach = item_type == "fbtAdaptiveWorkout" or (workout_id is None and bool(uuid))
    if coach:
        return CalendarEntry(
            kind=EntryKind.COACH,
            day=day,
            title=title,
            sport=sport or "running",
            uuid=uuid,
            duration_s=positive(workout.get("estimatedDurationInSecs")),
            distance_m=positive(workout.get("estimatedDistanceInMeters")),
        )
    if workout_id is None:
        return None
    return CalendarEntry(
        kind=EntryKind.WORKOUT,
        day=day,
        title=title,
        sport=sport,
        workout_id=workout_id,
        schedule_id=_int(item.get("workoutScheduleId") or item.get("scheduleId") or item.get("id")),
        description=_text(item, workout, "description"),
        updated=str(
            item.get("updateDate")
            or item.get("updatedDate")
            or workout.get("updatedDate")
            or workout.get("updateDate")
            or ""
        ),
        duration_s=positive(
            item.get("estimatedDurationInSecs") or workout.get("estimatedDurationInSecs")
        ),
        distance_m=positive(
            item.get("estimatedDistanceInMeters") or workout.get("estimatedDistanceInMeters")
        ),
    )


def from_calendar_item(item: dict[str, Any]) -> CalendarEntry | None:
    """One item of a calendar month."""
    item_type = str(item.get("itemType") or "")
    day = _date(item.get("date") or item.get("calendarDate"))
    if day is None:
        return None
    title = str(item.get("title") or item.get("workoutName") or "").strip()
    if item_type == "event":
        if not item.get("isRace"):
            return None
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
        workout_id = _int(item.get("workoutId"))
        if workout_id is None:
            return None
        return CalendarEntry(
            kind=EntryKind.WORKOUT,
            day=day,
            title=title,
            sport=_sport(item),
            workout_id=workout_id,
            schedule_id=_int(item.get("id")),
            description=_text(item, {}, "description"),
            updated=str(item.get("updateDate") or item.get("updatedDate") or ""),
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
        for name in ("sport", "description", "updated", "uuid", "duration_s", "distance_m", "title")
        if not getattr(a, name) and getattr(b, name)
    }
    return replace(a, **fill) if fill else a


def _sport(item: dict[str, Any]) -> str:
    sport = item.get("sportTypeKey")
    if not sport and isinstance(item.get("sportType"), dict):
        sport = item["sportType"].get("sportTypeKey")
    return str(sport or "").lower()


def _text(item: dict[str, Any], workout: dict[str, Any], name: str) -> str | None:
    for source in (item, workout):
        value = source.get(name)
        if isinstance(value, str):
            return value
    return None


def _date(value: Any) -> date | None:
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def positive(value: Any) -> float | None:
    """A number above zero from a JSON field, or None (absent, null, zero, not a number)."""
    if isinstance(value, bool) or value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if number > 0 else None


def _int(value: Any) -> int | None:
    """An id: a positive whole number."""
    number = positive(value)
    return int(number) if number is not None and number.is_integer() else None


def _ms_or_s(value: Any) -> float | None:
    # Calendar items give durations in milliseconds.
    number = positive(value)
    return number / 1000 if number is not None else None


def _cm_or_m(value: Any) -> float | None:
    # Calendar items give distances in centimetres.
    number = positive(value)
    return number / 100 if number is not None else None


def _distance_m(target: dict[str, Any]) -> float | None:
    value = positive(target.get("value"))
    if value is None:
        return None
    unit = str(target.get("unit") or "").lower()
    factors = {"kilometer": 1000.0, "km": 1000.0, "mile": 1609.344, "mi": 1609.344, "meter": 1.0}
    return value * factors.get(unit, 1.0)
