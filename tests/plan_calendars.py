"""Training-plan calendars written the way plan generators export them, built with icalendar.

A plan is a list of ``Item``: a date, a title and, for timed events, a start and a length in
minutes (plan generators give every run a fixed block such as 07:00-08:00); without a start
the item is an all-day event, the way Higdon-style calendars are written.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from runlift.sync.config import Config
from runlift.sync.model import DayKind, Plan, Run
from runlift.sync.planning import PlanRules, make_plan
from runlift.sync.providers.load import load_runs

BERLIN = ZoneInfo("Europe/Berlin")


@dataclass(frozen=True)
class Item:
    day: date
    title: str
    start: time | None = None
    minutes: int = 60
    description: str = ""


def ics_bytes(items: list[Item], name: str = "Training plan") -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Plan Generator//Export 1.0//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    for index, item in enumerate(items):
        event = Event()
        event.add("uid", f"{index}-{item.day.isoformat()}@plans.example.org")
        event.add("dtstamp", datetime(2026, 11, 1, 8, 0, tzinfo=ZoneInfo("UTC")))
        event.add("summary", item.title)
        if item.start is None:
            event.add("dtstart", item.day)
            event.add("dtend", item.day + timedelta(days=1))
        else:
            begin = datetime.combine(item.day, item.start, tzinfo=BERLIN)
            event.add("dtstart", begin)
            event.add("dtend", begin + timedelta(minutes=item.minutes))
        if item.description:
            event.add("description", item.description)
        calendar.add_component(event)
    return calendar.to_ical()


def write_plan(folder: Path, items: list[Item], name: str = "plan.ics") -> Path:
    path = folder / name
    path.write_bytes(ics_bytes(items))
    return path


def weekly(first_monday: date, weeks: list[list[str]], start: time | None = None) -> list[Item]:
    """One item a day from Monday for each week's seven titles ("" for no event that day)."""
    items = []
    for w, titles in enumerate(weeks):
        for d, title in enumerate(titles):
            if title:
                day = first_monday + timedelta(days=7 * w + d)
                items.append(Item(day, title, start))
    return items


def plan_from(path: Path, start: date, days: int, rules: PlanRules | None = None) -> Plan:
    config = Config(timezone="Europe/Berlin")
    end = start + timedelta(days=days - 1)
    runs = load_runs(config, "ics", start, end, runs=str(path))
    return make_plan(runs, start, days, rules or PlanRules())


def runs_from(path: Path, start: date, end: date) -> list[Run]:
    return load_runs(Config(timezone="Europe/Berlin"), "ics", start, end, runs=str(path))


def kinds(plan: Plan) -> dict[date, DayKind]:
    return {day.day: day.kind for day in plan.days}
