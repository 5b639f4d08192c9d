"""The built-in sample plan is a realistic calendar and stays useful on any day it is run."""

from dataclasses import replace
from datetime import date, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from runlift.sync.config import Config
from runlift.sync.model import DayKind, Phase
from runlift.sync.planning import PlanRules, make_plan
from runlift.sync.planning.events import EventKind, event_kind
from runlift.sync.providers import demo
from runlift.sync.providers.load import load_runs
from runlift.workouts.volume import Volume


def test_the_packaged_file_is_a_half_marathon_block_with_what_real_calendars_hold() -> None:
    calendar = Calendar.from_ical(demo.calendar_bytes())
    events = list(calendar.walk("VEVENT"))
    titles = [str(e["SUMMARY"]) for e in events]
    assert any("Intervals" in t for t in titles)
    assert any("Tempo" in t for t in titles)
    assert any("Long run" in t for t in titles)
    assert any("strides" in t for t in titles)
    assert any(t == "Rest day" for t in titles)
    assert any("Half Marathon" in t for t in titles)
    recurring = [e for e in events if "RRULE" in e]
    assert any("EXDATE" in e for e in recurring)
    assert any("RECURRENCE-ID" in e for e in events)
    assert any(event_kind(t) is EventKind.OTHER for t in titles)


@pytest.mark.parametrize(
    "start",
    [
        date(2026, 11, 23),  # the day this was written, a Monday
        date(2026, 11, 25),
        date(2027, 3, 27),  # across the European clock change
        date(2029, 7, 1),  # a Sunday
        date(2035, 1, 1),
    ],
)
def test_the_demo_shows_a_base_week_then_the_peak_taper_and_race_whenever_it_runs(
    start: date,
) -> None:
    config = Config(timezone="Europe/Berlin")
    rules = PlanRules()
    days = 63
    end = start + timedelta(days=days - 1)
    runs = load_runs(config, "demo", start, end)
    plan = make_plan(runs, start, days, rules)
    kinds = {d.day: d.kind for d in plan.days}
    race = demo.race_day(start)
    assert race.weekday() == 6 and 7 * 8 - 1 <= (race - start).days <= 7 * 9 - 1
    assert [r.day for r in runs if r.kind is DayKind.RACE] == [race]
    assert {DayKind.QUALITY, DayKind.EASY, DayKind.REST} <= set(kinds.values())
    assert kinds.get(race, DayKind.RACE) is DayKind.RACE
    phases = [week.phase for week in plan.weeks]
    assert phases[0] is Phase.BASE
    assert phases.count(Phase.PEAK) == rules.peak_weeks
    assert Phase.TAPER in phases
    first_week = [s for s in plan.sessions if s.day < start + timedelta(days=7)]
    assert first_week  # `runlift export --demo` writes that week's sessions
    assert all(s.volume is Volume.FULL for s in first_week)
    assert all(kinds[s.day] not in (DayKind.QUALITY, DayKind.LONG) for s in plan.sessions)
    assert all(not 0 < (race - s.day).days <= 7 for s in plan.sessions)


def test_the_demo_dates_are_the_files_own_for_the_week_it_was_written_in() -> None:
    assert demo.shift_weeks(date(2026, 10, 12)) == 0
    runs = load_runs(Config(), "demo", date(2026, 10, 12), date(2026, 10, 25))
    assert (date(2026, 12, 6), "Nikolaus Half Marathon") in {(r.day, r.title) for r in runs}


def test_the_demo_is_the_same_in_any_time_zone() -> None:
    start, end = date(2026, 11, 23), date(2026, 12, 6)
    plans = [
        make_plan(load_runs(Config(timezone=zone), "demo", start, end), start, 14, PlanRules())
        for zone in ("Pacific/Kiritimati", "Pacific/Pago_Pago", "Europe/Berlin")
    ]
    # The runs are all-day events; the timed swim (not a run) is on its local day in each zone.
    runs_only = [
        replace(
            plan,
            days=tuple(
                replace(day, runs=tuple(r for r in day.runs if r.kind is not DayKind.NOT_A_RUN))
                for day in plan.days
            ),
        )
        for plan in plans
    ]
    assert runs_only[0] == runs_only[1] == runs_only[2]
    swims = [
        [
            (d.day.weekday(), r.title)
            for d in plan.days
            for r in d.runs
            if r.kind is DayKind.NOT_A_RUN
        ]
        for plan in plans
    ]
    assert [len(found) for found in swims] == [2, 2, 2]
    assert {title for found in swims for _, title in found} == {"Masters swim"}
    assert ZoneInfo("Pacific/Kiritimati")  # the zones exist on this system
