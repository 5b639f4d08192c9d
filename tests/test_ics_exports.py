"""Whole calendars in the style other tools export, read end to end: which days are what.

Each calendar is one week from Monday 2026-11-23, written the way that kind of tool writes
(all-day plan items with planned times in the description, bullet titles with distances,
workout-builder syntax with zones, a personal calendar where runs sit between meetings).
"""

from datetime import date, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from runlift.sync.model import DayKind
from runlift.sync.planning import PlanRules, make_plan
from runlift.sync.providers.ics import IcsProvider

MON = date(2026, 11, 23)


def allday(offset: int, summary: str, description: str = "", extra: str = "") -> str:
    day = (MON + timedelta(days=offset)).strftime("%Y%m%d")
    lines = [
        "BEGIN:VEVENT",
        f"UID:{offset}-{abs(hash(summary))}@export",
        "DTSTAMP:20261120T080000Z",
        f"DTSTART;VALUE=DATE:{day}",
        f"SUMMARY:{summary}",
    ]
    if description:
        lines.append(f"DESCRIPTION:{description}")
    if extra:
        lines.append(extra)
    return "\r\n".join([*lines, "END:VEVENT"])


def timed(offset: int, start: str, end: str, summary: str, extra: str = "") -> str:
    day = (MON + timedelta(days=offset)).strftime("%Y%m%d")
    lines = [
        "BEGIN:VEVENT",
        f"UID:{offset}-{start}-{abs(hash(summary))}@export",
        "DTSTAMP:20261120T080000Z",
        f"DTSTART;TZID=Europe/Berlin:{day}T{start}00",
        f"DTEND;TZID=Europe/Berlin:{day}T{end}00",
        f"SUMMARY:{summary}",
    ]
    if extra:
        lines.append(extra)
    return "\r\n".join([*lines, "END:VEVENT"])


def kinds_of(tmp_path: Path, *events: str) -> str:
    text = "\r\n".join(
        ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//export//EN", *events, "END:VCALENDAR", ""]
    )
    path = tmp_path / "export.ics"
    path.write_text(text, encoding="utf-8", newline="")
    runs = IcsProvider(str(path), ZoneInfo("Europe/Berlin")).upcoming_runs(
        MON - timedelta(days=1), MON + timedelta(days=14)
    )
    plan = make_plan(runs, MON, 7, PlanRules())
    assert all(
        d.kind not in (DayKind.QUALITY, DayKind.LONG)
        for d in plan.days
        if d.day in {s.day for s in plan.sessions}
    )
    return " ".join(str(d.kind) for d in plan.days)


def test_a_coaching_platform_plan_with_planned_times_in_the_description(tmp_path: Path) -> None:
    kinds = kinds_of(
        tmp_path,
        allday(0, "Day Off", "Rest and recover."),
        allday(
            1,
            "Cruise Intervals",
            "WU 15', 4 x 6' @ threshold w/ 1' jog, CD 10'\\nPlanned Time: 1:05:00",
        ),
        allday(1, "Strength Training", "Core and hips, 30'"),
        allday(2, "Aerobic Endurance Run", "Planned Time: 0:50:00\\nPlanned Distance: 8.0 km"),
        allday(3, "Speed Play", "Fartlek: 10 x 1' on / 1' off"),
        allday(4, "Bike Endurance", "Planned Time: 1:00:00"),
        allday(5, "Recovery Run + Strides", "Planned Time: 0:35:00"),
        allday(6, "Long Run", "Planned Time: 1:45:00\\nPlanned Distance: 18.0 km"),
    )
    assert kinds == "rest quality easy quality rest easy long"


def test_an_app_plan_with_bullet_titles_and_distances(tmp_path: Path) -> None:
    kinds = kinds_of(
        tmp_path,
        allday(0, "Easy Run • 6km", "6km at a conversational pace (6:15/km)"),
        allday(1, "Intervals • 10 x 400m", "2km warm up, 10 x 400m at 4:30/km, 2km cool down"),
        allday(3, "Tempo • 8km", "2km easy, 4km at 5:05/km, 2km easy"),
        allday(5, "Easy Run • 5km", ""),
        allday(6, "Long Run • 16km", "Keep it steady"),
    )
    assert kinds == "easy quality rest quality rest easy long"


def test_a_workout_builder_calendar_with_zone_syntax(tmp_path: Path) -> None:
    kinds = kinds_of(
        tmp_path,
        allday(0, "Endurance 45m", "- 45m Z2 Pace", "CATEGORIES:WORKOUT"),
        allday(1, "VO2 5x3m", "Warmup\\n- 15m Z2\\nMain Set 5x\\n- 3m Z5\\n- 3m Z1\\n- 10m Z1"),
        allday(2, "Sweet Spot 3x15m", "Workout type: Ride\\n3x\\n- 15m 90%"),
        allday(3, "Recovery 30m", "- 30m Z1 HR"),
        allday(4, "Run", "Warmup\\n- 10m 75% Pace\\n4x\\n- 8m 98-102% Pace\\n- 2m 70% Pace"),
        allday(5, "Easy 40m with strides", "- 34m Z2\\n6x\\n- 20s Z6\\n- 40s Z1"),
        allday(6, "Long Run 1h50m", "- 110m Z2"),
    )
    assert kinds == "easy quality rest easy quality easy long"


def test_a_personal_calendar_where_runs_sit_between_life(tmp_path: Path) -> None:
    kinds = kinds_of(
        tmp_path,
        timed(0, "0900", "0915", "Standup", "RRULE:FREQ=DAILY;COUNT=5"),
        timed(0, "1000", "1100", "Sprint planning"),
        timed(1, "0700", "0800", "Run 🏃"),
        timed(1, "1830", "1930", "Track session with club"),
        timed(2, "1200", "1300", "Long lunch with Anna"),
        timed(2, "1700", "1745", "Dentist"),
        timed(3, "0700", "0800", "Run 🏃"),
        timed(4, "1800", "1900", "Gym"),
        allday(5, "Parkrun"),
        timed(6, "0800", "1030", "Long run with the club"),
    )
    assert kinds == "rest quality rest easy rest quality long"


def test_a_german_personal_calendar(tmp_path: Path) -> None:
    kinds = kinds_of(
        tmp_path,
        timed(0, "1830", "1930", "Lauftreff locker"),
        timed(1, "1800", "1900", "Intervalle auf der Bahn 6x1000"),
        timed(2, "0800", "0900", "Zahnarzt"),
        timed(2, "1800", "1930", "Rad-Ausfahrt"),
        timed(3, "0630", "0715", "Joggen"),
        timed(4, "1900", "2000", "Schwimmen"),
        allday(5, "Ruhetag"),
        timed(6, "0900", "1130", "Langer Lauf 25 km"),
    )
    assert kinds == "easy quality rest easy rest rest long"


@pytest.mark.parametrize(
    ("summary", "kind"),
    [
        ("Race: Valencia Marathon", "race"),
        ("Race Day 🏁", "race"),
        ("Berliner Halbmarathon", "race"),
        ("Wettkampf 10 km", "race"),
        ("Semi-marathon de Boulogne", "race"),
    ],
)
def test_race_events_in_a_training_calendar(tmp_path: Path, summary: str, kind: str) -> None:
    kinds = kinds_of(
        tmp_path,
        allday(0, "Easy 30 min"),
        allday(1, "Intervals 5 x 1 km"),
        allday(3, "Easy 40 min"),
        allday(6, summary),
    )
    assert kinds.split()[-1] == kind
