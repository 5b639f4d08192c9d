"""A calendar from someone else, made safe to read: counted before parsing, each event checked
after, time zones looked up without surprises.

Before parsing, a calendar of more than ``limits.CALENDAR_LINES`` lines (folded lines count),
``limits.CALENDAR_EVENTS`` events or ``limits.CALENDAR_ITEMS`` components (events, to-dos,
alarms, time zones...) is refused in one line: parsing, and reading each event's words, is what
costs memory and time.

After parsing, ``checked_events`` looks at every event as the readers and the recurrence
expansion will: a property given twice keeps its first value; a start that is not a date or a
date and time (a duration, a period, a bare time), or dated outside ``limits.FIRST_YEAR`` to
``limits.LAST_YEAR``, leaves the event out with a note, as does a repeat rule no calendar means
(INTERVAL=0 repeats for ever on one day); an end, a duration, a SEQUENCE or PRIORITY that
cannot be read is dropped (the start is what places a run). An X-WR-TIMEZONE that names no time
zone is dropped with a note.

``use_safe_time_zones`` gives icalendar a time zone provider that answers "unknown" for a TZID
that is a folder ("Europe"), a path or no zone at all, and reads a calendar's own VTIMEZONE as
a fixed offset when its rules would change the clock more than
``limits.TIMEZONE_RULE_TIMES_PER_YEAR`` times a year (hourly rules took 1.8 GB).
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from functools import cache
from typing import TYPE_CHECKING, Any

from runlift.sync import limits
from runlift.sync.errors import UserError

if TYPE_CHECKING:
    from icalendar import Calendar, Component

# Given at most once per event (RFC 5545 3.6.1); a second value is ignored.
SINGLE = (
    "UID",
    "DTSTART",
    "DTEND",
    "DURATION",
    "SUMMARY",
    "DESCRIPTION",
    "STATUS",
    "SEQUENCE",
    "PRIORITY",
    "RECURRENCE-ID",
    "DTSTAMP",
    "TRANSP",
    "CLASS",
)
# What a zone name may look like: "Europe/Berlin", "America/Argentina/Buenos_Aires", "UTC",
# "Etc/GMT+5". No dots (no "..", no file names), no leading slash.
_ZONE_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_+\-]*(/[A-Za-z0-9_+\-]+){0,3}")
_BY_PARTS = (
    "BYSECOND",
    "BYMINUTE",
    "BYHOUR",
    "BYDAY",
    "BYMONTHDAY",
    "BYYEARDAY",
    "BYWEEKNO",
    "BYMONTH",
    "BYSETPOS",
)


def check_size(text: str, label: str) -> None:
    """Refuses, before parsing, a calendar with more lines or components than runlift reads."""
    lines = text.count("\n") + 1
    if lines > limits.CALENDAR_LINES:
        raise UserError(
            f"{label}: {lines:,} lines, more than runlift reads from one calendar "
            f"({limits.CALENDAR_LINES:,})"
        )
    events = len(_EVENT.findall(text))
    if events > limits.CALENDAR_EVENTS:
        raise UserError(
            f"{label}: {events:,} events, more than runlift reads from one calendar "
            f"({limits.CALENDAR_EVENTS:,})"
        )
    items = len(_BEGIN.findall(text))
    if items > limits.CALENDAR_ITEMS:
        raise UserError(
            f"{label}: {items:,} events and other items, more than runlift reads from one "
            f"calendar ({limits.CALENDAR_ITEMS:,})"
        )


_BEGIN = re.compile(r"^BEGIN:(?!VCALENDAR)", re.IGNORECASE | re.MULTILINE)
_EVENT = re.compile(r"^BEGIN:VEVENT", re.IGNORECASE | re.MULTILINE)


def checked_events(calendar: Calendar) -> list[str]:
    """Leave out, in place, the events runlift cannot read, and drop the values of the others
    that cannot be read; what was left out or ignored, one line each ("event 'Tempo' is left
    out: it has no start")."""
    notes = []
    zone = calendar.get("X-WR-TIMEZONE")
    if zone is not None and not known_zone(str(zone)):
        calendar.pop("X-WR-TIMEZONE")
        notes.append(f"X-WR-TIMEZONE {_shown(str(zone))} is not a time zone; ignored")
    kept = []
    for component in calendar.subcomponents:
        if component.name != "VEVENT":
            kept.append(component)
            continue
        problem = event_problem(component)
        if problem:
            notes.append(f"{event_name(component)} {LEFT_OUT}{problem}")
        else:
            kept.append(component)
    calendar.subcomponents[:] = kept
    return notes


LEFT_OUT = "is left out: "


def event_problem(event: Component) -> str:
    """Why the event cannot be read ("" when it can, after dropping what cannot be)."""
    for name in SINGLE:
        value = event.get(name)
        if isinstance(value, list):
            event.pop(name)
            if value:
                event[name] = value[0]
    start = _moment(event, "DTSTART")
    if start is None:
        return "its start is missing or not a date" if "DTSTART" in event else "it has no start"
    if not limits.year_in_range(start.year):
        return f"it starts in {start.year}, outside {limits.FIRST_YEAR}-{limits.LAST_YEAR}"
    _check_end(event, start)
    for name in ("SEQUENCE", "PRIORITY"):
        if name in event and not _small_count(event.get(name)):
            event.pop(name)
    if "RECURRENCE-ID" in event:
        moved = _moment(event, "RECURRENCE-ID")
        if moved is None or not limits.year_in_range(moved.year):
            return "the occurrence it changes (RECURRENCE-ID) is not a date runlift reads"
    return _rule_problem(event)


def event_name(event: Component) -> str:
    summary = event.get("SUMMARY")
    title = " ".join(str(summary).split())[:60] if summary is not None else ""
    return f"event '{title}'" if title else "an untitled event"


def _moment(event: Component, name: str) -> date | None:
    try:
        value = getattr(event.get(name), "dt", None)
    except (ValueError, TypeError, AttributeError, OverflowError):
        return None
    return value if isinstance(value, date) else None


def _check_end(event: Component, start: date) -> None:
    """An end or duration that cannot be read, lies before the start, is of another kind than
    the start or ends past LAST_YEAR is dropped: the event keeps its start."""
    if "DTEND" in event:
        end = _moment(event, "DTEND")
        if (
            end is None
            or isinstance(end, datetime) != isinstance(start, datetime)
            or not limits.year_in_range(end.year)
            or _before(end, start)
        ):
            event.pop("DTEND")
        elif "DURATION" in event:
            event.pop("DURATION")
    if "DURATION" in event:
        try:
            length = getattr(event.get("DURATION"), "dt", None)
            fits = (
                isinstance(length, timedelta)
                and length >= timedelta(0)
                and (start + length).year <= limits.LAST_YEAR
            )
        except (ValueError, TypeError, AttributeError, OverflowError):
            fits = False
        if not fits:
            event.pop("DURATION")


def _before(end: date, start: date) -> bool:
    try:
        return end < start  # type: ignore[operator]
    except TypeError:  # a floating time against a zoned one
        return False


def _small_count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 2**31 - 1


def _rule_problem(event: Component) -> str:
    rules = event.get("RRULE")
    for rule in rules if isinstance(rules, list) else [rules]:
        if rule is None:
            continue
        if not isinstance(rule, dict):  # icalendar's vBroken: text it could not parse
            return "its repeat rule (RRULE) cannot be read"
        intervals = rule.get("INTERVAL", [1])
        if any(not isinstance(n, int) or n < 1 for n in intervals):
            return f"its repeat rule has INTERVAL={intervals[0]} (it would repeat for ever)"
        if not rule.get("FREQ"):
            return "its repeat rule (RRULE) has no FREQ"
    return ""


def known_zone(name: str) -> bool:
    """Whether ``name`` is a time zone runlift can look up (not a folder, path or guess)."""
    return _zone(name) is not None


@cache
def _zone(name: str) -> tzinfo | None:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    if not _ZONE_NAME.fullmatch(name):
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: "Europe" is a folder
        return None


def _shown(text: str) -> str:
    return repr(" ".join(text.split())[:60])


# -- time zones


def use_safe_time_zones() -> None:
    """Have icalendar look up zones through ``_SafeZones`` (once per process)."""
    _install()


@cache
def _install() -> None:
    from icalendar.timezone import tzp

    tzp.use(_safe_provider())


def _safe_provider() -> Any:
    from icalendar.timezone.zoneinfo import ZONEINFO

    class SafeZones(ZONEINFO):  # type: ignore[misc]
        """zoneinfo as icalendar uses it, minus its failures on hostile names and rules."""

        def timezone(self, name: str) -> tzinfo | None:
            return _zone(name)

        def create_timezone(self, tz: Component) -> tzinfo:  # type: ignore[override]
            if _costly(tz):
                return _fixed_offset(tz)
            try:
                made: tzinfo = super().create_timezone(tz)
            except (ValueError, TypeError, AttributeError, KeyError, IndexError, OverflowError):
                return _fixed_offset(tz)
            return made

    return SafeZones()


def _costly(tz: Component) -> bool:
    """Rules that change the clock more often than a zone does, or a list of dates too long."""
    dates = 0
    for part in tz.subcomponents:
        rules = part.get("RRULE")
        for rule in rules if isinstance(rules, list) else [rules]:
            if rule is None:
                continue
            if not isinstance(rule, dict):
                return True
            if [str(freq).upper() for freq in rule.get("FREQ", [])] != ["YEARLY"]:
                return True
            times = 1
            for by in _BY_PARTS:
                times *= max(1, len(rule.get(by, [])))
            if times > limits.TIMEZONE_RULE_TIMES_PER_YEAR:
                return True
        rdates = part.get("RDATE")
        for rdate in rdates if isinstance(rdates, list) else [rdates]:
            dates += len(getattr(rdate, "dts", []) or [])
    return dates > limits.TIMEZONE_DATES or len(tz.subcomponents) > limits.TIMEZONE_DATES


def _fixed_offset(tz: Component) -> tzinfo:
    """The zone's standard offset (else its first), as a fixed offset; UTC when none reads."""
    parts = sorted(tz.subcomponents, key=lambda part: part.name != "STANDARD")
    for part in parts:
        try:
            offset = getattr(part.get("TZOFFSETTO"), "td", None)
        except (ValueError, AttributeError):
            continue
        if isinstance(offset, timedelta) and abs(offset) < timedelta(hours=24):
            return timezone(offset)
    return UTC
