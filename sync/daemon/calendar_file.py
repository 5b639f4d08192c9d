"""`[daemon] ics_path`: after each sync, the sessions it placed as an iCalendar file."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from runlift.sync import clock
from runlift.sync.config import Config
from runlift.sync.ics_file import CalendarSession, IcsTarget

if TYPE_CHECKING:
    from runlift.sync.engine.desired import DesiredWorkout

SETTING = "daemon.ics_path"


def calendar_target(config: Config) -> IcsTarget | None:
    """The file to keep, checked; None when the setting is empty."""
    if not config.daemon.ics_path:
        return None
    return IcsTarget(Path(config.daemon.ics_path), option=f"{config.where()}{SETTING}")


def write_calendar_file(
    config: Config, desired: list[DesiredWorkout], window: tuple[date, date]
) -> str:
    """The sync's sessions, as it pushed them to Garmin, into the file; one line for the log."""
    target = calendar_target(config)
    if target is None:
        return ""
    sessions = [CalendarSession(d.day, d.session, d.reason) for d in desired if d.session]
    return target.write(sessions, window, clock.now()).summary()
