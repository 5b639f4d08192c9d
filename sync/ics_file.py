"""The planned strength sessions as an iCalendar file that calendar apps import or subscribe to.

One all-day event per session: "Runner Strength A", the moves with sets x reps @ load and the
reason for the day in the description. Each event's UID is the session's key
(``2026-11-24/A@runlift``), so importing the file again updates the events instead of adding
copies; a changed session keeps its UID and gets a higher SEQUENCE.

The file remembers what it held last time: before writing, runlift reads the previous file back.
A session of the window that is no longer planned is written once more with STATUS:CANCELLED
(so a subscribed calendar drops it) and left out the time after. Sessions before the window are
kept for ``KEEP_PAST_DAYS`` as a record; sessions after it are kept as they were, since this plan
does not cover them. An unchanged plan gives a byte-identical file. Written atomically: a crash
leaves the old file or the new one, never half of one. A file runlift did not write is never
overwritten.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from runlift.sync import limits
from runlift.sync.errors import UserError
from runlift.workouts.garmin_marker import session_key

if TYPE_CHECKING:
    from icalendar import Calendar, Component, Event

    from runlift.sync.model import PlannedSession
    from runlift.workouts.session import Session
    from runlift.workouts.settings import AthleteSettings

PRODID = "-//runlift//runlift strength sessions//EN"
CALENDAR_NAME = "runlift strength"
UID_DOMAIN = "runlift"
KEEP_PAST_DAYS = 56
REFRESH = timedelta(hours=6)
MAX_BYTES = limits.OWN_CALENDAR_BYTES
CANCELLED = "CANCELLED"


@dataclass(frozen=True)
class CalendarSession:
    day: date
    session: Session
    reason: str = ""


@dataclass(frozen=True)
class IcsReport:
    path: Path
    sessions: int
    cancelled: int
    changed: bool

    def summary(self) -> str:
        if not self.changed:
            return f"calendar file {self.path}: already up to date ({self.sessions} session(s))"
        cancelled = f", {self.cancelled} cancelled" if self.cancelled else ""
        return f"calendar file {self.path}: {self.sessions} session(s) written{cancelled}"


def planned_sessions(
    placed: Iterable[PlannedSession], settings: AthleteSettings
) -> list[CalendarSession]:
    """Each placed session built for the athlete, as the FIT files and Garmin get it."""
    from runlift.workouts.session import build_session

    return [
        CalendarSession(p.day, build_session(p.label, settings, p.volume), p.reason)
        for p in sorted(placed, key=lambda p: (p.day, p.label))
    ]


def uid(day: date, label: str) -> str:
    return f"{session_key(day, label)}@{UID_DOMAIN}"


class IcsTarget:
    """A calendar file to write, checked (and its previous content read) before any work."""

    def __init__(self, path: Path, option: str = "--ics") -> None:
        self.path = path.expanduser()
        self.label = f"{option} {path}"
        self.previous = self._read_previous()

    def write(
        self,
        sessions: Sequence[CalendarSession],
        window: tuple[date, date],
        now: datetime,
    ) -> IcsReport:
        from icalendar import Calendar

        stamp = now.astimezone(UTC).replace(microsecond=0)
        old = {str(e.get("UID")): e for e in self.previous.walk("VEVENT")} if self.previous else {}
        events: list[Component] = []
        wanted: set[str] = set()
        for planned in sessions:
            fresh = _session_event(planned, stamp)
            wanted.add(str(fresh["UID"]))
            events.append(_carry_over(fresh, old.get(str(fresh["UID"]))))
        cancelled = 0
        for key, before in old.items():
            if key in wanted:
                continue
            fate = _fate(before, window)
            if fate == "cancel":
                events.append(_cancelled(before, stamp))
                cancelled += 1
            elif fate == "keep":
                events.append(before)
        calendar = Calendar()
        calendar.add("prodid", PRODID)
        calendar.add("version", "2.0")
        calendar.add("calscale", "GREGORIAN")
        calendar.add("x-wr-calname", CALENDAR_NAME)
        # How often a subscribed calendar app should look again (RFC 7986, and Outlook's name).
        calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", "PT6H")
        for component in sorted(events, key=lambda e: (_day(e) or date.min, str(e["UID"]))):
            calendar.add_component(component)
        data = calendar.to_ical()
        changed = self.previous is None or data != self.previous.to_ical()
        if changed:
            self._replace(data)
        return IcsReport(self.path, len(sessions), cancelled, changed)

    def _read_previous(self) -> Calendar | None:
        """The file as runlift wrote it last time (None when there is none yet).

        Only a regular file is read or written: a device (/dev/zero, /dev/full), a pipe or a
        link is refused before anything else, a file runlift did not write is never
        overwritten, and an event of it runlift cannot read back is left out of the new file.
        """
        from runlift.sync.safe_paths import PathRefused, check_writable_file, read_regular

        path = self.path
        try:
            check_writable_file(path)
        except PathRefused as exc:
            raise UserError(f"{self.label}: {exc}; runlift writes only a regular file") from None
        parent = path.parent if str(path.parent) else Path(".")
        if not parent.is_dir():
            raise UserError(f"{self.label}: folder {parent} does not exist")
        if not os.access(parent, os.W_OK | os.X_OK):
            raise UserError(f"{self.label}: folder {parent} is not writable")
        try:
            data = read_regular(path, MAX_BYTES)
        except FileNotFoundError:
            return None
        except PathRefused as exc:
            raise UserError(
                f"{self.label}: {exc}; not a calendar file runlift wrote, so runlift will not "
                "overwrite it"
            ) from None
        except OSError as exc:
            raise UserError(f"{self.label}: cannot read it ({exc.strerror or exc})") from None
        if not data.strip():
            # An empty file (made ready for runlift, say) holds nothing to lose.
            return None
        calendar = _own_calendar(data)
        if calendar is None:
            raise UserError(
                f"{self.label}: the file exists and is not a calendar runlift wrote; "
                "runlift will not overwrite it (choose another file)"
            )
        return calendar

    def _replace(self, data: bytes) -> None:
        from runlift.sync.files import atomic_write

        path = self.path
        # Readable by a web server or a calendar app that subscribes to it.
        mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
        try:
            atomic_write(path, data, mode)
        except OSError as exc:
            raise UserError(f"{self.label}: cannot write it ({exc.strerror or exc})") from None


def describe(planned: CalendarSession) -> str:
    lines = []
    for block in planned.session.blocks:
        amount = f"{block.reps} reps" if block.reps is not None else f"{block.hold_s} s"
        load = f" @ {block.load}" if block.load else ""
        lines.append(f"{block.name}: {block.sets} x {amount}{load}, rest {block.rest_s} s")
    if planned.reason:
        lines += ["", f"Why this day: {planned.reason}"]
    return "\n".join(lines)


def _session_event(planned: CalendarSession, stamp: datetime) -> Event:
    from icalendar import Event

    event = Event()
    event.add("uid", uid(planned.day, planned.session.label))
    event.add("dtstamp", stamp)
    event.add("dtstart", planned.day)
    event.add("dtend", planned.day + timedelta(days=1))
    event.add("summary", planned.session.name)
    event.add("description", describe(planned))
    event.add("categories", ["Strength"])
    event.add("transp", "TRANSPARENT")
    event.add("sequence", 0)
    return event


def _carry_over(event: Event, before: Component | None) -> Event:
    """The same session as last time keeps its stamp and SEQUENCE; a changed one counts up."""
    if before is None:
        return event
    same = _status(before) != CANCELLED and all(
        before.get(name) is not None and before[name].to_ical() == event[name].to_ical()
        for name in ("DTSTART", "DTEND", "SUMMARY", "DESCRIPTION")
    )
    _set_sequence(event, _sequence(before) + (0 if same else 1))
    if same and before.get("DTSTAMP") is not None:
        event["DTSTAMP"] = before["DTSTAMP"]
    return event


def _fate(event: Component, window: tuple[date, date]) -> str:
    """What becomes of a session of the previous file that this plan no longer holds."""
    start, end = window
    day = _day(event)
    if day is None or _status(event) == CANCELLED:
        return "drop"
    if start <= day <= end:
        return "cancel"
    if day > end or (start - day).days <= KEEP_PAST_DAYS:
        return "keep"
    return "drop"


def _cancelled(event: Component, stamp: datetime) -> Component:
    event.pop("STATUS", None)
    event.add("status", CANCELLED)
    _set_sequence(event, _sequence(event) + 1)
    event.pop("DTSTAMP", None)
    event.add("dtstamp", stamp)
    return event


def _own_calendar(data: bytes) -> Calendar | None:
    """The calendar runlift wrote in ``data`` (its events that cannot be read back left out),
    or None when ``data`` is not one."""
    from icalendar import Calendar

    from runlift.sync.providers.ics import ICALENDAR_ERRORS
    from runlift.sync.providers.ics_checks import check_size, event_problem, use_safe_time_zones

    text = data.decode("utf-8", errors="replace")
    try:
        check_size(text, "")
        use_safe_time_zones()
        with warnings.catch_warnings():  # icalendar warns about guessed zones, on stderr
            warnings.simplefilter("ignore")
            calendar = Calendar.from_ical(text)
    except (UserError, *ICALENDAR_ERRORS):
        return None
    if isinstance(calendar, list) or str(calendar.get("PRODID", "")) != PRODID:
        return None
    calendar.subcomponents[:] = [
        component
        for component in calendar.subcomponents
        if component.name != "VEVENT"
        or (isinstance(component.get("UID"), str) and not event_problem(component))
    ]
    return calendar


# RFC 5545's largest integer: a SEQUENCE there stays there.
MAX_SEQUENCE = 2**31 - 1


def _set_sequence(event: Component, value: int) -> None:
    event.pop("SEQUENCE", None)
    event.add("sequence", min(value, MAX_SEQUENCE))


def _sequence(event: Component) -> int:
    value = event.get("SEQUENCE", 0)
    if isinstance(value, bool) or not isinstance(value, int):
        return 0
    return max(0, min(value, MAX_SEQUENCE))


def _status(event: Component) -> str:
    return str(event.get("STATUS", "")).upper()


def _day(event: Component) -> date | None:
    start = event.get("DTSTART")
    value = getattr(start, "dt", None)
    if isinstance(value, datetime):
        return value.date()
    return value if isinstance(value, date) else None
