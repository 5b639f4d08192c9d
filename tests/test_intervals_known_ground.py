"""intervals.icu events as the athlete writes them, read over loopback with the real httpx client.

Absolute paces ("4:00/km" is stored as seconds per km), races whose length is in
``distance_target``, and the days the athlete cannot train (SICK, INJURED, HOLIDAY events, one
day or several: ``end_date_local`` on a later day).
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from runlift.sync.cli import main
from runlift.sync.intervals.events import event_days, read_events
from runlift.sync.model import DayKind
from runlift.sync.planning.rules import PlanRules
from tests.fakes.intervals import FakeIntervals, pace, repeat, step, workout_doc

MONDAY = date(2026, 11, 23)


def day(offset: int) -> date:
    return MONDAY + timedelta(days=offset)


def write_config(
    tmp_path: Path, fake: FakeIntervals, extra: str = "", periodize: bool = False
) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(
        f"[plan]\nperiodize = {'true' if periodize else 'false'}\n"
        f'[intervals]\nbase_url = "{fake.url}"\ntimeout_seconds = 2.0\n{extra}'
    )
    return path


@pytest.fixture
def key(monkeypatch: pytest.MonkeyPatch, fake_intervals: FakeIntervals) -> str:
    monkeypatch.setenv("INTERVALS_API_KEY", fake_intervals.api_key)
    return fake_intervals.api_key


def plan(capsys, config: Path, days: int = 14) -> dict:
    args = ["plan", "--source", "intervals", "--start", MONDAY.isoformat(), "--days", str(days)]
    assert main([*args, "--json", "--config", str(config)]) == 0
    return json.loads(capsys.readouterr().out)


def by_day(shown: dict) -> dict[date, dict]:
    return {date.fromisoformat(d["date"]): d for d in shown["days"]}


def sessions(shown: dict) -> set[date]:
    return {date.fromisoformat(s["date"]) for s in shown["sessions"]}


def easy_weeks(fake: FakeIntervals, weeks: int = 2, skip: tuple[int, ...] = ()) -> None:
    """An easy run every day but Sunday's long run: strength could go on any weekday."""
    for offset in range(7 * weeks):
        if offset in skip:
            continue
        if offset % 7 == 6:
            fake.add_event(day(offset), "Long run", moving_time=2 * 3600, distance=24_000.0)
        else:
            fake.add_event(day(offset), "Easy run", moving_time=2400, distance=6_500.0)


def test_km_repeats_at_an_absolute_pace_are_quality_and_keep_strength_off_the_day_before(
    capsys, tmp_path: Path, key: str, fake_intervals: FakeIntervals
) -> None:
    """The issue's example: 5 x 1 km at 3:50-4:00/km, written as an absolute pace, by an athlete
    with no threshold pace set (the doc carries none)."""
    easy_weeks(fake_intervals, skip=(3,))
    fake_intervals.add_event(
        day(3),
        "Thursday run",
        moving_time=3600,
        workout_doc=workout_doc(
            step(900, warmup=True, pace={"start": 345.0, "end": 330.0, "units": "secs/km"}),
            repeat(5, step(metres=1000, pace={"start": 240.0, "end": 230.0, "units": "secs/km"})),
            step(600, cooldown=True, pace={"value": 345.0, "units": "secs/km"}),
            threshold_pace=None,
        ),
    )
    shown = plan(capsys, write_config(tmp_path, fake_intervals))
    days = by_day(shown)
    assert days[day(3)]["kind"] == "quality"
    assert "5 work intervals" in days[day(3)]["reason"]
    assert not sessions(shown) & {day(2), day(3)}


@pytest.mark.parametrize("units", ["secs/mile", "secs/100m", "secs/500m"])
def test_repeats_against_the_jog_between_them_in_other_units_are_quality(
    capsys, tmp_path: Path, key: str, fake_intervals: FakeIntervals, units: str
) -> None:
    easy_weeks(fake_intervals, skip=(1,))
    fake_intervals.add_event(
        day(1),
        "Tuesday run",
        moving_time=3000,
        workout_doc=workout_doc(
            repeat(6, step(180, pace=pace(4.6, units, 0.03)), step(120, pace=pace(2.8, units))),
            threshold_pace=None,
        ),
    )
    days = by_day(plan(capsys, write_config(tmp_path, fake_intervals)))
    assert days[day(1)]["kind"] == "quality"


@pytest.mark.parametrize(
    ("target", "recovery"),
    [
        (42_195.0, PlanRules().recovery_days_marathon),
        (10_000.0, PlanRules().recovery_days_10k),
        (None, PlanRules().recovery_days_half),  # no length anywhere: the default
    ],
)
def test_a_race_with_only_distance_target_gets_the_recovery_of_its_distance(
    capsys,
    tmp_path: Path,
    key: str,
    fake_intervals: FakeIntervals,
    target: float | None,
    recovery: int,
) -> None:
    """No distance and no length in the name: the race's length is in ``distance_target``."""
    easy_weeks(fake_intervals, skip=(1,))
    fake_intervals.add_event(
        day(1), "Spring race", category="RACE_A", distance=None, distance_target=target
    )
    shown = plan(capsys, write_config(tmp_path, fake_intervals, periodize=True))
    days = by_day(shown)
    assert days[day(1)]["runs"][0]["distance_m"] == target
    recovering = [day(1 + n) for n in range(1, recovery + 1)]
    assert (
        f"recovery after the race on Tue {day(1)} ({recovery} days)"
        in (days[recovering[0]]["skip_reason"])
    )
    assert not sessions(shown) & set(recovering)
    assert "recovery" not in days[day(2 + recovery)]["skip_reason"]


@pytest.mark.parametrize("category", ["SICK", "INJURED"])
def test_sick_and_injured_days_get_no_session_every_day_the_event_lasts(
    capsys, tmp_path: Path, key: str, fake_intervals: FakeIntervals, category: str
) -> None:
    easy_weeks(fake_intervals)
    fake_intervals.add_event(day(0), "Flu", category=category, type=None, last_day=day(3))
    fake_intervals.add_event(day(9), category.title(), category=category, type=None)
    shown = plan(capsys, write_config(tmp_path, fake_intervals))
    off = {day(n) for n in (0, 1, 2, 3, 9)}
    assert not sessions(shown) & off
    days = by_day(shown)
    for each in off:
        assert category.lower() in days[each]["skip_reason"], each
        assert days[each]["off"]
    assert days[day(4)]["off"] is None  # the day after the event ends
    assert len(sessions(shown) & {day(n) for n in range(7, 14)}) == 2  # the week off day 9


def test_a_sick_stretch_that_began_before_the_window_still_covers_its_days(
    capsys, tmp_path: Path, key: str, fake_intervals: FakeIntervals
) -> None:
    easy_weeks(fake_intervals)
    fake_intervals.add_event(day(-12), "Covid", category="SICK", type=None, last_day=day(2))
    shown = plan(capsys, write_config(tmp_path, fake_intervals))
    assert not sessions(shown) & {day(0), day(1), day(2)}
    assert by_day(shown)[day(2)]["off"] and by_day(shown)[day(3)]["off"] is None


@pytest.mark.parametrize("lift_away", [False, True])
def test_holiday_days_get_no_session_unless_the_athlete_lifts_while_away(
    capsys, tmp_path: Path, key: str, fake_intervals: FakeIntervals, lift_away: bool
) -> None:
    # No runs that week: every day would do, so the holiday alone decides.
    for offset in range(7, 14):
        fake_intervals.add_event(day(offset), "Easy run", moving_time=2400)
    fake_intervals.add_event(day(0), "Canaries", category="HOLIDAY", type=None, last_day=day(6))
    extra = f"strength_on_holiday = {'true' if lift_away else 'false'}\n"
    shown = plan(capsys, write_config(tmp_path, fake_intervals, extra))
    first_week = {day(n) for n in range(7)}
    assert bool(sessions(shown) & first_week) is lift_away


@pytest.mark.parametrize(
    ("end", "covered"),
    [
        ("2026-11-24T00:00:00", 1),  # as recorded: a one-day event ends at midnight after it
        ("2026-11-27T00:00:00", 4),
        ("2026-11-25T12:30:00", 3),  # an end during a day includes that day
        ("2026-11-20T00:00:00", 1),  # an end before the start: the start day
        ("soon", 1),
        (None, 1),
        ("2031-01-01T00:00:00", 366),  # a stretch of years is read as a year at most
    ],
)
def test_an_event_covers_the_days_to_its_end(end: str | None, covered: int) -> None:
    event = FakeIntervals().add_event(MONDAY, "Flu", category="SICK", type=None)
    event["end_date_local"] = end
    days = event_days(event)
    assert days == [MONDAY + timedelta(days=n) for n in range(covered)]
    runs = read_events(event)
    assert [r.day for r in runs] == days and {r.kind for r in runs} == {DayKind.OFF}


def test_a_note_without_steps_and_a_race_by_time_target_are_read() -> None:
    fake = FakeIntervals()
    note = fake.add_event(MONDAY, "Rest day", category="NOTE", type=None)
    assert note["workout_doc"] is None  # as recorded
    (rest,) = read_events(note)
    assert rest.kind is DayKind.REST
    race = fake.add_event(MONDAY, "Night race", category="RACE_B", distance=None, time_target=5400)
    (read,) = read_events(race)
    assert (read.kind, read.duration_s, read.distance_m) == (DayKind.RACE, 5400.0, None)
    holiday = fake.add_event(MONDAY, "Away", category="HOLIDAY", type=None)
    assert read_events(holiday, strength_on_holiday=True) == []
    assert [r.reason for r in read_events(holiday)] == ["on holiday on intervals.icu (Away)"]
