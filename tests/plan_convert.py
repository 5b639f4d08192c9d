"""Turn a plan published as a table or data file into the calendar runlift reads, word for word.

Each corpus plan that was not published as a calendar names its format under ``[convert]`` in
its ``plan.toml``; the converter reads the files under ``source/`` exactly as they were published
and writes ``calendar.ics``: one all-day event a day with the plan's own title and description
(the plan's unit kept, no word added or changed), week 1 starting on the Monday ``first_monday``,
so that nothing depends on today's date. Formats:

- ``calendar-hack``: a plan of nanreh/calendar-hack (``public/plans/json``), rendered as that
  generator's own iCal export renders it: ``{3:4.8}`` becomes "3 mi" in the plan's unit, and
  every week gets the export's all-day banner over its seven days ("Training Week 1 Distance:
  21 mi", "Final Training Week!").
- ``markdown-weeks``: a plan written as markdown, a heading a week (``week_heading``, a regular
  expression whose group is the week's number) and under it a bullet a day,
  ``- **<day>:** <session>``, the day as the plan abbreviates it (``days``, Monday first); the title
  is the session as written, only its markdown emphasis (``**``) taken away. A week's other lines
  (notes, rules) are not sessions; any other heading ends the week.
- ``android-strings``: an app's ``strings.xml`` holding a plan as ``w<week>d<day>`` strings; the
  sessions go on the ``weekdays`` given (the app only says "three days a week").
- ``mileage-table``: a table of daily distances (one row a week, Monday first) as in
  jtarchie/training-plans; the title is the cell as written, in the plan's ``unit``.

``python -m tests.plan_convert`` writes every converted plan's calendar again;
``tests/test_plan_corpus.py`` checks that the committed calendars are what this makes.
"""

from __future__ import annotations

import json
import re
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from tests.plan_corpus import CorpusPlan, load_plans

PRODID = "-//runlift//plan corpus converter//EN"


@dataclass(frozen=True)
class Entry:
    """One event of the converted calendar: ``days`` long from ``day`` (banners are longer)."""

    day: date
    title: str
    description: str = ""
    days: int = 1


def convert(plan: CorpusPlan) -> bytes:
    settings: dict[str, Any] = plan.meta["convert"]
    first_monday = date.fromisoformat(str(settings["first_monday"]))
    if first_monday.weekday() != 0:
        raise ValueError(f"{plan.name}: first_monday {first_monday} is not a Monday")
    reader = FORMATS[str(settings["format"])]
    entries = reader(plan.folder / "source", first_monday, settings)
    return calendar_bytes(plan.name, plan.title, entries, first_monday)


def calendar_bytes(name: str, title: str, entries: Iterable[Entry], stamp: date) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", title)
    for index, entry in enumerate(entries):
        event = Event()
        event.add("uid", f"{name}-{index:04d}@plans.runlift.invalid")
        event.add("dtstamp", datetime.combine(stamp, datetime.min.time(), ZoneInfo("UTC")))
        event.add("summary", entry.title)
        event.add("dtstart", entry.day)
        event.add("dtend", entry.day + timedelta(days=entry.days))
        if entry.description:
            event.add("description", entry.description)
        calendar.add_component(event)
    return calendar.to_ical()


# --- calendar-hack -----------------------------------------------------------------------------

_CH_TOKEN = re.compile(
    r"\{(?P<range>\d+-\d+:\d+-\d+)\}"
    r"|\{(?P<conversion>\d+(?:\.\d+)?:\d+(?:\.\d+)?)\}"
    r"|\{(?P<single>\d+(?:\.\d+)?)\}"
)


def _ch_number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def _ch_distance(values: list[float], unit: str) -> str:
    return "-".join(_ch_number(value) for value in values) + " " + unit


def _ch_render(text: str, unit: str) -> str:
    """A title or description as calendar-hack shows it when the plan's own unit is chosen."""

    def one(match: re.Match[str]) -> str:
        if match["range"]:
            low, high = match["range"].split(":")[0].split("-")
            return _ch_distance([float(low), float(high)], unit)
        if match["conversion"]:
            return _ch_distance([float(match["conversion"].split(":")[0])], unit)
        return _ch_distance([float(match["single"])], unit)

    return _CH_TOKEN.sub(one, text)


def _ch_week_distance(workouts: list[dict[str, Any]]) -> list[float]:
    low = high = 0.0
    ranged = False
    for workout in workouts:
        distance = workout.get("distance")
        if isinstance(distance, list) and len(distance) == 2:
            low, high, ranged = low + distance[0], high + distance[1], True
        elif isinstance(distance, int | float) and distance:
            low, high = low + distance, high + distance
    return [low, high] if ranged else [high]


def read_calendar_hack(source: Path, first_monday: date, settings: dict[str, Any]) -> list[Entry]:
    (path,) = sorted(source.glob("*.json"))
    plan = json.loads(path.read_text(encoding="utf-8"))
    unit = plan["units"]
    weeks = plan["schedule"]
    workouts = [workout for week in weeks for workout in week["workouts"]]
    entries = []
    for number in range(len(weeks)):
        monday = first_monday + timedelta(weeks=number)
        banner = (
            "Final Training Week!" if number == len(weeks) - 1 else f"Training Week {number + 1}"
        )
        distance = _ch_week_distance(workouts[7 * number : 7 * number + 7])
        if distance[0] > 0:
            banner += " Distance: " + _ch_distance(distance, unit)
        entries.append(Entry(monday, banner, banner, days=7))
        for offset, workout in enumerate(workouts[7 * number : 7 * number + 7]):
            title = _ch_render(workout["title"], unit)
            description = _ch_render(workout.get("description") or "", unit)
            if not description.strip():
                description = title
            entries.append(Entry(monday + timedelta(days=offset), title, description))
    return entries


# --- markdown-weeks --------------------------------------------------------------------------

_MD_HEADING = re.compile(r"^#{1,6}\s")
_MD_DAY = re.compile(r"^\s*[-*]\s+\*\*(?P<day>[^*]+?):\*\*\s*(?P<session>.*?)\s*$")


def read_markdown_weeks(source: Path, first_monday: date, settings: dict[str, Any]) -> list[Entry]:
    (path,) = sorted(source.glob("*.md"))
    week_heading = re.compile(str(settings["week_heading"]))
    days = [str(day) for day in settings["days"]]
    if len(days) != 7:
        raise ValueError(f"{path}: days names {len(days)} days of the week, not 7")
    entries: list[Entry] = []
    week: int | None = None
    seen: set[str] = set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if heading := week_heading.match(line):
            week, seen = int(heading[1]), set()
            last = max((entry.day for entry in entries), default=None)
            if week < 1 or (last and first_monday + timedelta(weeks=week - 1) <= last):
                raise ValueError(f"{path}:{number}: week {week} is out of order")
        elif _MD_HEADING.match(line):
            week = None
        elif week is not None and (bullet := _MD_DAY.match(line)) and bullet["day"] in days:
            if bullet["day"] in seen:
                raise ValueError(f"{path}:{number}: {bullet['day']} twice in week {week}")
            seen.add(bullet["day"])
            day = first_monday + timedelta(weeks=week - 1, days=days.index(bullet["day"]))
            entries.append(Entry(day, bullet["session"].replace("**", "").strip()))
    if not entries:
        raise ValueError(f"{path}: no week heading matches {week_heading.pattern!r}")
    return entries


# --- android-strings ---------------------------------------------------------------------------

_SESSION_KEY = re.compile(r"^w(?P<week>\d+)d(?P<day>\d+)$")


def _android_text(raw: str) -> str:
    """An Android string resource's text: its escapes (``\\n``, ``\\'``) resolved."""
    return re.sub(r"\\(.)", lambda m: "\n" if m[1] == "n" else m[1], raw)


def read_android_strings(source: Path, first_monday: date, settings: dict[str, Any]) -> list[Entry]:
    (path,) = sorted(source.glob("*.xml"))
    weekdays = [int(day) for day in settings["weekdays"]]
    entries = []
    for element in ET.parse(path).getroot().iter("string"):
        if m := _SESSION_KEY.match(element.get("name", "")):
            day = first_monday + timedelta(
                weeks=int(m["week"]) - 1, days=weekdays[int(m["day"]) - 1]
            )
            entries.append(Entry(day, _android_text(element.text or "")))
    return sorted(entries, key=lambda entry: entry.day)


# --- mileage-table -----------------------------------------------------------------------------

_MILEAGE_ROW = re.compile(r"\[\s*([0-9.\s,]+?)\s*\]")


def read_mileage_table(source: Path, first_monday: date, settings: dict[str, Any]) -> list[Entry]:
    (path,) = sorted(p for p in source.iterdir() if p.is_file())
    table = path.read_text(encoding="utf-8")
    rows = [
        [cell.strip() for cell in m[1].split(",")]
        for m in _MILEAGE_ROW.finditer(table[table.index("mileage:") :])
    ]
    entries = []
    for week, row in enumerate(rows):
        if len(row) != 7:
            raise ValueError(f"{path}: week {week + 1} has {len(row)} days")
        for offset, cell in enumerate(row):
            entries.append(Entry(first_monday + timedelta(weeks=week, days=offset), cell))
    return entries


Reader = Callable[[Path, date, dict[str, Any]], list[Entry]]
FORMATS: dict[str, Reader] = {
    "calendar-hack": read_calendar_hack,
    "android-strings": read_android_strings,
    "mileage-table": read_mileage_table,
    "markdown-weeks": read_markdown_weeks,
}


def main(names: list[str]) -> int:
    for plan in load_plans():
        if plan.converted and (not names or plan.name in names):
            plan.calendar.write_bytes(convert(plan))
            print(f"{plan.name}: {plan.calendar.relative_to(plan.folder.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
