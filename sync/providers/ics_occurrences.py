"""Bounded expansion of a calendar's recurring events into the occurrences of one window.

A calendar is someone else's file: one line (``RRULE:FREQ=SECONDLY``) asks for 86,400
occurrences a day. Only events the caller keeps (runs and rest days) are expanded, only inside
the window asked for, an event that repeats more than once a day is not a run (the caller is
told, so the plan can say so), past ``MAX_OCCURRENCES`` the calendar is refused with one
line instead of filling memory, and a series the expansion cannot read is left out with a note
while the others are read.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from runlift.sync import limits
from runlift.sync.errors import UserError
from runlift.sync.providers.ics_checks import event_name

if TYPE_CHECKING:
    from icalendar import Calendar, Component

# Occurrences of runs and rest days read from one calendar for one window. A window is at most
# about 80 days (60 planned, the taper and margins); a runner with ten a day stays far below.
MAX_OCCURRENCES = limits.CALENDAR_OCCURRENCES
_SUB_DAILY = frozenset({"SECONDLY", "MINUTELY", "HOURLY"})
_WITHIN_DAY_PARTS = ("BYHOUR", "BYMINUTE", "BYSECOND")
_SERIES_PER_QUERY = 200
# A start date this far outside the window cannot become a local date inside it.
_SLACK = timedelta(days=1)


def repeats_within_a_day(event: Component) -> str:
    """Why the event repeats more than once a day ("" when it does not, or cannot be read)."""
    rules = event.get("RRULE")
    try:
        return _within_a_day(rules if isinstance(rules, list) else [rules])
    except ValueError:  # a broken rule: the expansion says so on one line
        return ""


def _within_a_day(rules: list[Any]) -> str:
    for rule in rules:
        if rule is None:
            continue
        freq = [str(value).upper() for value in rule.get("FREQ", [])]
        if any(value in _SUB_DAILY for value in freq):
            return f"it repeats {freq[0].lower()}"
        times = 1
        for part in _WITHIN_DAY_PARTS:
            times *= max(1, len(rule.get(part, [])))
        if times > 1:
            return f"it repeats {times} times a day"
    return ""


def occurrences(
    calendar: Calendar,
    keep: Callable[[Component], bool],
    start: date,
    end: date,
    label: str,
    notes: list[str] | None = None,
    limit: int | None = None,
) -> Iterator[Component]:
    """The occurrences between start and end (inclusive) of the events ``keep`` accepts.

    An event's moved or changed occurrences (same UID) are kept with it. A series the
    expansion cannot read is left out with a line in ``notes``; the others are read. Past
    ``limit`` occurrences the expansion stops quietly (the caller says so); without one, past
    ``MAX_OCCURRENCES`` the calendar is refused.
    """
    groups: dict[str, list[Component]] = {}
    for event in calendar.subcomponents:
        if event.name == "VEVENT":
            groups.setdefault(str(event.get("UID", id(event))), []).append(event)
    wanted = (
        group
        for group in groups.values()
        if _may_fall_within(group, start, end) and any(keep(event) for event in group)
    )
    count = 0
    most = MAX_OCCURRENCES if limit is None else limit
    # A few hundred series at a time: a calendar past the cap stops after the first few.
    for chunk in _batches(wanted, _SERIES_PER_QUERY):
        try:
            found = _expanded(calendar, [e for group in chunk for e in group], start, end, most)
        except EXPANSION_ERRORS:
            # One series the library cannot read: look for it, keep the rest.
            found = []
            for group in chunk:
                try:
                    found += _expanded(calendar, group, start, end, most)
                except EXPANSION_ERRORS:
                    note = (
                        f"{label}: {event_name(group[0])} is left out: its repeats cannot be "
                        f"read{_rule_shown(group[0])}"
                    )
                    if notes is not None and note not in notes:
                        notes.append(note)
        for occurrence in found:
            count += 1
            if limit is not None:
                if count > limit:
                    return
            elif count > MAX_OCCURRENCES:
                raise UserError(
                    f"{label}: more than {MAX_OCCURRENCES:,} runs and rest days between "
                    f"{start} and {end}; runlift stops reading this calendar"
                )
            yield occurrence


def _expanded(
    calendar: Calendar, events: list[Component], start: date, end: date, most: int
) -> list[Component]:
    """The occurrences of ``events`` in the window, at most one more than ``most``."""
    import recurring_ical_events

    found: list[Component] = []
    with warnings.catch_warnings():  # the libraries' warnings would reach stderr
        warnings.simplefilter("ignore")
        query = recurring_ical_events.of(_calendar_of(calendar, events))
        first, last = query.to_datetime(start), query.to_datetime(end)
        for series in query.series:
            for occurrence in series.between(first, last):
                found.append(occurrence.as_component(False))
                if len(found) > most:
                    return found
    return found


# What the recurrence expansion (recurring-ical-events, dateutil, icalendar) raises on a series
# it cannot read: a rule or date out of range, a broken value, a type it does not expect.
EXPANSION_ERRORS: tuple[type[Exception], ...] = (
    ValueError,
    TypeError,
    KeyError,
    IndexError,
    AttributeError,
    OverflowError,
    OSError,
)


def _batches(groups: Iterator[list[Component]], size: int) -> Iterator[list[list[Component]]]:
    batch: list[list[Component]] = []
    for group in groups:
        batch.append(group)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _calendar_of(calendar: Calendar, events: list[Component]) -> Calendar:
    """A calendar with ``calendar``'s properties and time zones and only ``events``."""
    from icalendar import Calendar

    narrowed = Calendar()
    narrowed.update(calendar)
    for component in calendar.subcomponents:
        if component.name != "VEVENT":
            narrowed.add_component(component)
    for event in events:
        narrowed.add_component(event)
    return narrowed


def _may_fall_within(group: list[Component], start: date, end: date) -> bool:
    """False only for a single event that does not repeat and starts well outside the window."""
    if len(group) > 1 or any(group[0].get(name) for name in ("RRULE", "RDATE", "RECURRENCE-ID")):
        return True
    value: Any = getattr(group[0]["DTSTART"], "dt", None)
    if not isinstance(value, date):
        return True
    day = value.date() if isinstance(value, datetime) else value
    return start - _SLACK <= day <= end + _SLACK


def _rule_shown(event: Component) -> str:
    """The event's repeat rule as the calendar gives it, for the note (" (RRULE:...)")."""
    rule = event.get("RRULE")
    if rule is None or isinstance(rule, list):
        return ""
    try:
        text = rule.to_ical().decode("utf-8", "replace")
    except (ValueError, TypeError, AttributeError):
        return ""
    text = " ".join(text.split())
    return f" (RRULE:{text if len(text) <= 80 else text[:77] + '...'})"
