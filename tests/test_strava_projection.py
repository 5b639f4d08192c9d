"""The week projected from a Strava history: the real one in tests/fixtures and hand-built ones."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest

from runlift.sync.model import DayKind, Run
from runlift.sync.strava.activity import Activity, from_json
from runlift.sync.strava.kinds import RunKind, Usual, classify
from runlift.sync.strava.projection import project
from tests.paths import FIXTURES

HISTORY = FIXTURES / "strava" / "athlete-activities.json"
# The fixture's newest activity is on Sunday 2025-10-19: plan from the Monday after.
AS_OF = date(2025, 10, 20)
# Monday of the hand-built histories' "today".
TODAY = date(2026, 3, 2)
_ids = iter(range(1, 1_000_000))


@pytest.fixture(scope="module")
def real_history() -> list[Activity]:
    return [from_json(raw) for raw in json.loads(HISTORY.read_text(encoding="utf-8"))]


def run(
    day: date,
    km: float,
    pace_min_km: float = 6.0,
    name: str = "Morning Run",
    workout_type: int | None = 0,
    sport: str = "Run",
    hour: int = 7,
    utc_offset_h: int = 0,
) -> Activity:
    moving = round(km * pace_min_km * 60)
    local = datetime(day.year, day.month, day.day, hour)
    return Activity(
        id=next(_ids),
        name=name,
        sport_type=sport,
        workout_type=workout_type,
        start_local=local,
        start_utc=(local - timedelta(hours=utc_offset_h)).replace(tzinfo=UTC),
        distance_m=km * 1000,
        moving_time_s=moving,
        elapsed_time_s=moving + 60,
    )


def weeks_back(weekday: int, weeks: int = 8) -> list[date]:
    """The ``weeks`` dates of ``weekday`` in the weeks before TODAY."""
    last = TODAY - timedelta(days=7) + timedelta(days=weekday)
    return [last - timedelta(weeks=n) for n in range(weeks)]


def by_weekday(runs: list[Run]) -> dict[int, Run]:
    found: dict[int, Run] = {}
    for r in runs:
        assert r.day.weekday() not in found, "one projected run per weekday"
        found[r.day.weekday()] = r
    return found


def next_week(history: list[Activity], as_of: date = TODAY) -> dict[int, Run]:
    return by_weekday(project(history, as_of, as_of, as_of + timedelta(days=6)))


def test_the_real_history_projects_a_marathon_block_week(real_history: list[Activity]) -> None:
    week = next_week(real_history, AS_OF)
    kinds = {weekday: r.kind for weekday, r in week.items()}
    # Monday and Friday were run on at most once in the last eight weeks: rest.
    assert kinds == {
        1: DayKind.EASY,
        2: DayKind.QUALITY,  # marathon-pace and fast mid-week runs
        3: DayKind.EASY,
        5: DayKind.LONG,  # 22-35 km every Saturday
        6: DayKind.EASY,
    }
    assert week[1].confidence == "runs 7 of the last 8 Tuesdays, all easy"
    assert week[2].confidence == "runs 6 of the last 8 Wednesdays, 5 of them workouts"
    assert week[5].confidence == "runs 8 of the last 8 Saturdays, 6 of them long runs"
    assert week[5].title == "Usual Saturday long run"
    assert week[5].distance_m is not None and week[5].distance_m > 25_000
    assert all(r.source == "strava" for r in week.values())


def test_the_real_history_weekdays_come_from_local_time(real_history: list[Activity]) -> None:
    # "Toronto 8": 20:03 on Monday 14 July 2025 in New York, already Tuesday in UTC.
    toronto = next(a for a in real_history if a.id == 15116526192)
    assert toronto.start_utc.date() == date(2025, 7, 15)
    assert toronto.day == date(2025, 7, 14)
    done = project(real_history, date(2025, 7, 21), date(2025, 7, 14), date(2025, 7, 15))
    assert [(r.day, r.title) for r in done] == [(date(2025, 7, 14), "Toronto 8")]


def test_fixed_quality_days_are_projected_with_what_they_usually_are() -> None:
    history: list[Activity] = []
    for tuesday in weeks_back(1):
        history.append(run(tuesday, 10, 5.0, "6x800m @ 5k pace"))
    for day in weeks_back(0) + weeks_back(2) + weeks_back(4):
        history.append(run(day, 8, 6.0, "Easy run"))
    for thursday in weeks_back(3)[:6]:
        history.append(run(thursday, 11, 5.2, "Tempo 25 min"))
    for saturday in weeks_back(5):
        history.append(run(saturday, 26, 6.2, "Sunrise loop"))
    week = next_week(history)
    assert {d: r.kind for d, r in week.items()} == {
        0: DayKind.EASY,
        1: DayKind.QUALITY,
        2: DayKind.EASY,
        3: DayKind.QUALITY,
        4: DayKind.EASY,
        5: DayKind.LONG,
    }
    assert week[1].confidence == "runs 8 of the last 8 Tuesdays, 8 of them intervals"
    assert week[1].title == "Usual Tuesday interval session"
    assert week[3].confidence == "runs 6 of the last 8 Thursdays, 6 of them tempo runs"
    assert week[5].confidence == "runs 8 of the last 8 Saturdays, 8 of them long runs"
    assert week[0].confidence == "runs 8 of the last 8 Mondays, all easy"


def test_a_runner_without_a_pattern_gets_no_projected_runs() -> None:
    # Three runs a week on shifting days: no weekday is run in half of the weeks.
    days_per_week = [(0, 2, 4), (1, 3, 5), (6, 2, 0), (4, 1, 3), (5, 6, 0), (2, 4, 1), (3, 5, 6)]
    history = []
    for week, weekdays in enumerate(days_per_week, start=1):
        monday = TODAY - timedelta(weeks=week)
        for weekday in weekdays:
            km = 24 if weekday == weekdays[0] else 9
            history.append(run(monday + timedelta(days=weekday), km))
    assert project(history, TODAY, TODAY, TODAY + timedelta(days=13)) == []


def test_a_weekday_is_a_running_day_from_half_of_the_weeks_on() -> None:
    history = [run(day, 8) for day in weeks_back(1)[:4]] + [
        run(day, 8) for day in weeks_back(3)[:3]
    ]
    week = next_week(history)
    assert set(week) == {1}
    assert week[1].confidence == "runs 4 of the last 8 Tuesdays, all easy"


def test_a_runner_who_sets_workout_type_everywhere_is_taken_at_their_word() -> None:
    history: list[Activity] = []
    for tuesday in weeks_back(1):
        history.append(run(tuesday, 12, 5.0, "Club session", workout_type=3))
    for thursday in weeks_back(3):
        # Fast, but marked a plain run: for this athlete that means it was not a workout.
        history.append(run(thursday, 9, 5.0, "Thursday", workout_type=0))
    for saturday in weeks_back(5)[:5]:
        history.append(run(saturday, 5, 4.0, "parkrun", workout_type=1))
    for sunday in weeks_back(6):
        # Not far above the usual run, yet marked a long run.
        history.append(run(sunday, 14, 6.0, "Sunday", workout_type=2))
    week = next_week(history)
    assert {d: r.kind for d, r in week.items()} == {
        1: DayKind.QUALITY,
        3: DayKind.EASY,
        5: DayKind.QUALITY,
        6: DayKind.LONG,
    }
    assert week[5].confidence == "runs 5 of the last 8 Saturdays, 5 of them races"
    assert week[1].confidence == "runs 8 of the last 8 Tuesdays, 8 of them workouts"


def test_a_day_hard_less_than_half_the_time_stays_easy_and_says_so() -> None:
    wednesdays = weeks_back(2)
    history = [run(day, 8, 6.0, "Intervalle 5x1000m") for day in wednesdays[:3]]
    history += [run(day, 8, 6.0, "Lunch run") for day in wednesdays[3:]]
    week = next_week(history)
    assert week[2].kind is DayKind.EASY
    assert week[2].confidence == "runs 8 of the last 8 Wednesdays, 3 of them intervals"


def test_weekdays_come_from_the_local_wall_clock_not_utc() -> None:
    # 21:00 on Tuesdays in New York is Wednesday in UTC.
    history = [run(day, 10, 5.0, "Track 8x400", hour=21, utc_offset_h=-5) for day in weeks_back(1)]
    assert all(a.start_utc.weekday() == 2 for a in history)
    week = next_week(history)
    assert set(week) == {1}
    assert week[1].kind is DayKind.QUALITY


def test_days_already_run_show_what_was_done_and_today_is_projected_until_run() -> None:
    history = [run(day, 8, name="Easy") for day in weeks_back(0) + weeks_back(1)]
    history.append(run(TODAY - timedelta(days=1), 30, name="Sunday surprise"))
    runs = project(history, TODAY, TODAY - timedelta(days=1), TODAY + timedelta(days=1))
    assert [(r.day, r.kind, r.confidence[:4]) for r in runs] == [
        (TODAY - timedelta(days=1), DayKind.LONG, "done"),
        (TODAY, DayKind.EASY, "runs"),
        (TODAY + timedelta(days=1), DayKind.EASY, "runs"),
    ]
    ran_today = [*history, run(TODAY, 10, 5.0, name="Hill repeats 8x1'")]
    today = project(ran_today, TODAY, TODAY, TODAY)
    assert [(r.title, r.kind, r.confidence) for r in today] == [
        ("Hill repeats 8x1'", DayKind.QUALITY, "done")
    ]


def test_other_sports_do_not_make_running_days() -> None:
    history = [run(day, 2, sport="Swim") for day in weeks_back(0)]
    history += [run(day, 0, sport="WeightTraining", workout_type=30) for day in weeks_back(2)]
    assert project(history, TODAY, TODAY, TODAY + timedelta(days=6)) == []


USUAL = Usual(distance_m=10_000, moving_time_s=3600, speed_m_s=10_000 / 3600)


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("Intervalle 6x1000", RunKind.WORKOUT),
        ("Séries 10x400", RunKind.WORKOUT),
        ("Fractionné court", RunKind.WORKOUT),
        ("Schwellenlauf", RunKind.WORKOUT),
        ("Fartlek in the park", RunKind.WORKOUT),
        ("VO2max session", RunKind.WORKOUT),
        ("Ripetute in pista", RunKind.WORKOUT),
        ("Cuestas", RunKind.WORKOUT),
        ("7 mi (4 mi @ MP)", RunKind.WORKOUT),
        ("Easy with 6x20s strides", RunKind.EASY),
        ("Recovery jog", RunKind.EASY),
        ("Sortie longue", RunKind.LONG),
        ("Sunday run", RunKind.EASY),
        ("间歇跑 6x800", RunKind.WORKOUT),
        ("インターバル走", RunKind.WORKOUT),
        ("인터벌 트레이닝", RunKind.WORKOUT),
        ("LSD长距离慢跑", RunKind.LONG),
    ],
)
def test_titles_in_several_languages_name_the_workout(title: str, kind: RunKind) -> None:
    assert classify(run(TODAY, 10, 6.0, title), USUAL).kind is kind


def test_length_and_pace_classify_silent_runs() -> None:
    assert classify(run(TODAY, 18, 6.0), USUAL).kind is RunKind.LONG
    assert classify(run(TODAY, 9, 6.0 / 1.15), USUAL).kind is RunKind.WORKOUT
    # Short and fast is not a session; slow and long-ish below the floor is not long.
    assert classify(run(TODAY, 4, 4.5), USUAL).kind is RunKind.EASY
    assert classify(run(TODAY, 11.5, 6.5), USUAL).kind is RunKind.EASY
