"""One intervals.icu calendar event as runlift reads it: a run, a race, a rest day, the plan's
strength session, or nothing (a bike ride, a fitness marker, a note about something else).

- ``RACE_A``, ``RACE_B`` and ``RACE_C`` are races with that priority (``Run.race_priority``):
  the planner takes the A race as the goal race (taper, peak weeks, recovery) and keeps a B or C
  race's own day, the days just before it and its recovery free of strength, without a taper.
  Races of any sport count.
- ``WORKOUT`` of a running type is a run: its steps (``workout_doc``) and then its length
  (``moving_time``, ``distance``) and words are read as for every source. ``WeightTraining`` is
  the plan's own strength session (kind STRENGTH: the plan's strength day). Other sports are
  left out; an event without a sport is read by its title, as calendar events are.
- ``NOTE`` events count when their title is a rest day or a run, as in calendars.
- Every other category (HOLIDAY, SICK, INJURED, PLAN, TARGET, fitness settings...) is left out.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from runlift.sync import limits
from runlift.sync.intervals.structure import summarise
from runlift.sync.model import DayKind, Run
from runlift.sync.planning.events import EventKind, event_kind

SOURCE = "intervals"
RACES = frozenset({"RACE_A", "RACE_B", "RACE_C"})
RUN_TYPES = frozenset({"Run", "TrailRun", "VirtualRun"})
STRENGTH_TYPES = frozenset({"WeightTraining"})
# Sport types that say nothing about the sport: the title decides.
UNNAMED_TYPES = frozenset({"", "Other", "Workout"})


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


def read_event(event: dict[str, Any]) -> Run | None:
    day = event_day(event)
    if day is None:
        return None
    category = limits.title(str(event.get("category") or "")).upper()
    sport = limits.title(str(event.get("type") or ""))
    title = limits.title(str(event.get("name") or "").strip())
    base = Run(
        day=day,
        title=title or _untitled(category, sport),
        description=limits.description(str(event.get("description") or "").strip()),
        source=SOURCE,
        duration_s=_positive(event.get("moving_time")),
        distance_m=_positive(event.get("distance")) or _doc_distance(event),
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
        kind = event_kind(title, base.description)
        if kind is EventKind.REST:
            return _rest(base)
        if kind is EventKind.RUN:
            return base
    return None


def _workout(event: dict[str, Any], sport: str, base: Run) -> Run | None:
    if sport in STRENGTH_TYPES:
        return replace(base, kind=DayKind.STRENGTH, reason="a strength session in the plan")
    if sport not in RUN_TYPES:
        if sport not in UNNAMED_TYPES:
            return None
        kind = event_kind(base.title, base.description, training_calendar=True)
        if kind is EventKind.REST:
            return _rest(base)
        if kind is not EventKind.RUN:
            return None
    doc = event.get("workout_doc")
    if not isinstance(doc, dict):
        return base
    structure = summarise(doc)
    if structure is None:
        return base
    return replace(
        base, structure=structure, duration_s=base.duration_s or _positive(doc.get("duration"))
    )


def _rest(base: Run) -> Run:
    return replace(base, kind=DayKind.REST, reason="a rest day in the intervals.icu plan")


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
