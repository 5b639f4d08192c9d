"""Upcoming runs from an iCalendar file or feed (``--runs PATH_OR_URL``).

Recurring events (RRULE, RDATE, EXDATE) and moved occurrences (RECURRENCE-ID) are expanded by
recurring-ical-events. Every occurrence lands on the athlete's local date: all-day events on
their date, timed events converted from their TZID or UTC to the athlete's time zone (the
config's, else the system's), floating times taken as local. Events that are not runs are
handed over as ``Run(kind=DayKind.NOT_A_RUN)`` with the reason (a bike ride, a reminder to
register, a cancelled run, an all-day banner over several days), so the plan lists them; rest
days written as events count as rest, and the plan's strength sessions come as
``Run(kind=DayKind.STRENGTH)`` (a run whose title adds one, "Easy 5 km + Gym", gives both).
An event's length is handed on only when it can be the run's length: not an all-day event,
not a fixed block that the calendar gives (nearly) every run whatever it is. A calendar without
a single run is an error; one without runs in the asked range is not. ``all_runs()`` is every
run the calendar holds, from which the planner takes the athlete's usual run.
"""

from __future__ import annotations

import warnings
from collections import Counter
from contextlib import suppress
from dataclasses import replace
from datetime import date, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING, Any, Self

from runlift.sync import limits
from runlift.sync.errors import UserError
from runlift.sync.model import DayKind, Run
from runlift.sync.planning import measures, words
from runlift.sync.planning.classify import goal_race
from runlift.sync.planning.events import (
    NOTHING_KNOWN,
    EventKind,
    EventReading,
    event_kind,
    read_event,
)
from runlift.sync.providers import demo
from runlift.sync.providers.ics_checks import (
    LEFT_OUT,
    check_size,
    checked_events,
    use_safe_time_zones,
)
from runlift.sync.providers.ics_occurrences import occurrences, repeats_within_a_day
from runlift.sync.providers.ics_source import describe, read_calendar_bytes

if TYPE_CHECKING:
    from icalendar import Calendar, Component

    from runlift.sync.config import Config

SOURCE = "ics"
# Events longer than this are blocks of time (a training camp), not one run's length.
MAX_RUN_S = 12 * 3600
# A calendar counts as a training plan when this share of its events are sessions or rest days.
TRAINING_SHARE = 0.8
# A length that this share of the timed runs (at least FIXED_BLOCK_MIN of them) all have is the
# calendar's default block ("every run 07:00-08:00"), not a run's length...
FIXED_BLOCK_SHARE = 0.8
FIXED_BLOCK_MIN = 4
# ...and the titles in that block say lengths this far apart (or durations this far from it).
BLOCK_SPREAD = 1.5
BLOCK_SPREAD_S = 15 * 60
# all_runs() reads at most this much of a calendar, back from its last event.
ALL_RUNS_SPAN = timedelta(days=2 * 366)
# Events that are not runs listed for one window at most; past it the plan says how many more.
MAX_IGNORED = 500
# A calendar of at least this many events in words runlift does not know is read as a plan.
UNKNOWN_PLAN_MIN = 3


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
        # Lines for the plan's notes: events that look like runs but are not read as runs.
        self.notes: list[str] = []
        # Readings of the calendar's events (by what they say), each read once per calendar.
        self._readings: dict[tuple[str, str, str], EventReading] = {}
        self._fixed_block_s: float | None = None
        self._all: list[Run] | None = None

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

    def all_runs(self) -> list[Run]:
        """Every run the calendar holds (its last two years at most), dates moved like the rest.

        A calendar too big to read whole gives none here: the window's runs are still read.
        """
        if self._all is None:
            calendar = self.calendar()
            starts = [
                local_day(moment, self.zone)
                for event in calendar.walk("VEVENT")
                if isinstance(moment := getattr(event.get("DTSTART"), "dt", None), date)
            ]
            self._all = []
            if starts:
                last = max(starts)
                first = max(min(starts), last - ALL_RUNS_SPAN)
                try:
                    runs = self._runs(calendar, first, last, ignored=False)
                except UserError:
                    runs = []
                # The whole calendar is the whole plan: its last run may be its race.
                runs = goal_race(runs)
                self._all = [replace(run, day=run.day + self.shift) for run in runs]
        return self._all

    def calendar(self) -> Calendar:
        """The parsed calendar, read once; checked to hold at least one run."""
        if self._calendar is None:
            data = self._data if self._data is not None else read_calendar_bytes(self.location)
            calendar = parse_calendar(data, self.label, self.notes)
            self._training_calendar = _mostly_training(calendar)
            self._note_too_frequent(calendar)
            runs = [e for e in calendar.walk("VEVENT") if self._read(e) is EventKind.RUN]
            if not runs:
                runs = self._unknown_words_as_runs(calendar)
            if not runs:
                left_out = [note for note in self.notes if LEFT_OUT in note]
                if left_out:
                    more = f" (and {len(left_out) - 1} more)" if len(left_out) > 1 else ""
                    raise UserError(f"{left_out[0]}{more}; no other runs in this calendar")
                raise UserError(f"{self.label}: no runs in this calendar")
            self._fixed_block_s = _fixed_block_s(runs)
            self._calendar = calendar
        return self._calendar

    def _unknown_words_as_runs(self, calendar: Calendar) -> list[Component]:
        """A calendar whose events say nothing runlift knows (a plan in a language without a
        word list) is not refused: its titled events are read as runs of unknown kind (each day
        unsure, protected like a hard one) and the plan says so."""
        unknown = [
            event
            for event in calendar.walk("VEVENT")
            if _text(event, "SUMMARY")
            and self._reading(event).reason == NOTHING_KNOWN
            and not repeats_within_a_day(event)
        ]
        if len(unknown) < UNKNOWN_PLAN_MIN:
            return []
        for event in unknown:
            key = self._key(event)
            self._readings[key] = EventReading(
                EventKind.RUN, "a plan in words runlift does not know"
            )
        self.notes.append(
            f"{self.label}: no event says running in words runlift knows; its "
            f"{len(unknown)} titled events are read as runs of unknown kind (unsure). Teach "
            "runlift the words in [plan.words]."
        )
        return unknown

    def _key(self, event: Component) -> tuple[str, str, str]:
        title = f"{_text(event, 'SUMMARY')} {_categories(event)}"
        return (title, _text(event, "DESCRIPTION"), repeats_within_a_day(event))

    def _reading(self, event: Component) -> EventReading:
        """The event as runlift reads it (once per calendar): never a run when it repeats
        within a day."""
        key = self._key(event)
        title, description, why = key
        known = self._readings.get(key)
        if known is None:
            if why:
                known = EventReading(EventKind.OTHER, why)
            else:
                known = read_event(title, description, training_calendar=self._training_calendar)
            self._readings[key] = known
        return known

    def _read(self, event: Component) -> EventKind:
        return self._reading(event).kind

    def _kind(self, event: Component) -> EventKind:
        title = f"{_text(event, 'SUMMARY')} {_categories(event)}"
        return event_kind(
            title, _text(event, "DESCRIPTION"), training_calendar=self._training_calendar
        )

    def _note_too_frequent(self, calendar: Calendar) -> None:
        for event in calendar.walk("VEVENT"):
            why = repeats_within_a_day(event)
            if why and self._kind(event) is not EventKind.OTHER:
                title = _text(event, "SUMMARY") or "(untitled)"
                self.notes.append(
                    f"{self.label}: '{title[:60]}' is not read as a run: {why} "
                    "(runs repeat at most daily)"
                )

    def _runs(self, calendar: Calendar, start: date, end: date, ignored: bool = True) -> list[Run]:
        """The window's runs, rest days and strength days; with ``ignored``, its other events
        too, as NOT_A_RUN with their reason."""
        margin = timedelta(days=2)
        wanted = occurrences(
            calendar,
            lambda event: self._read(event) is not EventKind.OTHER,
            start - margin,
            end + margin,
            self.label,
            self.notes,
        )
        runs = []
        for event in wanted:
            moment = getattr(event["DTSTART"], "dt", None)
            if not isinstance(moment, date):
                continue
            day = local_day(moment, self.zone)
            if not start <= day <= end:
                continue
            reading = self._reading(event)
            if why := _not_a_run(event):
                runs.append(self._ignored(event, day, why))
                continue
            runs.append(self._run(event, day, reading.kind))
            if reading.kind is EventKind.RUN and reading.strength_part:
                runs.append(self._run(event, day, EventKind.STRENGTH))
        if ignored:
            runs += self._others(calendar, start, end)
        return sorted(runs, key=lambda run: (run.day, run.title, str(run.kind)))

    def _others(self, calendar: Calendar, start: date, end: date) -> list[Run]:
        """The window's events that are not runs, each with why (at most MAX_IGNORED)."""
        others = occurrences(
            calendar,
            lambda event: self._read(event) is EventKind.OTHER and not repeats_within_a_day(event),
            start,
            end,
            self.label,
            self.notes,
            limit=MAX_IGNORED + 1,
        )
        found: list[Run] = []
        expanded = 0
        for event in others:
            expanded += 1
            moment = getattr(event["DTSTART"], "dt", None)
            if not isinstance(moment, date):
                continue
            day = local_day(moment, self.zone)
            if start <= day <= end and expanded <= MAX_IGNORED:
                found.append(self._ignored(event, day, self._reading(event).reason))
        if expanded > MAX_IGNORED:
            self.notes.append(
                f"{self.label}: more than {MAX_IGNORED} events that are not runs around "
                f"{start} to {end}; runlift lists the first of them"
            )
        return found

    def _ignored(self, event: Component, day: date, why: str) -> Run:
        return Run(
            day=day,
            title=_text(event, "SUMMARY") or "(untitled)",
            source=SOURCE,
            kind=DayKind.NOT_A_RUN,
            reason=why,
        )

    def _run(self, event: Component, day: date, kind: EventKind) -> Run:
        title = _text(event, "SUMMARY") or "(untitled)"
        race = words.read(_categories(event)).race
        duration = _duration_s(event)
        if duration is not None and duration == self._fixed_block_s:
            duration = None
        if kind is EventKind.STRENGTH:
            given, reason = DayKind.STRENGTH, "a strength session in the plan"
        elif kind is EventKind.REST:
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
            duration_s=None if kind is EventKind.STRENGTH else duration,
        )


def _not_a_run(event: Component) -> str:
    """Why an event that reads as a run, a rest day or a strength day is none ("" when it is):
    it is cancelled, or an all-day event over several days (a banner: "Marathon week")."""
    if _text(event, "STATUS").upper() == "CANCELLED":
        return "cancelled"
    start = getattr(event["DTSTART"], "dt", None)
    end = getattr(event.get("DTEND"), "dt", None)
    if end is None and (length := getattr(event.get("DURATION"), "dt", None)) is not None:
        with suppress(TypeError, OverflowError):
            end = start + length
    if isinstance(start, date) and not isinstance(start, datetime) and isinstance(end, date):
        days = (end - start).days if not isinstance(end, datetime) else 0
        if days > 1:
            return f"an all-day event over {days} days: a banner, not a run"
    return ""


def parse_calendar(data: bytes, label: str, notes: list[str] | None = None) -> Calendar:
    """The calendar in ``data``, its unreadable events left out (a line each in ``notes``)."""
    from icalendar import Calendar

    text = data.decode("utf-8-sig", errors="replace")
    if "BEGIN:VCALENDAR" not in text.upper():
        raise UserError(f"{label}: not an iCalendar file (no BEGIN:VCALENDAR)")
    check_size(text, label)
    use_safe_time_zones()
    try:
        with warnings.catch_warnings():  # icalendar warns about guessed zones, on stderr
            warnings.simplefilter("ignore")
            calendar = Calendar.from_ical(text)
    except ICALENDAR_ERRORS as exc:
        raise UserError(f"{label}: not a valid iCalendar file ({_first_line(exc)})") from None
    if isinstance(calendar, list):  # several VCALENDARs in one file: the first is read
        calendar = calendar[0]
    checked = checked_events(calendar)
    if notes is not None:
        notes.extend(f"{label}: {note}" for note in checked)
    return calendar


# What icalendar raises on text it cannot parse (its InvalidCalendar is a ValueError).
ICALENDAR_ERRORS = (ValueError, TypeError, KeyError, IndexError, AttributeError, OverflowError)


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
        # A title of numbers only is a plan table's cell ("12.9", "16"): a session.
        if kind is not EventKind.OTHER or found.other_sport or found.wordless:
            training += 1
    return decided > 0 and training >= TRAINING_SHARE * decided


def _fixed_block_s(runs: list[Component]) -> float | None:
    """The block a plan gives every run whatever its length ("Run 3 mi" and "Run 20 mi" both
    07:00-08:00): nearly every timed run has it, and their titles say lengths that differ."""
    timed = [(length, event) for event in runs if (length := _duration_s(event)) is not None]
    if len(timed) < FIXED_BLOCK_MIN:
        return None
    common, count = Counter(length for length, _ in timed).most_common(1)[0]
    if count < FIXED_BLOCK_SHARE * len(timed):
        return None
    titles = [_text(event, "SUMMARY") for length, event in timed if length == common]
    distances = [d for title in titles if (d := measures.distance_m(title)) is not None]
    durations = [d for title in titles if (d := measures.duration_s(title)) is not None]
    if len(distances) >= 2 and max(distances) >= BLOCK_SPREAD * min(distances):
        return common
    if any(abs(d - common) >= BLOCK_SPREAD_S for d in durations):
        return common
    return None


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
    """A text property as read: a title up to ``limits.TITLE_CHARS``, other text up to
    ``limits.TEXT_CHARS`` (the rest is not read)."""
    value = event.get(name)
    if value is None:
        return ""
    text = str(value).strip()
    return limits.title(text) if name == "SUMMARY" else limits.description(text)


def _categories(event: Component) -> str:
    value = event.get("CATEGORIES")
    if value is None:
        return ""
    items = value if isinstance(value, list) else [value]
    names: list[str] = []
    for item in items:
        names.extend(str(cat) for cat in getattr(item, "cats", [item]))
    return limits.title(" ".join(names))


def _first_line(exc: Exception) -> str:
    text = " ".join(str(exc).split())
    return text if len(text) <= 100 else text[:97] + "..."
