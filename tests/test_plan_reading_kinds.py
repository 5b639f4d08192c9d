"""The seven kinds of misreading of issue 21, each on real plans of the corpus's tuning half.

Each test reads a published plan the way a runner does (`runlift plan --runs CALENDAR --json`,
in the plan's time zone) and checks the days a coach reads one way (the plan's labels,
docs/plan-labels.md). Only tuning-half plans appear here: the check half measures the reading
(bench/plan_reading.py) and is never tuned on, nor tested day by day.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar

from runlift.sync.cli import main
from tests.plan_corpus import CORPUS as PLANS
from tests.plan_corpus import TUNING, CorpusPlan, load_plan


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("RUNLIFT_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def tuning_plan(name: str) -> CorpusPlan:
    plan = load_plan(PLANS / name)
    assert plan.half == TUNING, f"{name} is a check-half plan: tests read the tuning half only"
    return plan


def read(
    plan: CorpusPlan,
    start: date,
    days: int,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    extra: str = "",
) -> dict[str, Any]:
    config = tmp_path / "config.toml"
    config.write_text(f'timezone = "{plan.timezone}"\n{extra}', encoding="utf-8")
    argv = ["plan", "--runs", str(plan.calendar), "--start", start.isoformat()]
    assert main([*argv, "--days", str(days), "--json", "--config", str(config)]) == 0
    shown: dict[str, Any] = json.loads(capsys.readouterr().out)
    return shown


def kinds(shown: dict[str, Any]) -> dict[date, str]:
    return {date.fromisoformat(d["date"]): d["kind"] for d in shown["days"]}


def labelled(plan: CorpusPlan, day: date) -> str:
    return plan.labels[day].run_kind


def session_days(shown: dict[str, Any]) -> list[date]:
    return [date.fromisoformat(s["date"]) for s in shown["sessions"]]


# --- 1. A race not called a race ---------------------------------------------------------------


def test_a_plan_that_ends_with_its_end_ends_on_its_race(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Hansons Beginner: the last entry is "Plan Ends", on the marathon's Sunday.
    plan = tuning_plan("en-calendarhack-hansons-beg-mara")
    race = date(2027, 5, 9)
    shown = read(plan, race - timedelta(days=13), 14, tmp_path, capsys)
    assert kinds(shown)[race] == labelled(plan, race) == "race"
    assert race not in session_days(shown)


def test_races_inside_a_plan_written_as_a_distance_are_races(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Higdon Novice 1: "Half Marathon\n(13.1 mi)" in week 8, without the word race.
    plan = tuning_plan("en-calendarhack-higdon-nov-mara1")
    race = date(2027, 2, 28)
    shown = read(plan, race - timedelta(days=6), 7, tmp_path, capsys)
    assert kinds(shown)[race] == labelled(plan, race) == "race"


# --- 2. Reminders, placeholders and banners -------------------------------------------------------


def test_a_week_long_banner_is_no_run_and_the_days_under_it_read_their_own_entries(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Higdon Half 3: "Training Week 1 Distance: 13 mi" is an all-day event over the week.
    plan = tuning_plan("en-calendarhack-higdon-half3")
    monday = date(2027, 1, 4)
    shown = read(plan, monday, 7, tmp_path, capsys)
    banners = [i for i in shown["ignored"] if i["title"].startswith("Training Week 1")]
    assert banners == [
        {
            "date": "2027-01-04",
            "title": "Training Week 1 Distance: 13 mi",
            "reason": "an all-day event over 7 days: a banner, not a run",
        }
    ]
    got = kinds(shown)
    assert [got[monday + timedelta(days=i)] for i in range(7)] == [
        labelled(plan, monday + timedelta(days=i)) for i in range(7)
    ]


# --- 3. Combined entries ------------------------------------------------------------------------


def test_rest_or_a_run_is_the_run_and_a_run_walk_is_easy(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Higdon 5K Novice: "Rest or Run/Walk" on Mondays and Wednesdays is an optional easy run.
    plan = tuning_plan("en-calendarhack-higdon-nov-5k")
    monday = date(2027, 1, 4)
    shown = read(plan, monday, 7, tmp_path, capsys)
    got = kinds(shown)
    for day in (monday, monday + timedelta(days=2)):
        assert got[day] == labelled(plan, day) == "easy"


def test_off_day_or_cross_training_or_strength_is_the_plans_strength_day(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = tuning_plan("en-calendarhack-boston-level-two")
    day = date(2027, 1, 5)
    shown = read(plan, day - timedelta(days=1), 7, tmp_path, capsys)
    reading = next(d for d in shown["days"] if d["date"] == day.isoformat())
    assert plan.labels[day].strength
    assert reading["plan_strength"] == "Off Day or Cross Training or Strength Training"
    assert day in session_days(shown)


# --- 4. Quality missed, or invented ---------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "day"),
    [
        ("en-calendarhack-mee-wind-12", date(2027, 1, 9)),  # "5-6 mi at 85% 5k"
        ("en-calendarhack-mee-wind-12", date(2027, 1, 16)),  # "10-11 mi at 75-80% 5k": steady
        ("en-calendarhack-mee-wind-12", date(2027, 1, 15)),  # easy with strides
        ("en-calendarhack-mee-wind-12", date(2027, 2, 20)),  # "18-19 mi at 90% MP": long
        ("en-calendarhack-higdon-half3", date(2027, 1, 5)),  # "4 mi run"
        ("en-calendarhack-boston-level-two", date(2027, 2, 14)),  # "Marathon Simulation": long
        ("de-openc25k", date(2027, 1, 18)),  # "zwei Wiederholungen": run/walk, easy
        ("en-calendarhack-c25k-rbp", date(2027, 1, 4)),  # words only in the description
    ],
)
def test_workouts_by_pace_and_easy_runs_with_speed_words_read_as_a_coach_reads_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, day: date
) -> None:
    plan = tuning_plan(name)
    monday = day - timedelta(days=day.weekday())
    shown = read(plan, monday, 7, tmp_path, capsys)
    assert kinds(shown)[day] == labelled(plan, day)


def test_higdons_pace_runs_are_workouts_and_strength_stays_off_the_day_before(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = tuning_plan("en-calendarhack-higdon-int-half2")
    first = min(plan.labels)
    shown = read(plan, first, 84, tmp_path, capsys)
    got = kinds(shown)
    pace_days = [d for d in got if plan.labels[d].run_kind == "quality"]
    assert pace_days and all(got[d] == "quality" for d in pace_days)
    for session in shown["sessions"]:
        after = date.fromisoformat(session["date"]) + timedelta(days=1)
        if after in plan.labels and plan.labels[after].hard:
            assert session["relaxed"], f"{session['date']} is the day before a hard day"


# --- 5. Long runs judged against the week, not fixed numbers --------------------------------------


@pytest.mark.parametrize(
    ("name", "day", "kind"),
    [
        ("en-calendarhack-hansons-adv-mara", date(2027, 1, 10), "long"),  # "8 mi Easy" Sunday
        ("en-calendarhack-higdon-half3", date(2027, 1, 16), "long"),  # "6 mi run"
        ("en-calendarhack-higdon-nov-mara1", date(2027, 3, 17), "easy"),  # "8 mi run" midweek
        ("en-calendarhack-boston-level-four", date(2027, 5, 16), "easy"),  # "8-11 mile Easy Run"
    ],
)
def test_the_weeks_longest_run_by_far_is_its_long_run_and_no_other(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, day: date, kind: str
) -> None:
    plan = tuning_plan(name)
    monday = day - timedelta(days=day.weekday())
    shown = read(plan, monday, 7, tmp_path, capsys)
    assert kinds(shown)[day] == labelled(plan, day) == kind


# --- 6. Runs that are only numbers ----------------------------------------------------------------


def test_a_plan_of_bare_distances_reads_them_as_runs_and_its_5k_as_a_distance(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A runner's calendar from their coach's spreadsheet: "4k", "6k", "5k", "7k - Road Hammer
    # Practice", "OFF".
    plan = tuning_plan("en-roadhammers-winter")
    first, last = plan.spans[0]
    shown = read(plan, first, (last - first).days + 1, tmp_path, capsys)
    got = kinds(shown)
    assert got[date(2019, 1, 3)] == labelled(plan, date(2019, 1, 3)) == "easy"  # "4k"
    assert got[date(2019, 1, 6)] == labelled(plan, date(2019, 1, 6)) == "long"  # "7k - ..."
    assert got[date(2019, 1, 8)] == labelled(plan, date(2019, 1, 8)) == "quality"  # practice
    assert "unsure" not in got.values()
    first, last = plan.spans[1]
    shown = read(plan, first, (last - first).days + 1, tmp_path, capsys)
    assert kinds(shown)[date(2019, 12, 19)] == labelled(plan, date(2019, 12, 19)) == "easy"  # 5k


# --- 7. Nothing dropped silently ------------------------------------------------------------------


def events_by_day(plan: CorpusPlan, first: date, last: date) -> Iterator[tuple[date, str]]:
    calendar = Calendar.from_ical(plan.calendar.read_bytes())
    for event in calendar.walk("VEVENT"):
        start = event.get("DTSTART").dt
        day = start if not hasattr(start, "date") else start.date()
        title = str(event.get("SUMMARY") or "").strip()
        if first <= day <= last and title:
            yield day, title


@pytest.mark.parametrize(
    "name",
    [
        "en-calendarhack-higdon-nov-5k",
        "en-calendarhack-boston-level-two",
        "ar-openc25k",
        "en-roadhammers-winter",
        "ja-openc25k",
    ],
)
def test_every_event_of_a_plan_ends_as_a_run_a_race_a_strength_day_or_not_a_run_with_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    plan = tuning_plan(name)
    first, last = plan.spans[0]
    shown = read(plan, first, min(366, (last - first).days + 1), tmp_path, capsys)
    shown_last = date.fromisoformat(shown["end"])
    read_as = {(d["date"], run["title"]) for d in shown["days"] for run in d["runs"] if run["kind"]}
    ignored = {(i["date"], i["title"]) for i in shown["ignored"] if i["reason"]}
    for day, title in events_by_day(plan, first, shown_last):
        assert (day.isoformat(), title) in read_as | ignored, f"{day} {title!r} was dropped"
