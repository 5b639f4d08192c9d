"""Upcoming runs from an iCalendar file or feed (``--runs PATH_OR_URL``).

Recurring events (RRULE, RDATE, EXDATE) and moved occurrences (RECURRENCE-ID) are expanded by
recurring-ical-events. Every occurrence lands on the athlete's local date: all-day events on
their date, timed events converted from their TZID or UTC to the athlete's time zone (the
config's, else the system's), floating times taken as local. Events that are not runs are
left out; rest days written as events count as rest. A calendar without a single run is an
error; one without runs in the asked range is not.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING, Any, Self

from runlift.sync.errors import UserError
from runlift.sync.model import DayKind, Run
from runlift.sync.planning import words
from runlift.sync.planning.events import EventKind, event_kind
from runlift.sync.providers import demo
from runlift.sync.providers.ics_source import describe, read_calendar_bytes

if TYPE_CHECKING:
    from icalendar import Calendar, Component

    from runlift.sync.config import Config

SOURCE = "ics"
# Events longer than this are blocks of time (a training camp), not one run's length.
MAX_RUN_S = 12 * 3600
# A calendar counts as a training plan when this share of its events are sessions or rest days.
TRAINING_SHARE = 0.8


class IcsProvider:
    name = SOURCE

    def __init__(
        self,
        location: str,
        zone: tzinfo | None = None,
        *,
        data: bytes | None = None,
        shift_weeks: int = 0,
    ) -> None:
        self.location = location
        self.label = describe(location)
        self.zone = zone
        self.shift = timedelta(weeks=shift_weeks)
        self._data = data
        self._calendar: Calendar | None = None
        self._training_calendar = False

    @classmethod
    def from_config(cls, config: Config, **options: Any) -> Self:
        zone = config.zone()
        if options.get("demo"):
            anchor = options.get("anchor")
            if not isinstance(anchor, date):
                from runlift.sync import clock

                anchor = clock.today(zone)
            return cls(
                demo.label(), zone, data=demo.calendar_bytes(), shift_weeks=demo.shift_weeks(anchor)
            )
        location = options.get("runs") or config.plan.runs
        if not location:
            raise UserError(
                f"{config.where()}no calendar to read: pass --runs PATH_OR_URL or set plan.runs"
            )
        return cls(str(location), zone)

    def upcoming_runs(self, start: date, end: date) -> list[Run]:
        calendar = self.calendar()
        runs = self._runs(calendar, start - self.shift, end - self.shift)
        return [replace(run, day=run.day + self.shift) for run in runs]

    def calendar(self) -> Calendar:
        """The parsed calendar, read once; checked to hold at least one run."""
        if self._calendar is None:
            data = self._data if self._data is not None else read_calendar_bytes(self.location)
            calendar = parse_calendar(data, self.label)
            self._training_calendar = _mostly_training(calendar)
            if not any(self._kind(event) is EventKind.RUN for event in calendar.walk("VEVENT")):
                raise UserError(f"{self.label}: no runs in this calendar")
            self._calendar = calendar
        return self._calendar

    def _kind(self, event: Component) -> EventKind:
        title = f"{_text(event, 'SUMMARY')} {_categories(event)}"
        return event_kind(
            title, _text(event, "DESCRIPTION"), training_calendar=self._training_calendar
        )

    def _runs(self, calendar: Calendar, start: date, end: date) -> list[Run]:
        import recurring_ical_events

        margin = timedelta(days=2)
        try:
            occurrences = list(
                recurring_ical_events.of(calendar).between(start - margin, end + margin)
            )
        except (ValueError, recurring_ical_events.InvalidCalendar) as exc:
            raise UserError(
                f"{self.label}: not a valid iCalendar file ({_first_line(exc)})"
            ) from None
        runs = []
        for event in occurrences:
            if _text(event, "STATUS").upper() == "CANCELLED":
                continue
            kind = self._kind(event)
            if kind is EventKind.OTHER:
                continue
            day = local_day(event["DTSTART"].dt, self.zone)
            if not start <= day <= end:
                continue
            runs.append(self._run(event, day, kind))
        return sorted(runs, key=lambda run: (run.day, run.title))

    def _run(self, event: Component, day: date, kind: EventKind) -> Run:
        title = _text(event, "SUMMARY") or "(untitled)"
        race = words.read(_categories(event)).race
        if kind is EventKind.REST:
            given, reason = DayKind.REST, "a rest day in the calendar"
        elif race:
            given, reason = DayKind.RACE, f"calendar category '{race}'"
        else:
            given, reason = None, ""
        return Run(
            day=day,
            title=title,
            description=_text(event, "DESCRIPTION"),
            source=SOURCE,
            kind=given,
            reason=reason,
            duration_s=_duration_s(event),
        )


def parse_calendar(data: bytes, label: str) -> Calendar:
    from icalendar import Calendar

    text = data.decode("utf-8-sig", errors="replace")
    if "BEGIN:VCALENDAR" not in text.upper():
        raise UserError(f"{label}: not an iCalendar file (no BEGIN:VCALENDAR)")
    try:
        calendar = Calendar.from_ical(text)
        for event in calendar.walk("VEVENT"):
            start = event.get("DTSTART")
            if start is None:
                raise ValueError(f"event {_text(event, 'SUMMARY')!r} has no DTSTART")
            start.dt  # noqa: B018  (a broken value raises here, not later)
    except ValueError as exc:
        raise UserError(f"{label}: not a valid iCalendar file ({_first_line(exc)})") from None
    return calendar


def local_day(value: date | datetime, zone: tzinfo | None) -> date:
    """The athlete's calendar date of an event start."""
    if not isinstance(value, datetime):
        return value
    if value.tzinfo is None:
        return value.date()
    return value.astimezone(zone).date() if zone else value.astimezone().date()


def _mostly_training(calendar: Calendar) -> bool:
    """A training plan's feed: (nearly) every event is a session of some sport or a rest day.

    Events that only carry everyday words ("Race Day") are what this decides, so they do not
    count either way.
    """
    training = decided = 0
    for event in calendar.walk("VEVENT"):
        title = f"{_text(event, 'SUMMARY')} {_categories(event)}"
        found = words.read(title)
        kind = event_kind(title, _text(event, "DESCRIPTION"))
        if kind is EventKind.OTHER and found.session_words and not found.life:
            continue
        decided += 1
        if kind is not EventKind.OTHER or found.other_sport:
            training += 1
    return decided > 0 and training >= TRAINING_SHARE * decided


def _duration_s(event: Component) -> float | None:
    start = getattr(event["DTSTART"], "dt", None)
    end = getattr(event.get("DTEND"), "dt", None)
    if not isinstance(start, datetime) or not isinstance(end, datetime):
        return None
    if (start.tzinfo is None) != (end.tzinfo is None):
        return None
    seconds = (end - start).total_seconds()
    return seconds if 0 < seconds <= MAX_RUN_S else None


def _text(event: Component, name: str) -> str:
    value = event.get(name)
    return str(value).strip() if value is not None else ""


def _categories(event: Component) -> str:
    value = event.get("CATEGORIES")
    if value is None:
        return ""
    items = value if isinstance(value, list) else [value]
    names: list[str] = []
    for item in items:
        names.extend(str(cat) for cat in getattr(item, "cats", [item]))
    return " ".join(names)


def _first_line(exc: Exception) -> str:
    text = " ".join(str(exc).split())
    return text if len(text) <= 100 else text[:97] + "..."
