"""One intervals.icu calendar event as runlift reads it: a run, a race, a rest day, the plan's
strength session, a day off, or not a run with why (a bike ride, a fitness marker, a note about
something else), handed over as ``Run(kind=DayKind.NOT_A_RUN)`` so that the plan lists it.

- ``RACE_A``, ``RACE_B`` and ``RACE_C`` are races with that priority (``Run.race_priority``):
  the planner takes the A race as the goal race (taper, peak weeks, recovery) and keeps a B or C
  race's own day, the days just before it and its recovery free of strength, without a taper.
  Races of any sport count.
- ``WORKOUT`` of a running type is a run: its steps (``workout_doc``) and then its length
  (``moving_time``, ``distance``) and words are read as for every source. ``WeightTraining`` is
  the plan's own strength session (kind STRENGTH: the plan's strength day). Other sports are
  not runs; an event without a sport is read by its title, as calendar events are.
- ``NOTE`` events count when their title is a rest day or a run, as in calendars (a note has
  no sport and no ``workout_doc``).
- ``SICK`` and ``INJURED`` events are days the athlete cannot train (kind OFF: no strength),
  every day from the start to the end; ``HOLIDAY`` too unless ``strength_on_holiday``.
- Every other category (PLAN, TARGET, fitness settings...) is not a run, and says which.

A race or workout gives its length as ``moving_time`` and ``distance``, or as the
``time_target`` and ``distance_target`` of intervals.icu's Event (seconds, metres), whichever
is given. An event ends at ``end_date_local``: a one-day event ends at midnight after its day
(as recorded), so an end at midnight belongs to the day before.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any

from runlift.sync import limits
from runlift.sync.intervals.structure import summarise
from runlift.sync.model import DayKind, Run
from runlift.sync.planning.events import EventKind
from runlift.sync.planning.events import read_event as read_title

SOURCE = "intervals"
RACES = frozenset({"RACE_A", "RACE_B", "RACE_C"})
RUN_TYPES = frozenset({"Run", "TrailRun", "VirtualRun"})
STRENGTH_TYPES = frozenset({"WeightTraining"})
# Sport types that say nothing about the sport: the title decides.
UNNAMED_TYPES = frozenset({"", "Other", "Workout"})
# Days the athlete cannot train, by category, and what the plan says about them.
OFF_CATEGORIES = {"SICK": "sick", "INJURED": "injured", "HOLIDAY": "on holiday"}
# The longest stretch of days one event covers that runlift reads (a season-long marker is not
# an absence).
MAX_OFF_DAYS = 366


def event_day(event: dict[str, Any]) -> date | None:
    """The athlete's local date: intervals.icu gives local dates and times without a zone."""
    value = event.get("start_date_local")
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        day = date.fromisoformat(value[:10])
    except ValueError:
        return None
    return day if limits.year_in_range(day.year) else None


def date_out_of_range(event: dict[str, Any]) -> str:
    """The event's date when it is one runlift does not read (outside FIRST_YEAR-LAST_YEAR),
    for a note; "" otherwise."""
    value = event.get("start_date_local")
    if not isinstance(value, str) or len(value) < 10:
        return ""
    try:
        day = date.fromisoformat(value[:10])
    except ValueError:
        return ""
    return "" if limits.year_in_range(day.year) else day.isoformat()


def event_days(event: dict[str, Any]) -> list[date]:
    """Every local date the event covers: its start day to its end (``end_date_local``, an end
    at midnight belonging to the day before); the start day alone without a usable end."""
    first = event_day(event)
    if first is None:
        return []
    end = _local_time(event.get("end_date_local"))
    if end is None:
        return [first]
    last = end.date() - timedelta(days=1) if end.time() == datetime.min.time() else end.date()
    span = min(max((last - first).days, 0), MAX_OFF_DAYS - 1)
    return [first + timedelta(days=offset) for offset in range(span + 1)]


def read_events(event: dict[str, Any], *, strength_on_holiday: bool = False) -> list[Run]:
    """The runs one event stands for: one, none, or a day off for each day it covers."""
    category = str(event.get("category") or "").upper()
    if category in OFF_CATEGORIES:
        if category == "HOLIDAY" and strength_on_holiday:
            run = read_event(event)
            return [run] if run is not None else []
        return [_off(event, category, day) for day in event_days(event)]
    run = read_event(event)
    return [run] if run is not None else []


def read_event(event: dict[str, Any]) -> Run | None:
    day = event_day(event)
    if day is None:
        return None
    category = limits.title(str(event.get("category") or "")).upper()
    sport = limits.title(str(event.get("type") or ""))
    title = limits.title(str(event.get("name") or "").strip())
    base = Run(
        day=day,
        title=title or limits.title(_untitled(category, sport)),
        description=limits.description(str(event.get("description") or "").strip()),
        source=SOURCE,
        duration_s=_positive(event.get("moving_time")) or _positive(event.get("time_target")),
        distance_m=_positive(event.get("distance"))
        or _positive(event.get("distance_target"))
        or _doc_distance(event),
    )
    if category in RACES:
        priority = category[-1]
        return replace(
            base,
            kind=DayKind.RACE,
            race_priority=priority,
            reason=f"{priority} race on intervals.icu{_of(sport)}",
        )
    if category == "WORKOUT":
        return _workout(event, sport, base)
    if category == "NOTE":
        reading = read_title(title, base.description)
        if reading.kind is EventKind.REST:
            return _rest(base)
        if reading.kind is EventKind.RUN:
            return base
        return _not_a_run(base, f"a note: {reading.reason}")
    if category == "HOLIDAY":
        return _not_a_run(base, "on holiday (plan.strength_on_holiday lets strength go on)")
    what = category.lower().replace("_", " ") or "an event"
    return _not_a_run(base, f"{what} on intervals.icu, not a run")


def _workout(event: dict[str, Any], sport: str, base: Run) -> Run:
    if sport in STRENGTH_TYPES:
        return replace(base, kind=DayKind.STRENGTH, reason="a strength session in the plan")
    if sport not in RUN_TYPES:
        if sport not in UNNAMED_TYPES:
            return _not_a_run(base, f"a {sport} workout")
        reading = read_title(base.title, base.description, training_calendar=True)
        if reading.kind is EventKind.REST:
            return _rest(base)
        if reading.kind is not EventKind.RUN:
            return _not_a_run(base, reading.reason)
    doc = event.get("workout_doc")
    if not isinstance(doc, dict):
        return base
    structure = summarise(doc)
    if structure is None:
        return base
    return replace(
        base, structure=structure, duration_s=base.duration_s or _positive(doc.get("duration"))
    )


def _not_a_run(base: Run, why: str) -> Run:
    return replace(base, kind=DayKind.NOT_A_RUN, reason=why)


def _rest(base: Run) -> Run:
    return replace(base, kind=DayKind.REST, reason="a rest day in the intervals.icu plan")


def _off(event: dict[str, Any], category: str, day: date) -> Run:
    what = OFF_CATEGORIES[category]
    title = limits.title(str(event.get("name") or "").strip()) or what.capitalize()
    return Run(
        day=day,
        title=title,
        source=SOURCE,
        kind=DayKind.OFF,
        reason=f"{what} on intervals.icu ({title})" if title.lower() != what else what,
    )


def _local_time(value: Any) -> datetime | None:
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return datetime.fromisoformat(value[:19])
    except ValueError:
        return None


def _doc_distance(event: dict[str, Any]) -> float | None:
    doc = event.get("workout_doc")
    return _positive(doc.get("distance")) if isinstance(doc, dict) else None


def _positive(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if value > 0 else None


def _of(sport: str) -> str:
    return f" ({sport})" if sport and sport not in RUN_TYPES else ""


def _untitled(category: str, sport: str) -> str:
    if category.startswith("RACE"):
        return "Race"
    return f"{sport} workout" if sport else "(untitled)"
